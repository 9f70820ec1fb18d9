package compare

import (
	"bytes"
	"encoding/json"
	"math/bits"
	"strconv"
	"strings"
)

// kind is a set of JSON value types.
type kind uint8

const (
	kindNull kind = 1 << iota
	kindBoolean
	kindNumber
	kindString
	kindArray
	kindObject
	kindCount = 6
)

// kindNames are the names of the kinds, with an article for messages.
var kindNames = [kindCount]string{"null", "a boolean", "a number", "a string", "an array", "an object"}

// bitIndex returns the index in kindNames and shape.at of a single kind.
func bitIndex(k kind) int {
	return bits.TrailingZeros8(uint8(k))
}

// names returns the type names in k, joined by " or ".
func (k kind) names() string {
	var names []string
	for i := range kindCount {
		if k&(1<<i) != 0 {
			names = append(names, kindNames[i])
		}
	}
	return strings.Join(names, " or ")
}

// shape is the union of every JSON value found at one position of a body.
// The members of an array merge into one shape, so a property counts as
// present when any member has it. Annotations are kept out of fields, but
// the @odata.type values of objects are recorded.
type shape struct {
	kinds kind
	// at holds the JSON Pointer of the first value of each kind, and
	// first that of the first value of any kind.
	at    [kindCount]string
	first string

	fields map[string]*shape
	// order lists the field names in the order they first appear.
	order []string
	// members is the union of the members of every array here; nil when
	// every array was empty.
	members *shape
	// types lists each distinct @odata.type value, without '#', with the
	// pointer of its first occurrence.
	types []typeAt
}

type typeAt struct {
	name    string
	pointer string
}

// pointer returns the pointer of the first value of the single kind k.
func (s *shape) pointer(k kind) string {
	return s.at[bitIndex(k)]
}

// firstKind returns the lowest kind in k.
func firstKind(k kind) kind {
	return k & -k
}

func (s *shape) mark(k kind, pointer string) {
	if s.kinds&k != 0 {
		return
	}
	if s.kinds == 0 {
		s.first = pointer
	}
	s.kinds |= k
	s.at[bitIndex(k)] = pointer
}

// field returns the shape of the member name, adding it when new. The
// lookup does not copy name, so scanning a known member allocates nothing.
func (s *shape) field(name []byte) *shape {
	if child, ok := s.fields[string(name)]; ok {
		return child
	}
	if s.fields == nil {
		s.fields = map[string]*shape{}
	}
	child := &shape{}
	key := string(name)
	s.fields[key] = child
	s.order = append(s.order, key)
	return child
}

func (s *shape) addType(name, pointer string) {
	name = strings.TrimPrefix(name, "#")
	for _, t := range s.types {
		if t.name == name {
			return
		}
	}
	s.types = append(s.types, typeAt{name: name, pointer: pointer})
}

// parseShape builds the shape of one JSON text, visiting object members
// in document order.
func parseShape(data []byte) (*shape, error) {
	// Validating first lets the scanner below trust its input.
	if !json.Valid(data) {
		var value any
		err := json.Unmarshal(data, &value)
		return nil, err
	}
	root := &shape{}
	scan := &scanner{data: data}
	scan.value(root, location{root: true})
	return root, nil
}

// location names a value by its parent's pointer and its own reference
// token. The pointer string is built only when a shape records it, which
// is once per kind and position, not once per value.
type location struct {
	root   bool
	parent string
	// name is the member name within an object, or nil within an array,
	// where index applies.
	name  []byte
	index int
}

func (l location) pointer() string {
	switch {
	case l.root:
		return ""
	case l.name != nil:
		return l.parent + "/" + escapePointer(string(l.name))
	default:
		return l.parent + "/" + strconv.Itoa(l.index)
	}
}

// scanner walks valid JSON text without building its values.
type scanner struct {
	data []byte
	pos  int
}

// value merges the value at the scanner's position into s.
func (sc *scanner) value(s *shape, at location) {
	sc.skipSpace()
	switch sc.data[sc.pos] {
	case '{':
		pointer := at.pointer()
		s.mark(kindObject, pointer)
		sc.object(s, pointer)
		return
	case '[':
		pointer := at.pointer()
		s.mark(kindArray, pointer)
		sc.array(s, pointer)
		return
	}

	var k kind
	switch sc.data[sc.pos] {
	case '"':
		k = kindString
		sc.skipString()
	case 't', 'f':
		k = kindBoolean
		sc.skipLiteral()
	case 'n':
		k = kindNull
		sc.skipLiteral()
	default:
		k = kindNumber
		sc.skipLiteral()
	}
	if s.kinds&k == 0 {
		s.mark(k, at.pointer())
	}
}

func (sc *scanner) object(s *shape, pointer string) {
	sc.pos++ // {
	for {
		sc.skipSpace()
		if sc.data[sc.pos] == '}' {
			sc.pos++
			return
		}
		if sc.data[sc.pos] == ',' {
			sc.pos++
			sc.skipSpace()
		}
		name := sc.readString()
		sc.skipSpace()
		sc.pos++ // :
		at := location{parent: pointer, name: name}

		if !isAnnotation(name) {
			sc.value(s.field(name), at)
			continue
		}
		sc.skipSpace()
		if string(name) == "@odata.type" && sc.data[sc.pos] == '"' {
			s.addType(string(sc.readString()), at.pointer())
			continue
		}
		sc.skipValue()
	}
}

func (sc *scanner) array(s *shape, pointer string) {
	sc.pos++ // [
	for index := 0; ; index++ {
		sc.skipSpace()
		if sc.data[sc.pos] == ']' {
			sc.pos++
			return
		}
		if sc.data[sc.pos] == ',' {
			sc.pos++
		}
		if s.members == nil {
			s.members = &shape{}
		}
		sc.value(s.members, location{parent: pointer, index: index})
	}
}

// skipValue moves past the value at the scanner's position.
func (sc *scanner) skipValue() {
	sc.skipSpace()
	switch sc.data[sc.pos] {
	case '"':
		sc.skipString()
		return
	case '{', '[':
	default:
		sc.skipLiteral()
		return
	}
	for depth := 0; ; {
		switch sc.data[sc.pos] {
		case '"':
			sc.skipString()
			continue
		case '{', '[':
			depth++
		case '}', ']':
			depth--
		}
		sc.pos++
		if depth == 0 {
			return
		}
	}
}

func (sc *scanner) skipSpace() {
	for sc.pos < len(sc.data) {
		switch sc.data[sc.pos] {
		case ' ', '\t', '\n', '\r':
			sc.pos++
		default:
			return
		}
	}
}

// skipString moves past the string that starts at the scanner's position
// and returns where its content starts and ends, and whether it has
// escapes.
func (sc *scanner) skipString() (start, end int, escaped bool) {
	sc.pos++ // opening quote
	start = sc.pos
	for {
		switch sc.data[sc.pos] {
		case '\\':
			escaped = true
			sc.pos += 2
		case '"':
			end = sc.pos
			sc.pos++
			return start, end, escaped
		default:
			sc.pos++
		}
	}
}

// readString moves past a string and returns its unescaped content, which
// aliases the scanned text unless the string has escapes.
func (sc *scanner) readString() []byte {
	begin := sc.pos
	start, end, escaped := sc.skipString()
	if !escaped {
		return sc.data[start:end:end]
	}
	var text string
	// parseShape validated the text, so this cannot fail.
	_ = json.Unmarshal(sc.data[begin:sc.pos], &text)
	return []byte(text)
}

// skipLiteral moves past a number, true, false or null.
func (sc *scanner) skipLiteral() {
	for sc.pos < len(sc.data) {
		switch sc.data[sc.pos] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return
		}
		sc.pos++
	}
}

// isAnnotation reports whether an object key is an OData annotation:
// a control annotation (@odata.context), an instance annotation
// (@microsoft.graph.downloadUrl) or a property annotation
// (photo@odata.mediaEtag). Property names never contain '@'.
func isAnnotation(name []byte) bool {
	return bytes.IndexByte(name, '@') >= 0
}

// escapePointer escapes a reference token as RFC 6901 requires.
func escapePointer(token string) string {
	if !strings.ContainsAny(token, "~/") {
		return token
	}
	return strings.ReplaceAll(strings.ReplaceAll(token, "~", "~0"), "/", "~1")
}
