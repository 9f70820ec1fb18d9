package mock

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
)

const (
	cannedOpen  = "<!-- replay-mock"
	commentEnd  = "-->"
	jsonNullLit = "null"
)

// cannedEntry is one value of a replay-mock comment.
type cannedEntry struct {
	Status  int               `json:"status"`
	Headers map[string]string `json:"headers"`
	Body    json.RawMessage   `json:"body"`
}

// ParseReplayMock reads the replay-mock comments of a page: HTML comments
// that open with "<!-- replay-mock" and hold one JSON object keyed by
// request annotation name, each value {"status": 200, "headers": {...},
// "body": ...}. A body of null, or none, means no body; any other JSON
// value is sent as written. A later comment overrides an earlier one for
// the same name. The result feeds Options.Responses.
//
// It returns an error naming the line of a comment that is not closed or
// not such an object, or whose status is not a valid HTTP status.
func ParseReplayMock(src []byte) (map[string]Response, error) {
	responses := map[string]Response{}
	rest, offset := src, 0
	for {
		start := bytes.Index(rest, []byte(cannedOpen))
		if start < 0 {
			return responses, nil
		}
		line := 1 + bytes.Count(src[:offset+start], []byte("\n"))
		content := rest[start+len(cannedOpen):]
		end := bytes.Index(content, []byte(commentEnd))
		if end < 0 {
			return nil, fmt.Errorf("replay-mock comment at line %d: comment is not closed with -->", line)
		}

		var entries map[string]cannedEntry
		if err := json.Unmarshal(content[:end], &entries); err != nil {
			return nil, fmt.Errorf("replay-mock comment at line %d: %w", line, err)
		}
		for name, entry := range entries {
			if entry.Status < 100 || entry.Status > 999 {
				return nil, fmt.Errorf("replay-mock comment at line %d: example %q has invalid status %d", line, name, entry.Status)
			}
			responses[name] = entry.response()
		}

		consumed := start + len(cannedOpen) + end + len(commentEnd)
		rest, offset = rest[consumed:], offset+consumed
	}
}

func (e cannedEntry) response() Response {
	r := Response{Status: e.Status, Header: http.Header{}}
	for name, value := range e.Headers {
		r.Header.Set(name, value)
	}
	if body := bytes.TrimSpace(e.Body); len(body) > 0 && string(body) != jsonNullLit {
		r.Body = body
	}
	return r
}
