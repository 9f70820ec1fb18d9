package harness

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
	"golang.org/x/sync/errgroup"

	"github.com/graphdoc/graphdoc/harness/extract"
	"github.com/graphdoc/graphdoc/harness/validation"
)

// corpusDir holds real Graph reference pages when the shared folder sits
// beside the repository.
var corpusDir = filepath.Join("..", "..", "shared", "corpus", "graph-docs", "api-reference")

type source struct {
	path string
	data []byte
}

func readCorpus(b *testing.B) ([]source, int64) {
	b.Helper()
	files, err := filepath.Glob(filepath.Join(corpusDir, "*", "*", "*.md"))
	require.NoError(b, err)
	if len(files) == 0 {
		b.Skipf("no corpus at %s", corpusDir)
	}
	var sources []source
	var size int64
	for _, file := range files {
		data, err := os.ReadFile(file)
		require.NoError(b, err)
		sources = append(sources, source{file, data})
		size += int64(len(data))
	}
	return sources, size
}

// eachParallel runs work on every source, GOMAXPROCS at a time, as Check does.
func eachParallel(sources []source, work func(source)) {
	var group errgroup.Group
	group.SetLimit(runtime.GOMAXPROCS(0))
	for _, s := range sources {
		group.Go(func() error {
			work(s)
			return nil
		})
	}
	_ = group.Wait()
}

// BenchmarkCorpusGoldmark is the floor: goldmark's parse alone of the same
// bytes, with the same extension, on the same number of goroutines.
func BenchmarkCorpusGoldmark(b *testing.B) {
	sources, size := readCorpus(b)
	markdown := goldmark.New(goldmark.WithExtensions(extension.Table))
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		eachParallel(sources, func(s source) {
			markdown.Parser().Parse(text.NewReader(s.data))
		})
	}
}

func BenchmarkCorpusExtract(b *testing.B) {
	sources, size := readCorpus(b)
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		eachParallel(sources, func(s source) {
			extract.File(s.path, s.data)
		})
	}
}

// BenchmarkCorpusCheck extracts and validates every page against the
// bundled schemas, as graphdoc check does once the files are read.
func BenchmarkCorpusCheck(b *testing.B) {
	sources, size := readCorpus(b)
	models, err := BundledModels()
	require.NoError(b, err)
	cfg := validation.Config{Models: models}
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		eachParallel(sources, func(s source) {
			page := extract.File(s.path, s.data)
			validation.Page(page, cfg)
		})
	}
}
