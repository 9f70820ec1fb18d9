package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/graphdoc/graphdoc/harness/finding"
	"github.com/graphdoc/graphdoc/harness/replay"
)

// ANSI SGR sequences for the severity words.
const (
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
	ansiReset  = "\x1b[0m"
)

func writeText(w io.Writer, r Result, opts Options) error {
	out := &errWriter{w: w}

	for _, f := range sortedFindings(r.Findings) {
		out.printf("%s\n", findingLine(f, opts.Color))
	}

	// An example gets a line when it failed or was skipped, and also when
	// it passed with differences, so that every counted finding is shown.
	for _, example := range sortedExamples(r.Examples) {
		if example.Outcome == replay.Passed && len(example.Differences) == 0 {
			continue
		}
		out.printf("%s:%d: %s %s", oneLine(example.File), example.Line, example.Outcome, oneLine(example.Name))
		if example.Reason != "" {
			out.printf(": %s", oneLine(example.Reason))
		}
		out.printf("\n")
		for _, f := range example.Differences {
			out.printf("    %s\n", findingLine(f, opts.Color))
		}
	}

	s := summarize(r)
	out.printf("%s, %s, %d info in %s",
		plural(s.Errors, "error"), plural(s.Warnings, "warning"), s.Info, plural(s.Files, "file"))
	if r.Replay {
		out.printf("; examples: %d passed, %d failed, %d skipped", s.Passed, s.Failed, s.Skipped)
	}
	out.printf("\n")
	return out.err
}

// findingLine formats f as file:line:col: severity rule: message, followed
// by the pointer and the example where there are any.
func findingLine(f finding.Finding, color bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d:%d: %s %s: %s", oneLine(f.File), f.Line, f.Column, severityWord(f.Severity, color), f.Rule, oneLine(f.Message))
	if f.Pointer != "" {
		b.WriteString(" (pointer " + oneLine(f.Pointer) + ")")
	}
	if f.Example != "" {
		b.WriteString(" [" + oneLine(f.Example) + "]")
	}
	return b.String()
}

// oneLine escapes line breaks and other control characters except tab, so
// that a finding stays on one line and cannot send terminal escapes.
func oneLine(text string) string {
	if !strings.ContainsFunc(text, isControl) {
		return text
	}

	var b strings.Builder
	for _, r := range text {
		switch {
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case isControl(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isControl(r rune) bool {
	return r != '\t' && (r < 0x20 || r == 0x7f)
}

func severityWord(severity finding.Severity, color bool) string {
	word := severity.String()
	if !color {
		return word
	}
	switch severity {
	case finding.Error:
		return ansiRed + word + ansiReset
	case finding.Warning:
		return ansiYellow + word + ansiReset
	default:
		return ansiCyan + word + ansiReset
	}
}

func plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
