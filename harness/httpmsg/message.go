package httpmsg

import "strings"

// Header is one header line of a documented message.
type Header struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	// Line is the 0-based index of the header's line within the message text.
	Line int `json:"-"`
}

// Request is a documented HTTP request as written in a page.
type Request struct {
	Method string `json:"method"`
	// Target is the request target exactly as written: an absolute URL, a
	// path, or a template with {placeholders}; spaces and quotes are kept.
	Target  string   `json:"url"`
	Proto   string   `json:"proto,omitempty"`
	Headers []Header `json:"headers,omitempty"`
	// Body is the text after the header section, trimmed of surrounding
	// blank lines; nil when there is none.
	Body []byte `json:"-"`
	// BodyLine is the 0-based index of the body's first line within the
	// message text, or -1 when there is no body.
	BodyLine int `json:"-"`
}

// Response is a documented HTTP response as written in a page.
type Response struct {
	Proto   string   `json:"proto,omitempty"`
	Status  int      `json:"status"`
	Reason  string   `json:"reason,omitempty"`
	Headers []Header `json:"headers,omitempty"`
	Body    []byte   `json:"-"`
	// BodyLine is as in Request.
	BodyLine int `json:"-"`
}

// Issue is a defect in the message text. Line is 0-based within the
// message text and Column 1-based in bytes; Rule is a catalogue id.
type Issue struct {
	Rule    string
	Line    int
	Column  int
	Message string
}

// HeaderValue returns the value of the first header named name, compared
// case-insensitively, and whether there was one.
func HeaderValue(headers []Header, name string) (string, bool) {
	for _, h := range headers {
		if strings.EqualFold(h.Name, name) {
			return h.Value, true
		}
	}
	return "", false
}
