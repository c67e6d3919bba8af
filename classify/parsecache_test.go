package classify

import (
	"fmt"
	"hash/maphash"
	"slices"
	"testing"
)

// A line's agent hash is its own agent's, and every parser gives an agent
// the same hash: agent cycling compares the hashes of one address's lines,
// which different workers parse.
func TestAgentHash(t *testing.T) {
	rules := benchRules(t)
	firefox := []byte(`203.0.113.9 - - [01/Mar/2024:10:00:00 +0000] "GET / HTTP/1.1" 200 512 "-" "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"`)
	curl := []byte(`203.0.113.9 - - [01/Mar/2024:10:00:01 +0000] "GET / HTTP/1.1" 200 512 "-" "curl/8.5.0"`)
	fc := &fileCtx{format: FormatAccess}
	p := newLineParser(rules, &Options{})
	a, b := p.classify(firefox, fc), p.classify(curl, fc)
	if a.agentHash == 0 || b.agentHash == 0 || a.agentHash == b.agentHash {
		t.Fatalf("two agents hash to %#x and %#x", a.agentHash, b.agentHash)
	}
	q := newLineParser(rules, &Options{})
	if b2, a2 := q.classify(curl, fc), q.classify(firefox, fc); a2.agentHash != a.agentHash || b2.agentHash != b.agentHash {
		t.Fatalf("another parser hashes the agents to %#x and %#x, not %#x and %#x", a2.agentHash, b2.agentHash, a.agentHash, b.agentHash)
	}
}

// The parser remembers the last client address an access line began with;
// a line from another client, however alike, reads its own.
func TestClientAddrRemembered(t *testing.T) {
	p := newLineParser(benchRules(t), &Options{})
	fc := &fileCtx{format: FormatAccess}
	for _, tc := range []struct{ client, want string }{
		{"203.0.113.5", "203.0.113.5"},
		{"203.0.113.5", "203.0.113.5"},
		{"203.0.113.6", "203.0.113.6"},
		{"203.0.113.5", "203.0.113.5"},
		{"203.0.113.56", "203.0.113.56"}, // the previous token and more
		{"203.0.113.5:8080", "203.0.113.5"},
		{"2001:db8::1", "2001:db8::1"},
		{"203.0.113.5", "203.0.113.5"},
		{"203.0.113.256", ""}, // not an address: malformed, and not remembered
		{"203.0.113.5", "203.0.113.5"},
	} {
		v := p.classify([]byte(tc.client+` - - [01/Mar/2024:10:00:00 +0000] "GET / HTTP/1.1" 200 512 "-" "curl/8.5.0"`), fc)
		if tc.want == "" {
			if v.res != resMalformed {
				t.Errorf("%s: %v, want malformed", tc.client, v.res)
			}
			continue
		}
		if v.res != resOK || v.ip.String() != tc.want {
			t.Errorf("%s: %v %v, want %s", tc.client, v.res, v.ip, tc.want)
		}
	}
}

// Every rule tests each of its conditions the candidate tables do not
// decide, cheapest first: none is lost in the reordering.
func TestRuleChecksComplete(t *testing.T) {
	rs := benchRules(t)
	for _, cr := range rs.rules {
		var want []condKind
		for _, c := range cr.conds {
			if c.kind != condService && c.kind != condAuth && c.kind != condRequest {
				want = append(want, c.kind)
			}
		}
		var got []condKind
		for i, c := range cr.check {
			got = append(got, c.kind)
			if i > 0 && checkCost(&cr.check[i-1]) > checkCost(&c) {
				t.Errorf("%s: check %d costs less than the one before it", cr.name, i)
			}
		}
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s: checks %v, want %v", cr.name, got, want)
		}
	}
}

// TestHitCacheSets checks that two texts whose hashes share a slot both
// stay cached, and that a third one of the set replaces the older.
func TestHitCacheSets(t *testing.T) {
	c := newHitCache(maphash.MakeSeed())
	var same [][]byte // texts of one slot
	first := maphash.Bytes(c.seed, []byte("/0")) & (hitCacheSlots - 1)
	for i := 0; len(same) < 3; i++ {
		text := []byte(fmt.Sprintf("/%d", i))
		if maphash.Bytes(c.seed, text)&(hitCacheSlots-1) == first {
			same = append(same, text)
		}
	}
	a, b, third := same[0], same[1], same[2]
	put := func(text []byte, e int32) {
		t.Helper()
		s, key, ok := c.lookup(text)
		if ok {
			t.Fatalf("%s: cached before it was stored", text)
		}
		s.store(key, []int32{e}, targetInfo{errPath: uint32(e)})
	}
	get := func(text []byte) (int32, bool) {
		s, _, ok := c.lookup(text)
		if !ok || s.n != 1 || s.info.errPath != uint32(s.e[0]) {
			return 0, false
		}
		return s.e[0], true
	}
	put(a, 1)
	put(b, 2)
	for range 3 {
		if e, ok := get(a); !ok || e != 1 {
			t.Fatalf("%s: %d, %v; want 1, true", a, e, ok)
		}
		if e, ok := get(b); !ok || e != 2 {
			t.Fatalf("%s: %d, %v; want 2, true", b, e, ok)
		}
	}
	put(third, 3)
	if _, ok := get(a); ok {
		t.Errorf("%s: still cached after two newer texts of its set", a)
	}
	if e, ok := get(third); !ok || e != 3 {
		t.Errorf("%s: %d, %v; want 3, true", third, e, ok)
	}
}
