package harness

import (
	"fmt"
	"path/filepath"

	"github.com/graphdoc/graphdoc/schemas"

	"github.com/graphdoc/graphdoc/harness/csdl"
	"github.com/graphdoc/graphdoc/harness/route"
	"github.com/graphdoc/graphdoc/harness/schema"
	"github.com/graphdoc/graphdoc/harness/validation"
)

// Models maps an API version ("beta", "v1.0") to its model.
type Models = map[string]validation.Model

// Versions lists the API versions graphdoc supports.
var Versions = []string{"beta", "v1.0"}

// LoadSchemas returns the models in dir, which holds one folder of
// generated schemas per version.
func LoadSchemas(dir string) (Models, error) {
	models := Models{}
	for _, version := range Versions {
		validator, err := schema.LoadValidator(filepath.Join(dir, version), schema.Options{})
		if err != nil {
			return nil, fmt.Errorf("load schemas from %s: %w", dir, err)
		}
		models[version] = validator
	}
	return models, nil
}

// BundledModels returns the models built from the schemas embedded in
// graphdoc.
func BundledModels() (Models, error) {
	models := Models{}
	for _, version := range Versions {
		validator, err := schema.LoadValidatorFS(schemas.FS, version, schema.Options{})
		if err != nil {
			return nil, fmt.Errorf("load bundled schemas: %w", err)
		}
		models[version] = validator
	}
	return models, nil
}

// csdlModel is a model loaded from CSDL, which can also list properties
// and derive the type of a request body from the request's URL.
type csdlModel struct {
	*schema.Validator
	model  *csdl.Model
	routes *route.Resolver
}

// RequestType returns the body that a request with method to target must
// carry, as the request's URL resolves in the model.
func (m csdlModel) RequestType(method, target string) (validation.RequestShape, bool) {
	body, ok := m.routes.RequestBody(method, target)
	if !ok {
		return validation.RequestShape{}, false
	}

	shape := validation.RequestShape{Type: body.Type, Partial: body.Partial}
	if body.Action != nil {
		shape.Action = body.Action.QualifiedName()
		for _, p := range body.Parameters() {
			shape.Parameters = append(shape.Parameters, schema.Parameter{Name: p.Name, Type: p.Type, Nullable: p.Nullable})
		}
	}
	return shape, true
}

// PropertyNames lists the properties of typeName.
func (m csdlModel) PropertyNames(typeName string) (validation.TypeProperties, bool) {
	t, found := m.model.StructuredType(typeName)
	if !found {
		return validation.TypeProperties{}, false
	}
	var names validation.TypeProperties
	for _, p := range m.model.Properties(t) {
		names.Structural = append(names.Structural, p.Name)
	}
	for _, p := range m.model.NavigationProperties(t) {
		names.Navigation = append(names.Navigation, p.Name)
	}
	for _, p := range t.Properties {
		names.Declared = append(names.Declared, p.Name)
	}
	names.Open = m.model.IsOpen(t)
	return names, true
}

// LoadCSDL returns a complete model of the CSDL document at path.
func LoadCSDL(path string) (validation.Model, error) {
	model, err := csdl.ParseFile(path)
	if err != nil {
		return nil, err
	}
	return csdlModel{
		Validator: schema.NewValidator(model, schema.Options{Complete: true}),
		model:     model,
		routes:    route.New(model),
	}, nil
}
