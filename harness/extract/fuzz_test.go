package extract

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// FuzzExtract checks that extraction never panics and that every position
// it reports lies inside the page. Seeds come from the bundled docs and
// the pages of the cases.
func FuzzExtract(f *testing.F) {
	for _, page := range seedPages(f) {
		f.Add(page)
	}
	f.Add([]byte("<!-- {\"blockType\": \"request\"} -->\n```http\nGET /me\n"))
	f.Add([]byte("\ufeff---\r\ntitle: x\r\n---\r\n<!-- { \"blockType\": \"response\", } -->\r\n``` http\r\nHTTP/1.1 204 No Content\r\n```\r\n"))

	f.Fuzz(func(t *testing.T, src []byte) {
		page := File("fuzz.md", src)
		lines := newLineTable(page.Source).lines()
		last := max(lines, 1)

		for _, block := range page.Blocks {
			if block.Line < 1 || block.Line > last || block.EndLine < block.Line || block.EndLine > last {
				t.Fatalf("block lines %d-%d outside 1-%d", block.Line, block.EndLine, last)
			}
			if block.Annotation != nil && (block.Annotation.Line < 1 || block.Annotation.Line > block.Line) {
				t.Fatalf("annotation line %d not before block line %d", block.Annotation.Line, block.Line)
			}
			if block.JSON != nil && (block.JSONLine < block.Line || block.JSONLine > block.EndLine) {
				t.Fatalf("JSON line %d outside block %d-%d", block.JSONLine, block.Line, block.EndLine)
			}
		}
		for _, found := range page.Findings {
			if found.Line < 1 || found.Line > last || found.Column < 1 {
				t.Fatalf("finding %s at %d:%d outside the page of %d lines", found.Rule, found.Line, found.Column, last)
			}
		}
	})
}

// seedPages reads the pages under docs/ and inside the case archives.
func seedPages(f *testing.F) [][]byte {
	root := filepath.Join("..", "..")
	var pages [][]byte
	docs, _ := filepath.Glob(filepath.Join(root, "docs", "*", "*", "*.md"))
	for _, path := range docs {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatalf("read seed: %v", err)
		}
		pages = append(pages, data)
	}
	cases, _ := filepath.Glob(filepath.Join(root, "cases", "*.txtar"))
	for _, path := range cases {
		archive, err := txtar.ParseFile(path)
		if err != nil {
			f.Fatalf("read seed: %v", err)
		}
		for _, file := range archive.Files {
			if strings.HasSuffix(file.Name, ".md") {
				pages = append(pages, bytes.Clone(file.Data))
			}
		}
	}
	return pages
}
