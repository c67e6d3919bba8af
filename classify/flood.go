package classify

import (
	"fmt"
	"time"
)

// FloodShape is one more shape of flood the dos detector recognises, with
// its own threshold (Limit) per Window:
//
//   - burst: more than Limit requests within a few seconds;
//   - cache_busting: more than Limit distinct query strings on one path
//     (a flood that defeats the cache with ?r=random);
//   - agent_cycling: more than Limit distinct User-Agents from one address;
//   - bad_version: more than Limit requests whose request line has no HTTP
//     version, or one HTTP does not have (GET / HTTP/9.9, GET /).
//
// A zero Limit takes the default; Disabled switches the shape off.
type FloodShape struct {
	Name     string   `yaml:"name,omitempty"`
	Limit    int      `yaml:"limit,omitempty"`
	Window   Duration `yaml:"window,omitempty"`
	Disabled *bool    `yaml:"disabled,omitempty"`
}

func (f *FloodShape) merge(over FloodShape) {
	if over.Name != "" {
		f.Name = over.Name
	}
	if over.Limit != 0 {
		f.Limit = over.Limit
	}
	if over.Window != 0 {
		f.Window = over.Window
	}
	if over.Disabled != nil {
		f.Disabled = over.Disabled
	}
}

type cShape struct {
	enabled bool
	name    string
	limit   int
	window  int64
}

func compileShape(f FloodShape, what string) (cShape, error) {
	s := cShape{enabled: f.Disabled == nil || !*f.Disabled, name: f.Name, limit: f.Limit, window: int64(time.Duration(f.Window) / time.Second)}
	if s.name == "" {
		return s, fmt.Errorf("classify: dos: %s: no rule name", what)
	}
	if s.limit < 2 || s.limit > 100_000 || s.window < 1 {
		return s, fmt.Errorf("classify: dos: %s: limit must be within 2…100000 and window at least 1s", what)
	}
	return s, nil
}

// rateBin counts one address's requests over fixed bins (aligned to the
// Unix epoch). The rate over the sliding window that ends at t is the
// current bin's count plus the previous bin's, weighted by how much of the
// previous bin the window still covers (requests assumed even within a
// bin): a flood that straddles a bin boundary is seen as one, where fixed
// bins alone would split it in two halves below the threshold.
type rateBin struct {
	bin     int64
	start   int64 // unix seconds the bin begins (bin × window)
	n, prev int32
}

// over counts a request at t and reports whether the estimated rate in the
// window ending at t is above limit, in integers: n·w + prev·(w − into) >
// limit·w.
func (b *rateBin) over(t, window int64, limit int) bool {
	into := t - b.start
	if into < 0 || into >= window {
		bin := floorDiv(t, window)
		prev := int32(0)
		if bin == b.bin+1 {
			prev = b.n
		}
		b.bin, b.start, b.n, b.prev = bin, bin*window, 0, prev
		into = t - b.start
	}
	if b.n < 1<<30 {
		b.n++
	}
	return int64(b.n)*window+int64(b.prev)*(window-into) > int64(limit)*window
}

// floodState tracks the shapes of a flood that need more than a count: the
// distinct query strings on the address's busiest path and its distinct
// agents, as 32-bit hashes, at most the limit of each. It is made for an
// address only once it sends many requests, so most addresses never
// carry one.
type floodState struct {
	bin     int64
	path    uint32
	queries []uint32
	qbin    int64
	agents  []uint32
	badVer  rateBin // requests with a bad HTTP version
	// Hot: the previous window was a flood of that shape.
	queriesHot, agentsHot bool
}

func (fs *floodState) queryLimit(limit int) int { return hotLimit(limit, fs.queriesHot) }
func (fs *floodState) agentLimit(limit int) int { return hotLimit(limit, fs.agentsHot) }

func hotLimit(limit int, hot bool) int {
	if hot {
		return max(2, limit/3)
	}
	return limit
}

// addDistinct adds h to set (capped at limit); it reports whether the set
// is full.
func addDistinct(set *[]uint32, h uint32, limit int) bool {
	for _, x := range *set {
		if x == h {
			return false
		}
	}
	if len(*set) < limit {
		*set = append(*set, h)
	}
	return len(*set) >= limit
}

// flood applies the dos detectors to a request: the rate, the burst, cache
// busting and agent cycling. When one fires, the request is dos, and so
// are the address's requests of the detector's window that were legit
// before it: the whole flood is dos (see floodStart).
func (c *Classifier) flood(st *ipState, v *verdict, ev *Event, emit func(Event) error) error {
	rs := c.rules
	t := v.time.Unix()
	rule, window := "", int64(0)
	if rs.dos.enabled && st.dos.over(t, rs.dos.window, rs.dos.requests) {
		rule, window = rs.dos.name, rs.dos.window
	}
	if b := &rs.burst; b.enabled && st.burst.over(t, b.window, b.limit) && rule == "" {
		rule, window = b.name, b.window
	}
	if bv := &rs.badVersion; rule == "" && v.badVersion && bv.enabled && st.flood().badVer.over(t, bv.window, bv.limit) {
		rule, window = bv.name, bv.window
	}
	if rule == "" && st.dos.n >= 20 {
		rule, window = c.floodShapes(st, v, t)
	}
	if rule == "" || ev.Category > DoS {
		if ev.Category == Legit && rs.dos.enabled {
			st.recent.add(t, rs.dos.window, 2*rs.dos.requests)
		}
		return nil
	}
	ev.Category, ev.Rule = DoS, rule
	v.window = -1
	return c.floodStart(st, ev, t-window, emit)
}

// recentLegit holds the times of an address's recent legit requests, as
// seconds since the start of the bin before the current dos bin: at most
// two bins of them, and at most a bound (twice the flood threshold), so
// the cost is two bytes a request of the last two minutes.
type recentLegit struct {
	base  int64 // unix seconds of offset 0
	times []uint16
	buf   [6]uint16 // the first times, without an allocation
	used  bool
}

func (r *recentLegit) add(t, window int64, limit int) {
	if !r.used {
		r.used, r.times = true, r.buf[:0]
	}
	if off := t - r.base; len(r.times) > 0 && off >= window && off < 2*window && len(r.times) < limit {
		r.times = append(r.times, uint16(off)) // the current bin: no division
		return
	}
	bin := floorDiv(t, window)
	switch base := (bin - 1) * window; {
	case len(r.times) == 0 || base >= r.base+2*window:
		r.base, r.times = base, r.times[:0]
	case base > r.base:
		shift := base - r.base
		keep := r.times[:0]
		for _, o := range r.times {
			if int64(o) >= shift {
				keep = append(keep, uint16(int64(o)-shift))
			}
		}
		r.base, r.times = base, keep
	}
	if off := t - r.base; off >= 0 && off < 1<<16 && len(r.times) < limit {
		r.times = append(r.times, uint16(off))
	}
}

// floodStart makes the flood whole: the address's legit requests at or
// after from, already emitted as legit, are emitted again as dos and leave
// the legit counts. The events CSV (which leaves legit lines out unless
// asked) so holds every request of the flood; with legit lines included,
// the flood's first requests appear under both categories.
func (c *Classifier) floodStart(st *ipState, ev *Event, from int64, emit func(Event) error) error {
	r := &st.recent
	keep := r.times[:0]
	moved := 0
	for _, o := range r.times {
		t := r.base + int64(o)
		if t < from {
			keep = append(keep, o)
			continue
		}
		moved++
		dup := Event{Time: time.Unix(t, 0).UTC(), IP: ev.IP, Category: DoS, Rule: ev.Rule, Source: ev.Source, Service: ev.Service}
		if err := c.emit(st, &dup, emit); err != nil {
			return err
		}
	}
	r.times = keep
	c.uncount(st, Legit, moved)
	c.stats.Restated += int64(moved)
	return nil
}

// flood returns the address's flood state, made on first use.
func (st *ipState) flood() *floodState {
	m := st.needMore()
	if m.floodSt == nil {
		m.floodSt = &floodState{bin: -1 << 62, qbin: -1 << 62, badVer: rateBin{bin: -1 << 62, start: -1 << 62}}
	}
	return m.floodSt
}

// floodShapes checks cache busting and agent cycling; it returns the rule
// that fired and its window.
func (c *Classifier) floodShapes(st *ipState, v *verdict, t int64) (string, int64) {
	rs := c.rules
	fs := st.flood()
	if cb := &rs.cacheBusting; cb.enabled && v.queryHash != 0 {
		if bin := floorDiv(t, cb.window); bin != fs.qbin || v.pathHash != fs.path {
			// A new window, or another path: follow it when the current
			// one has gathered little.
			if bin != fs.qbin || len(fs.queries) < cb.limit/10 {
				fs.queriesHot = bin == fs.qbin+1 && v.pathHash == fs.path && len(fs.queries) >= fs.queryLimit(cb.limit)
				fs.qbin, fs.path, fs.queries = bin, v.pathHash, fs.queries[:0]
			}
		}
		if v.pathHash == fs.path && addDistinct(&fs.queries, v.queryHash, fs.queryLimit(cb.limit)) {
			return cb.name, cb.window
		}
	}
	if ac := &rs.agentCycling; ac.enabled && v.agentHash != 0 {
		if bin := floorDiv(t, ac.window); bin != fs.bin {
			// A flood that goes on into the next window is followed at a
			// third of the threshold.
			fs.agentsHot = bin == fs.bin+1 && len(fs.agents) >= fs.agentLimit(ac.limit)
			fs.bin, fs.agents = bin, fs.agents[:0]
		}
		if addDistinct(&fs.agents, v.agentHash, fs.agentLimit(ac.limit)) {
			return ac.name, ac.window
		}
	}
	return "", 0
}

// fnv32 is FNV-1a over b, never 0.
func fnv32(b []byte) uint32 {
	h := uint32(2166136261)
	for _, ch := range b {
		h = (h ^ uint32(ch)) * 16777619
	}
	return h | 1
}
