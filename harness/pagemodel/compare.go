package pagemodel

import (
	"fmt"
	"strings"
)

// TableIssues compares the resource block of t with the Property and
// Relationship tables that describe it. It reports a property whose name
// matches a row only when case is ignored, a property whose type
// disagrees with its row, a property that no row lists, and a Property
// row that the block lacks. Relationship rows may be missing from the
// block, because JSON representations leave navigation properties out.
// It returns nil when no table describes t. Pointers lead into the
// resource block.
func (t *Type) TableIssues() []Issue {
	if t.Table == nil {
		return nil
	}
	rows := map[string]*Property{}
	for _, row := range t.Table {
		if rows[row.Name] == nil {
			rows[row.Name] = row
		}
	}

	var issues []Issue
	add := func(pointer, format string, args ...any) {
		issues = append(issues, Issue{Rule: RuleResourceMismatch, Pointer: pointer, Message: fmt.Sprintf(format, args...)})
	}
	inBlock := map[string]bool{}
	for _, p := range t.JSON {
		pointer := "/" + escapePointer(p.Name)
		row := rows[p.Name]
		if row == nil {
			row = foldLookup(rows, p.Name)
			if row == nil && p.Name == t.keyProperty() {
				// The key, usually id from entity, is often documented
				// only on the base type's page.
				continue
			}
			if row == nil {
				add(pointer, "the JSON representation has %s, which no table of %s lists", p.Name, t.Name)
				continue
			}
			add(pointer, "the JSON representation spells %q, the table %q", p.Name, row.Name)
		}
		inBlock[row.Name] = true
		if !compatible(row, p) {
			add(pointer, "%s is %s in the table, but %s in the JSON representation", p.Name, row.describe(), p.describe())
		}
	}

	for _, row := range t.Table {
		if !inBlock[row.Name] && !row.Navigation {
			inBlock[row.Name] = true
			add("", "the table lists %s, which the JSON representation of %s lacks", row.Name, t.Name)
		}
	}
	return issues
}

func foldLookup(rows map[string]*Property, name string) *Property {
	for _, key := range sortedKeys(rows) {
		if strings.EqualFold(key, name) {
			return rows[key]
		}
	}
	return nil
}

// shape groups kinds by the JSON value they take.
type shape int

const (
	anyShape shape = iota
	stringShape
	integerShape
	numberShape
	booleanShape
	streamShape
	// objectShape is a named type: a structured type, or an enum.
	objectShape
)

func shapeOf(p *Property) shape {
	switch p.Kind {
	case String, DateTimeOffset, Enum:
		return stringShape
	case Integer:
		return integerShape
	case Number:
		return numberShape
	case Boolean:
		return booleanShape
	case Stream:
		return streamShape
	case Complex, Named:
		return objectShape
	}
	return anyShape
}

// compatible reports whether a table row and a resource block property
// can describe the same property. Only the JSON shape is compared, so a
// DateTimeOffset row fits "String" and a sample number fits any numeric
// row. A type name fits another type name, because one may derive from
// the other. It also fits a string, because enum values are strings and
// some pages write an enum type as {"@odata.type": "..."}.
func compatible(row, p *Property) bool {
	if row.Kind == Unknown || p.Kind == Unknown {
		return true
	}
	if row.Collection != p.Collection {
		return false
	}

	rowShape, blockShape := shapeOf(row), shapeOf(p)
	switch {
	case rowShape == objectShape || blockShape == objectShape:
		other := blockShape
		if blockShape == objectShape {
			other = rowShape
		}
		return other == objectShape || other == stringShape
	case p.Literal && blockShape == numberShape:
		return rowShape == integerShape || rowShape == numberShape
	}
	return rowShape == blockShape
}

// keyProperty returns the key property the resource block's annotation
// names, or "id" when the type derives from microsoft.graph.entity.
func (t *Type) keyProperty() string {
	if t.Block == nil || t.Block.Annotation == nil {
		return ""
	}
	if key, ok := t.Block.Annotation.Raw["keyProperty"].(string); ok {
		return key
	}
	if strings.TrimPrefix(t.BaseType, "#") == "microsoft.graph.entity" {
		return "id"
	}
	return ""
}
