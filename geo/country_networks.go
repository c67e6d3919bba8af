package geo

import (
	"fmt"
	"net/netip"
	"strings"
)

// CountryNetworks lists every network the databases place in the country
// with ISO 3166-1 alpha-2 code cc, as prefixes in the address family they
// hold (an IPv4 network of an IPv6 database is given as an IPv4 prefix, not
// as ::a.b.c.d/N). Networks of files whose records name no country (ASN
// databases) are never listed. It walks every record of every file: a
// country-level database takes well under a second, a city database a few
// seconds. Each record is decoded once (many networks share one).
func (m *MMDB) CountryNetworks(cc string) ([]netip.Prefix, error) {
	cc = strings.ToUpper(strings.TrimSpace(cc))
	var out []netip.Prefix
	for _, f := range m.dbs {
		ps, err := f.countryNetworks(cc)
		if err != nil {
			return nil, err
		}
		out = append(out, ps...)
	}
	return out, nil
}

func (f *mmdbFile) countryNetworks(cc string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	match := map[uintptr]bool{} // record offset → in the country
	for res := range f.r.Networks() {
		if err := res.Err(); err != nil {
			return nil, fmt.Errorf("geo: %s: walk networks: %w", f.where(), err)
		}
		off := res.Offset()
		in, ok := match[off]
		if !ok {
			var rec any
			if err := res.Decode(&rec); err != nil {
				return nil, fmt.Errorf("geo: %s: decode record: %w", f.where(), err)
			}
			in = strings.EqualFold(f.info.Schema.extract(rec).country, cc)
			match[off] = in
		}
		if in {
			out = append(out, unmapPrefix(res.Prefix()))
		}
	}
	return out, nil
}

// unmapPrefix gives an IPv4-mapped prefix (::ffff:a.b.c.d/N, N ≥ 96) as the
// IPv4 prefix it is; other prefixes are returned as they are.
func unmapPrefix(p netip.Prefix) netip.Prefix {
	if a := p.Addr(); a.Is4In6() && p.Bits() >= 96 {
		return netip.PrefixFrom(a.Unmap(), p.Bits()-96).Masked()
	}
	return p
}
