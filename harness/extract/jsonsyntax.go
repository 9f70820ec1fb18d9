package extract

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"
)

// jsonFault is the first place where a text stops being strict JSON.
type jsonFault struct {
	offset  int
	message string
}

// checkJSON returns nil when text is one strict RFC 8259 JSON value, or
// the offset of the first fault and its cause in plain words.
func checkJSON(text []byte) *jsonFault {
	if json.Valid(text) {
		return nil
	}

	var value any
	err := json.Unmarshal(text, &value)
	var syntax *json.SyntaxError
	if !errors.As(err, &syntax) {
		return &jsonFault{offset: len(text), message: "body is not complete JSON: it ends too early"}
	}

	offset := int(syntax.Offset) - 1
	if offset < 0 {
		offset = 0
	}
	if offset >= len(text) || len(bytes.TrimSpace(text[offset:])) == 0 {
		return &jsonFault{offset: lastNonSpace(text), message: "body is not complete JSON: it ends before every object and array is closed"}
	}
	fault := &jsonFault{offset: offset, message: describeFault(text, offset, syntax.Error())}
	if previous := previousNonSpaceOffset(text, offset); previous >= 0 && text[previous] == ',' && (text[offset] == '}' || text[offset] == ']') {
		// Point at the comma, not at the bracket after it.
		fault.offset = previous
	}
	return fault
}

// describeFault names the usual causes of invalid JSON in docs examples.
func describeFault(text []byte, offset int, detail string) string {
	rest := text[offset:]
	r, _ := utf8.DecodeRune(rest)
	previous := previousNonSpace(text, offset)

	switch {
	case bytes.HasPrefix(rest, []byte("...")) || r == '…' || bytes.HasPrefix(rest, []byte("..")):
		return "body contains an ellipsis (...), which is not JSON; show complete values or mark the response truncated"
	case bytes.HasPrefix(rest, []byte("//")) || bytes.HasPrefix(rest, []byte("/*")):
		return "body contains a comment, which JSON does not allow"
	case r == '\'':
		return "body uses single quotes; JSON strings and keys take double quotes"
	case r == '\u00a0':
		return "body contains a non-breaking space (U+00A0) outside a string; use a plain space"
	case (r == '}' || r == ']') && previous == ',':
		return "body has a trailing comma before " + string(r)
	case r == '“' || r == '”' || r == '‘' || r == '’':
		return "body uses typographic quotes; JSON takes plain double quotes"
	case (previous == '{' || previous == ',') && isKeyStart(r):
		return "body has an unquoted key; JSON keys take double quotes"
	case r == ',' && (previous == ',' || previous == '[' || previous == '{'):
		return "body has an empty element between commas"
	}
	return fmt.Sprintf("body is not valid JSON: %s", detail)
}

func isKeyStart(r rune) bool {
	return r == '_' || r == '@' || r == '$' || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z')
}

func previousNonSpace(text []byte, offset int) byte {
	if i := previousNonSpaceOffset(text, offset); i >= 0 {
		return text[i]
	}
	return 0
}

func previousNonSpaceOffset(text []byte, offset int) int {
	for i := offset - 1; i >= 0; i-- {
		switch text[i] {
		case ' ', '\t', '\n', '\r':
			continue
		}
		return i
	}
	return -1
}

func lastNonSpace(text []byte) int {
	trimmed := bytes.TrimRight(text, " \t\r\n")
	return max(0, len(trimmed)-1)
}
