package extract

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestJSONInvalidNamesCauseAndPosition(t *testing.T) {
	tests := []struct {
		name   string
		body   string
		line   int
		column int
		cause  string
	}{
		{"trailing comma", "{\n  \"a\": 1,\n}", 6, 9, "trailing comma"},
		{"comment", "{\n  // note\n  \"a\": 1\n}", 6, 3, "comment"},
		{"single quotes", "{'a': 1}", 5, 2, "single quotes"},
		{"unquoted key", "{\n  a: 1\n}", 6, 3, "unquoted key"},
		{"ellipsis", "{\"value\": [1, ...]}", 5, 15, "ellipsis"},
		{"non-breaking space", "{\"a\":\u00a01}", 5, 6, "non-breaking space"},
		{"cut short", "{\"a\": [1,", 5, 9, "ends before"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := "# Page\n\n<!-- { \"blockType\": \"example\" } -->\n```json\n" + tc.body + "\n```\n"
			page := File("page.md", []byte(src))

			require.Len(t, page.Findings, 1)
			f := page.Findings[0]
			assert.Equal(t, "json-invalid", f.Rule)
			assert.Equal(t, tc.line, f.Line)
			assert.Equal(t, tc.column, f.Column)
			assert.Contains(t, f.Message, tc.cause)
		})
	}
}

func TestBinaryPageIsAFinding(t *testing.T) {
	page := File("image.md", []byte{0x89, 'P', 'N', 'G', 0, 0, 0xff})

	require.Len(t, page.Findings, 1)
	assert.Equal(t, "page-not-text", page.Findings[0].Rule)
	assert.Empty(t, page.Blocks)
}

func TestEmptyPageHasNothing(t *testing.T) {
	page := File("empty.md", nil)

	assert.Empty(t, page.Findings)
	assert.Empty(t, page.Blocks)
}
