package classify

// isALBLine: an AWS Application Load Balancer access log entry ("http",
// "https", "h2", "grpcs", "ws" or "wss", then an ISO time) or a Classic
// Load Balancer one (an ISO time, the balancer's name, then the client).
func isALBLine(line []byte) bool {
	tok, rest := nextToken(line)
	switch string(tok) {
	case "http", "https", "h2", "grpcs", "ws", "wss":
		ts, _ := nextToken(rest)
		return isISOStart(ts) && ts[10] == 'T'
	}
	if !isISOStart(tok) || tok[10] != 'T' || tok[len(tok)-1] != 'Z' {
		return false
	}
	_, rest = nextToken(rest)
	client, _ := nextToken(rest)
	return isAddrToken(client) && indexByte(client, ':') > 0
}

// parseALB reads an ALB or Classic ELB access log entry:
//
//	type time elb client:port target:port t t t elb_status target_status rcvd sent "request" "agent" …   (ALB)
//	time elb client:port backend:port t t t elb_status backend_status rcvd sent "request" "agent" …      (ELB)
//
// The balancer logs absolute URIs ("GET https://example.org:443/x
// HTTP/1.1"): the host becomes the virtual host and the path the target.
func (p *lineParser) parseALB(line []byte, r *record, _ *fileCtx) lineResult {
	tok, rest := nextToken(line)
	if !isISOStart(tok) {
		tok, rest = nextToken(rest)
	}
	t, n := p.iso(tok)
	if n == 0 {
		return resBadTime
	}
	r.time, r.service = t, svcHTTP
	_, rest = nextToken(rest) // balancer
	client, rest := nextToken(rest)
	a, ok := parseAddrPort(client)
	if !ok {
		return resMalformed
	}
	r.peer, r.src = a, a
	for i := 0; i < 4; i++ { // target, three times
		_, rest = nextToken(rest)
	}
	status, rest := nextToken(rest)
	r.status, _ = atoi(status)
	for i := 0; i < 3; i++ { // target status, bytes received, bytes sent
		_, rest = nextToken(rest)
	}
	req, rest, ok := quoted(skipSpaces(rest))
	if !ok {
		return resMalformed
	}
	if len(req) > 1 && req[0] == '-' && req[1] == ' ' {
		r.req = reqNonHTTP // "- http://host:80- -": the balancer could not read a request
	} else {
		p.parseRequest(p.originForm(req, r), r)
	}
	if agent, _, ok := quoted(skipSpaces(rest)); ok {
		r.hasAgent = true
		if !(len(agent) == 1 && agent[0] == '-') {
			r.agent = agent
		}
	}
	return resOK
}

// originForm rewrites "GET scheme://host:port/path HTTP/1.1" as
// "GET /path HTTP/1.1", setting r.host; other request lines are returned
// as they are.
func (p *lineParser) originForm(req []byte, r *record) []byte {
	sp := indexByte(req, ' ')
	if sp <= 0 || !isAbsoluteURI(req[sp+1:]) {
		return req
	}
	uri := req[sp+1:]
	if end := indexByte(uri, ' '); end >= 0 {
		uri = uri[:end]
	}
	r.host = uriHost(uri)
	h := uri[containsAt(uri, "://")+3:]
	path := h[len(h):]
	for i, c := range h {
		if c == '/' || c == ' ' || c == '?' {
			path = h[i:]
			break
		}
	}
	b := append(p.reqBuf[:0], req[:sp+1]...)
	if len(path) == 0 || path[0] != '/' {
		b = append(b, '/')
	}
	p.reqBuf = append(append(b, path...), req[sp+1+len(uri):]...)
	return p.reqBuf
}

// containsAt returns the index of s in b, −1 if absent.
func containsAt(b []byte, s string) int {
	for i := 0; i+len(s) <= len(b); i++ {
		if string(b[i:i+len(s)]) == s {
			return i
		}
	}
	return -1
}
