package harness

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/graphdoc/graphdoc/harness/finding"
)

func TestResourcePageAgainstCSDL(t *testing.T) {
	model, err := LoadCSDL("../schemas/beta/focus-types.2021-06-08.xml")
	require.NoError(t, err)

	result, _, err := Check(context.Background(), Config{
		Paths:                 []string{"../docs/beta/resources/itemactivity.md"},
		Models:                Models{"beta": model},
		ResourcesAgainstModel: true,
	})
	require.NoError(t, err)

	var messages []string
	for _, f := range result.Findings {
		if f.Rule == "resource-table-mismatch" {
			messages = append(messages, f.Severity.String()+": "+f.Message)
		}
	}
	assert.Contains(t, messages, "warning: the beta resource documents action, listItem, location, times, which the model's microsoft.graph.itemActivity lacks (the type is open, so the service may still return them)")
	assert.Contains(t, messages, "warning: the beta resource leaves out activityDateTime, which the model's microsoft.graph.itemActivity declares")
}

func TestResourcePageWithoutCSDLComparison(t *testing.T) {
	models, err := BundledModels()
	require.NoError(t, err)

	result, _, err := Check(context.Background(), Config{Paths: []string{"../docs/beta/resources/itemactivity.md"}, Models: models})
	require.NoError(t, err)

	for _, f := range result.Findings {
		assert.NotContains(t, f.Message, "the model's", "bundled schemas are not compared with resource pages: %s", f)
	}
	assert.Empty(t, finding.Count(result.Findings)[finding.Error])
}
