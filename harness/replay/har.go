package replay

import (
	"bytes"
	"cmp"
	"crypto/tls"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"
)

// harVersion is the HAR format version written. The field rules followed
// here are those of HAR 1.2 as kept in github.com/ahmadnassri/har-spec,
// versions/1.2.md.
const harVersion = "1.2"

// HARLog collects the HTTP exchanges that Run sends, as an HTTP Archive
// (HAR 1.2) log.
//
// Each round trip is one entry: every retry and every redirect hop,
// and a request that got no response, whose entry has status 0 and the
// error in "_error". Entries are ordered by page, then example, then
// attempt and hop, whatever the order in which they completed. Each
// entry names its example in "_example" and its page in "_file".
//
// Values of Authorization, Proxy-Authorization, Cookie, Set-Cookie and
// of every header named in Config.Headers are written as "***", and so
// are the values of cookies. Request and response bodies are cut at
// Config.MaxBody bytes, with a comment saying so.
//
// A HARLog is safe for concurrent use and may collect several runs. It
// keeps every recorded body in memory until the program ends.
type HARLog struct {
	creatorVersion string

	mu      sync.Mutex
	runs    int
	records []harRecord
}

// NewHARLog returns an empty log whose creator is graphdoc at
// creatorVersion.
func NewHARLog(creatorVersion string) *HARLog {
	return &HARLog{creatorVersion: creatorVersion}
}

// WriteFile writes the log to path as indented JSON. It writes a
// temporary file in the same directory and renames it over path, so path
// holds either its previous content or the whole log. The file has mode
// 0600, because bodies may hold personal data.
func (l *HARLog) WriteFile(path string) error {
	data, err := l.marshal()
	if err != nil {
		return fmt.Errorf("write HAR log %s: %w", path, err)
	}

	temp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write HAR log %s: %w", path, err)
	}
	// After the rename this removes nothing.
	defer os.Remove(temp.Name())
	if _, err := temp.Write(data); err != nil {
		temp.Close()
		return fmt.Errorf("write HAR log %s: %w", path, err)
	}
	if err := temp.Close(); err != nil {
		return fmt.Errorf("write HAR log %s: %w", path, err)
	}

	if err := os.Rename(temp.Name(), path); err != nil {
		return fmt.Errorf("write HAR log %s: %w", path, err)
	}
	return nil
}

func (l *HARLog) marshal() ([]byte, error) {
	l.mu.Lock()
	records := slices.Clone(l.records)
	l.mu.Unlock()

	slices.SortStableFunc(records, func(a, b harRecord) int { return a.key.compare(b.key) })
	entries := make([]harEntry, 0, len(records))
	for _, record := range records {
		entries = append(entries, record.entry)
	}
	document := harDocument{Log: harLogObject{
		Version: harVersion,
		Creator: harCreator{Name: "graphdoc", Version: l.creatorVersion},
		Entries: entries,
	}}

	var b bytes.Buffer
	encoder := json.NewEncoder(&b)
	encoder.SetEscapeHTML(false)
	encoder.SetIndent("", "  ")
	if err := encoder.Encode(document); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// startRun returns the number that orders the entries of a new run after
// those of earlier runs.
func (l *HARLog) startRun() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.runs++
	return l.runs
}

func (l *HARLog) add(key harKey, entry harEntry) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.records = append(l.records, harRecord{key: key, entry: entry})
}

type harRecord struct {
	key   harKey
	entry harEntry
}

// harKey orders the entries of the log in document order.
type harKey struct {
	run, page, example, attempt, hop int
}

func (k harKey) compare(other harKey) int {
	return cmp.Or(
		cmp.Compare(k.run, other.run),
		cmp.Compare(k.page, other.page),
		cmp.Compare(k.example, other.example),
		cmp.Compare(k.attempt, other.attempt),
		cmp.Compare(k.hop, other.hop),
	)
}

// exampleRef identifies the example a request belongs to: its run, the
// index of its page and its index on the page.
type exampleRef struct {
	run, page, example int
	file, name         string
}

// harAttemptKey is the context key of the *harAttempt of a request.
type harAttemptKey struct{}

// harAttempt is one attempt of an example. Its hops count the round
// trips, which are more than one when redirects are followed.
type harAttempt struct {
	ref     exampleRef
	attempt int
	hops    atomic.Int32
}

// harTransport records each round trip of a request whose context holds
// a *harAttempt. The entry is added when the response body is closed, or
// at once when no response arrived.
type harTransport struct {
	base     http.RoundTripper
	settings *settings
}

func (t *harTransport) RoundTrip(request *http.Request) (*http.Response, error) {
	attempt, ok := request.Context().Value(harAttemptKey{}).(*harAttempt)
	if !ok {
		return t.base.RoundTrip(request)
	}
	recorder := &harRecorder{
		settings: t.settings,
		key: harKey{
			run: attempt.ref.run, page: attempt.ref.page, example: attempt.ref.example,
			attempt: attempt.attempt, hop: int(attempt.hops.Add(1)),
		},
		ref:     attempt.ref,
		request: request,
		start:   time.Now(),
	}
	recorder.captureRequestBody()

	traced := request.WithContext(httptrace.WithClientTrace(request.Context(), recorder.trace()))
	response, err := t.base.RoundTrip(traced)
	if err != nil {
		recorder.finish(nil, nil, err)
		return nil, err
	}
	response.Body = &harBody{ReadCloser: response.Body, recorder: recorder, response: response}
	return response, nil
}

// harRecorder gathers one round trip. The trace callbacks run on the
// transport's goroutines, so the fields after mu are guarded by it.
type harRecorder struct {
	settings *settings
	key      harKey
	ref      exampleRef
	request  *http.Request
	start    time.Time

	requestBody      []byte
	requestTruncated bool

	mu sync.Mutex
	// headers are the request header fields as written on the wire.
	headers                   [][2]string
	dnsStart, dnsDone         time.Time
	connectStart, connectDone time.Time
	tlsStart, tlsDone         time.Time
	gotConn, wroteRequest     time.Time
	firstByte                 time.Time
}

// captureRequestBody copies up to MaxBody bytes of the request body
// through GetBody, which leaves the body that is sent untouched.
func (r *harRecorder) captureRequestBody() {
	if r.request.GetBody == nil {
		return
	}
	body, err := r.request.GetBody()
	if err != nil || body == nil {
		return
	}
	defer body.Close()
	data, _ := io.ReadAll(io.LimitReader(body, r.settings.MaxBody+1))
	if int64(len(data)) > r.settings.MaxBody {
		data = data[:r.settings.MaxBody]
		r.requestTruncated = true
	}
	r.requestBody = data
}

func (r *harRecorder) trace() *httptrace.ClientTrace {
	mark := func(at *time.Time) {
		r.mu.Lock()
		defer r.mu.Unlock()
		*at = time.Now()
	}
	return &httptrace.ClientTrace{
		DNSStart: func(httptrace.DNSStartInfo) { mark(&r.dnsStart) },
		DNSDone:  func(httptrace.DNSDoneInfo) { mark(&r.dnsDone) },
		ConnectStart: func(string, string) {
			r.mu.Lock()
			defer r.mu.Unlock()
			// A dual-stack dial starts several connections, and the first
			// start counts.
			if r.connectStart.IsZero() {
				r.connectStart = time.Now()
			}
		},
		ConnectDone:          func(string, string, error) { mark(&r.connectDone) },
		TLSHandshakeStart:    func() { mark(&r.tlsStart) },
		TLSHandshakeDone:     func(tls.ConnectionState, error) { mark(&r.tlsDone) },
		GotConn:              r.gotConnection,
		WroteHeaderField:     r.wroteHeaderField,
		WroteRequest:         func(httptrace.WroteRequestInfo) { mark(&r.wroteRequest) },
		GotFirstResponseByte: func() { mark(&r.firstByte) },
	}
}

// gotConnection clears the header fields written so far, because the
// transport may write the request again on a new connection after the
// first one failed.
func (r *harRecorder) gotConnection(httptrace.GotConnInfo) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.gotConn = time.Now()
	r.headers = nil
}

func (r *harRecorder) wroteHeaderField(name string, values []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, value := range values {
		r.headers = append(r.headers, [2]string{name, value})
	}
}

// finish adds the entry for the round trip to the log. body is what was
// read of the response body; it is nil when no response arrived.
func (r *harRecorder) finish(response *http.Response, body *harBody, failure error) {
	end := time.Now()
	if body != nil && !body.eofAt.IsZero() {
		end = body.eofAt
	}

	r.mu.Lock()
	defer r.mu.Unlock()
	entry := harEntry{
		StartedDateTime: r.start.Format("2006-01-02T15:04:05.000Z07:00"),
		Request:         r.harRequest(response),
		Cache:           struct{}{},
		Timings:         r.timings(end),
		Example:         r.ref.name,
		File:            r.ref.file,
	}
	entry.Time = entry.Timings.total()
	if response == nil {
		entry.Response = harResponse{
			Cookies: []harCookie{}, Headers: []harNameValue{},
			HeadersSize: -1, BodySize: -1,
			Error: failure.Error(),
		}
	} else {
		entry.Response = r.harResponse(response, body)
	}
	r.settings.HAR.add(r.key, entry)
}

func (r *harRecorder) harRequest(response *http.Response) harRequest {
	written := r.headers
	if len(written) == 0 {
		// The transport reported no header fields, as a RoundTripper
		// other than net/http's may not, so list the request's own.
		written = [][2]string{{"Host", r.request.Host}}
		if r.request.Host == "" {
			written[0][1] = r.request.URL.Host
		}
		written = append(written, sortedFields(r.request.Header)...)
	}
	proto := r.request.Proto
	if response != nil {
		proto = response.Proto
	}

	request := harRequest{
		Method:      r.request.Method,
		URL:         r.request.URL.String(),
		HTTPVersion: proto,
		Cookies:     []harCookie{},
		Headers:     r.maskedHeaders(written),
		QueryString: queryString(r.request.URL.RawQuery),
		HeadersSize: -1,
		// ContentLength is -1 when unknown, as HAR writes it.
		BodySize: r.request.ContentLength,
	}
	for _, field := range written {
		if strings.EqualFold(field[0], "Cookie") {
			cookies, _ := http.ParseCookie(field[1])
			request.Cookies = append(request.Cookies, maskedCookies(cookies)...)
		}
	}
	if r.request.ContentLength > 0 || len(r.requestBody) > 0 {
		request.PostData = &harPostData{
			MimeType: r.request.Header.Get("Content-Type"),
			Text:     string(r.requestBody),
		}
		if r.requestTruncated {
			request.PostData.Comment = fmt.Sprintf("text cut at the %d-byte body limit", r.settings.MaxBody)
		}
	}
	return request
}

func (r *harRecorder) harResponse(response *http.Response, body *harBody) harResponse {
	content := harContent{
		Size:     body.read,
		MimeType: response.Header.Get("Content-Type"),
	}
	captured := body.captured.Bytes()
	if utf8.Valid(captured) {
		content.Text = string(captured)
	} else {
		content.Text = base64.StdEncoding.EncodeToString(captured)
		content.Encoding = "base64"
	}
	var comments []string
	if int64(len(captured)) < body.read {
		comments = append(comments, fmt.Sprintf("text cut at the %d-byte body limit", r.settings.MaxBody))
	}
	bodySize := int64(-1)
	switch {
	case body.eofAt.IsZero():
		comments = append(comments, fmt.Sprintf("body not read past %d bytes", body.read))
	case response.Uncompressed:
		// The transport decompressed the body, so its size on the wire
		// is unknown.
	default:
		bodySize = body.read
	}
	content.Comment = strings.Join(comments, "; ")

	return harResponse{
		Status:      response.StatusCode,
		StatusText:  strings.TrimSpace(strings.TrimPrefix(response.Status, fmt.Sprint(response.StatusCode))),
		HTTPVersion: response.Proto,
		Cookies:     maskedCookies(response.Cookies()),
		Headers:     r.maskedHeaders(sortedFields(response.Header)),
		Content:     content,
		RedirectURL: response.Header.Get("Location"),
		HeadersSize: -1,
		BodySize:    bodySize,
	}
}

// timings splits the round trip from start to end. A phase the trace did
// not report is -1, such as DNS and connect on a reused connection.
// Blocked is the time to get a connection, less DNS and connect.
func (r *harRecorder) timings(end time.Time) harTimings {
	gotConn := cmp.Or(r.gotConn, r.start)
	wrote := cmp.Or(r.wroteRequest, gotConn)
	firstByte := cmp.Or(r.firstByte, wrote)
	if end.Before(firstByte) {
		end = firstByte
	}

	timings := harTimings{
		DNS:     span(r.dnsStart, r.dnsDone),
		Connect: span(r.connectStart, cmp.Or(r.tlsDone, r.connectDone)),
		SSL:     span(r.tlsStart, r.tlsDone),
		Send:    max(milliseconds(wrote.Sub(gotConn)), 0),
		Wait:    max(milliseconds(firstByte.Sub(wrote)), 0),
		Receive: max(milliseconds(end.Sub(firstByte)), 0),
	}
	timings.Blocked = max(milliseconds(gotConn.Sub(r.start))-max(timings.DNS, 0)-max(timings.Connect, 0), 0)
	return timings
}

// span returns the milliseconds from start to end, or -1 when either is
// unknown.
func span(start, end time.Time) float64 {
	if start.IsZero() || end.IsZero() || end.Before(start) {
		return -1
	}
	return milliseconds(end.Sub(start))
}

func milliseconds(d time.Duration) float64 {
	return float64(d) / float64(time.Millisecond)
}

func (r *harRecorder) maskedHeaders(fields [][2]string) []harNameValue {
	headers := make([]harNameValue, 0, len(fields))
	for _, field := range fields {
		value := field[1]
		if r.settings.isSecretHeader(field[0]) {
			value = masked
		}
		headers = append(headers, harNameValue{Name: field[0], Value: value})
	}
	return headers
}

func maskedCookies(cookies []*http.Cookie) []harCookie {
	names := make([]harCookie, 0, len(cookies))
	for _, cookie := range cookies {
		names = append(names, harCookie{Name: cookie.Name, Value: masked})
	}
	return names
}

// sortedFields lists header fields by name, so entries do not depend on
// map order.
func sortedFields(header http.Header) [][2]string {
	var fields [][2]string
	for _, name := range slices.Sorted(maps.Keys(header)) {
		for _, value := range header[name] {
			fields = append(fields, [2]string{name, value})
		}
	}
	return fields
}

// queryString splits a raw query into its pairs, in order and decoded. A
// name or value that does not decode is kept as written.
func queryString(raw string) []harNameValue {
	pairs := []harNameValue{}
	for part := range strings.SplitSeq(raw, "&") {
		if part == "" {
			continue
		}
		name, value, _ := strings.Cut(part, "=")
		pairs = append(pairs, harNameValue{Name: unescapeQuery(name), Value: unescapeQuery(value)})
	}
	return pairs
}

func unescapeQuery(text string) string {
	if unescaped, err := url.QueryUnescape(text); err == nil {
		return unescaped
	}
	return text
}

// harBody copies up to MaxBody bytes of a response body as it is read,
// and adds the entry when it is closed.
type harBody struct {
	io.ReadCloser
	recorder *harRecorder
	response *http.Response

	captured bytes.Buffer
	read     int64
	eofAt    time.Time
	once     sync.Once
}

func (b *harBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.read += int64(n)
	if room := b.recorder.settings.MaxBody - int64(b.captured.Len()); room > 0 {
		b.captured.Write(p[:min(int64(n), room)])
	}
	if err == io.EOF && b.eofAt.IsZero() {
		b.eofAt = time.Now()
	}
	return n, err
}

// Close adds the entry before it closes the body, so that code waiting
// for the close finds the entry in the log.
func (b *harBody) Close() error {
	b.once.Do(func() { b.recorder.finish(b.response, b, nil) })
	return b.ReadCloser.Close()
}

// The JSON shapes of HAR 1.2. Fields whose names start with "_" are
// graphdoc's own, which the format allows.
type (
	harDocument struct {
		Log harLogObject `json:"log"`
	}
	harLogObject struct {
		Version string     `json:"version"`
		Creator harCreator `json:"creator"`
		Entries []harEntry `json:"entries"`
	}
	harCreator struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	}
	harEntry struct {
		StartedDateTime string      `json:"startedDateTime"`
		Time            float64     `json:"time"`
		Request         harRequest  `json:"request"`
		Response        harResponse `json:"response"`
		Cache           struct{}    `json:"cache"`
		Timings         harTimings  `json:"timings"`
		Example         string      `json:"_example,omitempty"`
		File            string      `json:"_file,omitempty"`
	}
	harRequest struct {
		Method      string         `json:"method"`
		URL         string         `json:"url"`
		HTTPVersion string         `json:"httpVersion"`
		Cookies     []harCookie    `json:"cookies"`
		Headers     []harNameValue `json:"headers"`
		QueryString []harNameValue `json:"queryString"`
		PostData    *harPostData   `json:"postData,omitempty"`
		HeadersSize int            `json:"headersSize"`
		BodySize    int64          `json:"bodySize"`
	}
	harResponse struct {
		Status      int            `json:"status"`
		StatusText  string         `json:"statusText"`
		HTTPVersion string         `json:"httpVersion"`
		Cookies     []harCookie    `json:"cookies"`
		Headers     []harNameValue `json:"headers"`
		Content     harContent     `json:"content"`
		RedirectURL string         `json:"redirectURL"`
		HeadersSize int            `json:"headersSize"`
		BodySize    int64          `json:"bodySize"`
		Error       string         `json:"_error,omitempty"`
	}
	harNameValue struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	}
	harCookie struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	}
	// harPostData leaves out params, because HAR 1.2 makes params and
	// text mutually exclusive.
	harPostData struct {
		MimeType string `json:"mimeType"`
		Text     string `json:"text"`
		Comment  string `json:"comment,omitempty"`
	}
	harContent struct {
		Size     int64  `json:"size"`
		MimeType string `json:"mimeType"`
		Text     string `json:"text"`
		Encoding string `json:"encoding,omitempty"`
		Comment  string `json:"comment,omitempty"`
	}
	// harTimings are in milliseconds. The value -1 marks a phase that did
	// not happen or was not measured.
	harTimings struct {
		Blocked float64 `json:"blocked"`
		DNS     float64 `json:"dns"`
		Connect float64 `json:"connect"`
		Send    float64 `json:"send"`
		Wait    float64 `json:"wait"`
		Receive float64 `json:"receive"`
		SSL     float64 `json:"ssl"`
	}
)

// total is the entry time: the sum of the phases, without SSL, which
// HAR 1.2 counts inside connect.
func (t harTimings) total() float64 {
	return max(t.Blocked, 0) + max(t.DNS, 0) + max(t.Connect, 0) + t.Send + t.Wait + t.Receive
}
