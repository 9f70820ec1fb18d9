package validation

import (
	"slices"

	"github.com/graphdoc/graphdoc/harness/extract"
)

// Model validates JSON bodies against the types of one API version.
type Model interface{}

func (v *pageValidator) requestBody(example *extract.Example)  {}
func (v *pageValidator) responseBody(example *extract.Example) {}
func (v *pageValidator) standalone(block *extract.Block)       {}

func sortedKeys(members map[string]any) []string {
	keys := make([]string, 0, len(members))
	for key := range members {
		keys = append(keys, key)
	}
	slices.Sort(keys)
	return keys
}
