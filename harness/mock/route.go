package mock

import (
	"cmp"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/graphdoc/graphdoc/harness/extract"
)

// route is one documented example the mock serves.
type route struct {
	name   string
	method string
	// placeholders counts the {name} placeholders in the documented path;
	// index is the example's position across all pages.
	placeholders int
	index        int
	example      *extract.Example
	answer       *answer
	// query is the documented query string, used to choose among the
	// examples of one path.
	query url.Values
}

// trie indexes routes by path segment. A segment is either literal, held
// percent-decoded, or a pattern of literal parts around placeholders.
type trie struct {
	literal  map[string]*trie
	patterns []*patternEdge
	routes   []*route
}

type patternEdge struct {
	key     string
	pattern segmentPattern
	next    *trie
}

// placeholder matches {name} in a documented URL. The name may hold any
// character but a brace, so "{id | userPrincipalName}" is one placeholder.
var placeholder = regexp.MustCompile(`\{[^{}]*\}`)

// insert adds r under the documented path, given without scheme, host or
// query.
func (t *trie) insert(path string, r *route) {
	node := t
	for _, raw := range splitPath(path) {
		locations := placeholder.FindAllStringIndex(raw, -1)
		if len(locations) == 0 {
			node = node.literalChild(unescape(raw))
			continue
		}
		r.placeholders += len(locations)
		pattern := newSegmentPattern(raw, locations)
		node = node.patternChild(pattern)
	}
	node.routes = append(node.routes, r)
}

func (t *trie) literalChild(segment string) *trie {
	if next, ok := t.literal[segment]; ok {
		return next
	}
	if t.literal == nil {
		t.literal = map[string]*trie{}
	}
	next := &trie{}
	t.literal[segment] = next
	return next
}

func (t *trie) patternChild(pattern segmentPattern) *trie {
	// Placeholder names do not matter, so {id} and {item-id} share an edge.
	key := strings.Join(pattern.parts, "\x00")
	for _, edge := range t.patterns {
		if edge.key == key {
			return edge.next
		}
	}
	edge := &patternEdge{key: key, pattern: pattern, next: &trie{}}
	t.patterns = append(t.patterns, edge)
	return edge.next
}

// match returns every route whose path matches the percent-decoded
// segments, most specific first: fewer placeholders, then document order.
func (t *trie) match(segments []string) []*route {
	found := t.collect(segments, nil)
	slices.SortStableFunc(found, func(a, b *route) int {
		return cmp.Or(cmp.Compare(a.placeholders, b.placeholders), cmp.Compare(a.index, b.index))
	})
	return found
}

func (t *trie) collect(segments []string, found []*route) []*route {
	if len(segments) == 0 {
		return append(found, t.routes...)
	}
	if next, ok := t.literal[segments[0]]; ok {
		found = next.collect(segments[1:], found)
	}
	for _, edge := range t.patterns {
		if edge.pattern.match(segments[0]) {
			found = edge.next.collect(segments[1:], found)
		}
	}
	return found
}

// segmentPattern is a path segment with placeholders: the literal parts
// before, between and after them, percent-decoded. Each placeholder
// matches one or more characters.
type segmentPattern struct {
	parts []string
}

func newSegmentPattern(raw string, locations [][]int) segmentPattern {
	parts := make([]string, 0, len(locations)+1)
	start := 0
	for _, loc := range locations {
		parts = append(parts, unescape(raw[start:loc[0]]))
		start = loc[1]
	}
	parts = append(parts, unescape(raw[start:]))
	return segmentPattern{parts: parts}
}

// match reports whether segment matches. Taking each middle literal at its
// leftmost position leaves the most room for the rest, so no backtracking
// is needed.
func (p segmentPattern) match(segment string) bool {
	first, last := p.parts[0], p.parts[len(p.parts)-1]
	if !strings.HasPrefix(segment, first) {
		return false
	}
	position := len(first)
	for _, part := range p.parts[1 : len(p.parts)-1] {
		if position+1 > len(segment) {
			return false
		}
		found := strings.Index(segment[position+1:], part)
		if found < 0 {
			return false
		}
		position += 1 + found + len(part)
	}
	return len(segment)-len(last) >= position+1 && strings.HasSuffix(segment, last)
}

// splitPath splits an escaped path into its segments, without the leading
// slash and without one trailing slash.
func splitPath(path string) []string {
	path = strings.TrimPrefix(path, "/")
	path = strings.TrimSuffix(path, "/")
	if path == "" {
		return nil
	}
	return strings.Split(path, "/")
}

// unescape percent-decodes one path segment, keeping it as written when
// it is not valid percent-encoding.
func unescape(segment string) string {
	if !strings.Contains(segment, "%") {
		return segment
	}
	decoded, err := url.PathUnescape(segment)
	if err != nil {
		return segment
	}
	return decoded
}

// documentedPath returns the path of a documented request target: the
// part after scheme and host of an absolute URL, before any query or
// fragment, with a leading slash.
func documentedPath(target string) string {
	target = strings.TrimSpace(target)
	if scheme, rest, ok := strings.Cut(target, "://"); ok && isScheme(scheme) {
		slash := strings.IndexAny(rest, "/?#")
		if slash < 0 || rest[slash] != '/' {
			return "/"
		}
		target = rest[slash:]
	}
	if end := strings.IndexAny(target, "?#"); end >= 0 {
		target = target[:end]
	}
	if !strings.HasPrefix(target, "/") {
		target = "/" + target
	}
	return target
}

func isScheme(s string) bool {
	return strings.EqualFold(s, "http") || strings.EqualFold(s, "https")
}
