package replay

import (
	"context"
	"fmt"
	"net/http"
	"net/textproto"
	"strconv"
	"strings"
	"sync"

	"github.com/graphdoc/graphdoc/harness/compare"
	"github.com/graphdoc/graphdoc/harness/extract"
	"github.com/graphdoc/graphdoc/harness/finding"
)

// Run sends each documented example of pages that has a documented
// response to cfg.Target and compares the actual response with it.
//
// It returns one Outcome per example that ran, in page order and then
// document order, whatever the concurrency. Examples that are not sent
// (no documented response, an unfilled placeholder, a write against a
// live target without AllowWrites) are Skipped with the reason. Every
// difference and every transport failure is a finding in the outcome;
// Run returns an error only for an invalid Config.
//
// When ctx is cancelled, Run sends nothing more, waits for the requests
// in flight, and returns the outcomes of the examples that ran together
// with ctx's error.
func Run(ctx context.Context, cfg Config, pages []*extract.Page) ([]Outcome, error) {
	s, err := newSettings(cfg)
	if err != nil {
		return nil, err
	}
	s.warnUnknownExamples(pages)
	r := &runner{
		settings: s,
		client:   s.newClient(),
		comparer: compare.Comparer{IsDerived: s.IsDerived},
	}
	if s.HAR != nil {
		r.run = s.HAR.startRun()
	}

	results := make([][]Outcome, len(pages))
	work := make(chan int)
	var workers sync.WaitGroup
	for range min(s.Concurrency, len(pages)) {
		workers.Go(func() {
			for index := range work {
				results[index] = r.page(ctx, index, pages[index])
			}
		})
	}
	for index := range pages {
		if ctx.Err() != nil {
			break
		}
		select {
		case work <- index:
		case <-ctx.Done():
		}
	}
	close(work)
	workers.Wait()

	var outcomes []Outcome
	for _, pageOutcomes := range results {
		outcomes = append(outcomes, pageOutcomes...)
	}
	if err := ctx.Err(); err != nil {
		return outcomes, fmt.Errorf("replay stopped after %d examples: %w", len(outcomes), err)
	}
	return outcomes, nil
}

type runner struct {
	*settings
	client   *http.Client
	comparer compare.Comparer
	// run numbers this Run's entries in the HAR log.
	run int
}

// page runs the examples of one page in document order until ctx ends.
func (r *runner) page(ctx context.Context, pageIndex int, page *extract.Page) []Outcome {
	var outcomes []Outcome
	for exampleIndex, example := range page.Examples {
		if ctx.Err() != nil {
			break
		}
		ref := exampleRef{run: r.run, page: pageIndex, example: exampleIndex, file: page.Path, name: example.Name}
		outcome, ran := r.example(ctx, ref, page, example)
		if ran {
			outcomes = append(outcomes, outcome)
		}
	}
	return outcomes
}

// example replays one example. It returns ran false when ctx ended before
// the request was sent.
func (r *runner) example(ctx context.Context, ref exampleRef, page *extract.Page, example *extract.Example) (Outcome, bool) {
	outcome, prepared, ok := r.prepare(page, example)
	if !ok {
		return outcome, true
	}
	prepared.ref = ref

	result, ran := r.send(ctx, r.client, prepared)
	if !ran {
		return outcome, false
	}
	outcome.Attempts = result.attempts
	outcome.ActualStatus = result.status

	// Compare the actual response with the documented one.
	var differences []finding.Finding
	if result.failure != nil {
		outcome.Reason = result.failure.Error()
		differences = []finding.Finding{{
			Rule:     result.failureRule,
			Severity: finding.DefaultSeverity(result.failureRule),
			Message:  fmt.Sprintf("%s %s: %v", outcome.Method, outcome.URL, result.failure),
		}}
	} else {
		differences = r.compare(example, outcome.Method, result)
	}
	for i := range differences {
		differences[i].File = page.Path
		differences[i].Line = example.Response.Line
		differences[i].Column = 1
		differences[i].Example = example.Name
	}
	outcome.Differences = differences
	outcome.Outcome = Passed
	if failing(differences) {
		outcome.Outcome = Failed
	}
	return outcome, true
}

// prepare builds the request of an example. When the example is not to
// be sent, it returns false and the outcome Skipped with the reason.
func (s *settings) prepare(page *extract.Page, example *extract.Example) (Outcome, request, bool) {
	outcome := Outcome{Name: example.Name, File: page.Path}
	if example.Request != nil {
		outcome.Line = example.Request.Line
		if documented := example.Request.Request; documented != nil {
			outcome.Method = strings.ToUpper(documented.Method)
			outcome.URL = documented.Target
		}
	}

	// Decide whether the example can be sent.
	if example.Response == nil {
		return skip(outcome, "no documented response"), request{}, false
	}
	outcome.Line = example.Response.Line
	if example.Response.Response == nil {
		return skip(outcome, "the documented response could not be parsed"), request{}, false
	}
	outcome.DocumentedStatus = example.Response.Response.Status
	if example.Request == nil || example.Request.Request == nil {
		return skip(outcome, "the documented request could not be parsed"), request{}, false
	}
	if !s.mayWrite(outcome.Method) {
		return skip(outcome, outcome.Method+" not sent: writes go to a live target only when allowed (--allow-writes)"), request{}, false
	}
	values := s.valuesFor(example.Name)
	target, err := s.requestURL(example.Request.Request.Target, values)
	if err != nil {
		return skip(outcome, err.Error()), request{}, false
	}
	outcome.URL = target

	return outcome, request{
		method:   outcome.Method,
		url:      target,
		header:   s.requestHeader(example, values),
		body:     fillBody(example.Request, values),
		noFollow: isRedirect(outcome.DocumentedStatus),
	}, true
}

func (r *runner) compare(example *extract.Example, method string, result exchange) []finding.Finding {
	documented := example.Response
	if method == http.MethodHead {
		documented = withoutBody(documented)
	}
	differences := r.comparer.Response(documented, result.status, result.header, result.body)
	if r.ValidateActual != nil && result.status == documented.Response.Status && len(result.body) > 0 {
		differences = append(differences, r.ValidateActual(example, result.body)...)
	}
	return differences
}

// withoutBody returns a copy of a response block with its body removed,
// because a response to HEAD has none.
func withoutBody(block *extract.Block) *extract.Block {
	copied := *block
	response := *block.Response
	response.Body = nil
	copied.Response = &response
	copied.JSON = nil
	return &copied
}

// mayWrite reports whether an example with method may be sent.
func (s *settings) mayWrite(method string) bool {
	return method == http.MethodGet || method == http.MethodHead || s.Mock || s.AllowWrites
}

// requestHeaders are documented request headers that are not sent: the
// client computes them, they belong to one connection, or, for
// Authorization, the documented value is a stand-in for Config.Token.
// Accept-Encoding is left to the client, which then decompresses.
var requestHeaders = map[string]bool{
	"Accept-Encoding":   true,
	"Authorization":     true,
	"Connection":        true,
	"Content-Length":    true,
	"Host":              true,
	"Keep-Alive":        true,
	"Transfer-Encoding": true,
	"Upgrade":           true,
}

func (s *settings) requestHeader(example *extract.Example, values map[string]string) http.Header {
	header := http.Header{}
	for _, h := range example.Request.Request.Headers {
		name := textproto.CanonicalMIMEHeaderKey(strings.TrimSpace(h.Name))
		if name == "" || requestHeaders[name] {
			continue
		}
		header.Add(name, fill(h.Value, values))
	}
	for name, values := range s.Headers {
		header[textproto.CanonicalMIMEHeaderKey(name)] = values
	}
	if s.Token != "" {
		header.Set("Authorization", "Bearer "+s.Token)
	}
	if s.Mock && example.Name != "" {
		header.Add("Prefer", "example="+strconv.Quote(example.Name))
	}
	return header
}

func skip(outcome Outcome, reason string) Outcome {
	outcome.Outcome = Skipped
	outcome.Reason = reason
	return outcome
}

func isRedirect(status int) bool {
	return status >= 300 && status < 400
}

// failing reports whether any finding is a warning or an error; info
// findings, such as undocumented properties, do not fail an example.
func failing(findings []finding.Finding) bool {
	for _, f := range findings {
		if f.Severity >= finding.Warning {
			return true
		}
	}
	return false
}
