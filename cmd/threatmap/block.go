package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/netip"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/threatmap/threatmap/block"
	"github.com/threatmap/threatmap/classify"
	"github.com/threatmap/threatmap/geo"
	"github.com/threatmap/threatmap/located"
	"github.com/threatmap/threatmap/located/column"
)

// nothingFoundError marks a run that read its input but found nothing to
// write: exit 3.
func nothingFoundError(err error) error {
	return &exitError{code: exitNothingFound, err: err}
}

// blockFlags are the flags of threatmap block.
type blockFlags struct {
	cf         classifyFlags
	geo        geoFlags
	logFormat  string
	minRisk    int
	minScore   float64
	categories multiFlag
	exclude    string
	expire     string
	format     string
	aggregate  string
	name       string
	byCountry  bool
	above      float64
	out        string
	quiet      bool

	minRiskGiven bool
}

func blockCommand() *command {
	return &command{
		name:    "block",
		args:    "LOG...|actors.csv",
		summary: "logs or actors CSV → block list (plain, cidr, nftables, ipset, iptables, fail2ban, crowdsec, csv)",
		about: `Reads server logs (as classify does) or an actors CSV written by
'classify --actors', and writes the addresses to block in a firewall's or a
ban tool's syntax. Private and reserved ranges, --exclude and
--trusted-proxy ranges are never listed, and an aggregated prefix never
covers an address that was seen and not listed. When nothing is found
nothing is written and the exit code is 3.

Formats: plain (one address a line), cidr, nftables (nft -f), ipset
(ipset -exist restore), iptables-restore and ip6tables-restore (load with
--noflush), fail2ban (fail2ban-client commands), crowdsec (cscli decisions
import -i FILE.csv), csv (address,category,risk,score,country,asn,reason,
first_seen,last_seen). --expire applies to nftables, ipset and crowdsec.`,
		examples: []string{
			"threatmap block /var/log/auth.log* > block.txt",
			"threatmap block --format nftables --expire 7d -o /etc/nftables.d/threatmap.nft access.log",
			"threatmap block --format cidr --aggregate 24,48 --exclude office.txt actors.csv",
			"threatmap block --format fail2ban --name sshd --category brute_force auth.log | sh",
			"threatmap block --by-country access.log",
			"threatmap block --countries-above 90 --format ipset --mmdb GeoLite2-Country.mmdb access.log",
		},
		flags:  blockFlagGroups,
		values: map[string][]string{"format": strings.Split(blockFormatNames(), ", "), "log-format": classify.Formats(), "category": threatNames()},
	}
}

func blockFlagGroups(g *flagGroups) runFunc {
	var f blockFlags
	g.add("", "", func(fs *flag.FlagSet) {
		fs.IntVar(&f.minRisk, "min-risk", block.DefaultMinRisk, "lowest risk `N` listed (1-5; 1 when --category is given)")
		fs.Float64Var(&f.minScore, "min-score", 0, "lowest composite score `S` listed (0-100)")
		fs.Var(&f.categories, "category", "list only these `CATEGORIES` (comma-separated, repeatable)")
		fs.StringVar(&f.exclude, "exclude", "", "allowlist `FILE`: one address or CIDR a line, # comments; never listed")
		fs.StringVar(&f.expire, "expire", "", "block for `D` (7d, 12h, 90m) where the format supports timeouts")
		fs.StringVar(&f.format, "format", "plain", "output `FORMAT`: "+blockFormatNames())
		fs.StringVar(&f.aggregate, "aggregate", "", "merge into prefixes no wider than /`V4[,V6]`, or none (default 24,48 for cidr, none otherwise)")
		fs.StringVar(&f.name, "name", block.DefaultName, "nftables table, ipset set, iptables chain or fail2ban jail `NAME`")
		fs.BoolVar(&f.byCountry, "by-country", false, "write the countries ranked by the share of their addresses that are listed")
		fs.Float64Var(&f.above, "countries-above", -1, "block the networks of every country whose share is above `P` percent")
		fs.StringVar(&f.out, "o", "-", "output `FILE` (- for stdout), written atomically")
		fs.BoolVar(&f.quiet, "q", false, "quiet: no summary on stderr")
	})
	g.add("Reading logs", "", func(fs *flag.FlagSet) {
		cf := &f.cf
		fs.StringVar(&f.logFormat, "log-format", "auto", "log `FORMAT`: "+strings.Join(classify.Formats(), ", "))
		fs.Var(&cf.rules, "rules", "merge a rule `FILE` over the default set (repeatable)")
		fs.Var(&cf.proxies, "trusted-proxy", "`CIDR` of a reverse proxy: its X-Forwarded-For is believed, and it is never listed (repeatable)")
		fs.StringVar(&cf.logTZ, "log-tz", "Local", "time `ZONE` the logs were written in, for timestamps without an offset (Local: this machine's)")
		fs.IntVar(&cf.maxActors, "max-actors", classify.DefaultMaxActors, "cap on tracked addresses (`N`)")
		fs.StringVar(&cf.since, "since", "", "list addresses seen at or after `TIME` (RFC 3339, a date, or an age: 30d, 12h)")
		fs.StringVar(&cf.until, "until", "", "list addresses seen before `TIME` (same forms)")
	})
	g.add("Geolocation (for --by-country, --countries-above and the csv format)", geoFlagsNote, f.geo.register)
	return func(ctx context.Context, env *Env, inputs []string) error {
		f.minRiskGiven = flagGiven(g.fs, "min-risk")
		return blockRun(ctx, env, &f, inputs)
	}
}

// threatNames are the category names, for completion.
func threatNames() []string {
	var out []string
	for _, c := range classify.ByRisk() {
		out = append(out, c.String())
	}
	return out
}

// blockRun writes the block list of the inputs.
func blockRun(ctx context.Context, env *Env, f *blockFlags, inputs []string) error {
	format, policy, paths, err := f.prepare(env, inputs, time.Now())
	if err != nil {
		return err
	}
	entries, inputErrs, err := f.read(ctx, env, paths)
	if err != nil {
		return err
	}
	var setup *geoSetup
	if f.byCountry || format == block.CSV {
		if setup, err = f.geo.build(env, nil); err != nil {
			return err
		}
		defer setup.Close()
		if err := locateEntries(ctx, setup, entries); err != nil {
			return fmt.Errorf("block: %w", err)
		}
	}
	sel := policy.Select(entries)
	if !f.quiet {
		printBlockSummary(env.Stderr, &policy, &sel)
		f.warnUnused(env.Stderr, format)
	}
	write, found, err := f.output(env, setup, &policy, &sel, format)
	if err != nil {
		return err
	}
	lost := ""
	if len(inputErrs) > 0 {
		lost = fmt.Sprintf(" (%d input(s) not read to the end: %v)", len(inputErrs), errors.Join(inputErrs...))
	}
	if found == 0 {
		return nothingFoundError(fmt.Errorf("block: nothing found to block%s; nothing written", lost))
	}
	if err := writeAtomic(f.out, env.Stdout, write); err != nil {
		return fmt.Errorf("block: %w", err)
	}
	if lost != "" {
		return partialError(fmt.Errorf("block:%s", lost))
	}
	return nil
}

// prepare checks the flags and the inputs: the output format, the policy,
// the paths to read.
func (f *blockFlags) prepare(env *Env, inputs []string, now time.Time) (block.Format, block.Policy, []string, error) {
	if len(inputs) == 0 {
		inputs = []string{"-"}
	}
	f.cf.format = f.logFormat
	if len(f.categories) > 0 && !f.minRiskGiven {
		f.minRisk = 1 // the categories named say what to list
	}
	format, err := block.ParseFormat(f.format)
	if err != nil {
		return format, block.Policy{}, nil, usageErrorf("--format: %v", err)
	}
	policy, err := f.policy(now)
	if err != nil {
		return format, policy, nil, err
	}
	in, err := classify.Expand(inputs)
	if err != nil {
		return format, policy, nil, usageErrorf("%v (check the path)", err)
	}
	if !f.quiet {
		printPassed(env.Stderr, in.Passed)
	}
	paths := in.Paths
	if err := checkOutputs(allInputs(paths, f.cf.rules, []string{f.exclude}, f.geo.mmdb), f.out); err != nil {
		return format, policy, nil, err
	}
	if f.above >= 0 {
		f.byCountry = true
		if format.ListsAddresses() {
			return format, policy, nil, usageErrorf("--countries-above writes networks: use --format cidr, nftables, ipset, iptables-restore, ip6tables-restore or crowdsec")
		}
	}
	return format, policy, paths, nil
}

// output chooses what is written: a country block, the countries ranked,
// or the address list; found is how many lines of content it holds.
func (f *blockFlags) output(env *Env, setup *geoSetup, p *block.Policy, sel *block.Selection, format block.Format) (write func(io.Writer) error, found int, err error) {
	switch {
	case f.above >= 0:
		return f.countryBlock(env, setup.countryNetworks(), p, sel, format)
	case f.byCountry:
		shares, _ := block.ByCountry(sel)
		return func(w io.Writer) error { return writeShares(w, shares) }, len(shares), nil
	}
	return f.addressList(p, sel, format)
}

// warnUnused says which of the flags given the format cannot honour.
func (f *blockFlags) warnUnused(w io.Writer, format block.Format) {
	if f.byCountry && f.above < 0 {
		return // the ranking is written, not a list
	}
	if f.expire != "" && format != block.NFTables && format != block.IPSet && format != block.CrowdSec {
		fmt.Fprintf(w, "block: warning: --format %s has no expiry; --expire is ignored\n", format)
	}
	if f.aggregate != "" && format.ListsAddresses() {
		fmt.Fprintf(w, "block: warning: --format %s lists single addresses; --aggregate is ignored\n", format)
	}
}

// flagGiven reports whether the flag was set on the command line.
func flagGiven(fs *flag.FlagSet, name string) bool {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}

// policy builds the block policy the flags describe.
func (f *blockFlags) policy(now time.Time) (block.Policy, error) {
	p := block.Policy{MinRisk: f.minRisk, MinScore: f.minScore}
	if f.minRisk < 1 || f.minRisk > 5 {
		return p, usageErrorf("--min-risk %d: want 1 to 5", f.minRisk)
	}
	for _, list := range f.categories {
		for _, name := range strings.Split(list, ",") {
			c, err := classify.ParseCategory(strings.TrimSpace(name))
			if err != nil {
				return p, usageErrorf("--category: %v", err)
			}
			p.Categories = append(p.Categories, c)
		}
	}
	tr, err := parseWindow(f.cf.since, f.cf.until, now)
	if err != nil {
		return p, err
	}
	p.Since, p.Until = tr.Since, tr.Until
	opts, err := f.cf.options(now)
	if err != nil {
		return p, err
	}
	p.TrustedProxies = opts.TrustedProxies
	for _, r := range geo.BogonRanges() {
		p.Reserved = append(p.Reserved, r.Prefix)
	}
	if f.exclude != "" {
		rc, err := os.Open(f.exclude)
		if err != nil {
			return p, usageErrorf("--exclude: %v", plainErr(err))
		}
		p.Exclude, err = block.ParseExclude(rc)
		rc.Close()
		if err != nil {
			return p, usageErrorf("--exclude %s: %v", f.exclude, err)
		}
	}
	if p.Expire, err = parseExpire(f.expire); err != nil {
		return p, err
	}
	return p, nil
}

// parseExpire reads a duration that may count days or weeks: "7d", "2w",
// "12h", "1h30m". Empty is no expiry.
func parseExpire(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	if unit := map[byte]time.Duration{'d': 24 * time.Hour, 'w': 7 * 24 * time.Hour}[s[len(s)-1]]; unit != 0 {
		if n, err := strconv.Atoi(s[:len(s)-1]); err == nil && n > 0 {
			return time.Duration(n) * unit, nil
		}
	} else if d, err := time.ParseDuration(s); err == nil && d > 0 {
		return d, nil
	}
	return 0, usageErrorf("--expire %q: want a positive duration such as 7d, 12h or 90m", s)
}

// read returns an entry per address of the inputs: the rows of actors CSVs,
// or the actors of a classify run over logs.
func (f *blockFlags) read(ctx context.Context, env *Env, paths []string) ([]block.Entry, []error, error) {
	actorFiles := 0
	for _, p := range paths {
		if isActorsCSV(p) {
			actorFiles++
		}
	}
	switch {
	case actorFiles == len(paths):
		var entries []block.Entry
		skipped := 0
		for _, p := range paths {
			es, n, err := readActorsCSV(p)
			if err != nil {
				return nil, nil, usageErrorf("block: %v", err)
			}
			entries, skipped = append(entries, es...), skipped+n
		}
		if skipped > 0 && !f.quiet {
			fmt.Fprintf(env.Stderr, "block: %s of the actors CSV skipped: not an address, category or number\n", locPlural(skipped, "row"))
		}
		return entries, nil, nil
	case actorFiles > 0:
		return nil, nil, usageErrorf("block: give either logs or actors CSVs, not both")
	}
	opts, rules, err := f.cf.setup(time.Now())
	if err != nil {
		return nil, nil, err
	}
	start := time.Now()
	c := classify.NewClassifier(rules, opts)
	prog := newProgress(env.Stderr, inputSize(paths), isTerminal(env.Stderr) && !f.quiet, 250*time.Millisecond)
	inputErrs, err := classifyInputs(ctx, c, paths, env.Stdin, prog, func(classify.Event) error { return nil }, nil)
	prog.Close()
	if err != nil {
		return nil, nil, fmt.Errorf("block: %w", err)
	}
	if !f.quiet {
		stats := c.Stats()
		var agg located.Aggregate
		agg.AddActors(c.Actors())
		counts := agg.Counts()
		printClassifySummary(env.Stderr, &stats, &counts, time.Since(start))
	}
	return block.FromActors(c.Actors()), inputErrs, nil
}

// isActorsCSV reports whether the file at path starts with the header of
// the actors CSV that classify --actors writes.
func isActorsCSV(path string) bool {
	if path == "-" {
		return false
	}
	if isParquetFile(path) {
		return true
	}
	fh, err := os.Open(path)
	if err != nil {
		return false
	}
	defer fh.Close()
	line, _ := bufio.NewReader(io.LimitReader(fh, 4096)).ReadString('\n')
	return strings.HasPrefix(strings.TrimSpace(line), strings.Join(column.ActorHeader[:4], ","))
}

// readActorsCSV reads the rows of an actors CSV (ip, category, risk, score,
// events, first_seen, last_seen, categories, and country and asn when a
// later stage added them). Rows that do not parse are counted and skipped.
func readActorsCSV(path string) (entries []block.Entry, skipped int, err error) {
	fh, err := openTable(path, nil)
	if err != nil {
		return nil, 0, plainErr(err)
	}
	defer fh.Close()
	r := located.NewReader(bufio.NewReader(fh))
	asnCol := -1
	for {
		row, err := r.Read()
		if err == io.EOF {
			return entries, skipped, nil
		}
		var pe *located.ParseError
		if errors.As(err, &pe) {
			skipped++
			continue
		}
		if err != nil {
			return entries, skipped, fmt.Errorf("%s: %w", path, err)
		}
		if asnCol < 0 {
			asnCol = slices.IndexFunc(r.Header(), func(h string) bool { return strings.EqualFold(strings.TrimSpace(h), "asn") })
		}
		if !row.IP.IsValid() {
			skipped++
			continue
		}
		e := block.Entry{Addr: row.IP, Category: row.Category, Risk: row.Category.Risk(), Score: row.Score,
			Events: row.Events, First: row.First, Last: row.Last, Country: strings.ToUpper(row.Location.Country)}
		a := classify.Actor{Counts: row.Counts}
		e.Reason = a.CategoriesString()
		if rec := r.Record(); asnCol >= 0 && asnCol < len(rec) {
			if asn, err := strconv.ParseUint(strings.TrimPrefix(strings.ToUpper(strings.TrimSpace(rec[asnCol])), "AS"), 10, 32); err == nil {
				e.ASN = uint32(asn)
			}
		}
		entries = append(entries, e)
	}
}

// locateEntries fills the country of the entries that have none.
func locateEntries(ctx context.Context, setup *geoSetup, entries []block.Entry) error {
	if setup.NeedsPrefetch() {
		addrs := make([]netip.Addr, 0, len(entries))
		for _, e := range entries {
			addrs = append(addrs, e.Addr)
		}
		if err := setup.Prefetch(ctx, addrs); err != nil {
			return err
		}
	}
	for i := range entries {
		if entries[i].Country != "" {
			continue
		}
		if _, bogon := geo.Bogon(entries[i].Addr); bogon {
			continue
		}
		if loc, err := setup.Locator.Locate(entries[i].Addr); err == nil {
			entries[i].Country = loc.Country
		}
	}
	return nil
}

// addressList is the list of the selected addresses in format.
func (f *blockFlags) addressList(p *block.Policy, sel *block.Selection, format block.Format) (func(io.Writer) error, int, error) {
	l := &block.List{Entries: sel.Listed, Expire: p.Expire, Name: f.name}
	agg := f.aggregate
	if agg == "" && format == block.CIDR {
		agg = "default"
	}
	if agg != "" && !format.ListsAddresses() {
		a, err := block.ParseAggregation(agg)
		if err != nil {
			return nil, 0, usageErrorf("--aggregate: %v", err)
		}
		l.Prefixes = sel.Prefixes(a)
	}
	return func(w io.Writer) error { return block.Write(w, format, l) }, len(sel.Listed), nil
}

// countryBlock is the block of the networks of the countries above the
// --countries-above share, as src lists them (nil: the database in use
// cannot).
func (f *blockFlags) countryBlock(env *Env, src block.CountryNetworks, p *block.Policy, sel *block.Selection, format block.Format) (func(io.Writer) error, int, error) {
	shares, unknown := block.ByCountry(sel)
	countries := block.Above(shares, f.above/100)
	if !f.quiet {
		fmt.Fprintf(env.Stderr, "block: %s ranked (%s without a country); above %g%%: %s\n",
			locPlural(len(shares), "country", "countries"), locPlural(unknown, "address", "addresses"), f.above, strings.Join(countries, " "))
	}
	if len(countries) == 0 {
		return nil, 0, nil
	}
	if src == nil {
		return nil, 0, usageErrorf("block: the geolocation database in use cannot list a country's networks")
	}
	nets, err := p.CountryBlock(src, countries)
	if err != nil {
		return nil, 0, fmt.Errorf("block: %w", err)
	}
	l := &block.List{Prefixes: nets, Expire: p.Expire, Name: f.name, Reason: "threatmap/country " + strings.Join(countries, "+")}
	return func(w io.Writer) error { return block.Write(w, format, l) }, len(nets), nil
}

// countryNetworks returns the first database of the setup that can list a
// country's networks, or nil.
func (s *geoSetup) countryNetworks() block.CountryNetworks {
	for _, m := range []*geo.MMDB{s.mmdb, s.embedded} {
		if m == nil {
			continue
		}
		if cn, ok := any(m).(block.CountryNetworks); ok {
			return cn
		}
	}
	return nil
}

func writeShares(w io.Writer, shares []block.CountryShare) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"country", "listed", "seen", "share"})
	for _, s := range shares {
		cw.Write([]string{s.Country, strconv.Itoa(s.Listed), strconv.Itoa(s.Seen), strconv.FormatFloat(s.Share, 'f', 3, 64)})
	}
	cw.Flush()
	return cw.Error()
}

func printBlockSummary(w io.Writer, p *block.Policy, sel *block.Selection) {
	s := sel.Skipped
	fmt.Fprintf(w, "block: %s listed, %s not listed", locPlural(len(sel.Listed), "address", "addresses"), formatCount(s.Total()))
	var parts []string
	for _, r := range []struct {
		n    int
		what string
	}{{s.Risk, fmt.Sprintf("risk below %d", p.MinRisk)}, {s.Score, fmt.Sprintf("score below %g", p.MinScore)},
		{s.Category, "other category"}, {s.Window, "outside the time window"},
		{s.Reserved, "private or reserved"}, {s.Excluded, "excluded"}, {s.TrustedProxy, "trusted proxy"}, {s.Invalid, "invalid"}} {
		if r.n > 0 {
			parts = append(parts, formatCount(r.n)+" "+r.what)
		}
	}
	if len(parts) > 0 {
		fmt.Fprintf(w, " (%s)", strings.Join(parts, ", "))
	}
	fmt.Fprintln(w)
}

// blockFormatNames lists the output formats, comma-separated.
func blockFormatNames() string {
	var names []string
	for _, f := range block.Formats {
		names = append(names, string(f))
	}
	return strings.Join(names, ", ")
}
