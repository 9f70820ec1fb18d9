package validation

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/graphdoc/graphdoc/harness/extract"
)

// urlPlaceholder matches a {name} template variable in a URL.
var urlPlaceholder = regexp.MustCompile(`\{[^{}/?&="'\s][^{}/?&="']*\}`)

// todoMarker matches the words writers leave for content still to come.
var todoMarker = regexp.MustCompile(`\b(TODO|TBD)\b`)

// placeholders reports {name} placeholders left in an example request URL,
// once per block.
func (v *pageValidator) placeholders(example *extract.Example) {
	request := example.Request.Request
	found := urlPlaceholder.FindAllString(request.Target, -1)
	if len(found) == 0 {
		return
	}

	content := example.Request.Content
	at := max(bytes.Index(content, []byte(found[0])), 0)
	lineStart := bytes.LastIndexByte(content[:at], '\n') + 1
	line := example.Request.ContentLine + bytes.Count(content[:at], []byte("\n"))
	column := at - lineStart + 1
	list := strings.Join(unique(found), ", ")
	v.report("placeholder-in-example", line, max(column, 1), example.Name,
		fmt.Sprintf("example request URL still holds the placeholder %s; put a sample value in its place", list))
}

func unique(items []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, item := range items {
		if !seen[item] {
			seen[item] = true
			out = append(out, item)
		}
	}
	return out
}

// todoPlaceholders reports TODO and TBD left in the page's front matter,
// tables or text, once per line. Code blocks and comments are skipped.
func (v *pageValidator) todoPlaceholders() {
	if !mayHoldTodo(v.page.Source) {
		return
	}
	skip := v.codeAndCommentLines()
	for n := 1; n <= v.page.LineCount(); n++ {
		line := v.page.Line(n)
		if skip[n] || !mayHoldTodo(line) {
			continue
		}
		loc := todoMarker.FindIndex(line)
		if loc == nil {
			continue
		}
		word := string(line[loc[0]:loc[1]])
		v.report("todo-placeholder", n, loc[0]+1, "", fmt.Sprintf("%s placeholder left in the page: %s", word, excerpt(line, loc[0])))
	}
}

// mayHoldTodo is a fast test that rules out text without a marker before
// the regular expression runs.
func mayHoldTodo(text []byte) bool {
	return bytes.Contains(text, []byte("TODO")) || bytes.Contains(text, []byte("TBD"))
}

// codeAndCommentLines returns the lines inside fences and HTML comments,
// computed once per page.
func (v *pageValidator) codeAndCommentLines() map[int]bool {
	if v.skipLines != nil {
		return v.skipLines
	}
	skip := map[int]bool{}
	for _, block := range v.page.Blocks {
		for n := block.Line; n <= block.EndLine; n++ {
			skip[n] = true
		}
		if block.Annotation != nil {
			for n := block.Annotation.Line; n < block.Line; n++ {
				skip[n] = true
			}
		}
	}

	inComment := false
	for n := 1; n <= v.page.LineCount(); n++ {
		line := v.page.Line(n)
		start := bytes.Contains(line, []byte("<!--"))
		if inComment || start {
			skip[n] = true
		}
		if start {
			inComment = true
		}
		if bytes.Contains(line, []byte("-->")) {
			inComment = false
		}
	}
	v.skipLines = skip
	return skip
}

// excerpt returns up to 60 bytes of line around offset.
func excerpt(line []byte, offset int) string {
	start := max(0, offset-20)
	end := min(len(line), offset+40)
	text := strings.TrimSpace(string(line[start:end]))
	if start > 0 {
		text = "..." + text
	}
	if end < len(line) {
		text += "..."
	}
	return text
}
