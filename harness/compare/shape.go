package compare

import (
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
	// at holds the JSON Pointer of the first value of each kind.
	at [kindCount]string

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

// firstPointer returns the pointer of the first value of any kind here.
func (s *shape) firstPointer() string {
	for i := range kindCount {
		if s.kinds&(1<<i) != 0 {
			return s.at[i]
		}
	}
	return ""
}

// firstKind returns the lowest kind in k.
func firstKind(k kind) kind {
	return k & -k
}

func (s *shape) mark(k kind, pointer string) {
	if s.kinds&k != 0 {
		return
	}
	s.kinds |= k
	s.at[bitIndex(k)] = pointer
}

func (s *shape) field(name string) *shape {
	if child, ok := s.fields[name]; ok {
		return child
	}
	if s.fields == nil {
		s.fields = map[string]*shape{}
	}
	child := &shape{}
	s.fields[name] = child
	s.order = append(s.order, name)
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
	scan.value(root, "")
	return root, nil
}

// scanner walks valid JSON text without building its values.
type scanner struct {
	data []byte
	pos  int
}

// value merges the value at the scanner's position into s; pointer
// locates it.
func (sc *scanner) value(s *shape, pointer string) {
	sc.skipSpace()
	switch sc.data[sc.pos] {
	case '{':
		s.mark(kindObject, pointer)
		sc.object(s, pointer)
	case '[':
		s.mark(kindArray, pointer)
		sc.array(s, pointer)
	case '"':
		s.mark(kindString, pointer)
		sc.skipString()
	case 't', 'f':
		s.mark(kindBoolean, pointer)
		sc.skipLiteral()
	case 'n':
		s.mark(kindNull, pointer)
		sc.skipLiteral()
	default:
		s.mark(kindNumber, pointer)
		sc.skipLiteral()
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
		fieldPointer := pointer + "/" + escapePointer(name)

		if !isAnnotation(name) {
			sc.value(s.field(name), fieldPointer)
			continue
		}
		sc.skipSpace()
		if name == "@odata.type" && sc.data[sc.pos] == '"' {
			s.addType(sc.readString(), fieldPointer)
			continue
		}
		sc.value(&shape{}, fieldPointer)
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
		sc.value(s.members, pointer+"/"+strconv.Itoa(index))
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

func (sc *scanner) readString() string {
	begin := sc.pos
	start, end, escaped := sc.skipString()
	if !escaped {
		return string(sc.data[start:end])
	}
	var text string
	// The text is valid JSON, so this cannot fail.
	_ = json.Unmarshal(sc.data[begin:sc.pos], &text)
	return text
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
func isAnnotation(name string) bool {
	return strings.Contains(name, "@")
}

// escapePointer escapes a reference token as RFC 6901 requires.
func escapePointer(token string) string {
	if !strings.ContainsAny(token, "~/") {
		return token
	}
	return strings.ReplaceAll(strings.ReplaceAll(token, "~", "~0"), "/", "~1")
}
