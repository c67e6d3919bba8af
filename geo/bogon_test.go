package geo

import (
	"net/netip"
	"testing"
)

func TestBogon(t *testing.T) {
	tests := []struct {
		addr   string
		reason string // "" for a public address
	}{
		{"0.1.2.3", "this-network"},
		{"10.0.0.1", "private"},
		{"172.16.0.1", "private"},
		{"172.31.255.255", "private"},
		{"172.32.0.1", ""},
		{"192.168.1.1", "private"},
		{"100.64.0.1", "cgnat"},
		{"100.127.255.255", "cgnat"},
		{"100.128.0.1", ""},
		{"127.0.0.1", "loopback"},
		{"169.254.1.1", "link-local"},
		{"192.0.0.9", "protocol-assignments"},
		{"192.0.2.1", "documentation"},
		{"198.51.100.7", "documentation"},
		{"203.0.113.9", "documentation"},
		{"198.18.0.1", "benchmarking"},
		{"198.19.255.255", "benchmarking"},
		{"198.20.0.1", ""},
		{"192.88.99.1", "6to4-relay"},
		{"192.31.196.1", "as112"},
		{"192.175.48.1", "as112"},
		{"192.52.193.1", "amt"},
		{"224.0.0.1", "multicast"},
		{"239.255.255.250", "multicast"},
		{"240.0.0.1", "reserved"},
		{"255.255.255.255", "broadcast"},
		{"8.8.8.8", ""},
		{"1.1.1.1", ""},
		{"203.0.114.1", ""},
		{"::ffff:10.1.2.3", "private"},
		{"::ffff:8.8.8.8", ""},
		{"::", "unspecified"},
		{"::1", "loopback"},
		{"::1.2.3.4", "ipv4-compatible"},
		{"64:ff9b::808:808", "nat64"},
		{"64:ff9b:1::1", "nat64"},
		{"100::1", "discard"},
		{"2001::1", "teredo"},
		{"2001:2::1", "benchmarking"},
		{"2001:db8::1", "documentation"},
		{"2001:db8:ffff::1", "documentation"},
		{"3fff::1", "documentation"},
		{"2001:20::1", "orchid"},
		{"2001:1::1", "protocol-assignments"},
		{"2001:200::1", ""},
		{"2002:0a00:0001::1", "private"}, // 6to4 of 10.0.0.1
		{"2002:0808:0808::1", ""},        // 6to4 of 8.8.8.8
		{"2620:4f:8000::1", "as112"},
		{"2620:0:1::1", ""},
		{"5f00::1", "srv6"},
		{"fc00::1", "unique-local"},
		{"fd12:3456::1", "unique-local"},
		{"fe80::1", "link-local"},
		{"fe80::1%eth0", "link-local"},
		{"fec0::1", "site-local"},
		{"ff02::1", "multicast"},
		{"4000::1", "unallocated"},
		{"1::1", "reserved"},
		{"8000::1", "unallocated"},
		{"2a00:1450::1", ""},
		{"2c0f:ff40::1", ""},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			reason, ok := Bogon(netip.MustParseAddr(tt.addr))
			if ok != (tt.reason != "") || reason != tt.reason {
				t.Errorf("Bogon(%s) = %q, %v; want %q", tt.addr, reason, ok, tt.reason)
			}
		})
	}
	if r, ok := Bogon(netip.Addr{}); !ok || r != "invalid" {
		t.Errorf("Bogon(zero Addr) = %q, %v; want invalid", r, ok)
	}
}

// TestBogonTable checks the table itself: every prefix is canonical, and no
// entry is shadowed by an earlier, wider one (it would never be reported).
func TestBogonTable(t *testing.T) {
	rs := BogonRanges()
	for i, r := range rs {
		if r.Prefix != r.Prefix.Masked() {
			t.Errorf("%v is not canonical", r.Prefix)
		}
		for _, earlier := range rs[:i] {
			if earlier.Prefix.Bits() <= r.Prefix.Bits() && earlier.Prefix.Contains(r.Prefix.Addr()) {
				t.Errorf("%v (%s) is shadowed by %v (%s)", r.Prefix, r.Reason, earlier.Prefix, earlier.Reason)
			}
		}
		covered := false
		for _, earlier := range rs[:i] {
			covered = covered || earlier.Prefix.Contains(r.Prefix.Addr())
		}
		if got, ok := Bogon(r.Prefix.Addr()); !covered && (!ok || got != r.Reason) {
			t.Errorf("Bogon(%v) = %q, %v; want %q", r.Prefix.Addr(), got, ok, r.Reason)
		}
	}
}

func FuzzBogon(f *testing.F) {
	for _, s := range []string{"10.0.0.1", "::ffff:192.168.0.1", "2002:a00:1::", "fe80::1%lo", "2001:db8::", "8.8.8.8"} {
		a := netip.MustParseAddr(s)
		b, _ := a.MarshalBinary()
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var a netip.Addr
		if a.UnmarshalBinary(b) != nil {
			return
		}
		r1, ok1 := Bogon(a)
		r2, ok2 := Bogon(a.Unmap())
		if r1 != r2 || ok1 != ok2 {
			t.Fatalf("Bogon(%v) = %q,%v but Bogon(unmapped) = %q,%v", a, r1, ok1, r2, ok2)
		}
		if ok1 != (r1 != "") {
			t.Fatalf("Bogon(%v) = %q, %v", a, r1, ok1)
		}
		// The table agrees with the fast paths.
		if !ok1 {
			for _, r := range bogonRanges {
				if r.Prefix.Contains(a.Unmap().WithZone("")) {
					t.Fatalf("Bogon(%v) says public, but %v (%s) contains it", a, r.Prefix, r.Reason)
				}
			}
		}
	})
}

func BenchmarkBogon(b *testing.B) {
	addrs := benchAddrs()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Bogon(addrs[i%len(addrs)])
	}
}
