package gate

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphdoc/graphdoc/harness/finding"
)

func exampleFinding(rule, file string, line int, example, message string) finding.Finding {
	f := finding.New(rule, file, line, 1, message)
	f.Example = example
	return f
}

func TestBaselineRoundTrip(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "docs", "v1.0", "api", "user-get.md")
	path := filepath.Join(dir, "graphdoc-baseline.json")
	findings := []finding.Finding{
		exampleFinding("json-invalid", page, 40, "get_user", "trailing comma before }"),
		exampleFinding("todo-placeholder", page, 3, "", "TODO in the description"),
	}
	require.NoError(t, WriteBaseline(path, findings))

	baseline, err := LoadBaseline(path)
	require.NoError(t, err)
	require.Len(t, baseline.Entries, 2)
	assert.Equal(t, "docs/v1.0/api/user-get.md", baseline.Entries[0].File, "files are relative to the baseline's folder")
	assert.Equal(t, 1, baseline.Entries[0].Count)

	kept, suppressed, stale := baseline.Filter(findings)
	assert.Empty(t, kept)
	assert.Equal(t, 2, suppressed)
	assert.Empty(t, stale)
}

func TestBaselineIgnoresLineShift(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "a.md")
	path := filepath.Join(dir, "baseline.json")
	require.NoError(t, WriteBaseline(path, []finding.Finding{
		exampleFinding("json-invalid", page, 40, "get_user", "trailing comma before }"),
		exampleFinding("response-duplicate", page, 50, "get_user", `request "get_user" already has a response at line 45`),
	}))
	baseline, err := LoadBaseline(path)
	require.NoError(t, err)

	// Ten lines were added above both findings.
	kept, suppressed, stale := baseline.Filter([]finding.Finding{
		exampleFinding("json-invalid", page, 50, "get_user", "trailing comma before }"),
		exampleFinding("response-duplicate", page, 60, "get_user", `request "get_user" already has a response at line 55`),
	})
	assert.Empty(t, kept)
	assert.Equal(t, 2, suppressed)
	assert.Empty(t, stale)
}

func TestBaselineKeepsNewFindings(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "a.md")
	path := filepath.Join(dir, "baseline.json")
	old := exampleFinding("json-invalid", page, 40, "get_user", "trailing comma before }")
	require.NoError(t, WriteBaseline(path, []finding.Finding{old}))
	baseline, err := LoadBaseline(path)
	require.NoError(t, err)

	tests := []struct {
		name string
		f    finding.Finding
	}{
		{"other rule", exampleFinding("property-unknown", page, 40, "get_user", "trailing comma before }")},
		{"other example", exampleFinding("json-invalid", page, 40, "list_users", "trailing comma before }")},
		{"other file", exampleFinding("json-invalid", filepath.Join(dir, "b.md"), 40, "get_user", "trailing comma before }")},
		{"other message", exampleFinding("json-invalid", page, 40, "get_user", "missing comma")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			kept, suppressed, stale := baseline.Filter([]finding.Finding{tc.f})
			assert.Equal(t, []finding.Finding{tc.f}, kept)
			assert.Zero(t, suppressed)
			require.Len(t, stale, 1)
			assert.Equal(t, "a.md", stale[0].File)
		})
	}
}

func TestBaselineCountsIdenticalFindings(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "a.md")
	path := filepath.Join(dir, "baseline.json")
	same := func(line int) finding.Finding {
		return exampleFinding("placeholder-in-example", page, line, "get_user", "placeholder {id} in the URL")
	}
	require.NoError(t, WriteBaseline(path, []finding.Finding{same(10), same(20)}))
	baseline, err := LoadBaseline(path)
	require.NoError(t, err)
	require.Len(t, baseline.Entries, 1)
	assert.Equal(t, 2, baseline.Entries[0].Count)

	// A third identical finding is new.
	kept, suppressed, stale := baseline.Filter([]finding.Finding{same(10), same(20), same(30)})
	assert.Equal(t, []finding.Finding{same(30)}, kept)
	assert.Equal(t, 2, suppressed)
	assert.Empty(t, stale)

	// One fixed leaves one stale.
	kept, suppressed, stale = baseline.Filter([]finding.Finding{same(10)})
	assert.Empty(t, kept)
	assert.Equal(t, 1, suppressed)
	require.Len(t, stale, 1)
	assert.Equal(t, 1, stale[0].Count)
	assert.Equal(t, "placeholder-in-example", stale[0].Rule)
}

func TestBaselinePathsIndependentOfWorkingDirectory(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "docs", "api"), 0o755))
	path := filepath.Join(dir, "ci", "baseline.json")
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))

	// Written from the repository root with relative paths...
	t.Chdir(dir)
	require.NoError(t, WriteBaseline(filepath.Join("ci", "baseline.json"), []finding.Finding{
		exampleFinding("json-invalid", filepath.Join("docs", "api", "a.md"), 4, "x", "bad"),
	}))
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Contains(t, string(data), `"file": "../docs/api/a.md"`)

	// ...and filtered from a subfolder with relative and absolute paths.
	t.Chdir(filepath.Join(dir, "docs"))
	baseline, err := LoadBaseline(path)
	require.NoError(t, err)
	for _, file := range []string{filepath.Join("api", "a.md"), filepath.Join(dir, "docs", "api", "a.md")} {
		kept, suppressed, _ := baseline.Filter([]finding.Finding{exampleFinding("json-invalid", file, 9, "x", "bad")})
		assert.Empty(t, kept, file)
		assert.Equal(t, 1, suppressed, file)
	}
}

func TestBaselineOutputIsStable(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "baseline.json")
	findings := []finding.Finding{
		exampleFinding("todo-placeholder", filepath.Join(dir, "b.md"), 3, "", "TODO"),
		exampleFinding("json-invalid", filepath.Join(dir, "a.md"), 9, "y", "bad"),
		exampleFinding("json-invalid", filepath.Join(dir, "a.md"), 4, "x", "bad"),
	}
	require.NoError(t, WriteBaseline(path, findings))
	first, err := os.ReadFile(path)
	require.NoError(t, err)

	reversed := []finding.Finding{findings[2], findings[1], findings[0]}
	require.NoError(t, WriteBaseline(path, reversed))
	second, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, string(first), string(second))

	var file struct {
		Version int     `json:"version"`
		Entries []Entry `json:"entries"`
	}
	require.NoError(t, json.Unmarshal(first, &file))
	assert.Equal(t, BaselineVersion, file.Version)
	require.Len(t, file.Entries, 3)
	assert.Equal(t, []string{"a.md", "a.md", "b.md"}, []string{file.Entries[0].File, file.Entries[1].File, file.Entries[2].File})
	assert.Equal(t, []string{"x", "y", ""}, []string{file.Entries[0].Example, file.Entries[1].Example, file.Entries[2].Example})

	leftovers, err := filepath.Glob(filepath.Join(dir, ".*tmp"))
	require.NoError(t, err)
	assert.Empty(t, leftovers, "the temporary file must be renamed away")
}

func TestBaselineEmpty(t *testing.T) {
	path := filepath.Join(t.TempDir(), "baseline.json")
	require.NoError(t, WriteBaseline(path, nil))
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.JSONEq(t, `{"version": 1, "entries": []}`, string(data))

	baseline, err := LoadBaseline(path)
	require.NoError(t, err)
	f := finding.New("json-invalid", "a.md", 1, 1, "bad")
	kept, suppressed, stale := baseline.Filter([]finding.Finding{f})
	assert.Equal(t, []finding.Finding{f}, kept)
	assert.Zero(t, suppressed)
	assert.Empty(t, stale)
}

func TestWriteBaselineMissingFolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "absent", "baseline.json")
	err := WriteBaseline(path, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), path)
}

func TestLoadBaselineRejectsBadFiles(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"not json", "{", "not a valid baseline"},
		{"other version", `{"version": 2, "entries": []}`, "version 2"},
		{"unknown field", `{"version": 1, "entries": [], "extra": true}`, "extra"},
		{"entry without hash", `{"version": 1, "entries": [{"rule": "json-invalid", "file": "a.md", "message": "", "count": 1}]}`, "entry 1"},
		{"zero count", `{"version": 1, "entries": [{"rule": "json-invalid", "file": "a.md", "messageHash": "ab", "message": "", "count": 0}]}`, "count of at least 1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "baseline.json")
			writeFile(t, path, tc.text)
			_, err := LoadBaseline(path)
			require.Error(t, err)
			assert.Contains(t, err.Error(), path)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestLoadBaselineMissingFile(t *testing.T) {
	_, err := LoadBaseline(filepath.Join(t.TempDir(), "absent.json"))
	require.Error(t, err)
	assert.ErrorIs(t, err, os.ErrNotExist)
}
