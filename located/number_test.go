package located

import (
	"math"
	"strconv"
	"testing"
)

func FuzzParseFloat(f *testing.F) {
	for _, s := range []string{"48.8566", "-122.4194", "5", "0", "-0", "-0.0", "+1.5", ".5", "5.", ".", "-", "",
		"1e3", "NaN", "inf", "0x1p-2", "1_000", "123456789012345", "1234567890123456", "0.000000000000001",
		"179.99999999999999", "1..2", " 1", "9007199254740993"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, gerr := parseFloat(s)
		want, werr := strconv.ParseFloat(s, 64)
		if (gerr == nil) != (werr == nil) {
			t.Fatalf("%q: error %v, strconv %v", s, gerr, werr)
		}
		if gerr == nil && math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Fatalf("%q: %v, strconv %v", s, got, want)
		}
	})
}
