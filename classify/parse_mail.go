package classify

import (
	"bytes"
	"time"
)

// parsePostfix reads postfix's smtpd and postscreen messages; the client is
// "name[A]" (postscreen: "[A]:port").
func parsePostfix(msg []byte, r *record) lineResult {
	has := func(s string) bool { return containsString(msg, s) }
	switch {
	case has("SASL") && has("authentication failed"):
		if has("Connection lost to authentication server") || has("Invalid authentication mechanism") {
			return resIgnored // the server's trouble, not the client's guess
		}
		r.auth = authFailure
	case bytes.HasPrefix(msg, []byte("lost connection after AUTH from ")),
		bytes.HasPrefix(msg, []byte("too many errors after AUTH from ")):
		r.auth, r.echo = authPreauth, true
	case has("client=") && has("sasl_username="):
		r.auth = authSuccess
	case bytes.HasPrefix(msg, []byte("NOQUEUE: reject: ")) && has("Relay access denied"):
		r.auth = authRelay
	case bytes.HasPrefix(msg, []byte("NOQUEUE: reject: ")) && postfixSpamReject(msg):
		r.auth = authProbe
	case has("non-SMTP command from "), has("improper command pipelining"), has("Helo command rejected"),
		bytes.HasPrefix(msg, []byte("PREGREET ")), bytes.HasPrefix(msg, []byte("DNSBL rank ")),
		bytes.HasPrefix(msg, []byte("HANGUP after ")), bytes.HasPrefix(msg, []byte("COMMAND PIPELINING ")),
		bytes.HasPrefix(msg, []byte("BARE NEWLINE ")), bytes.HasPrefix(msg, []byte("NON-SMTP COMMAND ")),
		bytes.HasPrefix(msg, []byte("SSL_accept error from ")), has("TLS library problem"):
		r.auth = authProbe
	case bytes.HasPrefix(msg, []byte("connect from ")), bytes.HasPrefix(msg, []byte("disconnect from ")),
		bytes.HasPrefix(msg, []byte("lost connection after ")), bytes.HasPrefix(msg, []byte("timeout after ")),
		bytes.HasPrefix(msg, []byte("NOQUEUE: reject: ")), bytes.HasPrefix(msg, []byte("CONNECT from ")),
		bytes.HasPrefix(msg, []byte("PASS OLD ")), bytes.HasPrefix(msg, []byte("PASS NEW ")):
		r.auth = authDisconnect
	default:
		return resIgnored
	}
	if k := bytes.Index(msg, []byte("sasl_username=")); k >= 0 {
		u, _ := nextToken(msg[k+len("sasl_username="):])
		r.user = bytes.TrimRight(u, ",")
	}
	return bracketAddr(msg, r)
}

// postfixSpamReject reports whether a postfix rejection names the client
// as a spammer's: a DNS block list listing it, no name for its address, a
// sender address postfix refuses, or a guessed recipient.
//
//	NOQUEUE: reject: RCPT from h[A]: 554 5.7.1 Service unavailable; Client host [A] blocked using zen.example; …
//	NOQUEUE: reject: RCPT from unknown[A]: 450 4.7.1 Client host rejected: cannot find your hostname, [A]; …
//	NOQUEUE: reject: RCPT from h[A]: 450 4.1.8 <s@x.example>: Sender address rejected: Domain not found; …
//	NOQUEUE: reject: RCPT from h[A]: 550 5.1.1 <r@example.org>: Recipient address rejected: User unknown in local recipient table; …
//
// A temporary refusal of the server's own (greylisting, a full queue) says
// nothing of the client.
func postfixSpamReject(msg []byte) bool {
	has := func(s string) bool { return containsString(msg, s) }
	return has(" blocked using ") || has("Client host rejected: cannot find your") ||
		has("Client host rejected: Access denied") || has("Sender address rejected: ") ||
		has("Recipient address rejected: User unknown")
}

// bracketAddr takes the source from the first "[A]" of msg that holds an
// address.
func bracketAddr(msg []byte, r *record) lineResult {
	for len(msg) > 0 {
		i := bytes.IndexByte(msg, '[')
		if i < 0 {
			return resIgnored
		}
		msg = msg[i+1:]
		j := bytes.IndexByte(msg, ']')
		if j < 0 {
			return resIgnored
		}
		v := msg[:j]
		if len(v) > 5 && string(v[:5]) == "IPv6:" { // sendmail
			v = v[5:]
		}
		if a, ok := parseAddr(v); ok {
			r.peer, r.src = a, a
			return resOK
		}
	}
	return resIgnored
}

// parseDovecot reads dovecot login and auth messages:
//
//	imap-login: Disconnected (auth failed, 3 attempts in 12 secs): user=<u>, method=PLAIN, rip=A, lip=B
//	imap-login: Aborted login (auth failed, 1 attempts in 2 secs): user=<u>, method=PLAIN, rip=A, lip=B
//	imap-login: Login: user=<u>, method=PLAIN, rip=A, lip=B, mpid=1
//	auth: passwd-file(u,A): unknown user
//	auth-worker(9): pam(u,A,<sess>): pam_authenticate() failed: Authentication failure
//	auth-worker(9): sql(u,A,<sess>): Password mismatch
//	auth: passdb(u,A): Password mismatch
func parseDovecot(msg []byte, r *record) lineResult {
	if bytes.HasPrefix(msg, []byte("pam_unix(")) {
		return parsePAM(msg, r)
	}
	has := func(s string) bool { return containsString(msg, s) }
	switch {
	case has("(auth failed"), has("(tried to use disallowed plaintext auth"), has("(tried to use disabled plaintext auth"):
		r.auth = authFailure
		// "(auth failed, 3 attempts in 12 secs)": one line for several
		// failed attempts, which count one by one.
		if i := bytes.Index(msg, []byte("(auth failed, ")); i >= 0 {
			rest := msg[i+len("(auth failed, "):]
			if sp := bytes.IndexByte(rest, ' '); sp > 0 && bytes.HasPrefix(rest[sp:], []byte(" attempts")) {
				if n, ok := atoi(rest[:sp]); ok && n > 1 {
					r.repeat = min(n*r.repeat, 1000)
				}
			}
		}
	case has("Login: user=<"):
		r.auth = authSuccess
	case has("(no auth attempts"):
		r.auth = authProbe
	case has("unknown user"):
		r.auth, r.echo = authInvalidUser, true // the login process logs the attempt too
	case has("Password mismatch"), has("password mismatch"), has("pam_authenticate() failed"),
		has("Authentication failure"), has("invalid credentials"):
		r.auth, r.echo = authFailure, true
	default:
		return resIgnored
	}
	// ", rip=A" after other fields, ": rip=A" first after the reason.
	if i := bytes.LastIndex(msg, []byte(" rip=")); i >= 0 {
		v, _ := nextToken(msg[i+5:])
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

// parseIMAPOrPOP reads the program tags imap and pop3, which both dovecot
// and cyrus use.
func parseIMAPOrPOP(msg []byte, r *record) lineResult {
	if bytes.HasPrefix(msg, []byte("badlogin: ")) || bytes.HasPrefix(msg, []byte("login: ")) {
		r.service = svcCyrus
		return parseCyrus(msg, r)
	}
	return parseDovecot(msg, r)
}

// parseCyrus reads cyrus imapd and pop3d messages:
//
//	badlogin: host.example [A] plaintext U SASL(-13): authentication failure: checkpass failed
//	badlogin: [A] PLAIN [SASL(-13): user not found: …]
//	login: host.example [A] U PLAIN User logged in SESSIONID=<…>
func parseCyrus(msg []byte, r *record) lineResult {
	var rest []byte
	switch {
	case bytes.HasPrefix(msg, []byte("badlogin: ")):
		r.auth, rest = authFailure, msg[len("badlogin: "):]
		if bytes.Contains(msg, []byte("user not found")) {
			r.auth = authInvalidUser
		}
	case bytes.HasPrefix(msg, []byte("login: ")) && bytes.Contains(msg, []byte("User logged in")):
		r.auth, rest = authSuccess, msg[len("login: "):]
	default:
		return resIgnored
	}
	if bracketAddr(rest, r) != resOK {
		return resIgnored
	}
	// The user follows the address; for badlogin the mechanism comes first.
	after := rest[bytes.IndexByte(rest, ']')+1:]
	tok, after := nextToken(after)
	if r.auth != authSuccess {
		tok, _ = nextToken(after)
	}
	if len(tok) > 0 && tok[0] != '[' && !bytes.HasPrefix(tok, []byte("SASL(")) && string(tok) != "authentication" {
		r.user = tok
	}
	return resOK
}

// parseEximMessage reads exim's messages (its main log, or syslog):
//
//	login authenticator failed for (helo) [A]: 535 Incorrect authentication data (set_id=U)
//	dovecot_plain authenticator failed for H=(helo) [A]:P: 535 … (set_id=U)
//	SMTP protocol synchronization error (input sent without waiting for greeting): rejected connection from H=[A] input="…"
//	rejected EHLO from [A]: syntactically invalid argument(s): …
//	H=(helo) [A] rejected EHLO or HELO helo: …
//	H=(helo) [A] F=<a@b> rejected RCPT <c@d>: relay not permitted
//	1abc-000-XX <= a@b H=(helo) [A] P=esmtpsa A=dovecot_plain:U S=123
func parseEximMessage(msg []byte, r *record) lineResult {
	has := func(s string) bool { return containsString(msg, s) }
	switch {
	case has(" authenticator failed for "):
		r.auth = authFailure
		if i := bytes.Index(msg, []byte("(set_id=")); i >= 0 {
			if e := bytes.IndexByte(msg[i:], ')'); e > 0 {
				r.user = msg[i+len("(set_id=") : i+e]
			}
		}
		return eximAddr(msg[bytes.Index(msg, []byte(" authenticator failed for ")):], r)
	case has("relay not permitted"):
		r.auth = authRelay
	case has("SMTP protocol synchronization error"), has("rejected EHLO"), has("rejected HELO"),
		has("SMTP protocol error in"), has("too many syntax or protocol errors"), has("too many nonmail commands"),
		has("SMTP command timeout on connection from"), has("TLS error on connection from"),
		has("unexpected disconnection while reading SMTP command"),
		has("no MAIL in SMTP connection from "), has(" closed by DROP in ACL"),
		has(" sender verify fail for <"), has(": Sender verify failed"),
		has(" rejected RCPT ") && (has(": Unknown user") || has(": unknown user")):
		// A connection that never sent mail, one an ACL dropped, a sender
		// that does not exist, a guessed recipient: spammers' and
		// harvesters' ways, not a client's who mistyped a password.
		r.auth = authProbe
	case eximSpam(msg):
		r.auth = authProbe
	case (bytes.HasPrefix(msg, []byte("<= ")) || has(" <= ")) && has(" A="):
		r.auth = authSuccess
		if i := bytes.Index(msg, []byte(" A=")); i >= 0 {
			v, _ := nextToken(msg[i+3:])
			if c := bytes.IndexByte(v, ':'); c >= 0 {
				r.user = v[c+1:]
			}
		}
	default:
		return resIgnored
	}
	return eximAddr(msg, r)
}

// eximAddr takes the client's address from an exim message: the first
// "[A]" outside parentheses. The HELO name exim writes in parentheses
// ("H=host (helo) [A]", "authenticator failed for ([192.0.2.9]) [A]") is
// whatever the client chose to send, an address included, so it never
// names the source; when every address is in parentheses (sa-exim's
// "(host=h [A])") the first one is taken.
func eximAddr(msg []byte, r *record) lineResult {
	depth := 0
	for i := 0; i < len(msg); i++ {
		switch msg[i] {
		case '(':
			depth++
		case ')':
			if depth > 0 {
				depth--
			}
		case '[':
			if depth > 0 {
				continue
			}
			j := bytes.IndexByte(msg[i+1:], ']')
			if j < 0 {
				return bracketAddr(msg, r)
			}
			v := msg[i+1 : i+1+j]
			if hasPrefixString(v, "IPv6:") {
				v = v[len("IPv6:"):]
			}
			if a, ok := parseAddr(v); ok {
				r.peer, r.src = a, a
				return resOK
			}
			i += j
		}
	}
	return bracketAddr(msg, r)
}

// eximSpam reports whether exim's message rejects (or flags) spam or a
// virus from the sending host: a content scan's verdict (SpamAssassin
// through sa-exim's local_scan, an ACL after DATA) or a DNS block list
// naming the host.
//
//	H=host [A] P=smtp rejected by local_scan(): Rejected: hits=7.5 required=5.0
//	H=(helo) [A]:52391 I=[B]:25 F=<s> rejected RCPT <r>: rejected found in dnsbl zen.spamhaus.org
//	H=host [A]:32706 I=[B]:25 F=<s> rejected after DATA: This message contains a virus (…)
//	SA: Action: flagged as Spam but accepted: score=8.2 required=5.0 (…). From <s> (host=h [A]) for r
//
// A temporary rejection (the scanner failing) says nothing of the host.
func eximSpam(msg []byte) bool {
	has := func(s string) bool { return containsString(msg, s) }
	switch {
	case has("temporarily rejected"):
		return false
	case has("rejected by local_scan()"), has("rejected after DATA"),
		has("SA: Action: flagged as Spam"), has("SA: Action: silently tossed"),
		has("SA: Action: permanently rejected"), has("SA: Action: teergrubed"):
		return true
	case has(" rejected RCPT "), has(" rejected MAIL "), has(" rejected connection "):
		return has("dnsbl") || has("black list") || has("blacklist") || has("blocklist") || has("RBL") || has("is listed")
	}
	return false
}

// parseCourier reads courier's imapd, pop3d and esmtpd messages:
//
//	LOGIN FAILED, user=U, ip=[::ffff:A]
//	LOGIN, user=U, ip=[::ffff:A], port=[N], protocol=IMAP
//	error,relay=::ffff:A,ident=,msg="535 Authentication failed.",cmd: AUTH PLAIN
//	error,relay=::ffff:A,msg="513 Relaying denied.",cmd: RCPT TO:<a@b>
//	Connection, ip=[::ffff:A]
func parseCourier(msg []byte, r *record) lineResult {
	has := func(s string) bool { return containsString(msg, s) }
	switch {
	case bytes.HasPrefix(msg, []byte("LOGIN FAILED, ")):
		r.auth = authFailure
	case bytes.HasPrefix(msg, []byte("LOGIN, ")):
		r.auth = authSuccess
	case bytes.HasPrefix(msg, []byte("error,relay=")):
		switch {
		case has("Authentication failed"), has("535 "):
			r.auth = authFailure
		case has("Relaying denied"):
			r.auth = authRelay
		case has(": 550 User unknown"), has(": 550 User <"):
			r.auth = authProbe // a guessed recipient
		default:
			r.auth = authDisconnect
		}
		v := msg[len("error,relay="):]
		if c := bytes.IndexByte(v, ','); c >= 0 {
			v = v[:c]
		}
		if a, ok := parseAddr(v); ok {
			r.peer, r.src = a, a
			return resOK
		}
		return resIgnored
	case bytes.HasPrefix(msg, []byte("Connection, ")), bytes.HasPrefix(msg, []byte("DISCONNECTED, ")),
		bytes.HasPrefix(msg, []byte("Disconnected, ")), bytes.HasPrefix(msg, []byte("LOGOUT, ")):
		r.auth = authDisconnect
	case bytes.HasPrefix(msg, []byte("TIMEOUT, ")):
		r.auth = authProbe
	default:
		return resIgnored
	}
	if i := bytes.Index(msg, []byte("user=")); i >= 0 {
		u := msg[i+5:]
		if c := bytes.IndexByte(u, ','); c >= 0 {
			u = u[:c]
		}
		r.user = u
	}
	i := bytes.Index(msg, []byte("ip=["))
	if i < 0 {
		return resIgnored
	}
	return bracketAddr(msg[i:], r)
}

// parseSendmail reads sendmail's messages:
//
//	x: AUTH failure (LOGIN): authentication failure (-13) SASL(-13): authentication failure: checkpass failed, user=U, relay=host [A]
//	x: ruleset=check_rcpt, arg1=<a@b>, relay=host [A], reject=550 5.7.1 <a@b>... Relaying denied
//	x: AUTH=server, relay=host [A], authid=U, mech=PLAIN, bits=0
//	x: host [A] did not issue MAIL/EXPN/VRFY/ETRN during connection to MTA
//	x: [A]: possible SMTP attack: command=AUTH, count=5
//	x: ruleset=check_rcpt, arg1=<a@b>, relay=[A], reject=553 5.1.8 <a@b>... Domain of sender address c@d does not exist
//	x: rejecting commands from host [A] due to pre-greeting traffic after 0 seconds
//	x: host [A]: VRFY root [rejected]
func parseSendmail(msg []byte, r *record) lineResult {
	has := func(s string) bool { return containsString(msg, s) }
	switch {
	case has("AUTH failure"):
		r.auth = authFailure
	case has("Relaying denied"):
		r.auth = authRelay
	case has("AUTH=server, "):
		r.auth = authSuccess
	case has("possible SMTP attack"):
		r.auth = authTooMany
	case has("did not issue MAIL/EXPN/VRFY/ETRN"), has("Connection rate limit exceeded"),
		has("Broken pipe"), has("lost input channel"), has("timeout waiting for input"),
		has("due to pre-greeting traffic"),
		has(" [rejected]") && (has(": EXPN ") || has(": VRFY ") || has(": expn ") || has(": vrfy ")),
		has("ruleset=check_") && has(", reject=") && !has("reylist"):
		// A client that talks before the greeting, asks which users
		// exist, or that a check ruleset rejects (a block list, a
		// sender domain that does not exist, an unknown recipient, too
		// many connections); greylisting is the server's own delay.
		r.auth = authProbe
	default:
		return resIgnored
	}
	for _, key := range [...]string{", user=", "authid="} {
		if i := bytes.Index(msg, []byte(key)); i >= 0 {
			u := msg[i+len(key):]
			if c := bytes.IndexByte(u, ','); c >= 0 {
				u = u[:c]
			}
			r.user = u
			break
		}
	}
	if i := bytes.Index(msg, []byte("relay=")); i >= 0 {
		return bracketAddr(msg[i:], r)
	}
	return bracketAddr(msg, r)
}

// parseIMAPD reads an imapd program's lines: Cyrus's (badlogin:, login:),
// UW IMAP's (imapd, ipop3d), or else Courier's.
func parseIMAPD(msg []byte, r *record) lineResult {
	if hasPrefixString(msg, "badlogin: ") || hasPrefixString(msg, "login: ") {
		r.service = svcCyrus // Cyrus run as imapd
		return parseCyrus(msg, r)
	}
	if (hasPrefixString(msg, "Login ") || hasPrefixString(msg, "Failed ")) && containsString(msg, "host=") {
		return parseUWIMAP(msg, r)
	}
	return parseCourier(msg, r)
}

// parseUWIMAP reads the University of Washington IMAP and POP3 servers'
// logins; the address is in the host's last brackets:
//
//	Login failed user=admin auth=admin host=scanner.example [203.0.113.9]
//	Login excessive login failures user=admin auth=admin host=[203.0.113.9]
//	Login disabled user=admin auth=admin host=scanner.example [203.0.113.9]   (a plaintext login refused)
//	Login user=anna host=client.example [198.51.100.4] nmsgs=0/0
func parseUWIMAP(msg []byte, r *record) lineResult {
	r.service = svcUWIMAP
	switch {
	case hasPrefixString(msg, "Login failed "), hasPrefixString(msg, "Login SYSTEM BREAK-IN ATTEMPT "),
		hasPrefixString(msg, "Failed "), hasPrefixString(msg, "Login disabled "):
		r.auth = authFailure
	case hasPrefixString(msg, "Login excessive login failures "):
		r.auth = authTooMany
	case hasPrefixString(msg, "Login user="):
		r.auth = authSuccess
	default:
		return resIgnored
	}
	r.user = upTo(quotedAfter(msg, "user=", ' '), ' ')
	h, ok := after(msg, "host=")
	if !ok {
		return resMalformed
	}
	i := bytes.LastIndexByte(h, '[')
	if i < 0 {
		r.auth, r.user = authNone, nil
		return resIgnored // "UNKNOWN"
	}
	a, ok := parseAddr(upTo(h[i+1:], ']'))
	if !ok {
		return resMalformed
	}
	return setSource(r, a)
}

// parsePerdition reads the perdition IMAP/POP proxy's authentications
// (programs perdition.imaps, perdition.pop3, …):
//
//	Auth: 203.0.113.9:2274->192.0.2.1:993 client-secure=ssl authorisation_id=NONE authentication_id="carles" server="imap.example:993" protocol=IMAP4S server-secure=ssl status="failed: Re-Authentication Failure"
//	Fatal Error reading authentication information from client 203.0.113.9:2274->192.0.2.1:993: Exiting child
func parsePerdition(msg []byte, r *record) lineResult {
	var v []byte
	switch {
	case hasPrefixString(msg, "Auth: "):
		v = msg[len("Auth: "):]
		switch st := quotedAfter(msg, `status="`, '"'); {
		case hasPrefixString(st, "ok"):
			r.auth = authSuccess
		case hasPrefixString(st, "failed"):
			r.auth = authFailure
		default:
			return resIgnored
		}
		r.user = quotedAfter(msg, `authentication_id="`, '"')
	case containsString(msg, "Fatal Error reading authentication information from client "):
		v, _ = after(msg, "from client ")
		r.auth = authPreauth
	default:
		return resIgnored
	}
	a, ok := parseAddrPort(upToString(v, "->"))
	if !ok {
		r.auth, r.user = authNone, nil
		return resMalformed
	}
	return setSource(r, a)
}

// parseSolidPOP3 reads solid-pop3d's logins, whose address (built with
// --enable-logextend) follows the last " - ", alone or as "host (address)":
//
//	authentication failed: no such user: admin - 203.0.113.9
//	authentication failed for user anna - 203.0.113.9
//	user anna authenticated - 198.51.100.4
func parseSolidPOP3(msg []byte, r *record) lineResult {
	i := bytes.LastIndex(msg, []byte(" - "))
	if i < 0 {
		return resIgnored
	}
	body, host := msg[:i], msg[i+3:]
	switch {
	case containsString(body, "no such user: "), containsString(body, "can't map user name: "):
		r.auth = authInvalidUser
		r.user = body[bytes.LastIndex(body, []byte(": "))+2:]
	case containsString(body, "authentication failed for "), containsString(body, "can't find APOP secret for user "),
		containsString(body, "root login not allowed"):
		r.auth = authFailure
		if j := bytes.LastIndex(body, []byte("user ")); j >= 0 {
			r.user = body[j+len("user "):]
		}
	case containsString(body, " authenticated"):
		r.auth = authSuccess
		if u, ok := after(body, "user "); ok {
			r.user = upTo(u, ' ')
		}
	default:
		return resIgnored
	}
	if j := bytes.IndexByte(host, '('); j >= 0 {
		host = upTo(host[j+1:], ')')
	}
	a, ok := parseAddr(trimSpace(host))
	if !ok {
		r.auth, r.user = authNone, nil
		return resIgnored
	}
	return setSource(r, a)
}

// parseAmavis reads amavisd-new's verdicts on a message: spam, a virus or
// a banned attachment blocked (or spam passed on, marked) count as a mail
// probe of the client that sent it, the address in brackets without a
// port (the relay that handed the message over has one):
//
//	(01234-05) Blocked SPAM {DiscardedInbound,Quarantined}, [192.0.2.1]:54321 [203.0.113.9] <s@example.net> -> <r@example.org>, Queue-ID: 4F, Hits: 12.3, size: 1234, 1234 ms
//	(01234-06) Blocked INFECTED (Eicar-Signature) {DiscardedInbound}, [192.0.2.1]:54322 [203.0.113.9] <s@example.net> -> <r@example.org>, …
//	(01234-07) Passed CLEAN {RelayedInbound}, [192.0.2.1]:54323 [198.51.100.4] <a@example.com> -> <r@example.org>, …
func parseAmavis(msg []byte, r *record) lineResult {
	if len(msg) == 0 || msg[0] != '(' {
		return resIgnored
	}
	_, rest := nextToken(msg) // the message's id
	switch {
	case hasPrefixString(rest, "Blocked SPAM"), hasPrefixString(rest, "Blocked INFECTED"), hasPrefixString(rest, "Blocked BANNED"),
		hasPrefixString(rest, "Passed SPAM"), hasPrefixString(rest, "Passed INFECTED"):
	default:
		return resIgnored
	}
	for b := rest; ; {
		i := indexByte(b, '[')
		if i < 0 {
			return resMalformed
		}
		b = b[i+1:]
		e := indexByte(b, ']')
		if e < 0 {
			return resMalformed
		}
		if e+1 < len(b) && b[e+1] == ':' {
			continue // the relay, with its port
		}
		v := b[:e]
		if hasPrefixString(v, "IPv6:") {
			v = v[len("IPv6:"):]
		}
		a, ok := parseAddr(v)
		if !ok {
			continue
		}
		r.auth = authProbe
		return setSource(r, a)
	}
}

// Axigen's log (everything.txt): each line names its service and session
// ("IMAP:0000A1F2:"); a failed login is a line of its own after the one
// that gave the session's client.
//
//	2026-11-27 10:01:00 +0000 08 mail.example.com IMAP:0000A1F2: [192.0.2.10:993] connection accepted from [203.0.113.9:51001]
//	2026-11-27 10:01:01 +0000 08 mail.example.com IMAP:0000A1F2: Authentication error for user 'anna@example.com': invalid credentials
func isAxigenLine(line []byte) bool {
	_, _, _, ok := axigenFields(line)
	return ok
}

// axigenFields splits an Axigen line into its time (the wall clock and the
// offset after it), the session ("IMAP:0000A1F2") and the message.
func axigenFields(line []byte) (t time.Time, sess, msg []byte, ok bool) {
	c, n := readCivil(line, "YYYY-MM-DD hh:mm:ss ")
	if n == 0 {
		return t, nil, nil, false
	}
	off, k := parseOffset(line[n:])
	if k == 0 {
		return t, nil, nil, false
	}
	lvl, rest := nextToken(line[n+k:])
	_, rest = nextToken(rest) // the host
	sess, msg = nextToken(rest)
	if len(lvl) != 2 || len(sess) < 3 || sess[len(sess)-1] != ':' || indexByte(sess[:len(sess)-1], ':') <= 0 {
		return t, nil, nil, false
	}
	return time.Unix(c.unix(off), 0).UTC(), sess[:len(sess)-1], msg, true
}

func (p *lineParser) parseAxigenLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcAxigen
	t, sess, msg, ok := axigenFields(line)
	if !ok {
		return resMalformed
	}
	r.time = t
	switch {
	case containsString(msg, "] connection accepted from ["):
		v, _ := after(msg, "connection accepted from [")
		a, ok := addrToken(upTo(v, ']'))
		if !ok {
			return resMalformed
		}
		r.conn, r.connOpen = connKey(svcAxigen, nil, sess), true
		return setSource(r, a)
	case hasPrefixString(msg, "Authentication error for user '"):
		r.conn, r.auth, r.user = connKey(svcAxigen, nil, sess), authFailure, quotedAfter(msg, "for user '", '\'')
		return resOK
	}
	return resIgnored
}

// Stalwart's mail server log, an event a line, its id in parentheses and
// its fields after it:
//
//	2026-11-27T19:11:31Z INFO Authentication failed (auth.failed) listenerId = "imaps", localPort = 993, remoteIp = 203.0.113.9, remotePort = 48712, accountName = "anna"
//	2026-11-27T19:11:32Z INFO Authentication not allowed (smtp.auth-not-allowed) listenerId = "smtp", localPort = 25, remoteIp = 203.0.113.9, remotePort = 48713
//
// AUTH on a listener that offers none is a spammer trying credentials.
func isStalwartLine(line []byte) bool {
	_, n := parseISO(line, nil)
	if n == 0 || n+8 > len(line) || line[n] != ' ' {
		return false
	}
	lvl, rest := nextToken(line[n:])
	switch string(lvl) {
	case "TRACE", "DEBUG", "INFO", "WARN", "ERROR":
		return containsString(rest, ") ") && containsString(rest, " = ")
	}
	return false
}

func (p *lineParser) parseStalwartLog(line []byte, r *record, _ *fileCtx) lineResult {
	r.service = svcStalwart
	t, n := p.iso(line)
	if n == 0 {
		return resBadTime
	}
	r.time = t
	msg := line[n:]
	switch id := quotedAfter(msg, " (", ')'); string(id) {
	case "auth.failed", "smtp.auth-not-allowed":
		r.auth = authFailure
	case "auth.too-many-attempts":
		r.auth = authTooMany
	default:
		return resIgnored
	}
	ip, ok := after(msg, "remoteIp = ")
	if !ok {
		r.auth = authNone
		return resMalformed
	}
	r.message = msg
	return r.loginFrom(bytes.TrimRight(upTo(ip, ' '), ","), quotedAfter(msg, `accountName = "`, '"'), r.auth)
}
