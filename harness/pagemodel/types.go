package pagemodel

import (
	"encoding/json"
	"strings"
)

// primitiveKinds maps the lower-case names of primitive types, as tables
// and resource blocks write them, to their kinds.
var primitiveKinds = map[string]Kind{
	"string":         String,
	"guid":           String,
	"date":           String,
	"timeofday":      String,
	"duration":       String,
	"binary":         String,
	"url":            String,
	"datetimeoffset": DateTimeOffset,
	"datetime":       DateTimeOffset,
	"timestamp":      DateTimeOffset,
	"int16":          Integer,
	"int32":          Integer,
	"int64":          Integer,
	"integer":        Integer,
	"int":            Integer,
	"byte":           Integer,
	"sbyte":          Integer,
	"double":         Number,
	"single":         Number,
	"decimal":        Number,
	"float":          Number,
	"boolean":        Boolean,
	"bool":           Boolean,
	"stream":         Stream,
}

// placeholder reads the value that a resource block gives a property.
func placeholder(value any) *Property {
	switch v := value.(type) {
	case string:
		return stringPlaceholder(v)
	case bool:
		return &Property{Kind: Boolean, TypeName: "Boolean", Literal: true}
	case json.Number:
		return &Property{Kind: Number, TypeName: "Number", Literal: true}
	case map[string]any:
		name, _ := v["@odata.type"].(string)
		if name == "" {
			return &Property{Kind: Unknown}
		}
		name, collection := unwrapCollection(strings.TrimPrefix(name, "#"))
		// Some pages write a primitive placeholder as the @odata.type:
		// {"@odata.type": "String (timestamp)"}.
		if p := stringPlaceholder(name); p.Kind != Unknown && p.Kind != Named {
			p.Collection = collection
			return p
		}
		return &Property{Kind: Complex, TypeName: name, Collection: collection}
	case []any:
		if len(v) == 0 {
			return &Property{Kind: Unknown, Collection: true}
		}
		p := placeholder(v[0])
		if p.Collection {
			// Graph has no collection of collections, so the page
			// cannot mean one and nothing in it is checked.
			return &Property{Kind: Unknown, Collection: true}
		}
		p.Collection = true
		return p
	}
	return &Property{Kind: Unknown}
}

// stringPlaceholder reads a placeholder such as "Int32" or
// "String (timestamp)". A string that names no type is a sample value and
// accepts anything.
func stringPlaceholder(text string) *Property {
	trimmed := strings.TrimSpace(text)
	base, note, _ := strings.Cut(trimmed, "(")
	base = strings.TrimSpace(base)
	note = strings.ToLower(strings.TrimSuffix(strings.TrimSpace(note), ")"))

	kind, ok := primitiveKind(base)
	switch {
	case !ok && isGraphNamespace(namespaceOf(trimmed)):
		// A type name stands for an enum, or for a structured type.
		return &Property{Kind: Named, TypeName: trimmed}
	case !ok:
		return &Property{Kind: Unknown}
	}
	if kind == String && note == "timestamp" {
		return &Property{Kind: DateTimeOffset, TypeName: "DateTimeOffset"}
	}
	return &Property{Kind: kind, TypeName: base}
}

// primitiveKind returns the kind of a primitive type name, with or
// without the Edm namespace.
func primitiveKind(name string) (Kind, bool) {
	lower := strings.ToLower(strings.TrimSpace(name))
	lower = strings.TrimPrefix(lower, "edm.")
	kind, ok := primitiveKinds[lower]
	return kind, ok
}

// typeCell reads the Type cell of a table row, such as "String",
// "itemReference collection" or "Collection(microsoft.graph.x)".
func typeCell(text string) (kind Kind, name string, collection bool) {
	name = strings.TrimSpace(text)
	if lower := strings.ToLower(name); strings.HasSuffix(lower, " collection") {
		name, collection = strings.TrimSpace(name[:len(name)-len(" collection")]), true
	}
	if unwrapped, wrapped := unwrapCollection(name); wrapped {
		name, collection = unwrapped, true
	}
	if name == "" {
		return Unknown, "", collection
	}
	if kind, ok := primitiveKind(name); ok {
		return kind, name, collection
	}
	if strings.ContainsAny(name, " ,/|") {
		// Prose such as "String or null" names no single type.
		return Unknown, name, collection
	}
	return Named, name, collection
}

// unwrapCollection splits "Collection(x)" into x and true.
func unwrapCollection(name string) (string, bool) {
	const prefix = "collection("
	trimmed := strings.TrimSpace(name)
	if len(trimmed) > len(prefix) && strings.EqualFold(trimmed[:len(prefix)], prefix) && strings.HasSuffix(trimmed, ")") {
		return strings.TrimSpace(trimmed[len(prefix) : len(trimmed)-1]), true
	}
	return trimmed, false
}

// describe names a property's type for messages, such as "Int32" or
// "String collection".
func (p *Property) describe() string {
	name := p.TypeName
	switch {
	case p.Kind == Enum && name == "":
		name = "enum"
	case name == "":
		name = "any type"
	}
	if p.Collection {
		name += " collection"
	}
	return name
}
