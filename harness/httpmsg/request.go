package httpmsg

import (
	"bytes"
	"fmt"
	"strings"
)

// methods are the request methods RFC 9110 defines, plus PATCH from
// RFC 5789.
var methods = []string{"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"}

// ParseRequest parses the content of a request fence: the lines between
// the fences, with LF line endings. Blank lines before the request line
// are skipped.
//
// It returns a nil Request only when the first line cannot be a request
// line, because it is missing or does not start with a token such as GET.
// Otherwise it parses as much as it can and reports each defect as an
// Issue. A method written in lower or mixed case is a request-line-invalid
// Issue and is stored in upper case. The Body is a sub-slice of text, not a
// copy.
func ParseRequest(text []byte) (*Request, []Issue) {
	lines := newLineIndex(text)
	first := lines.skipBlank(0)
	if first == lines.count() {
		return nil, []Issue{{
			Rule: ruleRequestLineInvalid, Line: 0, Column: 1,
			Message: "the request block is empty; start it with a request line such as GET https://graph.microsoft.com/v1.0/me",
		}}
	}

	req, issues := parseRequestLine(lines.line(first), first)
	if req == nil {
		return nil, issues
	}

	tail, issues := parseTail(lines, first+1, issues)
	req.Headers, req.Body, req.BodyLine = tail.headers, tail.body, tail.bodyLine
	return req, issues
}

// parseRequestLine parses METHOD TARGET [HTTP/x.y]. The target is all
// text between the method and an optional last field that starts with
// "HTTP/", spaces included, because pages write OData query options such
// as $filter=startswith(displayName,'a b') without percent-encoding.
func parseRequestLine(line string, lineNumber int) (*Request, []Issue) {
	var issues []Issue
	report := func(offset int, format string, args ...any) {
		issues = append(issues, Issue{
			Rule: ruleRequestLineInvalid, Line: lineNumber, Column: offset + 1,
			Message: fmt.Sprintf(format, args...),
		})
	}

	methodStart := len(line) - len(trimLeftSpace(line))
	line = trimRightSpace(line)
	methodEnd := methodStart
	for methodEnd < len(line) && !isSeparator(line[methodEnd]) {
		methodEnd++
	}
	method := line[methodStart:methodEnd]
	if !isToken(method) {
		report(methodStart, "the first line is not a request line: %q is not an HTTP method; start the block with a line such as GET https://graph.microsoft.com/v1.0/me", clip(method))
		return nil, issues
	}

	// Method.
	req := &Request{Method: method, BodyLine: -1}
	upper := strings.ToUpper(method)
	switch {
	case !isKnownMethod(upper):
		report(methodStart, "unknown HTTP method %q; use one of %s", clip(method), strings.Join(methods, ", "))
	case method != upper:
		report(methodStart, "HTTP method %q must be upper case, because methods are case-sensitive; write %q", method, upper)
		req.Method = upper
	}

	// Target and the optional version after it.
	rest := line[methodEnd:]
	targetStart := methodEnd + len(rest) - len(trimLeftSpace(rest))
	target := line[targetStart:]
	lastSeparator := strings.LastIndexAny(target, " \t")
	lastField := target[lastSeparator+1:]
	if hasPrefixFold(lastField, "HTTP/") {
		req.Proto = lastField
		if !isValidVersion(lastField) {
			report(targetStart+lastSeparator+1, "malformed HTTP version %q; write HTTP/1.1", clip(lastField))
		}
		if lastSeparator >= 0 {
			target = trimRightSpace(target[:lastSeparator])
		} else {
			target = ""
		}
	}
	req.Target = target

	switch {
	case target == "":
		report(targetStart, "the request line has no URL; write the URL after the method, as in GET https://graph.microsoft.com/v1.0/me")
	case !isTargetStart(target):
		report(targetStart, "the URL %q does not start with /, a path segment or http(s)://", clip(target))
	}
	return req, issues
}

// isTargetStart reports whether target starts like an absolute URL, an
// absolute path, a relative path such as me/events or a URI template such
// as {id}; "*" is the asterisk form of OPTIONS.
func isTargetStart(target string) bool {
	if target == "*" {
		return true
	}
	b := target[0]
	switch {
	case 'a' <= b && b <= 'z', 'A' <= b && b <= 'Z', '0' <= b && b <= '9':
		return true
	}
	return strings.IndexByte("/{$%._~-", b) >= 0
}

func isKnownMethod(method string) bool {
	for _, known := range methods {
		if method == known {
			return true
		}
	}
	return false
}

// isValidVersion reports whether proto is HTTP/DIGIT or HTTP/DIGIT.DIGIT.
// HTTP/2 and HTTP/3 write no minor version.
func isValidVersion(proto string) bool {
	digits, ok := strings.CutPrefix(proto, "HTTP/")
	if !ok {
		return false
	}
	isDigit := func(b byte) bool { return '0' <= b && b <= '9' }
	switch len(digits) {
	case 1:
		return isDigit(digits[0])
	case 3:
		return isDigit(digits[0]) && digits[1] == '.' && isDigit(digits[2])
	}
	return false
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// clip shortens text quoted in a message, so that a long line does not
// fill the report.
func clip(s string) string {
	const maxQuoted = 60
	if len(s) <= maxQuoted {
		return s
	}
	return s[:maxQuoted] + "..."
}

// Render returns the canonical text of the request: the request line,
// one "Name: value" line per header, and, when there is a body, a blank
// line and the body. Every line ends with LF. Parsing the result gives
// back the same method, target, version, headers and body.
func (r *Request) Render() []byte {
	var out bytes.Buffer
	out.WriteString(r.Method)
	if r.Target != "" {
		out.WriteByte(' ')
		out.WriteString(r.Target)
	}
	if r.Proto != "" {
		out.WriteByte(' ')
		out.WriteString(r.Proto)
	}
	out.WriteByte('\n')
	renderTail(&out, r.Headers, r.Body)
	return out.Bytes()
}

func renderTail(out *bytes.Buffer, headers []Header, body []byte) {
	for _, h := range headers {
		out.WriteString(h.Name)
		out.WriteByte(':')
		if h.Value != "" {
			out.WriteByte(' ')
			out.WriteString(h.Value)
		}
		out.WriteByte('\n')
	}
	if body != nil {
		out.WriteByte('\n')
		out.Write(body)
		out.WriteByte('\n')
	}
}
