package replay

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/graphdoc/graphdoc/harness/extract"
)

const (
	benchPages           = 100
	benchExamplesPerPage = 20
)

// benchmarkPages returns 2,000 examples over 100 pages: mostly reads of
// single items and collections, with some writes.
func benchmarkPages(b *testing.B) []*extract.Page {
	b.Helper()
	item := `{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#items/$entity", "id": "%d", "name": "file %d.txt",
  "size": %d, "createdDateTime": "2024-01-08T09:12:44Z", "file": {"mimeType": "text/plain", "hashes": {"quickXorHash": "Zml4dHVyZQ=="}},
  "createdBy": {"user": {"id": "00000000-0000-0000-0000-000000000001", "displayName": "Avery Fixture"}}}`
	var pages []*extract.Page
	for p := range benchPages {
		var pairs []pair
		for e := range benchExamplesPerPage {
			n := p*benchExamplesPerPage + e
			name := "example_" + strconv.Itoa(n)
			switch e % 5 {
			case 0:
				pairs = append(pairs, pair{name: name,
					request:  fmt.Sprintf("POST https://graph.microsoft.com/v1.0/sites/%d/items\nContent-Type: application/json\n\n{\"name\": \"file %d.txt\"}", p, n),
					response: "HTTP/1.1 201 Created\nContent-Type: application/json\n\n" + fmt.Sprintf(item, n, n, n)})
			case 1:
				pairs = append(pairs, pair{name: name,
					request:  fmt.Sprintf("GET https://graph.microsoft.com/v1.0/sites/%d/items?$top=3", p),
					response: jsonOK + `{"value": [` + strings.Join([]string{fmt.Sprintf(item, 1, 1, 1), fmt.Sprintf(item, 2, 2, 2), fmt.Sprintf(item, 3, 3, 3)}, ", ") + `]}`})
			case 2:
				pairs = append(pairs, pair{name: name,
					request:  fmt.Sprintf("DELETE https://graph.microsoft.com/beta/sites/%d/items/%d", p, n),
					response: "HTTP/1.1 204 No Content"})
			default:
				pairs = append(pairs, pair{name: name,
					request:  fmt.Sprintf("GET https://graph.microsoft.com/v1.0/sites/%d/items/%d", p, n),
					response: jsonOK + fmt.Sprintf(item, n, n, n)})
			}
		}
		pages = append(pages, page(b, fmt.Sprintf("docs/page-%d.md", p), pairs...))
	}
	return pages
}

// BenchmarkReplayMock replays 2,000 examples against the mock.
func BenchmarkReplayMock(b *testing.B) {
	pages := benchmarkPages(b)
	server := newMock(b, pages)
	cfg := Config{Target: server.URL, Mock: true}

	for b.Loop() {
		outcomes, err := Run(context.Background(), cfg, pages)
		if err != nil {
			b.Fatal(err)
		}
		for _, o := range outcomes {
			if o.Outcome != Passed {
				b.Fatalf("%s: %s %s %v", o.Name, o.Outcome, o.Reason, o.Differences)
			}
		}
	}
	b.ReportMetric(float64(benchPages*benchExamplesPerPage*b.N)/b.Elapsed().Seconds(), "examples/s")
}

// BenchmarkPlainClient sends the same requests as BenchmarkReplayMock with
// a bare net/http client and the same concurrency, reading each body and
// checking only the status: the floor for the replay engine.
func BenchmarkPlainClient(b *testing.B) {
	pages := benchmarkPages(b)
	server := newMock(b, pages)
	type plainRequest struct {
		method, url, name string
		body              []byte
		status            int
	}
	var perPage [][]plainRequest
	for _, p := range pages {
		var requests []plainRequest
		for _, ex := range p.Examples {
			path, query := splitTarget(ex.Request.Request.Target)
			target := server.URL + path
			if query != "" {
				target += "?" + query
			}
			requests = append(requests, plainRequest{method: ex.Request.Request.Method, url: target, name: ex.Name,
				body: ex.Request.Request.Body, status: ex.Response.Response.Status})
		}
		perPage = append(perPage, requests)
	}
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.Proxy = nil
	transport.MaxIdleConnsPerHost = DefaultConcurrency
	client := &http.Client{Transport: transport}

	for b.Loop() {
		work := make(chan []plainRequest)
		var workers sync.WaitGroup
		for range DefaultConcurrency {
			workers.Go(func() {
				for requests := range work {
					for _, r := range requests {
						request, err := http.NewRequest(r.method, r.url, bytes.NewReader(r.body))
						if err != nil {
							b.Error(err)
							return
						}
						request.Header.Set("Content-Type", "application/json")
						request.Header.Set("Prefer", "example="+strconv.Quote(r.name))
						response, err := client.Do(request)
						if err != nil {
							b.Error(err)
							return
						}
						_, err = io.ReadAll(response.Body)
						response.Body.Close()
						if err != nil || response.StatusCode != r.status {
							b.Errorf("%s %s: status %d, error %v", r.method, r.url, response.StatusCode, err)
						}
					}
				}
			})
		}
		for _, requests := range perPage {
			work <- requests
		}
		close(work)
		workers.Wait()
	}
	b.ReportMetric(float64(benchPages*benchExamplesPerPage*b.N)/b.Elapsed().Seconds(), "examples/s")
}
