package classify

import (
	"hash/fnv"
	"net/netip"
	"reflect"
	"slices"
	"testing"
)

func TestParseShard(t *testing.T) {
	tests := []struct {
		in   string
		want Shard
		ok   bool
	}{
		{"0/4", Shard{0, 4}, true},
		{"3/4", Shard{3, 4}, true},
		{" 0 / 1 ", Shard{0, 1}, true},
		{"4/4", Shard{}, false},
		{"-1/4", Shard{}, false},
		{"1/0", Shard{}, false},
		{"1", Shard{}, false},
		{"a/b", Shard{}, false},
	}
	for _, tt := range tests {
		got, err := ParseShard(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseShard(%q) = %v, %v; want %v, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

// TestShardHash pins the documented hash: FNV-1a 64 of the 16-byte form,
// IPv4 as IPv4-mapped IPv6.
func TestShardHash(t *testing.T) {
	for _, s := range []string{"192.0.2.1", "::ffff:192.0.2.1", "2001:db8::1", "::"} {
		a := netip.MustParseAddr(s)
		b := a.Unmap().As16()
		h := fnv.New64a()
		h.Write(b[:])
		if got, want := ShardHash(a), h.Sum64(); got != want {
			t.Errorf("ShardHash(%s) = %#x, want %#x", s, got, want)
		}
	}
	// The same address mapped or not lands in the same shard.
	if ShardHash(netip.MustParseAddr("192.0.2.1")) != ShardHash(netip.MustParseAddr("::ffff:192.0.2.1")) {
		t.Error("mapped and unmapped IPv4 hash differently")
	}
	// A fixed value, so that a change of the hash cannot go unnoticed.
	if got := ShardHash(netip.MustParseAddr("192.0.2.1")); got != 0xd9c70e8395f6d4f6 {
		t.Errorf("ShardHash(192.0.2.1) = %#x, want 0xd9c70e8395f6d4f6", got)
	}
}

// TestShardSample splits the sample logs into four shards: every address
// lands in exactly one, with the actor it has in the single run, and every
// line is accounted for.
func TestShardSample(t *testing.T) {
	ins := readInputs(t, "../testdata/sample/access.log", "../testdata/sample/auth.log", "../testdata/sample/mail.log")
	rules := mustRules(t, "")
	whole := classifyAll(t, rules, Options{}, 1, 0, ins)
	var union []Actor
	var events, other int64
	for k := 0; k < 4; k++ {
		part := classifyAll(t, rules, Options{Shard: Shard{k, 4}}, 1, 0, ins)
		if part.stats.Lines != whole.stats.Lines {
			t.Errorf("shard %d: %d lines, want %d", k, part.stats.Lines, whole.stats.Lines)
		}
		if part.stats.Lines != part.stats.Classified+part.stats.Ignored+part.stats.SkippedTotal() {
			t.Errorf("shard %d: lines not accounted for: %+v", k, part.stats)
		}
		for _, a := range part.actors {
			if !(Shard{k, 4}).Contains(a.IP) {
				t.Errorf("shard %d holds %s", k, a.IP)
			}
		}
		union = append(union, part.actors...)
		events += int64(len(part.events))
		other += part.stats.OtherShard
	}
	SortActors(union)
	if !reflect.DeepEqual(union, whole.actors) {
		t.Errorf("union of the shards' actors differs from the single run: %d vs %d actors", len(union), len(whole.actors))
	}
	if events != int64(len(whole.events)) {
		t.Errorf("shards emitted %d events, the single run %d", events, len(whole.events))
	}
	if want := 3 * whole.stats.Classified; other != want {
		t.Errorf("other_shard lines = %d, want 3 × %d", other, whole.stats.Classified)
	}
	if !slices.ContainsFunc(whole.actors, func(a Actor) bool { return a.Category == BruteForce }) {
		t.Error("the sample has no brute force: the windows are not exercised")
	}
}
