package validation

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/graphdoc/graphdoc/harness/finding"
	"github.com/graphdoc/graphdoc/harness/pagemodel"
)

// PropertyLister is a model that can list the properties of a type; a
// model loaded from CSDL implements it.
type PropertyLister interface {
	// PropertyNames returns the property names of a type and whether the
	// model has it.
	PropertyNames(typeName string) (TypeProperties, bool)
}

// TypeProperties lists the property names of a model type.
type TypeProperties struct {
	// Structural and Navigation include inherited properties.
	Structural, Navigation []string
	// Declared lists the structural properties the type itself declares.
	Declared []string
	// Open reports an open type, which takes properties it does not declare.
	Open bool
}

var identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// resourceAgainstModel compares each resource block the page defines with
// the model's type of that name. A property the page documents that the
// model lacks is an error, or a warning on an open type. A structural
// property that the type itself declares and the page leaves out is a
// warning. Inherited ones are not reported, because resource pages often
// leave them to the base type's page. It runs only when the configuration
// requests it, because the bundled schemas and self-made pages describe
// parts of types.
func (v *pageValidator) resourceAgainstModel(model *pagemodel.Model) {
	lister, ok := v.model.(PropertyLister)
	if !ok || !v.cfg.ResourcesAgainstModel {
		return
	}

	for _, t := range model.Types {
		properties, found := lister.PropertyNames(t.Name)
		if !found {
			continue
		}
		documented := map[string]bool{}
		for _, p := range append(slices.Clone(t.JSON), t.Table...) {
			documented[p.Name] = true
		}

		var extra, missing []string
		for name := range documented {
			// Names that are no OData identifier, such as "String-value",
			// stand for the dynamic properties of open types.
			if !slices.Contains(properties.Structural, name) && !slices.Contains(properties.Navigation, name) && identifier.MatchString(name) {
				extra = append(extra, name)
			}
		}
		for _, name := range properties.Declared {
			if !documented[name] {
				missing = append(missing, name)
			}
		}
		slices.Sort(extra)
		slices.Sort(missing)

		if len(extra) > 0 {
			message := fmt.Sprintf("the %s resource documents %s, which the model's %s lacks", v.versionName(), strings.Join(extra, ", "), t.Name)
			f := v.report("resource-table-mismatch", t.Block.Line, 1, "", message)
			if properties.Open {
				// An open type takes undeclared properties, so the page
				// may be right and the model behind.
				f.Severity = finding.Warning
				f.Message += " (the type is open, so the service may still return them)"
			}
		}
		if len(missing) > 0 {
			f := v.report("resource-table-mismatch", t.Block.Line, 1, "", fmt.Sprintf("the %s resource leaves out %s, which the model's %s declares", v.versionName(), strings.Join(missing, ", "), t.Name))
			f.Severity = finding.Warning
		}
	}
}
