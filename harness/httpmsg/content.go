package httpmsg

import (
	"bytes"
	"strings"
)

// IsJSONContent reports whether body should be parsed as JSON. That is
// the case when the Content-Type header is application/json or a +json
// type (parameters ignored), or when there is no Content-Type and the body
// starts with { or [. Any other declared type, such as text/plain,
// multipart/form-data, application/zip, application/octet-stream or
// image/jpeg, is not JSON. Neither is an empty body nor a one-line
// placeholder such as "[Zip file]" or "<binary data>", regardless of
// the headers.
func IsJSONContent(headers []Header, body []byte) bool {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 || isPlaceholder(trimmed) {
		return false
	}

	if value, ok := HeaderValue(headers, "Content-Type"); ok && trimSpace(value) != "" {
		mediaType := mediaTypeOf(value)
		return mediaType == "application/json" || strings.HasSuffix(mediaType, "+json")
	}
	return trimmed[0] == '{' || trimmed[0] == '['
}

// mediaTypeOf returns the media type of a Content-Type value in lower
// case, without parameters. It does not use mime.ParseMediaType, which
// rejects the whole value for one malformed parameter, as in the
// "application/json;odata.metadata" that pages write.
func mediaTypeOf(contentType string) string {
	mediaType, _, _ := strings.Cut(contentType, ";")
	return strings.ToLower(trimSpace(mediaType))
}

// isPlaceholder reports whether a trimmed body is prose standing in for
// content that a page cannot show, such as "[Zip file containing a Teams
// app package]" or "<first 1024 bytes of file>". Such a body is one line
// in brackets or angle brackets that starts with a letter. A JSON array of
// literals like [true, false] is not a placeholder.
func isPlaceholder(body []byte) bool {
	if bytes.IndexByte(body, '\n') >= 0 || len(body) < 3 {
		return false
	}
	open, closing := body[0], body[len(body)-1]
	if (open != '[' || closing != ']') && (open != '<' || closing != '>') {
		return false
	}

	inner := bytes.TrimSpace(body[1 : len(body)-1])
	if len(inner) == 0 || !isLetter(inner[0]) {
		return false
	}
	for _, literal := range []string{"true", "false", "null"} {
		if rest, ok := bytes.CutPrefix(inner, []byte(literal)); ok && (len(rest) == 0 || !isLetter(rest[0])) {
			return false
		}
	}
	return true
}

func isLetter(b byte) bool { return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' }
