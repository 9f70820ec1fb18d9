package schema

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/graphdoc/graphdoc/harness/csdl"
	"github.com/xeipuuv/gojsonschema"
)

// Parameter is a non-binding parameter of an action. The body of a call
// carries it as the member of the same name.
type Parameter struct {
	Name string
	// Type is an Edm primitive type or a namespace-qualified type name,
	// possibly wrapped in "Collection(...)".
	Type string
	// Nullable allows null as the value or, for a collection, as an
	// element.
	Nullable bool
}

// validateParameters implements Validate for the body of an action call.
// Each member must be a parameter, and each value must fit the
// parameter's type. Parameters the body leaves out are not reported,
// because Graph treats many non-nullable ones as optional.
func (v *Validator) validateParameters(b Body) []Violation {
	document, err := decode(b.JSON)
	if err != nil {
		return nil
	}
	if err := v.Compile(); err != nil {
		panic(fmt.Sprintf("schema: generated schemas do not compile: %v", err))
	}

	b.Request = true
	c := &check{validator: v, body: b, rootType: b.Action, handled: map[string]bool{}}
	object, ok := document.(map[string]any)
	if !ok {
		c.add(ruleValueType, "", fmt.Sprintf("the body is %s, but a call of action %s needs an object of its parameters",
			jsonKind(document), b.Action))
		return c.result()
	}

	c.checkTypeNames(document, "")
	for name, value := range object {
		c.parameterMember(name, value)
	}
	return c.result()
}

// parameterMember checks one member of an action call's body. Parameter
// names are matched with letter case ignored: Graph's CSDL declares the
// parameters of some Outlook actions in Pascal case (Comment,
// ToRecipients), while its pages and its service use camel case.
func (c *check) parameterMember(name string, value any) {
	pointer := "/" + escapeToken(name)
	for _, fold := range []bool{false, true} {
		for _, p := range c.body.Parameters {
			if p.Name == name || (fold && strings.EqualFold(p.Name, name)) {
				c.parameterValue(p, value, pointer)
				return
			}
		}
	}
	if controlRegexp.MatchString(name) {
		return
	}
	c.add(rulePropertyUnknown, pointer, fmt.Sprintf("%q is not a parameter of action %s, which takes %s",
		name, c.body.Action, c.parameterNames()))
}

// parameterValue checks the value of parameter p, element by element for
// a collection.
func (c *check) parameterValue(p Parameter, value any, pointer string) {
	at := place{node: value, typeName: p.Type, prefix: pointer, parameter: p.Name, action: c.body.Action}
	if value == nil {
		// NOTE: a null collection is reported only when its elements are
		// not nullable either, because CSDL gives collections no facet of
		// their own.
		if !p.Nullable {
			c.add(ruleValueType, pointer, fmt.Sprintf("%s is null, but its type %s is not nullable", c.locate(at, nil).describe(), p.Type))
		}
		return
	}

	element, collection := csdl.ElementType(p.Type)
	at.typeName = element
	if !collection {
		c.parameterElement(at)
		return
	}

	items, ok := value.([]any)
	if !ok {
		c.add(ruleValueType, pointer, fmt.Sprintf("%s is %s, but its type %s needs an array",
			c.locate(at, nil).describe(), jsonKind(value), p.Type))
		return
	}
	for i, item := range items {
		itemAt := at
		itemAt.node = item
		itemAt.prefix = pointer + "/" + strconv.Itoa(i)
		itemAt.element = true
		if item == nil {
			if !p.Nullable {
				c.add(ruleValueType, itemAt.prefix, fmt.Sprintf("%s is null, but its type %s is not nullable",
					c.locate(itemAt, nil).describe(), element))
			}
			continue
		}
		c.parameterElement(itemAt)
	}
}

// parameterElement checks one value that is not null against the single
// type at.typeName.
func (c *check) parameterElement(at place) {
	if at.typeName == anyJSONType || at.typeName == "Edm.Stream" {
		return
	}
	if csdl.IsPrimitive(at.typeName) {
		primitives, err := primitiveSchemas()
		if err != nil {
			panic(fmt.Sprintf("schema: primitive schemas do not compile: %v", err))
		}
		c.validateAt(primitives, at)
		return
	}

	info := c.validator.table.types[at.typeName]
	switch {
	case info == nil:
		// A type the model lacks accepts any value, as in a property.
	case info.enum:
		c.enumParameter(at, info)
	default:
		c.validateAt(c.validator.compiled, at)
	}
}

// enumParameter checks an enum value in Go, because the compiled schema
// validates structured types only.
func (c *check) enumParameter(at place, info *typeInfo) {
	loc := c.locate(at, nil)
	text, ok := at.node.(string)
	if !ok {
		c.add(ruleValueType, at.prefix, fmt.Sprintf("%s is %s, but its type %s needs a string", loc.describe(), jsonKind(at.node), info.name))
		return
	}
	// NOTE: the members of a flags enum are not in the type table, so
	// its values are checked only for being strings.
	if len(info.members) > 0 && !slices.Contains(info.members, text) {
		c.add(ruleEnumValue, at.prefix, fmt.Sprintf("%s has value %s, which is not a member of %s (members, compared case-sensitively: %s)",
			loc.describe(), quote(text), info.name, c.members(info.name)))
	}
}

// validateAt runs schema over at.node, wrapped as {at.typeName: node},
// and maps its errors as validate does.
func (c *check) validateAt(schema *gojsonschema.Schema, at place) {
	result, err := schema.Validate(gojsonschema.NewGoLoader(map[string]any{at.typeName: at.node}))
	if err != nil {
		// NOTE: unreachable for a document that decode accepted.
		return
	}
	for _, e := range result.Errors() {
		c.mapError(at, e)
	}
}

// parameterNames lists the action's parameters for a message, cut short
// after ten.
func (c *check) parameterNames() string {
	if len(c.body.Parameters) == 0 {
		return "no parameters"
	}
	var names []string
	for _, p := range c.body.Parameters {
		names = append(names, p.Name)
	}
	if len(names) > 10 {
		return strings.Join(names[:10], ", ") + ", ..."
	}
	return strings.Join(names, ", ")
}

// primitiveTypes are the Edm types whose JSON values primitiveSchemas
// checks. Edm.Stream has no JSON value; spatial types, Edm.Untyped and
// Edm.PrimitiveType accept any value.
var primitiveTypes = []string{
	"Edm.Binary", "Edm.Boolean", "Edm.Byte", "Edm.Date", "Edm.DateTimeOffset", "Edm.Decimal",
	"Edm.Double", "Edm.Duration", "Edm.Guid", "Edm.Int16", "Edm.Int32", "Edm.Int64",
	"Edm.SByte", "Edm.Single", "Edm.String", "Edm.TimeOfDay",
}

// primitiveSchemas compiles, once for the program, a schema that checks a
// value wrapped as {"Edm.Int32": value} against its primitive type, as
// the validator's compiled schema does for structured types.
var primitiveSchemas = sync.OnceValues(func() (*gojsonschema.Schema, error) {
	dependencies := map[string]any{}
	for _, name := range primitiveTypes {
		dependencies[name] = map[string]any{"properties": map[string]any{name: primitiveSchema(name, false)}}
	}
	root := map[string]any{"type": "object", "dependencies": dependencies}
	return gojsonschema.NewSchema(gojsonschema.NewGoLoader(root))
})
