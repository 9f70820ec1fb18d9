package route

import (
	"slices"
	"strings"

	"github.com/graphdoc/graphdoc/harness/csdl"
)

// Resolver resolves request paths against one CSDL model. Build it with
// New. It is read-only after New and safe for concurrent use.
type Resolver struct {
	model *csdl.Model
	// roots maps the names of the entity container's entity sets,
	// singletons, action imports and function imports to the targets
	// they address. folded maps their lower-cased names to those names.
	roots  map[string]Target
	folded map[string]string
	// bound maps a binding parameter type, such as
	// "microsoft.graph.user" or "Collection(microsoft.graph.user)", to
	// the operations bound to it.
	bound   map[string][]*csdl.Operation
	aliases map[string]string
}

// New indexes the entity containers and bound operations of model.
func New(model *csdl.Model) *Resolver {
	r := &Resolver{
		model:   model,
		roots:   map[string]Target{},
		folded:  map[string]string{},
		bound:   map[string][]*csdl.Operation{},
		aliases: map[string]string{},
	}

	unbound := map[string][]*csdl.Operation{}
	for _, s := range model.Schemas {
		if s.Alias != "" {
			r.aliases[s.Alias] = s.Namespace
		}
		for _, op := range slices.Concat(s.Actions, s.Functions) {
			if !op.IsBound {
				unbound[op.QualifiedName()] = append(unbound[op.QualifiedName()], op)
				continue
			}
			if len(op.Parameters) > 0 {
				binding := op.Parameters[0].Type
				r.bound[binding] = append(r.bound[binding], op)
			}
		}
	}

	for _, s := range model.Schemas {
		c := s.EntityContainer
		if c == nil {
			continue
		}
		for _, set := range c.EntitySets {
			r.addRoot(set.Name, Target{Kind: EntityCollection, Type: set.EntityType})
		}
		for _, singleton := range c.Singletons {
			r.addRoot(singleton.Name, Target{Kind: Entity, Type: singleton.Type})
		}
		for _, imported := range c.ActionImports {
			r.addRoot(imported.Name, Target{Kind: Action, Operation: equivalent(unbound[imported.Action])})
		}
		for _, imported := range c.FunctionImports {
			r.addRoot(imported.Name, Target{Kind: Function, Operation: equivalent(unbound[imported.Function])})
		}
	}
	return r
}

// addRoot registers a container child. The first of two children with
// one name wins.
func (r *Resolver) addRoot(name string, t Target) {
	if _, ok := r.roots[name]; ok {
		return
	}
	r.roots[name] = t
	if _, ok := r.folded[strings.ToLower(name)]; !ok {
		r.folded[strings.ToLower(name)] = name
	}
}

// Resolve returns what target addresses. target is a request target as a
// page writes it: an absolute URL or a path, with or without the API
// version, a query or {placeholders}. Graph names are matched exactly
// first and then with letter case ignored, as Graph itself accepts them.
// Resolve returns a Target of kind Unknown for any segment it cannot
// place in the model.
func (r *Resolver) Resolve(target string) Target {
	segments, ok := splitTarget(target)
	if !ok || len(segments) == 0 {
		return Target{}
	}

	t := Target{Kind: serviceRoot}
	for _, s := range segments {
		t = r.next(t, s)
		if s.pathBased {
			t = r.byPath(t)
		}
		if t.Kind == Unknown {
			return Target{}
		}
	}
	return t
}

// next resolves one segment from t.
func (r *Resolver) next(t Target, s segment) Target {
	switch t.Kind {
	case serviceRoot:
		return r.fromRoot(s)
	case EntityCollection:
		return r.fromCollection(t, s)
	case Entity:
		return r.fromEntity(t, s)
	case Property:
		return r.fromProperty(t, s)
	case Function:
		return r.fromFunction(t, s)
	}
	// Nothing follows media, $count, $ref or an action.
	return Target{}
}

func (r *Resolver) fromRoot(s segment) Target {
	name, ok := r.folded[strings.ToLower(s.name)]
	if _, exact := r.roots[s.name]; exact {
		name, ok = s.name, true
	}
	if !ok {
		return Target{}
	}

	root := r.roots[name]
	switch root.Kind {
	case EntityCollection:
		return withKey(root, s)
	case Entity:
		if s.parens {
			return Target{}
		}
		return root
	}
	return call(root.Operation, s)
}

func (r *Resolver) fromCollection(t Target, s segment) Target {
	switch {
	case s.parens && strings.HasPrefix(s.name, "$"):
		return Target{}
	case s.name == "$count":
		return Target{Kind: Count}
	case s.name == "$ref":
		return Target{Kind: Reference}
	case strings.HasPrefix(s.name, "$"):
		return Target{}
	}

	if cast, named := r.cast(t.Type, s.name); named {
		if cast == "" || s.parens {
			return Target{}
		}
		return Target{Kind: EntityCollection, Type: cast}
	}
	if op, matched := r.boundOperation(t.Type, true, s.name); matched {
		return call(op, s)
	}

	// Any other segment is a key, unless it has parentheses or names a
	// member of the entity type, which means that the key is missing.
	if s.parens || s.name == "" || r.namesMember(t.Type, s.name) {
		return Target{}
	}
	return Target{Kind: Entity, Type: t.Type}
}

func (r *Resolver) fromEntity(t Target, s segment) Target {
	switch {
	case s.parens && strings.HasPrefix(s.name, "$"):
		return Target{}
	case s.name == "$ref":
		return Target{Kind: Reference}
	case s.name == "$value":
		return Target{Kind: Media}
	case strings.HasPrefix(s.name, "$"):
		return Target{}
	}

	if cast, named := r.cast(t.Type, s.name); named {
		if cast == "" || s.parens {
			return Target{}
		}
		return Target{Kind: Entity, Type: cast}
	}
	return r.member(t.Type, s)
}

func (r *Resolver) fromProperty(t Target, s segment) Target {
	if s.parens {
		return Target{}
	}
	if t.Collection {
		if s.name == "$count" {
			return Target{Kind: Count}
		}
		return Target{}
	}

	st, structured := r.model.StructuredType(t.Type)
	if !structured {
		if s.name == "$value" {
			return Target{Kind: Media}
		}
		return Target{}
	}
	if strings.HasPrefix(s.name, "$") {
		return Target{}
	}
	if cast, named := r.cast(st.QualifiedName(), s.name); named {
		if cast == "" {
			return Target{}
		}
		return Target{Kind: Property, Type: cast}
	}
	return r.member(t.Type, s)
}

// fromFunction continues after a composable function as if from its
// return value.
func (r *Resolver) fromFunction(t Target, s segment) Target {
	op := t.Operation
	if !op.IsComposable || op.ReturnType == nil {
		return Target{}
	}
	element, collection := csdl.ElementType(op.ReturnType.Type)
	st, ok := r.model.StructuredType(element)
	if !ok {
		return Target{}
	}

	from := Target{Kind: Property, Type: element, Collection: collection}
	switch {
	case st.Entity && collection:
		from = Target{Kind: EntityCollection, Type: element}
	case st.Entity:
		from = Target{Kind: Entity, Type: element}
	}
	return r.next(from, s)
}

// member resolves a navigation property, a structural property or a
// bound operation of the structured type typeName: by exact name first,
// then with letter case ignored.
func (r *Resolver) member(typeName string, s segment) Target {
	st, ok := r.model.StructuredType(typeName)
	if !ok {
		return Target{}
	}
	for _, fold := range []bool{false, true} {
		if t, found := r.memberNamed(st, s, fold); found {
			return t
		}
	}
	return Target{}
}

func (r *Resolver) memberNamed(st *csdl.StructuredType, s segment, fold bool) (Target, bool) {
	for _, nav := range r.model.NavigationProperties(st) {
		if !sameName(nav.Name, s.name, fold) {
			continue
		}
		element, collection := csdl.ElementType(nav.Type)
		if collection {
			return withKey(Target{Kind: EntityCollection, Type: element}, s), true
		}
		if s.parens {
			return Target{}, true
		}
		return Target{Kind: Entity, Type: element}, true
	}

	for _, p := range r.model.Properties(st) {
		if !sameName(p.Name, s.name, fold) {
			continue
		}
		if s.parens {
			return Target{}, true
		}
		element, collection := csdl.ElementType(p.Type)
		if element == "Edm.Stream" {
			return Target{Kind: Media}, true
		}
		return Target{Kind: Property, Type: element, Collection: collection}, true
	}

	if op, matched := r.boundOperationNamed(st, false, s.name, fold); matched {
		return call(op, s), true
	}
	return Target{}, false
}

// withKey applies the key in parentheses of s, as in items('1'), to the
// entity collection t.
func withKey(t Target, s segment) Target {
	if !s.parens {
		return t
	}
	if strings.TrimSpace(s.args) == "" {
		return Target{}
	}
	return Target{Kind: Entity, Type: t.Type}
}

// call returns the target of calling op with the arguments of s. An
// action takes no arguments in the URL, and a nil op, which stands for an
// ambiguous name, addresses nothing.
func call(op *csdl.Operation, s segment) Target {
	if op == nil {
		return Target{}
	}
	if op.Function {
		return Target{Kind: Function, Operation: op}
	}
	if strings.TrimSpace(s.args) != "" {
		return Target{}
	}
	return Target{Kind: Action, Operation: op}
}

// byPath applies path-based addressing (root:/folder/file.txt:) to t.
// Graph offers it on drive items and, with a host name as key, on sites;
// anything else addresses nothing.
func (r *Resolver) byPath(t Target) Target {
	if t.Kind == Entity && (r.isA(t.Type, "microsoft.graph.driveItem") || r.isA(t.Type, "microsoft.graph.site")) {
		return t
	}
	return Target{}
}

// cast resolves a type-cast segment. named reports whether name is a
// structured type of the model at all. cast is its qualified name when it
// is current or derives from it, and "" when the two are unrelated.
func (r *Resolver) cast(current, name string) (cast string, named bool) {
	if !strings.Contains(name, ".") {
		return "", false
	}
	st, ok := r.model.StructuredType(name)
	if !ok {
		found, folded := r.model.LookupFold(name)
		if st, ok = found.(*csdl.StructuredType); !folded || !ok {
			return "", false
		}
	}
	if r.isA(st.QualifiedName(), current) {
		return st.QualifiedName(), true
	}
	return "", true
}

// isA reports whether the type named derived is base or derives from it.
func (r *Resolver) isA(derived, base string) bool {
	if derived == base {
		return true
	}
	st, ok := r.model.StructuredType(derived)
	if !ok {
		return false
	}
	for _, ancestor := range r.model.BaseTypes(st) {
		if ancestor.QualifiedName() == base {
			return true
		}
	}
	return false
}

// namesMember reports whether name, with letter case ignored, is a
// property, a navigation property or an entity-bound operation of the
// type typeName.
func (r *Resolver) namesMember(typeName, name string) bool {
	st, ok := r.model.StructuredType(typeName)
	if !ok {
		return false
	}
	for _, p := range r.model.Properties(st) {
		if strings.EqualFold(p.Name, name) {
			return true
		}
	}
	for _, p := range r.model.NavigationProperties(st) {
		if strings.EqualFold(p.Name, name) {
			return true
		}
	}
	_, matched := r.boundOperationNamed(st, false, name, true)
	return matched
}

func sameName(declared, name string, fold bool) bool {
	if fold {
		return strings.EqualFold(declared, name)
	}
	return declared == name
}
