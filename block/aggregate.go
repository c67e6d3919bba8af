package block

import (
	"fmt"
	"math/bits"
	"net/netip"
	"slices"
	"strconv"
	"strings"
)

// Aggregation sets how far Prefixes may merge listed addresses: a merged
// prefix is never shorter than V4 bits for IPv4 or V6 bits for IPv6. 32 and
// 128 keep one prefix per address. A zero field takes its DefaultAggregation
// value.
type Aggregation struct {
	V4 int // 1–32
	V6 int // 1–128
}

// DefaultAggregation merges within a /24 (IPv4) or a /48 (IPv6), the
// smallest prefixes commonly routed on the Internet.
var DefaultAggregation = Aggregation{V4: 24, V6: 48}

// NoAggregation lists one prefix per address.
var NoAggregation = Aggregation{V4: 32, V6: 128}

// ParseAggregation parses "none" (no merging), "default", "V4" (IPv6 keeps
// its default) or "V4,V6", e.g. "16,32"; a leading slash on a number is
// allowed ("/24,/48").
func ParseAggregation(s string) (Aggregation, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "none", "off", "no":
		return NoAggregation, nil
	case "", "default":
		return DefaultAggregation, nil
	}
	a := DefaultAggregation
	v4, v6, two := strings.Cut(s, ",")
	var err error
	if a.V4, err = parseBits(v4, 32); err != nil {
		return a, err
	}
	if two {
		if a.V6, err = parseBits(v6, 128); err != nil {
			return a, err
		}
	}
	return a, nil
}

func parseBits(s string, max int) (int, error) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "/")
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > max {
		return 0, fmt.Errorf("block: aggregation %q: want a prefix length from 1 to %d", s, max)
	}
	return n, nil
}

func (a Aggregation) limits() (v4, v6 int) {
	v4, v6 = a.V4, a.V6
	if v4 <= 0 || v4 > 32 {
		v4 = DefaultAggregation.V4
	}
	if v6 <= 0 || v6 > 128 {
		v6 = DefaultAggregation.V6
	}
	return v4, v6
}

// Prefixes covers the listed addresses with as few prefixes as it can while
// keeping three promises: every listed address is covered; no prefix covers
// an address of s.Unlisted; no prefix overlaps a range of s.Avoid (reserved,
// excluded, trusted proxies). A prefix is the smallest one holding the listed
// addresses it merges, never shorter than the Aggregation allows. The result
// is sorted (IPv4 first, then by address) and its prefixes are disjoint.
func (s *Selection) Prefixes(agg Aggregation) []netip.Prefix {
	v4, v6 := agg.limits()
	var four, six []netip.Addr
	for _, e := range s.Listed {
		if e.Addr.Is4() {
			four = append(four, e.Addr)
		} else {
			six = append(six, e.Addr)
		}
	}
	c := coverer{unlisted: make([]netip.Addr, len(s.Unlisted)), avoid: s.Avoid}
	for i, e := range s.Unlisted {
		c.unlisted[i] = e.Addr
	}
	slices.SortFunc(c.unlisted, netip.Addr.Compare)
	for _, fam := range []struct {
		addrs []netip.Addr
		min   int
	}{{four, v4}, {six, v6}} {
		slices.SortFunc(fam.addrs, netip.Addr.Compare)
		fam.addrs = slices.Compact(fam.addrs)
		if len(fam.addrs) > 0 {
			c.cover(fam.addrs, fam.min)
		}
	}
	return c.out
}

type coverer struct {
	unlisted []netip.Addr // sorted
	avoid    []netip.Prefix
	out      []netip.Prefix
}

// cover appends prefixes covering addrs (sorted, distinct, one family) to
// c.out, in order.
func (c *coverer) cover(addrs []netip.Addr, minBits int) {
	first, last := addrs[0], addrs[len(addrs)-1]
	n := commonBits(first, last)
	p, _ := first.Prefix(n)
	if n == first.BitLen() || (n >= minBits && c.allowed(p)) {
		c.out = append(c.out, p)
		return
	}
	// first and last differ at bit n: split where that bit turns to 1.
	i, _ := slices.BinarySearchFunc(addrs, n, func(a netip.Addr, bit int) int {
		return int(bitAt(a, bit)) - 1
	})
	c.cover(addrs[:i], minBits)
	c.cover(addrs[i:], minBits)
}

// allowed reports whether p covers no unlisted address and overlaps no
// avoided range.
func (c *coverer) allowed(p netip.Prefix) bool {
	i, _ := slices.BinarySearchFunc(c.unlisted, p.Addr(), netip.Addr.Compare)
	if i < len(c.unlisted) && p.Contains(c.unlisted[i]) {
		return false
	}
	for _, r := range c.avoid {
		if r.Overlaps(p) {
			return false
		}
	}
	return true
}

// commonBits is the number of leading bits a and b (of one family) share.
func commonBits(a, b netip.Addr) int {
	x, y := a.AsSlice(), b.AsSlice()
	for i := range x {
		if d := x[i] ^ y[i]; d != 0 {
			return i*8 + bits.LeadingZeros8(d)
		}
	}
	return len(x) * 8
}

// bitAt returns bit i of a, counting from the most significant.
func bitAt(a netip.Addr, i int) byte {
	return a.AsSlice()[i/8] >> (7 - i%8) & 1
}
