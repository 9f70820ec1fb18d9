package casetest

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/txtar"

	"github.com/graphdoc/graphdoc/harness/extract"
	"github.com/graphdoc/graphdoc/harness/finding"
)

// Mode records whether an expectation comes from the page alone or needs
// a replay.
type Mode string

// Modes of an expectation.
const (
	Static Mode = "static"
	Replay Mode = "replay"
)

// Expectation is one expected finding.
type Expectation struct {
	Severity finding.Severity
	Rule     string
	Line     int
	Mode     Mode
}

// String formats the expectation as a want line reads it.
func (e Expectation) String() string {
	return fmt.Sprintf("%s %s@%d [%s]", e.Severity, e.Rule, e.Line, e.Mode)
}

// Case is one loaded case archive.
type Case struct {
	Path    string
	Archive *txtar.Archive
	Pages   map[string][]byte
	Want    []Expectation
	// Blocks is the expected blocks section, or nil when the case has none.
	Blocks *string
	// Model is the CSDL of a model.xml section, or nil: the case's pages
	// are then validated against it instead of the bundled schemas.
	Model []byte
	// Pending is the reason the case is skipped, or "".
	Pending string
}

var (
	pendingLine = regexp.MustCompile(`(?m)^pending:\s*(.+)$`)
	wantItem    = regexp.MustCompile(`^(error|warning|info)\s+([a-z0-9-]+)@(\d+)(?:\s+\[(static|replay)\])?$`)
)

// Load reads a case archive.
func Load(path string) (*Case, error) {
	archive, err := txtar.ParseFile(path)
	if err != nil {
		return nil, fmt.Errorf("read case %s: %w", path, err)
	}
	c := &Case{Path: path, Archive: archive, Pages: map[string][]byte{}}
	if m := pendingLine.FindSubmatch(archive.Comment); m != nil {
		c.Pending = strings.TrimSpace(string(m[1]))
	}

	haveWant := false
	for _, file := range archive.Files {
		switch {
		case file.Name == "want":
			haveWant = true
			want, err := ParseWant(string(file.Data))
			if err != nil {
				return nil, fmt.Errorf("case %s: %w", path, err)
			}
			c.Want = want
		case file.Name == "model.xml":
			c.Model = file.Data
		case file.Name == "blocks":
			text := string(file.Data)
			c.Blocks = &text
		case strings.HasSuffix(file.Name, ".md"):
			c.Pages[file.Name] = file.Data
		default:
			return nil, fmt.Errorf("case %s: unknown section %q: use page files ending in .md, model.xml, blocks and want", path, file.Name)
		}
	}
	if len(c.Pages) == 0 {
		return nil, fmt.Errorf("case %s: no page: add a section whose name ends in .md", path)
	}
	if !haveWant {
		return nil, fmt.Errorf("case %s: no want section", path)
	}
	return c, nil
}

// ParseWant reads expectations written one per line or separated by
// "; ", as the first line of a defect page gives them.
func ParseWant(text string) ([]Expectation, error) {
	var want []Expectation
	for _, line := range strings.FieldsFunc(text, func(r rune) bool { return r == '\n' || r == ';' }) {
		line = strings.TrimSpace(line)
		if line == "" || line == "none" || strings.HasPrefix(line, "#") {
			continue
		}
		m := wantItem.FindStringSubmatch(line)
		if m == nil {
			return nil, fmt.Errorf("invalid expectation %q: write SEVERITY RULE@LINE [static|replay]", line)
		}
		severity, _ := finding.ParseSeverity(m[1])
		number, _ := strconv.Atoi(m[3])
		mode := Mode(m[4])
		if mode == "" {
			mode = Static
		}
		want = append(want, Expectation{Severity: severity, Rule: m[2], Line: number, Mode: mode})
	}
	return want, nil
}

// FormatWant writes expectations as a want section.
func FormatWant(want []Expectation) string {
	if len(want) == 0 {
		return "none\n"
	}
	var b strings.Builder
	for _, e := range want {
		b.WriteString(e.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// Observe turns findings into expectations: each finding's line becomes
// the opening fence line of the block that contains it. Info findings
// are left out.
func Observe(page *extract.Page, findings []finding.Finding, mode Mode) []Expectation {
	var observed []Expectation
	for _, f := range findings {
		if f.Severity == finding.Info {
			continue
		}
		observed = append(observed, Expectation{Severity: f.Severity, Rule: f.Rule, Line: blockLine(page, f.Line), Mode: mode})
	}
	sortExpectations(observed)
	// One finding per kind per block, as the expectations count them.
	return slices.Compact(observed)
}

// blockLine returns the opening fence line of the block that contains
// line, counting the block's annotation comment, or line itself.
func blockLine(page *extract.Page, line int) int {
	for _, block := range page.Blocks {
		start := block.Line
		if block.Annotation != nil {
			start = block.Annotation.Line
		}
		if start <= line && line <= block.EndLine {
			return block.Line
		}
	}
	return line
}

func sortExpectations(list []Expectation) {
	slices.SortFunc(list, func(a, b Expectation) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		if a.Rule != b.Rule {
			return strings.Compare(a.Rule, b.Rule)
		}
		if a.Mode != b.Mode {
			return strings.Compare(string(a.Mode), string(b.Mode))
		}
		return int(a.Severity) - int(b.Severity)
	})
}

// FormatBlocks lists a page's blocks one per line, as a blocks section
// reads them: the fence lines, the block type, the names, what the block
// parsed as, and the requests a response is paired with.
func FormatBlocks(page *extract.Page) string {
	var b strings.Builder
	for _, block := range page.Blocks {
		fmt.Fprintf(&b, "%d-%d", block.Line, block.EndLine)
		kind := "-"
		if block.Annotation != nil {
			kind = block.Annotation.BlockType
			fmt.Fprintf(&b, " @%d", block.Annotation.Line)
		}
		fmt.Fprintf(&b, " %s fence=%q", kind, block.Fence)
		if block.Annotation != nil && len(block.Annotation.Names) > 0 {
			fmt.Fprintf(&b, " names=%s", strings.Join(block.Annotation.Names, ","))
		}
		switch {
		case block.Request != nil:
			fmt.Fprintf(&b, " request=%q", block.Request.Method+" "+block.Request.Target)
		case block.Response != nil:
			fmt.Fprintf(&b, " status=%d", block.Response.Status)
		}
		if block.JSON != nil {
			fmt.Fprintf(&b, " json@%d", block.JSONLine)
			if !block.JSONValid {
				b.WriteString("(invalid)")
			}
		}
		if len(block.PairedWith) > 0 {
			fmt.Fprintf(&b, " answers=%s", strings.Join(block.PairedWith, ","))
		}
		if block.Unclosed {
			b.WriteString(" unclosed")
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// Update rewrites the case's want section with want, and its blocks
// section, when it has one, with blocks.
func (c *Case) Update(want []Expectation, blocks string) error {
	sortExpectations(want)
	for i := range c.Archive.Files {
		switch c.Archive.Files[i].Name {
		case "want":
			c.Archive.Files[i].Data = []byte(FormatWant(want))
		case "blocks":
			c.Archive.Files[i].Data = []byte(blocks)
		}
	}
	if err := os.WriteFile(c.Path, txtar.Format(c.Archive), 0o644); err != nil {
		return fmt.Errorf("update case %s: %w", c.Path, err)
	}
	return nil
}
