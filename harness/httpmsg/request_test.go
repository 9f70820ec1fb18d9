package httpmsg

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// issueKeys renders issues as "rule@line:column" for compact comparison.
func issueKeys(issues []Issue) []string {
	var keys []string
	for _, issue := range issues {
		keys = append(keys, fmt.Sprintf("%s@%d:%d", issue.Rule, issue.Line, issue.Column))
	}
	return keys
}

// headerPairs drops the line numbers from headers.
func headerPairs(headers []Header) [][2]string {
	var pairs [][2]string
	for _, h := range headers {
		pairs = append(pairs, [2]string{h.Name, h.Value})
	}
	return pairs
}

const itemActivityRequest = `POST https://graph.microsoft.com/beta/invitations/{invitationsId}/activities/$ref
Content-Type: application/json
Content-length: 550

{
  "@odata.type": "#microsoft.graph.itemActivity",
  "access": {
    "@odata.type": "microsoft.graph.accessAction"
  }
}
`

func TestParseRequest(t *testing.T) {
	tests := []struct {
		name     string
		input    string
		method   string
		target   string
		proto    string
		headers  [][2]string
		body     string
		bodyLine int
		issues   []string
		reason   string
	}{
		{
			name:     "absolute URL",
			input:    "GET https://graph.microsoft.com/v1.0/me/drive/root/children",
			method:   "GET",
			target:   "https://graph.microsoft.com/v1.0/me/drive/root/children",
			bodyLine: -1,
		},
		{
			name:     "absolute URL with version",
			input:    "GET https://graph.microsoft.com/v1.0/me HTTP/1.1",
			method:   "GET",
			target:   "https://graph.microsoft.com/v1.0/me",
			proto:    "HTTP/1.1",
			bodyLine: -1,
		},
		{
			name:     "absolute path",
			input:    "GET /me/messages",
			method:   "GET",
			target:   "/me/messages",
			bodyLine: -1,
		},
		{
			name:     "relative path",
			input:    "GET me/events",
			method:   "GET",
			target:   "me/events",
			bodyLine: -1,
		},
		{
			name:     "template URL",
			input:    "GET /groups/{id}/drive/items/{item-id}",
			method:   "GET",
			target:   "/groups/{id}/drive/items/{item-id}",
			bodyLine: -1,
		},
		{
			name:     "filter with spaces and quotes",
			input:    "GET https://graph.microsoft.com/beta/users?$filter=startswith(displayName,'a b')&$select=id HTTP/1.1",
			method:   "GET",
			target:   "https://graph.microsoft.com/beta/users?$filter=startswith(displayName,'a b')&$select=id",
			proto:    "HTTP/1.1",
			bodyLine: -1,
			reason:   "the target runs up to the version and keeps its spaces",
		},
		{
			name:     "filter with spaces no version",
			input:    "GET https://graph.microsoft.com/v1.0/me/contacts?$filter=emailAddresses/any(a:a/address eq 'garth@contoso.com')",
			method:   "GET",
			target:   "https://graph.microsoft.com/v1.0/me/contacts?$filter=emailAddresses/any(a:a/address eq 'garth@contoso.com')",
			bodyLine: -1,
		},
		{
			name:     "HTTP/2 version",
			input:    "DELETE /me/events/{id} HTTP/2",
			method:   "DELETE",
			target:   "/me/events/{id}",
			proto:    "HTTP/2",
			bodyLine: -1,
		},
		{
			name:     "leading blank lines skipped",
			input:    "\n  \nGET /me\nAccept: application/json\n",
			method:   "GET",
			target:   "/me",
			headers:  [][2]string{{"Accept", "application/json"}},
			bodyLine: -1,
		},
		{
			name:     "lower-case method",
			input:    "get /me",
			method:   "GET",
			target:   "/me",
			bodyLine: -1,
			issues:   []string{"request-line-invalid@0:1"},
			reason:   "methods are case-sensitive, so get is reported and stored as GET",
		},
		{
			name:     "mixed-case method",
			input:    "Patch /me",
			method:   "PATCH",
			target:   "/me",
			bodyLine: -1,
			issues:   []string{"request-line-invalid@0:1"},
		},
		{
			name:     "unknown method",
			input:    "FETCH /me",
			method:   "FETCH",
			target:   "/me",
			bodyLine: -1,
			issues:   []string{"request-line-invalid@0:1"},
		},
		{
			name:     "method without URL",
			input:    "GET",
			method:   "GET",
			bodyLine: -1,
			issues:   []string{"request-line-invalid@0:4"},
		},
		{
			name:     "version without URL",
			input:    "GET HTTP/1.1",
			method:   "GET",
			proto:    "HTTP/1.1",
			bodyLine: -1,
			issues:   []string{"request-line-invalid@0:5"},
		},
		{
			name:     "malformed version",
			input:    "GET /me HTTP/1.x",
			method:   "GET",
			target:   "/me",
			proto:    "HTTP/1.x",
			bodyLine: -1,
			issues:   []string{"request-line-invalid@0:9"},
		},
		{
			name:     "placeholder instead of URL",
			input:    "GET ** Collection URI not found",
			method:   "GET",
			target:   "** Collection URI not found",
			bodyLine: -1,
			issues:   []string{"request-line-invalid@0:5"},
		},
		{
			name:     "headers and JSON body",
			input:    itemActivityRequest,
			method:   "POST",
			target:   "https://graph.microsoft.com/beta/invitations/{invitationsId}/activities/$ref",
			headers:  [][2]string{{"Content-Type", "application/json"}, {"Content-length", "550"}},
			body:     "{\n  \"@odata.type\": \"#microsoft.graph.itemActivity\",\n  \"access\": {\n    \"@odata.type\": \"microsoft.graph.accessAction\"\n  }\n}",
			bodyLine: 4,
		},
		{
			name:     "body without blank line",
			input:    "POST /me/events\nContent-Type: application/json\n{\n  \"subject\": \"a\"\n}",
			method:   "POST",
			target:   "/me/events",
			headers:  [][2]string{{"Content-Type", "application/json"}},
			body:     "{\n  \"subject\": \"a\"\n}",
			bodyLine: 2,
			issues:   []string{"body-without-blank-line@2:1"},
		},
		{
			name:     "JSON member is no header",
			input:    "POST /me/events\n\"subject\": \"a\"",
			method:   "POST",
			target:   "/me/events",
			body:     "\"subject\": \"a\"",
			bodyLine: 1,
			issues:   []string{"body-without-blank-line@1:1"},
			reason:   "a header name is a token, and a token has no quotes",
		},
		{
			name:     "array body without blank line",
			input:    "POST /x\n[1, 2]",
			method:   "POST",
			target:   "/x",
			body:     "[1, 2]",
			bodyLine: 1,
			issues:   []string{"body-without-blank-line@1:1"},
		},
		{
			name:     "XML body without blank line",
			input:    "POST /x\nContent-Type: text/html\n<html></html>",
			method:   "POST",
			target:   "/x",
			headers:  [][2]string{{"Content-Type", "text/html"}},
			body:     "<html></html>",
			bodyLine: 2,
			issues:   []string{"body-without-blank-line@2:1"},
		},
		{
			name:     "multipart boundary without blank line",
			input:    "POST /x\nContent-Type: multipart/form-data; boundary=B\n--B\nContent-Disposition: form-data; name=\"a\"\n\nvalue\n--B--",
			method:   "POST",
			target:   "/x",
			headers:  [][2]string{{"Content-Type", "multipart/form-data; boundary=B"}},
			body:     "--B\nContent-Disposition: form-data; name=\"a\"\n\nvalue\n--B--",
			bodyLine: 2,
			issues:   []string{"body-without-blank-line@2:1"},
		},
		{
			name:     "several request lines",
			input:    "GET /me/events\nGET /users/{id}/events",
			method:   "GET",
			target:   "/me/events",
			body:     "GET /users/{id}/events",
			bodyLine: 1,
			issues:   []string{"body-without-blank-line@1:1"},
		},
		{
			name:     "indented line ends headers",
			input:    "GET /x\nWarning: 199 a\n    199 b",
			method:   "GET",
			target:   "/x",
			headers:  [][2]string{{"Warning", "199 a"}},
			body:     "    199 b",
			bodyLine: 2,
			issues:   []string{"body-without-blank-line@2:1"},
			reason:   "obsolete line folding is not supported",
		},
		{
			name:     "headers after blank line",
			input:    "POST https://graph.microsoft.com/v1.0/users/{usersId}/managedDevices/{managedDeviceId}/wipe\n\nContent-type: application/json\nContent-length: 141\n\n{\n  \"keepUserData\": true\n}\n",
			method:   "POST",
			target:   "https://graph.microsoft.com/v1.0/users/{usersId}/managedDevices/{managedDeviceId}/wipe",
			headers:  [][2]string{{"Content-type", "application/json"}, {"Content-length", "141"}},
			body:     "{\n  \"keepUserData\": true\n}",
			bodyLine: 5,
			issues:   []string{"header-after-body@2:1", "header-after-body@3:1"},
		},
		{
			name:     "header after blank line then JSON",
			input:    "POST /x\n\nContent-Type: application/json\n{}",
			method:   "POST",
			target:   "/x",
			headers:  [][2]string{{"Content-Type", "application/json"}},
			body:     "{}",
			bodyLine: 3,
			issues:   []string{"header-after-body@2:1", "body-without-blank-line@3:1"},
		},
		{
			name:     "header after blank line without body",
			input:    "GET /x\n\nAuthorization: Bearer {token}\n",
			method:   "GET",
			target:   "/x",
			headers:  [][2]string{{"Authorization", "Bearer {token}"}},
			bodyLine: -1,
			issues:   []string{"header-after-body@2:1"},
		},
		{
			name:     "text body with colon",
			input:    "PUT /x\n\nNote: first line\nsecond line",
			method:   "PUT",
			target:   "/x",
			body:     "Note: first line\nsecond line",
			bodyLine: 2,
			reason:   "a header group must end at a blank line, the end or a JSON body",
		},
		{
			name:     "URL body",
			input:    "POST /x/$ref\n\nhttps://graph.microsoft.com/v1.0/users/1\n\nhttps://graph.microsoft.com/v1.0/users/2",
			method:   "POST",
			target:   "/x/$ref",
			body:     "https://graph.microsoft.com/v1.0/users/1\n\nhttps://graph.microsoft.com/v1.0/users/2",
			bodyLine: 2,
			reason:   "https: is followed by //, not by whitespace",
		},
		{
			name:     "declared text body keeps header-like lines",
			input:    "PUT /x\nContent-Type: text/plain\n\nSubject: hello\n\nbody text",
			method:   "PUT",
			target:   "/x",
			headers:  [][2]string{{"Content-Type", "text/plain"}},
			body:     "Subject: hello\n\nbody text",
			bodyLine: 3,
		},
		{
			name:     "whitespace before colon",
			input:    "GET /x\nWarning : 199 - \"a\"",
			method:   "GET",
			target:   "/x",
			headers:  [][2]string{{"Warning", "199 - \"a\""}},
			bodyLine: -1,
			issues:   []string{"header-invalid@1:8"},
		},
		{
			name:     "well-known header without colon",
			input:    "GET /x\nContent-Type application/json",
			method:   "GET",
			target:   "/x",
			headers:  [][2]string{{"Content-Type", "application/json"}},
			bodyLine: -1,
			issues:   []string{"header-invalid@1:13"},
		},
		{
			name:     "header name with space",
			input:    "GET /x\nContent Type: application/json",
			method:   "GET",
			target:   "/x",
			headers:  [][2]string{{"Content Type", "application/json"}},
			bodyLine: -1,
			issues:   []string{"header-invalid@1:8"},
		},
		{
			name:     "control character in value",
			input:    "GET /x\nX-A: a\x01b",
			method:   "GET",
			target:   "/x",
			headers:  [][2]string{{"X-A", "a\x01b"}},
			bodyLine: -1,
			issues:   []string{"header-invalid@1:7"},
		},
		{
			name:     "empty header value",
			input:    "GET /x\nIf-Match:\n",
			method:   "GET",
			target:   "/x",
			headers:  [][2]string{{"If-Match", ""}},
			bodyLine: -1,
		},
		{
			name:     "trailing blank lines trimmed",
			input:    "POST /x\n\n\n{}  \n\n  \n",
			method:   "POST",
			target:   "/x",
			body:     "{}  ",
			bodyLine: 3,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, issues := ParseRequest([]byte(tc.input))

			require.NotNil(t, req, tc.reason)
			assert.Equal(t, tc.method, req.Method, "method")
			assert.Equal(t, tc.target, req.Target, "target")
			assert.Equal(t, tc.proto, req.Proto, "proto")
			assert.Equal(t, tc.headers, headerPairs(req.Headers), "headers")
			if tc.body == "" {
				assert.Nil(t, req.Body, "body")
			} else {
				assert.Equal(t, tc.body, string(req.Body), "body")
			}
			assert.Equal(t, tc.bodyLine, req.BodyLine, "body line")
			assert.Equal(t, tc.issues, issueKeys(issues), tc.reason)
		})
	}
}

func TestParseRequestUnusable(t *testing.T) {
	tests := []struct {
		name   string
		input  string
		issues []string
	}{
		{name: "empty", input: "", issues: []string{"request-line-invalid@0:1"}},
		{name: "blank lines only", input: "\n  \n\t\n", issues: []string{"request-line-invalid@0:1"}},
		{name: "header first", input: "\nPrefer: outlook.timezone=\"Eastern Standard Time\"", issues: []string{"request-line-invalid@1:1"}},
		{name: "URL without method", input: "https://graph.microsoft.com/{version}/me/onenote/", issues: []string{"request-line-invalid@0:1"}},
		{name: "JSON", input: "{\n}", issues: []string{"request-line-invalid@0:1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, issues := ParseRequest([]byte(tc.input))

			assert.Nil(t, req)
			assert.Equal(t, tc.issues, issueKeys(issues))
		})
	}
}

func TestParseRequestHeaderLines(t *testing.T) {
	req, _ := ParseRequest([]byte("\nPOST /x\nA: 1\n\nB: 2\n\n{}"))

	require.NotNil(t, req)
	require.Len(t, req.Headers, 2)
	assert.Equal(t, 2, req.Headers[0].Line)
	assert.Equal(t, 4, req.Headers[1].Line)
	assert.Equal(t, 6, req.BodyLine)
}

func TestParseRequestBodyAliasesText(t *testing.T) {
	text := []byte("POST /x\n\n{\"a\": 1}\n")

	req, _ := ParseRequest(text)

	require.NotNil(t, req)
	require.NotEmpty(t, req.Body)
	assert.Same(t, &text[9], &req.Body[0], "the body is a sub-slice of the text")
	assert.Equal(t, len(req.Body), cap(req.Body), "appending to the body must not overwrite the text")
}

func TestRequestRender(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  string
	}{
		{
			name:  "request line only",
			input: "GET /me",
			want:  "GET /me\n",
		},
		{
			name:  "version and headers",
			input: "\n\nget  /me/events HTTP/1.1\nPrefer : outlook.timezone=\"UTC\"\n",
			want:  "GET /me/events HTTP/1.1\nPrefer: outlook.timezone=\"UTC\"\n",
		},
		{
			name:  "headers moved above blank line",
			input: "POST /x\n\nContent-type: application/json\n\n{\n  \"a\": 1\n}\n\n",
			want:  "POST /x\nContent-type: application/json\n\n{\n  \"a\": 1\n}\n",
		},
		{
			name:  "blank line inserted before body",
			input: "POST /x\nContent-Type: application/json\n{}",
			want:  "POST /x\nContent-Type: application/json\n\n{}\n",
		},
		{
			name:  "empty header value",
			input: "GET /x\nIf-Match:   \n",
			want:  "GET /x\nIf-Match:\n",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := ParseRequest([]byte(tc.input))

			require.NotNil(t, req)
			assert.Equal(t, tc.want, string(req.Render()))
		})
	}
}

func ExampleParseRequest() {
	req, issues := ParseRequest([]byte("get https://graph.microsoft.com/v1.0/users?$filter=startswith(displayName,'a b') HTTP/1.1\n\nConsistencyLevel: eventual\n"))

	fmt.Printf("%s %s\n", req.Method, req.Target)
	for _, issue := range issues {
		fmt.Printf("%d:%d: %s: %s\n", issue.Line, issue.Column, issue.Rule, issue.Message)
	}
	fmt.Print(string(req.Render()))
	// Output:
	// GET https://graph.microsoft.com/v1.0/users?$filter=startswith(displayName,'a b')
	// 0:1: request-line-invalid: HTTP method "get" must be upper case, because methods are case-sensitive; write "GET"
	// 2:1: header-after-body: header "ConsistencyLevel" comes after the blank line that starts the body; move it above that line
	// GET https://graph.microsoft.com/v1.0/users?$filter=startswith(displayName,'a b') HTTP/1.1
	// ConsistencyLevel: eventual
}
