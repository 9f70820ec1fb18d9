package compare

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphdoc/graphdoc/harness/extract"
	"github.com/graphdoc/graphdoc/harness/finding"
	"github.com/graphdoc/graphdoc/harness/httpmsg"
)

// documented builds a response block as the extractor would: JSON is set
// when the body is JSON.
func documented(status int, headers []string, body string) *extract.Block {
	response := &httpmsg.Response{Proto: "HTTP/1.1", Status: status, Reason: http.StatusText(status), BodyLine: -1}
	for _, line := range headers {
		name, value, _ := strings.Cut(line, ":")
		response.Headers = append(response.Headers, httpmsg.Header{Name: name, Value: strings.TrimSpace(value)})
	}
	block := &extract.Block{
		Annotation: &extract.Annotation{BlockType: extract.TypeResponse},
		Fence:      "http",
		Line:       10,
		Response:   response,
	}
	if body != "" {
		response.Body = []byte(body)
		block.JSON = []byte(body)
		block.JSONValid = json.Valid([]byte(body))
	}
	return block
}

func jsonHeader() http.Header {
	return http.Header{"Content-Type": {"application/json; odata.metadata=minimal; charset=utf-8"}}
}

// summary renders findings as "rule pointer" lines for comparison.
func summary(findings []finding.Finding) []string {
	lines := []string{}
	for _, f := range findings {
		lines = append(lines, fmt.Sprintf("%s %s %s", f.Severity, f.Rule, f.Pointer))
	}
	return lines
}

func TestResponseBody(t *testing.T) {
	tests := []struct {
		name      string
		want      string
		got       string
		truncated bool
		findings  []string
	}{
		{
			name:     "equal bodies",
			want:     `{"id": "1", "size": 3, "file": {"mimeType": "text/plain"}}`,
			got:      `{"id": "2", "size": 4, "file": {"mimeType": "image/png"}}`,
			findings: []string{},
		},
		{
			name:     "top-level property missing",
			want:     `{"allTime": {"access": {"actionCount": 1}}, "lastSevenDays": {}}`,
			got:      `{"@odata.context": "https://example.test/$metadata#x"}`,
			findings: []string{"warning documented-property-missing /allTime", "warning documented-property-missing /lastSevenDays"},
		},
		{
			name:     "nested property missing",
			want:     `{"createdBy": {"user": {"id": "1", "displayName": "A"}}}`,
			got:      `{"createdBy": {"user": {"id": "1"}}}`,
			findings: []string{"warning documented-property-missing /createdBy/user/displayName"},
		},
		{
			name: "annotations not required",
			want: `{"@odata.context": "c", "@odata.etag": "e", "@microsoft.graph.downloadUrl": "u",
				"photo@odata.mediaEtag": "m", "@odata.type": "#microsoft.graph.driveItem", "id": "1"}`,
			got:      `{"id": "1"}`,
			findings: []string{},
		},
		{
			name:     "actual annotations not undocumented",
			want:     `{"id": "1"}`,
			got:      `{"@odata.context": "c", "@odata.nextLink": "n", "name@odata.type": "t", "id": "1"}`,
			findings: []string{},
		},
		{
			name:     "undocumented property",
			want:     `{"id": "1"}`,
			got:      `{"id": "1", "eTag": "x", "parentReference": {"driveId": "d"}}`,
			findings: []string{"info property-undocumented /eTag", "info property-undocumented /parentReference"},
		},
		{
			name:      "undocumented property when truncated",
			want:      `{"id": "1", "file": {}}`,
			got:       `{"id": "1", "eTag": "x", "file": {"hashes": {}}}`,
			truncated: true,
			findings:  []string{},
		},
		{
			name:     "collection against object",
			want:     `{"value": [{"id": "1"}]}`,
			got:      `{"id": "1", "name": "x"}`,
			findings: []string{"error collection-shape-mismatch "},
		},
		{
			name:     "object against collection",
			want:     `{"id": "1", "name": "x"}`,
			got:      `{"@odata.context": "c", "value": [{"id": "1"}]}`,
			findings: []string{"error collection-shape-mismatch /value"},
		},
		{
			name:     "collection members compared as union",
			want:     `{"value": [{"id": "1", "name": "a"}, {"id": "2", "size": 3}]}`,
			got:      `{"value": [{"id": "3", "size": 1}, {"id": "4", "name": "b"}]}`,
			findings: []string{},
		},
		{
			name:     "collection member property missing everywhere",
			want:     `{"value": [{"id": "1", "name": "a"}]}`,
			got:      `{"value": [{"id": "3"}, {"id": "4"}]}`,
			findings: []string{"warning documented-property-missing /value/0/name"},
		},
		{
			name:     "undocumented member property points at first member with it",
			want:     `{"value": [{"id": "1"}]}`,
			got:      `{"value": [{"id": "3"}, {"id": "4", "shareId": "s"}]}`,
			findings: []string{"info property-undocumented /value/1/shareId"},
		},
		{
			name:     "empty actual collection",
			want:     `{"value": [{"id": "1", "name": "a"}]}`,
			got:      `{"value": []}`,
			findings: []string{},
		},
		{
			name:     "leaf type differs",
			want:     `{"value": [{"size": 1, "roles": ["read"]}]}`,
			got:      `{"value": [{"size": 1, "roles": ["read"]}, {"size": "2", "roles": [3]}]}`,
			findings: []string{"error type-mismatch /value/1/size", "error type-mismatch /value/1/roles/0"},
		},
		{
			name:     "object where a string is documented",
			want:     `{"link": "https://example.test/x"}`,
			got:      `{"link": {"webUrl": "https://example.test/x"}}`,
			findings: []string{"error type-mismatch /link"},
		},
		{
			name:     "null agrees with every type",
			want:     `{"a": null, "b": "x", "c": {"d": 1}}`,
			got:      `{"a": "x", "b": null, "c": null}`,
			findings: []string{},
		},
		{
			name:     "integer and decimal are both numbers",
			want:     `{"ratio": 1}`,
			got:      `{"ratio": 0.75}`,
			findings: []string{},
		},
		{
			name:     "pointer escapes slash and tilde",
			want:     `{"a/b": {"c~d": 1}}`,
			got:      `{"a/b": {}}`,
			findings: []string{"warning documented-property-missing /a~1b/c~0d"},
		},
		{
			name:     "odata type equal without hash",
			want:     `{"@odata.type": "#microsoft.graph.user", "id": "1"}`,
			got:      `{"@odata.type": "microsoft.graph.user", "id": "1"}`,
			findings: []string{},
		},
		{
			name:     "odata type differs",
			want:     `{"value": [{"@odata.type": "#microsoft.graph.user", "id": "1"}]}`,
			got:      `{"value": [{"@odata.type": "#microsoft.graph.user", "id": "1"}, {"@odata.type": "#microsoft.graph.group", "id": "2"}]}`,
			findings: []string{"error response-odata-type-mismatch /value/1/@odata.type"},
		},
		{
			name:     "odata type absent in actual",
			want:     `{"@odata.type": "#microsoft.graph.user", "id": "1"}`,
			got:      `{"id": "1"}`,
			findings: []string{},
		},
		{
			name:     "actual body not JSON",
			want:     `{"id": "1"}`,
			got:      `<html>oops</html>`,
			findings: []string{"error response-not-json "},
		},
		{
			name:     "actual body empty",
			want:     `{"id": "1"}`,
			got:      ``,
			findings: []string{"error response-not-json "},
		},
		{
			name:     "actual body has trailing data",
			want:     `{"id": "1"}`,
			got:      `{"id": "1"} {"id": "2"}`,
			findings: []string{"error response-not-json "},
		},
		{
			name:     "top-level array",
			want:     `[{"id": "1", "name": "a"}]`,
			got:      `[{"id": "2"}]`,
			findings: []string{"warning documented-property-missing /0/name"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			block := documented(200, []string{"Content-Type: application/json"}, tc.want)
			block.Annotation.Truncated = tc.truncated

			got := Response(block, 200, jsonHeader(), []byte(tc.got))

			assert.Equal(t, tc.findings, summary(got))
			for _, f := range got {
				assert.NotEmpty(t, f.Message, f.Rule)
			}
		})
	}
}

func TestResponseStatusMismatchStops(t *testing.T) {
	block := documented(201, []string{"Content-Type: application/json", "Location: https://example.test/x"}, `{"id": "1"}`)

	got := Response(block, 200, http.Header{}, []byte(`{"value": []}`))

	require.Len(t, got, 1)
	assert.Equal(t, "status-mismatch", got[0].Rule)
	assert.Equal(t, finding.Error, got[0].Severity)
	assert.Equal(t, "status is 200 OK, documented 201 Created", got[0].Message)
}

func TestResponseHeaders(t *testing.T) {
	tests := []struct {
		name     string
		status   int
		want     []string
		got      http.Header
		findings []string
	}{
		{
			name:     "media type parameters ignored",
			status:   200,
			want:     []string{"Content-Type: application/json;odata.metadata=full"},
			got:      http.Header{"Content-Type": {"Application/JSON; charset=utf-8"}},
			findings: []string{},
		},
		{
			name:     "media type differs",
			status:   200,
			want:     []string{"Content-Type: application/json"},
			got:      http.Header{"Content-Type": {"text/html; charset=utf-8"}},
			findings: []string{"error header-missing "},
		},
		{
			name:     "documented header absent",
			status:   201,
			want:     []string{"location: https://example.test/x", "ETag: \"1\""},
			got:      http.Header{"Etag": {"\"2\""}},
			findings: []string{"error header-missing "},
		},
		{
			name:   "volatile headers not required",
			status: 200,
			want: []string{"Date: Tue, 01 Jan 2019 00:00:00 GMT", "request-id: 1", "client-request-id: 2",
				"Content-Length: 12", "Transfer-Encoding: chunked"},
			got:      http.Header{},
			findings: []string{},
		},
		{
			name:     "no content type on 204",
			status:   204,
			want:     []string{"Content-Type: application/json"},
			got:      http.Header{},
			findings: []string{},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			block := documented(tc.status, tc.want, "")

			got := Response(block, tc.status, tc.got, nil)

			assert.Equal(t, tc.findings, summary(got))
		})
	}
}

func TestResponseNoBodyStatusesSkipBody(t *testing.T) {
	for _, status := range []int{204, 205, 304} {
		block := documented(status, nil, `{"id": "1"}`)

		got := Response(block, status, http.Header{}, nil)

		assert.Empty(t, got, "status %d", status)
	}
}

func TestResponseDocumentedBodyNotCompared(t *testing.T) {
	t.Run("invalid documented JSON", func(t *testing.T) {
		block := documented(200, nil, `{"id": "1",}`)
		require.False(t, block.JSONValid)

		assert.Empty(t, Response(block, 200, http.Header{}, []byte(`not json`)))
	})
	t.Run("text body", func(t *testing.T) {
		block := documented(200, []string{"Content-Type: text/plain"}, "")
		block.Response.Body = []byte("hello")

		assert.Empty(t, Response(block, 200, http.Header{"Content-Type": {"text/plain"}}, []byte(`bye`)))
	})
	t.Run("no parsed response", func(t *testing.T) {
		assert.Empty(t, Response(&extract.Block{}, 200, http.Header{}, nil))
	})
}

func TestResponseJSONWithoutContentType(t *testing.T) {
	// The extractor leaves Block.JSON nil when the response names no JSON
	// content type; the raw body is compared all the same.
	block := documented(200, nil, "")
	block.Response.Body = []byte("{\n  \"id\": \"1\",\n  \"name\": \"a\"\n}")

	got := Response(block, 200, http.Header{}, []byte(`{"id": "2"}`))

	assert.Equal(t, []string{"warning documented-property-missing /name"}, summary(got))
}

func TestComparerIsDerived(t *testing.T) {
	block := documented(200, nil, `{"@odata.type": "#microsoft.graph.directoryObject", "id": "1"}`)
	var calls []string
	c := Comparer{IsDerived: func(actual, documented string) bool {
		calls = append(calls, actual+" < "+documented)
		return actual == "microsoft.graph.user" && documented == "microsoft.graph.directoryObject"
	}}

	passed := c.Response(block, 200, http.Header{}, []byte(`{"@odata.type": "#microsoft.graph.user", "id": "2"}`))
	failed := c.Response(block, 200, http.Header{}, []byte(`{"@odata.type": "#microsoft.graph.team", "id": "2"}`))

	assert.Empty(t, passed)
	assert.Equal(t, []string{"error response-odata-type-mismatch /@odata.type"}, summary(failed))
	assert.Equal(t, []string{
		"microsoft.graph.user < microsoft.graph.directoryObject",
		"microsoft.graph.team < microsoft.graph.directoryObject",
	}, calls)
}

func BenchmarkResponse(b *testing.B) {
	var members []string
	for i := range 200 {
		members = append(members, fmt.Sprintf(`{"@odata.type": "#microsoft.graph.driveItem", "id": "%d", "name": "file %d.txt",
			"size": %d, "file": {"mimeType": "text/plain", "hashes": {"quickXorHash": "abc"}}, "createdBy": {"user": {"id": "u", "displayName": "A"}}}`, i, i, i))
	}
	body := []byte(`{"@odata.context": "c", "value": [` + strings.Join(members, ",") + `]}`)
	block := documented(200, []string{"Content-Type: application/json"}, string(body))
	header := jsonHeader()
	b.SetBytes(int64(len(body)))

	for b.Loop() {
		if got := Response(block, 200, header, body); len(got) != 0 {
			b.Fatalf("unexpected findings: %v", summary(got))
		}
	}
}

func FuzzResponse(f *testing.F) {
	f.Add(`{"value": [{"id": "1", "a/b": [1, {"c": null}]}]}`, `{"value": [{"id": 2, "x": "\u00e9\"", "@odata.type": "#t"}]}`)
	f.Add(`{"@odata.type": "#a", "k": {"l": [true]}}`, `[1, "two", {"k": {}}]`)
	f.Add(`[]`, `{"value": []} trailing`)
	f.Fuzz(func(t *testing.T, want, got string) {
		block := documented(200, nil, want)

		findings := Response(block, 200, http.Header{}, []byte(got))

		for _, f := range findings {
			if f.Pointer != "" && !strings.HasPrefix(f.Pointer, "/") {
				t.Errorf("pointer %q of %s is not a JSON Pointer", f.Pointer, f.Rule)
			}
		}
	})
}
