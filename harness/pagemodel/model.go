package pagemodel

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"

	"github.com/graphdoc/graphdoc/harness/extract"
)

// Kind is the JSON shape that the values of a property take.
type Kind int

// Kinds of property values.
const (
	// Unknown accepts any value.
	Unknown Kind = iota
	// String is a JSON string: Edm.String, Guid, Date, Duration, Binary.
	String
	// DateTimeOffset is a JSON string holding a date and time.
	DateTimeOffset
	// Integer is a JSON number without a fraction: Int16, Int32, Int64, Byte.
	Integer
	// Number is any JSON number: Double, Single, Decimal.
	Number
	// Boolean is true or false.
	Boolean
	// Stream is an Edm.Stream, which never has a value in a JSON body.
	Stream
	// Enum is a string among Property.Members.
	Enum
	// Complex is a JSON object of the type Property.TypeName.
	Complex
	// Named is a type that a table names without saying whether it is an
	// enum, written as a string, or a structured type, written as an object.
	Named
)

// Property is one property of a page-defined type.
type Property struct {
	Name string
	Kind Kind
	// TypeName is the type as the page writes it, for messages and for
	// Complex and Named kinds: "Int32", "microsoft.graph.itemReference".
	TypeName   string
	Collection bool
	// Members are the enum members of an Enum property, as the page lists
	// them.
	Members []string
	// Navigation is set for a property listed in a Relationship table.
	Navigation bool
	// Literal is set when the resource block gives a sample value, such as
	// true or 1024, instead of a type placeholder.
	Literal bool
}

// Type is a structured type that the page defines with a resource block.
type Type struct {
	// Name is the qualified name from the block's @odata.type annotation,
	// without a leading '#'.
	Name     string
	BaseType string
	// Block is the resource block.
	Block *extract.Block
	// JSON lists the properties of the resource block, sorted by name.
	JSON []*Property
	// Table lists the rows of the Property and Relationship tables that
	// describe the block, in page order. It is nil when no table does.
	Table []*Property

	merged map[string]*Property
	base   *Type
}

// Parameter is one row of a Parameter table.
type Parameter struct {
	Name string
	// Type is the type cell as written, such as "DateTimeOffset".
	Type string
	Kind Kind
	// Section is the text of the heading above the table.
	Section string
	Line    int
}

// Model is the set of types and parameters one page defines.
type Model struct {
	// Types lists the page's resource types in page order. A type defined
	// twice keeps its first block.
	Types []*Type
	// Parameters lists the rows of the page's Parameter tables.
	Parameters []Parameter

	byName map[string]*Type
}

// Build reads the resource blocks and the Property, Relationship and
// Parameter tables of page. It never fails: a resource block that is not
// a JSON object, or has no @odata.type, defines nothing.
func Build(page *extract.Page) *Model {
	m := &Model{byName: map[string]*Type{}}
	for _, block := range page.Blocks {
		if t := resourceType(block); t != nil && m.byName[t.Name] == nil {
			m.Types = append(m.Types, t)
			m.byName[t.Name] = t
		}
	}

	resourcePage := isResourcePage(page)
	for _, table := range page.Tables {
		switch tableKind(table) {
		case parameterTable:
			m.Parameters = append(m.Parameters, parameterRows(table)...)
		case propertyTable, relationshipTable:
			target := m.tableTarget(page, table, resourcePage)
			if target == nil {
				continue
			}
			rows := propertyRows(page, table)
			// NOTE: a resource page may also describe a nested structure,
			// such as the JSON inside a string property, with a Property
			// table. A table none of whose rows the resource block has is
			// taken to be one of those, so a resource block that lacks a
			// whole table's properties goes unreported.
			if resourcePage && tableKind(table) == propertyTable && !overlaps(target, rows) {
				continue
			}
			target.Table = append(target.Table, rows...)
		}
	}

	for _, t := range m.Types {
		t.merge()
		t.base = m.Type(t.BaseType)
	}
	return m
}

// Type returns the page type named name exactly, with or without a
// leading '#', or nil.
func (m *Model) Type(name string) *Type {
	if m == nil {
		return nil
	}
	return m.byName[strings.TrimPrefix(name, "#")]
}

// TypeFold returns the page type whose name equals name when letter case
// is ignored, or nil.
func (m *Model) TypeFold(name string) *Type {
	if m == nil {
		return nil
	}
	name = strings.TrimPrefix(name, "#")
	for _, t := range m.Types {
		if strings.EqualFold(t.Name, name) {
			return t
		}
	}
	return nil
}

// typeLoose returns the type named name exactly, or the only type whose
// name without namespace is name, as tables write type names.
func (m *Model) typeLoose(name string) *Type {
	if t := m.Type(name); t != nil || m == nil {
		return t
	}
	var found *Type
	for _, t := range m.Types {
		if shortName(t.Name) == name {
			if found != nil {
				return nil
			}
			found = t
		}
	}
	return found
}

// Property returns the property named name exactly, looking in the base
// types the page defines too, or nil.
func (t *Type) Property(name string) *Property {
	for _, level := range t.chain() {
		if p := level.merged[name]; p != nil {
			return p
		}
	}
	return nil
}

// PropertyFold returns a property whose name equals name when letter case
// is ignored, looking in the base types the page defines too, or nil.
func (t *Type) PropertyFold(name string) *Property {
	for _, level := range t.chain() {
		for _, key := range sortedKeys(level.merged) {
			if strings.EqualFold(key, name) {
				return level.merged[key]
			}
		}
	}
	return nil
}

// chain returns the type and the base types the page defines, nearest
// first. A cycle of base types ends the chain.
func (t *Type) chain() []*Type {
	var levels []*Type
	for level := t; level != nil && !slices.Contains(levels, level); level = level.base {
		levels = append(levels, level)
	}
	return levels
}

// Navigations returns the navigation properties of the type and of the
// base types the page defines, each type's sorted by name.
func (t *Type) Navigations() []*Property {
	var nav []*Property
	for _, level := range t.chain() {
		for _, key := range sortedKeys(level.merged) {
			if p := level.merged[key]; p.Navigation {
				nav = append(nav, p)
			}
		}
	}
	return nav
}

// merge combines the resource block's properties with the table rows:
// the block gives the property, a row of the same name adds its enum
// members and navigation flag, and a row the block lacks is added.
func (t *Type) merge() {
	t.merged = map[string]*Property{}
	for _, p := range t.JSON {
		merged := *p
		t.merged[p.Name] = &merged
	}
	for _, row := range t.Table {
		p, ok := t.merged[row.Name]
		if !ok {
			copied := *row
			t.merged[row.Name] = &copied
			continue
		}
		p.Navigation = p.Navigation || row.Navigation
		if row.Kind == Enum && (p.Kind == String || p.Kind == Unknown) && p.Collection == row.Collection {
			p.Kind, p.Members = Enum, row.Members
		}
		if p.Kind == Unknown {
			p.Kind, p.TypeName, p.Collection = row.Kind, row.TypeName, row.Collection
		}
	}
}

// resourceType reads a resource block, or returns nil when the block
// defines no type.
func resourceType(block *extract.Block) *Type {
	ann := block.Annotation
	if ann == nil || ann.BlockType != extract.TypeResource || ann.ODataType == "" || !block.JSONValid {
		return nil
	}
	var members map[string]any
	decoder := json.NewDecoder(bytes.NewReader(block.JSON))
	decoder.UseNumber()
	if decoder.Decode(&members) != nil {
		return nil
	}

	t := &Type{Name: strings.TrimPrefix(ann.ODataType, "#"), Block: block}
	if base, ok := ann.Raw["baseType"].(string); ok {
		t.BaseType = strings.TrimPrefix(base, "#")
	}
	for _, name := range sortedKeys(members) {
		if strings.Contains(name, "@") {
			continue
		}
		p := placeholder(members[name])
		p.Name = name
		t.JSON = append(t.JSON, p)
	}
	return t
}

// tableTarget returns the type that a Property or Relationship table
// describes.
func (m *Model) tableTarget(page *extract.Page, table extract.Table, resourcePage bool) *Type {
	if resourcePage {
		if len(m.Types) == 0 {
			return nil
		}
		return m.Types[0]
	}
	section := sectionOf(page, table.Line)
	for _, t := range m.Types {
		if t.Block.Line > table.Line && sectionOf(page, t.Block.Line) == section {
			return t
		}
	}
	return nil
}

// overlaps reports whether the resource block of t has a property of rows,
// letter case ignored.
func overlaps(t *Type, rows []*Property) bool {
	for _, row := range rows {
		for _, p := range t.JSON {
			if strings.EqualFold(p.Name, row.Name) {
				return true
			}
		}
	}
	return false
}

// sectionOf returns the index of the last heading above line, or -1.
func sectionOf(page *extract.Page, line int) int {
	section := -1
	for i, heading := range page.Headings {
		if heading.Line >= line {
			break
		}
		section = i
	}
	return section
}

func isResourcePage(page *extract.Page) bool {
	docType, _ := page.FrontMatter["doc_type"].(string)
	return strings.TrimSpace(docType) == "resourcePageType"
}

func shortName(name string) string {
	return name[strings.LastIndexByte(name, '.')+1:]
}

func sortedKeys[V any](members map[string]V) []string {
	keys := make([]string, 0, len(members))
	for key := range members {
		keys = append(keys, key)
	}
	slices.Sort(keys)
	return keys
}
