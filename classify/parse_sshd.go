package classify

import "bytes"

var (
	strPort    = []byte(" port ")
	strFrom    = []byte(" from ")
	strPreauth = []byte(" [preauth]")
)

// parseSSHD reads an sshd (or sshd-session, or sshd(pam_unix)) message. The
// source address is always taken from the position sshd writes it,
// searching from the right when a user name (which the client chooses,
// spaces included) precedes it, so an address inside a user name is never
// the source.
//
// A session that never sent a user name (no identification string, no
// common key exchange, a disconnect before authentication) is a probe. A
// line that only echoes an attempt another line counts (PAM's failure, the
// close after failed passwords) is marked as an echo.
func parseSSHD(msg []byte, r *record) lineResult {
	// Solaris and illumos put the message id and facility first:
	// "[ID 800047 auth.info] Failed keyboard-interactive for …".
	if hasPrefixString(msg, "[ID ") {
		if e := bytes.Index(msg, []byte("] ")); e > 0 {
			msg = msg[e+2:]
		}
	}
	preauth := bytes.HasSuffix(msg, strPreauth)
	msg = bytes.TrimSuffix(msg, strPreauth)
	for _, p := range [...]string{"error: ", "fatal: ", "Connection closed by remote host. "} {
		if bytes.HasPrefix(msg, []byte(p)) {
			msg = msg[len(p):]
		}
	}
	has := func(s string) bool { return hasPrefixString(msg, s) }
	switch {
	case has("Failed "), has("Accepted "):
		return sshdAttempt(msg, r)
	case has("Invalid user "), has("Illegal user "):
		r.auth = authInvalidUser
		return userFrom(msg[len("Invalid user "):], r)
	case has("User ") && bytes.Contains(msg, []byte(" not allowed because ")):
		r.auth = authRefused
		rest := msg[len("User "):]
		rest = rest[:bytes.LastIndex(rest, []byte(" not allowed because "))]
		return userFrom(rest, r)
	case has("Disconnecting "):
		return sshdDisconnecting(msg[len("Disconnecting "):], r)
	case has("maximum authentication attempts exceeded for "):
		rest := msg[len("maximum authentication attempts exceeded for "):]
		rest = bytes.TrimPrefix(rest, []byte("invalid user "))
		r.auth = authTooMany
		return userFrom(rest, r)
	case has("Connection closed by "), has("Connection reset by "), has("Disconnected from "),
		has("Received disconnect from "), has("Timeout before authentication for "), has("Connection from "):
		return sshdDisconnect(msg, preauth, r)
	case has("Did not receive identification string from "), has("Unable to negotiate with "),
		has("Bad protocol version identification "), has("banner exchange: "), has("ssh_dispatch_run_fatal: "),
		has("Protocol major versions differ for "), has("kex_protocol_error"), has("Unable to negotiate"),
		has("kex_exchange_identification: "), has("Invalid SSH identification string"),
		has("Bad packet length"), has("Corrupted MAC"), has("Read from socket failed: "):
		return sshdProbe(msg, r)
	case has("drop connection #"):
		// drop connection #10 from [A]:port on [B]:22 past MaxStartups: a
		// flood of unauthenticated connections.
		r.auth = authProbe
		rest, ok := after(msg, " from ")
		if !ok {
			return resMalformed
		}
		a, ok := parseAddrPort(upTo(rest, ' '))
		if !ok {
			return resMalformed
		}
		return setSource(r, a)
	case has("refused connect from "):
		return sshdRefusedConnect(msg[len("refused connect from "):], r)
	case has("ROOT LOGIN REFUSED FROM "):
		r.auth, r.user = authRefused, []byte("root")
		return firstAddr(msg[len("ROOT LOGIN REFUSED FROM "):], r)
	case has("PAM: Authentication failure for "), has("PAM: authentication failure for "),
		has("PAM: Authentication error for "), has("PAM: authentication error for "):
		// PAM: Authentication failure for [illegal user ]U from A
		// PAM: authentication error for U from A via B   (macOS)
		rest := msg[len("PAM: Authentication failure for "):]
		if has("PAM: Authentication error for ") || has("PAM: authentication error for ") {
			rest = msg[len("PAM: Authentication error for "):]
		}
		rest = bytes.TrimPrefix(rest, []byte("illegal user "))
		r.auth, r.echo = authPAMFailure, true
		return userFrom(rest, r)
	case has("PAM: User not known to the underlying authentication module for "):
		// PAM: User not known to the underlying authentication module for illegal user U from A
		rest := msg[len("PAM: User not known to the underlying authentication module for "):]
		rest = bytes.TrimPrefix(rest, []byte("illegal user "))
		rest = bytes.TrimPrefix(rest, []byte("invalid user "))
		r.auth = authInvalidUser
		return userFrom(rest, r)
	case has("pam_unix(") || has("PAM ") || has("pam_") || has("authentication failure;"):
		return parsePAM(msg, r)
	case has("reverse mapping checking ") || has("Address ") && bytes.Contains(msg, []byte("POSSIBLE BREAK-IN")):
		return sshdBreakIn(msg, r)
	}
	return resIgnored
}

// sshdAttempt reads a password or key attempt:
//
//	Failed password|publickey|keyboard-interactive/pam|none for [invalid user ]U from A port N ssh2
//	Accepted password|publickey for U from A port N ssh2
func sshdAttempt(msg []byte, r *record) lineResult {
	failed := hasPrefixString(msg, "Failed ")
	_, rest := nextToken(msg) // "Failed" or "Accepted"
	_, rest = nextToken(rest) // the method
	if !bytes.HasPrefix(rest, []byte("for ")) {
		return resIgnored
	}
	rest = rest[4:]
	if !failed {
		r.auth = authSuccess
		return userFrom(rest, r)
	}
	r.auth = authFailure
	if bytes.HasPrefix(rest, []byte("invalid user ")) || bytes.HasPrefix(rest, []byte("illegal user ")) {
		r.auth, rest = authInvalidUser, rest[len("invalid user "):]
	}
	return userFrom(rest, r)
}

// sshdDisconnecting reads what follows "Disconnecting ":
//
//	[invalid |authenticating ]user U A port N: reason
func sshdDisconnecting(rest []byte, r *record) lineResult {
	r.auth, r.echo = authPreauth, true
	if bytes.HasPrefix(rest, []byte("invalid user ")) {
		r.auth = authInvalidUser
	} else if bytes.HasPrefix(rest, []byte("user ")) {
		r.auth, r.echo = authDisconnect, false
	} else if !bytes.HasPrefix(rest, []byte("authenticating user ")) {
		return resIgnored // "Disconnecting: Too many authentication failures for U": no address
	}
	if bytes.Contains(rest, []byte("Too many authentication failures")) {
		r.auth, r.echo = authTooMany, false
	}
	rest = rest[bytes.Index(rest, []byte("user "))+5:]
	if k := bytes.Index(rest, []byte(": Change of username")); k >= 0 {
		rest = rest[:k]
	} else if k := bytes.LastIndex(rest, []byte(": ")); k >= 0 {
		rest = rest[:k]
	}
	return userAddrPort(rest, r)
}

// sshdProbe reads a connection that failed before a user name was sent (no
// identification string, no common key exchange, a bad packet): a probe,
// unless the error names a user.
func sshdProbe(msg []byte, r *record) lineResult {
	r.auth = authProbe
	rest := msg
	if i := bytes.LastIndex(rest, strFrom); i >= 0 {
		rest = rest[i+len(strFrom):]
	} else if i := bytes.Index(rest, []byte(" with ")); i >= 0 {
		rest = rest[i+6:]
	} else if i := bytes.Index(rest, []byte(" for ")); i >= 0 {
		rest = rest[i+5:]
	} else if i := bytes.Index(rest, []byte(" by ")); i >= 0 {
		rest = rest[i+4:]
	} else {
		return resIgnored // "kex_exchange_identification: Connection closed by remote host": no address
	}
	if i := bytes.Index(rest, []byte("user ")); i >= 0 && i < 16 {
		r.auth, r.echo = authPreauth, true // a fatal error after a user name was sent
		return userAddrPort(rest[i+5:], r)
	}
	return firstAddr(rest, r)
}

// sshdRefusedConnect reads tcp wrappers' "refused connect from
// host.example (A)".
func sshdRefusedConnect(rest []byte, r *record) lineResult {
	r.auth = authRefused
	if o := bytes.LastIndexByte(rest, '('); o >= 0 {
		if e := bytes.IndexByte(rest[o:], ')'); e > 0 {
			if a, ok := parseAddr(rest[o+1 : o+e]); ok {
				r.peer, r.src = a, a
				return resOK
			}
		}
	}
	return firstAddr(rest, r)
}

// sshdBreakIn reads the reverse-mapping warnings ("reverse mapping checking
// getaddrinfo for H [A] failed - POSSIBLE BREAK-IN ATTEMPT!", "Address A
// maps to H, but this does not map back to the address - POSSIBLE BREAK-IN
// ATTEMPT!"): a connection, nothing more.
func sshdBreakIn(msg []byte, r *record) lineResult {
	if i := bytes.LastIndexByte(msg, '['); i >= 0 {
		if j := bytes.IndexByte(msg[i:], ']'); j > 0 {
			if a, ok := parseAddr(msg[i+1 : i+j]); ok {
				r.peer, r.src, r.auth = a, a, authDisconnect
				return resOK
			}
		}
	}
	if hasPrefixString(msg, "Address ") {
		return firstAddr(msg[len("Address "):], r)
	}
	return resIgnored
}

// sshdDisconnect reads the lines that close (or open) a connection:
//
//	Connection closed by [authenticating |invalid ]user U A port N [preauth]
//	Disconnected from [authenticating |invalid ]user U A port N [preauth]
//	Connection closed by A port N [preauth]
//	Received disconnect from A port N:11: Bye Bye [preauth]
//	Received disconnect from A: 3: com.jcraft.jsch.JSchException: Auth fail [preauth]
//	Received disconnect from A port N:14: No supported authentication methods available [preauth]
//	Disconnected from A port N [preauth]
//	Timeout before authentication for A port N
//	Connection from A port N on B port 22
func sshdDisconnect(msg []byte, preauth bool, r *record) lineResult {
	var rest []byte
	closed := false
	switch {
	case bytes.HasPrefix(msg, []byte("Connection closed by ")):
		rest, closed = msg[len("Connection closed by "):], true
	case bytes.HasPrefix(msg, []byte("Connection reset by ")):
		rest, closed = msg[len("Connection reset by "):], true
	case bytes.HasPrefix(msg, []byte("Disconnected from ")):
		// Without a user and before authentication: the client left
		// without trying one (a logout names its user).
		rest, closed = msg[len("Disconnected from "):], preauth
	case bytes.HasPrefix(msg, []byte("Received disconnect from ")):
		rest = msg[len("Received disconnect from "):]
		switch {
		case bytes.HasSuffix(msg, []byte(": Auth fail")):
			// The client's own word that its login failed (JSch's
			// "Auth fail"); sshd logged the attempt itself too.
			r.auth, r.echo = authPreauth, true
			return firstAddr(rest, r)
		case containsString(msg, "No supported authentication methods available"),
			containsString(msg, "No authentication methods available"):
			// Nothing the server accepts (a password guesser where only
			// keys are allowed): a probe.
			closed = true
		}
	case bytes.HasPrefix(msg, []byte("Timeout before authentication for ")):
		rest, closed = msg[len("Timeout before authentication for "):], true
	default: // Connection from
		r.auth = authDisconnect
		return firstAddr(msg[len("Connection from "):], r)
	}
	switch {
	case bytes.HasPrefix(rest, []byte("authenticating user ")):
		r.auth, r.echo = authPreauth, true
		return userAddrPort(rest[len("authenticating user "):], r)
	case bytes.HasPrefix(rest, []byte("invalid user ")):
		r.auth, r.echo = authInvalidUser, true
		return userAddrPort(rest[len("invalid user "):], r)
	case bytes.HasPrefix(rest, []byte("user ")):
		r.auth = authDisconnect // after a login
		return userAddrPort(rest[len("user "):], r)
	}
	// No user name: a connection dropped before authentication is a
	// probe. A client's own goodbye ("Received disconnect … 11: Bye Bye")
	// says nothing either way: bots send it after failed passwords too.
	r.auth = authDisconnect
	if closed {
		r.auth = authProbe
	}
	return firstAddr(rest, r)
}

// parsePAM reads "pam_unix(sshd:auth): authentication failure; … rhost=A  user=U",
// "PAM 2 more authentication failures; … rhost=A user=U" and, under the
// program tag sshd(pam_unix), "authentication failure; … rhost=A user=U". They
// repeat what the daemon logs itself, so they are echoes.
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
	r.peer, r.src, r.auth, r.echo = a, a, authPAMFailure, true
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

// firstAddr takes the first token of rest as the address ("A port N: …",
// "A:11: Bye Bye", "<A:P>").
func firstAddr(rest []byte, r *record) lineResult {
	tok, _ := nextToken(rest)
	tok = bytes.TrimLeft(tok, "<([")
	tok = bytes.TrimRight(tok, ":,;.)>]")
	if a, ok := parseAddrPort(tok); ok {
		r.peer, r.src = a, a
		return resOK
	}
	// "A:11:" (old sshd: address, then the disconnect code)
	if c := bytes.IndexByte(tok, ':'); c > 0 && bytes.Count(tok, []byte(":")) == 1 {
		if a, ok := parseIPv4(tok[:c]); ok {
			r.peer, r.src = a, a
			return resOK
		}
	}
	return resIgnored
}

// parseDropbear reads dropbear's messages:
//
//	Bad password attempt for 'U' from A:P
//	Bad PAM password attempt for 'U' from A:P
//	Login attempt for nonexistent user 'U' from A:P
//	Max auth tries reached - user 'U' from A:P
//	Exit before auth from <A:P>: (user 'U', 3 fails): Max auth tries reached - user 'U'
//	Password auth succeeded for 'U' from A:P
//	Pubkey auth succeeded for 'U' with key md5 … from A:P
//	Child connection from A:P
//	Exit before auth (user 'U', 10 fails): Max auth tries reached - user 'U' from A:P
//	login attempt for nonexistent user from ::ffff:A:P
//	[311] Mar 03 09:52:42 Bad password attempt for 'U' from A:P   (its own stderr, through the journal)
func parseDropbear(msg []byte, r *record) lineResult {
	msg = dropbearOwnPrefix(msg)
	has := func(s string) bool { return hasPrefixString(msg, s) }
	switch {
	case has("Bad password attempt for "), has("Bad PAM password attempt for "),
		has("bad password attempt for "), has("bad PAM password attempt for "):
		r.auth = authFailure
	case has("Login attempt for nonexistent user"), has("login attempt for nonexistent user"):
		r.auth = authInvalidUser
	case has("Max auth tries reached"):
		r.auth = authTooMany
	case has("Exit before auth"):
		r.auth = authProbe
		if bytes.Contains(msg, []byte("Max auth tries reached")) {
			r.auth = authTooMany
		} else if i := bytes.Index(msg, []byte(" fails)")); i > 0 && !bytes.Contains(msg, []byte(", 0 fails)")) {
			r.auth, r.echo = authPreauth, true
		}
		if i := bytes.Index(msg, []byte(" from <")); i >= 0 {
			if e := bytes.IndexByte(msg[i:], '>'); e > 0 {
				if a, ok := parseAddrPort(msg[i+7 : i+e]); ok {
					r.peer, r.src = a, a
					dropbearUser(msg, r)
					return resOK
				}
			}
		}
		// Newer releases name the address last: "… - user 'U' from A:P".
		if i := bytes.LastIndex(msg, strFrom); i >= 0 {
			dropbearUser(msg[:i], r)
			return dropbearAddr(msg[i+len(strFrom):], r)
		}
		return resIgnored
	case has("Password auth succeeded for "), has("Pubkey auth succeeded for "), has("PAM password auth succeeded for "):
		r.auth = authSuccess
	case has("Child connection from "):
		r.auth = authDisconnect
	default:
		return resIgnored
	}
	i := bytes.LastIndex(msg, strFrom)
	if i < 0 {
		return resIgnored
	}
	dropbearUser(msg[:i], r)
	return dropbearAddr(msg[i+len(strFrom):], r)
}

// dropbearAddr reads the "A:P" dropbear writes, an IPv4-mapped address
// ("::ffff:A:P") included.
func dropbearAddr(rest []byte, r *record) lineResult {
	if hasPrefixString(rest, "::ffff:") {
		tok, _ := nextToken(rest[len("::ffff:"):])
		if a, ok := parseAddrPort(bytes.TrimRight(tok, ":,;.")); ok && a.Is4() {
			r.peer, r.src = a, a
			return resOK
		}
	}
	return firstAddr(rest, r)
}

// dropbearOwnPrefix drops the "[pid] Mon DD hh:mm:ss " dropbear writes
// before its messages on standard error (run in the foreground, -F -E,
// its output kept by the journal).
func dropbearOwnPrefix(msg []byte) []byte {
	if len(msg) < 20 || msg[0] != '[' {
		return msg
	}
	e := bytes.IndexByte(msg, ']')
	if e < 2 || !allDigits(msg[1:e]) || e+17 > len(msg) || msg[e+1] != ' ' {
		return msg
	}
	t := msg[e+2:]
	if !isMonth(t[:3]) || t[3] != ' ' {
		return msg
	}
	var c civil
	if n := parseSyslogDay(t, &c); n > 0 && n < len(t) && t[n] == ' ' {
		return t[n+1:]
	}
	return msg
}

// dropbearUser takes the user name from "… 'U' …".
func dropbearUser(msg []byte, r *record) {
	if o := bytes.IndexByte(msg, '\''); o >= 0 {
		if e := bytes.IndexByte(msg[o+1:], '\''); e >= 0 {
			r.user = msg[o+1 : o+1+e]
		}
	}
}
