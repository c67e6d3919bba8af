package classify

// isHAProxyLine: "203.0.113.5:41234 [06/Feb/2021:12:14:14.655] frontend
// backend/server …", HAProxy's httplog and tcplog formats (usually inside
// syslog: "… haproxy[14389]: 203.0.113.5:41234 [06/Feb/2021:…] …").
func isHAProxyLine(line []byte) bool {
	tok, rest := nextToken(line)
	if _, ok := parseAddrPort(tok); !ok || len(rest) < 22 || rest[0] != '[' {
		return false
	}
	return rest[3] == '/' && rest[7] == '/' && rest[12] == ':'
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
	a, ok := parseAddrPort(tok)
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
	req, _, _ := quoted(rest[q:])
	r.badVersion = p.parseRequest(req, r)
	return resOK
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
