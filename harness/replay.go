package harness

import (
	"context"
	"fmt"
	"maps"
	"regexp"

	"github.com/graphdoc/graphdoc/harness/extract"
	"github.com/graphdoc/graphdoc/harness/finding"
	"github.com/graphdoc/graphdoc/harness/mock"
	"github.com/graphdoc/graphdoc/harness/replay"
	"github.com/graphdoc/graphdoc/harness/report"
	"github.com/graphdoc/graphdoc/harness/validation"
)

// ReplayConfig sets what a replay run checks, where it sends the
// examples and how.
type ReplayConfig struct {
	Config
	// Replay configures the sending. An empty Target starts the built-in
	// mock on 127.0.0.1, serving the same pages, for the run.
	Replay replay.Config
	// Mock configures the built-in mock when Replay.Target is empty.
	Mock mock.Options
	// DryRun plans the requests and sends nothing: every example is
	// skipped, and the plans hold the curl command of each request.
	DryRun bool
}

// Replay checks the pages under cfg.Paths, then replays their examples,
// or with cfg.DryRun plans them. It returns the outcomes of what ran even
// when ctx is cancelled midway; the error then wraps the context's error.
func Replay(ctx context.Context, cfg ReplayConfig) (report.Result, []replay.Planned, error) {
	result, pages, err := Check(ctx, cfg.Config)
	if err != nil {
		return result, nil, err
	}
	result.Replay = true

	run := cfg.Replay
	if cfg.DryRun {
		if run.Target == "" {
			// Nothing is sent, so the plan names the mock's address
			// without starting it.
			run.Target = "http://127.0.0.1:8080"
			run.Mock = true
			run.Values = sampleValues(pages, run.Values)
		}
		plans, err := replay.Plan(run, pages)
		for _, plan := range plans {
			result.Examples = append(result.Examples, plan.Outcome)
		}
		return result, plans, err
	}
	if run.Target == "" {
		opts := cfg.Mock
		opts.Validate = requestValidator(pages, cfg.Models)
		server, err := mock.Start(pages, opts)
		if err != nil {
			return result, nil, fmt.Errorf("start the built-in mock: %w", err)
		}
		defer server.Close()
		run.Target = server.URL
		run.Mock = true
		run.Values = sampleValues(pages, run.Values)
	}
	run.ValidateActual = actualValidator(pages, cfg.Models)

	outcomes, err := replay.Run(ctx, run, pages)
	result.Examples = outcomes
	return result, nil, err
}

// sampleValues returns values completed with a sample value for every
// placeholder of the pages' example URLs that values lacks. The built-in
// mock routes a placeholder segment whatever it holds, so its examples
// can run without real ids while nothing is sent with braces.
func sampleValues(pages []*extract.Page, values map[string]string) map[string]string {
	filled := maps.Clone(values)
	if filled == nil {
		filled = map[string]string{}
	}
	for _, page := range pages {
		for _, example := range page.Examples {
			if example.Request.Request == nil {
				continue
			}
			for _, name := range replay.PlaceholderNames(example.Request.Request.Target) {
				if _, ok := filled[name]; !ok {
					filled[name] = "sample-" + sampleName.ReplaceAllString(name, "-")
				}
			}
		}
	}
	return filled
}

var sampleName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// pageIndex finds the page and model of an example.
func pageIndex(pages []*extract.Page, models Models) map[*extract.Example]pageModel {
	index := map[*extract.Example]pageModel{}
	for _, page := range pages {
		model := models[validation.Version(page)]
		for _, example := range page.Examples {
			index[example] = pageModel{page: page, model: model}
		}
	}
	return index
}

type pageModel struct {
	page  *extract.Page
	model validation.Model
}

func actualValidator(pages []*extract.Page, models Models) func(*extract.Example, []byte) []finding.Finding {
	index := pageIndex(pages, models)
	return func(example *extract.Example, body []byte) []finding.Finding {
		found, ok := index[example]
		if !ok {
			return nil
		}
		return validation.ActualBody(found.model, found.page, example, body)
	}
}

func requestValidator(pages []*extract.Page, models Models) func(*extract.Example, []byte) []finding.Finding {
	index := pageIndex(pages, models)
	return func(example *extract.Example, body []byte) []finding.Finding {
		found, ok := index[example]
		if !ok {
			return nil
		}
		return validation.RequestBody(found.model, found.page, example, body)
	}
}
