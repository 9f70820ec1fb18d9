package compare

import (
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"net/textproto"
	"strings"

	"github.com/graphdoc/graphdoc/harness/extract"
	"github.com/graphdoc/graphdoc/harness/finding"
	"github.com/graphdoc/graphdoc/harness/httpmsg"
)

// Comparer compares actual responses with documented ones. The zero value
// compares @odata.type values exactly. A Comparer is safe for concurrent use
// when IsDerived is.
type Comparer struct {
	// IsDerived reports whether the type named actual is documented or
	// derived from it. Both names arrive without a leading '#'. Nil means
	// only equal names agree.
	IsDerived func(actual, documented string) bool
}

// Response compares an actual response with the documented response block
// using the zero Comparer. See Comparer.Response.
func Response(documented *extract.Block, status int, header http.Header, body []byte) []finding.Finding {
	return Comparer{}.Response(documented, status, header, body)
}

// Response returns the differences between the documented response block
// and the actual status, header and body, in the order status, headers,
// body. Each finding has Rule, Severity, Pointer and Message set; the
// caller sets File, Line, Column and Example. It returns nil when the block
// holds no parsed response, because there is nothing to compare with.
func (c Comparer) Response(documented *extract.Block, status int, header http.Header, body []byte) []finding.Finding {
	if documented == nil || documented.Response == nil {
		return nil
	}
	want := documented.Response

	if want.Status != status {
		return []finding.Finding{newFinding("status-mismatch", "",
			fmt.Sprintf("status is %s, documented %s", statusText(status), statusText(want.Status)))}
	}

	findings := compareHeaders(want, header)

	if hasNoBody(status) {
		return findings
	}
	docBody, ok := documentedJSON(documented)
	if !ok {
		return findings
	}
	truncated := documented.Annotation != nil && documented.Annotation.Truncated
	d := &differ{truncated: truncated, isDerived: c.IsDerived}
	d.compareBody(docBody, body)
	return append(findings, d.findings...)
}

// ignoredHeaders are documented headers that are not required in the actual
// response, because they change on every response, belong to the
// connection, or are consumed by the HTTP client (Content-Encoding when it
// decompresses).
var ignoredHeaders = map[string]bool{
	"Age":                       true,
	"Client-Request-Id":         true,
	"Connection":                true,
	"Content-Encoding":          true,
	"Content-Length":            true,
	"Date":                      true,
	"Expires":                   true,
	"Keep-Alive":                true,
	"Request-Id":                true,
	"Server":                    true,
	"Strict-Transport-Security": true,
	"Transfer-Encoding":         true,
	"X-Ms-Ags-Diagnostic":       true,
}

func compareHeaders(want *httpmsg.Response, header http.Header) []finding.Finding {
	var findings []finding.Finding
	seen := map[string]bool{}
	for _, h := range want.Headers {
		name := textproto.CanonicalMIMEHeaderKey(strings.TrimSpace(h.Name))
		if ignoredHeaders[name] || seen[name] {
			continue
		}
		seen[name] = true

		// Content-Type describes a body, and these statuses have none.
		if name == "Content-Type" && hasNoBody(want.Status) {
			continue
		}

		values, present := header[name]
		if !present || len(values) == 0 {
			findings = append(findings, newFinding("header-missing", "",
				fmt.Sprintf("documented header %s is missing", name)))
			continue
		}
		if name != "Content-Type" {
			continue
		}
		documentedType, actualType := mediaType(h.Value), mediaType(values[0])
		if documentedType != actualType {
			findings = append(findings, newFinding("header-missing", "",
				fmt.Sprintf("Content-Type is %s, documented %s", actualType, documentedType)))
		}
	}
	return findings
}

// mediaType returns the lower-case media type of a Content-Type value
// without its parameters; a value that does not parse is cut at its first
// semicolon.
func mediaType(value string) string {
	if parsed, _, err := mime.ParseMediaType(value); err == nil {
		return parsed
	}
	before, _, _ := strings.Cut(value, ";")
	return strings.ToLower(strings.TrimSpace(before))
}

// hasNoBody reports whether HTTP forbids a body for status.
func hasNoBody(status int) bool {
	return status == http.StatusNoContent || status == http.StatusResetContent ||
		status == http.StatusNotModified || (status >= 100 && status < 200)
}

// documentedJSON returns the documented JSON body and whether there is a
// valid one to compare with. It falls back to the raw body when the
// extractor did not take it for JSON, which happens when the documented
// response has no Content-Type header.
func documentedJSON(block *extract.Block) ([]byte, bool) {
	if block.JSON != nil {
		return block.JSON, block.JSONValid
	}
	body := strings.TrimSpace(string(block.Response.Body))
	if body == "" || (body[0] != '{' && body[0] != '[') {
		return nil, false
	}
	return []byte(body), json.Valid([]byte(body))
}

func statusText(code int) string {
	if text := httpmsg.StatusText(code); text != "" {
		return fmt.Sprintf("%d %s", code, text)
	}
	return fmt.Sprint(code)
}

func newFinding(rule, pointer, message string) finding.Finding {
	return finding.Finding{
		Rule:     rule,
		Severity: finding.DefaultSeverity(rule),
		Pointer:  pointer,
		Message:  message,
	}
}
