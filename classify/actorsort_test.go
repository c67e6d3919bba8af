package classify

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"net/netip"
	"slices"
	"testing"
)

// randomActors: few distinct scores, risks and event counts, so that ties
// go down to the address (IPv4, IPv6 with and without zones, IPv4 written
// as IPv6), and some addresses more than once.
func randomActors(n int, stream uint64) []Actor {
	rng := rand.New(rand.NewPCG(stream, 1))
	out := make([]Actor, n)
	for i := range out {
		a := &out[i]
		a.IP = netip.AddrFrom4([4]byte{10, 0, byte(rng.IntN(4)), byte(rng.IntN(256))})
		if rng.IntN(4) == 0 { // IPv6, differing in the middle and at the end
			var b [16]byte
			b[0], b[1], b[7], b[15] = 0x20, 0x01, byte(rng.IntN(3)), byte(rng.IntN(3))
			a.IP = netip.AddrFrom16(b)
			if z := rng.IntN(3); z > 0 { // a zone, or none
				a.IP = a.IP.WithZone(string(rune('a' + z)))
			}
		}
		if rng.IntN(40) == 0 { // an IPv4 address written as IPv6
			a.IP = netip.AddrFrom16(a.IP.As16())
		}
		a.Score = float64(rng.IntN(5)) * 12.5
		switch rng.IntN(20) {
		case 0:
			a.Score = math.Copysign(0, -1)
		case 1:
			a.Score = math.NaN()
		}
		a.Category = Category(rng.IntN(int(NumCategories)))
		a.Events = 1 + rng.IntN(3)
		a.Counts[a.Category] = i // tells apart actors of equal keys
		a.Users = []string{fmt.Sprint(i)}
	}
	return out
}

// SortActors orders as a stable sort of the actors themselves by its keys
// does: actors of equal keys keep their order. Above minParallelActors the
// keys are sorted in parallel; the order is the same.
func TestSortActors(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 100, 5000, 40_000} {
		got := randomActors(n, uint64(n))
		want := slices.Clone(got)
		slices.SortStableFunc(want, func(a, b Actor) int {
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
		// Each actor is told apart by its one user name (reflect.DeepEqual
		// would not do: a NaN score equals nothing).
		for i := range want {
			if got[i].Users[0] != want[i].Users[0] {
				t.Fatalf("%d actors: position %d holds actor %s, want %s", n, i, got[i].Users[0], want[i].Users[0])
			}
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
