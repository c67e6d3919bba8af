package render

import (
	"fmt"
	"math"
	"slices"
)

// Scale maps density values to positions on the palette.
type Scale uint8

const (
	// Log maps log(1+v/u), u the weight of one event (or a tenth of the
	// peak if that is smaller): a single event stays visible beside a
	// flood. The zero value, and the default: attack sources are
	// heavy-tailed.
	Log Scale = iota
	// Linear maps values proportionally: the peak dominates, weak sources fade.
	Linear
	// Sqrt compresses the range moderately.
	Sqrt
	// EqHist equalises the histogram of the non-zero pixels, so every colour
	// covers about the same area.
	EqHist
)

var scaleNames = [...]string{"log", "linear", "sqrt", "eqhist"}

func (s Scale) String() string {
	if int(s) < len(scaleNames) {
		return scaleNames[s]
	}
	return fmt.Sprintf("scale(%d)", uint8(s))
}

// ParseScale is the inverse of Scale.String.
func ParseScale(name string) (Scale, error) {
	for i, n := range scaleNames {
		if n == name {
			return Scale(i), nil
		}
	}
	return 0, fmt.Errorf("render: unknown scale %q (linear, sqrt, log, eqhist)", name)
}

// Reach is the kernel radius, in standard deviations, that s needs: Log
// and EqHist lift values a millionth of the peak into view, so the kernel
// must reach that far before it is cut, or its square support shows
// around a dense cluster.
func (s Scale) Reach() float64 {
	if s == Log || s == EqHist {
		return 6.5
	}
	return DefaultReach
}

// eqHistFloor is the fraction of the peak below which EqHist treats a
// value as empty: the far tails of a kernel are not data.
const eqHistFloor = 1e-4

// Normalizer maps a value in [0, Max] to [0, 1] and back, as fitted to one
// set of values by Scale.Fit.
type Normalizer struct {
	Scale Scale
	Max   float64   // the largest value; 0 when there were no positive values
	cdf   []float64 // EqHist: sorted positive sample values
}

// Fit returns the Normalizer of s for values (only positive values count).
// values is not modified.
func (s Scale) Fit(values []float32) Normalizer {
	n := Normalizer{Scale: s}
	var top float32
	for _, v := range values {
		if v > top || v != v { // a NaN wins, as with math.Max
			top = v
		}
	}
	n.Max = float64(top)
	if s == EqHist && n.Max > 0 {
		// A sample of at most ~64k positive values is enough for 256 colours.
		step := max(1, len(values)/65536)
		floor := float32(n.Max * eqHistFloor)
		for i := 0; i < len(values); i += step {
			if values[i] > floor {
				n.cdf = append(n.cdf, float64(values[i]))
			}
		}
		slices.Sort(n.cdf)
	}
	return n
}

// Norm returns v's position in [0, 1].
func (n Normalizer) Norm(v float64) float64 {
	if n.Max <= 0 || v <= 0 {
		return 0
	}
	if v >= n.Max {
		return 1
	}
	switch n.Scale {
	case Sqrt:
		return math.Sqrt(v / n.Max)
	case Log:
		return math.Log1p(v/n.logUnit()) / math.Log1p(n.Max/n.logUnit())
	case EqHist:
		if len(n.cdf) == 0 {
			return v / n.Max
		}
		if v <= n.Max*eqHistFloor {
			return 0
		}
		i, _ := slices.BinarySearch(n.cdf, v)
		return float64(i) / float64(len(n.cdf))
	}
	return v / n.Max
}

// Inverse returns the value at position t in [0, 1].
func (n Normalizer) Inverse(t float64) float64 {
	t = math.Max(0, math.Min(1, t))
	switch n.Scale {
	case Sqrt:
		return t * t * n.Max
	case Log:
		return math.Expm1(t*math.Log1p(n.Max/n.logUnit())) * n.logUnit()
	case EqHist:
		if len(n.cdf) == 0 {
			return t * n.Max
		}
		if t <= 0 {
			return 0
		}
		return n.cdf[min(len(n.cdf)-1, int(t*float64(len(n.cdf))))]
	}
	return t * n.Max
}

// logUnit is the value that Log treats as "one": 1 (a single event of
// weight 1), or a tenth of the peak when the peak is smaller, so that the
// faint tails of the kernel do not spread into a halo.
func (n Normalizer) logUnit() float64 {
	return math.Min(1, n.Max/10)
}

// levels maps grid values to the index int(Norm(v)·n+0.5) of an n+1-entry
// colour table without evaluating Norm per value: bound[k] is the least
// float32 whose index is k or more, found once by bisection on Norm
// itself, so that a lookup gives Norm's own answer bit for bit. Norm is
// monotone in v (each scale is, and two adjacent float32 values lie far
// further apart than float64 rounding moves it), so a value's index is
// the number of bounds at or below it. start narrows the count: it holds
// the index at the first value of each bucket of 2¹⁰ buckets per octave.
type levels struct {
	n      int
	bound  []float32 // bound[k] for k in 1…n; bound[0] unused
	start  []uint16
	first  uint32 // bucket of bound[1]
	direct *Normalizer
}

const bucketShift = 13 // float32 bits below a bucket's: 23 mantissa bits less 10

// newLevels returns the table of norm for n+1 levels, n < 2¹⁶. A Max that
// is not a finite positive float32 is looked up through Norm per value.
func newLevels(norm Normalizer, n int) *levels {
	l := &levels{n: n}
	top := float32(norm.Max)
	if !(norm.Max > 0) || math.IsInf(norm.Max, 0) || float64(top) != norm.Max || n >= 1<<16 {
		l.direct = &norm
		return l
	}
	index := func(bits uint32) int { return int(norm.Norm(float64(math.Float32frombits(bits)))*float64(n) + 0.5) }
	l.bound = make([]float32, n+1)
	hi := math.Float32bits(top)
	lo := uint32(0) // index(lo) < k ≤ index(hi)
	for k := 1; k <= n; k++ {
		a, b := lo, hi
		// Inverse puts the bound within a few float32 steps: search there
		// first, the whole range only when the guess does not bracket it.
		if g := math.Float32bits(float32(norm.Inverse((float64(k) - 0.5) / float64(n)))); g > a+64 && g < b && g+64 < b {
			if index(g-64) < k && index(g+64) >= k {
				a, b = g-64, g+64
			}
		}
		for b-a > 1 {
			if m := a + (b-a)/2; index(m) >= k {
				b = m
			} else {
				a = m
			}
		}
		l.bound[k], lo = math.Float32frombits(b), a
	}
	l.first = math.Float32bits(l.bound[1]) >> bucketShift
	l.start = make([]uint16, hi>>bucketShift-l.first+1)
	k := 0
	for i := range l.start {
		v := math.Float32frombits((l.first + uint32(i)) << bucketShift)
		for k < n && v >= l.bound[k+1] {
			k++
		}
		l.start[i] = uint16(k)
	}
	return l
}

// at returns the level of v > 0.
func (l *levels) at(v float32) int {
	if l.direct != nil {
		return int(l.direct.Norm(float64(v))*float64(l.n) + 0.5)
	}
	if v < l.bound[1] {
		return 0
	}
	b := min(int(math.Float32bits(v)>>bucketShift-l.first), len(l.start)-1)
	k := int(l.start[b])
	for k < l.n && v >= l.bound[k+1] {
		k++
	}
	return k
}
