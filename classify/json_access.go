package classify

import (
	"time"
)

// isJSONWith reports whether line is a JSON object holding key (given with
// its quotes, e.g. `"ClientHost"`).
func isJSONWith(line []byte, key string) bool {
	return len(line) > 2 && line[0] == '{' && containsString(line, key)
}

// parseJSONAccess reads a JSON access log line whose fields are mapped by
// fields and fills the record an access log line fills, so the same web
// rules run on it.
func (p *lineParser) parseJSONAccess(line []byte, r *record, fields []jsonField) lineResult {
	s := &p.js
	if !s.scan(line, fields) {
		return resMalformed
	}
	return p.fillAccess(r, &s.vals)
}

// fillAccess fills an HTTP record from the values of a structured line.
func (p *lineParser) fillAccess(r *record, v *jsonValues) lineResult {
	r.service = svcHTTP
	peer, okPeer := parseAddrPort(v[jsPeer])
	client, okClient := parseAddrPort(v[jsClient])
	switch {
	case okPeer && okClient:
		r.peer, r.src = peer, client
	case okPeer:
		r.peer, r.src = peer, peer
	case okClient:
		r.peer, r.src = client, client
	default:
		return resIgnored // the server's own messages: no client
	}
	if len(v[jsTime]) > 0 {
		t, ok := p.structuredTime(v[jsTime])
		if !ok {
			return resBadTime
		}
		r.time = t
	}
	r.host = stripPort(v[jsHost])
	switch {
	case v[jsRequest] != nil:
		p.parseRequest(v[jsRequest], r)
	case len(v[jsMethod]) > 0 && string(v[jsMethod]) != "-":
		b := append(append(append(p.reqBuf[:0], v[jsMethod]...), ' '), v[jsTarget]...)
		if q := v[jsQuery]; len(q) > 0 && string(q) != "-" {
			b = append(append(b, '?'), q...)
		}
		p.reqBuf = b
		p.parseRequest(b, r)
	default:
		r.req = reqEmpty
	}
	r.status, _ = atoi(v[jsStatus])
	if a := v[jsAgent]; a != nil {
		r.hasAgent = true
		if !(len(a) == 1 && a[0] == '-') {
			r.agent = a
		}
	}
	if fw := v[jsForwarded]; len(p.trusted) > 0 && looksLikeAddrList(fw) && p.isTrusted(r.peer) && !okClient {
		r.forwarded = fw
		p.resolveForwarded(r)
	}
	return resOK
}

// structuredTime reads the time of a structured log line: ISO 8601, an
// access-log time, or seconds (with a fraction), milliseconds,
// microseconds or nanoseconds since the epoch.
func (p *lineParser) structuredTime(b []byte) (time.Time, bool) {
	switch {
	case isDigit4(b) && len(b) >= 19 && b[4] == '-':
		t, n := p.iso(b)
		return t, n > 0
	case len(b) >= 20 && b[2] == '/':
		return p.accessTime(b)
	}
	return epochTime(b)
}

// epochTime reads an epoch time whose unit its number of integer digits
// tells: 10 seconds, 13 milliseconds, 16 microseconds, 19 nanoseconds.
func epochTime(b []byte) (time.Time, bool) {
	intPart, frac := b, []byte(nil)
	if i := indexByte(b, '.'); i >= 0 {
		intPart, frac = b[:i], b[i+1:]
	}
	n, ok := atoi64(intPart)
	if !ok || !allDigits(frac) && len(frac) > 0 {
		return time.Time{}, false
	}
	switch len(intPart) {
	case 9, 10:
		ns := int64(0)
		for i, scale := 0, int64(100_000_000); i < len(frac) && i < 9; i, scale = i+1, scale/10 {
			ns += int64(frac[i]-'0') * scale
		}
		return time.Unix(n, ns).UTC(), true
	case 12, 13:
		return time.UnixMilli(n).UTC(), true
	case 15, 16:
		return time.UnixMicro(n).UTC(), true
	case 18, 19:
		return time.Unix(0, n).UTC(), true
	}
	return time.Time{}, false
}

func atoi64(b []byte) (int64, bool) {
	if len(b) == 0 || len(b) > 19 {
		return 0, false
	}
	var n int64
	for _, c := range b {
		if !isDigit(c) {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, true
}
