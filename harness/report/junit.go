package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/graphdoc/graphdoc/harness/finding"
	"github.com/graphdoc/graphdoc/harness/replay"
)

// staticCaseName names the testcase that carries a page's static findings.
const staticCaseName = "static checks"

type junitTestsuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

// page gathers what the junit format reports for one file.
type page struct {
	findings []finding.Finding
	examples []replay.Outcome
}

func writeJUnit(w io.Writer, r Result, _ Options) error {
	pages := map[string]*page{}
	pageOf := func(file string) *page {
		p, ok := pages[file]
		if !ok {
			p = &page{}
			pages[file] = p
		}
		return p
	}
	for _, file := range r.Pages {
		pageOf(file)
	}
	for _, f := range sortedFindings(r.Findings) {
		pageOf(f.File).findings = append(pageOf(f.File).findings, f)
	}
	for _, example := range sortedExamples(r.Examples) {
		pageOf(example.File).examples = append(pageOf(example.File).examples, example)
	}

	root := junitTestsuites{Name: "graphdoc", Suites: []junitSuite{}}
	files := make([]string, 0, len(pages))
	for file := range pages {
		files = append(files, file)
	}
	slices.Sort(files)
	for _, file := range files {
		suite := junitPageSuite(file, pages[file])
		root.Tests += suite.Tests
		root.Failures += suite.Failures
		root.Skipped += suite.Skipped
		root.Suites = append(root.Suites, suite)
	}

	out := &errWriter{w: w}
	out.printf("%s", xml.Header)
	if out.err != nil {
		return out.err
	}
	encoder := xml.NewEncoder(w)
	encoder.Indent("", "  ")
	if err := encoder.Encode(root); err != nil {
		return err
	}
	out.printf("\n")
	return out.err
}

func junitPageSuite(file string, p *page) junitSuite {
	suite := junitSuite{Name: file}
	suite.Cases = append(suite.Cases, junitStaticCase(file, p.findings))
	for _, example := range p.examples {
		suite.Cases = append(suite.Cases, junitExampleCase(example))
	}

	for _, c := range suite.Cases {
		suite.Tests++
		if c.Failure != nil {
			suite.Failures++
		}
		if c.Skipped != nil {
			suite.Skipped++
		}
	}
	return suite
}

// junitStaticCase fails on error findings only. Warnings and info go to
// system-out, where CI tools show them without failing the test, whatever
// threshold ExitCode is given.
func junitStaticCase(file string, findings []finding.Finding) junitCase {
	c := junitCase{Name: staticCaseName, Classname: file, File: file}

	var errs, others []finding.Finding
	for _, f := range findings {
		if f.Severity == finding.Error {
			errs = append(errs, f)
		} else {
			others = append(others, f)
		}
	}

	if len(errs) > 0 {
		c.Failure = &junitFailure{
			Message: plural(len(errs), "error"),
			Type:    ruleList(errs),
			Text:    findingLines(errs),
		}
	}
	c.SystemOut = findingLines(others)
	return c
}

func junitExampleCase(example replay.Outcome) junitCase {
	name := example.Name
	if name == "" {
		name = fmt.Sprintf("line %d", example.Line)
	}
	c := junitCase{Name: name, Classname: example.File, File: example.File}

	switch example.Outcome {
	case replay.Failed:
		message := example.Reason
		if message == "" {
			message = "example failed"
		}
		kind := ruleList(example.Differences)
		if kind == "" {
			kind = replay.Failed
		}
		c.Failure = &junitFailure{Message: message, Type: kind, Text: findingLines(example.Differences)}
	case replay.Skipped:
		c.Skipped = &junitSkipped{Message: example.Reason}
		c.SystemOut = findingLines(example.Differences)
	default:
		c.SystemOut = findingLines(example.Differences)
	}
	return c
}

// ruleList returns the distinct rule ids of findings, sorted and joined by
// commas, for a failure's type attribute.
func ruleList(findings []finding.Finding) string {
	rules := make([]string, 0, len(findings))
	for _, f := range findings {
		rules = append(rules, f.Rule)
	}
	slices.Sort(rules)
	return strings.Join(slices.Compact(rules), ",")
}

// findingLines formats findings one per line as the text format does.
func findingLines(findings []finding.Finding) string {
	var b strings.Builder
	for _, f := range findings {
		b.WriteString(findingLine(f, false))
		b.WriteString("\n")
	}
	return b.String()
}
