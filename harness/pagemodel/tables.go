package pagemodel

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/graphdoc/graphdoc/harness/extract"
)

type tableRole int

const (
	otherTable tableRole = iota
	propertyTable
	relationshipTable
	parameterTable
)

// possibleValues finds the phrase that opens a list of enum members.
var possibleValues = regexp.MustCompile(`(?i)possible values`)

// codeSpan matches one backquoted value.
var codeSpan = regexp.MustCompile("`([^`]+)`")

// tableKind returns a table's role, read from its first header cell.
func tableKind(table extract.Table) tableRole {
	if len(table.Header) == 0 {
		return otherTable
	}
	// Headers read "Property", "Properties" or "Property name", and so on.
	first := strings.ToLower(strings.TrimSpace(table.Header[0]))
	switch {
	case strings.HasPrefix(first, "propert"):
		return propertyTable
	case strings.HasPrefix(first, "relationship"):
		return relationshipTable
	case strings.HasPrefix(first, "parameter"):
		return parameterTable
	}
	return otherTable
}

// column returns the index of the header cell named name, or fallback.
func column(table extract.Table, name string, fallback int) int {
	for i, cell := range table.Header {
		if strings.EqualFold(strings.TrimSpace(cell), name) {
			return i
		}
	}
	return fallback
}

// propertyRows reads the rows of a Property or Relationship table.
func propertyRows(page *extract.Page, table extract.Table) []*Property {
	navigation := tableKind(table) == relationshipTable
	typeColumn := column(table, "Type", 1)
	descriptionColumn := column(table, "Description", len(table.Header)-1)

	var rows []*Property
	for i, cells := range table.Rows {
		if len(cells) <= typeColumn || !isPropertyName(cells[0]) || cells[typeColumn] == "" {
			continue
		}
		kind, name, collection := typeCell(cells[typeColumn])
		p := &Property{Name: cells[0], Kind: kind, TypeName: name, Collection: collection, Navigation: navigation}

		line := page.Line(table.RowLine[i])
		if (kind == String || kind == Named) && mentionsPossibleValues(line) {
			raw := rawCells(line)
			if descriptionColumn < len(raw) {
				if members := enumMembers(raw[descriptionColumn]); len(members) > 0 {
					p.Kind, p.Members = Enum, members
				}
			}
		}
		rows = append(rows, p)
	}
	return rows
}

// parameterRows reads the rows of a Parameter table.
func parameterRows(table extract.Table) []Parameter {
	typeColumn := column(table, "Type", 1)
	var rows []Parameter
	for i, cells := range table.Rows {
		if len(cells) <= typeColumn || cells[0] == "" || cells[typeColumn] == "" {
			continue
		}
		kind, _, _ := typeCell(cells[typeColumn])
		rows = append(rows, Parameter{
			Name:    strings.Trim(cells[0], "*_ "),
			Type:    cells[typeColumn],
			Kind:    kind,
			Section: table.Section,
			Line:    table.RowLine[i],
		})
	}
	return rows
}

// isPropertyName reports whether a first cell reads as one property
// name, not prose or a group label.
func isPropertyName(cell string) bool {
	return cell != "" && !strings.ContainsAny(cell, " \t,()")
}

// enumMembers returns the backquoted values that follow "Possible values"
// in a description cell as written in the page. Every value up to the end
// of the cell counts, because the docs list the members of evolvable
// enums, which need a Prefer header, in a later sentence.
func enumMembers(description string) []string {
	loc := possibleValues.FindStringIndex(description)
	if loc == nil {
		return nil
	}
	var members []string
	for _, m := range codeSpan.FindAllStringSubmatch(description[loc[1]:], -1) {
		members = append(members, strings.TrimSpace(m[1]))
	}
	return members
}

// rawCells splits a table row as written into its cells, keeping
// backquotes and links. A pipe escaped with a backslash does not split.
func rawCells(row []byte) []string {
	text := strings.TrimSpace(string(row))
	text = strings.TrimPrefix(text, "|")
	if strings.HasSuffix(text, "|") && !strings.HasSuffix(text, `\|`) {
		text = text[:len(text)-1]
	}

	var cells []string
	var cell strings.Builder
	for i := 0; i < len(text); i++ {
		switch {
		case text[i] == '\\' && i+1 < len(text) && text[i+1] == '|':
			cell.WriteByte('|')
			i++
		case text[i] == '|':
			cells = append(cells, strings.TrimSpace(cell.String()))
			cell.Reset()
		default:
			cell.WriteByte(text[i])
		}
	}
	return append(cells, strings.TrimSpace(cell.String()))
}

// mentionsPossibleValues is a fast test, ignoring case, for the phrase
// that opens a list of enum members.
func mentionsPossibleValues(line []byte) bool {
	return bytes.Contains(bytes.ToLower(line), []byte("possible values"))
}
