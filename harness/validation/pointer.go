package validation

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
)

// locate returns the offset in body of the value that the RFC 6901 JSON
// Pointer names, or of the member key when the pointer ends at a member.
// It returns the offset of the deepest ancestor found when the pointer
// leads to a missing member, and 0 when body is not JSON.
func locate(body []byte, pointer string) int {
	if pointer == "" || pointer == "/" {
		return firstNonSpace(body)
	}
	tokens := splitPointer(pointer)

	dec := json.NewDecoder(bytes.NewReader(body))
	best := firstNonSpace(body)
	offset, found := seek(dec, body, tokens, &best)
	if found {
		return offset
	}
	return best
}

// seek descends through the value at the decoder's position.
func seek(dec *json.Decoder, body []byte, tokens []string, best *int) (int, bool) {
	start := valueStart(body, int(dec.InputOffset()))
	if len(tokens) == 0 {
		return start, true
	}
	*best = start

	token, err := dec.Token()
	if err != nil {
		return 0, false
	}
	delim, ok := token.(json.Delim)
	if !ok {
		return 0, false
	}

	index := 0
	for dec.More() {
		if delim == '{' {
			keyStart := valueStart(body, int(dec.InputOffset()))
			keyToken, err := dec.Token()
			if err != nil {
				return 0, false
			}
			key, _ := keyToken.(string)
			if key == tokens[0] {
				if len(tokens) == 1 {
					return keyStart, true
				}
				*best = keyStart
				return seek(dec, body, tokens[1:], best)
			}
		} else if strconv.Itoa(index) == tokens[0] {
			return seek(dec, body, tokens[1:], best)
		}
		if err := skipValue(dec); err != nil {
			return 0, false
		}
		index++
	}
	return 0, false
}

func skipValue(dec *json.Decoder) error {
	var skipped json.RawMessage
	return dec.Decode(&skipped)
}

// valueStart skips the separators between the decoder's offset and the
// next value.
func valueStart(body []byte, offset int) int {
	for offset < len(body) {
		switch body[offset] {
		case ' ', '\t', '\n', '\r', ',', ':':
			offset++
			continue
		}
		return offset
	}
	return offset
}

func firstNonSpace(body []byte) int {
	return valueStart(body, 0)
}

func splitPointer(pointer string) []string {
	parts := strings.Split(strings.TrimPrefix(pointer, "/"), "/")
	for i, part := range parts {
		part = strings.ReplaceAll(part, "~1", "/")
		parts[i] = strings.ReplaceAll(part, "~0", "~")
	}
	return parts
}
