package geo

import (
	"fmt"
	"net/netip"
	"sync"

	maxminddb "github.com/oschwald/maxminddb-golang/v2"
)

// recordCache looks addresses up in one database file and keeps each
// record's answer by the record's offset, since many networks share one
// record: a record is decoded once. It is safe for concurrent use; the zero
// value is ready.
type recordCache[T any] struct {
	mu      sync.RWMutex
	answers map[uintptr]T
}

// lookup finds addr in r and turns its record into an answer with convert
// (the zero T when the address has no record). where names the file in
// errors.
func (c *recordCache[T]) lookup(r *maxminddb.Reader, addr netip.Addr, where string, convert func(rec any) T) (T, error) {
	var zero T
	res := r.Lookup(addr)
	if err := res.Err(); err != nil {
		return zero, fmt.Errorf("geo: %s: look up %s: %w", where, addr, err)
	}
	if !res.Found() {
		return zero, nil
	}
	off := res.Offset()
	c.mu.RLock()
	a, ok := c.answers[off]
	c.mu.RUnlock()
	if ok {
		return a, nil
	}
	var rec any
	if err := res.Decode(&rec); err != nil {
		return zero, fmt.Errorf("geo: %s: decode record of %s: %w", where, addr, err)
	}
	a = convert(rec)
	c.mu.Lock()
	if c.answers == nil {
		c.answers = map[uintptr]T{}
	}
	if len(c.answers) < maxRecordCache {
		c.answers[off] = a
	}
	c.mu.Unlock()
	return a, nil
}
