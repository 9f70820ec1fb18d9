package finding

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCatalogueIDsAreKebabAndUnique(t *testing.T) {
	kebab := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	seen := map[string]bool{}
	for _, r := range catalogue {
		assert.Regexp(t, kebab, r.ID)
		assert.False(t, seen[r.ID], "duplicate rule id %s", r.ID)
		seen[r.ID] = true
		assert.NotEmpty(t, r.Summary, r.ID)
		assert.NotEmpty(t, r.Fix, r.ID)
	}
}

func TestUnknownRuleDefaultsToError(t *testing.T) {
	assert.Equal(t, Error, DefaultSeverity("no-such-rule"))
	assert.Equal(t, Warning, DefaultSeverity("todo-placeholder"))
}
