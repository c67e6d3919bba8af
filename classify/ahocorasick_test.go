package classify

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// The automaton finds what a literal search of every entry finds: random
// literals over a small alphabet (so that they overlap, nest and share
// prefixes and suffixes), each kind, texts in mixed case with a path part.
func TestACMatcherAgainstNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	word := func(min, max int, alpha string) string {
		b := make([]byte, min+rng.IntN(max-min+1))
		for i := range b {
			b[i] = alpha[rng.IntN(len(alpha))]
		}
		return string(b)
	}
	for round := range 200 {
		entries := make([]acEntry, 1+rng.IntN(40))
		for i := range entries {
			entries[i] = acEntry{lit: word(1, 6, "abc/.?x"), kind: patKind(rng.IntN(int(patQueryContains) + 1)), cond: int32(i), rule: int32(i)}
		}
		m := newACMatcher(entries)
		h := hits{conds: make([]uint64, 1), rules: make([]uint64, 1)}
		for range 20 {
			text := word(0, 30, "abcABC/.?xyz")
			pathEnd := len(text)
			if q := strings.IndexByte(text, '?'); q >= 0 {
				pathEnd = q
			}
			h.clear()
			m.scan([]byte(text), &h, entries, pathEnd, nil)
			low := strings.ToLower(text)
			for i, e := range entries {
				want := false
				for start := 0; start+len(e.lit) <= len(low); start++ {
					end := start + len(e.lit)
					if low[start:end] != e.lit {
						continue
					}
					switch e.kind {
					case patContains:
						want = true
					case patPrefix:
						want = want || start == 0 && end <= pathEnd
					case patSuffix:
						want = want || end == pathEnd
					case patEquals:
						want = want || start == 0 && end == pathEnd
					case patPathContains:
						want = want || end <= pathEnd
					case patQueryContains:
						want = want || start > pathEnd
					}
				}
				if got := h.has(int32(i)); got != want {
					t.Fatalf("round %d: %q in %q (kind %d, path ends at %d): found %v, want %v", round, e.lit, text, e.kind, pathEnd, got, want)
				}
			}
		}
	}
}
