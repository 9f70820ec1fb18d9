package validation

import (
	"encoding/json"
	"fmt"

	"github.com/graphdoc/graphdoc/harness/extract"
	"github.com/graphdoc/graphdoc/harness/finding"
	"github.com/graphdoc/graphdoc/harness/schema"
)

// ActualBody validates the body a target sent for example against the
// type its documented response names. The findings carry the response
// block's fence line and a JSON Pointer into the actual body; the body
// itself is never quoted. A type the model lacks gives no finding.
func ActualBody(model Model, page *extract.Page, example *extract.Example, body []byte) []finding.Finding {
	block := example.Response
	if model == nil || block == nil || block.Annotation == nil || !json.Valid(body) {
		return nil
	}
	typeName := block.Annotation.ODataType
	if typeName == "" || isPrimitiveType(typeName) {
		return nil
	}
	if _, status := model.Resolve(typeName); status != schema.Found && status != schema.FoundIgnoringCase {
		return nil
	}

	violations := model.Validate(schema.Body{
		Type:       typeName,
		Collection: block.Annotation.IsCollection,
		JSON:       body,
		// A live response may omit whatever the model does not require.
		Truncated: true,
	})
	return bodyFindings(page, block, example.Name, "actual body", violations)
}

// RequestBody validates a request body sent to the mock for example
// against the type of the documented request body. It returns nothing
// when the documented body names no type the model has.
func RequestBody(model Model, page *extract.Page, example *extract.Example, body []byte) []finding.Finding {
	block := example.Request
	if model == nil || block == nil || block.Request == nil {
		return nil
	}
	typeName := bodyType(block.JSON)
	if typeName == "" && block.Annotation != nil {
		typeName = block.Annotation.ODataType
	}
	if typeName == "" {
		return nil
	}
	if _, status := model.Resolve(typeName); status != schema.Found && status != schema.FoundIgnoringCase {
		return nil
	}

	violations := model.Validate(schema.Body{
		Type:    typeName,
		JSON:    body,
		Request: true,
		Partial: block.Request.Method == "PATCH",
	})
	return bodyFindings(page, block, example.Name, "request body", violations)
}

func bodyFindings(page *extract.Page, block *extract.Block, example, source string, violations []schema.Violation) []finding.Finding {
	var findings []finding.Finding
	for _, violation := range violations {
		f := finding.New(violation.Rule, page.Path, block.Line, 1, fmt.Sprintf("%s: %s", source, violation.Message))
		f.Severity = violation.Severity
		f.Pointer = violation.Pointer
		f.Example = example
		findings = append(findings, f)
	}
	return findings
}
