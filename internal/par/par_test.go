package par

import (
	"cmp"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync/atomic"
	"testing"
)

// withProcs runs f with GOMAXPROCS set to n.
func withProcs(t *testing.T, n int, f func()) {
	t.Helper()
	old := runtime.GOMAXPROCS(n)
	defer runtime.GOMAXPROCS(old)
	f()
}

func TestRangeCoversEachIndexOnce(t *testing.T) {
	for _, procs := range []int{1, 2, 3, 8} {
		for _, n := range []int{0, 1, 7, 100, 1000, 1001} {
			for _, minPart := range []int{0, 1, 10, 5000} {
				seen := make([]int32, n)
				var calls atomic.Int32
				withProcs(t, procs, func() {
					Range(n, minPart, func(lo, hi int) {
						calls.Add(1)
						if lo >= hi {
							t.Errorf("procs %d n %d: empty part [%d,%d)", procs, n, lo, hi)
						}
						for i := lo; i < hi; i++ {
							atomic.AddInt32(&seen[i], 1)
						}
					})
				})
				for i, c := range seen {
					if c != 1 {
						t.Fatalf("procs %d n %d minPart %d: index %d visited %d times", procs, n, minPart, i, c)
					}
				}
				if n > 0 && int(calls.Load()) > procs {
					t.Errorf("procs %d n %d: %d parts", procs, n, calls.Load())
				}
				if n > 0 && n < minPart && calls.Load() != 1 {
					t.Errorf("n %d below minPart %d: %d parts, want 1", n, minPart, calls.Load())
				}
			}
		}
	}
}

type keyed struct {
	key, id int
}

func byKeyThenID(a, b keyed) int {
	if c := cmp.Compare(a.key, b.key); c != 0 {
		return c
	}
	return cmp.Compare(a.id, b.id)
}

func TestSortFuncMatchesSequentialSort(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, procs := range []int{1, 2, 3, 4, 5} {
		for _, n := range []int{0, 1, 2, minSortPart - 1, 2 * minSortPart, 3*minSortPart + 17, 5*minSortPart + 3} {
			for _, keys := range []int{3, 1 << 30} { // many ties on key, or few
				s := make([]keyed, n)
				for i := range s {
					s[i] = keyed{key: r.IntN(keys), id: i}
				}
				r.Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
				want := slices.Clone(s)
				slices.SortFunc(want, byKeyThenID)
				withProcs(t, procs, func() { SortFunc(s, byKeyThenID) })
				if !slices.Equal(s, want) {
					t.Fatalf("procs %d n %d keys %d: order differs from slices.SortFunc", procs, n, keys)
				}
			}
		}
	}
}

func TestSortFuncSortedAndReversed(t *testing.T) {
	n := 4*minSortPart + 1
	up := make([]keyed, n)
	for i := range up {
		up[i] = keyed{key: i, id: i}
	}
	down := slices.Clone(up)
	slices.Reverse(down)
	withProcs(t, 3, func() {
		SortFunc(up, byKeyThenID)
		SortFunc(down, byKeyThenID)
	})
	if !slices.IsSortedFunc(up, byKeyThenID) || !slices.Equal(up, down) {
		t.Fatal("sorted or reversed input not sorted")
	}
}

func BenchmarkSortFunc(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	src := make([]keyed, 800_000)
	for i := range src {
		src[i] = keyed{key: r.Int(), id: i}
	}
	s := make([]keyed, len(src))
	b.Run("par", func(b *testing.B) {
		for b.Loop() {
			copy(s, src)
			SortFunc(s, byKeyThenID)
		}
	})
	b.Run("slices", func(b *testing.B) {
		for b.Loop() {
			copy(s, src)
			slices.SortFunc(s, byKeyThenID)
		}
	})
}

func TestSortFuncWithTies(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	byKey := func(a, b keyed) int { return cmp.Compare(a.key, b.key) }
	for _, procs := range []int{2, 3, 4} {
		n := 4*minSortPart + 5
		s := make([]keyed, n)
		for i := range s {
			s[i] = keyed{key: r.IntN(5), id: i}
		}
		withProcs(t, procs, func() { SortFunc(s, byKey) })
		if !slices.IsSortedFunc(s, byKey) {
			t.Fatalf("procs %d: not sorted", procs)
		}
		seen := make([]bool, n)
		for _, k := range s {
			if seen[k.id] {
				t.Fatalf("procs %d: element %d twice", procs, k.id)
			}
			seen[k.id] = true
		}
	}
}
