package classify

import (
	"testing"
	"time"
)

// UW IMAP, Cyrus's sieve server, the perdition proxy and solid-pop3d.
func TestMoreMailLines(t *testing.T) {
	runAuthCases(t, []authCase{
		{line: "Nov 27 10:00:01 m imapd[666]: Login failed user=lizdy auth=lizdy host=h2066373.example.net [198.51.100.190]", ip: "198.51.100.190", auth: authFailure, user: "lizdy", service: "uw-imap"},
		{line: "Nov 27 10:00:02 m ipop3d[25745]: Login failed user=info auth=info host=[198.51.100.191]", ip: "198.51.100.191", auth: authFailure, user: "info", service: "uw-imap"},
		{line: "Nov 27 10:00:03 m imapd[19343]: Login excessive login failures user=user auth=user host=scan.example [198.51.100.192]", ip: "198.51.100.192", auth: authTooMany, user: "user", service: "uw-imap"},
		{line: "Nov 27 10:00:04 m imapd[3473]: Failed uwmaster override of user=pro1  host=r22.example [198.51.100.193]", ip: "198.51.100.193", auth: authFailure, user: "pro1", service: "uw-imap"},
		{line: "Nov 27 10:00:05 m imapd[3474]: Login user=anna host=client.example [198.51.100.194] nmsgs=0/0", ip: "198.51.100.194", auth: authSuccess, user: "anna", service: "uw-imap"},
		{line: "Nov 27 10:00:06 m imapd[3475]: Logout user=anna host=client.example [198.51.100.194] nmsgs=0 ndele=0"},
		{line: "Nov 27 10:00:07 m imapd[3476]: Login failed user=x auth=x host=UNKNOWN"},
		{line: "Nov 27 10:00:08 m imapd: LOGIN FAILED, user=admin, ip=[::ffff:198.51.100.195]", ip: "198.51.100.195", auth: authFailure, user: "admin", service: "courier"},
		{line: "Nov 27 10:00:09 m cyrus/timsieved[1]: badlogin: mail.example.org [198.51.100.196] PLAIN authentication failure", ip: "198.51.100.196", auth: authFailure, service: "cyrus"},
		{line: "Nov 27 10:00:10 m timsieved[1]: badlogin: [198.51.100.197] PLAIN authentication failure", ip: "198.51.100.197", auth: authFailure, service: "cyrus"},
		{line: `Nov 27 10:00:11 m perdition.imaps[3194]: Auth: 198.51.100.198:2274->192.0.2.9:993 client-secure=ssl authorisation_id=NONE authentication_id="carles" server="imap.example:993" protocol=IMAP4S server-secure=ssl status="failed: Re-Authentication Failure"`,
			ip: "198.51.100.198", auth: authFailure, user: "carles", service: "perdition"},
		{line: "Nov 27 10:00:12 m perdition.imaps[3194]: Fatal Error reading authentication information from client 198.51.100.199:2274->192.0.2.9:993: Exiting child",
			ip: "198.51.100.199", auth: authPreauth, service: "perdition"},
		{line: `Nov 27 10:00:13 m perdition.pop3[3195]: Auth: 198.51.100.200:2275->192.0.2.9:110 client-secure=plaintext authorisation_id=NONE authentication_id="anna" server="pop.example:110" protocol=POP3 server-secure=plaintext status="ok"`,
			ip: "198.51.100.200", auth: authSuccess, user: "anna", service: "perdition"},
		{line: "Nov 27 10:00:14 m solid-pop3d[1]: authentication failed: no such user: admin - 198.51.100.201", ip: "198.51.100.201", auth: authInvalidUser, user: "admin", service: "solid-pop3d"},
		{line: "Nov 27 10:00:15 m solid-pop3d[1]: authentication failed for user anna - scan.example (198.51.100.202)", ip: "198.51.100.202", auth: authFailure, user: "anna", service: "solid-pop3d"},
		{line: "Nov 27 10:00:16 m solid-pop3d[1]: user anna authenticated - 198.51.100.203", ip: "198.51.100.203", auth: authSuccess, user: "anna", service: "solid-pop3d"},
		{line: "Nov 27 10:00:17 m solid-pop3d[1]: connect from 198.51.100.203"},
	})
}

// amavis's verdicts: the client that sent spam or a virus, not the relay
// that handed the message over.
func TestAmavisLines(t *testing.T) {
	runAuthCases(t, []authCase{
		{line: "Nov 27 10:00:00 mx amavis[1234]: (01234-05) Blocked SPAM {DiscardedInbound,Quarantined}, [192.0.2.1]:54321 [198.51.100.130] <s@example.net> -> <r@example.org>, Queue-ID: 4F, Hits: 12.3, size: 1234, 1234 ms",
			ip: "198.51.100.130", auth: authProbe, service: "amavis"},
		{line: "Nov 27 10:00:01 mx amavisd-new[1234]: (01234-06) Blocked INFECTED (Eicar-Signature) {DiscardedInbound}, LOCAL [127.0.0.1]:54322 [IPv6:2001:db8::131] <s@example.net> -> <r@example.org>, 12 ms",
			ip: "2001:db8::131", auth: authProbe, service: "amavis"},
		{line: "Nov 27 10:00:02 mx amavis[1234]: (01234-07) Passed CLEAN {RelayedInbound}, [192.0.2.1]:54323 [198.51.100.132] <a@example.com> -> <r@example.org>, 12 ms"},
	})
}

// Axigen names the client once a session; its failed logins take it.
func TestAxigenLog(t *testing.T) {
	log := "2026-11-27 10:01:00 +0100 08 mail.example.com IMAP:0000A1F2: [192.0.2.10:993] connection accepted from [198.51.100.190:51001]\n" +
		"2026-11-27 10:01:00 +0100 08 mail.example.com SMTP-IN:0000A1F3: [192.0.2.10:25] connection accepted from [198.51.100.191:51002]\n" +
		"2026-11-27 10:01:01 +0100 08 mail.example.com IMAP:0000A1F2: Authentication error for user 'anna@example.com': invalid credentials\n" +
		"2026-11-27 10:01:02 +0100 08 mail.example.com IMAP:0000A1F2: connection closed\n"
	evs, _, st := run(t, "", log, Options{})
	if st.Classified != 1 {
		t.Errorf("classified %d", st.Classified)
	}
	if len(evs) != 1 || evs[0].IP.String() != "198.51.100.190" || evs[0].User != "anna@example.com" || evs[0].Service != "axigen" ||
		!evs[0].Time.Equal(time.Date(2026, 11, 27, 9, 1, 1, 0, time.UTC)) {
		t.Errorf("events %v", evs)
	}
}

func TestStalwartLog(t *testing.T) {
	st := formatNamed("stalwart")
	runAuthCases(t, []authCase{
		{line: `2026-11-27T19:11:31Z INFO Authentication failed (auth.failed) listenerId = "imaps", localPort = 993, remoteIp = 198.51.100.195, remotePort = 48712, accountName = "anna"`,
			ip: "198.51.100.195", auth: authFailure, user: "anna", service: "stalwart", format: st},
		{line: `2026-11-27T19:11:32Z INFO Authentication not allowed (smtp.auth-not-allowed) listenerId = "smtp", localPort = 25, remoteIp = 2001:db8::196, remotePort = 48713`,
			ip: "2001:db8::196", auth: authFailure, service: "stalwart", format: st},
		{line: `2026-11-27T19:02:49Z INFO SMTP EHLO command (smtp.ehlo) listenerId = "submissions", localPort = 465, remoteIp = 198.51.100.197, remotePort = 42712, domain = "localhost"`,
			format: st},
	})
}
