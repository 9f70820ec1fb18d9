package schema

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/graphdoc/graphdoc/harness/csdl"
)

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
