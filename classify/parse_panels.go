package classify

import (
	"bytes"
	"strings"
	"time"
)

// Hosting panels, webmail, monitoring consoles, mail gateways, a proxy and
// a game server: programs that keep a log of their own, each with its own
// timestamp, and write one line per failed login (or per blocked client).

// readCivil reads a date and time laid out as layout says: YYYY, YY, MM,
// DD, Mon (an English month), hh, mm, ss, and bytes that must be there as
// they are. It returns the bytes read, 0 when b does not start so.
func readCivil(b []byte, layout string) (c civil, n int) {
	// Most lines tried are not of the layout: their first byte says so.
	if len(b) == 0 || len(layout) == 0 {
		return civil{}, 0
	}
	switch layout[0] {
	case 'Y', 'D', 'h', 'm', 's':
		if !isDigit(b[0]) {
			return civil{}, 0
		}
	case 'M': // "Mon" a letter, "MM" a digit
		if strings.HasPrefix(layout, "Mon") && !isAlpha(b[0]) || !strings.HasPrefix(layout, "Mon") && !isDigit(b[0]) {
			return civil{}, 0
		}
	default:
		if b[0] != layout[0] {
			return civil{}, 0
		}
	}
	for j := 0; j < len(layout); {
		var v, w int
		switch {
		case strings.HasPrefix(layout[j:], "YYYY"):
			v, w = num4(b[min(n, len(b)):]), 4
			c.year = v
		case strings.HasPrefix(layout[j:], "YY"):
			v, w = num2(b[min(n, len(b)):]), 2
			c.year = 2000 + v
		case strings.HasPrefix(layout[j:], "Mon"):
			if n+3 > len(b) {
				return civil{}, 0
			}
			v, w = monthIndex(b[n:n+3]), 3
			if v == 0 {
				v = -1
			}
			c.month = v
		case strings.HasPrefix(layout[j:], "MM"):
			v, w = num2(b[min(n, len(b)):]), 2
			c.month = v
		case strings.HasPrefix(layout[j:], "DD"):
			v, w = num2(b[min(n, len(b)):]), 2
			c.day = v
		case strings.HasPrefix(layout[j:], "hh"):
			v, w = num2(b[min(n, len(b)):]), 2
			c.hour = v
		case strings.HasPrefix(layout[j:], "mm"):
			v, w = num2(b[min(n, len(b)):]), 2
			c.min = v
		case strings.HasPrefix(layout[j:], "ss"):
			v, w = num2(b[min(n, len(b)):]), 2
			c.sec = v
		default:
			if n >= len(b) || b[n] != layout[j] {
				return civil{}, 0
			}
			n++
			j++
			continue
		}
		if v < 0 {
			return civil{}, 0
		}
		n += w
		j += w
	}
	if !c.valid() {
		return civil{}, 0
	}
	return c, n
}

// ownLog is a program's own log that starts each line with a local time
// (without an offset): its service, its timestamp, what follows the
// timestamp on every line, and how the message after it is read. Its
// detect and parse are its row of the format table.
type ownLog struct {
	svc    service
	layout string // readCivil's
	then   string // what a line has right after the time ("" for anything)
	msg    func(msg []byte, r *record) lineResult
}

func (l *ownLog) detect(line []byte) bool {
	_, n := readCivil(line, l.layout)
	return n > 0 && hasPrefixString(line[n:], l.then)
}

// parse reads a line: the time in the parser's zone, then the message.
func (l *ownLog) parse(p *lineParser, line []byte, r *record, _ *fileCtx) lineResult {
	r.service = l.svc
	c, n := readCivil(line, l.layout)
	if n == 0 {
		return resBadTime
	}
	r.time = p.local(c)
	r.message = trimSpace(line[n:])
	return l.msg(r.message, r)
}

// loginFrom records a login attempt of user, with outcome auth, from the
// address at the start of a (none there: the line is malformed).
func (r *record) loginFrom(a []byte, user []byte, auth authKind) lineResult {
	ip, ok := addrToken(a)
	if !ok {
		return resMalformed
	}
	r.user, r.auth = user, auth
	return setSource(r, ip)
}

// quotedAfter returns the text between quotes q after key in b.
func quotedAfter(b []byte, key string, q byte) []byte {
	v, ok := after(b, key)
	if !ok {
		return nil
	}
	return upTo(v, q)
}

// Bitwarden's identity server (bwdata/logs/identity/Identity/*.txt), and
// the same lines through syslog (Bitwarden-Identity):
//
//	2026-11-27 10:00:01.008 +01:00 [WRN] Failed login attempt. 203.0.113.9
//	2026-11-27 10:00:02.464 +01:00 [WRN] Failed login attempt, 2FA invalid. 203.0.113.9
//	2026-11-27 10:00:02.464 +01:00 [Warning] Failed login attempt, 2FA invalid. 203.0.113.9
//
// Newer servers write two spaces before the address; some write the
// level's whole name.
func isBitwardenLine(line []byte) bool {
	if !isISOStart(line) || len(line) < 36 {
		return false
	}
	_, n, _ := parseISOZone(line, time.UTC)
	if n == 0 || n+14 > len(line) {
		return false
	}
	rest := line[n:]
	return rest[0] == ' ' && (rest[1] == '+' || rest[1] == '-') && rest[4] == ':' && rest[7] == ' ' && rest[8] == '[' &&
		bitwardenLevelEnd(rest) > 0
}

// bitwardenLevelEnd returns the index of the "]" closing the level
// ("[WRN]", "[Warning]") that starts at rest[8], or 0.
func bitwardenLevelEnd(rest []byte) int {
	if rest[12] == ']' {
		return 12
	}
	e := indexByte(rest[9:min(len(rest), 22)], ']')
	if e < 3 {
		return 0
	}
	for _, c := range rest[9 : 9+e] {
		if !isAlpha(c) {
			return 0
		}
	}
	return 9 + e
}

func (p *lineParser) parseBitwardenLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcBitwarden
	c, n, ok := parseISOCivil(line)
	if !ok || n+13 > len(line) {
		return resBadTime
	}
	off := line[n+1 : n+7] // "+01:00"
	h, m := num2(off[1:]), num2(off[4:])
	if h < 0 || m < 0 {
		return resBadTime
	}
	secs := (h*60 + m) * 60
	if off[0] == '-' {
		secs = -secs
	}
	r.time = c.in(time.UTC).Add(-time.Duration(secs) * time.Second)
	e := bitwardenLevelEnd(line[n:])
	if e == 0 {
		return resMalformed
	}
	r.message = trimSpace(line[n+e+1:])
	return parseBitwarden(r.message, r)
}

func parseBitwarden(msg []byte, r *record) lineResult {
	if !containsString(msg, "Failed login attempt") {
		return resIgnored
	}
	a, ok := parseAddr(bytes.TrimSpace(msg[bytes.LastIndexByte(msg, ' ')+1:]))
	if !ok {
		return resIgnored // logged without an address
	}
	r.auth = authFailure
	return setSource(r, a)
}

// parseSuhosin reads the Suhosin PHP hardening patch's alerts, from its
// own syslog program or from a web server's error output:
//
//	ALERT - ASCII-NUL chars not allowed within request variables - dropped variable 'x' (attacker '203.0.113.9', file '/var/www/cart.php')
//
// An alert about a limit the application itself raises (memory_limit) is
// not the client's doing; an attacker that is no address (REMOTE_ADDR not
// set) is ignored.
func parseSuhosin(msg []byte, r *record) lineResult {
	if !containsString(msg, "ALERT") || !containsString(msg, "(attacker '") {
		return resIgnored
	}
	r.service = svcSuhosin
	if containsString(msg, "memory_limit") {
		return resIgnored
	}
	a, ok := parseAddr(quotedAfter(msg, "(attacker '", '\''))
	if !ok {
		return resIgnored
	}
	return setSource(r, a)
}

// DirectAdmin's login log (/var/log/directadmin/login.log); a line counts
// the failures it reports:
//
//	2026:11:27-10:00:01: '203.0.113.9' 13 failed login attempts. Account 'admin'
//	2026:11:27-10:00:02: '203.0.113.9' 1 failed login attempt. Invalid account 'user%2Ename'
//	2026:11:27-10:00:03: '198.51.100.4' successful login to 'admin' after 1 attempts
var directAdminLog = ownLog{svc: svcDirectAdmin, layout: "YYYY:MM:DD-hh:mm:ss: ", then: "'", msg: parseDirectAdmin}

func parseDirectAdmin(msg []byte, r *record) lineResult {
	if len(msg) < 2 || msg[0] != '\'' {
		return resIgnored
	}
	addr := upTo(msg[1:], '\'')
	rest := msg[min(len(msg), len(addr)+3):]
	switch {
	case containsString(rest, " failed login attempt"):
		n, _ := atoi(upTo(rest, ' '))
		r.repeat = min(max(n, 1), 1000)
		auth := authFailure
		if containsString(rest, "Invalid account '") {
			auth = authInvalidUser
		}
		return r.loginFrom(addr, quotedAfter(rest, "ccount '", '\''), auth)
	case hasPrefixString(rest, "successful login to '"):
		return r.loginFrom(addr, quotedAfter(rest, "successful login to '", '\''), authSuccess)
	}
	return resIgnored
}

// parseFroxlor reads the Froxlor hosting panel's failed logins (syslog
// program Froxlor):
//
//	[Login Action 203.0.113.9] Unknown user 'admin' tried to login.
//	[Login Action 203.0.113.9] User 'admin' tried to login with wrong password.
//
// and, from Froxlor 2 on (Monolog), with the address where the acting user
// goes while nobody is logged in:
//
//	froxlor.WARNING: User tried to login with wrong password. {"source":"login","action":"50","user":"203.0.113.9"} []
//	froxlor.WARNING: Unknown user tried to login. {"source":"login","action":"50","user":"203.0.113.9"} []
func parseFroxlor(msg []byte, r *record) lineResult {
	v, ok := after(msg, "[Login Action ")
	if !ok {
		if !containsString(msg, `"source":"login"`) {
			return resIgnored
		}
		addr := quotedAfter(msg, `"user":"`, '"')
		switch {
		case containsString(msg, "Unknown user tried to login"):
			return r.loginFrom(addr, nil, authInvalidUser)
		case containsString(msg, "tried to login with wrong password"):
			return r.loginFrom(addr, nil, authFailure)
		}
		return resIgnored
	}
	addr := upTo(v, ']')
	switch {
	case containsString(msg, "Unknown user '"):
		return r.loginFrom(addr, quotedAfter(msg, "Unknown user '", '\''), authInvalidUser)
	case containsString(msg, "tried to login with wrong password"):
		return r.loginFrom(addr, quotedAfter(msg, "User '", '\''), authFailure)
	}
	return resIgnored
}

// Centreon's login log (/var/log/centreon/login.log):
//
//	2026-11-27 10:00:15|-1|0|0|[WEB] [203.0.113.9] Authentication failed for 'admin' : password mismatch
var centreonLog = ownLog{svc: svcCentreon, layout: "YYYY-MM-DD hh:mm:ss|", msg: parseCentreon}

func parseCentreon(msg []byte, r *record) lineResult {
	v, ok := after(msg, "] [")
	if !ok {
		return resIgnored
	}
	addr := upTo(v, ']')
	switch {
	case containsString(msg, "Authentication failed for '"):
		return r.loginFrom(addr, quotedAfter(msg, "Authentication failed for '", '\''), authFailure)
	case containsString(msg, "Authentication succeeded for '"):
		return r.loginFrom(addr, quotedAfter(msg, "Authentication succeeded for '", '\''), authSuccess)
	}
	return resIgnored
}

// Tine 2.0's log (tine20.log); -1 is a user that does not exist:
//
//	8e035 ffff3 -- none -- - 2026-11-27T10:00:14+00:00 WARN (4): Tinebase_Controller::login::106 Login with username admin from 203.0.113.9 failed (-3)!
func isTine20Line(line []byte) bool {
	// "8e035 ffff3 -- none -- - …": two hex tokens, then "--".
	a, rest := nextToken(line)
	b, rest := nextToken(rest)
	return len(a) > 0 && len(b) > 0 && isHex(a) && isHex(b) && hasPrefixString(rest, "-- ") &&
		containsString(line[:min(len(line), 160)], "Tinebase_")
}

func (p *lineParser) parseTine20Log(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcTine20
	rest := line
	for len(rest) > 0 && !isISOStart(rest) {
		_, rest = nextToken(rest)
	}
	t, n := p.iso(rest)
	if n == 0 {
		return resBadTime
	}
	r.time, r.message = t, trimSpace(rest[n:])
	v, ok := after(r.message, "Login with username ")
	if !ok || !containsString(v, " failed") {
		return resIgnored
	}
	user, tail, ok := splitFrom(v)
	if !ok {
		return resMalformed
	}
	auth := authFailure
	if containsString(tail, "(-1)") {
		auth = authInvalidUser
	}
	return r.loginFrom(tail, user, auth)
}

// SquirrelMail's squirrel_logger file:
//
//	11/27/2026 10:00:41 [LOGIN_ERROR] admin (example.org) from 203.0.113.9: Unknown user or password incorrect.
//	11/27/2026 10:00:42 [LOGIN] anna (example.org) from 198.51.100.4: …
var squirrelLog = ownLog{svc: svcSquirrelMail, layout: "MM/DD/YYYY hh:mm:ss [", then: "LOGIN", msg: parseSquirrelMail}

func parseSquirrelMail(msg []byte, r *record) lineResult {
	var auth authKind
	switch {
	case hasPrefixString(msg, "LOGIN_ERROR] "):
		auth = authFailure
	case hasPrefixString(msg, "LOGIN] "):
		auth = authSuccess
	default:
		return resIgnored
	}
	body := msg[indexByte(msg, ']')+2:]
	user, _ := nextToken(body)
	_, tail, ok := splitFrom(body)
	if !ok {
		return resMalformed
	}
	return r.loginFrom(tail, user, auth)
}

// OpenWebMail's log (/var/log/openwebmail.log):
//
//	Fri Nov 27 10:00:03 2026 - [72926] (203.0.113.9) admin - login error - no such user - loginname=admin
//	Fri Nov 27 10:00:04 2026 - [72927] (203.0.113.9) anna - login error - auth_unix.pl, ret -4, Password incorrect
func isOpenWebMailLine(line []byte) bool {
	return len(line) > 30 && line[3] == ' ' && isMonth(line[4:7]) && hasPrefixString(line[24:], " - [")
}

func (p *lineParser) parseOpenWebMailLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcOpenWebMail
	rest, res := p.ctimeLine(line, r)
	if res != resOK {
		return res
	}
	r.message = trimSpace(rest)
	v, ok := after(r.message, "] (")
	if !ok {
		return resIgnored
	}
	addr := upTo(v, ')')
	user, rest := nextToken(skipSpaces(v[min(len(addr)+1, len(v)):]))
	switch {
	case hasPrefixString(rest, "- login error - no such user"):
		return r.loginFrom(addr, user, authInvalidUser)
	case hasPrefixString(rest, "- login error"):
		return r.loginFrom(addr, user, authFailure)
	case hasPrefixString(rest, "- login -"):
		return r.loginFrom(addr, user, authSuccess)
	}
	return resIgnored
}

// Monitorix's built-in web server (/var/log/monitorix-httpd):
//
//	Fri Nov 27 10:00:08 2026 - AUTHERR - [203.0.113.9] Authentication error: /monitorix/
//	Fri Nov 27 10:00:09 2026 - NOTEXIST - [203.0.113.9] File does not exist: /manager/html
//	Fri Nov 27 10:00:10 2026 - NOTALLOWED - [203.0.113.9] Access not allowed: /monitorix/
//
// A path that does not exist is read as a request for it answered 404, so
// the web rules judge it.
func isMonitorixLine(line []byte) bool {
	if len(line) < 34 || line[3] != ' ' || !isMonth(line[4:7]) || !hasPrefixString(line[24:], " - ") {
		return false
	}
	code := line[27:]
	return hasPrefixString(code, "AUTHERR - ") || hasPrefixString(code, "NOTEXIST - ") ||
		hasPrefixString(code, "NOTALLOWED - ") || hasPrefixString(code, "OK - ")
}

func (p *lineParser) parseMonitorixLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcMonitorix
	rest, res := p.ctimeLine(line, r)
	if res != resOK {
		return res
	}
	r.message = trimSpace(bytes.TrimPrefix(rest, []byte(" - ")))
	code, rest := nextToken(r.message)
	v, ok := after(rest, "[")
	if !ok {
		return resIgnored
	}
	addr := upTo(v, ']')
	switch string(code) {
	case "AUTHERR":
		return r.loginFrom(addr, nil, authFailure)
	case "NOTALLOWED":
		return r.loginFrom(addr, nil, authRefused)
	case "NOTEXIST":
		res := r.loginFrom(addr, nil, authNone)
		if path, ok := after(rest, ": "); ok && res == resOK {
			r.target, r.status = path, 404
		}
		return res
	}
	return resIgnored
}

// ASSP, the anti-spam SMTP proxy (maillog.txt); the client is the first
// address after the line's tags:
//
//	Nov-27-26 10:00:09 Blocking 203.0.113.9 - too much AUTH errors (8);
//	Nov-27-26 10:00:10 [SSL-out] 203.0.113.9 max sender authentication errors (5) exceeded -- dropping connection - after reply: 535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6;
//	Nov-27-26 10:00:11 [Worker_1] [TLS-out] 203.0.113.9 [SMTP Error] 535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6
var asspLog = ownLog{svc: svcASSP, layout: "Mon-DD-YY hh:mm:ss ", msg: parseASSP}

func parseASSP(msg []byte, r *record) lineResult {
	var auth authKind
	switch {
	case containsString(msg, "authentication failed"), containsString(msg, "AUTH errors"),
		containsString(msg, "authentication errors"):
		auth = authFailure
	case containsString(msg, "relay attempt blocked"):
		auth = authRelay
	case containsString(msg, "SSL negotiation with client failed"):
		auth = authProbe // no TLS where TLS was asked for: a scanner
	default:
		return resIgnored
	}
	for rest := msg; len(rest) > 0; {
		var tok []byte
		tok, rest = nextToken(rest)
		if a, ok := parseAddr(tok); ok {
			r.auth = auth
			return setSource(r, a)
		}
	}
	return resMalformed
}

// HCL (IBM) Domino's SMTP server, in its console log; the date is the
// server's (day or month first, or ISO):
//
//	27-11-2026 10:00:20   SMTP Server: Authentication failed for user postmaster ; connecting host 203.0.113.9
//	[28325:00010-3735542592] 27-11-2026 10:00:21   smtp: postmaster [203.0.113.9] authentication failure using internet password
func dominoSkip(line []byte) int {
	if len(line) > 0 && line[0] == '[' {
		if i := indexByte(line, ']'); i > 0 {
			return min(i+2, len(line))
		}
	}
	return 0
}

func isDominoLine(line []byte) bool {
	line = line[dominoSkip(line):]
	_, n := dominoTime(line)
	if n == 0 {
		return false
	}
	rest := skipSpaces(line[n:])
	return hasPrefixString(rest, "SMTP Server: ") || hasPrefixString(rest, "smtp: ")
}

func dominoTime(b []byte) (civil, int) {
	if c, n := readCivil(b, "DD-MM-YYYY hh:mm:ss"); n > 0 {
		return c, n
	}
	if c, n := readCivil(b, "YYYY-MM-DD hh:mm:ss"); n > 0 {
		return c, n
	}
	return readCivil(b, "MM-DD-YYYY hh:mm:ss")
}

func (p *lineParser) parseDominoLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcDomino
	line = line[dominoSkip(line):]
	c, n := dominoTime(line)
	if n == 0 {
		return resBadTime
	}
	r.time = p.local(c)
	r.message = trimSpace(line[n:])
	msg := r.message
	switch {
	case containsString(msg, "Authentication failed for user "):
		user := upTo(quotedAfter(msg, "Authentication failed for user ", ';'), ' ')
		v, ok := after(msg, "connecting host ")
		if !ok {
			return resMalformed
		}
		return r.loginFrom(v, user, authFailure)
	case containsString(msg, "] authentication failure"):
		v, _ := after(msg, "smtp: ")
		user, rest := nextToken(v)
		return r.loginFrom(bytes.Trim(upTo(rest, ']'), "["), user, authFailure)
	case containsString(msg, "rejected for policy reasons"):
		return r.loginFrom(bytes.Trim(upTo(quotedAfter(msg, "Connection from ", ' '), ']'), "["), nil, authProbe)
	}
	return resIgnored
}

// Kerio Connect's security log (store/logs/security.log):
//
//	[27/Nov/2026 10:00:25] Failed SMTP login from 203.0.113.9
//	[27/Nov/2026 10:00:26] SMTP: User admin doesn't exist. Attempt from IP address 203.0.113.9
//	[27/Nov/2026 10:00:27] Relay attempt from IP address 203.0.113.9, mail from <a@example.com> to <b@example.net> rejected
//	[27/Nov/2026 10:00:28] SMTP Spam attack detected from 203.0.113.9, client closed connection before SMTP greeting
//	[27/Nov/2026 10:00:29] IP address 203.0.113.9 found in DNS blacklist SpamCop, mail from <a@example.com> to <b@example.net> rejected
//	[27/Nov/2026 10:00:30] Administration login into Web Administration from 203.0.113.9 failed: IP address not allowed
var kerioLog = ownLog{svc: svcKerio, layout: "[DD/Mon/YYYY hh:mm:ss] ", msg: parseKerio}

func parseKerio(msg []byte, r *record) lineResult {
	switch {
	case containsString(msg, "Failed SMTP login from "), containsString(msg, "login from ") && containsString(msg, "failed"):
		v, _ := afterLast(msg, " from ")
		return r.loginFrom(v, nil, authFailure)
	case containsString(msg, "doesn't exist. Attempt from IP address "):
		v, _ := after(msg, "Attempt from IP address ")
		return r.loginFrom(v, upTo(quotedAfter(msg, "User ", ' '), ' '), authInvalidUser)
	case hasPrefixString(msg, "Relay attempt from IP address "):
		return r.loginFrom(msg[len("Relay attempt from IP address "):], nil, authRelay)
	case containsString(msg, "Spam attack detected from "):
		v, _ := after(msg, "Spam attack detected from ")
		return r.loginFrom(v, nil, authProbe)
	case containsString(msg, "unknown recipient") && containsString(msg, "IP address "):
		v, _ := afterLast(msg, "IP address ")
		return r.loginFrom(v, nil, authProbe)
	case hasPrefixString(msg, "Administration login into ") && containsString(msg, " failed"):
		// Administration login into Web Administration from A failed: IP address not allowed
		v, _ := afterLast(msg, " from ")
		return r.loginFrom(v, nil, authFailure)
	case hasPrefixString(msg, "IP address ") && containsString(msg, " found in DNS blacklist "),
		hasPrefixString(msg, "Client with IP address ") && containsString(msg, "connection rejected"),
		hasPrefixString(msg, "Message from IP address ") && containsString(msg, " rejected"):
		// A block list naming the client, no reverse DNS entry for it, a
		// sender domain that does not exist.
		v, _ := after(msg, "IP address ")
		return r.loginFrom(bytes.TrimRight(upTo(v, ' '), ","), nil, authProbe)
	}
	return resIgnored
}

// Oracle Communications Messaging Server's log (mail.log_current, with
// LOG_FORMAT=4 and connections logged); the client is the fourth field of
// tr:
//
//	<co ts="2026-11-27T10:00:50.29" pi="123f.3f8.4397" sc="tcp_local" dr="+" ac="U" tr="TCP|192.0.2.1|25|203.0.113.9|59762" ap="SMTP" mi="Bad password" us="user@example.com" di="535 5.7.8 Bad username or password (Authentication failed)."/>
func isOracleIMSLine(line []byte) bool { return hasPrefixString(line, `<co ts="`) }

func (p *lineParser) parseOracleIMSLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcOracleIMS
	ts := quotedAfter(line, `ts="`, '"')
	c, n, ok := parseISOCivil(ts)
	if !ok || n == 0 {
		return resBadTime
	}
	r.time = p.local(c)
	r.message = line
	if !containsString(line, `mi="Bad password"`) && !containsString(line, "(Authentication failed)") {
		return resIgnored
	}
	tr := bytes.Split(quotedAfter(line, `tr="`, '"'), []byte("|"))
	if len(tr) < 4 {
		return resMalformed
	}
	return r.loginFrom(tr[3], quotedAfter(line, `us="`, '"'), authFailure)
}

// A Half-Life dedicated server's log (Counter-Strike's logs/L*.log): a
// wrong remote-console password.
//
//	L 11/27/2026 - 10:00:17: Bad Rcon: "rcon 1146003691 "284"  sv_contact "HLBrute 1.10"" from "203.0.113.9:57370"
var srcdsLog = ownLog{svc: svcSRCDS, layout: "L MM/DD/YYYY - hh:mm:ss: ", msg: parseSRCDS}

func parseSRCDS(msg []byte, r *record) lineResult {
	if !hasPrefixString(msg, "Bad Rcon: ") {
		return resIgnored
	}
	v, ok := afterLast(msg, `" from "`)
	if !ok {
		return resMalformed
	}
	return r.loginFrom(upTo(v, '"'), nil, authFailure)
}

// 3proxy's log in its default format: time, service and port, the error
// code (1–9: authentication refused, 5 no such user), user, client:
//
//	261127100015.429 3128 00005 admin 203.0.113.9:62700 198.51.100.50:80 0 0 0 CONNECT 198.51.100.50:80
func is3proxyLine(line []byte) bool {
	return len(line) > 30 && allDigits(line[:12]) && line[12] == '.' && allDigits(line[13:16]) && line[16] == ' '
}

func (p *lineParser) parse3proxyLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svc3proxy
	c, n := readCivil(line, "YYMMDDhhmmss")
	if n == 0 || len(line) < 17 {
		return resBadTime
	}
	r.time = p.local(c)
	r.message = line[17:]
	_, rest := nextToken(r.message) // service.port
	code, rest := nextToken(rest)
	user, rest := nextToken(rest)
	client, _ := nextToken(rest)
	if len(code) != 5 || !allDigits(code) {
		return resMalformed
	}
	if bytes.Equal(user, []byte("-")) {
		user = nil
	}
	switch {
	case string(code) == "00005":
		return r.loginFrom(client, user, authInvalidUser)
	case code[3] == '0' && code[4] >= '1' && code[4] <= '9' && string(code[:3]) == "000":
		return r.loginFrom(client, user, authFailure)
	case string(code) == "00000" && user != nil:
		return r.loginFrom(client, user, authSuccess)
	}
	return resIgnored
}
