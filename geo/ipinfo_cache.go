package geo

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"
)

// IPInfoCache is the persistent cache of ipinfo answers: a JSON file of what
// the API said about each address and when. It holds locations only — never
// the token, never a request. Entries older than the TTL are ignored and
// dropped; a file that cannot be parsed is ignored and rewritten (Discarded
// says why). It is safe for concurrent use.
type IPInfoCache struct {
	path string
	ttl  time.Duration
	now  func() time.Time

	mu        sync.Mutex
	entries   map[netip.Addr]cacheEntry
	dirty     bool
	discarded error
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

// cacheFile is the file's layout.
type cacheFile struct {
	Format  string                `json:"format"`
	Entries map[string]cacheEntry `json:"entries"`
}

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
	c := &IPInfoCache{path: path, ttl: ttl, now: now, entries: map[netip.Addr]cacheEntry{}}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return nil, fmt.Errorf("geo: read ipinfo cache: %w", err)
	}
	entries, err := c.parse(data)
	if err != nil {
		c.discarded = fmt.Errorf("geo: ipinfo cache %s is unreadable and will be rebuilt: %w", path, err)
		c.dirty = true
		return c, nil
	}
	c.entries = entries
	return c, nil
}

// parse decodes a cache file, keeping the fresh, well-formed entries.
func (c *IPInfoCache) parse(data []byte) (map[netip.Addr]cacheEntry, error) {
	var f cacheFile
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&f); err != nil {
		return nil, err
	}
	if f.Format != cacheFormat {
		return nil, fmt.Errorf("format %q, want %q", f.Format, cacheFormat)
	}
	out := make(map[netip.Addr]cacheEntry, len(f.Entries))
	for k, e := range f.Entries {
		a, err := netip.ParseAddr(k)
		if err != nil || !c.fresh(e) {
			c.dirty = true // the file sheds the entry on the next save
			continue
		}
		out[a] = e
	}
	return out, nil
}

func (c *IPInfoCache) fresh(e cacheEntry) bool {
	age := c.now().Sub(time.Unix(e.At, 0))
	return age < c.ttl && age > -time.Hour // an entry from the future is a clock problem
}

// Discarded is the reason the file on disk was not used, or nil.
func (c *IPInfoCache) Discarded() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.discarded
}

// Path is the cache file.
func (c *IPInfoCache) Path() string { return c.path }

// Len is the number of fresh entries.
func (c *IPInfoCache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}

func (c *IPInfoCache) get(a netip.Addr) (cacheEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[a]
	if ok && !c.fresh(e) {
		return cacheEntry{}, false
	}
	return e, ok
}

func (c *IPInfoCache) put(a netip.Addr, e cacheEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries[a] = e
	c.dirty = true
}

// Save writes the cache back when it changed: merged with entries another
// run saved meanwhile, through a temporary file renamed into place, readable
// by the owner only.
func (c *IPInfoCache) Save() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.dirty {
		return nil
	}
	if data, err := os.ReadFile(c.path); err == nil {
		if disk, err := c.parse(data); err == nil {
			for a, e := range disk {
				if mine, ok := c.entries[a]; !ok || mine.At < e.At {
					c.entries[a] = e
				}
			}
		}
	}
	f := cacheFile{Format: cacheFormat, Entries: make(map[string]cacheEntry, len(c.entries))}
	for _, a := range c.newest(maxCacheEntries) {
		f.Entries[a.String()] = c.entries[a]
	}
	data, err := json.Marshal(f)
	if err != nil {
		return fmt.Errorf("geo: save ipinfo cache: %w", err)
	}
	if err := writeFileAtomic(c.path, data); err != nil {
		return fmt.Errorf("geo: save ipinfo cache: %w", err)
	}
	c.dirty = false
	return nil
}

// newest returns up to n addresses, the most recently fetched first.
func (c *IPInfoCache) newest(n int) []netip.Addr {
	addrs := make([]netip.Addr, 0, len(c.entries))
	for a := range c.entries {
		addrs = append(addrs, a)
	}
	if len(addrs) <= n {
		return addrs
	}
	slices.SortFunc(addrs, func(x, y netip.Addr) int { return cmp.Compare(c.entries[y].At, c.entries[x].At) })
	return addrs[:n]
}

func writeFileAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = tmp.Chmod(0o600); err != nil {
		return err
	}
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
