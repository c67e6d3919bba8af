package classify

import "bytes"

// cowrieFields map Cowrie's JSON log (cowrie.json):
//
//	{"eventid":"cowrie.login.failed","username":"root","password":"123456",
//	 "timestamp":"2021-03-03T09:52:42.123456Z","src_ip":"203.0.113.5","session":"a1b2c3d4e5f6", …}
var cowrieFields = []jsonField{
	{"eventid", jsEvent},
	{"src_ip", jsPeer},
	{"timestamp", jsTime},
	{"username", jsUser},
}

func isCowrieJSONLine(line []byte) bool {
	return isJSONWith(line, `"cowrie.`) && containsString(line, `"eventid"`)
}

// parseCowrieJSON reads one Cowrie event. Every source of a honeypot is
// hostile; the rules rank what it did: a connection alone (noise), failed
// logins (brute force), a forwarding request (proxy scanner), commands
// after a login (vulnerability scanner, above the others). Other events
// (client versions, key exchanges, closed sessions) are ignored.
func (p *lineParser) parseCowrieJSON(line []byte, r *record, _ *fileCtx) lineResult {
	s := &p.js
	if !s.scan(line, cowrieFields) {
		return resMalformed
	}
	v := &s.vals
	if res := cowrieEvent(v[jsEvent], r); res != resOK {
		return res
	}
	a, ok := parseAddr(v[jsPeer])
	if !ok {
		return resMalformed
	}
	r.peer, r.src = a, a
	if len(v[jsTime]) > 0 {
		t, ok := p.structuredTime(v[jsTime])
		if !ok {
			return resBadTime
		}
		r.time = t
	}
	if r.auth == authFailure || r.auth == authSuccess {
		r.user = v[jsUser]
	}
	return resOK
}

// cowrieEvent sets what an event id says; the id is the record's message,
// which the rules match.
func cowrieEvent(id []byte, r *record) lineResult {
	r.service, r.message = svcCowrie, id
	switch string(id) {
	case "cowrie.session.connect":
		r.auth = authDisconnect
	case "cowrie.login.failed":
		r.auth = authFailure
	case "cowrie.login.success":
		r.auth = authSuccess
	case "cowrie.command.input", "cowrie.command.failed", "cowrie.session.file_download", "cowrie.session.file_upload":
	case "cowrie.direct-tcpip.request":
		r.req = reqConnect
	default:
		return resIgnored
	}
	return resOK
}

// isCowrieLine: Cowrie's text log (cowrie.log), "2021-03-03T09:52:42+0000
// [HoneyPotSSHTransport,12,203.0.113.5] login attempt [root/123456] failed".
func isCowrieLine(line []byte) bool {
	if !isISOStart(line) {
		return false
	}
	_, rest := nextToken(line)
	return len(rest) > 0 && rest[0] == '[' && (containsString(rest, "HoneyPot") || containsString(rest, "CowrieSSHFactory") || containsString(rest, "CowrieTelnet"))
}

// parseCowrie reads the lines of the text log that say what a source did:
//
//	T [cowrie.ssh.factory.CowrieSSHFactory] New connection: A:P (B:P) [session: …]
//	T [… HoneyPotSSHTransport,N,A] login attempt [U/P] failed|succeeded   (also [b'U'/b'P'])
//	T [… HoneyPotSSHTransport,N,A] CMD: uname -a
//	T [… HoneyPotSSHTransport,N,A] direct-tcp connection request to H:P from …
//
// The same events as the JSON log, under the same ids.
func (p *lineParser) parseCowrie(line []byte, r *record, _ *fileCtx) lineResult {
	if !isISOStart(line) {
		return resIgnored // a traceback's or a message's continuation
	}
	ts, rest := nextToken(line)
	t, n := p.iso(ts)
	if n == 0 {
		return resBadTime
	}
	r.time = t
	rb := bytes.Index(rest, []byte("] "))
	if len(rest) == 0 || rest[0] != '[' || rb < 0 {
		return resMalformed
	}
	system, msg := rest[1:rb], rest[rb+2:]
	addr := system[bytes.LastIndexByte(system, ',')+1:]
	var id string
	switch {
	case hasPrefixString(msg, "New connection: "):
		id = "cowrie.session.connect"
		addr, _ = nextToken(msg[len("New connection: "):])
	case hasPrefixString(msg, "login attempt ["):
		id = "cowrie.login.failed"
		if bytes.HasSuffix(msg, []byte("succeeded")) {
			id = "cowrie.login.success"
		}
		u := msg[len("login attempt ["):]
		if i := bytes.LastIndexByte(u, '/'); i >= 0 {
			u = u[:i]
		}
		if len(u) > 3 && u[0] == 'b' && u[1] == '\'' && u[len(u)-1] == '\'' {
			u = u[2 : len(u)-1]
		}
		r.user = u
	case hasPrefixString(msg, "CMD: "):
		id = "cowrie.command.input"
	case hasPrefixString(msg, "direct-tcp connection request to "):
		id = "cowrie.direct-tcpip.request"
	default:
		return resIgnored
	}
	a, ok := parseAddrPort(addr)
	if !ok {
		return resMalformed
	}
	r.peer, r.src = a, a
	user := r.user
	cowrieEvent([]byte(id), r)
	r.user = user
	return resOK
}

// isEndlesshLine: "2021-03-03T09:52:42.123Z ACCEPT host=::ffff:203.0.113.5
// port=41234 fd=4 n=1/4096", the SSH tarpit's log.
func isEndlesshLine(line []byte) bool {
	if !isISOStart(line) {
		return false
	}
	_, rest := nextToken(line)
	return hasPrefixString(rest, "ACCEPT host=") || hasPrefixString(rest, "CLOSE host=")
}

// parseEndlessh reads a tarpit's ACCEPT line (a client caught: noise, by
// rule); CLOSE lines repeat it and are ignored.
func (p *lineParser) parseEndlessh(line []byte, r *record, _ *fileCtx) lineResult {
	ts, rest := nextToken(line)
	t, n := p.iso(ts)
	if n == 0 {
		return resBadTime
	}
	r.time, r.service = t, svcEndlessh
	verb, rest := nextToken(rest)
	if string(verb) != "ACCEPT" {
		return resIgnored
	}
	host, _ := nextToken(rest)
	if !hasPrefixString(host, "host=") {
		return resMalformed
	}
	a, ok := parseAddr(host[len("host="):])
	if !ok {
		return resMalformed
	}
	r.peer, r.src, r.auth = a, a, authProbe
	return resOK
}

// Elasticpot, an Elasticsearch honeypot, logs as Cowrie does:
//
//	{"eventid":"elasticpot.recon","message":"Scan","url":"/_nodes","timestamp":"2026-11-27T13:39:36.897675Z","src_ip":"203.0.113.9","src_port":12245,"dst_port":9200,…}
//	{"eventid":"elasticpot.attack","message":"Exploit","url":"/_search?source=…","timestamp":…,"src_ip":"203.0.113.9",…}
//
// A scan is a connection to a honeypot (noise); an attack is its source at
// work (the honeypot-command rule).
func isElasticpotLine(line []byte) bool {
	return isJSONWith(line, `"elasticpot.`) && containsString(line, `"eventid"`)
}

func (p *lineParser) parseElasticpot(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcElasticpot
	s := &p.js
	if !s.scan(line, cowrieFields) {
		return resMalformed
	}
	v := &s.vals
	if !hasPrefixString(v[jsEvent], "elasticpot.") {
		return resIgnored
	}
	r.message = v[jsEvent]
	a, ok := parseAddr(v[jsPeer])
	if !ok {
		return resMalformed
	}
	if t, ok := p.structuredTime(v[jsTime]); ok {
		r.time = t
	}
	return setSource(r, a)
}
