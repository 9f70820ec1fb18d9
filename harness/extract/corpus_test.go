package extract

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/yuin/goldmark/text"
)

// corpusDir holds real Graph reference pages when the shared folder sits
// beside the repository, as it does on the developers' and CI machines.
var corpusDir = filepath.Join("..", "..", "..", "shared", "corpus", "graph-docs", "api-reference")

func corpusFiles(tb testing.TB) []string {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(corpusDir, "*", "*", "*.md"))
	require.NoError(tb, err)
	if len(files) == 0 {
		tb.Skipf("no corpus at %s", corpusDir)
	}
	return files
}

var (
	countFence     = regexp.MustCompile(`^\s*(?:>\s*)?(?:\d+\.\s+|[-*]\s+)?(` + "`{3,}|~{3,}" + `)`)
	countBlockType = regexp.MustCompile(`(?i)"blockType"\s*:\s*"([^"]+)"`)
)

// countAnnotatedFences finds annotated fences with a plain line scanner,
// independent of goldmark: a fence line whose nearest non-blank line
// above ends an HTML comment naming a blockType. It returns the block
// type by opening fence line.
func countAnnotatedFences(src []byte) map[int]string {
	lines := strings.Split(string(normalize(src)), "\n")
	found := map[int]string{}
	open := ""
	pending := ""
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		m := countFence.FindStringSubmatchIndex(line)
		if open != "" {
			if m != nil {
				run := line[m[2]:m[3]]
				if run[0] == open[0] && len(run) >= len(open) && strings.TrimSpace(line[m[3]:]) == "" {
					open = ""
				}
			}
			continue
		}
		if m != nil {
			open = line[m[2]:m[3]]
			if pending != "" {
				found[i+1] = pending
			}
			pending = ""
			continue
		}

		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, "<!--"):
			comment := line
			for !strings.Contains(lines[i], "-->") && i+1 < len(lines) {
				i++
				comment += "\n" + lines[i]
			}
			pending = ""
			if m := countBlockType.FindStringSubmatch(comment); m != nil {
				pending = m[1]
			}
		case trimmed != "":
			pending = ""
		}
	}
	return found
}

func TestCorpusBlocksMatchLineCount(t *testing.T) {
	files := corpusFiles(t)

	total := 0
	for _, file := range files {
		src, err := os.ReadFile(file)
		require.NoError(t, err)
		page := File(file, src)

		got := map[int]string{}
		for _, block := range page.Blocks {
			if block.Annotation != nil && block.Annotation.BlockType != "" {
				got[block.Line] = block.Annotation.BlockType
			}
		}
		want := countAnnotatedFences(src)
		total += len(want)
		if hasFinding(page, "fence-unclosed") {
			// The extractor recovers blocks after an unclosed fence, which
			// the line scanner does not.
			for line, blockType := range want {
				assert.Equal(t, blockType, got[line], "%s:%d", file, line)
			}
			continue
		}
		assert.Equal(t, want, got, file)
	}
	t.Logf("%d annotated blocks in %d pages", total, len(files))
}

func hasFinding(page *Page, rule string) bool {
	for _, f := range page.Findings {
		if f.Rule == rule {
			return true
		}
	}
	return false
}

// readCorpus returns every corpus page and their total size.
func readCorpus(b *testing.B) ([][]byte, int64) {
	var pages [][]byte
	var size int64
	for _, file := range corpusFiles(b) {
		src, err := os.ReadFile(file)
		require.NoError(b, err)
		pages = append(pages, src)
		size += int64(len(src))
	}
	return pages, size
}

// BenchmarkGoldmarkParseCorpus is the floor: goldmark's own parse of the
// corpus, with the same extensions, and nothing else.
func BenchmarkGoldmarkParseCorpus(b *testing.B) {
	pages, size := readCorpus(b)
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		for _, src := range pages {
			markdown.Parser().Parse(text.NewReader(src))
		}
	}
}

func BenchmarkExtractCorpus(b *testing.B) {
	pages, size := readCorpus(b)
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		for _, src := range pages {
			File("page.md", src)
		}
	}
}
