package schema

import (
	"testing"

	"github.com/graphdoc/graphdoc/harness/csdl"
)

func BenchmarkScratchCompile(b *testing.B) {
	m, err := csdl.ParseFile("/work/shared/corpus/csdl/beta/cleanMetadata.2021-06-08.xml")
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < b.N; i++ {
		full := NewValidator(m, Options{Complete: true})
		if err := full.Compile(); err != nil {
			b.Fatal(err)
		}
	}
}
