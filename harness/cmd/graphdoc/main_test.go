package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	docsDir  = "../../../docs"
	seedPage = "../../../docs/beta/api/itemactivitystat-post-activities.md"
)

// runCommand runs one command line and returns its exit status and output.
func runCommand(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestCheckSeedPageReportsItsDefects(t *testing.T) {
	code, stdout, _ := runCommand(t, "check", "--format", "json", seedPage)

	assert.Equal(t, 1, code)
	var report struct {
		Findings []struct {
			Rule     string `json:"rule"`
			Severity string `json:"severity"`
			Line     int    `json:"line"`
		} `json:"findings"`
		Summary map[string]int `json:"summary"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &report))

	rules := map[string]int{}
	for _, f := range report.Findings {
		if f.Severity != "info" {
			rules[f.Rule]++
		}
	}
	assert.Equal(t, map[string]int{
		"body-on-no-content":       1,
		"ref-body-invalid":         1,
		"odata-type-case-mismatch": 1,
		"content-length-mismatch":  1,
		"placeholder-in-example":   1,
		"todo-placeholder":         9,
	}, rules)
	assert.Equal(t, 1, report.Summary["files"])
}

func TestTextFindingFormat(t *testing.T) {
	_, stdout, _ := runCommand(t, "check", seedPage)

	assert.Contains(t, stdout, "itemactivitystat-post-activities.md:104:1: error body-on-no-content: ")
	assert.Contains(t, stdout, "[create_itemactivity_from_]")
}

func TestFailOnNeverExitsZero(t *testing.T) {
	code, _, _ := runCommand(t, "check", "--fail-on", "never", seedPage)

	assert.Equal(t, 0, code)
}

func TestUsageErrorsExitTwo(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no command", nil, "no command given"},
		{"unknown command", []string{"lint"}, `unknown command "lint"`},
		{"unknown flag", []string{"check", "--colour", docsDir}, "flag provided but not defined"},
		{"no path", []string{"check"}, "no PATH given"},
		{"missing path", []string{"check", "no/such/dir"}, "no/such/dir"},
		{"bad format", []string{"check", "--format", "xml", docsDir}, `invalid value "xml" for flag -format`},
		{"two outputs", []string{"check", "--format", "json", "--output", "a.json", "--output", "b.json", docsDir}, "give a --format before each --output"},
		{"two to stdout", []string{"check", "--format", "json", "--format", "sarif", docsDir}, "more than one --format"},
		{"bad fail-on", []string{"check", "--fail-on", "fatal", docsDir}, `"fatal"`},
		{"bad csdl version", []string{"check", "--csdl", "v2=x.xml", docsDir}, "beta or v1.0"},
		{"missing csdl", []string{"check", "--csdl", "no-such.xml", docsDir}, "no-such.xml"},
		{"bad header", []string{"replay", "--header", "NoColon", docsDir}, "Name: value"},
		{"same output twice", []string{"check", "--format", "json", "--output", "r.out", "--format", "sarif", "--output", "r.out", docsDir}, "give each report its own file"},
		{"output is a folder", []string{"check", "--format", "json", "--output", ".", docsDir}, "is a folder"},
		{"no pages in folder", []string{"check", "."}, "no Markdown pages"},
		{"zero concurrency", []string{"replay", "--concurrency", "0", docsDir}, "invalid --concurrency 0"},
		{"rules with path", []string{"rules", docsDir}, "takes no PATH"},
		{"unknown schema type", []string{"schemas", "--csdl", "../../../schemas/v1.0/focus-types.2021-07-13.xml", "--out", os.TempDir(), "microsoft.graph.nothing"}, `"microsoft.graph.nothing" is not in`},
		{"unset token variable", []string{"replay", "--token-env", "GRAPHDOC_TEST_NO_SUCH_VARIABLE", docsDir}, "GRAPHDOC_TEST_NO_SUCH_VARIABLE"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCommand(t, tc.args...)

			assert.Equal(t, 2, code)
			assert.Contains(t, stderr, tc.want)
			assert.Equal(t, 0, strings.Count(strings.TrimSpace(stderr), "\n"), "one line: %s", stderr)
		})
	}
}

func TestReplayDocsAgainstBuiltInMock(t *testing.T) {
	code, stdout, stderr := runCommand(t, "replay", "--format", "json", docsDir)

	require.Empty(t, stderr)
	assert.Equal(t, 1, code, "the bundled pages have error findings")
	var report struct {
		Examples []struct {
			Name             string `json:"name"`
			Outcome          string `json:"outcome"`
			DocumentedStatus int    `json:"documentedStatus"`
			ActualStatus     int    `json:"actualStatus"`
		} `json:"examples"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &report))
	require.NotEmpty(t, report.Examples)

	noContent := 0
	for _, example := range report.Examples {
		assert.Equal(t, "passed", example.Outcome, example.Name)
		if example.DocumentedStatus == 204 {
			noContent++
			assert.Equal(t, 204, example.ActualStatus)
		}
	}
	assert.Equal(t, 1, noContent, "the seed page's 204 example is replayed")
}

func TestExtractJSONShape(t *testing.T) {
	code, stdout, _ := runCommand(t, "extract", "--format", "json", seedPage)

	require.Equal(t, 0, code)
	var output struct {
		Files  int              `json:"files"`
		Blocks []map[string]any `json:"blocks"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &output))
	assert.Equal(t, 1, output.Files)
	require.Len(t, output.Blocks, 3)

	response := output.Blocks[2]
	for _, key := range []string{"file", "line", "endLine", "annotationLine", "blockType", "names", "fence", "status", "headers", "body", "pairedWith"} {
		assert.Contains(t, response, key)
	}
	assert.EqualValues(t, 101, response["line"])
	assert.EqualValues(t, 126, response["endLine"])
	assert.EqualValues(t, 95, response["annotationLine"])
	assert.Equal(t, []any{"create_itemactivity_from_"}, response["pairedWith"])
}

func TestRulesListsCatalogue(t *testing.T) {
	code, stdout, _ := runCommand(t, "rules", "--format", "json")

	require.Equal(t, 0, code)
	var output struct {
		Rules []struct {
			ID  string `json:"id"`
			Fix string `json:"fix"`
		} `json:"rules"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &output))
	ids := map[string]bool{}
	for _, r := range output.Rules {
		ids[r.ID] = true
		assert.NotEmpty(t, r.Fix, r.ID)
	}
	for _, id := range []string{"annotation-invalid", "json-invalid", "body-on-no-content", "odata-type-case-mismatch", "odata-type-unknown", "type-mismatch", "property-unknown", "datetime-invalid", "ref-body-invalid", "content-length-mismatch", "todo-placeholder", "placeholder-in-example", "status-mismatch", "collection-shape-mismatch", "documented-property-missing"} {
		assert.True(t, ids[id], id)
	}
}

func TestSchemasCommandWritesFiles(t *testing.T) {
	out := t.TempDir()
	code, _, stderr := runCommand(t, "schemas", "--csdl", "../../../schemas/v1.0/focus-types.2021-07-13.xml", "--out", out, "microsoft.graph.identity")

	require.Equal(t, 0, code, stderr)
	generated, err := os.ReadFile(filepath.Join(out, "microsoft.graph.identity.json"))
	require.NoError(t, err)
	committed, err := os.ReadFile("../../../schemas/v1.0/microsoft.graph.identity.json")
	require.NoError(t, err)
	assert.Equal(t, string(committed), string(generated))
}

func TestPipeIsReportedNotRead(t *testing.T) {
	dir := t.TempDir()
	pipe := filepath.Join(dir, "pipe.md")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skipf("cannot make a named pipe: %v", err)
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "page.md"), []byte("# Page\n"), 0o644))

	code, stdout, _ := runCommand(t, "check", dir)

	assert.Equal(t, 1, code)
	assert.Contains(t, stdout, "pipe.md:1:1: error page-unreadable")
	assert.Contains(t, stdout, "not a regular file")
}

func TestBadInputIsAFindingNotACrash(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "binary.md"), []byte{0x89, 'P', 'N', 'G', 0, 1, 2}, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "empty.md"), nil, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "unclosed.md"), []byte("<!-- {\"blockType\": \"request\"} -->\n```http\nGET /me\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "dangling.md"), []byte("# Page\n\n<!-- {\"blockType\": \"response\"} -->\n\ntext\n"), 0o644))

	code, stdout, stderr := runCommand(t, "check", dir)

	assert.Equal(t, 1, code)
	assert.Empty(t, stderr)
	assert.Contains(t, stdout, "binary.md:1:1: error page-not-text")
	assert.Contains(t, stdout, "unclosed.md:2:1: error fence-unclosed")
	assert.Contains(t, stdout, "dangling.md:3:1: error annotation-without-block")
	assert.Contains(t, stdout, "in 4 files")
}
