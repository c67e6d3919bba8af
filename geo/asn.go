package geo

import (
	"errors"
	"fmt"
	"net/netip"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	maxminddb "github.com/oschwald/maxminddb-golang/v2"
)

// ASN is the autonomous system that announces an address: its number and the
// organisation that holds it. The zero ASN means unknown.
type ASN struct {
	Number uint32 // 0 when unknown
	Org    string // e.g. "OVH SAS"; may be empty when the number is known
	Source string // which lookup answered, e.g. "GeoLite2-ASN", "ipinfo"
}

// Known reports whether a holds a number or an organisation.
func (a ASN) Known() bool { return a.Number != 0 || a.Org != "" }

// String gives "AS16276 OVH SAS", "AS16276" or the organisation alone; ""
// when unknown.
func (a ASN) String() string {
	switch {
	case a.Number != 0 && a.Org != "":
		return "AS" + strconv.FormatUint(uint64(a.Number), 10) + " " + a.Org
	case a.Number != 0:
		return "AS" + strconv.FormatUint(uint64(a.Number), 10)
	}
	return a.Org
}

// ASNLocator finds the autonomous system of an address. Like a Locator, it
// returns the zero ASN and a nil error when it knows nothing about the
// address, and an error only when it could not look (a bogon, a broken
// database, a failing API).
type ASNLocator interface {
	LocateASN(addr netip.Addr) (ASN, error)
}

// ParseASNumber reads an AS number written "AS15169", "as15169" or "15169".
func ParseASNumber(s string) (uint32, bool) {
	s = strings.TrimSpace(s)
	if len(s) > 2 && strings.EqualFold(s[:2], "AS") {
		s = s[2:]
	}
	n, err := strconv.ParseUint(s, 10, 32)
	if err != nil || n == 0 {
		return 0, false
	}
	return uint32(n), true
}

// ParseASOrg splits an organisation written as ipinfo's org field does,
// "AS15169 Google LLC", into number and name. A string that does not start
// with an AS number is taken as the name alone.
func ParseASOrg(s string) ASN {
	s = strings.TrimSpace(s)
	first, rest, _ := strings.Cut(s, " ")
	if n, ok := ParseASNumber(first); ok && strings.HasPrefix(strings.ToUpper(first), "AS") {
		return ASN{Number: n, Org: strings.TrimSpace(rest)}
	}
	return ASN{Org: s}
}

// ASNChain asks its ASNLocators in order; the first known answer wins. A
// bogon stops the chain at once; when nobody knows the address and some
// lookup failed, the first failure is returned.
type ASNChain []ASNLocator

// LocateASN implements ASNLocator.
func (c ASNChain) LocateASN(addr netip.Addr) (ASN, error) {
	var firstErr error
	for _, l := range c {
		a, err := l.LocateASN(addr)
		if err != nil {
			if be := (*BogonError)(nil); errors.As(err, &be) {
				return ASN{}, err
			}
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		if a.Known() {
			return a, nil
		}
	}
	return ASN{}, firstErr
}

// ASNDB reads autonomous systems from one or more MaxMind-format ASN
// databases, whose layout is recognised from the records: GeoLite2-ASN,
// DB-IP ASN and ip-location-db's ASN files (autonomous_system_number,
// autonomous_system_organization), and IPinfo's files (asn "AS15169" with
// as_name or name). Files are asked in the order given; an IPv4-only file is
// skipped for IPv6 addresses. Addresses are unmapped and bogons refused
// before any lookup. ASNDB is safe for concurrent use.
type ASNDB struct {
	dbs []*asnFile
}

type asnFile struct {
	name, path  string
	ipVersion   uint
	attribution string
	r           *maxminddb.Reader

	cache recordCache[ASN]
}

// OpenASNDB opens ASN database files (memory-mapped). Errors name the file:
// a missing or corrupt file, or one whose records hold no AS number or
// organisation.
func OpenASNDB(paths []string) (*ASNDB, error) {
	if len(paths) == 0 {
		return nil, errors.New("geo: no ASN database file given")
	}
	d := &ASNDB{}
	for _, p := range paths {
		r, err := maxminddb.Open(p)
		if err != nil {
			d.Close()
			return nil, fmt.Errorf("geo: open %s: %w", p, describeOpenError(err))
		}
		f, err := newASNFile(r, strings.TrimSuffix(filepath.Base(p), filepath.Ext(p)), p)
		if err != nil {
			r.Close()
			d.Close()
			return nil, err
		}
		d.dbs = append(d.dbs, f)
	}
	return d, nil
}

// NewASNDB reads an ASN database held in memory; name becomes the Source of
// its answers and names it in errors. The ASNDB keeps data, which must not
// change.
func NewASNDB(name string, data []byte) (*ASNDB, error) {
	r, err := maxminddb.OpenBytes(data)
	if err != nil {
		return nil, fmt.Errorf("geo: open %s: %w", name, describeOpenError(err))
	}
	f, err := newASNFile(r, name, "")
	if err != nil {
		return nil, err
	}
	return &ASNDB{dbs: []*asnFile{f}}, nil
}

func newASNFile(r *maxminddb.Reader, name, path string) (*asnFile, error) {
	where := name
	if path != "" {
		where = path
	}
	md := r.Metadata
	if md.IPVersion != 4 && md.IPVersion != 6 {
		return nil, fmt.Errorf("geo: open %s: unsupported ip_version %d in metadata", where, md.IPVersion)
	}
	samples, err := sample(r)
	if err != nil {
		return nil, fmt.Errorf("geo: open %s: %w", where, err)
	}
	if !slices.ContainsFunc(samples, func(rec any) bool { return asnFromRecord(rec).Known() }) {
		keys := "none"
		if len(samples) > 0 {
			keys = strings.Join(recordKeys(samples[0]), ", ")
		}
		return nil, fmt.Errorf("geo: open %s: not an ASN database: its records hold no autonomous_system_number, asn or organisation (keys: %s)", where, keys)
	}
	f := &asnFile{name: name, path: path, ipVersion: md.IPVersion, r: r}
	f.attribution = asnAttribution(md.DatabaseType, description(md), name)
	return f, nil
}

func asnAttribution(dbType, desc, name string) string {
	t := strings.ToLower(dbType)
	switch {
	case strings.Contains(t, "geolite"):
		return "AS data: GeoLite2 data created by MaxMind (maxmind.com)"
	case strings.Contains(t, "geoip"):
		return "AS data: MaxMind GeoIP2 (maxmind.com)"
	case strings.Contains(t, "dbip") || strings.Contains(t, "db-ip"):
		return "AS data by DB-IP (db-ip.com), CC BY 4.0"
	case strings.Contains(t, "ipinfo"):
		return "IP address data powered by IPinfo (ipinfo.io)"
	case desc != "":
		return "AS data: " + desc
	}
	return "AS data: " + name
}

// asnFromRecord reads an AS from a decoded record of any known layout.
func asnFromRecord(rec any) ASN {
	var a ASN
	if n, ok := toFloat(lookupPath(rec, Path{"autonomous_system_number"})); ok && n > 0 && n < 1<<32 {
		a.Number = uint32(n)
	} else if s, ok := lookupPath(rec, Path{"asn"}).(string); ok {
		a.Number, _ = ParseASNumber(s)
	} else if n, ok := toFloat(lookupPath(rec, Path{"asn"})); ok && n > 0 && n < 1<<32 {
		a.Number = uint32(n)
	}
	a.Org = firstString(rec, paths("autonomous_system_organization", "as_name", "name"))
	if a.Org == "" {
		if org, ok := lookupPath(rec, Path{"org"}).(string); ok {
			p := ParseASOrg(org)
			if a.Number == 0 {
				a.Number = p.Number
			}
			a.Org = p.Org
		}
	}
	return a
}

// LocateASN implements ASNLocator: the first file that knows the address
// answers.
func (d *ASNDB) LocateASN(addr netip.Addr) (ASN, error) {
	addr, err := checkBogon(addr)
	if err != nil {
		return ASN{}, err
	}
	var firstErr error
	for _, f := range d.dbs {
		if f.ipVersion == 4 && !addr.Is4() {
			continue
		}
		a, err := f.locate(addr)
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		if a.Known() {
			return a, nil
		}
	}
	return ASN{}, firstErr
}

func (f *asnFile) locate(addr netip.Addr) (ASN, error) {
	where := f.name
	if f.path != "" {
		where = f.path
	}
	return f.cache.lookup(f.r, addr, where, func(rec any) ASN {
		a := asnFromRecord(rec)
		if a.Known() {
			a.Source = f.name
		}
		return a
	})
}

// Attribution gives the credit lines of the files' data, joined by "; ".
func (d *ASNDB) Attribution() string {
	var parts []string
	for _, f := range d.dbs {
		if !slices.Contains(parts, f.attribution) {
			parts = append(parts, f.attribution)
		}
	}
	return strings.Join(parts, "; ")
}

// Close unmaps the files. The ASNDB must not be used afterwards.
func (d *ASNDB) Close() error {
	var errs []error
	for _, f := range d.dbs {
		if err := f.r.Close(); err != nil {
			errs = append(errs, fmt.Errorf("geo: close %s: %w", f.name, err))
		}
	}
	d.dbs = nil
	return errors.Join(errs...)
}
