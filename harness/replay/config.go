package replay

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/time/rate"

	"github.com/graphdoc/graphdoc/harness/extract"
	"github.com/graphdoc/graphdoc/harness/finding"
)

// Defaults for the zero values of Config.
const (
	DefaultConcurrency = 4
	DefaultRetries     = 2
	DefaultTimeout     = 30 * time.Second
	DefaultMaxBody     = 16 << 20
)

// Config configures a replay run.
type Config struct {
	// Target is the base URL that every example is sent to, such as
	// https://graph.microsoft.com/v1.0 or the URL of the built-in mock.
	// It must be an absolute http or https URL. Its scheme, host and path
	// replace the scheme, host and version prefix (/v1.0 or /beta) of each
	// documented URL, so https://graph.microsoft.com/beta/me becomes
	// Target + /me. A relative documented URL is joined to Target.
	Target string
	// Client sends the requests. Run does not modify it: it sends through
	// a copy with its own redirect policy, which calls the client's
	// CheckRedirect after its own checks. Nil uses a client that connects
	// directly, without the proxy from the environment, so that the token
	// goes to the target only.
	Client *http.Client
	// Mock marks Target as the built-in mock. Writes are then sent, and
	// the version prefix is kept (as with KeepVersion) because the mock
	// routes documented paths as written. Each request also carries
	// "Prefer: example=NAME", so the mock returns the example's own
	// response.
	Mock bool
	// AllowWrites sends examples with methods other than GET and HEAD to a
	// target that is not the mock. Without it they are skipped.
	AllowWrites bool
	// KeepVersion keeps the /v1.0 or /beta prefix of documented URLs.
	KeepVersion bool
	// Values fills {name} placeholders in documented URLs, header values
	// and request bodies. An example whose URL keeps a placeholder without
	// a value is skipped, never sent with braces. A header value or body
	// keeps such a placeholder as written, because bodies contain braces.
	// In a JSON body, a value that lands inside a string is escaped as
	// JSON string content.
	Values map[string]string
	// ValuesByExample maps an example name to values for that example
	// only. They override Values of the same placeholder name.
	ValuesByExample map[string]map[string]string
	// Headers are added to every request, replacing documented headers of
	// the same name. They are sent to the target's origin only.
	Headers http.Header
	// Token is sent as "Authorization: Bearer Token" to the target's
	// origin only, and never logged or reported.
	Token string
	// Concurrency is how many pages replay at once; the examples of one
	// page always run one after another, in document order. Zero means
	// DefaultConcurrency.
	Concurrency int
	// Rate caps the requests per second over the whole run, retries
	// included. Zero means no cap.
	Rate float64
	// Timeout bounds each attempt, from sending the request to reading the
	// whole body. Zero means DefaultTimeout.
	Timeout time.Duration
	// Retries is how many times a request is sent again after 429 Too Many
	// Requests, 503 Service Unavailable or a connection error. Zero means
	// DefaultRetries and a negative value no retries.
	Retries int
	// MaxBody caps the bytes read of each response body; a larger body is
	// reported as response-too-large and not read further. Zero means
	// DefaultMaxBody.
	MaxBody int64
	// IsDerived reports whether the type named actual is documented or
	// derived from it, for comparing @odata.type. Nil compares names
	// exactly.
	IsDerived func(actual, documented string) bool
	// ValidateActual checks an actual body whose status is the documented
	// one. Its findings join the comparison's. It must be safe for
	// concurrent use.
	ValidateActual func(example *extract.Example, body []byte) []finding.Finding
	// HAR, when set, records every HTTP exchange that Run sends. Plan
	// sends nothing and records nothing.
	HAR *HARLog
	// Logf, when set, receives retries, transport failures and
	// ValuesByExample names that match no example. Messages hold no token
	// and no body.
	Logf func(format string, args ...any)
}

// settings is a checked Config with defaults applied.
type settings struct {
	Config
	target *url.URL
	// limiter paces attempts when Rate is set; nil otherwise.
	limiter *rate.Limiter
}

func newSettings(cfg Config) (*settings, error) {
	if cfg.Target == "" {
		return nil, errors.New("replay target is missing: set Config.Target to a base URL such as http://127.0.0.1:8080")
	}
	target, err := url.Parse(cfg.Target)
	if err != nil {
		return nil, fmt.Errorf("invalid replay target %q: %w", cfg.Target, err)
	}
	if target.Scheme != "http" && target.Scheme != "https" || target.Host == "" {
		return nil, fmt.Errorf("invalid replay target %q: use an absolute http or https URL", cfg.Target)
	}
	if target.RawQuery != "" || target.Fragment != "" || target.User != nil {
		return nil, fmt.Errorf("invalid replay target %q: remove the query, fragment or user information", cfg.Target)
	}
	if cfg.Rate < 0 {
		return nil, fmt.Errorf("invalid replay rate %g: use a positive number of requests per second, or 0 for no cap", cfg.Rate)
	}
	target.Path = strings.TrimSuffix(target.Path, "/")
	target.RawPath = strings.TrimSuffix(target.RawPath, "/")

	s := &settings{Config: cfg, target: target}
	if s.Concurrency <= 0 {
		s.Concurrency = DefaultConcurrency
	}
	if s.Timeout <= 0 {
		s.Timeout = DefaultTimeout
	}
	switch {
	case s.Retries == 0:
		s.Retries = DefaultRetries
	case s.Retries < 0:
		s.Retries = 0
	}
	if s.MaxBody <= 0 {
		s.MaxBody = DefaultMaxBody
	}
	if s.Mock {
		s.KeepVersion = true
	}
	if s.Rate > 0 {
		s.limiter = rate.NewLimiter(rate.Limit(s.Rate), 1)
	}
	return s, nil
}

func (s *settings) logf(format string, args ...any) {
	if s.Logf != nil {
		s.Logf(format, args...)
	}
}
