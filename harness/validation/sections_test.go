package validation

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNextLinkPromise(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"Results are paged: the example response below carries an `@odata.nextLink` URL.", true},
		{"This response includes the first page, and the **\\@odata.nextLink** property says there are more.", true},
		{"If there are more results, the response includes an @odata.nextLink.", false},
		{"The example below lists messages. Paging uses @odata.nextLink.", false},
		{"Send a GET request to the @odata.nextLink URL to read the next page.", false},
	}
	for _, tc := range tests {
		t.Run(tc.line, func(t *testing.T) {
			assert.Equal(t, tc.want, nextLinkPromise(tc.line) != "")
		})
	}
}

func TestSentences(t *testing.T) {
	assert.Equal(t, []string{"One @odata.nextLink here.", "Two?", "Three"}, sentences("One @odata.nextLink here. Two? Three"))
}

func TestExpandedProperties(t *testing.T) {
	tests := []struct {
		target string
		want   map[string]bool
	}{
		{"/items/1", map[string]bool{}},
		{"/items/1?$expand=children,Thumbnails($select=id)", map[string]bool{"children": true, "thumbnails": true}},
		{"/items/1?%24expand=owner/microsoft.graph.user&$top=2", map[string]bool{"owner": true}},
		{"/items/1?expand=*", map[string]bool{"*": true}},
		{"/items/1?$select=allTime", map[string]bool{}},
	}
	for _, tc := range tests {
		t.Run(tc.target, func(t *testing.T) {
			assert.Equal(t, tc.want, expandedProperties(tc.target))
		})
	}
}
