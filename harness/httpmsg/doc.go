// Package httpmsg parses the raw HTTP requests and responses that
// reference pages write in ```http fences, and renders them back as text.
//
// It takes the content of one fence (the lines between the fence lines,
// LF line endings) and gives a [Request] or [Response] plus the [Issue]
// list of what is wrong with the text. Issues are data: each names a rule
// id from the finding catalogue, a 0-based line within the fence content
// and a 1-based byte column, and the extract stage turns them into
// findings at page positions. Nothing here returns an error, and the
// package keeps no state, so all functions are safe for concurrent use.
//
// The parser is lenient because pages are written for people:
//
//   - A request line is METHOD TARGET [HTTP/x.y]. The target is kept
//     exactly as written: an absolute URL, a path with or without a
//     leading slash, or a template such as /groups/{id}/drive, and it may
//     contain spaces and quotes inside OData query options.
//   - A status line is HTTP/x.y CODE [reason]. "HTTP 201 Created" and
//     "HTTP code: 200 OK" are reported and still parsed.
//   - Headers run up to the first blank line. A line that cannot be a
//     header ends them and starts the body (body-without-blank-line).
//     Header lines after the blank line, followed by another blank line
//     or by a JSON body, are recorded as headers too (header-after-body).
//   - The body is everything after the headers, trimmed of blank lines
//     at both ends, with its bytes unchanged.
//
// [Request.Render] and [Response.Render] write the canonical form, and
// parsing it gives the same message again. [IsJSONContent] decides
// whether a body is to be parsed as JSON, and [StatusText] gives the
// standard reason phrase for a status code.
//
// # Rules
//
//   - request-line-invalid: no request line, an unknown or non-upper-case
//     method, no URL, a URL that starts with a character no URL or path
//     starts with, or a malformed version.
//   - status-line-invalid: no status line, a malformed version, text
//     between version and code, or a code outside 100 to 599.
//   - status-reason-mismatch: a reason phrase that is neither the
//     RFC 9110 phrase nor an older one for the code, compared ignoring
//     case. Codes without a standard phrase are not checked.
//   - header-invalid: whitespace before the colon, a known header name
//     without a colon, a name with spaces, or a control character in the
//     value.
//   - header-after-body and body-without-blank-line as above.
//
// # Limitations
//
// A line in the header section that starts with whitespace ends the
// headers and starts the body. The obsolete line folding of RFC 7230,
// which continues a header value on an indented line, is not recognised.
//
// A block that lists several request lines, as in the "HTTP request"
// section of a page, parses as one request whose body is the other lines.
// Callers should parse only blocks annotated as requests.
//
// A misspelt header is recognised only in three forms ("Name : value", a
// well-known name without a colon, a name of up to three words before a
// colon). Any other line in the header section that is not a header is
// taken for the start of a body.
//
// Header lines after the blank line are looked for only when the headers
// above it declare no text, message or multipart content type. A plain
// text body whose first lines look like headers and end at a blank line
// is still read as misplaced headers when the request declares no content
// type.
//
// The target is not checked against URL syntax beyond its first
// character, because pages write templates and unencoded query options
// that no URL parser accepts.
package httpmsg
