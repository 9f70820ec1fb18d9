package replay

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphdoc/graphdoc/harness/extract"
)

const planToken = "plan-token-5f0c1e"

// planPages are examples for Plan: three that would be sent with
// different methods and bodies, and three that would be skipped.
func planPages(t *testing.T) []*extract.Page {
	return []*extract.Page{page(t, "docs/plan.md",
		pair{name: "list_members", request: "GET https://graph.microsoft.com/v1.0/groups/{groupId}/members?$select=id,displayName",
			response: jsonOK + `{"value": []}`},
		pair{name: "add_member", request: "POST https://graph.microsoft.com/v1.0/groups/{groupId}/members/$ref\nContent-Type: application/json\n\n" +
			`{"@odata.id": "https://graph.microsoft.com/v1.0/users/{userId}", "note": "it's"}`,
			response: "HTTP/1.1 204 No Content"},
		pair{name: "rename", request: "PATCH /items/1\n\nname=it's {name}", response: "HTTP/1.1 204 No Content"},
		pair{name: "head_me", request: "HEAD /me", response: jsonOK + `{}`},
		pair{name: "no_response", request: "GET /me"},
		pair{name: "get_user", request: "GET /users/{userId}", response: jsonOK + `{}`},
	)}
}

func planConfig(target string) Config {
	return Config{
		Target:          target,
		AllowWrites:     true,
		Token:           planToken,
		Headers:         http.Header{"X-Api-Key": {"key-5f0c1e"}},
		Values:          map[string]string{"groupId": "g1", "name": "new name"},
		ValuesByExample: map[string]map[string]string{"add_member": {"userId": "u'1"}},
	}
}

func TestPlanSendsNothing(t *testing.T) {
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("a dry run sent %s %s", r.Method, r.URL.Path)
	}))
	defer server.Close()

	planned, err := Plan(planConfig(server.URL), planPages(t))

	require.NoError(t, err)
	require.Len(t, planned, 6)
	for _, p := range planned {
		assert.Equal(t, Skipped, p.Outcome.Outcome, p.Name)
		assert.Zero(t, p.Attempts, p.Name)
		assert.NotContains(t, p.Curl, planToken, p.Name)
		assert.NotContains(t, p.Curl, "key-5f0c1e", p.Name)
	}
	for _, p := range planned[:4] {
		assert.Equal(t, DryRunReason, p.Reason, p.Name)
		assert.NotEmpty(t, p.Curl, p.Name)
	}
	assert.Equal(t, "no documented response", planned[4].Reason)
	assert.Contains(t, planned[5].Reason, "{userId}", "ValuesByExample applies to its example only")
	assert.Empty(t, planned[4].Curl)
	assert.Empty(t, planned[5].Curl)

	assert.Equal(t, server.URL+"/groups/g1/members?$select=id,displayName", planned[0].URL)
	assert.Equal(t, "curl '"+server.URL+"/groups/g1/members?$select=id,displayName' \\\n"+
		"  -H 'Authorization: Bearer ***' \\\n"+
		"  -H 'X-Api-Key: ***'", planned[0].Curl)
	assert.Equal(t, "curl '"+server.URL+"/groups/g1/members/$ref' \\\n"+
		"  -H 'Authorization: Bearer ***' \\\n"+
		"  -H 'Content-Type: application/json' \\\n"+
		"  -H 'X-Api-Key: ***' \\\n"+
		`  --data-binary '{"@odata.id": "https://graph.microsoft.com/v1.0/users/u'\''1", "note": "it'\''s"}'`, planned[1].Curl)
	assert.Equal(t, "curl -X PATCH "+server.URL+"/items/1 \\\n"+
		"  -H 'Authorization: Bearer ***' \\\n"+
		"  -H 'X-Api-Key: ***' \\\n"+
		"  -H Content-Type: \\\n"+
		`  --data-binary 'name=it'\''s new name'`, planned[2].Curl)
	assert.True(t, strings.HasPrefix(planned[3].Curl, "curl --head "+server.URL+"/me \\\n"), planned[3].Curl)
}

func TestPlanMockAddsPrefer(t *testing.T) {
	pages := []*extract.Page{page(t, "docs/mock.md",
		pair{name: "create_item", request: "POST /v1.0/items\nContent-Type: application/json\n\n{}", response: "HTTP/1.1 201 Created"})}

	planned, err := Plan(Config{Target: "http://127.0.0.1:1", Mock: true}, pages)

	require.NoError(t, err)
	require.Len(t, planned, 1)
	assert.Equal(t, "curl http://127.0.0.1:1/v1.0/items \\\n"+
		"  -H 'Content-Type: application/json' \\\n"+
		"  -H 'Prefer: example=\"create_item\"' \\\n"+
		"  --data-binary '{}'", planned[0].Curl)
}

func TestPlanConfigError(t *testing.T) {
	_, err := Plan(Config{Target: "ftp://127.0.0.1/"}, nil)

	assert.Error(t, err)
}

// TestPlanCurlRuns runs each planned command with curl and checks that
// the request that arrives is the one Run sends.
func TestPlanCurlRuns(t *testing.T) {
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("curl is not installed")
	}
	type received struct {
		method, uri, contentType, authorization, body string
	}
	var lock sync.Mutex
	var requests []received
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("read request body: %v", err)
		}
		lock.Lock()
		requests = append(requests, received{r.Method, r.RequestURI, r.Header.Get("Content-Type"), r.Header.Get("Authorization"), string(body)})
		lock.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}))
	defer server.Close()
	planned, err := Plan(planConfig(server.URL), planPages(t))
	require.NoError(t, err)

	for _, p := range planned[:4] {
		// -q skips ~/.curlrc and must come first. --noproxy keeps the
		// request on loopback.
		command := "curl -q --noproxy '*' -sS -o /dev/null " + strings.TrimPrefix(p.Curl, "curl ")
		output, err := exec.CommandContext(t.Context(), "sh", "-c", command).CombinedOutput()
		require.NoError(t, err, "%s: %s", p.Name, output)
	}

	lock.Lock()
	defer lock.Unlock()
	assert.Equal(t, []received{
		{"GET", "/groups/g1/members?$select=id,displayName", "", "Bearer ***", ""},
		{"POST", "/groups/g1/members/$ref", "application/json", "Bearer ***",
			`{"@odata.id": "https://graph.microsoft.com/v1.0/users/u'1", "note": "it's"}`},
		{"PATCH", "/items/1", "", "Bearer ***", "name=it's new name"},
		{"HEAD", "/me", "", "Bearer ***", ""},
	}, requests)
}

func TestShellQuote(t *testing.T) {
	tests := []struct {
		input string
		want  string
	}{
		{"", "''"},
		{"http://127.0.0.1:1/a-b_c.d", "http://127.0.0.1:1/a-b_c.d"},
		{"a b", "'a b'"},
		{"it's", `'it'\''s'`},
		{"$select", "'$select'"},
		{"a\nb", "'a\nb'"},
		{"`x` \\ \"y\"", "'`x` \\ \"y\"'"},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, shellQuote(tc.input), tc.input)
	}
}
