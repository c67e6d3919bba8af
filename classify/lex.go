package classify

import (
	"bytes"
	"net/netip"
	"time"
)

// parseAddr parses an IPv4 or IPv6 address from b without allocating for
// IPv4. Zones are dropped and IPv4-mapped IPv6 addresses are unmapped, so the
// same host always has the same key.
func parseAddr(b []byte) (netip.Addr, bool) {
	if len(b) == 0 || len(b) > 64 {
		return netip.Addr{}, false
	}
	if a, ok := parseIPv4(b); ok {
		return a, true
	}
	if bytes.Count(b, []byte{':'}) < 2 { // every IPv6 address has two; "1.2.3.4:5678" has one
		return netip.Addr{}, false
	}
	for _, c := range b {
		if !(isDigit(c) || c|0x20 >= 'a' && c|0x20 <= 'f' || c == ':' || c == '.' || c == '%' || isAlpha(c) || c == '_' || c == '-') {
			return netip.Addr{}, false
		}
	}
	a, err := netip.ParseAddr(string(b))
	if err != nil {
		return netip.Addr{}, false
	}
	return a.WithZone("").Unmap(), true
}

func parseIPv4(b []byte) (netip.Addr, bool) {
	if len(b) < 7 || len(b) > 15 {
		return netip.Addr{}, false
	}
	var ip [4]byte
	i := 0
	for k := 0; k < 4; k++ {
		if i >= len(b) || !isDigit(b[i]) {
			return netip.Addr{}, false
		}
		v := int(b[i] - '0')
		i++
		if i < len(b) && isDigit(b[i]) {
			if v == 0 { // leading zero: octal in some parsers, refused by netip
				return netip.Addr{}, false
			}
			v = v*10 + int(b[i]-'0')
			i++
			if i < len(b) && isDigit(b[i]) {
				v = v*10 + int(b[i]-'0')
				i++
			}
		}
		if v > 255 {
			return netip.Addr{}, false
		}
		ip[k] = byte(v)
		if k < 3 {
			if i >= len(b) || b[i] != '.' {
				return netip.Addr{}, false
			}
			i++
		}
	}
	if i != len(b) {
		return netip.Addr{}, false
	}
	return netip.AddrFrom4(ip), true
}

// parseAddrPort accepts an address optionally glued to a port or wrapped in
// brackets: "1.2.3.4", "1.2.3.4:5678", "[2001:db8::1]:443", "2001:db8::1".
func parseAddrPort(b []byte) (netip.Addr, bool) {
	if a, ok := parseAddr(b); ok {
		return a, true
	}
	if len(b) > 2 && b[0] == '[' {
		if j := bytes.IndexByte(b, ']'); j > 0 {
			return parseAddr(b[1:j])
		}
	}
	if j := bytes.LastIndexByte(b, ':'); j > 0 && j < len(b)-1 && allDigits(b[j+1:]) {
		if a, ok := parseIPv4(b[:j]); ok {
			return a, true
		}
	}
	return netip.Addr{}, false
}

func allDigits(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if !isDigit(c) {
			return false
		}
	}
	return true
}

func atoi(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if !isDigit(c) {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// num2 parses exactly two digits.
func num2(b []byte) int {
	if len(b) < 2 || !isDigit(b[0]) || !isDigit(b[1]) {
		return -1
	}
	return int(b[0]-'0')*10 + int(b[1]-'0')
}

func num4(b []byte) int {
	if len(b) < 4 || !isDigit4(b) {
		return -1
	}
	return int(b[0]-'0')*1000 + int(b[1]-'0')*100 + int(b[2]-'0')*10 + int(b[3]-'0')
}

// daysFromCivil returns the days since 1970-01-01 of a proleptic Gregorian
// date (Howard Hinnant's algorithm); month 1–12.
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}

// civil is a wall-clock time as read from a log line, before its zone is applied.
type civil struct {
	year, month, day, hour, min, sec, nsec int
}

// valid reports whether c is a real date and time (30 February and 29
// February of a common year are not) between 1970 and 2200.
func (c civil) valid() bool {
	return c.year >= 1970 && c.year < 2200 && c.month >= 1 && c.month <= 12 && c.day >= 1 && c.day <= daysIn(c.year, c.month) &&
		c.hour >= 0 && c.hour < 24 && c.min >= 0 && c.min < 60 && c.sec >= 0 && c.sec <= 60
}

// daysIn is the length of a month (1–12) of the proleptic Gregorian calendar.
func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// unix returns the civil time as seconds since the epoch with the given
// offset east of UTC in seconds.
func (c civil) unix(offset int) int64 {
	return daysFromCivil(c.year, c.month, c.day)*86400 + int64(c.hour*3600+c.min*60+c.sec-offset)
}

// in converts the civil time to a UTC time.Time, reading it in loc when the
// line carried no offset (nil loc means UTC).
func (c civil) in(loc *time.Location) time.Time {
	if loc == nil || loc == time.UTC {
		return time.Unix(c.unix(0), int64(c.nsec)).UTC()
	}
	return time.Date(c.year, time.Month(c.month), c.day, c.hour, c.min, c.sec, c.nsec, loc).UTC()
}

// parseClock reads "hh:mm:ss" into c and returns the bytes consumed (8) or -1.
func parseClock(b []byte, c *civil) int {
	if len(b) < 8 || b[2] != ':' || b[5] != ':' {
		return -1
	}
	c.hour, c.min, c.sec = num2(b), num2(b[3:]), num2(b[6:])
	if c.hour < 0 || c.min < 0 || c.sec < 0 {
		return -1
	}
	return 8
}

// parseFrac reads an optional ".ddd…" or ",ddd" fraction into c.nsec and
// returns the bytes consumed.
func parseFrac(b []byte, c *civil) int {
	if len(b) < 2 || (b[0] != '.' && b[0] != ',') || !isDigit(b[1]) {
		return 0
	}
	i, ns, scale := 1, 0, 100000000
	for i < len(b) && isDigit(b[i]) {
		if scale > 0 {
			ns += int(b[i]-'0') * scale
			scale /= 10
		}
		i++
	}
	c.nsec = ns
	return i
}

// parseOffset reads "Z", "+hh:mm", "+hhmm" or "+hh" and returns the offset
// in seconds east of UTC and the bytes consumed (0 if none).
func parseOffset(b []byte) (int, int) {
	if len(b) == 0 {
		return 0, 0
	}
	if b[0] == 'Z' || b[0] == 'z' {
		return 0, 1
	}
	if b[0] != '+' && b[0] != '-' {
		return 0, 0
	}
	h := num2(b[1:])
	if h < 0 {
		return 0, 0
	}
	n, m := 3, 0
	if len(b) >= 6 && b[3] == ':' {
		m, n = num2(b[4:]), 6
	} else if len(b) >= 5 && isDigit(b[3]) {
		m, n = num2(b[3:]), 5
	}
	if m < 0 || h > 23 || m > 59 {
		return 0, 0
	}
	off := h*3600 + m*60
	if b[0] == '-' {
		off = -off
	}
	return off, n
}

// parseISO reads "YYYY-MM-DD[T ]hh:mm:ss[.frac][offset]" and returns the
// time and the bytes consumed (0 on failure); a time without an offset is
// read in loc.
func parseISO(b []byte, loc *time.Location) (time.Time, int) {
	t, n, _ := parseISOZone(b, loc)
	return t, n
}

// iso is parseISO in the parser's zone, noting on the record a time read
// without an offset.
func (p *lineParser) iso(b []byte) (time.Time, int) {
	t, n, zoneless := parseISOZone(b, p.loc)
	if zoneless {
		p.rec.zoneless = true
	}
	return t, n
}

// local reads c, a time without an offset, in the parser's zone, noting it
// on the record.
func (p *lineParser) local(c civil) time.Time {
	p.rec.zoneless = true
	return c.in(p.loc)
}

// parseISOZone is parseISO that also reports whether the time had no
// offset (and was read in loc).
func parseISOZone(b []byte, loc *time.Location) (time.Time, int, bool) {
	c, n, ok := parseISOCivil(b)
	if !ok {
		return time.Time{}, 0, false
	}
	off, k := parseOffset(b[n:])
	if k > 0 {
		return time.Unix(c.unix(off), int64(c.nsec)).UTC(), n + k, false
	}
	return c.in(loc), n, true
}

// parseISOCivil reads "2006-01-02T15:04:05[.fff]" (or with a space for
// the T) without an offset, and returns the bytes read.
func parseISOCivil(b []byte) (civil, int, bool) {
	var c civil
	if len(b) < 19 || b[4] != '-' || b[7] != '-' || (b[10] != 'T' && b[10] != ' ') {
		return c, 0, false
	}
	c.year, c.month, c.day = num4(b), num2(b[5:]), num2(b[8:])
	if parseClock(b[11:], &c) < 0 {
		return c, 0, false
	}
	n := 19 + parseFrac(b[19:], &c)
	return c, n, c.valid()
}

// reference-time year inference for syslog lines that carry no year: the
// line belongs to the latest year in which it is not more than a week after
// the reference time (the file's modification time), which rolls lines from
// December back a year when the file was written in January.
func inferYear(c *civil, ref time.Time) {
	y := ref.Year()
	c.year = y
	refUnix := ref.Unix()
	if c.unix(0) > refUnix+7*86400 {
		c.year = y - 1
	}
}

// indexByte is bytes.IndexByte for the short distances of log fields, where
// a plain loop beats the vectorised search's setup cost.
func indexByte(b []byte, c byte) int {
	for i := 0; i < len(b); i++ {
		if b[i] == c {
			return i
		}
	}
	return -1
}

// parseIPv4Port accepts "1.2.3.4" or "1.2.3.4:5678".
func parseIPv4Port(b []byte) (netip.Addr, bool) {
	if j := bytes.LastIndexByte(b, ':'); j > 0 && allDigits(b[j+1:]) {
		b = b[:j]
	}
	return parseIPv4(b)
}
