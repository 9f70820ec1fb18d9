// Package schema turns the types of a CSDL model into JSON Schema
// (draft-07) documents and checks JSON bodies against them with
// gojsonschema.
//
// Generate takes a csdl.Model and a type name and gives one
// self-contained schema document. WriteFiles writes such documents to a
// directory, as the bundled schemas/ folder holds them. A Validator takes
// either a whole model (NewValidator) or such a directory (LoadValidator,
// LoadValidatorFS), and gives, for each Body, the Violations found, each
// named by a rule id of the finding catalogue with a JSON Pointer into
// the body. Faults in a body are data, never errors. Errors come only
// from unreadable or inconsistent schema files.
//
// # What the schemas encode
//
// A definition per type, keyed by its namespace-qualified name:
//
//   - an entity or complex type is an object with the properties of its
//     whole base-type chain. Unless the type is open, any other member is
//     rejected. OData control information and instance annotations
//     (@odata.*, prop@odata.*, @microsoft.graph.*, prop@microsoft.graph.*)
//     are allowed everywhere;
//   - non-nullable structural properties are listed in "required", which
//     Validate applies only to complete responses; navigation properties
//     are typed but never required;
//   - an object whose @odata.type names a type derived from the expected
//     one is validated against that type, at every nesting level, through
//     if/then on the @odata.type value (with or without "#");
//   - an @odata.type naming a type that is neither the expected one, one
//     derived from it, nor one of its base types fails;
//   - Edm primitives get their JSON type, ranges and formats. Integers
//     stay in the range of Int16, Int32 and so on. Int64 and Decimal may
//     also be strings of digits (IEEE754Compatible), and Double and
//     Single the strings "NaN", "INF" and "-INF". DateTimeOffset has
//     format date-time, Date format date and Duration format duration.
//     Guid, TimeOfDay and Binary are checked by pattern. An Edm.Stream
//     property may carry no value, only its prop@odata.media* annotations;
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
// {"<type name>": body}, or the items of a collection as
// {"Collection(<type name>)": [items]}. Before the schema runs, Validate
// walks the body once in Go to check every @odata.type value against the
// model. Afterwards it maps each gojsonschema error to a rule, and uses
// the model to name the property and its type in the message.
//
// The body of an action call (Body.Action) has no type of its own, so
// Validate checks it member by member. Each member must name one of the
// Parameters, with letter case ignored. Its value is validated against
// the parameter's type, wrapped as above. Primitive values use a small
// schema of the Edm types, and enum values are checked in Go.
//
// Measured on a 2-core AMD EPYC virtual machine with the benchmarks of
// this package and of package csdl: parsing the full beta model (4 MB,
// about 3,400 types) takes 0.13 s, and generating and compiling its
// schemas 0.7 s, which NewValidator defers to the first Validate call.
// Validate then takes about 0.4 ms for a typical documented response,
// and 0.14 ms with the bundled schemas.
//
// Importing the package registers two gojsonschema format checkers for
// the whole program: "date-time", replacing gojsonschema's own, which
// also accepts a bare date or time, and "duration".
//
// # Limitations
//
//   - A body type the model lacks, or a primitive one, gives no violation:
//     Validate returns nothing for it. A property whose type the model
//     lacks accepts any value.
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
//   - An action parameter of a flags enum type is checked only for being
//     a string, and a body that leaves out a non-nullable parameter is
//     not reported.
package schema
