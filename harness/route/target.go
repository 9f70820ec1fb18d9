package route

import (
	"fmt"

	"github.com/graphdoc/graphdoc/harness/csdl"
)

// Kind is the kind of resource a request path addresses.
type Kind int

// Kinds of Target. Unknown is the zero value.
const (
	// Unknown: the path names nothing the model defines, or something
	// Resolve does not follow.
	Unknown Kind = iota
	// Entity: one entity of Type.
	Entity
	// EntityCollection: a collection of entities, whose members have
	// Type: an entity set or a collection-valued navigation property.
	EntityCollection
	// Property: a structural property of complex, enum or primitive Type;
	// Collection marks a collection-valued one.
	Property
	// Media: a stream or raw value, addressed by $value or by a property
	// of type Edm.Stream.
	Media
	// Count: the $count of a collection.
	Count
	// Reference: the $ref of an entity or a collection.
	Reference
	// Action: a call of the action Operation.
	Action
	// Function: a call of the function Operation.
	Function
)

// serviceRoot is the state of a walk before its first segment.
const serviceRoot Kind = -1

// String returns the kind's name in lower case.
func (k Kind) String() string {
	switch k {
	case Unknown:
		return "unknown"
	case Entity:
		return "entity"
	case EntityCollection:
		return "entity collection"
	case Property:
		return "property"
	case Media:
		return "media"
	case Count:
		return "count"
	case Reference:
		return "reference"
	case Action:
		return "action"
	case Function:
		return "function"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Target is the resource that a request path addresses.
type Target struct {
	Kind Kind
	// Type is the namespace-qualified name of the entity type (of the
	// members, for EntityCollection) or of the property's type (of its
	// elements, when Collection is set). It is "" for the other kinds.
	Type       string
	Collection bool
	// Operation is the action or function called, for Action and
	// Function, and nil otherwise. For an overloaded function it is the
	// first overload, whose parameters may differ from the call's.
	Operation *csdl.Operation
}

// Body is the body that a request's method and path imply.
type Body struct {
	// Type is the namespace-qualified name of the entity type the body
	// holds, or "" for the parameters of an action.
	Type string
	// Partial marks a body that may hold any subset of the properties of
	// Type, as PATCH and PUT send it.
	Partial bool
	// Action is the action whose non-binding parameters the body holds as
	// its members, or nil.
	Action *csdl.Operation
}

// Parameters returns the parameters of b.Action that the body carries:
// all but the binding parameter of a bound action. It returns nil when
// there is no action.
func (b Body) Parameters() []csdl.Parameter {
	if b.Action == nil {
		return nil
	}
	if b.Action.IsBound && len(b.Action.Parameters) > 0 {
		return b.Action.Parameters[1:]
	}
	return b.Action.Parameters
}
