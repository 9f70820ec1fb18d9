package report

import (
	"io"
	"strconv"
	"strings"

	"github.com/graphdoc/graphdoc/harness/finding"
	"github.com/graphdoc/graphdoc/harness/replay"
)

// GitHub Actions workflow commands have the form
// ::command key=value,key=value::data. The runner decodes %25, %0D and
// %0A in the data, and also %3A and %2C in property values.
var (
	githubDataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	githubPropertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func writeGitHub(w io.Writer, r Result, opts Options) error {
	out := &errWriter{w: w}

	for _, f := range allFindings(r) {
		out.printf("%s\n", githubCommand(githubCommandName(f.Severity), opts.Root, f.File, f.Line, f.Column, f.Rule, sarifMessage(f)))
	}

	// A failed example with no difference would otherwise leave no
	// annotation at all.
	for _, example := range sortedExamples(r.Examples) {
		if example.Outcome != replay.Failed || len(example.Differences) > 0 {
			continue
		}
		message := "example " + example.Name + " failed"
		if example.Reason != "" {
			message += ": " + example.Reason
		}
		out.printf("%s\n", githubCommand("error", opts.Root, example.File, example.Line, 0, "example failed", message))
	}

	// The summary is a plain log line, which the runner prints as is.
	s := summarize(r)
	out.printf("graphdoc: %s, %s, %d info in %s",
		plural(s.Errors, "error"), plural(s.Warnings, "warning"), s.Info, plural(s.Files, "file"))
	if r.Replay {
		out.printf("; examples: %d passed, %d failed, %d skipped", s.Passed, s.Failed, s.Skipped)
	}
	out.printf("\n")
	return out.err
}

func githubCommandName(severity finding.Severity) string {
	switch severity {
	case finding.Error:
		return "error"
	case finding.Warning:
		return "warning"
	default:
		return "notice"
	}
}

// githubCommand formats one annotation. A line or column below 1 is left
// out, so GitHub attaches the annotation to the file or the line only.
func githubCommand(command, root, file string, line, column int, title, message string) string {
	path, _ := relativePath(root, file)
	properties := []string{"file=" + githubPropertyEscaper.Replace(path)}
	if line >= 1 {
		properties = append(properties, "line="+strconv.Itoa(line))
		if column >= 1 {
			properties = append(properties, "col="+strconv.Itoa(column))
		}
	}
	properties = append(properties, "title="+githubPropertyEscaper.Replace(title))
	return "::" + command + " " + strings.Join(properties, ",") + "::" + githubDataEscaper.Replace(message)
}
