package gate

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphdoc/graphdoc/harness/extract"
	"github.com/graphdoc/graphdoc/harness/finding"
)

// suppressPage is a page with two request blocks. Line numbers matter:
// the get_user block spans lines 4-10 (annotation to closing fence) and
// the list_users block lines 13-18.
const suppressPage = `# Get user

<!-- graphdoc-disable json-invalid, placeholder-in-example: the sample body is cut on purpose -->
<!-- { "blockType": "request", "name": "get_user" } -->
` + "```http" + `
POST https://graph.microsoft.com/v1.0/users/{id}
Content-Type: application/json

{"a": 1,}
` + "```" + `

Text between the blocks.
<!-- { "blockType": "request", "name": "list_users" } -->
` + "```http" + `
POST https://graph.microsoft.com/v1.0/users
Content-Type: application/json

{"a": 1,}
` + "```" + `
`

func parsePage(t *testing.T, text string) *extract.Page {
	t.Helper()
	page := extract.File("docs/user-get.md", []byte(text))
	require.NotEmpty(t, page.Blocks, "the test page must have blocks")
	return page
}

// rendered returns findings as file:rule@line lines, for compact comparison.
func rendered(findings []finding.Finding) []string {
	var lines []string
	for _, f := range findings {
		lines = append(lines, fmt.Sprintf("%s:%s@%d", f.File, f.Rule, f.Line))
	}
	return lines
}

func TestSuppressBlockComment(t *testing.T) {
	page := parsePage(t, suppressPage)
	require.Len(t, page.Blocks, 2)
	require.Equal(t, 4, page.Blocks[0].Annotation.Line)
	require.Equal(t, 10, page.Blocks[0].EndLine)

	findings := []finding.Finding{
		finding.New("json-invalid", page.Path, 9, 9, "trailing comma"),
		finding.New("placeholder-in-example", page.Path, 6, 1, "placeholder {id}"),
		finding.New("json-invalid", page.Path, 18, 9, "trailing comma"),
		finding.New("json-invalid", "docs/other.md", 9, 9, "trailing comma"),
	}
	got := Suppress(page, findings)
	assert.Equal(t, []string{
		"docs/other.md:json-invalid@9",
		"docs/user-get.md:json-invalid@18",
	}, rendered(got), "only the block after the comment is suppressed")
}

func TestSuppressReportsUnusedRule(t *testing.T) {
	page := parsePage(t, suppressPage)
	got := Suppress(page, []finding.Finding{
		finding.New("json-invalid", page.Path, 9, 9, "trailing comma"),
	})
	require.Len(t, got, 1)
	assert.Equal(t, "suppression-unused", got[0].Rule)
	assert.Equal(t, 3, got[0].Line)
	assert.Equal(t, finding.Warning, got[0].Severity)
	assert.Equal(t, "get_user", got[0].Example)
	assert.Contains(t, got[0].Message, "placeholder-in-example")
	assert.Contains(t, got[0].Message, "lines 4-10")
}

func TestSuppressInvalidComments(t *testing.T) {
	tests := []struct {
		name    string
		comment string
		want    string
	}{
		{"no reason", "<!-- graphdoc-disable json-invalid -->", "gives no reason"},
		{"empty reason", "<!-- graphdoc-disable json-invalid:   -->", "gives no reason"},
		{"no rule", "<!-- graphdoc-disable: because -->", "names no rule"},
		{"bare", "<!-- graphdoc-disable -->", "names no rule"},
		{"unknown rule", "<!-- graphdoc-disable json-invalidd: typo -->", `unknown rule "json-invalidd"`},
		{"own rule", "<!-- graphdoc-disable suppression-unused: quiet -->", "cannot be suppressed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := strings.Replace(suppressPage,
				"<!-- graphdoc-disable json-invalid, placeholder-in-example: the sample body is cut on purpose -->", tc.comment, 1)
			page := parsePage(t, text)
			bad := finding.New("json-invalid", page.Path, 9, 9, "trailing comma")

			got := Suppress(page, []finding.Finding{bad})
			require.Len(t, got, 2)
			assert.Equal(t, "suppression-invalid", got[0].Rule)
			assert.Equal(t, 3, got[0].Line)
			assert.Contains(t, got[0].Message, tc.want)
			assert.Equal(t, bad, got[1], "an invalid suppression suppresses nothing")
		})
	}
}

func TestSuppressUnknownRuleKeepsKnownOnes(t *testing.T) {
	text := strings.Replace(suppressPage, "placeholder-in-example:", "no-such-rule:", 1)
	page := parsePage(t, text)

	got := Suppress(page, []finding.Finding{finding.New("json-invalid", page.Path, 9, 9, "trailing comma")})
	require.Len(t, got, 1)
	assert.Equal(t, "suppression-invalid", got[0].Rule)
	assert.Contains(t, got[0].Message, "no-such-rule")
}

func TestSuppressCommentWithoutBlock(t *testing.T) {
	page := parsePage(t, suppressPage+"\n<!-- graphdoc-disable json-invalid: at the end -->\n")
	got := Suppress(page, nil)
	var rules []string
	for _, f := range got {
		rules = append(rules, f.Rule)
	}
	assert.Contains(t, rules, "suppression-invalid")
	assert.Len(t, got, 3, "the trailing comment is invalid, and the first comment's two rules are unused")
}

func TestSuppressIgnoresCommentInsideBlock(t *testing.T) {
	text := strings.Replace(suppressPage, `{"a": 1,}`, "<!-- graphdoc-disable json-invalid: inside the body -->\n{\"a\": 1,}", 2)
	text = strings.Replace(text, "<!-- graphdoc-disable json-invalid, placeholder-in-example: the sample body is cut on purpose -->\n", "", 1)
	page := parsePage(t, text)
	bad := finding.New("json-invalid", page.Path, page.Blocks[1].EndLine-1, 9, "trailing comma")

	got := Suppress(page, []finding.Finding{bad})
	assert.Equal(t, []finding.Finding{bad}, got)
}

func TestSuppressPageAnnotation(t *testing.T) {
	annotation := `<!--
{
  "type": "#page.annotation",
  "suppressions": [
    "Error: /api-reference/v1.0/api/user-get.md:\r\n  Found potential enums",
    "Warning: create_user/userType: Expected type Single",
    "todo-placeholder, json-invalid: examples are being rewritten",
    "property-unknown",
    "placeholder-in-example: kept on purpose"
  ]
}
-->
`
	text := strings.Replace(suppressPage, "<!-- graphdoc-disable json-invalid, placeholder-in-example: the sample body is cut on purpose -->\n", "", 1)
	page := parsePage(t, text+annotation)
	require.Len(t, page.PageAnnotations, 1)
	line := page.PageAnnotations[0].Line

	findings := []finding.Finding{
		finding.New("json-invalid", page.Path, 8, 9, "trailing comma"),
		finding.New("json-invalid", page.Path, 17, 9, "trailing comma"),
		finding.New("property-unknown", page.Path, 17, 2, "property a"),
	}
	got := Suppress(page, findings)
	require.Len(t, got, 4)
	assert.Equal(t, "property-unknown", got[0].Rule, "an entry without a reason suppresses nothing")
	for _, f := range got[1:] {
		assert.Equal(t, line, f.Line, f.Message)
	}
	assert.ElementsMatch(t, []string{
		"suppression-invalid: suppression of property-unknown gives no reason; write property-unknown: reason",
		"suppression-unused: suppression of todo-placeholder matches no finding on this page; remove it",
		"suppression-unused: suppression of placeholder-in-example matches no finding on this page; remove it",
	}, []string{got[1].Rule + ": " + got[1].Message, got[2].Rule + ": " + got[2].Message, got[3].Rule + ": " + got[3].Message})
}

func TestSuppressPrefersBlockOverPage(t *testing.T) {
	annotation := "<!-- { \"type\": \"#page.annotation\", \"suppressions\": [\"json-invalid: whole page\"] } -->\n"
	text := strings.Replace(suppressPage, ", placeholder-in-example", "", 1)
	page := parsePage(t, text+annotation)

	got := Suppress(page, []finding.Finding{
		finding.New("json-invalid", page.Path, 9, 9, "trailing comma"),
	})
	require.Len(t, got, 1)
	assert.Equal(t, "suppression-unused", got[0].Rule, "the page-wide entry is the unused one")
	assert.Equal(t, page.PageAnnotations[0].Line, got[0].Line)
}

func TestSuppressLeavesOwnFindings(t *testing.T) {
	page := parsePage(t, suppressPage)
	own := finding.New("suppression-unused", page.Path, 4, 1, "from an earlier pass")
	got := Suppress(page, []finding.Finding{own})
	assert.Contains(t, got, own)
}
