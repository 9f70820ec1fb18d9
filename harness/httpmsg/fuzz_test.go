package httpmsg

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The seed corpora in testdata/fuzz hold real request and response blocks
// of Microsoft Graph reference pages, and the inputs fuzzing found.

func FuzzParseRequest(f *testing.F) {
	f.Fuzz(func(t *testing.T, text []byte) {
		req, issues := ParseRequest(text)
		checkIssues(t, text, issues)
		if req == nil {
			return
		}
		checkPositions(t, text, req.Headers, req.Body, req.BodyLine)

		rendered := req.Render()
		again, againIssues := ParseRequest(rendered)
		require.NotNil(t, again, "rendered request does not parse:\n%s", rendered)
		checkIssues(t, rendered, againIssues)
		assert.Equal(t, req.Method, again.Method, "method")
		assert.Equal(t, req.Target, again.Target, "target")
		assert.Equal(t, req.Proto, again.Proto, "proto")
		assert.Equal(t, headerPairs(req.Headers), headerPairs(again.Headers), "headers")
		assert.Equal(t, req.Body, again.Body, "body")
		assert.Equal(t, string(rendered), string(again.Render()), "rendering is not stable")
	})
}

func FuzzParseResponse(f *testing.F) {
	f.Fuzz(func(t *testing.T, text []byte) {
		resp, issues := ParseResponse(text)
		checkIssues(t, text, issues)
		if resp == nil {
			return
		}
		checkPositions(t, text, resp.Headers, resp.Body, resp.BodyLine)

		rendered := resp.Render()
		again, againIssues := ParseResponse(rendered)
		require.NotNil(t, again, "rendered response does not parse:\n%s", rendered)
		checkIssues(t, rendered, againIssues)
		assert.Equal(t, resp.Proto, again.Proto, "proto")
		assert.Equal(t, resp.Status, again.Status, "status")
		assert.Equal(t, resp.Reason, again.Reason, "reason")
		assert.Equal(t, headerPairs(resp.Headers), headerPairs(again.Headers), "headers")
		assert.Equal(t, resp.Body, again.Body, "body")
		assert.Equal(t, string(rendered), string(again.Render()), "rendering is not stable")
	})
}

// checkIssues checks that every issue points into text and names a rule.
func checkIssues(t *testing.T, text []byte, issues []Issue) {
	t.Helper()
	lineCount := bytes.Count(text, []byte{'\n'}) + 1
	for _, issue := range issues {
		assert.NotEmpty(t, issue.Rule, "rule of %+v", issue)
		assert.NotEmpty(t, issue.Message, "message of %+v", issue)
		assert.GreaterOrEqual(t, issue.Line, 0, "line of %+v", issue)
		assert.Less(t, issue.Line, lineCount, "line of %+v", issue)
		assert.GreaterOrEqual(t, issue.Column, 1, "column of %+v", issue)
	}
}

// checkPositions checks that header lines are inside text and that the
// body is the text found at its line.
func checkPositions(t *testing.T, text []byte, headers []Header, body []byte, bodyLine int) {
	t.Helper()
	lines := bytes.Split(text, []byte{'\n'})
	for _, h := range headers {
		assert.GreaterOrEqual(t, h.Line, 0, "line of header %q", h.Name)
		assert.Less(t, h.Line, len(lines), "line of header %q", h.Name)
	}
	if body == nil {
		assert.Equal(t, -1, bodyLine, "body line without a body")
		return
	}
	require.GreaterOrEqual(t, bodyLine, 0)
	require.Less(t, bodyLine, len(lines))
	fromBodyLine := bytes.Join(lines[bodyLine:], []byte{'\n'})
	assert.True(t, bytes.HasPrefix(fromBodyLine, body), "body is not the text at line %d", bodyLine)
}
