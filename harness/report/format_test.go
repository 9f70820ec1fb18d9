package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphdoc/graphdoc/harness/finding"
	"github.com/graphdoc/graphdoc/harness/replay"
)

func writeString(t *testing.T, name string, r Result, opts Options) string {
	t.Helper()
	var out bytes.Buffer
	require.NoError(t, Write(&out, name, r, opts))
	return out.String()
}

// decodeOne decodes exactly one JSON document from text into v.
func decodeOne(t *testing.T, text string, v any) {
	t.Helper()
	decoder := json.NewDecoder(strings.NewReader(text))
	require.NoError(t, decoder.Decode(v))
	var extra any
	require.ErrorIs(t, decoder.Decode(&extra), io.EOF, "output has more than one JSON document")
}

func TestJSONEmptyCheck(t *testing.T) {
	var doc map[string]any
	decodeOne(t, writeString(t, "json", Result{Files: 2}, Options{}), &doc)

	assert.Equal(t, []any{}, doc["findings"])
	assert.NotContains(t, doc, "examples")
	assert.Equal(t, map[string]any{
		"files": 2.0, "errors": 0.0, "warnings": 0.0, "info": 0.0,
		"passed": 0.0, "failed": 0.0, "skipped": 0.0,
	}, doc["summary"])
}

func TestJSONReplayWithoutExamples(t *testing.T) {
	var doc map[string]any
	decodeOne(t, writeString(t, "json", Result{Replay: true}, Options{}), &doc)

	assert.Equal(t, []any{}, doc["findings"])
	assert.Equal(t, []any{}, doc["examples"])
}

func TestJSONReplayKeys(t *testing.T) {
	var doc struct {
		Findings []map[string]any `json:"findings"`
		Examples []map[string]any `json:"examples"`
		Summary  summary          `json:"summary"`
	}
	decodeOne(t, writeString(t, "json", replayResult(), Options{}), &doc)

	findingKeys := []string{"rule", "severity", "file", "line", "column", "example", "pointer", "message"}
	require.Len(t, doc.Findings, 5, "the repeated finding is dropped")
	for _, f := range doc.Findings {
		assert.ElementsMatch(t, findingKeys, keys(f))
	}

	exampleKeys := []string{"name", "file", "line", "method", "url", "outcome", "reason",
		"documentedStatus", "actualStatus", "differences"}
	require.Len(t, doc.Examples, 4)
	for _, example := range doc.Examples {
		assert.ElementsMatch(t, exampleKeys, keys(example))
		assert.NotNil(t, example["differences"], example["name"])
	}
	assert.Equal(t, "delete_user", doc.Examples[0]["name"], "examples are sorted by file")
	assert.Equal(t, summary{Files: 4, Errors: 2, Warnings: 4, Info: 2, Passed: 1, Failed: 2, Skipped: 1}, doc.Summary)
}

func keys(m map[string]any) []string {
	var names []string
	for name := range m {
		names = append(names, name)
	}
	return names
}

// junitDocument mirrors the JUnit XML elements the tests read back.
type junitDocument struct {
	XMLName  xml.Name `xml:"testsuites"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Skipped  int      `xml:"skipped,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Errors   int    `xml:"errors,attr"`
		Skipped  int    `xml:"skipped,attr"`
		Cases    []struct {
			Name    string `xml:"name,attr"`
			Failure *struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			Skipped *struct {
				Message string `xml:"message,attr"`
			} `xml:"skipped"`
			SystemOut string `xml:"system-out"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func parseJUnit(t *testing.T, r Result) junitDocument {
	t.Helper()
	var doc junitDocument
	require.NoError(t, xml.Unmarshal([]byte(writeString(t, "junit", r, Options{})), &doc))
	return doc
}

func TestJUnitCountsMatchCases(t *testing.T) {
	for name, r := range map[string]Result{"check": checkResult(), "replay": replayResult(), "empty": {}} {
		t.Run(name, func(t *testing.T) {
			doc := parseJUnit(t, r)

			var tests, failures, skipped int
			for _, suite := range doc.Suites {
				var suiteFailures, suiteSkipped int
				for _, c := range suite.Cases {
					if c.Failure != nil {
						suiteFailures++
					}
					if c.Skipped != nil {
						suiteSkipped++
					}
				}
				assert.Equal(t, len(suite.Cases), suite.Tests, suite.Name)
				assert.Equal(t, suiteFailures, suite.Failures, suite.Name)
				assert.Equal(t, suiteSkipped, suite.Skipped, suite.Name)
				assert.Zero(t, suite.Errors, suite.Name)
				tests += suite.Tests
				failures += suite.Failures
				skipped += suite.Skipped
			}
			assert.Equal(t, tests, doc.Tests)
			assert.Equal(t, failures, doc.Failures)
			assert.Equal(t, skipped, doc.Skipped)
			assert.Zero(t, doc.Errors)
		})
	}
}

func TestJUnitReplay(t *testing.T) {
	doc := parseJUnit(t, replayResult())

	// Four pages: get and list carry static findings, and delete and
	// update appear only through their examples.
	require.Len(t, doc.Suites, 4)
	assert.Equal(t, 8, doc.Tests, "four static testcases and four examples")
	assert.Equal(t, 3, doc.Failures, "user-get static errors, list_users, update_user")
	assert.Equal(t, 1, doc.Skipped)

	get := doc.Suites[1]
	require.Equal(t, "docs/api/user-get.md", get.Name)
	require.Len(t, get.Cases, 2)
	static := get.Cases[0]
	assert.Equal(t, staticCaseName, static.Name)
	require.NotNil(t, static.Failure)
	assert.Equal(t, "1 error", static.Failure.Message)
	assert.Equal(t, "json-invalid", static.Failure.Type)
	assert.Contains(t, static.Failure.Text, "docs/api/user-get.md:14:3: error json-invalid:")
	assert.NotContains(t, static.Failure.Text, "todo-placeholder", "warnings do not fail")
	assert.Contains(t, static.SystemOut, "warning todo-placeholder")
	assert.Contains(t, static.SystemOut, "info model-type-missing")

	passed := get.Cases[1]
	assert.Equal(t, "get_user", passed.Name)
	assert.Nil(t, passed.Failure)
	assert.Contains(t, passed.SystemOut, "property-undocumented")

	list := doc.Suites[2]
	require.Equal(t, "docs/api/user-list.md", list.Name)
	require.Len(t, list.Cases, 2)
	assert.Nil(t, list.Cases[0].Failure, "user-list.md has warnings only")
	require.NotNil(t, list.Cases[1].Failure)
	assert.Equal(t, "2 differences", list.Cases[1].Failure.Message)
	assert.Equal(t, "documented-property-missing,header-missing", list.Cases[1].Failure.Type)

	deleted := doc.Suites[0]
	require.Len(t, deleted.Cases, 2)
	require.NotNil(t, deleted.Cases[1].Skipped)
	assert.Equal(t, "DELETE is not replayed without --allow-unsafe", deleted.Cases[1].Skipped.Message)

	update := doc.Suites[3]
	require.Len(t, update.Cases, 2)
	require.NotNil(t, update.Cases[1].Failure)
	assert.Equal(t, "connection refused", update.Cases[1].Failure.Message)
	assert.Equal(t, replay.Failed, update.Cases[1].Failure.Type)
}

func TestJUnitKeepsSpecialCharacters(t *testing.T) {
	doc := parseJUnit(t, checkResult())
	require.Len(t, doc.Suites, 2)
	assert.Contains(t, doc.Suites[1].Cases[0].SystemOut, `100% sure: "a,b" <is> & decodes as a space\nsecond line\r [list_users]`+"\n")
}

// sarifDocument mirrors the SARIF 2.1.0 properties that the schema
// requires or that GitHub code scanning reads.
type sarifDocument struct {
	Schema  *string `json:"$schema"`
	Version *string `json:"version"`
	Runs    []struct {
		Tool *struct {
			Driver *struct {
				Name    *string `json:"name"`
				Version string  `json:"version"`
				Rules   []struct {
					ID               *string `json:"id"`
					ShortDescription *struct {
						Text *string `json:"text"`
					} `json:"shortDescription"`
					FullDescription *struct {
						Text *string `json:"text"`
					} `json:"fullDescription"`
					Help *struct {
						Text *string `json:"text"`
					} `json:"help"`
					DefaultConfiguration struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex *int   `json:"ruleIndex"`
			Level     string `json:"level"`
			Message   *struct {
				Text *string `json:"text"`
			} `json:"message"`
			Locations []struct {
				PhysicalLocation *struct {
					ArtifactLocation *struct {
						URI       string `json:"uri"`
						URIBaseID string `json:"uriBaseId"`
					} `json:"artifactLocation"`
					Region *struct {
						StartLine   int `json:"startLine"`
						StartColumn int `json:"startColumn"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
		} `json:"results"`
	} `json:"runs"`
}

var sarifLevels = []string{"none", "note", "warning", "error"}

// checkSARIF checks text against the SARIF 2.1.0 schema's required
// properties and value ranges, and against what GitHub code scanning
// needs, and returns the decoded document.
func checkSARIF(t *testing.T, text string) sarifDocument {
	t.Helper()
	var doc sarifDocument
	decodeOne(t, text, &doc)

	require.NotNil(t, doc.Schema, "$schema")
	assert.Contains(t, *doc.Schema, "sarif-schema-2.1.0.json")
	require.NotNil(t, doc.Version, "version is required")
	assert.Equal(t, "2.1.0", *doc.Version)
	require.Len(t, doc.Runs, 1)

	run := doc.Runs[0]
	require.NotNil(t, run.Tool, "runs[].tool is required")
	require.NotNil(t, run.Tool.Driver, "tool.driver is required")
	require.NotNil(t, run.Tool.Driver.Name, "driver.name is required")
	assert.Equal(t, "graphdoc", *run.Tool.Driver.Name)

	rules := run.Tool.Driver.Rules
	seen := map[string]bool{}
	for i, rule := range rules {
		require.NotNil(t, rule.ID, "rules[%d].id is required", i)
		assert.False(t, seen[*rule.ID], "duplicate rule %s", *rule.ID)
		seen[*rule.ID] = true
		assert.Contains(t, sarifLevels, rule.DefaultConfiguration.Level, *rule.ID)
		for _, text := range []*struct {
			Text *string `json:"text"`
		}{rule.ShortDescription, rule.FullDescription, rule.Help} {
			if text != nil {
				require.NotNil(t, text.Text, "a multiformatMessageString needs text, rule %s", *rule.ID)
			}
		}
	}

	fingerprints := map[string]bool{}
	for i, result := range run.Results {
		require.NotNil(t, result.Message, "results[%d].message is required", i)
		require.NotNil(t, result.Message.Text, "results[%d].message.text", i)
		assert.NotEmpty(t, *result.Message.Text, "results[%d].message.text", i)
		assert.Contains(t, sarifLevels, result.Level, "results[%d].level", i)

		require.NotNil(t, result.RuleIndex, "results[%d].ruleIndex", i)
		require.GreaterOrEqual(t, *result.RuleIndex, 0)
		require.Less(t, *result.RuleIndex, len(rules), "results[%d].ruleIndex", i)
		assert.Equal(t, result.RuleID, *rules[*result.RuleIndex].ID, "results[%d] ruleId and ruleIndex disagree", i)

		require.Len(t, result.Locations, 1, "results[%d].locations", i)
		physical := result.Locations[0].PhysicalLocation
		require.NotNil(t, physical, "results[%d] physicalLocation", i)
		require.NotNil(t, physical.ArtifactLocation, "results[%d] artifactLocation", i)
		assert.NotEmpty(t, physical.ArtifactLocation.URI)
		assert.NotContains(t, physical.ArtifactLocation.URI, `\`)
		require.NotNil(t, physical.Region, "results[%d] region", i)
		assert.GreaterOrEqual(t, physical.Region.StartLine, 1, "results[%d] startLine", i)
		assert.GreaterOrEqual(t, physical.Region.StartColumn, 1, "results[%d] startColumn", i)

		fingerprint := result.PartialFingerprints[sarifFingerprintKey]
		assert.NotEmpty(t, fingerprint, "results[%d] fingerprint", i)
		assert.False(t, fingerprints[fingerprint], "results[%d] repeats a fingerprint", i)
		fingerprints[fingerprint] = true
	}
	return doc
}

func TestSARIFStructure(t *testing.T) {
	for name, r := range map[string]Result{"check": checkResult(), "replay": replayResult(), "empty": {}} {
		t.Run(name, func(t *testing.T) {
			checkSARIF(t, writeString(t, "sarif", r, goldenOptions))
		})
	}
}

func TestSARIFReplay(t *testing.T) {
	doc := checkSARIF(t, writeString(t, "sarif", replayResult(), goldenOptions))
	run := doc.Runs[0]

	assert.Len(t, run.Tool.Driver.Rules, len(finding.Rules()))
	assert.Equal(t, "0.0.0-test", run.Tool.Driver.Version)
	require.Len(t, run.Results, 8, "five static findings and three differences")

	first := run.Results[0]
	location := first.Locations[0].PhysicalLocation
	assert.Equal(t, "docs/api/user-get.md", location.ArtifactLocation.URI)
	assert.Equal(t, "%SRCROOT%", location.ArtifactLocation.URIBaseID)

	var noPosition int
	for _, result := range run.Results {
		if result.RuleID == "permissions-missing" {
			noPosition++
			assert.Equal(t, 1, result.Locations[0].PhysicalLocation.Region.StartLine)
			assert.Equal(t, 1, result.Locations[0].PhysicalLocation.Region.StartColumn)
		}
	}
	assert.Equal(t, 1, noPosition)
}

func TestSARIFUnknownRule(t *testing.T) {
	r := Result{Findings: []finding.Finding{
		{Rule: "zz-custom", Severity: finding.Warning, File: "a.md", Line: 2, Column: 1, Message: "custom"},
		{Rule: "aa-custom", Severity: finding.Error, File: "a.md", Line: 1, Column: 1, Message: "custom"},
	}}
	doc := checkSARIF(t, writeString(t, "sarif", r, Options{}))

	rules := doc.Runs[0].Tool.Driver.Rules
	catalogue := len(finding.Rules())
	require.Len(t, rules, catalogue+2)
	assert.Equal(t, "aa-custom", *rules[catalogue].ID)
	assert.Equal(t, "zz-custom", *rules[catalogue+1].ID)
	assert.Equal(t, "error", rules[catalogue].DefaultConfiguration.Level, "unregistered rules default to error")
	assert.Equal(t, "warning", doc.Runs[0].Results[1].Level)
}

func TestSARIFFingerprintIgnoresLine(t *testing.T) {
	base := finding.Finding{Rule: "json-invalid", Severity: finding.Error, File: "docs/a.md", Line: 10, Column: 2,
		Example: "get", Pointer: "/id", Message: "invalid character"}
	fingerprint := func(fs ...finding.Finding) []string {
		doc := checkSARIF(t, writeString(t, "sarif", Result{Findings: fs}, Options{}))
		var out []string
		for _, result := range doc.Runs[0].Results {
			out = append(out, result.PartialFingerprints[sarifFingerprintKey])
		}
		return out
	}

	moved := base
	moved.Line, moved.Column = 42, 9
	assert.Equal(t, fingerprint(base), fingerprint(moved))

	for name, change := range map[string]func(*finding.Finding){
		"rule":    func(f *finding.Finding) { f.Rule = "type-mismatch" },
		"file":    func(f *finding.Finding) { f.File = "docs/b.md" },
		"example": func(f *finding.Finding) { f.Example = "list" },
		"pointer": func(f *finding.Finding) { f.Pointer = "/name" },
		"message": func(f *finding.Finding) { f.Message = "invalid value" },
	} {
		changed := base
		change(&changed)
		assert.NotEqual(t, fingerprint(base), fingerprint(changed), name)
	}

	// A repeat further down the file gets its own fingerprint, which
	// stays the same when both move.
	repeat := base
	repeat.Line = 20
	pair := fingerprint(base, repeat)
	require.Len(t, pair, 2)
	assert.NotEqual(t, pair[0], pair[1])
	base.Line, repeat.Line = 11, 30
	assert.Equal(t, pair, fingerprint(base, repeat))
}

func TestSARIFPaths(t *testing.T) {
	root := t.TempDir()
	inside := filepath.Join(root, "docs", "my page.md")
	outside := filepath.Join(filepath.Dir(root), "elsewhere.md")
	r := Result{Findings: []finding.Finding{
		{Rule: "json-invalid", Severity: finding.Error, File: inside, Line: 1, Column: 1, Message: "m"},
		{Rule: "json-invalid", Severity: finding.Error, File: outside, Line: 1, Column: 1, Message: "m"},
	}}
	doc := checkSARIF(t, writeString(t, "sarif", r, Options{Root: root}))

	locations := map[string]string{}
	for _, result := range doc.Runs[0].Results {
		artifact := result.Locations[0].PhysicalLocation.ArtifactLocation
		locations[artifact.URI] = artifact.URIBaseID
	}
	assert.Equal(t, "%SRCROOT%", locations["docs/my%20page.md"])
	outsideURI := "file://" + filepath.ToSlash(outside)
	require.Contains(t, locations, outsideURI)
	assert.Empty(t, locations[outsideURI])
}

func TestGitHubCommandEscaping(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		line    int
		column  int
		title   string
		message string
		want    string
	}{
		{"plain", "docs/a.md", 3, 7, "json-invalid", "bad JSON",
			"::error file=docs/a.md,line=3,col=7,title=json-invalid::bad JSON"},
		{"data escapes", "docs/a.md", 3, 7, "json-invalid", "100% bad\r\nnext: a,b",
			"::error file=docs/a.md,line=3,col=7,title=json-invalid::100%25 bad%0D%0Anext: a,b"},
		{"property escapes", "docs/a,b:c%.md", 1, 1, "t,i:t\nle", "m",
			"::error file=docs/a%2Cb%3Ac%25.md,line=1,col=1,title=t%2Ci%3At%0Ale::m"},
		{"no position", "docs/a.md", 0, 0, "permissions-missing", "m",
			"::error file=docs/a.md,title=permissions-missing::m"},
		{"line only", "docs/a.md", 5, 0, "example failed", "m",
			"::error file=docs/a.md,line=5,title=example failed::m"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, githubCommand("error", "", tc.file, tc.line, tc.column, tc.title, tc.message))
		})
	}
}

func TestGitHubOutput(t *testing.T) {
	lines := strings.Split(strings.TrimSuffix(writeString(t, "github", replayResult(), goldenOptions), "\n"), "\n")

	require.Len(t, lines, 10, "eight findings, one failed example without differences, one summary")
	for _, line := range lines[:9] {
		assert.Regexp(t, `^::(error|warning|notice) file=[^:]+::[^\r\n]*$`, line)
	}
	assert.Contains(t, lines, "::error file=docs/api/user-update.md,line=12,title=example failed::example update_user failed: connection refused")
	assert.Contains(t, lines, "::notice file=docs/api/user-get.md,line=24,col=1,title=property-undocumented::property businessPhones is not documented (pointer /businessPhones) [get_user]")
	assert.Equal(t, "graphdoc: 2 errors, 4 warnings, 2 info in 4 files; examples: 1 passed, 2 failed, 1 skipped", lines[9])
}

func TestGitHubRelativeToRoot(t *testing.T) {
	root := t.TempDir()
	file := filepath.Join(root, "docs", "a.md")
	r := Result{Findings: []finding.Finding{{Rule: "json-invalid", Severity: finding.Warning, File: file, Line: 2, Column: 1, Message: "m"}}}

	out := writeString(t, "github", r, Options{Root: root})
	assert.True(t, strings.HasPrefix(out, "::warning file=docs/a.md,line=2,col=1,title=json-invalid::m\n"), out)
}

func TestRelativePath(t *testing.T) {
	wd, err := os.Getwd()
	require.NoError(t, err)

	tests := []struct {
		name       string
		root, file string
		want       string
		wantInside bool
	}{
		{"no root relative", "", "./docs/a.md", "docs/a.md", true},
		{"no root absolute", "", "/srv/docs/a.md", "/srv/docs/a.md", false},
		{"no root parent", "", "../a.md", "../a.md", false},
		{"dot root", ".", "docs/a.md", "docs/a.md", true},
		{"absolute root", wd, "docs/a.md", "docs/a.md", true},
		{"outside root", filepath.Join(wd, "docs"), "other/a.md", filepath.ToSlash(filepath.Join(wd, "other", "a.md")), false},
		{"dotdot name inside", ".", "..docs/a.md", "..docs/a.md", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, inside := relativePath(tc.root, tc.file)
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.wantInside, inside)
		})
	}
}
