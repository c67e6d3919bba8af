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
	"slices"
	"sync"
	"time"
)

// RDNSCache is the persistent cache of reverse-DNS answers: a JSON file of
// the name found for each address (or that there was none) and when.
// Failed lookups are not cached. Entries older than the TTL are ignored and
// dropped; a file that cannot be parsed is ignored and rewritten (Discarded
// says why). It is safe for concurrent use.
type RDNSCache struct {
	path string
	ttl  time.Duration
	now  func() time.Time

	mu        sync.Mutex
	entries   map[netip.Addr]rdnsEntry
	dirty     bool
	discarded error
}

// rdnsEntry is one answer; an empty Name records that the address has none.
type rdnsEntry struct {
	At   int64  `json:"t"` // Unix seconds when resolved
	Name string `json:"name,omitempty"`
}

type rdnsCacheFile struct {
	Format  string               `json:"format"`
	Entries map[string]rdnsEntry `json:"entries"`
}

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
	c := &RDNSCache{path: path, ttl: ttl, now: now, entries: map[netip.Addr]rdnsEntry{}}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return nil, fmt.Errorf("geo: read reverse-DNS cache: %w", err)
	}
	entries, err := c.parse(data)
	if err != nil {
		c.discarded = fmt.Errorf("geo: reverse-DNS cache %s is unreadable and will be rebuilt: %w", path, err)
		c.dirty = true
		return c, nil
	}
	c.entries = entries
	return c, nil
}

func (c *RDNSCache) parse(data []byte) (map[netip.Addr]rdnsEntry, error) {
	var f rdnsCacheFile
	if err := json.NewDecoder(bytes.NewReader(data)).Decode(&f); err != nil {
		return nil, err
	}
	if f.Format != rdnsCacheFormat {
		return nil, fmt.Errorf("format %q, want %q", f.Format, rdnsCacheFormat)
	}
	out := make(map[netip.Addr]rdnsEntry, len(f.Entries))
	for k, e := range f.Entries {
		a, err := netip.ParseAddr(k)
		if err != nil || !c.fresh(e) {
			c.dirty = true
			continue
		}
		out[a] = e
	}
	return out, nil
}

func (c *RDNSCache) fresh(e rdnsEntry) bool {
	age := c.now().Sub(time.Unix(e.At, 0))
	return age < c.ttl && age > -time.Hour
}

// Discarded is the reason the file on disk was not used, or nil.
func (c *RDNSCache) Discarded() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.discarded
}

// Path is the cache file.
func (c *RDNSCache) Path() string { return c.path }

// Len is the number of fresh entries.
func (c *RDNSCache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}

func (c *RDNSCache) get(a netip.Addr) (rdnsEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[a]
	if ok && !c.fresh(e) {
		return rdnsEntry{}, false
	}
	return e, ok
}

func (c *RDNSCache) put(a netip.Addr, name string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries[a] = rdnsEntry{At: c.now().Unix(), Name: name}
	c.dirty = true
}

// Save writes the cache back when it changed: merged with entries another
// run saved meanwhile, through a temporary file renamed into place, readable
// by the owner only.
func (c *RDNSCache) Save() error {
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
	addrs := make([]netip.Addr, 0, len(c.entries))
	for a := range c.entries {
		addrs = append(addrs, a)
	}
	if len(addrs) > maxRDNSCacheEntries {
		slices.SortFunc(addrs, func(x, y netip.Addr) int { return cmp.Compare(c.entries[y].At, c.entries[x].At) })
		addrs = addrs[:maxRDNSCacheEntries]
	}
	f := rdnsCacheFile{Format: rdnsCacheFormat, Entries: make(map[string]rdnsEntry, len(addrs))}
	for _, a := range addrs {
		f.Entries[a.String()] = c.entries[a]
	}
	data, err := json.Marshal(f)
	if err != nil {
		return fmt.Errorf("geo: save reverse-DNS cache: %w", err)
	}
	if err := writeFileAtomic(c.path, data); err != nil {
		return fmt.Errorf("geo: save reverse-DNS cache: %w", err)
	}
	c.dirty = false
	return nil
}
