package classify

import (
	"bytes"
	"math/bits"
	"net/netip"
	"slices"
	"time"

	"github.com/threatmap/threatmap/located/column"
)

// lineResult is what became of a line.
type lineResult uint8

const (
	resOK         lineResult = iota // classified: an event with a source
	resIgnored                      // recognised but irrelevant (CRON in auth.log, a CSV header)
	resOtherShard                   // a source of another shard (Options.Shard): counted as ignored
	resEmpty
	resTooLong
	resBinary
	resHostname // the client address written as a host name (Apache HostnameLookups On)
	resMalformed
	resBadTime
	numResults
)

// resultNames name every line result: classified, ignored, then the skip
// reasons.
var resultNames = [numResults]string{"classified", "ignored", "other_shard", "empty", "too_long", "binary", "hostname", "malformed", "bad_time"}

// SkipReasons are the keys of Stats.Skipped, in report order: the names of
// the results after resOtherShard.
var SkipReasons = slices.Clone(resultNames[resEmpty:])

// fileCtx is what the parser knows about the file a line comes from.
type fileCtx struct {
	format Format    // the file's format (FormatAuto: detect each line)
	ref    time.Time // reference time for syslog year inference
	cols   column.Index
	w3c    w3cIndex // the fields of a W3C extended log's "#Fields:" directive
}

// verdict is the stateless part of a line's classification: everything
// that depends on the line alone. Per-address windows (DoS, brute force)
// are applied afterwards, in input order, by the Classifier; so chunks of a
// file may be parsed in parallel as long as their verdicts are applied in
// order.
type verdict struct {
	res      lineResult
	format   Format
	time     time.Time
	ip       netip.Addr
	category Category // from definite rules (or the CSV row)
	rule     string
	user     string // the user name an authentication line tried
	window   int    // window rule to feed, −1 for none
	winCat   Category
	winRule  string
	reset    uint64 // windows to forgive
	weight   int    // failures the line stands for (0: an echo of an attempt counted elsewhere)
	svc      service
	echo     bool
	request  bool   // an HTTP request: counts towards the flood threshold
	status   int    // HTTP status (0: none)
	errPath  uint32 // hash of a refused request's path (0: none; see probing)
	// Hashes of the path and the query (0: no query) and of the agent
	// (0: none), for the flood shapes.
	pathHash, queryHash, agentHash uint32
	badVersion                     bool // see record.badVersion
	// probe: the category came from a probe rule on a path the site
	// answered (2xx/3xx); it waits for Finish, which knows whether the path
	// belongs to the site (see siteModel). altCat and altRule are the
	// line's reading without probe rules; host and path name the path.
	probe   bool
	login   bool // a login rule matched
	crawler bool // a declared crawler, verified or without published ranges
	// conn: the line belongs to a connection (record.conn); connOpen: it
	// gives the connection's address, and is no event.
	conn     uint64
	connOpen bool
	altCat   Category
	altRule  string
	host     string
	path     string
	scan     uint64 // a firewall packet's destination (scanKey), 0 for none
}

// lineParser parses and matches lines. It holds scratch space, so each
// goroutine needs its own; its results depend on the line alone.
type lineParser struct {
	rules   *Rules
	trusted []netip.Prefix
	loc     *time.Location
	since   time.Time // zero: open
	until   time.Time // zero: open
	bounded bool      // since or until is set
	shard   Shard

	tc timeCache
	// The last client address an access line began with, as written
	// (addrLen 0: none) and as read.
	addrTok [48]byte
	addrLen int
	addr    netip.Addr
	rec     record
	// recCombined: rec holds only what parseCombined writes (see
	// parseLine).
	recCombined bool
	hits        hits
	dec         []byte
	path        []byte
	low         []byte
	fields      []string
	ruleBuf     []byte
	intern      map[string]string
	js          jsonScanner              // structured (JSON) lines
	reqBuf      []byte                   // a request line put together from its parts
	numTime     [32]byte                 // see numericAccessTime
	idsMsg      []byte                   // an EVE alert's message (parseEveAlert)
	inner       [maxWrapDepth + 1][]byte // a wrapped line, unescaped, per depth
	depth       int                      // wrappers around the line being parsed

	// The automata's hits per user agent and per request target.
	agentHits, targetHits, refHits *hitCache
	hitBuf                         []int32
	pathOK                         bool            // path holds the decoded path of rec.target
	target                         targetInfo      // rec.target's (scanFields)
	noTarget                       targetInfo      // an empty target's
	agentKey                       uint32          // the agent's hash (0: none)
	crawlerIdx                     map[uint32]int8 // agent hash → verified crawler (−1: none)
}

func newLineParser(rules *Rules, opts *Options) *lineParser {
	p := &lineParser{rules: rules, loc: opts.Location, since: opts.Since, until: opts.Until, shard: opts.Shard, intern: map[string]string{}, agentHits: newHitCache(rules.hashSeed), targetHits: newHitCache(rules.hashSeed), refHits: newHitCache(rules.hashSeed)}
	p.bounded = !p.since.IsZero() || !p.until.IsZero()
	p.noTarget = targetInfoOf(nil)
	for _, pr := range opts.TrustedProxies {
		if pr.Addr().Is4In6() {
			pr = netip.PrefixFrom(pr.Addr().Unmap(), max(pr.Bits()-96, 0))
		}
		p.trusted = append(p.trusted, pr.Masked())
	}
	p.hits.conds = make([]uint64, (rules.nconds+63)/64+1)
	p.hits.rules = make([]uint64, (len(rules.rules)+63)/64+1)
	return p
}

func (p *lineParser) isTrusted(a netip.Addr) bool {
	for _, pr := range p.trusted {
		if pr.Contains(a) {
			return true
		}
	}
	return false
}

// classify parses and matches one line (without its line terminator).
func (p *lineParser) classify(line []byte, fc *fileCtx) verdict {
	var v verdict
	p.classifyInto(line, fc, &v)
	return v
}

// classifyInto is classify writing the verdict to v, all of it: a chunk's
// verdicts are made in place.
func (p *lineParser) classifyInto(line []byte, fc *fileCtx, v *verdict) {
	line = trimSpace(line)
	if len(line) == 0 {
		*v = verdict{res: resEmpty, window: -1}
		return
	}
	if line[0] == '"' && len(line) > 2 && line[len(line)-1] == '"' && fc.format != FormatCSV && isAccessLine(line[1:len(line)-1]) {
		line = line[1 : len(line)-1] // an access log with each line quoted once more
	}
	f := fc.format
	if f == FormatAuto {
		f = detectLine(line)
	}
	res := p.parseLine(line, f, fc)
	// A known daemon's syslog line (with its time) that says nothing of
	// interest is read already: no other format reads it better.
	if res >= resIgnored && !(res == resIgnored && f == FormatSyslog && p.rec.service != svcNone && !p.rec.time.IsZero()) {
		res, f = p.reparse(line, f, res, fc)
	}
	if res >= resMalformed && hasControl(line) {
		res = resBinary
	}
	*v = verdict{res: res, format: f, window: -1, svc: p.rec.service}
	if res != resOK {
		return
	}
	r := &p.rec
	v.conn, v.connOpen = r.conn, r.connOpen
	if !r.src.IsValid() && r.conn == 0 {
		v.res = resIgnored
		return
	}
	// A line whose timestamp was cut off is kept: its time is unknown.
	if p.bounded && !r.time.IsZero() && (!p.since.IsZero() && r.time.Before(p.since) || !p.until.IsZero() && !r.time.Before(p.until)) {
		v.res = resIgnored
		return
	}
	// Before any matching and any per-address state: another shard's
	// addresses cost the parse alone.
	if r.src.IsValid() && !p.shard.Contains(r.src) {
		v.res = resOtherShard
		return
	}
	v.time, v.ip, v.weight, v.echo = r.time, r.src, r.repeat, r.echo
	v.scan = r.scan
	if r.echo {
		v.weight = 0
	}
	v.user = p.internBytes(r.user)
	v.request = r.format == FormatAccess || formatTable[r.format].request
	v.status = r.status
	if r.format == FormatCSV { // never a request
		v.category = r.category
		v.rule = p.internBytes(r.rule)
		return
	}
	p.match(r, v)
	if v.request {
		p.requestHashes(r, v)
	}
}

// requestHashes sets a request's hashes in v from p.target, the target's
// information match found.
func (p *lineParser) requestHashes(r *record, v *verdict) {
	v.errPath = errPathHash(r.status, &p.target)
	v.pathHash, v.queryHash = p.target.pathHash, p.target.queryHash
	v.badVersion = r.badVersion
	v.agentHash = p.agentKey // the line's own: match hashed its agent
}

// reparse tries a line that format f did not read (result res) as every
// other format that claims it (mixed logs, or a line two formats claim),
// keeping the best reading.
func (p *lineParser) reparse(line []byte, f Format, res lineResult, fc *fileCtx) (lineResult, Format) {
	best, last := f, f
	for g := Format(1); g < numFormats && res >= resIgnored; g++ {
		if g == f || !formatTable[g].detect(line) {
			continue
		}
		last = g
		if res2 := p.parseLine(line, g, fc); res2 < res {
			res, best = res2, g
		}
	}
	if last != best {
		p.parseLine(line, best, fc)
	}
	return res, best
}

func hasControl(b []byte) bool {
	for _, c := range b {
		if c < 0x20 && c != '\t' || c == 0x7f {
			return true
		}
	}
	return false
}

func (p *lineParser) internBytes(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if s, ok := p.intern[string(b)]; ok {
		return s
	}
	if len(p.intern) >= 4096 {
		return string(b)
	}
	s := string(b)
	p.intern[s] = s
	return s
}

// scanFields runs the literal automata over the record's fields.
func (p *lineParser) scanFields(r *record) {
	rs := p.rules
	p.hits.clear()
	p.path, p.pathOK = nil, true
	if len(r.target) > 0 {
		slot, key, ok := p.targetHits.lookup(r.target)
		if ok {
			slot.apply(&p.hits, rs.targetEntries)
			p.target = slot.info
			p.pathOK = false // decoded when a rule asks for it
		} else {
			p.target = targetInfoOf(r.target)
			t, pathEnd := p.decodeTarget(r.target)
			p.path = t[:pathEnd]
			p.hitBuf = p.hitBuf[:0]
			rs.targetAC.scan(t, &p.hits, rs.targetEntries, pathEnd, &p.hitBuf)
			slot.store(key, p.hitBuf, p.target)
		}
	} else {
		p.target = p.noTarget
	}
	p.agentKey = 0
	if len(r.agent) > 0 && rs.agentAC != nil {
		slot, key, ok := p.agentHits.lookup(r.agent)
		p.agentKey = uint32(key) | 1
		if ok {
			slot.apply(&p.hits, rs.agentEntries)
		} else {
			p.hitBuf = p.hitBuf[:0]
			rs.agentAC.scan(r.agent, &p.hits, rs.agentEntries, len(r.agent), &p.hitBuf)
			slot.store(key, p.hitBuf, targetInfo{})
		}
	}
	if rs.headerAC != nil {
		if len(r.referer) > 0 {
			slot, key, ok := p.refHits.lookup(r.referer)
			if ok {
				slot.apply(&p.hits, rs.headerEntries)
			} else {
				p.hitBuf = p.hitBuf[:0]
				rs.headerAC.scan(r.referer, &p.hits, rs.headerEntries, len(r.referer), &p.hitBuf)
				slot.store(key, p.hitBuf, targetInfo{})
			}
		}
		if len(r.headers) > 0 {
			rs.headerAC.scan(r.headers, &p.hits, rs.headerEntries, len(r.headers), nil)
		}
	}
	if len(r.message) > 0 {
		rs.messageAC.scan(r.message, &p.hits, rs.messageEntries, len(r.message), nil)
	}
}

// match finds the best definite rule and the first window rule.
func (p *lineParser) match(r *record, v *verdict) {
	rs := p.rules
	p.scanFields(r)
	var base, win, probe *cRule
	cands := rs.cands[r.service][r.auth][r.req]
	words := len(cands) / 2
	// Rules whose conditions on the status or the target's shapes fail
	// are not tried.
	statusOK, shapeOK := rs.all, rs.all
	if r.status >= 0 && r.status < maxStatus {
		statusOK = rs.statusOK[r.status*words : (r.status+1)*words]
	}
	if p.target.shapes == 0 {
		shapeOK = rs.unshaped
	}
outer:
	for w := range p.hits.rules[:words] {
		word := (cands[2*w] | p.hits.rules[w]&cands[2*w+1]) & statusOK[w] & shapeOK[w]
		for word != 0 {
			b := bits.TrailingZeros64(word)
			word &= word - 1
			cr := rs.rules[w<<6|b]
			if !p.ruleMatches(cr, r) {
				continue
			}
			if cr.window < 0 && cr.probe {
				// Look on: a login rule on the same line wins.
				if probe == nil {
					probe = cr
				}
				continue
			}
			if cr.window < 0 {
				base = cr
				break outer
			}
			if win == nil && (probe == nil || cr.login) {
				win = cr
			}
		}
	}
	// A probe rule says the path is software the site does not run; a
	// login rule on the same line (an attempt or a success) says the
	// address is logging in, the better reading: a login flood is brute
	// force, not scanning.
	// Only where the site answered: a login flood at a path the site does
	// not have (404) is blind probing.
	answered := r.status < 404 || r.status == 429
	if probe != nil && (win == nil || !win.login || !answered) && (base == nil || !base.login && base.category < probe.category) {
		if r.status >= 200 && r.status < 400 {
			// The site answered: perhaps the path is its own.
			v.probe, v.altRule = true, "" // altCat: legit, unless below
			if base != nil {
				v.altCat, v.altRule = base.category, p.ruleName(base, r)
			}
			v.host, v.path = p.internBytes(r.host), p.pathKey()
		}
		base, win = probe, nil
	}
	if base != nil {
		v.category, v.rule, v.reset = base.category, p.ruleName(base, r), base.reset
	}
	v.login = win != nil && win.login || base != nil && base.login
	if len(rs.crawlerConds) > 0 && len(r.agent) > 0 {
		p.checkCrawler(r, v)
	}
	if win != nil && v.category == Legit && v.reset == 0 {
		v.window, v.winCat, v.winRule = win.window, win.category, p.ruleName(win, r)
	}
}

func (p *lineParser) ruleName(cr *cRule, r *record) string {
	if cr.nameFromJail && len(r.jail) > 0 {
		return p.internBytes(r.jail)
	}
	return cr.name
}

// ruleMatches checks every condition of cr against r.
func (p *lineParser) ruleMatches(cr *cRule, r *record) bool {
	for i := range cr.check {
		if !p.condMatches(&cr.check[i], r) {
			return false
		}
	}
	if cr.probe && p.isPublic() {
		return false
	}
	return true
}

func (p *lineParser) condMatches(c *cCond, r *record) bool {
	switch c.kind {
	case condService, condAuth, condRequest:
		return true // checked by the candidate tables
	case condMethod:
		for _, m := range c.values {
			if string(r.method) == m {
				return true
			}
		}
		return false
	case condStatus:
		for _, s := range c.statuses {
			if r.status == s {
				return true
			}
		}
		return false
	case condLiteral:
		if p.hits.has(c.bit) {
			return true
		}
		return c.emptyOK && r.hasAgent && len(r.agent) == 0
	case condUser, condJail:
		v := r.user
		if c.kind == condJail {
			v = r.jail
		}
		if len(v) == 0 {
			return false
		}
		p.low = append(p.low[:0], v...)
		for i, ch := range p.low {
			p.low[i] = lower(ch)
		}
		_, ok := c.set[string(p.low)]
		return ok
	case condShape:
		return p.target.shapes&c.shapes != 0
	case condSource:
		for _, pr := range c.prefixes {
			if pr.Contains(r.src) {
				return true
			}
		}
		return false
	}
	return false
}

// isPublic reports whether the current path is under one of the site's
// public paths.
func (p *lineParser) isPublic() bool {
	if !p.pathOK {
		t, pathEnd := p.decodeTarget(p.rec.target)
		p.path, p.pathOK = t[:pathEnd], true
	}
	for _, pp := range p.rules.publicPaths {
		if len(p.path) >= len(pp) && bytes.EqualFold(p.path[:len(pp)], []byte(pp)) {
			return true
		}
	}
	return false
}

// decodeTarget percent-decodes the path and the query separately (twice,
// for double encoding) and returns the decoded target and the length of its
// path part.
func (p *lineParser) decodeTarget(t []byte) ([]byte, int) {
	q := bytes.IndexByte(t, '?')
	if bytes.IndexByte(t, '%') < 0 && bytes.IndexByte(t, '\\') < 0 {
		if q < 0 {
			return t, len(t)
		}
		return t, q
	}
	path, query := t, []byte(nil)
	if q >= 0 {
		path, query = t[:q], t[q:]
	}
	d := p.dec[:0]
	d = appendUnescaped(d, path)
	pathEnd := len(d)
	d = appendUnescaped(d, query)
	if bytes.IndexByte(d, '%') >= 0 {
		// Double encoding (%252e): decode the decoded text once more.
		n := len(d)
		d = appendUnescaped(d, d[:pathEnd])
		pe2 := len(d) - n
		d = appendUnescaped(d, d[pathEnd:n])
		copy(d, d[n:])
		d, pathEnd = d[:len(d)-n], pe2
	}
	p.dec = d
	return d, pathEnd
}

// appendUnescaped appends s with %XX decoded and backslashes turned into
// slashes (IIS-style traversal), leaving malformed escapes as they are.
func appendUnescaped(dst, s []byte) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' && i+2 < len(s) {
			if h, ok := unhex(s[i+1]); ok {
				if l, ok := unhex(s[i+2]); ok {
					dst = append(dst, h<<4|l)
					i += 2
					continue
				}
			}
		}
		if c == '\\' {
			c = '/'
		}
		dst = append(dst, c)
	}
	return dst
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c|0x20 >= 'a' && c|0x20 <= 'f':
		return c | 0x20 - 'a' + 10, true
	}
	return 0, false
}
