package httpmsg

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// itemActivityResponse is a 204 response that shows a body, written
// right after its header with no blank line.
const itemActivityResponse = `HTTP/1.1 204 No Content
Content-Type: application/json
{
  "@odata.type": "#microsoft.graph.itemActivity",
  "id": "a2210582-0582-a221-8205-21a2820521a2"
}
`

func TestParseResponse(t *testing.T) {
	tests := []struct {
		name     string
		input    string
		proto    string
		status   int
		phrase   string
		headers  [][2]string
		body     string
		bodyLine int
		issues   []string
		reason   string
	}{
		{
			name:     "status line with reason",
			input:    "HTTP/1.1 200 OK\nContent-type: application/json\n\n{\n  \"value\": []\n}",
			proto:    "HTTP/1.1",
			status:   200,
			phrase:   "OK",
			headers:  [][2]string{{"Content-type", "application/json"}},
			body:     "{\n  \"value\": []\n}",
			bodyLine: 3,
		},
		{
			name:     "status line without reason",
			input:    "HTTP/1.1 200",
			proto:    "HTTP/1.1",
			status:   200,
			bodyLine: -1,
		},
		{
			name:     "HTTP/2 has no reason",
			input:    "HTTP/2 200",
			proto:    "HTTP/2",
			status:   200,
			bodyLine: -1,
		},
		{
			name:     "version without number",
			input:    "HTTP 201 Created\n\n{}",
			proto:    "HTTP",
			status:   201,
			phrase:   "Created",
			body:     "{}",
			bodyLine: 2,
			issues:   []string{"status-line-invalid@0:1"},
		},
		{
			name:     "lower-case version",
			input:    "http/1.1 200 OK",
			proto:    "http/1.1",
			status:   200,
			phrase:   "OK",
			bodyLine: -1,
			issues:   []string{"status-line-invalid@0:1"},
		},
		{
			name:     "text before status code",
			input:    "HTTP code: 200 OK\ncontent-type: application/json;odata.metadata \n\n{}",
			proto:    "HTTP",
			status:   200,
			phrase:   "OK",
			headers:  [][2]string{{"content-type", "application/json;odata.metadata"}},
			body:     "{}",
			bodyLine: 3,
			issues:   []string{"status-line-invalid@0:1", "status-line-invalid@0:6"},
		},
		{
			name:     "wrong reason",
			input:    "HTTP/1.1 201 OK",
			proto:    "HTTP/1.1",
			status:   201,
			phrase:   "OK",
			bodyLine: -1,
			issues:   []string{"status-reason-mismatch@0:14"},
		},
		{
			name:     "reason of another code",
			input:    "HTTP/1.1 204 Created",
			proto:    "HTTP/1.1",
			status:   204,
			phrase:   "Created",
			bodyLine: -1,
			issues:   []string{"status-reason-mismatch@0:14"},
			reason:   "Created is the phrase of 201 only",
		},
		{
			name:     "nonstandard reason",
			input:    "HTTP/1.1 200 Success",
			proto:    "HTTP/1.1",
			status:   200,
			phrase:   "Success",
			bodyLine: -1,
			issues:   []string{"status-reason-mismatch@0:14"},
		},
		{
			name:     "reason in upper case",
			input:    "HTTP/1.1 204 NO CONTENT",
			proto:    "HTTP/1.1",
			status:   204,
			phrase:   "NO CONTENT",
			bodyLine: -1,
		},
		{
			name:     "reason with extra spaces",
			input:    "HTTP/1.1 204   No   content  ",
			proto:    "HTTP/1.1",
			status:   204,
			phrase:   "No   content",
			bodyLine: -1,
		},
		{
			name:     "older reason phrase",
			input:    "HTTP/1.1 413 Request Entity Too Large",
			proto:    "HTTP/1.1",
			status:   413,
			phrase:   "Request Entity Too Large",
			bodyLine: -1,
		},
		{
			name:     "accepted with location",
			input:    "HTTP/1.1 202 Accepted\nLocation: https://graph.microsoft.com/v1.0/operations/1",
			proto:    "HTTP/1.1",
			status:   202,
			phrase:   "Accepted",
			headers:  [][2]string{{"Location", "https://graph.microsoft.com/v1.0/operations/1"}},
			bodyLine: -1,
		},
		{
			name:     "code without standard reason",
			input:    "HTTP/1.1 299 Anything Goes",
			proto:    "HTTP/1.1",
			status:   299,
			phrase:   "Anything Goes",
			bodyLine: -1,
		},
		{
			name:     "code out of range",
			input:    "HTTP/1.1 600 Custom",
			proto:    "HTTP/1.1",
			status:   600,
			phrase:   "Custom",
			bodyLine: -1,
			issues:   []string{"status-line-invalid@0:10"},
		},
		{
			name:     "body without blank line",
			input:    itemActivityResponse,
			proto:    "HTTP/1.1",
			status:   204,
			phrase:   "No Content",
			headers:  [][2]string{{"Content-Type", "application/json"}},
			body:     "{\n  \"@odata.type\": \"#microsoft.graph.itemActivity\",\n  \"id\": \"a2210582-0582-a221-8205-21a2820521a2\"\n}",
			bodyLine: 2,
			issues:   []string{"body-without-blank-line@2:1"},
		},
		{
			name:     "placeholder body",
			input:    "\nHTTP/1.1 206 Partial Content\nContent-Range: bytes 0-1023/2048\n\n<first 1024 bytes of file>\n",
			proto:    "HTTP/1.1",
			status:   206,
			phrase:   "Partial Content",
			headers:  [][2]string{{"Content-Range", "bytes 0-1023/2048"}},
			body:     "<first 1024 bytes of file>",
			bodyLine: 4,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, issues := ParseResponse([]byte(tc.input))

			require.NotNil(t, resp, tc.reason)
			assert.Equal(t, tc.proto, resp.Proto, "proto")
			assert.Equal(t, tc.status, resp.Status, "status")
			assert.Equal(t, tc.phrase, resp.Reason, "reason phrase")
			assert.Equal(t, tc.headers, headerPairs(resp.Headers), "headers")
			if tc.body == "" {
				assert.Nil(t, resp.Body, "body")
			} else {
				assert.Equal(t, tc.body, string(resp.Body), "body")
			}
			assert.Equal(t, tc.bodyLine, resp.BodyLine, "body line")
			assert.Equal(t, tc.issues, issueKeys(issues), tc.reason)
		})
	}
}

func TestParseResponseUnusable(t *testing.T) {
	tests := []struct {
		name   string
		input  string
		issues []string
	}{
		{name: "empty", input: "", issues: []string{"status-line-invalid@0:1"}},
		{name: "blank lines only", input: "\n\n", issues: []string{"status-line-invalid@0:1"}},
		{name: "JSON", input: "{\n  \"a\": 1\n}", issues: []string{"status-line-invalid@0:1"}},
		{name: "no status code", input: "HTTP/1.1 OK", issues: []string{"status-line-invalid@0:1"}},
		{name: "URL", input: "  https://graph.microsoft.com/v1.0/me 200", issues: []string{"status-line-invalid@0:3"}},
		{name: "request line", input: "\nGET /me", issues: []string{"status-line-invalid@1:1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, issues := ParseResponse([]byte(tc.input))

			assert.Nil(t, resp)
			assert.Equal(t, tc.issues, issueKeys(issues))
		})
	}
}

func TestParseResponseReasonMessage(t *testing.T) {
	_, issues := ParseResponse([]byte("HTTP/1.1 201 OK"))

	require.Len(t, issues, 1)
	assert.Equal(t, `reason phrase "OK" does not match status 201; write "Created"`, issues[0].Message)
}

func TestResponseRender(t *testing.T) {
	tests := []struct {
		name     string
		response Response
		want     string
	}{
		{
			name:     "status line only",
			response: Response{Proto: "HTTP/1.1", Status: 204, Reason: "No Content"},
			want:     "HTTP/1.1 204 No Content\n",
		},
		{
			name:     "default version",
			response: Response{Status: 200},
			want:     "HTTP/1.1 200\n",
		},
		{
			name: "headers and body",
			response: Response{
				Proto: "HTTP/2", Status: 201,
				Headers: []Header{{Name: "Content-Type", Value: "application/json"}, {Name: "X-Empty"}},
				Body:    []byte("{}"),
			},
			want: "HTTP/2 201\nContent-Type: application/json\nX-Empty:\n\n{}\n",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, string(tc.response.Render()))
		})
	}
}

func TestResponseRenderFixesLayout(t *testing.T) {
	resp, _ := ParseResponse([]byte(itemActivityResponse))

	require.NotNil(t, resp)
	want := "HTTP/1.1 204 No Content\nContent-Type: application/json\n\n" + string(resp.Body) + "\n"
	assert.Equal(t, want, string(resp.Render()))
}
