package extract

import (
	"sync"

	"github.com/graphdoc/graphdoc/harness/finding"
	"github.com/graphdoc/graphdoc/harness/httpmsg"
)

// Block types an annotation can give.
const (
	TypeRequest     = "request"
	TypeResponse    = "response"
	TypeResource    = "resource"
	TypeExample     = "example"
	TypeIgnored     = "ignored"
	TypeSamples     = "samples"
	TypePermissions = "permissions"
	TypeTestParams  = "testParams"
)

// Page is everything extracted from one Markdown file.
type Page struct {
	// Path is the file name as given, used in every finding.
	Path string
	// Source is the page text with a UTF-8 BOM removed and CRLF line
	// endings turned into LF; line numbers are those of the stored file.
	Source []byte
	// FrontMatter holds the YAML front matter's top-level keys, or nil.
	FrontMatter map[string]any
	// FrontMatterStart and FrontMatterEnd are the 1-based lines of the
	// front matter block, delimiters included; zero when there is none.
	FrontMatterStart, FrontMatterEnd int
	// Blocks lists every fenced code block with an annotation, and every
	// fence of language http without one, in document order.
	Blocks []*Block
	// PageAnnotations lists the comments whose JSON has "type": "#page.annotation".
	PageAnnotations []PageAnnotation
	// Examples pairs each request with the response that answers it.
	Examples []*Example
	// Headings lists every heading with its level, text and line.
	Headings []Heading
	// Tables lists every pipe table.
	Tables []Table
	// Findings are the extraction defects: annotations, fences, HTTP
	// message syntax, JSON syntax and pairing.
	Findings []finding.Finding

	// lines indexes Source by line; linesOnce builds it for pages made
	// by hand rather than by File.
	lines     *lineTable
	linesOnce sync.Once
}

// LineCount returns the number of lines of Source; a newline at the end
// does not start another line.
func (p *Page) LineCount() int {
	return p.lineTable().lines()
}

// Line returns 1-based line n of Source without its newline, or nil when
// the page has no such line.
func (p *Page) Line(n int) []byte {
	if n < 1 || n > p.LineCount() {
		return nil
	}
	return p.lineTable().lineText(p.Source, n)
}

func (p *Page) lineTable() *lineTable {
	p.linesOnce.Do(func() {
		if p.lines == nil {
			p.lines = newLineTable(p.Source)
		}
	})
	return p.lines
}

// Heading is a Markdown heading.
type Heading struct {
	Level int
	Text  string
	Line  int
}

// Table is a pipe table; Rows excludes the header and delimiter rows.
type Table struct {
	Line    int
	Header  []string
	Rows    [][]string
	RowLine []int
	// Section is the text of the nearest heading above the table.
	Section string
}

// Annotation is the JSON comment that describes the fenced block after it.
// Keys are matched case-insensitively; Raw keeps every key as written.
type Annotation struct {
	BlockType string
	Names     []string
	// ODataType is "@odata.type" (or the older "@type") with any
	// "Collection(...)" wrapper removed; IsCollection records the wrapper
	// or an explicit "isCollection".
	ODataType    string
	IsCollection bool
	Truncated    bool
	Raw          map[string]any
	// Line is the 1-based line where the comment starts.
	Line int
}

// PageAnnotation is a "#page.annotation" comment.
type PageAnnotation struct {
	Line         int
	Suppressions []string
	Raw          map[string]any
}

// Block is one fenced code block.
type Block struct {
	// Annotation is nil for an unannotated block.
	Annotation *Annotation
	// Fence is the info string's first word, lower-cased ("http", "json", "").
	Fence string
	// Line is the 1-based line of the opening fence, EndLine of the closing
	// one (the last line of the page when the fence is never closed).
	Line, EndLine int
	// ContentLine is the 1-based line of the first content line.
	ContentLine int
	Content     []byte
	Unclosed    bool

	// Request or Response is set when the block parses as one.
	Request  *httpmsg.Request
	Response *httpmsg.Response
	// JSON is the JSON text of the block: a json fence's content, or the
	// message body when its content type is JSON; JSONLine is the 1-based
	// page line where it starts. JSONValid reports strict RFC 8259 validity.
	JSON      []byte
	JSONLine  int
	JSONValid bool

	// PairedWith names the requests a response answers.
	PairedWith []string

	// lineStarts holds the page offset of each content line; jsonOffset
	// is where JSON starts within Content.
	lineStarts []int
	jsonOffset int
}

// Name returns the block's first annotation name, or "".
func (b *Block) Name() string {
	if b.Annotation == nil || len(b.Annotation.Names) == 0 {
		return ""
	}
	return b.Annotation.Names[0]
}

// Example is a documented request and the response that answers it.
// Response is nil for a request without one.
type Example struct {
	Name     string
	Request  *Block
	Response *Block
}
