package replay

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// placeholder matches {name} in a documented URL, header value or body.
var placeholder = regexp.MustCompile(`\{[^{}]*\}`)

// versionPrefixes are the Microsoft Graph versions that Target replaces.
var versionPrefixes = []string{"/v1.0", "/beta"}

// skipError is the reason an example is not sent, which becomes the
// outcome's Reason.
type skipError struct{ reason string }

func (e *skipError) Error() string { return e.reason }

// requestURL maps a documented request target onto the replay target,
// filling placeholders from values. It returns a *skipError when the URL
// keeps placeholders or is invalid.
func (s *settings) requestURL(documented string, values map[string]string) (string, error) {
	path, query := splitTarget(documented)
	if !s.KeepVersion {
		path = stripVersion(path)
	}

	path = fill(path, values)
	query = fill(query, values)
	if missing := placeholders(path + "?" + query); len(missing) > 0 {
		return "", &skipError{fmt.Sprintf("URL has placeholders without a value (%s); give them values (--values)",
			strings.Join(missing, ", "))}
	}

	mapped := s.target.Scheme + "://" + s.target.Host + s.target.EscapedPath() + escape(path, pathAllowed)
	if query != "" {
		mapped += "?" + escape(query, queryAllowed)
	}
	if _, err := url.Parse(mapped); err != nil {
		return "", &skipError{fmt.Sprintf("URL is invalid after mapping to the target: %v", err)}
	}
	return mapped, nil
}

// splitTarget returns the path and query of a documented request target.
// The scheme and host of an absolute URL and any fragment are dropped.
func splitTarget(target string) (path, query string) {
	target = strings.TrimSpace(target)
	if scheme, rest, ok := strings.Cut(target, "://"); ok &&
		(strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https")) {
		start := strings.IndexAny(rest, "/?#")
		if start < 0 {
			rest = ""
		} else {
			rest = rest[start:]
		}
		target = rest
	}
	target, _, _ = strings.Cut(target, "#")
	path, query, _ = strings.Cut(target, "?")
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	return path, query
}

// stripVersion removes a leading /v1.0 or /beta segment.
func stripVersion(path string) string {
	for _, prefix := range versionPrefixes {
		if len(path) < len(prefix) || !strings.EqualFold(path[:len(prefix)], prefix) {
			continue
		}
		rest := path[len(prefix):]
		if rest == "" {
			return "/"
		}
		if rest[0] == '/' {
			return rest
		}
	}
	return path
}

// fill replaces each {name} whose name has a value, leaving the others.
func fill(text string, values map[string]string) string {
	if len(values) == 0 || !strings.Contains(text, "{") {
		return text
	}
	return placeholder.ReplaceAllStringFunc(text, func(match string) string {
		if value, ok := values[match[1:len(match)-1]]; ok {
			return value
		}
		return match
	})
}

// PlaceholderNames returns the names of the {name} placeholders in a
// documented URL, in order, without their braces.
func PlaceholderNames(target string) []string {
	var names []string
	for _, match := range placeholder.FindAllString(target, -1) {
		names = append(names, match[1:len(match)-1])
	}
	return names
}

// placeholders lists the {name} placeholders left in text, or a stray
// brace, so that nothing is sent with braces.
func placeholders(text string) []string {
	found := placeholder.FindAllString(text, -1)
	if len(found) == 0 && strings.ContainsAny(text, "{}") {
		return []string{"a stray brace"}
	}
	return found
}

// Characters that a path or query keeps as they are (RFC 3986, sections
// 3.3 and 3.4). Every other byte is percent-encoded, except a '%' that
// already starts an escape.
const (
	unreserved   = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
	subDelims    = "!$&'()*+,;="
	pathAllowed  = unreserved + subDelims + ":@/"
	queryAllowed = pathAllowed + "?"
)

// escape percent-encodes the bytes of text that allowed lacks, so that a
// documented URL with spaces, quotes or non-ASCII text can be sent.
func escape(text, allowed string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case strings.IndexByte(allowed, c) >= 0:
			b.WriteByte(c)
		case c == '%' && i+2 < len(text) && isHex(text[i+1]) && isHex(text[i+2]):
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
