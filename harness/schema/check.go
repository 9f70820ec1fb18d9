package schema

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/graphdoc/graphdoc/harness/csdl"
	"github.com/graphdoc/graphdoc/harness/finding"
	"github.com/xeipuuv/gojsonschema"
)

// Rule ids of the finding catalogue that Validate reports.
const (
	ruleCollectionShape = "collection-shape-mismatch"
	ruleDateTime        = "datetime-invalid"
	ruleEnumValue       = "enum-value-invalid"
	ruleTypeCase        = "odata-type-case-mismatch"
	ruleTypeMismatch    = "odata-type-mismatch"
	ruleTypeUnknown     = "odata-type-unknown"
	ruleTypeUnqualified = "odata-type-unqualified"
	rulePropertyCase    = "property-case-mismatch"
	rulePropertyMissing = "property-missing"
	rulePropertyUnknown = "property-unknown"
	ruleStream          = "stream-property-value"
	ruleValueType       = "type-mismatch"
	ruleValue           = "value-invalid"
)

// maxQuoted is the longest string value a message repeats.
const maxQuoted = 40

// check is one call of Validate.
type check struct {
	validator *Validator
	body      Body
	rootType  string
	// handled holds the pointers of @odata.type values that the walk over
	// the body already reported or cannot judge. Schema errors there are
	// dropped, so that each fault gives one violation.
	handled map[string]bool
	found   []Violation
}

func (c *check) add(rule, pointer, message string) {
	severity := finding.DefaultSeverity(rule)
	if rule == rulePropertyUnknown && !c.body.Request {
		severity = finding.Warning
	}
	c.found = append(c.found, Violation{Rule: rule, Severity: severity, Pointer: pointer, Message: message})
}

// result sorts the violations by pointer and rule and keeps the first of
// each pair.
func (c *check) result() []Violation {
	slices.SortStableFunc(c.found, func(a, b Violation) int {
		return cmp.Or(strings.Compare(a.Pointer, b.Pointer), strings.Compare(a.Rule, b.Rule))
	})
	return slices.CompactFunc(c.found, func(a, b Violation) bool {
		return a.Rule == b.Rule && a.Pointer == b.Pointer
	})
}

func (c *check) run(document any) {
	if c.body.Collection {
		c.runCollection(document)
		return
	}

	if shape := c.collectionShape(document); shape != "" {
		c.add(ruleCollectionShape, "", fmt.Sprintf("expected a single %s object, but the body is %s", c.rootType, shape))
		return
	}
	c.checkTypeNames(document, "")
	c.validate(document, "", c.rootType)
}

func (c *check) runCollection(document any) {
	envelope, isObject := document.(map[string]any)
	items, isArray := envelope["value"].([]any)
	if !isObject || !isArray {
		c.add(ruleCollectionShape, "", fmt.Sprintf(`expected a collection {"value": [...]} of %s, but the body is %s`,
			c.rootType, describeShape(document)))
		return
	}

	for key := range envelope {
		if key != "value" && !controlRegexp.MatchString(key) {
			c.add(rulePropertyUnknown, "/"+escapeToken(key),
				fmt.Sprintf(`member %q is not allowed beside "value" in a collection of %s`, key, c.rootType))
		}
	}
	c.checkTypeNames(document, "")
	c.validate(items, "/value", "Collection("+c.rootType+")")
}

// collectionShape describes document when it looks like a collection
// although a single object is expected, and returns "" otherwise.
func (c *check) collectionShape(document any) string {
	switch d := document.(type) {
	case []any:
		return "an array"
	case map[string]any:
		if _, isArray := d["value"].([]any); !isArray {
			return ""
		}
		if _, declared := c.validator.table.structured(c.rootType).properties["value"]; declared {
			return ""
		}
		for key := range d {
			if key != "value" && !controlRegexp.MatchString(key) {
				return ""
			}
		}
		return `a collection {"value": [...]}`
	}
	return ""
}

func describeShape(document any) string {
	switch d := document.(type) {
	case map[string]any:
		if _, ok := d["value"]; ok {
			return `an object whose "value" is not an array`
		}
		return `an object without "value"`
	default:
		return jsonKind(document)
	}
}

// checkTypeNames reports every @odata.type value that does not name a
// type of the model exactly, and rewrites case variants and
// alias-qualified names to the model's spelling so that the schema picks
// the type the author meant.
func (c *check) checkTypeNames(node any, pointer string) {
	switch n := node.(type) {
	case map[string]any:
		if raw, ok := n[odataTypeKey]; ok {
			c.checkTypeName(n, raw, pointer+"/"+odataTypeKey)
		}
		for key, child := range n {
			c.checkTypeNames(child, pointer+"/"+escapeToken(key))
		}
	case []any:
		for i, child := range n {
			c.checkTypeNames(child, pointer+"/"+strconv.Itoa(i))
		}
	}
}

func (c *check) checkTypeName(object map[string]any, raw any, pointer string) {
	value, ok := raw.(string)
	if !ok {
		c.handled[pointer] = true
		c.add(ruleValueType, pointer, fmt.Sprintf("@odata.type is %s, but it must be a string that names a type", jsonKind(raw)))
		return
	}

	canonical, status := c.validator.table.resolve(value)
	switch status {
	case FoundIgnoringCase:
		c.add(ruleTypeCase, pointer, fmt.Sprintf("@odata.type %s differs from the model's %s only in letter case", quote(value), canonical))
	case Unqualified:
		c.add(ruleTypeUnqualified, pointer, fmt.Sprintf("@odata.type %s has no namespace. Qualify it, as in %q",
			quote(value), "#microsoft.graph."+canonical))
	case UnknownNamespace:
		c.add(ruleTypeUnknown, pointer, fmt.Sprintf("@odata.type %s is outside the microsoft.graph namespaces", quote(value)))
	case NotInModel:
		if c.validator.complete {
			c.add(ruleTypeUnknown, pointer, fmt.Sprintf("@odata.type names %s, which the model does not define", canonical))
		}
	}
	if status != Found {
		c.handled[pointer] = true
	}

	if status == Found || status == FoundIgnoringCase {
		hash := ""
		if strings.HasPrefix(strings.TrimSpace(value), "#") {
			hash = "#"
		}
		object[odataTypeKey] = hash + canonical
	}
}

// validate runs the compiled schema over node, a value of the type
// typeName: an object of the body's type or the array of a collection.
// prefix is the node's pointer in the body.
func (c *check) validate(node any, prefix, typeName string) {
	result, err := c.validator.compiled.Validate(gojsonschema.NewGoLoader(map[string]any{typeName: node}))
	if err != nil {
		// NOTE: unreachable for a document that decode accepted.
		return
	}
	at := place{node: node, typeName: typeName, prefix: prefix}
	for _, e := range result.Errors() {
		c.mapError(at, e)
	}
}

// place is a value that validate checked, with its type and pointer.
type place struct {
	node     any
	typeName string
	prefix   string
	// parameter names the action parameter that node is the value of, or
	// with element set an element of that value, and action the action's
	// qualified name. Both are "" for a body validated as a type.
	parameter, action string
	element           bool
}

// mapError turns one gojsonschema error into a violation. Errors that
// only report that a combining keyword (allOf, if/then/else, not) failed
// are dropped, because the errors of the failing branch come separately.
func (c *check) mapError(at place, e gojsonschema.ResultError) {
	path, ok := contextPath(e.Context())
	if !ok {
		return
	}
	pointer := at.prefix + pointerOf(path)
	details := e.Details()

	switch e.Type() {
	case "invalid_type":
		if c.handled[pointer] {
			return
		}
		loc := c.locate(at, path)
		given, _ := details["given"].(string)
		if given == "null" {
			reason := "is not nullable"
			if strings.HasPrefix(loc.typeLabel(), "Collection(") {
				reason = "is a collection, which OData JSON writes as [] rather than null"
			}
			c.add(ruleValueType, pointer, fmt.Sprintf("%s is null, but its type %s %s", loc.describe(), loc.typeLabel(), reason))
			return
		}
		expected := expectedJSON(c.validator.table, loc.typeName)
		if expected == "" {
			expected, _ = details["expected"].(string)
		}
		c.add(ruleValueType, pointer, fmt.Sprintf("%s is %s, but its type %s needs %s", loc.describe(), jsonKind(e.Value()), loc.typeLabel(), expected))

	case "enum":
		if len(path) > 0 && path[len(path)-1] == odataTypeKey {
			c.typeMismatch(at, path, pointer, e.Value())
			return
		}
		loc := c.locate(at, path)
		c.add(ruleEnumValue, pointer, fmt.Sprintf("%s has value %s, which is not a member of %s (members, compared case-sensitively: %s)",
			loc.describe(), quote(e.Value()), loc.typeName, c.members(loc.typeName)))

	case "pattern", "format", "number_gte", "number_gt", "number_lte", "number_lt", "multiple_of", "string_gte", "string_lte":
		c.valueError(at, path, pointer, e)

	case "false":
		loc := c.locate(at, path)
		c.add(ruleStream, pointer, fmt.Sprintf("%s is an Edm.Stream, which has no value in JSON, so link the stream with %s@odata.mediaReadLink instead",
			loc.describe(), loc.property))

	case "additional_property_not_allowed":
		name, _ := details["property"].(string)
		c.propertyName(at, path, name, true)

	case "invalid_property_name":
		// Only open types check property names, for case variants.
		name, _ := details["property"].(string)
		c.propertyName(at, path, name, false)

	case "required":
		if c.body.Request || c.body.Partial || c.body.Truncated {
			return
		}
		name, _ := details["property"].(string)
		loc := c.locate(at, path)
		c.add(rulePropertyMissing, pointer+"/"+escapeToken(name),
			fmt.Sprintf("property %q of %s is not nullable, but the response omits it", name, loc.objectType))
	}
}

// valueError reports a value that has the right JSON type but breaks a
// format, a pattern or a range of its type.
func (c *check) valueError(at place, path []string, pointer string, e gojsonschema.ResultError) {
	loc := c.locate(at, path)
	element, _ := csdl.ElementType(loc.typeName)
	value := quote(e.Value())

	if info := c.validator.table.types[element]; info != nil && info.enum {
		c.add(ruleEnumValue, pointer, fmt.Sprintf("%s has value %s, which is not a comma-separated list of members of %s",
			loc.describe(), value, element))
		return
	}
	if numericTypes[element] && e.Type() == "pattern" {
		// A numeric type takes only a few strings, so any other string is
		// a string where a number belongs.
		c.add(ruleValueType, pointer, fmt.Sprintf("%s is a string, but its type %s needs %s",
			loc.describe(), loc.typeLabel(), expectedJSON(c.validator.table, element)))
		return
	}
	if format, _ := e.Details()["format"].(string); format == formatDateTime {
		c.add(ruleDateTime, pointer, fmt.Sprintf("%s has value %s, which is not an Edm.DateTimeOffset: it needs a date, a time and Z or a ±hh:mm offset",
			loc.describe(), value))
		return
	}
	switch e.Type() {
	case "number_gte", "number_gt", "number_lte", "number_lt":
		c.add(ruleValue, pointer, fmt.Sprintf("%s has value %s, which is out of range for %s", loc.describe(), value, loc.typeLabel()))
	default:
		c.add(ruleValue, pointer, fmt.Sprintf("%s has value %s, which is not a valid %s", loc.describe(), value, loc.typeLabel()))
	}
}

// numericTypes are the Edm types that JSON carries as numbers but that
// also accept some strings.
var numericTypes = map[string]bool{"Edm.Int64": true, "Edm.Decimal": true, "Edm.Double": true, "Edm.Single": true}

// propertyName reports a property that the object's type declares with
// other letter case or, when unknown is true, does not declare at all.
func (c *check) propertyName(at place, path []string, name string, unknown bool) {
	pointer := at.prefix + pointerOf(append(slices.Clip(path), name))
	loc := c.locate(at, path)
	owner := loc.objectType

	if info := c.validator.table.structured(owner); info != nil {
		if declared, ok := info.folded[strings.ToLower(name)]; ok && declared != name {
			c.add(rulePropertyCase, pointer, fmt.Sprintf("property %q differs from %q of %s only in letter case", name, declared, owner))
			return
		}
	}
	if !unknown {
		return
	}
	c.add(rulePropertyUnknown, pointer, fmt.Sprintf("property %q is not defined by %s", name, owner))
}

// typeMismatch reports an @odata.type that names a type unrelated to the
// type the model expects at that place.
func (c *check) typeMismatch(at place, path []string, pointer string, value any) {
	if c.handled[pointer] {
		return
	}
	named, _ := value.(string)
	named = strings.TrimPrefix(named, "#")
	loc := c.locate(at, path[:len(path)-1])
	expected, _ := csdl.ElementType(loc.typeName)
	if c.validator.table.related(named, expected) {
		return
	}
	c.add(ruleTypeMismatch, pointer, fmt.Sprintf("@odata.type names %s, which is not %s, a type derived from it or one of its base types",
		named, expected))
}

// members lists the members of an enum type for a message, cut short
// after ten.
func (c *check) members(enum string) string {
	info := c.validator.table.types[enum]
	if info == nil || len(info.members) == 0 {
		return "none known"
	}
	if len(info.members) > 10 {
		return strings.Join(info.members[:10], ", ") + ", ..."
	}
	return strings.Join(info.members, ", ")
}

// location is the model's declaration for one place in a body.
type location struct {
	// owner is the structured type that declares property, and property
	// the name the pointer's last property segment gives; both are ""
	// at the root.
	owner    string
	property string
	// element is true when the pointer ends at an element of property.
	element bool
	// typeName is the declared type of the value at the pointer (the
	// element type for an element), or "" when the model has none.
	typeName string
	// objectType is the type the value is validated as when it is an
	// object: typeName, or the derived type its @odata.type names.
	objectType string
	// parameter marks a location whose property is an action parameter
	// and whose owner is the action.
	parameter bool
}

// locate walks path from a validated value, following the declared
// property types and @odata.type casts as the schema does.
func (c *check) locate(at place, path []string) location {
	node := at.node
	loc := location{typeName: at.typeName}
	if at.parameter != "" {
		loc = location{owner: at.action, property: at.parameter, element: at.element, typeName: at.typeName, parameter: true}
	}
	for _, segment := range path {
		switch n := node.(type) {
		case map[string]any:
			owner := c.effectiveType(loc.typeName, n)
			loc = location{owner: owner, property: segment}
			if info := c.validator.table.structured(owner); info != nil {
				loc.typeName = info.properties[segment].typeName
			}
			node = n[segment]
		case []any:
			index, err := strconv.Atoi(segment)
			if err != nil || index < 0 || index >= len(n) {
				node = nil
			} else {
				node = n[index]
			}
			loc.typeName, _ = csdl.ElementType(loc.typeName)
			loc.element = true
		default:
			return loc
		}
	}
	if object, ok := node.(map[string]any); ok {
		loc.objectType = c.effectiveType(loc.typeName, object)
	}
	return loc
}

// effectiveType returns the type named by the object's @odata.type when
// it derives from declared, and declared otherwise.
func (c *check) effectiveType(declared string, object map[string]any) string {
	if c.validator.table.structured(declared) == nil {
		return declared
	}
	value, _ := object[odataTypeKey].(string)
	named := strings.TrimPrefix(value, "#")
	if named != "" && c.validator.table.derives(named, declared) {
		return named
	}
	return declared
}

// describe names the place for a message.
func (l location) describe() string {
	switch {
	case l.parameter && l.element:
		return fmt.Sprintf("an element of parameter %q of action %s", l.property, l.owner)
	case l.parameter:
		return fmt.Sprintf("parameter %q of action %s", l.property, l.owner)
	case l.property == "" && l.element:
		return "an item of the collection"
	case l.property == "":
		return "the body"
	case l.element && l.owner != "":
		return fmt.Sprintf("an element of property %q of %s", l.property, l.owner)
	case l.element:
		return fmt.Sprintf("an element of property %q", l.property)
	case l.owner != "":
		return fmt.Sprintf("property %q of %s", l.property, l.owner)
	}
	return fmt.Sprintf("property %q", l.property)
}

func (l location) typeLabel() string {
	if l.typeName == "" {
		return "(unknown)"
	}
	return l.typeName
}

// expectedJSON names the JSON value a type needs, or returns "" for an
// unknown type.
func expectedJSON(table *typeTable, typeName string) string {
	if _, collection := csdl.ElementType(typeName); collection {
		return "an array"
	}
	switch typeName {
	case "":
		return ""
	case "Edm.Boolean":
		return "a boolean"
	case "Edm.Byte", "Edm.SByte", "Edm.Int16", "Edm.Int32":
		return "an integer"
	case "Edm.Int64":
		return "an integer or a string of digits"
	case "Edm.Decimal":
		return "a number or a numeric string"
	case "Edm.Double", "Edm.Single":
		return `a number or one of the strings "NaN", "INF" and "-INF"`
	}
	if info := table.types[typeName]; info != nil && !info.enum {
		return "an object"
	}
	if csdl.IsPrimitive(typeName) && strings.HasPrefix(typeName, "Edm.Geo") {
		return "an object"
	}
	return "a string"
}

// jsonKind names the JSON type of a decoded value with its article.
func jsonKind(value any) string {
	switch value.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	}
	return "a number"
}

// quote renders a value for a message: strings up to maxQuoted runes
// quoted, longer ones elided, numbers and booleans as written.
func quote(value any) string {
	switch v := value.(type) {
	case string:
		if utf8.RuneCountInString(v) > maxQuoted {
			return "(a string of " + strconv.Itoa(utf8.RuneCountInString(v)) + " characters)"
		}
		return strconv.Quote(v)
	case nil:
		return "null"
	case map[string]any, []any:
		return jsonKind(v)
	}
	return fmt.Sprint(value)
}
