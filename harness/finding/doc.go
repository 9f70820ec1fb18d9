// Package finding defines the data every stage of graphdoc reports: a
// Finding names a rule, a severity, a position in a page and, where it
// applies, the example and the JSON Pointer inside its body.
//
// The package also holds the rule catalogue. Every rule id that any stage
// emits is registered here with its default severity, its meaning and how
// to fix it, so that printers (SARIF, the rules command) read one source.
//
// It imports nothing of graphdoc's own.
//
// # Limitations
//
// Positions are 1-based lines and columns in the page as stored. Columns
// count bytes, not runes, as go/token does.
package finding
