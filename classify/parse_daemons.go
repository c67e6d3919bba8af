package classify

import (
	"bytes"
	"net/netip"
	"time"
)

// More daemons: GitLab, a monitoring agent (NRPE), a name server (NSD),
// an IRC bouncer (ZNC), a VPN server (SoftEther), macOS screen sharing,
// stunnel and qmail.

// GitLab's application log, text (application.log) and JSON
// (application_json.log); a user name may hold spaces, the address is the
// last ip=:
//
//	2026-11-27T10:00:00.667Z: Failed Login: username=admin ip=203.0.113.9
//	{"severity":"INFO","time":"2026-11-27T10:00:01.979Z","correlation_id":"01H8P7","meta.remote_ip":"203.0.113.9","message":"Failed Login: username=admin ip=203.0.113.9"}
func isGitLabLine(line []byte) bool {
	if hasPrefixString(line, `{"severity":"`) {
		return containsString(line, `"correlation_id":"`)
	}
	if !isISOStart(line) {
		return false
	}
	_, n, _ := parseISOZone(line, time.UTC)
	return n > 0 && n+1 < len(line) && line[n] == ':' && line[n+1] == ' '
}

func (p *lineParser) parseGitLabLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcGitLab
	if len(line) == 0 {
		return resMalformed
	}
	var t time.Time
	var n int
	if line[0] == '{' {
		t, n = p.iso(quotedAfter(line, `"time":"`, '"'))
		r.message = quotedAfter(line, `"message":"`, '"')
	} else {
		t, n = p.iso(line)
		if n > 0 {
			r.message = trimSpace(line[min(n+1, len(line)):])
		}
	}
	if n == 0 {
		return resBadTime
	}
	r.time = t
	return parseGitLab(r.message, r)
}

func parseGitLab(msg []byte, r *record) lineResult {
	var auth authKind
	switch {
	case containsString(msg, "Failed Login: username="), containsString(msg, "Failed LDAP Login: username="):
		auth = authFailure
	case containsString(msg, "Successful Login: username="):
		auth = authSuccess
	default:
		return resIgnored
	}
	v, _ := after(msg, "Login: username=")
	i := bytes.LastIndex(v, []byte(" ip="))
	if i < 0 {
		return resMalformed
	}
	return r.loginFrom(v[i+len(" ip="):], v[:i], auth)
}

// parseNRPE reads the Nagios remote plugin executor's refusals: a host
// outside allowed_hosts (refused), and connections that never sent a
// request or a TLS handshake (probes):
//
//	Host 203.0.113.9 is not allowed to talk to us!
//	Could not read request from client 203.0.113.9, bailing out...
//	Error: (!log_opts) Could not complete SSL handshake with 203.0.113.9: 1
func parseNRPE(msg []byte, r *record) lineResult {
	switch {
	case hasPrefixString(msg, "Host ") && containsString(msg, " is not allowed to talk to us"):
		return r.loginFrom(msg[len("Host "):], nil, authRefused)
	case containsString(msg, "Could not complete SSL handshake with "):
		v, _ := after(msg, "SSL handshake with ")
		return r.loginFrom(v, nil, authProbe)
	case containsString(msg, "Could not read request from client "):
		v, _ := after(msg, "from client ")
		return r.loginFrom(v, nil, authProbe)
	case containsString(msg, "Client request from ") && containsString(msg, " was invalid"):
		v, _ := after(msg, "Client request from ")
		return r.loginFrom(v, nil, authProbe)
	}
	return resIgnored
}

// parseNSD reads the NSD name server's refused zone transfers and
// notifies, older and newer wording:
//
//	info: axfr for zone example.com. from client 203.0.113.9 refused, no acl matches.
//	info: axfr for example.com. from 203.0.113.9 refused, no acl matches
//
// Its rate-limit blocks are not read: their sources are often spoofed
// victims of reflection.
func parseNSD(msg []byte, r *record) lineResult {
	if !containsString(msg, " refused") || !(containsString(msg, "axfr for ") || containsString(msg, "ixfr for ") || containsString(msg, "notify for ")) {
		return resIgnored
	}
	i := bytes.LastIndex(msg, []byte(" refused"))
	v := msg[:i]
	j := bytes.LastIndexByte(v, ' ')
	return r.loginFrom(v[j+1:], nil, authRefused)
}

// ZNC's admin log (moddata/adminlog/znc.log), and the same through syslog:
//
//	[2026-11-27 10:00:55] [admin] failed to login from 203.0.113.9:65001
//	[2026-11-27 10:00:56] [anna] connected to ZNC from 198.51.100.4
var zncLog = ownLog{svc: svcZNC, layout: "[YYYY-MM-DD hh:mm:ss] ", then: "[", msg: parseZNC}

func parseZNC(msg []byte, r *record) lineResult {
	if len(msg) < 2 || msg[0] != '[' {
		return resIgnored
	}
	user := upTo(msg[1:], ']')
	rest := msg[min(len(msg), len(user)+3):]
	var auth authKind
	switch {
	case hasPrefixString(rest, "failed to login from "):
		auth = authFailure
	case hasPrefixString(rest, "connected to ZNC from "):
		auth = authSuccess
	default:
		return resIgnored
	}
	v, _ := afterLast(rest, " from ")
	return r.loginFrom(v, user, auth)
}

// SoftEther VPN's security log (security_log/HUB/sec_*.log):
//
//	2026-11-27 10:00:19.781 Connection "CID-72": User authentication failed. The user name that has been provided was "bob", from 203.0.113.9.
func isSoftEtherLine(line []byte) bool {
	return isISOStart(line) && containsString(line[:min(len(line), 48)], ` Connection "CID-`)
}

func (p *lineParser) parseSoftEtherLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcSoftEther
	t, n := p.iso(line)
	if n == 0 {
		return resBadTime
	}
	r.time, r.message = t, trimSpace(line[n:])
	if !containsString(r.message, "User authentication failed") {
		return resIgnored
	}
	v, ok := afterLast(r.message, " from ")
	if !ok {
		return resMalformed
	}
	return r.loginFrom(v, quotedAfter(r.message, `provided was "`, '"'), authFailure)
}

// parseScreenSharing reads macOS screen sharing's logins; the user name
// is free text, so the address is found by its label:
//
//	Authentication: FAILED :: User Name: admin :: Viewer Address: 203.0.113.9 :: Type: DH
func parseScreenSharing(msg []byte, r *record) lineResult {
	var auth authKind
	switch {
	case hasPrefixString(msg, "Authentication: FAILED"):
		auth = authFailure
	case hasPrefixString(msg, "Authentication: SUCCEEDED"):
		auth = authSuccess
	default:
		return resIgnored
	}
	v, ok := after(msg, " :: Viewer Address: ")
	if !ok {
		return resMalformed
	}
	user := quotedAfter(msg, "User Name: ", ':')
	return r.loginFrom(v, bytes.TrimSpace(user), auth)
}

// stunnel's log, from syslog or its own file ("2026.11.27 10:00:16
// LOG3[28228:140093368055552]: …"). A client without the certificate the
// service requires is refused; any other failed handshake is a probe.
// stunnel 4 names the client on the failed handshake's line; stunnel 5
// names it when it accepts the connection, and the handshake's line takes
// it through the connection's number:
//
//	LOG3[28228:140093368055552]: SSL_accept from 203.0.113.9:33454 : 140890C7: error:140890C7:SSL routines:SSL3_GET_CLIENT_CERTIFICATE:peer did not return a certificate
//	LOG5[12]: Service [vpn] accepted connection from 203.0.113.9:38537
//	LOG3[12]: SSL_accept: 1417C0C7: error:1417C0C7:SSL routines:tls_process_client_certificate:peer did not return a certificate
var stunnelLog = ownLog{svc: svcStunnel, layout: "YYYY.MM.DD hh:mm:ss ", then: "LOG", msg: parseStunnel}

func parseStunnel(msg []byte, r *record) lineResult {
	auth := authProbe
	if containsString(msg, "peer did not return a certificate") {
		auth = authRefused
	}
	switch {
	case containsString(msg, "SSL_accept from "):
		v, _ := after(msg, "SSL_accept from ")
		return r.loginFrom(v, nil, auth)
	case containsString(msg, " accepted connection from "):
		v, _ := after(msg, " accepted connection from ")
		a, ok := addrToken(v)
		if !ok {
			return resIgnored
		}
		r.conn, r.connOpen = connKey(svcStunnel, r.pid, quotedAfter(msg, "[", ']')), true
		return setSource(r, a)
	case containsString(msg, "SSL_accept: "):
		r.conn, r.auth = connKey(svcStunnel, r.pid, quotedAfter(msg, "[", ']')), auth
		return resOK
	}
	return resIgnored
}

// qmail's rblsmtpd refusing a client a DNS blocklist names (a probe, as
// postfix's DNSBL rejections are), through splogger ("qmail: 1795773600.485077
// rblsmtpd: …") or multilog (format multilog):
//
//	rblsmtpd: 203.0.113.9 pid 19597: 451 http://www.spamhaus.org/query/bl?ip=203.0.113.9
func parseQmail(msg []byte, r *record) lineResult {
	if tok, rest := nextToken(msg); len(tok) > 10 && tok[10] == '.' && allDigits(tok[:10]) {
		msg = rest // splogger's time
	}
	v, ok := after(msg, "rblsmtpd: ")
	if !ok {
		return resIgnored
	}
	r.service = svcQmail
	return r.loginFrom(v, nil, authProbe)
}

// daemontools' multilog files (qmail's /var/log/qmail/*/current): a
// TAI64N label, then the program's line.
//
//	@40000000692829a01529cb14 rblsmtpd: 203.0.113.9 pid 93340: 451 http://www.spamhaus.org/query/bl?ip=203.0.113.9
func isMultilogLine(line []byte) bool {
	return len(line) > 26 && line[0] == '@' && line[25] == ' ' && isHex(line[1:25])
}

func isHex(b []byte) bool {
	for _, c := range b {
		if _, ok := unhex(c); !ok {
			return false
		}
	}
	return true
}

func (p *lineParser) parseMultilog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcQmail
	if !isMultilogLine(line) {
		return resMalformed
	}
	var sec, nsec uint64
	for _, c := range line[1:17] {
		h, _ := unhex(c)
		sec = sec<<4 | uint64(h)
	}
	for _, c := range line[17:25] {
		h, _ := unhex(c)
		nsec = nsec<<4 | uint64(h)
	}
	// TAI64's label of 1970 is 2^62; TAI ran ten seconds ahead of UTC
	// then (later leap seconds are left out, as tai64nlocal does).
	const base = 1 << 62
	if sec < base+10 || sec > base+1<<40 || nsec >= 1e9 {
		return resBadTime
	}
	r.time = time.Unix(int64(sec-base-10), int64(nsec)).UTC()
	r.message = trimSpace(line[26:])
	return parseQmail(r.message, r)
}

// cPanel's login log (/usr/local/cpanel/logs/login_log):
//
//	[2026-11-27 10:00:37 +0000] info [cpaneld] 203.0.113.9 - root "POST /login/?login_only=1 HTTP/1.1" FAILED LOGIN cpaneld: user password hash is miss
//	[2026-11-27 10:00:38 +0000] info [whostmgrd] 203.0.113.9 - root "POST /login/?login_only=1 HTTP/1.1" FAILED LOGIN whostmgrd: brute force attempt (user root) has locked out IP 203.0.113.9
func isCPanelLoginLine(line []byte) bool {
	if len(line) < 40 || line[0] != '[' || !isISOStart(line[1:]) || line[20] != ' ' {
		return false
	}
	rb := indexByte(line[:min(len(line), 32)], ']')
	return rb > 0 && hasPrefixString(line[rb:], "] info [") || rb > 0 && hasPrefixString(line[rb:], "] warn [")
}

func (p *lineParser) parseCPanelLoginLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcCPanel
	rb := indexByte(line, ']')
	if rb < 21 {
		return resMalformed
	}
	c, n := readCivil(line[1:], "YYYY-MM-DD hh:mm:ss ")
	if n == 0 {
		return resBadTime
	}
	off, k := parseOffset(line[1+n : rb])
	if k == 0 {
		return resBadTime
	}
	r.time = time.Unix(c.unix(off), 0).UTC()
	r.message = trimSpace(line[rb+1:])
	_, rest := nextToken(r.message) // the level
	_, rest = nextToken(rest)       // [cpaneld]
	addr, rest := nextToken(rest)
	_, rest = nextToken(rest) // "-"
	user, rest := nextToken(rest)
	var auth authKind
	switch {
	case containsString(rest, "\" FAILED LOGIN ") && containsString(rest, "has locked out IP"):
		auth = authTooMany
	case containsString(rest, "\" FAILED LOGIN "):
		auth = authFailure
	default:
		return resIgnored
	}
	return r.loginFrom(addr, user, auth)
}

// parseLFD reads the blocks of ConfigServer's login failure daemon (lfd,
// beside csf): each line is a decision, as fail2ban's Ban is.
//
//	(sshd) Failed SSH login from 203.0.113.9 (CN/China/-): 5 in the last 3600 secs - *Blocked in csf* for 3600 secs [LF_SSHD]
//	(smtpauth) Failed SMTP AUTH login from 203.0.113.9 (NL/Netherlands/-): 5 in the last 3600 secs - *Blocked in csf* [LF_SMTPAUTH]
//	*Port Scan* detected from 203.0.113.9 (US/United States/-). 11 hits in the last 47 seconds - *Blocked in csf* for 3600 secs [PS_LIMIT]
func parseLFD(msg []byte, r *record) lineResult {
	switch {
	case containsString(msg, "*Port Scan* detected from "):
		v, _ := after(msg, "*Port Scan* detected from ")
		return r.loginFrom(v, nil, authProbe)
	case containsString(msg, " login from ") && containsString(msg, "Failed "):
		v, _ := after(msg, " login from ")
		if i := indexString(msg, " in the last "); i > 0 {
			n, _ := atoi(msg[bytes.LastIndexByte(msg[:i], ' ')+1 : i])
			r.repeat = min(max(n, 1), 1000)
		}
		return r.loginFrom(v, nil, authBan)
	}
	return resIgnored
}

// parseSynology reads Synology DSM's connection log as it forwards it:
//
//	User [admin] from [203.0.113.9] failed to log in via [DSM] due to authorization failure.
//	User [anna] from [198.51.100.4] signed in to [DSM] successfully via [password].
func parseSynology(msg []byte, r *record) lineResult {
	var auth authKind
	switch {
	case containsString(msg, "] failed to log in via ["):
		auth = authFailure
	case containsString(msg, "] signed in to [") || containsString(msg, "] logged in successfully via ["):
		auth = authSuccess
	default:
		return resIgnored
	}
	r.service = svcSynology
	return r.loginFrom(quotedAfter(msg, "] from [", ']'), quotedAfter(msg, "User [", ']'), auth)
}

// The *arr media managers' logs (Sonarr, Radarr, Lidarr, Readarr,
// Prowlarr: logs/*.txt):
//
//	2026-11-27 10:00:00.0|Warn|Auth|Auth-Failure ip 203.0.113.9 username 'admin'
//	2026-11-27 10:00:01.0|Info|Auth|Auth-Success ip 198.51.100.4 username 'anna'
func isArrLine(line []byte) bool {
	if !isISOStart(line) {
		return false
	}
	_, n, ok := parseISOCivil(line)
	return ok && n < len(line) && line[n] == '|' && containsString(line[n:min(len(line), n+24)], "|Auth|")
}

func (p *lineParser) parseArrLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcArr
	c, n, ok := parseISOCivil(line)
	if !ok {
		return resBadTime
	}
	r.time = p.local(c)
	r.message = line[n:]
	return parseArr(r.message, r)
}

func parseArr(msg []byte, r *record) lineResult {
	var auth authKind
	switch {
	case containsString(msg, "Auth-Failure ip "):
		auth = authFailure
	case containsString(msg, "Auth-Success ip "):
		auth = authSuccess
	default:
		return resIgnored
	}
	r.service = svcArr
	v, _ := after(msg, " ip ")
	return r.loginFrom(v, quotedAfter(msg, "username '", '\''), auth)
}

// Microsoft Exchange's protocol logs (SmtpReceive, Imap4, Pop3), CSV with
// the client's endpoint in its column:
//
//	2026-11-27T10:00:50.200Z,EX1\Default Frontend EX1,08DA28A9AF671267,15,192.0.2.1:25,203.0.113.9:28657,>,535 5.7.3 Authentication unsuccessful,
//	2026-11-27T10:00:51.094Z,000000000000004B,2,192.0.2.1:993,203.0.113.9:49016,admin,34,31,31,authenticate,PLAIN,"R=""2 NO AUTHENTICATE failed."";Msg=""AuthFailed:LogonDenied,User: admin"";ErrMsg=AuthFailed:LogonDenied",
func isExchangeLine(line []byte) bool {
	if !isISOStart(line) {
		return false
	}
	_, n, _ := parseISOZone(line, time.UTC)
	return n > 0 && n < len(line) && line[n] == ',' && bytes.Count(line[:min(len(line), 200)], []byte(",")) >= 6
}

func (p *lineParser) parseExchangeLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcExchange
	t, n := p.iso(line)
	if n == 0 {
		return resBadTime
	}
	r.time, r.message = t, line
	var f [6][]byte
	rest := line[min(n+1, len(line)):]
	for i := range f {
		f[i] = upTo(rest, ',')
		rest = rest[min(len(rest), len(f[i])+1):]
	}
	// Imap4 and Pop3: session, sequence, server, client, user; SmtpReceive:
	// connector, session, sequence, local, remote.
	client, user := f[4], []byte(nil)
	if _, ok := parseAddrPort(f[2]); ok {
		client, user = f[3], f[4]
	}
	switch {
	case containsString(line, "AuthFailed"), containsString(line, ",535 "), containsString(line, "AUTH LOGIN failed"),
		containsString(line, "Authentication unsuccessful"):
	default:
		return resIgnored
	}
	return r.loginFrom(client, user, authFailure)
}

// parseSSHGuard reads sshguard's attacks and blocks (each attack is a
// failure it read in another log, as fail2ban's Found is; a block is its
// decision):
//
//	Attack from "203.0.113.9" on service 100 with danger 10.
//	Blocking "203.0.113.9/32" for 120 secs (3 attacks in 5 secs, after 1 abuses over 5 secs.)
func parseSSHGuard(msg []byte, r *record) lineResult {
	var v []byte
	switch {
	case hasPrefixString(msg, "Attack from "):
		v, r.auth = msg[len("Attack from "):], authFound
	case hasPrefixString(msg, "Blocking "):
		v, r.auth = msg[len("Blocking "):], authBan
	default:
		return resIgnored
	}
	tok := bytes.Trim(upTo(v, ' '), "\"")
	if i := bytes.IndexByte(tok, '/'); i >= 0 {
		tok = tok[:i] // the blocked subnet's address
	}
	a, ok := parseAddrPort(tok)
	if !ok {
		r.auth = authNone
		return resMalformed
	}
	return setSource(r, a)
}

// parsePfSense reads pfSense's (and OPNsense's) web configurator logins,
// which its PHP writes under php-fpm:
//
//	/index.php: webConfigurator authentication error for user 'admin' from: 203.0.113.9
//	/index.php: Successful login for user 'admin' from: 198.51.100.4 (Local Database)
func parsePfSense(msg []byte, r *record) lineResult {
	var auth authKind
	switch {
	case containsString(msg, "authentication error for user '"):
		auth = authFailure
	case containsString(msg, "Successful login for user '"):
		auth = authSuccess
	default:
		return resIgnored
	}
	v, ok := afterLast(msg, "' from: ")
	if !ok {
		return resIgnored
	}
	r.service = svcPfSense
	return r.loginFrom(v, quotedAfter(msg, "for user '", '\''), auth)
}

// parseDante reads the SOCKS server Dante's refusals of a client whose
// password the system refused (danted, "logoutput: syslog" or its own
// file, which has the same program tag):
//
//	info: block(1): tcp/accept ]: 203.0.113.9.50550 0.0.0.0.1080: error after reading 18 bytes in 0 seconds: system password authentication failed for user "anna"
//	info: block(1): tcp/accept ]: 203.0.113.9.50551 0.0.0.0.1080: error after reading 35 bytes in 0 seconds: could not access user "root"'s records in the system password file: no system error
//	info: pass(1): tcp/accept [: 198.51.100.4.50552 0.0.0.0.1080
//
// The client is the first address, its port after a dot.
func parseDante(msg []byte, r *record) lineResult {
	var auth authKind
	switch {
	case containsString(msg, "password authentication failed for user \""):
		auth = authFailure
	case containsString(msg, "could not access user \""):
		auth = authInvalidUser
	default:
		return resIgnored
	}
	v, ok := after(msg, "]: ")
	if !ok {
		return resMalformed
	}
	a, ok := dotPortAddr(upTo(v, ' '))
	if !ok {
		return resMalformed
	}
	r.auth, r.user = auth, quotedAfter(msg, "user \"", '"')
	return setSource(r, a)
}

// dotPortAddr reads an address with its port after a dot, as Dante writes
// it: "203.0.113.9.50550", "2001:db8::9.50550".
func dotPortAddr(b []byte) (netip.Addr, bool) {
	i := bytes.LastIndexByte(b, '.')
	if i <= 0 || !allDigits(b[i+1:]) {
		return netip.Addr{}, false
	}
	return parseAddr(b[:i])
}

// Mosquitto, the MQTT broker, in its own log (each line after the Unix
// time) or through syslog. A refused client is named on a line of its
// own, after the line that gave the connection's address:
//
//	1685821252: New connection from 203.0.113.9:58137 on port 1883.
//	1685821252: Client <unknown> disconnected, not authorised.
//	1685821260: New client connected from 198.51.100.4:40112 as sensor-1 (p2, c1, k60, u'anna').
//
// The connection of a refusal is the last one opened (the broker logs
// both at once).
var mosquittoStarts = []string{"New connection from ", "New client connected from ", "Client ", "mosquitto version ", "Opening ipv", "Config loaded from ", "Socket error on client "}

func isMosquittoLine(line []byte) bool {
	i := indexByte(line[:min(len(line), 12)], ':')
	if i < 9 || !allDigits(line[:i]) || i+2 > len(line) || line[i+1] != ' ' {
		return false
	}
	for _, s := range mosquittoStarts {
		if hasPrefixString(line[i+2:], s) {
			return true
		}
	}
	return false
}

func (p *lineParser) parseMosquittoLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcMosquitto
	i := indexByte(line, ':')
	if i < 9 || i > 12 || !allDigits(line[:i]) {
		return resBadTime
	}
	t, ok := p.structuredTime(line[:i]) // Unix seconds
	if !ok {
		return resBadTime
	}
	r.time = t
	return parseMosquitto(skipSpaces(line[i+1:]), r)
}

func parseMosquitto(msg []byte, r *record) lineResult {
	r.service = svcMosquitto
	switch {
	case hasPrefixString(msg, "New connection from "):
		a, ok := addrToken(msg[len("New connection from "):])
		if !ok {
			return resMalformed
		}
		r.conn, r.connOpen = connKey(svcMosquitto, nil, nil), true
		return setSource(r, a)
	case hasPrefixString(msg, "New client connected from "):
		a, ok := addrToken(msg[len("New client connected from "):])
		if !ok {
			return resMalformed
		}
		r.auth, r.user = authSuccess, quotedAfter(msg, " u'", '\'')
		return setSource(r, a)
	case hasPrefixString(msg, "Client ") && containsString(msg, " disconnected, not authorised"):
		r.conn, r.auth = connKey(svcMosquitto, nil, nil), authFailure
		return resOK
	}
	return resIgnored
}

// Paperless-ngx's log (paperless.log, or the container's output):
//
//	[2026-11-27 10:00:00,139] [INFO] [paperless.auth] Login failed for user `anna` from private IP `203.0.113.9`.
//	[2026-11-27 10:00:01,874] [INFO] [paperless.auth] Login failed for user `root` from IP `2001:db8::9`.
var paperlessLog = ownLog{svc: svcPaperless, layout: "[YYYY-MM-DD hh:mm:ss", then: ",", msg: parsePaperless}

func parsePaperless(msg []byte, r *record) lineResult {
	if !containsString(msg, "[paperless.auth] Login failed for user `") {
		return resIgnored
	}
	ip, ok := afterLast(msg, "IP `")
	if !ok {
		return resMalformed
	}
	r.service = svcPaperless
	return r.loginFrom(upTo(ip, '`'), quotedAfter(msg, "for user `", '`'), authFailure)
}

// parseGophernicus reads the Gopher server Gophernicus's refusals (through
// syslog), which scanners sending other protocols' bytes cause:
//
//	error "File or directory not found! " for request "/^C" from 203.0.113.9 (No such file or directory)
func parseGophernicus(msg []byte, r *record) lineResult {
	if !hasPrefixString(msg, "error \"") {
		return resIgnored
	}
	a, ok := addrAfterLast(msg, "\" from ")
	if !ok {
		return resMalformed
	}
	r.auth = authProbe
	return setSource(r, a)
}

// Mattermost's server log, JSON (the default) or plain, the request's
// fields after its message:
//
//	{"timestamp":"2026-11-27 10:00:00.633 Z","level":"error","msg":"Login failed because of invalid password","caller":"web/context.go:105","path":"/api/v4/users/login","request_id":"x","ip_addr":"203.0.113.9","user_id":"u","method":"POST","err_where":"checkUserPassword","http_code":401}
//	2026-11-27T10:00:00.113+0200	error	mlog/log.go:172	Login failed because of invalid password	{"path": "/api/v4/users/login", "request_id": "x", "ip_addr": "203.0.113.9", …}
//
// Older servers write "ts" as Unix seconds.
var mattermostFields = []jsonField{
	{"msg", jsMessage},
	{"ip_addr", jsPeer},
	{"timestamp", jsTime},
	{"ts", jsTime},
}

func isMattermostLine(line []byte) bool {
	if len(line) < 2 {
		return false
	}
	if line[0] == '{' {
		return containsString(line, `"ip_addr":"`) && containsString(line, `"msg":"`)
	}
	return isISOStart(line) && containsString(line, "\t") && containsString(line, `"ip_addr": "`)
}

func (p *lineParser) parseMattermostLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcMattermost
	var msg, ip, ts []byte
	if line[0] == '{' {
		s := &p.js
		if !s.scan(line, mattermostFields) {
			return resMalformed
		}
		msg, ip, ts = s.vals[jsMessage], s.vals[jsPeer], s.vals[jsTime]
	} else {
		var f [5][]byte // time, level, caller, message, fields
		rest := line
		for i := range 4 {
			j := indexByte(rest, '\t')
			if j < 0 {
				return resMalformed
			}
			f[i], rest = rest[:j], rest[j+1:]
		}
		f[4] = rest
		ts, msg, ip = f[0], f[3], quotedAfter(f[4], `"ip_addr": "`, '"')
	}
	t, ok := p.structuredTime(ts)
	if !ok {
		return resBadTime
	}
	r.time = t
	var auth authKind
	switch {
	case hasPrefixString(msg, "Login failed because of invalid password"), hasPrefixString(msg, "Error trying to authenticate MFA token"):
		auth = authFailure
	case hasPrefixString(msg, "Unable to find an existing account matching your credentials"):
		auth = authInvalidUser
	case hasPrefixString(msg, "Your account is locked because of too many failed password attempts"):
		auth = authTooMany
	default:
		return resIgnored
	}
	r.message = msg
	return r.loginFrom(ip, nil, auth)
}

// parseLibreswan reads Libreswan's IKE daemon (pluto) refusing a peer whose
// pre-shared secret or XAUTH password was wrong:
//
//	"xauth-psk"[5] 203.0.113.9 #12: probable authentication failure (mismatch of preshared secrets?): malformed payload in packet
//	"xauth-psk"[2] 203.0.113.9 #3: XAUTH: User anna: Authentication Failed: Incorrect Username or Password
//
// The peer's address follows the connection's name and instance.
func parseLibreswan(msg []byte, r *record) lineResult {
	var user []byte
	switch {
	case containsString(msg, ": probable authentication failure"):
	case containsString(msg, ": XAUTH: User ") && containsString(msg, ": Authentication Failed"):
		user = upTo(quotedAfter(msg, ": XAUTH: User ", ':'), ' ')
	default:
		return resIgnored
	}
	if len(msg) == 0 || msg[0] != '"' {
		return resMalformed
	}
	e := indexByte(msg[1:], '"')
	if e < 0 {
		return resMalformed
	}
	rest := msg[e+2:]
	if len(rest) > 0 && rest[0] == '[' { // the instance: "[5]"
		rest = rest[max(indexByte(rest, ']'), 0)+1:]
	}
	return r.loginFrom(skipSpaces(rest), user, authFailure)
}

// parseNamed reads BIND's refusals (named, through syslog or its own log
// channel): a zone transfer an address asked for and may not have, a
// query or an update it may not make.
//
//	client 203.0.113.9#52115: zone transfer 'example.com/AXFR/IN' denied
//	client @0x7f6450002ef0 203.0.113.9#23332 (example.com): bad zone transfer request: 'example.com/IN': non-authoritative zone (NOTAUTH)
//	client 203.0.113.9#4795: view external: query (cache) 'example.com/ANY/IN' denied
//	client @0x7f65100ee4d8 203.0.113.9#3076 (example.com): update 'example.com/IN' denied
//
// A zone transfer refused is reconnaissance; a query refused is an
// address looking for an open resolver (or one whose address a flood
// spoofed), counted as such.
func parseNamed(msg []byte, r *record) lineResult {
	i := indexString(msg, "client ")
	if i < 0 {
		return resIgnored
	}
	body := msg[i+len("client "):]
	if len(body) > 0 && body[0] == '@' { // BIND 9.11 and later: the client object
		_, body = nextToken(body)
	}
	switch {
	case containsString(body, "zone transfer '") && bytes.HasSuffix(trimSpace(body), []byte(" denied")),
		containsString(body, ": bad zone transfer request: "):
		r.auth = authRefused
	case (containsString(body, ": query ") || containsString(body, ": update '") || containsString(body, ": notify ")) && bytes.HasSuffix(trimSpace(body), []byte(" denied")):
		r.auth = authProbe
	default:
		return resIgnored
	}
	tok, _ := nextToken(body)
	h := bytes.LastIndexByte(tok, '#')
	if h <= 0 {
		r.auth = authNone
		return resMalformed
	}
	a, ok := parseAddr(tok[:h])
	if !ok {
		r.auth = authNone
		return resMalformed
	}
	return setSource(r, a)
}

// BIND's own log channel, each line after its time (and, with
// print-category and print-severity, "security: error: "):
//
//	11-Aug-2026 03:36:11.372 error: client 203.0.113.9#52115: zone transfer 'example.com/AXFR/IN' denied
//	23-Aug-2026 10:32:56.621 client 203.0.113.9#40278 (example.com): query (cache) 'example.com/A/IN' denied
func isNamedLine(line []byte) bool {
	_, n := readCivil(line, "DD-Mon-YYYY hh:mm:ss")
	return n > 0 && n < len(line) && line[n] == '.' && containsString(line[n:min(len(line), n+64)], "client ")
}

// namedLog parses what isNamedLine detects.
var namedLog = ownLog{svc: svcNamed, layout: "DD-Mon-YYYY hh:mm:ss", msg: parseNamed}
