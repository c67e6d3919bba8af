package classify

import (
	"bytes"
	"errors"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/threatmap/threatmap/located/column"
)

// The events CSV (column.EventHeader) is also a log format: classify reads
// it line by line like any log, through the one column table that every
// reader of the located stage uses. The value parsers below are shared with
// that stage's reader.

// Errors of the events CSV's fields.
var (
	ErrNoAddress   = errors.New("no ip")
	ErrBadAddress  = errors.New("not an IP address")
	ErrBadTime     = errors.New("not a time (want RFC 3339, \"2006-01-02 15:04:05\" or Unix seconds)")
	ErrBadCategory = errors.New("unknown threat category")
)

// noColumns is the column state of a file whose header is not known yet.
var noColumns = column.Find(nil)

// eventColumns are the positions of a file without a header.
var eventColumns = column.Find(column.EventHeader)

// headerColumns reads a header row; ok is false when the row is data.
func headerColumns(fields []string) (column.Index, bool) {
	c := column.Find(fields)
	return c, c.Has(column.IP)
}

// ParseAddr reads an address as logs and CSVs write it: trimmed, possibly
// with a port, in brackets or with a zone; IPv4-mapped IPv6 is unmapped.
func ParseAddr(s string) (netip.Addr, bool) {
	return parseAddrPort([]byte(strings.TrimSpace(s)))
}

// ParseTime reads the time of a CSV field: RFC 3339 or ISO 8601 with a space
// (UTC when no zone is given), or Unix seconds.
func ParseTime(s string) (time.Time, error) {
	if t, n := parseISO([]byte(s), nil); n == len(s) && n > 0 {
		return t, nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f >= 0 && f < 1e11 {
		sec := int64(f)
		return time.Unix(sec, int64((f-float64(sec))*1e9)).UTC(), nil
	}
	return time.Time{}, ErrBadTime
}

// threatAliases are the names other tools (and older CSVs) use.
var threatAliases = map[string]Category{
	"vulnerability_scanner": VulnScanner, "vulnerability": VulnScanner, "vuln": VulnScanner, "scanner": VulnScanner,
	"bruteforce": BruteForce, "brute": BruteForce, "dictionary": BruteForce,
	"ddos": DoS, "flood": DoS,
	"proxy": ProxyScanner, "tor": ProxyScanner, "proxy_scanner_tor": ProxyScanner,
	"bot": GoodBot, "goodbot": GoodBot, "crawler": GoodBot,
	"legitimate": Legit, "none": Legit, "ok": Legit, "": Legit,
}

// ParseThreat reads a threat category as CSVs write it: a category name or
// one of the names other tools use ("DoS", "bruteforce", "Tor", "crawler"),
// case, spaces and hyphens ignored.
func ParseThreat(s string) (Category, bool) {
	k := strings.ToLower(strings.TrimSpace(s))
	k = strings.NewReplacer(" ", "_", "-", "_").Replace(k)
	if c, err := ParseCategory(k); err == nil {
		return c, true
	}
	c, ok := threatAliases[k]
	return c, ok
}

// eventFromFields builds an event from one row; col is the failing column.
func eventFromFields(rec []string, c *column.Index) (Event, column.Name, error) {
	var ev Event
	ip := c.Field(rec, column.IP)
	if ip == "" {
		return ev, column.IP, ErrNoAddress
	}
	a, ok := ParseAddr(ip)
	if !ok {
		return ev, column.IP, ErrBadAddress
	}
	ev.IP = a
	if s := c.Field(rec, column.Time); s != "" {
		t, err := ParseTime(s)
		if err != nil {
			return ev, column.Time, err
		}
		ev.Time = t
	}
	if s := c.Field(rec, column.Threat); s != "" {
		cat, ok := ParseThreat(s)
		if !ok {
			return ev, column.Threat, fmt.Errorf("%w %q", ErrBadCategory, s)
		}
		ev.Category = cat
	}
	ev.Rule = c.Field(rec, column.Rule)
	ev.Source = c.Field(rec, column.Source)
	return ev, column.None, nil
}

// splitCSVLine splits one CSV line into fields, honouring quotes (a quoted
// field spanning lines is not supported: log inputs are line-oriented).
func splitCSVLine(line []byte, dst []string) []string {
	dst = dst[:0]
	for {
		if len(line) > 0 && line[0] == '"' {
			var sb []byte
			i := 1
			for i < len(line) {
				if line[i] == '"' {
					if i+1 < len(line) && line[i+1] == '"' {
						sb = append(sb, '"')
						i += 2
						continue
					}
					i++
					break
				}
				sb = append(sb, line[i])
				i++
			}
			dst = append(dst, string(sb))
			line = line[i:]
			if j := bytes.IndexByte(line, ','); j >= 0 {
				line = line[j+1:]
				continue
			}
			return dst
		}
		j := bytes.IndexByte(line, ',')
		if j < 0 {
			return append(dst, string(line))
		}
		dst = append(dst, string(line[:j]))
		line = line[j+1:]
	}
}

// parseCSVRecord reads one events-CSV line into r; cols holds the header
// read so far in the file (noColumns before one), nil for none.
func (p *lineParser) parseCSVRecord(line []byte, r *record, cols *column.Index) lineResult {
	r.format, r.service = FormatCSV, svcCSV
	p.fields = splitCSVLine(line, p.fields)
	if c, ok := headerColumns(p.fields); ok {
		if cols != nil {
			*cols = c
		}
		return resIgnored
	}
	c := &eventColumns
	if cols != nil && cols.Has(column.IP) {
		c = cols
	}
	ev, col, err := eventFromFields(p.fields, c)
	if err != nil {
		if col == column.Time {
			return resBadTime
		}
		return resMalformed
	}
	r.time, r.peer, r.src, r.category = ev.Time, ev.IP, ev.IP, ev.Category
	r.rule = append(p.ruleBuf[:0], ev.Rule...)
	p.ruleBuf = r.rule
	return resOK
}
