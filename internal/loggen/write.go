package loggen

import (
	"io"
	"math/rand/v2"
	"strconv"
	"time"
)

const (
	bufSize = 1 << 20
	maxLine = 4 << 10 // longer than any line Write makes
)

// meanLen is each kind's mean episode length in lines; the chance of
// starting an episode of a kind is its share divided by its mean length.
var meanLen = [NumKinds]float64{Legit: 4.25, GoodBot: 3.5, Scanner: 64.5, BruteForce: 35.5, Proxy: 2.5, Noise: 2}

// episode is a run of consecutive lines from one source: a visit, a crawl,
// a scan, a brute-force run, a few probes, a burst.
type episode struct {
	kind  Kind
	ip    []byte
	ua    string
	left  int   // lines still to write
	j     int64 // lines written
	t0    int64 // time of the first line, ns since 1970
	step  int64 // ns between lines
	first int   // Legit: assets follow lines 1..first
	page  int   // the current page (Legit) or probe (Scanner) or login path
	bot   int   // GoodBot: index in bots
}

type gen struct {
	cfg                     Config
	rng                     *rand.PCG
	visit, attack, v6, bots pool
	botKind                 []uint8
	buf                     []byte
	w                       io.Writer
	stats                   Stats

	// episode choice: cumulative thresholds over a uint32 draw
	cum      [Noise + 1]uint32
	v6Thresh uint32

	// time: the background clock advances one bgStep per line outside
	// DoS bursts; last is the newest time written, in ns.
	start, bgStep, last int64
	bgIdx               int64
	dosAt               []int64 // background line numbers of the bursts
	dosLen              []int   // their lengths
	dosNext             int

	stamper
}

// Write writes cfg.Lines lines of Apache combined log to w, and returns
// what it wrote. The same cfg gives the same bytes.
func Write(w io.Writer, cfg Config) (Stats, error) {
	g, err := newGen(w, cfg)
	if err != nil {
		return Stats{}, err
	}
	return g.run()
}

func newGen(w io.Writer, cfg Config) (*gen, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	g := &gen{cfg: cfg, w: w, rng: rand.NewPCG(cfg.Seed, 0x6c6f6767656e), stamper: newStamper()}
	r := rand.New(rand.NewPCG(cfg.Seed^0x706f6f6c, 1))
	g.visit, g.attack = v4Pools(r, cfg.Visitors, cfg.Attackers)
	g.v6 = v6Pool(r, max(16, cfg.Visitors/100))
	g.bots, g.botKind = botPool(r)

	m := cfg.Mix
	shares := [Noise + 1]float64{m.Legit, m.GoodBot, m.Scanner, m.BruteForce, m.Proxy, m.Noise}
	var total float64
	for k, s := range shares {
		total += s / meanLen[k]
	}
	var acc float64
	for k, s := range shares {
		acc += s / meanLen[k]
		g.cum[k] = uint32(acc / total * (1<<32 - 1))
	}
	g.cum[Noise] = 1<<32 - 1
	g.v6Thresh = uint32(min(m.IPv6, 1) * (1<<32 - 1))

	// The bursts' lines do not move the clock; the others share the span.
	bg := int64(cfg.Lines)
	for range cfg.DoSBursts {
		n := 1100 + r.IntN(401)
		g.dosLen = append(g.dosLen, n)
		bg -= int64(n)
	}
	for i := range cfg.DoSBursts {
		at := bg * int64(i+1) / int64(cfg.DoSBursts+1)
		g.dosAt = append(g.dosAt, at+int64(r.IntN(1000)))
	}
	g.start = cfg.Start.UnixNano()
	g.bgStep = int64(cfg.Span) / max(bg, 1)
	g.last = g.start
	g.buf = make([]byte, 0, bufSize)
	return g, nil
}

// n returns a number in [0, k) from the top bits of one draw.
func (g *gen) n(k int) int { return int((g.rng.Uint64() >> 32) * uint64(k) >> 32) }

func (g *gen) run() (Stats, error) {
	var ep episode
	for i := range g.cfg.Lines {
		if ep.left == 0 {
			g.begin(&ep)
		}
		g.line(&ep)
		if i == 0 {
			g.stats.First = time.Unix(0, g.last).UTC()
		}
		ep.left--
		ep.j++
		g.stats.Kinds[ep.kind]++
		if len(g.buf) > bufSize-maxLine {
			if err := g.flush(); err != nil {
				return g.stats, err
			}
		}
	}
	if err := g.flush(); err != nil {
		return g.stats, err
	}
	g.stats.Lines = int64(g.cfg.Lines)
	if g.cfg.Lines > 0 {
		g.stats.Last = time.Unix(0, g.last).UTC()
	}
	return g.stats, nil
}

func (g *gen) flush() error {
	n, err := g.w.Write(g.buf)
	g.stats.Bytes += int64(n)
	g.buf = g.buf[:0]
	if err != nil {
		return err
	}
	return nil
}

// begin starts the next episode.
func (g *gen) begin(ep *episode) {
	*ep = episode{t0: max(g.start+g.bgIdx*g.bgStep, g.last)}
	if g.dosNext < len(g.dosAt) && g.bgIdx >= g.dosAt[g.dosNext] {
		g.beginDoS(ep, g.dosLen[g.dosNext])
		g.dosNext++
		return
	}
	u := uint32(g.rng.Uint64() >> 32)
	k := Legit
	for k < Noise && u > g.cum[k] {
		k++
	}
	ep.kind = k
	const sec = int64(time.Second)
	switch k {
	case Legit:
		var i int
		if uint32(g.rng.Uint64()>>32) < g.v6Thresh {
			i = g.n(g.v6.len())
			ep.ip = g.v6.at(i)
		} else {
			// Squaring a uniform draw favours the first addresses of the
			// shuffled pool: a few visitors come back often, most rarely.
			x := g.rng.Uint64() >> 32
			i = int((x * x >> 32) * uint64(g.visit.len()) >> 32)
			ep.ip = g.visit.at(i)
		}
		// A visitor keeps one browser.
		ep.ua = browsers[uint32(i)*2654435761>>16%uint32(len(browsers))]
		if g.n(2) == 0 { // a new browser loads the static files
			ep.first = 2 + g.n(4)
		}
		ep.left = 1 + ep.first + g.n(4)
		ep.page = g.n(len(pages))
		ep.step = 3 * sec
	case GoodBot:
		i := g.n(g.bots.len())
		ep.ip, ep.bot = g.bots.at(i), int(g.botKind[i])
		uas := bots[ep.bot].uas
		ep.ua = uas[g.n(len(uas))]
		ep.left = 1 + g.n(6)
		ep.step = 20 * sec
	case Scanner:
		ep.ip = g.attack.at(g.n(g.attack.len()))
		ep.ua = scannerUAs[g.n(len(scannerUAs))]
		ep.left = 10 + g.n(110)
		ep.page = g.n(len(probes))
		ep.step = sec
	case BruteForce:
		ep.ip = g.attack.at(g.n(g.attack.len()))
		ep.ua = bruteUAs[g.n(len(bruteUAs))]
		ep.left = 12 + g.n(48)
		ep.page = g.n(len(loginPaths))
		ep.step = int64(5+g.n(16)) * sec
	case Proxy:
		ep.ip = g.attack.at(g.n(g.attack.len()))
		ep.ua = proxyUAs[g.n(len(proxyUAs))]
		ep.left = 1 + g.n(4)
		ep.step = 2 * sec
	case Noise:
		ep.ip = g.attack.at(g.n(g.attack.len()))
		ep.ua = "-"
		ep.left = 1 + g.n(3)
		ep.step = 5 * sec
	}
	ep.step = min(ep.step, g.bgStep)
}

// beginDoS starts a burst of 1,100 to 1,500 requests in the next whole
// minute; it does not move the background clock.
func (g *gen) beginDoS(ep *episode, n int) {
	const minute = int64(time.Minute)
	ep.kind = DoS
	ep.ip = g.attack.at(g.n(g.attack.len()))
	ep.ua = browsers[g.n(len(browsers))]
	ep.left = n
	ep.t0 = (ep.t0 + minute - 1) / minute * minute
	ep.step = minute / int64(ep.left)
	g.stats.Bursts = append(g.stats.Bursts, Burst{IP: string(ep.ip), Start: time.Unix(0, ep.t0).UTC(), Lines: ep.left})
}

// line appends the episode's next line.
func (g *gen) line(ep *episode) {
	t := max(ep.t0+ep.j*ep.step, g.last)
	g.last = t
	if ep.kind != DoS {
		g.bgIdx++
	}

	b := append(g.buf, ep.ip...)
	b = append(b, " - - ["...)
	b = append(b, g.stamp(t)...)
	b = append(b, "] \""...)

	var req, ref string
	status, size := 200, 0
	switch ep.kind {
	case Legit:
		req, ref, status, size = g.visitLine(ep)
	case GoodBot:
		var p page
		if ep.j == 0 && g.n(2) == 0 {
			p = botPages[g.n(len(botPages))]
		} else {
			p = pages[g.n(len(pages))]
		}
		req, ref, size = p.req, "-", p.size
		if g.n(5) == 0 {
			status, size = 304, 0
		}
	case Scanner:
		p := probes[(ep.page+int(ep.j))%len(probes)]
		req, ref, status = p.req, "-", p.status
		size = sizeFor(status)
	case BruteForce:
		p := loginPaths[ep.page]
		req, ref, status, size = p.req, site+"/account/login", p.status, p.size
		if ep.ua[0] != 'M' {
			ref = "-"
		}
	case Proxy:
		p := proxyReqs[g.n(len(proxyReqs))]
		req, ref, status = p.req, "-", p.status
		size = sizeFor(status)
	case Noise:
		p := noiseReqs[g.n(len(noiseReqs))]
		req, ref, status = p.req, "-", p.status
		size = sizeFor(status)
	case DoS:
		req, ref, size = "GET / HTTP/1.1", "-", 11853
		if ep.j > 700 && g.n(4) != 0 {
			status, size = 503, 299
		}
	}
	b = append(b, req...)
	b = append(b, '"', ' ', byte('0'+status/100), byte('0'+status/10%10), byte('0'+status%10), ' ')
	if size == 0 {
		b = append(b, '-')
	} else {
		b = strconv.AppendInt(b, int64(size), 10)
	}
	b = append(b, ' ', '"')
	b = append(b, ref...)
	b = append(b, '"', ' ', '"')
	b = append(b, ep.ua...)
	b = append(b, '"', '\n')
	g.buf = b
}

// visitLine is line j of a visit: the landing page, then (for a new
// browser) static files, then more pages, a POST, or a missing file.
func (g *gen) visitLine(ep *episode) (req, ref string, status, size int) {
	p := pages[ep.page]
	switch {
	case ep.j == 0:
		return p.req, externalRefs[g.n(len(externalRefs))], 200, p.size
	case ep.j <= int64(ep.first):
		a := assets[ep.j-1]
		return a.req, p.ref, 200, a.size
	}
	switch r := g.n(32); {
	case r < 3:
		return actions[g.n(len(actions))], p.ref, 302, 0
	case r == 3:
		return missing[g.n(len(missing))], p.ref, 404, 196
	case r < 6:
		ep.page = g.n(len(pages))
		return pages[ep.page].req, p.ref, 304, 0
	}
	ep.page = g.n(len(pages))
	return pages[ep.page].req, p.ref, 200, pages[ep.page].size + g.n(64)
}

func sizeFor(status int) int {
	switch status {
	case 200:
		return 11853
	case 400:
		return 226
	case 403:
		return 199
	case 404:
		return 196
	case 405:
		return 230
	}
	return 0
}
