package classify

import (
	"bytes"
	"net/netip"
	"time"
)

// Logins to applications that are not login daemons: a database, a VoIP
// server, webmail, a code forge, a dashboard, a password manager, home
// automation, file sharing and a VPN. Each parser reads the messages its
// program writes for a failed login, from syslog (programs) and, for the
// daemons that keep a file of their own, from that file (mysql_error,
// asterisk). An address is taken only from where the program writes the
// connection's own address, never from text the client chose (a SIP From
// header, a user name): where such text comes first, the last occurrence
// of the marker is the program's.

// indexString is bytes.Index for a string pattern, without converting it.
func indexString(b []byte, s string) int {
	for i := 0; i+len(s) <= len(b); {
		j := bytes.IndexByte(b[i:len(b)-len(s)+1], s[0])
		if j < 0 {
			return -1
		}
		i += j
		if string(b[i:i+len(s)]) == s {
			return i
		}
		i++
	}
	return -1
}

// afterLast returns what follows the last occurrence of s in b.
func afterLast(b []byte, s string) ([]byte, bool) {
	i := bytes.LastIndex(b, []byte(s))
	if i < 0 {
		return nil, false
	}
	return b[i+len(s):], true
}

// after returns what follows the first occurrence of s in b.
func after(b []byte, s string) ([]byte, bool) {
	i := indexString(b, s)
	if i < 0 {
		return nil, false
	}
	return b[i+len(s):], true
}

// upTo returns b up to the first c (all of b without one).
func upTo(b []byte, c byte) []byte {
	if i := indexByte(b, c); i >= 0 {
		return b[:i]
	}
	return b
}

// setSource records a as the line's address.
func setSource(r *record, a netip.Addr) lineResult {
	r.peer, r.src = a, a
	return resOK
}

// addrAfterLast reads the address after the last key in msg.
func addrAfterLast(msg []byte, key string) (netip.Addr, bool) {
	v, ok := afterLast(msg, key)
	if !ok {
		return netip.Addr{}, false
	}
	return addrToken(v)
}

// failedAt records a failed login from a; without an address (ok false)
// the line is malformed.
func (r *record) failedAt(a netip.Addr, ok bool) lineResult {
	if !ok {
		return resMalformed
	}
	r.auth = authFailure
	return setSource(r, a)
}

// addrToken reads the address at the start of b, ending at a space (quotes
// around it, and a sentence's full stop, a comma or a colon after it
// trimmed), with or without a port.
func addrToken(b []byte) (netip.Addr, bool) {
	tok := bytes.Trim(upTo(b, ' '), "\"")
	tok = bytes.TrimRight(tok, ".,;:)")
	return parseAddrPort(tok)
}

// failureFrom records a failed login whose address follows the last
// addrKey of msg and whose user, when logged, follows userKey.
func failureFrom(msg []byte, r *record, addrKey, userKey string) lineResult {
	a, ok := addrAfterLast(msg, addrKey)
	if !ok {
		return resMalformed
	}
	if u, ok := after(msg, userKey); ok {
		r.user = bytes.Trim(upTo(u, ' '), "\".")
	}
	r.auth = authFailure
	return setSource(r, a)
}

// parseMySQL reads MySQL's and MariaDB's refused login:
//
//	Access denied for user 'root'@'203.0.113.9' (using password: YES)
//
// A host that is a name (localhost, a resolved client) has no address to
// place and is ignored.
func parseMySQL(msg []byte, r *record) lineResult {
	rest, ok := after(msg, "Access denied for user '")
	if !ok {
		return resIgnored
	}
	at := bytes.LastIndex(rest, []byte("'@'"))
	if at < 0 {
		return resMalformed
	}
	r.user, r.auth = rest[:at], authFailure
	host := rest[at+3:]
	end := indexByte(host, '\'')
	if end < 0 {
		return resMalformed
	}
	a, ok := parseAddr(host[:end])
	if !ok {
		return resIgnored
	}
	return setSource(r, a)
}

// parseAsterisk reads Asterisk's failed SIP registrations and
// authentications (chan_sip and PJSIP), and its security events:
//
//	NOTICE[1213] chan_sip.c: Registration from '"100" <sip:100@198.51.100.1>' failed for '203.0.113.9:5060' - Wrong password
//	NOTICE[1213] res_pjsip/pjsip_distributor.c: Request 'REGISTER' from '<sip:100@198.51.100.1>' failed for '203.0.113.9:5060' (callid: x) - No matching endpoint found
//	NOTICE[1213] chan_sip.c: Host 203.0.113.9 failed MD5 authentication for 'x' (...)
//	NOTICE[1213] chan_sip.c: No registration for peer 'x' (from 203.0.113.9)
//	SECURITY[1213] res_security_log.c: SecurityEvent="InvalidPassword",...,AccountID="100",...,RemoteAddress="IPV4/UDP/203.0.113.9/5060",...
//
// An unknown account ("No matching peer found", "No matching endpoint
// found", an InvalidAccountID event) is an invalid user.
func parseAsterisk(msg []byte, r *record) lineResult {
	switch {
	case containsString(msg, "' failed for '"):
		if i := indexString(msg, "sip:"); i >= 0 {
			u := msg[i+len("sip:"):]
			if j := bytes.IndexAny(u, "@>'"); j > 0 {
				r.user = u[:j]
			}
		}
		rest, _ := afterLast(msg, "' failed for '")
		a, ok := parseAddrPort(upTo(rest, '\''))
		if !ok {
			return resMalformed
		}
		r.auth = authFailure
		if containsString(rest, "No matching peer found") || containsString(rest, "No matching endpoint found") {
			r.auth = authInvalidUser
		}
		return setSource(r, a)
	case containsString(msg, " failed MD5 authentication for '"):
		rest, _ := after(msg, "Host ")
		a, ok := addrToken(rest)
		if !ok {
			return resMalformed
		}
		r.auth = authFailure
		return setSource(r, a)
	case containsString(msg, " failed to authenticate as '"), containsString(msg, " tried to authenticate with nonexistent user '"):
		// chan_iax2: Host A failed to authenticate as 'U'
		// manager:   A failed to authenticate as 'U'
		// manager:   A tried to authenticate with nonexistent user 'U'
		i := indexString(msg, " failed to authenticate as '")
		r.auth = authFailure
		if i < 0 {
			i = indexString(msg, " tried to authenticate with nonexistent user '")
			r.auth = authInvalidUser
		}
		a, ok := addrToken(msg[bytes.LastIndexByte(msg[:i], ' ')+1 : i])
		if !ok {
			r.auth = authNone
			return resMalformed
		}
		r.user = upTo(msg[bytes.IndexByte(msg[i:], '\'')+i+1:], '\'')
		return setSource(r, a)
	case containsString(msg, "' rejected because extension not found in context '"):
		// Call from 'U' (A:P) to extension 'N' rejected because extension not found in context 'default'.
		// A SIP scanner dialling out through a context that has no route.
		rest, ok := after(msg, "' (")
		if !ok {
			return resMalformed
		}
		a, ok := parseAddrPort(upTo(rest, ')'))
		if !ok {
			return resMalformed
		}
		r.auth = authFailure
		return setSource(r, a)
	case containsString(msg, "hacking attempt detected '"):
		rest, _ := after(msg, "hacking attempt detected '")
		a, ok := parseAddrPort(upTo(rest, '\''))
		if !ok {
			return resMalformed
		}
		r.auth = authFailure
		return setSource(r, a)
	case containsString(msg, "Rejecting unknown SIP connection from "):
		// FreePBX's dialplan refusing a peer it does not know.
		rest, _ := after(msg, "Rejecting unknown SIP connection from ")
		a, ok := addrToken(bytes.TrimRight(upTo(rest, ' '), "\"."))
		if !ok {
			return resMalformed
		}
		r.auth = authRefused
		return setSource(r, a)
	case containsString(msg, "No registration for peer '"):
		rest, _ := afterLast(msg, "(from ")
		a, ok := addrToken(rest)
		if !ok {
			return resMalformed
		}
		r.auth = authInvalidUser
		return setSource(r, a)
	case containsString(msg, "SecurityEvent=\""):
		ev, _ := after(msg, "SecurityEvent=\"")
		switch string(upTo(ev, '"')) {
		case "InvalidAccountID":
			r.auth = authInvalidUser
		case "InvalidPassword", "ChallengeResponseFailed", "FailedACL", "AuthMethodNotAllowed":
			r.auth = authFailure
		default:
			return resIgnored
		}
		if acct, ok := after(msg, "AccountID=\""); ok {
			r.user = upTo(acct, '"')
		}
		ra, ok := afterLast(msg, "RemoteAddress=\"")
		if !ok {
			return resMalformed
		}
		// IPV4/UDP/203.0.113.9/5060
		parts := bytes.Split(upTo(ra, '"'), []byte("/"))
		if len(parts) < 3 {
			return resMalformed
		}
		a, ok := parseAddr(parts[2])
		if !ok {
			return resMalformed
		}
		return setSource(r, a)
	}
	return resIgnored
}

// parseRoundcube reads Roundcube's failed webmail logins, older and newer:
//
//	IMAP Error: Login failed for admin against localhost from 203.0.113.9. AUTHENTICATE PLAIN: Authentication failed.
//	Failed login for admin from 203.0.113.9 in session 6d3g (error: 0)
func parseRoundcube(msg []byte, r *record) lineResult {
	var rest []byte
	switch {
	case containsString(msg, "Login failed for "):
		rest, _ = after(msg, "Login failed for ")
	case containsString(msg, "Failed login for "):
		rest, _ = after(msg, "Failed login for ")
	case containsString(msg, "FAILED login for "):
		rest, _ = after(msg, "FAILED login for ")
	default:
		return resIgnored
	}
	user, tail, ok := splitFrom(rest)
	if !ok {
		return resMalformed
	}
	r.user, r.auth = upTo(user, ' '), authFailure
	a, ok := addrToken(bytes.TrimLeft(tail, " "))
	if !ok {
		return resIgnored // a host name, or no address logged
	}
	return setSource(r, a)
}

// splitFrom cuts "USER from ADDRESS…" at its last " from " (a user name
// is the client's to choose, the address the program's).
func splitFrom(b []byte) (user, tail []byte, ok bool) {
	i := bytes.LastIndex(b, []byte(" from "))
	if i < 0 {
		return nil, nil, false
	}
	return b[:i], b[i+len(" from "):], true
}

// parseGitea reads Gitea's and Forgejo's failed sign-ins:
//
//	Failed authentication attempt for admin from 203.0.113.9:50018: user does not exist
func parseGitea(msg []byte, r *record) lineResult {
	rest, ok := after(msg, "Failed authentication attempt for ")
	if !ok {
		return resIgnored
	}
	user, tail, ok := splitFrom(rest)
	if !ok {
		return resMalformed
	}
	r.user, r.auth = user, authFailure
	a, ok := addrToken(tail)
	if !ok {
		return resMalformed
	}
	if containsString(tail, "user does not exist") || containsString(tail, "user not found") {
		r.auth = authInvalidUser
	}
	return setSource(r, a)
}

// parseGrafana reads Grafana's failed logins (logfmt):
//
//	logger=context userId=0 orgId=0 uname= t=… level=eror msg="Invalid username or password" error="invalid username or password" remote_addr=203.0.113.9
//	logger=context … msg="Request Completed" method=POST path=/login status=401 remote_addr=203.0.113.9 …
//	logger=authn.service … msg="Failed to authenticate request" client=auth.client.form … remote_addr=203.0.113.9
func parseGrafana(msg []byte, r *record) lineResult {
	switch {
	case containsString(msg, "nvalid username or password"),
		containsString(msg, "msg=\"Failed to authenticate request\""),
		containsString(msg, "path=/login ") && containsString(msg, "status=401"):
	default:
		return resIgnored
	}
	return failureFrom(msg, r, " remote_addr=", " uname=")
}

// parseVaultwarden reads Vaultwarden's failed logins:
//
//	Username or password is incorrect. Try again. IP: 203.0.113.9. Username: admin.
//	Invalid admin token. IP: 203.0.113.9
//	Invalid TOTP code! Server time: … IP: 203.0.113.9
func parseVaultwarden(msg []byte, r *record) lineResult {
	switch {
	case containsString(msg, "Username or password is incorrect"),
		containsString(msg, "Invalid admin token"),
		containsString(msg, "Invalid TOTP code"):
	default:
		return resIgnored
	}
	return failureFrom(msg, r, "IP: ", "Username: ")
}

// parseHomeAssistant reads Home Assistant's refused logins:
//
//	Login attempt or request with invalid authentication from host.example (203.0.113.9). Requested URL: '/auth/token'. (Mozilla/5.0 …)
//	Login attempt or request with invalid authentication from 203.0.113.9
func parseHomeAssistant(msg []byte, r *record) lineResult {
	rest, ok := after(msg, "Login attempt or request with invalid authentication from ")
	if !ok {
		return resIgnored
	}
	host := upTo(rest, ' ')
	if len(rest) > len(host)+1 && rest[len(host)+1] == '(' {
		host = upTo(rest[len(host)+2:], ')')
	}
	return r.failedAt(addrToken(host))
}

// parseSamba reads Samba's authentication audit line:
//
//	Auth: [SMB2,(null)] user [WORKGROUP]\[admin] at [Fri, …] with [NTLMv2] status [NT_STATUS_NO_SUCH_USER] workstation [X] remote host [ipv4:203.0.113.9:50031] mapped to …
func parseSamba(msg []byte, r *record) lineResult {
	st, ok := after(msg, " status [NT_STATUS_")
	if !ok {
		return resIgnored
	}
	switch string(upTo(st, ']')) {
	case "OK":
		r.auth = authSuccess
	case "NO_SUCH_USER":
		r.auth = authInvalidUser
	case "WRONG_PASSWORD", "LOGON_FAILURE", "ACCOUNT_LOCKED_OUT", "ACCOUNT_DISABLED":
		r.auth = authFailure
	default:
		return resIgnored
	}
	if u, ok := after(msg, " user ["); ok {
		if j := indexString(u, "]\\["); j >= 0 {
			r.user = upTo(u[j+3:], ']')
		}
	}
	rh, ok := after(msg, " remote host [")
	if !ok {
		return resMalformed
	}
	v := upTo(rh, ']')
	switch {
	case hasPrefixString(v, "ipv4:"), hasPrefixString(v, "ipv6:"):
		v = v[len("ipv4:"):]
	default:
		return resIgnored // a local socket
	}
	a, ok := parseAddr(v)
	if !ok {
		if j := bytes.LastIndexByte(v, ':'); j > 0 {
			a, ok = parseAddr(v[:j])
		}
	}
	if !ok {
		return resMalformed
	}
	return setSource(r, a)
}

// parseOpenVPN reads the lines OpenVPN writes for a client that failed to
// authenticate, and for handshakes that never became a session:
//
//	203.0.113.9:1194 TLS Auth Error: Auth Username/Password verification failed for peer
//	client1/203.0.113.9:1194 TLS Error: TLS handshake failed
//	TLS Error: cannot locate HMAC in incoming packet from [AF_INET]203.0.113.9:1194
//	203.0.113.9:1194 WARNING: Bad encapsulated packet length from peer (5635), which must be > 0 and <= 1627 …
//
// A bad packet length on a TCP port is a client that does not speak
// OpenVPN (an HTTP request, a scanner's banner grab).
func parseOpenVPN(msg []byte, r *record) lineResult {
	switch {
	case containsString(msg, "verification failed for peer"), containsString(msg, "AUTH_FAILED"):
		r.auth = authFailure
	case containsString(msg, "TLS handshake failed"), containsString(msg, "TLS Error: "),
		containsString(msg, "Bad encapsulated packet length from peer"):
		r.auth = authProbe
	default:
		return resIgnored
	}
	if v, ok := afterLast(msg, "[AF_INET]"); ok {
		if a, ok := addrToken(v); ok {
			return setSource(r, a)
		}
	}
	if v, ok := afterLast(msg, "[AF_INET6]"); ok {
		if a, ok := addrToken(v); ok {
			return setSource(r, a)
		}
	}
	tok := upTo(msg, ' ')
	if j := bytes.LastIndexByte(tok, '/'); j >= 0 {
		tok = tok[j+1:]
	}
	a, ok := parseAddrPort(tok)
	if !ok {
		return resIgnored
	}
	return setSource(r, a)
}

// MySQL's and MariaDB's error log, a file of its own:
//
//	2026-11-27T10:00:16.123456Z 8 [Note] [MY-010926] [Server] Access denied for user 'root'@'203.0.113.9' (using password: YES)
//	2026-11-27 10:00:16 8 [Warning] Access denied for user 'root'@'203.0.113.9' (using password: YES)
//	261127 10:00:16 [Warning] Access denied for user …   (MySQL 5.5, MariaDB before 10.1)
func isMySQLErrorLine(line []byte) bool {
	n := mysqlTimeLen(line)
	if n == 0 || n >= len(line) {
		return false
	}
	rest := line[n:]
	if len(rest) > 0 && rest[0] == ' ' {
		rest = rest[1:]
	}
	for len(rest) > 0 && isDigit(rest[0]) { // the thread
		rest = rest[1:]
	}
	rest = skipSpaces(rest)
	for _, lvl := range [...]string{"[Note] ", "[Warning] ", "[ERROR] ", "[System] ", "[Error] "} {
		if hasPrefixString(rest, lvl) {
			return true
		}
	}
	return false
}

// mysqlTimeLen is the length of the timestamp a MySQL error-log line
// starts with (0: none).
func mysqlTimeLen(b []byte) int {
	if _, n, _ := parseISOZone(b, time.UTC); n > 0 {
		return n
	}
	_, n := mysqlOldTime(b)
	return n
}

// mysqlOldTime reads the "YYMMDD HH:MM:SS" of older servers and the
// "YYYY-MM-DD HH:MM:SS" of MariaDB 10, whose hour may be padded with a
// space ("261127  9:05:01", "2026-11-27  9:05:01"); n is 0 when b does
// not start with one.
func mysqlOldTime(b []byte) (c civil, n int) {
	var d int // the date's width
	switch {
	case len(b) >= 15 && allDigits(b[:6]) && b[6] == ' ':
		d = 6
		c.year, c.month, c.day = 2000+num2(b), num2(b[2:]), num2(b[4:])
	case len(b) >= 19 && isDigit4(b) && b[4] == '-' && b[7] == '-' && b[10] == ' ':
		d = 10
		c.year, c.month, c.day = num4(b), num2(b[5:]), num2(b[8:])
	default:
		return civil{}, 0
	}
	var clock [8]byte
	switch {
	case isDigit(b[d+1]):
		copy(clock[:], b[d+1:d+9])
	case b[d+1] == ' ' && isDigit(b[d+2]):
		clock[0] = '0'
		copy(clock[1:], b[d+2:d+9])
	default:
		return civil{}, 0
	}
	if parseClock(clock[:], &c) < 0 || !c.valid() {
		return civil{}, 0
	}
	return c, d + 9
}

func (p *lineParser) parseMySQLError(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcMySQL
	if t, n := p.iso(line); n > 0 {
		r.time = t
		line = line[n:]
	} else if c, n := mysqlOldTime(line); n > 0 {
		r.time = p.local(c)
		line = line[n:]
	} else {
		return resBadTime
	}
	r.message = trimSpace(line)
	return parseMySQL(r.message, r)
}

// Asterisk's own log (/var/log/asterisk/messages, full, security):
//
//	[Nov 27 10:00:17] NOTICE[1213] chan_sip.c: Registration from …
//	[2026-11-27 10:00:17] NOTICE[1213][C-00000001] res_pjsip/pjsip_distributor.c: Request 'REGISTER' from …
//	[2026-11-27 10:00:17.123] SECURITY[1213] res_security_log.c: SecurityEvent="InvalidPassword",…
func isAsteriskLine(line []byte) bool {
	if len(line) < 20 || line[0] != '[' {
		return false
	}
	end := indexByte(line[:min(len(line), 40)], ']')
	if end < 0 || end+2 >= len(line) || line[end+1] != ' ' {
		return false
	}
	lvl := line[end+2:]
	for _, l := range [...]string{"NOTICE[", "WARNING[", "SECURITY[", "ERROR[", "VERBOSE[", "DEBUG[", "DTMF["} {
		if hasPrefixString(lvl, l) {
			return true
		}
	}
	return false
}

func (p *lineParser) parseAsteriskLog(line []byte, r *record, fc *fileCtx) lineResult {
	r.service = svcAsterisk
	if len(line) == 0 || line[0] != '[' {
		return resMalformed
	}
	end := indexByte(line[:min(len(line), 40)], ']')
	if end < 1 {
		return resMalformed
	}
	stamp := line[1:end]
	switch {
	case len(stamp) >= 14 && isMonth(stamp[:3]) && stamp[3] == ' ':
		var c civil
		c.month = monthIndex(stamp[:3])
		n := parseSyslogDay(stamp, &c)
		if n < 0 {
			return resBadTime
		}
		parseFrac(stamp[n:], &c)
		inferYear(&c, fc.ref)
		if !c.valid() {
			return resBadTime
		}
		r.time = p.local(c)
	default:
		t, n := p.iso(stamp)
		if n == 0 {
			return resBadTime
		}
		r.time = t
	}
	r.message = trimSpace(line[end+1:])
	return parseAsterisk(r.message, r)
}

// parseOther reads, from a program without a parser of its own, what
// any program may write: PAM's failure line, and Apache Guacamole's failed
// logins (logged by whatever runs it: tomcat, catalina, java).
func parseOther(msg []byte, r *record) lineResult {
	switch {
	case containsString(msg, "authentication failure") && containsString(msg, " rhost="):
		return parseOtherPAM(msg, r)
	case containsString(msg, "Authentication attempt from "):
		return parseGuacamole(msg, r)
	case containsString(msg, "LOGIN_ERROR") && containsString(msg, "ipAddress="):
		return parseKeycloak(msg, r)
	case containsString(msg, "' from: ") && (containsString(msg, "authentication error for user '") || containsString(msg, "Successful login for user '")):
		return parsePfSense(msg, r)
	case containsString(msg, "] failed to log in via [") || containsString(msg, "] signed in to ["):
		return parseSynology(msg, r)
	case containsString(msg, "Auth-Failure ip ") || containsString(msg, "Auth-Success ip "):
		return parseArr(msg, r)
	case containsString(msg, "(attacker '"):
		return parseSuhosin(msg, r) // through a web server's error output
	case containsString(msg, "|Login attempt failed "):
		// Drupal's syslog module under the identity its settings give it
		// (often the site's name, "example.com: https://example.com|…").
		r.service = svcDrupal
		return parseDrupal(msg, r)
	case containsString(msg, "Source Network Address:"):
		return parseWinSecurity(msg, r)
	case containsString(msg, "Login failed for user '") && containsString(msg, "[CLIENT: "):
		r.service = svcMSSQL
		return parseMSSQL(msg[indexString(msg, "Login failed for user '"):], r)
	case hasPrefixString(msg, "Failed password for ") && containsString(msg, " from ") && containsString(msg, " port "):
		// sshd's words from another program: MeshCentral's server
		// ("https[26880]: Failed password for undefined from A port P").
		v, _ := afterLast(msg, " from ")
		u := msg[len("Failed password for "):]
		r.service = svcMeshCentral
		return r.loginFrom(v, u[:max(indexString(u, " from "), 0)], authFailure)
	}
	return resIgnored
}

// parseGuacamole reads Apache Guacamole's failed logins, newer and older:
//
//	WARN  o.a.g.r.auth.AuthenticationService - Authentication attempt from [203.0.113.9, 10.0.0.1] for user "admin" failed.
//	WARNING: Authentication attempt from 203.0.113.9 for user "admin" failed.
//
// The first address of a list is the client's.
func parseGuacamole(msg []byte, r *record) lineResult {
	rest, _ := after(msg, "Authentication attempt from ")
	if !containsString(rest, " failed") {
		return resIgnored
	}
	r.service = svcGuacamole
	var a netip.Addr
	var ok bool
	if len(rest) > 0 && rest[0] == '[' {
		a, ok = parseAddrPort(bytes.TrimSpace(bytes.TrimLeft(upTo(upTo(rest, ','), ']'), "[")))
	} else {
		a, ok = addrToken(rest)
	}
	if !ok {
		return resMalformed
	}
	if u, ok := after(rest, "for user \""); ok {
		r.user = upTo(u, '"')
	}
	r.auth = authFailure
	return setSource(r, a)
}

// parseOtherPAM reads PAM's failure line from a program this package has
// no parser for (cockpit-session, login, a web panel authenticating through
// PAM), as fail2ban's pam-generic filter does:
//
//	cockpit-session: pam_unix(cockpit:auth): authentication failure; logname= uid=0 euid=0 tty= ruser= rhost=203.0.113.9  user=admin
//
// The program writes nothing else for the attempt, so the line counts as a
// failure of its own (where sshd's PAM line only echoes sshd's).
func parseOtherPAM(msg []byte, r *record) lineResult {
	r.service = svcPAM
	res := parsePAM(msg, r)
	if res == resOK {
		r.auth, r.echo = authFailure, false
	}
	return res
}

// parseProxmox reads Proxmox VE's failed logins to its web interface and
// API:
//
//	pvedaemon[1234]: authentication failure; rhost=::ffff:203.0.113.9 user=root@pam msg=Authentication failure
func parseProxmox(msg []byte, r *record) lineResult {
	if !containsString(msg, "authentication failure;") {
		return resIgnored
	}
	v, ok := after(msg, "rhost=")
	if !ok {
		return resMalformed
	}
	a, ok := parseAddr(upTo(v, ' '))
	if !ok {
		return resIgnored
	}
	if u, ok := after(msg, " user="); ok {
		r.user = upTo(u, ' ')
	}
	r.auth = authFailure
	return setSource(r, a)
}

// parseWebmin reads Webmin's failed logins:
//
//	webmin[1234]: Invalid login as root from 203.0.113.9
//	webmin[1234]: Non-existent login as admin from 203.0.113.9
func parseWebmin(msg []byte, r *record) lineResult {
	var rest []byte
	switch {
	case hasPrefixString(msg, "Invalid login as "):
		r.auth, rest = authFailure, msg[len("Invalid login as "):]
	case hasPrefixString(msg, "Non-existent login as "):
		r.auth, rest = authInvalidUser, msg[len("Non-existent login as "):]
	default:
		return resIgnored
	}
	user, tail, ok := splitFrom(rest)
	if !ok {
		return resMalformed
	}
	a, ok := addrToken(tail)
	if !ok {
		return resMalformed
	}
	r.user = user
	return setSource(r, a)
}

// Nextcloud's log (data/nextcloud.log, one JSON object a line):
//
//	{"reqId":"x","level":2,"time":"2026-11-27T10:00:00+00:00","remoteAddr":"203.0.113.9","user":"--","app":"core","method":"POST","url":"/login","message":"Login failed: admin (Remote IP: 203.0.113.9)",…}
//
// A failed login, and the brute-force throttle's own note ("Bruteforce
// attempt from \"A\" detected for action \"login\""), are failures of the
// address Nextcloud resolved (remoteAddr: the client behind its trusted
// proxies); a request for a host name the server does not serve
// ("Trusted domain error. \"A\" tried to access using \"H\" as host.") a
// probe; every other message is read and ignored.
var nextcloudFields = []jsonField{
	{"remoteAddr", jsPeer},
	{"time", jsTime},
	{"message", jsMessage},
}

func isNextcloudLine(line []byte) bool {
	return isJSONWith(line, `"reqId"`) && containsString(line, `"remoteAddr"`)
}

func (p *lineParser) parseNextcloud(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcNextcloud
	s := &p.js
	if !s.scan(line, nextcloudFields) {
		return resMalformed
	}
	v := &s.vals
	if len(v[jsTime]) > 0 {
		if t, ok := p.structuredTime(v[jsTime]); ok {
			r.time = t
		}
	}
	msg := v[jsMessage]
	switch {
	case hasPrefixString(msg, "Login failed: "):
		u := msg[len("Login failed: "):]
		if i := indexString(u, " (Remote IP"); i >= 0 {
			u = u[:i]
		}
		r.user = bytes.Trim(u, "'")
	case hasPrefixString(msg, "Bruteforce attempt from "):
	case hasPrefixString(msg, "Trusted domain error. "):
		// A request for a host name the server does not serve: a
		// scanner that found the address, not the site.
		a, ok := parseAddr(v[jsPeer])
		if !ok {
			return resMalformed
		}
		r.auth, r.message = authProbe, msg
		return setSource(r, a)
	default:
		return resIgnored
	}
	a, ok := parseAddr(v[jsPeer])
	if !ok {
		return resMalformed
	}
	r.auth, r.message = authFailure, msg
	return setSource(r, a)
}

// The applications' own log files. Each line is a timestamp and the
// message the syslog parsers above read.

// isSlashTime reports whether b starts with "YYYY/MM/DD HH:MM:SS ".
func isSlashTime(b []byte) bool {
	return len(b) > 20 && isDigit4(b) && b[4] == '/' && b[7] == '/' && b[10] == ' ' && b[13] == ':' && b[16] == ':' && b[19] == ' '
}

// slashTime reads "YYYY/MM/DD HH:MM:SS", a time without an offset.
func (p *lineParser) slashTime(b []byte) (time.Time, bool) {
	var c civil
	c.year, c.month, c.day = num4(b), num2(b[5:]), num2(b[8:])
	if parseClock(b[11:], &c) < 0 || !c.valid() {
		return time.Time{}, false
	}
	return p.local(c), true
}

// Gitea's and Forgejo's log (log/gitea.log):
//
//	2026/11/27 10:00:19 ...rs/web/auth/auth.go:200:SignInPost() [I] Failed authentication attempt for admin from 203.0.113.9:50018: user does not exist
//	2018/04/26 18:15:54 [I] Failed authentication attempt for admin from 203.0.113.9
func isGiteaLine(line []byte) bool {
	if !isSlashTime(line) {
		return false
	}
	rest := line[20:]
	if len(rest) > 4 && rest[0] == '[' && rest[2] == ']' && rest[3] == ' ' {
		return true // "[I] ": one letter, where nginx writes "[error]"
	}
	head := rest[:min(len(rest), 160)]
	return containsString(head, ".go:") && containsString(head, "() [")
}

func (p *lineParser) parseGiteaLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcGitea
	if !isSlashTime(line) {
		return resMalformed
	}
	t, ok := p.slashTime(line)
	if !ok {
		return resBadTime
	}
	r.time, r.message = t, trimSpace(line[20:])
	return parseGitea(r.message, r)
}

// Grafana's log (/var/log/grafana/grafana.log), logfmt:
//
//	logger=context userId=0 orgId=0 uname= t=2026-11-27T10:00:32.123+00:00 level=info msg="Request Completed" method=POST path=/login status=401 remote_addr=203.0.113.9 …
//	t=2026-11-27T10:00:32+0000 lvl=eror msg="Invalid username or password" logger=context … remote_addr=203.0.113.9
func isGrafanaLine(line []byte) bool {
	if !hasPrefixString(line, "logger=") && !hasPrefixString(line, "t=") {
		return false
	}
	head := line[:min(len(line), 200)]
	return (containsString(head, " level=") || containsString(head, " lvl=")) && containsString(head, " msg=")
}

func (p *lineParser) parseGrafanaLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcGrafana
	var ts []byte
	if hasPrefixString(line, "t=") {
		ts = line[2:]
	} else if v, ok := after(line, " t="); ok {
		ts = v
	} else {
		return resBadTime
	}
	t, n := p.iso(ts)
	if n == 0 {
		return resBadTime
	}
	r.time, r.message = t, line
	return parseGrafana(line, r)
}

// Vaultwarden's log (its log_file, or the container's output):
//
//	[2026-11-27 10:00:24.000][vaultwarden::api::identity][ERROR] Username or password is incorrect. Try again. IP: 203.0.113.9. Username: admin.
//	[2026-11-27 10:00:24.500][request][INFO] POST /identity/connect/token
func isVaultwardenLine(line []byte) bool {
	if len(line) < 24 || line[0] != '[' || !isISOStart(line[1:]) {
		return false
	}
	head := line[:min(len(line), 120)]
	i := indexString(head, "][")
	if i < 0 {
		return false
	}
	j := indexString(head[i+2:], "][")
	if j < 0 {
		return false
	}
	lvl := head[i+2+j+2:]
	for _, l := range [...]string{"INFO]", "WARN]", "ERROR]", "DEBUG]", "TRACE]"} {
		if hasPrefixString(lvl, l) {
			return true
		}
	}
	return false
}

func (p *lineParser) parseVaultwardenLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcVaultwarden
	if len(line) < 2 || line[0] != '[' {
		return resMalformed
	}
	t, n := p.iso(line[1:])
	if n == 0 {
		return resBadTime
	}
	r.time, r.message = t, line[1+n:]
	return parseVaultwarden(r.message, r)
}

// Home Assistant's log (home-assistant.log):
//
//	2026-11-27 10:00:25.123 WARNING (MainThread) [homeassistant.components.http.ban] Login attempt or request with invalid authentication from 203.0.113.9 (203.0.113.9). Requested URL: '/auth/token'. (Mozilla/5.0 …)
func isHomeAssistantLine(line []byte) bool {
	return isISOStart(line) && containsString(line[:min(len(line), 120)], ") [homeassistant.")
}

func (p *lineParser) parseHomeAssistantLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcHomeAssistant
	t, n := p.iso(line)
	if n == 0 {
		return resBadTime
	}
	r.time, r.message = t, line[n:]
	return parseHomeAssistant(r.message, r)
}

// parseDrupal reads Drupal's syslog module's failed logins; the message is
// its fields joined by "|" (base URL, time, type, address, URI, referer,
// uid, link, message):
//
//	drupal: https://example.com|1764237600|user|203.0.113.9|https://example.com/user/login|https://example.com/user/login|0||Login attempt failed for admin.
func parseDrupal(msg []byte, r *record) lineResult {
	f := bytes.SplitN(msg, []byte("|"), 9)
	if len(f) < 9 {
		return resIgnored
	}
	text := f[8]
	switch {
	case hasPrefixString(text, "Login attempt failed for "):
		r.user = bytes.TrimSuffix(text[len("Login attempt failed for "):], []byte("."))
	case hasPrefixString(text, "Login attempt failed from "):
	default:
		return resIgnored
	}
	return r.failedAt(parseAddr(f[3]))
}

// parsePhpMyAdmin reads phpMyAdmin's refused logins (AuthLog syslog):
//
//	phpMyAdmin[1234]: user denied: root (mysql-denied) from 203.0.113.9
func parsePhpMyAdmin(msg []byte, r *record) lineResult {
	rest, ok := after(msg, "user denied: ")
	if !ok {
		return resIgnored
	}
	user, tail, ok := splitFrom(rest)
	if !ok {
		return resMalformed
	}
	a, ok := addrToken(tail)
	if !ok {
		return resMalformed
	}
	if i := bytes.LastIndex(user, []byte(" (")); i >= 0 {
		user = user[:i]
	}
	r.user, r.auth = user, authFailure
	return setSource(r, a)
}

// parseXinetd reads xinetd refusing a connection by its access control:
//
//	xinetd[1234]: FAIL: telnet address from=203.0.113.9
func parseXinetd(msg []byte, r *record) lineResult {
	if !hasPrefixString(msg, "FAIL: ") {
		return resIgnored
	}
	a, ok := addrAfterLast(msg, "from=")
	if !ok {
		return resMalformed
	}
	r.auth = authRefused
	return setSource(r, a)
}

// parsePortsentry reads PortSentry's alerts, each a scan it saw:
//
//	portsentry[1234]: attackalert: SYN/Normal scan from host: host.example/203.0.113.9 to TCP port: 23
//	portsentry[1234]: attackalert: Connect from host: 203.0.113.9/203.0.113.9 to TCP port: 111
func parsePortsentry(msg []byte, r *record) lineResult {
	if !hasPrefixString(msg, "attackalert: ") {
		return resIgnored
	}
	v, ok := after(msg, "from host: ")
	if !ok {
		return resMalformed
	}
	host := upTo(v, ' ')
	if i := bytes.LastIndexByte(host, '/'); i >= 0 {
		host = host[i+1:]
	}
	a, ok := parseAddr(host)
	if !ok {
		return resMalformed
	}
	return setSource(r, a)
}

// parseScanlogd reads scanlogd's reports, each a scan it saw:
//
//	scanlogd: 203.0.113.9 to 198.51.100.1 ports 21, 22, 23, 25, 80, …, fSrpauxy, TOS 00, TTL 51 @10:00:00
//	scanlogd: 203.0.113.9:40000 to 198.51.100.1 ports …
func parseScanlogd(msg []byte, r *record) lineResult {
	if !containsString(msg, " ports ") {
		return resIgnored // "More possible port scans follow"
	}
	a, ok := addrToken(msg)
	if !ok {
		return resIgnored
	}
	return setSource(r, a)
}

// parseWuftpd reads wu-ftpd's failed logins:
//
//	wu-ftpd[1234]: failed login from host.example [203.0.113.9]
func parseWuftpd(msg []byte, r *record) lineResult {
	if v, ok := after(msg, "repeated login failures from "); ok {
		// gssftpd, after three failures: "… from 203.0.113.9 (host.example)".
		r.repeat = 3
		return r.failedAt(addrToken(v))
	}
	rest, ok := after(msg, "failed login from ")
	if !ok {
		return resIgnored
	}
	v, ok := afterLast(rest, "[")
	if !ok {
		return resMalformed
	}
	return r.failedAt(parseAddr(upTo(v, ']')))
}

// parseHorde reads the Horde groupware's failed logins:
//
//	HORDE: [horde] FAILED LOGIN for admin [203.0.113.9] to Horde [on line 123 of "/var/www/horde/login.php"]
func parseHorde(msg []byte, r *record) lineResult {
	rest, ok := after(msg, "FAILED LOGIN for ")
	if !ok {
		return resIgnored
	}
	i := indexString(rest, "] to ")
	if i < 0 {
		return resMalformed
	}
	j := bytes.LastIndexByte(rest[:i], '[')
	if j < 0 {
		return resMalformed
	}
	a, ok := parseAddr(rest[j+1 : i])
	if !ok {
		return resMalformed
	}
	r.user, r.auth = bytes.TrimSpace(rest[:j]), authFailure
	return setSource(r, a)
}

// parseMonit reads Monit's refused logins to its web interface, newer and
// older:
//
//	monit[1234]: HttpRequest: access denied -- client 203.0.113.9: wrong password for user 'admin'
//	monit[1234]: HttpRequest: access denied -- client 203.0.113.9: unknown user 'x'
//	monit[1234]: Warning: Client '203.0.113.9' supplied unknown user 'x' accessing monit httpd
func parseMonit(msg []byte, r *record) lineResult {
	var v []byte
	switch {
	case containsString(msg, "access denied -- client "):
		v, _ = after(msg, "access denied -- client ")
	case containsString(msg, "Client '") && containsString(msg, " accessing monit httpd"):
		v, _ = after(msg, "Client '")
		v = upTo(v, '\'')
	default:
		return resIgnored
	}
	a, ok := addrToken(v)
	if !ok {
		return resMalformed
	}
	r.auth = authFailure
	if containsString(msg, "unknown user '") {
		r.auth = authInvalidUser
	}
	if u, ok := afterLast(msg, "user '"); ok {
		r.user = upTo(u, '\'')
	}
	return setSource(r, a)
}

// parseJellyfin reads Jellyfin's refused logins:
//
//	Jellyfin.Server.Implementations.Users.UserManager: Authentication request for "admin" has been denied (IP: "203.0.113.9").
func parseJellyfin(msg []byte, r *record) lineResult {
	rest, ok := after(msg, "Authentication request for \"")
	if !ok || !containsString(rest, " has been denied") {
		return resIgnored
	}
	r.user = upTo(rest, '"')
	ip, ok := afterLast(rest, "(IP: ")
	if !ok {
		return resMalformed
	}
	return r.failedAt(addrToken(bytes.Trim(upTo(ip, ')'), "\"")))
}

// Jellyfin's log (log_*.log):
//
//	[2026-11-27 10:00:00.123 +00:00] [INF] [12] Jellyfin.Server.Implementations.Users.UserManager: Authentication request for "admin" has been denied (IP: "203.0.113.9").
func isJellyfinLine(line []byte) bool {
	if len(line) < 40 || line[0] != '[' || !isISOStart(line[1:]) {
		return false
	}
	end := indexByte(line[:40], ']')
	return end > 0 && len(line) > end+6 && string(line[end:end+3]) == "] [" && line[end+6] == ']'
}

func (p *lineParser) parseJellyfinLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcJellyfin
	if len(line) < 2 || line[0] != '[' {
		return resMalformed
	}
	end := indexByte(line[:min(len(line), 40)], ']')
	if end < 1 {
		return resMalformed
	}
	t, n := p.isoSpacedOffset(line[1:end])
	if n == 0 {
		return resBadTime
	}
	r.time, r.message = t, line[end+1:]
	return parseJellyfin(r.message, r)
}

// isoSpacedOffset reads an ISO time whose offset may follow it after a
// space, as .NET's Serilog writes it ("2026-11-27 10:00:00.123 +00:00");
// without one the time is read in the parser's zone. n is 0 when b does
// not start with such a time.
func (p *lineParser) isoSpacedOffset(b []byte) (t time.Time, n int) {
	t, n, zoneless := parseISOZone(b, time.UTC)
	if n == 0 || !zoneless {
		return t, n
	}
	if off, k := parseOffset(bytes.TrimLeft(b[n:], " ")); k > 0 {
		return t.Add(-time.Duration(off) * time.Second), n
	}
	return p.iso(b)
}

// parseAuthelia reads Authelia's failed first- and second-factor logins
// (logfmt, or the same keys in JSON):
//
//	time="2026-11-27T10:00:00Z" level=error msg="Unsuccessful 1FA authentication attempt by user 'admin'" method=POST path=/api/firstfactor remote_ip=203.0.113.9
func parseAuthelia(msg []byte, r *record) lineResult {
	rest, ok := after(msg, "authentication attempt by user '")
	if !ok || !containsString(msg, "Unsuccessful ") {
		return resIgnored
	}
	r.user = upTo(rest, '\'')
	if a, ok := addrAfterLast(msg, "remote_ip="); ok {
		return r.failedAt(a, true)
	}
	v, _ := afterLast(msg, `"remote_ip":"`)
	return r.failedAt(parseAddrPort(upTo(v, '"')))
}

// parseKeycloak reads Keycloak's login-error events, with or without
// quoted values (Keycloak 22 on quotes them):
//
//	type=LOGIN_ERROR, realmId=x, clientId=account, userId=null, ipAddress=203.0.113.9, error=invalid_user_credentials, auth_method=openid-connect, username=admin
//	type="LOGIN_ERROR", realmId="x", …, ipAddress="203.0.113.9", error="user_not_found", …, username="admin"
func parseKeycloak(msg []byte, r *record) lineResult {
	r.service = svcKeycloak
	value := func(key string) []byte {
		v, _ := afterLast(msg, key)
		v = upTo(upTo(v, ','), ' ')
		return bytes.Trim(v, "\"")
	}
	if string(value("type=")) != "LOGIN_ERROR" {
		return resIgnored
	}
	if u := value("username="); len(u) > 0 {
		r.user = u
	}
	res := r.failedAt(parseAddr(value("ipAddress=")))
	if res == resOK && string(value("error=")) == "user_not_found" {
		r.auth = authInvalidUser
	}
	return res
}

// Keycloak's log (Quarkus; a file or the container's output):
//
//	2026-11-27 10:00:00,123 WARN  [org.keycloak.events] (executor-thread-1) type="LOGIN_ERROR", realmId="x", …, ipAddress="203.0.113.9", error="invalid_user_credentials", …
func isKeycloakLine(line []byte) bool {
	return isISOStart(line) && containsString(line[:min(len(line), 100)], " [org.keycloak.")
}

func (p *lineParser) parseKeycloakLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcKeycloak
	t, n := p.iso(line)
	if n == 0 {
		return resBadTime
	}
	r.time, r.message = t, line[n:]
	if !containsString(r.message, "LOGIN_ERROR") {
		return resIgnored
	}
	return parseKeycloak(r.message, r)
}

// MongoDB's log (4.4 on, one JSON object a line):
//
//	{"t":{"$date":"2026-11-27T10:00:00.000+00:00"},"s":"I","c":"ACCESS","id":20249,"ctx":"conn12","msg":"Authentication failed","attr":{"mechanism":"SCRAM-SHA-256","principalName":"admin","authenticationDatabase":"admin","remote":"203.0.113.9:50000","error":"UserNotFound: Could not find user \"admin\" for db \"admin\""}}
var mongoFields = []jsonField{
	{"t.$date", jsTime},
	{"msg", jsMessage},
	{"attr.remote", jsPeer},
	{"attr.principalName", jsUser},
	{"attr.user", jsUser},
	{"attr.error", jsEvent},
}

func isMongoLine(line []byte) bool {
	if line[0] != '{' {
		return isMongoTextLine(line)
	}
	return isJSONWith(line, `"$date"`) && containsString(line, `"ctx"`) && containsString(line, `"msg"`)
}

func (p *lineParser) parseMongo(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcMongoDB
	if line[0] != '{' {
		return p.parseMongoText(line, r)
	}
	s := &p.js
	if !s.scan(line, mongoFields) {
		return resMalformed
	}
	v := &s.vals
	if string(v[jsMessage]) != "Authentication failed" {
		return resIgnored
	}
	if t, ok := p.structuredTime(v[jsTime]); ok {
		r.time = t
	}
	r.user = v[jsUser]
	res := r.failedAt(parseAddrPort(v[jsPeer]))
	if res == resOK && hasPrefixString(v[jsEvent], "UserNotFound") {
		r.auth = authInvalidUser
	}
	return res
}

// lighttpd's error log, its authentication failures (mod_auth):
//
//	2026-11-27 10:00:00: (mod_auth.c.828) password doesn't match for /private username: admin, IP: 203.0.113.9
//	2026-11-27 10:00:00: (mod_auth.c.525) digest: auth failed for admin: wrong password, IP: 203.0.113.9
//	2026-11-27 10:00:00: (mod_auth.c.1097) get_password failed, IP: 203.0.113.9
//
// They are HTTP basic-auth failures, as Apache's and nginx's are.
func isLighttpdErrorLine(line []byte) bool {
	return len(line) > 23 && isISOStart(line) && line[10] == ' ' && line[19] == ':' && line[20] == ' ' && line[21] == '('
}

func (p *lineParser) parseLighttpdError(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcHTTP
	if len(line) < 21 {
		return resMalformed
	}
	t, n := p.iso(line[:19])
	if n == 0 {
		return resBadTime
	}
	r.time, r.message = t, line[20:]
	msg := r.message
	if !containsString(msg, "_auth.c.") {
		return resIgnored
	}
	switch {
	case containsString(msg, "password doesn't match"), containsString(msg, "auth failed"), containsString(msg, "password not found"):
		r.auth = authFailure
	case containsString(msg, "get_password failed"), containsString(msg, "user not found"):
		r.auth = authInvalidUser
	default:
		return resIgnored
	}
	if u, ok := after(msg, "username: "); ok {
		r.user = bytes.TrimRight(upTo(u, ' '), ",")
	}
	a, ok := addrAfterLast(msg, "IP: ")
	if !ok {
		return resMalformed
	}
	return setSource(r, a)
}

// FreeSWITCH's log (freeswitch.log), its failed SIP registrations:
//
//	2026-11-27 10:00:00.123456 [WARNING] sofia_reg.c:3019 SIP auth failure (REGISTER) on sofia profile 'internal' for [1001@example.com] from ip 203.0.113.9
//	2026-11-27 10:00:00.123456 [WARNING] sofia_reg.c:1660 Can't find user [1001@198.51.100.1] from 203.0.113.9
//	2026-11-27 10:00:00.123456 97.53% [WARNING] sofia_reg.c:1660 Can't find user [1001@198.51.100.1] from 203.0.113.9
//
// Newer releases may write the idle CPU's share after the time.
func isFreeSWITCHLine(line []byte) bool {
	if !isISOStart(line) {
		return false
	}
	_, n, _ := parseISOZone(line, time.UTC)
	if n > 0 && n+1 < len(line) && line[n] == ' ' && isDigit(line[n+1]) {
		if k := freeSWITCHIdle(line[n+1:]); k > 0 {
			n += 1 + k
		}
	}
	if n == 0 || n+3 >= len(line) || line[n] != ' ' || line[n+1] != '[' {
		return false
	}
	lvl := line[n+2:]
	for _, l := range [...]string{"WARNING] ", "NOTICE] ", "INFO] ", "ERR] ", "DEBUG] ", "CRIT] ", "ALERT] ", "CONSOLE] "} {
		if hasPrefixString(lvl, l) {
			return true
		}
	}
	return false
}

// freeSWITCHIdle returns the length of the "97.53%" at the start of b, or
// 0.
func freeSWITCHIdle(b []byte) int {
	i := 0
	for i < len(b) && i < 7 && (isDigit(b[i]) || b[i] == '.') {
		i++
	}
	if i == 0 || i >= len(b) || b[i] != '%' {
		return 0
	}
	return i + 1
}

func (p *lineParser) parseFreeSWITCHLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcFreeSWITCH
	t, n := p.iso(line)
	if n == 0 {
		return resBadTime
	}
	r.time, r.message = t, trimSpace(line[n:])
	return parseFreeSWITCH(r.message, r)
}

func parseFreeSWITCH(msg []byte, r *record) lineResult {
	switch {
	case containsString(msg, "SIP auth failure ("):
		r.auth = authFailure
	case containsString(msg, "Can't find user ["):
		r.auth = authInvalidUser
	default:
		return resIgnored
	}
	if u, ok := afterLast(msg, "user ["); ok {
		r.user = upTo(upTo(u, ']'), '@')
	} else if u, ok := after(msg, " for ["); ok {
		r.user = upTo(upTo(u, ']'), '@')
	}
	a, ok := addrAfterLast(msg, " from ip ")
	if !ok {
		a, ok = addrAfterLast(msg, "] from ")
	}
	if !ok {
		return resMalformed
	}
	return setSource(r, a)
}

// ejabberd's log (ejabberd.log):
//
//	2026-11-27 10:00:00.123 [info] <0.1.0>@ejabberd_c2s:process_auth_result/3:272 (tls|<0.2.0>) Failed c2s PLAIN authentication for admin@example.com from ::ffff:203.0.113.9: Invalid username or password
//	2026-11-27 10:00:00.123 [info] <0.1.0>@ejabberd_c2s:wait_for_feature_request:662 ({socket_state,…}) Failed authentication for admin@example.com from IP 203.0.113.9   (older)
func isEjabberdLine(line []byte) bool {
	return isISOStart(line) && containsString(line[:min(len(line), 60)], "] <0.") // an Erlang process
}

func (p *lineParser) parseEjabberdLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcEjabberd
	t, n := p.iso(line)
	if n == 0 {
		return resBadTime
	}
	r.time, r.message = t, line[n:]
	rest, ok := after(r.message, " authentication for ")
	if !ok || !containsString(r.message, "Failed ") {
		return resIgnored
	}
	user, tail, ok := splitFrom(rest)
	if !ok {
		return resMalformed
	}
	// The address may be IPv4-mapped (::ffff:A) and is followed by ": reason".
	tail = bytes.TrimPrefix(tail, []byte("IP "))
	if i := indexString(tail, ": "); i >= 0 {
		tail = tail[:i]
	}
	a, ok := parseAddr(upTo(tail, ' '))
	if !ok {
		return resMalformed
	}
	r.user, r.auth = user, authFailure
	if containsString(r.message, "account does not exist") || containsString(r.message, "user does not exist") {
		r.auth = authInvalidUser
	}
	return setSource(r, a)
}

// Murmur's log (the Mumble server):
//
//	<W>2026-11-27 10:00:00.123 1 => <5:(-1)> Rejected connection from 203.0.113.9:50000: Invalid server password
//	<W>2026-11-27 10:00:00.123 1 => <6:admin(-1)> Rejected connection from 203.0.113.9:50001: Wrong certificate or password for existing user
func isMurmurLine(line []byte) bool {
	return len(line) > 24 && line[0] == '<' && line[2] == '>' && isISOStart(line[3:])
}

func (p *lineParser) parseMurmurLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcMurmur
	if len(line) < 4 {
		return resMalformed
	}
	t, n := p.iso(line[3:])
	if n == 0 {
		return resBadTime
	}
	r.time, r.message = t, line[3+n:]
	rest, ok := after(r.message, "Rejected connection from ")
	if !ok {
		return resIgnored
	}
	if !containsString(rest, "password") {
		return resIgnored // server full, bad version: no login tried
	}
	tok := upTo(rest, ' ')
	tok = bytes.TrimSuffix(tok, []byte(":"))
	return r.failedAt(parseAddrPort(tok))
}

// parseSOGo reads the SOGo groupware's failed logins:
//
//	sogod [1234]: SOGoRootPage Login from '203.0.113.9' for user 'admin' might not have worked - password policy: 65535  grace: -1  expire: -1  bound: 0
//
// Behind a proxy the address is a list ('203.0.113.9, 10.0.0.1'): the
// first is the client.
func parseSOGo(msg []byte, r *record) lineResult {
	rest, ok := after(msg, "Login from '")
	if !ok || !containsString(rest, " might not have worked") {
		return resIgnored
	}
	if u, ok := after(rest, "for user '"); ok {
		r.user = upTo(u, '\'')
	}
	return r.failedAt(parseAddrPort(bytes.TrimSpace(upTo(upTo(rest, '\''), ','))))
}

// parseRouterOS reads MikroTik RouterOS's logins as it sends them to a
// syslog server, with its topics (or nothing) before the message:
//
//	system,error,critical login failure for user admin from 203.0.113.9 via ssh
//	system,info,account user admin logged in from 198.51.100.4 via winbox
//	l2tp,ppp,info <203.0.113.9>: sent CHAP Failure id=0x5
//	ovpn,info <203.0.113.9>: user 'vpn' authentication failed
func parseRouterOS(msg []byte, r *record) lineResult {
	switch {
	case containsString(msg, "login failure for user "):
		v, _ := after(msg, "login failure for user ")
		user, tail, ok := splitFrom(v)
		if !ok {
			return resMalformed
		}
		r.service = svcRouterOS
		return r.loginFrom(tail, user, authFailure)
	case containsString(msg, " logged in from ") && containsString(msg, " via "):
		v, _ := after(msg, "user ")
		user, tail, ok := splitFrom(upToString(v, " via "))
		if !ok {
			return resMalformed
		}
		r.service = svcRouterOS
		return r.loginFrom(tail, bytes.TrimSuffix(user, []byte(" logged in")), authSuccess)
	case containsString(msg, "sent CHAP Failure"), containsString(msg, "sent MSCHAP") && containsString(msg, "Failure"),
		containsString(msg, "> authentication failed"), containsString(msg, ">: user '") && containsString(msg, "' authentication failed"):
		v, ok := after(msg, "<")
		if !ok {
			return resIgnored
		}
		a, ok := parseAddr(upTo(v, '>'))
		if !ok {
			return resIgnored // a named connection ("<l2tp-anna>")
		}
		r.service, r.auth = svcRouterOS, authFailure
		r.user = quotedAfter(msg, "user '", '\'')
		return setSource(r, a)
	}
	return resIgnored
}

// upToString returns b up to the first s (all of b without one).
func upToString(b []byte, s string) []byte {
	if i := indexString(b, s); i >= 0 {
		return b[:i]
	}
	return b
}

// isRouterOSTopics reports whether tok is a list of RouterOS log topics
// ("system,info,account", "l2tp,ppp,info").
func isRouterOSTopics(tok []byte) bool {
	if indexByte(tok, ',') < 0 {
		return false
	}
	for _, c := range tok {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == ',' || c == '-') {
			return false
		}
	}
	return true
}
