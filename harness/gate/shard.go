package gate

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// ParseShard parses a --shard value "K/N": the K-th (1-based) of N
// shards.
func ParseShard(text string) (k, n int, err error) {
	kText, nText, found := strings.Cut(text, "/")
	if !found {
		return 0, 0, fmt.Errorf("invalid shard %q: write K/N, for example 2/4 for the second of four shards", text)
	}
	k, kErr := strconv.Atoi(strings.TrimSpace(kText))
	n, nErr := strconv.Atoi(strings.TrimSpace(nText))
	if kErr != nil || nErr != nil {
		return 0, 0, fmt.Errorf("invalid shard %q: K and N must be whole numbers, for example 2/4", text)
	}
	if n < 1 {
		return 0, 0, fmt.Errorf("invalid shard %q: the number of shards N must be at least 1", text)
	}
	if k < 1 || k > n {
		return 0, 0, fmt.Errorf("invalid shard %q: the shard number K must be between 1 and %d", text, n)
	}
	return k, n, nil
}

// Shard returns the k-th (1-based) of n disjoint slices of pages, in the
// order of pages. Every page lands in exactly one shard, and a page given
// twice is checked once, in the shard of its first copy.
//
// Pages are sorted by their slash-separated path and dealt out in turn, so
// shard sizes differ by at most one and a large folder is spread over all
// shards. The split is the same on every machine that is given the same
// page list, all relative or all absolute. A common prefix such as the
// checkout folder does not change the sorted order. A hash of each path
// would keep a page in its shard when others are added, but it needs the
// repository root to be stable and balances shards only on average. CI
// runs every shard on the same commit, so stability across commits buys
// nothing.
//
// Shard panics unless 1 <= k <= n. ParseShard checks user input.
func Shard(pages []string, k, n int) []string {
	if n < 1 || k < 1 || k > n {
		panic(fmt.Sprintf("gate.Shard: shard %d/%d is out of range", k, n))
	}

	keys := make([]string, 0, len(pages))
	for _, page := range pages {
		keys = append(keys, filepath.ToSlash(page))
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)

	mine := make(map[string]bool, len(keys)/n+1)
	for i := k - 1; i < len(keys); i += n {
		mine[keys[i]] = true
	}

	var selected []string
	for _, page := range pages {
		key := filepath.ToSlash(page)
		if mine[key] {
			selected = append(selected, page)
			delete(mine, key)
		}
	}
	return selected
}
