package block

import (
	"errors"
	"net/netip"
	"slices"
	"strings"
	"testing"
)

func TestParseExclude(t *testing.T) {
	in := "# office and monitoring\n203.0.113.7\n  10.1.2.3/8   # masked\n\n2001:db8::/32\n::ffff:198.51.100.1\n"
	got, err := ParseExclude(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []netip.Prefix{
		netip.MustParsePrefix("203.0.113.7/32"), netip.MustParsePrefix("10.0.0.0/8"),
		netip.MustParsePrefix("2001:db8::/32"), netip.MustParsePrefix("198.51.100.1/32"),
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	_, err = ParseExclude(strings.NewReader("203.0.113.7\nexample.com\n"))
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Line != 2 || !errors.Is(err, ErrNotAddress) {
		t.Errorf("err = %v", err)
	}
	if _, err := ParseExclude(strings.NewReader("fe80::1%eth0\n")); err == nil {
		t.Error("a zoned address was accepted")
	}
}

func FuzzParseExclude(f *testing.F) {
	for _, s := range []string{"", "203.0.113.7\n", "10.1.2.3/8 # x\n", "2001:db8::/32\n::ffff:1.2.3.4", "#\n\n/", "1.2.3.4/33", "::ffff:1.2.3.4/120"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ps, err := ParseExclude(strings.NewReader(s))
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Line < 1 {
				t.Fatalf("error %v is not a *ParseError with a line", err)
			}
			return
		}
		var b strings.Builder
		for _, p := range ps {
			if !p.IsValid() || p != p.Masked() || p.Addr().Is4In6() || p.Addr().Zone() != "" {
				t.Fatalf("prefix %v is not a masked, unmapped network", p)
			}
			b.WriteString(p.String() + "\n")
		}
		again, err := ParseExclude(strings.NewReader(b.String()))
		if err != nil || !slices.Equal(again, ps) {
			t.Fatalf("round trip: %v, %v; want %v", again, err, ps)
		}
	})
}
