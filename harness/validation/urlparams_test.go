package validation

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestLacksOffset(t *testing.T) {
	tests := []struct {
		value string
		want  bool
	}{
		{"2024-07-01T09:00:00", true},
		{"2024-07-01T09:00", true},
		{"2024-07-01T09:00:00.123", true},
		{"2024-07-01T09:00:00Z", false},
		{"2024-07-01t09:00:00z", false},
		{"2024-07-01T09:00:00+05:30", false},
		{"2024-07-01T09:00:00-0800", false},
		{"2024-07-01", false},
		{"{start}", false},
		{"<timestamp>", false},
	}
	for _, tc := range tests {
		t.Run(tc.value, func(t *testing.T) {
			assert.Equal(t, tc.want, lacksOffset(tc.value))
		})
	}
}
