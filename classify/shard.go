package classify

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// Shard selects the source addresses of one of Count disjoint shards, so
// that Count runs over the same logs split the addresses between them and
// every per-address window stays exact. The zero value (Count 0) keeps
// every address.
//
// An address belongs to shard
//
//	FNV-1a 64(As16(addr)) mod Count
//
// where As16 is the 16-byte form of the address: an IPv6 address as is, an
// IPv4 address a.b.c.d as the IPv4-mapped ::ffff:a.b.c.d (ten zero bytes,
// two 0xff bytes, then the four bytes of the address), and FNV-1a 64 starts
// from the offset basis 0xcbf29ce484222325 and, for each byte, xors it in
// and multiplies by the prime 0x100000001b3 (mod 2⁶⁴). The hash is part of
// the file formats: it never changes between versions.
type Shard struct {
	Index int // 0 ≤ Index < Count
	Count int
}

// ParseShard reads "K/N": shard K (0-based) of N.
func ParseShard(s string) (Shard, error) {
	k, n, ok := strings.Cut(s, "/")
	ki, err1 := strconv.Atoi(strings.TrimSpace(k))
	ni, err2 := strconv.Atoi(strings.TrimSpace(n))
	if !ok || err1 != nil || err2 != nil || ni < 1 || ki < 0 || ki >= ni {
		return Shard{}, fmt.Errorf("classify: shard %q: want K/N with 0 ≤ K < N (0/4, 1/4, 2/4, 3/4)", s)
	}
	return Shard{Index: ki, Count: ni}, nil
}

// String is "K/N", or "" for the zero value.
func (s Shard) String() string {
	if s.Count == 0 {
		return ""
	}
	return strconv.Itoa(s.Index) + "/" + strconv.Itoa(s.Count)
}

// Contains reports whether a belongs to the shard; every address belongs
// to the zero Shard.
func (s Shard) Contains(a netip.Addr) bool {
	if s.Count <= 1 {
		return true
	}
	return ShardHash(a)%uint64(s.Count) == uint64(s.Index)
}

// ShardHash is the FNV-1a 64 hash of the address's 16-byte form (see
// Shard).
func ShardHash(a netip.Addr) uint64 {
	const (
		offset = 0xcbf29ce484222325
		prime  = 0x100000001b3
	)
	b := a.Unmap().As16()
	h := uint64(offset)
	for _, c := range b {
		h ^= uint64(c)
		h *= prime
	}
	return h
}
