package classify

import (
	"bytes"
	"encoding/binary"
	"net/netip"
	"time"
)

// isAccessLine: an address (optionally after a vhost), then " - " … "[" and
// a quoted request.
func isAccessLine(line []byte) bool {
	if indexByte(line, '[') <= 0 || indexByte(line, '"') <= 0 {
		return false
	}
	tok, rest := nextToken(line)
	if _, ok := parseAddrPort(tok); ok {
		return true
	}
	if isHostname(tok) && len(rest) > 1 && rest[0] == '-' && rest[1] == ' ' {
		return true // a client written as a host name
	}
	tok, rest = nextToken(rest)
	if _, ok := parseAddrPort(tok); ok {
		return true
	}
	return isHostname(tok) && len(rest) > 1 && rest[0] == '-' && rest[1] == ' '
}

// isHostname reports whether b could be a DNS name: letters, digits, dots,
// hyphens and underscores, with a dot and a top-level label of letters
// (so that 0x2d.0x8d.0x54.0x39 stays a malformed address).
func isHostname(b []byte) bool {
	if len(b) < 3 || len(b) > 253 || b[0] == '-' || b[0] == '.' {
		return false
	}
	dot := -1
	for i, c := range b {
		switch {
		case c|0x20 >= 'a' && c|0x20 <= 'z', c >= '0' && c <= '9', c == '-', c == '_':
		case c == '.':
			dot = i
		default:
			return false
		}
	}
	if dot < 0 || dot == len(b)-1 {
		return false
	}
	for _, c := range b[dot+1:] {
		if !(c|0x20 >= 'a' && c|0x20 <= 'z' || c == '-') {
			return false
		}
	}
	return true
}

// parseAccess reads an Apache/nginx access log line: common, combined or
// vhost_combined, with optional trailing quoted fields of which the first
// that holds addresses is taken as X-Forwarded-For / CF-Connecting-IP.
//
//	vhost:443 203.0.113.9 - user [10/Oct/2000:13:55:36 -0700] "GET /x HTTP/1.1" 200 2326 "ref" "agent" "198.51.100.7"
func (p *lineParser) parseAccess(line []byte, r *record, _ *fileCtx) lineResult {
	if p.parseCombined(line, r) {
		return resOK
	}
	return p.parseAccessFull(line, r)
}

// parseCombined reads the shape nearly every access line has, the
// combined format as servers write it by default — a client address, no
// user, the time at its usual width, one space between fields, the agent
// last — by fixed offsets in one pass:
//
//	203.0.113.9 - - [10/Oct/2000:13:55:36 -0700] "GET /x HTTP/1.1" 200 2326 "ref" "agent"
//
// For any other line it reports false having written nothing to r, and
// parseAccessFull reads it; for a line it reads, the record is the one
// parseAccessFull makes. It writes every field it sets on any line it
// reads, so that a record it filled needs no clearing before it reads
// the next line (parseLine).
func (p *lineParser) parseCombined(line []byte, r *record) bool {
	if len(p.trusted) > 0 {
		return false
	}
	_, rest, a, ok := p.clientAddr(line)
	// - - [10/Oct/2000:13:55:36 -0700] "
	const req = 33 // the request's opening quote
	if !ok || len(rest) <= req+1 || string(rest[:5]) != "- - [" || rest[31] != ']' || rest[25] != ' ' || rest[32] != ' ' || rest[req] != '"' || indexByte(rest[26:31], ']') >= 0 {
		return false
	}
	t, ok := p.accessTime(rest[5:31])
	if !ok {
		return false
	}
	request, rest, ok := quotedPlain(rest[req:])
	// The status, three digits.
	if !ok || len(rest) < 6 || rest[0] != ' ' || rest[4] != ' ' || !isDigit(rest[1]) || !isDigit(rest[2]) || !isDigit(rest[3]) || rest[5] == ' ' {
		return false
	}
	status := int(rest[1]-'0')*100 + int(rest[2]-'0')*10 + int(rest[3]-'0')
	// The bytes sent, then the referrer and the agent, quoted.
	sent := indexByte(rest[5:], ' ')
	if sent < 0 {
		return false
	}
	ref, rest, ok := quotedPlain(rest[5+sent+1:])
	if !ok || len(rest) < 2 || rest[0] != ' ' {
		return false
	}
	agent, rest, ok := quotedPlain(rest[1:])
	if !ok || len(rest) > 0 {
		return false
	}
	r.service = svcHTTP
	r.peer, r.src, r.time, r.status = a, a, t, status
	r.method, r.target = nil, nil // parseRequest leaves them for a request that is not HTTP
	r.badVersion = p.parseRequest(request, r)
	r.referer, r.agent, r.hasAgent = ref, agent, true
	if len(ref) == 1 && ref[0] == '-' {
		r.referer = nil
	}
	if len(agent) == 1 && agent[0] == '-' {
		r.agent = nil
	}
	return true
}

// quotedPlain is quoted for a field that is not empty and whose closing
// quote is its first quote not escaped: ok is false for any other.
func quotedPlain(b []byte) (field, rest []byte, ok bool) {
	if len(b) == 0 || b[0] != '"' {
		return nil, b, false
	}
	if j := bytes.IndexByte(b[1:], '"') + 1; j > 1 && b[j-1] != '\\' {
		return b[1:j], b[j+1:], true
	}
	return nil, b, false
}

// parseAccessFull is parseAccess for every shape of line.
func (p *lineParser) parseAccessFull(line []byte, r *record) lineResult {
	r.service = svcHTTP
	tok, rest, a, ok := p.clientAddr(line)
	if !ok {
		var tok2 []byte
		tok2, rest = nextToken(rest)
		if a, ok = parseAddrPort(tok2); !ok {
			// Apache with HostnameLookups On writes the client's name:
			// counted apart, for it cannot be placed.
			if isHostname(tok) && string(tok2) == "-" || isHostname(tok2) && len(rest) > 0 && rest[0] == '-' {
				return resHostname
			}
			return resMalformed
		}
		r.host = stripPort(tok)
	}
	r.peer, r.src = a, a
	lb := indexByte(rest, '[')
	if lb < 1 || lb > 256 {
		return resMalformed
	}
	// The authenticated user ("-" when none) stands before the time.
	var authUser []byte
	if lb > 1 && rest[lb-1] == ' ' {
		sp := bytes.LastIndexByte(rest[:lb-1], ' ')
		authUser = rest[sp+1 : lb-1]
		if len(authUser) == 1 && authUser[0] == '-' {
			authUser = nil
		}
	}
	rest = rest[lb+1:]
	// "10/Oct/2000:13:55:36 -0700" is the usual width; a ']' before
	// position 20 fails the time either way, so only the zone is checked.
	rb := 26
	if len(rest) <= rb || rest[rb] != ']' || rest[20] != ' ' || indexByte(rest[21:rb], ']') >= 0 {
		rb = indexByte(rest, ']')
	}
	if rb < 0 {
		return resMalformed
	}
	t, ok := p.accessTime(rest[:rb])
	if !ok {
		if t, ok = p.accessTime(numericAccessTime(rest[:rb], p.numTime[:0])); !ok {
			return resBadTime
		}
	}
	r.time = t
	rest = skipSpaces(rest[rb+1:])
	if len(rest) == 0 || rest[0] != '"' {
		return resMalformed
	}
	req, rest, _ := quoted(rest)
	r.badVersion = p.parseRequest(req, r)

	tok, rest = nextToken(rest)
	r.status, _ = atoi(tok)
	if authUser != nil && r.status >= 200 && r.status < 400 {
		r.auth, r.user = authSuccess, authUser // a password the server accepted
	} else if authUser != nil && r.status == 401 {
		r.auth, r.user = authFailure, authUser // a password the server refused
	}
	_, rest = nextToken(rest) // bytes sent
	var ref []byte
	if ref, rest, ok = quoted(skipSpaces(rest)); ok {
		if !(len(ref) == 1 && ref[0] == '-') {
			r.referer = ref
		}
		var agent []byte
		if agent, rest, ok = quoted(skipSpaces(rest)); ok {
			r.hasAgent = true
			if !(len(agent) == 1 && agent[0] == '-') {
				r.agent = agent
			}
			// The first field after the agent, for payloads in
			// X-Forwarded-For (anyone can send it).
			if x, _, ok := quoted(skipSpaces(rest)); ok && !(len(x) == 1 && x[0] == '-') {
				r.headers = x
			}
		}
	}
	if len(p.trusted) > 0 && p.isTrusted(r.peer) {
		for {
			var q []byte
			if q, rest, ok = quoted(skipSpaces(rest)); !ok {
				break
			}
			if looksLikeAddrList(q) {
				r.forwarded = q
				p.resolveForwarded(r)
				break
			}
		}
	}
	return resOK
}

// clientAddr reads the token that starts an access line as parseAddrPort
// does, returning it, the rest of the line after it, and the address. It
// remembers the last address read: most lines come from the previous
// line's client (three in four on generated shop traffic), and a line
// that starts with the same token is not scanned for its end.
func (p *lineParser) clientAddr(line []byte) (tok, rest []byte, a netip.Addr, ok bool) {
	if n := p.addrLen; n > 0 && len(line) > n && line[n] == ' ' && string(line[:n]) == string(p.addrTok[:n]) {
		return line[:n], line[n+1:], p.addr, true
	}
	tok, rest = nextToken(line)
	a, ok = parseAddrPort(tok)
	if ok && len(tok) <= len(p.addrTok) {
		p.addrLen = copy(p.addrTok[:], tok)
		p.addr = a
	}
	return tok, rest, a, ok
}

// accessTime parses "10/Oct/2000:13:55:36 -0700", reusing the previous
// line's date and zone when only the seconds differ (consecutive lines of an
// access log almost always share the minute), or when only the time of day
// differs and the zone is a fixed offset (a log whose lines interleave
// requests of several minutes still shares the day).
func (p *lineParser) accessTime(ts []byte) (time.Time, bool) {
	if len(ts) < 20 || ts[2] != '/' || ts[6] != '/' || ts[11] != ':' {
		return time.Time{}, false
	}
	if len(ts) == 20 {
		p.rec.zoneless = true // "10/Oct/2000:13:55:36" without its zone
	}
	sec := num2(ts[18:])
	if sec < 0 || sec > 60 || ts[17] != ':' {
		return time.Time{}, false
	}
	c := &p.tc
	if c.ok && len(ts) == len(c.key) {
		if sameMinute(ts, c.key) {
			return time.Unix(c.base+int64(sec), 0).UTC(), true
		}
		if c.byDay && sameDay(ts, c.key) {
			if h, m := num2(ts[12:]), num2(ts[15:]); h >= 0 && h < 24 && m >= 0 && m < 60 {
				c.base = c.dayBase + int64(h*3600+m*60)
				copy(c.key[12:17], ts[12:17])
				return time.Unix(c.base+int64(sec), 0).UTC(), true
			}
		}
	}
	var cv civil
	cv.day, cv.month, cv.year = num2(ts), monthIndex(ts[3:6]), num4(ts[7:])
	cv.hour, cv.min = num2(ts[12:]), num2(ts[15:])
	if !cv.valid() {
		return time.Time{}, false
	}
	off, k := 0, 0
	if len(ts) > 21 && ts[20] == ' ' {
		if off, k = parseOffset(ts[21:]); k == 0 || 21+k != len(ts) {
			return time.Time{}, false
		}
	} else if len(ts) != 20 {
		return time.Time{}, false
	}
	base := cv.unix(off)
	c.byDay = true
	if k == 0 && p.loc != nil && p.loc != time.UTC {
		base = time.Date(cv.year, time.Month(cv.month), cv.day, cv.hour, cv.min, 0, 0, p.loc).Unix()
		c.byDay = false // a zone's offset may change within the day
	}
	c.ok, c.base, c.dayBase = true, base, base-int64(cv.hour*3600+cv.min*60)
	c.key = append(c.key[:0], ts...)
	return time.Unix(base+int64(sec), 0).UTC(), true
}

// sameMinute reports whether two access-log timestamps of the same length
// differ at most in their seconds (bytes 18 and 19).
func sameMinute(a, b []byte) bool {
	if len(a) == 26 && len(b) == 26 { // "10/Oct/2000:13:55:36 -0700": three loads
		return binary.LittleEndian.Uint64(a) == binary.LittleEndian.Uint64(b) &&
			binary.LittleEndian.Uint64(a[8:]) == binary.LittleEndian.Uint64(b[8:]) &&
			binary.LittleEndian.Uint16(a[16:]) == binary.LittleEndian.Uint16(b[16:]) &&
			binary.LittleEndian.Uint64(a[18:])&^0xffff == binary.LittleEndian.Uint64(b[18:])&^0xffff
	}
	return bytes.Equal(a[:17], b[:17]) && bytes.Equal(a[20:], b[20:])
}

// sameDay reports whether two access-log timestamps of the same length
// differ at most in their time of day (bytes 12 to 19).
func sameDay(a, b []byte) bool {
	if len(a) == 26 && len(b) == 26 {
		return binary.LittleEndian.Uint64(a) == binary.LittleEndian.Uint64(b) &&
			binary.LittleEndian.Uint32(a[8:]) == binary.LittleEndian.Uint32(b[8:]) &&
			binary.LittleEndian.Uint64(a[18:])&^0xffff == binary.LittleEndian.Uint64(b[18:])&^0xffff
	}
	return bytes.Equal(a[:12], b[:12]) && bytes.Equal(a[20:], b[20:])
}

// timeCache remembers the last access-log timestamp's minute and day.
type timeCache struct {
	ok      bool
	byDay   bool // the day's zone is a fixed offset: dayBase holds for all of it
	key     []byte
	base    int64 // unix seconds of key with seconds = 0
	dayBase int64 // unix seconds of key's day at 00:00:00
}

// parseRequest splits a request line and decides its kind. It reports
// whether the line has a method but lacks an HTTP version HTTP has: none at
// all, or a last token that is not HTTP/0.9, 1.0, 1.1, 2, 2.0, 3 or 3.0
// (record.badVersion, for the formats that keep it).
func (p *lineParser) parseRequest(req []byte, r *record) (badVersion bool) {
	if len(req) == 0 || len(req) == 1 && req[0] == '-' {
		r.req = reqEmpty
		return false
	}
	var sp int
	if len(req) > 4 && string(req[:4]) == "GET " {
		sp = 3
	} else if sp = indexByte(req, ' '); sp <= 0 || !isMethod(req[:sp]) {
		r.req = reqNonHTTP
		return false
	}
	r.method = req[:sp]
	t := req[sp+1:]
	if n := len(t); n >= 9 && t[n-9] == ' ' && commonVersion(t[n-8:]) {
		t = t[:n-9] // the usual " HTTP/1.1", read at once
	} else {
		ls := bytes.LastIndexByte(t, ' ')
		badVersion = ls < 0 || !knownVersion(t[ls+1:]) // no version: METHOD and a target
		if ls >= 0 && bytes.HasPrefix(t[ls+1:], []byte("HTTP/")) {
			t = t[:ls]
		}
	}
	t = trimSpace(t)
	r.target = t
	switch {
	case len(t) == 0:
		r.req = reqNonHTTP
	case string(r.method) == "CONNECT":
		r.req = reqConnect
	case t[0] != '/' && isAbsoluteURI(t):
		r.req = reqNormal
		if host := uriHost(t); !p.ownHost(host, r.host) {
			r.req = reqAbsolute
		}
	default:
		r.req = reqNormal
	}
	return badVersion
}

// The commonest versions as little-endian words.
const (
	http11 = 0x312e312f50545448 // "HTTP/1.1"
	http10 = 0x302e312f50545448 // "HTTP/1.0"
	http20 = 0x302e322f50545448 // "HTTP/2.0"
)

// commonVersion reports whether the 8 bytes of v are HTTP/1.1, HTTP/1.0
// or HTTP/2.0, by one load.
func commonVersion(v []byte) bool {
	switch binary.LittleEndian.Uint64(v) {
	case http11, http10, http20:
		return true
	}
	return false
}

// knownVersion reports whether v is a version of HTTP.
func knownVersion(v []byte) bool {
	switch string(v) {
	case "HTTP/0.9", "HTTP/1.0", "HTTP/1.1", "HTTP/2", "HTTP/2.0", "HTTP/3", "HTTP/3.0":
		return true
	}
	return false
}

func isMethod(b []byte) bool {
	if len(b) == 0 || len(b) > 24 {
		return false
	}
	for _, c := range b {
		if !(c >= 'A' && c <= 'Z' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// isAbsoluteURI reports whether t starts with "scheme://".
func isAbsoluteURI(t []byte) bool {
	i := bytes.Index(t, []byte("://"))
	if i <= 0 || i > 10 {
		return false
	}
	for _, c := range t[:i] {
		if !isAlpha(c) && c != '+' && c != '-' && c != '.' {
			return false
		}
	}
	return true
}

// uriHost returns the host of an absolute URI, without userinfo or port.
func uriHost(t []byte) []byte {
	i := bytes.Index(t, []byte("://"))
	h := t[i+3:]
	if j := bytes.IndexAny(h, "/?#"); j >= 0 {
		h = h[:j]
	}
	if j := bytes.LastIndexByte(h, '@'); j >= 0 {
		h = h[j+1:]
	}
	return stripPort(h)
}

// ownHost reports whether host is the virtual host of the line or one of the
// site's own host names.
func (p *lineParser) ownHost(host, vhost []byte) bool {
	if len(host) == 0 {
		return false
	}
	if bytes.EqualFold(host, vhost) {
		return true
	}
	for _, h := range p.rules.siteHosts {
		if bytes.EqualFold(host, []byte(h)) {
			return true
		}
	}
	return false
}

func stripPort(h []byte) []byte {
	if len(h) > 0 && h[0] == '[' {
		if j := indexByte(h, ']'); j > 0 {
			return h[1:j]
		}
	}
	if j := bytes.LastIndexByte(h, ':'); j >= 0 && indexByte(h[:j], ':') < 0 {
		return h[:j]
	}
	return h
}

// quoted reads a double-quoted field honouring backslash escapes. Without a
// closing quote the rest of b is the field (a truncated line).
func quoted(b []byte) (field, rest []byte, ok bool) {
	// Most fields hold no quote of their own: the first quote after the
	// opening one ends them.
	if field, rest, ok = quotedPlain(b); ok || len(b) == 0 || b[0] != '"' {
		return field, rest, ok
	}
	return quotedEscaped(b)
}

// quotedEscaped is quoted for a field that is empty, unterminated or holds
// a backslash before its closing quote.
func quotedEscaped(b []byte) (field, rest []byte, ok bool) {
	i := 1
	for {
		j := bytes.IndexByte(b[i:], '"') // long fields: the vectorised search pays off
		if j < 0 {
			return b[1:], nil, true
		}
		i += j
		bs := 0
		for k := i - 1; k >= 1 && b[k] == '\\'; k-- {
			bs++
		}
		if bs%2 == 0 {
			return b[1:i], b[i+1:], true
		}
		i++
	}
}

func skipSpaces(b []byte) []byte {
	for len(b) > 0 && b[0] == ' ' {
		b = b[1:]
	}
	return b
}

// looksLikeAddrList reports whether q could be an X-Forwarded-For value.
func looksLikeAddrList(q []byte) bool {
	if len(q) == 0 || len(q) == 1 && q[0] == '-' {
		return false
	}
	item := q
	if i := indexByte(q, ','); i >= 0 {
		item = q[:i]
	}
	_, ok := parseAddrPort(trimSpace(item))
	return ok
}

// resolveForwarded walks the X-Forwarded-For list from the right, skipping
// trusted proxies: the first untrusted address is the client. Entries to its
// left were written by the client itself and may be forged, so they are
// never used.
func (p *lineParser) resolveForwarded(r *record) {
	list := r.forwarded
	for len(list) > 0 {
		i := bytes.LastIndexByte(list, ',')
		item := trimSpace(list[i+1:])
		if i < 0 {
			list = nil
		} else {
			list = list[:i]
		}
		a, ok := parseAddrPort(item)
		if !ok {
			return
		}
		r.src = a
		if !p.isTrusted(a) {
			return
		}
	}
}

// numericAccessTime writes cPanel's "11/27/2026:10:00:00 -0000" (month
// first) into buf as the usual "27/Nov/2026:10:00:00 -0000"; buf stays
// empty when ts is not that shape.
func numericAccessTime(ts, buf []byte) []byte {
	if len(ts) < 19 || ts[2] != '/' || ts[5] != '/' || ts[10] != ':' {
		return buf
	}
	m := num2(ts)
	if m < 1 || m > 12 {
		return buf
	}
	const months = "JanFebMarAprMayJunJulAugSepOctNovDec"
	buf = append(buf, ts[3:5]...)
	buf = append(buf, '/')
	buf = append(buf, months[3*(m-1):3*m]...)
	return append(append(buf, '/'), ts[6:]...)
}
