package gate

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// corpusDir is the Graph docs sample that the benchmark commits into a
// temporary repository. The benchmark is skipped when it is absent.
const corpusDir = "../../../shared/corpus/graph-docs"

// BenchmarkChanged measures Changed on the corpus committed once and ten
// times over, with one API page or one resource page edited after the
// commit. It reports how many pages it was given and how many it selected.
func BenchmarkChanged(b *testing.B) {
	if _, err := os.Stat(filepath.Join(corpusDir, "api-reference")); err != nil {
		b.Skipf("corpus not found at %s", corpusDir)
	}
	for _, copies := range []int{1, 10} {
		for _, edit := range []string{"api/administrativeunit-delete.md", "resources/user.md"} {
			name := fmt.Sprintf("copies=%d/edit=%s", copies, strings.TrimSuffix(filepath.Base(filepath.Dir(edit)), "s"))
			b.Run(name, func(b *testing.B) {
				dir, pages := corpusRepo(b, copies)
				target := filepath.Join(dir, "copy-0", "api-reference", "v1.0", filepath.FromSlash(edit))
				src, err := os.ReadFile(target)
				require.NoError(b, err)
				require.NoError(b, os.WriteFile(target, append(src, "\nAn edited line.\n"...), 0o644))

				var selected []string
				for b.Loop() {
					selected, err = Changed(context.Background(), dir, "HEAD", pages)
					if err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(len(pages)), "pages")
				b.ReportMetric(float64(len(selected)), "selected")
			})
		}
	}
}

// corpusRepo copies the corpus copies times into a new repository,
// commits it, and returns the repository and its Markdown pages.
func corpusRepo(b testing.TB, copies int) (string, []string) {
	b.Helper()
	dir := b.TempDir()
	git(b, dir, "init", "-q")

	var pages []string
	for i := range copies {
		copyDir := filepath.Join(dir, fmt.Sprintf("copy-%d", i))
		err := filepath.WalkDir(corpusDir, func(name string, entry fs.DirEntry, err error) error {
			if err != nil || entry.IsDir() {
				return err
			}
			rel, err := filepath.Rel(corpusDir, name)
			if err != nil {
				return err
			}
			data, err := os.ReadFile(name)
			if err != nil {
				return err
			}
			target := filepath.Join(copyDir, rel)
			if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
				return err
			}
			if strings.EqualFold(filepath.Ext(name), ".md") {
				pages = append(pages, target)
			}
			return os.WriteFile(target, data, 0o644)
		})
		require.NoError(b, err)
	}

	git(b, dir, "add", "-A")
	git(b, dir, "commit", "-q", "-m", "corpus")
	return dir, pages
}
