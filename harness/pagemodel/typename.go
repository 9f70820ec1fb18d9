package pagemodel

import (
	"fmt"
	"strings"
)

// graphNamespace is the namespace of the Graph types; its sub-namespaces,
// such as microsoft.graph.security, belong to Graph too.
const graphNamespace = "microsoft.graph"

// Rule ids of the catalogue that Issues carry.
const (
	RuleTypeMismatch      = "type-mismatch"
	RulePropertyCase      = "property-case-mismatch"
	RuleEnumValue         = "enum-value-invalid"
	RuleStreamValue       = "stream-property-value"
	RuleTypeUnqualified   = "odata-type-unqualified"
	RuleTypeUnknown       = "odata-type-unknown"
	RuleTypeCase          = "odata-type-case-mismatch"
	RuleResourceMismatch  = "resource-table-mismatch"
	RuleNavigationInlined = "nav-property-without-expand"
)

// toolingNamespace prefixes the names that the Graph docs tooling gives
// request bodies in request annotations, such as
// requestBodyResourceFor.range_row; they name no Graph type.
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
	if _, primitive := primitiveKind(name); primitive || name == "" {
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
