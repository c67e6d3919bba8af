package geo

import (
	"net/netip"
	"time"
)

// RDNSCache is the persistent cache of reverse-DNS answers: a JSON file of
// the name found for each address (or that there was none) and when.
// Failed lookups are not cached. Entries older than the TTL are ignored and
// dropped; a file that cannot be parsed is ignored and rewritten (Discarded
// says why). It is safe for concurrent use.
type RDNSCache struct {
	fileCache[rdnsEntry]
}

// rdnsEntry is one answer; an empty Name records that the address has none.
type rdnsEntry struct {
	At   int64  `json:"t"` // Unix seconds when resolved
	Name string `json:"name,omitempty"`
}

func (e rdnsEntry) time() int64 { return e.At }

const rdnsCacheFormat = "threatmap-rdns-cache/1"

// maxRDNSCacheEntries bounds the file: the most recent answers are kept.
const maxRDNSCacheEntries = 1 << 20

// OpenRDNSCache loads the cache file at path (a missing file is an empty
// cache). ttl is how long an answer stays valid; 0 or less means 7 days. An
// error is returned only when the file exists but cannot be read.
func OpenRDNSCache(path string, ttl time.Duration) (*RDNSCache, error) {
	return openRDNSCache(path, ttl, time.Now)
}

func openRDNSCache(path string, ttl time.Duration, now func() time.Time) (*RDNSCache, error) {
	if ttl <= 0 {
		ttl = 7 * 24 * time.Hour
	}
	c := &RDNSCache{fileCache[rdnsEntry]{kind: "reverse-DNS", format: rdnsCacheFormat, max: maxRDNSCacheEntries}}
	if err := openFileCache(&c.fileCache, path, ttl, now); err != nil {
		return nil, err
	}
	return c, nil
}

// putName records the name found for a (empty: none), now.
func (c *RDNSCache) putName(a netip.Addr, name string) {
	c.put(a, rdnsEntry{At: c.now().Unix(), Name: name})
}
