package schema

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xeipuuv/gojsonschema"
)

func generate(t *testing.T, typeName string) []byte {
	t.Helper()
	data, err := Generate(widgetModel(t), typeName)
	require.NoError(t, err)
	return data
}

func decodeDocument(t *testing.T, data []byte) map[string]any {
	t.Helper()
	var document map[string]any
	require.NoError(t, json.Unmarshal(data, &document))
	return document
}

// definitionOf returns the definition of name in a generated document.
func definitionOf(t *testing.T, document map[string]any, name string) map[string]any {
	t.Helper()
	definitions, ok := document["definitions"].(map[string]any)
	require.True(t, ok, "document has definitions")
	def, ok := definitions[name].(map[string]any)
	require.True(t, ok, "definition %s exists", name)
	return def
}

func propertyOf(t *testing.T, shape map[string]any, name string) map[string]any {
	t.Helper()
	properties, ok := shape["properties"].(map[string]any)
	require.True(t, ok, "shape has properties")
	p, ok := properties[name].(map[string]any)
	require.True(t, ok, "property %s exists", name)
	return p
}

func TestGenerateIsReproducible(t *testing.T) {
	first := generate(t, "microsoft.graph.widget")
	second := generate(t, "graph.widget")
	assert.Equal(t, first, second, "the same type gives the same bytes")
	assert.True(t, bytes.HasSuffix(first, []byte("}\n")), "the document ends with a newline")

	// Decoding and encoding again sorts keys and indents the same way, so
	// the bytes cannot depend on map order.
	again, err := encode(decodeDocument(t, first))
	require.NoError(t, err)
	assert.Equal(t, string(first), string(again))
}

func TestGenerateDocumentHeader(t *testing.T) {
	document := decodeDocument(t, generate(t, "widget"))
	assert.Equal(t, "http://json-schema.org/draft-07/schema#", document["$schema"])
	assert.Equal(t, "#/definitions/microsoft.graph.widget", document["$ref"])
	assert.Equal(t, "microsoft.graph.widget", document["title"])
}

func TestGenerateClosure(t *testing.T) {
	document := decodeDocument(t, generate(t, "microsoft.graph.widget"))
	definitions := document["definitions"].(map[string]any)
	var names []string
	for name := range definitions {
		names = append(names, name)
	}
	slices.Sort(names)
	assert.Equal(t, []string{
		"microsoft.graph.color",        // label.color
		"microsoft.graph.gadget",       // derived from widget
		"microsoft.graph.identity",     // owner
		"microsoft.graph.label",        // labels
		"microsoft.graph.part",         // parts, a navigation property
		"microsoft.graph.specialPart",  // derived from part
		"microsoft.graph.userIdentity", // derived from identity
		"microsoft.graph.widget",
	}, names, "base types are flattened into the shape and need no definition")
}

func TestGenerateUnknownType(t *testing.T) {
	_, err := Generate(widgetModel(t), "microsoft.graph.doohickey")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "microsoft.graph.doohickey")
}

func TestGenerateInheritanceAndRequired(t *testing.T) {
	document := decodeDocument(t, generate(t, "microsoft.graph.widget"))
	gadget := definitionOf(t, document, "microsoft.graph.gadget")

	for _, name := range []string{"id", "name", "createdDateTime", "battery", "parts", "maker"} {
		propertyOf(t, gadget, name)
	}
	assert.Equal(t, "microsoft.graph.widget", gadget[keyBaseType])
	assert.Equal(t, []any{"createdDateTime", "id", "labels"}, gadget["required"],
		"non-nullable structural properties only: the non-nullable navigation property maker is left out")
	assert.Equal(t, []any{
		"#microsoft.graph.entity", "#microsoft.graph.gadget", "#microsoft.graph.widget",
		"microsoft.graph.entity", "microsoft.graph.gadget", "microsoft.graph.widget",
	}, propertyOf(t, gadget, "@odata.type")["enum"], "the type and its ancestors, with and without #")
}

func TestGenerateOpenAndClosedTypes(t *testing.T) {
	document := decodeDocument(t, generate(t, "microsoft.graph.widget"))

	part := definitionOf(t, document, "microsoft.graph.specialPart")
	assert.Equal(t, false, part["additionalProperties"])
	assert.Contains(t, part["patternProperties"], controlPattern)
	assert.NotContains(t, part, "propertyNames", "a closed type reports case variants as additional properties")

	identity := definitionOf(t, document, "microsoft.graph.userIdentity")
	assert.NotContains(t, identity, "additionalProperties")
	assert.Contains(t, identity, "propertyNames")
}

func TestGenerateDerivedTypeDispatch(t *testing.T) {
	document := decodeDocument(t, generate(t, "microsoft.graph.widget"))
	widget := definitionOf(t, document, "microsoft.graph.widget")

	condition := widget["if"].(map[string]any)
	assert.Equal(t, []any{"@odata.type"}, condition["required"])
	assert.Equal(t, []any{"#microsoft.graph.gadget", "microsoft.graph.gadget"},
		condition["properties"].(map[string]any)["@odata.type"].(map[string]any)["enum"])
	assert.Equal(t, "object", widget["else"].(map[string]any)["type"], "the widget's own shape is the else branch")

	gadget := definitionOf(t, document, "microsoft.graph.gadget")
	assert.NotContains(t, gadget, "if", "a type without derived types is its shape")
}

func TestGeneratePropertySchemas(t *testing.T) {
	document := decodeDocument(t, generate(t, "microsoft.graph.sample"))
	sample := definitionOf(t, document, "microsoft.graph.sample")

	int32Property := propertyOf(t, sample, "int32")
	assert.Equal(t, []any{"integer", "null"}, int32Property["type"])
	assert.Equal(t, float64(-2147483648), int32Property["minimum"])
	assert.Equal(t, float64(2147483647), int32Property["maximum"])
	assert.Equal(t, "Edm.Int32", int32Property[keyODataType])

	assert.Equal(t, "integer", propertyOf(t, sample, "requiredInt32")["type"], "not nullable: no null")
	assert.Equal(t, "date-time", propertyOf(t, sample, "dateTimeOffset")["format"])
	assert.Equal(t, []any{"integer", "string", "null"}, propertyOf(t, sample, "int64")["type"])

	labels := propertyOf(t, sample, "labels")
	assert.Equal(t, "array", labels["type"])
	assert.Equal(t, "Collection(microsoft.graph.label)", labels[keyODataType])

	label := propertyOf(t, sample, "label")
	assert.Equal(t, map[string]any{"type": "null"}, label["if"], "a nullable complex value may be null")
	assert.Equal(t, map[string]any{"$ref": "#/definitions/microsoft.graph.label"}, label["else"])

	assert.Equal(t, []any{false}, propertyOf(t, sample, "stream")["allOf"], "a stream property takes no value")
	assert.Equal(t, map[string]any{keyODataType: "microsoft.graph.Json"}, propertyOf(t, sample, "anything"),
		"microsoft.graph.Json accepts any value")
	assert.Equal(t, map[string]any{keyODataType: "microsoft.graph.notInThisModel"}, propertyOf(t, sample, "missing"))

	flags := definitionOf(t, document, "microsoft.graph.permissions")
	assert.Equal(t, "^(?:read|write|share)(?:,(?:read|write|share))*$", flags["pattern"])
	color := definitionOf(t, document, "microsoft.graph.color")
	assert.Equal(t, []any{"red", "darkBlue"}, color["enum"])
}

func TestGenerateNavigationProperties(t *testing.T) {
	document := decodeDocument(t, generate(t, "microsoft.graph.widget"))
	widget := definitionOf(t, document, "microsoft.graph.widget")["else"].(map[string]any)

	parts := propertyOf(t, widget, "parts")
	assert.Equal(t, true, parts[keyNavigation])
	assert.Equal(t, "array", parts["type"])
	maker := propertyOf(t, widget, "maker")
	assert.Equal(t, map[string]any{"$ref": "#/definitions/microsoft.graph.widget"}, maker["allOf"].([]any)[0])
}

// TestGeneratedDocumentLoadsInGojsonschema checks a generated file on its
// own, without Validator: gojsonschema compiles it and applies it.
func TestGeneratedDocumentLoadsInGojsonschema(t *testing.T) {
	compiled, err := gojsonschema.NewSchema(gojsonschema.NewBytesLoader(generate(t, "microsoft.graph.widget")))
	require.NoError(t, err)

	tests := []struct {
		name  string
		body  string
		valid bool
	}{
		{"complete widget", `{"id": "1", "createdDateTime": "2021-07-01T08:30:00Z", "labels": []}`, true},
		{"control information", `{"@odata.context": "x", "@odata.etag": "W/1", "id": "1", "createdDateTime": "2021-07-01T08:30:00Z", "labels": [], "maker@odata.bind": "x"}`, true},
		{"derived type", `{"@odata.type": "#microsoft.graph.gadget", "battery": 3, "id": "1", "createdDateTime": "2021-07-01T08:30:00Z", "labels": []}`, true},
		{"derived property on base type", `{"battery": 3, "id": "1", "createdDateTime": "2021-07-01T08:30:00Z", "labels": []}`, false},
		{"nested derived type", `{"id": "1", "createdDateTime": "2021-07-01T08:30:00Z", "labels": [], "parts": [{"@odata.type": "microsoft.graph.specialPart", "id": "2", "grade": "A"}]}`, true},
		{"nested unknown property", `{"id": "1", "createdDateTime": "2021-07-01T08:30:00Z", "labels": [], "parts": [{"id": "2", "grade": "A"}]}`, false},
		{"unrelated type", `{"@odata.type": "#microsoft.graph.part", "id": "1", "createdDateTime": "2021-07-01T08:30:00Z", "labels": []}`, false},
		{"missing required property", `{"id": "1", "labels": []}`, false},
		{"stream value", `{"id": "1", "createdDateTime": "2021-07-01T08:30:00Z", "labels": [], "content": "x"}`, false},
		{"stream link", `{"id": "1", "createdDateTime": "2021-07-01T08:30:00Z", "labels": [], "content@odata.mediaReadLink": "x"}`, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			result, err := compiled.Validate(gojsonschema.NewStringLoader(tc.body))
			require.NoError(t, err)
			assert.Equal(t, tc.valid, result.Valid(), "%v", result.Errors())
		})
	}
}
