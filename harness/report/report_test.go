package report

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphdoc/graphdoc/harness/finding"
	"github.com/graphdoc/graphdoc/harness/replay"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// checkResult is a check run over two pages: user-get.md has findings of
// every severity, one repeated, and user-list.md has one without a
// position and one whose message needs escaping in every format.
func checkResult() Result {
	return Result{
		Files: 2,
		Findings: []finding.Finding{
			{Rule: "model-type-missing", Severity: finding.Info, File: "docs/api/user-get.md", Line: 30, Column: 5,
				Example: "get_user", Pointer: "/photo", Message: "type microsoft.graph.profilePhoto is not in the model"},
			{Rule: "json-invalid", Severity: finding.Error, File: "docs/api/user-get.md", Line: 14, Column: 3,
				Example: "get_user", Message: "invalid character '.' looking for beginning of value"},
			{Rule: "todo-placeholder", Severity: finding.Warning, File: "docs/api/user-get.md", Line: 3, Column: 14,
				Message: "TODO left in front matter key description"},
			{Rule: "json-invalid", Severity: finding.Error, File: "docs/api/user-get.md", Line: 14, Column: 3,
				Example: "get_user", Message: "invalid character '.' looking for beginning of value"},
			{Rule: "permissions-missing", Severity: finding.Warning, File: "docs/api/user-list.md",
				Message: "page has no Permissions section"},
			{Rule: "query-plus-unencoded", Severity: finding.Warning, File: "docs/api/user-list.md", Line: 21, Column: 40,
				Example: "list_users", Message: "100% sure: \"a,b\" <is> & decodes as a space\nsecond line\r"},
		},
	}
}

// replayResult adds to checkResult the replay of four examples: one passed
// with an info difference, one failed with differences, one failed with
// none and one skipped.
func replayResult() Result {
	r := checkResult()
	r.Replay = true
	r.Examples = []replay.Outcome{
		{Name: "list_users", File: "docs/api/user-list.md", Line: 18, Method: "GET",
			URL: "https://graph.microsoft.com/v1.0/users", Outcome: replay.Failed,
			Reason: "2 differences", DocumentedStatus: 200, ActualStatus: 200,
			Differences: []finding.Finding{
				{Rule: "documented-property-missing", Severity: finding.Warning, File: "docs/api/user-list.md", Line: 35, Column: 7,
					Example: "list_users", Pointer: "/value/0/mail", Message: "documented property mail is missing"},
				{Rule: "header-missing", Severity: finding.Error, File: "docs/api/user-list.md", Line: 31, Column: 1,
					Example: "list_users", Message: "header OData-Version is missing"},
			}},
		{Name: "delete_user", File: "docs/api/user-delete.md", Line: 20, Method: "DELETE",
			URL: "https://graph.microsoft.com/v1.0/users/48d31887", Outcome: replay.Skipped,
			Reason: "DELETE is not replayed without --allow-unsafe", DocumentedStatus: 204},
		{Name: "get_user", File: "docs/api/user-get.md", Line: 10, Method: "GET",
			URL: "https://graph.microsoft.com/v1.0/users/48d31887", Outcome: replay.Passed,
			DocumentedStatus: 200, ActualStatus: 200,
			Differences: []finding.Finding{
				{Rule: "property-undocumented", Severity: finding.Info, File: "docs/api/user-get.md", Line: 24, Column: 1,
					Example: "get_user", Pointer: "/businessPhones", Message: "property businessPhones is not documented"},
			}},
		{Name: "update_user", File: "docs/api/user-update.md", Line: 12, Method: "PATCH",
			URL: "https://graph.microsoft.com/v1.0/users/48d31887", Outcome: replay.Failed,
			Reason: "connection refused", DocumentedStatus: 204},
	}
	r.Files = 4
	return r
}

var goldenOptions = Options{Root: ".", ToolVersion: "0.0.0-test"}

// goldenCatalogue replaces the rule catalogue in the golden files.
// It covers the fixture's rules but one, which is listed as unregistered.
func goldenCatalogue() []finding.Rule {
	ids := []string{
		"documented-property-missing", "header-missing", "json-invalid", "model-type-missing",
		"permissions-missing", "property-undocumented", "todo-placeholder",
	}
	var rules []finding.Rule
	for _, id := range ids {
		rules = append(rules, finding.Rule{
			ID: id, Severity: finding.Warning, Stage: finding.StageValidate,
			Summary: "Summary of " + id + ". Second sentence.", Fix: "Fix for " + id + ".",
		})
	}
	return rules
}

func TestWriteGolden(t *testing.T) {
	saved := ruleCatalogue
	t.Cleanup(func() { ruleCatalogue = saved })
	ruleCatalogue = goldenCatalogue

	inputs := map[string]Result{"check": checkResult(), "replay": replayResult()}
	for input, r := range inputs {
		for _, name := range Formats() {
			t.Run(input+"/"+name, func(t *testing.T) {
				var out bytes.Buffer
				require.NoError(t, Write(&out, name, r, goldenOptions))
				assertGolden(t, filepath.Join("testdata", input+"."+name+".golden"), out.Bytes())
			})
		}
	}
}

func assertGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create the golden file")
	assert.Equal(t, string(want), string(got))
}

func TestWriteLeavesResultUnchanged(t *testing.T) {
	for _, name := range Formats() {
		r := replayResult()
		require.NoError(t, Write(io.Discard, name, r, goldenOptions))
		assert.Equal(t, replayResult(), r, name)
	}
}

func TestWriteUnknownFormat(t *testing.T) {
	var out bytes.Buffer
	err := Write(&out, "yaml", Result{}, Options{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"yaml"`)
	assert.Contains(t, err.Error(), "text, json, junit, sarif, github")
	assert.Zero(t, out.Len())
}

// failingWriter accepts limit bytes and then fails every write.
type failingWriter struct{ limit int }

var errDiskFull = errors.New("disk full")

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.limit {
		n := w.limit
		w.limit = 0
		return n, errDiskFull
	}
	w.limit -= len(p)
	return len(p), nil
}

func TestWriteReportsWriterError(t *testing.T) {
	for _, name := range Formats() {
		err := Write(&failingWriter{limit: 10}, name, replayResult(), goldenOptions)
		assert.ErrorIs(t, err, errDiskFull, name)
	}
}

func TestFormatsListsText(t *testing.T) {
	assert.Equal(t, []string{"text", "json", "junit", "sarif", "github"}, Formats())
}

func TestTextColor(t *testing.T) {
	var plain, colored bytes.Buffer
	require.NoError(t, Write(&plain, "text", replayResult(), Options{}))
	require.NoError(t, Write(&colored, "text", replayResult(), Options{Color: true}))

	assert.NotContains(t, plain.String(), "\x1b[")
	assert.Contains(t, colored.String(), ": \x1b[31merror\x1b[0m json-invalid:")
	assert.Contains(t, colored.String(), ": \x1b[33mwarning\x1b[0m todo-placeholder:")
	assert.Contains(t, colored.String(), ": \x1b[36minfo\x1b[0m model-type-missing:")
	assert.Contains(t, colored.String(), "    docs/api/user-list.md:31:1: \x1b[31merror\x1b[0m header-missing:")

	// Only the severity words change.
	stripped := strings.NewReplacer(ansiRed, "", ansiYellow, "", ansiCyan, "", ansiReset, "").Replace(colored.String())
	assert.Equal(t, plain.String(), stripped)
}

func TestTextEscapesControlCharacters(t *testing.T) {
	r := Result{Files: 1, Findings: []finding.Finding{
		{Rule: "json-invalid", Severity: finding.Error, File: "a.md", Line: 1, Column: 1,
			Message: "line one\nline two\r\x1b[2J\ttab"},
	}}

	out := writeString(t, "text", r, Options{})
	assert.Equal(t, `a.md:1:1: error json-invalid: line one\nline two\r\x1b[2J`+"\ttab\n1 error, 0 warnings, 0 info in 1 file\n", out)
}

func TestTextSummaryWithoutReplay(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, Write(&out, "text", Result{Files: 1}, Options{}))
	assert.Equal(t, "0 errors, 0 warnings, 0 info in 1 file\n", out.String())
}

func TestSummaryCountsDifferencesOnce(t *testing.T) {
	r := replayResult()
	// A caller that also lists a difference among the static findings
	// must not have it counted twice.
	r.Findings = append(r.Findings, r.Examples[0].Differences[1])

	s := summarize(r)
	assert.Equal(t, summary{Files: 4, Errors: 2, Warnings: 4, Info: 2, Passed: 1, Failed: 2, Skipped: 1}, s)
}

func TestExitCode(t *testing.T) {
	warning := finding.Finding{Rule: "todo-placeholder", Severity: finding.Warning, File: "a.md", Line: 1, Column: 1}
	info := finding.Finding{Rule: "model-type-missing", Severity: finding.Info, File: "a.md", Line: 1, Column: 1}
	errorDifference := finding.Finding{Rule: "status-mismatch", Severity: finding.Error, File: "a.md", Line: 9, Column: 1}

	tests := []struct {
		name   string
		result Result
		failOn finding.Severity
		want   int
	}{
		{"no findings", Result{Files: 3}, finding.Info, 0},
		{"warning below error", Result{Findings: []finding.Finding{warning}}, finding.Error, 0},
		{"warning at warning", Result{Findings: []finding.Finding{warning}}, finding.Warning, 1},
		{"warning above info", Result{Findings: []finding.Finding{warning}}, finding.Info, 1},
		{"info below warning", Result{Findings: []finding.Finding{info}}, finding.Warning, 0},
		{"error difference", Result{Replay: true, Examples: []replay.Outcome{
			{Name: "a", Outcome: replay.Passed, Differences: []finding.Finding{errorDifference}},
		}}, finding.Error, 1},
		{"failed example without findings", Result{Replay: true, Examples: []replay.Outcome{
			{Name: "a", Outcome: replay.Failed},
		}}, finding.Error, 1},
		{"skipped example", Result{Replay: true, Examples: []replay.Outcome{
			{Name: "a", Outcome: replay.Skipped},
		}}, finding.Error, 0},
		{"never with errors", replayResult(), Never, 0},
		{"fixture at error", replayResult(), finding.Error, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, ExitCode(tc.result, tc.failOn))
		})
	}
}

func TestParseFailOn(t *testing.T) {
	for _, name := range []string{"error", "warning", "info", "never"} {
		severity, err := ParseFailOn(name)
		require.NoError(t, err, name)
		assert.Equal(t, name, FailOnName(severity))
	}

	never, err := ParseFailOn("never")
	require.NoError(t, err)
	assert.Equal(t, Never, never)
	assert.Greater(t, Never, finding.Error)

	_, err = ParseFailOn("fatal")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"fatal"`)
}

func TestWriteFileMatchesWrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "report.sarif")
	require.NoError(t, WriteFile(path, "sarif", replayResult(), goldenOptions))

	var want bytes.Buffer
	require.NoError(t, Write(&want, "sarif", replayResult(), goldenOptions))
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, want.String(), string(got))

	info, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o644), info.Mode().Perm())
	assert.Equal(t, []string{"report.sarif"}, dirNames(t, filepath.Dir(path)))
}

func TestWriteFileKeepsMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "report.json")
	require.NoError(t, os.WriteFile(path, []byte("old"), 0o600))

	require.NoError(t, WriteFile(path, "json", checkResult(), Options{}))

	info, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.NotEqual(t, "old", string(got))
}

// TestWriteFileFailureKeepsOldFile injects a format that writes more than
// the buffer holds, so the temporary file really has content, and then
// fails. The previous report must survive and the temporary file must go.
func TestWriteFileFailureKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.xml")
	require.NoError(t, WriteFile(path, "junit", checkResult(), Options{}))
	old, err := os.ReadFile(path)
	require.NoError(t, err)

	errEncode := errors.New("encode failed midway")
	var partialSize int64
	saved := formats
	t.Cleanup(func() { formats = saved })
	formats = append(slices.Clone(formats), format{"broken", func(w io.Writer, _ Result, _ Options) error {
		if _, err := w.Write(bytes.Repeat([]byte("<testsuite>"), 8192)); err != nil {
			return err
		}
		temps, err := filepath.Glob(filepath.Join(dir, ".report.xml.*.tmp"))
		if err != nil || len(temps) != 1 {
			return errors.New("temporary file not found")
		}
		info, err := os.Stat(temps[0])
		if err != nil {
			return err
		}
		partialSize = info.Size()
		return errEncode
	}})

	err = WriteFile(path, "broken", checkResult(), Options{})
	require.ErrorIs(t, err, errEncode)
	assert.Positive(t, partialSize, "the temporary file should have held part of the report")

	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, string(old), string(got))
	assert.Equal(t, []string{"report.xml"}, dirNames(t, dir))
}

func TestWriteFileUnknownFormatCreatesNothing(t *testing.T) {
	dir := t.TempDir()
	err := WriteFile(filepath.Join(dir, "report.txt"), "yaml", checkResult(), Options{})
	require.Error(t, err)
	assert.Empty(t, dirNames(t, dir))
}

func TestWriteFileMissingDirectory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing", "report.txt")
	err := WriteFile(path, "text", checkResult(), Options{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), path)
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	names := []string{}
	for _, entry := range entries {
		names = append(names, entry.Name())
	}
	return names
}

func TestJUnitListsCleanPages(t *testing.T) {
	r := Result{
		Files:    2,
		Pages:    []string{"docs/a.md", "docs/b.md"},
		Findings: []finding.Finding{{Rule: "json-invalid", Severity: finding.Error, File: "docs/a.md", Line: 3, Column: 1, Message: "bad"}},
	}
	var out bytes.Buffer
	require.NoError(t, Write(&out, "junit", r, Options{}))

	var root struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Suites   []struct {
			Name  string `xml:"name,attr"`
			Tests int    `xml:"tests,attr"`
		} `xml:"testsuite"`
	}
	require.NoError(t, xml.Unmarshal(out.Bytes(), &root))
	require.Len(t, root.Suites, 2)
	assert.Equal(t, "docs/b.md", root.Suites[1].Name)
	assert.Equal(t, 1, root.Suites[1].Tests)
	assert.Equal(t, 2, root.Tests)
	assert.Equal(t, 1, root.Failures)
}
