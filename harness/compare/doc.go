// Package compare checks an actual HTTP response against the documented
// response of an example.
//
// It takes the documented response block (as extracted from a page) and the
// status, header and body a target returned, and gives findings. Each
// finding carries a rule id, a severity, a message and, where one applies,
// a JSON Pointer (RFC 6901) into the actual body. The caller fills in the
// file, line and example name.
//
// The comparison is by shape, not by value, because ids, timestamps and the
// items of a collection differ from run to run:
//
//   - The status must be equal (status-mismatch). When it differs, nothing
//     else is compared.
//   - Every documented header must be present (header-missing). Content-Type
//     must also have the same media type, parameters ignored. Other values
//     are not compared, and headers that change on every response or belong
//     to the connection (Date, Content-Length, request-id,
//     client-request-id and the like) are not required.
//   - A documented collection {"value": [...]} against an actual single
//     object, or the reverse, gives collection-shape-mismatch, and the body
//     is compared no further.
//   - Every property the documented body shows must be present in the
//     actual body, at any depth (documented-property-missing). Arrays are
//     compared as the union of their members' properties on each side, and
//     an empty actual array is not compared. Control annotations
//     (@odata.context, @odata.nextLink, ...), instance annotations
//     (@microsoft.graph.downloadUrl) and property annotations
//     (name@odata.type) are not required.
//   - A property of the actual body that the documented body lacks gives
//     property-undocumented (info), unless the documented response is
//     annotated "truncated": true.
//   - Leaf values are not compared, but their JSON types must agree
//     (type-mismatch); null agrees with every type. The one value compared
//     is @odata.type: the actual type must be the documented one or, with
//     Comparer.IsDerived, derived from it (response-odata-type-mismatch).
//   - A documented JSON body met by an empty or non-JSON actual body gives
//     response-not-json.
//   - 204, 205 and 304 responses have no body on either side.
//
// # Limitations
//
// Only JSON bodies are compared; a documented text or binary body is not.
// A documented body that is not valid JSON is not compared, because the
// extract stage already reports it. Arrays are compared by the union of
// their members, so a property that only some members lack is not reported,
// and the order and number of members are not compared.
package compare
