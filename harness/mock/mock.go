package mock

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/textproto"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/graphdoc/graphdoc/harness/extract"
	"github.com/graphdoc/graphdoc/harness/finding"
)

// maxRequestBody caps the request body the mock reads for Validate.
const maxRequestBody = 16 << 20

// Options configures the mock. The zero value serves the documented
// examples as they are.
type Options struct {
	// Latency delays every response by this long, or until the client
	// cancels the request.
	Latency time.Duration
	// FailRate is the fraction of requests, from 0 to 1, that get 503
	// Service Unavailable before routing.
	FailRate float64
	// Rand draws the failures of FailRate. Set it to a seeded generator to
	// make them repeatable; the mock locks it, so it may be shared. Nil
	// uses the process-wide generator.
	Rand *rand.Rand
	// StatusOn maps request paths, percent-decoded and without query, to
	// the status that every request for the path gets, whatever the
	// method, with a Graph-style error body.
	StatusOn map[string]int
	// Validate checks a request body against the example the request was
	// routed to. When it returns a finding of severity Error, the mock
	// responds 400 Bad Request naming the finding's property. It is called
	// only for requests with a body and must be safe for concurrent use.
	Validate func(example *extract.Example, body []byte) []finding.Finding
	// Responses replaces the documented response of the examples it names
	// (see ParseReplayMock).
	Responses map[string]Response
}

// Response is a canned response that replaces an example's documented one.
type Response struct {
	Status int
	Header http.Header
	// Body is sent as it is; nil sends no body.
	Body []byte
}

// answer is a response prepared for sending.
type answer struct {
	status int
	header http.Header
	body   []byte
}

type handler struct {
	routes trie
	// unversioned holds the routes of documented paths that start with
	// /v1.0 or /beta under the path without that prefix, for clients that
	// send to the mock as to a versioned base URL (replay --target).
	unversioned trie
	opts        Options
	// randLock guards opts.Rand, which is not safe for concurrent use.
	randLock sync.Mutex
}

// New returns a handler that serves the documented examples of pages.
//
// A request is routed to the examples whose documented method and path
// match it. The path of an absolute documented URL is taken as written,
// version prefix included, so https://graph.microsoft.com/beta/me/drive is
// served at /beta/me/drive. A relative one such as /me/drive is served at
// /me/drive.
// Segments are compared percent-decoded, the query is ignored, and a
// {placeholder} matches one or more characters within one segment. A HEAD
// request is also routed to GET examples.
//
// Among several matching examples, the mock picks the one that the request
// header "Prefer: example=NAME" or "Prefer: code=NNN" requests, and names
// the preference in the Preference-Applied header. Without one, it picks
// the example with the fewest placeholders, then the first in document
// order. A preference that no match fulfils is ignored, as RFC 7240 allows.
//
// The response has the documented status, headers and body, with
// Content-Length computed from the body and hop-by-hop headers dropped.
// Responses with status 1xx, 204, 205 or 304 have no body. A path that no
// example has gets 404, and a path documented only under other methods
// gets 405 with an Allow header, both with a Graph-style JSON error.
//
// Examples without a parsed request and response are not served. The
// handler is safe for concurrent use.
func New(pages []*extract.Page, opts Options) http.Handler {
	h := &handler{opts: opts}

	index := 0
	for _, page := range pages {
		for _, example := range page.Examples {
			if example.Request == nil || example.Request.Request == nil ||
				example.Response == nil || example.Response.Response == nil {
				continue
			}
			request := example.Request.Request
			r := &route{
				name:    example.Name,
				method:  strings.ToUpper(request.Method),
				index:   index,
				example: example,
				answer:  documentedAnswer(example.Response),
				query:   documentedQuery(request.Target),
			}
			if canned, ok := opts.Responses[example.Name]; ok {
				r.answer = cannedAnswer(canned)
			}
			path := documentedPath(request.Target)
			h.routes.insert(path, r)
			if rest, ok := withoutVersion(path); ok {
				h.unversioned.insert(rest, r)
			}
			index++
		}
	}
	return h
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !h.wait(r) {
		return
	}
	if status, ok := h.opts.StatusOn[r.URL.Path]; ok {
		writeError(w, status, "The status of this path is set by the mock's StatusOn option.")
		return
	}
	if h.fail() {
		writeError(w, http.StatusServiceUnavailable, "The mock failed this request on purpose (FailRate).")
		return
	}

	// Route by path, then by method.
	matches := h.routes.match(requestSegments(r))
	if len(matches) == 0 {
		matches = h.unversioned.match(requestSegments(r))
	}
	if len(matches) == 0 {
		writeError(w, http.StatusNotFound, fmt.Sprintf("No documented example has the path %s.", r.URL.Path))
		return
	}
	candidates := byMethod(matches, r.Method)
	if len(candidates) == 0 {
		w.Header().Set("Allow", strings.Join(allowedMethods(matches), ", "))
		writeError(w, http.StatusMethodNotAllowed,
			fmt.Sprintf("The path %s is documented only for other methods.", r.URL.Path))
		return
	}
	chosen, applied := choose(candidates, parsePreferences(r.Header.Values("Prefer")), r.URL.Query())

	if h.opts.Validate != nil {
		if message, status := h.validate(r, chosen); status != 0 {
			writeError(w, status, message)
			return
		}
	}

	if applied != "" {
		w.Header().Set("Preference-Applied", applied)
	}
	chosen.answer.write(w)
}

// wait sleeps for the configured latency and reports whether the client
// is still waiting for the response.
func (h *handler) wait(r *http.Request) bool {
	if h.opts.Latency <= 0 {
		return true
	}
	timer := time.NewTimer(h.opts.Latency)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

func (h *handler) fail() bool {
	if h.opts.FailRate <= 0 {
		return false
	}
	if h.opts.Rand == nil {
		return rand.Float64() < h.opts.FailRate
	}
	h.randLock.Lock()
	defer h.randLock.Unlock()
	return h.opts.Rand.Float64() < h.opts.FailRate
}

// validate reads the request body and runs Options.Validate on it. It
// returns a message and status for an error response, or a zero status.
func (h *handler) validate(r *http.Request, chosen *route) (string, int) {
	body, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, maxRequestBody))
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return fmt.Sprintf("The request body is larger than %d bytes.", maxRequestBody), http.StatusRequestEntityTooLarge
	}
	if err != nil {
		return "The request body could not be read.", http.StatusBadRequest
	}
	if len(body) == 0 {
		return "", 0
	}

	for _, f := range h.opts.Validate(chosen.example, body) {
		if f.Severity != finding.Error {
			continue
		}
		if property := lastToken(f.Pointer); property != "" {
			return fmt.Sprintf("Invalid value for property '%s': %s", property, f.Message), http.StatusBadRequest
		}
		return fmt.Sprintf("The request body is invalid: %s", f.Message), http.StatusBadRequest
	}
	return "", 0
}

// requestSegments returns the percent-decoded segments of the request path.
func requestSegments(r *http.Request) []string {
	segments := splitPath(r.URL.EscapedPath())
	for i, segment := range segments {
		segments[i] = unescape(segment)
	}
	return segments
}

// byMethod returns the routes for method, keeping their order. HEAD falls
// back to GET routes when no HEAD example matches.
func byMethod(routes []*route, method string) []*route {
	var found []*route
	for _, r := range routes {
		if r.method == method {
			found = append(found, r)
		}
	}
	if len(found) == 0 && method == http.MethodHead {
		return byMethod(routes, http.MethodGet)
	}
	return found
}

func allowedMethods(routes []*route) []string {
	var methods []string
	for _, r := range routes {
		methods = append(methods, r.method)
		if r.method == http.MethodGet {
			methods = append(methods, http.MethodHead)
		}
	}
	slices.Sort(methods)
	return slices.Compact(methods)
}

// preferences are the mock's keys of a Prefer request header.
type preferences struct {
	example string
	code    int
}

// parsePreferences reads example= and code= from Prefer header values such
// as `return=minimal, example="get_item"`; other preferences are ignored.
func parsePreferences(values []string) preferences {
	var prefs preferences
	for _, value := range values {
		for item := range strings.SplitSeq(value, ",") {
			// Parameters after ';' do not matter to the mock.
			item, _, _ = strings.Cut(item, ";")
			name, token, ok := strings.Cut(strings.TrimSpace(item), "=")
			if !ok {
				continue
			}
			token = strings.Trim(strings.TrimSpace(token), `"`)
			switch strings.ToLower(strings.TrimSpace(name)) {
			case "example":
				prefs.example = token
			case "code":
				if code, err := strconv.Atoi(token); err == nil {
					prefs.code = code
				}
			}
		}
	}
	return prefs
}

// choose picks the route the preferences ask for, or the first. It also
// returns the honoured preferences for Preference-Applied.
func choose(candidates []*route, prefs preferences, query url.Values) (*route, string) {
	// Without a preference, an example whose documented query string is
	// the request's wins over others on the same path.
	if sameQuery := filter(candidates, func(r *route) bool { return equalQuery(r.query, query) }); len(sameQuery) > 0 {
		candidates = sameQuery
	}
	var applied []string
	if prefs.example != "" {
		if named := filter(candidates, func(r *route) bool { return r.name == prefs.example }); len(named) > 0 {
			candidates = named
			applied = append(applied, "example="+strconv.Quote(prefs.example))
		}
	}
	if prefs.code != 0 {
		if coded := filter(candidates, func(r *route) bool { return r.answer.status == prefs.code }); len(coded) > 0 {
			candidates = coded
			applied = append(applied, "code="+strconv.Itoa(prefs.code))
		}
	}
	return candidates[0], strings.Join(applied, ", ")
}

func filter(routes []*route, keep func(*route) bool) []*route {
	var kept []*route
	for _, r := range routes {
		if keep(r) {
			kept = append(kept, r)
		}
	}
	return kept
}

// hopHeaders are documented headers the mock does not copy: they belong
// to one connection, or net/http computes them.
var hopHeaders = map[string]bool{
	"Connection":        true,
	"Content-Length":    true,
	"Keep-Alive":        true,
	"Transfer-Encoding": true,
	"Upgrade":           true,
}

// documentedAnswer prepares the documented response of a block.
func documentedAnswer(block *extract.Block) *answer {
	response := block.Response
	a := &answer{status: response.Status, header: http.Header{}}
	for _, h := range response.Headers {
		name := textproto.CanonicalMIMEHeaderKey(strings.TrimSpace(h.Name))
		if name == "" || hopHeaders[name] {
			continue
		}
		a.header.Add(name, h.Value)
	}
	if len(response.Body) > 0 {
		a.body = response.Body
		if block.JSON != nil && a.header.Get("Content-Type") == "" {
			a.header.Set("Content-Type", "application/json")
		}
	}
	a.finish()
	return a
}

func cannedAnswer(canned Response) *answer {
	a := &answer{status: canned.Status, header: http.Header{}, body: canned.Body}
	for name, values := range canned.Header {
		if hopHeaders[textproto.CanonicalMIMEHeaderKey(name)] {
			continue
		}
		for _, value := range values {
			a.header.Add(name, value)
		}
	}
	if len(a.body) > 0 && a.header.Get("Content-Type") == "" && json.Valid(a.body) {
		a.header.Set("Content-Type", "application/json")
	}
	a.finish()
	return a
}

// finish drops the body of statuses that have none and sets Content-Length.
func (a *answer) finish() {
	if noBody(a.status) {
		a.body = nil
		return
	}
	a.header.Set("Content-Length", strconv.Itoa(len(a.body)))
}

func (a *answer) write(w http.ResponseWriter) {
	header := w.Header()
	for name, values := range a.header {
		header[name] = values
	}
	w.WriteHeader(a.status)
	if len(a.body) > 0 {
		// The client hanging up is no concern of the mock.
		_, _ = w.Write(a.body)
	}
}

func noBody(status int) bool {
	return status == http.StatusNoContent || status == http.StatusResetContent ||
		status == http.StatusNotModified || (status >= 100 && status < 200)
}

// graphError is the error body Microsoft Graph sends.
type graphError struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// writeError sends status with a Graph-style JSON error whose code is the
// status text without spaces, such as "NotFound".
func writeError(w http.ResponseWriter, status int, message string) {
	if noBody(status) {
		w.WriteHeader(status)
		return
	}
	var body graphError
	body.Error.Code = errorCode(status)
	body.Error.Message = message
	encoded, err := json.Marshal(body)
	if err != nil {
		encoded = []byte(`{"error":{"code":"InternalServerError","message":"The mock could not encode its error."}}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(encoded)))
	w.WriteHeader(status)
	_, _ = w.Write(encoded)
}

func errorCode(status int) string {
	text := http.StatusText(status)
	if text == "" {
		return "UnknownError"
	}
	return strings.NewReplacer(" ", "", "-", "", "'", "").Replace(text)
}

// lastToken returns the last reference token of a JSON Pointer, unescaped.
func lastToken(pointer string) string {
	slash := strings.LastIndex(pointer, "/")
	if slash < 0 {
		return ""
	}
	token := pointer[slash+1:]
	return strings.ReplaceAll(strings.ReplaceAll(token, "~1", "/"), "~0", "~")
}

// withoutVersion returns path without a leading /v1.0 or /beta segment.
func withoutVersion(path string) (string, bool) {
	for _, prefix := range []string{"/v1.0/", "/beta/"} {
		if rest, ok := strings.CutPrefix(path, prefix); ok {
			return "/" + rest, true
		}
	}
	return "", false
}

// documentedQuery parses the query string of a documented request target,
// which may hold unencoded spaces and quotes.
func documentedQuery(target string) url.Values {
	_, query, found := strings.Cut(target, "?")
	if !found {
		return url.Values{}
	}
	if end := strings.IndexByte(query, '#'); end >= 0 {
		query = query[:end]
	}
	values, err := url.ParseQuery(query)
	if err != nil {
		return url.Values{}
	}
	return values
}

// equalQuery reports whether two query strings hold the same parameters
// with the same values, in any order.
func equalQuery(documented, actual url.Values) bool {
	if len(documented) != len(actual) {
		return false
	}
	for name, values := range documented {
		if !slices.Equal(values, actual[name]) {
			return false
		}
	}
	return true
}
