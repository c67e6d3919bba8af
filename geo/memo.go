package geo

import (
	"context"
	"net/netip"
	"sync"
)

// Prefetcher is implemented by locators that answer faster when told in
// advance which addresses will be asked (the ipinfo client sends them in
// batches). Prefetch returns an error only when ctx ends; a failure to look
// some addresses up is reported by Locate for each of them.
type Prefetcher interface {
	Prefetch(ctx context.Context, addrs []netip.Addr) error
}

// Memo remembers the answer of a Locator for every distinct address of a run,
// so each address is looked up once however often it appears, and summarises
// the answers. Addresses are normalised first (IPv4-mapped IPv6 unmapped,
// zone dropped). It is safe for concurrent use. Its memory grows with the
// number of distinct addresses.
type Memo struct {
	inner Locator
	mu    sync.Mutex
	seen  map[netip.Addr]memoEntry
}

type memoEntry struct {
	loc Location
	err error
}

// NewMemo returns a Memo in front of l.
func NewMemo(l Locator) *Memo {
	return &Memo{inner: l, seen: map[netip.Addr]memoEntry{}}
}

// Locate answers from memory, or asks the inner Locator once.
func (m *Memo) Locate(addr netip.Addr) (Location, error) {
	key := addr.Unmap().WithZone("")
	m.mu.Lock()
	e, ok := m.seen[key]
	m.mu.Unlock()
	if ok {
		return e.loc, e.err
	}
	// The lock is not held while the inner Locator works (it may go to the
	// network); two goroutines may then ask for the same address, and the
	// first answer stored wins.
	loc, err := m.inner.Locate(key)
	m.mu.Lock()
	defer m.mu.Unlock()
	if e, ok := m.seen[key]; ok {
		return e.loc, e.err
	}
	m.seen[key] = memoEntry{loc, err}
	return loc, err
}

// Prefetch passes the addresses not yet remembered to the inner Locator when
// it is a Prefetcher.
func (m *Memo) Prefetch(ctx context.Context, addrs []netip.Addr) error {
	p, ok := m.inner.(Prefetcher)
	if !ok {
		return nil
	}
	todo := make([]netip.Addr, 0, len(addrs))
	m.mu.Lock()
	for _, a := range addrs {
		if _, ok := m.seen[a.Unmap().WithZone("")]; !ok {
			todo = append(todo, a)
		}
	}
	m.mu.Unlock()
	if len(todo) == 0 {
		return nil
	}
	return p.Prefetch(ctx, todo)
}

// Len is the number of distinct addresses looked up so far.
func (m *Memo) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.seen)
}

// Summary counts the answers for every distinct address looked up so far.
func (m *Memo) Summary() Summary {
	m.mu.Lock()
	defer m.mu.Unlock()
	var s Summary
	for _, e := range m.seen {
		s.Add(e.loc, e.err)
	}
	return s
}

// Addrs returns the distinct addresses looked up so far, in no particular
// order.
func (m *Memo) Addrs() []netip.Addr {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]netip.Addr, 0, len(m.seen))
	for a := range m.seen {
		out = append(out, a)
	}
	return out
}
