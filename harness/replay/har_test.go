package replay

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphdoc/graphdoc/harness/extract"
)

// harFile holds the fields that HAR 1.2 requires. Pointers tell a
// missing field from a zero value.
type harFile struct {
	Log *struct {
		Version *string
		Creator *struct {
			Name    *string
			Version *string
		}
		Entries []harFileEntry
	}
}

type harFileEntry struct {
	StartedDateTime *string
	Time            *float64
	Request         *struct {
		Method      *string
		URL         *string
		HTTPVersion *string
		Cookies     []harNameValue
		Headers     []harNameValue
		QueryString []harNameValue
		PostData    *struct {
			MimeType *string
			Text     *string
			Comment  string
		}
		HeadersSize *int
		BodySize    *int64
	}
	Response *struct {
		Status      *int
		StatusText  *string
		HTTPVersion *string
		Cookies     []harNameValue
		Headers     []harNameValue
		Content     *struct {
			Size     *int64
			MimeType *string
			Text     *string
			Encoding string
			Comment  string
		}
		RedirectURL *string
		HeadersSize *int
		BodySize    *int64
		Error       string `json:"_error"`
	}
	Cache   *struct{}
	Timings *struct {
		Send    *float64
		Wait    *float64
		Receive *float64
	}
	Example string `json:"_example"`
	File    string `json:"_file"`
}

// readHAR writes log to a file and decodes it. It returns the file text
// too, for checks that nothing secret is in it.
func readHAR(t *testing.T, log *HARLog) (harFile, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "replay.har")
	require.NoError(t, log.WriteFile(path))
	data, err := os.ReadFile(path)
	require.NoError(t, err)

	var decoded harFile
	require.NoError(t, json.Unmarshal(data, &decoded))
	require.NotNil(t, decoded.Log)
	return decoded, string(data)
}

// requireEntryFields checks that an entry has every field HAR 1.2
// requires.
func requireEntryFields(t *testing.T, entry harFileEntry) {
	t.Helper()
	require.NotNil(t, entry.StartedDateTime)
	_, err := time.Parse(time.RFC3339Nano, *entry.StartedDateTime)
	assert.NoError(t, err, "startedDateTime is ISO 8601")
	require.NotNil(t, entry.Time)
	assert.GreaterOrEqual(t, *entry.Time, 0.0)

	request := entry.Request
	require.NotNil(t, request)
	for name, field := range map[string]any{"method": request.Method, "url": request.URL, "httpVersion": request.HTTPVersion,
		"headersSize": request.HeadersSize, "bodySize": request.BodySize} {
		assert.NotNil(t, field, "request.%s", name)
	}
	assert.NotNil(t, request.Cookies, "request.cookies")
	assert.NotNil(t, request.Headers, "request.headers")
	assert.NotNil(t, request.QueryString, "request.queryString")
	if request.HeadersSize != nil {
		assert.Equal(t, -1, *request.HeadersSize)
	}

	response := entry.Response
	require.NotNil(t, response)
	for name, field := range map[string]any{"status": response.Status, "statusText": response.StatusText, "httpVersion": response.HTTPVersion,
		"content": response.Content, "redirectURL": response.RedirectURL, "headersSize": response.HeadersSize, "bodySize": response.BodySize} {
		assert.NotNil(t, field, "response.%s", name)
	}
	assert.NotNil(t, response.Cookies, "response.cookies")
	assert.NotNil(t, response.Headers, "response.headers")
	if response.Content != nil {
		assert.NotNil(t, response.Content.Size, "content.size")
		assert.NotNil(t, response.Content.MimeType, "content.mimeType")
	}

	assert.NotNil(t, entry.Cache, "cache")
	require.NotNil(t, entry.Timings)
	for name, timing := range map[string]*float64{"send": entry.Timings.Send, "wait": entry.Timings.Wait, "receive": entry.Timings.Receive} {
		if assert.NotNil(t, timing, "timings.%s", name) {
			assert.GreaterOrEqual(t, *timing, 0.0, "timings.%s", name)
		}
	}
}

func headerValue(headers []harNameValue, name string) (string, bool) {
	for _, h := range headers {
		if strings.EqualFold(h.Name, name) {
			return h.Value, true
		}
	}
	return "", false
}

func entryURLs(entries []harFileEntry) []string {
	var urls []string
	for _, e := range entries {
		urls = append(urls, *e.Request.URL)
	}
	return urls
}

func TestHARStructure(t *testing.T) {
	const (
		token       = "har-token-93b1"
		apiKey      = "har-key-93b1"
		cookieValue = "har-cookie-93b1"
		setCookie   = "har-session-93b1"
	)
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		http.SetCookie(w, &http.Cookie{Name: "session", Value: setCookie})
		if r.Method == http.MethodPost {
			w.WriteHeader(http.StatusCreated)
			_, _ = io.WriteString(w, `{"id": "9", "name": "new"}`)
			return
		}
		_, _ = io.WriteString(w, `{"value": [{"id": "1"}]}`)
	}))
	defer server.Close()
	pages := []*extract.Page{
		page(t, "docs/list.md", pair{name: "list_items", request: "GET /v1.0/me/drive/items?$select=id,name&$filter=name eq 'a b'",
			response: jsonOK + `{"value": [{"id": "1"}]}`}),
		page(t, "docs/create.md", pair{name: "create_item", request: "POST /v1.0/me/drive/items\nContent-Type: application/json\n\n{\"name\": \"new\"}",
			response: "HTTP/1.1 201 Created\nContent-Type: application/json\n\n{\"id\": \"9\", \"name\": \"new\"}"}),
	}
	log := NewHARLog("1.2.3")

	outcomes, err := Run(context.Background(), Config{
		Target:      server.URL,
		AllowWrites: true,
		Token:       token,
		Headers:     http.Header{"X-Api-Key": {apiKey}, "Cookie": {"sid=" + cookieValue}},
		HAR:         log,
	}, pages)

	require.NoError(t, err)
	require.Len(t, outcomes, 2)
	har, text := readHAR(t, log)
	for _, secret := range []string{token, apiKey, cookieValue, setCookie} {
		assert.NotContains(t, text, secret)
	}
	assert.Equal(t, "1.2", *har.Log.Version)
	require.NotNil(t, har.Log.Creator)
	assert.Equal(t, "graphdoc", *har.Log.Creator.Name)
	assert.Equal(t, "1.2.3", *har.Log.Creator.Version)
	require.Len(t, har.Log.Entries, 2)
	for _, entry := range har.Log.Entries {
		requireEntryFields(t, entry)
	}

	list := har.Log.Entries[0]
	assert.Equal(t, "list_items", list.Example)
	assert.Equal(t, "docs/list.md", list.File)
	assert.Equal(t, "GET", *list.Request.Method)
	assert.Equal(t, outcomes[0].URL, *list.Request.URL)
	assert.Equal(t, "HTTP/1.1", *list.Request.HTTPVersion)
	assert.Equal(t, []harNameValue{{"$select", "id,name"}, {"$filter", "name eq 'a b'"}}, list.Request.QueryString)
	authorization, _ := headerValue(list.Request.Headers, "Authorization")
	assert.Equal(t, "***", authorization)
	apiKeyHeader, _ := headerValue(list.Request.Headers, "X-Api-Key")
	assert.Equal(t, "***", apiKeyHeader)
	host, _ := headerValue(list.Request.Headers, "Host")
	assert.Equal(t, strings.TrimPrefix(server.URL, "http://"), host, "headers are those written on the wire")
	assert.Equal(t, []harNameValue{{"sid", "***"}}, list.Request.Cookies)
	assert.Nil(t, list.Request.PostData)
	assert.Equal(t, int64(0), *list.Request.BodySize)
	assert.Equal(t, 200, *list.Response.Status)
	assert.Equal(t, "OK", *list.Response.StatusText)
	assert.Equal(t, "HTTP/1.1", *list.Response.HTTPVersion)
	assert.Equal(t, "application/json", *list.Response.Content.MimeType)
	assert.Equal(t, `{"value": [{"id": "1"}]}`, *list.Response.Content.Text)
	assert.Equal(t, int64(24), *list.Response.Content.Size)
	assert.Equal(t, int64(24), *list.Response.BodySize)
	assert.Equal(t, []harNameValue{{"session", "***"}}, list.Response.Cookies)
	cookieHeader, _ := headerValue(list.Response.Headers, "Set-Cookie")
	assert.Equal(t, "***", cookieHeader)
	assert.Empty(t, *list.Response.RedirectURL)

	create := har.Log.Entries[1]
	assert.Equal(t, "POST", *create.Request.Method)
	require.NotNil(t, create.Request.PostData)
	assert.Equal(t, "application/json", *create.Request.PostData.MimeType)
	assert.Equal(t, `{"name": "new"}`, *create.Request.PostData.Text)
	assert.Equal(t, int64(len(`{"name": "new"}`)), *create.Request.BodySize)
	assert.Equal(t, 201, *create.Response.Status)
	assert.Equal(t, "Created", *create.Response.StatusText)
}

// signalClose closes done when the body is closed.
type signalClose struct {
	io.ReadCloser
	once *sync.Once
	done chan struct{}
}

func (s signalClose) Close() error {
	s.once.Do(func() { close(s.done) })
	return s.ReadCloser.Close()
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestHAROrderIsDocumentOrder(t *testing.T) {
	// The first page's request waits until the second page's exchange is
	// complete, so the two complete in reverse document order.
	secondDone := make(chan struct{})
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/first" {
			select {
			case <-secondDone:
			case <-r.Context().Done():
			}
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{}`)
	}))
	defer server.Close()
	var once sync.Once
	base := server.Client().Transport
	client := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		response, err := base.RoundTrip(r)
		if err == nil && r.URL.Path == "/second" {
			response.Body = signalClose{ReadCloser: response.Body, once: &once, done: secondDone}
		}
		return response, err
	})}
	pages := []*extract.Page{
		page(t, "docs/first.md", pair{name: "first", request: "GET /first", response: jsonOK + `{}`}),
		page(t, "docs/second.md", pair{name: "second", request: "GET /second", response: jsonOK + `{}`}),
	}
	log := NewHARLog("test")

	_, err := Run(context.Background(), Config{Target: server.URL, Client: client, Concurrency: 2, HAR: log}, pages)

	require.NoError(t, err)
	log.mu.Lock()
	require.Len(t, log.records, 2)
	assert.Equal(t, "second", log.records[0].entry.Example, "precondition: the second page completed first")
	log.mu.Unlock()
	har, _ := readHAR(t, log)
	assert.Equal(t, []string{server.URL + "/first", server.URL + "/second"}, entryURLs(har.Log.Entries))
}

func TestHARRetriesAndRedirects(t *testing.T) {
	var retried atomic.Bool
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/retry":
			if !retried.Swap(true) {
				w.Header().Set("Retry-After", "0")
				w.WriteHeader(http.StatusServiceUnavailable)
				return
			}
		case "/moved":
			http.Redirect(w, r, "/final", http.StatusFound)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{}`)
	}))
	defer server.Close()
	pages := []*extract.Page{page(t, "docs/hops.md",
		pair{name: "retry", request: "GET /retry", response: jsonOK + `{}`},
		pair{name: "moved", request: "GET /moved", response: jsonOK + `{}`},
	)}
	log := NewHARLog("test")

	outcomes, err := Run(context.Background(), Config{Target: server.URL, Retries: 1, HAR: log}, pages)

	require.NoError(t, err)
	require.Len(t, outcomes, 2)
	assert.Equal(t, 2, outcomes[0].Attempts)
	har, _ := readHAR(t, log)
	require.Len(t, har.Log.Entries, 4)
	for _, entry := range har.Log.Entries {
		requireEntryFields(t, entry)
	}
	assert.Equal(t, []string{server.URL + "/retry", server.URL + "/retry", server.URL + "/moved", server.URL + "/final"},
		entryURLs(har.Log.Entries))
	var statuses []int
	for _, entry := range har.Log.Entries {
		statuses = append(statuses, *entry.Response.Status)
	}
	assert.Equal(t, []int{503, 200, 302, 200}, statuses)
	assert.Equal(t, "/final", *har.Log.Entries[2].Response.RedirectURL)
}

func TestHARRecordsTransportFailure(t *testing.T) {
	closed := httptest.NewServer(http.NotFoundHandler())
	deadURL := closed.URL
	closed.Close()
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, deadURL+"/gone", http.StatusFound)
	}))
	defer server.Close()
	pages := []*extract.Page{page(t, "docs/gone.md", pair{name: "gone", request: "GET /gone", response: jsonOK + `{}`})}
	log := NewHARLog("test")

	outcomes, err := Run(context.Background(), Config{Target: server.URL, Retries: -1, Token: "har-token-77", HAR: log}, pages)

	require.NoError(t, err)
	require.Len(t, outcomes, 1)
	assert.Equal(t, Failed, outcomes[0].Outcome)
	har, text := readHAR(t, log)
	assert.NotContains(t, text, "har-token-77")
	require.Len(t, har.Log.Entries, 2)
	for _, entry := range har.Log.Entries {
		requireEntryFields(t, entry)
	}
	failed := har.Log.Entries[1]
	assert.Equal(t, deadURL+"/gone", *failed.Request.URL)
	assert.Equal(t, 0, *failed.Response.Status)
	assert.NotEmpty(t, failed.Response.Error)
	_, found := headerValue(failed.Request.Headers, "Authorization")
	assert.False(t, found, "the token was dropped on the hop to another origin")
}

func TestHARCutsBodiesAtMaxBody(t *testing.T) {
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/binary" {
			w.Header().Set("Content-Type", "application/octet-stream")
			_, _ = w.Write([]byte{0xff, 0xfe, 0xfd})
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		// Flushing before the body leaves its length unknown, so the
		// client reads up to MaxBody before it stops.
		w.(http.Flusher).Flush()
		_, _ = io.WriteString(w, `{"id": "0123456789abcdef0123456789"}`)
	}))
	defer server.Close()
	pages := []*extract.Page{page(t, "docs/cut.md",
		pair{name: "create", request: "POST /items\nContent-Type: application/json\n\n{\"name\": \"0123456789\"}",
			response: "HTTP/1.1 201 Created\nContent-Type: application/json\n\n{\"id\": \"1\"}"},
		pair{name: "binary", request: "GET /binary", response: "HTTP/1.1 200 OK\nContent-Type: application/octet-stream"},
	)}
	log := NewHARLog("test")

	outcomes, err := Run(context.Background(), Config{Target: server.URL, AllowWrites: true, MaxBody: 8, HAR: log}, pages)

	require.NoError(t, err)
	require.Len(t, outcomes, 2)
	har, _ := readHAR(t, log)
	require.Len(t, har.Log.Entries, 2)
	create := har.Log.Entries[0]
	require.NotNil(t, create.Request.PostData)
	assert.Equal(t, `{"name":`, *create.Request.PostData.Text)
	assert.Contains(t, create.Request.PostData.Comment, "8-byte body limit")
	assert.Equal(t, int64(len(`{"name": "0123456789"}`)), *create.Request.BodySize, "bodySize is the size sent")
	assert.Equal(t, `{"id": "`, *create.Response.Content.Text)
	assert.Contains(t, create.Response.Content.Comment, "8-byte body limit")
	assert.Equal(t, int64(-1), *create.Response.BodySize, "the body was not read to the end")

	binary := har.Log.Entries[1]
	assert.Equal(t, "base64", binary.Response.Content.Encoding)
	assert.Equal(t, base64.StdEncoding.EncodeToString([]byte{0xff, 0xfe, 0xfd}), *binary.Response.Content.Text)
	assert.Equal(t, int64(3), *binary.Response.Content.Size)
}

func TestHARCancelHoldsWhatRan(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var requests atomic.Int32
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if requests.Add(1) == 3 {
			// Cancel while this request is in flight: it still completes.
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
	pages := []*extract.Page{
		page(t, "docs/cancel.md", pairs...),
		page(t, "docs/after.md", pair{name: "later", request: "GET /later", response: jsonOK + `{"id": "1"}`}),
	}
	log := NewHARLog("test")

	outcomes, err := Run(ctx, Config{Target: server.URL, Concurrency: 1, HAR: log}, pages)

	require.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, []string{"get_0", "get_1", "get_2"}, names(outcomes))
	har, _ := readHAR(t, log)
	var sent []string
	for _, o := range outcomes {
		sent = append(sent, o.URL)
	}
	assert.Equal(t, sent, entryURLs(har.Log.Entries), "the log holds the exchanges of the outcomes, no more")
	assert.Equal(t, int32(3), requests.Load())
}

func TestHARWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "run.har")
	log := NewHARLog("test")
	log.add(harKey{run: 1, page: 1}, harEntry{Example: "second"})
	log.add(harKey{run: 1, page: 0, example: 2}, harEntry{Example: "first"})
	require.NoError(t, os.WriteFile(path, []byte("old content"), 0o600))

	require.NoError(t, log.WriteFile(path))

	har, _ := readHAR(t, log)
	require.Len(t, har.Log.Entries, 2)
	assert.Equal(t, "first", har.Log.Entries[0].Example)
	assert.Equal(t, "second", har.Log.Entries[1].Example)
	files, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, files, 1, "no temporary file is left")
	info, err := files[0].Info()
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.True(t, json.Valid(data), "the old content was replaced")

	err = log.WriteFile(filepath.Join(dir, "missing", "run.har"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), filepath.Join(dir, "missing", "run.har"))
}

func TestHAREmptyLogHasEntries(t *testing.T) {
	har, text := readHAR(t, NewHARLog("test"))

	assert.NotNil(t, har.Log.Entries)
	assert.Contains(t, text, `"entries": []`)
}
