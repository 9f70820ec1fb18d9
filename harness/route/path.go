package route

import (
	"net/url"
	"strings"
)

// segment is one segment of a resource path.
type segment struct {
	// name is the segment without its parenthesized part and item path:
	// "items" of items('1'), "range" of range(address='A1'), "root" of
	// root:/folder/file.txt:.
	name string
	// args is the text inside the parentheses after name, and parens
	// reports whether there were parentheses at all.
	args   string
	parens bool
	// pathBased reports path-based addressing: the segment ended in ':'
	// and was followed by an item path such as /folder/file.txt, which
	// itemPath holds.
	pathBased bool
	itemPath  string
}

// splitTarget returns the resource path segments of a request target, an
// absolute URL or a path, with the scheme and host, the API version
// (/v1.0 or /beta), the query and the fragment removed. It returns false
// for a URL whose host is not a Microsoft Graph host.
func splitTarget(target string) ([]segment, bool) {
	path, ok := resourcePath(target)
	if !ok {
		return nil, false
	}

	raw := SplitOutside(path, '/')
	var segments []segment
	for i := 0; i < len(raw); i++ {
		text := raw[i]
		if !strings.HasSuffix(text, ":") {
			segments = append(segments, parseSegment(text))
			continue
		}

		// Path-based addressing: root:/folder/file.txt:/content. The item
		// path runs to the next segment that ends in ':', or to the end.
		var itemPath []string
		for i+1 < len(raw) {
			i++
			part := raw[i]
			if closed, ok := strings.CutSuffix(part, ":"); ok {
				itemPath = append(itemPath, closed)
				break
			}
			itemPath = append(itemPath, part)
		}
		s := parseSegment(strings.TrimSuffix(text, ":"))
		s.pathBased = true
		s.itemPath = "/" + strings.Join(itemPath, "/")
		segments = append(segments, s)
	}
	return segments, true
}

// GraphPath returns the resource path of a Graph URL or of a path, as
// written: the query string, the scheme and host, a leading /v1.0 or /beta
// and a trailing slash are removed. It reports false for an absolute URL
// on a host that is not Graph's, such as an upload URL that a previous
// response returned.
func GraphPath(target string) (string, bool) {
	path := strings.TrimSpace(target)
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	if scheme := strings.Index(path, "://"); scheme >= 0 {
		rest := path[scheme+3:]
		slash := strings.IndexByte(rest, '/')
		if slash < 0 {
			slash = len(rest)
		}
		// graph.microsoft.com, graph.microsoft.us, dod-graph.microsoft.us,
		// microsoftgraph.chinacloudapi.cn: every Graph host has "graph".
		if !strings.Contains(strings.ToLower(rest[:slash]), "graph") {
			return "", false
		}
		path = rest[slash:]
	}

	path = "/" + strings.TrimLeft(path, "/")
	for _, version := range []string{"/v1.0", "/beta"} {
		if len(path) >= len(version) && strings.EqualFold(path[:len(version)], version) &&
			(len(path) == len(version) || path[len(version)] == '/') {
			path = path[len(version):]
			break
		}
	}
	return strings.TrimRight(path, "/"), true
}

// resourcePath returns the resource path of a target, unescaped.
func resourcePath(target string) (string, bool) {
	path, ok := GraphPath(target)
	if !ok {
		return "", false
	}
	if unescaped, err := url.PathUnescape(path); err == nil {
		path = unescaped
	}
	return path, true
}

// SplitOutside splits text at sep where sep is outside single quotes and
// parentheses, and drops empty parts.
func SplitOutside(text string, sep byte) []string {
	var parts []string
	depth, quoted, start := 0, false, 0
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c == '\'':
			quoted = !quoted
		case quoted:
		case c == '(':
			depth++
		case c == ')':
			depth = max(depth-1, 0)
		case c == sep && depth == 0:
			if i > start {
				parts = append(parts, text[start:i])
			}
			start = i + 1
		}
	}
	if start < len(text) {
		parts = append(parts, text[start:])
	}
	return parts
}

// parseSegment splits name(args) into its name and arguments. Text that
// opens a parenthesis outside quotes but does not end with the matching
// one is kept whole as the name, which then matches nothing.
func parseSegment(text string) segment {
	open := indexOutsideQuotes(text, '(')
	if open < 0 || !strings.HasSuffix(text, ")") {
		return segment{name: text}
	}
	return segment{name: text[:open], args: text[open+1 : len(text)-1], parens: true}
}

func indexOutsideQuotes(text string, c byte) int {
	quoted := false
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\'':
			quoted = !quoted
		case c:
			if !quoted {
				return i
			}
		}
	}
	return -1
}
