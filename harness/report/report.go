package report

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/graphdoc/graphdoc/harness/finding"
	"github.com/graphdoc/graphdoc/harness/replay"
)

// Result is everything one run of check or replay produced.
type Result struct {
	// Files is the number of pages checked.
	Files int
	// Pages names the pages checked, when the caller knows them; the junit
	// format gives each a testsuite, so a clean page shows as passed.
	Pages []string
	// Findings are the static findings. Replay differences belong in
	// Examples, and one repeated here is still counted once.
	Findings []finding.Finding
	// Examples are the replay outcomes, nil for check.
	Examples []replay.Outcome
	// Replay is true when the run replayed examples, even if none ran.
	Replay bool
}

// Options tunes how a report is written. The zero value is valid.
type Options struct {
	// Color makes the text format color severity words with ANSI escapes.
	// The caller decides from the terminal and NO_COLOR.
	Color bool
	// Root is the repository root that the sarif and github formats make
	// file paths relative to. Empty keeps the paths the findings give,
	// cleaned and with forward slashes.
	Root string
	// ToolVersion is the graphdoc version written into SARIF, if set.
	ToolVersion string
}

// Never is the ExitCode threshold that no finding reaches, so the run
// reports without failing. finding.Severity.String prints it as "info",
// so read and print thresholds with ParseFailOn and FailOnName.
const Never = finding.Severity(math.MaxInt)

// ParseFailOn parses a --fail-on value: "error", "warning", "info" or
// "never".
func ParseFailOn(name string) (finding.Severity, error) {
	if name == "never" {
		return Never, nil
	}
	severity, err := finding.ParseSeverity(name)
	if err != nil {
		return 0, fmt.Errorf("invalid fail-on threshold %q: use error, warning, info or never", name)
	}
	return severity, nil
}

// FailOnName returns the name ParseFailOn reads back as failOn.
func FailOnName(failOn finding.Severity) string {
	if failOn == Never {
		return "never"
	}
	return failOn.String()
}

// ExitCode returns 1 when a finding or replay difference has a severity
// of at least failOn or an example failed, and 0 otherwise. With Never it
// always returns 0.
func ExitCode(r Result, failOn finding.Severity) int {
	if failOn == Never {
		return 0
	}

	for _, f := range allFindings(r) {
		if f.Severity >= failOn {
			return 1
		}
	}

	// NOTE: a failed example fails the run whatever failOn is, because
	// replay alone decides what makes an example fail.
	for _, example := range r.Examples {
		if example.Outcome == replay.Failed {
			return 1
		}
	}
	return 0
}

// writer renders one format. It may leave part of its output on w when
// it returns an error.
type writer func(w io.Writer, r Result, opts Options) error

type format struct {
	name  string
	write writer
}

// formats lists the formats in the order Formats returns them. Tests
// append to it to inject a failing format.
var formats = []format{
	{"text", writeText},
	{"json", writeJSON},
	{"junit", writeJUnit},
	{"sarif", writeSARIF},
	{"github", writeGitHub},
}

// Formats returns the names Write accepts, the default "text" first.
func Formats() []string {
	names := make([]string, 0, len(formats))
	for _, f := range formats {
		names = append(names, f.name)
	}
	return names
}

func lookupFormat(name string) (writer, error) {
	for _, f := range formats {
		if f.name == name {
			return f.write, nil
		}
	}
	return nil, fmt.Errorf("unknown report format %q: use one of %s", name, strings.Join(Formats(), ", "))
}

// Write writes r to w in the named format. It does not modify r. When it
// returns an error, w may have received part of the report, which
// WriteFile never leaves behind.
func Write(w io.Writer, name string, r Result, opts Options) error {
	write, err := lookupFormat(name)
	if err != nil {
		return err
	}

	buffered := bufio.NewWriter(w)
	if err := write(buffered, r, opts); err != nil {
		return fmt.Errorf("write %s report: %w", name, err)
	}
	if err := buffered.Flush(); err != nil {
		return fmt.Errorf("write %s report: %w", name, err)
	}
	return nil
}

// WriteFile writes r to path in the named format. It writes a temporary
// file in path's directory and renames it over path, so path holds either
// its old content or the whole new report. A new file gets mode 0644 and a
// replaced file keeps its mode. A symbolic link at path is replaced by the
// report, and its target is left as it was.
func WriteFile(path, name string, r Result, opts Options) (err error) {
	if _, err := lookupFormat(name); err != nil {
		return err
	}

	mode := fs.FileMode(0o644)
	if info, statErr := os.Stat(path); statErr == nil {
		mode = info.Mode().Perm()
	}

	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	temp, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return fmt.Errorf("write report %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			temp.Close()
			os.Remove(temp.Name())
		}
	}()

	if err := Write(temp, name, r, opts); err != nil {
		return fmt.Errorf("write report %s: %w", path, err)
	}
	if err := temp.Chmod(mode); err != nil {
		return fmt.Errorf("write report %s: %w", path, err)
	}
	// Sync before rename so a crash cannot leave the new name pointing at
	// an empty file on file systems that reorder metadata and data.
	if err := temp.Sync(); err != nil {
		return fmt.Errorf("write report %s: %w", path, err)
	}
	if err := temp.Close(); err != nil {
		return fmt.Errorf("write report %s: %w", path, err)
	}
	if err := os.Rename(temp.Name(), path); err != nil {
		return fmt.Errorf("write report %s: %w", path, err)
	}
	return nil
}

// summary holds the counts every format reports.
type summary struct {
	Files    int `json:"files"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Info     int `json:"info"`
	Passed   int `json:"passed"`
	Failed   int `json:"failed"`
	Skipped  int `json:"skipped"`
}

func summarize(r Result) summary {
	counts := finding.Count(allFindings(r))
	s := summary{
		Files:    r.Files,
		Errors:   counts[finding.Error],
		Warnings: counts[finding.Warning],
		Info:     counts[finding.Info],
	}
	for _, example := range r.Examples {
		switch example.Outcome {
		case replay.Passed:
			s.Passed++
		case replay.Failed:
			s.Failed++
		case replay.Skipped:
			s.Skipped++
		}
	}
	return s
}

// sortedFindings returns a sorted, deduplicated copy of findings.
func sortedFindings(findings []finding.Finding) []finding.Finding {
	return finding.Sort(slices.Clone(findings))
}

// allFindings returns the static findings and every example's differences,
// sorted and without exact duplicates.
func allFindings(r Result) []finding.Finding {
	all := slices.Clone(r.Findings)
	for _, example := range r.Examples {
		all = append(all, example.Differences...)
	}
	return finding.Sort(all)
}

// sortedExamples returns a copy of examples ordered by file, line and
// name, each with its differences sorted.
func sortedExamples(examples []replay.Outcome) []replay.Outcome {
	sorted := slices.Clone(examples)
	for i := range sorted {
		sorted[i].Differences = sortedFindings(sorted[i].Differences)
	}
	slices.SortStableFunc(sorted, func(a, b replay.Outcome) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Name, b.Name),
		)
	})
	return sorted
}

// relativePath returns file relative to root, with forward slashes. With
// an empty root a relative file is taken as relative to the root already.
// inside is false when file is absolute or lies outside root, and path is
// then the absolute file, again with forward slashes.
func relativePath(root, file string) (path string, inside bool) {
	if root == "" {
		clean := filepath.Clean(file)
		if filepath.IsAbs(clean) || escapes(clean) {
			return filepath.ToSlash(clean), false
		}
		return filepath.ToSlash(clean), true
	}

	absRoot, err := filepath.Abs(root)
	if err != nil {
		return filepath.ToSlash(file), false
	}
	absFile, err := filepath.Abs(file)
	if err != nil {
		return filepath.ToSlash(file), false
	}
	rel, err := filepath.Rel(absRoot, absFile)
	if err != nil || escapes(rel) {
		return filepath.ToSlash(absFile), false
	}
	return filepath.ToSlash(rel), true
}

// escapes reports whether the clean relative path rel leaves its base.
func escapes(rel string) bool {
	return rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// errWriter wraps an io.Writer and keeps the first write error, so a
// printer can write line by line and check once at the end.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err != nil {
		return
	}
	_, e.err = fmt.Fprintf(e.w, format, args...)
}
