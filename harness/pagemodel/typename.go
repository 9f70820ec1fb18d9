package pagemodel

import (
	"fmt"
	"slices"
	"strings"
)

// graphNamespace is the namespace of the Graph types. Its sub-namespaces,
// such as microsoft.graph.security, belong to Graph too.
const graphNamespace = "microsoft.graph"

// Rule ids of the catalogue that Issues carry.
const (
	RuleTypeMismatch     = "type-mismatch"
	RulePropertyCase     = "property-case-mismatch"
	RuleEnumValue        = "enum-value-invalid"
	RuleStreamValue      = "stream-property-value"
	RuleTypeUnqualified  = "odata-type-unqualified"
	RuleTypeUnknown      = "odata-type-unknown"
	RuleTypeCase         = "odata-type-case-mismatch"
	RuleResourceMismatch = "resource-table-mismatch"
)

// toolingNamespace prefixes the names that the Graph docs tooling gives
// request bodies in request annotations, such as
// requestBodyResourceFor.range_row. These name no Graph type.
const toolingNamespace = "requestBodyResourceFor"

// ResolveType looks up an @odata.type value, with or without '#' and a
// Collection(...) wrapper, among the page's types. It returns the type,
// or nil when the page does not define it, and the issues of the name
// itself: no namespace, a namespace outside microsoft.graph, or a page
// type that matches only when case is ignored (then that type is
// returned). Primitive type names, such as Edm.String or the unqualified
// String that OData JSON allows, give neither a type nor an issue.
func (m *Model) ResolveType(value string) (*Type, []Issue) {
	name := bareTypeName(value)
	if name == "" || isEdmPrimitive(name) {
		return nil, nil
	}

	namespace := namespaceOf(name)
	if namespace == "" {
		return nil, []Issue{{Rule: RuleTypeUnqualified, Message: fmt.Sprintf("@odata.type %q has no namespace; write #%s.%s", value, graphNamespace, name)}}
	}
	if strings.EqualFold(namespace, "Edm") || namespace == toolingNamespace {
		return nil, nil
	}
	if !isGraphNamespace(namespace) {
		return nil, []Issue{{Rule: RuleTypeUnknown, Message: fmt.Sprintf("@odata.type %q is in the namespace %s, which is not %s or one of its sub-namespaces", value, namespace, graphNamespace)}}
	}

	if t := m.Type(name); t != nil {
		return t, nil
	}
	if t := m.TypeFold(name); t != nil {
		return t, []Issue{{Rule: RuleTypeCase, Message: fmt.Sprintf("@odata.type %q differs only in letter case from the type %s that the page defines", value, t.Name)}}
	}
	return nil, nil
}

// edmPrimitives lists the primitive types of OData CSDL 4.01, lower-cased.
var edmPrimitives = []string{
	"binary", "boolean", "byte", "date", "datetimeoffset", "decimal",
	"double", "duration", "guid", "int16", "int32", "int64", "sbyte",
	"single", "stream", "string", "timeofday", "untyped",
}

// isEdmPrimitive reports whether name is a primitive type, with or
// without the Edm namespace, in any letter case. Geography and Geometry
// types count too.
func isEdmPrimitive(name string) bool {
	lower := strings.TrimPrefix(strings.ToLower(name), "edm.")
	return slices.Contains(edmPrimitives, lower) || strings.HasPrefix(lower, "geography") || strings.HasPrefix(lower, "geometry")
}

// namespaceOf returns the part of a qualified name before its last dot,
// or "".
func namespaceOf(name string) string {
	dot := strings.LastIndexByte(name, '.')
	if dot < 0 {
		return ""
	}
	return name[:dot]
}

// isGraphNamespace reports whether namespace is microsoft.graph or one of
// its sub-namespaces. Letter case is ignored here, so that a miscased
// namespace is reported as a case mismatch, not as a foreign one.
func isGraphNamespace(namespace string) bool {
	lower := strings.ToLower(namespace)
	return lower == graphNamespace || strings.HasPrefix(lower, graphNamespace+".")
}
