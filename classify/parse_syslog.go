package classify

import (
	"bytes"
)

// isSyslogLine: a PRI, a month, an ISO time that does not start a CSV row or
// a fail2ban line, or journalctl's "-- " banner.
func isSyslogLine(line []byte) bool {
	switch {
	case line[0] == '<':
		return true
	case len(line) > 15 && isMonth(line[:3]) && line[3] == ' ':
		return true
	case isISOStart(line):
		return !isFail2banLine(line) && !isCSVRow(line)
	case line[0] == '-':
		return bytes.HasPrefix(line, []byte("-- "))
	}
	return false
}

// parseSyslog reads a syslog line in any of the forms sshd, postfix and
// dovecot lines take on disk:
//
//	Oct  3 09:52:42 host sshd[123]: msg                      RFC 3164 (no year)
//	<38>Oct  3 09:52:42 host sshd[123]: msg                  RFC 3164 with PRI
//	2016-10-03T09:52:42.123+01:00 host sshd[123]: msg        rsyslog ISO
//	2016-10-03T09:52:42+0100 host sshd[123]: msg             journalctl -o short-iso
//	<38>1 2016-10-03T09:52:42Z host sshd 123 - - msg          RFC 5424
//	Oct 03 09:52:42 imap-login: Info: msg                    dovecot's own log
func (p *lineParser) parseSyslog(line []byte, r *record, fc *fileCtx) lineResult {
	ref := fc.ref
	b := line
	if len(b) > 2 && b[0] == '-' && b[1] == '-' {
		return resIgnored // journalctl "-- Logs begin at …" / "-- Boot …"
	}
	rfc5424 := false
	if len(b) > 0 && b[0] == '<' {
		j := bytes.IndexByte(b[:min(len(b), 6)], '>')
		if j < 2 || !allDigits(b[1:j]) {
			return resMalformed
		}
		b = b[j+1:]
		if len(b) > 2 && isDigit(b[0]) && b[1] == ' ' {
			rfc5424, b = true, b[2:]
		}
	}
	var n int
	if len(b) >= 15 && isMonth(b[:3]) && b[3] == ' ' {
		var c civil
		c.month = monthIndex(b[:3])
		d := b[4:6]
		if d[0] == ' ' {
			d = d[1:]
		}
		c.day, _ = atoi(d)
		if b[6] != ' ' || parseClock(b[7:], &c) < 0 {
			return resBadTime
		}
		n = 15
		n += parseFrac(b[n:], &c)
		inferYear(&c, ref)
		if !c.valid() {
			return resBadTime
		}
		r.time = c.in(p.loc)
	} else if t, k := parseISO(b, p.loc); k > 0 {
		r.time, n = t, k
	} else {
		return resBadTime
	}
	b = skipSpaces(b[n:])
	var prog []byte
	if rfc5424 {
		var app, msgid []byte
		_, b = nextToken(b) // hostname
		app, b = nextToken(b)
		_, b = nextToken(b) // procid
		msgid, b = nextToken(b)
		_ = msgid
		b = skipSpaces(b)
		if len(b) > 0 && b[0] == '[' { // structured data
			b = skipStructuredData(b)
		} else if len(b) > 0 && b[0] == '-' {
			b = b[1:]
		}
		prog, r.message = app, trimSpace(b)
		if len(r.message) >= 3 && r.message[0] == 0xEF && r.message[1] == 0xBB && r.message[2] == 0xBF {
			r.message = r.message[3:] // BOM
		}
	} else {
		tok, rest := nextToken(b)
		if len(tok) > 0 && tok[len(tok)-1] == ':' {
			prog, r.message = tok[:len(tok)-1], trimSpace(rest) // no host: dovecot's own log
		} else {
			prog, rest = nextToken(rest)
			if len(prog) == 0 || prog[len(prog)-1] != ':' {
				// "host prog[pid] msg" without colon is not syslog.
				return resMalformed
			}
			prog, r.message = prog[:len(prog)-1], trimSpace(rest)
		}
	}
	if j := bytes.IndexByte(prog, '['); j >= 0 {
		prog = prog[:j]
	}
	return p.parseAuthMessage(prog, r)
}

func skipStructuredData(b []byte) []byte {
	for len(b) > 0 && b[0] == '[' {
		i := 1
		for i < len(b) {
			if b[i] == '\\' {
				i += 2
				continue
			}
			if b[i] == ']' {
				break
			}
			i++
		}
		if i >= len(b) {
			return nil
		}
		b = b[i+1:]
	}
	return skipSpaces(b)
}

// parseAuthMessage dispatches a syslog message on its program name.
func (p *lineParser) parseAuthMessage(prog []byte, r *record) lineResult {
	msg := r.message
	// rsyslog's "message repeated 5 times: [ original ]"
	if bytes.HasPrefix(msg, []byte("message repeated ")) {
		rest := msg[len("message repeated "):]
		sp := bytes.IndexByte(rest, ' ')
		if n, ok := atoi(rest[:max(sp, 0)]); ok && n > 0 {
			if k := bytes.Index(rest, []byte(": [ ")); k >= 0 {
				r.repeat = min(n, 1000)
				msg = bytes.TrimSuffix(trimSpace(rest[k+4:]), []byte("]"))
				msg = trimSpace(msg)
				r.message = msg
			}
		}
	}
	switch {
	case bytes.HasPrefix(prog, []byte("sshd")):
		r.service = svcSSHD
		return parseSSHD(msg, r)
	case bytes.HasPrefix(prog, []byte("postfix")):
		r.service = svcPostfix
		return parsePostfix(msg, r)
	case bytes.HasPrefix(prog, []byte("dovecot")) || bytes.HasSuffix(prog, []byte("-login")) ||
		bytes.HasPrefix(prog, []byte("auth")) || bytes.Equal(prog, []byte("imap")) || bytes.Equal(prog, []byte("pop3")):
		r.service = svcDovecot
		return parseDovecot(msg, r)
	}
	return resIgnored
}

var (
	strPort    = []byte(" port ")
	strFrom    = []byte(" from ")
	strPreauth = []byte(" [preauth]")
)

// parseSSHD reads an sshd (or sshd-session) message. The source address is
// always taken from the position sshd writes it, searching from the right
// when a user name (which the client chooses, spaces included) precedes it,
// so an address inside a user name is never the source.
func parseSSHD(msg []byte, r *record) lineResult {
	msg = bytes.TrimSuffix(msg, strPreauth)
	if bytes.HasPrefix(msg, []byte("error: ")) {
		msg = msg[len("error: "):]
	}
	has := func(s string) bool { return bytes.HasPrefix(msg, []byte(s)) }
	switch {
	case has("Failed "):
		// Failed password for [invalid user ]U from A port N ssh2
		rest := msg[len("Failed "):]
		method, rest := nextToken(rest)
		if !bytes.HasPrefix(rest, []byte("for ")) {
			return resIgnored
		}
		rest = rest[4:]
		r.auth = authFailure
		if bytes.HasPrefix(rest, []byte("invalid user ")) {
			r.auth, rest = authInvalidUser, rest[len("invalid user "):]
		}
		if bytes.Equal(method, []byte("publickey")) {
			r.auth = authPreauth // clients try keys in turn; not a guess
		}
		return userFrom(rest, r)
	case has("Accepted "):
		rest := msg[len("Accepted "):]
		_, rest = nextToken(rest)
		if !bytes.HasPrefix(rest, []byte("for ")) {
			return resIgnored
		}
		r.auth = authSuccess
		return userFrom(rest[4:], r)
	case has("Invalid user "), has("Illegal user "):
		r.auth = authInvalidUser
		return userFrom(msg[len("Invalid user "):], r)
	case has("User ") && bytes.Contains(msg, []byte(" not allowed because ")):
		r.auth = authInvalidUser
		rest := msg[len("User "):]
		rest = rest[:bytes.LastIndex(rest, []byte(" not allowed because "))]
		return userFrom(rest, r)
	case has("Disconnecting invalid user "):
		// Disconnecting invalid user U A port N: Change of username … (U,ssh-connection) …
		rest := msg[len("Disconnecting invalid user "):]
		if k := bytes.Index(rest, []byte(": Change of username")); k >= 0 {
			rest = rest[:k]
		}
		r.auth = authInvalidUser
		return userAddrPort(rest, r)
	case has("Disconnecting authenticating user ") || has("Disconnecting user "):
		rest := msg[bytes.Index(msg, []byte("user "))+5:]
		r.auth = authPreauth
		if bytes.Contains(rest, []byte("Too many authentication failures")) {
			r.auth = authTooMany
		}
		if k := bytes.LastIndex(rest, []byte(": ")); k >= 0 {
			rest = rest[:k]
		}
		return userAddrPort(rest, r)
	case has("maximum authentication attempts exceeded for "):
		rest := msg[len("maximum authentication attempts exceeded for "):]
		rest = bytes.TrimPrefix(rest, []byte("invalid user "))
		r.auth = authTooMany
		return userFrom(rest, r)
	case has("Connection closed by authenticating user "), has("Disconnected from authenticating user "),
		has("Connection closed by invalid user "), has("Disconnected from invalid user "),
		has("Connection reset by authenticating user "), has("Connection reset by invalid user "):
		rest := msg[bytes.Index(msg, []byte("user "))+5:]
		r.auth = authPreauth
		return userAddrPort(rest, r)
	case has("Received disconnect from "), has("Connection closed by "), has("Connection reset by "),
		has("Disconnected from "), has("Connection from "), has("Timeout before authentication for "):
		// "Disconnected from user U A port N" has a user; the others an address.
		rest := msg[bytes.Index(msg, []byte(" by "))+4:]
		if i := bytes.Index(msg, []byte(" from ")); i >= 0 && (bytes.HasPrefix(msg, []byte("Received")) ||
			bytes.HasPrefix(msg, []byte("Disconnected")) || bytes.HasPrefix(msg, []byte("Connection from")) ||
			bytes.HasPrefix(msg, []byte("Timeout"))) {
			rest = msg[i+6:]
		}
		if bytes.HasPrefix(msg, []byte("Timeout")) {
			rest = bytes.TrimPrefix(rest, []byte("for "))
		}
		r.auth = authDisconnect
		if bytes.HasPrefix(rest, []byte("user ")) {
			return userAddrPort(rest[5:], r)
		}
		return firstAddr(rest, r)
	case has("Did not receive identification string from "), has("Unable to negotiate with "),
		has("Bad protocol version identification "), has("banner exchange: Connection from "),
		has("kex_exchange_identification: Connection closed by remote host"),
		has("ssh_dispatch_run_fatal: Connection from "), has("Protocol major versions differ"),
		has("Unable to negotiate"), has("kex_protocol_error"):
		r.auth = authProbe
		rest := msg
		if i := bytes.LastIndex(rest, strFrom); i >= 0 {
			rest = rest[i+len(strFrom):]
		} else if i := bytes.Index(rest, []byte(" with ")); i >= 0 {
			rest = rest[i+6:]
		} else {
			return resIgnored
		}
		if bytes.HasPrefix(rest, []byte("authenticating user ")) || bytes.HasPrefix(rest, []byte("invalid user ")) {
			return userAddrPort(rest[bytes.Index(rest, []byte("user "))+5:], r)
		}
		return firstAddr(rest, r)
	case has("pam_unix(") || has("PAM ") || has("pam_"):
		return parsePAM(msg, r)
	case has("reverse mapping checking ") || has("Address ") && bytes.Contains(msg, []byte("POSSIBLE BREAK-IN")):
		if i := bytes.LastIndexByte(msg, '['); i >= 0 {
			if j := bytes.IndexByte(msg[i:], ']'); j > 0 {
				if a, ok := parseAddr(msg[i+1 : i+j]); ok {
					r.peer, r.src, r.auth = a, a, authDisconnect
					return resOK
				}
			}
		}
		return resIgnored
	}
	return resIgnored
}

// parsePAM reads "pam_unix(sshd:auth): authentication failure; … rhost=A  user=U"
// and "PAM 2 more authentication failures; … rhost=A user=U".
func parsePAM(msg []byte, r *record) lineResult {
	if !bytes.Contains(msg, []byte("authentication failure")) {
		return resIgnored
	}
	i := bytes.Index(msg, []byte(" rhost="))
	if i < 0 {
		return resIgnored
	}
	v, rest := nextToken(msg[i+7:])
	a, ok := parseAddr(v)
	if !ok {
		return resIgnored // a host name, or empty: nothing to attribute
	}
	r.peer, r.src, r.auth = a, a, authPAMFailure
	if bytes.HasPrefix(msg, []byte("pam_unix(dovecot")) {
		r.service = svcDovecot
	}
	if j := bytes.Index(rest, []byte("user=")); j >= 0 {
		r.user, _ = nextToken(rest[j+5:])
	}
	return resOK
}

// userFrom reads "U from A[ port N[ ssh2]]", where U may contain spaces and
// even " from ": the last " from " followed by an address is the real one.
func userFrom(rest []byte, r *record) lineResult {
	end := len(rest)
	for end > 0 {
		i := bytes.LastIndex(rest[:end], strFrom)
		if i < 0 {
			return resIgnored
		}
		tok, _ := nextToken(rest[i+len(strFrom):])
		if a, ok := parseAddrPort(tok); ok {
			r.user = rest[:i]
			r.peer, r.src = a, a
			return resOK
		}
		end = i
	}
	return resIgnored
}

// userAddrPort reads "U A port N" where U may contain spaces.
func userAddrPort(rest []byte, r *record) lineResult {
	end := len(rest)
	for end > 0 {
		i := bytes.LastIndex(rest[:end], strPort)
		if i < 0 {
			break
		}
		sp := bytes.LastIndexByte(rest[:i], ' ')
		if a, ok := parseAddr(rest[sp+1 : i]); ok {
			if sp > 0 {
				r.user = rest[:sp]
			}
			r.peer, r.src = a, a
			return resOK
		}
		end = i
	}
	// No port: "U A"
	sp := bytes.LastIndexByte(rest, ' ')
	if a, ok := parseAddr(rest[sp+1:]); ok {
		if sp > 0 {
			r.user = rest[:sp]
		}
		r.peer, r.src = a, a
		return resOK
	}
	return resIgnored
}

// firstAddr takes the first token of rest as the address ("A port N: …").
func firstAddr(rest []byte, r *record) lineResult {
	tok, _ := nextToken(rest)
	tok = bytes.TrimRight(tok, ":,")
	if a, ok := parseAddrPort(tok); ok {
		r.peer, r.src = a, a
		return resOK
	}
	return resIgnored
}

// parsePostfix reads postfix smtpd messages; the client is "name[A]".
func parsePostfix(msg []byte, r *record) lineResult {
	switch {
	case bytes.Contains(msg, []byte("SASL")) && bytes.Contains(msg, []byte("authentication failed")):
		r.auth = authFailure
	case bytes.HasPrefix(msg, []byte("lost connection after AUTH from ")):
		r.auth = authPreauth
	case bytes.HasPrefix(msg, []byte("connect from ")), bytes.HasPrefix(msg, []byte("disconnect from ")),
		bytes.HasPrefix(msg, []byte("lost connection after ")), bytes.HasPrefix(msg, []byte("timeout after ")),
		bytes.HasPrefix(msg, []byte("NOQUEUE: reject: ")):
		r.auth = authDisconnect
	case bytes.Contains(msg, []byte("non-SMTP command from ")), bytes.Contains(msg, []byte("improper command pipelining")),
		bytes.HasPrefix(msg, []byte("SSL_accept error from ")), bytes.Contains(msg, []byte("TLS library problem")):
		r.auth = authProbe
	default:
		return resIgnored
	}
	i := bytes.IndexByte(msg, '[')
	if r.auth == authFailure {
		// "warning: name[A]: SASL LOGIN authentication failed: …"
		if k := bytes.Index(msg, []byte("warning: ")); k >= 0 && k < i {
			i = k + len("warning: ") + bytes.IndexByte(msg[k+len("warning: "):], '[')
		}
	}
	if i < 0 {
		return resIgnored
	}
	j := bytes.IndexByte(msg[i:], ']')
	if j < 0 {
		return resIgnored
	}
	a, ok := parseAddr(msg[i+1 : i+j])
	if !ok {
		return resIgnored
	}
	r.peer, r.src = a, a
	if k := bytes.Index(msg, []byte("sasl_username=")); k >= 0 {
		r.user, _ = nextToken(msg[k+len("sasl_username="):])
	}
	return resOK
}

// parseDovecot reads dovecot login and auth messages:
//
//	imap-login: Disconnected (auth failed, 3 attempts in 12 secs): user=<u>, method=PLAIN, rip=A, lip=B
//	imap-login: Login: user=<u>, method=PLAIN, rip=A, lip=B, mpid=1
//	auth: passwd-file(u,A): unknown user
//	auth-worker(9): pam(u,A,<sess>): pam_authenticate() failed: Authentication failure
func parseDovecot(msg []byte, r *record) lineResult {
	if bytes.HasPrefix(msg, []byte("pam_unix(")) {
		return parsePAM(msg, r)
	}
	switch {
	case bytes.Contains(msg, []byte("(auth failed")), bytes.Contains(msg, []byte("(tried to use disallowed plaintext auth")),
		bytes.Contains(msg, []byte("(tried to use disabled plaintext auth")):
		r.auth = authFailure
		// "(auth failed, 3 attempts in 12 secs)": one line for several
		// failed attempts, which count one by one in the window.
		if i := bytes.Index(msg, []byte("(auth failed, ")); i >= 0 {
			rest := msg[i+len("(auth failed, "):]
			if sp := bytes.IndexByte(rest, ' '); sp > 0 && bytes.HasPrefix(rest[sp:], []byte(" attempts")) {
				if n, ok := atoi(rest[:sp]); ok && n > 1 {
					r.repeat = min(n*r.repeat, 1000)
				}
			}
		}
	case bytes.Contains(msg, []byte("Login: user=<")):
		r.auth = authSuccess
	case bytes.Contains(msg, []byte("(no auth attempts")):
		r.auth = authProbe
	case bytes.Contains(msg, []byte("unknown user")):
		r.auth = authInvalidUser
	case bytes.Contains(msg, []byte("Password mismatch")), bytes.Contains(msg, []byte("pam_authenticate() failed")),
		bytes.Contains(msg, []byte("Authentication failure")):
		r.auth = authFailure
	default:
		return resIgnored
	}
	if i := bytes.LastIndex(msg, []byte(", rip=")); i >= 0 {
		v, _ := nextToken(msg[i+6:])
		v = bytes.TrimRight(v, ",")
		if a, ok := parseAddr(v); ok {
			r.peer, r.src = a, a
			if u := bytes.Index(msg, []byte("user=<")); u >= 0 && u < i {
				if e := bytes.IndexByte(msg[u+6:], '>'); e >= 0 {
					r.user = msg[u+6 : u+6+e]
				}
			}
			return resOK
		}
	}
	// passwd-file(u,A): / pam(u,A,<sess>): — the first "name(…): " group
	// whose arguments end in an address.
	rest := msg
	for {
		k := bytes.Index(rest, []byte("): "))
		if k < 0 {
			break
		}
		open := bytes.LastIndexByte(rest[:k], '(')
		if open >= 0 {
			args := rest[open+1 : k]
			if c := bytes.LastIndexByte(args, ','); c >= 0 && len(args) > c+1 && args[c+1] == '<' {
				args = args[:c]
			}
			if c := bytes.LastIndexByte(args, ','); c >= 0 {
				if a, ok := parseAddr(args[c+1:]); ok {
					r.peer, r.src, r.user = a, a, args[:c]
					return resOK
				}
			}
		}
		rest = rest[k+3:]
	}
	return resIgnored
}
