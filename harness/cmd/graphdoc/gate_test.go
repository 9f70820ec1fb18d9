package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// git runs a git command in dir with a fixed identity.
func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=graphdoc test", "-c", "user.email=test@graphdoc.invalid", "-c", "commit.gpgsign=false"}, args...)...)
	cmd.Dir = dir
	output, err := cmd.CombinedOutput()
	require.NoError(t, err, string(output))
}

// chdir changes the working directory for the rest of the test.
func chdir(t *testing.T, dir string) {
	t.Helper()
	previous, err := os.Getwd()
	require.NoError(t, err)
	require.NoError(t, os.Chdir(dir))
	t.Cleanup(func() { _ = os.Chdir(previous) })
}

func copyPage(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(filepath.Dir(to), 0o755))
	require.NoError(t, os.WriteFile(to, data, 0o644))
}

// findingFiles returns the files named by a JSON report's findings.
func findingFiles(t *testing.T, stdout string) map[string]bool {
	t.Helper()
	var report struct {
		Findings []struct {
			File string `json:"file"`
		} `json:"findings"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &report))
	files := map[string]bool{}
	for _, f := range report.Findings {
		files[filepath.ToSlash(f.File)] = true
	}
	return files
}

func TestChangedSinceSelectsChangedAndUsers(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	docs, err := filepath.Abs(docsDir)
	require.NoError(t, err)
	repo := t.TempDir()
	for _, page := range []string{"beta/api/activities-list.md", "beta/api/itemanalytics-get.md", "beta/api/itemactivitystat-post-activities.md", "beta/resources/itemanalytics.md", "beta/resources/identity.md"} {
		copyPage(t, filepath.Join(docs, page), filepath.Join(repo, "docs", page))
	}
	git(t, repo, "init", "-q")
	git(t, repo, "add", "-A")
	git(t, repo, "commit", "-q", "-m", "pages")
	chdir(t, repo)

	code, _, stderr := runCommand(t, "check", "--changed-since", "HEAD", "docs")
	assert.Equal(t, 0, code)
	assert.Contains(t, stderr, "no page changed since HEAD")

	// A TODO in the post page, and a resource page that itemanalytics-get uses.
	post := filepath.Join(repo, "docs", "beta/api/itemactivitystat-post-activities.md")
	data, err := os.ReadFile(post)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(post, append(data, []byte("\nTBD\n")...), 0o644))
	resource := filepath.Join(repo, "docs", "beta/resources/itemanalytics.md")
	data, err = os.ReadFile(resource)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(resource, append(data, []byte("\nMore text.\n")...), 0o644))

	code, stdout, stderr := runCommand(t, "check", "--format", "json", "--fail-on", "never", "--changed-since", "HEAD", "docs")
	require.Equal(t, 0, code, stderr)
	var report struct {
		Summary map[string]int `json:"summary"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &report))
	assert.Equal(t, 3, report.Summary["files"], "the changed API page, the changed resource page and the API page that uses it")
	files := findingFiles(t, stdout)
	assert.True(t, files["docs/beta/api/itemactivitystat-post-activities.md"])
	assert.True(t, files["docs/beta/api/itemanalytics-get.md"])
	assert.False(t, files["docs/beta/api/activities-list.md"])
}

func TestBaselinePassesOldAndFailsNewDefects(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "page.md")
	copyPage(t, seedPage, page)
	baseline := filepath.Join(dir, "baseline.json")

	code, _, stderr := runCommand(t, "check", "--write-baseline", baseline, page)
	require.Equal(t, 0, code, "recording a baseline accepts the findings")
	require.Contains(t, stderr, "recorded")
	code, _, stderr = runCommand(t, "check", "--baseline", baseline, page)
	assert.Equal(t, 0, code, stderr)

	// An edit above the old findings moves them; a new $ref request without
	// a body is a new defect.
	data, err := os.ReadFile(page)
	require.NoError(t, err)
	text := strings.Replace(string(data), "# Add activities\n", "# Add activities\n\nAn added paragraph.\n", 1)
	text += "\n<!-- { \"blockType\": \"request\", \"name\": \"add_more\" } -->\n```http\nPOST https://graph.microsoft.com/beta/groups/1/members/$ref\n```\n\n<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 204 No Content\n```\n"
	require.NoError(t, os.WriteFile(page, []byte(text), 0o644))

	code, stdout, _ := runCommand(t, "check", "--baseline", baseline, page)
	assert.Equal(t, 1, code)
	assert.Contains(t, stdout, "ref-body-invalid")
	assert.Contains(t, stdout, "[add_more]")
	assert.NotContains(t, stdout, "todo-placeholder")
}

func TestSuppressionCommentHidesRule(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "page.md")
	text := "# Page\n\n<!-- graphdoc-disable ref-body-invalid: the service accepts this body -->\n<!-- { \"blockType\": \"request\", \"name\": \"add\" } -->\n```http\nPOST https://graph.microsoft.com/v1.0/groups/1/members/$ref\n```\n\n<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 204 No Content\n```\n"
	require.NoError(t, os.WriteFile(page, []byte(text), 0o644))

	code, stdout, _ := runCommand(t, "check", page)

	assert.Equal(t, 0, code, stdout)
	assert.NotContains(t, stdout, "ref-body-invalid")
}

func TestShardsUnionEqualsWholeRun(t *testing.T) {
	var sharded []string
	for _, shard := range []string{"1/3", "2/3", "3/3"} {
		code, stdout, stderr := runCommand(t, "check", "--fail-on", "never", "--shard", shard, docsDir)
		require.Equal(t, 0, code, stderr)
		sharded = append(sharded, findingLines(stdout)...)
	}
	code, stdout, _ := runCommand(t, "check", "--fail-on", "never", docsDir)
	require.Equal(t, 0, code)
	whole := findingLines(stdout)

	require.NotEmpty(t, whole)
	assert.ElementsMatch(t, whole, sharded)
}

var findingLine = regexp.MustCompile(`^\S+:\d+:\d+: (error|warning|info) [a-z0-9-]+: `)

// findingLines returns the finding lines of a text report, without the
// summary.
func findingLines(stdout string) []string {
	var lines []string
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		if findingLine.MatchString(line) {
			lines = append(lines, line)
		}
	}
	return lines
}
