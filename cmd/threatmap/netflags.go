package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/threatmap/threatmap/geo"
)

// netFlags are the flags for the networks behind the addresses: autonomous
// systems and reverse DNS. They are part of geoFlags.
type netFlags struct {
	asn             bool
	asnMMDB         mmdbPaths
	rdns            bool
	rdnsCache       string
	rdnsCacheTTL    time.Duration
	rdnsTimeout     time.Duration
	rdnsMaxTime     time.Duration
	rdnsConcurrency int
}

func (n *netFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&n.asn, "asn", false, "find the autonomous system of each address")
	fs.Var(&n.asnMMDB, "asn-mmdb", "ASN database `FILE` (repeatable; implies --asn)")
	fs.BoolVar(&n.rdns, "rdns", false, "look up reverse DNS names")
	fs.StringVar(&n.rdnsCache, "rdns-cache", "", "reverse DNS cache `FILE`, or off")
	fs.DurationVar(&n.rdnsCacheTTL, "rdns-cache-ttl", 7*24*time.Hour, "cached names stay valid this `long`")
	fs.DurationVar(&n.rdnsTimeout, "rdns-timeout", 2*time.Second, "time limit of one lookup")
	fs.DurationVar(&n.rdnsMaxTime, "rdns-max-time", 2*time.Minute, "time limit for all lookups")
	fs.IntVar(&n.rdnsConcurrency, "rdns-concurrency", 16, "lookups in flight")
}

// asnSourceName is the ASN databases' key among a geoSetup's sources: their
// credit line is shown whenever they are open.
const asnSourceName = "asn-mmdb"

// netSetup is what the network flags open. A nil *netSetup, or one with
// nothing asked, does nothing.
type netSetup struct {
	ASN     geo.ASNLocator // nil without --asn-mmdb or --ipinfo
	RDNS    *geo.RDNS      // nil without --rdns
	maxTime time.Duration

	asndb *geo.ASNDB
	cache *geo.RDNSCache
}

// build opens what the flags ask for into s.Net; ipinfo, when in use, also
// answers AS numbers if they are asked for.
func (n *netFlags) build(env *Env, s *geoSetup, resolver geo.Resolver) error {
	ns := &netSetup{maxTime: n.rdnsMaxTime}
	var chain geo.ASNChain
	if len(n.asnMMDB) > 0 {
		d, err := geo.OpenASNDB(n.asnMMDB)
		if err != nil {
			return usageErrorf("--asn-mmdb: %v", err)
		}
		ns.asndb = d
		chain = append(chain, d)
		s.addSource(asnSourceName, d.Attribution())
	}
	if s.ipinfo != nil && (n.asn || len(n.asnMMDB) > 0) {
		chain = append(chain, s.ipinfo)
	}
	if n.asn && len(chain) == 0 {
		return usageErrorf("--asn needs a source: add --asn-mmdb FILE or --ipinfo")
	}
	if len(chain) > 0 {
		ns.ASN = chain
	}
	if n.rdns {
		if n.rdnsTimeout <= 0 || n.rdnsMaxTime <= 0 || n.rdnsConcurrency < 1 {
			ns.Close()
			return usageErrorf("--rdns-timeout and --rdns-max-time must be > 0, --rdns-concurrency ≥ 1")
		}
		cfg := geo.RDNSConfig{Resolver: resolver, Concurrency: n.rdnsConcurrency, Timeout: n.rdnsTimeout}
		if path := n.cachePath(env); path != "" {
			c, err := geo.OpenRDNSCache(path, n.rdnsCacheTTL)
			if err != nil {
				s.Warnings = append(s.Warnings, fmt.Sprintf("%v; continuing without the cache", err))
			} else {
				if d := c.Discarded(); d != nil {
					s.Warnings = append(s.Warnings, d.Error())
				}
				ns.cache, cfg.Cache = c, c
			}
		}
		ns.RDNS = geo.NewRDNS(cfg)
	}
	s.Net = ns
	return nil
}

// cachePath is the reverse DNS cache file: the flag's, or
// threatmap/rdns-cache.json in the user cache directory.
func (n *netFlags) cachePath(env *Env) string {
	return cacheFile(env, n.rdnsCache, "rdns-cache.json")
}

// active reports whether anything was asked.
func (s *netSetup) active() bool { return s != nil && (s.ASN != nil || s.RDNS != nil) }

// prefetch resolves the names of the run's addresses, in bulk and within
// --rdns-max-time; names not found in time are simply missing.
func (s *netSetup) prefetch(ctx context.Context, addrs []netip.Addr) error {
	if s == nil || s.RDNS == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, s.maxTime)
	defer cancel()
	if err := s.RDNS.Resolve(ctx, addrs); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return nil
}

// Columns are the names of the columns locate adds: asn and org with an
// AS source, rdns with reverse DNS.
func (s *netSetup) Columns() []string {
	var cols []string
	if s != nil && s.ASN != nil {
		cols = append(cols, "asn", "org")
	}
	if s != nil && s.RDNS != nil {
		cols = append(cols, "rdns")
	}
	return cols
}

// Fill writes the network columns of a into dst: the AS number without
// "AS", the organisation, the registered name; empty when unknown or when
// the lookup failed.
func (s *netSetup) Fill(dst []string, a netip.Addr) {
	i := 0
	if s.ASN != nil {
		if as, err := s.ASN.LocateASN(a); err == nil && as.Known() {
			if as.Number != 0 {
				dst[0] = strconv.FormatUint(uint64(as.Number), 10)
			}
			dst[1] = as.Org
		}
		i = 2
	}
	if s.RDNS != nil {
		if name, err := s.RDNS.Name(a); err == nil {
			dst[i] = name
		}
	}
}

// writeSummary prints the top networks and the share of addresses with a
// registered name, over the run's distinct addresses that are not bogons.
func (s *netSetup) writeSummary(w io.Writer, addrs []netip.Addr) {
	if !s.active() {
		return
	}
	addrs = slices.DeleteFunc(slices.Clone(addrs), func(a netip.Addr) bool { _, bogon := geo.Bogon(a); return bogon })
	if len(addrs) == 0 {
		return
	}
	if s.ASN != nil {
		counts := map[string]int{}
		known := 0
		for _, a := range addrs {
			if as, err := s.ASN.LocateASN(a); err == nil && as.Known() {
				known++
				counts[as.String()]++
			}
		}
		fmt.Fprintf(w, "  networks:    %s of %s with an AS; top: %s\n", formatCount(known), locPlural(len(addrs), "address", "addresses"), topCounts(counts, len(addrs), 5))
	}
	if s.RDNS != nil {
		domains := map[string]int{}
		named := 0
		for _, a := range addrs {
			if name, err := s.RDNS.Name(a); err == nil && name != "" {
				named++
				domains[geo.RegisteredDomain(name)]++
			}
		}
		st := s.RDNS.Stats()
		fmt.Fprintf(w, "  names:       %s of %s (%.0f%%) have a registered name; top domains: %s\n",
			formatCount(named), locPlural(len(addrs), "address", "addresses"), 100*float64(named)/float64(len(addrs)), topCounts(domains, len(addrs), 5))
		fmt.Fprintf(w, "  rdns:        %s, %s from the cache, %s failed or timed out\n", locPlural(st.Lookups, "lookup"), formatCount(st.CacheHits), formatCount(st.Failed))
	}
}

// topCounts formats the n largest counts as "name count (share%)", largest
// first, ties by name.
func topCounts(m map[string]int, total, n int) string {
	type kv struct {
		k string
		v int
	}
	var all []kv
	for k, v := range m {
		all = append(all, kv{k, v})
	}
	slices.SortFunc(all, func(a, b kv) int {
		if c := cmp.Compare(b.v, a.v); c != 0 {
			return c
		}
		return cmp.Compare(a.k, b.k)
	})
	if len(all) == 0 {
		return "none"
	}
	var parts []string
	for _, e := range all[:min(n, len(all))] {
		parts = append(parts, fmt.Sprintf("%s %d (%.0f%%)", e.k, e.v, 100*float64(e.v)/float64(total)))
	}
	return strings.Join(parts, ", ")
}

// Close saves the names cache and closes the ASN databases.
func (s *netSetup) Close() error {
	if s == nil {
		return nil
	}
	var errs []error
	if s.cache != nil {
		errs = append(errs, s.cache.Save())
	}
	if s.asndb != nil {
		errs = append(errs, s.asndb.Close())
	}
	return errors.Join(errs...)
}

// lookups are the report's view of the networks asked for: an address's
// autonomous system ("AS16276 OVH SAS") and the registered domain of its
// name; nil for a lookup not asked for, "" where the answer is unknown.
func (s *netSetup) lookups() (system, domain func(netip.Addr) string) {
	if s.ASN != nil {
		system = func(a netip.Addr) string {
			if as, err := s.ASN.LocateASN(a); err == nil && as.Known() {
				return as.String()
			}
			return ""
		}
	}
	if s.RDNS != nil {
		domain = func(a netip.Addr) string {
			if name, err := s.RDNS.Name(a); err == nil && name != "" {
				return geo.RegisteredDomain(name)
			}
			return ""
		}
	}
	return system, domain
}
