package pagemodel

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Issue is one disagreement between a JSON body, or a resource block, and
// the page's types.
type Issue struct {
	// Rule is the catalogue rule id.
	Rule string
	// Pointer is the RFC 6901 JSON Pointer of the value concerned within
	// the checked body; "" is the body itself.
	Pointer string
	Message string
}

// Check checks value, a body decoded with json.Decoder.UseNumber, against
// the page type named typeName. With an empty typeName, or one the page
// does not define, only objects that carry an @odata.type of their own
// are checked. Pointers start with at, the pointer of value within its
// body. Member names that contain '@', such as @odata.context, are
// annotations and are not checked against the type.
func (m *Model) Check(value any, typeName, at string) []Issue {
	c := &checker{model: m}
	c.value(value, m.Type(typeName), at)
	return c.issues
}

type checker struct {
	model  *Model
	issues []Issue
}

func (c *checker) add(rule, pointer, format string, args ...any) {
	c.issues = append(c.issues, Issue{Rule: rule, Pointer: pointer, Message: fmt.Sprintf(format, args...)})
}

// value checks a value of no known property type: an object against
// expected, arrays element by element.
func (c *checker) value(value any, expected *Type, pointer string) {
	switch v := value.(type) {
	case map[string]any:
		c.object(v, expected, pointer)
	case []any:
		for i, item := range v {
			c.value(item, expected, pointer+"/"+strconv.Itoa(i))
		}
	}
}

// object checks an object's members against its own @odata.type when it
// has one, else against expected.
func (c *checker) object(members map[string]any, expected *Type, pointer string) {
	t := expected
	if name, ok := members["@odata.type"].(string); ok {
		resolved, issues := c.model.ResolveType(name)
		for _, issue := range issues {
			c.add(issue.Rule, pointer+"/@odata.type", "%s", issue.Message)
		}
		switch {
		case resolved != nil:
			t = resolved
		case expected != nil && strings.EqualFold(shortName(bareTypeName(name)), shortName(expected.Name)):
			// An unqualified name of the expected type still means it.
		default:
			// A derived type that the page does not define may add
			// members, so the expected type no longer describes the object.
			t = nil
		}
	}

	for _, key := range sortedKeys(members) {
		member := members[key]
		memberPointer := pointer + "/" + escapePointer(key)
		if strings.Contains(key, "@") {
			continue
		}
		if t == nil {
			c.value(member, nil, memberPointer)
			continue
		}
		p := t.Property(key)
		if p == nil {
			if p = t.PropertyFold(key); p != nil {
				c.add(RulePropertyCase, memberPointer, "property %q of %s is spelled %q", key, t.Name, p.Name)
			}
		}
		if p == nil {
			c.value(member, nil, memberPointer)
			continue
		}
		c.member(member, p, memberPointer)
	}
}

// member checks the value of property p.
func (c *checker) member(value any, p *Property, pointer string) {
	if value == nil {
		return
	}
	if p.Kind == Stream {
		c.add(RuleStreamValue, pointer, "%s is an Edm.Stream property; its bytes are read and written through its own URL, never inside a JSON body", p.Name)
		return
	}
	if !p.Collection {
		c.single(value, p, pointer)
		return
	}

	items, ok := value.([]any)
	if !ok {
		c.add(RuleTypeMismatch, pointer, "%s is %s, but the value is %s", p.Name, p.describe(), jsonKind(value))
		return
	}
	for i, item := range items {
		c.single(item, p, pointer+"/"+strconv.Itoa(i))
	}
}

// single checks one value, or one collection item, of property p.
func (c *checker) single(value any, p *Property, pointer string) {
	if value == nil {
		return
	}
	mismatch := func() {
		c.add(RuleTypeMismatch, pointer, "%s is %s, but the value is %s", p.Name, typeOfItem(p), jsonKind(value))
	}

	switch p.Kind {
	case String, DateTimeOffset:
		if _, ok := value.(string); !ok {
			mismatch()
		}
	case Integer:
		if number, ok := value.(json.Number); !ok || !isInteger(number) {
			mismatch()
		}
	case Number:
		if !isNumber(value) {
			mismatch()
		}
	case Boolean:
		if _, ok := value.(bool); !ok {
			mismatch()
		}
	case Enum:
		text, ok := value.(string)
		if !ok {
			mismatch()
			return
		}
		c.enum(text, p, pointer)
	case Complex, Named:
		members, ok := value.(map[string]any)
		target := c.model.typeLoose(p.TypeName)
		switch {
		case ok:
			c.object(members, target, pointer)
		case target == nil:
			// A type the page does not define may be an enum, which is
			// written as a string.
			if _, isString := value.(string); !isString {
				mismatch()
			}
		default:
			mismatch()
		}
	default:
		c.value(value, nil, pointer)
	}
}

// enum checks a value against the members of an enum. A flags enum
// value lists several members separated by commas.
func (c *checker) enum(text string, p *Property, pointer string) {
	for _, part := range strings.Split(text, ",") {
		part = strings.TrimSpace(part)
		if !slices.Contains(p.Members, part) {
			c.add(RuleEnumValue, pointer, "%q is not a value of %s; the page lists %s", part, p.Name, strings.Join(p.Members, ", "))
			return
		}
	}
}

func isInteger(number json.Number) bool {
	_, err := strconv.ParseInt(string(number), 10, 64)
	return err == nil
}

// isNumber accepts JSON numbers and the strings OData writes for the
// special values of Double and Single.
func isNumber(value any) bool {
	switch v := value.(type) {
	case json.Number:
		return true
	case string:
		return v == "NaN" || v == "INF" || v == "-INF"
	}
	return false
}

// typeOfItem names the type of one item of p.
func typeOfItem(p *Property) string {
	item := *p
	item.Collection = false
	return item.describe()
}

// jsonKind names the JSON type of a value for messages.
func jsonKind(value any) string {
	switch value.(type) {
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	}
	return "null"
}

// bareTypeName strips '#' and a Collection(...) wrapper from an
// @odata.type value.
func bareTypeName(value string) string {
	name, _ := unwrapCollection(strings.TrimPrefix(strings.TrimSpace(value), "#"))
	return name
}

func escapePointer(key string) string {
	key = strings.ReplaceAll(key, "~", "~0")
	return strings.ReplaceAll(key, "/", "~1")
}
