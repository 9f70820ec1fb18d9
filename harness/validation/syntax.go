package validation

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/graphdoc/graphdoc/harness/extract"
	"github.com/graphdoc/graphdoc/harness/route"
)

// syntaxHeading is the heading of the section that lists the operation's
// URL templates.
const syntaxHeading = "HTTP request"

// templateMethods are the methods a line of the HTTP request section may
// start with.
var templateMethods = []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}

// templateVariable matches a {name} or <name> variable in a template.
var templateVariable = regexp.MustCompile(`\{[^{}]*\}|<[^<>]*>`)

// urlTemplate is one request line of the HTTP request section.
type urlTemplate struct {
	method string
	// text is the path as written, for messages.
	text     string
	segments []string
}

// syntaxRules checks every example request against the URL templates of
// the page's HTTP request section. A page without templates is not
// checked.
func (v *pageValidator) syntaxRules() {
	templates, section := syntaxTemplates(v.page)
	if len(templates) == 0 {
		return
	}

	for _, example := range v.page.Examples {
		block := example.Request
		request := block.Request
		if request == nil || section[block] {
			continue
		}
		path, ok := route.GraphPath(request.Target)
		if !ok {
			continue
		}
		v.matchSyntax(example, request.Method, path, templates)
	}
}

// matchSyntax reports an example whose path matches no template, lacks
// the /$ref that a template of its method ends in, or matches only under
// another method.
func (v *pageValidator) matchSyntax(example *extract.Example, method, path string, templates []urlTemplate) {
	block := example.Request
	line, _ := requestLine(block)
	segments := splitPath(path)
	withRef := append(segments[:len(segments):len(segments)], "$ref")

	var refTemplate, otherMethod *urlTemplate
	for i, t := range templates {
		switch {
		case t.method == method && t.fits(segments):
			return
		case t.method == method && t.fits(withRef) && refTemplate == nil:
			refTemplate = &templates[i]
		case t.method != method && t.fits(segments) && otherMethod == nil:
			otherMethod = &templates[i]
		}
	}

	switch {
	case refTemplate != nil:
		v.report("ref-segment-missing", line, 1, example.Name,
			fmt.Sprintf("the template %s %s ends in /$ref, but the example URL does not", refTemplate.method, refTemplate.text))
		// The body of a reference operation is checked here, because the
		// example URL alone does not show that it is one.
		if method == "POST" || method == "PUT" {
			v.refBody(block)
		}
	case otherMethod != nil:
		v.report("method-mismatch", line, 1, example.Name,
			fmt.Sprintf("%s is not documented for this path; the HTTP request section gives %s %s", method, otherMethod.method, otherMethod.text))
	default:
		v.report("url-not-in-syntax", line, 1, example.Name,
			fmt.Sprintf("%s %s matches no template of the HTTP request section", method, truncate(path, 100)))
	}
}

// syntaxTemplates returns the request lines of the page's HTTP request
// sections, and the blocks they come from.
func syntaxTemplates(page *extract.Page) ([]urlTemplate, map[*extract.Block]bool) {
	var templates []urlTemplate
	blocks := map[*extract.Block]bool{}
	for i, heading := range page.Headings {
		if !strings.EqualFold(strings.TrimSpace(heading.Text), syntaxHeading) {
			continue
		}
		end := sectionEnd(page, i)
		for _, block := range page.Blocks {
			if block.Line < heading.Line || block.Line > end || !isSyntaxBlock(block) {
				continue
			}
			blocks[block] = true
			templates = append(templates, blockTemplates(block)...)
		}
	}
	return templates, blocks
}

// sectionEnd returns the last line of the section that heading i opens.
func sectionEnd(page *extract.Page, i int) int {
	level := page.Headings[i].Level
	for _, next := range page.Headings[i+1:] {
		if next.Level <= level {
			return next.Line - 1
		}
	}
	return page.LineCount()
}

// isSyntaxBlock reports whether a block of the HTTP request section lists
// templates: an http fence that is unannotated or annotated ignored or
// request.
func isSyntaxBlock(block *extract.Block) bool {
	if block.Annotation == nil {
		return block.Request != nil || block.Fence == "http"
	}
	switch block.Annotation.BlockType {
	case extract.TypeIgnored, extract.TypeRequest:
		return block.Fence == "http" || block.Fence == "" || block.Request != nil
	}
	return false
}

// blockTemplates reads each line of a syntax block that starts with a
// method.
func blockTemplates(block *extract.Block) []urlTemplate {
	var templates []urlTemplate
	for _, line := range strings.Split(string(block.Content), "\n") {
		fields := strings.Fields(line)
		if len(fields) < 2 {
			continue
		}
		method := strings.ToUpper(fields[0])
		if !slices.Contains(templateMethods, method) {
			continue
		}
		target := strings.TrimSpace(strings.TrimSpace(line)[len(fields[0]):])
		if len(fields) > 2 && strings.HasPrefix(fields[len(fields)-1], "HTTP/") {
			target = strings.TrimSpace(strings.TrimSuffix(target, fields[len(fields)-1]))
		}
		path, ok := route.GraphPath(target)
		if !ok {
			continue
		}
		templates = append(templates, urlTemplate{method: method, text: path, segments: splitPath(path)})
	}
	return templates
}

// splitPath splits a resource path into segments. Slashes inside
// parentheses and quotes do not split. A segment ending in ':' starts
// path-based addressing, as in root:/folder/file.txt:/content, and takes
// the following segments up to the next one ending in ':'. A key in
// parentheses, as in items('1'), becomes a segment of its own, as
// key-as-segment URLs write it, and empty parentheses are dropped.
func splitPath(path string) []string {
	if unescaped, err := url.PathUnescape(path); err == nil {
		path = unescaped
	}
	raw := route.SplitOutside(path, '/')

	var segments []string
	for i := 0; i < len(raw); i++ {
		segment := raw[i]
		if strings.HasSuffix(segment, ":") {
			for i+1 < len(raw) {
				i++
				segment += "/" + raw[i]
				if strings.HasSuffix(raw[i], ":") {
					break
				}
			}
		}
		segments = append(segments, splitKey(segment)...)
	}
	return driveRoot(segments)
}

// driveRoot writes the root folder of a drive, drive/root, as the item it
// is, drive/items/root, so that it fits templates with items/{item-id}.
func driveRoot(segments []string) []string {
	var out []string
	for i, segment := range segments {
		afterDrive := i > 0 && strings.EqualFold(segments[i-1], "drive") ||
			i > 1 && strings.EqualFold(segments[i-2], "drives")
		if afterDrive && strings.EqualFold(segment, "root") {
			out = append(out, "items")
		}
		out = append(out, segment)
	}
	return out
}

// splitKey turns name(key) into name and key, with the key's quotes
// removed, and name() into name. A call with named parameters is one
// segment.
func splitKey(segment string) []string {
	open := strings.IndexByte(segment, '(')
	if open <= 0 || !strings.HasSuffix(segment, ")") {
		return []string{segment}
	}
	name, inner := segment[:open], segment[open+1:len(segment)-1]
	if strings.TrimSpace(inner) == "" {
		return []string{name}
	}
	if _, named := callParameters(inner); named {
		return []string{segment}
	}
	return []string{name, strings.Trim(inner, "'")}
}

// callParameters returns the lower-case parameter names of a function
// call's argument list, and whether every argument is name=value.
func callParameters(inner string) ([]string, bool) {
	var names []string
	named := true
	for _, argument := range splitArguments(inner) {
		name, _, ok := cutUnquoted(argument, '=')
		named = named && ok
		names = append(names, strings.ToLower(strings.TrimSpace(name)))
	}
	return names, named
}

// cutUnquoted slices text around the first sep outside single quotes.
func cutUnquoted(text string, sep byte) (before, after string, found bool) {
	quoted := false
	for i := 0; i < len(text); i++ {
		switch {
		case text[i] == '\'':
			quoted = !quoted
		case text[i] == sep && !quoted:
			return text[:i], text[i+1:], true
		}
	}
	return text, "", false
}

// splitArguments splits a list at the commas outside quotes, brackets
// and parentheses.
func splitArguments(list string) []string {
	var arguments []string
	depth, quoted, start := 0, false, 0
	for i := 0; i < len(list); i++ {
		switch c := list[i]; {
		case c == '\'':
			quoted = !quoted
		case quoted:
		case c == '(' || c == '[' || c == '{':
			depth++
		case c == ')' || c == ']' || c == '}':
			depth = max(depth-1, 0)
		case c == ',' && depth == 0:
			arguments = append(arguments, list[start:i])
			start = i + 1
		}
	}
	return append(arguments, list[start:])
}

// fits reports whether an example path fits the template, also when the
// path starts with /me and the template with /users/{id}.
func (t urlTemplate) fits(segments []string) bool {
	if matchSegments(t.segments, segments) {
		return true
	}
	alias := signedInUser(segments)
	return alias != nil && matchSegments(t.segments, alias)
}

// signedInUser writes a path that starts with /me as /users/me, so that
// it fits a /users/{id} template. It returns nil for other paths.
func signedInUser(segments []string) []string {
	if len(segments) == 0 || !strings.EqualFold(segments[0], "me") {
		return nil
	}
	return append([]string{"users"}, segments...)
}

// matchSegments reports whether an example path fits a template path.
// A trailing $count on the example, which counts any collection, is
// allowed.
func matchSegments(template, example []string) bool {
	if len(example) == len(template)+1 && strings.EqualFold(example[len(example)-1], "$count") {
		example = example[:len(template)]
	}
	if len(template) != len(example) {
		return false
	}
	for i := range template {
		if !matchSegment(template[i], example[i]) {
			return false
		}
	}
	return true
}

// matchSegment compares one segment. A variable in the template matches
// any run of characters. A function call matches a call of the same name
// with the same parameter names, whatever the values, because templates
// often show sample values in calls.
func matchSegment(template, example string) bool {
	if name, inner, ok := splitCall(template); ok {
		exampleName, exampleInner, exampleOK := splitCall(example)
		if !exampleOK || !strings.EqualFold(name, exampleName) {
			return false
		}
		want, _ := callParameters(inner)
		got, _ := callParameters(exampleInner)
		return sameSet(want, got)
	}

	var pattern strings.Builder
	pattern.WriteString("(?is)^")
	last := 0
	for _, loc := range templateVariable.FindAllStringIndex(template, -1) {
		pattern.WriteString(regexp.QuoteMeta(template[last:loc[0]]))
		pattern.WriteString(".+")
		last = loc[1]
	}
	pattern.WriteString(regexp.QuoteMeta(template[last:]))
	pattern.WriteString("$")
	matched, err := regexp.MatchString(pattern.String(), example)
	return err == nil && matched
}

// splitCall splits name(parameters) with named parameters.
func splitCall(segment string) (name, inner string, ok bool) {
	open := strings.IndexByte(segment, '(')
	if open <= 0 || !strings.HasSuffix(segment, ")") {
		return "", "", false
	}
	inner = segment[open+1 : len(segment)-1]
	if _, named := callParameters(inner); !named {
		return "", "", false
	}
	return segment[:open], inner, true
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, item := range a {
		if !slices.Contains(b, item) {
			return false
		}
	}
	return true
}
