package classify

import "hash/maphash"

// hitCache remembers which automaton entries a field's text hit, so that
// the text is scanned once however often it repeats: a log has few distinct
// user agents and request targets (pages, assets), and they are the longest
// fields. It is looked up by a seeded 64-bit hash of the text: a collision
// (2^-64, and not steerable without the seed) is the price of not comparing
// the text itself. Each hash has a set of two slots, the newer text first,
// so that two texts of one set that alternate (a page and its stylesheet)
// do not push each other out. Fields with more hits than a slot holds are
// not cached.
type hitCache struct {
	seed  maphash.Seed
	slots [hitCacheSlots]hitSlot
}

const hitCacheSlots = 1024 // a power of two, two slots a set

type hitSlot struct {
	key  uint64
	used bool
	n    uint8
	e    [6]int32   // entry indices
	info targetInfo // in the cache of request targets: the target's
}

// newHitCache returns an empty cache whose hashes are seeded with seed.
func newHitCache(seed maphash.Seed) *hitCache { return &hitCache{seed: seed} }

// lookup returns the slot that holds text's hits and true, or, when no
// slot does, the slot to store them in and false: the first of the set,
// its text moved to the second in place of the older one.
func (c *hitCache) lookup(text []byte) (*hitSlot, uint64, bool) {
	key := maphash.Bytes(c.seed, text)
	set := c.slots[key&(hitCacheSlots-2) : key&(hitCacheSlots-2)+2 : key&(hitCacheSlots-2)+2]
	if set[0].key == key && set[0].used {
		return &set[0], key, true
	}
	if set[1].key == key && set[1].used {
		return &set[1], key, true
	}
	if set[0].used {
		set[1] = set[0]
	}
	return &set[0], key, false
}

// store records hits (and info, for a target) in s under key, unless the
// hits do not fit.
func (s *hitSlot) store(key uint64, hits []int32, info targetInfo) {
	if len(hits) > len(s.e) {
		return
	}
	s.key, s.used, s.n, s.info = key, true, uint8(copy(s.e[:], hits)), info
}

// apply sets the cached hits in h.
func (s *hitSlot) apply(h *hits, entries []acEntry) {
	for _, ei := range s.e[:s.n] {
		h.set(entries[ei].cond, entries[ei].rule)
	}
}
