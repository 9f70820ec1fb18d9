package validation

import "github.com/graphdoc/graphdoc/harness/pagemodel"

// pageRules runs the rules that check a page against itself: its examples
// against its HTTP request section, its names, sections and parameters,
// and its bodies against the types it defines.
func (v *pageValidator) pageRules() {
	model := pagemodel.Build(v.page)

	v.syntaxRules()
	v.duplicateNames()
	v.permissionsSection()
	v.pagingLinks()
	v.dateTimeParameters(model)
	for _, example := range v.page.Examples {
		if example.Response != nil {
			v.navigationExpands(model, example)
		}
	}
	v.inPageRules(model)
	v.resourceAgainstModel(model)
}
