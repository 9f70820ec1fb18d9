package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/graphdoc/graphdoc/harness/finding"
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

// outputFlags are the report flags that check and replay share. Each
// --output belongs to the --format given before it.
type outputFlags struct {
	reports []target
	err     error
	failOn  string
}

// target is one report to write: a format and a file, or standard output.
type target struct {
	format string
	path   string
}

// formatFlag and outputFlag add to the report list in command-line order.
type formatFlag struct{ o *outputFlags }
type outputFlag struct{ o *outputFlags }

func (f formatFlag) String() string { return "" }
func (f outputFlag) String() string { return "" }

func (f formatFlag) Set(value string) error {
	if !slices.Contains(report.Formats(), value) {
		return fmt.Errorf("use one of %s", strings.Join(report.Formats(), ", "))
	}
	f.o.reports = append(f.o.reports, target{format: value})
	return nil
}

func (f outputFlag) Set(value string) error {
	if len(f.o.reports) == 0 {
		f.o.reports = append(f.o.reports, target{format: "text"})
	}
	last := &f.o.reports[len(f.o.reports)-1]
	if last.path != "" {
		return fmt.Errorf("the --format %s before it already writes to %s: give a --format before each --output", last.format, last.path)
	}
	last.path = value
	return nil
}

func (o *outputFlags) register(fs *flag.FlagSet) {
	fs.Var(formatFlag{o}, "format", "report format: "+strings.Join(report.Formats(), ", ")+" (repeatable; default text)")
	fs.Var(outputFlag{o}, "output", "write the report of the --format before it to this file instead of standard output")
	fs.StringVar(&o.failOn, "fail-on", "error", "lowest severity that makes the exit status 1: error, warning, info or never")
}

// targets returns the reports to write, text on standard output when no
// --format was given.
func (o *outputFlags) targets() ([]target, error) {
	reports := slices.Clone(o.reports)
	if len(reports) == 0 {
		reports = []target{{format: "text"}}
	}

	toStdout := 0
	paths := map[string]bool{}
	for _, t := range reports {
		if t.path == "" {
			toStdout++
			continue
		}
		clean := filepath.Clean(t.path)
		if paths[clean] {
			return nil, usageError{fmt.Sprintf("two --output flags name %s: give each report its own file", t.path)}
		}
		paths[clean] = true
		if err := checkOutputPath("--output", t.path); err != nil {
			return nil, err
		}
	}
	if toStdout > 1 {
		return nil, usageError{"more than one --format would write to standard output: give an --output file after all but one"}
	}
	return reports, nil
}

// checkOutputPath reports a file path that cannot be written: a folder,
// or a file in a folder that does not exist. Checking before the run
// keeps a long replay from ending without its report.
func checkOutputPath(flagName, path string) error {
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return usageError{fmt.Sprintf("%s %s is a folder: name a file", flagName, path)}
	}
	dir := filepath.Dir(path)
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return usageError{fmt.Sprintf("%s %s: folder %s does not exist", flagName, path, dir)}
	}
	return nil
}

// parseRunFlags parses the flags of check or replay and returns the
// reports to write and the --fail-on threshold. command names the command
// in the message for a missing PATH.
func parseRunFlags(fs *flag.FlagSet, args []string, stderr io.Writer, out *outputFlags, command string) ([]target, finding.Severity, error) {
	if err := parseFlags(fs, args, stderr); err != nil {
		return nil, 0, err
	}
	targets, err := out.targets()
	if err != nil {
		return nil, 0, err
	}
	failOn, err := report.ParseFailOn(out.failOn)
	if err != nil {
		return nil, 0, usageError{err.Error()}
	}
	if fs.NArg() == 0 {
		return nil, 0, usageError{fmt.Sprintf("no PATH given: name the pages or folders to %s, for example: graphdoc %s docs", command, command)}
	}
	return targets, failOn, nil
}

// parseFlags parses args. A flag error becomes a one-line usage error;
// -h prints the full usage to stderr.
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) error {
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	fs.SetOutput(stderr)
	if errors.Is(err, flag.ErrHelp) {
		fs.Usage()
		return errHelp
	}
	if err != nil {
		return usageError{fmt.Sprintf("%v; run 'graphdoc %s -h' for the flags", err, fs.Name())}
	}
	for _, arg := range fs.Args() {
		if strings.HasPrefix(arg, "-") && len(arg) > 1 {
			return usageError{fmt.Sprintf("flag %s comes after a PATH: put flags before the paths", arg)}
		}
	}
	return nil
}

// isTerminal reports whether f is a character device, such as a terminal.
func isTerminal(f *os.File) bool {
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// progressBar returns a callback that draws a progress bar on stderr, or
// nil when stderr is not a terminal.
func progressBar(stderr io.Writer) func(done, total int) {
	file, ok := stderr.(*os.File)
	if !ok || !isTerminal(file) {
		return nil
	}
	var mu sync.Mutex
	return func(done, total int) {
		if total < 200 {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		const width = 30
		filled := width * done / total
		fmt.Fprintf(file, "\r[%s%s] %d/%d pages", strings.Repeat("#", filled), strings.Repeat(" ", width-filled), done, total)
		if done == total {
			fmt.Fprint(file, "\r\033[K")
		}
	}
}
