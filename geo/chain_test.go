package geo

import (
	"context"
	"errors"
	"net/netip"
	"sync/atomic"
	"testing"
)

// fake answers from a table and counts its calls.
type fake struct {
	answers map[string]Location
	err     error
	calls   atomic.Int64
}

func (f *fake) Locate(a netip.Addr) (Location, error) {
	f.calls.Add(1)
	if _, err := checkBogon(a); err != nil {
		return Location{}, err
	}
	if loc, ok := f.answers[a.String()]; ok {
		return loc, nil
	}
	return Location{}, f.err
}

var (
	cityLoc    = Location{Lat: 1, Lon: 2, Country: "GB", City: "London", Precision: PrecisionCity, Source: "city"}
	countryLoc = Location{Lat: 3, Lon: 4, Country: "GB", Precision: PrecisionCountry, Source: "country"}
	noPoint    = Location{Country: "EU", Source: "country"}
	errDown    = errors.New("geo: service down")
)

func TestChain(t *testing.T) {
	tests := []struct {
		name    string
		chain   Chain
		addr    string
		want    Location
		wantErr error
	}{
		{"first hit wins", Chain{
			&fake{answers: map[string]Location{"1.2.3.4": countryLoc}},
			&fake{answers: map[string]Location{"1.2.3.4": {Lat: 9, Lon: 9, Country: "FR", Precision: PrecisionCountry}}},
		}, "1.2.3.4", countryLoc, nil},
		{"finer answer later wins", Chain{
			&fake{answers: map[string]Location{"1.2.3.4": countryLoc}},
			&fake{answers: map[string]Location{"1.2.3.4": cityLoc}},
		}, "1.2.3.4", cityLoc, nil},
		{"failure then hit", Chain{&fake{err: errDown}, &fake{answers: map[string]Location{"1.2.3.4": countryLoc}}}, "1.2.3.4", countryLoc, nil},
		{"failure then nothing", Chain{&fake{err: errDown}, &fake{}}, "1.2.3.4", Location{}, errDown},
		{"nothing anywhere", Chain{&fake{}, &fake{}}, "1.2.3.4", Location{}, nil},
		{"country without point kept", Chain{&fake{answers: map[string]Location{"1.2.3.4": noPoint}}, &fake{}}, "1.2.3.4", noPoint, nil},
		{"empty chain", Chain{}, "1.2.3.4", Location{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.chain.Locate(netip.MustParseAddr(tt.addr))
			if got != tt.want || !errors.Is(err, tt.wantErr) {
				t.Errorf("got %+v, %v; want %+v, %v", got, err, tt.want, tt.wantErr)
			}
		})
	}
	// A bogon stops the chain at its first member.
	second := &fake{}
	_, err := Chain{&fake{}, second}.Locate(netip.MustParseAddr("192.168.0.1"))
	if be := (*BogonError)(nil); !errors.As(err, &be) || second.calls.Load() != 0 {
		t.Errorf("bogon: %v, second asked %d times", err, second.calls.Load())
	}
}

// prefetcher records what it was asked to prefetch.
type prefetcher struct {
	fake
	asked []netip.Addr
}

func (p *prefetcher) Prefetch(_ context.Context, addrs []netip.Addr) error {
	p.asked = append(p.asked, addrs...)
	return nil
}

// TestChainPrefetch: an online locator late in the chain is only told about
// the addresses the local ones do not place at city precision.
func TestChainPrefetch(t *testing.T) {
	online := &prefetcher{}
	c := Chain{&fake{answers: map[string]Location{"1.1.1.1": cityLoc, "2.2.2.2": countryLoc}}, online}
	m := NewMemo(c)
	if err := m.Prefetch(context.Background(), addrs("1.1.1.1", "2.2.2.2", "3.3.3.3", "10.0.0.1")); err != nil {
		t.Fatal(err)
	}
	if len(online.asked) != 2 || online.asked[0].String() != "2.2.2.2" || online.asked[1].String() != "3.3.3.3" {
		t.Errorf("prefetched %v; want 2.2.2.2 and 3.3.3.3", online.asked)
	}
}

func TestMemo(t *testing.T) {
	inner := &fake{answers: map[string]Location{"81.2.69.1": cityLoc, "2.2.2.2": countryLoc, "5.5.5.5": noPoint}, err: nil}
	failing := &fake{err: ErrBudget}
	m := NewMemo(Chain{inner, failing})
	for range 3 {
		for _, a := range addrs("81.2.69.1", "::ffff:81.2.69.1", "2.2.2.2", "3.3.3.3", "10.0.0.1", "fe80::1%eth0", "fe80::1", "5.5.5.5") {
			m.Locate(a)
		}
	}
	// 81.2.69.1 and its mapped form are one address, as are the two fe80::1.
	if m.Len() != 6 || inner.calls.Load() != 6 {
		t.Errorf("%d remembered, %d lookups; want 6 and 6", m.Len(), inner.calls.Load())
	}
	s := m.Summary()
	// 5.5.5.5 has a country without a point, and the locator that could
	// have placed it failed: a failure, not a final answer.
	want := map[string]int{"bogon: private": 1, "bogon: link-local": 1, ReasonBudget: 2}
	if s.Addresses != 6 || s.Located != 2 || s.ByPrecision[PrecisionCity] != 1 || s.ByPrecision[PrecisionCountry] != 1 ||
		s.Failed != 2 || !errors.Is(s.FirstError, ErrBudget) || len(s.Unlocated) != len(want) {
		t.Fatalf("summary %+v", s)
	}
	for k, n := range want {
		if s.Unlocated[k] != n {
			t.Errorf("%s: %d; want %d", k, s.Unlocated[k], n)
		}
	}
	rs := s.Reasons()
	if len(rs) != 3 || rs[0].Name != ReasonBudget || rs[1].Name > rs[2].Name {
		t.Errorf("Reasons() = %v", rs)
	}
	if src := s.Sources(); len(src) != 2 || src[0] != (Count{"city", 1}) {
		t.Errorf("Sources() = %v", src)
	}
}

func TestReason(t *testing.T) {
	tests := []struct {
		loc    Location
		err    error
		reason string
		failed bool
	}{
		{cityLoc, nil, "", false},
		{Location{}, nil, ReasonNotFound, false},
		{noPoint, nil, ReasonNoCoordinates, false},
		{Location{}, &BogonError{Reason: "cgnat"}, "bogon: cgnat", false},
		{Location{}, ErrBudget, ReasonBudget, true},
		{Location{}, ErrTimeLimit, ReasonTimeLimit, true},
		{Location{}, context.Canceled, ReasonCanceled, true},
		{Location{}, errDown, ReasonFailed, true},
	}
	for _, tt := range tests {
		r, f := Reason(tt.loc, tt.err)
		if r != tt.reason || f != tt.failed {
			t.Errorf("Reason(%+v, %v) = %q, %v; want %q, %v", tt.loc, tt.err, r, f, tt.reason, tt.failed)
		}
	}
}

func BenchmarkMemoLocate(b *testing.B) {
	m := NewMemo(embedded(b))
	as := benchAddrs()
	for _, a := range as {
		m.Locate(a)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		m.Locate(as[i%len(as)])
	}
}
