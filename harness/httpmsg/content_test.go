package httpmsg

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestIsJSONContent(t *testing.T) {
	contentType := func(value string) []Header {
		return []Header{{Name: "Content-Length", Value: "12"}, {Name: "content-type", Value: value}}
	}
	tests := []struct {
		name    string
		headers []Header
		body    string
		want    bool
	}{
		{name: "application/json", headers: contentType("application/json"), body: `{"a": 1}`, want: true},
		{name: "mixed case with parameter", headers: contentType("Application/Json; charset=utf-8"), body: `{}`, want: true},
		{name: "malformed parameter", headers: contentType("application/json;odata.metadata"), body: `{}`, want: true},
		{name: "plus json suffix", headers: contentType("application/problem+json"), body: `{}`, want: true},
		{name: "declared JSON with broken body", headers: contentType("application/json"), body: "{\n  \"a\": 1,\n}", want: true},
		{name: "no content type object", body: "\n  {\"a\": 1}", want: true},
		{name: "no content type array", body: `[{"a": 1}]`, want: true},
		{name: "empty content type", headers: contentType(" "), body: `{}`, want: true},
		{name: "no content type text", body: "The contents of the file goes here."},
		{name: "text/plain", headers: contentType("text/plain"), body: `{"a": 1}`},
		{name: "multipart", headers: contentType("multipart/form-data; boundary=B"), body: "--B\n{}"},
		{name: "zip", headers: contentType("application/zip"), body: "[Zip file containing a Teams app package]"},
		{name: "octet-stream", headers: contentType("application/octet-stream"), body: `{}`},
		{name: "image", headers: contentType("image/jpeg"), body: "Binary data for the image"},
		{name: "bracket placeholder", body: "[Zip file]"},
		{name: "bracket placeholder declared JSON", headers: contentType("application/json"), body: "[Zip file]"},
		{name: "angle placeholder declared JSON", headers: contentType("application/json"), body: "<binary>"},
		{name: "array of literals", body: "[true, false, null]", want: true},
		{name: "empty body", headers: contentType("application/json")},
		{name: "blank body", headers: contentType("application/json"), body: " \n "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, IsJSONContent(tc.headers, []byte(tc.body)))
		})
	}
}

func TestStatusText(t *testing.T) {
	tests := []struct {
		code int
		want string
	}{
		{200, "OK"},
		{201, "Created"},
		{204, "No Content"},
		{302, "Found"},
		{413, "Content Too Large"},
		{422, "Unprocessable Content"},
		{429, "Too Many Requests"},
		{418, ""},
		{299, ""},
		{0, ""},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, StatusText(tc.code), "code %d", tc.code)
	}
}
