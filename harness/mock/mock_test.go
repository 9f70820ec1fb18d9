package mock

import (
	"encoding/json"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphdoc/graphdoc/harness/extract"
	"github.com/graphdoc/graphdoc/harness/finding"
	"github.com/graphdoc/graphdoc/harness/httpmsg"
)

// example builds an extracted example by hand: target is the documented
// request target, and response is "STATUS\nHeader: value\n\nbody".
func example(name, method, target, response string) *extract.Example {
	head, body, _ := strings.Cut(response, "\n\n")
	lines := strings.Split(head, "\n")
	documented := &httpmsg.Response{Proto: "HTTP/1.1", BodyLine: -1}
	documented.Status = atoi(lines[0])
	for _, line := range lines[1:] {
		headerName, value, _ := strings.Cut(line, ":")
		documented.Headers = append(documented.Headers, httpmsg.Header{Name: headerName, Value: strings.TrimSpace(value)})
	}
	block := &extract.Block{Fence: "http", Line: 20, Response: documented}
	if body != "" {
		documented.Body = []byte(body)
		if json.Valid([]byte(body)) {
			block.JSON, block.JSONValid = []byte(body), true
		}
	}
	return &extract.Example{
		Name:     name,
		Request:  &extract.Block{Fence: "http", Line: 10, Request: &httpmsg.Request{Method: method, Target: target, BodyLine: -1}},
		Response: block,
	}
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}

func pages(examples ...*extract.Example) []*extract.Page {
	return []*extract.Page{{Path: "docs/page.md", Examples: examples}}
}

type reply struct {
	status int
	header http.Header
	body   string
}

func send(t *testing.T, h http.Handler, method, target string, header ...string) reply {
	t.Helper()
	request := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		request.Header.Add(header[i], header[i+1])
	}
	recorder := httptest.NewRecorder()
	h.ServeHTTP(recorder, request)
	return reply{status: recorder.Code, header: recorder.Header(), body: recorder.Body.String()}
}

func errorCodeOf(t *testing.T, body string) string {
	t.Helper()
	var parsed graphError
	require.NoError(t, json.Unmarshal([]byte(body), &parsed), body)
	assert.NotEmpty(t, parsed.Error.Message)
	return parsed.Error.Code
}

func TestRoutePlaceholderSegments(t *testing.T) {
	h := New(pages(
		example("get_member", "GET", "https://graph.microsoft.com/v1.0/groups/{groupId}/members/{item-id}", "200\n\n{\"id\": \"m\"}"),
		example("get_item", "GET", "https://graph.microsoft.com/v1.0/drives('{drive-id}')/items/{id | path}/content", "200\n\n{\"id\": \"i\"}"),
	), Options{})

	tests := []struct {
		target string
		status int
		body   string
	}{
		{"/v1.0/groups/0001/members/abc", 200, `{"id": "m"}`},
		{"/v1.0/groups/0001/members/abc?$select=id", 200, `{"id": "m"}`},
		{"/v1.0/groups/0001/members/abc/", 200, `{"id": "m"}`},
		{"/v1.0/groups/0001/members", 404, ""},
		{"/v1.0/groups/0001/members/abc/extra", 404, ""},
		{"/v1.0/drives('b%21x-1')/items/01ABC/content", 200, `{"id": "i"}`},
		{"/v1.0/drives('')/items/01ABC/content", 404, ""},
		{"/v1.0/drives(b!x)/items/01ABC/content", 404, ""},
	}
	for _, tc := range tests {
		got := send(t, h, "GET", tc.target)

		assert.Equal(t, tc.status, got.status, tc.target)
		if tc.body != "" {
			assert.Equal(t, tc.body, got.body, tc.target)
		}
	}
}

func TestRouteVersionPrefixAsWritten(t *testing.T) {
	h := New(pages(
		example("beta_drive", "GET", "https://graph.microsoft.com/beta/me/drive", "200\n\n{\"v\": \"beta\"}"),
		example("relative_drive", "GET", "/me/drive", "200\n\n{\"v\": \"relative\"}"),
		example("other_host", "POST", "https://bot.contoso.com/api/calls", "202\n\n"),
	), Options{})

	assert.Equal(t, `{"v": "beta"}`, send(t, h, "GET", "/beta/me/drive").body)
	assert.Equal(t, `{"v": "relative"}`, send(t, h, "GET", "/me/drive").body)
	assert.Equal(t, 404, send(t, h, "GET", "/v1.0/me/drive").status)
	assert.Equal(t, 202, send(t, h, "POST", "/api/calls").status)
}

func TestRoutePercentDecodedSegments(t *testing.T) {
	h := New(pages(
		example("by_path", "GET", "/me/drive/root:/Folder%20A/file.txt", "200\n\n{\"ok\": true}"),
		example("by_name", "GET", "/users/{id}/photo", "200\n\n{\"ok\": true}"),
	), Options{})

	assert.Equal(t, 200, send(t, h, "GET", "/me/drive/root:/Folder%20A/file.txt").status)
	assert.Equal(t, 200, send(t, h, "GET", "/me/drive/root:/Folder%20%41/file.txt").status)
	assert.Equal(t, 200, send(t, h, "GET", "/users/a%2Fb/photo").status, "an escaped slash stays inside its segment")
}

func TestRouteNotFound(t *testing.T) {
	h := New(pages(example("get_me", "GET", "/me", "200\n\n{}")), Options{})

	got := send(t, h, "GET", "/you")

	assert.Equal(t, http.StatusNotFound, got.status)
	assert.Equal(t, "application/json", got.header.Get("Content-Type"))
	assert.Equal(t, "NotFound", errorCodeOf(t, got.body))
}

func TestRouteMethodNotAllowed(t *testing.T) {
	h := New(pages(
		example("get_item", "GET", "/items/{id}", "200\n\n{}"),
		example("delete_item", "DELETE", "/items/{id}", "204\n\n"),
	), Options{})

	got := send(t, h, "PATCH", "/items/7")

	assert.Equal(t, http.StatusMethodNotAllowed, got.status)
	assert.Equal(t, "DELETE, GET, HEAD", got.header.Get("Allow"))
	assert.Equal(t, "MethodNotAllowed", errorCodeOf(t, got.body))
}

func TestRouteHeadUsesGet(t *testing.T) {
	h := New(pages(example("get_item", "GET", "/items/{id}", "200\nContent-Type: application/json\n\n{\"id\": \"1\"}")), Options{})

	got := send(t, h, "HEAD", "/items/1")

	assert.Equal(t, http.StatusOK, got.status)
	assert.Equal(t, "application/json", got.header.Get("Content-Type"))
}

func TestChooseExample(t *testing.T) {
	h := New(pages(
		example("first", "GET", "/items/{id}", "200\n\n{\"n\": 1}"),
		example("second", "GET", "/items/{id}", "200\n\n{\"n\": 2}"),
		example("missing", "GET", "/items/{id}", "404\n\n{\"n\": 3}"),
		example("literal", "GET", "/items/root", "200\n\n{\"n\": 4}"),
	), Options{})

	tests := []struct {
		name    string
		target  string
		prefer  string
		body    string
		applied string
	}{
		{"document order", "/items/1", "", `{"n": 1}`, ""},
		{"example", "/items/1", "example=second", `{"n": 2}`, `example="second"`},
		{"quoted example among others", "/items/1", `return=minimal, example="second"; x=1`, `{"n": 2}`, `example="second"`},
		{"code", "/items/1", "code=404", `{"n": 3}`, "code=404"},
		{"unknown example ignored", "/items/1", "example=nope", `{"n": 1}`, ""},
		{"unmet code ignored", "/items/1", "code=500", `{"n": 1}`, ""},
		{"fewest placeholders first", "/items/root", "", `{"n": 4}`, ""},
		{"example beats literal", "/items/root", "example=second", `{"n": 2}`, `example="second"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var header []string
			if tc.prefer != "" {
				header = []string{"Prefer", tc.prefer}
			}

			got := send(t, h, "GET", tc.target, header...)

			assert.Equal(t, tc.body, got.body)
			assert.Equal(t, tc.applied, got.header.Get("Preference-Applied"))
		})
	}
}

func TestAnswerHeadersAndLength(t *testing.T) {
	h := New(pages(example("create", "POST", "/items",
		"201\nContent-Type: application/json\nContent-Length: 999\nLocation: https://graph.microsoft.com/v1.0/items/1\nTransfer-Encoding: chunked\n\n{\"id\": \"1\"}")), Options{})

	got := send(t, h, "POST", "/items")

	assert.Equal(t, http.StatusCreated, got.status)
	assert.Equal(t, "11", got.header.Get("Content-Length"))
	assert.Equal(t, "https://graph.microsoft.com/v1.0/items/1", got.header.Get("Location"))
	assert.Empty(t, got.header.Get("Transfer-Encoding"))
	assert.Equal(t, `{"id": "1"}`, got.body)
}

func TestNoContentHasNoBody(t *testing.T) {
	h := New(pages(example("delete", "DELETE", "/items/{id}", "204\nContent-Type: application/json\n\n{\"id\": \"documented by mistake\"}")), Options{})
	server := httptest.NewServer(h)
	defer server.Close()
	request, err := http.NewRequest(http.MethodDelete, server.URL+"/items/1", nil)
	require.NoError(t, err)

	response, err := server.Client().Do(request)
	require.NoError(t, err)
	defer response.Body.Close()
	body, err := io.ReadAll(response.Body)
	require.NoError(t, err)

	assert.Equal(t, http.StatusNoContent, response.StatusCode)
	assert.Empty(t, body)
	assert.Empty(t, response.Header.Get("Content-Length"))
}

func TestStatusOnAndFailRate(t *testing.T) {
	h := New(pages(example("get_me", "GET", "/me", "200\n\n{}")), Options{
		StatusOn: map[string]int{"/me": http.StatusTooManyRequests},
	})
	got := send(t, h, "GET", "/me")
	assert.Equal(t, http.StatusTooManyRequests, got.status)
	assert.Equal(t, "TooManyRequests", errorCodeOf(t, got.body))

	failing := New(pages(example("get_me", "GET", "/me", "200\n\n{}")), Options{
		FailRate: 0.5,
		Rand:     rand.New(rand.NewPCG(1, 2)),
	})
	counts := map[int]int{}
	for range 200 {
		counts[send(t, failing, "GET", "/me").status]++
	}
	assert.Equal(t, 200, counts[200]+counts[503])
	assert.InDelta(t, 100, counts[503], 30, "about half should fail")
}

func TestValidateRequestBody(t *testing.T) {
	var seen []string
	h := New(pages(example("create_user", "POST", "/users", "201\n\n{\"id\": \"1\"}")), Options{
		Validate: func(ex *extract.Example, body []byte) []finding.Finding {
			seen = append(seen, ex.Name)
			if strings.Contains(string(body), "accountEnabled\": \"yes") {
				return []finding.Finding{
					{Rule: "property-unknown", Severity: finding.Warning, Pointer: "/extra", Message: "not checked"},
					{Rule: "type-mismatch", Severity: finding.Error, Pointer: "/accountEnabled", Message: "expected a boolean"},
				}
			}
			return nil
		},
	})

	bad := httptest.NewRecorder()
	h.ServeHTTP(bad, httptest.NewRequest("POST", "/users", strings.NewReader(`{"accountEnabled": "yes"}`)))
	good := httptest.NewRecorder()
	h.ServeHTTP(good, httptest.NewRequest("POST", "/users", strings.NewReader(`{"accountEnabled": true}`)))

	assert.Equal(t, http.StatusBadRequest, bad.Code)
	assert.Equal(t, "BadRequest", errorCodeOf(t, bad.Body.String()))
	assert.Contains(t, bad.Body.String(), "accountEnabled")
	assert.Equal(t, http.StatusCreated, good.Code)
	assert.Equal(t, []string{"create_user", "create_user"}, seen)
}

func TestResponsesReplaceDocumented(t *testing.T) {
	src := []byte("# Page\n\n<!-- replay-mock\n{\n  \"get_item\": {\"status\": 200, \"headers\": {\"Content-Type\": \"application/json\"}, \"body\": {\"id\": \"x\"}},\n  \"delete_item\": {\"status\": 204, \"headers\": {}, \"body\": null}\n}\n-->\n")
	responses, err := ParseReplayMock(src)
	require.NoError(t, err)
	require.Len(t, responses, 2)
	assert.Nil(t, responses["delete_item"].Body)

	h := New(pages(
		example("get_item", "GET", "/items/{id}", "201\n\n{\"documented\": true}"),
		example("delete_item", "DELETE", "/items/{id}", "200\n\n{}"),
	), Options{Responses: responses})

	got := send(t, h, "GET", "/items/1")
	assert.Equal(t, http.StatusOK, got.status)
	assert.JSONEq(t, `{"id": "x"}`, got.body)
	assert.Equal(t, http.StatusNoContent, send(t, h, "DELETE", "/items/1").status)
}

func TestParseReplayMockErrors(t *testing.T) {
	_, err := ParseReplayMock([]byte("line 1\n<!-- replay-mock\n{\"a\": "))
	assert.ErrorContains(t, err, "line 2")

	_, err = ParseReplayMock([]byte("<!-- replay-mock\n{\"a\": {\"status\": \"200\"}}\n-->"))
	assert.ErrorContains(t, err, "line 1")

	_, err = ParseReplayMock([]byte("<!-- replay-mock\n{\"a\": {\"status\": 42}}\n-->"))
	assert.ErrorContains(t, err, "invalid status 42")
}

func TestStartServesOnLoopback(t *testing.T) {
	server, err := Start(pages(example("get_me", "GET", "https://graph.microsoft.com/v1.0/me", "200\nContent-Type: application/json\n\n{\"id\": \"1\"}")), Options{})
	require.NoError(t, err)
	defer func() { assert.NoError(t, server.Close()) }()
	require.True(t, strings.HasPrefix(server.URL, "http://127.0.0.1:"), server.URL)

	response, err := http.Get(server.URL + "/v1.0/me")
	require.NoError(t, err)
	defer response.Body.Close()

	assert.Equal(t, http.StatusOK, response.StatusCode)
}

func TestConcurrentUse(t *testing.T) {
	h := New(pages(example("get_me", "GET", "/me", "200\n\n{}")), Options{FailRate: 0.1, Rand: rand.New(rand.NewPCG(3, 4))})
	server := httptest.NewServer(h)
	defer server.Close()

	done := make(chan int)
	for range 8 {
		go func() {
			ok := 0
			for range 50 {
				response, err := server.Client().Get(server.URL + "/me")
				if err != nil {
					t.Errorf("GET /me: %v", err)
					continue
				}
				_, _ = io.Copy(io.Discard, response.Body)
				response.Body.Close()
				if response.StatusCode == 200 || response.StatusCode == 503 {
					ok++
				}
			}
			done <- ok
		}()
	}
	total := 0
	for range 8 {
		total += <-done
	}

	assert.Equal(t, 400, total)
}

func TestLatencyDelaysAnswer(t *testing.T) {
	h := New(pages(example("get_me", "GET", "/me", "200\n\n{}")), Options{Latency: 100 * time.Millisecond})
	start := time.Now()

	got := send(t, h, "GET", "/me")

	assert.Equal(t, http.StatusOK, got.status)
	assert.GreaterOrEqual(t, time.Since(start), 100*time.Millisecond)
}

func TestRouteWithoutVersionPrefix(t *testing.T) {
	h := New(pages(
		example("get_user", "GET", "https://graph.microsoft.com/v1.0/users/{id}", "200\n\n{\"v\": \"v1.0\"}"),
		example("get_event", "GET", "https://graph.microsoft.com/beta/me/events/{id}", "200\n\n{\"v\": \"beta\"}"),
	), Options{})

	assert.Equal(t, `{"v": "v1.0"}`, send(t, h, "GET", "/users/42").body)
	assert.Equal(t, `{"v": "beta"}`, send(t, h, "GET", "/me/events/7").body)
	assert.Equal(t, `{"v": "v1.0"}`, send(t, h, "GET", "/v1.0/users/42").body)
	assert.Equal(t, 404, send(t, h, "GET", "/groups/42").status)
}

func TestChooseByQueryString(t *testing.T) {
	h := New(pages(
		example("get_event", "GET", "https://graph.microsoft.com/v1.0/me/events/{id}", "200\n\n{\"q\": \"none\"}"),
		example("get_event_select", "GET", "https://graph.microsoft.com/v1.0/me/events/{id}?$select=subject,body", "200\n\n{\"q\": \"select\"}"),
	), Options{})

	assert.Equal(t, `{"q": "select"}`, send(t, h, "GET", "/v1.0/me/events/1?$select=subject,body").body)
	assert.Equal(t, `{"q": "none"}`, send(t, h, "GET", "/v1.0/me/events/1").body)
	assert.Equal(t, `{"q": "none"}`, send(t, h, "GET", "/v1.0/me/events/1?$top=2").body, "no documented query matches, so document order decides")
}
