package csdl

import "strings"

// Kind is the kind of a named type: entity, complex or enum.
type Kind int

// Kinds of named types.
const (
	KindEntity Kind = iota + 1
	KindComplex
	KindEnum
)

// String returns the CSDL element name of the kind.
func (k Kind) String() string {
	switch k {
	case KindEntity:
		return "EntityType"
	case KindComplex:
		return "ComplexType"
	case KindEnum:
		return "EnumType"
	}
	return "unknown"
}

// Type is a named type of the model: a *StructuredType or an *EnumType.
type Type interface {
	// QualifiedName returns Namespace.Name.
	QualifiedName() string
	// Kind returns the kind of the type.
	Kind() Kind
}

// Schema is one edm:Schema element.
type Schema struct {
	Namespace string
	// Alias is "" when the schema declares none.
	Alias string

	EntityTypes  []*StructuredType
	ComplexTypes []*StructuredType
	EnumTypes    []*EnumType
	Actions      []*Operation
	Functions    []*Operation
	// EntityContainer is nil when the schema has none.
	EntityContainer *EntityContainer
}

// StructuredType is an entity type or a complex type.
type StructuredType struct {
	Namespace string
	Name      string
	// Entity is true for an EntityType and false for a ComplexType.
	Entity bool
	// BaseType is the namespace-qualified base type name, or "".
	BaseType  string
	Abstract  bool
	OpenType  bool
	HasStream bool
	// Key lists the names of the key properties declared on this type;
	// a derived entity type inherits its key and declares none.
	Key []string
	// Properties and NavigationProperties are those the type declares,
	// in document order; Model.Properties adds the inherited ones.
	Properties           []Property
	NavigationProperties []NavigationProperty
	// Line is the 1-based line of the type's element in the document.
	Line int
}

// QualifiedName returns Namespace.Name.
func (t *StructuredType) QualifiedName() string { return t.Namespace + "." + t.Name }

// Kind returns KindEntity or KindComplex.
func (t *StructuredType) Kind() Kind {
	if t.Entity {
		return KindEntity
	}
	return KindComplex
}

// Property is a structural property.
type Property struct {
	Name string
	// Type is "Edm.String", a namespace-qualified type name, or either
	// of them wrapped in "Collection(...)".
	Type string
	// Nullable defaults to true, as CSDL specifies. For a collection it
	// states whether the elements may be null.
	Nullable bool
}

// NavigationProperty is a navigation property.
type NavigationProperty struct {
	Name string
	// Type is a namespace-qualified entity type name, possibly wrapped in
	// "Collection(...)".
	Type string
	// Nullable defaults to true; CSDL allows it only on single-valued
	// navigation properties.
	Nullable       bool
	ContainsTarget bool
}

// EnumType is an enumeration type.
type EnumType struct {
	Namespace string
	Name      string
	// UnderlyingType defaults to "Edm.Int32".
	UnderlyingType string
	IsFlags        bool
	Members        []EnumMember
	// Line is the 1-based line of the type's element in the document.
	Line int
}

// QualifiedName returns Namespace.Name.
func (t *EnumType) QualifiedName() string { return t.Namespace + "." + t.Name }

// Kind returns KindEnum.
func (t *EnumType) Kind() Kind { return KindEnum }

// EnumMember is one member of an enum type.
type EnumMember struct {
	Name string
	// Value is the member's value as written, or "" when the document
	// leaves it implicit.
	Value string
}

// Operation is an action or a function.
type Operation struct {
	Namespace string
	Name      string
	// Function is true for a Function and false for an Action.
	Function      bool
	IsBound       bool
	IsComposable  bool
	EntitySetPath string
	// Parameters are in document order; for a bound operation the first
	// one is the binding parameter.
	Parameters []Parameter
	// ReturnType is nil for an action that returns nothing.
	ReturnType *ReturnType
}

// QualifiedName returns Namespace.Name.
func (o *Operation) QualifiedName() string { return o.Namespace + "." + o.Name }

// Parameter is a parameter of an action or a function.
type Parameter struct {
	Name string
	Type string
	// Nullable defaults to true.
	Nullable bool
}

// ReturnType is the return type of an action or a function.
type ReturnType struct {
	Type string
	// Nullable defaults to true.
	Nullable bool
}

// EntityContainer holds the entity sets and singletons a service exposes.
type EntityContainer struct {
	Name            string
	EntitySets      []EntitySet
	Singletons      []Singleton
	ActionImports   []ActionImport
	FunctionImports []FunctionImport
}

// EntitySet is a named collection of entities of one type.
type EntitySet struct {
	Name       string
	EntityType string
}

// Singleton is a single named entity.
type Singleton struct {
	Name string
	Type string
}

// ActionImport exposes an unbound action at the service root.
type ActionImport struct {
	Name   string
	Action string
}

// FunctionImport exposes an unbound function at the service root.
type FunctionImport struct {
	Name      string
	Function  string
	EntitySet string
}

// ElementType strips a "Collection(...)" wrapper from a type name and
// reports whether there was one.
func ElementType(typeName string) (name string, collection bool) {
	if inner, ok := strings.CutPrefix(typeName, "Collection("); ok {
		if inner, ok = strings.CutSuffix(inner, ")"); ok {
			return inner, true
		}
	}
	return typeName, false
}

// IsPrimitive reports whether name (without a collection wrapper) is a
// type of the Edm namespace.
func IsPrimitive(name string) bool {
	return strings.HasPrefix(name, "Edm.")
}
