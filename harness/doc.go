// Package harness runs graphdoc's pipeline over a set of pages: it finds
// the Markdown files, extracts each page, validates it against the model
// and, for replay, sends the documented requests to a target and compares
// the responses. The command in cmd/graphdoc is a thin layer over it.
//
// Each stage is a package of its own: extract (goldmark walk to blocks and
// examples), httpmsg (documented HTTP messages), csdl and schema (the
// model as JSON Schema), route (the type a request URL addresses),
// pagemodel (the types a page defines), validation (rules on one page),
// mock, replay and compare (the exchange with a target), report (output
// formats) and gate (changed pages, baselines, suppressions, config).
//
// # Limitations
//
// Pages are read whole into memory; a docs set is assumed to fit.
package harness
