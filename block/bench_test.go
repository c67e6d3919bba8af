package block

import (
	"math/rand/v2"
	"testing"
)

func BenchmarkSelectAndPrefixes(b *testing.B) {
	entries := randomSeen(rand.New(rand.NewPCG(3, 4)), 100_000)
	b.ReportAllocs()
	for b.Loop() {
		sel := (&Policy{}).Select(entries)
		sel.Prefixes(DefaultAggregation)
	}
}
