package gate

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseShard(t *testing.T) {
	tests := []struct {
		input   string
		k, n    int
		wantErr string
	}{
		{input: "1/1", k: 1, n: 1},
		{input: "2/4", k: 2, n: 4},
		{input: " 3 / 3 ", k: 3, n: 3},
		{input: "2", wantErr: "write K/N"},
		{input: "a/4", wantErr: "whole numbers"},
		{input: "1/x", wantErr: "whole numbers"},
		{input: "0/4", wantErr: "between 1 and 4"},
		{input: "5/4", wantErr: "between 1 and 4"},
		{input: "1/0", wantErr: "at least 1"},
		{input: "-1/-2", wantErr: "at least 1"},
	}
	for _, tc := range tests {
		t.Run(tc.input, func(t *testing.T) {
			k, n, err := ParseShard(tc.input)
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.wantErr)
				assert.Contains(t, err.Error(), fmt.Sprintf("%q", tc.input))
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.k, k)
			assert.Equal(t, tc.n, n)
		})
	}
}

func shardPages(count int) []string {
	var pages []string
	for i := range count {
		pages = append(pages, fmt.Sprintf("docs/v1.0/api/page-%03d.md", i))
	}
	return pages
}

func TestShardPartitionsPages(t *testing.T) {
	pages := shardPages(103)
	for _, n := range []int{1, 2, 3, 7, 103, 200} {
		var union []string
		for k := 1; k <= n; k++ {
			shard := Shard(pages, k, n)
			assert.LessOrEqual(t, len(shard), (len(pages)+n-1)/n, "shard %d/%d is too large", k, n)
			assert.GreaterOrEqual(t, len(shard), len(pages)/n, "shard %d/%d is too small", k, n)
			union = append(union, shard...)
		}
		slices.Sort(union)
		assert.Equal(t, pages, union, "shards of %d must hold every page exactly once", n)
	}
}

func TestShardIgnoresInputOrderAndPrefix(t *testing.T) {
	pages := shardPages(40)
	reversed := slices.Clone(pages)
	slices.Reverse(reversed)
	absolute := make([]string, len(pages))
	for i, page := range pages {
		absolute[i] = filepath.Join("/checkout/elsewhere", page)
	}

	for k := 1; k <= 3; k++ {
		want := Shard(pages, k, 3)
		got := Shard(reversed, k, 3)
		slices.Sort(got)
		assert.Equal(t, want, got, "shard %d/3 depends on input order", k)

		var stripped []string
		for _, page := range Shard(absolute, k, 3) {
			rel, err := filepath.Rel("/checkout/elsewhere", page)
			require.NoError(t, err)
			stripped = append(stripped, filepath.ToSlash(rel))
		}
		assert.Equal(t, want, stripped, "shard %d/3 depends on the checkout folder", k)
	}
}

func TestShardKeepsDuplicateOnce(t *testing.T) {
	pages := []string{"a.md", "b.md", "a.md", "c.md"}
	var union []string
	for k := 1; k <= 2; k++ {
		union = append(union, Shard(pages, k, 2)...)
	}
	slices.Sort(union)
	assert.Equal(t, []string{"a.md", "b.md", "c.md"}, union)
}

func TestShardPanicsOutOfRange(t *testing.T) {
	assert.Panics(t, func() { Shard([]string{"a.md"}, 0, 2) })
	assert.Panics(t, func() { Shard([]string{"a.md"}, 3, 2) })
	assert.Panics(t, func() { Shard([]string{"a.md"}, 1, 0) })
}
