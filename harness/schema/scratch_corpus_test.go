package schema

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/graphdoc/graphdoc/harness/csdl"
	"github.com/graphdoc/graphdoc/harness/extract"
)

func TestScratchCorpus(t *testing.T) {
	for _, version := range []string{"beta", "v1.0"} {
		csdlPath := map[string]string{"beta": "beta/cleanMetadata.2021-06-08.xml", "v1.0": "v1.0/cleanMetadata.2021-07-13.xml"}[version]
		start := time.Now()
		m, err := csdl.ParseFile("/work/shared/corpus/csdl/" + csdlPath)
		if err != nil {
			t.Fatal(err)
		}
		v := NewValidator(m, Options{Complete: true})
		if err := v.Compile(); err != nil {
			t.Fatal(err)
		}
		fmt.Println(version, "load+compile", time.Since(start))
		files, _ := filepath.Glob("/work/shared/corpus/graph-docs/api-reference/" + version + "/api/*.md")
		counts := map[string]int{}
		samples := map[string][]string{}
		res := map[Resolution]int{}
		bodies := 0
		var vtime time.Duration
		for _, f := range files {
			src, _ := os.ReadFile(f)
			page := extract.File(f, src)
			for _, ex := range page.Examples {
				if ex.Request != nil && ex.Response != nil && ex.Response.Annotation != nil && ex.Response.Annotation.ODataType != "" && !ex.Response.Annotation.IsCollection &&
					ex.Request.Request != nil && (ex.Request.Request.Method == "POST" || ex.Request.Request.Method == "PATCH") && ex.Request.JSONValid && len(ex.Request.JSON) > 0 {
					vs := v.Validate(Body{Type: ex.Response.Annotation.ODataType, JSON: ex.Request.JSON, Request: true, Partial: ex.Request.Request.Method == "PATCH"})
					counts["(requests)"]++
					for _, x := range vs {
						counts["REQ "+x.Rule]++
						if len(samples["REQ "+x.Rule]) < 8 {
							samples["REQ "+x.Rule] = append(samples["REQ "+x.Rule], fmt.Sprintf("%s:%d %s %s", filepath.Base(f), ex.Request.Line, x.Pointer, x.Message))
						}
					}
				}
				for _, blk := range []*extract.Block{ex.Response} {
					if blk == nil || blk.Annotation == nil || blk.Annotation.ODataType == "" || !blk.JSONValid || len(blk.JSON) == 0 {
						continue
					}
					_, r := v.Resolve(blk.Annotation.ODataType)
					res[r]++
					bodies++
					if !blk.Annotation.Truncated {
						counts["(non-truncated)"]++
					}
					s := time.Now()
					vs := v.Validate(Body{Type: blk.Annotation.ODataType, Collection: blk.Annotation.IsCollection, JSON: blk.JSON, Truncated: blk.Annotation.Truncated})
					vtime += time.Since(s)
					for _, x := range vs {
						counts[x.Rule]++
						if len(samples[x.Rule]) < 6 {
							samples[x.Rule] = append(samples[x.Rule], fmt.Sprintf("%s:%d %s %s", filepath.Base(f), blk.Line, x.Pointer, x.Message))
						}
					}
				}
			}
		}
		fmt.Println(version, "bodies", bodies, "validate time", vtime, "resolutions", res)
		var rules []string
		for r := range counts {
			rules = append(rules, r)
		}
		sort.Strings(rules)
		for _, r := range rules {
			fmt.Println(" ", r, counts[r])
			for _, s := range samples[r] {
				fmt.Println("     ", strings.ReplaceAll(s, "\n", " "))
			}
		}
	}
}
