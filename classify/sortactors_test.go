package classify

import (
	"cmp"
	"math/rand/v2"
	"net/netip"
	"slices"
	"testing"

	"github.com/threatmap/threatmap/threat"
)

// SortActors orders as comparing whole actors would, and moves every
// actor with its own fields.
func TestSortActorsOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, n := range []int{0, 1, 2, 3, 50, 2000} {
		actors := make([]Actor, n)
		for i := range actors {
			actors[i] = Actor{
				IP:       netip.AddrFrom4([4]byte{10, byte(i >> 16), byte(i >> 8), byte(i)}),
				Category: threat.Category(rng.IntN(int(threat.NumCategories))),
				Events:   rng.IntN(4),
				Score:    float64(rng.IntN(3)),
				Users:    []string{netip.AddrFrom4([4]byte{10, byte(i >> 16), byte(i >> 8), byte(i)}).String()},
			}
		}
		rng.Shuffle(n, func(i, j int) { actors[i], actors[j] = actors[j], actors[i] })
		want := slices.Clone(actors)
		slices.SortFunc(want, func(a, b Actor) int {
			return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(b.Category, a.Category), cmp.Compare(b.Events, a.Events), a.IP.Compare(b.IP))
		})
		SortActors(actors)
		for i := range want {
			if actors[i].IP != want[i].IP || actors[i].Users[0] != actors[i].IP.String() {
				t.Fatalf("n=%d: position %d holds %v (users %v), want %v", n, i, actors[i].IP, actors[i].Users, want[i].IP)
			}
		}
	}
}
