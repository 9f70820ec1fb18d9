package schema

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphdoc/graphdoc/harness/finding"
)

// assembleParameters are the parameters of a made-up action of the widget
// model; an action's parameters come from the caller, not the schemas.
var assembleParameters = []Parameter{
	{Name: "name", Type: "Edm.String", Nullable: true},
	{Name: "count", Type: "Edm.Int32", Nullable: false},
	{Name: "ids", Type: "Collection(Edm.Guid)", Nullable: false},
	{Name: "color", Type: "microsoft.graph.color", Nullable: true},
	{Name: "permissions", Type: "microsoft.graph.permissions", Nullable: true},
	{Name: "part", Type: "microsoft.graph.part", Nullable: true},
	{Name: "parts", Type: "Collection(microsoft.graph.part)", Nullable: true},
	{Name: "anything", Type: "microsoft.graph.Json", Nullable: true},
	{Name: "missing", Type: "microsoft.graph.notInThisModel", Nullable: true},
	{Name: "content", Type: "Edm.Stream", Nullable: true},
}

func assembleBody(json string) Body {
	return Body{Action: "microsoft.graph.assemble", Parameters: assembleParameters, Request: true, JSON: []byte(json)}
}

func TestValidateParameters(t *testing.T) {
	v := widgetValidator(t, Options{Complete: true})
	runValidationCases(t, v, []validationCase{
		{"valid call", assembleBody(`{
			"name": "w", "count": 3, "ids": ["0b6e0a3d-5f43-4c3a-9c51-7d9b7e1f3a10"], "color": "darkBlue",
			"permissions": "read,write", "part": {"weight": 1.5}, "parts": [{"weight": 2}, null],
			"anything": [[1, "a"]], "missing": {"x": 1}, "@odata.context": "x"}`), nil},
		{"parameter names ignore letter case", assembleBody(`{"Name": "w", "COUNT": 1}`), nil},
		{"unknown parameter", assembleBody(`{"colour": "red"}`), []string{"property-unknown /colour"}},
		{"primitive of wrong JSON type", assembleBody(`{"count": "3"}`), []string{"type-mismatch /count"}},
		{"primitive out of range", assembleBody(`{"count": 3000000000}`), []string{"value-invalid /count"}},
		{"primitive of wrong format", assembleBody(`{"ids": ["not-a-guid"]}`), []string{"value-invalid /ids/0"}},
		{"null not nullable", assembleBody(`{"count": null}`), []string{"type-mismatch /count"}},
		{"null nullable", assembleBody(`{"name": null, "part": null}`), nil},
		{"null element not nullable", assembleBody(`{"ids": [null]}`), []string{"type-mismatch /ids/0"}},
		{"collection not an array", assembleBody(`{"ids": "0b6e0a3d-5f43-4c3a-9c51-7d9b7e1f3a10"}`), []string{"type-mismatch /ids"}},
		{"enum non-member", assembleBody(`{"color": "Red"}`), []string{"enum-value-invalid /color"}},
		{"enum not a string", assembleBody(`{"color": 1}`), []string{"type-mismatch /color"}},
		{"structured not an object", assembleBody(`{"part": "p1"}`), []string{"type-mismatch /part"}},
		{"structured with unknown property", assembleBody(`{"part": {"colour": 1}}`), []string{"property-unknown /part/colour"}},
		{"element with wrong property type", assembleBody(`{"parts": [{"weight": 1}, {"weight": "heavy"}]}`), []string{"type-mismatch /parts/1/weight"}},
		{"derived type by @odata.type", assembleBody(`{"part": {"@odata.type": "#microsoft.graph.specialPart", "grade": "A"}}`), nil},
		{"unrelated @odata.type", assembleBody(`{"part": {"@odata.type": "#microsoft.graph.widget"}}`), []string{"odata-type-mismatch /part/@odata.type"}},
		{"stream parameter", assembleBody(`{"content": "AAEC"}`), nil},
		{"body not an object", assembleBody(`[{"count": 1}]`), []string{"type-mismatch "}},
		{"invalid JSON", assembleBody(`{"count": `), nil},
		{"no parameters", Body{Action: "microsoft.graph.reset", JSON: []byte(`{"force": true}`)}, []string{"property-unknown /force"}},
		{"no parameters, empty body", Body{Action: "microsoft.graph.reset", JSON: []byte(`{}`)}, nil},
	})
}

func TestValidateParametersMessages(t *testing.T) {
	v := widgetValidator(t, Options{Complete: true})
	tests := []struct {
		name string
		body Body
		want string
	}{
		{"unknown parameter", assembleBody(`{"colour": "red"}`),
			`"colour" is not a parameter of action microsoft.graph.assemble, which takes name, count, ids, color, permissions, part, parts, anything, missing, content`},
		{"no parameters", Body{Action: "microsoft.graph.reset", JSON: []byte(`{"force": true}`)},
			`"force" is not a parameter of action microsoft.graph.reset, which takes no parameters`},
		{"wrong JSON type", assembleBody(`{"count": "3"}`),
			`parameter "count" of action microsoft.graph.assemble is a string, but its type Edm.Int32 needs an integer`},
		{"element", assembleBody(`{"ids": ["x"]}`),
			`an element of parameter "ids" of action microsoft.graph.assemble has value "x", which is not a valid Edm.Guid`},
		{"null", assembleBody(`{"count": null}`),
			`parameter "count" of action microsoft.graph.assemble is null, but its type Edm.Int32 is not nullable`},
		{"enum", assembleBody(`{"color": "Red"}`),
			`parameter "color" of action microsoft.graph.assemble has value "Red", which is not a member of microsoft.graph.color (members, compared case-sensitively: red, darkBlue)`},
		{"nested property", assembleBody(`{"part": {"weight": "heavy"}}`),
			`property "weight" of microsoft.graph.part is a string, but its type Edm.Double needs a number or one of the strings "NaN", "INF" and "-INF"`},
		{"body", assembleBody(`[]`),
			`the body is an array, but a call of action microsoft.graph.assemble needs an object of its parameters`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := v.Validate(tc.body)
			require.Len(t, got, 1)
			assert.Equal(t, tc.want, got[0].Message)
		})
	}
}

func TestValidateParametersSeverity(t *testing.T) {
	v := widgetValidator(t, Options{Complete: true})
	body := assembleBody(`{"colour": "red"}`)
	body.Request = false

	got := v.Validate(body)
	require.Len(t, got, 1)
	assert.Equal(t, finding.Error, got[0].Severity, "an action call is a request even when the caller does not say so")
}

func TestValidateParametersBundledSchemas(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, WriteFiles(widgetModel(t), dir, []string{"microsoft.graph.widget"}))
	v, err := LoadValidator(dir, Options{})
	require.NoError(t, err)

	got := v.Validate(assembleBody(`{"part": {"weight": "heavy"}, "color": "Red", "count": "1"}`))
	assert.Equal(t, []string{"enum-value-invalid /color", "type-mismatch /count", "type-mismatch /part/weight"}, summary(got))
}
