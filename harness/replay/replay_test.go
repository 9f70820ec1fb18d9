package replay

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphdoc/graphdoc/harness/extract"
	"github.com/graphdoc/graphdoc/harness/finding"
	"github.com/graphdoc/graphdoc/harness/mock"
)

// pair is one documented example: the text of its request and response
// blocks. An empty response leaves the request without one.
type pair struct {
	name      string
	request   string
	response  string
	truncated bool
}

// page extracts a Markdown page holding the pairs.
func page(t testing.TB, path string, pairs ...pair) *extract.Page {
	t.Helper()
	var b strings.Builder
	b.WriteString("# Test page\n\n")
	for _, p := range pairs {
		fmt.Fprintf(&b, "<!-- { \"blockType\": \"request\", \"name\": %q } -->\n```http\n%s\n```\n\n", p.name, p.request)
		if p.response == "" {
			continue
		}
		fmt.Fprintf(&b, "<!-- { \"blockType\": \"response\", \"truncated\": %t } -->\n```http\n%s\n```\n\n", p.truncated, p.response)
	}
	extracted := extract.File(path, []byte(b.String()))
	for _, f := range extracted.Findings {
		require.Less(t, f.Severity, finding.Error, "test page %s does not extract cleanly: %s", path, f)
	}
	require.Len(t, extracted.Examples, len(pairs))
	return extracted
}

const jsonOK = "HTTP/1.1 200 OK\nContent-Type: application/json\n\n"

// mockPages are examples that the mock must answer exactly as documented.
func mockPages(t testing.TB) []*extract.Page {
	return []*extract.Page{
		page(t, "docs/drive.md",
			pair{name: "get_drive", request: "GET https://graph.microsoft.com/v1.0/me/drive",
				response: jsonOK + `{"id": "b!1", "driveType": "business", "owner": {"user": {"id": "u1", "displayName": "A"}}}`},
			pair{name: "list_children", request: "GET https://graph.microsoft.com/beta/me/drive/items/01ABC/children?$select=id,name",
				response: jsonOK + `{"@odata.context": "c", "value": [{"id": "1", "name": "a.txt"}, {"id": "2", "name": "b"}]}`},
			pair{name: "head_item", request: "HEAD /me/drive/items/01ABC",
				response: jsonOK + `{"id": "01ABC"}`},
		),
		page(t, "docs/items.md",
			pair{name: "create_item", request: "POST https://graph.microsoft.com/v1.0/me/drive/root/children\nContent-Type: application/json\n\n{\"name\": \"new\", \"folder\": {}}",
				response: "HTTP/1.1 201 Created\nContent-Type: application/json\nLocation: https://graph.microsoft.com/v1.0/me/drive/items/9\n\n{\"id\": \"9\", \"name\": \"new\"}"},
			pair{name: "delete_item", request: "DELETE https://graph.microsoft.com/v1.0/me/drive/items/9",
				response: "HTTP/1.1 204 No Content"},
			pair{name: "get_item_missing", request: "GET https://graph.microsoft.com/v1.0/me/drive/items/9",
				response: "HTTP/1.1 404 Not Found\nContent-Type: application/json\n\n{\"error\": {\"code\": \"itemNotFound\", \"message\": \"gone\"}}"},
			pair{name: "get_item_again", request: "GET https://graph.microsoft.com/v1.0/me/drive/items/9",
				response: jsonOK + `{"id": "9", "name": "new"}`},
		),
	}
}

func newMock(t testing.TB, pages []*extract.Page) *httptest.Server {
	server := httptest.NewServer(mock.New(pages, mock.Options{}))
	t.Cleanup(server.Close)
	return server
}

func rules(differences []finding.Finding) []string {
	found := []string{}
	for _, f := range differences {
		found = append(found, f.Rule+" "+f.Pointer)
	}
	return found
}

func TestRunAgainstMockAllPass(t *testing.T) {
	pages := mockPages(t)
	server := newMock(t, pages)

	outcomes, err := Run(context.Background(), Config{Target: server.URL, Mock: true, Logf: t.Logf}, pages)

	require.NoError(t, err)
	require.Len(t, outcomes, 7)
	for _, o := range outcomes {
		assert.Equal(t, Passed, o.Outcome, "%s: %s %v", o.Name, o.Reason, o.Differences)
		assert.Empty(t, o.Differences, o.Name)
		assert.Equal(t, 1, o.Attempts, o.Name)
		assert.True(t, strings.HasPrefix(o.URL, server.URL+"/"), o.URL)
	}
	assert.Equal(t, []string{"get_drive", "list_children", "head_item", "create_item", "delete_item", "get_item_missing", "get_item_again"},
		names(outcomes), "outcomes keep page and document order")
	assert.Equal(t, server.URL+"/beta/me/drive/items/01ABC/children?$select=id,name", outcomes[1].URL, "the mock keeps the version prefix")
}

func names(outcomes []Outcome) []string {
	var found []string
	for _, o := range outcomes {
		found = append(found, o.Name)
	}
	return found
}

func TestRunSkips(t *testing.T) {
	pages := []*extract.Page{page(t, "docs/skips.md",
		pair{name: "no_response", request: "GET https://graph.microsoft.com/v1.0/me"},
		pair{name: "placeholder", request: "GET https://graph.microsoft.com/v1.0/groups/{groupId}/members/{id}", response: jsonOK + `{}`},
		pair{name: "filled", request: "GET https://graph.microsoft.com/v1.0/groups/{groupId}", response: jsonOK + `{}`},
	)}
	var requests atomic.Int32
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		if r.URL.Path != "/groups/g 1" {
			t.Errorf("unexpected request for %s", r.URL.Path)
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{}`)
	}))
	defer server.Close()

	outcomes, err := Run(context.Background(), Config{Target: server.URL, Values: map[string]string{"groupId": "g 1"}}, pages)

	require.NoError(t, err)
	require.Len(t, outcomes, 3)
	assert.Equal(t, Skipped, outcomes[0].Outcome)
	assert.Equal(t, "no documented response", outcomes[0].Reason)
	assert.Equal(t, Skipped, outcomes[1].Outcome)
	assert.Contains(t, outcomes[1].Reason, "{id}")
	assert.NotContains(t, outcomes[1].Reason, "{groupId}", "a filled placeholder is not reported")
	assert.Equal(t, Passed, outcomes[2].Outcome)
	assert.Equal(t, server.URL+"/groups/g%201", outcomes[2].URL)
	assert.Equal(t, int32(1), requests.Load())
}

func TestRunReportsDifferences(t *testing.T) {
	pages := []*extract.Page{page(t, "docs/diff.md",
		pair{name: "wrong_status", request: "POST /items\nContent-Type: application/json\n\n{}",
			response: "HTTP/1.1 201 Created\nContent-Type: application/json\n\n{\"id\": \"1\"}"},
		pair{name: "wrong_shape", request: "GET /items",
			response: jsonOK + `{"value": [{"id": "1"}]}`},
		pair{name: "missing_property", request: "GET /items/1",
			response: jsonOK + `{"id": "1", "name": "a", "file": {"size": 3}}`},
		pair{name: "not_json", request: "GET /items/2",
			response: jsonOK + `{"id": "2"}`},
		pair{name: "undocumented_only", request: "GET /items/3",
			response: jsonOK + `{"id": "3"}`},
	)}
	answers := map[string]struct {
		status      int
		contentType string
		body        string
	}{
		"POST /items":  {200, "application/json", `{"id": "1"}`},
		"GET /items":   {200, "application/json", `{"id": "1"}`},
		"GET /items/1": {200, "application/json", `{"id": "1", "file": {"size": "3"}}`},
		"GET /items/2": {200, "text/html", `<html></html>`},
		"GET /items/3": {200, "application/json", `{"id": "3", "extra": true}`},
	}
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		answer, ok := answers[r.Method+" "+r.URL.Path]
		if !ok {
			t.Errorf("unexpected request %s %s", r.Method, r.URL.Path)
			w.WriteHeader(http.StatusTeapot)
			return
		}
		w.Header().Set("Content-Type", answer.contentType)
		w.WriteHeader(answer.status)
		_, _ = io.WriteString(w, answer.body)
	}))
	defer server.Close()

	outcomes, err := Run(context.Background(), Config{Target: server.URL, AllowWrites: true}, pages)

	require.NoError(t, err)
	require.Len(t, outcomes, 5)
	want := [][]string{
		{"status-mismatch "},
		{"collection-shape-mismatch "},
		{"documented-property-missing /name", "type-mismatch /file/size"},
		{"header-missing ", "response-not-json "},
		{"property-undocumented /extra"},
	}
	for i, o := range outcomes {
		assert.Equal(t, want[i], rules(o.Differences), o.Name)
	}
	for _, o := range outcomes[:4] {
		assert.Equal(t, Failed, o.Outcome, o.Name)
	}
	assert.Equal(t, Passed, outcomes[4].Outcome, "an info finding does not fail the example")
	assert.Equal(t, 201, outcomes[0].DocumentedStatus)
	assert.Equal(t, 200, outcomes[0].ActualStatus)

	responseLine := pages[0].Examples[2].Response.Line
	for _, f := range outcomes[2].Differences {
		assert.Equal(t, "docs/diff.md", f.File)
		assert.Equal(t, responseLine, f.Line)
		assert.Equal(t, "missing_property", f.Example)
	}
}

func TestRunWritesNeedAllowWrites(t *testing.T) {
	pages := []*extract.Page{page(t, "docs/writes.md",
		pair{name: "create", request: "POST /items\nContent-Type: application/json\n\n{\"name\": \"x\"}", response: "HTTP/1.1 201 Created"},
		pair{name: "update", request: "PATCH /items/1\nContent-Type: application/json\n\n{\"name\": \"y\"}", response: "HTTP/1.1 204 No Content"},
		pair{name: "replace", request: "PUT /items/1", response: "HTTP/1.1 204 No Content"},
		pair{name: "delete", request: "DELETE /items/1", response: "HTTP/1.1 204 No Content"},
		pair{name: "read", request: "GET /items/1", response: jsonOK + `{}`},
	)}
	var lock sync.Mutex
	methods := map[string]int{}
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lock.Lock()
		methods[r.Method]++
		lock.Unlock()
		switch r.Method {
		case http.MethodPost:
			w.WriteHeader(http.StatusCreated)
		case http.MethodGet:
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{}`)
		default:
			w.WriteHeader(http.StatusNoContent)
		}
	}))
	defer server.Close()

	outcomes, err := Run(context.Background(), Config{Target: server.URL}, pages)
	require.NoError(t, err)
	require.Len(t, outcomes, 5)
	for _, o := range outcomes[:4] {
		assert.Equal(t, Skipped, o.Outcome, o.Name)
		assert.Contains(t, o.Reason, "--allow-writes", o.Name)
	}
	assert.Equal(t, Passed, outcomes[4].Outcome)
	lock.Lock()
	assert.Equal(t, map[string]int{"GET": 1}, methods)
	lock.Unlock()

	outcomes, err = Run(context.Background(), Config{Target: server.URL, AllowWrites: true}, pages)
	require.NoError(t, err)
	for _, o := range outcomes {
		assert.Equal(t, Passed, o.Outcome, "%s: %v", o.Name, o.Differences)
	}
	lock.Lock()
	assert.Equal(t, map[string]int{"GET": 2, "POST": 1, "PATCH": 1, "PUT": 1, "DELETE": 1}, methods)
	lock.Unlock()
}

func TestRunTokenStaysOnTargetOrigin(t *testing.T) {
	var lock sync.Mutex
	var elsewhere []string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lock.Lock()
		elsewhere = append(elsewhere, r.URL.Path+" auth="+r.Header.Get("Authorization")+" custom="+r.Header.Get("X-Secret"))
		lock.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"id": "1"}`)
	}))
	defer other.Close()
	var targetAuth []string
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lock.Lock()
		targetAuth = append(targetAuth, r.Header.Get("Authorization"))
		lock.Unlock()
		http.Redirect(w, r, other.URL+"/landing"+r.URL.Path, http.StatusFound)
	}))
	defer target.Close()
	pages := []*extract.Page{page(t, "docs/redirect.md",
		pair{name: "followed", request: "GET https://graph.microsoft.com/v1.0/me/photo/$value", response: jsonOK + `{"id": "1"}`},
		pair{name: "documented_redirect", request: "GET https://graph.microsoft.com/v1.0/me/drive/items/1/content",
			response: "HTTP/1.1 302 Found\nLocation: https://example.invalid/download"},
	)}

	outcomes, err := Run(context.Background(), Config{
		Target:  target.URL,
		Token:   "secret-token",
		Headers: http.Header{"X-Secret": {"custom"}},
	}, pages)

	require.NoError(t, err)
	require.Len(t, outcomes, 2)
	assert.Equal(t, Passed, outcomes[0].Outcome, "%v", outcomes[0].Differences)
	assert.Equal(t, Passed, outcomes[1].Outcome, "a documented 3xx is compared, not followed: %v", outcomes[1].Differences)
	assert.Equal(t, 302, outcomes[1].ActualStatus)
	lock.Lock()
	defer lock.Unlock()
	assert.Equal(t, []string{"Bearer secret-token", "Bearer secret-token"}, targetAuth)
	assert.Equal(t, []string{"/landing/me/photo/$value auth= custom="}, elsewhere, "only the followed redirect reaches the other origin, without credentials")
}

func TestRunRetryAfter(t *testing.T) {
	var lock sync.Mutex
	var arrivals []time.Time
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lock.Lock()
		arrivals = append(arrivals, time.Now())
		first := len(arrivals) == 1
		lock.Unlock()
		if first {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"id": "1"}`)
	}))
	defer server.Close()
	pages := []*extract.Page{page(t, "docs/throttled.md", pair{name: "get", request: "GET /me", response: jsonOK + `{"id": "1"}`})}

	outcomes, err := Run(context.Background(), Config{Target: server.URL, Logf: t.Logf}, pages)

	require.NoError(t, err)
	require.Len(t, outcomes, 1)
	assert.Equal(t, Passed, outcomes[0].Outcome, "%v", outcomes[0].Differences)
	assert.Equal(t, 2, outcomes[0].Attempts)
	lock.Lock()
	defer lock.Unlock()
	require.Len(t, arrivals, 2)
	assert.GreaterOrEqual(t, arrivals[1].Sub(arrivals[0]), time.Second, "the retry waits for Retry-After")
}

func TestRunRetriesUntilGivingUp(t *testing.T) {
	var requests atomic.Int32
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		w.Header().Set("Retry-After", "0")
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer server.Close()
	pages := []*extract.Page{page(t, "docs/unavailable.md", pair{name: "get", request: "GET /me", response: jsonOK + `{"id": "1"}`})}

	outcomes, err := Run(context.Background(), Config{Target: server.URL}, pages)

	require.NoError(t, err)
	require.Len(t, outcomes, 1)
	assert.Equal(t, 3, outcomes[0].Attempts, "one request and DefaultRetries retries")
	assert.Equal(t, int32(3), requests.Load())
	assert.Equal(t, []string{"status-mismatch "}, rules(outcomes[0].Differences))
}

func TestRunRetriesRefusedConnection(t *testing.T) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	address := listener.Addr().String()
	require.NoError(t, listener.Close())
	pages := []*extract.Page{page(t, "docs/down.md", pair{name: "get", request: "GET /me", response: jsonOK + `{}`})}
	var logged []string
	logf := func(format string, args ...any) { logged = append(logged, fmt.Sprintf(format, args...)) }

	outcomes, err := Run(context.Background(), Config{Target: "http://" + address, Retries: 1, Token: "secret-token", Logf: logf}, pages)

	require.NoError(t, err)
	require.Len(t, outcomes, 1)
	assert.Equal(t, Failed, outcomes[0].Outcome)
	assert.Equal(t, 2, outcomes[0].Attempts)
	assert.Equal(t, []string{"replay-unreachable "}, rules(outcomes[0].Differences))
	require.Len(t, logged, 1)
	for _, line := range logged {
		assert.NotContains(t, line, "secret-token")
	}
}

func TestRunTimeoutThenContinues(t *testing.T) {
	release := make(chan struct{})
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" {
			select {
			case <-release:
			case <-r.Context().Done():
			}
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"id": "1"}`)
	}))
	defer server.Close()
	defer close(release)
	pages := []*extract.Page{page(t, "docs/slow.md",
		pair{name: "slow", request: "GET /slow", response: jsonOK + `{"id": "1"}`},
		pair{name: "fast", request: "GET /fast", response: jsonOK + `{"id": "1"}`},
	)}

	outcomes, err := Run(context.Background(), Config{Target: server.URL, Timeout: 50 * time.Millisecond}, pages)

	require.NoError(t, err)
	require.Len(t, outcomes, 2)
	assert.Equal(t, Failed, outcomes[0].Outcome)
	assert.Equal(t, 1, outcomes[0].Attempts, "a timeout is not retried")
	assert.Equal(t, []string{"replay-unreachable "}, rules(outcomes[0].Differences))
	assert.Contains(t, outcomes[0].Reason, "no response within 50ms")
	assert.Equal(t, Passed, outcomes[1].Outcome)
}

func TestRunMaxBodyStopsReading(t *testing.T) {
	const size = 1 << 30
	var written atomic.Int64
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/declared" {
			w.Header().Set("Content-Length", fmt.Sprint(size))
		}
		chunk := []byte(strings.Repeat(" ", 64<<10))
		for sent := 0; sent < size; sent += len(chunk) {
			n, err := w.Write(chunk)
			written.Add(int64(n))
			if err != nil {
				return
			}
		}
	}))
	defer server.Close()
	pages := []*extract.Page{page(t, "docs/large.md",
		pair{name: "streamed", request: "GET /streamed", response: jsonOK + `{"id": "1"}`},
		pair{name: "declared", request: "GET /declared", response: jsonOK + `{"id": "1"}`},
	)}

	outcomes, err := Run(context.Background(), Config{Target: server.URL, MaxBody: 1 << 20, Concurrency: 1}, pages)
	require.NoError(t, err)
	server.Close() // waits for the handlers, so written is final

	require.Len(t, outcomes, 2)
	for _, o := range outcomes {
		assert.Equal(t, Failed, o.Outcome, o.Name)
		assert.Equal(t, []string{"response-too-large "}, rules(o.Differences), o.Name)
	}
	assert.Less(t, written.Load(), int64(size/4), "the client stopped reading long before the end")
}

func TestRunCancelReturnsWhatRan(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var requests atomic.Int32
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if requests.Add(1) == 3 {
			// Cancel while this request is in flight: it must still finish.
			cancel()
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"id": "1"}`)
	}))
	defer server.Close()
	var pairs []pair
	for i := range 6 {
		pairs = append(pairs, pair{name: fmt.Sprintf("get_%d", i), request: fmt.Sprintf("GET /items/%d", i), response: jsonOK + `{"id": "1"}`})
	}
	pages := []*extract.Page{page(t, "docs/cancel.md", pairs...)}

	outcomes, err := Run(ctx, Config{Target: server.URL}, pages)

	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, []string{"get_0", "get_1", "get_2"}, names(outcomes))
	for _, o := range outcomes {
		assert.Equal(t, Passed, o.Outcome, "%s: %v", o.Name, o.Differences)
	}
	assert.Equal(t, int32(3), requests.Load())
}

func TestRunHeaders(t *testing.T) {
	var lock sync.Mutex
	var seen http.Header
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lock.Lock()
		seen = r.Header.Clone()
		lock.Unlock()
		_, _ = io.WriteString(w, `{}`)
	}))
	defer server.Close()
	pages := []*extract.Page{page(t, "docs/headers.md", pair{name: "get",
		request:  "GET /me\nAuthorization: Bearer {token}\nIf-Match: {etag}\nConsistencyLevel: eventual\nAccept-Encoding: gzip\nHost: graph.microsoft.com",
		response: jsonOK + `{}`})}

	_, err := Run(context.Background(), Config{
		Target:  server.URL,
		Values:  map[string]string{"etag": `"7"`},
		Headers: http.Header{"consistencylevel": {"strong"}},
	}, pages)

	require.NoError(t, err)
	lock.Lock()
	defer lock.Unlock()
	assert.Empty(t, seen.Get("Authorization"), "the documented stand-in is not sent")
	assert.Equal(t, `"7"`, seen.Get("If-Match"))
	assert.Equal(t, []string{"strong"}, seen.Values("Consistencylevel"))
	assert.Empty(t, seen.Get("Prefer"), "Prefer example= goes to the mock only")
}

func TestRunConfigErrors(t *testing.T) {
	for _, cfg := range []Config{
		{},
		{Target: "127.0.0.1:8080"},
		{Target: "ftp://127.0.0.1/"},
		{Target: "http://127.0.0.1:8080/?x=1"},
		{Target: "http://127.0.0.1:8080", Rate: -1},
	} {
		_, err := Run(context.Background(), cfg, nil)
		assert.Error(t, err, "%+v", cfg)
	}
}

func TestRequestURL(t *testing.T) {
	tests := []struct {
		name       string
		target     string
		documented string
		keep       bool
		values     map[string]string
		want       string
		skip       string
	}{
		{name: "absolute v1.0", target: "http://127.0.0.1:1", documented: "https://graph.microsoft.com/v1.0/me/drive", want: "http://127.0.0.1:1/me/drive"},
		{name: "absolute beta", target: "http://127.0.0.1:1", documented: "https://graph.microsoft.com/beta/me", want: "http://127.0.0.1:1/me"},
		{name: "keep version", target: "http://127.0.0.1:1", documented: "https://graph.microsoft.com/beta/me", keep: true, want: "http://127.0.0.1:1/beta/me"},
		{name: "other host", target: "http://127.0.0.1:1", documented: "https://bot.contoso.com/api/calls", want: "http://127.0.0.1:1/api/calls"},
		{name: "relative", target: "http://127.0.0.1:1/v1.0/", documented: "/me/events", want: "http://127.0.0.1:1/v1.0/me/events"},
		{name: "relative versioned", target: "http://127.0.0.1:1", documented: "/v1.0/me", want: "http://127.0.0.1:1/me"},
		{name: "no leading slash", target: "http://127.0.0.1:1", documented: "me/drive", want: "http://127.0.0.1:1/me/drive"},
		{name: "version only", target: "http://127.0.0.1:1", documented: "https://graph.microsoft.com/v1.0", want: "http://127.0.0.1:1/"},
		{name: "version-like segment kept", target: "http://127.0.0.1:1", documented: "/betaFeatures/x", want: "http://127.0.0.1:1/betaFeatures/x"},
		{name: "query with spaces", target: "http://127.0.0.1:1", documented: "https://graph.microsoft.com/v1.0/users?$filter=startswith(displayName,'a b')&$top=2",
			want: "http://127.0.0.1:1/users?$filter=startswith(displayName,'a%20b')&$top=2"},
		{name: "escapes kept", target: "http://127.0.0.1:1", documented: "/drives/b%21x/root:/a%20b.txt", want: "http://127.0.0.1:1/drives/b%21x/root:/a%20b.txt"},
		{name: "non-ASCII", target: "http://127.0.0.1:1", documented: "/me/drive/root:/Résumé.docx", want: "http://127.0.0.1:1/me/drive/root:/R%C3%A9sum%C3%A9.docx"},
		{name: "fragment dropped", target: "http://127.0.0.1:1", documented: "/me#section", want: "http://127.0.0.1:1/me"},
		{name: "values filled", target: "http://127.0.0.1:1", documented: "/users/{id | userPrincipalName}/items('{item-id}')?$filter=x eq '{name}'",
			values: map[string]string{"id | userPrincipalName": "a@b.c", "item-id": "7", "name": "50%"},
			want:   "http://127.0.0.1:1/users/a@b.c/items('7')?$filter=x%20eq%20'50%25'"},
		{name: "placeholder left", target: "http://127.0.0.1:1", documented: "/groups/{groupId}/members/{id}", values: map[string]string{"id": "1"},
			skip: "{groupId}"},
		{name: "stray brace", target: "http://127.0.0.1:1", documented: "/groups/{groupId", skip: "stray brace"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := newSettings(Config{Target: tc.target, KeepVersion: tc.keep, Values: tc.values})
			require.NoError(t, err)

			got, err := s.requestURL(tc.documented, tc.values)

			if tc.skip != "" {
				var skipped *skipError
				require.ErrorAs(t, err, &skipped)
				assert.Contains(t, skipped.reason, tc.skip)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestRetryAfterParsing(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		value string
		want  time.Duration
		ok    bool
	}{
		{"3", 3 * time.Second, true},
		{"0", 0, true},
		{"Fri, 02 Jan 2026 03:04:15 GMT", 10 * time.Second, true},
		{"Fri, 02 Jan 2026 03:00:00 GMT", 0, true},
		{"", 0, false},
		{"-1", 0, false},
		{"soon", 0, false},
	}
	for _, tc := range tests {
		got, ok := retryAfter(tc.value, now)

		assert.Equal(t, tc.ok, ok, tc.value)
		assert.Equal(t, tc.want, got, tc.value)
	}
}

func TestRunRateSpacesRequests(t *testing.T) {
	var lock sync.Mutex
	var arrivals []time.Time
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lock.Lock()
		arrivals = append(arrivals, time.Now())
		lock.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{}`)
	}))
	defer server.Close()
	var pages []*extract.Page
	for i := range 4 {
		pages = append(pages, page(t, fmt.Sprintf("docs/rate-%d.md", i), pair{name: "get", request: "GET /me", response: jsonOK + `{}`}))
	}

	_, err := Run(context.Background(), Config{Target: server.URL, Rate: 20}, pages)

	require.NoError(t, err)
	lock.Lock()
	defer lock.Unlock()
	require.Len(t, arrivals, 4)
	// At 20 requests per second, four requests span at least three
	// intervals of 50ms, whatever the concurrency.
	assert.GreaterOrEqual(t, arrivals[3].Sub(arrivals[0]), 140*time.Millisecond)
}
