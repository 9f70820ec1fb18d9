package route_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/graphdoc/graphdoc/harness/csdl"
	"github.com/graphdoc/graphdoc/harness/extract"
	"github.com/graphdoc/graphdoc/harness/route"
	"github.com/graphdoc/graphdoc/harness/validation"
)

func TestExplore(t *testing.T) {
	if os.Getenv("EXPLORE") == "" {
		t.Skip()
	}
	resolvers := map[string]*route.Resolver{}
	for v, p := range map[string]string{"beta": "../../../shared/corpus/csdl/beta/cleanMetadata.2021-06-08.xml", "v1.0": "../../../shared/corpus/csdl/v1.0/cleanMetadata.2021-07-13.xml"} {
		m, err := csdl.ParseFile(p)
		if err != nil {
			t.Fatal(err)
		}
		resolvers[v] = route.New(m)
	}
	out, _ := os.Create("/tmp/rtexp/out.tsv")
	defer out.Close()
	filepath.Walk("../../../shared/corpus/graph-docs", func(path string, info os.FileInfo, err error) error {
		if !strings.HasSuffix(path, ".md") {
			return nil
		}
		src, _ := os.ReadFile(path)
		page := extract.File(path, src)
		r := resolvers[validation.Version(page)]
		if r == nil {
			return nil
		}
		for _, ex := range page.Examples {
			b := ex.Request
			if b.Request == nil || b.JSON == nil || !b.JSONValid {
				continue
			}
			var obj map[string]any
			typed := ""
			if json.Unmarshal(b.JSON, &obj) == nil {
				typed, _ = obj["@odata.type"].(string)
			}
			if typed == "" && b.Annotation != nil {
				typed = b.Annotation.ODataType
			}
			tg := r.Resolve(b.Request.Target)
			body, ok := r.RequestBody(b.Request.Method, b.Request.Target)
			desc := tg.Kind.String() + " " + tg.Type
			if tg.Operation != nil {
				desc += " " + tg.Operation.QualifiedName()
			}
			fmt.Fprintf(out, "%s\t%v\t%s\t%s\t%s\t%s:%d\n", typed, ok, b.Request.Method, desc, b.Request.Target, path, b.Line)
			_ = body
		}
		return nil
	})
}
