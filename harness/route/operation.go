package route

import (
	"slices"
	"strings"

	"github.com/graphdoc/graphdoc/harness/csdl"
)

// boundOperation finds the operation named name that is bound to the type
// typeName, or to a collection of it when collection is set: by exact
// name first, then with letter case ignored.
func (r *Resolver) boundOperation(typeName string, collection bool, name string) (*csdl.Operation, bool) {
	st, ok := r.model.StructuredType(typeName)
	if !ok {
		return nil, false
	}
	for _, fold := range []bool{false, true} {
		if op, matched := r.boundOperationNamed(st, collection, name, fold); matched {
			return op, true
		}
	}
	return nil, false
}

// boundOperationNamed looks for operations named name that are bound to
// st or, failing that, to its nearest base type that has one. matched
// reports whether any is found; op is nil when the name is ambiguous.
// name may be qualified by namespace or alias.
func (r *Resolver) boundOperationNamed(st *csdl.StructuredType, collection bool, name string, fold bool) (op *csdl.Operation, matched bool) {
	chain := append([]*csdl.StructuredType{st}, r.model.BaseTypes(st)...)
	for _, t := range chain {
		binding := t.QualifiedName()
		if collection {
			binding = "Collection(" + binding + ")"
		}
		var found []*csdl.Operation
		for _, candidate := range r.bound[binding] {
			if r.operationNamed(candidate, name, fold) {
				found = append(found, candidate)
			}
		}
		if len(found) > 0 {
			return equivalent(found), true
		}
	}
	return nil, false
}

// operationNamed reports whether name, qualified or not, names op.
func (r *Resolver) operationNamed(op *csdl.Operation, name string, fold bool) bool {
	namespace, local := "", name
	if dot := strings.LastIndexByte(name, '.'); dot >= 0 {
		namespace, local = name[:dot], name[dot+1:]
		if full, ok := r.aliases[namespace]; ok {
			namespace = full
		}
	}
	if !sameName(op.Name, local, fold) {
		return false
	}
	return namespace == "" || sameName(op.Namespace, namespace, fold)
}

// equivalent returns the first of ops when any of them describes a call
// equally well, and nil otherwise: all must be actions that take the same
// parameters, or functions, which overload by parameters, and all must
// return the same type.
func equivalent(ops []*csdl.Operation) *csdl.Operation {
	if len(ops) == 0 {
		return nil
	}
	first := ops[0]
	for _, op := range ops[1:] {
		if op.Function != first.Function || !sameReturn(op.ReturnType, first.ReturnType) {
			return nil
		}
		if !op.Function && !slices.Equal(carried(op), carried(first)) {
			return nil
		}
	}
	return first
}

// carried returns the parameters a call passes, without the binding one.
func carried(op *csdl.Operation) []csdl.Parameter {
	return Body{Action: op}.Parameters()
}

func sameReturn(a, b *csdl.ReturnType) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}
