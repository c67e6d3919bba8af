package block

import (
	"cmp"
	"fmt"
	"net/netip"
	"slices"
	"strings"
)

// CountryShare is how much of what a country sent was listed.
type CountryShare struct {
	Country string  // ISO 3166-1 alpha-2
	Listed  int     // addresses listed (malicious by the policy)
	Seen    int     // all addresses seen from the country, listed or not
	Share   float64 // Listed / Seen, 0–1
}

// ByCountry ranks the countries of the selection's addresses by the share of
// their addresses that were listed, highest first; ties go to the country
// with more listed addresses, then to the country code. Addresses without a
// country are counted in unknown, not ranked.
func ByCountry(sel *Selection) (shares []CountryShare, unknown int) {
	by := map[string]*CountryShare{}
	count := func(es []Entry, listed bool) {
		for _, e := range es {
			cc := strings.ToUpper(e.Country)
			if cc == "" {
				unknown++
				continue
			}
			s := by[cc]
			if s == nil {
				s = &CountryShare{Country: cc}
				by[cc] = s
			}
			s.Seen++
			if listed {
				s.Listed++
			}
		}
	}
	count(sel.Listed, true)
	count(sel.Unlisted, false)
	for _, s := range by {
		s.Share = float64(s.Listed) / float64(s.Seen)
		shares = append(shares, *s)
	}
	slices.SortFunc(shares, func(a, b CountryShare) int {
		return cmp.Or(cmp.Compare(b.Share, a.Share), cmp.Compare(b.Listed, a.Listed), cmp.Compare(a.Country, b.Country))
	})
	return shares, unknown
}

// Above returns the countries whose share is greater than share (0–1), in
// rank order.
func Above(shares []CountryShare, share float64) []string {
	var out []string
	for _, s := range shares {
		if s.Share > share {
			out = append(out, s.Country)
		}
	}
	return out
}

// CountryNetworks lists the networks a geolocation database places in a
// country (ISO 3166-1 alpha-2, upper case). IPv4 networks are to be given as
// IPv4 prefixes (an IPv4-mapped ::ffff:0:0/96 form is accepted too); a
// database that files IPv4 under ::/96 must translate it, since that range is
// reserved and never listed.
type CountryNetworks interface {
	CountryNetworks(cc string) ([]netip.Prefix, error)
}

// CountryBlock returns the networks of the countries, taken from src, less
// every range the policy never lists (reserved, excluded, trusted proxies):
// sorted, disjoint, and without a range that overlaps one of those. Unlike
// Prefixes, a country block covers every address of the country, including
// ones that were seen and not flagged: the caller asks for it knowingly.
func (p *Policy) CountryBlock(src CountryNetworks, countries []string) ([]netip.Prefix, error) {
	var nets []netip.Prefix
	for _, cc := range countries {
		ps, err := src.CountryNetworks(strings.ToUpper(cc))
		if err != nil {
			return nil, fmt.Errorf("block: networks of %s: %w", cc, err)
		}
		nets = append(nets, ps...)
	}
	avoid := p.avoid()
	var out []netip.Prefix
	for _, n := range sortedPrefixes(nets) {
		out = subtract(out, n, avoid)
	}
	slices.SortFunc(out, comparePrefix)
	return joinSiblings(mergeCovered(out)), nil
}

// joinSiblings replaces every two sibling prefixes (the two halves of one
// parent) by their parent, repeatedly, so a country block holds as few
// prefixes as the same addresses allow. ps must be sorted and disjoint; the
// addresses covered do not change.
func joinSiblings(ps []netip.Prefix) []netip.Prefix {
	var out []netip.Prefix
	for _, p := range ps {
		out = append(out, p)
		for n := len(out); n >= 2; n = len(out) {
			a, b := out[n-2], out[n-1]
			if a.Bits() != b.Bits() || a.Bits() == 0 || a == b {
				break
			}
			parent := netip.PrefixFrom(a.Addr(), a.Bits()-1).Masked()
			if !parent.Contains(b.Addr()) || parent.Addr() != a.Addr() {
				break
			}
			out = append(out[:n-2], parent)
		}
	}
	return out
}

// subtract appends to out the parts of n that overlap no range of avoid,
// as prefixes in address order.
func subtract(out []netip.Prefix, n netip.Prefix, avoid []netip.Prefix) []netip.Prefix {
	overlapped := false
	for _, a := range avoid {
		if !a.Overlaps(n) {
			continue
		}
		if a.Bits() <= n.Bits() { // a holds all of n
			return out
		}
		overlapped = true
	}
	if !overlapped {
		return append(out, n)
	}
	// Some avoided range lies inside n: split n in halves and try again.
	lo := netip.PrefixFrom(n.Addr(), n.Bits()+1)
	hiBytes := n.Addr().AsSlice()
	hiBytes[n.Bits()/8] |= 0x80 >> (n.Bits() % 8)
	hiAddr, _ := netip.AddrFromSlice(hiBytes)
	hi := netip.PrefixFrom(hiAddr, n.Bits()+1)
	return subtract(subtract(out, lo, avoid), hi, avoid)
}

// mergeCovered drops prefixes of ps (sorted) that an earlier one contains.
func mergeCovered(ps []netip.Prefix) []netip.Prefix {
	var out []netip.Prefix
	for _, p := range ps {
		if n := len(out); n > 0 && out[n-1].Bits() <= p.Bits() && out[n-1].Contains(p.Addr()) {
			continue
		}
		out = append(out, p)
	}
	return out
}
