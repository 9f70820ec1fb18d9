package extract

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"github.com/graphdoc/graphdoc/harness/finding"
)

var markdown = goldmark.New(goldmark.WithExtensions(extension.Table))

// File extracts a page from the Markdown text src; path is used only to
// name the page in findings. It never fails: every defect of the page is a
// finding in Page.Findings. It is safe for concurrent use.
func File(path string, src []byte) *Page {
	page := &Page{Path: path}
	src = normalize(src)
	page.Source = src
	lines := newLineTable(src)
	page.lines = lines

	if !isText(src) {
		page.report("page-not-text", 1, 1, "file is not UTF-8 text; it was not extracted")
		return page
	}

	parsed := src
	if first, last, closed := frontMatter(src, lines); first > 0 {
		page.FrontMatterStart, page.FrontMatterEnd = first, last
		if !closed {
			page.report("front-matter-invalid", first, 1, "front matter is never closed with a --- line")
		} else {
			values, err := parseFrontMatter(src, lines, first, last)
			if err != nil {
				page.report("front-matter-invalid", first, 1, fmt.Sprintf("front matter is not valid YAML: %v", err))
			}
			page.FrontMatter = values
		}
		parsed = blankLines(src, lines, first, last)
	}

	w := &walker{page: page, src: parsed, lines: lines}
	w.parse(parsed)
	pair(page)
	return page
}

// isText reports whether src is UTF-8 text without NUL bytes.
func isText(src []byte) bool {
	return bytes.IndexByte(src, 0) < 0 && utf8.Valid(src)
}

func (p *Page) report(rule string, line, column int, message string) *finding.Finding {
	p.Findings = append(p.Findings, finding.New(rule, p.Path, line, column, message))
	return &p.Findings[len(p.Findings)-1]
}

// walker turns one goldmark tree into blocks, headings and tables.
type walker struct {
	page    *Page
	src     []byte
	lines   *lineTable
	section string
}

// parse walks the tree of src. When a fence is never closed, it records
// the block and parses the rest of the page again from where the writer
// most likely meant the block to end.
func (w *walker) parse(src []byte) {
	doc := markdown.Parser().Parse(text.NewReader(src))

	var resume int
	_ = ast.Walk(doc, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := node.(type) {
		case *ast.Heading:
			w.heading(n)
		case *extast.Table:
			w.table(n)
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock:
			w.comment(n)
		case *ast.FencedCodeBlock:
			if next := w.fence(n); next > 0 {
				resume = next
				return ast.WalkStop, nil
			}
		}
		return ast.WalkContinue, nil
	})

	if resume > 0 {
		w.parse(blankLines(src, w.lines, 1, resume-1))
	}
}

func (w *walker) heading(n *ast.Heading) {
	line := w.nodeLine(n)
	title := strings.TrimSpace(inlineText(n, w.src))
	w.page.Headings = append(w.page.Headings, Heading{Level: n.Level, Text: title, Line: line})
	w.section = title
}

func (w *walker) table(n *extast.Table) {
	table := Table{Line: w.nodeLine(n), Section: w.section}
	for row := n.FirstChild(); row != nil; row = row.NextSibling() {
		var cells []string
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			cells = append(cells, strings.TrimSpace(inlineText(cell, w.src)))
		}
		if _, header := row.(*extast.TableHeader); header {
			table.Header = cells
			continue
		}
		table.Rows = append(table.Rows, cells)
		table.RowLine = append(table.RowLine, w.nodeLine(row))
	}
	w.page.Tables = append(w.page.Tables, table)
}

// nodeLine returns the 1-based line where a block node starts.
func (w *walker) nodeLine(n ast.Node) int {
	if pos := n.Pos(); pos >= 0 {
		return w.lines.line(pos)
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return w.lines.line(n.Lines().At(0).Start)
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if line := w.nodeLine(c); line > 0 {
			return line
		}
	}
	return 0
}

// inlineText concatenates the text of n's inline descendants.
func inlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := node.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.RawHTML:
			for i := 0; i < t.Segments.Len(); i++ {
				seg := t.Segments.At(i)
				b.Write(seg.Value(src))
			}
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// htmlText returns the whole source text of an HTML block.
func htmlText(n *ast.HTMLBlock, src []byte) []byte {
	var b bytes.Buffer
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		b.Write(seg.Value(src))
	}
	if n.HasClosure() {
		b.Write(n.ClosureLine.Value(src))
	}
	return b.Bytes()
}

// comment handles an HTML block: a page annotation, or a block annotation
// that must be followed by a fence.
func (w *walker) comment(n *ast.HTMLBlock) {
	if n.HTMLBlockType != ast.HTMLBlockType2 {
		return
	}
	jsonText := commentJSON(htmlText(n, w.src))
	if jsonText == nil {
		return
	}
	line := w.nodeLine(n)

	raw, issues := parseAnnotationJSON(jsonText)
	if raw != nil && isPageAnnotation(raw) {
		w.pageAnnotation(raw, line)
		return
	}
	if _, fence := n.NextSibling().(*ast.FencedCodeBlock); fence {
		return
	}

	// An annotation that is not valid JSON is reported once, where the fence reads it.
	for _, issue := range issues {
		w.annotationFinding(issue, line, "")
	}
	if raw == nil {
		return
	}
	ann, _ := decodeAnnotation(raw, line)
	switch ann.BlockType {
	case TypeIgnored, TypePermissions, TypeTestParams:
		// These annotations may stand before a table or nothing at all.
		return
	}
	w.page.report("annotation-without-block", line, 1, fmt.Sprintf("annotation (blockType %q) is not followed by a code fence", ann.BlockType))
}

func isPageAnnotation(raw map[string]any) bool {
	for key, value := range raw {
		if strings.EqualFold(key, "type") {
			text, _ := value.(string)
			return strings.HasPrefix(text, "#page.")
		}
	}
	return false
}

func (w *walker) pageAnnotation(raw map[string]any, line int) {
	annotation := PageAnnotation{Line: line, Raw: raw}
	for key, value := range raw {
		if strings.EqualFold(key, "suppressions") {
			annotation.Suppressions, _ = stringList(value)
		}
	}
	w.page.PageAnnotations = append(w.page.PageAnnotations, annotation)
}

func (w *walker) annotationFinding(issue annotationIssue, line int, example string) {
	f := w.page.report("annotation-invalid", line, 1, issue.message)
	if issue.warning {
		f.Severity = finding.Warning
	}
	f.Example = example
}
