package harness

import (
	"context"
	"fmt"
	"runtime"

	"golang.org/x/sync/errgroup"

	"github.com/graphdoc/graphdoc/harness/extract"
	"github.com/graphdoc/graphdoc/harness/finding"
	"github.com/graphdoc/graphdoc/harness/report"
	"github.com/graphdoc/graphdoc/harness/validation"
)

// Config sets what a run checks and against which models.
type Config struct {
	// Paths are the files and folders to check.
	Paths []string
	// Models maps an API version ("beta", "v1.0") to its model.
	Models map[string]validation.Model
	// ResourcesAgainstModel compares resource pages with the model; see
	// validation.Config.
	ResourcesAgainstModel bool
	// Select, when set, narrows the files found under Paths before any is
	// read, such as to the pages changed in git or to one shard.
	Select func(ctx context.Context, files []string) ([]string, error)
	// Filter, when set, rewrites the findings of one page, such as to
	// apply suppressions and configured severities.
	Filter func(page *extract.Page, findings []finding.Finding) []finding.Finding
	// Progress, when set, is called after each page is read and extracted,
	// from several goroutines at once.
	Progress func(done, total int)
}

// Check extracts and validates the pages under cfg.Paths. Every defect of
// a page is a finding. It returns an error only when the run itself cannot
// go on, such as for a path that does not exist.
func Check(ctx context.Context, cfg Config) (report.Result, []*extract.Page, error) {
	files, err := FindPages(cfg.Paths)
	if err != nil {
		return report.Result{}, nil, err
	}
	if cfg.Select != nil {
		if files, err = cfg.Select(ctx, files); err != nil {
			return report.Result{}, nil, err
		}
	}
	pages, err := extractPages(ctx, files, cfg.Progress)
	if err != nil {
		return report.Result{}, nil, fmt.Errorf("extract pages: %w", err)
	}

	findings := ValidatePages(pages, validation.Config{Models: cfg.Models, ResourcesAgainstModel: cfg.ResourcesAgainstModel}, cfg.Filter)
	return report.Result{Files: len(pages), Pages: files, Findings: findings}, pages, nil
}

// ValidatePages returns the extraction and validation findings of pages,
// passed through filter when it is set, and sorted.
func ValidatePages(pages []*extract.Page, cfg validation.Config, filter func(*extract.Page, []finding.Finding) []finding.Finding) []finding.Finding {
	results := make([][]finding.Finding, len(pages))
	var group errgroup.Group
	group.SetLimit(runtime.GOMAXPROCS(0))
	for i, page := range pages {
		group.Go(func() error {
			found := append([]finding.Finding(nil), page.Findings...)
			found = append(found, validation.Page(page, cfg)...)
			if filter != nil {
				found = filter(page, found)
			}
			results[i] = found
			return nil
		})
	}
	_ = group.Wait()

	var all []finding.Finding
	for _, found := range results {
		all = append(all, found...)
	}
	return finding.Sort(all)
}
