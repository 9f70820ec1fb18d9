package pagemodel

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphdoc/graphdoc/harness/extract"
)

// page builds a Markdown page from lines, in which three single quotes
// stand for a code fence.
func page(t *testing.T, lines ...string) *extract.Page {
	t.Helper()
	text := strings.ReplaceAll(strings.Join(lines, "\n")+"\n", "'''", "```")
	p := extract.File("page.md", []byte(text))
	require.Empty(t, p.Findings, "test page must extract cleanly")
	return p
}

func decode(t *testing.T, text string) any {
	t.Helper()
	decoder := json.NewDecoder(bytes.NewReader([]byte(text)))
	decoder.UseNumber()
	var value any
	require.NoError(t, decoder.Decode(&value))
	return value
}

func rules(issues []Issue) []string {
	var out []string
	for _, issue := range issues {
		out = append(out, issue.Rule+" "+issue.Pointer)
	}
	return out
}

var gadgetPage = []string{
	"# Gadget",
	"",
	"## gadget",
	"",
	"| Property | Type | Description |",
	"|:--|:--|:--|",
	"| id | String | Identifier. |",
	"| size | Int32 | Size. |",
	"| shape | String | Possible values are: `round`, `square`. Use `unknownFutureValue` for later ones. |",
	"| content | Stream | Bytes. |",
	"",
	"| Relationship | Type | Description |",
	"|:--|:--|:--|",
	"| owner | [person](person.md) | Who owns it. |",
	"",
	`<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.gadget" } -->`,
	"'''json",
	"{",
	`  "id": "String (identifier)",`,
	`  "size": "Int32",`,
	`  "shape": "String",`,
	`  "content": "Stream",`,
	`  "part": {"@odata.type": "microsoft.graph.part"},`,
	`  "tags": ["String"],`,
	`  "ratio": 1.5`,
	"}",
	"'''",
	"",
	"## part",
	"",
	`<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.part" } -->`,
	"'''json",
	`{"label": "String", "weight": "Double", "fitted": true}`,
	"'''",
	"",
	"## Query parameters",
	"",
	"| Parameter | Type | Description |",
	"|:--|:--|:--|",
	"| since | DateTimeOffset | Start. |",
	"| top | Int32 | Count. |",
}

func TestBuildReadsTypesTablesAndParameters(t *testing.T) {
	m := Build(page(t, gadgetPage...))

	require.Len(t, m.Types, 2)
	gadget := m.Type("#microsoft.graph.gadget")
	require.NotNil(t, gadget)
	assert.Len(t, gadget.Table, 5, "both tables describe the gadget block")
	assert.Nil(t, m.Type("microsoft.graph.part").Table, "part has no table")

	shape := gadget.Property("shape")
	require.NotNil(t, shape)
	assert.Equal(t, Enum, shape.Kind)
	assert.Equal(t, []string{"round", "square", "unknownFutureValue"}, shape.Members)

	assert.Equal(t, String, gadget.Property("id").Kind, "String (identifier) is a String")
	assert.True(t, gadget.Property("tags").Collection)
	assert.Equal(t, Stream, gadget.Property("content").Kind)
	assert.Equal(t, Complex, gadget.Property("part").Kind)

	owner := gadget.Property("owner")
	require.NotNil(t, owner, "a Relationship row adds a property the block lacks")
	assert.True(t, owner.Navigation)
	assert.Equal(t, []*Property{owner}, gadget.Navigations())

	require.Len(t, m.Parameters, 2)
	assert.Equal(t, "since", m.Parameters[0].Name)
	assert.Equal(t, DateTimeOffset, m.Parameters[0].Kind)
	assert.Equal(t, "Query parameters", m.Parameters[0].Section)
}

func TestBuildResourcePageUnitesTables(t *testing.T) {
	m := Build(page(t,
		"---",
		"doc_type: resourcePageType",
		"---",
		"# thing resource type",
		"## Properties",
		"| Property | Type | Description |",
		"|:--|:--|:--|",
		"| name | String | Name. |",
		"### More",
		"| Property | Type | Description |",
		"|:--|:--|:--|",
		"| level | Int32 | Level. |",
		"### Nested definition",
		"| Property | Type | Description |",
		"|:--|:--|:--|",
		"| Inner | Boolean | Belongs to a nested structure. |",
		"## JSON representation",
		`<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.thing" } -->`,
		"'''json",
		`{"name": "String", "level": "Int32"}`,
		"'''",
	))

	thing := m.Type("microsoft.graph.thing")
	require.NotNil(t, thing)
	assert.Len(t, thing.Table, 2, "a table sharing no property with the block describes something else")
	assert.Empty(t, thing.TableIssues())
}

func TestBaseTypeProperties(t *testing.T) {
	m := Build(page(t,
		"# Types",
		`<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.derived", "baseType": "microsoft.graph.base" } -->`,
		"'''json",
		`{"extra": "Int32"}`,
		"'''",
		`<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.base", "baseType": "microsoft.graph.derived" } -->`,
		"'''json",
		`{"name": "String"}`,
		"'''",
	))

	derived := m.Type("microsoft.graph.derived")
	require.NotNil(t, derived)
	assert.NotNil(t, derived.Property("name"), "a base type the page defines adds its properties")
	assert.NotNil(t, derived.PropertyFold("NAME"))
	assert.Nil(t, derived.Property("missing"), "a cycle of base types ends the lookup")
}

func TestCheckBody(t *testing.T) {
	m := Build(page(t, gadgetPage...))
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"valid", `{"id": "1", "size": 3, "shape": "round", "tags": ["a"], "ratio": 2, "part": {"label": "x", "weight": 2}}`, nil},
		{"nulls", `{"id": null, "size": null, "content": null, "part": null}`, nil},
		{"string for Int32", `{"size": "3"}`, []string{"type-mismatch /size"}},
		{"fraction for Int32", `{"size": 3.5}`, []string{"type-mismatch /size"}},
		{"scalar for collection", `{"tags": "a"}`, []string{"type-mismatch /tags"}},
		{"string for object", `{"part": "x"}`, []string{"type-mismatch /part"}},
		{"nested type", `{"part": {"weight": "heavy"}}`, []string{"type-mismatch /part/weight"}},
		{"special Double", `{"part": {"weight": "NaN"}}`, nil},
		{"case", `{"Size": 3}`, []string{"property-case-mismatch /Size"}},
		{"enum", `{"shape": "Round"}`, []string{"enum-value-invalid /shape"}},
		{"enum later sentence", `{"shape": "unknownFutureValue"}`, nil},
		{"flags enum", `{"shape": "round, oval"}`, []string{"enum-value-invalid /shape"}},
		{"stream", `{"content": "text"}`, []string{"stream-property-value /content"}},
		{"unknown property", `{"colour": 3}`, nil},
		{"annotations skipped", `{"@odata.context": 1, "size@odata.type": 2}`, nil},
		{"own type wins", `{"@odata.type": "#microsoft.graph.part", "weight": "x"}`, []string{"type-mismatch /weight"}},
		{"undefined derived type", `{"@odata.type": "#microsoft.graph.bigGadget", "size": "x"}`, nil},
		{"unqualified own type", `{"@odata.type": "#gadget", "size": "x"}`, []string{"odata-type-unqualified /@odata.type", "type-mismatch /size"}},
		{"foreign nested type", `{"tags": [], "extra": {"@odata.type": "#Other.thing"}}`, []string{"odata-type-unknown /extra/@odata.type"}},
		{"miscased nested type", `{"extra": [{"@odata.type": "#microsoft.graph.Part", "fitted": 1}]}`, []string{"odata-type-case-mismatch /extra/0/@odata.type", "type-mismatch /extra/0/fitted"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			issues := m.Check(decode(t, tc.body), "microsoft.graph.gadget", "")
			assert.Equal(t, tc.want, rules(issues))
		})
	}
}

func TestCheckUntypedBodyWalksNestedTypes(t *testing.T) {
	m := Build(page(t, gadgetPage...))

	issues := m.Check(decode(t, `{"items": [{"@odata.type": "#microsoft.graph.part", "label": 1}]}`), "", "/value/0")

	assert.Equal(t, []string{"type-mismatch /value/0/items/0/label"}, rules(issues))
}

func TestResolveType(t *testing.T) {
	m := Build(page(t, gadgetPage...))
	tests := []struct {
		value    string
		wantType string
		want     []string
	}{
		{"#microsoft.graph.gadget", "microsoft.graph.gadget", nil},
		{"Collection(microsoft.graph.part)", "microsoft.graph.part", nil},
		{"microsoft.graph.Gadget", "microsoft.graph.gadget", []string{"odata-type-case-mismatch "}},
		{"Microsoft.Graph.gadget", "microsoft.graph.gadget", []string{"odata-type-case-mismatch "}},
		{"microsoft.graph.user", "", nil},
		{"microsoft.graph.security.alert", "", nil},
		{"#gadget", "", []string{"odata-type-unqualified "}},
		{"#Microsoft.Teams.GraphSvc.identity", "", []string{"odata-type-unknown "}},
		{"#String", "", nil},
		{"Edm.Int64", "", nil},
		{"Collection(Edm.String)", "", nil},
		{"requestBodyResourceFor.gadget_create", "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.value, func(t *testing.T) {
			got, issues := m.ResolveType(tc.value)
			if tc.wantType == "" {
				assert.Nil(t, got)
			} else if assert.NotNil(t, got) {
				assert.Equal(t, tc.wantType, got.Name)
			}
			assert.Equal(t, tc.want, rules(issues))
		})
	}
}

func TestTableIssues(t *testing.T) {
	m := Build(page(t,
		"# Widget",
		"## widget",
		"| Property | Type | Description |",
		"|:--|:--|:--|",
		"| name | String | Name. |",
		"| timeZone | String | Zone. |",
		"| useHours | Boolean | Flag. |",
		"| count | Int64 | Count. |",
		"| when | DateTimeOffset | Time. |",
		"| kind | widgetKind | Possible values are: `a`, `b`. |",
		"| holder | [identitySet](identityset.md) | Holder. |",
		"| labels | String collection | Labels. |",
		"| missing | String | Not in the block. |",
		"",
		"| Relationship | Type | Description |",
		"|:--|:--|:--|",
		"| children | [widget](widget.md) collection | Left out of the block. |",
		"",
		`<!-- { "blockType": "resource", "@odata.type": "microsoft.graph.widget" } -->`,
		"'''json",
		"{",
		`  "name": "String",`,
		`  "timezone": "String",`,
		`  "useHours": "String",`,
		`  "count": 1024,`,
		`  "when": "String (timestamp)",`,
		`  "kind": "String",`,
		`  "holder": {"@odata.type": "microsoft.graph.userIdentitySet"},`,
		`  "labels": "String",`,
		`  "extra": "String"`,
		"}",
		"'''",
	))

	issues := m.Type("microsoft.graph.widget").TableIssues()

	assert.Equal(t, []string{
		"resource-table-mismatch /extra",
		"resource-table-mismatch /labels",
		"resource-table-mismatch /timezone",
		"resource-table-mismatch /useHours",
		"resource-table-mismatch ",
	}, rules(issues))
}

func TestTypeCell(t *testing.T) {
	tests := []struct {
		cell       string
		kind       Kind
		name       string
		collection bool
	}{
		{"String", String, "String", false},
		{"Edm.Int64", Integer, "Edm.Int64", false},
		{"String collection", String, "String", true},
		{"Collection(microsoft.graph.part)", Named, "microsoft.graph.part", true},
		{"identitySet", Named, "identitySet", false},
		{"Edm.Stream", Stream, "Edm.Stream", false},
		{"String or null", Unknown, "String or null", false},
		{"", Unknown, "", false},
	}
	for _, tc := range tests {
		t.Run(tc.cell, func(t *testing.T) {
			kind, name, collection := typeCell(tc.cell)
			assert.Equal(t, tc.kind, kind)
			assert.Equal(t, tc.name, name)
			assert.Equal(t, tc.collection, collection)
		})
	}
}

func TestPlaceholder(t *testing.T) {
	tests := []struct {
		name    string
		value   string
		kind    Kind
		literal bool
	}{
		{"string", `"String"`, String, false},
		{"identifier", `"string (identifier)"`, String, false},
		{"timestamp", `"String (timestamp)"`, DateTimeOffset, false},
		{"timestamp as type", `{"@odata.type": "String (timestamp)"}`, DateTimeOffset, false},
		{"stream object", `{"@odata.type": "Edm.Stream"}`, Stream, false},
		{"enum name", `"microsoft.graph.accessAction"`, Named, false},
		{"sample", `"Contoso"`, Unknown, false},
		{"boolean literal", `true`, Boolean, true},
		{"number literal", `1024`, Number, true},
		{"object", `{"@odata.type": "microsoft.graph.part"}`, Complex, false},
		{"untyped object", `{}`, Unknown, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := placeholder(decode(t, tc.value))
			assert.Equal(t, tc.kind, p.Kind)
			assert.Equal(t, tc.literal, p.Literal)
		})
	}
}

func TestEnumMembers(t *testing.T) {
	assert.Equal(t, []string{"a", "b"}, enumMembers("Kind. Possible values are: `a`, `b`."))
	assert.Equal(t, []string{"a", "later"}, enumMembers("The possible values are `a`. Use the Prefer header for `later`."))
	assert.Nil(t, enumMembers("Kind, such as `a`."), "backquoted values before the phrase are examples")
	assert.Nil(t, enumMembers("Possible values are: a, b."), "values without backquotes are not read")
}

func TestRawCells(t *testing.T) {
	assert.Equal(t, []string{"a", "b `x|y`", "c"}, rawCells([]byte("| a | b `x\\|y` | c |")))
	assert.Equal(t, []string{"a", "b"}, rawCells([]byte("a | b")))
}
