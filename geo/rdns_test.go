package geo

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeResolver answers from a table; it never touches the network.
type fakeResolver struct {
	names map[string][]string
	slow  map[string]bool // blocks until the lookup's context ends
	fail  map[string]bool // a server failure

	calls            atomic.Int64
	mu               sync.Mutex
	inFlight, maxFly int
	asked            map[string]int
}

func (f *fakeResolver) LookupAddr(ctx context.Context, addr string) ([]string, error) {
	f.calls.Add(1)
	f.mu.Lock()
	f.inFlight++
	f.maxFly = max(f.maxFly, f.inFlight)
	if f.asked == nil {
		f.asked = map[string]int{}
	}
	f.asked[addr]++
	f.mu.Unlock()
	defer func() { f.mu.Lock(); f.inFlight--; f.mu.Unlock() }()
	time.Sleep(time.Millisecond) // let lookups overlap
	switch {
	case f.slow[addr]:
		<-ctx.Done()
		return nil, &net.DNSError{Err: "i/o timeout", Name: addr, IsTimeout: true}
	case f.fail[addr]:
		return nil, &net.DNSError{Err: "server misbehaving", Name: addr, IsTemporary: true}
	}
	if n, ok := f.names[addr]; ok {
		return n, nil
	}
	return nil, &net.DNSError{Err: "no such host", Name: addr, IsNotFound: true}
}

func TestRDNSResolves(t *testing.T) {
	f := &fakeResolver{
		names: map[string][]string{
			"51.38.1.2":   {"NS3121592.ip-51-38-1.EU."},
			"2001:db9::1": {"host.example.net."},
			"8.8.8.8":     {"", "dns.google."},
		},
		slow: map[string]bool{"9.9.9.9": true},
		fail: map[string]bool{"1.0.0.1": true},
	}
	var addrs []netip.Addr
	for _, s := range []string{"51.38.1.2", "2001:db9::1", "8.8.8.8", "9.9.9.9", "1.0.0.1", "4.4.4.4", "10.0.0.1", "::ffff:51.38.1.2", "51.38.1.2"} {
		addrs = append(addrs, netip.MustParseAddr(s))
	}
	for i := range 40 {
		addrs = append(addrs, netip.AddrFrom4([4]byte{5, 5, 1, byte(i)}))
	}
	r := NewRDNS(RDNSConfig{Resolver: f, Concurrency: 3, Timeout: 20 * time.Millisecond})
	if err := r.Resolve(context.Background(), addrs); err != nil {
		t.Fatal(err)
	}
	if f.maxFly > 3 || f.maxFly < 2 {
		t.Errorf("%d lookups in flight; want 2 or 3 (concurrent, at most 3)", f.maxFly)
	}
	if f.asked["10.0.0.1"] != 0 || f.asked["::ffff:51.38.1.2"] != 0 || f.asked["51.38.1.2"] != 1 {
		t.Errorf("asked %v: bogons must not be asked, addresses once, unmapped", f.asked)
	}
	tests := []struct {
		addr, name string
		err        bool
	}{
		{"51.38.1.2", "ns3121592.ip-51-38-1.eu", false},
		{"::ffff:51.38.1.2", "ns3121592.ip-51-38-1.eu", false},
		{"2001:db9::1", "host.example.net", false},
		{"8.8.8.8", "dns.google", false},
		{"4.4.4.4", "", false}, // no PTR record: not a failure
		{"9.9.9.9", "", true},  // timed out
		{"1.0.0.1", "", true},
		{"10.0.0.1", "", true}, // bogon
	}
	calls := f.calls.Load()
	for _, tt := range tests {
		name, err := r.Name(netip.MustParseAddr(tt.addr))
		if name != tt.name || (err != nil) != tt.err {
			t.Errorf("%s: %q, %v; want %q, error %v", tt.addr, name, err, tt.name, tt.err)
		}
	}
	if _, err := r.Name(netip.MustParseAddr("10.0.0.1")); !errors.As(err, new(*BogonError)) {
		t.Errorf("10.0.0.1: %v; want a bogon", err)
	}
	if f.calls.Load() != calls {
		t.Error("Name looked up an address that Resolve already answered")
	}
	if st := r.Stats(); st.Failed != 2 || st.Lookups != int(calls) {
		t.Errorf("stats %+v, %d calls", st, calls)
	}
}

func TestRDNSCancel(t *testing.T) {
	f := &fakeResolver{slow: map[string]bool{}}
	var addrs []netip.Addr
	for i := range 100 {
		a := netip.AddrFrom4([4]byte{5, 5, 2, byte(i)})
		f.slow[a.String()] = true
		addrs = append(addrs, a)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	r := NewRDNS(RDNSConfig{Resolver: f, Concurrency: 2, Timeout: time.Hour})
	start := time.Now()
	if err := r.Resolve(ctx, addrs); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Resolve took %v after its context ended", d)
	}
}

func TestRDNSCache(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rdns.json")
	now := time.Unix(1_700_000_000, 0)
	clock := func() time.Time { return now }
	c, err := openRDNSCache(path, time.Hour, clock)
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeResolver{names: map[string][]string{"51.38.1.2": {"a.example.net."}}, fail: map[string]bool{"1.0.0.1": true}}
	r := NewRDNS(RDNSConfig{Resolver: f, Cache: c})
	addrs := []netip.Addr{netip.MustParseAddr("51.38.1.2"), netip.MustParseAddr("4.4.4.4"), netip.MustParseAddr("1.0.0.1")}
	if err := r.Resolve(context.Background(), addrs); err != nil {
		t.Fatal(err)
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}

	// A second run answers the name and the absence from the file; the
	// failure is asked again.
	c2, err := openRDNSCache(path, time.Hour, clock)
	if err != nil || c2.Len() != 2 {
		t.Fatalf("reopened: %d entries, %v; want 2", c2.Len(), err)
	}
	f2 := &fakeResolver{}
	r2 := NewRDNS(RDNSConfig{Resolver: f2, Cache: c2})
	if err := r2.Resolve(context.Background(), addrs); err != nil {
		t.Fatal(err)
	}
	if name, _ := r2.Name(addrs[0]); name != "a.example.net" {
		t.Errorf("cached name %q", name)
	}
	if f2.asked["51.38.1.2"] != 0 || f2.asked["4.4.4.4"] != 0 || f2.asked["1.0.0.1"] != 1 {
		t.Errorf("asked %v", f2.asked)
	}
	if st := r2.Stats(); st.CacheHits != 2 {
		t.Errorf("stats %+v", st)
	}

	// Expired entries are dropped.
	now = now.Add(2 * time.Hour)
	c3, err := openRDNSCache(path, time.Hour, clock)
	if err != nil || c3.Len() != 0 {
		t.Errorf("after expiry: %d entries, %v", c3.Len(), err)
	}
}

func TestRDNSCacheUnreadable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rdns.json")
	if err := writeFileAtomic(path, []byte("{not json")); err != nil {
		t.Fatal(err)
	}
	c, err := OpenRDNSCache(path, 0)
	if err != nil || c.Discarded() == nil {
		t.Fatalf("err %v, discarded %v", err, c.Discarded())
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	if c, err := OpenRDNSCache(path, 0); err != nil || c.Discarded() != nil {
		t.Errorf("rewritten file: %v, %v", err, c.Discarded())
	}
}

func TestRegisteredDomain(t *testing.T) {
	for in, want := range map[string]string{
		"ns3121592.ip-51-38-1.eu":         "ip-51-38-1.eu",
		"scanner.example.co.uk":           "example.co.uk",
		"181-12-34-56.dsl.telecom.com.br": "telecom.com.br",
		"crawl.ovh.net":                   "ovh.net",
		"localhost":                       "localhost",
		"":                                "",
	} {
		if got := RegisteredDomain(in); got != want {
			t.Errorf("RegisteredDomain(%q) = %q; want %q", in, got, want)
		}
	}
}

func FuzzRDNSCache(f *testing.F) {
	f.Add([]byte(`{"format":"threatmap-rdns-cache/1","entries":{"1.2.3.4":{"t":1700000000,"name":"a.example.net"},"::1":{"t":1}}}`))
	f.Add([]byte(`{"format":"x"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c := &RDNSCache{fileCache[rdnsEntry]{format: rdnsCacheFormat, ttl: time.Hour * 24 * 365 * 100, now: time.Now}}
		entries, err := c.parse(data)
		if err != nil {
			return
		}
		for a := range entries {
			if !a.IsValid() {
				t.Fatalf("invalid address %v", a)
			}
		}
	})
}
