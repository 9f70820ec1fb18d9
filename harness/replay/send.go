package replay

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
)

const (
	// maxRetryAfter is the longest Retry-After that Run waits for. A
	// longer one ends the retries, because waiting would stall the run.
	maxRetryAfter = time.Minute
	// firstBackoff doubles after each retry that has no Retry-After.
	firstBackoff = 500 * time.Millisecond
	// maxRedirects matches the limit of net/http's default policy.
	maxRedirects = 10
)

// exchange is the result of sending one example.
type exchange struct {
	status   int
	header   http.Header
	body     []byte
	attempts int
	// failure is set when no complete response arrived: a transport
	// error (replay-unreachable) or a body over MaxBody
	// (response-too-large).
	failure     error
	failureRule string
}

// noFollowKey marks a request whose redirects must not be followed.
type noFollowKey struct{}

// newClient returns the client Run sends with: a copy of base, or of a
// direct client, whose redirect policy keeps credentials on the target.
// With a HAR log, its transport records every round trip.
func (s *settings) newClient() *http.Client {
	var client http.Client
	if s.Client != nil {
		client = *s.Client
	} else {
		transport := http.DefaultTransport.(*http.Transport).Clone()
		transport.Proxy = nil
		transport.MaxIdleConnsPerHost = s.Concurrency
		client.Transport = transport
	}
	if s.HAR != nil {
		base := client.Transport
		if base == nil {
			base = http.DefaultTransport
		}
		client.Transport = &harTransport{base: base, settings: s}
	}
	next := client.CheckRedirect
	client.CheckRedirect = func(request *http.Request, via []*http.Request) error {
		if noFollow, _ := request.Context().Value(noFollowKey{}).(bool); noFollow {
			return http.ErrUseLastResponse
		}
		if len(via) >= maxRedirects {
			return fmt.Errorf("stopped after %d redirects", maxRedirects)
		}
		if !sameOrigin(request.URL, s.target) {
			request.Header.Del("Authorization")
			request.Header.Del("Cookie")
			for name := range s.Headers {
				request.Header.Del(name)
			}
		}
		if next != nil {
			return next(request, via)
		}
		return nil
	}
	return &client
}

func sameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(a.Hostname(), b.Hostname()) &&
		effectivePort(a) == effectivePort(b)
}

func effectivePort(u *url.URL) string {
	if port := u.Port(); port != "" {
		return port
	}
	if strings.EqualFold(u.Scheme, "https") {
		return "443"
	}
	return "80"
}

// request is the HTTP request prepared for one example.
type request struct {
	method   string
	url      string
	header   http.Header
	body     []byte
	noFollow bool
	// ref places the request's exchanges in the HAR log.
	ref exampleRef
}

// send sends r, retrying as configured. It returns ok false when ctx was
// cancelled before the first attempt, so nothing was sent. Attempts run
// under a context that ignores ctx's cancellation, so a request in
// flight is finished; the waits between attempts do end with ctx.
func (s *settings) send(ctx context.Context, client *http.Client, r request) (exchange, bool) {
	sendCtx := context.WithoutCancel(ctx)
	if r.noFollow {
		sendCtx = context.WithValue(sendCtx, noFollowKey{}, true)
	}

	var result exchange
	for attempt := 0; ; attempt++ {
		if s.limiter != nil {
			if err := s.limiter.Wait(ctx); err != nil {
				return result, attempt > 0
			}
		} else if ctx.Err() != nil {
			return result, attempt > 0
		}

		attemptCtx := sendCtx
		if s.HAR != nil {
			attemptCtx = context.WithValue(sendCtx, harAttemptKey{}, &harAttempt{ref: r.ref, attempt: attempt})
		}
		result = s.attempt(attemptCtx, client, r)
		result.attempts = attempt + 1
		if attempt >= s.Retries {
			return result, true
		}
		delay, retry := s.retryDelay(result, r.method, attempt)
		if !retry {
			return result, true
		}
		s.logf("replay: retrying %s %s in %s (attempt %d of %d): %s",
			r.method, r.url, delay, attempt+2, s.Retries+1, retryCause(result))
		if !sleep(ctx, delay) {
			return result, true
		}
	}
}

// attempt sends r once and reads the response body, up to MaxBody.
func (s *settings) attempt(ctx context.Context, client *http.Client, r request) exchange {
	ctx, cancel := context.WithTimeout(ctx, s.Timeout)
	defer cancel()

	var body io.Reader
	if len(r.body) > 0 {
		body = bytes.NewReader(r.body)
	}
	httpRequest, err := http.NewRequestWithContext(ctx, r.method, r.url, body)
	if err != nil {
		return exchange{failure: err, failureRule: "replay-unreachable"}
	}
	httpRequest.Header = r.header.Clone()

	response, err := client.Do(httpRequest)
	if err != nil {
		return exchange{failure: s.describe(err), failureRule: "replay-unreachable"}
	}
	// Closing an unread body closes the connection, so a body over
	// MaxBody is never read further.
	defer response.Body.Close()

	result := exchange{status: response.StatusCode, header: response.Header}
	if response.ContentLength > s.MaxBody {
		result.failure = fmt.Errorf("response body of %d bytes is larger than the %d-byte limit", response.ContentLength, s.MaxBody)
		result.failureRule = "response-too-large"
		return result
	}
	result.body, err = io.ReadAll(io.LimitReader(response.Body, s.MaxBody+1))
	switch {
	case err != nil:
		result.failure = fmt.Errorf("reading the response body: %w", s.describe(err))
		result.failureRule = "replay-unreachable"
	case int64(len(result.body)) > s.MaxBody:
		result.body = nil
		result.failure = fmt.Errorf("response body is larger than the %d-byte limit", s.MaxBody)
		result.failureRule = "response-too-large"
	}
	return result
}

// describe turns a timeout into a plain message. It drops the method and
// URL that net/http adds to other errors, because findings name them.
func (s *settings) describe(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("no response within %s", s.Timeout)
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		return urlErr.Err
	}
	return err
}

// retryDelay reports whether result is retried and after how long.
func (s *settings) retryDelay(result exchange, method string, attempt int) (time.Duration, bool) {
	backoff := firstBackoff << attempt
	if result.failure != nil {
		return backoff, result.failureRule == "replay-unreachable" && retryable(result.failure, method)
	}
	if result.status != http.StatusTooManyRequests && result.status != http.StatusServiceUnavailable {
		return 0, false
	}
	delay, ok := retryAfter(result.header.Get("Retry-After"), time.Now())
	if !ok {
		return backoff, true
	}
	if delay > maxRetryAfter {
		s.logf("replay: not retrying %s: Retry-After %s is longer than %s", method, delay, maxRetryAfter)
		return 0, false
	}
	return delay, true
}

// retryable reports whether a transport error is worth another attempt.
// A failed dial never reached the target, so it is retried for every
// method. A dropped connection is retried only for idempotent methods,
// because the target may have applied the request. A timeout is not
// retried.
func retryable(err error, method string) bool {
	if errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var netErr net.Error
	if errors.As(err, &netErr) && netErr.Timeout() {
		return false
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		return true
	}
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions:
		return errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED) ||
			errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
	}
	return false
}

// retryAfter parses a Retry-After value: delay seconds or an HTTP date.
func retryAfter(value string, now time.Time) (time.Duration, bool) {
	value = strings.TrimSpace(value)
	if value == "" {
		return 0, false
	}
	if seconds, err := strconv.Atoi(value); err == nil && seconds >= 0 {
		return time.Duration(seconds) * time.Second, true
	}
	if date, err := http.ParseTime(value); err == nil {
		return max(date.Sub(now), 0), true
	}
	return 0, false
}

func retryCause(result exchange) string {
	if result.failure != nil {
		return result.failure.Error()
	}
	return strconv.Itoa(result.status) + " " + http.StatusText(result.status)
}

// sleep waits for d and reports whether ctx is still live.
func sleep(ctx context.Context, d time.Duration) bool {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-ctx.Done():
		return false
	}
}
