package classify

import "bytes"

// isUWSGILine: "[pid: 1234|app: 0|req: 1/1] 203.0.113.5 () {36 vars in
// 612 bytes} [Wed Mar  3 09:52:42 2021] GET /x => generated …", uWSGI's
// request log.
func isUWSGILine(line []byte) bool {
	return hasPrefixString(line, "[pid: ") && containsString(line, " => generated ")
}

// parseUWSGI reads uWSGI's default request log line:
//
//	[pid: N|app: N|req: N/N] A (user) {N vars in N bytes} [Wed Mar  3 09:52:42 2021] METHOD /uri => generated N bytes in N msecs (HTTP/1.1 404) N headers in N bytes (N switches on core N)
//
// uWSGI logs no user agent; the time is local (the configured zone).
func (p *lineParser) parseUWSGI(line []byte, r *record, _ *fileCtx) lineResult {
	if !hasPrefixString(line, "[pid: ") {
		return resIgnored // uWSGI's own messages: "*** Starting uWSGI …", "spawned uWSGI worker …"
	}
	rb := indexByte(line, ']')
	if rb < 0 {
		return resMalformed
	}
	tok, rest := nextToken(line[rb+1:])
	a, ok := parseAddrPort(tok)
	if !ok {
		return resMalformed
	}
	r.peer, r.src, r.service = a, a, svcHTTP
	lb := indexByte(rest, '[')
	if lb < 0 {
		return resMalformed
	}
	rest = rest[lb+1:]
	rb = indexByte(rest, ']')
	if rb < 0 {
		return resMalformed
	}
	t, ok := p.apacheErrorTime(rest[:rb])
	if !ok {
		return resBadTime
	}
	r.time = t
	rest = skipSpaces(rest[rb+1:])
	arrow := bytes.Index(rest, []byte(" => generated "))
	if arrow < 0 {
		return resMalformed
	}
	p.parseRequest(rest[:arrow], r)
	tail := rest[arrow:]
	if i := bytes.Index(tail, []byte(" (HTTP/")); i >= 0 {
		_, st := nextToken(tail[i+2:])
		st, _ = nextToken(st)
		r.status, _ = atoi(bytes.TrimSuffix(st, []byte(")")))
	}
	return resOK
}
