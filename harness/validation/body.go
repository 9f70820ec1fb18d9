package validation

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/graphdoc/graphdoc/harness/extract"
	"github.com/graphdoc/graphdoc/harness/schema"
)

// Model validates JSON bodies against the types of one API version.
// *schema.Validator implements it.
type Model interface {
	Resolve(name string) (canonical string, status schema.Resolution)
	Validate(body schema.Body) []schema.Violation
}

// RequestTyper is a model that derives the body a request must carry
// from the request's method and URL. A model loaded from CSDL implements
// it.
type RequestTyper interface {
	// RequestType returns the body that a request with method to target
	// must carry, and false when the model cannot tell or the request
	// implies no typed body. target is the request target as the page
	// writes it.
	RequestType(method, target string) (RequestShape, bool)
}

// RequestShape is the body that a request's method and URL imply.
type RequestShape struct {
	// Type is the qualified name of the entity type the body holds, or ""
	// for the call of an action.
	Type string
	// Partial marks a body that may hold any subset of the properties of
	// Type, as PATCH sends it.
	Partial bool
	// Action is the qualified name of the action called, and Parameters
	// are its non-binding parameters, which the body holds as members.
	Action     string
	Parameters []schema.Parameter
}

// requestBody validates a request's JSON body as the type its
// @odata.type or its annotation names or, when neither names one, as the
// type the request's method and URL imply.
func (v *pageValidator) requestBody(example *extract.Example) {
	block := example.Request
	if v.model == nil || block.JSON == nil || !block.JSONValid {
		return
	}

	typeName := bodyType(block.JSON)
	if typeName == "" && block.Annotation != nil {
		typeName = block.Annotation.ODataType
	}
	if isPrimitiveType(typeName) {
		return
	}
	if typeName == "" {
		v.impliedRequestBody(block)
		return
	}
	if v.pageDefines(typeName) || !v.resolves(block, typeName) {
		return
	}

	violations := v.model.Validate(schema.Body{
		Type:    typeName,
		JSON:    block.JSON,
		Request: true,
		Partial: block.Request.Method == "PATCH",
	})
	v.violations(block, violations)
}

// impliedRequestBody validates a request body that names no type as the
// body the request's method and URL imply, when the model can derive it.
func (v *pageValidator) impliedRequestBody(block *extract.Block) {
	typer, ok := v.model.(RequestTyper)
	if !ok || block.Request == nil {
		return
	}
	shape, ok := typer.RequestType(block.Request.Method, block.Request.Target)
	if !ok || (shape.Type != "" && v.pageDefines(shape.Type)) {
		return
	}

	violations := v.model.Validate(schema.Body{
		Type:       shape.Type,
		JSON:       block.JSON,
		Request:    true,
		Partial:    shape.Partial,
		Action:     shape.Action,
		Parameters: shape.Parameters,
	})
	v.violations(block, violations)
}

// responseBody validates a response's JSON body as the type its
// annotation names.
func (v *pageValidator) responseBody(example *extract.Example) {
	block := example.Response
	if v.model == nil || block.Annotation == nil {
		return
	}
	typeName := block.Annotation.ODataType
	if typeName == "" || isPrimitiveType(typeName) || v.pageDefines(typeName) {
		return
	}
	if !v.resolves(block, typeName) {
		return
	}

	status := block.Response.Status
	if block.JSON == nil || !block.JSONValid || status == 204 || status == 205 || status == 304 {
		return
	}
	violations := v.model.Validate(schema.Body{
		Type:       typeName,
		Collection: block.Annotation.IsCollection,
		JSON:       block.JSON,
		Truncated:  block.Annotation.Truncated,
	})
	v.violations(block, violations)
}

// standalone validates the JSON of an example block that names its type.
func (v *pageValidator) standalone(block *extract.Block) {
	if v.model == nil || block.Annotation.BlockType != extract.TypeExample {
		return
	}
	typeName := block.Annotation.ODataType
	if typeName == "" || isPrimitiveType(typeName) || block.JSON == nil || !block.JSONValid || v.pageDefines(typeName) {
		return
	}
	if !v.resolves(block, typeName) {
		return
	}
	violations := v.model.Validate(schema.Body{
		Type:       typeName,
		Collection: block.Annotation.IsCollection,
		JSON:       block.JSON,
		Truncated:  block.Annotation.Truncated,
	})
	v.violations(block, violations)
}

// pageDefines reports whether the page has a resource block for typeName.
// Such a page's bodies of that type are checked against its own
// definition, so that the page and the model never both report one fault.
func (v *pageValidator) pageDefines(typeName string) bool {
	name := strings.TrimPrefix(typeName, "#")
	for _, block := range v.page.Blocks {
		if block.Annotation != nil && block.Annotation.BlockType == extract.TypeResource && strings.EqualFold(strings.TrimPrefix(block.Annotation.ODataType, "#"), name) {
			return true
		}
	}
	return false
}

// resolves reports whether the model has a schema for typeName, and
// reports the name when it is misspelled or missing.
func (v *pageValidator) resolves(block *extract.Block, typeName string) bool {
	canonical, status := v.model.Resolve(typeName)
	line := block.Line
	switch status {
	case schema.Found:
		return true
	case schema.FoundIgnoringCase:
		v.report("odata-type-case-mismatch", line, 1, exampleName(block), fmt.Sprintf("type %s is spelled %s in the model", strings.TrimPrefix(typeName, "#"), canonical))
		return true
	case schema.Unqualified:
		v.report("odata-type-unqualified", line, 1, exampleName(block), fmt.Sprintf("type %q has no namespace; write microsoft.graph.%s", typeName, strings.TrimPrefix(typeName, "#")))
	case schema.UnknownNamespace:
		v.report("odata-type-unknown", line, 1, exampleName(block), fmt.Sprintf("type %s is outside the microsoft.graph namespaces", strings.TrimPrefix(typeName, "#")))
	case schema.NotInModel:
		if v.missing == nil {
			v.missing = map[string]bool{}
		}
		if !v.missing[canonical] {
			v.missing[canonical] = true
			v.report("model-type-missing", line, 1, exampleName(block), fmt.Sprintf("type %s is not in the %s model; its bodies are not validated", canonical, v.versionName()))
		}
	}
	return false
}

func (v *pageValidator) versionName() string {
	if v.version == "" {
		return "loaded"
	}
	return v.version
}

// violations turns schema violations into findings at their place in the body.
func (v *pageValidator) violations(block *extract.Block, violations []schema.Violation) {
	for _, violation := range violations {
		line, column := bodyPosition(block, locate(block.JSON, violation.Pointer))
		f := v.report(violation.Rule, line, column, exampleName(block), violation.Message)
		f.Severity = violation.Severity
		f.Pointer = violation.Pointer
	}
}

// bodyPosition maps an offset in a block's JSON to a page line and column.
func bodyPosition(block *extract.Block, offset int) (line, column int) {
	offset = min(max(offset, 0), len(block.JSON))
	before := block.JSON[:offset]
	line = block.JSONLine + bytes.Count(before, []byte("\n"))
	column = offset - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, column
}

// bodyType returns the top-level @odata.type of a JSON object, or "".
func bodyType(body []byte) string {
	var object map[string]json.RawMessage
	if json.Unmarshal(body, &object) != nil {
		return ""
	}
	var typeName string
	if json.Unmarshal(object["@odata.type"], &typeName) != nil {
		return ""
	}
	return typeName
}

// isPrimitiveType reports whether a page's type name is a primitive, a
// stream or a tooling name rather than a model type, which leaves the body
// unchecked.
func isPrimitiveType(name string) bool {
	lower := strings.ToLower(strings.TrimPrefix(name, "#"))
	if strings.HasPrefix(lower, "requestbodyresourcefor.") {
		// The docs tooling generates these names for action bodies; they
		// name no model type.
		return true
	}
	return lower == "stream" || lower == "string" || lower == "binary" || strings.HasPrefix(lower, "edm.")
}

func sortedKeys(members map[string]any) []string {
	keys := make([]string, 0, len(members))
	for key := range members {
		keys = append(keys, key)
	}
	slices.Sort(keys)
	return keys
}

// exampleName returns the name a block's findings carry: its own, or that
// of the request a response answers.
func exampleName(block *extract.Block) string {
	if name := block.Name(); name != "" {
		return name
	}
	if len(block.PairedWith) > 0 {
		return block.PairedWith[0]
	}
	return ""
}
