package geo

import (
	"context"
	"fmt"
	"net/netip"
)

var _ ASNLocator = (*IPInfo)(nil)

// LocateASN implements ASNLocator from ipinfo's org field ("AS15169 Google
// LLC"), which comes with every answer: an address already located (or
// prefetched) costs no further request.
func (p *IPInfo) LocateASN(addr netip.Addr) (ASN, error) {
	addr, err := checkBogon(addr)
	if err != nil {
		return ASN{}, err
	}
	if r, ok := p.known(addr); ok {
		return r.as, r.err
	}
	p.fetch(context.Background(), []netip.Addr{addr})
	if r, ok := p.known(addr); ok {
		return r.as, r.err
	}
	return ASN{}, fmt.Errorf("geo: ipinfo: no answer for %s", addr) // not reached
}
