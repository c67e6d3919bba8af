package geo

import (
	"context"
	"errors"
	"net/netip"
)

// Chain asks its Locators in order. The first located answer wins, except
// that a finer answer from a later Locator replaces a coarser one: a chain
// stops at the first city-precision answer, and otherwise returns the first
// of the finest answers. A bogon stops the chain at once. When nothing
// located the address and some Locator failed, the first failure is
// returned, so the caller can tell "nobody knows" from "could not ask".
type Chain []Locator

// Locate implements Locator.
func (c Chain) Locate(addr netip.Addr) (Location, error) {
	var best Location
	var firstErr error
	for _, l := range c {
		loc, err := l.Locate(addr)
		if err != nil {
			if be := (*BogonError)(nil); errors.As(err, &be) {
				return Location{}, err
			}
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		switch {
		case loc.Precision > best.Precision:
			best = loc
		case !best.Located() && best.Country == "" && loc.Country != "":
			best = loc // keeps the country of a record without coordinates
		}
		if best.Precision >= PrecisionCity {
			return best, nil
		}
	}
	if !best.Located() && firstErr != nil {
		return best, firstErr
	}
	return best, nil
}

// Prefetch tells each Prefetcher in the chain about the addresses that the
// Locators before it do not already place at city precision, so an online
// service is only asked about what the local databases cannot answer.
func (c Chain) Prefetch(ctx context.Context, addrs []netip.Addr) error {
	for i, l := range c {
		p, ok := l.(Prefetcher)
		if !ok {
			continue
		}
		todo := addrs
		if i > 0 {
			todo = make([]netip.Addr, 0, len(addrs))
			for _, a := range addrs {
				loc, err := c[:i].Locate(a)
				if err == nil && loc.Precision >= PrecisionCity {
					continue
				}
				if be := (*BogonError)(nil); errors.As(err, &be) {
					continue
				}
				todo = append(todo, a)
			}
		}
		if err := p.Prefetch(ctx, todo); err != nil {
			return err
		}
	}
	return nil
}

// Attribution joins the attribution lines of the Locators that carry one
// (see Attributor), in chain order, without repeats.
func (c Chain) Attribution() string {
	var out string
	seen := map[string]bool{}
	for _, l := range c {
		a, ok := l.(Attributor)
		if !ok || a.Attribution() == "" || seen[a.Attribution()] {
			continue
		}
		seen[a.Attribution()] = true
		if out != "" {
			out += "; "
		}
		out += a.Attribution()
	}
	return out
}

// Attributor is implemented by Locators whose data licence requires a credit
// line wherever their results are shown (a map's attribution line).
type Attributor interface {
	Attribution() string
}
