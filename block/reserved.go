package block

import "net/netip"

// reservedV4 are the IPv4 special-purpose ranges (IANA IPv4 Special-Purpose
// Address Registry, multicast and the reserved class E space). No host in
// them can be a remote attacker worth a firewall rule, and blocking them
// risks cutting off the machine's own networks.
var reservedV4 = []string{
	"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
	"169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24",
	"192.31.196.0/24", "192.52.193.0/24", "192.88.99.0/24", "192.168.0.0/16",
	"192.175.48.0/24", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
	"224.0.0.0/4", "240.0.0.0/4",
}

// reservedV6 are the IPv6 special-purpose ranges inside the global unicast
// space 2000::/3, plus everything outside it (loopback, IPv4-compatible,
// NAT64, discard, unique-local, link-local, multicast and unallocated space).
var reservedV6 = []string{
	"::/3", "4000::/2", "8000::/1",
	"2001::/23", "2001:db8::/32", "2620:4f:8000::/48", "3fff::/20",
}

// DefaultReserved returns the ranges a Policy never lists, whatever its
// other fields say: the special-purpose IPv4 and IPv6 ranges, and the 6to4
// (2002::/16) ranges that embed one of the IPv4 ones. The slice is new on
// every call.
func DefaultReserved() []netip.Prefix {
	out := make([]netip.Prefix, 0, 2*len(reservedV4)+len(reservedV6))
	for _, s := range reservedV4 {
		p := netip.MustParsePrefix(s)
		out = append(out, p, sixToFour(p))
	}
	for _, s := range reservedV6 {
		out = append(out, netip.MustParsePrefix(s))
	}
	return out
}

// sixToFour returns the 6to4 prefix 2002:V4::/(16+bits) that carries the
// IPv4 prefix p.
func sixToFour(p netip.Prefix) netip.Prefix {
	a := p.Addr().As4()
	b := [16]byte{0x20, 0x02, a[0], a[1], a[2], a[3]}
	return netip.PrefixFrom(netip.AddrFrom16(b), 16+p.Bits())
}
