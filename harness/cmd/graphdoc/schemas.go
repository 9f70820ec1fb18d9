package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/graphdoc/graphdoc/harness"
	"github.com/graphdoc/graphdoc/harness/csdl"
	"github.com/graphdoc/graphdoc/harness/schema"
)

func runSchemas(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("schemas", flag.ContinueOnError)
	csdlPath := fs.String("csdl", "", "CSDL (EDMX XML) file to read the types from")
	outDir := fs.String("out", "", "folder to write one JSON Schema file per type to; created if missing")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: graphdoc schemas --csdl FILE --out DIR TYPE...\n\nGenerate a JSON Schema (draft-07) for each qualified TYPE, such as microsoft.graph.itemActivity.\n\nflags:")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	if *csdlPath == "" || *outDir == "" {
		return usageError{"--csdl and --out are required: graphdoc schemas --csdl FILE --out DIR TYPE..."}
	}
	if fs.NArg() == 0 {
		return usageError{"no TYPE given: name the qualified types to generate, for example microsoft.graph.itemActivity"}
	}

	model, err := csdl.ParseFile(*csdlPath)
	if err != nil {
		return err
	}
	for _, name := range fs.Args() {
		if _, ok := model.StructuredType(name); !ok {
			if _, ok := model.EnumType(name); !ok {
				return usageError{fmt.Sprintf("type %q is not in %s: name qualified entity, complex or enum types such as microsoft.graph.itemActivity", name, *csdlPath)}
			}
		}
	}
	if err := schema.WriteFiles(model, *outDir, fs.Args()); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote schemas for %d types to %s\n", fs.NArg(), *outDir)
	return nil
}

// load returns the models the flags choose: the CSDL files given, each
// for its version, or else the bundled schemas.
func (m *modelFlags) load() (harness.Models, error) {
	if len(m.csdl) == 0 {
		if m.schemas != "" {
			return harness.LoadSchemas(m.schemas)
		}
		return harness.BundledModels()
	}

	models := harness.Models{}
	for _, value := range m.csdl {
		version, path, found := strings.Cut(value, "=")
		if !found {
			version, path = "", value
		}
		if version != "" && version != "beta" && version != "v1.0" {
			return nil, usageError{fmt.Sprintf("invalid --csdl %q: the version before = must be beta or v1.0", value)}
		}
		if _, taken := models[version]; taken && version != "" {
			return nil, usageError{fmt.Sprintf("two --csdl flags name version %s: give one file per version", version)}
		}
		validator, err := harness.LoadCSDL(path)
		if err != nil {
			return nil, err
		}
		if version == "" {
			for _, v := range harness.Versions {
				if _, taken := models[v]; !taken {
					models[v] = validator
				}
			}
			continue
		}
		models[version] = validator
	}
	return models, nil
}
