package classify

import (
	"math/rand/v2"
	"net/netip"
	"slices"
	"testing"
)

// TestAddrTable checks the table against a map over addresses of both
// families, through growth, drops and the reuse of dropped states' numbers.
func TestAddrTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	randAddr := func() netip.Addr {
		if rng.IntN(4) == 0 {
			var b [16]byte
			for i := range b {
				b[i] = byte(rng.IntN(4)) // few distinct bytes: many shared hash inputs
			}
			return netip.AddrFrom16(b)
		}
		return netip.AddrFrom4([4]byte{10, byte(rng.IntN(8)), byte(rng.IntN(256)), byte(rng.IntN(256))})
	}
	tab := newAddrTable(rng.Uint64(), rng.Uint64())
	want := map[netip.Addr]*ipState{}
	var states []*ipState
	check := func(round int) {
		t.Helper()
		for ip, st := range want {
			if got := tab.get(ip); got != st {
				t.Fatalf("round %d: get(%v) = %p, want %p", round, ip, got, st)
			}
			if st.actor.IP != ip || tab.at(st.num) != st {
				t.Fatalf("round %d: state of %v holds %v, number %d", round, ip, st.actor.IP, st.num)
			}
		}
		if len(states) != len(want) {
			t.Fatalf("round %d: %d states, want %d", round, len(states), len(want))
		}
	}
	for round := range 4 {
		for range 30000 {
			ip := randAddr()
			if st := tab.get(ip); st != nil {
				if want[ip] != st {
					t.Fatalf("get(%v) = %p, want %p", ip, st, want[ip])
				}
				st.actor.Events++
				continue
			}
			if want[ip] != nil {
				t.Fatalf("get(%v) = nil, want a state", ip)
			}
			st := tab.add(ip)
			if st.actor.Events != 0 || st.more != nil {
				t.Fatalf("a new state for %v is not empty: %+v", ip, st)
			}
			st.actor.Events = 1
			want[ip] = st
			states = append(states, st)
		}
		check(round)
		// Drop the addresses seen once; their numbers are reused next round.
		before := tab.next
		states = tab.keep(states, func(st *ipState) bool { return st.actor.Events > 1 })
		for ip, st := range want {
			if st.actor.IP != ip { // cleared by keep
				delete(want, ip)
			}
		}
		check(round)
		if len(tab.free) == 0 {
			t.Fatalf("round %d: no state dropped", round)
		}
		if round > 0 && tab.next > before+30000 {
			t.Fatalf("round %d: numbers grew from %d to %d: dropped numbers are not reused", round, before, tab.next)
		}
	}
	if got := tab.get(netip.MustParseAddr("192.0.2.1")); got != nil {
		t.Fatalf("an address never added has a state: %+v", got)
	}
}

// TestAddrTableBlocks checks the numbering across blocks of growing size.
func TestAddrTableBlocks(t *testing.T) {
	tab := newAddrTable(1, 2)
	n := firstBlock*7 + 3 // into the fourth block
	for i := range n {
		st := tab.add(netip.AddrFrom4([4]byte{10, byte(i >> 16), byte(i >> 8), byte(i)}))
		if st.num != uint32(i) || tab.at(uint32(i)) != st {
			t.Fatalf("state %d: number %d", i, st.num)
		}
	}
	if len(tab.blocks) != 4 || len(tab.blocks[3]) != 8*firstBlock {
		t.Fatalf("%d blocks, the last of %d states", len(tab.blocks), len(tab.blocks[len(tab.blocks)-1]))
	}
	for i := range n {
		ip := netip.AddrFrom4([4]byte{10, byte(i >> 16), byte(i >> 8), byte(i)})
		if st := tab.get(ip); st == nil || st.num != uint32(i) {
			t.Fatalf("get(%v) = %+v", ip, st)
		}
	}
}

// TestAddrTablePrefetch checks that prefetch finds the states of the known
// addresses of a chunk (each run of one address once) and changes nothing.
func TestAddrTablePrefetch(t *testing.T) {
	tab := newAddrTable(3, 4)
	addr := func(i int) netip.Addr { return netip.AddrFrom4([4]byte{10, byte(i >> 16), byte(i >> 8), byte(i)}) }
	var vs []verdict
	if n := tab.prefetch([]verdict{{ip: addr(0)}}); n != 0 {
		t.Fatalf("an empty table: %d states asked for", n)
	}
	for i := range 10000 {
		tab.add(addr(i))
	}
	// Known addresses, a run of one, an unknown one between them.
	for _, i := range []int{5, 5, 5, 9999, 20000, 7, 5} {
		vs = append(vs, verdict{ip: addr(i)})
	}
	slots := append([]uint64(nil), tab.slots...)
	used, next := tab.used, tab.next
	if n := tab.prefetch(vs); n != 4 {
		t.Errorf("prefetch asked for %d states, want 4 (5, 9999, 7, 5)", n)
	}
	if tab.used != used || tab.next != next || !slices.Equal(tab.slots, slots) {
		t.Error("prefetch changed the table")
	}
	for i := range 10000 {
		if st := tab.get(addr(i)); st == nil || st.actor.IP != addr(i) {
			t.Fatalf("after prefetch, %v has state %v", addr(i), st)
		}
	}
}
