package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/graphdoc/graphdoc/harness"
	"github.com/graphdoc/graphdoc/harness/extract"
	"github.com/graphdoc/graphdoc/harness/finding"
	"github.com/graphdoc/graphdoc/harness/gate"
	"github.com/graphdoc/graphdoc/harness/report"
)

// gateFlags are the flags that decide which pages and findings gate a
// pull request; check and replay share them.
type gateFlags struct {
	changedSince  string
	baseline      string
	writeBaseline string
	config        string
	shard         string

	settings *gate.Config
	// changed is set when --changed-since selected the pages.
	changed *int
}

func (g *gateFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&g.changedSince, "changed-since", "", "check only the pages that differ from this git ref (added, modified, renamed), and the API pages using a changed resource page")
	fs.StringVar(&g.baseline, "baseline", "", "JSON file of known findings to leave out of the report (see --write-baseline)")
	fs.StringVar(&g.writeBaseline, "write-baseline", "", "record the findings of this run in a baseline file")
	fs.StringVar(&g.config, "config", "", "config file (default: .graphdoc.yaml in the working directory or a parent)")
	fs.StringVar(&g.shard, "shard", "", "check only the K-th of N equal slices of the pages, as K/N, to spread a run over N machines")
}

// load reads the config file, given or found, and applies what it sets
// unless a flag already did.
func (g *gateFlags) load(models *modelFlags) error {
	path := g.config
	if path == "" {
		wd, err := os.Getwd()
		if err != nil {
			return fmt.Errorf("find config: %w", err)
		}
		if path, err = gate.FindConfig(wd); err != nil {
			return err
		}
	}
	if path == "" {
		return nil
	}

	settings, err := gate.LoadConfig(path)
	if err != nil {
		return err
	}
	g.settings = settings
	if len(models.csdl) == 0 {
		for _, version := range harness.Versions {
			if file, ok := settings.CSDL[version]; ok {
				models.csdl = append(models.csdl, version+"="+file)
			}
		}
	}
	return nil
}

// apply sets the page selection and the finding filter of cfg.
func (g *gateFlags) apply(cfg *harness.Config) error {
	if g.writeBaseline != "" {
		if err := checkOutputPath("--write-baseline", g.writeBaseline); err != nil {
			return err
		}
	}
	var k, n int
	if g.shard != "" {
		var err error
		if k, n, err = gate.ParseShard(g.shard); err != nil {
			return usageError{fmt.Sprintf("invalid --shard: %v", err)}
		}
	}

	cfg.Select = func(ctx context.Context, files []string) ([]string, error) {
		if g.settings != nil {
			kept := files[:0:0]
			for _, file := range files {
				if !g.settings.Skip(file) {
					kept = append(kept, file)
				}
			}
			files = kept
		}
		if n > 0 {
			files = gate.Shard(files, k, n)
		}
		if g.changedSince != "" {
			changed, err := gate.Changed(ctx, repoDir(cfg.Paths), g.changedSince, files)
			if err != nil {
				return nil, err
			}
			count := len(changed)
			g.changed = &count
			files = changed
		}
		return files, nil
	}
	cfg.Filter = func(page *extract.Page, findings []finding.Finding) []finding.Finding {
		findings = gate.Suppress(page, findings)
		if g.settings != nil {
			findings = g.settings.Apply(findings)
		}
		return findings
	}
	return nil
}

// repoDir returns the folder whose git repository holds the pages: the
// first PATH, or its folder when it is a file.
func repoDir(paths []string) string {
	if len(paths) == 0 {
		return ""
	}
	if info, err := os.Stat(paths[0]); err == nil && !info.IsDir() {
		return filepath.Dir(paths[0])
	}
	return paths[0]
}

// finish writes and applies baselines and reports on stderr what was left
// out.
func (g *gateFlags) finish(result *report.Result, stderr io.Writer) error {
	if g.changed != nil && *g.changed == 0 {
		fmt.Fprintf(stderr, "graphdoc: no page changed since %s; nothing to check\n", g.changedSince)
	}
	if g.writeBaseline != "" {
		if err := gate.WriteBaseline(g.writeBaseline, result.Findings); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "graphdoc: recorded %s in %s\n", plural(len(result.Findings), "finding"), g.writeBaseline)
	}
	if g.baseline == "" {
		return nil
	}

	baseline, err := gate.LoadBaseline(g.baseline)
	if err != nil {
		return err
	}
	kept, suppressed, stale := baseline.Filter(result.Findings)
	result.Findings = kept
	if suppressed > 0 {
		fmt.Fprintf(stderr, "graphdoc: %s left out because %s records them\n", plural(suppressed, "finding"), g.baseline)
	}
	if len(stale) > 0 && g.changedSince == "" && g.shard == "" {
		fmt.Fprintf(stderr, "graphdoc: %s of %s match no finding any more; rewrite it with --write-baseline to shrink it:\n", plural(len(stale), "entry"), g.baseline)
		for _, entry := range stale {
			fmt.Fprintf(stderr, "  %s %s [%s] %s\n", filepath.FromSlash(entry.File), entry.Rule, entry.Example, entry.Message)
		}
	}
	return nil
}

// plural writes a count with its noun, such as "1 finding" or "2 entries".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "y") {
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(noun, "y"))
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
