package classify

import (
	"encoding/binary"
	"math/bits"
	"net/netip"
	"unsafe"
)

// addrTable holds the address states and finds an address's state. It is
// made for the one look-up every line costs on the path that applies
// verdicts in order: the states live in large blocks that never move (so
// that the system can back them with large pages, see adviseLargePages),
// and the index is an open-addressing table of 8-byte slots, each the
// upper half of the address's hash beside its state's number, so that a
// look-up reads one slot and then the state it is about to use anyway.
type addrTable struct {
	seed0, seed1 uint64
	// slots: 0 is empty; otherwise the hash's upper 32 bits, then the
	// state's number plus one. At most half of them are used.
	slots  []uint64
	used   int
	blocks [][]ipState // block b holds the states numbered from firstBlock<<b − firstBlock
	next   uint32      // the number the next new state gets
	free   []uint32    // numbers of dropped states, reused first

	// Scratch space of prefetch.
	hashBuf []uint64
	stBuf   []*ipState
}

// firstBlock is the number of states in the first block; each next block is
// twice the size of the one before it.
const firstBlock = 256

func newAddrTable(seed0, seed1 uint64) addrTable {
	return addrTable{seed0: seed0 | 1, seed1: seed1, slots: make([]uint64, 1024)}
}

func (t *addrTable) hash(ip netip.Addr) uint64 {
	b := ip.As16()
	hi, lo := binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:])
	h1, l1 := bits.Mul64(hi^t.seed1, t.seed0)
	h2, l2 := bits.Mul64(lo^h1^l1, t.seed0^0x9e3779b97f4a7c15)
	return h2 ^ l2
}

// at returns the state numbered n.
func (t *addrTable) at(n uint32) *ipState {
	// Block b starts at firstBlock·(2^b − 1).
	q := n/firstBlock + 1
	b := bits.Len32(q) - 1
	return &t.blocks[b][n-firstBlock*(1<<b-1)]
}

// get returns the address's state, or nil.
func (t *addrTable) get(ip netip.Addr) *ipState {
	h := t.hash(ip)
	tag := h >> 32
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			return nil
		}
		if s>>32 == tag {
			if st := t.at(uint32(s) - 1); st.actor.IP == ip {
				return st
			}
		}
	}
}

// add makes a new state for ip, which has none.
func (t *addrTable) add(ip netip.Addr) *ipState {
	var n uint32
	if k := len(t.free); k > 0 {
		n = t.free[k-1]
		t.free = t.free[:k-1]
	} else {
		n = t.next
		t.next++
		if b := bits.Len32(n/firstBlock+1) - 1; b == len(t.blocks) { // n starts a block
			blk := make([]ipState, firstBlock<<b)
			adviseLargePages(unsafe.Pointer(&blk[0]), uintptr(len(blk))*unsafe.Sizeof(blk[0]))
			t.blocks = append(t.blocks, blk)
		}
	}
	st := t.at(n)
	*st = ipState{num: n}
	st.actor.IP = ip
	if 2*(t.used+1) > len(t.slots) {
		t.grow()
	}
	t.insert(t.hash(ip), n)
	return st
}

func (t *addrTable) insert(h uint64, n uint32) {
	mask := uint64(len(t.slots) - 1)
	i := h & mask
	for t.slots[i] != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = h>>32<<32 | uint64(n+1)
	t.used++
}

func (t *addrTable) grow() {
	old := t.slots
	t.slots = makeSlots(2 * len(old))
	t.used = 0
	for _, s := range old {
		if s != 0 {
			t.insert(t.hash(t.at(uint32(s)-1).actor.IP), uint32(s)-1)
		}
	}
}

// keep drops every state for which keep is false, making their numbers
// free for new addresses.
func (t *addrTable) keep(states []*ipState, keep func(*ipState) bool) []*ipState {
	clear(t.slots)
	t.used = 0
	kept := states[:0]
	for _, st := range states {
		if !keep(st) {
			t.free = append(t.free, st.num)
			*st = ipState{}
			continue
		}
		kept = append(kept, st)
		t.insert(t.hash(st.actor.IP), st.num)
	}
	clear(states[len(kept):])
	return kept
}

func makeSlots(n int) []uint64 {
	s := make([]uint64, n)
	adviseLargePages(unsafe.Pointer(&s[0]), uintptr(n)*8)
	return s
}

// prefetch asks the processor for the states of the addresses of vs, a
// chunk's verdicts about to be applied: first their slots, then the
// states the slots name, then what those states point to, each batch
// while the processor fetches the one before. Applied one after the
// other, the verdicts would wait for each state in turn (a few hundred
// nanoseconds for an address not seen lately); asked for together, the
// reads overlap. It changes nothing in the table, and returns the number
// of states it asked for.
func (t *addrTable) prefetch(vs []verdict) int {
	if len(t.slots) < 1<<14 { // small enough to stay in the cache
		return 0
	}
	hs, sts := t.hashBuf[:0], t.stBuf[:0]
	var prev netip.Addr
	mask := uint64(len(t.slots) - 1)
	for i := range vs {
		ip := vs[i].ip
		if ip == prev {
			continue
		}
		prev = ip
		h := t.hash(ip)
		hs = append(hs, h)
		prefetchLine(unsafe.Pointer(&t.slots[h&mask]))
	}
	for _, h := range hs {
		tag := h >> 32
		for i := h & mask; ; i = (i + 1) & mask {
			s := t.slots[i]
			if s == 0 {
				break
			}
			if s>>32 == tag {
				st := t.at(uint32(s) - 1)
				prefetchRange(unsafe.Pointer(st), unsafe.Sizeof(ipState{}))
				sts = append(sts, st)
				break
			}
		}
	}
	// Then what the states point to: the recent requests beyond the
	// few held inline, and the state of an address that did more.
	for _, st := range sts {
		if st.more != nil {
			prefetchLine(unsafe.Pointer(st.more))
		}
		if cap(st.recent.times) > len(st.recent.buf) {
			prefetchLine(unsafe.Pointer(unsafe.SliceData(st.recent.times)))
		}
	}
	t.hashBuf, t.stBuf = hs, sts[:0]
	return len(sts)
}
