// Package csdl reads an OData v4 CSDL document (EDMX XML, as Microsoft
// Graph publishes its $metadata) into a Model.
//
// It takes the XML text of one document and gives its schemas: entity
// and complex types with their structural and navigation properties,
// enum types, actions and functions, and the entity container. The Model
// looks up types by qualified name (namespace or alias, a leading "#"
// ignored) and with letter case ignored, and returns the base-type chain
// of a type and the types derived from it.
//
// Parse returns an error only for a document it cannot read: malformed
// XML, a root element other than edmx:Edmx, or a schema element without
// the attribute that names it. The error names the file and the line.
//
// A Model is read-only after Parse and safe for concurrent use.
//
// # Limitations
//
//   - Type references are rewritten to namespace-qualified names, so
//     "graph.entity" becomes "microsoft.graph.entity" when the document
//     declares that alias. The alias spelling is not kept.
//   - Annotations, terms, type definitions, keys of navigation bindings
//     and edmx:Reference includes are skipped. A type that another
//     document defines through edmx:Include stays unresolved.
//   - Facets other than Nullable (MaxLength, Precision, Scale, SRID,
//     Unicode) are not read.
//   - Overloads of an action or function are kept as separate entries;
//     nothing matches a call to its overload.
package csdl
