package classify

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"net/netip"
	"reflect"
	"slices"
	"testing"
)

// randomActors: few distinct scores, risks and event counts, so that ties
// go down to the address, and some addresses more than once.
func randomActors(n int, stream uint64) []Actor {
	rng := rand.New(rand.NewPCG(stream, 1))
	out := make([]Actor, n)
	for i := range out {
		a := &out[i]
		a.IP = netip.AddrFrom4([4]byte{10, 0, byte(rng.IntN(4)), byte(rng.IntN(256))})
		a.Score = float64(rng.IntN(5)) * 12.5
		a.Category = Category(rng.IntN(int(NumCategories)))
		a.Events = 1 + rng.IntN(3)
		a.Counts[a.Category] = i // tells apart actors of equal keys
		a.Users = []string{fmt.Sprint(i)}
	}
	return out
}

// SortActors orders as sorting the actors themselves by its keys does,
// ties between equal keys included.
func TestSortActors(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 100, 5000} {
		got := randomActors(n, uint64(n))
		want := slices.Clone(got)
		slices.SortFunc(want, func(a, b Actor) int {
			if c := cmp.Compare(b.Score, a.Score); c != 0 {
				return c
			}
			if c := cmp.Compare(b.Category, a.Category); c != 0 {
				return c
			}
			if c := cmp.Compare(b.Events, a.Events); c != 0 {
				return c
			}
			return a.IP.Compare(b.IP)
		})
		SortActors(got)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%d actors: order differs", n)
		}
	}
}

func BenchmarkSortActors(b *testing.B) {
	base := randomActors(200_000, 1)
	actors := make([]Actor, len(base))
	b.ReportAllocs()
	for b.Loop() {
		copy(actors, base)
		SortActors(actors)
	}
}
