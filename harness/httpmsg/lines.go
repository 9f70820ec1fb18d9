package httpmsg

import "bytes"

// lineIndex splits a message text at LF and records where each line
// starts, so that a body can be cut out of the text with its bytes
// unchanged.
type lineIndex struct {
	text   []byte
	starts []int
}

func newLineIndex(text []byte) lineIndex {
	starts := make([]int, 1, bytes.Count(text, []byte{'\n'})+1)
	for i, b := range text {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return lineIndex{text: text, starts: starts}
}

// count returns the number of lines. A text that ends with LF has an
// empty last line, as strings.Split would give.
func (x lineIndex) count() int { return len(x.starts) }

// line returns line i without its LF.
func (x lineIndex) line(i int) string {
	return string(x.text[x.starts[i]:x.end(i)])
}

// end returns the offset just past line i, before its LF.
func (x lineIndex) end(i int) int {
	if i+1 < len(x.starts) {
		return x.starts[i+1] - 1
	}
	return len(x.text)
}

func (x lineIndex) blank(i int) bool { return isBlank(x.line(i)) }

// skipBlank returns the first line at or after i that is not blank, or
// count() when there is none.
func (x lineIndex) skipBlank(i int) int {
	for i < x.count() && x.blank(i) {
		i++
	}
	return i
}

// isSpace reports whether the parser trims b around fields and values. It
// trims SP and HTAB, which HTTP calls optional whitespace, and also CR, so
// that a stray CRLF line ending does not leak into a value.
func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\r' }

// isSeparator reports whether b separates the fields of a start line.
func isSeparator(b byte) bool { return b == ' ' || b == '\t' }

func isBlank(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isSpace(s[i]) {
			return false
		}
	}
	return true
}

func trimSpace(s string) string { return trimRightSpace(trimLeftSpace(s)) }

func trimLeftSpace(s string) string {
	for len(s) > 0 && isSpace(s[0]) {
		s = s[1:]
	}
	return s
}

func trimRightSpace(s string) string {
	for len(s) > 0 && isSpace(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}

// isTokenByte reports whether b may appear in an RFC 9110 token, the
// syntax of methods and header names.
func isTokenByte(b byte) bool {
	switch {
	case 'a' <= b && b <= 'z', 'A' <= b && b <= 'Z', '0' <= b && b <= '9':
		return true
	}
	switch b {
	case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~':
		return true
	}
	return false
}

// tokenLength returns the length of the token that s starts with.
func tokenLength(s string) int {
	n := 0
	for n < len(s) && isTokenByte(s[n]) {
		n++
	}
	return n
}

func isToken(s string) bool { return s != "" && tokenLength(s) == len(s) }
