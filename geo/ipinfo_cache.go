package geo

import "time"

// IPInfoCache is the persistent cache of ipinfo answers: a JSON file of what
// the API said about each address and when. It holds locations only — never
// the token, never a request. Entries older than the TTL are ignored and
// dropped; a file that cannot be parsed is ignored and rewritten (Discarded
// says why). It is safe for concurrent use.
type IPInfoCache struct {
	fileCache[cacheEntry]
}

// cacheEntry is what the API said about one address. An entry with neither
// a country nor coordinates records that the API does not know the address,
// so it is not asked again before the entry expires.
type cacheEntry struct {
	At      int64   `json:"t"` // Unix seconds when fetched
	Country string  `json:"cc,omitempty"`
	City    string  `json:"city,omitempty"`
	Region  string  `json:"region,omitempty"`
	Org     string  `json:"org,omitempty"` // "AS15169 Google LLC"
	Lat     float64 `json:"lat,omitempty"`
	Lon     float64 `json:"lon,omitempty"`
	Bogon   bool    `json:"bogon,omitempty"`
}

func (e cacheEntry) time() int64 { return e.At }

const (
	cacheFormat = "threatmap-ipinfo-cache/1"
	// maxCacheEntries bounds the file; the oldest entries go first.
	maxCacheEntries = 1_000_000
)

// OpenIPInfoCache loads the cache file at path (a missing file is an empty
// cache). ttl is how long an answer stays valid; 0 or less means 30 days. An
// error is returned only when the file exists but cannot be read.
func OpenIPInfoCache(path string, ttl time.Duration) (*IPInfoCache, error) {
	return openIPInfoCache(path, ttl, time.Now)
}

func openIPInfoCache(path string, ttl time.Duration, now func() time.Time) (*IPInfoCache, error) {
	if ttl <= 0 {
		ttl = 30 * 24 * time.Hour
	}
	c := &IPInfoCache{fileCache[cacheEntry]{kind: "ipinfo", format: cacheFormat, max: maxCacheEntries}}
	if err := openFileCache(&c.fileCache, path, ttl, now); err != nil {
		return nil, err
	}
	return c, nil
}
