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
	"github.com/graphdoc/graphdoc/harness/extract"
	"github.com/graphdoc/graphdoc/harness/finding"
	"github.com/graphdoc/graphdoc/harness/mock"
	"github.com/graphdoc/graphdoc/harness/replay"
	"github.com/graphdoc/graphdoc/harness/validation"
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
			assert.Equal(t, FormatWant(sorted(c.Want)), FormatWant(sorted(got)), "findings differ from the want section (run with -update to accept)")
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

	cfg := harness.Config{Paths: []string{dir}, Models: models}
	if c.Model != nil {
		path := filepath.Join(t.TempDir(), "model.xml")
		require.NoError(t, os.WriteFile(path, c.Model, 0o644))
		model, err := harness.LoadCSDL(path)
		require.NoError(t, err)
		cfg.Models = harness.Models{"beta": model, "v1.0": model}
		cfg.ResourcesAgainstModel = true
	}
	result, pages, err := harness.Check(context.Background(), cfg)
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
		observed = append(observed, replayPage(t, page, cfg.Models)...)
	}
	return observed, blocks
}

// replayPage replays a page that has a replay-mock comment against a
// loopback server that serves those responses, and returns what was
// observed; a page without one is not replayed.
func replayPage(t *testing.T, page *extract.Page, models harness.Models) []Expectation {
	responses, err := mock.ParseReplayMock(page.Source)
	require.NoError(t, err)
	if len(responses) == 0 {
		return nil
	}

	pages := []*extract.Page{page}
	server, err := mock.Start(pages, mock.Options{Responses: responses})
	require.NoError(t, err)
	defer server.Close()

	model := models[validation.Version(page)]
	validate := func(example *extract.Example, body []byte) []finding.Finding {
		return validation.ActualBody(model, page, example, body)
	}
	outcomes, err := replay.Run(context.Background(), replay.Config{Target: server.URL, Mock: true, Retries: -1, ValidateActual: validate}, pages)
	require.NoError(t, err)

	var differences []finding.Finding
	for _, outcome := range outcomes {
		differences = append(differences, outcome.Differences...)
	}
	return Observe(page, differences, Replay)
}

func sorted(list []Expectation) []Expectation {
	sortExpectations(list)
	return list
}
