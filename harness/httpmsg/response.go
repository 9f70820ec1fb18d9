package httpmsg

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// ParseResponse parses the content of a response fence: the lines between
// the fences, with LF line endings. Blank lines before the status line are
// skipped.
//
// It returns a nil Response only when the first line cannot be a status
// line, because it is missing, does not start with HTTP, or has no
// three-digit status code. Otherwise it parses as much as it can and
// reports each defect as an Issue. The Body is a sub-slice of text, not a
// copy.
func ParseResponse(text []byte) (*Response, []Issue) {
	lines := newLineIndex(text)
	first := lines.skipBlank(0)
	if first == lines.count() {
		return nil, []Issue{{
			Rule: ruleStatusLineInvalid, Line: 0, Column: 1,
			Message: "the response block is empty; start it with a status line such as HTTP/1.1 200 OK",
		}}
	}

	resp, issues := parseStatusLine(lines.line(first), first)
	if resp == nil {
		return nil, issues
	}

	tail, issues := parseTail(lines, first+1, issues)
	resp.Headers, resp.Body, resp.BodyLine = tail.headers, tail.body, tail.bodyLine
	return resp, issues
}

// field is a whitespace-separated field of a start line and its byte
// offset in the line.
type field struct {
	text   string
	offset int
}

func splitFields(line string) []field {
	var fields []field
	for i := 0; i < len(line); {
		if isSpace(line[i]) {
			i++
			continue
		}
		start := i
		for i < len(line) && !isSpace(line[i]) {
			i++
		}
		fields = append(fields, field{text: line[start:i], offset: start})
	}
	return fields
}

// parseStatusLine parses HTTP/x.y CODE [reason]. A line such as
// "HTTP code: 200 OK" is read as far as it goes: the text before the
// first three-digit field is reported and dropped.
func parseStatusLine(line string, lineNumber int) (*Response, []Issue) {
	var issues []Issue
	report := func(rule string, offset int, format string, args ...any) {
		issues = append(issues, Issue{
			Rule: rule, Line: lineNumber, Column: offset + 1,
			Message: fmt.Sprintf(format, args...),
		})
	}

	fields := splitFields(line)
	version := fields[0]
	if !hasPrefixFold(version.text, "HTTP/") && !strings.EqualFold(version.text, "HTTP") {
		report(ruleStatusLineInvalid, version.offset, "the first line is not a status line: it starts with %q; start the block with a line such as HTTP/1.1 200 OK", clip(version.text))
		return nil, issues
	}
	codeIndex := 1
	for codeIndex < len(fields) && !isStatusCode(fields[codeIndex].text) {
		codeIndex++
	}
	if codeIndex == len(fields) {
		report(ruleStatusLineInvalid, version.offset, "the status line has no three-digit status code; write a line such as HTTP/1.1 200 OK")
		return nil, issues
	}

	// Version.
	resp := &Response{Proto: version.text, BodyLine: -1}
	if !isValidVersion(version.text) {
		report(ruleStatusLineInvalid, version.offset, "malformed HTTP version %q; write HTTP/1.1", clip(version.text))
	}
	if codeIndex > 1 {
		extra := fields[1]
		report(ruleStatusLineInvalid, extra.offset, "unexpected text %q between the HTTP version and the status code", clip(extra.text))
	}

	// Status code.
	code := fields[codeIndex]
	resp.Status, _ = strconv.Atoi(code.text)
	if resp.Status < 100 || resp.Status > 599 {
		report(ruleStatusLineInvalid, code.offset, "status code %s is outside the range 100 to 599 that HTTP defines", code.text)
	}

	// Reason phrase.
	reasonStart := code.offset + len(code.text)
	resp.Reason = trimSpace(line[reasonStart:])
	if resp.Reason != "" && !isStandardReason(resp.Status, resp.Reason) {
		offset := reasonStart + len(line[reasonStart:]) - len(trimLeftSpace(line[reasonStart:]))
		report(ruleStatusReasonMismatch, offset, "reason phrase %q does not match status %d; write %q", clip(resp.Reason), resp.Status, StatusText(resp.Status))
	}
	return resp, issues
}

func isStatusCode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Render returns the canonical text of the response: the status line,
// one "Name: value" line per header, and, when there is a body, a blank
// line and the body. Every line ends with LF. An empty Proto is written
// as HTTP/1.1 and an empty Reason is left out. Parsing the result gives
// back the same version, status, reason, headers and body.
func (r *Response) Render() []byte {
	var out bytes.Buffer
	proto := r.Proto
	if proto == "" {
		proto = "HTTP/1.1"
	}
	fmt.Fprintf(&out, "%s %03d", proto, r.Status)
	if r.Reason != "" {
		out.WriteByte(' ')
		out.WriteString(r.Reason)
	}
	out.WriteByte('\n')
	renderTail(&out, r.Headers, r.Body)
	return out.Bytes()
}
