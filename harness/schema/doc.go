// Package schema turns the types of a CSDL model into JSON Schema
// (draft-07) documents and checks JSON bodies against them with
// gojsonschema.
//
// Generate takes a csdl.Model and a type name and gives one
// self-contained schema document; WriteFiles writes such documents to a
// directory, as the bundled schemas/ folder holds them. A Validator takes
// either a whole model (NewValidator) or such a directory
// (LoadValidator), and gives, for each Body, the Violations found, each
// named by a rule id of the finding catalogue with a JSON Pointer into
// the body. Faults in a body are data, never errors; errors come only
// from unreadable or inconsistent schema files.
//
// # What the schemas encode
//
// A definition per type, keyed by its namespace-qualified name:
//
//   - an entity or complex type is an object with the properties of its
//     whole base-type chain; unless the type is open, any other member is
//     rejected, except OData control information and instance annotations
//     (@odata.*, prop@odata.*, @microsoft.graph.*, prop@microsoft.graph.*);
//   - non-nullable structural properties are listed in "required", which
//     Validate applies only to complete responses; navigation properties
//     are typed but never required;
//   - an object whose @odata.type names a type derived from the expected
//     one is validated against that type, at every nesting level, through
//     if/then on the @odata.type value (with or without "#");
//   - an @odata.type naming a type that is neither the expected one, one
//     derived from it, nor one of its base types fails;
//   - Edm primitives get their JSON type, ranges and formats: integers in
//     the range of Int16, Int32 and so on; Int64 and Decimal also as
//     strings of digits (IEEE754Compatible); Double and Single also as
//     "NaN", "INF" and "-INF"; DateTimeOffset as format date-time, Date
//     as format date, Duration as format duration; Guid, TimeOfDay and
//     Binary by pattern; an Edm.Stream property may carry no value, only
//     its prop@odata.media* annotations;
//   - enum members are compared case-sensitively; a flags enum takes a
//     comma-separated list of members.
//
// Keywords named x-odata-* record the OData type of each definition and
// property. Validators ignore them; LoadValidator reads them back, so a
// directory of schema files is enough to map errors to the model.
//
// # Validation
//
// A Validator compiles the definitions of all its types into one
// gojsonschema schema, once, and validates a body by wrapping it as
// {"<type name>": body}. On the full beta model (about 3,400 types) that
// compile takes about 0.7 s after the 0.15 s parse, measured with
// BenchmarkCompileFullModel on a 2-core AMD EPYC virtual machine; NewValidator defers it to the
// first Validate call. Before the schema runs, Validate walks the body
// once in Go to check every @odata.type value against the model.
//
// Importing the package registers two gojsonschema format checkers for
// the whole program: "date-time", replacing gojsonschema's own, which
// also accepts a bare date or time, and "duration".
//
// # Limitations
//
//   - A type the model lacks gives no violation: Validate returns nothing
//     for it, and a property whose type is missing accepts any value.
//   - Property values of open types that the type does not declare
//     (dynamic properties) are not checked.
//   - Enum values given by their numeric value, which OData allows, are
//     rejected.
//   - Facets such as MaxLength, Precision and Scale are not checked, and
//     Int64 and Decimal strings are not range-checked.
//   - A response that omits a non-nullable property is reported unless it
//     is marked truncated or partial, also when the request used $select;
//     the caller has to mark such responses truncated.
//   - The microsoft.graph.Json type accepts any JSON value, as Graph uses
//     it, not the empty object its CSDL declares.
package schema
