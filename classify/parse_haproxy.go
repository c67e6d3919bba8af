package classify

import (
	"bytes"
	"net/netip"
)

// isHAProxyLine: "203.0.113.5:41234 [06/Feb/2021:12:14:14.655] frontend
// backend/server …", HAProxy's httplog and tcplog formats (usually inside
// syslog: "… haproxy[14389]: 203.0.113.5:41234 [06/Feb/2021:…] …").
func isHAProxyLine(line []byte) bool {
	tok, rest := nextToken(line)
	if _, ok := haproxyAddr(tok); !ok || len(rest) < 22 || rest[0] != '[' {
		return false
	}
	return rest[3] == '/' && rest[7] == '/' && rest[12] == ':'
}

// haproxyAddr reads the client as HAProxy writes it, the port always after
// the last colon and IPv6 without brackets: "203.0.113.5:41234",
// "2001:db8::1234:58430", "::ffff:203.0.113.5:58430".
func haproxyAddr(tok []byte) (netip.Addr, bool) {
	j := bytes.LastIndexByte(tok, ':')
	if j <= 0 || !allDigits(tok[j+1:]) {
		return parseAddrPort(tok)
	}
	return parseAddr(tok[:j])
}

// parseHAProxy reads HAProxy's httplog and tcplog lines:
//
//	A:P [accept_date] frontend backend/server Tq/Tw/Tc/Tr/Ta status bytes cookie cookie flags conns queues {captures} "request"
//	A:P [accept_date] frontend backend/server Tw/Tc/Tt bytes flags conns queues
//
// A TCP line is a connection without a request; "<BADREQ>" is a request
// line that was not HTTP.
func (p *lineParser) parseHAProxy(line []byte, r *record, _ *fileCtx) lineResult {
	tok, rest := nextToken(line)
	a, ok := haproxyAddr(tok)
	if !ok || len(rest) < 22 || rest[0] != '[' {
		return resMalformed
	}
	r.peer, r.src = a, a
	rb := indexByte(rest, ']')
	if rb < 21 {
		return resMalformed
	}
	t, ok := p.accessTime(rest[1:21]) // "06/Feb/2021:12:14:14" without ".655"
	if !ok {
		return resBadTime
	}
	r.time = t
	rest = rest[rb+1:]
	_, rest = nextToken(rest) // frontend
	_, rest = nextToken(rest) // backend/server
	timers, rest := nextToken(rest)
	if countByte(timers, '/') < 2 {
		return resMalformed
	}
	q := indexByte(rest, '"')
	if countByte(timers, '/') == 2 || q < 0 {
		return resOK // tcplog: a connection
	}
	r.service = svcHTTP
	status, _ := nextToken(rest)
	r.status, _ = atoi(status)
	if c := indexByte(rest[:q], '{'); c >= 0 {
		capturedHeaders(rest[c+1:q], r)
	}
	req, _, _ := quoted(rest[q:])
	r.badVersion = p.parseRequest(req, r)
	return resOK
}

// capturedHeaders reads the request headers HAProxy captured ("capture
// request header … len …": "{example.org|Mozilla/5.0 (X11)|https://…}",
// in the order of the configuration, which the log does not name). A
// field starting with a URL scheme is the Referer; the first other field
// with a space, a slash or a parenthesis is the User-Agent (host names and
// addresses have none), so that the agent rules see it.
func capturedHeaders(b []byte, r *record) {
	if e := indexByte(b, '}'); e >= 0 {
		b = b[:e]
	}
	for len(b) > 0 {
		f := b
		if i := indexByte(b, '|'); i >= 0 {
			f, b = b[:i], b[i+1:]
		} else {
			b = nil
		}
		switch {
		case len(f) == 0:
		case hasPrefixFold(f, "http://") || hasPrefixFold(f, "https://"):
			if r.referer == nil {
				r.referer = f
			}
		case r.agent == nil && (indexByte(f, ' ') >= 0 || indexByte(f, '/') >= 0 || indexByte(f, '(') >= 0):
			r.agent = f
		}
	}
}

func countByte(b []byte, c byte) int {
	n := 0
	for _, x := range b {
		if x == c {
			n++
		}
	}
	return n
}
