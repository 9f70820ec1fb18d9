// Command gen writes the JSON Schema files of the named types of a CSDL
// document, one file per type, as schema.WriteFiles does.
//
// Usage:
//
//	gen --csdl FILE --out DIR TYPE...
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/graphdoc/graphdoc/harness/csdl"
	"github.com/graphdoc/graphdoc/harness/schema"
)

func main() {
	csdlPath := flag.String("csdl", "", "CSDL (EDMX XML) file to read the types from")
	outDir := flag.String("out", "", "directory to write the schema files to; created if missing")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: gen --csdl FILE --out DIR TYPE...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *csdlPath == "" || *outDir == "" || flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}

	model, err := csdl.ParseFile(*csdlPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if err := schema.WriteFiles(model, *outDir, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
