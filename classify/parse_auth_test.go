package classify

import (
	"net/netip"
	"testing"
	"time"
)

// authCase is one line a daemon writes and what must be read from it.
type authCase struct {
	line    string
	ip      string   // "" when the line must be ignored
	auth    authKind // what the line says happened
	user    string
	service string
	format  Format // FormatSyslog unless set
	echo    bool   // repeats an attempt another line counts
}

func formatNamed(name string) Format {
	f, err := ParseFormat(name)
	if err != nil {
		panic(err)
	}
	return f
}

func runAuthCases(t *testing.T, cases []authCase) {
	t.Helper()
	p := newLineParser(mustRules(t, ""), &Options{Location: time.UTC})
	for _, tc := range cases {
		t.Run(tc.line, func(t *testing.T) {
			fc := &fileCtx{ref: testNow, cols: noColumns}
			v := p.classify([]byte(tc.line), fc)
			want := tc.format
			if want == FormatAuto {
				want = FormatSyslog
			}
			if v.format != want {
				t.Errorf("format %s, want %s", v.format, want)
			}
			if tc.ip == "" {
				if v.res != resIgnored {
					t.Errorf("result %s, want ignored", resultName(v.res))
				}
				return
			}
			if v.res != resOK {
				t.Fatalf("result %s, want classified", resultName(v.res))
			}
			if v.ip != netip.MustParseAddr(tc.ip) {
				t.Errorf("ip %s, want %s", v.ip, tc.ip)
			}
			if r := &p.rec; r.auth != tc.auth || r.echo != tc.echo {
				t.Errorf("auth %s echo %v, want %s echo %v", authNames[r.auth], r.echo, authNames[tc.auth], tc.echo)
			}
			if v.user != tc.user {
				t.Errorf("user %q, want %q", v.user, tc.user)
			}
			if service := serviceNames[v.svc]; service != tc.service {
				t.Errorf("service %q, want %q", service, tc.service)
			}
		})
	}
}

func TestSSHDShapes(t *testing.T) {
	const h = "Mar  3 09:52:42 srv "
	runAuthCases(t, []authCase{
		{line: h + "sshd[1]: Failed password for root from 203.0.113.1 port 40000 ssh2", ip: "203.0.113.1", auth: authFailure, user: "root", service: "sshd"},
		{line: h + "sshd[1]: Failed password for invalid user admin from 203.0.113.1 port 40000 ssh2", ip: "203.0.113.1", auth: authInvalidUser, user: "admin", service: "sshd"},
		{line: h + "sshd[1]: Failed publickey for git from 203.0.113.1 port 40000 ssh2: RSA SHA256:abc", ip: "203.0.113.1", auth: authFailure, user: "git", service: "sshd"},
		{line: h + "sshd[1]: Failed keyboard-interactive/pam for invalid user pi from 203.0.113.1 port 40000 ssh2", ip: "203.0.113.1", auth: authInvalidUser, user: "pi", service: "sshd"},
		{line: h + "sshd[1]: Failed none for invalid user ubnt from 2001:db8::7 port 40000 ssh2", ip: "2001:db8::7", auth: authInvalidUser, user: "ubnt", service: "sshd"},
		{line: h + "sshd-session[1]: Invalid user oracle from 203.0.113.2 port 51000", ip: "203.0.113.2", auth: authInvalidUser, user: "oracle", service: "sshd"},
		{line: h + "sshd[1]: Invalid user  from 203.0.113.2 port 51000", ip: "203.0.113.2", auth: authInvalidUser, user: "", service: "sshd"},
		{line: h + "sshd[1]: User root from 203.0.113.3 not allowed because not listed in AllowUsers", ip: "203.0.113.3", auth: authRefused, user: "root", service: "sshd"},
		{line: h + "sshd[1]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.4  user=root", ip: "203.0.113.4", auth: authPAMFailure, user: "root", service: "sshd", echo: true},
		{line: h + "sshd(pam_unix)[2211]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=203.0.113.4 user=root", ip: "203.0.113.4", auth: authPAMFailure, user: "root", service: "sshd", echo: true},
		{line: h + "sshd[1]: PAM 2 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.4  user=root", ip: "203.0.113.4", auth: authPAMFailure, user: "root", service: "sshd", echo: true},
		{line: h + "sshd[1]: error: maximum authentication attempts exceeded for root from 203.0.113.5 port 4000 ssh2 [preauth]", ip: "203.0.113.5", auth: authTooMany, user: "root", service: "sshd"},
		{line: h + "sshd[1]: error: maximum authentication attempts exceeded for invalid user test from 203.0.113.5 port 4000 ssh2 [preauth]", ip: "203.0.113.5", auth: authTooMany, user: "test", service: "sshd"},
		{line: h + "sshd[1]: Disconnecting authenticating user root 203.0.113.6 port 4000: Too many authentication failures [preauth]", ip: "203.0.113.6", auth: authTooMany, user: "root", service: "sshd"},
		{line: h + "sshd[1]: Disconnecting invalid user admin 203.0.113.6 port 4000: Too many authentication failures [preauth]", ip: "203.0.113.6", auth: authTooMany, user: "admin", service: "sshd"},
		{line: h + "sshd[1]: Disconnected from invalid user admin 203.0.113.7 port 4000 [preauth]", ip: "203.0.113.7", auth: authInvalidUser, user: "admin", service: "sshd", echo: true},
		{line: h + "sshd[1]: Disconnected from authenticating user root 203.0.113.7 port 4000 [preauth]", ip: "203.0.113.7", auth: authPreauth, user: "root", service: "sshd", echo: true},
		{line: h + "sshd[1]: Connection closed by invalid user guest 203.0.113.8 port 4000 [preauth]", ip: "203.0.113.8", auth: authInvalidUser, user: "guest", service: "sshd", echo: true},
		{line: h + "sshd[1]: Connection closed by authenticating user root 203.0.113.8 port 4000 [preauth]", ip: "203.0.113.8", auth: authPreauth, user: "root", service: "sshd", echo: true},
		{line: h + "sshd[1]: Connection closed by 203.0.113.8 port 4000 [preauth]", ip: "203.0.113.8", auth: authProbe, service: "sshd"},
		{line: h + "sshd[1]: Connection reset by 203.0.113.8 port 4000 [preauth]", ip: "203.0.113.8", auth: authProbe, service: "sshd"},
		{line: h + "sshd[1]: Received disconnect from 203.0.113.9 port 4000:11: Bye Bye [preauth]", ip: "203.0.113.9", auth: authDisconnect, service: "sshd"},
		{line: h + "sshd[1]: Received disconnect from 203.0.113.9: 11: Bye Bye", ip: "203.0.113.9", auth: authDisconnect, service: "sshd"},
		{line: h + "sshd[1]: Disconnected from user alice 203.0.113.9 port 4000", ip: "203.0.113.9", auth: authDisconnect, user: "alice", service: "sshd"},
		{line: h + "sshd[1]: fatal: Timeout before authentication for 203.0.113.10 port 4000", ip: "203.0.113.10", auth: authProbe, service: "sshd"},
		{line: h + "sshd[1]: refused connect from scanner.example (203.0.113.11)", ip: "203.0.113.11", auth: authRefused, service: "sshd"},
		{line: h + "sshd[1]: ROOT LOGIN REFUSED FROM 203.0.113.12", ip: "203.0.113.12", auth: authRefused, user: "root", service: "sshd"},
		{line: h + "sshd[1]: Did not receive identification string from 203.0.113.13 port 4000", ip: "203.0.113.13", auth: authProbe, service: "sshd"},
		{line: h + "sshd[1]: Did not receive identification string from 203.0.113.13", ip: "203.0.113.13", auth: authProbe, service: "sshd"},
		{line: h + "sshd[1]: banner exchange: Connection from 203.0.113.14 port 4000: invalid format", ip: "203.0.113.14", auth: authProbe, service: "sshd"},
		{line: h + "sshd[1]: error: kex_exchange_identification: Connection closed by remote host", service: "sshd"},
		{line: h + "sshd[1]: error: kex_exchange_identification: client sent invalid protocol identifier \"GET / HTTP/1.1\"", service: "sshd"},
		{line: h + "sshd[1]: Unable to negotiate with 203.0.113.15 port 4000: no matching key exchange method found. Their offer: diffie-hellman-group1-sha1 [preauth]", ip: "203.0.113.15", auth: authProbe, service: "sshd"},
		{line: h + "sshd[1]: Bad protocol version identification 'GET / HTTP/1.1' from 203.0.113.16 port 4000", ip: "203.0.113.16", auth: authProbe, service: "sshd"},
		{line: h + "sshd[1]: Protocol major versions differ for 203.0.113.16 port 4000: SSH-2.0-OpenSSH vs. SSH-1.5-x", ip: "203.0.113.16", auth: authProbe, service: "sshd"},
		{line: h + "sshd[1]: Accepted password for alice from 198.51.100.1 port 4000 ssh2", ip: "198.51.100.1", auth: authSuccess, user: "alice", service: "sshd"},
		{line: h + "sshd[1]: Accepted publickey for deploy from 198.51.100.1 port 4000 ssh2: ED25519 SHA256:x", ip: "198.51.100.1", auth: authSuccess, user: "deploy", service: "sshd"},
		{line: h + "sshd[1]: pam_unix(sshd:session): session opened for user alice by (uid=0)", service: "sshd"},
	})
}

func TestDropbearShapes(t *testing.T) {
	const h = "Mar  3 09:52:42 router "
	runAuthCases(t, []authCase{
		{line: h + "dropbear[311]: Bad password attempt for 'root' from 203.0.113.20:51234", ip: "203.0.113.20", auth: authFailure, user: "root", service: "dropbear"},
		{line: h + "dropbear[311]: Bad PAM password attempt for 'admin' from 203.0.113.20:51234", ip: "203.0.113.20", auth: authFailure, user: "admin", service: "dropbear"},
		{line: h + "dropbear[311]: Login attempt for nonexistent user 'ubnt' from 203.0.113.21:51234", ip: "203.0.113.21", auth: authInvalidUser, user: "ubnt", service: "dropbear"},
		{line: h + "dropbear[311]: Login attempt for nonexistent user from 203.0.113.21:51234", ip: "203.0.113.21", auth: authInvalidUser, service: "dropbear"},
		{line: h + "dropbear[311]: Exit before auth from <203.0.113.22:51234>: (user 'root', 10 fails): Max auth tries reached - user 'root'", ip: "203.0.113.22", auth: authTooMany, user: "root", service: "dropbear"},
		{line: h + "dropbear[311]: Exit before auth from <203.0.113.23:51234>: Exited normally", ip: "203.0.113.23", auth: authProbe, service: "dropbear"},
		{line: h + "dropbear[311]: Password auth succeeded for 'root' from 198.51.100.2:51234", ip: "198.51.100.2", auth: authSuccess, user: "root", service: "dropbear"},
		{line: h + "dropbear[311]: Pubkey auth succeeded for 'root' with key md5 0b:1c from 198.51.100.2:51234", ip: "198.51.100.2", auth: authSuccess, user: "root", service: "dropbear"},
		{line: h + "dropbear[311]: Child connection from 198.51.100.2:51234", ip: "198.51.100.2", auth: authDisconnect, service: "dropbear"},
	})
}

func TestMailShapes(t *testing.T) {
	const h = "Mar  3 09:52:42 mx "
	runAuthCases(t, []authCase{
		// postfix
		{line: h + "postfix/smtpd[2222]: warning: unknown[203.0.113.30]: SASL LOGIN authentication failed: UGFzc3dvcmQ6", ip: "203.0.113.30", auth: authFailure, service: "postfix"},
		{line: h + "postfix/submission/smtpd[2222]: warning: host.example[203.0.113.30]: SASL PLAIN authentication failed: authentication failure, sasl_username=info@example.com", ip: "203.0.113.30", auth: authFailure, user: "info@example.com", service: "postfix"},
		{line: h + "postfix/smtpd[2222]: warning: unknown[203.0.113.30]: SASL CRAM-MD5 authentication failed: PDEyMzQ1Njc4OTAuMTIzNDVAbXg+", ip: "203.0.113.30", auth: authFailure, service: "postfix"},
		{line: h + "postfix/smtpd[2222]: warning: unknown[203.0.113.30]: SASL LOGIN authentication failed: Connection lost to authentication server", service: "postfix"},
		{line: h + "postfix/smtpd[2222]: lost connection after AUTH from unknown[203.0.113.31]", ip: "203.0.113.31", auth: authPreauth, service: "postfix", echo: true},
		{line: h + "postfix/smtpd[2222]: too many errors after AUTH from unknown[203.0.113.31]", ip: "203.0.113.31", auth: authPreauth, service: "postfix", echo: true},
		{line: h + "postfix/smtpd[2222]: NOQUEUE: reject: RCPT from unknown[203.0.113.32]: 554 5.7.1 <spam@example.net>: Relay access denied; from=<a@b.example> to=<spam@example.net> proto=ESMTP helo=<x>", ip: "203.0.113.32", auth: authRelay, service: "postfix"},
		{line: h + "postfix/smtpd[2222]: NOQUEUE: reject: RCPT from unknown[203.0.113.33]: 504 5.5.2 <x>: Helo command rejected: need fully-qualified hostname; from=<a@b> to=<c@d> proto=ESMTP helo=<x>", ip: "203.0.113.33", auth: authProbe, service: "postfix"},
		{line: h + "postfix/smtpd[2222]: warning: non-SMTP command from unknown[203.0.113.34]: GET / HTTP/1.1", ip: "203.0.113.34", auth: authProbe, service: "postfix"},
		{line: h + "postfix/postscreen[2223]: PREGREET 11 after 0.21 from [203.0.113.35]:51234: EHLO x\\r\\n", ip: "203.0.113.35", auth: authProbe, service: "postfix"},
		{line: h + "postfix/postscreen[2223]: DNSBL rank 4 for [203.0.113.36]:51234", ip: "203.0.113.36", auth: authProbe, service: "postfix"},
		{line: h + "postfix/smtpd[2222]: 4F2A1C0123: client=mail.example[198.51.100.3], sasl_method=PLAIN, sasl_username=anna", ip: "198.51.100.3", auth: authSuccess, user: "anna", service: "postfix"},
		// dovecot
		{line: h + "dovecot: imap-login: Aborted login (auth failed, 1 attempts in 2 secs): user=<info>, method=PLAIN, rip=203.0.113.40, lip=10.0.0.1, TLS, session=<a>", ip: "203.0.113.40", auth: authFailure, user: "info", service: "dovecot"},
		{line: h + "dovecot: pop3-login: Disconnected (auth failed, 3 attempts in 12 secs): user=<admin>, method=PLAIN, rip=203.0.113.40, lip=10.0.0.1", ip: "203.0.113.40", auth: authFailure, user: "admin", service: "dovecot"},
		{line: h + "dovecot: auth: passwd-file(sales,203.0.113.41): unknown user", ip: "203.0.113.41", auth: authInvalidUser, user: "sales", service: "dovecot", echo: true},
		{line: h + "dovecot: auth-worker(9): sql(bob,203.0.113.42,<sess>): Password mismatch", ip: "203.0.113.42", auth: authFailure, user: "bob", service: "dovecot", echo: true},
		{line: h + "dovecot: auth: passdb(bob,203.0.113.42): Password mismatch", ip: "203.0.113.42", auth: authFailure, user: "bob", service: "dovecot", echo: true},
		{line: h + "dovecot: auth-worker(9): pam(bob,203.0.113.42,<sess>): pam_authenticate() failed: Authentication failure (password mismatch?)", ip: "203.0.113.42", auth: authFailure, user: "bob", service: "dovecot", echo: true},
		{line: h + "dovecot: imap-login: Disconnected (no auth attempts in 0 secs): user=<>, rip=203.0.113.43, lip=10.0.0.1", ip: "203.0.113.43", auth: authProbe, service: "dovecot"},
		{line: h + "dovecot: imap-login: Login: user=<anna>, method=PLAIN, rip=198.51.100.3, lip=10.0.0.1, mpid=7, TLS", ip: "198.51.100.3", auth: authSuccess, user: "anna", service: "dovecot"},
		// exim through syslog
		{line: h + "exim[411]: 2021-03-03 09:52:42 login authenticator failed for (User) [203.0.113.50]: 535 Incorrect authentication data (set_id=admin)", ip: "203.0.113.50", auth: authFailure, user: "admin", service: "exim"},
		// courier
		{line: h + "imapd: LOGIN FAILED, user=office, ip=[::ffff:203.0.113.60]", ip: "203.0.113.60", auth: authFailure, user: "office", service: "courier"},
		{line: h + "pop3d-ssl: LOGIN FAILED, method=PLAIN, ip=[::ffff:203.0.113.60]", ip: "203.0.113.60", auth: authFailure, service: "courier"},
		{line: h + "courieresmtpd: error,relay=::ffff:203.0.113.61,ident=,msg=\"535 Authentication failed.\",cmd: AUTH LOGIN", ip: "203.0.113.61", auth: authFailure, service: "courier"},
		{line: h + "courieresmtpd: error,relay=::ffff:203.0.113.62,msg=\"513 Relaying denied.\",cmd: RCPT TO:<x@example.net>", ip: "203.0.113.62", auth: authRelay, service: "courier"},
		{line: h + "imapd-ssl: LOGIN, user=anna, ip=[::ffff:198.51.100.3], port=[51234], protocol=IMAP", ip: "198.51.100.3", auth: authSuccess, user: "anna", service: "courier"},
		// cyrus
		{line: h + "imap[3012]: badlogin: host.example [203.0.113.70] plaintext admin SASL(-13): authentication failure: checkpass failed", ip: "203.0.113.70", auth: authFailure, user: "admin", service: "cyrus"},
		{line: h + "cyrus/pop3[3013]: badlogin: [203.0.113.71] APOP test SASL(-13): user not found: could not find password", ip: "203.0.113.71", auth: authInvalidUser, user: "test", service: "cyrus"},
		{line: h + "cyrus/imap[3014]: login: host.example [198.51.100.4] anna PLAIN User logged in SESSIONID=<x>", ip: "198.51.100.4", auth: authSuccess, user: "anna", service: "cyrus"},
		// sendmail
		{line: h + "sendmail[5001]: 123ABC: AUTH failure (LOGIN): authentication failure (-13) SASL(-13): authentication failure: checkpass failed, user=webmaster, relay=host.example [203.0.113.80]", ip: "203.0.113.80", auth: authFailure, user: "webmaster", service: "sendmail"},
		{line: h + "sm-mta[5001]: 123ABC: ruleset=check_rcpt, arg1=<x@example.net>, relay=[203.0.113.81], reject=550 5.7.1 <x@example.net>... Relaying denied", ip: "203.0.113.81", auth: authRelay, service: "sendmail"},
		{line: h + "sendmail[5001]: 123ABC: [203.0.113.82]: possible SMTP attack: command=AUTH, count=5", ip: "203.0.113.82", auth: authTooMany, service: "sendmail"},
		{line: h + "sendmail[5001]: 123ABC: AUTH=server, relay=host.example [198.51.100.5], authid=anna, mech=PLAIN, bits=0", ip: "198.51.100.5", auth: authSuccess, user: "anna", service: "sendmail"},
	})
}

func TestEximMainLog(t *testing.T) {
	runAuthCases(t, []authCase{
		{line: "2021-03-03 09:52:42 login authenticator failed for (User) [203.0.113.50]: 535 Incorrect authentication data (set_id=admin)", ip: "203.0.113.50", auth: authFailure, user: "admin", service: "exim", format: formatNamed("exim")},
		{line: "2021-03-03 09:52:42 [1234] dovecot_plain authenticator failed for H=(x) [203.0.113.51]:51234: 535 Incorrect authentication data (set_id=info@example.com)", ip: "203.0.113.51", auth: authFailure, user: "info@example.com", service: "exim", format: formatNamed("exim")},
		{line: "2021-03-03 09:52:42 SMTP protocol synchronization error (input sent without waiting for greeting): rejected connection from H=[203.0.113.52] input=\"GET / HTTP/1.1\"", ip: "203.0.113.52", auth: authProbe, service: "exim", format: formatNamed("exim")},
		{line: "2021-03-03 09:52:42 rejected EHLO from [203.0.113.53]: syntactically invalid argument(s): _", ip: "203.0.113.53", auth: authProbe, service: "exim", format: formatNamed("exim")},
		{line: "2021-03-03 09:52:42 H=(x) [203.0.113.54] F=<a@b.example> rejected RCPT <c@d.example>: relay not permitted", ip: "203.0.113.54", auth: authRelay, service: "exim", format: formatNamed("exim")},
		{line: "2021-03-03 09:52:42 1lHKjw-0003Bc-Ab <= anna@example.com H=(pc) [198.51.100.6] P=esmtpsa A=dovecot_login:anna S=1234", ip: "198.51.100.6", auth: authSuccess, user: "anna", service: "exim", format: formatNamed("exim")},
		// Spam and viruses, by a content scan or a block list.
		{line: "2021-03-03 09:52:43 1lHKjx-0003Bc-Ab F=a@example.biz H=mx.example.net [203.0.113.55] P=smtp rejected by local_scan(): Rejected: hits=7.5 required=5.0 trigger=5.0", ip: "203.0.113.55", auth: authProbe, service: "exim", format: formatNamed("exim")},
		{line: "2021-03-03 09:52:44 [2249] H=([203.0.113.56]) [203.0.113.56]:52391 I=[192.0.2.4]:25 F=x@example.com rejected RCPT y@example.org: rejected found in dnsbl zen.spamhaus.org", ip: "203.0.113.56", auth: authProbe, service: "exim", format: formatNamed("exim")},
		{line: "2021-03-03 09:52:45 [2516] 1lHKjy-0003Bc-Ab H=mx.example.gr [203.0.113.57]:32706 I=[192.0.2.4]:25 F=z@example.com rejected after DATA: This message contains a virus (Sanesecurity.Junk.1.UNOFFICIAL).", ip: "203.0.113.57", auth: authProbe, service: "exim", format: formatNamed("exim")},
		{line: "2021-03-03 09:52:46 1lHKjz-0003Bc-Ab SA: Action: flagged as Spam but accepted: score=8.2 required=5.0 (scanned in 6/6 secs | Message-Id: 1@example). From <s@example.net> (host=mx.example.net [203.0.113.58]) for trap@example.com", ip: "203.0.113.58", auth: authProbe, service: "exim", format: formatNamed("exim")},
		{line: "2021-03-03 09:52:47 1lHKk0-0003Bc-Ab F=w@example.com H=localhost (pc.example) [127.0.0.1] P=esmtp temporarily rejected by local_scan(): Local configuration error", format: formatNamed("exim")},
	})
}

func TestFTPShapes(t *testing.T) {
	const h = "Mar  3 09:52:42 ftp "
	runAuthCases(t, []authCase{
		{line: h + `vsftpd[881]: [admin] FAIL LOGIN: Client "::ffff:203.0.113.90"`, ip: "203.0.113.90", auth: authFailure, user: "admin", service: "vsftpd"},
		{line: h + `vsftpd[881]: [anna] OK LOGIN: Client "198.51.100.7"`, ip: "198.51.100.7", auth: authSuccess, user: "anna", service: "vsftpd"},
		{line: h + `vsftpd[881]: pam_unix(vsftpd:auth): authentication failure; logname= uid=0 euid=0 tty=ftp ruser=admin rhost=203.0.113.90`, ip: "203.0.113.90", auth: authPAMFailure, service: "vsftpd", echo: true},
		{line: `Wed Mar  3 09:52:42 2021 [pid 881] [ftp] FAIL LOGIN: Client "203.0.113.91"`, ip: "203.0.113.91", auth: authFailure, user: "ftp", service: "vsftpd", format: formatNamed("vsftpd")},
		{line: h + "proftpd[901]: ftp.example (scanner.example[203.0.113.92]) - USER admin: no such user found from scanner.example [203.0.113.92] to 10.0.0.1:21", ip: "203.0.113.92", auth: authInvalidUser, user: "admin", service: "proftpd"},
		{line: h + "proftpd[901]: ftp.example (scanner.example[203.0.113.92]) - USER anna (Login failed): Incorrect password", ip: "203.0.113.92", auth: authFailure, user: "anna", service: "proftpd"},
		{line: h + "proftpd[901]: ftp.example (scanner.example[203.0.113.92]) - Maximum login attempts (3) exceeded, connection refused", ip: "203.0.113.92", auth: authTooMany, service: "proftpd"},
		{line: h + "proftpd[901]: ftp.example (pc.example[198.51.100.8]) - USER anna: Login successful.", ip: "198.51.100.8", auth: authSuccess, user: "anna", service: "proftpd"},
		{line: h + "pure-ftpd: (?@203.0.113.93) [WARNING] Authentication failed for user [test]", ip: "203.0.113.93", auth: authFailure, user: "test", service: "pure-ftpd"},
		{line: h + "pure-ftpd: (anna@198.51.100.9) [INFO] anna is now logged in", ip: "198.51.100.9", auth: authSuccess, user: "anna", service: "pure-ftpd"},
	})
}

func TestHTTPAuthShapes(t *testing.T) {
	runAuthCases(t, []authCase{
		{line: `[Wed Mar 03 09:52:42.123456 2021] [auth_basic:error] [pid 1] [client 203.0.113.100:5123] AH01618: user admin not found: /private`, ip: "203.0.113.100", auth: authInvalidUser, user: "admin", service: "http", format: FormatApacheError},
		{line: `[Wed Mar 03 09:52:42.123456 2021] [auth_basic:error] [pid 1] [client 203.0.113.100:5123] AH01617: user anna: authentication failure for "/private": Password Mismatch`, ip: "203.0.113.100", auth: authFailure, user: "anna", service: "http", format: FormatApacheError},
		{line: `[Wed Mar 03 09:52:42 2021] [error] [client 203.0.113.100] user admin not found: /private`, ip: "203.0.113.100", auth: authInvalidUser, user: "admin", service: "http", format: FormatApacheError},
		{line: `[Wed Mar 03 09:52:42 2021] [error] [client 203.0.113.100] user anna: authentication failure for "/private": Password Mismatch`, ip: "203.0.113.100", auth: authFailure, user: "anna", service: "http", format: FormatApacheError},
		{line: `2021/03/03 09:52:42 [error] 12#12: *3 user "admin" was not found in "/etc/nginx/.htpasswd", client: 203.0.113.101, server: example.com, request: "GET /private HTTP/1.1", host: "example.com"`, ip: "203.0.113.101", auth: authInvalidUser, user: "admin", service: "http", format: FormatNginxError},
		{line: `2021/03/03 09:52:42 [error] 12#12: *3 user "anna": password mismatch, client: 203.0.113.101, server: example.com, request: "GET /private HTTP/1.1", host: "example.com"`, ip: "203.0.113.101", auth: authFailure, user: "anna", service: "http", format: FormatNginxError},
		{line: `2021/03/03 09:52:42 [error] 12#0: *7 client login failed while in http auth state, client: 203.0.113.102, server: 0.0.0.0:993, login: "info"`, ip: "203.0.113.102", auth: authFailure, user: "info", service: "nginx_mail", format: FormatNginxError},
	})
}

// Every syslog envelope real hosts write, around the same sshd message.
func TestSyslogVariants(t *testing.T) {
	const msg = "sshd[1]: Failed password for root from 203.0.113.1 port 4000 ssh2"
	p := newLineParser(mustRules(t, ""), &Options{Location: time.UTC})
	for _, tc := range []struct{ line, time string }{
		{"Mar  3 09:52:42 srv " + msg, "2021-03-03T09:52:42Z"},
		{"Mar 3 09:52:42 srv " + msg, "2021-03-03T09:52:42Z"},
		{"Mar 03 09:52:42 srv " + msg, "2021-03-03T09:52:42Z"},
		{"Mar  3 09:52:42 " + msg, "2021-03-03T09:52:42Z"},
		{"Mar 03 09:52:42.123456 srv " + msg, "2021-03-03T09:52:42Z"},
		{"<38>Mar  3 09:52:42 srv " + msg, "2021-03-03T09:52:42Z"},
		{"2021-03-03T09:52:42+0100 srv " + msg, "2021-03-03T08:52:42Z"},
		{"2021-03-03T09:52:42.123456+01:00 srv " + msg, "2021-03-03T08:52:42Z"},
		{"2021-03-03T09:52:42Z srv " + msg, "2021-03-03T09:52:42Z"},
		{"2021-03-03 09:52:42 srv " + msg, "2021-03-03T09:52:42Z"},
		{"<38>1 2021-03-03T09:52:42.003Z srv sshd 1 - - Failed password for root from 203.0.113.1 port 4000 ssh2", "2021-03-03T09:52:42Z"},
		{"<38>1 2021-03-03T09:52:42Z srv sshd 1 ID47 [origin ip=\"10.0.0.1\"] Failed password for root from 203.0.113.1 port 4000 ssh2", "2021-03-03T09:52:42Z"},
		{"srv " + msg, ""},
		{msg, ""},
	} {
		t.Run(tc.line, func(t *testing.T) {
			fc := &fileCtx{ref: testNow}
			if f := detectLine([]byte(tc.line)); f != FormatSyslog {
				t.Errorf("detected as %s", f)
			}
			v := p.classify([]byte(tc.line), fc)
			if v.res != resOK || v.ip != netip.MustParseAddr("203.0.113.1") || v.user != "root" {
				t.Fatalf("result %s ip %s user %q", resultName(v.res), v.ip, v.user)
			}
			got := ""
			if !v.time.IsZero() {
				got = v.time.Format(time.RFC3339)
			}
			if got != tc.time {
				t.Errorf("time %q, want %q", got, tc.time)
			}
		})
	}
}
