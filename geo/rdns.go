package geo

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Resolver does reverse-DNS lookups; *net.Resolver is one. Tests pass a fake.
type Resolver interface {
	LookupAddr(ctx context.Context, addr string) (names []string, err error)
}

// RDNSConfig configures NewRDNS. Zero fields take the defaults.
type RDNSConfig struct {
	Resolver    Resolver      // default net.DefaultResolver
	Concurrency int           // lookups in flight; default 16
	Timeout     time.Duration // limit of one lookup; default 2s
	Cache       *RDNSCache    // optional persistent cache, saved by its owner
}

// RDNS finds the registered name (PTR record) of addresses: in bulk with
// Resolve, at most Concurrency lookups at a time, each within Timeout, then
// one by one with Name. Bogons are never looked up. It remembers every
// answer of the run, failures included, so an address costs at most one
// lookup. RDNS is safe for concurrent use.
type RDNS struct {
	cfg RDNSConfig

	lookups, cacheHits, failed atomic.Int64

	mu      sync.Mutex
	results map[netip.Addr]rdnsResult
}

type rdnsResult struct {
	name string
	err  error
}

// RDNSStats counts an RDNS's work in this run.
type RDNSStats struct {
	Lookups   int // queries sent to the resolver
	CacheHits int // addresses answered from the persistent cache
	Failed    int // lookups that failed or timed out (not "no name")
}

// NewRDNS returns a reverse-DNS resolver.
func NewRDNS(cfg RDNSConfig) *RDNS {
	if cfg.Resolver == nil {
		cfg.Resolver = net.DefaultResolver
	}
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = 16
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 2 * time.Second
	}
	return &RDNS{cfg: cfg, results: map[netip.Addr]rdnsResult{}}
}

// Resolve looks up the names of the addresses not answered yet in this run
// or by the cache. It returns ctx's error when ctx ends first; the failures
// of single lookups are kept for Name.
func (r *RDNS) Resolve(ctx context.Context, addrs []netip.Addr) error {
	todo := make(chan netip.Addr)
	var wg sync.WaitGroup
	for range r.cfg.Concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for a := range todo {
				r.lookup(ctx, a)
			}
		}()
	}
	queued := map[netip.Addr]bool{}
feed:
	for _, a := range addrs {
		a, err := checkBogon(a)
		if err != nil || queued[a] {
			continue
		}
		if _, ok := r.known(a); ok {
			continue
		}
		queued[a] = true
		select {
		case todo <- a:
		case <-ctx.Done():
			break feed
		}
	}
	close(todo)
	wg.Wait()
	return ctx.Err()
}

// Name returns the registered name of addr, lower case without the final
// dot, or "" when it has none. It looks addr up if Resolve did not; the
// error says that the lookup failed (a bogon, a timeout, a broken server).
func (r *RDNS) Name(addr netip.Addr) (string, error) {
	addr, err := checkBogon(addr)
	if err != nil {
		return "", err
	}
	if res, ok := r.known(addr); ok {
		return res.name, res.err
	}
	r.lookup(context.Background(), addr)
	res, _ := r.known(addr)
	return res.name, res.err
}

// Stats reports the work done so far.
func (r *RDNS) Stats() RDNSStats {
	return RDNSStats{Lookups: int(r.lookups.Load()), CacheHits: int(r.cacheHits.Load()), Failed: int(r.failed.Load())}
}

// known returns this run's answer for a, loading it from the cache first.
func (r *RDNS) known(a netip.Addr) (rdnsResult, bool) {
	r.mu.Lock()
	res, ok := r.results[a]
	r.mu.Unlock()
	if ok || r.cfg.Cache == nil {
		return res, ok
	}
	e, ok := r.cfg.Cache.get(a)
	if !ok {
		return rdnsResult{}, false
	}
	r.cacheHits.Add(1)
	res = rdnsResult{name: e.Name}
	r.mu.Lock()
	r.results[a] = res
	r.mu.Unlock()
	return res, true
}

// lookup asks the resolver about a within the per-lookup time limit.
func (r *RDNS) lookup(ctx context.Context, a netip.Addr) {
	if err := ctx.Err(); err != nil {
		return // not recorded: a later Name may still ask
	}
	r.lookups.Add(1)
	lctx, cancel := context.WithTimeout(ctx, r.cfg.Timeout)
	names, err := r.cfg.Resolver.LookupAddr(lctx, a.String())
	cancel()
	var res rdnsResult
	var dnsErr *net.DNSError
	switch {
	case err == nil:
		res.name = firstName(names)
	case errors.As(err, &dnsErr) && dnsErr.IsNotFound:
		// no PTR record: a known absence, not a failure
	default:
		r.failed.Add(1)
		res.err = fmt.Errorf("geo: reverse DNS of %s: %w", a, err)
	}
	if res.err == nil && r.cfg.Cache != nil {
		r.cfg.Cache.putName(a, res.name)
	}
	r.mu.Lock()
	r.results[a] = res
	r.mu.Unlock()
}

// firstName returns the first usable name, lower case without the final dot.
func firstName(names []string) string {
	for _, n := range names {
		n = strings.ToLower(strings.TrimSuffix(strings.TrimSpace(n), "."))
		if n != "" && len(n) <= 253 && !strings.ContainsAny(n, " \t\r\n,\"") {
			return n
		}
	}
	return ""
}

// RegisteredDomain returns the last two labels of a host name
// ("ns3121592.ip-51-38-1.eu" → "ip-51-38-1.eu"), a rough grouping of names by
// owner; "" for an empty name. Names under public suffixes of two labels
// (co.uk, com.br) are cut one label further. It is a heuristic without a
// public-suffix list.
func RegisteredDomain(name string) string {
	labels := strings.Split(strings.TrimSuffix(name, "."), ".")
	if len(labels) < 2 {
		return name
	}
	n := 2
	if len(labels) >= 3 {
		second := labels[len(labels)-2]
		if len(labels[len(labels)-1]) == 2 && (len(second) <= 3 || second == "gouv") {
			n = 3
		}
	}
	return strings.Join(labels[len(labels)-n:], ".")
}
