package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/graphdoc/graphdoc/harness/finding"
)

func runRules(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("rules", flag.ContinueOnError)
	format := fs.String("format", "text", "output format: text or json (json includes how to fix each rule)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: graphdoc rules [flags]\n\nPrint the catalogue of rule ids with their default severity and meaning.\n\nflags:")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q: graphdoc rules takes no PATH", fs.Arg(0))}
	}

	rules := finding.Rules()
	switch *format {
	case "json":
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]any{"rules": rules})
	case "text":
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "RULE\tSEVERITY\tSTAGE\tMEANING")
		for _, r := range rules {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Severity, r.Stage, r.Summary)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		fmt.Fprintln(stdout, "\nRun 'graphdoc rules --format json' for how to fix each one.")
		return nil
	}
	return usageError{fmt.Sprintf("invalid --format %q: use text or json", *format)}
}
