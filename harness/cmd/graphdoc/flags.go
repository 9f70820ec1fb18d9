package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/graphdoc/graphdoc/harness/report"
)

var errHelp = flag.ErrHelp

// listFlag collects the values of a flag given more than once.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(value string) error {
	*l = append(*l, value)
	return nil
}

// outputFlags are the report flags that check and replay share.
type outputFlags struct {
	formats listFlag
	outputs listFlag
	failOn  string
}

func (o *outputFlags) register(fs *flag.FlagSet) {
	fs.Var(&o.formats, "format", "report format: "+strings.Join(report.Formats(), ", ")+" (repeatable, paired in order with --output; default text)")
	fs.Var(&o.outputs, "output", "write the report of the matching --format to this file instead of standard output (repeatable)")
	fs.StringVar(&o.failOn, "fail-on", "error", "lowest severity that makes the exit status 1: error, warning, info or never")
}

// target is one report to write: a format and a file, or standard output.
type target struct {
	format string
	path   string
}

// targets pairs formats with outputs and checks both.
func (o *outputFlags) targets() ([]target, error) {
	formats := slices.Clone([]string(o.formats))
	if len(formats) == 0 {
		formats = []string{"text"}
	}
	if len(o.outputs) > len(formats) {
		return nil, usageError{fmt.Sprintf("%d --output values but only %d --format values: give a --format for each --output", len(o.outputs), len(formats))}
	}

	var targets []target
	toStdout := 0
	for i, format := range formats {
		if !slices.Contains(report.Formats(), format) {
			return nil, usageError{fmt.Sprintf("invalid --format %q: use one of %s", format, strings.Join(report.Formats(), ", "))}
		}
		t := target{format: format}
		if i < len(o.outputs) {
			t.path = o.outputs[i]
		} else {
			toStdout++
		}
		targets = append(targets, t)
	}
	if toStdout > 1 {
		return nil, usageError{"more than one --format would write to standard output: give an --output file for all but one"}
	}
	return targets, nil
}

// parseFlags parses args and turns flag errors into usage errors.
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) error {
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return usageError{err.Error()}
	}
	return nil
}

// isTerminal reports whether f is a character device, such as a terminal.
func isTerminal(f *os.File) bool {
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
