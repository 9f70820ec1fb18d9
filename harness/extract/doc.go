// Package extract reads one Markdown reference page and returns what the
// rest of graphdoc works on: every fenced code block with the annotation
// comment before it, parsed as an HTTP request, an HTTP response or JSON;
// the examples, each request paired with the response that answers it;
// the page annotations, headings, tables and front matter; and findings
// for whatever is malformed on the way.
//
// File takes the page's bytes and never fails: an unclosed fence, an
// annotation that is not JSON, a binary file or an empty page is a
// finding. Markdown is parsed with goldmark; positions come from the
// byte offsets of its nodes, mapped to the lines and columns of the
// stored file, so a UTF-8 BOM and CRLF line endings do not shift them.
//
// Annotations are read leniently, as the Graph docs tooling does: keys in
// any case, "@type" for "@odata.type", "Collection(T)", booleans written
// as strings, trailing commas and unquoted keys, each with a finding. A
// response answers the requests its annotation names, or else the nearest
// earlier request that has no response yet.
//
// # Limitations
//
// Columns count bytes. A fence that runs to the end of the page, or over
// another fence, is cut at the next comment, heading or fence, which is
// where writers most often meant it to end. Docfx include files are not
// followed, so an example kept in an include is not seen.
package extract
