package classify

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/netip"
	"slices"
	"time"

	"github.com/threatmap/threatmap/internal/par"
	"github.com/threatmap/threatmap/threat"
)

// Options tune a Classifier. The zero value is usable.
type Options struct {
	// Format forces the format of every input; FormatAuto detects it.
	Format Format
	// TrustedProxies are the reverse proxies whose X-Forwarded-For /
	// CF-Connecting-IP field is believed. Headers from any other address are
	// ignored (anyone can send them).
	TrustedProxies []netip.Prefix
	// Location is the zone of timestamps written without an offset (syslog,
	// error logs, fail2ban); nil means UTC.
	Location *time.Location
	// Now is the reference time for year inference when an input has no
	// modification time (stdin); zero means time.Now().
	Now time.Time
	// MaxLineBytes is the longest line read; longer lines are skipped and
	// counted as too_long. Zero means 1 MiB.
	MaxLineBytes int
	// MaxActors caps the addresses tracked (default 1,000,000; see
	// Classifier for the eviction policy).
	MaxActors int
	// Workers is the number of goroutines that parse lines at once; zero
	// means GOMAXPROCS, 1 parses on the calling goroutine. Results do not
	// depend on it.
	Workers int
	// Since and Until keep only lines whose time t is in [Since, Until);
	// other lines are counted as ignored and feed no event, window or
	// actor. A zero bound is open.
	Since, Until time.Time
	// Shard keeps only the sources of one shard of the addresses; lines of
	// other addresses are counted as ignored (and in Stats.OtherShard)
	// and feed no event, window or actor. The zero value keeps all.
	Shard Shard
}

// DefaultMaxActors is the default cap on tracked addresses. Memory grows
// with addresses, never with lines: each tracked address costs about 540
// bytes of heap (its Actor, flood bins, recent request times and map
// entry); one that is failing in a brute-force window about 680 bytes more,
// plus about 190 per further failure held, at most maxretry−1 per window
// (amd64, measured by BenchmarkMemoryPerAddress). An address that sends
// many requests adds two bytes per legit request of the last two flood
// windows (at most twice the flood threshold) and its flood-shape hashes;
// probe hits held for the site model about 150 bytes each, at most 32. At
// the default cap that bounds the state at about 540 MB for a flood of
// distinct addresses. Lines in flight add a fixed few MB (chunks of 256
// KiB, two per worker plus two).
const DefaultMaxActors = 1_000_000

// Classifier turns lines into Events and keeps per-address state: counts,
// the DoS histogram bin and the brute-force windows. It is not safe for
// concurrent use. Memory grows with distinct addresses, never with lines.
//
// When MaxActors addresses are tracked and a new one arrives, addresses that
// only ever sent legit lines and hold no pending failures are evicted (they
// are reported in Stats.Evicted and no longer appear in Actors). If that
// frees less than a tenth of the table, new addresses are no longer tracked:
// their lines are still classified by the rules, but not counted into
// windows or actors (Stats.Untracked).
//
// Events are emitted in input order, except that failures held by a window
// are emitted when the window decides: at the threshold (as brute force),
// when they age out of findtime or a success forgives them (as they would
// otherwise be), or by Finish; and that probe hits on paths the site
// answered are emitted by Finish (see siteModel).
type Classifier struct {
	rules   *Rules
	opts    Options
	parser  *lineParser   // for sequential runs
	parsers []*lineParser // one per worker, made on first use
	chunks  []*chunk      // reused from file to file
	// chunkSize is the size of the blocks files are cut into (tests make
	// it small); a file's first blocks are smaller, so that small files
	// start at once.
	chunkSize int

	addrs addrTable // the addresses' states
	// states are the states of addrs in the order their addresses first
	// came, which is their order in memory: walked in it, the end of a
	// run reads the states one after the other instead of at random.
	states    []*ipState
	last      *ipState // the previous line's address: logs come in bursts
	saturated bool
	conns     map[uint64]connInfo // connections' addresses and users (see connAddr)
	site      siteModel
	stats     Stats
	events    [NumCategories]int64
	ignoredBy [numServices]int64
}

// ipState is what is kept per address: what every request reads, kept
// small, and the rest apart (moreState), made for the addresses that need
// it. Most addresses of a web log only browse.
type ipState struct {
	actor  tally
	dos    rateBin     // requests per dos window
	burst  rateBin     // requests per burst window
	recent recentLegit // its legit requests of the last two dos bins
	more   *moreState  // lazily (needMore)
	// loggedIn: the address logged in successfully (a rule with reset
	// matched) at least once.
	loggedIn bool
	// browsed: the address fetched an ordinary page (a legit request the
	// site answered 2xx), which makes it a client the site model learns
	// from.
	browsed bool
	num     uint32 // its number in addrTable
}

// moreState is the state of an address that did more than browse: it
// flooded, failed to log in, was refused, sent packets to a firewall or
// probed.
type moreState struct {
	floodSt *floodState // lazily, once the address sends many requests
	windows []winState  // lazily, one per rule-set window
	auth    *authState  // lazily, at the first authentication failure
	ports   *portState  // lazily, at the first firewall packet
	// loginRedirect: a login form answered the address with a redirect
	// (302/303), as it does a successful login; with no failures decided
	// as brute force, the address is taken to be a user of the site.
	loginRedirect bool
	strayUsed     bool        // a declared crawler's one stray request was forgiven
	probes        []heldProbe // probe hits on answered paths, decided by Finish
	errs          *errState   // lazily, at the first refused request
}

// needMore returns the address's moreState, made on first use.
func (st *ipState) needMore() *moreState {
	if st.more == nil {
		st.more = &moreState{}
	}
	return st.more
}

// windows returns the address's window counters (nil when none).
func (st *ipState) windows() []winState {
	if st.more == nil {
		return nil
	}
	return st.more.windows
}

// winState is one fail2ban-style counter for one address.
type winState struct {
	tripped bool
	fails   int     // attempts mode: failures since the last success
	times   []int64 // rate mode: unix seconds of pending failures (oldest first)
	held    []heldEvent
}

type heldEvent struct {
	ev      Event
	winRule string
	winCat  Category
	weight  int
}

// NewClassifier returns a classifier using rules.
func NewClassifier(rules *Rules, opts Options) *Classifier {
	if opts.MaxLineBytes <= 0 {
		opts.MaxLineBytes = 1 << 20
	}
	if opts.MaxLineBytes < 256 {
		opts.MaxLineBytes = 256
	}
	if opts.MaxActors <= 0 {
		opts.MaxActors = DefaultMaxActors
	}
	return &Classifier{
		rules:     rules,
		opts:      opts,
		parser:    newLineParser(rules, &opts),
		chunkSize: defaultChunkSize,
		addrs:     newAddrTable(rand.Uint64(), rand.Uint64()),
		stats:     Stats{Skipped: map[string]int64{}},
	}
}

// Classify reads r to the end as the input named source (a path, or "-"),
// calling emit for each event. modTime is the input's modification time, the
// reference for syslog lines without a year (zero: Options.Now). It returns
// the input's stats; a read error (a truncated .gz) is recorded in them and
// returned after everything before it was classified. An error from emit
// stops the run and is returned as is.
//
// The input is read on a goroutine of its own and cut into chunks at line
// boundaries, which Options.Workers goroutines parse at once; the
// per-address windows are applied, and emit is called, on the calling
// goroutine in input order, so events, actors and stats do not depend on
// the number of workers. A line is too long (skipped as too_long) when it
// has more than MaxLineBytes bytes, its newline included.
func (c *Classifier) Classify(ctx context.Context, r io.Reader, source string, modTime time.Time, emit func(Event) error) (FileStats, error) {
	fs := FileStats{Path: source}
	ref := modTime
	if ref.IsZero() {
		ref = c.opts.Now
		if ref.IsZero() {
			ref = time.Now()
		}
	}
	br := decodeInput(bufio.NewReaderSize(r, 64<<10))
	fc := fileCtx{format: c.opts.Format, ref: ref, cols: noColumns}
	if fc.format == FormatAuto {
		fc.format = sniff(br)
	}
	fs.Format = fc.format.String()
	if fc.format == FormatAuto {
		fs.Format = "mixed"
	}
	fc.cols = initialColumns(br)
	fc.w3c = initialW3C(br)
	s := &splitter{r: br, max: c.opts.MaxLineBytes, size: c.chunkSize / 4, maxSize: c.chunkSize}
	if err := c.run(ctx, s, fc, source, &fs, emit); err != nil {
		return fs, err // from emit, or ctx
	}
	fs.Lines += s.tooLong
	c.countN(resTooLong, s.tooLong)
	var err error
	if s.err != io.EOF {
		err = s.err
	}
	if err != nil {
		fs.Error = readErrorText(err)
		err = &InputError{Path: source, Err: err}
	}
	c.stats.Files = append(c.stats.Files, fs)
	c.stats.Lines += fs.Lines
	return fs, err
}

func readErrorText(err error) string {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return "truncated: " + err.Error()
	}
	return err.Error()
}

// InputError is an input that could not be read to the end; what was read
// before the error has been classified.
type InputError struct {
	Path string
	Err  error
}

func (e *InputError) Error() string { return fmt.Sprintf("classify: %s: %v", e.Path, e.Err) }
func (e *InputError) Unwrap() error { return e.Err }

// sniff detects a file's format from its first lines without consuming
// them. Mixed files (no majority) are detected line by line.
func sniff(br *bufio.Reader) Format {
	buf, _ := br.Peek(32 << 10)
	var votes [numFormats]int
	total := 0
	for len(buf) > 0 && total < 20 {
		i := bytes.IndexByte(buf, '\n')
		line := buf
		if i >= 0 {
			line, buf = buf[:i], buf[i+1:]
		} else {
			buf = nil
		}
		if f := detectLine(line); f != FormatAuto {
			votes[f]++
			total++
		}
	}
	best := FormatAuto
	for f := range votes {
		if votes[f] > votes[best] {
			best = Format(f)
		}
	}
	if best != FormatAuto && votes[best]*2 > total {
		return best
	}
	return FormatAuto
}

// countN counts n lines with the result res.
func (c *Classifier) countN(res lineResult, n int64) {
	if n == 0 {
		return
	}
	switch res {
	case resOK:
		c.stats.Classified += n
	case resIgnored:
		c.stats.Ignored += n
	case resOtherShard:
		c.stats.Ignored += n
		c.stats.OtherShard += n
	default:
		c.stats.Skipped[resultNames[res]] += n
	}
}

// apply runs a verdict through the address's windows and emits what they
// release.
func (c *Classifier) apply(v *verdict, source string, emit func(Event) error) error {
	if v.conn != 0 && !c.connAddr(v) {
		return nil
	}
	ev := Event{Time: v.time, IP: v.ip, Category: v.category, Rule: v.rule, Source: source, User: v.user, Service: serviceNames[v.svc]}
	if v.time.IsZero() {
		c.stats.Untimed++
	}
	st := c.state(v.ip)
	if st == nil { // untracked
		c.stats.Untracked++
		return c.emit(nil, &ev, emit)
	}
	rs := c.rules
	if v.request {
		if err := c.flood(st, v, &ev, emit); err != nil {
			return err
		}
	}
	if v.crawler {
		c.strayRequest(st, v, &ev)
	}
	if v.probe && c.holdProbe(st, v, ev) {
		return nil
	}
	if v.request && ev.Category == Legit && v.status >= 200 && v.status < 300 {
		st.browsed = true
	}
	if v.login && (v.status == 302 || v.status == 303) {
		st.needMore().loginRedirect = true
	}
	if v.errPath != 0 {
		c.probing(st, v, &ev)
	}
	if v.scan != 0 && rs.scan.enabled {
		m := st.needMore()
		if m.ports == nil {
			m.ports = &portState{}
		}
		if m.ports.add(v.scan, v.time.Unix(), &rs.scan) && ev.Category < PortScanner {
			ev.Category, ev.Rule = PortScanner, rs.scan.name
			v.window = -1
		}
	}
	if v.reset != 0 {
		st.loggedIn = true
		if err := c.forgive(st, v.reset, emit); err != nil {
			return err
		}
	}
	// Authentication failures: what attempts windows count, and what a
	// definite rule calls brute force (not every HTTP 401 a rate window
	// counts is one).
	if v.window >= 0 && rs.windows[v.window].attempts || v.window < 0 && v.category == BruteForce {
		m := st.needMore()
		if m.auth == nil {
			m.auth = &authState{}
		}
		m.auth.add(v.user, v.svc)
	}
	if v.window < 0 {
		return c.emit(st, &ev, emit)
	}
	m := st.needMore()
	if m.windows == nil {
		m.windows = make([]winState, len(rs.windows))
	}
	ws := &m.windows[v.window]
	if ws.tripped {
		ev.Category, ev.Rule = v.winCat, v.winRule
		return c.emit(st, &ev, emit)
	}
	cw := rs.windows[v.window]
	if cw.attempts {
		ws.fails += v.weight
		ws.held = append(ws.held, heldEvent{ev: ev, winRule: v.winRule, winCat: v.winCat, weight: v.weight})
		// Echoes alone (PAM lines without the daemon's own) decide too,
		// at twice the count, so that what is held stays bounded.
		if ws.fails >= cw.maxRetry || len(ws.held) >= 2*cw.maxRetry {
			ws.tripped, ws.fails = true, 0
			return c.release(st, ws, len(ws.held), true, emit)
		}
		return nil
	}
	now := v.time.Unix()
	// Age out failures older than findtime: they never reached the threshold.
	old := 0
	for old < len(ws.times) && ws.times[old] <= now-cw.findTime {
		old++
	}
	if old > 0 {
		heldOld := 0
		for heldOld < len(ws.held) && ws.held[heldOld].ev.Time.Unix() <= now-cw.findTime {
			heldOld++
		}
		if err := c.release(st, ws, heldOld, false, emit); err != nil {
			return err
		}
		ws.times = append(ws.times[:0], ws.times[old:]...)
	}
	for i := 0; i < max(v.weight, 1) && len(ws.times) < cw.maxRetry; i++ {
		ws.times = append(ws.times, now)
	}
	ws.held = append(ws.held, heldEvent{ev: ev, winRule: v.winRule, winCat: v.winCat, weight: v.weight})
	if len(ws.times) >= cw.maxRetry {
		ws.tripped = true
		ws.times = nil
		return c.release(st, ws, len(ws.held), true, emit)
	}
	return nil
}

// forgive applies a successful login to the windows in reset: their held
// failures are released as what they would otherwise be (an admin who
// mistyped). An attempts window that had already decided (many failures,
// then a success) marks the address as likely compromised and starts
// counting afresh; a rate window that decided stays decided.
func (c *Classifier) forgive(st *ipState, reset uint64, emit func(Event) error) error {
	wins := st.windows()
	for w := range wins {
		ws := &wins[w]
		if reset&(1<<w) == 0 {
			continue
		}
		if c.rules.windows[w].attempts {
			if ws.tripped {
				st.actor.Compromised = true
				ws.tripped = false
			}
			ws.fails = 0
		} else if ws.tripped {
			continue
		}
		if err := c.release(st, ws, len(ws.held), false, emit); err != nil {
			return err
		}
		ws.times = ws.times[:0]
	}
	return nil
}

// release emits the first n held events of a window, as brute force when
// the window tripped and as their own category otherwise.
func (c *Classifier) release(st *ipState, ws *winState, n int, tripped bool, emit func(Event) error) error {
	for i := 0; i < n; i++ {
		h := ws.held[i]
		if tripped {
			h.ev.Category, h.ev.Rule = h.winCat, h.winRule
		}
		if err := c.emit(st, &h.ev, emit); err != nil {
			return err
		}
	}
	rest := copy(ws.held, ws.held[n:])
	clear(ws.held[rest:])
	ws.held = ws.held[:rest]
	if len(ws.held) == 0 {
		ws.held = nil
	}
	return nil
}

func (c *Classifier) emit(st *ipState, ev *Event, emit func(Event) error) error {
	c.events[ev.Category]++
	if st != nil {
		st.actor.add(ev)
	}
	if emit == nil {
		return nil
	}
	return emit(*ev)
}

// state returns the address's state, creating it; nil when untracked.
func (c *Classifier) state(ip netip.Addr) *ipState {
	if c.last != nil && c.last.actor.IP == ip {
		return c.last
	}
	if st := c.addrs.get(ip); st != nil {
		c.last = st
		return st
	}
	if len(c.states) >= c.opts.MaxActors {
		if c.saturated || !c.evict() {
			return nil
		}
	}
	st := c.addrs.add(ip)
	st.dos = rateBin{bin: -1 << 62, start: -1 << 62}
	st.burst = rateBin{bin: -1 << 62, start: -1 << 62}
	c.states = append(c.states, st)
	c.last = st
	return st
}

// maxConns bounds the connections whose addresses are kept; past it the
// table starts again (a connection's lines are seconds apart).
const maxConns = 1 << 16

// connInfo is what the lines of a connection said of it.
type connInfo struct {
	ip   netip.Addr
	user string
}

// connAddr handles a verdict of a connection (verdict.conn): a line that
// opens one records its address (a later one of it may name its user) and
// is no event; a later line without an address takes the connection's,
// and its user when the line names none, or, the opening unseen, is
// ignored. It reports whether the verdict goes on to be applied.
func (c *Classifier) connAddr(v *verdict) bool {
	if v.connOpen {
		if c.conns == nil || len(c.conns) >= maxConns {
			c.conns = make(map[uint64]connInfo)
		}
		if v.ip.IsValid() {
			c.conns[v.conn] = connInfo{ip: v.ip, user: v.user}
		} else if ci, ok := c.conns[v.conn]; ok {
			ci.user = v.user
			c.conns[v.conn] = ci
		}
		c.countAsIgnored(v)
		return false
	}
	if v.ip.IsValid() {
		return true
	}
	ci, ok := c.conns[v.conn]
	if !ok || !c.opts.Shard.Contains(ci.ip) {
		c.countAsIgnored(v)
		return false
	}
	v.ip = ci.ip
	if v.user == "" {
		v.user = ci.user
	}
	return true
}

// countAsIgnored counts a verdict that makes no event as an ignored line instead
// of a classified one.
func (c *Classifier) countAsIgnored(v *verdict) {
	c.countN(resOK, -1)
	c.countN(resIgnored, 1)
	c.ignoredBy[v.svc]++
}

// evict drops legit-only addresses without pending failures; it reports
// whether room was made.
func (c *Classifier) evict() bool {
	c.last = nil
	before := len(c.states)
	c.states = c.addrs.keep(c.states, func(st *ipState) bool {
		if st.actor.Category != Legit {
			return true
		}
		if st.more != nil && len(st.more.probes) > 0 {
			return true
		}
		for _, w := range st.windows() {
			if len(w.held) > 0 || len(w.times) > 0 || w.fails > 0 {
				return true
			}
		}
		return false
	})
	freed := before - len(c.states)
	c.stats.Evicted += int64(freed)
	if freed < c.opts.MaxActors/10 {
		c.saturated = true
	}
	return len(c.states) < c.opts.MaxActors
}

// Finish decides the probe hits held until the site's own paths are known
// (see siteModel), releases every failure still held by a window (in
// address order) and completes the stats: held by an attempts window, as brute force when
// the address never logged in; otherwise as what they would be. Call it
// once, after the last input.
func (c *Classifier) Finish(emit func(Event) error) error {
	var pending []*ipState
	for _, st := range c.states {
		if m := st.more; m != nil && (m.windows != nil || m.probes != nil) {
			pending = append(pending, st)
		}
	}
	slices.SortFunc(pending, func(a, b *ipState) int { return a.actor.IP.Compare(b.actor.IP) })
	for _, st := range pending {
		if err := c.releaseProbes(st, emit); err != nil {
			return err
		}
		wins := st.more.windows
		for w := range wins {
			decide := c.rules.windows[w].attempts && !st.loggedIn
			if err := c.release(st, &wins[w], len(wins[w].held), decide, emit); err != nil {
				return err
			}
		}
		st.more.windows = nil
	}
	return nil
}

// Actors returns every tracked address with at least one event, scored and
// sorted: highest score first, then higher risk, more events, lower address.
func (c *Classifier) Actors() []Actor {
	out := c.ActorsSeen()
	SortActors(out)
	return out
}

// ActorsSeen returns Actors' actors in the order their addresses were first
// seen (the same for the same input, whatever the number of workers): for
// a caller that only aggregates them, the sort is work for nothing.
func (c *Classifier) ActorsSeen() []Actor { return c.ActorsSeenFunc(nil, nil) }

// ActorsSeenFunc is ActorsSeen for the addresses whose events by category
// keep accepts; the others are passed to skip, in the order first seen,
// and no actor is made of them. A nil keep keeps every one. The counts
// keep and skip are given hold only for the call.
func (c *Classifier) ActorsSeenFunc(keep func(counts *[NumCategories]int) bool, skip func(counts *[NumCategories]int)) []Actor {
	sts := make([]*ipState, 0, len(c.states))
	var counts [NumCategories]int
	for _, st := range c.states {
		if st.actor.Events == 0 {
			continue
		}
		if keep == nil {
			sts = append(sts, st)
			continue
		}
		for cat, n := range st.actor.Counts {
			counts[cat] = int(n)
		}
		if keep(&counts) {
			sts = append(sts, st)
		} else if skip != nil {
			skip(&counts)
		}
	}
	out := make([]Actor, len(sts))
	par.Range(len(sts), minParallelActors, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			out[i] = sts[i].scored()
		}
	})
	return out
}

// scored returns the address's actor with its score.
func (st *ipState) scored() Actor {
	a := st.actor.actor()
	if st.more != nil && st.more.auth != nil {
		a.Services, a.Users = st.more.auth.services(), st.more.auth.topUsers()
	}
	a.Score = Score(&a)
	return a
}

// Stats returns the run's statistics so far (complete after Finish).
func (c *Classifier) Stats() Stats {
	s := c.stats
	s.Files = slices.Clone(c.stats.Files)
	s.Skipped = map[string]int64{}
	for _, r := range SkipReasons {
		s.Skipped[r] = c.stats.Skipped[r]
	}
	s.Events, s.Actors = threat.Tally{}, threat.Tally{}
	for cat := range NumCategories {
		s.Events[cat] = c.events[cat]
	}
	for _, st := range c.states {
		if st.actor.Events > 0 {
			s.Actors[st.actor.Category]++
		}
	}
	s.IgnoredByService = map[string]int64{}
	for svc, n := range c.ignoredBy {
		if n > 0 && service(svc) != svcNone && service(svc) != svcCSV {
			s.IgnoredByService[serviceNames[svc]] = n
		}
	}
	return s
}
