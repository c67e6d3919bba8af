package classify

import "bytes"

// parseVsftpd reads vsftpd's messages (syslog, or its own log after the
// "[pid N]" prefix):
//
//	[U] FAIL LOGIN: Client "::ffff:A"
//	[U] OK LOGIN: Client "A"
//	CONNECT: Client "A"
//	pam_unix(vsftpd:auth): authentication failure; … rhost=A user=U
func parseVsftpd(msg []byte, r *record) lineResult {
	if isPAMMessage(msg) {
		return parsePAM(msg, r)
	}
	if bytes.HasPrefix(msg, []byte("[pid ")) {
		if e := bytes.IndexByte(msg, ']'); e > 0 {
			msg = skipSpaces(msg[e+1:])
		}
	}
	if len(msg) > 0 && msg[0] == '[' {
		if e := bytes.IndexByte(msg, ']'); e > 0 {
			r.user = msg[1:e]
			msg = skipSpaces(msg[e+1:])
		}
	}
	switch {
	case bytes.HasPrefix(msg, []byte("FAIL LOGIN: ")):
		r.auth = authFailure
	case bytes.HasPrefix(msg, []byte("OK LOGIN: ")):
		r.auth = authSuccess
	case bytes.HasPrefix(msg, []byte("CONNECT: ")):
		r.auth = authDisconnect
	default:
		return resIgnored
	}
	i := bytes.Index(msg, []byte("Client \""))
	if i < 0 {
		return resIgnored
	}
	v := msg[i+len("Client \""):]
	if e := bytes.IndexByte(v, '"'); e >= 0 {
		v = v[:e]
	}
	if a, ok := parseAddr(v); ok {
		r.peer, r.src = a, a
		return resOK
	}
	return resIgnored
}

// parseProftpd reads proftpd's messages; the client is "(name[A])":
//
//	host (remote[A]) - USER U: no such user found from remote [A] to B:21
//	host (remote[A]) - USER U (Login failed): Incorrect password
//	host (remote[A]) - Maximum login attempts (3) exceeded, connection refused
//	host (remote[A]) - SECURITY VIOLATION: root login attempted
//	host (remote[A]) - USER U: Login successful.
func parseProftpd(msg []byte, r *record) lineResult {
	if isPAMMessage(msg) {
		return parsePAM(msg, r)
	}
	has := func(s string) bool { return containsString(msg, s) }
	switch {
	case has("no such user found"):
		r.auth = authInvalidUser
	case has("(Login failed)"), has("Login failed"):
		r.auth = authFailure
	case has("Maximum login attempts"):
		r.auth = authTooMany
	case has("SECURITY VIOLATION"):
		r.auth, r.user = authRefused, []byte("root")
	case has("Login successful"):
		r.auth = authSuccess
	case has("FTP session opened"), has("FTP session closed"):
		r.auth = authDisconnect
	default:
		return resIgnored
	}
	for _, k := range []string{" - USER ", "): USER "} { // syslog, SystemLog
		if i := indexString(msg, k); i >= 0 {
			u := msg[i+len(k):]
			if e := bytes.IndexAny(u, ": ("); e >= 0 {
				u = u[:e]
			}
			r.user = u
			break
		}
	}
	i := bytes.Index(msg, []byte(" ("))
	if i < 0 {
		return resIgnored
	}
	return bracketAddr(msg[i:], r)
}

// ProFTPD's own log (SystemLog), its messages after the server's name and
// the program:
//
//	2026-11-27 10:00:00,399 ftp proftpd[4988] ftp (203.0.113.9[203.0.113.9]): USER anna (Login failed): Incorrect password
func isProftpdLine(line []byte) bool {
	if len(line) < 40 || !isISOStart(line) || line[10] != ' ' || line[19] != ',' {
		return false
	}
	_, rest := nextToken(line[20:]) // the milliseconds
	_, rest = nextToken(rest)       // the host
	return hasPrefixString(rest, "proftpd[")
}

func (p *lineParser) parseProftpdLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcProftpd
	c, _, ok := parseISOCivil(line)
	if !ok || len(line) < 21 || line[19] != ',' {
		return resBadTime
	}
	r.time = p.local(c)
	_, rest := nextToken(line[20:])
	_, rest = nextToken(rest)
	_, rest = nextToken(rest) // proftpd[pid]
	r.message = rest
	return parseProftpd(rest, r)
}

// parsePureFTPd reads pure-ftpd's messages; the client is "(U@A)":
//
//	(?@A) [WARNING] Authentication failed for user [U]
//	(U@A) [INFO] U is now logged in
//	(?@A) [INFO] New connection from A
func parsePureFTPd(msg []byte, r *record) lineResult {
	if isPAMMessage(msg) {
		return parsePAM(msg, r)
	}
	has := func(s string) bool { return containsString(msg, s) }
	switch {
	case has("Authentication failed for user ["):
		r.auth = authFailure
		i := bytes.Index(msg, []byte("Authentication failed for user ["))
		u := msg[i+len("Authentication failed for user ["):]
		if e := bytes.LastIndexByte(u, ']'); e >= 0 {
			r.user = u[:e]
		}
	case has(" is now logged in"):
		r.auth = authSuccess
	case has("New connection from "):
		r.auth = authDisconnect
	case has("Too many authentication failures"):
		r.auth = authTooMany
	default:
		return resIgnored
	}
	if len(msg) == 0 || msg[0] != '(' {
		return resIgnored
	}
	e := bytes.IndexByte(msg, ')')
	at := bytes.LastIndexByte(msg[:max(e, 0)], '@')
	if e < 0 || at < 0 {
		return resIgnored
	}
	if r.auth == authSuccess && at > 1 {
		r.user = msg[1:at]
	}
	if a, ok := parseAddr(msg[at+1 : e]); ok {
		r.peer, r.src = a, a
		return resOK
	}
	return resIgnored
}

// isVsftpdLine: vsftpd's own log, "Mon Mar  3 09:52:42 2021 [pid 1234] …".
func isVsftpdLine(line []byte) bool {
	w := ctimeWidth(line)
	return len(line) > w+6 && isAlpha(line[0]) && line[3] == ' ' && isMonth(line[4:7]) && line[7] == ' ' &&
		line[w] == ' ' && string(line[w+1:w+6]) == "[pid "
}

// parseVsftpdLog reads a line of vsftpd's own log (vsftpd_log_file):
//
//	Mon Mar  3 09:52:42 2021 [pid 1234] [U] FAIL LOGIN: Client "A"
func (p *lineParser) parseVsftpdLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcVsftpd
	rest, res := p.ctimeLine(line, r)
	if res != resOK {
		return res
	}
	r.message = skipSpaces(rest)
	return parseVsftpd(r.message, r)
}

// ctimeLine reads the time a line starts with as ctime writes it ("Mon Mar
// 3 09:52:42 2021": vsftpd, OpenWebMail, Monitorix) into r.time, and
// returns the rest of the line.
func (p *lineParser) ctimeLine(line []byte, r *record) ([]byte, lineResult) {
	w := ctimeWidth(line)
	if len(line) <= w {
		return nil, resMalformed
	}
	var padded [24]byte // "Mon Jun 8 …" read as "Mon Jun  8 …"
	b := line[:w]
	if w == 23 {
		copy(padded[:8], line)
		padded[8] = ' '
		copy(padded[9:], line[8:23])
		b = padded[:]
	}
	t, ok := p.apacheErrorTime(b)
	if !ok {
		return nil, resBadTime
	}
	r.time = t
	return line[w:], resOK
}

// ctimeWidth is the width of a ctime time at the start of line: 24, or 23
// when a one-digit day follows the month after one space ("Mon Jun 8
// 12:08:53 2020", as some builds write it) rather than two.
func ctimeWidth(line []byte) int {
	if len(line) > 23 && isDigit(line[8]) && line[9] == ' ' {
		return 23
	}
	return 24
}

// isPAMMessage reports whether a daemon's message is pam_unix's, in the
// current form ("pam_unix(vsftpd:auth): authentication failure; …") or
// the one PAM wrote before 0.99 ("(pam_unix) authentication failure; …").
func isPAMMessage(msg []byte) bool {
	return hasPrefixString(msg, "pam_unix(") || hasPrefixString(msg, "(pam_unix) ")
}
