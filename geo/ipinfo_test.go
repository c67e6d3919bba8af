package geo

import (
	"context"
	"errors"
	"math"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/threatmap/threatmap/geo/geotest"
)

const testToken = "tok_5ecr3t_do_not_leak"

// sleeps records the waits of a client instead of waiting.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.d = append(s.d, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleeps) all() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

func testIPInfo(t *testing.T, srv *geotest.IPInfoServer, mod func(*IPInfoConfig)) (*IPInfo, *sleeps) {
	t.Helper()
	cfg := IPInfoConfig{
		Token:          testToken,
		BaseURL:        srv.URL, // without the trailing slash the library needs
		RequestTimeout: 300 * time.Millisecond,
		MaxTime:        5 * time.Second,
		Points:         func(string) (orb.Point, bool) { return orb.Point{34, 12}, true },
	}
	if mod != nil {
		mod(&cfg)
	}
	p, err := NewIPInfo(cfg)
	if err != nil {
		t.Fatal(err)
	}
	s := &sleeps{}
	p.sleep = s.sleep
	return p, s
}

func addrs(ss ...string) []netip.Addr {
	out := make([]netip.Addr, len(ss))
	for i, s := range ss {
		out[i] = netip.MustParseAddr(s)
	}
	return out
}

var mixed = addrs("81.2.69.160", "2001:218::1", "202.196.224.1", "1.1.1.1", "10.0.0.1", "::ffff:81.2.69.160", "2a02:d300::9", "fe80::1")

func TestIPInfoLocates(t *testing.T) {
	srv := geotest.NewIPInfoServer(t, testToken)
	p, _ := testIPInfo(t, srv, func(c *IPInfoConfig) { c.BatchSize = 2; c.Concurrency = 2 })
	if err := p.Prefetch(context.Background(), mixed); err != nil {
		t.Fatal(err)
	}
	// 5 distinct public addresses in batches of 2.
	if got := srv.Requests(); got != 3 {
		t.Errorf("%d requests; want 3", got)
	}
	for _, a := range []string{"10.0.0.1", "fe80::1", "::ffff:81.2.69.160"} {
		if srv.Asked(a) != 0 {
			t.Errorf("%s was sent to the API", a)
		}
	}
	tests := []struct {
		addr string
		want Location
		err  string
	}{
		{"81.2.69.160", Location{Lat: 51.5142, Lon: -0.0931, Country: "GB", City: "London", Precision: PrecisionCity, Source: "ipinfo"}, ""},
		{"::ffff:81.2.69.160", Location{Lat: 51.5142, Lon: -0.0931, Country: "GB", City: "London", Precision: PrecisionCity, Source: "ipinfo"}, ""},
		{"2001:218::1", Location{Lat: 35.6895, Lon: 139.6917, Country: "JP", City: "Tokyo", Precision: PrecisionCity, Source: "ipinfo"}, ""},
		{"202.196.224.1", Location{Lat: 12, Lon: 34, Country: "PH", Precision: PrecisionCountry, Source: "ipinfo"}, ""},
		{"1.1.1.1", Location{Source: "ipinfo"}, ""},
		{"10.0.0.1", Location{}, "private"},
	}
	for _, tt := range tests {
		loc, err := p.Locate(netip.MustParseAddr(tt.addr))
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: %+v, %v; want error %q", tt.addr, loc, err, tt.err)
			}
			continue
		}
		if err != nil || math.Abs(loc.Lat-tt.want.Lat) > 1e-9 || math.Abs(loc.Lon-tt.want.Lon) > 1e-9 ||
			loc.Country != tt.want.Country || loc.City != tt.want.City || loc.Precision != tt.want.Precision {
			t.Errorf("%s: %+v, %v; want %+v", tt.addr, loc, err, tt.want)
		}
	}
	if got := srv.Requests(); got != 3 {
		t.Errorf("Locate after Prefetch sent requests: %d in all", got)
	}
	// An address not prefetched is fetched on its own, once.
	p.Locate(netip.MustParseAddr("89.160.20.1"))
	p.Locate(netip.MustParseAddr("89.160.20.1"))
	if got := srv.Requests(); got != 4 {
		t.Errorf("%d requests; want 4", got)
	}
}

// TestIPInfoFaults makes the first request fail in each way the API can, and
// checks that the client waits as it should, retries once and locates all.
func TestIPInfoFaults(t *testing.T) {
	tests := []struct {
		name       string
		fault      geotest.Fault
		retryAfter string
		wantWait   time.Duration // exact wait when the server gave one, else 0
	}{
		{"429 with Retry-After", geotest.Fault429, "2", 2 * time.Second},
		{"429 with an HTTP date", geotest.Fault429, time.Now().Add(time.Hour).UTC().Format(http1123), 0},
		{"429 without Retry-After", geotest.Fault429, "", 0},
		{"500", geotest.Fault500, "", 0},
		{"slow", geotest.FaultSlow, "", 0},
		{"malformed JSON", geotest.FaultMalformed, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := geotest.NewIPInfoServer(t, testToken)
			srv.RetryAfter = tt.retryAfter
			srv.Fault = func(n int) geotest.Fault {
				if n == 1 {
					return tt.fault
				}
				return geotest.FaultNone
			}
			p, s := testIPInfo(t, srv, func(c *IPInfoConfig) { c.MaxTime = 2 * time.Hour })
			start := time.Now()
			p.Prefetch(context.Background(), mixed)
			if time.Since(start) > 2*time.Second {
				t.Errorf("took %v", time.Since(start))
			}
			waits := s.all()
			if len(waits) != 1 || p.Stats().Retries != 1 || srv.Requests() != 2 {
				t.Fatalf("waits %v, stats %+v, %d requests; want one retry", waits, p.Stats(), srv.Requests())
			}
			if tt.wantWait != 0 && waits[0] != tt.wantWait {
				t.Errorf("waited %v; want Retry-After's %v", waits[0], tt.wantWait)
			}
			if tt.retryAfter != "" && tt.wantWait == 0 && (waits[0] < 59*time.Minute || waits[0] > time.Hour) {
				t.Errorf("waited %v; want about an hour (the HTTP date)", waits[0])
			}
			loc, err := p.Locate(netip.MustParseAddr("81.2.69.160"))
			if err != nil || loc.City != "London" {
				t.Errorf("after retry: %+v, %v", loc, err)
			}
		})
	}
}

const http1123 = "Mon, 02 Jan 2006 15:04:05 GMT"

// TestIPInfoGivesUp: an API that always fails costs 1+MaxRetries requests
// per batch, and every address of the batch is reported as failed.
func TestIPInfoGivesUp(t *testing.T) {
	for _, f := range []geotest.Fault{geotest.Fault500, geotest.FaultMalformed, geotest.FaultSlow} {
		srv := geotest.NewIPInfoServer(t, testToken)
		srv.Fault = func(int) geotest.Fault { return f }
		p, _ := testIPInfo(t, srv, func(c *IPInfoConfig) { c.MaxRetries = 2; c.RequestTimeout = 50 * time.Millisecond })
		p.Prefetch(context.Background(), mixed)
		if srv.Requests() != 3 {
			t.Errorf("fault %d: %d requests; want 3", f, srv.Requests())
		}
		var s Summary
		for _, a := range mixed {
			s.Add(p.Locate(a))
		}
		if s.Located != 0 || s.Failed != 6 || s.Unlocated["bogon: private"] != 1 || s.Unlocated["bogon: link-local"] != 1 {
			t.Errorf("fault %d: summary %+v", f, s)
		}
	}
}

func TestIPInfoBudget(t *testing.T) {
	srv := geotest.NewIPInfoServer(t, testToken)
	p, _ := testIPInfo(t, srv, func(c *IPInfoConfig) { c.Budget = 2; c.BatchSize = 1; c.Concurrency = 1 })
	p.Prefetch(context.Background(), mixed)
	var s Summary
	for _, a := range mixed {
		s.Add(p.Locate(a))
	}
	if srv.Requests() != 2 || s.Unlocated[ReasonBudget] != 3 || s.Failed != 3 {
		t.Errorf("%d requests, summary %+v; want 2 requests and 3 addresses over budget", srv.Requests(), s)
	}
	// Retries count against the budget too.
	srv2 := geotest.NewIPInfoServer(t, testToken)
	srv2.Fault = func(int) geotest.Fault { return geotest.Fault500 }
	p2, _ := testIPInfo(t, srv2, func(c *IPInfoConfig) { c.Budget = 2; c.MaxRetries = 10 })
	p2.Prefetch(context.Background(), mixed)
	if _, err := p2.Locate(mixed[0]); srv2.Requests() != 2 || !errors.Is(err, ErrBudget) {
		t.Errorf("%d requests, %v; want 2 and the budget error", srv2.Requests(), err)
	}
}

// TestIPInfoTimeLimit: however the API misbehaves, a run's API work ends by
// MaxTime, and the addresses left are reported as such.
func TestIPInfoTimeLimit(t *testing.T) {
	t.Run("slow", func(t *testing.T) {
		srv := geotest.NewIPInfoServer(t, testToken)
		srv.Fault = func(int) geotest.Fault { return geotest.FaultSlow }
		p, _ := testIPInfo(t, srv, func(c *IPInfoConfig) {
			c.MaxTime = 300 * time.Millisecond
			c.RequestTimeout = time.Minute
			c.MaxRetries = 100
		})
		p.sleep = sleepCtx
		start := time.Now()
		p.Prefetch(context.Background(), mixed)
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("Prefetch took %v with a 300ms limit", d)
		}
		if _, err := p.Locate(mixed[0]); !errors.Is(err, ErrTimeLimit) {
			t.Errorf("err %v; want ErrTimeLimit", err)
		}
	})
	t.Run("Retry-After beyond the limit", func(t *testing.T) {
		srv := geotest.NewIPInfoServer(t, testToken)
		srv.Fault = func(int) geotest.Fault { return geotest.Fault429 }
		srv.RetryAfter = "3600"
		p, s := testIPInfo(t, srv, nil)
		p.Prefetch(context.Background(), mixed)
		if _, err := p.Locate(mixed[0]); !errors.Is(err, ErrTimeLimit) || len(s.all()) != 0 {
			t.Errorf("err %v, waits %v; want ErrTimeLimit without waiting", err, s.all())
		}
	})
	t.Run("canceled", func(t *testing.T) {
		srv := geotest.NewIPInfoServer(t, testToken)
		srv.Fault = func(int) geotest.Fault { return geotest.FaultSlow }
		p, _ := testIPInfo(t, srv, func(c *IPInfoConfig) { c.RequestTimeout = time.Minute })
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		if err := p.Prefetch(ctx, mixed); err == nil {
			t.Error("Prefetch returned nil after its context ended")
		}
		if _, err := p.Locate(mixed[0]); err == nil {
			t.Error("Locate after cancel: no error")
		}
	})
}

// TestIPInfoHalfFailing: an API failing every other request, without
// retries, leaves half the batches unlocated and says so; with retries,
// everything is located.
func TestIPInfoHalfFailing(t *testing.T) {
	for _, retries := range []int{-1, 3} {
		srv := geotest.NewIPInfoServer(t, testToken)
		srv.Fault = geotest.EveryOther(geotest.Fault500)
		p, _ := testIPInfo(t, srv, func(c *IPInfoConfig) { c.BatchSize = 1; c.Concurrency = 1; c.MaxRetries = retries })
		p.Prefetch(context.Background(), mixed)
		var s Summary
		for _, a := range mixed {
			s.Add(p.Locate(a))
		}
		wantFailed := 0
		if retries < 0 {
			wantFailed = 2 // requests 2 and 4 of 5
		}
		if s.Failed != wantFailed || s.Located+s.Failed+s.Unlocated[ReasonNotFound] != 6 {
			t.Errorf("retries %d: summary %+v; want %d failed", retries, s, wantFailed)
		}
	}
}

// TestIPInfoUnauthorized: a refused token stops all further requests.
func TestIPInfoUnauthorized(t *testing.T) {
	srv := geotest.NewIPInfoServer(t, testToken)
	srv.Fault = func(int) geotest.Fault { return geotest.FaultUnauthorized }
	p, _ := testIPInfo(t, srv, func(c *IPInfoConfig) { c.BatchSize = 1; c.Concurrency = 1 })
	p.Prefetch(context.Background(), mixed)
	if srv.Requests() != 1 {
		t.Errorf("%d requests after a 401; want 1", srv.Requests())
	}
	_, err := p.Locate(mixed[1])
	var ae *APIError
	if !errors.As(err, &ae) || ae.StatusCode != 401 {
		t.Errorf("err %v; want the 401", err)
	}
}

// TestIPInfoTokenNeverLeaks: not in errors, even when the server echoes it,
// and not in the cache file.
func TestIPInfoTokenNeverLeaks(t *testing.T) {
	dir := t.TempDir()
	cachePath := filepath.Join(dir, "ipinfo.json")
	for _, f := range []geotest.Fault{geotest.FaultEchoToken, geotest.FaultUnauthorized, geotest.FaultNone} {
		cache, err := OpenIPInfoCache(cachePath, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		srv := geotest.NewIPInfoServer(t, testToken)
		srv.Fault = func(int) geotest.Fault { return f }
		p, _ := testIPInfo(t, srv, func(c *IPInfoConfig) { c.Cache = cache; c.BaseURL = srv.URL + "/?x=" + testToken })
		p.Prefetch(context.Background(), mixed)
		for _, a := range mixed {
			if _, err := p.Locate(a); err != nil && strings.Contains(err.Error(), testToken) {
				t.Errorf("fault %d: error leaks the token: %v", f, err)
			}
		}
		if err := cache.Save(); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(cachePath)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), testToken) || !strings.Contains(string(data), "London") {
		t.Errorf("cache file: %s", data)
	}
	if _, err := NewIPInfo(IPInfoConfig{Token: testToken, BaseURL: "ftp://x/" + testToken}); err == nil || strings.Contains(err.Error(), testToken) {
		t.Errorf("bad URL error: %v", err)
	}
}

// TestIPInfoCachePersists: a second run answers from the cache file without
// a request; expired entries are asked again; a corrupt file is ignored and
// rewritten.
func TestIPInfoCachePersists(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "ipinfo.json")
	run := func(ttl time.Duration, now time.Time) (*geotest.IPInfoServer, *IPInfoCache) {
		t.Helper()
		cache, err := openIPInfoCache(path, ttl, func() time.Time { return now })
		if err != nil {
			t.Fatal(err)
		}
		srv := geotest.NewIPInfoServer(t, testToken)
		p, _ := testIPInfo(t, srv, func(c *IPInfoConfig) { c.Cache = cache })
		p.now = cache.now
		p.Prefetch(context.Background(), mixed)
		for _, a := range mixed {
			loc, err := p.Locate(a)
			if a == mixed[0] && (err != nil || loc.City != "London") {
				t.Errorf("%v: %+v, %v", a, loc, err)
			}
		}
		if err := cache.Save(); err != nil {
			t.Fatal(err)
		}
		return srv, cache
	}
	t0 := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	if srv, _ := run(24*time.Hour, t0); srv.Requests() != 1 {
		t.Fatalf("first run: %d requests", srv.Requests())
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("cache file: %v, %v; want mode 0600", fi, err)
	}
	srv, cache := run(24*time.Hour, t0.Add(time.Hour))
	if srv.Requests() != 0 || cache.Len() != 5 {
		t.Errorf("second run: %d requests, %d cached; want 0 and 5 (unknown addresses are cached too)", srv.Requests(), cache.Len())
	}
	if srv, _ := run(24*time.Hour, t0.Add(48*time.Hour)); srv.Requests() != 1 {
		t.Errorf("after expiry: %d requests; want 1", srv.Requests())
	}
	for _, garbage := range []string{"{not json", `{"format":"other/9","entries":{}}`, "", `{"format":"threatmap-ipinfo-cache/1","entries":{"nonsense":{"t":1}}}`} {
		if err := os.WriteFile(path, []byte(garbage), 0o600); err != nil {
			t.Fatal(err)
		}
		c, err := OpenIPInfoCache(path, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if c.Len() != 0 || (garbage != `{"format":"threatmap-ipinfo-cache/1","entries":{"nonsense":{"t":1}}}` && c.Discarded() == nil) {
			t.Errorf("%q: %d entries, discarded %v", garbage, c.Len(), c.Discarded())
		}
		if srv, _ := run(24*time.Hour, t0); srv.Requests() != 1 {
			t.Errorf("after a corrupt cache: %d requests", srv.Requests())
		}
		if c, _ := openIPInfoCache(path, 24*time.Hour, func() time.Time { return t0 }); c.Discarded() != nil || c.Len() != 5 {
			t.Errorf("the rebuilt cache is unreadable: %v", c.Discarded())
		}
	}
}

func FuzzIPInfoCache(f *testing.F) {
	f.Add([]byte(`{"format":"threatmap-ipinfo-cache/1","entries":{"1.2.3.4":{"t":1700000000,"cc":"GB","lat":51.5,"lon":-0.1}}}`))
	f.Add([]byte(`{"format":"threatmap-ipinfo-cache/1","entries":{"::1":{"t":-1,"bogon":true}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c := &IPInfoCache{fileCache[cacheEntry]{format: cacheFormat, ttl: time.Hour * 24 * 365 * 100, now: time.Now}}
		entries, err := c.parse(data)
		if err != nil {
			return
		}
		p := &IPInfo{cfg: IPInfoConfig{Points: func(string) (orb.Point, bool) { return orb.Point{2, 1}, true }}}
		for a, e := range entries {
			r := p.fromEntry(a, e)
			if r.loc.Located() && !validCoords(r.loc.Lat, r.loc.Lon) {
				t.Fatalf("%v: %+v", a, r.loc)
			}
		}
	})
}

// TestIPInfoLocatesASN: the org of an answer gives the AS, at no extra
// request once the address is prefetched.
func TestIPInfoLocatesASN(t *testing.T) {
	srv := geotest.NewIPInfoServer(t, testToken)
	p, _ := testIPInfo(t, srv, nil)
	if err := p.Prefetch(context.Background(), addrs("81.2.69.160")); err != nil {
		t.Fatal(err)
	}
	before := srv.Requests()
	a, err := p.LocateASN(netip.MustParseAddr("81.2.69.160"))
	if err != nil || a != (ASN{Number: 64500, Org: "Example", Source: IPInfoSource}) {
		t.Errorf("got %+v, %v", a, err)
	}
	if srv.Requests() != before {
		t.Error("LocateASN sent a request for a prefetched address")
	}
	if _, err := p.LocateASN(netip.MustParseAddr("10.0.0.1")); !errors.As(err, new(*BogonError)) {
		t.Errorf("10.0.0.1: %v; want a bogon", err)
	}
}
