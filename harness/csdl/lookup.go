package csdl

import (
	"slices"
	"strings"
)

// Model is a parsed CSDL document. Build it with Parse or ParseFile.
type Model struct {
	// Schemas are in document order.
	Schemas []*Schema

	// types maps namespace- and alias-qualified names to their type, and
	// folded does the same for lower-cased names.
	types  map[string]Type
	folded map[string]Type
	// children maps a qualified type name to the types that name it as
	// their base type, sorted by qualified name.
	children map[string][]*StructuredType
	aliases  map[string]string
}

// index rewrites alias-qualified type references and builds the lookup
// tables. Parse calls it once, before the model is shared.
func (m *Model) index() {
	m.aliases = map[string]string{}
	for _, s := range m.Schemas {
		if s.Alias != "" {
			m.aliases[s.Alias] = s.Namespace
		}
	}

	m.types = map[string]Type{}
	m.folded = map[string]Type{}
	m.children = map[string][]*StructuredType{}
	for _, s := range m.Schemas {
		for _, t := range slices.Concat(s.EntityTypes, s.ComplexTypes) {
			m.qualifyStructured(t)
			m.add(s, t.Name, t)
			if t.BaseType != "" {
				m.children[t.BaseType] = append(m.children[t.BaseType], t)
			}
		}
		for _, t := range s.EnumTypes {
			m.add(s, t.Name, t)
		}
		for _, o := range slices.Concat(s.Actions, s.Functions) {
			for i := range o.Parameters {
				o.Parameters[i].Type = m.qualify(o.Parameters[i].Type)
			}
			if o.ReturnType != nil {
				o.ReturnType.Type = m.qualify(o.ReturnType.Type)
			}
		}
		if c := s.EntityContainer; c != nil {
			m.qualifyContainer(c)
		}
	}

	for _, children := range m.children {
		slices.SortFunc(children, compareNames)
	}
}

func (m *Model) qualifyStructured(t *StructuredType) {
	if t.BaseType != "" {
		t.BaseType = m.qualify(t.BaseType)
	}
	for i := range t.Properties {
		t.Properties[i].Type = m.qualify(t.Properties[i].Type)
	}
	for i := range t.NavigationProperties {
		t.NavigationProperties[i].Type = m.qualify(t.NavigationProperties[i].Type)
	}
}

func (m *Model) qualifyContainer(c *EntityContainer) {
	for i := range c.EntitySets {
		c.EntitySets[i].EntityType = m.qualify(c.EntitySets[i].EntityType)
	}
	for i := range c.Singletons {
		c.Singletons[i].Type = m.qualify(c.Singletons[i].Type)
	}
	for i := range c.ActionImports {
		c.ActionImports[i].Action = m.qualify(c.ActionImports[i].Action)
	}
	for i := range c.FunctionImports {
		c.FunctionImports[i].Function = m.qualify(c.FunctionImports[i].Function)
	}
}

// add registers t under its namespace-qualified name and, when the schema
// has an alias, under its alias-qualified name. The first definition of
// a name wins, in both the exact and the case-folded table.
func (m *Model) add(s *Schema, name string, t Type) {
	keys := []string{s.Namespace + "." + name}
	if s.Alias != "" {
		keys = append(keys, s.Alias+"."+name)
	}
	for _, key := range keys {
		if _, ok := m.types[key]; !ok {
			m.types[key] = t
		}
		folded := strings.ToLower(key)
		if _, ok := m.folded[folded]; !ok {
			m.folded[folded] = t
		}
	}
}

// qualify replaces an alias qualifier with its namespace, inside a
// Collection(...) wrapper too. Names with an unknown qualifier are kept.
func (m *Model) qualify(name string) string {
	element, collection := ElementType(name)
	dot := strings.LastIndexByte(element, '.')
	if dot < 0 {
		return name
	}
	namespace, ok := m.aliases[element[:dot]]
	if !ok {
		return name
	}
	element = namespace + element[dot:]
	if collection {
		return "Collection(" + element + ")"
	}
	return element
}

// Lookup returns the named type. The name may be qualified by namespace
// or alias and may start with "#", as @odata.type values do.
func (m *Model) Lookup(name string) (Type, bool) {
	t, ok := m.types[strings.TrimPrefix(name, "#")]
	return t, ok
}

// LookupFold is Lookup with letter case ignored. When two types differ
// only in case, it returns the one defined first.
func (m *Model) LookupFold(name string) (Type, bool) {
	t, ok := m.folded[strings.ToLower(strings.TrimPrefix(name, "#"))]
	return t, ok
}

// StructuredType returns the entity or complex type with the given name,
// looked up as Lookup does.
func (m *Model) StructuredType(name string) (*StructuredType, bool) {
	t, ok := m.Lookup(name)
	if !ok {
		return nil, false
	}
	st, ok := t.(*StructuredType)
	return st, ok
}

// EnumType returns the enum type with the given name, looked up as
// Lookup does.
func (m *Model) EnumType(name string) (*EnumType, bool) {
	t, ok := m.Lookup(name)
	if !ok {
		return nil, false
	}
	et, ok := t.(*EnumType)
	return et, ok
}

// Types returns every named type of the model sorted by qualified name.
func (m *Model) Types() []Type {
	var all []Type
	for _, s := range m.Schemas {
		for _, t := range s.EntityTypes {
			all = append(all, t)
		}
		for _, t := range s.ComplexTypes {
			all = append(all, t)
		}
		for _, t := range s.EnumTypes {
			all = append(all, t)
		}
	}
	slices.SortStableFunc(all, func(a, b Type) int { return strings.Compare(a.QualifiedName(), b.QualifiedName()) })
	return all
}

// BaseTypes returns the ancestors of t, nearest first. The chain stops at
// a base type the model lacks and before any type it already holds, so a
// cyclic document cannot loop.
func (m *Model) BaseTypes(t *StructuredType) []*StructuredType {
	var chain []*StructuredType
	seen := map[*StructuredType]bool{t: true}
	for t.BaseType != "" {
		base, ok := m.StructuredType(t.BaseType)
		if !ok || seen[base] {
			break
		}
		seen[base] = true
		chain = append(chain, base)
		t = base
	}
	return chain
}

// DerivedTypes returns every type that has t as a direct or indirect base
// type, sorted by qualified name.
func (m *Model) DerivedTypes(t *StructuredType) []*StructuredType {
	var derived []*StructuredType
	seen := map[*StructuredType]bool{t: true}
	queue := []*StructuredType{t}
	for len(queue) > 0 {
		next := queue[0]
		queue = queue[1:]
		for _, child := range m.children[next.QualifiedName()] {
			if seen[child] {
				continue
			}
			seen[child] = true
			derived = append(derived, child)
			queue = append(queue, child)
		}
	}
	slices.SortFunc(derived, compareNames)
	return derived
}

// Properties returns the structural properties of t and its ancestors,
// those of the root base type first.
func (m *Model) Properties(t *StructuredType) []Property {
	var all []Property
	chain := m.BaseTypes(t)
	for i := len(chain) - 1; i >= 0; i-- {
		all = append(all, chain[i].Properties...)
	}
	return append(all, t.Properties...)
}

// NavigationProperties returns the navigation properties of t and its
// ancestors, those of the root base type first.
func (m *Model) NavigationProperties(t *StructuredType) []NavigationProperty {
	var all []NavigationProperty
	chain := m.BaseTypes(t)
	for i := len(chain) - 1; i >= 0; i-- {
		all = append(all, chain[i].NavigationProperties...)
	}
	return append(all, t.NavigationProperties...)
}

// IsOpen reports whether t or one of its ancestors is an open type; CSDL
// makes every type derived from an open type open as well.
func (m *Model) IsOpen(t *StructuredType) bool {
	if t.OpenType {
		return true
	}
	for _, base := range m.BaseTypes(t) {
		if base.OpenType {
			return true
		}
	}
	return false
}

func compareNames(a, b *StructuredType) int {
	return strings.Compare(a.QualifiedName(), b.QualifiedName())
}
