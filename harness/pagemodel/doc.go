// Package pagemodel builds the types that one reference page defines for
// itself and checks JSON bodies against them.
//
// A page defines a type with a "blockType": "resource" block: a JSON
// object whose values are type placeholders such as "String",
// "String (timestamp)", "Int32", "Boolean" (or a boolean literal),
// "Stream", {"@odata.type": "microsoft.graph.x"}, or arrays of these.
// Property tables (first header cell Property) add enum members, taken
// from the sentence "Possible values are: `a`, `b`." of a row's
// description. Relationship tables name navigation properties.
//
// On a page with doc_type: resourcePageType in its front matter, every
// Property and Relationship table describes the page's first resource
// block. On other pages a table describes the next resource block in the
// same section, and a resource block without a table is not compared
// with one. Parameter tables (first header cell Parameter) type the URL
// and body parameters of the page's operation.
//
// Build consumes an extracted page and returns a Model. Model.Check walks
// a decoded JSON body and returns Issues, each naming a catalogue rule id
// and an RFC 6901 JSON Pointer. Type.TableIssues compares a resource
// block with its tables. The package reports no findings itself: the
// validation stage turns Issues into findings.
//
// # Limitations
//
// A type the page does not define is unresolved: its members are not
// checked and its existence is not judged. Only an @odata.type outside the
// microsoft.graph namespaces, or without a namespace, is an issue whatever
// the page defines. Property names absent from a type raise nothing,
// because pages show only an excerpt of most types. Enum members are read
// only from backquoted values, so a table that lists them as plain words
// gives no enum. Base types are followed only when the page also defines
// them.
package pagemodel
