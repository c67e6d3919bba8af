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

// timedEntry is what a file cache keeps for an address: an answer and the
// Unix second it was had.
type timedEntry interface{ time() int64 }

// fileCache is a persistent cache of answers by address: a JSON file
// {"format": …, "entries": {address: entry}}. Entries older than the TTL
// are ignored and dropped; a file that cannot be parsed is ignored and
// rewritten (Discarded says why); at most max entries are saved, the most
// recent. It is safe for concurrent use. IPInfoCache and RDNSCache are
// its two kinds.
type fileCache[E timedEntry] struct {
	kind   string // "ipinfo", "reverse-DNS": what errors call it
	format string // the file's format name and version
	max    int
	path   string
	ttl    time.Duration
	now    func() time.Time

	mu        sync.Mutex
	entries   map[netip.Addr]E
	dirty     bool
	discarded error
}

// cacheLayout is the file's layout.
type cacheLayout[E timedEntry] struct {
	Format  string       `json:"format"`
	Entries map[string]E `json:"entries"`
}

// openFileCache loads the cache file at path (a missing file is an empty
// cache); an error is returned only when the file exists but cannot be
// read.
func openFileCache[E timedEntry](c *fileCache[E], path string, ttl time.Duration, now func() time.Time) error {
	c.path, c.ttl, c.now, c.entries = path, ttl, now, map[netip.Addr]E{}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("geo: read %s cache: %w", c.kind, err)
	}
	entries, err := c.parse(data)
	if err != nil {
		c.discarded = fmt.Errorf("geo: %s cache %s is unreadable and will be rebuilt: %w", c.kind, path, err)
		c.dirty = true
		return nil
	}
	c.entries = entries
	return nil
}

// parse decodes a cache file, keeping the fresh, well-formed entries.
func (c *fileCache[E]) parse(data []byte) (map[netip.Addr]E, error) {
	var f cacheLayout[E]
	if err := json.NewDecoder(bytes.NewReader(data)).Decode(&f); err != nil {
		return nil, err
	}
	if f.Format != c.format {
		return nil, fmt.Errorf("format %q, want %q", f.Format, c.format)
	}
	out := make(map[netip.Addr]E, len(f.Entries))
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

func (c *fileCache[E]) fresh(e E) bool {
	age := c.now().Sub(time.Unix(e.time(), 0))
	return age < c.ttl && age > -time.Hour // an entry from the future is a clock problem
}

// Discarded is the reason the file on disk was not used, or nil.
func (c *fileCache[E]) Discarded() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.discarded
}

// Path is the cache file.
func (c *fileCache[E]) Path() string { return c.path }

// Len is the number of fresh entries.
func (c *fileCache[E]) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}

func (c *fileCache[E]) get(a netip.Addr) (E, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[a]
	if ok && !c.fresh(e) {
		var zero E
		return zero, false
	}
	return e, ok
}

func (c *fileCache[E]) put(a netip.Addr, e E) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries[a] = e
	c.dirty = true
}

// Save writes the cache back when it changed: merged with entries another
// run saved meanwhile, through a temporary file renamed into place, readable
// by the owner only.
func (c *fileCache[E]) Save() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.dirty {
		return nil
	}
	if data, err := os.ReadFile(c.path); err == nil {
		if disk, err := c.parse(data); err == nil {
			for a, e := range disk {
				if mine, ok := c.entries[a]; !ok || mine.time() < e.time() {
					c.entries[a] = e
				}
			}
		}
	}
	f := cacheLayout[E]{Format: c.format, Entries: make(map[string]E, len(c.entries))}
	for _, a := range c.newest(c.max) {
		f.Entries[a.String()] = c.entries[a]
	}
	data, err := json.Marshal(f)
	if err == nil {
		err = writeFileAtomic(c.path, data)
	}
	if err != nil {
		return fmt.Errorf("geo: save %s cache: %w", c.kind, err)
	}
	c.dirty = false
	return nil
}

// newest returns up to n addresses, the most recent answers first.
func (c *fileCache[E]) newest(n int) []netip.Addr {
	addrs := make([]netip.Addr, 0, len(c.entries))
	for a := range c.entries {
		addrs = append(addrs, a)
	}
	if len(addrs) <= n {
		return addrs
	}
	slices.SortFunc(addrs, func(x, y netip.Addr) int { return cmp.Compare(c.entries[y].time(), c.entries[x].time()) })
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
