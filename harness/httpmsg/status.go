package httpmsg

import (
	"net/http"
	"strings"
)

// renamedReasons are the phrases RFC 9110 gives where net/http (Go 1.26)
// still returns an older one, and 418, which RFC 9110 lists as unused.
var renamedReasons = map[int]string{
	413: "Content Too Large",
	414: "URI Too Long",
	416: "Range Not Satisfiable",
	418: "",
	422: "Unprocessable Content",
}

// olderReasons are phrases that earlier HTTP specifications (RFC 1945,
// RFC 2068, RFC 2616, RFC 4918, RFC 7231) or net/http give for a code.
// A status line that uses one of them is not a mismatch.
var olderReasons = map[int][]string{
	302: {"Moved Temporarily"},
	408: {"Request Time-out"},
	413: {"Request Entity Too Large", "Payload Too Large"},
	414: {"Request-URI Too Long", "Request URI Too Long"},
	416: {"Requested Range Not Satisfiable"},
	422: {"Unprocessable Entity"},
	504: {"Gateway Time-out"},
}

// StatusText returns the reason phrase RFC 9110 gives for code, or the
// one from the IANA status code registry for codes defined elsewhere
// (such as 207 Multi-Status or 429 Too Many Requests). It returns "" for
// a code with no standard phrase.
func StatusText(code int) string {
	if reason, ok := renamedReasons[code]; ok {
		return reason
	}
	return http.StatusText(code)
}

// isStandardReason reports whether reason is StatusText(code) or an
// older phrase for the same code, ignoring letter case and runs of
// whitespace. Any reason passes for a code without a standard phrase.
func isStandardReason(code int, reason string) bool {
	standard := StatusText(code)
	if standard == "" {
		return true
	}
	reason = strings.Join(strings.Fields(reason), " ")
	if strings.EqualFold(reason, standard) {
		return true
	}
	for _, older := range olderReasons[code] {
		if strings.EqualFold(reason, older) {
			return true
		}
	}
	return false
}
