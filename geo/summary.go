package geo

import (
	"cmp"
	"slices"
)

// Summary counts lookup results: how many addresses were located, by
// precision and source, and how many were not, by reason.
type Summary struct {
	Addresses   int                // results added
	Located     int                // results with coordinates
	ByPrecision [NumPrecisions]int // located, indexed by Precision (index 0 is always 0)
	BySource    map[string]int     // located, by Location.Source
	Unlocated   map[string]int     // not located, by Reason
	Failed      int                // not located because a lookup failed (a partial result)
	FirstError  error              // the first failure, to show the user what went wrong
}

// Add counts one lookup result.
func (s *Summary) Add(loc Location, err error) {
	s.Addresses++
	reason, failed := Reason(loc, err)
	if reason == "" {
		s.Located++
		if int(loc.Precision) < len(s.ByPrecision) {
			s.ByPrecision[loc.Precision]++
		}
		if s.BySource == nil {
			s.BySource = map[string]int{}
		}
		s.BySource[loc.Source]++
		return
	}
	if s.Unlocated == nil {
		s.Unlocated = map[string]int{}
	}
	s.Unlocated[reason]++
	if failed {
		s.Failed++
		if s.FirstError == nil {
			s.FirstError = err
		}
	}
}

// Count is one line of a summary table.
type Count struct {
	Name string
	N    int
}

// Reasons returns the unlocated counts, largest first, ties by name.
func (s *Summary) Reasons() []Count { return sortedCounts(s.Unlocated) }

// Sources returns the located counts by source, largest first, ties by name.
func (s *Summary) Sources() []Count { return sortedCounts(s.BySource) }

func sortedCounts(m map[string]int) []Count {
	out := make([]Count, 0, len(m))
	for k, n := range m {
		out = append(out, Count{k, n})
	}
	slices.SortFunc(out, func(a, b Count) int {
		if c := cmp.Compare(b.N, a.N); c != 0 {
			return c
		}
		return cmp.Compare(a.Name, b.Name)
	})
	return out
}
