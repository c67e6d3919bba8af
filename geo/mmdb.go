package geo

import (
	"errors"
	"fmt"
	"net/netip"
	"path/filepath"
	"slices"
	"strings"
	"time"

	maxminddb "github.com/oschwald/maxminddb-golang/v2"
)

// MMDBOptions configures OpenMMDB and NewMMDB.
type MMDBOptions struct {
	// Schema maps records to Locations; the zero Schema detects it from
	// each file's metadata and records.
	Schema Schema
	// Points places country-level records; without it such records give
	// the country but no coordinates.
	Points CountryPoints
	// Verify checks every file's search tree and data section when it is
	// opened (seconds for a large city database). Without it a corrupt file
	// is still reported, by the lookups that reach the damage.
	Verify bool
}

// MMDB locates addresses through one or more MaxMind-format databases. Files
// are asked in the order given; an IPv4-only file is skipped for IPv6
// addresses, so separate IPv4 and IPv6 files of one product can be passed
// together. Addresses are unmapped (::ffff:a.b.c.d → a.b.c.d) and bogons
// refused before any lookup. A record is decoded once: answers are cached by
// the record's offset, since many networks share one record. MMDB is safe
// for concurrent use.
type MMDB struct {
	dbs []*mmdbFile
}

// MMDBInfo describes one open database.
type MMDBInfo struct {
	Name        string // the Location.Source of its answers
	Path        string // empty for an in-memory database
	Schema      Schema
	Type        string // metadata database_type
	Description string // metadata description (English, or any language)
	IPVersion   int    // 4: IPv4 only; 6: IPv6 and IPv4
	Built       time.Time
	Attribution string // the credit line its data's licence asks for
}

type mmdbFile struct {
	info   MMDBInfo
	r      *maxminddb.Reader
	points CountryPoints

	cache recordCache[Location] // record offset → answer
}

// maxRecordCache bounds the per-file record cache: a city database has a few
// million records, of which a run rarely touches more than this.
const maxRecordCache = 1 << 20

// sampleRecords is how many distinct records schema detection inspects.
const sampleRecords = 64

// maxSampleSteps bounds the networks, with or without data, that schema
// detection walks through.
const maxSampleSteps = 1 << 16

// OpenMMDB opens database files (memory-mapped) and detects their schemas.
// Errors name the file: a missing, empty, truncated or corrupt file, or one
// whose records hold no location the schema can read.
func OpenMMDB(paths []string, opt MMDBOptions) (*MMDB, error) {
	if len(paths) == 0 {
		return nil, errors.New("geo: no database file given")
	}
	m := &MMDB{}
	for _, p := range paths {
		r, err := maxminddb.Open(p)
		if err != nil {
			m.Close()
			return nil, fmt.Errorf("geo: open %s: %w", p, describeOpenError(err))
		}
		name := strings.TrimSuffix(filepath.Base(p), filepath.Ext(p))
		f, err := newMMDBFile(r, name, p, opt)
		if err != nil {
			r.Close()
			m.Close()
			return nil, err
		}
		m.dbs = append(m.dbs, f)
	}
	return m, nil
}

// NewMMDB reads a database held in memory; name becomes the Source of its
// answers and names it in errors. The MMDB keeps data, which must not change.
func NewMMDB(name string, data []byte, opt MMDBOptions) (*MMDB, error) {
	r, err := maxminddb.OpenBytes(data)
	if err != nil {
		return nil, fmt.Errorf("geo: open %s: %w", name, describeOpenError(err))
	}
	f, err := newMMDBFile(r, name, "", opt)
	if err != nil {
		return nil, err
	}
	return &MMDB{dbs: []*mmdbFile{f}}, nil
}

func describeOpenError(err error) error {
	var inv maxminddb.InvalidDatabaseError
	if errors.As(err, &inv) || strings.Contains(err.Error(), "invalid MaxMind DB") {
		return fmt.Errorf("not a MaxMind DB file, or truncated: %w", err)
	}
	return err
}

func newMMDBFile(r *maxminddb.Reader, name, path string, opt MMDBOptions) (*mmdbFile, error) {
	where := name
	if path != "" {
		where = path
	}
	md := r.Metadata
	if md.IPVersion != 4 && md.IPVersion != 6 {
		return nil, fmt.Errorf("geo: open %s: unsupported ip_version %d in metadata", where, md.IPVersion)
	}
	if opt.Verify {
		if err := r.Verify(); err != nil {
			return nil, fmt.Errorf("geo: open %s: corrupt database: %w", where, err)
		}
	}
	samples, err := sample(r)
	if err != nil {
		return nil, fmt.Errorf("geo: open %s: %w", where, err)
	}
	if len(samples) == 0 {
		return nil, fmt.Errorf("geo: open %s: the database holds no records", where)
	}
	schema := opt.Schema
	if schema.IsZero() {
		if schema, err = detectSchema(md, samples); err != nil {
			return nil, fmt.Errorf("geo: open %s: %w", where, err)
		}
	} else if !anyUseful(schema, samples) {
		return nil, fmt.Errorf("geo: open %s: schema %s finds no country or coordinates in its records (keys: %s)",
			where, schema, strings.Join(recordKeys(samples[0]), ", "))
	}
	f := &mmdbFile{
		info: MMDBInfo{
			Name: name, Path: path, Schema: schema,
			Type: md.DatabaseType, Description: description(md),
			IPVersion: int(md.IPVersion), Built: md.BuildTime().UTC(),
		},
		r:      r,
		points: opt.Points,
	}
	f.info.Attribution = attribution(f.info)
	return f, nil
}

// sample decodes the first distinct records of the database. The walk is
// bounded: a hostile search tree can make the networks without data
// uncountable.
func sample(r *maxminddb.Reader) ([]any, error) {
	var out []any
	seen := map[uintptr]bool{}
	steps := 0
	for res := range r.Networks(maxminddb.IncludeNetworksWithoutData()) {
		if err := res.Err(); err != nil {
			return nil, fmt.Errorf("corrupt database: %w", err)
		}
		if steps++; steps > maxSampleSteps || len(out) == sampleRecords {
			break
		}
		if !res.Found() || seen[res.Offset()] {
			continue
		}
		seen[res.Offset()] = true
		var rec any
		if err := res.Decode(&rec); err != nil {
			return nil, fmt.Errorf("corrupt database: %w", err)
		}
		out = append(out, rec)
	}
	return out, nil
}

// detectSchema picks a schema from the metadata's database_type, then from
// the shape of the records, and checks that it finds something in them.
func detectSchema(md maxminddb.Metadata, samples []any) (Schema, error) {
	t := strings.ToLower(md.DatabaseType)
	var candidates []Schema
	switch {
	case strings.Contains(t, "geoip") || strings.Contains(t, "geolite"):
		candidates = []Schema{schemaMaxMind("maxmind")}
	case strings.Contains(t, "dbip") || strings.Contains(t, "db-ip"):
		candidates = []Schema{schemaMaxMind("dbip")}
	case strings.Contains(t, "ipinfo"):
		candidates = []Schema{schemaIPinfo()}
	default:
		candidates = []Schema{schemaMaxMind("maxmind"), schemaFlat(), schemaIPinfo()}
	}
	for _, s := range candidates {
		if anyUseful(s, samples) {
			return s, nil
		}
	}
	what := "records"
	if md.DatabaseType != "" {
		what = md.DatabaseType + " records"
	}
	return Schema{}, fmt.Errorf("unknown schema: %s hold no country or coordinates that a known schema reads (keys: %s); give an explicit schema",
		what, strings.Join(recordKeys(samples[0]), ", "))
}

func anyUseful(s Schema, samples []any) bool {
	for _, rec := range samples {
		if s.useful(rec) {
			return true
		}
	}
	return false
}

func description(md maxminddb.Metadata) string {
	if d := md.Description["en"]; d != "" {
		return d
	}
	for _, d := range md.Description {
		return d
	}
	return ""
}

// attribution gives the credit line that the data's licence asks for.
func attribution(info MMDBInfo) string {
	t := strings.ToLower(info.Type)
	switch {
	case strings.Contains(t, "geolite"):
		return "IP geolocation: GeoLite2 data created by MaxMind (maxmind.com)"
	case strings.Contains(t, "geoip"):
		return "IP geolocation: MaxMind GeoIP2 (maxmind.com)"
	case strings.Contains(t, "dbip") || strings.Contains(t, "db-ip") || info.Schema.Name == "dbip":
		return "IP geolocation by DB-IP (db-ip.com), CC BY 4.0"
	case strings.Contains(t, "ipinfo") || info.Schema.Name == "ipinfo":
		return "IP address data powered by IPinfo (ipinfo.io)"
	case info.Description != "":
		return "IP geolocation: " + info.Description
	}
	return "IP geolocation: " + info.Name
}

// Locate implements Locator. It returns the finest answer of the files that
// hold the address's family, preferring earlier files among equals.
func (m *MMDB) Locate(addr netip.Addr) (Location, error) {
	addr, err := checkBogon(addr)
	if err != nil {
		return Location{}, err
	}
	if len(m.dbs) == 1 { // the common case, without the loop's bookkeeping
		f := m.dbs[0]
		if f.info.IPVersion == 4 && !addr.Is4() {
			return Location{}, nil
		}
		return f.locate(addr)
	}
	var best Location
	var firstErr error
	for _, f := range m.dbs {
		if f.info.IPVersion == 4 && !addr.Is4() {
			continue
		}
		loc, err := f.locate(addr)
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		if loc.Precision > best.Precision || (best.Country == "" && !best.Located() && loc.Country != "") {
			best = loc
		}
		if best.Precision >= PrecisionCity {
			break
		}
	}
	if !best.Located() && firstErr != nil {
		return best, firstErr
	}
	return best, nil
}

// locate looks a normalised, non-bogon address up in one file.
func (f *mmdbFile) locate(addr netip.Addr) (Location, error) {
	return f.cache.lookup(f.r, addr, f.where(), func(rec any) Location {
		return f.toLocation(f.info.Schema.extract(rec))
	})
}

func (f *mmdbFile) where() string {
	if f.info.Path != "" {
		return f.info.Path
	}
	return f.info.Name
}

// toLocation turns a record's fields into an answer. Coordinates in the
// record are always the answer, with the record's accuracy radius; what else
// the record names (a city, a subdivision, nothing) sets the precision. Only
// a record with a country and no coordinates is placed at the country's
// representative point.
func (f *mmdbFile) toLocation(fl fields) Location {
	loc := Location{Country: fl.country, City: fl.city, Source: f.info.Name}
	switch {
	case fl.hasCoords:
		loc.Lat, loc.Lon, loc.AccuracyKm = fl.lat, fl.lon, fl.accuracyKm
		loc.Precision = coordsPrecision(fl.city, fl.subdivision)
	case fl.country != "" && f.points != nil:
		if p, ok := f.points(fl.country); ok {
			loc.Lat, loc.Lon, loc.Precision = p.Lat(), p.Lon(), PrecisionCountry
		}
	}
	return loc
}

// coordsPrecision is the precision of a source's own coordinates, given the
// city and subdivision its record names.
func coordsPrecision(city, subdivision string) Precision {
	switch {
	case city != "":
		return PrecisionCity
	case subdivision != "":
		return PrecisionSubdivision
	}
	return PrecisionCoordinates
}

// Databases describes the open files, in lookup order.
func (m *MMDB) Databases() []MMDBInfo {
	out := make([]MMDBInfo, len(m.dbs))
	for i, f := range m.dbs {
		out[i] = f.info
	}
	return out
}

// Attribution gives the credit lines of the files' data, joined by "; ".
func (m *MMDB) Attribution() string {
	var parts []string
	for _, f := range m.dbs {
		if a := f.info.Attribution; a != "" && !slices.Contains(parts, a) {
			parts = append(parts, a)
		}
	}
	return strings.Join(parts, "; ")
}

// Close unmaps the files. The MMDB must not be used afterwards.
func (m *MMDB) Close() error {
	var errs []error
	for _, f := range m.dbs {
		if err := f.r.Close(); err != nil {
			errs = append(errs, fmt.Errorf("geo: close %s: %w", f.where(), err))
		}
	}
	m.dbs = nil
	return errors.Join(errs...)
}
