package schema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/graphdoc/graphdoc/harness/csdl"
	"github.com/graphdoc/graphdoc/harness/finding"
	"github.com/xeipuuv/gojsonschema"
)

// Body is a JSON body to validate, with the facts the page gives about it.
type Body struct {
	// Type is the qualified name of the body's type as the page gives it,
	// such as "microsoft.graph.itemActivity". A leading "#" is ignored, and
	// a "Collection(...)" wrapper sets Collection.
	Type string
	// Collection marks a body of the form {"value": [T...]}, with optional
	// @odata.nextLink, @odata.count and @odata.deltaLink beside "value".
	Collection bool
	JSON       []byte
	// Request marks a request body: an unknown property is an error there
	// and a warning in a response.
	Request bool
	// Partial marks a body that may hold any subset of the properties,
	// such as the body of a PATCH request.
	Partial bool
	// Truncated marks a response that may omit properties.
	Truncated bool
	// Action, when set, is the qualified name of an action, and the body
	// is the JSON object of its call: one member per non-binding
	// parameter, each listed in Parameters. Type, Collection and Partial
	// are ignored then.
	Action     string
	Parameters []Parameter
}

// Violation is one fault in a body. Rule is an id of the finding
// catalogue and Severity its severity for this body.
type Violation struct {
	Rule     string
	Severity finding.Severity
	// Pointer is the RFC 6901 JSON Pointer of the faulty value, or of the
	// object that lacks a property; "" is the whole body.
	Pointer string
	Message string
}

// Options configure a Validator. The zero value suits a model that holds
// only part of a service, such as the bundled schemas.
type Options struct {
	// Complete declares that the model defines every type of the service,
	// so an @odata.type naming a microsoft.graph type that the model lacks
	// is reported as odata-type-unknown. Leave it false for extracts.
	Complete bool
}

// Validator checks JSON bodies against the types of one model. It is safe
// for concurrent use.
type Validator struct {
	table    *typeTable
	complete bool

	// definitions returns the schema definitions to compile, keyed by
	// qualified type name.
	definitions func() (map[string]any, error)
	once        sync.Once
	compiled    *gojsonschema.Schema
	compileErr  error
}

// NewValidator returns a validator for every type of model. It generates
// and compiles the schemas on first use, once, and shares them across
// goroutines; call Compile to pay that cost up front.
func NewValidator(model *csdl.Model, opts Options) *Validator {
	return &Validator{
		table:    tableFromModel(model),
		complete: opts.Complete,
		definitions: func() (map[string]any, error) {
			definitions := map[string]any{}
			for _, t := range model.Types() {
				definitions[t.QualifiedName()] = definition(model, t)
			}
			return definitions, nil
		},
	}
}

// LoadValidator returns a validator for the schema files (*.json) that
// WriteFiles wrote to dir. It merges their definitions and compiles them
// before it returns. Two files that define one type differently, a file
// that is not valid JSON and a file without definitions are errors.
func LoadValidator(dir string, opts Options) (*Validator, error) {
	v, err := LoadValidatorFS(os.DirFS(dir), ".", opts)
	if err != nil {
		return nil, fmt.Errorf("load schemas %s: %w", dir, err)
	}
	return v, nil
}

// LoadValidatorFS is LoadValidator for the directory dir of fsys, such as
// the files embedded in the graphdoc binary.
func LoadValidatorFS(fsys fs.FS, dir string, opts Options) (*Validator, error) {
	definitions, err := readDefinitions(fsys, dir)
	if err != nil {
		return nil, err
	}
	table, err := tableFromDefinitions(definitions)
	if err != nil {
		return nil, err
	}

	v := &Validator{
		table:       table,
		complete:    opts.Complete,
		definitions: func() (map[string]any, error) { return definitions, nil },
	}
	if err := v.Compile(); err != nil {
		return nil, err
	}
	return v, nil
}

func readDefinitions(fsys fs.FS, dir string) (map[string]any, error) {
	paths, err := fs.Glob(fsys, path.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, errors.New("no *.json files")
	}
	slices.Sort(paths)

	definitions := map[string]any{}
	origin := map[string]string{}
	for _, name := range paths {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		document, err := decode(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		root, _ := document.(map[string]any)
		defs, ok := root["definitions"].(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s: the document has no definitions object", name)
		}
		for typeName, def := range defs {
			if previous, ok := definitions[typeName]; ok && !reflect.DeepEqual(previous, def) {
				return nil, fmt.Errorf("%s: definition %s differs from the one in %s; regenerate both from one model",
					name, typeName, origin[typeName])
			}
			definitions[typeName] = def
			origin[typeName] = name
		}
	}
	return definitions, nil
}

// Compile generates and compiles the schemas if that has not happened
// yet. Validate calls it and panics if it fails, which only a bug in the
// generator can cause for a model that Parse accepted.
func (v *Validator) Compile() error {
	v.once.Do(func() {
		definitions, err := v.definitions()
		if err != nil {
			v.compileErr = err
			return
		}

		// Validate wraps a value as {"<type name>": value} or, for the
		// items of a collection, {"Collection(<type name>)": [items]}, so
		// one compiled schema serves every type. The root picks the schema
		// by that key through "dependencies", which gojsonschema looks up
		// in a map, where "properties" would be scanned in full.
		//
		// gojsonschema parses every member of "definitions" and then once
		// more for the first $ref to it, so the definitions move to a key
		// it does not read, which halves the compile time.
		rewriteRefs(definitions, definitionsRef, compiledRef)
		dependencies := map[string]any{}
		for name, info := range v.table.types {
			if info.enum {
				continue
			}
			ref := map[string]any{"$ref": compiledRef + name}
			collection := "Collection(" + name + ")"
			dependencies[name] = map[string]any{"properties": map[string]any{name: ref}}
			dependencies[collection] = map[string]any{"properties": map[string]any{
				collection: map[string]any{"type": "array", "items": ref},
			}}
		}
		root := map[string]any{compiledKey: definitions, "type": "object", "dependencies": dependencies}
		compiled, err := gojsonschema.NewSchema(gojsonschema.NewGoLoader(root))
		if err != nil {
			v.compileErr = fmt.Errorf("compile schemas: %w", err)
			return
		}
		v.compiled = compiled
	})
	return v.compileErr
}

// Resolve looks up a type name as a page or a body gives it ("#" and a
// Collection(...) wrapper ignored) and returns the model's spelling of it
// with the outcome. For Unqualified, UnknownNamespace and NotInModel the
// returned name is the input without "#".
func (v *Validator) Resolve(name string) (canonical string, status Resolution) {
	return v.table.resolve(name)
}

// Validate checks b against its type and returns the faults found,
// sorted by pointer and rule, at most one per rule and pointer.
//
// It returns nothing when the type is not an entity or complex type of
// the model (Resolve reports why) and when b.JSON is empty or not valid
// JSON, which the extract stage reports. A body with an Action is checked
// against the action's parameters instead of a type.
func (v *Validator) Validate(b Body) []Violation {
	if b.Action != "" {
		return v.validateParameters(b)
	}
	if _, collection := csdl.ElementType(strings.TrimPrefix(strings.TrimSpace(b.Type), "#")); collection {
		b.Collection = true
	}
	canonical, status := v.table.resolve(b.Type)
	if status != Found && status != FoundIgnoringCase {
		return nil
	}
	if v.table.structured(canonical) == nil {
		return nil
	}
	document, err := decode(b.JSON)
	if err != nil {
		return nil
	}
	if err := v.Compile(); err != nil {
		panic(fmt.Sprintf("schema: generated schemas do not compile: %v", err))
	}

	c := &check{validator: v, body: b, rootType: canonical, handled: map[string]bool{}}
	c.run(document)
	return c.result()
}

// The place of the definitions in the compiled root schema.
const (
	compiledKey = "x-definitions"
	compiledRef = "#/" + compiledKey + "/"
)

// rewriteRefs replaces the prefix from with to in every $ref string
// below node, in place.
func rewriteRefs(node any, from, to string) {
	switch n := node.(type) {
	case map[string]any:
		for key, child := range n {
			if ref, ok := child.(string); ok && key == "$ref" {
				if rest, ok := strings.CutPrefix(ref, from); ok {
					n[key] = to + rest
				}
				continue
			}
			rewriteRefs(child, from, to)
		}
	case []any:
		for _, child := range n {
			rewriteRefs(child, from, to)
		}
	}
}

// decode parses one JSON value, keeping numbers as json.Number so that
// Int64 values keep every digit.
func decode(data []byte) (any, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errors.New("the body is empty")
	}
	decoder := json.NewDecoder(bytes.NewReader(data))
	decoder.UseNumber()
	var document any
	if err := decoder.Decode(&document); err != nil {
		return nil, err
	}
	if _, err := decoder.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("text follows the JSON value")
	}
	return document, nil
}
