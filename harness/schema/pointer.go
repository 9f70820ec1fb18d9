package schema

import (
	"strings"

	"github.com/xeipuuv/gojsonschema"
)

// contextSeparator joins the segments of a gojsonschema context. Keys
// with a NUL character would be split wrongly; JSON bodies in pages have
// none.
const contextSeparator = "\x00"

// contextPath returns the segments of an error's context below the
// wrapper object that Validate puts around the body. It returns false for
// an error on the wrapper itself.
func contextPath(context *gojsonschema.JsonContext) ([]string, bool) {
	if context == nil {
		return nil, false
	}
	segments := strings.Split(context.String(contextSeparator), contextSeparator)
	// segments[0] is "(root)" and segments[1] the wrapper's key.
	if len(segments) < 2 {
		return nil, false
	}
	return segments[2:], true
}

// pointerOf joins path segments into an RFC 6901 JSON Pointer.
func pointerOf(path []string) string {
	var b strings.Builder
	for _, segment := range path {
		b.WriteByte('/')
		b.WriteString(escapeToken(segment))
	}
	return b.String()
}

// escapeToken escapes "~" and "/" in one reference token, as RFC 6901
// section 3 requires.
func escapeToken(token string) string {
	if !strings.ContainsAny(token, "~/") {
		return token
	}
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(token)
}
