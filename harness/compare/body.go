package compare

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/graphdoc/graphdoc/harness/finding"
)

// differ collects the differences between a documented and an actual body.
type differ struct {
	truncated bool
	isDerived func(actual, documented string) bool
	findings  []finding.Finding
}

func (d *differ) report(rule, pointer, message string) {
	d.findings = append(d.findings, newFinding(rule, pointer, message))
}

// compareBody compares an actual body with a documented body that is known
// to be valid JSON.
func (d *differ) compareBody(documented, actual []byte) {
	if len(bytes.TrimSpace(actual)) == 0 {
		d.report("response-not-json", "", "documented a JSON body, got an empty body")
		return
	}
	got, err := parseShape(actual)
	if err != nil {
		d.report("response-not-json", "", fmt.Sprintf("documented a JSON body, got one that is not valid JSON: %v", err))
		return
	}
	want, err := parseShape(documented)
	if err != nil {
		// NOTE: the extractor's strict JSON check and json.Valid may
		// disagree on rare input; such a documented body is not compared.
		return
	}

	// A collection is an object whose "value" is an array.
	wantCollection, gotCollection := isCollection(want), isCollection(got)
	if want.kinds == kindObject && got.kinds == kindObject && wantCollection != gotCollection {
		if wantCollection {
			d.report("collection-shape-mismatch", "", `documented a collection {"value": [...]}, got a single object`)
		} else {
			d.report("collection-shape-mismatch", "/value", `documented a single object, got a collection {"value": [...]}`)
		}
		return
	}

	d.compare(want, got)
}

func isCollection(s *shape) bool {
	value, ok := s.fields["value"]
	return s.kinds == kindObject && ok && value.kinds&kindArray != 0
}

// compare compares the documented and actual shapes of one position.
func (d *differ) compare(want, got *shape) {
	// null agrees with every type: the docs show null for a property that
	// has no value in the example, and services send null for unset ones.
	wantKinds, gotKinds := want.kinds&^kindNull, got.kinds&^kindNull
	if wantKinds != 0 && gotKinds != 0 {
		if extra := gotKinds &^ wantKinds; extra != 0 {
			k := firstKind(extra)
			d.report("type-mismatch", got.pointer(k),
				fmt.Sprintf("value is %s, documented %s", kindNames[bitIndex(k)], wantKinds.names()))
		}
	}

	if wantKinds&gotKinds&kindObject != 0 {
		d.compareObjects(want, got)
	}
	if wantKinds&gotKinds&kindArray != 0 && want.members != nil && got.members != nil {
		d.compare(want.members, got.members)
	}
}

func (d *differ) compareObjects(want, got *shape) {
	d.compareTypes(want, got)

	objectPointer := got.pointer(kindObject)
	for _, name := range want.order {
		gotField, ok := got.fields[name]
		if !ok {
			d.report("documented-property-missing", objectPointer+"/"+escapePointer(name),
				fmt.Sprintf("documented property %q is missing", name))
			continue
		}
		d.compare(want.fields[name], gotField)
	}

	if d.truncated {
		return
	}
	for _, name := range got.order {
		if _, ok := want.fields[name]; ok {
			continue
		}
		d.report("property-undocumented", got.fields[name].first,
			fmt.Sprintf("property %q is not in the documented response", name))
	}
}

// compareTypes checks that each actual @odata.type is one of the documented
// ones or derived from one. An object without @odata.type is not checked.
func (d *differ) compareTypes(want, got *shape) {
	if len(want.types) == 0 {
		return
	}
	for _, actual := range got.types {
		if d.typeAgrees(actual.name, want.types) {
			continue
		}
		d.report("response-odata-type-mismatch", actual.pointer,
			fmt.Sprintf("@odata.type is %s, documented %s", actual.name, typeNames(want.types)))
	}
}

func (d *differ) typeAgrees(actual string, documented []typeAt) bool {
	for _, want := range documented {
		if actual == want.name || (d.isDerived != nil && d.isDerived(actual, want.name)) {
			return true
		}
	}
	return false
}

func typeNames(types []typeAt) string {
	names := make([]string, len(types))
	for i, t := range types {
		names[i] = t.name
	}
	return strings.Join(names, " or ")
}
