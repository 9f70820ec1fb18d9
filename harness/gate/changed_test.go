package gate

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// git runs git in dir with a fixed identity and without the user's or
// the system's config.
func git(t testing.TB, dir string, args ...string) {
	t.Helper()
	base := []string{"-c", "user.name=graphdoc test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"}
	cmd := exec.Command("git", append(base, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "git %v: %s", args, out)
}

// newRepo writes files into a new repository and commits them.
func newRepo(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	git(t, dir, "init", "-q")
	for name, text := range files {
		writeFile(t, filepath.Join(dir, filepath.FromSlash(name)), text)
	}
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-q", "-m", "docs")
	return dir
}

func apiPage(links, odataType string) string {
	return "# Page\n\nReturns a [resource](" + links + ") object.\n\n" +
		"<!-- { \"blockType\": \"response\", \"@odata.type\": \"" + odataType + "\" } -->\n```http\nHTTP/1.1 200 OK\n```\n"
}

var docsFiles = map[string]string{
	"docs/v1.0/api/user-get.md":            apiPage("../resources/user.md", "microsoft.graph.user"),
	"docs/v1.0/api/user-settings-get.md":   apiPage("../resources/usersettings.md#properties", "microsoft.graph.userSettings"),
	"docs/v1.0/api/drive-get.md":           apiPage("https://example.invalid/none", "microsoft.graph.drive"),
	"docs/v1.0/api/group-list.md":          apiPage("../resources/group.md", "Collection(microsoft.graph.group)"),
	"docs/v1.0/api/callrecord-get.md":      apiPage("/graph/api/resources/session?view=graph-rest-1.0", "microsoft.graph.callRecords.callRecord"),
	"docs/v1.0/resources/user.md":          "# user resource type\n",
	"docs/v1.0/resources/usersettings.md":  "# userSettings resource type\n",
	"docs/v1.0/resources/drive.md":         "# drive resource type\n",
	"docs/v1.0/resources/group.md":         "# group resource type\n",
	"docs/v1.0/resources/session.md":       "# session resource type\n",
	"docs/beta/api/user-get.md":            apiPage("../resources/user.md", "microsoft.graph.user"),
	"docs/beta/resources/user.md":          "# user resource type\n",
	"docs/v1.0/api/includes/unrelated.txt": "not a page\n",
}

// allPages returns the Markdown pages of docsFiles under dir, as absolute
// paths, plus any extra ones.
func allPages(dir string, extra ...string) []string {
	var pages []string
	for name := range docsFiles {
		if filepath.Ext(name) == ".md" {
			pages = append(pages, filepath.Join(dir, filepath.FromSlash(name)))
		}
	}
	for _, name := range extra {
		pages = append(pages, filepath.Join(dir, filepath.FromSlash(name)))
	}
	return pages
}

// changedKeys runs Changed on pages and returns the selection relative to
// dir, slash-separated.
func changedKeys(t *testing.T, dir string, pages []string) []string {
	t.Helper()
	selected, err := Changed(context.Background(), dir, "HEAD", pages)
	require.NoError(t, err)
	keys := []string{}
	for _, page := range selected {
		rel, err := filepath.Rel(dir, page)
		require.NoError(t, err)
		keys = append(keys, filepath.ToSlash(rel))
	}
	return keys
}

func TestChangedNothing(t *testing.T) {
	dir := newRepo(t, docsFiles)
	assert.Empty(t, changedKeys(t, dir, allPages(dir)))
}

func TestChangedPages(t *testing.T) {
	dir := newRepo(t, docsFiles)
	path := func(name string) string { return filepath.Join(dir, filepath.FromSlash(name)) }

	// Modified, staged new, untracked new, renamed, deleted and ignored.
	writeFile(t, path("docs/v1.0/api/drive-get.md"), docsFiles["docs/v1.0/api/drive-get.md"]+"\nMore text.\n")
	writeFile(t, path("docs/v1.0/api/staged.md"), "# staged\n")
	git(t, dir, "add", "docs/v1.0/api/staged.md")
	writeFile(t, path("docs/v1.0/api/untracked.md"), "# untracked\n")
	require.NoError(t, os.Rename(path("docs/beta/api/user-get.md"), path("docs/beta/api/user-get-renamed.md")))
	git(t, dir, "add", "-A", "docs/beta/api")
	require.NoError(t, os.Remove(path("docs/v1.0/api/group-list.md")))
	writeFile(t, path(".gitignore"), "scratch/\n")
	writeFile(t, path("scratch/ignored.md"), "# ignored\n")

	pages := allPages(dir, "docs/v1.0/api/staged.md", "docs/v1.0/api/untracked.md", "docs/beta/api/user-get-renamed.md", "scratch/ignored.md")
	assert.ElementsMatch(t, []string{
		"docs/v1.0/api/drive-get.md",
		"docs/v1.0/api/staged.md",
		"docs/v1.0/api/untracked.md",
		"docs/beta/api/user-get-renamed.md",
	}, changedKeys(t, dir, pages))
}

func TestChangedKeepsInputOrder(t *testing.T) {
	dir := newRepo(t, docsFiles)
	writeFile(t, filepath.Join(dir, "docs", "v1.0", "api", "drive-get.md"), "# changed\n")
	writeFile(t, filepath.Join(dir, "docs", "v1.0", "api", "user-get.md"), "# changed\n")

	pages := []string{
		filepath.Join(dir, "docs", "v1.0", "api", "user-get.md"),
		filepath.Join(dir, "docs", "v1.0", "api", "group-list.md"),
		filepath.Join(dir, "docs", "v1.0", "api", "drive-get.md"),
	}
	assert.Equal(t, []string{"docs/v1.0/api/user-get.md", "docs/v1.0/api/drive-get.md"}, changedKeys(t, dir, pages))
}

func TestChangedResourceSelectsUsers(t *testing.T) {
	tests := []struct {
		name     string
		resource string
		want     []string
	}{
		{"by link and type", "docs/v1.0/resources/user.md", []string{"docs/v1.0/resources/user.md", "docs/v1.0/api/user-get.md"}},
		{"type only", "docs/v1.0/resources/drive.md", []string{"docs/v1.0/resources/drive.md", "docs/v1.0/api/drive-get.md"}},
		{"link with anchor", "docs/v1.0/resources/usersettings.md", []string{"docs/v1.0/resources/usersettings.md", "docs/v1.0/api/user-settings-get.md"}},
		{"collection type", "docs/v1.0/resources/group.md", []string{"docs/v1.0/resources/group.md", "docs/v1.0/api/group-list.md"}},
		{"site link without extension", "docs/v1.0/resources/session.md", []string{"docs/v1.0/resources/session.md", "docs/v1.0/api/callrecord-get.md"}},
		{"other version", "docs/beta/resources/user.md", []string{"docs/beta/resources/user.md", "docs/beta/api/user-get.md"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := newRepo(t, docsFiles)
			writeFile(t, filepath.Join(dir, filepath.FromSlash(tc.resource)), "# edited\n")
			assert.ElementsMatch(t, tc.want, changedKeys(t, dir, allPages(dir)))
		})
	}
}

func TestChangedDeletedResourceSelectsUsers(t *testing.T) {
	dir := newRepo(t, docsFiles)
	require.NoError(t, os.Remove(filepath.Join(dir, "docs", "v1.0", "resources", "group.md")))
	pages := allPages(dir)
	assert.ElementsMatch(t, []string{"docs/v1.0/api/group-list.md"}, changedKeys(t, dir, pages))
}

func TestChangedRenamedResourceSelectsUsersOfOldName(t *testing.T) {
	dir := newRepo(t, docsFiles)
	resources := filepath.Join(dir, "docs", "v1.0", "resources")
	require.NoError(t, os.Rename(filepath.Join(resources, "group.md"), filepath.Join(resources, "team.md")))
	git(t, dir, "add", "-A")

	pages := allPages(dir, "docs/v1.0/resources/team.md")
	assert.ElementsMatch(t, []string{"docs/v1.0/resources/team.md", "docs/v1.0/api/group-list.md"}, changedKeys(t, dir, pages))
}

func TestChangedResourceOutsidePagesSelectsNothingExtra(t *testing.T) {
	dir := newRepo(t, docsFiles)
	writeFile(t, filepath.Join(dir, "docs", "v1.0", "resources", "user.md"), "# edited\n")

	// Only the beta pages are checked, so no v1.0 page may be selected.
	pages := []string{filepath.Join(dir, "docs", "beta", "api", "user-get.md")}
	assert.Empty(t, changedKeys(t, dir, pages))
}

func TestChangedPathForms(t *testing.T) {
	dir := newRepo(t, docsFiles)
	writeFile(t, filepath.Join(dir, "docs", "v1.0", "api", "drive-get.md"), "# changed\n")

	// Relative to a current directory inside the repository, with the
	// repository given as that directory.
	t.Chdir(filepath.Join(dir, "docs", "v1.0"))
	selected, err := Changed(context.Background(), "", "HEAD", []string{"api/drive-get.md", "api/user-get.md", "../beta/api/user-get.md"})
	require.NoError(t, err)
	assert.Equal(t, []string{"api/drive-get.md"}, selected)

	// Relative to the repository root, at the top level and below it.
	writeFile(t, filepath.Join(dir, "README.md"), "# new\n")
	t.Chdir(dir)
	selected, err = Changed(context.Background(), ".", "HEAD", []string{"README.md", "./docs/v1.0/api/drive-get.md", "docs/v1.0/api/user-get.md"})
	require.NoError(t, err)
	assert.Equal(t, []string{"README.md", "./docs/v1.0/api/drive-get.md"}, selected)

	// Relative to a current directory outside it.
	outside := t.TempDir()
	t.Chdir(outside)
	rel, err := filepath.Rel(outside, filepath.Join(dir, "docs", "v1.0", "api", "drive-get.md"))
	require.NoError(t, err)
	selected, err = Changed(context.Background(), dir, "HEAD", []string{rel})
	require.NoError(t, err)
	assert.Equal(t, []string{rel}, selected)

	// Through a symbolic link to the repository.
	link := filepath.Join(t.TempDir(), "checkout")
	require.NoError(t, os.Symlink(dir, link))
	linked := filepath.Join(link, "docs", "v1.0", "api", "drive-get.md")
	selected, err = Changed(context.Background(), link, "HEAD", []string{linked, filepath.Join(link, "docs", "v1.0", "api", "user-get.md")})
	require.NoError(t, err)
	assert.Equal(t, []string{linked}, selected)

	// A page outside the repository is never selected.
	stray := filepath.Join(outside, "stray.md")
	writeFile(t, stray, "# stray\n")
	selected, err = Changed(context.Background(), dir, "HEAD", []string{stray})
	require.NoError(t, err)
	assert.Empty(t, selected)
}

func TestChangedSinceOlderCommit(t *testing.T) {
	dir := newRepo(t, docsFiles)
	writeFile(t, filepath.Join(dir, "docs", "v1.0", "api", "drive-get.md"), "# committed change\n")
	git(t, dir, "commit", "-q", "-a", "-m", "edit drive-get")

	selected, err := Changed(context.Background(), dir, "HEAD~1", allPages(dir))
	require.NoError(t, err)
	require.Len(t, selected, 1)
	assert.Equal(t, filepath.Join(dir, "docs", "v1.0", "api", "drive-get.md"), selected[0])

	selected, err = Changed(context.Background(), dir, "HEAD", allPages(dir))
	require.NoError(t, err)
	assert.Empty(t, selected)
}

func TestChangedErrors(t *testing.T) {
	dir := newRepo(t, docsFiles)

	_, err := Changed(context.Background(), dir, "HEAD~5", nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `git ref "HEAD~5" not found`)

	_, err = Changed(context.Background(), dir, "no-such-branch", nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"no-such-branch" not found`)

	_, err = Changed(context.Background(), dir, "--output=x", nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "invalid git ref")

	_, err = Changed(context.Background(), dir, "", nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "invalid git ref")

	plain := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(plain))
	_, err = Changed(context.Background(), plain, "HEAD", nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "is not inside a git repository")

	_, err = Changed(context.Background(), filepath.Join(plain, "absent"), "HEAD", nil)
	require.Error(t, err)
	assert.ErrorIs(t, err, os.ErrNotExist)
}

func TestChangedCanceled(t *testing.T) {
	dir := newRepo(t, docsFiles)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Changed(ctx, dir, "HEAD", allPages(dir))
	require.Error(t, err)
	assert.ErrorIs(t, err, context.Canceled)
}
