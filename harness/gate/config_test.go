package gate

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphdoc/graphdoc/harness/finding"
)

func writeFile(t testing.TB, path, text string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
}

const fullConfig = `# gate settings
rules:
  todo-placeholder: off
  property-unknown: warning
  permissions-missing: error
  request-unpaired: info
skip:
  - beta/api/legacy-*.md
  - "**/drafts/**"
  - scratch.md
csdl:
  beta: models/beta.xml
  v1.0: /models/v1.xml
values: replay/values.yaml
`

func TestLoadConfigReadsEveryKey(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, ConfigName)
	writeFile(t, path, fullConfig)

	cfg, err := LoadConfig(path)
	require.NoError(t, err)
	assert.Equal(t, path, cfg.Path)
	assert.Equal(t, map[string]RuleLevel{
		"todo-placeholder":    {Off: true},
		"property-unknown":    {Severity: finding.Warning},
		"permissions-missing": {Severity: finding.Error},
		"request-unpaired":    {Severity: finding.Info},
	}, cfg.Rules)
	assert.Equal(t, []string{"beta/api/legacy-*.md", "**/drafts/**", "scratch.md"}, cfg.SkipPatterns)
	assert.Equal(t, filepath.Join(dir, "models", "beta.xml"), cfg.CSDL["beta"])
	assert.Equal(t, filepath.FromSlash("/models/v1.xml"), cfg.CSDL["v1.0"])
	assert.Equal(t, filepath.Join(dir, "replay", "values.yaml"), cfg.Values)
}

func TestLoadConfigEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), ConfigName)
	writeFile(t, path, "# nothing set yet\n")

	cfg, err := LoadConfig(path)
	require.NoError(t, err)
	assert.Empty(t, cfg.Rules)
	assert.Empty(t, cfg.SkipPatterns)
	assert.Empty(t, cfg.CSDL)
	assert.Empty(t, cfg.Values)
}

func TestLoadConfigRejectsMistakes(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"unknown top key", "rule:\n  todo-placeholder: off\n", []string{`unknown key "rule"`, ":1:"}},
		{"unknown rule id", "rules:\n  todo-placeholders: off\n", []string{`unknown rule id "todo-placeholders"`, ":2:"}},
		{"unknown level", "rules:\n  todo-placeholder: fatal\n", []string{`invalid level "fatal"`, "todo-placeholder"}},
		{"level not scalar", "rules:\n  todo-placeholder: [off]\n", []string{"todo-placeholder", "off"}},
		{"unknown csdl version", "csdl:\n  v2.0: x.xml\n", []string{`unknown key "v2.0" under csdl`}},
		{"bad glob", "skip:\n  - \"docs/[\"\n", []string{`skip glob "docs/["`}},
		{"skip not list", "skip: docs/*.md\n", []string{"skip must be a list"}},
		{"values not file", "values: [a, b]\n", []string{"values must be a file name"}},
		{"duplicate key", "rules: {}\nrules: {}\n", []string{`key "rules" appears twice`}},
		{"top not mapping", "- rules\n", []string{"the top level must be a mapping"}},
		{"not yaml", "rules: [\n", []string{"not valid YAML"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), ConfigName)
			writeFile(t, path, tc.text)

			_, err := LoadConfig(path)
			require.Error(t, err)
			assert.Contains(t, err.Error(), path, "the error must name the file")
			for _, want := range tc.want {
				assert.Contains(t, err.Error(), want)
			}
		})
	}
}

func TestLoadConfigMissingFile(t *testing.T) {
	_, err := LoadConfig(filepath.Join(t.TempDir(), "absent.yaml"))
	require.Error(t, err)
	assert.ErrorIs(t, err, os.ErrNotExist)
}

func TestConfigApply(t *testing.T) {
	cfg := &Config{Rules: map[string]RuleLevel{
		"todo-placeholder": {Off: true},
		"property-unknown": {Severity: finding.Warning},
	}}
	findings := []finding.Finding{
		finding.New("todo-placeholder", "a.md", 1, 1, "TODO left"),
		finding.New("property-unknown", "a.md", 2, 1, "property x"),
		finding.New("json-invalid", "a.md", 3, 1, "trailing comma"),
	}

	got := cfg.Apply(findings)
	require.Len(t, got, 2)
	assert.Equal(t, "property-unknown", got[0].Rule)
	assert.Equal(t, finding.Warning, got[0].Severity)
	assert.Equal(t, "json-invalid", got[1].Rule)
	assert.Equal(t, finding.Error, got[1].Severity)
	assert.Equal(t, finding.Error, findings[1].Severity, "Apply must not change its input")
}

func TestConfigSkip(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, ConfigName)
	writeFile(t, path, fullConfig)
	cfg, err := LoadConfig(path)
	require.NoError(t, err)

	tests := []struct {
		page string
		want bool
	}{
		{"beta/api/legacy-user.md", true},
		{"beta/api/user-get.md", false},
		{"v1.0/api/legacy-user.md", false},
		{"drafts/new.md", true},
		{"v1.0/drafts/deep/new.md", true},
		{"v1.0/draftsx/new.md", false},
		{"scratch.md", true},
		{"v1.0/api/scratch.md", true},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, cfg.Skip(filepath.Join(dir, filepath.FromSlash(tc.page))), "absolute %s", tc.page)
	}

	// A page outside the config's folder is never skipped, and a relative
	// path is read from the current directory.
	assert.False(t, cfg.Skip(filepath.Join(filepath.Dir(dir), "scratch.md")))
	t.Chdir(filepath.Join(dir))
	assert.True(t, cfg.Skip("beta/api/legacy-user.md"))
	assert.False(t, cfg.Skip("beta/api/user-get.md"))
}

func TestFindConfigSearchesUpward(t *testing.T) {
	root := t.TempDir()
	path := filepath.Join(root, "repo", ConfigName)
	writeFile(t, path, "rules: {}\n")
	deep := filepath.Join(root, "repo", "docs", "v1.0", "api")
	require.NoError(t, os.MkdirAll(deep, 0o755))

	found, err := FindConfig(deep)
	require.NoError(t, err)
	assert.Equal(t, path, found)

	found, err = FindConfig(filepath.Join(root, "repo"))
	require.NoError(t, err)
	assert.Equal(t, path, found)
}

func TestFindConfigNoneFound(t *testing.T) {
	dir := t.TempDir()
	// A folder named like the config is not a config.
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "x", ConfigName), 0o755))

	found, err := FindConfig(filepath.Join(dir, "x"))
	require.NoError(t, err)
	if found != "" {
		// Only a config above the temporary folder, left by the machine,
		// may be found; never one inside it.
		assert.NotContains(t, found, dir)
	}
}

func TestMatchGlob(t *testing.T) {
	tests := []struct {
		pattern, name string
		want          bool
	}{
		{"*.md", "a/b/c.md", true},
		{"a/*.md", "a/c.md", true},
		{"a/*.md", "a/b/c.md", false},
		{"a/**/c.md", "a/c.md", true},
		{"a/**/c.md", "a/x/y/c.md", true},
		{"**", "a/b", true},
		{"./a/*.md", "a/c.md", true},
		{"a/**", "b/c.md", false},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, matchGlob(tc.pattern, tc.name), "%s against %s", tc.pattern, tc.name)
	}
}
