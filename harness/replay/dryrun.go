package replay

import (
	"maps"
	"net/http"
	"net/textproto"
	"slices"
	"strings"

	"github.com/graphdoc/graphdoc/harness/extract"
)

// DryRunReason is the Reason of every example that Plan would send.
const DryRunReason = "dry run"

// Planned is one example as Plan reports it.
type Planned struct {
	Outcome
	// Curl is a POSIX shell command that sends the request Run would
	// send, with credentials masked. It is empty when the example would
	// be skipped.
	Curl string `json:"curl,omitempty"`
}

// Plan reports what Run would do with cfg and pages, and sends nothing.
//
// It returns one Planned per example, in page order and then document
// order. An example that Run would send is Skipped with DryRunReason and
// carries the request as a curl command: the URL after target mapping
// and placeholder filling, the headers and the body. An example that Run
// would skip keeps its reason. Plan returns an error only for an invalid
// Config.
//
// In the command, the Authorization and Proxy-Authorization values keep
// their scheme and read "Bearer ***". Cookie, Set-Cookie and every header
// named in Config.Headers read "***".
func Plan(cfg Config, pages []*extract.Page) ([]Planned, error) {
	s, err := newSettings(cfg)
	if err != nil {
		return nil, err
	}
	s.warnUnknownExamples(pages)

	var planned []Planned
	for _, page := range pages {
		for _, example := range page.Examples {
			outcome, prepared, ok := s.prepare(page, example)
			if !ok {
				planned = append(planned, Planned{Outcome: outcome})
				continue
			}
			planned = append(planned, Planned{Outcome: skip(outcome, DryRunReason), Curl: s.curl(prepared)})
		}
	}
	return planned, nil
}

// curl writes r as a curl command, one option a line.
//
// NOTE: curl adds its own User-Agent and "Accept: */*", where Go's
// client sends its User-Agent and "Accept-Encoding: gzip", so those
// headers differ from Run's request. A body with a NUL byte cannot be
// passed as a shell argument and is cut there by the shell.
func (s *settings) curl(r request) string {
	first := []string{"curl"}
	switch {
	case r.method == http.MethodHead && len(r.body) == 0:
		first = append(first, "--head")
	case r.method == http.MethodGet && len(r.body) == 0, r.method == http.MethodPost && len(r.body) > 0:
		// curl's default method for the request: GET, or POST with data.
	default:
		first = append(first, "-X", shellQuote(r.method))
	}
	first = append(first, shellQuote(r.url))
	lines := []string{strings.Join(first, " ")}

	for _, name := range slices.Sorted(maps.Keys(r.header)) {
		for _, value := range r.header[name] {
			lines = append(lines, "-H "+shellQuote(name+": "+s.maskForCurl(name, value)))
		}
	}
	if len(r.body) > 0 {
		// Without this, curl would send Content-Type:
		// application/x-www-form-urlencoded where Go's client sends none.
		if r.header.Get("Content-Type") == "" {
			lines = append(lines, "-H "+shellQuote("Content-Type:"))
		}
		lines = append(lines, "--data-binary "+shellQuote(string(r.body)))
	}
	return strings.Join(lines, " \\\n  ")
}

// maskForCurl returns the value printed for a header: "***" for a
// credential, after the scheme of an authorization value.
func (s *settings) maskForCurl(name, value string) string {
	if !s.isSecretHeader(name) {
		return value
	}
	switch textproto.CanonicalMIMEHeaderKey(name) {
	case "Authorization", "Proxy-Authorization":
		if scheme, _, found := strings.Cut(strings.TrimSpace(value), " "); found {
			return scheme + " ***"
		}
	}
	return masked
}

// masked replaces the value of every credential header in output.
const masked = "***"

// credentialHeaders carry credentials whatever the configuration.
var credentialHeaders = map[string]bool{
	"Authorization":       true,
	"Proxy-Authorization": true,
	"Cookie":              true,
	"Set-Cookie":          true,
}

// isSecretHeader reports whether the value of the header name is masked
// in output: a credential header, or one named in Config.Headers.
func (s *settings) isSecretHeader(name string) bool {
	name = textproto.CanonicalMIMEHeaderKey(name)
	if credentialHeaders[name] {
		return true
	}
	for configured := range s.Headers {
		if textproto.CanonicalMIMEHeaderKey(configured) == name {
			return true
		}
	}
	return false
}

// shellQuote quotes text as one word for a POSIX shell: as it is when it
// holds only characters that no shell treats specially, else in single
// quotes. A single quote inside ends the quoting, is escaped with a
// backslash, and the quoting starts again.
func shellQuote(text string) string {
	if text != "" && strings.Trim(text, shellSafe) == "" {
		return text
	}
	return "'" + strings.ReplaceAll(text, "'", `'\''`) + "'"
}

const shellSafe = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_./:@%+,="
