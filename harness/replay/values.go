package replay

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/graphdoc/graphdoc/harness/extract"
)

// ValuesFile is the content of a values file, ready for Config.Values and
// Config.ValuesByExample.
type ValuesFile struct {
	// Values apply to every example.
	Values map[string]string
	// ByExample maps an example name to values that override Values for
	// that example only.
	ByExample map[string]map[string]string
}

// examplesKey is the reserved top-level key of a values file that holds
// the values of single examples.
const examplesKey = "examples"

// ReadValues reads a values file. See ParseValues for its format.
func ReadValues(path string) (ValuesFile, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return ValuesFile{}, fmt.Errorf("read values %s: %w", path, err)
	}
	values, err := ParseValues(data)
	if err != nil {
		return ValuesFile{}, fmt.Errorf("read values %s: %w", path, err)
	}
	return values, nil
}

// ParseValues parses a JSON or YAML object that maps placeholder names to
// values. The reserved key "examples" maps example names to objects of the
// same kind, whose values override the top-level ones for that example:
//
//	{"groupId": "0f1e", "examples": {"get_item": {"item-id": "01AB"}}}
//
// A value that is not a string, such as a number or an object, is written
// as JSON text, so it can fill a placeholder outside a string in a JSON
// body. A null value is rejected, because it would fill "null".
func ParseValues(data []byte) (ValuesFile, error) {
	var raw map[string]any
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return ValuesFile{}, fmt.Errorf("not a JSON or YAML object: %w", err)
	}

	var file ValuesFile
	global := maps.Clone(raw)
	delete(global, examplesKey)
	var err error
	if file.Values, err = stringValues(global); err != nil {
		return ValuesFile{}, err
	}

	examples, found := raw[examplesKey]
	if !found {
		return file, nil
	}
	byName, ok := examples.(map[string]any)
	if !ok {
		return ValuesFile{}, errors.New(`invalid "examples": map example names to objects of placeholder values`)
	}
	file.ByExample = map[string]map[string]string{}
	for name, own := range byName {
		object, ok := own.(map[string]any)
		if !ok {
			return ValuesFile{}, fmt.Errorf("invalid values of example %q: use an object of placeholder values", name)
		}
		if file.ByExample[name], err = stringValues(object); err != nil {
			return ValuesFile{}, fmt.Errorf("example %q: %w", name, err)
		}
	}
	return file, nil
}

// stringValues turns decoded values into placeholder text.
func stringValues(raw map[string]any) (map[string]string, error) {
	values := map[string]string{}
	for name, value := range raw {
		switch v := value.(type) {
		case nil:
			return nil, fmt.Errorf("value of %q is null: give a string, or remove the name", name)
		case string:
			values[name] = v
		default:
			text, err := json.Marshal(v)
			if err != nil {
				return nil, fmt.Errorf("value of %q cannot be written as JSON: %w", name, err)
			}
			values[name] = string(text)
		}
	}
	return values, nil
}

// valuesFor returns the values that fill the placeholders of the example
// named name.
func (s *settings) valuesFor(name string) map[string]string {
	own := s.ValuesByExample[name]
	if len(own) == 0 {
		return s.Values
	}
	merged := make(map[string]string, len(s.Values)+len(own))
	maps.Copy(merged, s.Values)
	maps.Copy(merged, own)
	return merged
}

// warnUnknownExamples logs each ValuesByExample name that no example of
// pages has, because a misspelt name would otherwise leave its values
// unused without a word.
func (s *settings) warnUnknownExamples(pages []*extract.Page) {
	if len(s.ValuesByExample) == 0 {
		return
	}
	known := map[string]bool{}
	for _, page := range pages {
		for _, example := range page.Examples {
			known[example.Name] = true
		}
	}
	for _, name := range slices.Sorted(maps.Keys(s.ValuesByExample)) {
		if !known[name] {
			s.logf("replay: values for example %q are unused: no example has that name", name)
		}
	}
}

// fillBody returns the documented request body with placeholders filled.
func fillBody(block *extract.Block, values map[string]string) []byte {
	body := block.Request.Body
	if len(values) == 0 || !bytes.ContainsRune(body, '{') {
		return body
	}
	if block.JSON != nil {
		return fillJSON(body, values)
	}
	return []byte(fill(string(body), values))
}

// placeholderAt matches a placeholder at the start of its input.
var placeholderAt = regexp.MustCompile(`^\{[^{}]*\}`)

// fillJSON fills the placeholders of a JSON body that have a value. A
// value inside a string literal is escaped as JSON string content, so a
// quote or backslash in it keeps the body valid. Outside a string it is
// inserted as written, so "top": {count} can take a number. An object
// such as {"a": 1} looks like a placeholder named `"a": 1` and is kept,
// because no value has that name.
func fillJSON(body []byte, values map[string]string) []byte {
	var out bytes.Buffer
	inString := false
	for i := 0; i < len(body); {
		c := body[i]
		switch {
		case inString && c == '\\' && i+1 < len(body):
			out.Write(body[i : i+2])
			i += 2
			continue
		case c == '"':
			inString = !inString
		case c == '{':
			if match := placeholderAt.Find(body[i:]); match != nil {
				if value, ok := values[string(match[1:len(match)-1])]; ok {
					if inString {
						value = jsonStringContent(value)
					}
					out.WriteString(value)
					i += len(match)
					continue
				}
			}
		}
		out.WriteByte(c)
		i++
	}
	return out.Bytes()
}

// jsonStringContent escapes text for use between the quotes of a JSON
// string.
func jsonStringContent(text string) string {
	var b strings.Builder
	encoder := json.NewEncoder(&b)
	encoder.SetEscapeHTML(false)
	// Encode returns no error for a string written to a strings.Builder:
	// invalid UTF-8 becomes U+FFFD.
	_ = encoder.Encode(text)
	quoted := strings.TrimSuffix(b.String(), "\n")
	return quoted[1 : len(quoted)-1]
}
