package classify

import "testing"

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
