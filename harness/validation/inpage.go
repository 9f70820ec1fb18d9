package validation

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/graphdoc/graphdoc/harness/extract"
	"github.com/graphdoc/graphdoc/harness/pagemodel"
)

// inPageRules checks the examples' bodies and annotation types against the
// types the page defines, and each resource block against its tables.
// Each rule gives at most one finding per block.
func (v *pageValidator) inPageRules(model *pagemodel.Model) {
	for _, example := range v.page.Examples {
		v.inPageRequest(model, example)
		if example.Response != nil {
			v.inPageResponse(model, example)
		}
	}

	for _, t := range model.Types {
		v.reportIssues(t.Block, "", t.TableIssues())
	}
}

// inPageRequest checks a request body against its own @odata.type, or
// against the type the request creates or updates.
func (v *pageValidator) inPageRequest(model *pagemodel.Model, example *extract.Example) {
	block := example.Request
	var issues []pagemodel.Issue
	typeName := ""
	if ann := block.Annotation; ann.ODataType != "" {
		t, nameIssues := model.ResolveType(ann.ODataType)
		issues = append(issues, annotationIssues(nameIssues)...)
		if t != nil {
			typeName = t.Name
		}
	} else {
		typeName = requestBodyType(v.page, model, example)
	}

	if body, ok := decodeBody(block); ok {
		issues = append(issues, model.Check(body, typeName, "")...)
	}
	v.reportIssues(block, example.Name, issues)
}

// inPageResponse checks a response body against the type its annotation
// names, member by member for a collection.
func (v *pageValidator) inPageResponse(model *pagemodel.Model, example *extract.Example) {
	block := example.Response
	ann := block.Annotation
	var issues []pagemodel.Issue
	typeName := ""
	if ann.ODataType != "" {
		t, nameIssues := model.ResolveType(ann.ODataType)
		issues = append(issues, annotationIssues(nameIssues)...)
		if t != nil {
			typeName = t.Name
		}
	}

	body, ok := decodeBody(block)
	if !ok {
		v.reportIssues(block, example.Name, issues)
		return
	}
	items, isCollection := collectionItems(body)
	if ann.IsCollection && isCollection {
		for i, item := range items {
			issues = append(issues, model.Check(item, typeName, "/value/"+strconv.Itoa(i))...)
		}
	} else {
		if ann.IsCollection {
			typeName = ""
		}
		issues = append(issues, model.Check(body, typeName, "")...)
	}
	v.reportIssues(block, example.Name, issues)
}

// requestBodyType returns the page type that a request body without an
// @odata.type stands for: the type of the response, when the request
// creates, replaces or updates one (POST, PUT or PATCH) and the page's
// Request body section has no Parameter table, which would mean the body
// holds action parameters instead. It returns "" otherwise.
func requestBodyType(page *extract.Page, model *pagemodel.Model, example *extract.Example) string {
	request := example.Request.Request
	if request == nil || example.Response == nil || isRefPath(request.Target) {
		return ""
	}
	switch request.Method {
	case "POST", "PUT", "PATCH":
	default:
		return ""
	}
	ann := example.Response.Annotation
	if ann.ODataType == "" || ann.IsCollection {
		return ""
	}
	for _, parameter := range model.Parameters {
		if strings.EqualFold(parameter.Section, "Request body") {
			return ""
		}
	}
	if t := model.Type(ann.ODataType); t != nil {
		return t.Name
	}
	return ""
}

// annotationIssues marks name issues of an annotation's @odata.type, so
// that they are reported at the block's fence.
func annotationIssues(issues []pagemodel.Issue) []pagemodel.Issue {
	for i := range issues {
		issues[i].Pointer = annotationPointer
		issues[i].Message = "annotation " + issues[i].Message
	}
	return issues
}

// annotationPointer stands for the block's annotation in an Issue; no
// JSON Pointer starts with a space.
const annotationPointer = " annotation"

// reportIssues reports the first issue of each rule in block and counts
// the others in its message.
func (v *pageValidator) reportIssues(block *extract.Block, example string, issues []pagemodel.Issue) {
	others := map[string][]string{}
	for _, issue := range issues {
		others[issue.Rule] = append(others[issue.Rule], issue.Message)
	}

	reported := map[string]bool{}
	for _, issue := range issues {
		if reported[issue.Rule] {
			continue
		}
		reported[issue.Rule] = true

		message := issue.Message
		if rest := others[issue.Rule][1:]; len(rest) > 0 {
			message += "; also " + listMessages(rest)
		}
		line, column := block.Line, 1
		pointer := ""
		if issue.Pointer != annotationPointer {
			pointer = issue.Pointer
			line, column = jsonPosition(block, pointer)
		}
		f := v.report(issue.Rule, line, column, example, message)
		f.Pointer = pointer
	}
}

// jsonPosition returns the page line and column of the value that pointer
// names in the block's JSON.
func jsonPosition(block *extract.Block, pointer string) (line, column int) {
	if block.JSONLine == 0 {
		return block.Line, 1
	}
	return bodyPosition(block, locate(block.JSON, pointer))
}

// decodeBody decodes a block's JSON keeping numbers as json.Number. It
// reports false when the block has no valid JSON.
func decodeBody(block *extract.Block) (any, bool) {
	if block.JSON == nil || !block.JSONValid {
		return nil, false
	}
	decoder := json.NewDecoder(bytes.NewReader(block.JSON))
	decoder.UseNumber()
	var body any
	if err := decoder.Decode(&body); err != nil {
		return nil, false
	}
	return body, true
}

// collectionItems returns the items of a {"value": [...]} body.
func collectionItems(body any) ([]any, bool) {
	members, ok := body.(map[string]any)
	if !ok {
		return nil, false
	}
	items, ok := members["value"].([]any)
	return items, ok
}

// listMessages joins up to ten messages of a block's other findings of
// one rule, so that every fault shows while the block counts once.
func listMessages(messages []string) string {
	text := strings.Join(messages[:min(len(messages), 10)], "; ")
	if len(messages) > 10 {
		text += fmt.Sprintf("; and %d more", len(messages)-10)
	}
	return text
}
