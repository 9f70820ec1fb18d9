package validation

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestLocatePointer(t *testing.T) {
	body := []byte("{\n  \"a\": {\"b\": [1, {\"c~/d\": true}]},\n  \"e\": 2\n}")
	tests := []struct {
		pointer string
		want    string
	}{
		{"", "{\n"},
		{"/a", "\"a\""},
		{"/a/b", "\"b\""},
		{"/a/b/1", "{\"c~/d\""},
		{"/a/b/1/c~0~1d", "\"c~/d\""},
		{"/e", "\"e\""},
		{"/a/missing", "{\"b\""},
	}
	for _, tc := range tests {
		t.Run(tc.pointer, func(t *testing.T) {
			offset := locate(body, tc.pointer)
			assert.Equal(t, tc.want, string(body[offset:offset+len(tc.want)]))
		})
	}
}
