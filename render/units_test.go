package render

import (
	"math"
	"testing"
)

func TestParseBandwidth(t *testing.T) {
	tests := []struct {
		in   string
		want Bandwidth
		err  bool
	}{
		{"6px", Bandwidth{Pixels: 6}, false},
		{"6", Bandwidth{Pixels: 6}, false},
		{"150km", Bandwidth{Kilometres: 150}, false},
		{" 2.5 KM ", Bandwidth{Kilometres: 2.5}, false},
		{"0px", Bandwidth{}, true},
		{"-3km", Bandwidth{}, true},
		{"km", Bandwidth{}, true},
		{"wide", Bandwidth{}, true},
		{"Infpx", Bandwidth{}, true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseBandwidth(tc.in)
			if (err != nil) != tc.err || got != tc.want {
				t.Errorf("ParseBandwidth(%q) = %v, %v; want %v, error %v", tc.in, got, err, tc.want, tc.err)
			}
		})
	}
}

func TestScaleRoundTrip(t *testing.T) {
	values := make([]float32, 1000)
	for i := range values {
		values[i] = float32(i * i % 977)
	}
	for _, s := range []Scale{Linear, Sqrt, Log, EqHist} {
		t.Run(s.String(), func(t *testing.T) {
			if p, err := ParseScale(s.String()); err != nil || p != s {
				t.Fatalf("ParseScale(%q) = %v, %v", s.String(), p, err)
			}
			n := s.Fit(values)
			if n.Norm(0) != 0 || n.Norm(n.Max) != 1 {
				t.Errorf("Norm(0) = %v, Norm(max) = %v; want 0 and 1", n.Norm(0), n.Norm(n.Max))
			}
			prev := -1.0
			for v := 0.0; v <= n.Max; v += n.Max / 50 {
				tn := n.Norm(v)
				if tn < prev {
					t.Fatalf("Norm not monotonic at %v", v)
				}
				prev = tn
			}
			if s != EqHist {
				for _, tt := range []float64{0.1, 0.5, 0.9} {
					if got := n.Norm(n.Inverse(tt)); math.Abs(got-tt) > 1e-9 {
						t.Errorf("Norm(Inverse(%v)) = %v", tt, got)
					}
				}
			}
		})
	}
	if _, err := ParseScale("cubic"); err == nil {
		t.Error("ParseScale accepted an unknown scale")
	}
}

func TestExtents(t *testing.T) {
	for _, name := range RegionNames() {
		e, err := Region(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := e.Validate(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := Region("atlantis"); err == nil {
		t.Error("Region accepted an unknown name")
	}
	for _, e := range []Extent{
		{MinLon: 10, MinLat: 0, MaxLon: -10, MaxLat: 10},
		{MinLon: 0, MinLat: 10, MaxLon: 10, MaxLat: 0},
		{MinLon: -190, MinLat: 0, MaxLon: 10, MaxLat: 10},
		{MinLon: 0, MinLat: -89, MaxLon: 10, MaxLat: 10},
		{MinLon: math.NaN(), MinLat: 0, MaxLon: 10, MaxLat: 10},
	} {
		if e.Validate() == nil {
			t.Errorf("Validate(%v) accepted a bad extent", e)
		}
	}
}

func TestFormatOf(t *testing.T) {
	for path, want := range map[string]Format{"a.png": PNG, "b.SVG": SVG, "dir.x/c.pdf": PDF} {
		if f, err := FormatOf(path); err != nil || f != want {
			t.Errorf("FormatOf(%q) = %v, %v; want %v", path, f, err, want)
		}
	}
	for _, path := range []string{"map", "map.eps", "map.jpg"} {
		if _, err := FormatOf(path); err == nil {
			t.Errorf("FormatOf(%q) accepted it", path)
		}
	}
}

// The grid's kernel peaks at the point's weight and the coarse path agrees
// with the fine one.
func TestGridPeakAndCoarsePath(t *testing.T) {
	pts := []Point{{Lon: 10, Lat: 20, Weight: 4}}
	for _, bw := range []Bandwidth{{Pixels: 3}, {Pixels: 20}} {
		g := NewGrid(pts, WorldExtent, 800, 680, bw, 0)
		peak := float32(0)
		for _, v := range g.Values {
			peak = max(peak, v)
		}
		if math.Abs(float64(peak)-4) > 0.25 {
			t.Errorf("bandwidth %v: peak %v, want about 4", bw, peak)
		}
	}
}

func TestFormatValue(t *testing.T) {
	for v, want := range map[float64]string{0: "0", 0.25: "0.25", 3: "3", 2.5: "2.5", 42: "42", 1500: "1.5k", 25000: "25k", 3.2e6: "3.2M"} {
		if got := formatValue(v); got != want {
			t.Errorf("formatValue(%v) = %q, want %q", v, got, want)
		}
	}
	if got := FormatCount(1234567); got != "1,234,567" {
		t.Errorf("FormatCount = %q", got)
	}
}
