package loggen

import (
	"math/rand/v2"
	"net/netip"
	"strconv"
	"strings"
)

// country is one row of the generated table in prefixes.go.
type country struct {
	cc            string
	visit, attack int      // per-mille shares of visitors and attack sources
	nets          []string // /16 networks "a.b" wholly in the country
}

// pool is a list of formatted addresses in fixed-width slots, so that
// fetching one touches one cache line: slot i holds the text and, in its
// last byte, the text's length.
type pool struct {
	width int
	slots []byte
}

func newPool(width, n int) pool {
	return pool{width: width, slots: make([]byte, 0, width*n)}
}

func (p *pool) add(a []byte) {
	if len(a) >= p.width {
		panic("loggen: address longer than its pool's slots")
	}
	i := len(p.slots)
	p.slots = append(p.slots, make([]byte, p.width)...)
	copy(p.slots[i:], a)
	p.slots[i+p.width-1] = byte(len(a))
}

func (p *pool) len() int { return len(p.slots) / p.width }

func (p *pool) at(i int) []byte {
	s := p.slots[i*p.width : (i+1)*p.width]
	return s[:s[p.width-1]]
}

// net16 hands out distinct host addresses of one /16: a walk with an odd
// stride visits all 65,536 host numbers once; .0 and .255 are skipped.
type net16 struct {
	hi            uint32 // a.b << 16
	next, stride  uint32
	handed, total int
}

func (n *net16) addr() (uint32, bool) {
	for n.total < 1<<16 {
		h := n.next & 0xffff
		n.next += n.stride
		n.total++
		if lo := h & 0xff; lo != 0 && lo != 255 {
			n.handed++
			return n.hi | h, true
		}
	}
	return 0, false
}

// v4Pools builds the visitor and attacker pools, each weighted by its
// per-mille column of the country table, distinct across both, in a
// seeded random order.
func v4Pools(rng *rand.Rand, visitors, attackers int) (visit, attack pool) {
	nets := make([][]*net16, len(countries))
	for i, c := range countries {
		for _, s := range c.nets {
			a, b, _ := strings.Cut(s, ".")
			x, _ := strconv.Atoi(a)
			y, _ := strconv.Atoi(b)
			nets[i] = append(nets[i], &net16{hi: uint32(x)<<24 | uint32(y)<<16, next: rng.Uint32(), stride: rng.Uint32() | 1})
		}
	}
	take := func(n int, weight func(country) int) pool {
		total := 0
		for _, c := range countries {
			total += weight(c)
		}
		addrs := make([]uint32, 0, n)
		acc := 0
		for i, c := range countries {
			// Cumulative rounding gives exactly n addresses in all.
			acc += weight(c)
			want := n*acc/total - len(addrs)
			for j := 0; j < want; j++ {
				ns := nets[i]
				a, ok := ns[j%len(ns)].addr()
				if !ok {
					break
				}
				addrs = append(addrs, a)
			}
		}
		rng.Shuffle(len(addrs), func(i, j int) { addrs[i], addrs[j] = addrs[j], addrs[i] })
		p := newPool(16, len(addrs))
		var b [16]byte
		for _, a := range addrs {
			p.add(appendIPv4(b[:0], a))
		}
		return p
	}
	visit = take(visitors, func(c country) int { return c.visit })
	attack = take(attackers, func(c country) int { return c.attack })
	return visit, attack
}

func appendIPv4(b []byte, a uint32) []byte {
	b = strconv.AppendUint(b, uint64(a>>24), 10)
	b = append(b, '.')
	b = strconv.AppendUint(b, uint64(a>>16&0xff), 10)
	b = append(b, '.')
	b = strconv.AppendUint(b, uint64(a>>8&0xff), 10)
	b = append(b, '.')
	return strconv.AppendUint(b, uint64(a&0xff), 10)
}

// v6Nets are /32 networks of large access providers, with the country the
// embedded database gives them.
var v6Nets = []struct {
	net string // the first 32 bits, "xxxx:xxxx"
	cc  string
}{
	{"2600:1700", "US"}, {"2601:0001", "US"}, {"2a02:0c7c", "GB"}, {"2a01:cb00", "FR"},
	{"2003:00e1", "DE"}, {"2a02:8108", "DE"}, {"2401:4900", "IN"}, {"2405:0201", "IN"},
	{"2400:4050", "JP"}, {"2804:014c", "BR"}, {"240e:0001", "CN"}, {"2409:8a00", "CN"},
	{"2001:b011", "TW"}, {"2a00:1370", "RU"}, {"2800:0200", "PE"}, {"2402:0800", "VN"},
}

func v6Pool(rng *rand.Rand, n int) pool {
	p := newPool(48, n)
	for i := range n {
		var a [16]byte
		hi, _ := strconv.ParseUint(strings.ReplaceAll(v6Nets[i%len(v6Nets)].net, ":", ""), 16, 32)
		a[0], a[1], a[2], a[3] = byte(hi>>24), byte(hi>>16), byte(hi>>8), byte(hi)
		for j := 4; j < 16; j++ {
			a[j] = byte(rng.Uint32())
		}
		if i%3 == 0 { // SLAAC-less hosts: ::1, ::2 … in a random /64
			clear(a[8:15])
		}
		var b [48]byte
		p.add(netip.AddrFrom16(a).AppendTo(b[:0]))
	}
	return p
}

// bots are the crawlers: a network, how many of its addresses crawl, and
// the user agents they send.
var bots = []struct {
	net string // "a.b.c" of a /24 (or /16 with a ".x" third octet range)
	lo  int    // third octet range lo..hi when net is "a.b"
	hi  int
	cc  string
	uas []string
}{
	{"66.249", 64, 79, "US", []string{uaGooglebot, uaGooglebotPhone, uaGooglebotPhone, uaGoogleImage}},
	{"40.77.167", 0, 0, "US", []string{uaBingbot, uaBingbot, uaBingbotOld}},
	{"157.55.39", 0, 0, "US", []string{uaBingbot}},
	{"207.46.13", 0, 0, "US", []string{uaBingbot}},
	{"52.167.144", 0, 0, "US", []string{uaBingbot}},
	{"5.255.253", 0, 0, "RU", []string{uaYandex}},
	{"213.180.203", 0, 0, "RU", []string{uaYandex}},
	{"17.241.75", 0, 0, "US", []string{uaApplebot}},
	{"116.179.32", 0, 0, "CN", []string{uaBaidu}},
	{"54.36.148", 0, 0, "FR", []string{uaAhrefs}},
	{"114.119.130", 0, 0, "SG", []string{uaPetal}},
	{"20.191.45", 0, 0, "IE", []string{uaDuckDuckBot}},
}

// botPool returns crawler addresses and, per address, its bots index.
func botPool(rng *rand.Rand) (pool, []uint8) {
	p := newPool(16, 24*len(bots))
	var which []uint8
	for i, b := range bots {
		for range 24 {
			s := b.net
			if b.hi > 0 {
				s += "." + strconv.Itoa(b.lo+rng.IntN(b.hi-b.lo+1))
			}
			s += "." + strconv.Itoa(1+rng.IntN(254))
			p.add([]byte(s))
			which = append(which, uint8(i))
		}
	}
	return p, which
}
