package route

import "strings"

// RequestBody returns the body that a request with method to target
// carries, and false when route cannot tell. It implies a body for
//
//   - POST to an entity collection: an entity of the member type;
//   - PATCH or PUT to an entity: a Partial entity of its type;
//   - POST to an action: an object of the action's non-binding
//     parameters.
//
// Every other request, such as one to a $ref, a stream, a structural
// property or an unknown path, implies none. So does an entity type that
// is abstract, because the body must then name a derived type with
// @odata.type, which its caller validates instead.
func (r *Resolver) RequestBody(method, target string) (Body, bool) {
	t := r.Resolve(target)

	switch method = strings.ToUpper(strings.TrimSpace(method)); {
	case method == "POST" && t.Kind == Action:
		return Body{Action: t.Operation}, true
	case method == "POST" && t.Kind == EntityCollection:
		return r.entityBody(t.Type, false)
	case (method == "PATCH" || method == "PUT") && t.Kind == Entity:
		return r.entityBody(t.Type, true)
	}
	return Body{}, false
}

func (r *Resolver) entityBody(typeName string, partial bool) (Body, bool) {
	st, ok := r.model.StructuredType(typeName)
	if !ok || st.Abstract {
		return Body{}, false
	}
	return Body{Type: st.QualifiedName(), Partial: partial}, true
}
