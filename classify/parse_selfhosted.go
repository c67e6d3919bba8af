package classify

import (
	"bytes"
)

// Self-hosted applications and appliances that keep a log of their own:
// media servers and their request managers, a photo library, a container
// registry, a DNS filter, a project tracker, an access proxy, a mail and
// collaboration suite, a CCTV console, a music server, an SSH honeypot.

// Emby's server log (embyserver.txt):
//
//	2026-11-27 10:00:00.092 Warn Server: AUTH-ERROR: 203.0.113.9 - Invalid username or password entered.
func isEmbyLine(line []byte) bool {
	_, n := readCivil(line, "YYYY-MM-DD hh:mm:ss")
	if n == 0 || n+5 > len(line) || line[n] != '.' {
		return false
	}
	_, rest := nextToken(line[n:]) // ".092"
	lvl, rest := nextToken(rest)
	src, _ := nextToken(rest)
	switch string(lvl) {
	case "Debug", "Info", "Warn", "Error", "Fatal":
		return len(src) > 1 && src[len(src)-1] == ':'
	}
	return false
}

// embyLog parses what isEmbyLine detects.
var embyLog = ownLog{svc: svcEmby, layout: "YYYY-MM-DD hh:mm:ss", msg: parseEmby}

func parseEmby(msg []byte, r *record) lineResult {
	v, ok := after(msg, "AUTH-ERROR: ")
	if !ok {
		return resIgnored
	}
	return r.loginFrom(v, nil, authFailure)
}

// Ombi's log (Serilog, its level written out):
//
//	2026-11-27 10:00:00.110 +02:00 [Warning] Failed login attempt by IP: 203.0.113.9
func isOmbiLine(line []byte) bool {
	_, n := readCivil(line, "YYYY-MM-DD hh:mm:ss")
	if n == 0 {
		return false
	}
	i := indexByte(line[n:min(len(line), n+24)], '[')
	if i < 0 {
		return false
	}
	for _, l := range []string{"[Information] ", "[Warning] ", "[Error] ", "[Debug] ", "[Verbose] ", "[Fatal] "} {
		if hasPrefixString(line[n+i:], l) {
			return true
		}
	}
	return false
}

func (p *lineParser) parseOmbiLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcOmbi
	t, n := p.isoSpacedOffset(line)
	if n == 0 {
		return resBadTime
	}
	r.time = t
	v, ok := after(line[n:], "Failed login attempt by IP: ")
	if !ok {
		return resIgnored
	}
	return r.loginFrom(v, nil, authFailure)
}

// Immich's server log (NestJS):
//
//	[Nest] 7  - 11/27/2026, 7:32:47 PM    WARN [AuthService] Failed login attempt for user anna@example.com from ip address 203.0.113.9
func isImmichLine(line []byte) bool { return hasPrefixString(line, "[Nest] ") }

func (p *lineParser) parseImmichLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcImmich
	i := indexString(line, " - ")
	if i < 0 {
		return resMalformed
	}
	c, n := nestTime(skipSpaces(line[i+3:]))
	if n == 0 {
		return resBadTime
	}
	r.time = p.local(c)
	msg := line[i+3:]
	v, ok := after(msg, "Failed login attempt for user ")
	if !ok {
		return resIgnored
	}
	user, rest := nextToken(v)
	ip, ok := after(rest, "from ip address ")
	if !ok {
		return resMalformed
	}
	return r.loginFrom(ip, user, authFailure)
}

// nestTime reads "11/27/2026, 7:32:47 PM", a local time.
func nestTime(b []byte) (c civil, n int) { return ampmTime(b, "MM/DD/YYYY, ") }

// ampmTime reads a date laid out as layout says (readCivil's) and then a
// twelve-hour clock, "7:32:47 PM" or "10:31:29 PM".
func ampmTime(b []byte, layout string) (c civil, n int) {
	c, n = readCivil(b, layout)
	if n == 0 {
		return civil{}, 0
	}
	var clock [8]byte // "7:32:47" read as "07:32:47"
	k := n
	if k+1 < len(b) && b[k+1] == ':' {
		clock[0] = '0'
		copy(clock[1:], b[k:])
		k += 7
	} else {
		copy(clock[:], b[k:])
		k += 8
	}
	var t civil
	if parseClock(clock[:], &t) < 0 || k+3 > len(b) || b[k] != ' ' {
		return civil{}, 0
	}
	switch string(b[k+1 : k+3]) {
	case "AM":
		t.hour %= 12
	case "PM":
		t.hour = t.hour%12 + 12
	default:
		return civil{}, 0
	}
	c.hour, c.min, c.sec = t.hour, t.min, t.sec
	return c, k + 3
}

// Overseerr's and Jellyseerr's log:
//
//	2026-11-27T09:52:17.637Z [warn][API]: Failed sign-in attempt using invalid Overseerr password {"ip":"::ffff:203.0.113.9","email":"anna@example.com"}
//	2026-11-27T09:52:34.281Z [info][Auth]: Failed login attempt from user with incorrect Jellyfin credentials {"account":{"ip":"::ffff:203.0.113.9","email":"anna",…}}
func isOverseerrLine(line []byte) bool {
	_, n := parseISO(line, nil)
	if n == 0 || n+3 > len(line) || line[n] != ' ' || line[n+1] != '[' {
		return false
	}
	e := indexByte(line[n+1:min(len(line), n+12)], ']')
	return e > 0 && n+e+2 < len(line) && line[n+e+2] == '['
}

func (p *lineParser) parseOverseerrLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcOverseerr
	t, n := p.iso(line)
	if n == 0 {
		return resBadTime
	}
	r.time = t
	msg := line[n:]
	if !containsString(msg, "Failed sign-in attempt") && !containsString(msg, "Failed login attempt") {
		return resIgnored
	}
	return r.loginFrom(quotedAfter(msg, `"ip":"`, '"'), quotedAfter(msg, `"email":"`, '"'), authFailure)
}

// parseHarbor reads the container registry Harbor's core service refusing
// credentials (through syslog, as Harbor's own logging writes):
//
//	2026-11-27T10:00:00Z [ERROR] [/server/middleware/security/basic_auth.go:72][client IP="203.0.113.9, 192.168.32.1" requestID="…" user agent="docker/23.0.6 …"]: failed to authenticate user:anna,
//
// The client is the first address Harbor names.
func parseHarbor(msg []byte, r *record) lineResult {
	if !containsString(msg, "failed to authenticate user:") {
		return resIgnored
	}
	ip := quotedAfter(msg, `client IP="`, '"')
	if c := indexByte(ip, ','); c >= 0 {
		ip = ip[:c]
	}
	u, _ := after(msg, "failed to authenticate user:")
	return r.loginFrom(ip, bytes.TrimRight(upTo(u, ' '), ","), authFailure)
}

// AdGuard Home's log:
//
//	2026/11/27 08:05:56.233208 [error] POST 203.0.113.9 /control/login: invalid username or password
//
// (nginx writes no fraction of a second, which tells the two apart).
func isAdGuardLine(line []byte) bool {
	return len(line) > 28 && isDigit4(line) && line[4] == '/' && line[7] == '/' &&
		line[10] == ' ' && line[19] == '.' && containsString(line[19:min(len(line), 40)], " [")
}

// adGuardLog parses what isAdGuardLine detects.
var adGuardLog = ownLog{svc: svcAdGuard, layout: "YYYY/MM/DD hh:mm:ss", msg: parseAdGuard}

func parseAdGuard(msg []byte, r *record) lineResult {
	if !containsString(msg, "/control/login: invalid username or password") {
		return resIgnored
	}
	_, rest := nextToken(msg) // the fraction
	_, rest = nextToken(rest) // [error]
	_, rest = nextToken(rest) // the method
	return r.loginFrom(rest, nil, authFailure)
}

// Redmine's production log (Ruby's Logger):
//
//	W, [2026-11-27T09:25:23.245316 #1]  WARN -- : Failed login for 'anna' from 203.0.113.9 at 2026-11-27 09:25:23 UTC
func isRubyLoggerLine(line []byte) bool {
	return len(line) > 30 && isAlpha(line[0]) && line[1] == ',' && line[2] == ' ' && line[3] == '[' && isISOStart(line[4:])
}

func (p *lineParser) parseRedmineLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcRedmine
	if !isRubyLoggerLine(line) {
		return resMalformed
	}
	t, n := p.iso(line[4:])
	if n == 0 {
		return resBadTime
	}
	r.time = t
	msg, ok := after(line, " -- : ")
	if !ok || !hasPrefixString(msg, "Failed login for '") {
		return resIgnored
	}
	r.message = msg
	ip, ok := after(msg, "' from ")
	if !ok {
		return resMalformed
	}
	return r.loginFrom(ip, quotedAfter(msg, "for '", '\''), authFailure)
}

// teleportFields map Teleport's audit log (events.log, JSON):
//
//	{"event":"user.login","code":"T1000W","time":"2026-11-27T07:16:25.133Z","user":"anna","success":false,"error":"invalid username, password or second factor","method":"local","addr.remote":"203.0.113.9:34204"}
var teleportFields = []jsonField{
	{"event", jsEvent},
	{"addr.remote", jsPeer},
	{"time", jsTime},
	{"user", jsUser},
	{"success", jsStatus},
}

func isTeleportLine(line []byte) bool {
	return isJSONWith(line, `"addr.remote"`) && containsString(line, `"event":"`)
}

func (p *lineParser) parseTeleportLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcTeleport
	s := &p.js
	if !s.scan(line, teleportFields) {
		return resMalformed
	}
	v := &s.vals
	if string(v[jsEvent]) != "user.login" {
		return resIgnored
	}
	auth := authSuccess
	if string(v[jsStatus]) == "false" {
		auth = authFailure
	}
	if t, ok := p.structuredTime(v[jsTime]); ok {
		r.time = t
	}
	return r.loginFrom(v[jsPeer], v[jsUser], auth)
}

// Webmin's action log (webmin.log), one line an action; a refused login is
// the action "failed" of miniserv.pl:
//
//	1764237600.2161960.0 [27/Nov/2026 10:00:00] admin - 203.0.113.9 global miniserv.pl "failed" "-" "wrongpass"
func isWebminLine(line []byte) bool {
	tok, rest := nextToken(line)
	return len(tok) > 10 && isDigit(tok[0]) && indexByte(tok, '.') > 0 && len(rest) > 22 && rest[0] == '[' &&
		(rest[3] == '/' && rest[7] == '/' || rest[2] == '/' && rest[6] == '/')
}

func (p *lineParser) parseWebminLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcWebmin
	_, rest := nextToken(line)
	c, n := readCivil(rest, "[DD/Mon/YYYY hh:mm:ss]")
	if n == 0 && len(rest) > 22 && rest[2] == '/' { // "[1/Aug/2026 …": a one-digit day
		var padded [23]byte
		padded[0], padded[1] = '[', '0'
		copy(padded[2:], rest[1:22])
		if c, n = readCivil(padded[:], "[DD/Mon/YYYY hh:mm:ss]"); n > 0 {
			n--
		}
	}
	if n == 0 {
		return resBadTime
	}
	r.time = p.local(c)
	user, rest := nextToken(rest[n:])
	_, rest = nextToken(rest) // the session
	ip, rest := nextToken(rest)
	_, rest = nextToken(rest) // the module
	script, rest := nextToken(rest)
	action, _ := nextToken(rest)
	if string(script) != "miniserv.pl" {
		return resIgnored
	}
	switch string(action) {
	case `"failed"`:
		return r.loginFrom(ip, user, authFailure)
	case `"login"`:
		return r.loginFrom(ip, user, authSuccess)
	}
	return resIgnored
}

// Zimbra's mailbox log (mailbox.log), the client in its context as
// "oip=" (the originating address behind the proxy) or "ip=":
//
//	2026-11-27 19:51:53,762 INFO  [qtp93314457-324:https://mail.example.com/service/soap/] [oip=203.0.113.9;oport=57752;oproto=https;] SoapEngine - handler exception: authentication failed for [anna], account not found
//	2026-11-27 19:51:54,100 INFO  [ImapServer-1] [ip=203.0.113.9;] imap - authentication failed for [anna] (invalid password)
func isZimbraLine(line []byte) bool {
	_, n := readCivil(line, "YYYY-MM-DD hh:mm:ss,")
	if n == 0 || n+4 > len(line) {
		return false
	}
	_, rest := nextToken(line[n:])
	lvl, rest := nextToken(rest)
	switch string(lvl) {
	case "INFO", "WARN", "ERROR", "DEBUG", "FATAL":
		// The thread, then the context: "[qtp…] [oip=…;]" ("[] " when
		// empty), where other Java logs put a single bracket.
		rest = skipSpaces(rest)
		e := indexByte(rest, ']')
		return len(rest) > 0 && rest[0] == '[' && e > 0 && hasPrefixString(skipSpaces(rest[e+1:]), "[")
	}
	return false
}

// zimbraLog parses what isZimbraLine detects.
var zimbraLog = ownLog{svc: svcZimbra, layout: "YYYY-MM-DD hh:mm:ss,", msg: parseZimbra}

func parseZimbra(msg []byte, r *record) lineResult {
	if !containsString(msg, "authentication failed for [") {
		return resIgnored
	}
	ip := quotedAfter(msg, "oip=", ';')
	if len(ip) == 0 {
		ip = quotedAfter(msg, "ip=", ';')
	}
	auth := authFailure
	if containsString(msg, "account not found") || containsString(msg, "no such account") {
		auth = authInvalidUser
	}
	return r.loginFrom(ip, quotedAfter(msg, "authentication failed for [", ']'), auth)
}

// ZoneMinder's own log (zm_*.log, web_php.log):
//
//	11/27/26 16:08:02.393003 web_php[118770].ERR [203.0.113.9] [Could not retrieve user anna details] at /usr/share/zoneminder/www/includes/auth.php line 313
//	11/27/26 16:19:40.524258 web_php[118966].INF [198.51.100.4] [Login successful for user "anna"] at …
//
// Installs with another locale write "12/17/26, 10:31:29 PM MST.557710"
// (the zone's name, which says nothing certain: read as local time).
func isZoneMinderLine(line []byte) bool {
	_, n := zmTime(line)
	return n > 0 && hasPrefixString(skipSpaces(line[n:]), "web_php[")
}

// zmTime reads ZoneMinder's time; n is where the program's name starts.
func zmTime(b []byte) (c civil, n int) {
	if c, n = readCivil(b, "MM/DD/YY hh:mm:ss."); n > 0 {
		for n < len(b) && isDigit(b[n]) { // the microseconds
			n++
		}
		return c, n
	}
	if c, n = ampmTime(b, "MM/DD/YY, "); n > 0 {
		_, rest := nextToken(b[n:]) // "MST.557710"
		return c, len(b) - len(rest)
	}
	return civil{}, 0
}

func (p *lineParser) parseZoneMinderLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcZoneMinder
	c, n := zmTime(line)
	if n <= 0 {
		return resBadTime
	}
	r.time = p.local(c)
	_, rest := nextToken(line[n:]) // web_php[pid].LVL
	ip := quotedAfter(rest, "[", ']')
	msg := rest[min(len(rest), len(ip)+2):]
	switch {
	case containsString(msg, "[Could not retrieve user "):
		u, _ := nextToken(msg[indexString(msg, "[Could not retrieve user ")+len("[Could not retrieve user "):])
		return r.loginFrom(ip, u, authInvalidUser)
	case containsString(msg, "[Login denied for user \""):
		return r.loginFrom(ip, quotedAfter(msg, "user \"", '"'), authFailure)
	case containsString(msg, "[Login successful for user \""):
		return r.loginFrom(ip, quotedAfter(msg, "user \"", '"'), authSuccess)
	}
	return resIgnored
}

// Navidrome's log (logfmt): a login its API refused.
//
//	time="2026-11-27T05:07:30Z" level=warning msg="HTTP: POST http://music.example.com/auth/login" elapsedTime="792µs" httpStatus=401 remoteAddr=203.0.113.9 requestId=… userAgent="…"
func isNavidromeLine(line []byte) bool {
	return hasPrefixString(line, `time="`) && containsString(line, " level=") && containsString(line, " remoteAddr=")
}

func (p *lineParser) parseNavidromeLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcNavidrome
	if t, ok := p.structuredTime(quotedAfter(line, `time="`, '"')); ok {
		r.time = t
	}
	msg := quotedAfter(line, `msg="`, '"')
	status, _ := after(line, " httpStatus=")
	if !bytes.HasSuffix(msg, []byte("/auth/login")) || !hasPrefixString(status, "401 ") {
		return resIgnored
	}
	ip, _ := after(line, " remoteAddr=")
	return r.loginFrom(ip, nil, authFailure)
}

// sshesame, an SSH honeypot, in its own log: every source is hostile.
//
//	2026/11/27 20:45:49 [203.0.113.9:59114] authentication for user "admin" with password "123456" accepted
//	2026/11/27 20:45:49 [203.0.113.9:58960] authentication for user "2" without credentials rejected
//	2026/11/27 20:45:50 [203.0.113.9:58960] connection with client version "SSH-2.0-Go" established
//	2026/11/27 20:45:51 [203.0.113.9:58820] [channel 0] command "uname -a" requested
func isSSHesameLine(line []byte) bool {
	return isSlashTime(line) && len(line) > 21 && line[20] == '[' && containsString(line[20:min(len(line), 70)], "] ")
}

func (p *lineParser) parseSSHesameLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcSSHesame
	if !isSlashTime(line) {
		return resBadTime
	}
	t, ok := p.slashTime(line)
	if !ok {
		return resBadTime
	}
	r.time = t
	addr := quotedAfter(line[20:], "[", ']')
	msg := line[min(len(line), 20+len(addr)+3):]
	switch {
	case hasPrefixString(msg, "authentication for user "):
		return r.loginFrom(addr, quotedAfter(msg, "user \"", '"'), authFailure)
	case hasPrefixString(msg, "[channel ") && containsString(msg, "] command \""):
		r.message = msg // a command after a login: the honeypot-command rule
		a, ok := addrToken(addr)
		if !ok {
			return resMalformed
		}
		return setSource(r, a)
	case hasPrefixString(msg, "connection with client version "), hasPrefixString(msg, "TCP/IP forwarding"):
		r.auth = authDisconnect
		a, ok := addrToken(addr)
		if !ok {
			return resMalformed
		}
		return setSource(r, a)
	}
	return resIgnored
}

// LiteSpeed's error log: refused logins to its WebAdmin console and to
// realms it protects.
//
//	2026-11-27 22:49:20.774649 [NOTICE] [1226033] [203.0.113.9:45164:HTTP2-41#_AdminVHost] [STDERR] [WebAdmin Console] Failed Login Attempt - username:admin ip:203.0.113.9 url:
//	2026-11-27 12:22:07.353044 [INFO] [1226038] [203.0.113.9:61120-5#Example] User 'anna' failed to authenticate.
func isLiteSpeedLine(line []byte) bool {
	_, n := readCivil(line, "YYYY-MM-DD hh:mm:ss.")
	if n == 0 {
		return false
	}
	_, rest := nextToken(line[n:]) // the microseconds
	lvl, rest := nextToken(rest)
	pid, rest := nextToken(rest)
	return len(lvl) > 2 && lvl[0] == '[' && len(pid) > 2 && pid[0] == '[' && allDigits(pid[1:len(pid)-1]) && hasPrefixString(rest, "[")
}

// liteSpeedLog parses what isLiteSpeedLine detects.
var liteSpeedLog = ownLog{svc: svcHTTP, layout: "YYYY-MM-DD hh:mm:ss.", msg: parseLiteSpeed}

func parseLiteSpeed(msg []byte, r *record) lineResult {
	switch {
	case containsString(msg, "Failed Login Attempt - username:"):
		u, _ := after(msg, "username:")
		ip, _ := after(msg, " ip:")
		return r.loginFrom(ip, upTo(u, ' '), authFailure)
	case containsString(msg, "' failed to authenticate."):
		// The client is the first bracket after the pid: "[A:P-N#vhost]".
		_, rest := nextToken(msg)
		_, rest = nextToken(rest)
		_, rest = nextToken(rest)
		v := quotedAfter(rest, "[", ']')
		if h := indexByte(v, '#'); h >= 0 {
			v = v[:h]
		}
		if d := bytes.LastIndexByte(v, '-'); d >= 0 {
			v = v[:d]
		}
		return r.loginFrom(v, quotedAfter(msg, "User '", '\''), authFailure)
	}
	return resIgnored
}

// TheHive's access log lines (its application log):
//
//	[info] o.t.s.AccessLogFilter [1e60d1e5e2a1741f|2989d0704d3c364c] 203.0.113.9 POST /api/v1/login took 8ms and returned 401 65 bytes
func isTheHiveLine(line []byte) bool {
	return len(line) > 10 && line[0] == '[' && containsString(line[:min(len(line), 48)], "] o.t.s.AccessLogFilter [")
}

func (p *lineParser) parseTheHiveLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcTheHive
	v, ok := after(line, "AccessLogFilter [")
	if !ok {
		return resMalformed
	}
	_, rest := nextToken(v) // the request's ids
	ip, rest := nextToken(rest)
	method, rest := nextToken(rest)
	path, _ := nextToken(rest)
	status, _ := after(rest, " returned ")
	if string(method) != "POST" || !bytes.HasSuffix(path, []byte("/login")) || !hasPrefixString(status, "401") {
		return resIgnored
	}
	return r.loginFrom(ip, nil, authFailure)
}

// CouchDB's request log lines (its log, level notice):
//
//	[notice] 2026-11-27T13:54:06.579985Z couchdb@127.0.0.1 <0.17607.12> e1fed412f8 db.example.com 203.0.113.9 undefined GET /_all_dbs 404 ok 1
//
// read as an access log: the host asked for, the client, the user
// ("undefined" when none), the method, the path, the status.
func isCouchDBLine(line []byte) bool {
	if len(line) < 40 || line[0] != '[' {
		return false
	}
	lvl, rest := nextToken(line)
	if len(lvl) < 3 || lvl[len(lvl)-1] != ']' || !isISOStart(rest) {
		return false
	}
	_, rest = nextToken(rest) // the time
	node, rest := nextToken(rest)
	pid, _ := nextToken(rest)
	return indexByte(node, '@') > 0 && len(pid) > 2 && pid[0] == '<'
}

func (p *lineParser) parseCouchDB(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcHTTP
	var f [11][]byte // level, time, node, pid, request id, host, client, user, method, path, status
	rest := line
	for i := range f {
		f[i], rest = nextToken(rest)
	}
	if len(f[10]) == 0 {
		return resIgnored // CouchDB's other messages
	}
	if _, ok := atoi(f[10]); !ok || !isMethod(f[8]) {
		return resIgnored
	}
	var v jsonValues
	v[jsTime], v[jsHost], v[jsPeer], v[jsMethod], v[jsTarget], v[jsStatus] = f[1], f[5], f[6], f[8], f[9], f[10]
	return p.fillAccess(r, &v)
}

// fastlyFields map Fastly's JSON log format (its real-time logging, as a
// syslog endpoint receives it: the time and the Fastly node, then the
// object):
//
//	2026-11-27T16:59:46.613304+00:00 199.27.72.40  {  "timestamp": "2026-11-27T16:59:45+0000",  "client_ip": "203.0.113.9",  "host": "www.example.com",  "url": "/.env",  "request_method": "GET",  "request_protocol": "HTTP/1.1",  "request_referer": "",  "request_user_agent": "curl/8.5.0",  "response_status": 404, … }
var fastlyFields = []jsonField{
	{"client_ip", jsClient},
	{"timestamp", jsTime},
	{"host", jsHost},
	{"url", jsTarget},
	{"request_method", jsMethod},
	{"request_user_agent", jsAgent},
	{"response_status", jsStatus},
}

func isFastlyLine(line []byte) bool {
	i := indexByte(line[:min(len(line), 80)], '{')
	return i > 0 && containsString(line[i:], `"client_ip"`) && containsString(line[i:], `"request_method"`)
}

func (p *lineParser) parseFastly(line []byte, r *record, _ *fileCtx) lineResult {
	i := indexByte(line[:min(len(line), 80)], '{')
	if i < 0 {
		return resMalformed
	}
	s := &p.js
	if !s.scan(trimSpace(line[i:]), fastlyFields) {
		return resMalformed
	}
	return p.fillAccess(r, &s.vals)
}
