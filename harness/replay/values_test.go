package replay

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphdoc/graphdoc/harness/extract"
)

func TestParseValues(t *testing.T) {
	tests := []struct {
		name    string
		input   string
		want    ValuesFile
		wantErr string
	}{
		{name: "global only", input: `{"groupId": "g1", "itemActivityStatId": "s1"}`,
			want: ValuesFile{Values: map[string]string{"groupId": "g1", "itemActivityStatId": "s1"}}},
		{name: "per example", input: `{"groupId": "g1", "examples": {"get_item": {"item-id": "i1", "groupId": "g2"}}}`,
			want: ValuesFile{
				Values:    map[string]string{"groupId": "g1"},
				ByExample: map[string]map[string]string{"get_item": {"item-id": "i1", "groupId": "g2"}},
			}},
		{name: "YAML", input: "groupId: g1\nexamples:\n  get_item:\n    item-id: i1\n",
			want: ValuesFile{
				Values:    map[string]string{"groupId": "g1"},
				ByExample: map[string]map[string]string{"get_item": {"item-id": "i1"}},
			}},
		{name: "non-strings as JSON", input: `{"top": 3, "flag": true, "payload": {"a": [1, "b"]}}`,
			want: ValuesFile{Values: map[string]string{"top": "3", "flag": "true", "payload": `{"a":[1,"b"]}`}}},
		{name: "empty", input: ``, want: ValuesFile{Values: map[string]string{}}},
		{name: "null value", input: `{"groupId": null}`, wantErr: `value of "groupId" is null`},
		{name: "null in example", input: `{"examples": {"get_item": {"id": null}}}`, wantErr: `example "get_item": value of "id" is null`},
		{name: "examples not an object", input: `{"examples": "x"}`, wantErr: `invalid "examples"`},
		{name: "example not an object", input: `{"examples": {"get_item": "x"}}`, wantErr: `invalid values of example "get_item"`},
		{name: "top level list", input: `["a"]`, wantErr: "not a JSON or YAML object"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseValues([]byte(tc.input))

			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestReadValuesNamesFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "values.json")
	require.NoError(t, os.WriteFile(path, []byte(`{"examples": 1}`), 0o600))

	_, err := ReadValues(path)
	require.Error(t, err)
	assert.Contains(t, err.Error(), path)

	_, err = ReadValues(filepath.Join(dir, "missing.json"))
	require.ErrorIs(t, err, os.ErrNotExist)
	assert.Contains(t, err.Error(), "missing.json")
}

func TestFillJSON(t *testing.T) {
	values := map[string]string{"id": "7", "name": `say "hi" \ now`, "count": "3", "payload": `{"a": 1}`}
	tests := []struct {
		name string
		body string
		want string
	}{
		{name: "inside a string", body: `{"id": "{id}"}`, want: `{"id": "7"}`},
		{name: "escaped in a string", body: `{"name": "{name}"}`, want: `{"name": "say \"hi\" \\ now"}`},
		{name: "outside a string", body: `{"top": {count}, "body": {payload}}`, want: `{"top": 3, "body": {"a": 1}}`},
		{name: "within a longer string", body: `{"url": "https://graph.microsoft.com/v1.0/items/{id}/children"}`,
			want: `{"url": "https://graph.microsoft.com/v1.0/items/7/children"}`},
		{name: "unknown left as written", body: `{"id": "{other}", "n": {missing}}`, want: `{"id": "{other}", "n": {missing}}`},
		{name: "objects kept", body: `{"a": {"b": {}}, "c": []}`, want: `{"a": {"b": {}}, "c": []}`},
		{name: "escaped quote before placeholder", body: `{"text": "a \"{name}\""}`, want: `{"text": "a \"say \"hi\" \\ now\""}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, string(fillJSON([]byte(tc.body), values)))
		})
	}
}

func TestRunValuesByExample(t *testing.T) {
	var lock sync.Mutex
	seen := map[string]string{}
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("read request body: %v", err)
		}
		lock.Lock()
		seen[r.Method+" "+r.URL.Path] = string(body)
		lock.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if r.Method == http.MethodPost {
			w.WriteHeader(http.StatusCreated)
		}
		_, _ = io.WriteString(w, `{}`)
	}))
	defer server.Close()
	pages := []*extract.Page{page(t, "docs/values.md",
		pair{name: "get_a", request: "GET /items/{item-id}", response: jsonOK + `{}`},
		pair{name: "get_b", request: "GET /items/{item-id}", response: jsonOK + `{}`},
		pair{name: "create", request: "POST /items/{item-id}/children\nContent-Type: application/json\n\n" +
			`{"parent": "{item-id}", "name": "{name}", "size": "{size}", "keep": "{unknown}"}`,
			response: "HTTP/1.1 201 Created\nContent-Type: application/json\n\n{}"},
	)}
	var logs []string
	var logLock sync.Mutex

	outcomes, err := Run(context.Background(), Config{
		Target:      server.URL,
		AllowWrites: true,
		Values:      map[string]string{"item-id": "global", "name": `say "hi"`},
		ValuesByExample: map[string]map[string]string{
			"get_b":    {"item-id": "b-own"},
			"create":   {"size": "3"},
			"get_typo": {"item-id": "unused"},
		},
		Logf: func(format string, args ...any) {
			logLock.Lock()
			defer logLock.Unlock()
			logs = append(logs, fmt.Sprintf(format, args...))
		},
	}, pages)

	require.NoError(t, err)
	require.Len(t, outcomes, 3)
	for _, o := range outcomes {
		assert.Equal(t, Passed, o.Outcome, "%s: %s %v", o.Name, o.Reason, o.Differences)
	}
	lock.Lock()
	defer lock.Unlock()
	assert.Contains(t, seen, "GET /items/global")
	assert.Contains(t, seen, "GET /items/b-own", "a per-example value overrides the global one")
	created := seen["POST /items/global/children"]
	assert.Equal(t, `{"parent": "global", "name": "say \"hi\"", "size": "3", "keep": "{unknown}"}`, created)
	assert.True(t, json.Valid([]byte(created)), "the filled body stays valid JSON")
	logLock.Lock()
	defer logLock.Unlock()
	assert.Equal(t, []string{`replay: values for example "get_typo" are unused: no example has that name`}, logs)
}

func TestRunValuesFillPlainBody(t *testing.T) {
	var lock sync.Mutex
	var body string
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		data, _ := io.ReadAll(r.Body)
		lock.Lock()
		body = string(data)
		lock.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}))
	defer server.Close()
	pages := []*extract.Page{page(t, "docs/plain.md",
		pair{name: "put_text", request: "PUT /items/1/content\nContent-Type: text/plain\n\nHello {name}, {\"raw\": true}",
			response: "HTTP/1.1 204 No Content"},
	)}

	_, err := Run(context.Background(), Config{Target: server.URL, AllowWrites: true, Values: map[string]string{"name": `A "B"`}}, pages)

	require.NoError(t, err)
	lock.Lock()
	defer lock.Unlock()
	assert.Equal(t, `Hello A "B", {"raw": true}`, strings.TrimSpace(body), "a plain body takes values as written")
}
