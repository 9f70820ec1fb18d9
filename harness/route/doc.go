// Package route resolves Microsoft Graph request URLs against a CSDL
// model, to tell which type a request body must have.
//
// New takes a csdl.Model. Resolver.Resolve takes a request target as a
// page writes it, such as
// https://graph.microsoft.com/v1.0/me/drive/root:/a.txt:/content or
// /users/{id}/assignLicense, and gives a Target: an entity, an entity
// collection, a structural property, a stream, $count, $ref, an action or
// a function call, with its type or operation, or Unknown. The walk
// starts at the entity container's entity sets, singletons and
// operation imports, and follows keys (key-as-segment, in parentheses,
// or a {placeholder}), navigation and structural properties (inherited
// ones too), type casts to derived types, path-based addressing of drive
// items (root:/folder/file.txt:) and sites, and operations bound to the
// current type or one of its base types, with or without namespace.
//
// Resolver.RequestBody turns a method and a target into the Body the
// request must carry: an entity of the member type for POST to a
// collection, a partial entity for PATCH or PUT to an entity, and the
// non-binding parameters for POST to an action. Every other request
// implies no body.
//
// Route is conservative, because a finding on a body that the model does
// not pin down would be a false alarm: a segment it cannot place makes
// the whole target Unknown, and so does an unqualified operation name
// that fits bound operations with different parameters.
//
// A Resolver is read-only after New and safe for concurrent use.
//
// # Limitations
//
//   - Names are matched exactly first, then with letter case ignored, as
//     Graph accepts them. OData itself is case-sensitive.
//   - A segment after a collection is taken as a key unless it names an
//     operation, a cast or a member of the entity type; so a misspelled
//     navigation property after a collection reads as a key.
//   - Navigation continues after a function only when the function is
//     composable; PATCH to a function call, as workbook ranges take it,
//     implies no body.
//   - An operation bound to a derived type is found only after a cast to
//     that type. Service-root resources such as $batch and $entity
//     resolve to Unknown.
//   - A body for an entity type that has derived types is taken to be of
//     the base type unless it names one of them with @odata.type; an
//     abstract type implies no body at all.
//   - A PATCH to a complex property (/me/mailboxSettings) implies no body,
//     though it updates a value of the property's type.
package route
