package geo

import (
	"net/netip"
)

// BogonRange is one special-purpose range that is never located: an address
// in it does not belong to a host at a place (private, loopback, link-local,
// shared, documentation, multicast, anycast service, reserved …).
type BogonRange struct {
	Prefix netip.Prefix
	Reason string // short, stable key used in summaries, e.g. "private", "cgnat"
	Source string // the document that reserves the range, e.g. "RFC 1918"
}

// bogonRanges follows the IANA IPv4 and IPv6 Special-Purpose Address
// Registries (plus the multicast and unallocated spaces). A more specific
// prefix is listed before the prefix that contains it, so the first match
// gives the most precise reason.
var bogonRanges = []BogonRange{
	// IPv4.
	{netip.MustParsePrefix("0.0.0.0/8"), "this-network", "RFC 791"},
	{netip.MustParsePrefix("10.0.0.0/8"), "private", "RFC 1918"},
	{netip.MustParsePrefix("100.64.0.0/10"), "cgnat", "RFC 6598"},
	{netip.MustParsePrefix("127.0.0.0/8"), "loopback", "RFC 1122"},
	{netip.MustParsePrefix("169.254.0.0/16"), "link-local", "RFC 3927"},
	{netip.MustParsePrefix("172.16.0.0/12"), "private", "RFC 1918"},
	{netip.MustParsePrefix("192.0.0.0/24"), "protocol-assignments", "RFC 6890"},
	{netip.MustParsePrefix("192.0.2.0/24"), "documentation", "RFC 5737"},
	{netip.MustParsePrefix("192.31.196.0/24"), "as112", "RFC 7535"},
	{netip.MustParsePrefix("192.52.193.0/24"), "amt", "RFC 7450"},
	{netip.MustParsePrefix("192.88.99.0/24"), "6to4-relay", "RFC 7526"},
	{netip.MustParsePrefix("192.168.0.0/16"), "private", "RFC 1918"},
	{netip.MustParsePrefix("192.175.48.0/24"), "as112", "RFC 7534"},
	{netip.MustParsePrefix("198.18.0.0/15"), "benchmarking", "RFC 2544"},
	{netip.MustParsePrefix("198.51.100.0/24"), "documentation", "RFC 5737"},
	{netip.MustParsePrefix("203.0.113.0/24"), "documentation", "RFC 5737"},
	{netip.MustParsePrefix("224.0.0.0/4"), "multicast", "RFC 5771"},
	{netip.MustParsePrefix("255.255.255.255/32"), "broadcast", "RFC 919"},
	{netip.MustParsePrefix("240.0.0.0/4"), "reserved", "RFC 1112"},

	// IPv6.
	{netip.MustParsePrefix("::/128"), "unspecified", "RFC 4291"},
	{netip.MustParsePrefix("::1/128"), "loopback", "RFC 4291"},
	{netip.MustParsePrefix("::/96"), "ipv4-compatible", "RFC 4291"},
	{netip.MustParsePrefix("64:ff9b::/96"), "nat64", "RFC 6052"},
	{netip.MustParsePrefix("64:ff9b:1::/48"), "nat64", "RFC 8215"},
	{netip.MustParsePrefix("100::/64"), "discard", "RFC 6666"},
	{netip.MustParsePrefix("100:0:0:1::/64"), "dummy", "RFC 9780"},
	{netip.MustParsePrefix("2001::/32"), "teredo", "RFC 4380"},
	{netip.MustParsePrefix("2001:2::/48"), "benchmarking", "RFC 5180"},
	{netip.MustParsePrefix("2001:3::/32"), "amt", "RFC 7450"},
	{netip.MustParsePrefix("2001:4:112::/48"), "as112", "RFC 7535"},
	{netip.MustParsePrefix("2001:10::/28"), "orchid", "RFC 4843"},
	{netip.MustParsePrefix("2001:20::/28"), "orchid", "RFC 7343"},
	{netip.MustParsePrefix("2001:30::/28"), "drip", "RFC 9374"},
	{netip.MustParsePrefix("2001::/23"), "protocol-assignments", "RFC 2928"},
	{netip.MustParsePrefix("2001:db8::/32"), "documentation", "RFC 3849"},
	{netip.MustParsePrefix("2620:4f:8000::/48"), "as112", "RFC 7534"},
	{netip.MustParsePrefix("3fff::/20"), "documentation", "RFC 9637"},
	{netip.MustParsePrefix("5f00::/16"), "srv6", "RFC 9602"},
	{netip.MustParsePrefix("fc00::/7"), "unique-local", "RFC 4193"},
	{netip.MustParsePrefix("fe80::/10"), "link-local", "RFC 4291"},
	{netip.MustParsePrefix("fec0::/10"), "site-local", "RFC 3879"},
	{netip.MustParsePrefix("ff00::/8"), "multicast", "RFC 4291"},
	{netip.MustParsePrefix("::/8"), "reserved", "RFC 4291"},
	// Everything outside 2000::/3 that is not named above is unallocated
	// (see bogonV6).
}

// BogonRanges returns the special-purpose ranges Bogon knows, most specific
// first. The slice is a copy.
func BogonRanges() []BogonRange {
	return append([]BogonRange(nil), bogonRanges...)
}

// Bogon reports whether addr lies in a special-purpose range that is never
// located, and why. IPv4-mapped IPv6 addresses are judged as the IPv4 address
// they carry, and zones are ignored. A 6to4 address (2002::/16) is a bogon
// when the IPv4 address it embeds is. The invalid zero Addr is a bogon with
// reason "invalid".
func Bogon(addr netip.Addr) (reason string, ok bool) {
	if !addr.IsValid() {
		return "invalid", true
	}
	addr = addr.Unmap().WithZone("")
	if addr.Is4() {
		return bogonV4(addr)
	}
	return bogonV6(addr)
}

func bogonV4(addr netip.Addr) (string, bool) {
	a := addr.As4()
	// Fast path: most public addresses have a first octet that starts no
	// special-purpose range.
	switch {
	case a[0] == 0 || a[0] == 10 || a[0] == 100 || a[0] == 127 || a[0] == 169 ||
		a[0] == 172 || a[0] == 192 || a[0] == 198 || a[0] == 203 || a[0] >= 224:
	default:
		return "", false
	}
	for i := range bogonRanges {
		r := &bogonRanges[i]
		if r.Prefix.Addr().Is4() && r.Prefix.Contains(addr) {
			return r.Reason, true
		}
	}
	return "", false
}

func bogonV6(addr netip.Addr) (string, bool) {
	a := addr.As16()
	hi := uint16(a[0])<<8 | uint16(a[1])
	if a[0]&0xe0 == 0x20 { // 2000::/3, global unicast
		switch hi {
		case 0x2001, 0x2620, 0x3fff:
			// may hold a special-purpose range: fall through to the table
		case 0x2002:
			// 6to4: the IPv4 address of the tunnel end point follows.
			v4 := netip.AddrFrom4([4]byte{a[2], a[3], a[4], a[5]})
			if r, ok := bogonV4(v4); ok {
				return r, true
			}
			return "", false
		default:
			return "", false
		}
	}
	for i := range bogonRanges {
		r := &bogonRanges[i]
		if r.Prefix.Addr().Is6() && r.Prefix.Contains(addr) {
			return r.Reason, true
		}
	}
	if a[0]&0xe0 != 0x20 {
		return "unallocated", true
	}
	return "", false
}
