package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/graphdoc/graphdoc/harness"
	"github.com/graphdoc/graphdoc/harness/finding"
	"github.com/graphdoc/graphdoc/harness/report"
)

// modelFlags are the flags that choose the model pages are validated against.
type modelFlags struct {
	csdl    listFlag
	schemas string
}

func (m *modelFlags) register(fs *flag.FlagSet) {
	fs.Var(&m.csdl, "csdl", "CSDL metadata file to validate against, as FILE or VERSION=FILE with VERSION beta or v1.0 (repeatable); default: the bundled schemas")
	fs.StringVar(&m.schemas, "schemas", "", "folder of generated JSON Schemas with beta/ and v1.0/ inside; default: the schemas built into graphdoc")
}

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	var out outputFlags
	var models modelFlags
	var gating gateFlags
	out.register(fs)
	models.register(fs)
	gating.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: graphdoc check [flags] PATH...\n\nValidate the Markdown pages in each PATH (a file, or a folder searched for *.md).\n\nflags:")
		fs.PrintDefaults()
	}
	targets, failOn, err := parseRunFlags(fs, args, stderr, &out, "check")
	if err != nil {
		return err
	}
	if err := gating.load(&models); err != nil {
		return err
	}
	loaded, err := models.load()
	if err != nil {
		return err
	}

	cfg := harness.Config{Paths: fs.Args(), Models: loaded, ResourcesAgainstModel: len(models.csdl) > 0, Progress: progressBar(stderr)}
	if err := gating.apply(&cfg); err != nil {
		return err
	}
	result, _, err := harness.Check(ctx, cfg)
	if err != nil {
		return err
	}
	if err := gating.finish(&result, stderr); err != nil {
		return err
	}
	if err := writeReports(result, targets, stdout); err != nil {
		return err
	}
	if gating.writeBaseline != "" {
		// Recording a baseline accepts the findings it records.
		return nil
	}
	return exitFor(result, failOn)
}

// writeReports writes result to every target.
func writeReports(result report.Result, targets []target, stdout io.Writer) error {
	root, _ := os.Getwd()
	for _, t := range targets {
		opts := report.Options{Root: root, ToolVersion: version}
		if t.path == "" {
			opts.Color = t.format == "text" && os.Getenv("NO_COLOR") == "" && stdout == io.Writer(os.Stdout) && isTerminal(os.Stdout)
			if err := report.Write(stdout, t.format, result, opts); err != nil {
				return err
			}
			continue
		}
		if err := report.WriteFile(t.path, t.format, result, opts); err != nil {
			return err
		}
	}
	return nil
}

func exitFor(result report.Result, failOn finding.Severity) error {
	if code := report.ExitCode(result, failOn); code != 0 {
		return exitCodeError{code}
	}
	return nil
}
