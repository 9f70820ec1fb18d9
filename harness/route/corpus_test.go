package route_test

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphdoc/graphdoc/harness"
	"github.com/graphdoc/graphdoc/harness/extract"
	"github.com/graphdoc/graphdoc/harness/validation"
)

// The Graph reference pages and the CSDL models of the shared corpus.
const (
	corpusDocs = "../../../shared/corpus/graph-docs"
	corpusBeta = "../../../shared/corpus/csdl/beta/cleanMetadata.2021-06-08.xml"
	corpusV1   = "../../../shared/corpus/csdl/v1.0/cleanMetadata.2021-07-13.xml"
)

// TestCorpusRequestBodies counts the JSON request bodies of the corpus
// pages by how they get a type: their own @odata.type or annotation, the
// type their URL implies, or none. A change of the implied counts means
// that route resolves the corpus URLs differently.
func TestCorpusRequestBodies(t *testing.T) {
	if _, err := os.Stat(corpusDocs); err != nil {
		t.Skip("the Graph docs corpus is not available")
	}
	typers := map[string]validation.RequestTyper{}
	for version, path := range map[string]string{"beta": corpusBeta, "v1.0": corpusV1} {
		model, err := harness.LoadCSDL(path)
		require.NoError(t, err)
		typer, ok := model.(validation.RequestTyper)
		require.True(t, ok, "a CSDL model derives request types")
		typers[version] = typer
	}

	counts := map[string]int{}
	err := filepath.WalkDir(corpusDocs, func(path string, entry fs.DirEntry, err error) error {
		if err != nil || entry.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		page := extract.File(path, src)
		typer := typers[validation.Version(page)]
		for _, example := range page.Examples {
			block := example.Request
			if block.Request == nil || block.JSON == nil || !block.JSONValid || typer == nil {
				continue
			}
			counts[requestBodyKind(typer, block)]++
		}
		return nil
	})
	require.NoError(t, err)

	t.Logf("JSON request bodies by how they get a type: %v", counts)
	assert.Equal(t, 10, counts["own type"])
	assert.Equal(t, 60, counts["implied entity"], "POST to a collection, PATCH or PUT to an entity")
	assert.Equal(t, 39, counts["implied action"], "POST to an action")
	assert.Equal(t, 6, counts["untyped"])
}

func requestBodyKind(typer validation.RequestTyper, block *extract.Block) string {
	var object struct {
		Type string `json:"@odata.type"`
	}
	_ = json.Unmarshal(block.JSON, &object)
	if object.Type != "" || (block.Annotation != nil && block.Annotation.ODataType != "") {
		return "own type"
	}

	shape, ok := typer.RequestType(block.Request.Method, block.Request.Target)
	switch {
	case !ok:
		return "untyped"
	case shape.Action != "":
		return "implied action"
	}
	return "implied entity"
}
