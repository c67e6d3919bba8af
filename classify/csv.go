package classify

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// EventHeader is the header of the events CSV, the interchange format between
// classify, locate and render.
var EventHeader = []string{"time", "ip", "threat", "risk", "rule", "source"}

// ActorHeader is the header of the actors CSV.
// compromised is "true" for many failed logins then a successful one;
// services and users (the names tried most, most first) are joined by ';'.
var ActorHeader = []string{"ip", "category", "risk", "score", "events", "first_seen", "last_seen", "categories",
	"compromised", "services", "users"}

// ParseError is a bad record of an events CSV. Line is 1-based; Column is
// the 1-based field number (0 when the whole record is at fault). A caller
// may count it and go on reading.
type ParseError struct {
	Line   int
	Column int
	Err    error
}

func (e *ParseError) Error() string {
	if e.Column > 0 {
		return fmt.Sprintf("classify: events CSV line %d, column %d: %v", e.Line, e.Column, e.Err)
	}
	return fmt.Sprintf("classify: events CSV line %d: %v", e.Line, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

// Errors wrapped by ParseError.
var (
	ErrNoAddress   = errors.New("no ip column")
	ErrBadAddress  = errors.New("not an IP address")
	ErrBadTime     = errors.New("not a time (want RFC 3339, \"2006-01-02 15:04:05\" or Unix seconds)")
	ErrBadCategory = errors.New("unknown threat category")
)

// csvColumns maps a header to field positions; -1 means absent.
type csvColumns struct {
	time, ip, threat, rule, source int
}

// positional columns for a file without a header: the events CSV order.
var defaultColumns = csvColumns{time: 0, ip: 1, threat: 2, rule: 4, source: 5}

// columnsFromHeader reads a header row; ok is false when the row is data.
func columnsFromHeader(fields []string) (csvColumns, bool) {
	c := csvColumns{-1, -1, -1, -1, -1}
	for i, f := range fields {
		switch strings.ToLower(strings.TrimSpace(f)) {
		case "time", "timestamp", "date", "datetime":
			c.time = i
		case "ip", "addr", "address", "ip_address", "src", "src_ip", "source_ip", "client":
			c.ip = i
		case "threat", "threattype", "threat_type", "category", "type":
			c.threat = i
		case "rule":
			c.rule = i
		case "source", "file":
			c.source = i
		}
	}
	return c, c.ip >= 0
}

// EventReader reads events from a CSV with a header naming its columns:
// time, ip, threat (also threatType or category), and optionally risk, rule,
// source; other columns (lat, lon, …) are ignored. A file without a header
// is read positionally as time,ip,threat,risk,rule,source. Read returns
// io.EOF at the end and a *ParseError for a bad record, after which reading
// may go on.
type EventReader struct {
	// Source, when set, fills Event.Source for rows without a source column.
	Source string

	r       *csv.Reader
	cols    csvColumns
	started bool
}

// NewEventReader returns a reader of r. It buffers r.
func NewEventReader(r io.Reader) *EventReader {
	cr := csv.NewReader(bufio.NewReader(r))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	cr.TrimLeadingSpace = true
	return &EventReader{r: cr}
}

// Read returns the next event.
func (er *EventReader) Read() (Event, error) {
	for {
		rec, err := er.r.Read()
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return Event{}, &ParseError{Line: pe.Line, Column: 0, Err: pe.Err}
			}
			return Event{}, err
		}
		line, _ := er.r.FieldPos(0)
		if !er.started {
			er.started = true
			if c, ok := columnsFromHeader(rec); ok {
				er.cols = c
				continue
			}
			if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
				er.started = false
				continue
			}
			er.cols = defaultColumns
		}
		ev, col, err := eventFromFields(rec, er.cols)
		if err != nil {
			return Event{}, &ParseError{Line: line, Column: col + 1, Err: err}
		}
		if ev.Source == "" {
			ev.Source = er.Source
		}
		return ev, nil
	}
}

func field(rec []string, i int) string {
	if i < 0 || i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

// eventFromFields builds an event from one row; col is the failing field.
func eventFromFields(rec []string, c csvColumns) (Event, int, error) {
	var ev Event
	ip := field(rec, c.ip)
	if ip == "" {
		return ev, c.ip, ErrNoAddress
	}
	a, ok := parseAddrPort([]byte(ip))
	if !ok {
		return ev, c.ip, ErrBadAddress
	}
	ev.IP = a
	if s := field(rec, c.time); s != "" {
		t, err := parseCSVTime(s)
		if err != nil {
			return ev, c.time, err
		}
		ev.Time = t
	}
	if s := field(rec, c.threat); s != "" {
		cat, ok := parseThreat(s)
		if !ok {
			return ev, c.threat, fmt.Errorf("%w %q", ErrBadCategory, s)
		}
		ev.Category = cat
	}
	ev.Rule = field(rec, c.rule)
	ev.Source = field(rec, c.source)
	return ev, -1, nil
}

func parseCSVTime(s string) (time.Time, error) {
	if t, n := parseISO([]byte(s), nil); n == len(s) {
		return t, nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f >= 0 && f < 1e11 {
		sec := int64(f)
		return time.Unix(sec, int64((f-float64(sec))*1e9)).UTC(), nil
	}
	return time.Time{}, ErrBadTime
}

// threatAliases are the names other tools (and the seed's CSV) use.
var threatAliases = map[string]Category{
	"vulnerability_scanner": VulnScanner, "vulnerability": VulnScanner, "vuln": VulnScanner, "scanner": VulnScanner,
	"bruteforce": BruteForce, "brute": BruteForce, "dictionary": BruteForce,
	"ddos": DoS, "flood": DoS,
	"proxy": ProxyScanner, "tor": ProxyScanner, "proxy_scanner_tor": ProxyScanner,
	"bot": GoodBot, "goodbot": GoodBot, "crawler": GoodBot,
	"legitimate": Legit, "none": Legit, "ok": Legit, "": Legit,
}

func parseThreat(s string) (Category, bool) {
	k := strings.ToLower(strings.TrimSpace(s))
	k = strings.NewReplacer(" ", "_", "-", "_").Replace(k)
	if c, err := ParseCategory(k); err == nil {
		return c, true
	}
	c, ok := threatAliases[k]
	return c, ok
}

// EventWriter writes the events CSV: the header, then one row per event with
// the time in RFC 3339 UTC.
type EventWriter struct {
	w      *bufio.Writer
	buf    []byte
	header bool
}

// NewEventWriter returns a writer to w. Call Flush at the end.
func NewEventWriter(w io.Writer) *EventWriter {
	return &EventWriter{w: bufio.NewWriterSize(w, 64<<10)}
}

// Write writes one event (and the header before the first).
func (ew *EventWriter) Write(ev Event) error {
	b := ew.buf[:0]
	if !ew.header {
		ew.header = true
		b = append(b, strings.Join(EventHeader, ",")...)
		b = append(b, '\n')
	}
	b = appendTime(b, ev.Time)
	b = append(b, ',')
	b = ev.IP.AppendTo(b)
	b = append(b, ',')
	b = append(b, ev.Category.String()...)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(ev.Category.Risk()), 10)
	b = append(b, ',')
	b = appendCSVField(b, ev.Rule)
	b = append(b, ',')
	b = appendCSVField(b, ev.Source)
	b = append(b, '\n')
	ew.buf = b
	_, err := ew.w.Write(b)
	return err
}

// Flush writes the header if nothing was written, and flushes the buffer.
func (ew *EventWriter) Flush() error {
	if !ew.header {
		ew.header = true
		if _, err := ew.w.WriteString(strings.Join(EventHeader, ",") + "\n"); err != nil {
			return err
		}
	}
	return ew.w.Flush()
}

// WriteActors writes the actors CSV: header, then one row per actor with
// categories as "name:count;name:count" (highest risk first, legit last).
func WriteActors(w io.Writer, actors []Actor) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(strings.Join(ActorHeader, ",") + "\n")
	var b []byte
	for i := range actors {
		a := &actors[i]
		b = a.IP.AppendTo(b[:0])
		b = append(b, ',')
		b = append(b, a.Category.String()...)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(a.Risk()), 10)
		b = append(b, ',')
		b = strconv.AppendFloat(b, a.Score, 'f', 1, 64)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(a.Events), 10)
		b = append(b, ',')
		b = appendTime(b, a.First)
		b = append(b, ',')
		b = appendTime(b, a.Last)
		b = append(b, ',')
		b = append(b, a.CategoriesString()...)
		b = append(b, ',')
		b = strconv.AppendBool(b, a.Compromised)
		b = append(b, ',')
		b = appendCSVField(b, strings.Join(a.Services, ";"))
		b = append(b, ',')
		b = appendCSVField(b, strings.Join(a.Users, ";"))
		b = append(b, '\n')
		if _, err := bw.Write(b); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func appendTime(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return b
	}
	return t.UTC().AppendFormat(b, time.RFC3339)
}

// appendCSVField quotes s when it holds a comma, quote or line break.
func appendCSVField(b []byte, s string) []byte {
	if !strings.ContainsAny(s, ",\"\r\n") && (s == "" || s[0] != ' ') {
		return append(b, s...)
	}
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
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

// parseCSVRecord reads one events-CSV line into r.
func (p *lineParser) parseCSVRecord(line []byte, r *record, cols *csvColumns) lineResult {
	r.format, r.service = FormatCSV, svcCSV
	p.fields = splitCSVLine(line, p.fields)
	if c, ok := columnsFromHeader(p.fields); ok {
		if cols != nil {
			*cols = c
		}
		return resIgnored
	}
	c := defaultColumns
	if cols != nil && cols.ip >= 0 {
		c = *cols
	}
	ev, col, err := eventFromFields(p.fields, c)
	if err != nil {
		if col == c.time {
			return resBadTime
		}
		return resMalformed
	}
	r.time, r.peer, r.src, r.category = ev.Time, ev.IP, ev.IP, ev.Category
	r.rule = append(p.ruleBuf[:0], ev.Rule...)
	p.ruleBuf = r.rule
	return resOK
}

var _ = netip.Addr{}
