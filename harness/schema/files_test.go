package schema

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/graphdoc/graphdoc/harness/csdl"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// schemasDir is the repository's schemas folder, where go generate runs
// the commands of schemas.go.
const schemasDir = "../../schemas"

// generateCommand is one //go:generate line of schemas/schemas.go.
type generateCommand struct {
	csdl, out string
	types     []string
}

// generateCommands reads the //go:generate lines of schemas/schemas.go,
// so the test regenerates exactly what go generate does.
func generateCommands(t *testing.T) []generateCommand {
	t.Helper()
	f, err := os.Open(filepath.Join(schemasDir, "schemas.go"))
	require.NoError(t, err)
	defer f.Close()

	var commands []generateCommand
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		args, ok := strings.CutPrefix(scanner.Text(), "//go:generate go run ../harness/cmd/graphdoc schemas ")
		if !ok {
			continue
		}
		var c generateCommand
		fields := strings.Fields(args)
		for i := 0; i < len(fields); i++ {
			switch fields[i] {
			case "--csdl":
				i++
				c.csdl = filepath.Join(schemasDir, fields[i])
			case "--out":
				i++
				c.out = filepath.Join(schemasDir, fields[i])
			default:
				c.types = append(c.types, fields[i])
			}
		}
		commands = append(commands, c)
	}
	require.NoError(t, scanner.Err())
	require.Len(t, commands, 2, "one command for beta and one for v1.0")
	return commands
}

func TestBundledSchemasAreUpToDate(t *testing.T) {
	commands := generateCommands(t)

	for _, c := range commands {
		t.Run(filepath.Base(c.out), func(t *testing.T) {
			model, err := csdl.ParseFile(c.csdl)
			require.NoError(t, err)
			tmp := t.TempDir()
			require.NoError(t, WriteFiles(model, tmp, c.types))

			generated, err := filepath.Glob(filepath.Join(tmp, "*.json"))
			require.NoError(t, err)
			committed, err := filepath.Glob(filepath.Join(c.out, "*.json"))
			require.NoError(t, err)
			require.Len(t, committed, len(c.types), "one committed file per type, and no stale ones")
			require.Len(t, generated, len(c.types))

			for _, path := range generated {
				want, err := os.ReadFile(path)
				require.NoError(t, err)
				got, err := os.ReadFile(filepath.Join(c.out, filepath.Base(path)))
				if assert.NoError(t, err, "committed file for %s", filepath.Base(path)) {
					assert.True(t, string(want) == string(got), "%s differs from a fresh generation; run go generate ./schemas", filepath.Base(path))
				}
			}
		})
	}
}

func TestBundledSchemasCSDLCopiesAreUnchanged(t *testing.T) {
	for _, name := range []string{"beta/focus-types.2021-06-08.xml", "v1.0/focus-types.2021-07-13.xml"} {
		original, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "corpus", "csdl", name))
		if err != nil {
			t.Skip("the CSDL corpus is not available")
		}
		copied, err := os.ReadFile(filepath.Join("../../schemas", name))
		require.NoError(t, err)
		assert.True(t, string(original) == string(copied), "%s differs from its source", name)
	}
}

// pageLines returns lines first to last (1-based, inclusive) of a
// file, which the test uses to cut a JSON body out of a page.
func pageLines(t testing.TB, path string, first, last int) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("page %s is not available", path)
	}
	lines := strings.Split(string(data), "\n")
	require.GreaterOrEqual(t, len(lines), last)
	return []byte(strings.Join(lines[first-1:last], "\n"))
}

func TestBundledSchemasValidateItemActivity(t *testing.T) {
	body := pageLines(t, "../../docs/beta/api/itemactivitystat-post-activities.md", 70, 90)
	require.True(t, strings.HasPrefix(string(body), "{") && strings.HasSuffix(string(body), "}"), "lines 70-90 hold the request body")

	for _, version := range []string{"beta", "v1.0"} {
		t.Run(version, func(t *testing.T) {
			v, err := LoadValidator(filepath.Join("../../schemas", version), Options{})
			require.NoError(t, err)

			assert.Empty(t, v.Validate(Body{Type: "microsoft.graph.itemActivity", JSON: body, Request: true}))
			assert.Empty(t, v.Validate(Body{Type: "#microsoft.graph.itemActivity", JSON: body, Truncated: true}))

			canonical, status := v.Resolve("microsoft.graph.itemactivity")
			assert.Equal(t, "microsoft.graph.itemActivity", canonical)
			assert.Equal(t, FoundIgnoringCase, status)

			broken := strings.Replace(string(body), `"displayName"`, `"DisplayName"`, 1)
			broken = strings.Replace(broken, `"2017-01-01T00:03:07.3452024+03:00"`, `"2017-01-01T00:03:07"`, 1)
			assert.Equal(t, []string{"datetime-invalid /activityDateTime", "property-case-mismatch /actor/application/DisplayName"},
				summary(v.Validate(Body{Type: "microsoft.graph.itemActivity", JSON: []byte(broken), Request: true})))
		})
	}
}

func TestLoadValidatorFS(t *testing.T) {
	v, err := LoadValidatorFS(os.DirFS("../.."), "schemas/beta", Options{})
	require.NoError(t, err)
	canonical, status := v.Resolve("#microsoft.graph.identitySet")
	assert.Equal(t, "microsoft.graph.identitySet", canonical)
	assert.Equal(t, Found, status)

	_, err = LoadValidatorFS(os.DirFS("../.."), "schemas", Options{})
	require.Error(t, err, "the schemas folder itself holds no *.json files")
}
