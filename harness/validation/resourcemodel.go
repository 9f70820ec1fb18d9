package validation

import (
	"fmt"
	"slices"
	"strings"

	"github.com/graphdoc/graphdoc/harness/pagemodel"
)

// PropertyLister is a model that can list the properties of a type; a
// model loaded from CSDL implements it.
type PropertyLister interface {
	// PropertyNames returns the structural and navigation property names
	// of a type, inherited ones included, and whether the model has it.
	PropertyNames(typeName string) (structural, navigation []string, ok bool)
}

// resourceAgainstModel compares each resource block the page defines with
// the model's type of that name: a property the page documents that the
// model lacks, and a structural property of the model the page leaves
// out, are resource-table-mismatch findings. It runs only when the
// configuration asks for it, because the bundled schemas and self-made
// pages describe parts of types.
func (v *pageValidator) resourceAgainstModel(model *pagemodel.Model) {
	lister, ok := v.model.(PropertyLister)
	if !ok || !v.cfg.ResourcesAgainstModel {
		return
	}

	for _, t := range model.Types {
		structural, navigation, found := lister.PropertyNames(t.Name)
		if !found {
			continue
		}
		documented := map[string]bool{}
		for _, p := range append(slices.Clone(t.JSON), t.Table...) {
			documented[p.Name] = true
		}

		var extra, missing []string
		for name := range documented {
			if !slices.Contains(structural, name) && !slices.Contains(navigation, name) && !strings.Contains(name, "@") {
				extra = append(extra, name)
			}
		}
		for _, name := range structural {
			if !documented[name] {
				missing = append(missing, name)
			}
		}
		slices.Sort(extra)
		slices.Sort(missing)

		var parts []string
		if len(extra) > 0 {
			parts = append(parts, fmt.Sprintf("documents %s, which the model's %s lacks", strings.Join(extra, ", "), t.Name))
		}
		if len(missing) > 0 {
			parts = append(parts, fmt.Sprintf("leaves out the model's %s", strings.Join(missing, ", ")))
		}
		if len(parts) == 0 {
			continue
		}
		v.report("resource-table-mismatch", t.Block.Line, 1, "", fmt.Sprintf("the %s resource %s", v.versionName(), strings.Join(parts, "; it ")))
	}
}
