// Package replay sends the documented requests of pages to a target and
// compares each actual response with the documented one.
//
// It takes extracted pages and a Config, and gives one Outcome per example:
// passed, failed with its differences, or skipped with the reason. The
// target is a live service or the built-in mock (package mock); the caller
// starts the mock and passes its URL with Config.Mock set.
//
// Only examples with a documented response are sent. Each documented URL
// is mapped onto Config.Target: its scheme, host and version prefix (/v1.0
// or /beta) are replaced, unless KeepVersion is set. Replaying against the
// mock keeps the version prefix, because the mock routes documented paths
// as written. {name} placeholders are filled from Config.Values; an example
// that keeps one is skipped. Against a target other than the mock, only GET
// and HEAD examples are sent unless AllowWrites is set.
//
// Pages replay in parallel, up to Config.Concurrency at once. The examples
// of one page run in document order, so a page that creates, reads and
// deletes an item does so in that order. Requests are retried after 429 and 503, honouring
// Retry-After, and after connection errors; each attempt has a timeout, and
// bodies larger than MaxBody are not read. Redirects are not followed when
// the documented status is 3xx. When they are, the token, Cookie and
// Config.Headers are dropped on any hop to another origin.
//
// Every difference, and every request that got no complete response, is a
// finding in the outcome (package compare lists the comparison rules;
// replay adds replay-unreachable and response-too-large). Run returns an
// error only when the Config is invalid or ctx is cancelled.
//
// # Limitations
//
// Request bodies are sent as documented: placeholders in them are not
// filled, so writes whose bodies name ids from an earlier example usually
// fail against a live target. Examples do not pass values to one another
// (no capture of a created id). A value from Config.Values is inserted
// into the query as written, so a value holding '&' or '=' changes the
// query's structure. Outcomes do not record timings.
package replay
