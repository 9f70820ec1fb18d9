// Package validation runs the doc rules on one extracted page and returns
// their findings.
//
// Page checks three things. Each example's HTTP messages: a body on 204,
// a wrong Content-Length, $ref bodies and statuses, placeholders left in.
// Every JSON body against the model of the page's API version, a Model
// such as the bundled schemas or a CSDL document. And the page against
// itself: its examples against its HTTP request section, its names,
// sections and URL parameters, and its bodies and resource blocks against
// the types its resource blocks and tables define. ActualBody and RequestBody apply
// the model to bodies a replay target or a mock client sent.
//
// A body whose type the page defines is checked against the page's own
// definition and not the model, so one fault gives one finding.
//
// # Limitations
//
// Without a CSDL model, a request body is validated only when it or its
// annotation names its type; with one, the type its URL implies is used.
// Resource pages are compared with the model only when Config asks for it.
package validation
