package schema

import (
	"fmt"
	"strings"

	"github.com/graphdoc/graphdoc/harness/csdl"
)

// Resolution is the outcome of resolving a type name with Resolve.
type Resolution int

// Resolutions. Every one but Found and FoundIgnoringCase means the
// validator has no schema for the name.
const (
	// Found: the model defines the name exactly as given.
	Found Resolution = iota + 1
	// FoundIgnoringCase: the model defines the name only when letter case
	// is ignored (rule odata-type-case-mismatch).
	FoundIgnoringCase
	// Unqualified: the name has no namespace (rule odata-type-unqualified).
	Unqualified
	// UnknownNamespace: the namespace is neither one of the model's nor
	// microsoft.graph or a microsoft.graph sub-namespace (rule
	// odata-type-unknown).
	UnknownNamespace
	// NotInModel: the namespace is a Graph namespace, but the model does
	// not define the type.
	NotInModel
	// Primitive: an Edm primitive type, qualified ("Edm.Stream") or not
	// ("String", as OData JSON writes primitive @odata.type values, and
	// "string" or "stream", as Graph page annotations do). Letter case is
	// ignored. Validate checks no body against a primitive type.
	Primitive
)

// String returns a short lower-case description.
func (r Resolution) String() string {
	switch r {
	case Found:
		return "found"
	case FoundIgnoringCase:
		return "found ignoring case"
	case Unqualified:
		return "unqualified"
	case UnknownNamespace:
		return "unknown namespace"
	case NotInModel:
		return "not in model"
	case Primitive:
		return "primitive"
	}
	return fmt.Sprintf("Resolution(%d)", int(r))
}

// typeTable holds what the validator needs from the model besides the
// compiled schema: names, base types and property types. It is read-only
// once built.
type typeTable struct {
	types map[string]*typeInfo
	// folded maps lower-cased qualified names to the canonical ones.
	folded  map[string]string
	aliases map[string]string
}

type typeInfo struct {
	name string
	// base is the qualified base type name, or "".
	base string
	enum bool
	// members lists the members of an enum that is not a flags enum.
	members []string
	// properties holds the structural and navigation properties of the
	// whole base-type chain; folded maps their lower-cased names to them.
	properties map[string]propertyInfo
	folded     map[string]string
}

type propertyInfo struct {
	typeName   string
	navigation bool
}

func newTypeTable() *typeTable {
	return &typeTable{types: map[string]*typeInfo{}, folded: map[string]string{}, aliases: map[string]string{}}
}

func (tt *typeTable) add(info *typeInfo) {
	tt.types[info.name] = info
	key := strings.ToLower(info.name)
	if _, ok := tt.folded[key]; !ok {
		tt.folded[key] = info.name
	}
}

func (info *typeInfo) addProperty(name string, p propertyInfo) {
	info.properties[name] = p
	key := strings.ToLower(name)
	if _, ok := info.folded[key]; !ok {
		info.folded[key] = name
	}
}

// tableFromModel builds the table straight from a CSDL model.
func tableFromModel(model *csdl.Model) *typeTable {
	tt := newTypeTable()
	for _, s := range model.Schemas {
		if s.Alias != "" {
			tt.aliases[s.Alias] = s.Namespace
		}
	}

	for _, t := range model.Types() {
		info := &typeInfo{name: t.QualifiedName(), properties: map[string]propertyInfo{}, folded: map[string]string{}}
		switch t := t.(type) {
		case *csdl.EnumType:
			info.enum = true
			if !t.IsFlags {
				for _, m := range t.Members {
					info.members = append(info.members, m.Name)
				}
			}
		case *csdl.StructuredType:
			info.base = t.BaseType
			for _, p := range model.Properties(t) {
				info.addProperty(p.Name, propertyInfo{typeName: p.Type})
			}
			for _, p := range model.NavigationProperties(t) {
				info.addProperty(p.Name, propertyInfo{typeName: p.Type, navigation: true})
			}
		}
		tt.add(info)
	}
	return tt
}

// tableFromDefinitions rebuilds the table from the x-odata keywords of
// generated definitions.
func tableFromDefinitions(definitions map[string]any) (*typeTable, error) {
	tt := newTypeTable()
	for name, raw := range definitions {
		def, ok := raw.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("definition %s is not an object", name)
		}
		info := &typeInfo{name: name, properties: map[string]propertyInfo{}, folded: map[string]string{}}

		// A type with derived types has its own shape in "else".
		shape := def
		if inner, ok := def["else"].(map[string]any); ok {
			shape = inner
		}
		switch shape["type"] {
		case "string":
			info.enum = true
			for _, m := range asSlice(shape["enum"]) {
				if m, ok := m.(string); ok {
					info.members = append(info.members, m)
				}
			}
		case "object":
			info.base, _ = shape[keyBaseType].(string)
			properties, _ := shape["properties"].(map[string]any)
			for propertyName, raw := range properties {
				if propertyName == odataTypeKey {
					continue
				}
				p, _ := raw.(map[string]any)
				typeName, _ := p[keyODataType].(string)
				navigation, _ := p[keyNavigation].(bool)
				info.addProperty(propertyName, propertyInfo{typeName: typeName, navigation: navigation})
			}
		default:
			return nil, fmt.Errorf("definition %s is neither an object type nor an enum type", name)
		}
		tt.add(info)
	}
	return tt, nil
}

func asSlice(v any) []any {
	s, _ := v.([]any)
	return s
}

// resolve implements Validator.Resolve.
func (tt *typeTable) resolve(name string) (string, Resolution) {
	name = strings.TrimPrefix(strings.TrimSpace(name), "#")
	name, _ = csdl.ElementType(name)
	if isPrimitiveName(name) {
		return name, Primitive
	}
	dot := strings.LastIndexByte(name, '.')
	if dot <= 0 || dot == len(name)-1 {
		return name, Unqualified
	}
	if namespace, ok := tt.aliases[name[:dot]]; ok {
		name = namespace + name[dot:]
		dot = len(namespace)
	}

	if _, ok := tt.types[name]; ok {
		return name, Found
	}
	if canonical, ok := tt.folded[strings.ToLower(name)]; ok {
		return canonical, FoundIgnoringCase
	}
	if namespace := name[:dot]; namespace != "microsoft.graph" && !strings.HasPrefix(namespace, "microsoft.graph.") {
		return name, UnknownNamespace
	}
	return name, NotInModel
}

// primitiveNames holds the lower-cased names of the Edm primitive types
// that are not spatial.
var primitiveNames = map[string]bool{
	"binary": true, "boolean": true, "byte": true, "date": true, "datetimeoffset": true,
	"decimal": true, "double": true, "duration": true, "guid": true, "int16": true,
	"int32": true, "int64": true, "sbyte": true, "single": true, "stream": true,
	"string": true, "timeofday": true, "untyped": true, "primitivetype": true,
}

// isPrimitiveName reports whether name is an Edm primitive type name,
// with or without the Edm namespace, in any letter case.
func isPrimitiveName(name string) bool {
	lower := strings.ToLower(name)
	if rest, ok := strings.CutPrefix(lower, "edm."); ok {
		lower = rest
	} else if strings.Contains(lower, ".") {
		return false
	}
	return primitiveNames[lower] || strings.HasPrefix(lower, "geography") || strings.HasPrefix(lower, "geometry")
}

// structured returns the entity or complex type named name, or nil.
func (tt *typeTable) structured(name string) *typeInfo {
	info := tt.types[name]
	if info == nil || info.enum {
		return nil
	}
	return info
}

// derives reports whether the type named derived has base among its
// ancestors. A chain that leaves the table or loops ends the search.
func (tt *typeTable) derives(derived, base string) bool {
	seen := map[string]bool{}
	for name := derived; name != "" && !seen[name]; {
		seen[name] = true
		info := tt.types[name]
		if info == nil {
			return false
		}
		if info.base == base {
			return true
		}
		name = info.base
	}
	return false
}

// related reports whether a and b are the same type or one derives from
// the other.
func (tt *typeTable) related(a, b string) bool {
	return a == b || tt.derives(a, b) || tt.derives(b, a)
}
