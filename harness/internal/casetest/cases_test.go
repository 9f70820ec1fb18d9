package casetest

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphdoc/graphdoc/harness"
	"github.com/graphdoc/graphdoc/harness/finding"
)

var update = flag.Bool("update", false, "rewrite the want section of each case from what graphdoc reports")

// casesDir is the repository's cases folder, relative to this package.
const casesDir = "../../../cases"

func TestCases(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(casesDir, "*.txtar"))
	require.NoError(t, err)
	require.NotEmpty(t, paths, "no cases found in %s", casesDir)

	models, err := harness.BundledModels()
	require.NoError(t, err)

	for _, path := range paths {
		name := filepath.Base(path)
		t.Run(name[:len(name)-len(".txtar")], func(t *testing.T) {
			if !*update {
				t.Parallel()
			}
			c, err := Load(path)
			require.NoError(t, err)
			if c.Pending != "" && !*update {
				t.Skip("pending: " + c.Pending)
			}

			got, blocks := run(t, c, models)
			if *update {
				require.NoError(t, c.Update(got, blocks))
				return
			}
			assert.Equal(t, FormatWant(c.Want), FormatWant(sorted(got)), "findings differ from the want section (run with -update to accept)")
			if c.Blocks != nil {
				assert.Equal(t, *c.Blocks, blocks, "extracted blocks differ from the blocks section (run with -update to accept)")
			}
		})
	}
}

// run checks the case's pages and returns what was observed.
func run(t *testing.T, c *Case, models harness.Models) ([]Expectation, string) {
	dir := t.TempDir()
	for name, data := range c.Pages {
		path := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, data, 0o644))
	}

	result, pages, err := harness.Check(context.Background(), harness.Config{Paths: []string{dir}, Models: models})
	require.NoError(t, err)

	var observed []Expectation
	var blocks string
	for _, page := range pages {
		blocks += FormatBlocks(page)
		var own []finding.Finding
		for _, f := range result.Findings {
			if f.File == page.Path {
				own = append(own, f)
			}
		}
		observed = append(observed, Observe(page, own, Static)...)
	}
	return observed, blocks
}

func sorted(list []Expectation) []Expectation {
	sortExpectations(list)
	return list
}
