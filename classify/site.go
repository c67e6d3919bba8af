package classify

import "net/netip"

// The site's own software is not a probe. /wp-login.php is a probe on a
// shop that does not run WordPress and the login page on one that does; the
// log itself tells which: a path the site answers (2xx/3xx) to several
// distinct clients who also fetch ordinary pages belongs to the site.
//
// The decision needs the whole input (the clients who make a path the
// site's may come after the probe), so it is deferred, not made in a second
// pass: classification stays one streaming pass. A probe-rule hit on a path
// the site answered is held by its address (at most maxHeldProbes; further
// ones are decided at once) and decided by Finish: as the line's reading
// without probe rules (usually legit) when the path was learned, as the
// probe otherwise. Hits the site refused (404, 403, …) are decided at once.
// The site model is bounded: per virtual host at most maxSitePaths paths,
// each with the first maxPathClients clients the site answered there; at
// most maxSiteHosts virtual hosts. Beyond the bounds nothing more is
// learned, and the probes stand. site.public_paths still override: probe
// rules never fire on them.

const (
	maxHeldProbes  = 32
	maxSitePaths   = 4096
	maxSiteHosts   = 256
	maxPathClients = 8
	maxPathKey     = 96
)

// siteModel is what the log says about the site's own paths.
type siteModel struct {
	hosts map[string]map[string]*pathSeen // virtual host → path → clients
}

// pathSeen holds the first clients the site answered on a path.
type pathSeen struct {
	n       int
	clients [maxPathClients]netip.Addr
}

type heldProbe struct {
	ev      Event
	altCat  Category
	altRule string
	seen    *pathSeen // nil: not learnable (bounds reached)
}

// seen returns the record of host's path, creating it within the bounds.
func (m *siteModel) seen(host, path string) *pathSeen {
	if m.hosts == nil {
		m.hosts = map[string]map[string]*pathSeen{}
	}
	paths, ok := m.hosts[host]
	if !ok {
		if len(m.hosts) >= maxSiteHosts {
			return nil
		}
		paths = map[string]*pathSeen{}
		m.hosts[host] = paths
	}
	ps, ok := paths[path]
	if !ok {
		if len(paths) >= maxSitePaths {
			return nil
		}
		ps = &pathSeen{}
		paths[path] = ps
	}
	return ps
}

// add records ip among the path's clients.
func (ps *pathSeen) add(ip netip.Addr) {
	for _, a := range ps.clients[:ps.n] {
		if a == ip {
			return
		}
	}
	if ps.n < maxPathClients {
		ps.clients[ps.n] = ip
		ps.n++
	}
}

// holdProbe keeps a probe hit on a path the site answered until Finish;
// it reports false when the address holds too many (decide now).
func (c *Classifier) holdProbe(st *ipState, v *verdict, ev Event) bool {
	if st.more != nil && len(st.more.probes) >= maxHeldProbes {
		return false
	}
	ps := c.site.seen(v.host, v.path)
	if ps == nil {
		return false
	}
	ps.add(v.ip)
	m := st.needMore()
	m.probes = append(m.probes, heldProbe{ev: ev, altCat: v.altCat, altRule: v.altRule, seen: ps})
	return true
}

// learned reports whether enough of the path's clients browsed the site.
func (c *Classifier) learned(ps *pathSeen) bool {
	n := 0
	for _, a := range ps.clients[:ps.n] {
		if st := c.addrs.get(a); st != nil && st.browsed {
			n++
		}
	}
	return n >= c.rules.learnClients
}

// releaseProbes decides an address's held probe hits (see siteModel). The
// hits of a user of the site (an address that logged in, or that a login
// form redirected and that is no brute-forcer) are its pages too: the admin
// of a Joomla site is one client, however often it opens
// /administrator/index.php.
func (c *Classifier) releaseProbes(st *ipState, emit func(Event) error) error {
	m := st.needMore()
	user := st.loggedIn || m.loginRedirect && st.actor.Counts[BruteForce] == 0 && !st.anyTripped()
	for _, h := range m.probes {
		if user || c.learned(h.seen) {
			h.ev.Category, h.ev.Rule = h.altCat, h.altRule
		}
		if err := c.emit(st, &h.ev, emit); err != nil {
			return err
		}
	}
	m.probes = nil
	return nil
}

// pathKey is the current line's decoded path, lower-cased and cut to
// maxPathKey bytes: the key of the site model.
func (p *lineParser) pathKey() string {
	if !p.pathOK {
		t, pathEnd := p.decodeTarget(p.rec.target)
		p.path, p.pathOK = t[:pathEnd], true
	}
	b := p.path
	if len(b) > maxPathKey {
		b = b[:maxPathKey]
	}
	p.low = append(p.low[:0], b...)
	for i, ch := range p.low {
		p.low[i] = lower(ch)
	}
	return p.internBytes(p.low)
}

// anyTripped reports whether one of the address's windows decided.
func (st *ipState) anyTripped() bool {
	for _, w := range st.windows() {
		if w.tripped {
			return true
		}
	}
	return false
}
