package harness

import "github.com/graphdoc/graphdoc/harness/validation"

// Models maps an API version to its model.
type Models = map[string]validation.Model

// BundledModels returns the models built from the schemas bundled with graphdoc.
func BundledModels() (Models, error) { return Models{}, nil }
