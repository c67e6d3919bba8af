package classify

// isSquidLine: "1614764562.123    120 203.0.113.5 TCP_DENIED/403 3802
// CONNECT www.example.com:443 - HIER_NONE/- text/html", Squid's native
// access.log.
func isSquidLine(line []byte) bool {
	ts, rest := nextToken(line)
	if len(ts) < 12 || ts[10] != '.' || !allDigits(ts[:10]) {
		return false
	}
	_, rest = nextToken(rest) // elapsed
	client, rest := nextToken(rest)
	action, _ := nextToken(rest)
	return isAddrToken(client) && indexByte(action, '/') > 0 && isMethod(action[:indexByte(action, '/')])
}

// parseSquid reads a native access.log line: time elapsed client
// action/status bytes method URL user hierarchy/peer type. A forward proxy
// serves absolute URIs and CONNECT to anyone it lets in: only a request it
// denied (TCP_DENIED, NONE_NONE/400…) keeps the kind of its request line,
// so a refused CONNECT or absolute URI marks a proxy scanner; a request for
// credentials (407) is not a refusal.
func (p *lineParser) parseSquid(line []byte, r *record, _ *fileCtx) lineResult {
	ts, rest := nextToken(line)
	t, ok := epochTime(ts)
	if !ok {
		return resBadTime
	}
	r.time, r.service = t, svcHTTP
	_, rest = nextToken(rest)
	client, rest := nextToken(rest)
	a, ok := parseAddrPort(client)
	if !ok {
		return resMalformed
	}
	r.peer, r.src = a, a
	action, rest := nextToken(rest)
	slash := indexByte(action, '/')
	if slash <= 0 {
		return resMalformed
	}
	r.status, _ = atoi(action[slash+1:])
	_, rest = nextToken(rest) // bytes
	method, rest := nextToken(rest)
	uri, _ := nextToken(rest)
	if len(method) == 0 || len(uri) == 0 || !isMethod(method) || string(method) == "NONE" { // NONE error:invalid-request
		r.req = reqNonHTTP
		return resOK
	}
	r.method = method
	r.target = uri
	// 407 asks for the proxy's credentials: every user's first request
	// (two, with NTLM) is answered so, and is no refusal.
	denied := (hasPrefixString(action, "TCP_DENIED") || hasPrefixString(action, "NONE") || r.status == 403) && r.status != 407
	switch {
	case !denied:
		r.req = reqNormal
	case string(method) == "CONNECT":
		r.req = reqConnect
	case isAbsoluteURI(uri):
		r.req = reqAbsolute
	default:
		r.req = reqNormal
	}
	return resOK
}
