package schema

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/graphdoc/graphdoc/harness/finding"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func widgetValidator(t testing.TB, opts Options) *Validator {
	t.Helper()
	v := NewValidator(widgetModel(t), opts)
	require.NoError(t, v.Compile())
	return v
}

// summary renders violations as "rule pointer" lines for comparison.
func summary(violations []Violation) []string {
	lines := []string{}
	for _, v := range violations {
		lines = append(lines, v.Rule+" "+v.Pointer)
	}
	return lines
}

// completeWidget is a widget response that shows every non-nullable
// property; the cases below add to it.
const completeWidget = `"id": "w1", "createdDateTime": "2021-07-01T08:30:00Z", "labels": []`

func widgetBody(members string) string {
	if members == "" {
		return "{" + completeWidget + "}"
	}
	return "{" + completeWidget + ", " + members + "}"
}

type validationCase struct {
	name string
	body Body
	want []string
}

func runValidationCases(t *testing.T, v *Validator, tests []validationCase) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := v.Validate(tc.body)
			want := tc.want
			if want == nil {
				want = []string{}
			}
			assert.Equal(t, want, summary(got))
		})
	}
}

func TestValidateProperties(t *testing.T) {
	v := widgetValidator(t, Options{Complete: true})
	widget := "microsoft.graph.widget"
	runValidationCases(t, v, []validationCase{
		{"complete response", Body{Type: widget, JSON: []byte(widgetBody(""))}, nil},
		{"unknown property", Body{Type: widget, JSON: []byte(widgetBody(`"colour": "red"`))},
			[]string{"property-unknown /colour"}},
		{"unknown property in request", Body{Type: widget, Request: true, JSON: []byte(`{"colour": "red"}`)},
			[]string{"property-unknown /colour"}},
		{"case variant on closed type", Body{Type: widget, JSON: []byte(widgetBody(`"Name": "x"`))},
			[]string{"property-case-mismatch /Name"}},
		{"case variant on open type", Body{Type: "microsoft.graph.note", Truncated: true, JSON: []byte(`{"Author": {}}`)},
			[]string{"property-case-mismatch /Author"}},
		{"dynamic property on open type", Body{Type: "microsoft.graph.note", Truncated: true, JSON: []byte(`{"mood": "calm", "author": {"nickname": "x"}}`)}, nil},
		{"control information and annotations", Body{Type: widget, JSON: []byte(widgetBody(
			`"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#widgets/$entity", "@odata.etag": "W/\"1\"",
			 "@odata.id": "x", "@odata.editLink": "x", "@odata.readLink": "x", "name@odata.type": "#String",
			 "@microsoft.graph.downloadUrl": "x", "name@microsoft.graph.conflictBehavior": "rename", "maker@odata.bind": "x"`))}, nil},
		{"navigation property expanded", Body{Type: widget, Truncated: true, JSON: []byte(`{"parts": [{"id": "p1", "weight": 2.5}], "maker": {"id": "w0"}}`)}, nil},
		{"navigation property typed", Body{Type: widget, Truncated: true, JSON: []byte(`{"parts": [{"id": "p1", "weight": "heavy"}]}`)},
			[]string{"type-mismatch /parts/0/weight"}},
		{"unknown property in expanded navigation", Body{Type: widget, Truncated: true, JSON: []byte(`{"maker": {"id": "w0", "colour": "red"}}`)},
			[]string{"property-unknown /maker/colour"}},
		{"pointer escaping", Body{Type: widget, JSON: []byte(widgetBody(`"a/b~c": 1`))},
			[]string{"property-unknown /a~1b~0c"}},
	})
}

func TestValidatePropertyUnknownSeverity(t *testing.T) {
	v := widgetValidator(t, Options{Complete: true})
	response := v.Validate(Body{Type: "microsoft.graph.widget", JSON: []byte(widgetBody(`"colour": "red"`))})
	require.Len(t, response, 1)
	assert.Equal(t, finding.Warning, response[0].Severity)
	assert.Contains(t, response[0].Message, `"colour"`)
	assert.Contains(t, response[0].Message, "microsoft.graph.widget")

	request := v.Validate(Body{Type: "microsoft.graph.widget", Request: true, JSON: []byte(`{"colour": "red"}`)})
	require.Len(t, request, 1)
	assert.Equal(t, finding.Error, request[0].Severity)
}

func TestValidatePropertyMissing(t *testing.T) {
	v := widgetValidator(t, Options{Complete: true})
	widget := "microsoft.graph.widget"
	incomplete := []byte(`{"name": "w", "maker": {"id": "w0", "createdDateTime": "2021-07-01T08:30:00Z", "labels": []}}`)
	runValidationCases(t, v, []validationCase{
		{"complete response", Body{Type: widget, JSON: incomplete},
			[]string{"property-missing /createdDateTime", "property-missing /id", "property-missing /labels"}},
		{"truncated response", Body{Type: widget, Truncated: true, JSON: incomplete}, nil},
		{"request", Body{Type: widget, Request: true, JSON: incomplete}, nil},
		{"partial body", Body{Type: widget, Partial: true, JSON: incomplete}, nil},
		{"non-nullable navigation property is never required", Body{Type: widget, JSON: []byte(widgetBody(""))}, nil},
		{"nested complex value", Body{Type: widget, JSON: []byte(`{` + completeWidget[:len(completeWidget)-2] + `[{"color": "red"}]}`)},
			[]string{"property-missing /labels/0/text"}},
	})

	missing := v.Validate(Body{Type: widget, JSON: []byte(`{"id": "1", "labels": []}`)})
	require.Len(t, missing, 1)
	assert.Contains(t, missing[0].Message, `"createdDateTime"`)
}

func TestValidatePrimitiveValues(t *testing.T) {
	v := widgetValidator(t, Options{Complete: true})
	tests := []struct {
		property string
		valid    []string
		invalid  map[string]string // value -> rule
	}{
		{"string", []string{`"x"`, `""`, `null`}, map[string]string{`1`: "type-mismatch", `true`: "type-mismatch"}},
		{"boolean", []string{`true`, `false`}, map[string]string{`"true"`: "type-mismatch", `0`: "type-mismatch"}},
		{"byte", []string{`0`, `255`}, map[string]string{`256`: "value-invalid", `-1`: "value-invalid", `1.5`: "type-mismatch"}},
		{"sbyte", []string{`-128`, `127`}, map[string]string{`128`: "value-invalid"}},
		{"int16", []string{`-32768`, `32767`}, map[string]string{`32768`: "value-invalid"}},
		{"int32", []string{`-2147483648`, `2147483647`}, map[string]string{`2147483648`: "value-invalid", `"3"`: "type-mismatch", `3.5`: "type-mismatch"}},
		{"int64", []string{`9223372036854775807`, `"9223372036854775807"`, `-1`, `"-1"`}, map[string]string{`"12a"`: "type-mismatch", `1.5`: "type-mismatch"}},
		{"decimal", []string{`1.5`, `"1.5"`, `"-2e10"`, `3`}, map[string]string{`"abc"`: "type-mismatch", `true`: "type-mismatch"}},
		{"double", []string{`1`, `-2.5e3`, `"NaN"`, `"INF"`, `"-INF"`}, map[string]string{`"nan"`: "type-mismatch", `"1.5"`: "type-mismatch"}},
		{"single", []string{`1.25`, `"INF"`}, map[string]string{`"Infinity"`: "type-mismatch"}},
		{"dateTimeOffset", []string{`"2021-07-01T08:30:00Z"`, `"2017-01-01T00:03:07.3452024+03:00"`, `"2021-07-01T08:30Z"`, `"2016-12-31T23:59:60-08:00"`},
			map[string]string{`"2021-07-01T08:30:00"`: "datetime-invalid", `"2021-07-01"`: "datetime-invalid", `"2021-02-30T00:00:00Z"`: "datetime-invalid",
				`"2021-07-01 08:30:00Z"`: "datetime-invalid", `"datetime-value"`: "datetime-invalid", `1625128200`: "type-mismatch"}},
		{"date", []string{`"2021-07-01"`}, map[string]string{`"2021-7-1"`: "value-invalid", `"2021-07-01T00:00:00Z"`: "value-invalid"}},
		{"timeOfDay", []string{`"08:30:00"`, `"08:30:00.1234567"`, `"08:30"`}, map[string]string{`"25:00:00"`: "value-invalid", `"8:30"`: "value-invalid"}},
		{"duration", []string{`"PT1H"`, `"P1D"`, `"-PT0.5S"`, `"P1Y2M3W4DT5H6M7S"`}, map[string]string{`"P"`: "value-invalid", `"PT"`: "value-invalid", `"1 hour"`: "value-invalid"}},
		{"guid", []string{`"a2210582-0582-a221-8205-21a2820521a2"`, `"A2210582-0582-A221-8205-21A2820521A2"`},
			map[string]string{`"a2210582"`: "value-invalid", `"{a2210582-0582-a221-8205-21a2820521a2}"`: "value-invalid"}},
		{"binary", []string{`"SGVsbG8="`, `"SGVsbG8_-w"`}, map[string]string{`"SGVs bG8="`: "value-invalid"}},
		{"point", []string{`{"type": "Point", "coordinates": [1, 2]}`}, map[string]string{`"POINT(1 2)"`: "type-mismatch"}},
		{"untyped", []string{`1`, `"x"`, `[1]`, `{"a": 1}`}, nil},
		{"anything", []string{`[[1, 2], ["a"]]`, `"x"`, `{"a": 1}`}, nil},
		{"missing", []string{`[1]`, `"x"`}, nil},
		{"requiredInt32", []string{`1`}, map[string]string{`null`: "type-mismatch"}},
		{"stream", nil, map[string]string{`"aGVsbG8="`: "stream-property-value", `null`: "stream-property-value", `{}`: "stream-property-value"}},
		{"color", []string{`"red"`, `"darkBlue"`, `null`}, map[string]string{`"Red"`: "enum-value-invalid", `"darkblue"`: "enum-value-invalid", `1`: "type-mismatch"}},
		{"requiredColor", []string{`"red"`}, map[string]string{`null`: "type-mismatch"}},
		{"permissions", []string{`"read"`, `"read,write"`, `"share,read"`}, map[string]string{`"read, write"`: "enum-value-invalid", `"read,delete"`: "enum-value-invalid", `"Read"`: "enum-value-invalid"}},
		{"label", []string{`{"text": "x"}`, `null`}, map[string]string{`"x"`: "type-mismatch", `[]`: "type-mismatch"}},
		{"requiredLabel", []string{`{"text": "x"}`}, map[string]string{`null`: "type-mismatch"}},
		{"labels", []string{`[]`, `[{"text": "x"}]`}, map[string]string{`{}`: "type-mismatch", `null`: "type-mismatch"}},
		{"tags", []string{`["a", "b"]`, `["a", null]`}, map[string]string{`"a"`: "type-mismatch", `[1]`: "type-mismatch"}},
	}
	for _, tc := range tests {
		for _, value := range tc.valid {
			t.Run(tc.property+" accepts "+value, func(t *testing.T) {
				body := Body{Type: "microsoft.graph.sample", Truncated: true, JSON: []byte(fmt.Sprintf(`{%q: %s}`, tc.property, value))}
				assert.Empty(t, summary(v.Validate(body)))
			})
		}
		for value, rule := range tc.invalid {
			t.Run(tc.property+" rejects "+value, func(t *testing.T) {
				body := Body{Type: "microsoft.graph.sample", Truncated: true, JSON: []byte(fmt.Sprintf(`{%q: %s}`, tc.property, value))}
				pointer := "/" + tc.property
				if strings.HasPrefix(value, "[") && tc.property == "tags" {
					pointer += "/0"
				}
				assert.Equal(t, []string{rule + " " + pointer}, summary(v.Validate(body)))
			})
		}
	}
}

func TestValidateStreamLinks(t *testing.T) {
	v := widgetValidator(t, Options{Complete: true})
	body := Body{Type: "microsoft.graph.widget", JSON: []byte(widgetBody(
		`"content@odata.mediaReadLink": "https://example.invalid/content", "content@odata.mediaEditLink": "x",
		 "content@odata.mediaContentType": "image/png", "content@odata.mediaEtag": "W/1"`))}
	assert.Empty(t, summary(v.Validate(body)))

	violations := v.Validate(Body{Type: "microsoft.graph.widget", JSON: []byte(widgetBody(`"content": "aGVsbG8="`))})
	require.Len(t, violations, 1)
	assert.Equal(t, "stream-property-value", violations[0].Rule)
	assert.Contains(t, violations[0].Message, "content@odata.mediaReadLink")
}

func TestValidateODataTypes(t *testing.T) {
	complete := widgetValidator(t, Options{Complete: true})
	widget := "microsoft.graph.widget"
	runValidationCases(t, complete, []validationCase{
		{"derived type with hash", Body{Type: widget, JSON: []byte(widgetBody(`"@odata.type": "#microsoft.graph.gadget", "battery": 80`))}, nil},
		{"derived type without hash", Body{Type: widget, JSON: []byte(widgetBody(`"@odata.type": "microsoft.graph.gadget", "battery": 80`))}, nil},
		{"derived type checked as derived", Body{Type: widget, JSON: []byte(widgetBody(`"@odata.type": "#microsoft.graph.gadget", "battery": "full"`))},
			[]string{"type-mismatch /battery"}},
		{"derived property without cast", Body{Type: widget, JSON: []byte(widgetBody(`"battery": 80`))},
			[]string{"property-unknown /battery"}},
		{"base type named", Body{Type: widget, JSON: []byte(widgetBody(`"@odata.type": "#microsoft.graph.entity"`))}, nil},
		{"alias-qualified type", Body{Type: widget, JSON: []byte(widgetBody(`"@odata.type": "#graph.gadget", "battery": 80`))}, nil},
		{"nested derived type", Body{Type: widget, Truncated: true, JSON: []byte(`{"parts": [{"@odata.type": "#microsoft.graph.specialPart", "grade": "A"}, {"grade": "B"}]}`)},
			[]string{"property-unknown /parts/1/grade"}},
		{"nested open derived type", Body{Type: widget, Truncated: true, JSON: []byte(`{"owner": {"@odata.type": "#microsoft.graph.userIdentity", "userPrincipalName": 3}}`)},
			[]string{"type-mismatch /owner/userPrincipalName"}},
		{"unrelated type", Body{Type: widget, JSON: []byte(widgetBody(`"@odata.type": "#microsoft.graph.part"`))},
			[]string{"odata-type-mismatch /@odata.type"}},
		{"unrelated nested type", Body{Type: widget, Truncated: true, JSON: []byte(`{"owner": {"@odata.type": "microsoft.graph.label"}}`)},
			[]string{"odata-type-mismatch /owner/@odata.type"}},
		{"sub-namespace type is a valid cast", Body{Type: "microsoft.graph.entity", JSON: []byte(`{"@odata.type": "#microsoft.graph.shop.order", "id": "o1", "status": "red"}`)}, nil},
		{"case variant", Body{Type: widget, JSON: []byte(widgetBody(`"@odata.type": "#microsoft.graph.Gadget", "battery": 80`))},
			[]string{"odata-type-case-mismatch /@odata.type"}},
		{"unqualified", Body{Type: widget, JSON: []byte(widgetBody(`"@odata.type": "#gadget", "owner": {"@odata.type": "identity"}`))},
			[]string{"odata-type-unqualified /@odata.type", "odata-type-unqualified /owner/@odata.type"}},
		{"foreign namespace", Body{Type: widget, JSON: []byte(widgetBody(`"@odata.type": "#contoso.widget"`))},
			[]string{"odata-type-unknown /@odata.type"}},
		{"type the model lacks", Body{Type: widget, JSON: []byte(widgetBody(`"@odata.type": "#microsoft.graph.doohickey"`))},
			[]string{"odata-type-unknown /@odata.type"}},
		{"type not a string", Body{Type: widget, JSON: []byte(widgetBody(`"@odata.type": 7`))},
			[]string{"type-mismatch /@odata.type"}},
		{"annotation type spelled in another case", Body{Type: "microsoft.graph.Widget", JSON: []byte(widgetBody(`"battery": 80`))},
			[]string{"property-unknown /battery"}},
	})

	partial := widgetValidator(t, Options{})
	got := partial.Validate(Body{Type: widget, JSON: []byte(widgetBody(`"@odata.type": "#microsoft.graph.doohickey"`))})
	assert.Empty(t, summary(got), "an extract may lack the type, so it is not reported")
}

func TestValidateCollections(t *testing.T) {
	v := widgetValidator(t, Options{Complete: true})
	widget := "microsoft.graph.widget"
	runValidationCases(t, v, []validationCase{
		{"collection", Body{Type: widget, Collection: true, JSON: []byte(`{"@odata.context": "x", "@odata.count": 2, "@odata.nextLink": "x", "@odata.deltaLink": "x",
			"value": [` + widgetBody("") + `, ` + widgetBody(`"name": 5`) + `]}`)},
			[]string{"type-mismatch /value/1/name"}},
		{"item not an object", Body{Type: widget, Collection: true, JSON: []byte(`{"value": ["w1"]}`)},
			[]string{"type-mismatch /value/0"}},
		{"empty collection", Body{Type: widget, Collection: true, JSON: []byte(`{"value": []}`)}, nil},
		{"collection type wrapper", Body{Type: "Collection(microsoft.graph.widget)", JSON: []byte(`{"value": []}`)}, nil},
		{"member beside value", Body{Type: widget, Collection: true, JSON: []byte(`{"count": 2, "value": []}`)},
			[]string{"property-unknown /count"}},
		{"object where collection expected", Body{Type: widget, Collection: true, JSON: []byte(widgetBody(""))},
			[]string{"collection-shape-mismatch "}},
		{"array where collection expected", Body{Type: widget, Collection: true, JSON: []byte(`[` + widgetBody("") + `]`)},
			[]string{"collection-shape-mismatch "}},
		{"collection where object expected", Body{Type: widget, JSON: []byte(`{"@odata.context": "x", "value": [` + widgetBody("") + `]}`)},
			[]string{"collection-shape-mismatch "}},
		{"array where object expected", Body{Type: widget, JSON: []byte(`[]`)},
			[]string{"collection-shape-mismatch "}},
		{"type with a value property", Body{Type: "microsoft.graph.note", Truncated: true, JSON: []byte(`{"value": "text"}`)}, nil},
		{"derived items", Body{Type: widget, Collection: true, Truncated: true, JSON: []byte(`{"value": [{"@odata.type": "#microsoft.graph.gadget", "battery": 1}, {"battery": 1}]}`)},
			[]string{"property-unknown /value/1/battery"}},
	})
}

func TestValidateSkipsWhatItCannotCheck(t *testing.T) {
	v := widgetValidator(t, Options{Complete: true})
	for _, body := range []Body{
		{Type: "microsoft.graph.doohickey", JSON: []byte(`{"a": 1}`)},
		{Type: "doohickey", JSON: []byte(`{"a": 1}`)},
		{Type: "Edm.String", JSON: []byte(`{"value": 1}`)},
		{Type: "microsoft.graph.color", JSON: []byte(`"red"`)},
		{Type: "microsoft.graph.widget", JSON: []byte(`{"a": 1,}`)},
		{Type: "microsoft.graph.widget", JSON: []byte(`{"a": 1} {"b": 2}`)},
		{Type: "microsoft.graph.widget", JSON: []byte("  \n")},
	} {
		assert.Empty(t, v.Validate(body), "%s %s", body.Type, body.JSON)
	}
}

func TestValidateMessagesDoNotEchoLongValues(t *testing.T) {
	v := widgetValidator(t, Options{Complete: true})
	long := strings.Repeat("secret", 20)
	violations := v.Validate(Body{Type: "microsoft.graph.sample", Truncated: true, JSON: []byte(`{"int32": "` + long + `", "guid": "` + long + `"}`)})
	require.Len(t, violations, 2)
	for _, violation := range violations {
		assert.NotContains(t, violation.Message, long)
	}
	assert.Contains(t, violations[0].Message, `"guid"`)
	assert.Contains(t, violations[0].Message, "Edm.Guid")
	assert.Contains(t, violations[1].Message, `"int32"`)
	assert.Contains(t, violations[1].Message, "Edm.Int32")
}

func TestResolve(t *testing.T) {
	v := NewValidator(widgetModel(t), Options{})
	tests := []struct {
		name      string
		canonical string
		status    Resolution
	}{
		{"microsoft.graph.widget", "microsoft.graph.widget", Found},
		{"#microsoft.graph.widget", "microsoft.graph.widget", Found},
		{"graph.widget", "microsoft.graph.widget", Found},
		{"Collection(microsoft.graph.widget)", "microsoft.graph.widget", Found},
		{"microsoft.graph.shop.order", "microsoft.graph.shop.order", Found},
		{"microsoft.graph.WIDGET", "microsoft.graph.widget", FoundIgnoringCase},
		{"#Microsoft.Graph.widget", "microsoft.graph.widget", FoundIgnoringCase},
		{"widget", "widget", Unqualified},
		{"#widget", "widget", Unqualified},
		{"", "", Unqualified},
		{"contoso.widget", "contoso.widget", UnknownNamespace},
		{"microsoft.graphx.widget", "microsoft.graphx.widget", UnknownNamespace},
		{"microsoft.graph.doohickey", "microsoft.graph.doohickey", NotInModel},
		{"microsoft.graph.shop.doohickey", "microsoft.graph.shop.doohickey", NotInModel},
		{"Edm.Stream", "Edm.Stream", Primitive},
		{"string", "string", Primitive},
		{"Collection(Edm.String)", "Edm.String", Primitive},
	}
	for _, tc := range tests {
		canonical, status := v.Resolve(tc.name)
		assert.Equal(t, tc.canonical, canonical, tc.name)
		assert.Equal(t, tc.status, status, "%s resolves as %s", tc.name, status)
	}
}

func TestValidateConcurrently(t *testing.T) {
	v := NewValidator(widgetModel(t), Options{Complete: true})
	body := Body{Type: "microsoft.graph.widget", JSON: []byte(widgetBody(`"@odata.type": "#microsoft.graph.Gadget", "battery": "x", "colour": 1`))}
	want := []string{"odata-type-case-mismatch /@odata.type", "type-mismatch /battery", "property-unknown /colour"}

	// The first calls race to compile the schema.
	var wg sync.WaitGroup
	results := make([][]string, 8)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				results[i] = summary(v.Validate(body))
			}
		}()
	}
	wg.Wait()
	for _, got := range results {
		assert.ElementsMatch(t, want, got)
	}
}

func TestLoadValidatorErrors(t *testing.T) {
	empty := t.TempDir()
	_, err := LoadValidator(empty, Options{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no *.json files")

	broken := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(broken, "a.json"), []byte(`{"definitions": `), 0o644))
	_, err = LoadValidator(broken, Options{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "a.json")

	noDefinitions := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(noDefinitions, "a.json"), []byte(`{"type": "object"}`), 0o644))
	_, err = LoadValidator(noDefinitions, Options{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no definitions")

	conflict := t.TempDir()
	first := generate(t, "microsoft.graph.label")
	second := strings.Replace(string(first), `"text"`, `"caption"`, -1)
	require.NoError(t, os.WriteFile(filepath.Join(conflict, "a.json"), first, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(conflict, "b.json"), []byte(second), 0o644))
	_, err = LoadValidator(conflict, Options{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "microsoft.graph.label")
}

func TestLoadValidatorMatchesModelValidator(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, WriteFiles(widgetModel(t), dir, []string{"widget", "microsoft.graph.sample", "note"}))
	loaded, err := LoadValidator(dir, Options{Complete: true})
	require.NoError(t, err)
	fromModel := widgetValidator(t, Options{Complete: true})

	bodies := []Body{
		{Type: "microsoft.graph.widget", JSON: []byte(`{"Name": 1, "@odata.type": "#microsoft.graph.gadget", "battery": "x", "parts": [{"weight": "x"}]}`)},
		{Type: "microsoft.graph.sample", Truncated: true, JSON: []byte(`{"color": "Red", "permissions": "read,x", "dateTimeOffset": "2021-07-01", "stream": 1, "int32": 1e12}`)},
		{Type: "microsoft.graph.note", JSON: []byte(`{"Author": {"@odata.type": "#microsoft.graph.label"}}`)},
	}
	for _, body := range bodies {
		want := fromModel.Validate(body)
		require.NotEmpty(t, want)
		assert.Equal(t, want, loaded.Validate(body), "%s", body.JSON)
	}
}
