package render

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestLevels: the level table gives Norm's own index for every value
// tried: random ones over the whole range, and both sides of every bound.
func TestLevels(t *testing.T) {
	const n = 1024
	rng := rand.New(rand.NewPCG(1, 2))
	for _, s := range []Scale{Log, Linear, Sqrt, EqHist} {
		for _, peak := range []float32{0.003, 0.7, 1, 9.5, 1234.5, 3e7, 1e12, math.MaxFloat32} {
			values := make([]float32, 5000)
			for i := range values {
				values[i] = peak * float32(math.Pow(rng.Float64(), 4))
			}
			values[0] = peak
			norm := s.Fit(values)
			l := newLevels(norm, n)
			want := func(v float32) int { return int(norm.Norm(float64(v))*n + 0.5) }
			check := func(v float32) {
				if v > 0 && l.at(v) != want(v) {
					t.Fatalf("%v, peak %g: level of %g (%#x) is %d, Norm gives %d", s, peak, v, math.Float32bits(v), l.at(v), want(v))
				}
			}
			for range 20000 {
				check(math.Float32frombits(rng.Uint32N(math.Float32bits(peak) + 1)))
				check(peak * rng.Float32())
			}
			for _, b := range l.bound[1:] {
				check(b)
				check(math.Nextafter32(b, 0))
				check(math.Nextafter32(b, math.MaxFloat32))
			}
			check(peak)
			check(math.Nextafter32(peak, 0))
			check(peak * 1.5) // a Normalizer fitted to other values
		}
	}
}
