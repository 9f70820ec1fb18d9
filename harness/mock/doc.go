// Package mock serves the documented examples of pages over HTTP, so that
// replay can run without a live service.
//
// It takes extracted pages and gives an http.Handler (New) or a server on
// a free loopback port (Start). A request whose method and path match a
// documented example's request gets that example's documented status,
// headers and body. New describes the routing rules and the Prefer header
// that picks among several examples. Requests that match nothing get a
// Graph-style JSON error: {"error": {"code": "NotFound", "message": ...}}.
//
// Options add latency, random 503 failures, fixed statuses per path, and
// validation of request bodies. ParseReplayMock reads the replay-mock
// comments of test pages, whose canned responses replace the documented
// responses of the examples they name.
//
// # Limitations
//
// The mock has no state: a POST creates nothing that a later GET returns.
// It routes on method and path only, so examples that differ only in their
// query or body are distinguished by the Prefer header, not by the request. A
// placeholder matches within one segment, so a documented
// root:/{item-path}:/content does not match a path with slashes in the
// item path. Segments are compared case-sensitively, although Microsoft
// Graph treats most of them case-insensitively.
package mock
