package report

import (
	"cmp"
	"iter"
	"net/netip"
	"slices"
)

// NetworkRow is one network behind the threat sources: an autonomous
// system ("AS16276 OVH SAS") or a registered domain of their reverse DNS
// names.
type NetworkRow struct {
	Name      string
	Addresses int // threat sources in it
	Events    int // their threat events
}

// Networks ranks the networks and the named domains of a run's threat
// sources; the zero value (no lookups asked for) leaves them out of the
// report.
type Networks struct {
	// Systems are the autonomous systems, most sources first; Known of
	// Of sources had one.
	Systems   []NetworkRow
	Known, Of int
	// Domains are the registered domains of the sources' reverse DNS
	// names, most sources first; Named of Of sources had a name.
	Domains []NetworkRow
	Named   int
	// asked records which lookups ran.
	asked [2]bool
}

// AddNetworks ranks the networks of the threat sources (legit-only actors
// are left out). system gives an address's autonomous system ("" when
// unknown) and domain the registered domain of its name ("" when it has
// none); either may be nil when that lookup was not asked for.
func (r *Report) AddNetworks(actors iter.Seq[Actor], system, domain func(netip.Addr) string) {
	n := Networks{asked: [2]bool{system != nil, domain != nil}}
	systems, domains := map[string]*NetworkRow{}, map[string]*NetworkRow{}
	add := func(m map[string]*NetworkRow, name string, events int) {
		row := m[name]
		if row == nil {
			row = &NetworkRow{Name: name}
			m[name] = row
		}
		row.Addresses++
		row.Events += events
	}
	sc := r.scope()
	for a := range actors {
		events := threatEvents(&a.Counts, &sc)
		if events == 0 {
			continue
		}
		n.Of++
		if system != nil {
			if s := system(a.IP); s != "" {
				n.Known++
				add(systems, s, events)
			}
		}
		if domain != nil {
			if d := domain(a.IP); d != "" {
				n.Named++
				add(domains, d, events)
			}
		}
	}
	n.Systems, n.Domains = r.rank(systems), r.rank(domains)
	r.Networks = n
}

// rank orders rows by sources, then events, then name, keeping the top N.
func (r *Report) rank(m map[string]*NetworkRow) []NetworkRow {
	var rows []NetworkRow
	for _, row := range m {
		rows = append(rows, *row)
	}
	slices.SortFunc(rows, func(a, b NetworkRow) int {
		return cmp.Or(cmp.Compare(b.Addresses, a.Addresses), cmp.Compare(b.Events, a.Events), cmp.Compare(a.Name, b.Name))
	})
	return rows[:min(len(rows), r.topN())]
}

// AskedSystems and AskedDomains report whether the run looked the
// sources' networks and names up.
func (n *Networks) AskedSystems() bool { return n.asked[0] }

// AskedDomains reports whether the run looked the sources' names up.
func (n *Networks) AskedDomains() bool { return n.asked[1] }
