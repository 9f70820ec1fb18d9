package csdl

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
)

// ParseFile reads the CSDL document at path.
func ParseFile(path string) (*Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read CSDL: %w", err)
	}
	defer f.Close()
	return Parse(f, path)
}

// Parse reads a CSDL document from r; name is the file name that errors
// report.
func Parse(r io.Reader, name string) (*Model, error) {
	p := &parser{decoder: xml.NewDecoder(r), name: name, model: &Model{}}
	if err := p.run(); err != nil {
		return nil, err
	}
	p.model.index()
	return p.model, nil
}

// parser keeps the elements that are open while the decoder streams
// through the document.
type parser struct {
	decoder  *xml.Decoder
	name     string
	model    *Model
	depth    int
	rootSeen bool

	schema     *Schema
	structured *StructuredType
	enum       *EnumType
	operation  *Operation
	container  *EntityContainer
}

func (p *parser) run() error {
	for {
		token, err := p.decoder.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("read CSDL %s: %w", p.name, err)
		}

		switch t := token.(type) {
		case xml.StartElement:
			if err := p.start(t); err != nil {
				return err
			}
		case xml.EndElement:
			p.end(t)
		}
	}

	if !p.rootSeen {
		return fmt.Errorf("read CSDL %s: the document has no root element", p.name)
	}
	return nil
}

func (p *parser) start(t xml.StartElement) error {
	line, _ := p.decoder.InputPos()
	if p.depth == 0 {
		if t.Name.Local != "Edmx" {
			return fmt.Errorf("read CSDL %s: line %d: root element is <%s>, expected <edmx:Edmx>", p.name, line, t.Name.Local)
		}
		p.rootSeen = true
	}

	var err error
	switch t.Name.Local {
	case "Annotation", "Annotations", "Term", "TypeDefinition", "NavigationPropertyBinding", "Reference":
		// Nothing below these elements is read, so skip them whole.
		if err := p.decoder.Skip(); err != nil {
			return fmt.Errorf("read CSDL %s: %w", p.name, err)
		}
		return nil
	case "Schema":
		err = p.startSchema(t, line)
	case "EntityType", "ComplexType":
		err = p.startStructured(t, line)
	case "Property", "NavigationProperty", "PropertyRef":
		err = p.startMember(t, line)
	case "EnumType", "Member":
		err = p.startEnum(t, line)
	case "Action", "Function", "Parameter", "ReturnType":
		err = p.startOperation(t, line)
	case "EntityContainer", "EntitySet", "Singleton", "ActionImport", "FunctionImport":
		err = p.startContainer(t, line)
	}
	if err != nil {
		return fmt.Errorf("read CSDL %s: line %d: %w", p.name, line, err)
	}

	p.depth++
	return nil
}

func (p *parser) end(t xml.EndElement) {
	p.depth--
	switch t.Name.Local {
	case "Schema":
		p.schema = nil
	case "EntityType", "ComplexType":
		p.structured = nil
	case "EnumType":
		p.enum = nil
	case "Action", "Function":
		p.operation = nil
	case "EntityContainer":
		p.container = nil
	}
}

func (p *parser) startSchema(t xml.StartElement, _ int) error {
	namespace, err := required(t, "Namespace")
	if err != nil {
		return err
	}
	p.schema = &Schema{Namespace: namespace, Alias: attr(t, "Alias")}
	p.model.Schemas = append(p.model.Schemas, p.schema)
	return nil
}

func (p *parser) startStructured(t xml.StartElement, line int) error {
	if p.schema == nil {
		return fmt.Errorf("<%s> is outside a <Schema>", t.Name.Local)
	}
	name, err := required(t, "Name")
	if err != nil {
		return err
	}
	abstract, err1 := boolAttr(t, "Abstract", false)
	open, err2 := boolAttr(t, "OpenType", false)
	stream, err3 := boolAttr(t, "HasStream", false)
	if err := errors.Join(err1, err2, err3); err != nil {
		return err
	}

	p.structured = &StructuredType{
		Namespace: p.schema.Namespace,
		Name:      name,
		Entity:    t.Name.Local == "EntityType",
		BaseType:  attr(t, "BaseType"),
		Abstract:  abstract,
		OpenType:  open,
		HasStream: stream,
		Line:      line,
	}
	if p.structured.Entity {
		p.schema.EntityTypes = append(p.schema.EntityTypes, p.structured)
	} else {
		p.schema.ComplexTypes = append(p.schema.ComplexTypes, p.structured)
	}
	return nil
}

// startMember reads the children of an entity or complex type. The same
// element names elsewhere (a Property inside an annotation record) are
// ignored.
func (p *parser) startMember(t xml.StartElement, _ int) error {
	if p.structured == nil {
		return nil
	}
	name, err := required(t, "Name")
	if err != nil {
		return err
	}

	switch t.Name.Local {
	case "PropertyRef":
		p.structured.Key = append(p.structured.Key, name)
		return nil
	case "Property":
		typ, err := required(t, "Type")
		if err != nil {
			return err
		}
		nullable, err := boolAttr(t, "Nullable", true)
		if err != nil {
			return err
		}
		p.structured.Properties = append(p.structured.Properties, Property{Name: name, Type: typ, Nullable: nullable})
	case "NavigationProperty":
		typ, err := required(t, "Type")
		if err != nil {
			return err
		}
		nullable, err1 := boolAttr(t, "Nullable", true)
		contains, err2 := boolAttr(t, "ContainsTarget", false)
		if err := errors.Join(err1, err2); err != nil {
			return err
		}
		p.structured.NavigationProperties = append(p.structured.NavigationProperties,
			NavigationProperty{Name: name, Type: typ, Nullable: nullable, ContainsTarget: contains})
	}
	return nil
}

func (p *parser) startEnum(t xml.StartElement, line int) error {
	if t.Name.Local == "Member" {
		if p.enum == nil {
			return nil
		}
		name, err := required(t, "Name")
		if err != nil {
			return err
		}
		p.enum.Members = append(p.enum.Members, EnumMember{Name: name, Value: attr(t, "Value")})
		return nil
	}

	if p.schema == nil {
		return fmt.Errorf("<EnumType> is outside a <Schema>")
	}
	name, err := required(t, "Name")
	if err != nil {
		return err
	}
	flags, err := boolAttr(t, "IsFlags", false)
	if err != nil {
		return err
	}
	underlying := attr(t, "UnderlyingType")
	if underlying == "" {
		underlying = "Edm.Int32"
	}
	p.enum = &EnumType{Namespace: p.schema.Namespace, Name: name, UnderlyingType: underlying, IsFlags: flags, Line: line}
	p.schema.EnumTypes = append(p.schema.EnumTypes, p.enum)
	return nil
}

func (p *parser) startOperation(t xml.StartElement, _ int) error {
	switch t.Name.Local {
	case "Parameter":
		if p.operation == nil {
			return nil
		}
		name, err1 := required(t, "Name")
		typ, err2 := required(t, "Type")
		nullable, err3 := boolAttr(t, "Nullable", true)
		if err := errors.Join(err1, err2, err3); err != nil {
			return err
		}
		p.operation.Parameters = append(p.operation.Parameters, Parameter{Name: name, Type: typ, Nullable: nullable})
		return nil
	case "ReturnType":
		if p.operation == nil {
			return nil
		}
		typ, err1 := required(t, "Type")
		nullable, err2 := boolAttr(t, "Nullable", true)
		if err := errors.Join(err1, err2); err != nil {
			return err
		}
		p.operation.ReturnType = &ReturnType{Type: typ, Nullable: nullable}
		return nil
	}

	if p.schema == nil {
		return fmt.Errorf("<%s> is outside a <Schema>", t.Name.Local)
	}
	name, err1 := required(t, "Name")
	bound, err2 := boolAttr(t, "IsBound", false)
	composable, err3 := boolAttr(t, "IsComposable", false)
	if err := errors.Join(err1, err2, err3); err != nil {
		return err
	}
	p.operation = &Operation{
		Namespace:     p.schema.Namespace,
		Name:          name,
		Function:      t.Name.Local == "Function",
		IsBound:       bound,
		IsComposable:  composable,
		EntitySetPath: attr(t, "EntitySetPath"),
	}
	if p.operation.Function {
		p.schema.Functions = append(p.schema.Functions, p.operation)
	} else {
		p.schema.Actions = append(p.schema.Actions, p.operation)
	}
	return nil
}

func (p *parser) startContainer(t xml.StartElement, _ int) error {
	if t.Name.Local == "EntityContainer" {
		if p.schema == nil {
			return fmt.Errorf("<EntityContainer> is outside a <Schema>")
		}
		name, err := required(t, "Name")
		if err != nil {
			return err
		}
		p.container = &EntityContainer{Name: name}
		p.schema.EntityContainer = p.container
		return nil
	}

	if p.container == nil {
		return nil
	}
	name, err := required(t, "Name")
	if err != nil {
		return err
	}
	switch t.Name.Local {
	case "EntitySet":
		typ, err := required(t, "EntityType")
		if err != nil {
			return err
		}
		p.container.EntitySets = append(p.container.EntitySets, EntitySet{Name: name, EntityType: typ})
	case "Singleton":
		typ, err := required(t, "Type")
		if err != nil {
			return err
		}
		p.container.Singletons = append(p.container.Singletons, Singleton{Name: name, Type: typ})
	case "ActionImport":
		p.container.ActionImports = append(p.container.ActionImports, ActionImport{Name: name, Action: attr(t, "Action")})
	case "FunctionImport":
		p.container.FunctionImports = append(p.container.FunctionImports,
			FunctionImport{Name: name, Function: attr(t, "Function"), EntitySet: attr(t, "EntitySet")})
	}
	return nil
}

// attr returns the value of the unprefixed attribute name, or "".
func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Space == "" && a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func required(t xml.StartElement, name string) (string, error) {
	value := attr(t, name)
	if value == "" {
		return "", fmt.Errorf("<%s> has no %s attribute", t.Name.Local, name)
	}
	return value, nil
}

// boolAttr reads a CSDL boolean facet, which is the literal true or false.
func boolAttr(t xml.StartElement, name string, missing bool) (bool, error) {
	switch attr(t, name) {
	case "":
		return missing, nil
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, fmt.Errorf("<%s %s=%q>: the value must be true or false", t.Name.Local, name, attr(t, name))
}
