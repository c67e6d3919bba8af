package classify

import (
	"strings"
	"testing"
)

func TestEximShapesMore(t *testing.T) {
	exim := formatNamed("exim")
	runAuthCases(t, []authCase{
		// The HELO name in parentheses may hold an address of the client's
		// choosing: the source is the bracketed address after it.
		{line: "2024-05-06 07:08:09 login authenticator failed for mail.example.net ([192.0.2.77]) [203.0.113.60]: 535 Incorrect authentication data (set_id=office)", ip: "203.0.113.60", auth: authFailure, user: "office", service: "exim", format: exim},
		{line: "2024-05-06 07:08:10 plain authenticator failed for ([10.9.8.7]) [203.0.113.61]:50123 I=[192.0.2.4]:587: 535 Incorrect authentication data", ip: "203.0.113.61", auth: authFailure, service: "exim", format: exim},
		{line: "2024-05-06 07:08:11 [4411] SMTP protocol error in \"AUTH LOGIN\" H=([192.0.2.88]) [203.0.113.62]:50124 I=[192.0.2.4]:587 AUTH command used when not advertised", ip: "203.0.113.62", auth: authProbe, service: "exim", format: exim},
		// Connections that sent no mail, dropped by an ACL, a sender that
		// does not verify, a guessed recipient.
		{line: "2024-05-06 07:08:12 [4412] no MAIL in SMTP connection from scan.example.org [203.0.113.63]:40001 I=[192.0.2.4]:25 D=12s C=EHLO,STARTTLS", ip: "203.0.113.63", auth: authProbe, service: "exim", format: exim},
		{line: "2024-05-06 07:08:13 [4413] no MAIL in SMTP connection from [203.0.113.64]:40002 I=[192.0.2.4]:25 D=3s", ip: "203.0.113.64", auth: authProbe, service: "exim", format: exim},
		{line: "2024-05-06 07:08:14 [4414] 1sAbCd-000123-Ef SMTP connection from (desktop-x1) [203.0.113.65]:40003 I=[192.0.2.4]:25 closed by DROP in ACL", ip: "203.0.113.65", auth: authProbe, service: "exim", format: exim},
		{line: "2024-05-06 07:08:15 H=(helo.example) [203.0.113.66] sender verify fail for <nobody@example.net>: Unrouteable address", ip: "203.0.113.66", auth: authProbe, service: "exim", format: exim},
		{line: "2024-05-06 07:08:16 H=mx.example.net [203.0.113.67] F=<a@example.net> rejected RCPT <b@example.org>: Sender verify failed", ip: "203.0.113.67", auth: authProbe, service: "exim", format: exim},
		{line: "2024-05-06 07:08:17 H=mx.example.net [203.0.113.68] F=<a@example.net> rejected RCPT <nosuch@example.org>: Unknown user", ip: "203.0.113.68", auth: authProbe, service: "exim", format: exim},
	})
}

func TestSSHDShapesMore(t *testing.T) {
	const h = "Jun  4 11:20:31 gw "
	runAuthCases(t, []authCase{
		// Solaris and illumos: the message id first.
		{line: h + "sshd[4410]: [ID 800047 auth.info] Failed keyboard-interactive for carol from 203.0.113.101 port 50111 ssh2", ip: "203.0.113.101", auth: authFailure, user: "carol", service: "sshd"},
		{line: h + "sshd[4410]: [ID 800047 auth.info] Failed password for <invalid username> from 203.0.113.102 port 50112 ssh2", ip: "203.0.113.102", auth: authFailure, user: "<invalid username>", service: "sshd"},
		// macOS: PAM's errors in either case.
		{line: h + "sshd[812]: error: PAM: authentication error for carol from 203.0.113.103 via 192.0.2.10", ip: "203.0.113.103", auth: authPAMFailure, user: "carol", service: "sshd", echo: true},
		{line: h + "sshd[812]: error: PAM: Authentication error for carol from 203.0.113.104", ip: "203.0.113.104", auth: authPAMFailure, user: "carol", service: "sshd", echo: true},
		{line: h + "sshd[812]: error: PAM: authentication failure for carol from 2001:db8::20 via 192.0.2.10", ip: "2001:db8::20", auth: authPAMFailure, user: "carol", service: "sshd", echo: true},
		{line: h + "sshd[813]: error: PAM: User not known to the underlying authentication module for illegal user oracle from 203.0.113.105", ip: "203.0.113.105", auth: authInvalidUser, user: "oracle", service: "sshd"},
		// A client's own word that its login failed.
		{line: h + "sshd[814]: Received disconnect from 203.0.113.106: 3: com.jcraft.jsch.JSchException: Auth fail [preauth]", ip: "203.0.113.106", auth: authPreauth, service: "sshd", echo: true},
		{line: h + "sshd[814]: error: Received disconnect from 203.0.113.107 port 40200:3: com.jcraft.jsch.JSchException: Auth fail [preauth]", ip: "203.0.113.107", auth: authPreauth, service: "sshd", echo: true},
		// Nothing the server accepts; a client gone before trying.
		{line: h + "sshd[815]: error: Received disconnect from 203.0.113.108 port 40201:14: No supported authentication methods available [preauth]", ip: "203.0.113.108", auth: authProbe, service: "sshd"},
		{line: h + "sshd[815]: Received disconnect from 203.0.113.109 port 40202:14: No authentication methods available [preauth]", ip: "203.0.113.109", auth: authProbe, service: "sshd"},
		{line: h + "sshd[816]: Disconnected from 203.0.113.110 port 40203 [preauth]", ip: "203.0.113.110", auth: authProbe, service: "sshd"},
		// Unchanged: a logout, and a goodbye that says nothing either way.
		{line: h + "sshd[816]: Disconnected from 198.51.100.20 port 40204", ip: "198.51.100.20", auth: authDisconnect, service: "sshd"},
		{line: h + "sshd[817]: Received disconnect from 198.51.100.21 port 40205:11: disconnected by user", ip: "198.51.100.21", auth: authDisconnect, service: "sshd"},
	})
}

func TestDropbearShapesMore(t *testing.T) {
	const h = "Jun  4 11:20:31 ap "
	runAuthCases(t, []authCase{
		{line: h + "dropbear[2211]: bad password attempt for 'admin' from 203.0.113.120:41000", ip: "203.0.113.120", auth: authFailure, user: "admin", service: "dropbear"},
		{line: h + "dropbear[2211]: login attempt for nonexistent user from ::ffff:203.0.113.121:41001", ip: "203.0.113.121", auth: authInvalidUser, service: "dropbear"},
		{line: h + "dropbear[2212]: Exit before auth (user 'root', 10 fails): Max auth tries reached - user 'root' from 203.0.113.122:41002", ip: "203.0.113.122", auth: authTooMany, user: "root", service: "dropbear"},
		{line: h + "dropbear[2213]: [2213] Jun 04 11:20:31 Bad password attempt for 'support' from 203.0.113.123:41003", ip: "203.0.113.123", auth: authFailure, user: "support", service: "dropbear"},
	})
}

func TestPostfixDovecotShapesMore(t *testing.T) {
	const h = "Jun  4 11:20:31 mx "
	runAuthCases(t, []authCase{
		{line: h + "postfix/smtpd[3101]: NOQUEUE: reject: RCPT from spam.example.net[203.0.113.130]: 554 5.7.1 Service unavailable; Client host [203.0.113.130] blocked using zen.example.org; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<spam.example.net>", ip: "203.0.113.130", auth: authProbe, service: "postfix"},
		{line: h + "postfix/smtpd[3102]: NOQUEUE: reject: RCPT from unknown[203.0.113.131]: 450 4.7.1 Client host rejected: cannot find your hostname, [203.0.113.131]; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<x>", ip: "203.0.113.131", auth: authProbe, service: "postfix"},
		{line: h + "postfix/smtpd[3103]: NOQUEUE: reject: RCPT from h.example.net[203.0.113.132]: 450 4.1.8 <a@nowhere.example>: Sender address rejected: Domain not found; from=<a@nowhere.example> to=<b@example.org> proto=ESMTP helo=<h.example.net>", ip: "203.0.113.132", auth: authProbe, service: "postfix"},
		{line: h + "postfix/smtpd[3104]: NOQUEUE: reject: RCPT from h.example.net[203.0.113.133]: 550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown in local recipient table; from=<a@example.net> to=<nobody@example.org> proto=ESMTP helo=<h.example.net>", ip: "203.0.113.133", auth: authProbe, service: "postfix"},
		// Greylisting is the server's own delay, not the client's fault.
		{line: h + "postfix/smtpd[3105]: NOQUEUE: reject: RCPT from mx.example.net[198.51.100.30]: 450 4.2.0 <b@example.org>: Recipient address rejected: Greylisted; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<mx.example.net>", ip: "198.51.100.30", auth: authDisconnect, service: "postfix"},
		// dovecot: the address right after the reason.
		{line: h + "dovecot: pop3-login: Disconnected (no auth attempts): rip=203.0.113.134, lip=192.0.2.5, TLS: Disconnected", ip: "203.0.113.134", auth: authProbe, service: "dovecot"},
		{line: h + "dovecot: imap-login: Aborted login (tried to use disabled plaintext auth): rip=203.0.113.135, lip=192.0.2.5", ip: "203.0.113.135", auth: authFailure, service: "dovecot"},
	})
}

func TestFTPShapesMore(t *testing.T) {
	const h = "Jun  4 11:20:31 files "
	runAuthCases(t, []authCase{
		// ProFTPD's tag without its colon.
		{line: h + "proftpd[5120] files.example.org (scan.example.net[203.0.113.140]): USER backup (Login failed): Incorrect password.", ip: "203.0.113.140", auth: authFailure, user: "backup", service: "proftpd"},
		{line: h + "proftpd[5121] files.example.org (203.0.113.141[203.0.113.141]): USER nobody: no such user found from 203.0.113.141 [203.0.113.141] to 192.0.2.7:21", ip: "203.0.113.141", auth: authInvalidUser, user: "nobody", service: "proftpd"},
		{line: h + "proftpd[5122] files.example.org (::ffff:203.0.113.142[::ffff:203.0.113.142]): SECURITY VIOLATION: root login attempted.", ip: "203.0.113.142", auth: authRefused, user: "root", service: "proftpd"},
		// PAM's messages before 0.99, under the FTP daemons' tags.
		{line: h + "pure-ftpd: (pam_unix) authentication failure; logname= uid=0 euid=0 tty=pure-ftpd ruser=dave rhost=203.0.113.143 ", ip: "203.0.113.143", auth: authPAMFailure, service: "pure-ftpd", echo: true},
		{line: h + "proftpd: (pam_unix) authentication failure; logname= uid=0 euid=0 tty= ruser= rhost=203.0.113.144  user=dave", ip: "203.0.113.144", auth: authPAMFailure, user: "dave", service: "proftpd", echo: true},
		{line: h + "vsftpd: (pam_unix) authentication failure; logname= uid=0 euid=0 tty= ruser= rhost=203.0.113.145", ip: "203.0.113.145", auth: authPAMFailure, service: "vsftpd", echo: true},
	})
}

func TestMailShapesMore(t *testing.T) {
	const h = "Jun  4 11:20:31 mx "
	runAuthCases(t, []authCase{
		// sendmail's daemon under the name of its state.
		{line: h + "sm-acceptingconnections[7001]: 4B4Bq1Qx007001: h.example.net [203.0.113.150]: possible SMTP attack: command=AUTH, count=6", ip: "203.0.113.150", auth: authTooMany, service: "sendmail"},
		{line: h + "sm-acceptingconnections[7002]: 4B4Bq1Qx007002: ruleset=check_rcpt, arg1=<x@example.net>, relay=h.example.net [203.0.113.151], reject=550 5.7.1 <x@example.net>... Relaying denied. Proper authentication required.", ip: "203.0.113.151", auth: authRelay, service: "sendmail"},
		// What sendmail's check rulesets reject, and clients that talk out
		// of turn or ask which users exist.
		{line: h + "sm-mta[7003]: 4B4Bq1Qx007003: ruleset=check_rcpt, arg1=<eve@example.org>, relay=[203.0.113.152], reject=553 5.1.8 <eve@example.org>... Domain of sender address x@nowhere.example does not exist", ip: "203.0.113.152", auth: authProbe, service: "sendmail"},
		{line: h + "sm-mta[7004]: 4B4Bq1Qx007004: ruleset=check_rcpt, arg1=<eve@example.org>, relay=[203.0.113.153], reject=550 5.7.1 <eve@example.org>... Rejected: 203.0.113.153 listed at bl.example.org", ip: "203.0.113.153", auth: authProbe, service: "sendmail"},
		{line: h + "sm-mta[7005]: ruleset=check_relay, arg1=h.example.net, arg2=203.0.113.154, relay=h.example.net [203.0.113.154], reject=421 4.3.2 Too many open connections.", ip: "203.0.113.154", auth: authProbe, service: "sendmail"},
		{line: h + "sm-mta[7006]: 4B4Bq1Qx007006: rejecting commands from h.example.net [203.0.113.155] due to pre-greeting traffic after 2 seconds", ip: "203.0.113.155", auth: authProbe, service: "sendmail"},
		{line: h + "sm-mta[7007]: 4B4Bq1Qx007007: h.example.net [203.0.113.156]: VRFY postmaster [rejected]", ip: "203.0.113.156", auth: authProbe, service: "sendmail"},
		{line: h + "sendmail[7008]: 4B4Bq1Qx007008: [203.0.113.157]: expn staff [rejected]", ip: "203.0.113.157", auth: authProbe, service: "sendmail"},
		// courier: a guessed recipient.
		{line: h + "courieresmtpd: error,relay=::ffff:203.0.113.158,from=<a@example.net>,to=<nobody@example.org>: 550 User unknown.", ip: "203.0.113.158", auth: authProbe, service: "courier"},
		// Cyrus run under the name imapd.
		{line: h + "imapd[4410]: badlogin: h.example.net [203.0.113.159] CRAM-MD5 [SASL(-13): authentication failure: incorrect digest response]", ip: "203.0.113.159", auth: authFailure, service: "cyrus"},
		{line: h + "imapd[4411]: badlogin: local-h[203.0.113.160] OTP [SASL(-13): authentication failure: External SSF not good enough]", ip: "203.0.113.160", auth: authFailure, service: "cyrus"},
		// UW IMAP refusing a plaintext login.
		{line: h + "imapd[4412]: Login disabled user=guest auth=guest host=h.example.net [203.0.113.161]", ip: "203.0.113.161", auth: authFailure, user: "guest", service: "uw-imap"},
	})
}

func TestApacheErrorThroughSyslog(t *testing.T) {
	const h = "Jun  4 11:20:31 www "
	runAuthCases(t, []authCase{
		{line: h + "httpd[2201]: [auth_basic:error] [pid 2201] [client 203.0.113.170:50100] AH01617: user dave: authentication failure for \"/private\": Password Mismatch", ip: "203.0.113.170", auth: authFailure, user: "dave", service: "http"},
		{line: h + "apache2[2202]: [auth_basic:error] [pid 2202:tid 1401] [client 2001:db8::31:50101] AH01618: user nobody not found: /private", ip: "2001:db8::31", auth: authInvalidUser, user: "nobody", service: "http"},
		{line: h + "httpd[2204]: [error] [client 203.0.113.172] user nobody not found: /private", ip: "203.0.113.172", auth: authInvalidUser, user: "nobody", service: "http"},
		{line: h + "httpd/site2[2203]: [:error] [pid 2203] [client 203.0.113.171:50102] AH01630: client denied by server configuration: /srv/site2/", ip: "203.0.113.171", service: "http"},
	})
}

func TestApacheAuthShapesMore(t *testing.T) {
	ae := formatNamed("apache_error")
	runAuthCases(t, []authCase{
		{line: "[Tue Jun 04 11:20:31 2024] [error] [client 203.0.113.175] user admin not found", ip: "203.0.113.175", auth: authInvalidUser, user: "admin", service: "http", format: ae},
		{line: "[Tue Jun 04 11:20:32.120000 2024] [auth_digest:error] [pid 3301:tid 1402] [client 203.0.113.176:50200] AH01788: realm mismatch - got `other' but expected `private area'", ip: "203.0.113.176", auth: authFailure, service: "http", format: ae},
		{line: "[Tue Jun 04 11:20:33.120000 2024] [auth_digest:error] [pid 3301:tid 1402] [client 203.0.113.177:50201] AH01789: unknown algorithm `MD6' received: /private/", ip: "203.0.113.177", auth: authFailure, service: "http", format: ae},
		{line: "[Tue Jun 04 11:20:34 2024] [error] [client 203.0.113.178] Digest: invalid nonce AbCdEf= received - length is not 52", ip: "203.0.113.178", auth: authFailure, service: "http", format: ae},
		{line: "[Tue Jun 04 11:20:35.120000 2024] [auth_digest:error] [pid 3301:tid 1402] [client 203.0.113.179:50202] AH01777: invalid nonce QmFzZTY0= received - user attempted time travel", ip: "203.0.113.179", auth: authFailure, service: "http", format: ae},
	})
}

func TestAsteriskShapesMore(t *testing.T) {
	ast := formatNamed("asterisk")
	runAuthCases(t, []authCase{
		{line: "[2024-06-04 11:20:31] NOTICE[2301] chan_iax2.c: Host 203.0.113.180 failed to authenticate as 'trunk1'", ip: "203.0.113.180", auth: authFailure, user: "trunk1", service: "asterisk", format: ast},
		{line: "[2024-06-04 11:20:32] NOTICE[2302] manager.c: 203.0.113.181 failed to authenticate as 'admin'", ip: "203.0.113.181", auth: authFailure, user: "admin", service: "asterisk", format: ast},
		{line: "[2024-06-04 11:20:33] NOTICE[2303] manager.c: 203.0.113.182 tried to authenticate with nonexistent user 'monitor'", ip: "203.0.113.182", auth: authInvalidUser, user: "monitor", service: "asterisk", format: ast},
		{line: "[2024-06-04 11:20:34] NOTICE[2304][C-00000a1b] chan_sip.c: Call from '' (203.0.113.183:5071) to extension '00441234567890' rejected because extension not found in context 'public'.", ip: "203.0.113.183", auth: authFailure, service: "asterisk", format: ast},
		{line: "[2024-06-04 11:20:35] NOTICE[2305] chan_sip.c: hacking attempt detected '203.0.113.184'", ip: "203.0.113.184", auth: authFailure, service: "asterisk", format: ast},
		{line: "[2024-06-04 11:20:36] WARNING[2306][C-00000a1c] Ext. s: \"Rejecting unknown SIP connection from 203.0.113.185\"", ip: "203.0.113.185", auth: authRefused, service: "asterisk", format: ast},
	})
}

func TestOpenVPNShapesMore(t *testing.T) {
	const h = "Jun  4 11:20:31 vpn "
	runAuthCases(t, []authCase{
		{line: h + "ovpn-server[901]: 203.0.113.190:41234 WARNING: Bad encapsulated packet length from peer (18245), which must be > 0 and <= 1627 -- please ensure that --tun-mtu or --link-mtu is equal on both peers -- this condition could also indicate a possible active attack on the TCP link -- [Attempting restart...]", ip: "203.0.113.190", auth: authProbe, service: "openvpn"},
		{line: h + "ovpn-server[901]: 203.0.113.191:41235 TLS Auth Error: Auth Username/Password verification failed for peer", ip: "203.0.113.191", auth: authFailure, service: "openvpn"},
		{line: h + "ovpn-server[901]: TCP connection established with [AF_INET]198.51.100.40:41236", service: "openvpn"},
	})
}

func TestDrupalUnderSiteName(t *testing.T) {
	runAuthCases(t, []authCase{
		{line: "Jun  4 11:20:31 web shop.example.org: https://shop.example.org|1717500031|user|203.0.113.195|https://shop.example.org/user/login|https://shop.example.org/user/login|0||Login attempt failed for editor.", ip: "203.0.113.195", auth: authFailure, user: "editor", service: "drupal"},
	})
}

func TestFroxlorMonolog(t *testing.T) {
	const h = "2024-06-04T11:20:31.120000+02:00 panel "
	runAuthCases(t, []authCase{
		{line: h + `froxlor[4101]: froxlor.WARNING: User tried to login with wrong password. {"source":"login","action":"50","user":"203.0.113.196"} []`, ip: "203.0.113.196", auth: authFailure, service: "froxlor"},
		{line: h + `froxlor[4102]: froxlor.WARNING: Unknown user tried to login. {"source":"login","action":"50","user":"2001:db8::41"} []`, ip: "2001:db8::41", auth: authInvalidUser, service: "froxlor"},
		{line: h + `froxlor[4103]: froxlor.INFO: User logged in successfully. {"source":"login","action":"50","user":"anna"} []`, service: "froxlor"},
	})
}

func TestKerioShapesMore(t *testing.T) {
	kerio := formatNamed("kerio")
	runAuthCases(t, []authCase{
		{line: "[04/Jun/2024 11:20:31] IP address 203.0.113.200 found in DNS blacklist SpamCop, mail from <a@example.net> to <b@example.org> rejected", ip: "203.0.113.200", auth: authProbe, service: "kerio", format: kerio},
		{line: "[04/Jun/2024 11:20:32] Client with IP address 203.0.113.201 has no reverse DNS entry, connection rejected before SMTP greeting", ip: "203.0.113.201", auth: authProbe, service: "kerio", format: kerio},
		{line: "[04/Jun/2024 11:20:33] Message from IP address 203.0.113.202, sender <x@nowhere.example> rejected: sender domain does not exist", ip: "203.0.113.202", auth: authProbe, service: "kerio", format: kerio},
		{line: "[04/Jun/2024 11:20:34] Administration login into Web Administration from 203.0.113.203 failed: IP address not allowed", ip: "203.0.113.203", auth: authFailure, service: "kerio", format: kerio},
	})
}

func TestBitwardenDominoMore(t *testing.T) {
	runAuthCases(t, []authCase{
		{line: "2024-06-04 11:20:31.464 +02:00 [Warning] Failed login attempt, 2FA invalid. 203.0.113.205", ip: "203.0.113.205", auth: authFailure, service: "bitwarden", format: formatNamed("bitwarden")},
		{line: "2024-06-04 11:20:32   smtp: office [203.0.113.206] authentication failure using internet password", ip: "203.0.113.206", auth: authFailure, user: "office", service: "domino", format: formatNamed("domino")},
	})
}

func TestMonitOwnLog(t *testing.T) {
	monit := formatNamed("monit")
	runAuthCases(t, []authCase{
		{line: "[CEST Jun  4 11:20:31] error    : HttpRequest: access denied -- client [203.0.113.210]: wrong password for user 'admin'", ip: "203.0.113.210", auth: authFailure, user: "admin", service: "monit", format: monit},
		{line: "[PDT Jun  4 11:20:32] error    : Warning: Client '203.0.113.211' supplied unknown user 'ops' accessing monit httpd", ip: "203.0.113.211", auth: authInvalidUser, user: "ops", service: "monit", format: monit},
		{line: "[2024-06-04T11:20:33+0200] error    : HttpRequest: access denied -- client 2001:db8::51: unknown user 'guest'", ip: "2001:db8::51", auth: authInvalidUser, user: "guest", service: "monit", format: monit},
		{line: "[CEST Jun  4 11:20:34] info     : 'www' Monit 5.33.0 started", format: monit},
	})
}

func TestRFC5424BracketInValue(t *testing.T) {
	runAuthCases(t, []authCase{
		{line: `<38>1 2024-06-04T11:20:31.120000+02:00 gw.example.org sshd 4410 - [timeQuality tzKnown="1" isSynced="0"][meta@32473 note="[x]"] Failed password for invalid user backup from 203.0.113.215 port 50300 ssh2`, ip: "203.0.113.215", auth: authInvalidUser, user: "backup", service: "sshd"},
		{line: `<38>1 2024-06-04T11:20:32.120000+02:00 gw.example.org sshd 4411 - [meta@32473 note="a\]b"] Failed password for root from 203.0.113.216 port 50301 ssh2`, ip: "203.0.113.216", auth: authFailure, user: "root", service: "sshd"},
	})
}

// MongoDB's text log before 4.4: 3.x and 4.0–4.2 name the client on the
// failure; 2.x only on the line that accepted the connection.
func TestMongoTextLog(t *testing.T) {
	mongo := formatNamed("mongodb")
	runAuthCases(t, []authCase{
		{line: "2019-03-04T10:00:00.000+0000 I ACCESS   [conn12] SASL SCRAM-SHA-1 authentication failed for reporting on admin from client 203.0.113.220:50000 ; AuthenticationFailed: SCRAM authentication failed, storedKey mismatch", ip: "203.0.113.220", auth: authFailure, user: "reporting", service: "mongodb", format: mongo},
		{line: "2019-03-04T10:00:01.000+0000 I ACCESS   [conn13] SASL SCRAM-SHA-256 authentication failed for admin on admin from client 203.0.113.221:50001 ; UserNotFound: Could not find user admin@admin", ip: "203.0.113.221", auth: authInvalidUser, user: "admin", service: "mongodb", format: mongo},
		{line: "2019-03-04T10:00:02.000+0000 I ACCESS   [conn14] Successfully authenticated as principal app on appdb from client 198.51.100.60:50002", ip: "198.51.100.60", auth: authSuccess, user: "app", service: "mongodb", format: mongo},
		{line: "2019-03-04T10:00:03.000+0000 I NETWORK  [conn14] end connection 198.51.100.60:50002 (0 connections now open)", service: "mongodb", format: mongo},
	})
	in := strings.Join([]string{
		"2016-11-20T00:04:00.100+0100 [initandlisten] connection accepted from 203.0.113.222:53276 #21 (1 connection now open)",
		"2016-11-20T00:04:00.110+0100 [conn21] Failed to authenticate root@admin with mechanism MONGODB-CR: AuthenticationFailed UserNotFound Could not find user root@admin",
		"2016-11-20T00:04:00.111+0100 [conn21] end connection 203.0.113.222:53276 (0 connections now open)",
		"2016-11-20T00:04:01.110+0100 [conn99] Failed to authenticate root@admin with mechanism MONGODB-CR: AuthenticationFailed key mismatch", // opened before the log begins
	}, "\n")
	_, actors, _ := run(t, "", in, Options{})
	if a := actors["203.0.113.222"]; a.Category != BruteForce || len(a.Users) != 1 || a.Users[0] != "root" {
		t.Errorf("203.0.113.222: %v %v", a.Category, a.Users)
	}
	if len(actors) != 1 {
		t.Errorf("actors: %v", actors)
	}
}

func TestRoundcubeOwnLog(t *testing.T) {
	rc := formatNamed("roundcube")
	runAuthCases(t, []authCase{
		{line: "[04-Jun-2024 11:20:31 +0200]: <8a3kf2p1> IMAP Error: Login failed for office against localhost from 203.0.113.225. AUTHENTICATE PLAIN: Authentication failed. in /var/www/roundcube/program/lib/Roundcube/rcube_imap.php on line 211 (POST /?_task=login&_action=login)", ip: "203.0.113.225", auth: authFailure, user: "office", service: "roundcube", format: rc},
		{line: "[04-Jun-2024 11:20:32 -0500]: <8a3kf2p2> Failed login for office from 203.0.113.226 in session 8a3kf2p2 (error: 0)", ip: "203.0.113.226", auth: authFailure, user: "office", service: "roundcube", format: rc},
		{line: "[04-Jun-2024 11:20:33 +0000]: FAILED login for sales from 2001:db8::61", ip: "2001:db8::61", auth: authFailure, user: "sales", service: "roundcube", format: rc},
		{line: "[04-Jun-2024 11:20:34 +0000]: <8a3kf2p3> Successful login for anna (ID: 3) from 198.51.100.70 in session 8a3kf2p3", format: rc},
	})
}

func TestSyslogBSDPriority(t *testing.T) {
	runAuthCases(t, []authCase{
		{line: "Jun  4 11:20:31 <auth.info> bsd sshd[701]: Failed password for invalid user www from 203.0.113.230 port 50400 ssh2", ip: "203.0.113.230", auth: authInvalidUser, user: "www", service: "sshd"},
		{line: "Jun  4 11:20:32 <4.6> bsd sshd[702]: Failed password for root from 203.0.113.231 port 50401 ssh2", ip: "203.0.113.231", auth: authFailure, user: "root", service: "sshd"},
	})
}

func TestFreeSWITCHEjabberdMore(t *testing.T) {
	runAuthCases(t, []authCase{
		{line: "2024-06-04 11:20:31.150982 97.53% [WARNING] sofia_reg.c:2889 Can't find user [1002@192.0.2.20] from 203.0.113.235", ip: "203.0.113.235", auth: authInvalidUser, user: "1002", service: "freeswitch", format: formatNamed("freeswitch")},
		{line: "Jun  4 11:20:32 pbx freeswitch[3301]: 2024-06-04 11:20:32.150982 100.00% [WARNING] sofia_reg.c:1720 SIP auth failure (REGISTER) on sofia profile 'internal' for [1003@192.0.2.20] from ip 203.0.113.236", ip: "203.0.113.236", auth: authFailure, user: "1003", service: "freeswitch"},
		{line: "2024-06-04 11:20:33.512 [info] <0.2741.1>@ejabberd_c2s:wait_for_feature_request:662 ({socket_state,p1_tls,{tlssock,#Port<0.2718>,#Port<0.2720>},<0.2740.1>}) Failed authentication for carol@example.org from IP 203.0.113.237", ip: "203.0.113.237", auth: authFailure, user: "carol@example.org", service: "ejabberd", format: formatNamed("ejabberd")},
	})
}

func TestASSPSSLProbe(t *testing.T) {
	runAuthCases(t, []authCase{
		{line: "Jun-04-24 11:20:31 [SSL-out] 203.0.113.240 SSL negotiation with client failed: SSL accept attempt failed with unknown error", ip: "203.0.113.240", auth: authProbe, service: "assp", format: formatNamed("assp")},
	})
}

func TestFail2banThroughSyslog(t *testing.T) {
	runAuthCases(t, []authCase{
		{line: "Jun  4 11:20:31 gw fail2ban.actions[1201]: NOTICE [sshd] Ban 203.0.113.245", ip: "203.0.113.245", auth: authBan, service: "fail2ban"},
		{line: "Jun  4 11:20:32 gw fail2ban.server.actions: NOTICE [postfix-sasl] Ban 203.0.113.246", ip: "203.0.113.246", auth: authBan, service: "fail2ban"},
		{line: "Jun  4 11:20:33 gw fail2ban.filter[1201]: INFO [sshd] Found 203.0.113.247 - 2024-06-04 11:20:33", ip: "203.0.113.247", auth: authFound, service: "fail2ban"},
		{line: "Jun  4 11:30:31 gw fail2ban.actions[1201]: NOTICE [sshd] Unban 203.0.113.245", service: "fail2ban"},
	})
}

// Flask's .flaskenv holds its settings, secrets often among them.
func TestFlaskEnvProbe(t *testing.T) {
	in := `203.0.113.250 - - [04/Jun/2024:11:20:31 +0000] "GET /api/.flaskenv HTTP/1.1" 404 153 "-" "Mozilla/5.0"`
	_, actors, _ := run(t, "", in, Options{})
	if a := actors["203.0.113.250"]; a.Category != VulnScanner {
		t.Errorf("203.0.113.250: %v, want %v", a.Category, VulnScanner)
	}
}
