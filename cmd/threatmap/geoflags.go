package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/netip"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/threatmap/threatmap/assets"
	"github.com/threatmap/threatmap/geo"
)

// geoFlags are the geolocation flags shared by locate, map and render.
// Register them on a command's FlagSet, then call build.
type geoFlags struct {
	mmdb        mmdbPaths
	schema      string
	verify      bool
	noEmbedded  bool
	ipinfo      bool
	ipinfoURL   string
	cache       string
	cacheTTL    time.Duration
	budget      int
	timeout     time.Duration
	concurrency int
	retries     int
	net         netFlags
}

// mmdbPaths is the repeatable --mmdb flag.
type mmdbPaths []string

func (s *mmdbPaths) String() string     { return strings.Join(*s, ",") }
func (s *mmdbPaths) Set(v string) error { *s = append(*s, v); return nil }

// geoFlagsNote closes the geolocation flags' help.
const geoFlagsNote = `Private, loopback, link-local, CGNAT, documentation, multicast and other reserved addresses are never located; the summary counts them by reason.`

// register adds the flags to fs.
func (g *geoFlags) register(fs *flag.FlagSet) {
	fs.Var(&g.mmdb, "mmdb", "a MaxMind-format database `FILE` (GeoIP2/GeoLite2 City or Country, DB-IP, ip-location-db, IPinfo); repeat for several files, e.g. separate IPv4 and IPv6 files. Asked before the embedded database.")
	fs.StringVar(&g.schema, "mmdb-schema", "auto", "database `schema`: auto, maxmind, dbip, ip-location-db, ipinfo, or a mapping like country=country_code,lat=latitude,lon=longitude,city=city")
	fs.BoolVar(&g.verify, "mmdb-verify", false, "check each database's whole structure when opening it")
	fs.BoolVar(&g.noEmbedded, "no-embedded-db", false, "do not fall back to the embedded country database")
	fs.BoolVar(&g.ipinfo, "ipinfo", false, "also ask the ipinfo.io API (token from the IPINFO_TOKEN environment variable only; it is never printed or stored)")
	fs.StringVar(&g.ipinfoURL, "ipinfo-url", "https://ipinfo.io/", "ipinfo API base `URL`")
	fs.StringVar(&g.cache, "ipinfo-cache", "", "answers cache `FILE` (empty: the user cache directory; off for none)")
	fs.DurationVar(&g.cacheTTL, "ipinfo-cache-ttl", 30*24*time.Hour, "how long cached answers stay valid (a `DURATION`)")
	fs.IntVar(&g.budget, "ipinfo-budget", 20, "at most `N` API requests per run, retries included; a request carries up to 1000 addresses; 0 for no limit")
	fs.DurationVar(&g.timeout, "ipinfo-timeout", time.Minute, "time limit (a `DURATION`) for all API work of a run")
	fs.IntVar(&g.concurrency, "ipinfo-concurrency", 4, "API requests in flight (`N`)")
	fs.IntVar(&g.retries, "ipinfo-retries", 3, "retries (`N`) of a request answered 429 or 5xx, or timed out; waits as long as Retry-After asks, within the time limit")
	g.net.register(fs)
}

// openWorldAndGeo loads the embedded basemap and builds the locator chain
// the flags describe, printing the setup's warnings (a cache that was
// rebuilt, …) unless quiet. Close the setup when done.
func (g *geoFlags) openWorldAndGeo(env *Env, quiet bool) (*assets.World, *geoSetup, error) {
	world, err := assets.LoadWorld()
	if err != nil {
		return nil, nil, err
	}
	setup, err := g.build(env, world)
	if err != nil {
		return nil, nil, err
	}
	if !quiet {
		for _, w := range setup.Warnings {
			fmt.Fprintf(env.Stderr, "threatmap: warning: %s\n", w)
		}
	}
	return world, setup, nil
}

// geoSetup is the locator chain the flags describe, behind a per-run memo.
type geoSetup struct {
	Locator  *geo.Memo
	Warnings []string  // to show the user (a cache that was rebuilt, …)
	Net      *netSetup // autonomous systems and reverse DNS, when asked

	mmdb         *geo.MMDB
	embedded     *geo.MMDB
	ipinfo       *geo.IPInfo
	cache        *geo.IPInfoCache
	attributions map[string]string // Location.Source → credit line
	order        []string          // sources in chain order
}

// build opens the databases and the API client the flags ask for. world
// places country-level answers; pass the one the command already loaded, or
// nil to load it. Close the setup when done: it saves the ipinfo cache.
func (g *geoFlags) build(env *Env, world *assets.World) (*geoSetup, error) {
	if g.noEmbedded && len(g.mmdb) == 0 && !g.ipinfo {
		return nil, usageErrorf("--no-embedded-db leaves no way to locate addresses: add --mmdb or --ipinfo")
	}
	schema, err := geo.ParseSchema(g.schema)
	if err != nil {
		return nil, usageErrorf("--mmdb-schema: %v", err)
	}
	if world == nil {
		if world, err = assets.LoadWorld(); err != nil {
			return nil, err
		}
	}
	points := geo.WorldPoints(world)
	s := &geoSetup{attributions: map[string]string{}}
	var chain geo.Chain
	if len(g.mmdb) > 0 {
		m, err := geo.OpenMMDB(g.mmdb, geo.MMDBOptions{Schema: schema, Points: points, Verify: g.verify})
		if err != nil {
			return nil, usageErrorf("%v", err)
		}
		s.mmdb = m
		for _, info := range m.Databases() {
			s.addSource(info.Name, info.Attribution)
		}
		chain = append(chain, m)
	}
	if g.ipinfo {
		if err := g.buildIPInfo(env, s, points); err != nil {
			s.Close()
			return nil, err
		}
		s.addSource(geo.IPInfoSource, s.ipinfo.Attribution())
		chain = append(chain, s.ipinfo)
	}
	if !g.noEmbedded {
		e, err := geo.NewEmbedded(world)
		if err != nil {
			s.Close()
			return nil, err
		}
		s.embedded = e
		s.addSource(assets.CountryDBName, e.Attribution())
		chain = append(chain, e)
	}
	if err := g.net.build(env, s, env.Resolver); err != nil {
		s.Close()
		return nil, err
	}
	s.Locator = geo.NewMemo(chain)
	return s, nil
}

func (g *geoFlags) buildIPInfo(env *Env, s *geoSetup, points geo.CountryPoints) error {
	token := strings.TrimSpace(env.Getenv("IPINFO_TOKEN"))
	if token == "" {
		return usageErrorf("--ipinfo needs an API token in the IPINFO_TOKEN environment variable (it is never read from the command line)")
	}
	if g.budget < 0 || g.retries < 0 || g.concurrency < 1 || g.timeout <= 0 {
		return usageErrorf("--ipinfo-budget and --ipinfo-retries must be ≥ 0, --ipinfo-concurrency ≥ 1 and --ipinfo-timeout > 0")
	}
	cfg := geo.IPInfoConfig{
		Token:       token,
		BaseURL:     g.ipinfoURL,
		MaxTime:     g.timeout,
		Budget:      g.budget,
		Concurrency: g.concurrency,
		MaxRetries:  g.retries,
		Points:      points,
	}
	if g.retries == 0 {
		cfg.MaxRetries = -1 // the library's zero means its default
	}
	if path := g.cachePath(env); path != "" {
		c, err := geo.OpenIPInfoCache(path, g.cacheTTL)
		if err != nil {
			s.Warnings = append(s.Warnings, fmt.Sprintf("%v; continuing without the cache", err))
		} else {
			if d := c.Discarded(); d != nil {
				s.Warnings = append(s.Warnings, d.Error())
			}
			s.cache, cfg.Cache = c, c
		}
	}
	p, err := geo.NewIPInfo(cfg)
	if err != nil {
		return usageErrorf("%v", err)
	}
	s.ipinfo = p
	return nil
}

// cachePath is the ipinfo cache file: the flag's, or threatmap/ipinfo-cache.json
// in the user cache directory, found through env so tests can move it.
func (g *geoFlags) cachePath(env *Env) string {
	return cacheFile(env, g.cache, "ipinfo-cache.json")
}

// cacheFile is the path of a cache given by a flag's value: "off", "none"
// or "-" for no cache, "" for name in threatmap's folder of the user cache
// directory, anything else as given.
func cacheFile(env *Env, flagValue, name string) string {
	switch flagValue {
	case "off", "none", "-":
		return ""
	case "":
	default:
		return flagValue
	}
	dir := userCacheDir(env)
	if dir == "" {
		return ""
	}
	return filepath.Join(dir, "threatmap", name)
}

// userCacheDir follows os.UserCacheDir, reading the environment through env.
func userCacheDir(env *Env) string {
	switch runtime.GOOS {
	case "windows":
		return env.Getenv("LocalAppData")
	case "darwin", "ios":
		if h := env.Getenv("HOME"); h != "" {
			return filepath.Join(h, "Library", "Caches")
		}
		return ""
	}
	if d := env.Getenv("XDG_CACHE_HOME"); filepath.IsAbs(d) {
		return d
	}
	if h := env.Getenv("HOME"); h != "" {
		return filepath.Join(h, ".cache")
	}
	return ""
}

func (s *geoSetup) addSource(name, attribution string) {
	s.order = append(s.order, name)
	s.attributions[name] = attribution
}

// Prefetch hands the run's addresses to the online locator, if any, in
// batches, and resolves their names with --rdns; otherwise it does nothing.
func (s *geoSetup) Prefetch(ctx context.Context, addrs []netip.Addr) error {
	if err := s.Net.prefetch(ctx, addrs); err != nil {
		return err
	}
	if s.ipinfo == nil {
		return nil
	}
	return s.Locator.Prefetch(ctx, addrs)
}

// NeedsPrefetch reports whether the run should collect its addresses and
// Prefetch them before locating (an online locator is in the chain, or
// names are to be resolved).
func (s *geoSetup) NeedsPrefetch() bool {
	return s.ipinfo != nil || (s.Net != nil && s.Net.RDNS != nil)
}

// Attribution is the attribution line for a map drawn from sum: the credit
// lines of the sources that located at least one address, in chain order;
// of every configured source when none did.
func (s *geoSetup) Attribution(sum geo.Summary) string {
	var parts []string
	for _, name := range s.order {
		a := s.attributions[name]
		if a == "" || (sum.Located > 0 && sum.BySource[name] == 0 && name != asnSourceName) {
			continue
		}
		if !slices.Contains(parts, a) {
			parts = append(parts, a)
		}
	}
	return strings.Join(parts, "; ")
}

// Partial returns an error describing what could not be located because a
// lookup failed (the API, a database), or nil. Addresses that a fallback
// placed at coarser precision after the API failed count too: the result is
// not what was asked for.
func (s *geoSetup) Partial(sum geo.Summary) error {
	var msgs []string
	if sum.Failed > 0 {
		msgs = append(msgs, fmt.Sprintf("%d addresses could not be located (%v)", sum.Failed, sum.FirstError))
	}
	if s.ipinfo != nil {
		if st := s.ipinfo.Stats(); st.Failed > sum.Failed {
			msgs = append(msgs, fmt.Sprintf("ipinfo could not answer for %d addresses; a local database placed some of them at coarser precision", st.Failed))
		}
	}
	if len(msgs) == 0 {
		return nil
	}
	return errors.New(strings.Join(msgs, "; "))
}

// Close saves the ipinfo cache and closes the databases. A cache that cannot
// be saved is an error worth a warning, not a failed run.
func (s *geoSetup) Close() error {
	errs := []error{s.Net.Close()}
	if s.cache != nil {
		errs = append(errs, s.cache.Save())
	}
	if s.mmdb != nil {
		errs = append(errs, s.mmdb.Close())
	}
	if s.embedded != nil {
		errs = append(errs, s.embedded.Close())
	}
	return errors.Join(errs...)
}

// writeSummary prints the located / not located counts of sum, by
// precision, source and reason, and the API's work.
func (s *geoSetup) writeSummary(w io.Writer, sum geo.Summary) {
	var byPrecision []string
	for p := geo.PrecisionCity; p > geo.PrecisionNone; p-- {
		if n := sum.ByPrecision[p]; n > 0 || p == geo.PrecisionCity || p == geo.PrecisionCountry {
			byPrecision = append(byPrecision, formatCount(n)+" "+p.String())
		}
	}
	fmt.Fprintf(w, "  located:     %s of %s (%s)\n",
		formatCount(sum.Located), locPlural(sum.Addresses, "distinct address", "distinct addresses"), strings.Join(byPrecision, ", "))
	for _, c := range sum.Sources() {
		fmt.Fprintf(w, "    %-28s %s\n", c.Name, formatCount(c.N))
	}
	if n := sum.Addresses - sum.Located; n > 0 {
		fmt.Fprintf(w, "  not located: %s\n", formatCount(n))
		for _, c := range sum.Reasons() {
			fmt.Fprintf(w, "    %-28s %s\n", c.Name, formatCount(c.N))
		}
	}
	if s.ipinfo != nil {
		st := s.ipinfo.Stats()
		fmt.Fprintf(w, "  ipinfo:      %s (%s), %s from the cache, %s failed\n",
			locPlural(st.Requests, "request"), locPlural(st.Retries, "retry", "retries"), locPlural(st.CacheHits, "answer"), locPlural(st.Failed, "address", "addresses"))
	}
	if s.Net.active() {
		s.Net.writeSummary(w, s.Locator.Addrs())
	}
}
