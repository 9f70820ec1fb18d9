package validation

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/graphdoc/graphdoc/harness/extract"
	"github.com/graphdoc/graphdoc/harness/httpmsg"
)

// request checks the documented request of an example.
func (v *pageValidator) request(example *extract.Example) {
	block := example.Request
	request := block.Request
	if request == nil {
		return
	}

	v.placeholders(example)
	v.contentLength(block, request.Headers, request.Body, request.BodyLine)
	if isRefPath(request.Target) && (request.Method == "POST" || request.Method == "PUT") {
		v.refBody(block)
	}
	v.requestBody(example)
}

// response checks the documented response of an example.
func (v *pageValidator) response(example *extract.Example) {
	block := example.Response
	response := block.Response
	if response == nil {
		return
	}
	hasBody := len(bytes.TrimSpace(response.Body)) > 0

	v.contentLength(block, response.Headers, response.Body, response.BodyLine)
	noContent := response.Status == 204 || response.Status == 205 || response.Status == 304
	if noContent && hasBody {
		line := block.ContentLine + response.BodyLine
		v.report("body-on-no-content", line, 1, example.Name, fmt.Sprintf("a %d response must not have a body, but the example shows one", response.Status))
	}

	request := example.Request.Request
	if request != nil && isRefPath(request.Target) && (request.Method == "POST" || request.Method == "DELETE") && response.Status != 204 {
		v.report("ref-response-status", block.Line, 1, example.Name, fmt.Sprintf("%s to /$ref answers 204 No Content, not %d", request.Method, response.Status))
	}

	if block.Annotation.ODataType != "" && !hasBody && !noContent {
		v.report("response-type-without-body", block.Line, 1, example.Name, fmt.Sprintf("annotation names type %s, but the response has no body", block.Annotation.ODataType))
	}
	v.responseBody(example)
}

// contentLength compares a Content-Length header with the body shown.
func (v *pageValidator) contentLength(block *extract.Block, headers []httpmsg.Header, body []byte, bodyLine int) {
	for _, header := range headers {
		if !strings.EqualFold(header.Name, "Content-Length") {
			continue
		}
		declared, err := strconv.Atoi(strings.TrimSpace(header.Value))
		line := block.ContentLine + header.Line
		if err != nil {
			v.report("content-length-mismatch", line, 1, exampleName(block), fmt.Sprintf("Content-Length %q is not a valid length", header.Value))
			return
		}
		// The newline before the closing fence belongs to the page, not the body.
		size := len(bytes.TrimRight(body, "\r\n"))
		if declared != size {
			v.report("content-length-mismatch", line, 1, exampleName(block), fmt.Sprintf("Content-Length is %d, but the body shown is %d bytes", declared, size))
		}
		return
	}
}

// isRefPath reports whether the URL's path ends in the /$ref segment.
func isRefPath(target string) bool {
	path := target
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	return strings.HasSuffix(strings.TrimRight(path, "/"), "/$ref")
}

// refBody checks that a reference body is exactly one absolute @odata.id.
func (v *pageValidator) refBody(block *extract.Block) {
	line := block.Line
	if block.JSONLine > 0 {
		line = block.JSONLine
	}
	if block.JSON == nil {
		v.report("ref-body-invalid", line, 1, block.Name(), `a request to /$ref needs the body {"@odata.id": "<absolute URL>"}`)
		return
	}
	if !block.JSONValid {
		return
	}

	var members map[string]any
	if err := json.Unmarshal(block.JSON, &members); err != nil {
		v.report("ref-body-invalid", line, 1, block.Name(), "a request to /$ref needs a JSON object with one @odata.id member")
		return
	}
	id, ok := members["@odata.id"].(string)
	switch {
	case !ok:
		v.report("ref-body-invalid", line, 1, block.Name(), fmt.Sprintf("a request to /$ref needs one @odata.id member, but the body has %s", describeMembers(members)))
	case len(members) != 1:
		v.report("ref-body-invalid", line, 1, block.Name(), fmt.Sprintf("a request to /$ref takes only @odata.id, but the body also has %s", describeMembers(withoutKey(members, "@odata.id"))))
	case !isAbsoluteURL(id):
		v.report("ref-body-invalid", line, 1, block.Name(), fmt.Sprintf("@odata.id must be an absolute URL, not %q", truncate(id, 60)))
	}
}

func isAbsoluteURL(text string) bool {
	u, err := url.Parse(text)
	return err == nil && u.IsAbs() && u.Host != ""
}

func withoutKey(members map[string]any, key string) map[string]any {
	rest := map[string]any{}
	for k, value := range members {
		if k != key {
			rest[k] = value
		}
	}
	return rest
}

// describeMembers names up to three members of an object.
func describeMembers(members map[string]any) string {
	if len(members) == 0 {
		return "no members"
	}
	keys := sortedKeys(members)
	if len(keys) > 3 {
		return fmt.Sprintf("%s and %d more members", strings.Join(quoteAll(keys[:3]), ", "), len(keys)-3)
	}
	return "the members " + strings.Join(quoteAll(keys), ", ")
}

func quoteAll(items []string) []string {
	quoted := make([]string, len(items))
	for i, item := range items {
		quoted[i] = strconv.Quote(item)
	}
	return quoted
}

func truncate(text string, limit int) string {
	if len(text) <= limit {
		return text
	}
	return text[:limit] + "..."
}
