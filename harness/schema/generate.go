package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/graphdoc/graphdoc/harness/csdl"
)

// Keywords of the generated documents. The x- keywords carry the OData
// type of each definition and property. Validators ignore them, and
// LoadValidator reads them back to map errors to the model.
const (
	keyODataType  = "x-odata-type"
	keyBaseType   = "x-odata-base-type"
	keyNavigation = "x-odata-navigation"

	draft07        = "http://json-schema.org/draft-07/schema#"
	definitionsRef = "#/definitions/"

	// controlPattern matches OData control information and instance
	// annotations, alone (@odata.etag) or on a property (photo@odata.mediaReadLink).
	controlPattern = `^[^@]*@(odata|microsoft\.graph)\.`
	odataTypeKey   = "@odata.type"

	generatedComment = "Generated from CSDL by graphdoc's harness/schema package; regenerate with go generate, do not edit."
)

// anyJSONType is the Graph complex type that stands for any JSON value
// (workbook ranges use it for arrays of arrays). CSDL declares it as an
// empty complex type, which would accept only objects.
const anyJSONType = "microsoft.graph.Json"

var controlRegexp = regexp.MustCompile(controlPattern)

// Generate returns the JSON Schema (draft-07) document for the named type
// of model. The document is self-contained: its definitions hold the type,
// every type derived from it and every type its properties use, each
// under its namespace-qualified name. The output is the same, byte for
// byte, for the same model and name.
//
// typeName may be qualified by namespace or alias, or unqualified when
// one schema of the model defines it. An unknown name is an error.
func Generate(model *csdl.Model, typeName string) ([]byte, error) {
	root, err := lookupType(model, typeName)
	if err != nil {
		return nil, err
	}

	definitions := map[string]any{}
	for _, t := range closure(model, root) {
		definitions[t.QualifiedName()] = definition(model, t)
	}
	document := map[string]any{
		"$schema":     draft07,
		"$comment":    generatedComment,
		"$ref":        definitionsRef + root.QualifiedName(),
		"title":       root.QualifiedName(),
		"definitions": definitions,
	}
	return encode(document)
}

// lookupType finds a type by qualified name, or by unqualified name in
// the first schema that defines it.
func lookupType(model *csdl.Model, name string) (csdl.Type, error) {
	if t, ok := model.Lookup(name); ok {
		return t, nil
	}
	if !strings.Contains(name, ".") {
		for _, s := range model.Schemas {
			if t, ok := model.Lookup(s.Namespace + "." + name); ok {
				return t, nil
			}
		}
	}
	return nil, fmt.Errorf("type %s: not found in the model", name)
}

// closure returns root, the types derived from every structured type
// reached, and the types of their properties, sorted by qualified name.
func closure(model *csdl.Model, root csdl.Type) []csdl.Type {
	seen := map[string]csdl.Type{}
	queue := []csdl.Type{root}
	add := func(t csdl.Type) {
		if _, ok := seen[t.QualifiedName()]; !ok {
			seen[t.QualifiedName()] = t
			queue = append(queue, t)
		}
	}
	seen[root.QualifiedName()] = root

	for len(queue) > 0 {
		t := queue[0]
		queue = queue[1:]
		st, ok := t.(*csdl.StructuredType)
		if !ok {
			continue
		}
		for _, d := range model.DerivedTypes(st) {
			add(d)
		}
		for _, typeName := range propertyTypes(model, st) {
			if used, ok := model.Lookup(typeName); ok {
				add(used)
			}
		}
	}

	all := make([]csdl.Type, 0, len(seen))
	for _, t := range seen {
		all = append(all, t)
	}
	slices.SortFunc(all, func(a, b csdl.Type) int { return strings.Compare(a.QualifiedName(), b.QualifiedName()) })
	return all
}

// propertyTypes returns the element type names of every structural and
// navigation property of st, inherited ones included.
func propertyTypes(model *csdl.Model, st *csdl.StructuredType) []string {
	var names []string
	for _, p := range model.Properties(st) {
		element, _ := csdl.ElementType(p.Type)
		names = append(names, element)
	}
	for _, p := range model.NavigationProperties(st) {
		element, _ := csdl.ElementType(p.Type)
		names = append(names, element)
	}
	return names
}

// definition returns the schema that references to t point at.
func definition(model *csdl.Model, t csdl.Type) map[string]any {
	switch t := t.(type) {
	case *csdl.EnumType:
		return enumSchema(t)
	case *csdl.StructuredType:
		shape := shapeSchema(model, t)
		derived := model.DerivedTypes(t)
		if len(derived) == 0 {
			return shape
		}
		return dispatchSchema(t, derived, shape)
	}
	return map[string]any{}
}

// dispatchSchema validates an object whose @odata.type names a type
// derived from t against that type, and any other object against shape.
func dispatchSchema(t *csdl.StructuredType, derived []*csdl.StructuredType, shape map[string]any) map[string]any {
	var names []string
	branches := make([]any, 0, len(derived))
	for _, d := range derived {
		names = append(names, d.QualifiedName())
		branches = append(branches, map[string]any{
			"if": map[string]any{
				"properties": map[string]any{odataTypeKey: map[string]any{"enum": typeValues(d.QualifiedName())}},
			},
			"then": map[string]any{"$ref": definitionsRef + d.QualifiedName()},
		})
	}

	return map[string]any{
		keyODataType: t.QualifiedName(),
		"if": map[string]any{
			"properties": map[string]any{odataTypeKey: map[string]any{"enum": typeValues(names...)}},
			"required":   []string{odataTypeKey},
		},
		"then": map[string]any{"allOf": branches},
		"else": shape,
	}
}

// shapeSchema describes an object of exactly type t: the properties of
// its whole base-type chain, and an @odata.type that names t or one of
// its ancestors.
func shapeSchema(model *csdl.Model, t *csdl.StructuredType) map[string]any {
	properties := map[string]any{}
	var declared, required []string
	for _, p := range model.Properties(t) {
		properties[p.Name] = propertySchema(model, p.Type, p.Nullable, false)
		declared = append(declared, p.Name)
		if !p.Nullable && p.Type != "Edm.Stream" {
			required = append(required, p.Name)
		}
	}
	for _, p := range model.NavigationProperties(t) {
		properties[p.Name] = propertySchema(model, p.Type, p.Nullable, true)
		declared = append(declared, p.Name)
	}

	related := []string{t.QualifiedName()}
	for _, base := range model.BaseTypes(t) {
		related = append(related, base.QualifiedName())
	}
	properties[odataTypeKey] = map[string]any{"enum": typeValues(related...)}

	shape := map[string]any{
		keyODataType: t.QualifiedName(),
		"type":       "object",
		"properties": properties,
	}
	if t.BaseType != "" {
		shape[keyBaseType] = t.BaseType
	}
	if !model.IsOpen(t) {
		shape["additionalProperties"] = false
		shape["patternProperties"] = map[string]any{controlPattern: map[string]any{}}
	}
	if len(declared) > 0 && model.IsOpen(t) {
		// A closed type reports a case variant as an additional property,
		// and Validate looks up the declared spelling. An open type
		// accepts any name, so only this check catches a case variant.
		shape["propertyNames"] = caseVariantCheck(declared)
	}
	if len(required) > 0 {
		slices.Sort(required)
		shape["required"] = required
	}
	return shape
}

// caseVariantCheck rejects a property name that equals a declared name
// only when letter case is ignored. It wraps the test in "not", so that
// gojsonschema reports only invalid_property_name and not the inner
// keyword's error.
func caseVariantCheck(declared []string) map[string]any {
	names := slices.Clone(declared)
	slices.Sort(names)
	names = slices.Compact(names)
	quoted := make([]string, len(names))
	for i, name := range names {
		quoted[i] = regexp.QuoteMeta(name)
	}
	return map[string]any{
		"not": map[string]any{
			"pattern": "(?i)^(?:" + strings.Join(quoted, "|") + ")$",
			"not":     map[string]any{"enum": names},
		},
	}
}

// propertySchema returns the schema of a property of the given type.
func propertySchema(model *csdl.Model, typeName string, nullable, navigation bool) map[string]any {
	element, collection := csdl.ElementType(typeName)
	var s map[string]any
	if collection {
		// Nullable applies to the elements; the collection itself is
		// never null in OData JSON.
		s = map[string]any{"type": "array", "items": valueSchema(model, element, nullable)}
	} else {
		s = valueSchema(model, element, nullable)
	}

	s[keyODataType] = typeName
	if navigation {
		s[keyNavigation] = true
	}
	return s
}

// valueSchema returns the schema of one value of the named type.
func valueSchema(model *csdl.Model, name string, nullable bool) map[string]any {
	if csdl.IsPrimitive(name) {
		if s := primitiveSchema(name, nullable); s != nil {
			return s
		}
		// Edm.Stream: any value at all is an error.
		return map[string]any{"allOf": []any{false}}
	}

	t, ok := model.Lookup(name)
	if !ok {
		// NOTE: a type the model lacks (a navigation target left out of
		// an extract) accepts any value.
		return map[string]any{}
	}
	if t.QualifiedName() == anyJSONType {
		return map[string]any{}
	}
	ref := map[string]any{"$ref": definitionsRef + t.QualifiedName()}
	if nullable {
		return map[string]any{"if": map[string]any{"type": "null"}, "else": ref}
	}
	return map[string]any{"allOf": []any{ref}}
}

// enumSchema accepts a member name, or for a flags enum a comma-separated
// list of member names; members are compared case-sensitively.
func enumSchema(t *csdl.EnumType) map[string]any {
	s := map[string]any{keyODataType: t.QualifiedName(), "type": "string"}
	if len(t.Members) == 0 {
		return s
	}
	members := make([]string, len(t.Members))
	for i, m := range t.Members {
		members[i] = m.Name
	}

	if !t.IsFlags {
		s["enum"] = members
		return s
	}
	quoted := make([]string, len(members))
	for i, m := range members {
		quoted[i] = regexp.QuoteMeta(m)
	}
	alternatives := "(?:" + strings.Join(quoted, "|") + ")"
	s["pattern"] = "^" + alternatives + "(?:," + alternatives + ")*$"
	return s
}

// typeValues returns the @odata.type values that name the given types:
// each name with and without the leading "#", sorted.
func typeValues(names ...string) []string {
	values := make([]string, 0, 2*len(names))
	for _, name := range names {
		values = append(values, name, "#"+name)
	}
	slices.Sort(values)
	return values
}

// encode writes a document with sorted keys, two-space indentation and a
// trailing newline.
func encode(document any) ([]byte, error) {
	var buf bytes.Buffer
	encoder := json.NewEncoder(&buf)
	encoder.SetEscapeHTML(false)
	encoder.SetIndent("", "  ")
	if err := encoder.Encode(document); err != nil {
		return nil, fmt.Errorf("encode schema: %w", err)
	}
	return buf.Bytes(), nil
}
