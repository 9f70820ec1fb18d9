package schema

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/graphdoc/graphdoc/harness/csdl"
)

// The bundled schemas in schemas/ at the repository root come from the
// CSDL extracts stored beside them. schemas/schemas.go runs the same
// generation through "graphdoc schemas"; TestBundledSchemasAreUpToDate
// checks that both name the same types and that the files are current.
//go:generate go run ./internal/gen --csdl ../../schemas/beta/focus-types.2021-06-08.xml --out ../../schemas/beta microsoft.graph.itemActivity microsoft.graph.itemActivityStat microsoft.graph.itemAnalytics microsoft.graph.accessAction microsoft.graph.identitySet microsoft.graph.identity microsoft.graph.itemActionStat microsoft.graph.incompleteData microsoft.graph.entity
//go:generate go run ./internal/gen --csdl ../../schemas/v1.0/focus-types.2021-07-13.xml --out ../../schemas/v1.0 microsoft.graph.itemActivity microsoft.graph.itemActivityStat microsoft.graph.itemAnalytics microsoft.graph.accessAction microsoft.graph.identitySet microsoft.graph.identity microsoft.graph.itemActionStat microsoft.graph.incompleteData microsoft.graph.entity

// WriteFiles writes the schema of each named type to outDir, creating the
// directory if needed. Each file is named after the type's qualified name
// with ".json" appended and holds what Generate returns, so files can be
// loaded one by one. Existing files of the same name are replaced; other
// files are left alone.
func WriteFiles(model *csdl.Model, outDir string, typeNames []string) error {
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return fmt.Errorf("write schemas: %w", err)
	}

	for _, name := range typeNames {
		t, err := lookupType(model, name)
		if err != nil {
			return fmt.Errorf("write schemas: %w", err)
		}
		data, err := Generate(model, name)
		if err != nil {
			return fmt.Errorf("write schema %s: %w", name, err)
		}
		path := filepath.Join(outDir, t.QualifiedName()+".json")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return fmt.Errorf("write schema %s: %w", name, err)
		}
	}
	return nil
}
