package httpmsg

import (
	"fmt"
	"strings"
)

// Rule ids this package reports. The finding catalogue registers each
// with its severity.
const (
	ruleRequestLineInvalid   = "request-line-invalid"
	ruleStatusLineInvalid    = "status-line-invalid"
	ruleStatusReasonMismatch = "status-reason-mismatch"
	ruleHeaderInvalid        = "header-invalid"
	ruleHeaderAfterBody      = "header-after-body"
	ruleBodyWithoutBlankLine = "body-without-blank-line"
)

// wellKnownHeaders are the header names whose line is read as a header
// even without a colon, such as "Content-Type application/json". Other
// lines without a colon start the body.
var wellKnownHeaders = []string{
	"Accept", "Authorization", "Cache-Control", "ConsistencyLevel",
	"Content-Language", "Content-Length", "Content-Range", "Content-Type",
	"If-Match", "If-None-Match", "Location", "Operation-Location", "Prefer",
	"Preference-Applied", "Range", "Retry-After", "Workbook-Session-Id",
}

// maxHeaderNameWords bounds how many space-separated words a misspelt
// header name such as "Content Type" may have. Longer text before a colon
// is taken for body text.
const maxHeaderNameWords = 3

// messageTail is the part of a message after its start line.
type messageTail struct {
	headers  []Header
	body     []byte
	bodyLine int
}

// parseTail parses the header section that starts at line first and the
// body after it, and appends their defects to issues.
func parseTail(lines lineIndex, first int, issues []Issue) (messageTail, []Issue) {
	tail := messageTail{bodyLine: -1}

	// Header section: header lines up to a blank line, or up to the first
	// line that cannot be a header, which then starts the body.
	i := first
	for ; i < lines.count(); i++ {
		line := lines.line(i)
		if isBlank(line) {
			break
		}
		header, problem, ok := parseHeaderLine(line)
		if !ok {
			issues = append(issues, Issue{
				Rule: ruleBodyWithoutBlankLine, Line: i, Column: 1,
				Message: "the body starts right after the headers; a blank line must separate them",
			})
			tail.bodyLine = i
			break
		}
		header.Line = i
		tail.headers = append(tail.headers, header)
		if problem != nil {
			problem.Line = i
			issues = append(issues, *problem)
		}
	}

	// Headers written after the blank line: whole groups of header lines,
	// each group followed by a blank line, the end of the text or a JSON
	// body. A declared text or multipart content type turns this off,
	// because such a body may itself contain "Name: value" lines.
	if tail.bodyLine < 0 {
		i = lines.skipBlank(i)
		if !hasTextualContentType(tail.headers) {
			i, issues = takeHeadersAfterBlankLine(lines, i, &tail, issues)
		}
		if i < lines.count() {
			tail.bodyLine = i
		}
	}

	// Body: from its first line to its last non-blank line, bytes as
	// written.
	if tail.bodyLine >= 0 {
		last := lines.count() - 1
		for last > tail.bodyLine && lines.blank(last) {
			last--
		}
		start, end := lines.starts[tail.bodyLine], lines.end(last)
		tail.body = lines.text[start:end:end]
	}
	return tail, issues
}

// takeHeadersAfterBlankLine records the header groups that start at line
// i as headers, and returns the line where the body starts.
func takeHeadersAfterBlankLine(lines lineIndex, i int, tail *messageTail, issues []Issue) (int, []Issue) {
	for i < lines.count() {
		end := i
		for end < lines.count() && isHeaderAfterBlankLine(lines.line(end)) {
			end++
		}
		if end == i {
			return i, issues
		}
		endsGroup := end == lines.count() || lines.blank(end) || startsJSON(lines.line(end))
		if !endsGroup {
			return i, issues
		}

		for k := i; k < end; k++ {
			header, problem, _ := parseHeaderLine(lines.line(k))
			header.Line = k
			tail.headers = append(tail.headers, header)
			issues = append(issues, Issue{
				Rule: ruleHeaderAfterBody, Line: k, Column: 1,
				Message: fmt.Sprintf("header %q comes after the blank line that starts the body; move it above that line", header.Name),
			})
			if problem != nil {
				problem.Line = k
				issues = append(issues, *problem)
			}
		}

		if end < lines.count() && !lines.blank(end) {
			issues = append(issues, Issue{
				Rule: ruleBodyWithoutBlankLine, Line: end, Column: 1,
				Message: "the body starts right after the headers; a blank line must separate them",
			})
			return end, issues
		}
		i = lines.skipBlank(end)
	}
	return i, issues
}

// isHeaderAfterBlankLine reports whether a line after the blank line is
// a header rather than body text. It is stricter than the header section:
// the name must be a token followed directly by a colon and then by
// whitespace or nothing, so that a JSON member ("name": 1) or a URL
// (https://...) stays body text.
func isHeaderAfterBlankLine(line string) bool {
	n := tokenLength(line)
	if n == 0 || n == len(line) || line[n] != ':' {
		return false
	}
	rest := line[n+1:]
	return rest == "" || isSpace(rest[0])
}

func startsJSON(line string) bool {
	line = trimLeftSpace(line)
	return line != "" && (line[0] == '{' || line[0] == '[')
}

// hasTextualContentType reports whether the headers declare a text,
// message or multipart media type.
func hasTextualContentType(headers []Header) bool {
	value, ok := HeaderValue(headers, "Content-Type")
	if !ok {
		return false
	}
	mediaType := mediaTypeOf(value)
	return strings.HasPrefix(mediaType, "text/") ||
		strings.HasPrefix(mediaType, "message/") ||
		strings.HasPrefix(mediaType, "multipart/")
}

// parseHeaderLine reads one line of the header section. It returns
// ok=false for a line that is no header at all. For a header with a
// defect it also returns a header-invalid Issue, without its Line.
//
// Besides "Name: value" it accepts, as header-invalid, whitespace before
// the colon ("Name : value"), a well-known name without a colon
// ("Content-Type application/json") and a name of up to three words
// ("Content Type: application/json").
func parseHeaderLine(line string) (Header, *Issue, bool) {
	n := tokenLength(line)
	if n == 0 {
		return Header{}, nil, false
	}
	name := line[:n]
	afterName := trimLeftSpace(line[n:])

	// Name: value, the only form HTTP allows.
	if n < len(line) && line[n] == ':' {
		header, valueOffset := headerFrom(name, line, n+1)
		return header, controlCharacterIssue(header, valueOffset), true
	}

	// Name : value.
	if afterName != "" && afterName[0] == ':' {
		header, _ := headerFrom(name, line, len(line)-len(afterName)+1)
		return header, &Issue{
			Rule: ruleHeaderInvalid, Column: n + 1,
			Message: fmt.Sprintf("header name %q is followed by whitespace before the colon, which HTTP rejects; write %q", name, name+":"),
		}, true
	}

	// Content-Type application/json.
	if isWellKnownHeader(name) && (n == len(line) || isSpace(line[n])) {
		header, _ := headerFrom(name, line, n)
		return header, &Issue{
			Rule: ruleHeaderInvalid, Column: n + 1,
			Message: fmt.Sprintf("header %q has no colon after its name; write %q", name, name+": value"),
		}, true
	}

	// Content Type: application/json.
	words, end := 1, n
	for words < maxHeaderNameWords && end+1 < len(line) && line[end] == ' ' {
		next := tokenLength(line[end+1:])
		if next == 0 {
			break
		}
		end += 1 + next
		words++
	}
	colon := len(line) - len(trimLeftSpace(line[end:]))
	if words > 1 && colon < len(line) && line[colon] == ':' {
		header, _ := headerFrom(line[:end], line, colon+1)
		return header, &Issue{
			Rule: ruleHeaderInvalid, Column: n + 1,
			Message: fmt.Sprintf("header name %q contains a space, which a header name cannot contain", header.Name),
		}, true
	}
	return Header{}, nil, false
}

// headerFrom builds a header whose value is line[valueStart:] without
// surrounding whitespace, and returns the offset where the value starts.
func headerFrom(name, line string, valueStart int) (Header, int) {
	raw := line[valueStart:]
	value := trimSpace(raw)
	return Header{Name: name, Value: value}, valueStart + len(raw) - len(trimLeftSpace(raw))
}

// controlCharacterIssue returns a header-invalid Issue when the header's
// value contains a control character other than HTAB, or nil. valueOffset
// is the 0-based byte offset of the value in its line.
func controlCharacterIssue(header Header, valueOffset int) *Issue {
	for i := 0; i < len(header.Value); i++ {
		b := header.Value[i]
		if (b < 0x20 && b != '\t') || b == 0x7f {
			// The message leaves the value out, because it may be a credential.
			return &Issue{
				Rule: ruleHeaderInvalid, Column: valueOffset + i + 1,
				Message: fmt.Sprintf("the value of header %q contains the control character 0x%02X", header.Name, b),
			}
		}
	}
	return nil
}

func isWellKnownHeader(name string) bool {
	for _, known := range wellKnownHeaders {
		if strings.EqualFold(name, known) {
			return true
		}
	}
	return false
}
