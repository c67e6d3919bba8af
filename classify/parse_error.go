package classify

import (
	"bytes"
	"time"
)

// isApacheErrorLine: "[Sat Oct 01 …", or the message alone as Apache
// sends it to syslog (ErrorLog syslog), "[core:error] [pid 1] …".
func isApacheErrorLine(line []byte) bool {
	if line[0] != '[' {
		_, line = apacheErrorHost(line)
	}
	return len(line) > 25 && line[0] == '[' && (isAlpha(line[1]) && line[4] == ' ' || // "[Sat ", not "[pid: "
		isApacheModuleLevel(line))
}

// isApacheModuleLevel reports whether line starts with Apache 2.4's
// "[module:level] [pid …" or "[module:level] [client …" ("[:error]" when
// the module is unnamed), or Apache 2.2's "[level] [client …".
func isApacheModuleLevel(line []byte) bool {
	e := bytes.IndexByte(line[:min(len(line), 40)], ']')
	if e < 3 || line[0] != '[' {
		return false
	}
	g := line[1:e]
	if bytes.IndexByte(g, ' ') >= 0 || g[len(g)-1] == ':' {
		return false
	}
	rest := line[e+1:]
	if bytes.IndexByte(g, ':') < 0 {
		return hasPrefixString(rest, " [client ")
	}
	return hasPrefixString(rest, " [pid ") || hasPrefixString(rest, " [client ")
}

// apacheErrorHost splits off the virtual host an ErrorLogFormat may write
// before the time ("%v [%t] …", as Group-Office's image does):
//
//	localhost [Tue Mar 26 07:59:08 2024] [notice] [pid 1662] [client 203.0.113.9:17672] …
func apacheErrorHost(line []byte) (host, rest []byte) {
	tok, rest := nextToken(line)
	if len(rest) == 0 || rest[0] != '[' || !(isHostname(tok) || string(tok) == "localhost") {
		return nil, line
	}
	return tok, rest
}

// parseApacheError reads an Apache 2.2 or 2.4 error log line:
//
//	[Sat Oct 01 10:02:59.123456 2016] [core:error] [pid 1:tid 2] [client 203.0.113.9:5678] AH00126: Invalid URI in request GET /x HTTP/1.1
//	[Sat Oct 01 10:02:59 2016] [error] [client 203.0.113.9] File does not exist: /var/www/phpmyadmin
//	[authz_core:error] [pid 1] [client 203.0.113.9:5678] AH01630: client denied by server configuration: /srv/   (through syslog, no time)
func (p *lineParser) parseApacheError(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcHTTP
	if len(line) > 0 && line[0] != '[' {
		r.host, line = apacheErrorHost(line)
	}
	if len(line) < 26 || line[0] != '[' {
		return resMalformed
	}
	end := bytes.IndexByte(line, ']')
	if end < 0 {
		return resMalformed
	}
	var b []byte
	if t, ok := p.apacheErrorTime(line[1:end]); ok {
		r.time = t
		b = skipSpaces(line[end+1:])
	} else if isApacheModuleLevel(line) {
		b = line // the time is syslog's
	} else {
		return resBadTime
	}
	found, withPort, evasive := false, false, false
	for len(b) > 0 && b[0] == '[' {
		e := bytes.IndexByte(b, ']')
		if e < 0 {
			return resMalformed
		}
		group := b[1:e]
		if bytes.HasPrefix(group, []byte("pid ")) || bytes.IndexByte(group, ':') > 0 && bytes.IndexByte(group, ' ') < 0 {
			withPort = true // Apache 2.4 ("[core:error]", "[pid 1:tid 2]") writes client ports
		}
		evasive = evasive || bytes.HasPrefix(group, []byte("evasive")) && bytes.IndexByte(group, ':') > 0
		if bytes.HasPrefix(group, []byte("client ")) {
			v := group[len("client "):]
			if a, ok := parseIPv4Port(v); ok {
				r.peer, r.src, found = a, a, true
			} else if c := bytes.LastIndexByte(v, ':'); withPort && c > 0 && allDigits(v[c+1:]) {
				if a, ok := parseAddr(v[:c]); ok { // IPv6 and port: "2001:db8::1:5678"
					r.peer, r.src, found = a, a, true
				}
			} else if a, ok := parseAddrPort(v); ok {
				r.peer, r.src, found = a, a, true
			}
		}
		b = skipSpaces(b[e+1:])
	}
	if !found {
		return resIgnored
	}
	if k := bytes.LastIndex(b, []byte(", referer: ")); k >= 0 {
		b = b[:k]
	}
	r.message = b
	if evasive {
		// mod_evasive refusing a client it blacklisted writes "client
		// denied by server configuration" as mod_authz does: its module
		// name, which rules match, leads the message.
		p.reqBuf = append(append(p.reqBuf[:0], "mod_evasive: "...), b...)
		r.message = p.reqBuf
	}
	p.errorTarget(r)
	return resOK
}

// apacheErrorTime parses "Sat Oct 01 10:02:59[.123456] 2016" in the
// configured zone (Apache writes local time without an offset).
func (p *lineParser) apacheErrorTime(b []byte) (time.Time, bool) {
	var c civil
	if len(b) < 24 || b[3] != ' ' || b[7] != ' ' {
		return time.Time{}, false
	}
	c.month = monthIndex(b[4:7])
	d := b[8:10]
	if d[0] == ' ' {
		d = d[1:]
	}
	c.day, _ = atoi(d)
	if b[10] != ' ' || parseClock(b[11:], &c) < 0 {
		return time.Time{}, false
	}
	n := 19
	n += parseFrac(b[n:], &c)
	if n >= len(b) || b[n] != ' ' {
		return time.Time{}, false
	}
	c.year = num4(b[n+1:])
	if !c.valid() {
		return time.Time{}, false
	}
	return p.local(c), true
}

// isNginxErrorLine: "2016/10/03 09:52:42 …".
func isNginxErrorLine(line []byte) bool {
	// A fraction of a second after the time is AdGuard Home's, not nginx's.
	return isDigit4(line) && len(line) > 19 && line[4] == '/' && line[7] == '/' && line[10] == ' ' && line[19] != '.'
}

// parseNginxError reads an nginx error log line:
//
//	2016/10/03 09:52:42 [error] 123#123: *45 open() "/srv/.env" failed (2: No such file or directory), client: 203.0.113.9, server: example.com, request: "GET /.env HTTP/1.1", host: "example.com"
func (p *lineParser) parseNginxError(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcHTTP
	if len(line) < 20 || line[4] != '/' || line[7] != '/' || line[10] != ' ' {
		return resMalformed
	}
	var c civil
	c.year, c.month, c.day = num4(line), num2(line[5:]), num2(line[8:])
	if parseClock(line[11:], &c) < 0 || !c.valid() {
		return resBadTime
	}
	r.time = p.local(c)
	b := skipSpaces(line[19:])
	if len(b) > 0 && b[0] == '[' {
		if e := bytes.IndexByte(b, ']'); e > 0 {
			b = skipSpaces(b[e+1:])
		}
	}
	// "123#456: *78 " prefix
	if k := bytes.Index(b, []byte(": ")); k > 0 && k < 24 && bytes.IndexByte(b[:k], '#') > 0 {
		b = b[k+2:]
		if len(b) > 0 && b[0] == '*' {
			_, b = nextToken(b)
		}
	}
	// The first ", client: " is nginx's own (fail2ban reads it the same way).
	i := bytes.Index(b, []byte(", client: "))
	if i < 0 {
		return resIgnored
	}
	r.message = b[:i]
	v, _ := nextToken(b[i+len(", client: "):])
	v = bytes.TrimRight(v, ",")
	a, ok := parseAddrPort(v)
	if !ok {
		return resIgnored
	}
	r.peer, r.src = a, a
	tail := b[i:]
	if bytes.Contains(r.message, []byte(" while in ")) && bytes.Contains(r.message, []byte("auth state")) ||
		bytes.HasPrefix(r.message, []byte("client login failed")) {
		return nginxMail(r, tail)
	}
	if k := bytes.Index(tail, []byte(", server: ")); k >= 0 {
		h, _ := nextToken(tail[k+len(", server: "):])
		r.host = bytes.TrimRight(h, ",")
	}
	if k := bytes.Index(tail, []byte(", request: \"")); k >= 0 {
		req, _, _ := quoted(tail[k+len(", request: "):])
		p.parseRequest(req, r)
	}
	p.errorTarget(r)
	return resOK
}

// errorTarget finds the request target (or file path) an error message is
// about, and recognises HTTP authentication failures.
func (p *lineParser) errorTarget(r *record) {
	m := r.message
	noUser := false
	switch {
	case bytes.Contains(m, []byte("authentication failure for")), bytes.Contains(m, []byte("password mismatch")),
		bytes.Contains(m, []byte("Password Mismatch")):
		r.auth = authFailure
	case bytes.Contains(m, []byte(" was not found in \"")), bytes.Contains(m, []byte("not found: /")) && bytes.Contains(m, []byte("user ")),
		bytes.HasPrefix(m, []byte("user ")) && bytes.HasSuffix(m, []byte(" not found")): // Apache 2.2: "user root not found"
		r.auth = authInvalidUser
	case bytes.Contains(m, []byte("realm mismatch - got ")), bytes.Contains(m, []byte("unknown algorithm `")),
		bytes.Contains(m, []byte("invalid qop `")), bytes.Contains(m, []byte(" received - user attempted time travel")),
		bytes.Contains(m, []byte("invalid nonce ")) && bytes.Contains(m, []byte(" received - length is not ")):
		// mod_auth_digest: a Digest answer no client computing it honestly
		// sends (another realm, a made-up algorithm or qop, a nonce from
		// the future or of the wrong length).
		r.auth, noUser = authFailure, true
	case bytes.Contains(m, []byte("[Login denied for user \"")):
		// ZoneMinder's web console: WAR [Login denied for user "admin"]
		r.auth = authFailure
	case bytes.Contains(m, []byte("Password authentication failed for '")):
		// Group-Office: Password authentication failed for 'admin' from IP: '203.0.113.9'
		r.auth, r.user = authFailure, quotedAfter(m, "failed for '", '\'')
		return
	case bytes.Contains(m, []byte("[Could not retrieve user ")):
		r.auth = authInvalidUser
		r.user, _ = nextToken(m[bytes.Index(m, []byte("[Could not retrieve user "))+len("[Could not retrieve user "):])
		return
	}
	if i := bytes.Index(m, []byte("user \"")); i >= 0 { // nginx
		if e := bytes.IndexByte(m[i+6:], '"'); e >= 0 {
			r.user = m[i+6 : i+6+e]
		}
	} else if i := bytes.Index(m, []byte("user ")); i >= 0 && r.auth != authNone && !noUser { // apache
		u, _ := nextToken(m[i+5:])
		r.user = bytes.TrimRight(u, ":")
	}
	if r.target != nil {
		return
	}
	if i := bytes.Index(m, []byte(" request ")); i >= 0 && r.method == nil { // "Invalid URI in request GET /x HTTP/1.1"
		p.parseRequest(trimSpace(m[i+len(" request "):]), r)
		if r.target != nil {
			return
		}
	}
	// The first absolute path after ": " or in quotes.
	for _, sep := range [][]byte{[]byte(": /"), []byte("\"/"), []byte("'/"), []byte("(/")} {
		if i := bytes.Index(m, sep); i >= 0 {
			t := m[i+len(sep)-1:]
			if e := bytes.IndexAny(t, "\"' ),"); e >= 0 {
				t = t[:e]
			}
			r.target = t
			return
		}
	}
}

// nginxMail reads an error line of nginx's mail proxy:
//
//	*1 client login failed while in http auth state, client: A, server: 0.0.0.0:993, login: "U"
//	*1 client timed out (110: Connection timed out) while in auth state, client: A, server: 0.0.0.0:110
func nginxMail(r *record, tail []byte) lineResult {
	r.service = svcNginxMail
	switch {
	case bytes.HasPrefix(r.message, []byte("client login failed")):
		r.auth = authFailure
	case bytes.Contains(r.message, []byte("client sent invalid")), bytes.Contains(r.message, []byte("timed out")):
		r.auth = authProbe
	default:
		r.auth = authDisconnect
	}
	if k := bytes.Index(tail, []byte(", login: \"")); k >= 0 {
		u := tail[k+len(", login: \""):]
		if e := bytes.IndexByte(u, '"'); e >= 0 {
			r.user = u[:e]
		}
	}
	return resOK
}
