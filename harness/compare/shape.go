package compare

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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

// parseShape builds the shape of one JSON text.
func parseShape(data []byte) (*shape, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	root := &shape{}
	if err := root.add(dec, ""); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("data after the top-level JSON value")
	}
	return root, nil
}

// add reads the next JSON value from dec into s; pointer locates it.
func (s *shape) add(dec *json.Decoder, pointer string) error {
	token, err := dec.Token()
	if err != nil {
		return err
	}

	switch value := token.(type) {
	case json.Delim:
		if value == '[' {
			s.mark(kindArray, pointer)
			return s.addMembers(dec, pointer)
		}
		s.mark(kindObject, pointer)
		return s.addFields(dec, pointer)
	case string:
		s.mark(kindString, pointer)
	case json.Number:
		s.mark(kindNumber, pointer)
	case bool:
		s.mark(kindBoolean, pointer)
	case nil:
		s.mark(kindNull, pointer)
	}
	return nil
}

func (s *shape) addMembers(dec *json.Decoder, pointer string) error {
	for index := 0; dec.More(); index++ {
		if s.members == nil {
			s.members = &shape{}
		}
		if err := s.members.add(dec, pointer+"/"+strconv.Itoa(index)); err != nil {
			return err
		}
	}
	_, err := dec.Token()
	return err
}

func (s *shape) addFields(dec *json.Decoder, pointer string) error {
	for dec.More() {
		token, err := dec.Token()
		if err != nil {
			return err
		}
		name, ok := token.(string)
		if !ok {
			return fmt.Errorf("object key at %q is not a string", pointer)
		}
		fieldPointer := pointer + "/" + escapePointer(name)

		if isAnnotation(name) {
			var value any
			if err := dec.Decode(&value); err != nil {
				return err
			}
			if typeName, ok := value.(string); ok && name == "@odata.type" {
				s.addType(typeName, fieldPointer)
			}
			continue
		}
		if err := s.field(name).add(dec, fieldPointer); err != nil {
			return err
		}
	}
	_, err := dec.Token()
	return err
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
