package classify

import (
	"strings"
	"testing"
	"time"
)

// Hosting panels, webmail, consoles, mail gateways, a proxy and a game
// server, each from its own log (and through syslog where it writes there).
func TestPanelLines(t *testing.T) {
	f := formatNamed
	runAuthCases(t, []authCase{
		// Bitwarden: one space or two before the address, or none logged.
		{line: "2026-11-27 10:00:01.008 +01:00 [WRN] Failed login attempt. 198.51.100.100", ip: "198.51.100.100", auth: authFailure, service: "bitwarden", format: f("bitwarden")},
		{line: "2026-11-27 10:00:02.464 +01:00 [WRN] Failed login attempt, 2FA invalid. 198.51.100.101", ip: "198.51.100.101", auth: authFailure, service: "bitwarden", format: f("bitwarden")},
		{line: "2026-11-27 10:00:03.000 +00:00 [WRN] Failed login attempt.  2001:db8::102", ip: "2001:db8::102", auth: authFailure, service: "bitwarden", format: f("bitwarden")},
		{line: "2026-11-27 10:00:04.000 +00:00 [WRN] Failed login attempt.", format: f("bitwarden")},
		{line: "2026-11-27 10:00:05.000 +00:00 [INF] Starting Bitwarden Identity", format: f("bitwarden")},
		{line: "Nov 27 10:00:06 vault Bitwarden-Identity[12]: [Bit.Core.Identity] Failed login attempt. 198.51.100.103", ip: "198.51.100.103", auth: authFailure, service: "bitwarden"},

		// Suhosin, from its own program and through lighttpd.
		{line: "Nov 27 10:00:07 web suhosin[9636]: ALERT - ASCII-NUL chars not allowed within request variables - dropped variable 'templatefile' (attacker '198.51.100.104', file '/var/www/cart.php')", ip: "198.51.100.104", service: "suhosin"},
		{line: "Nov 27 10:00:08 web lighttpd[53690]: (mod_fastcgi.c.2676) FastCGI-stderr: ALERT - configured request variable name length limit exceeded - dropped variable 'x' (attacker '198.51.100.105', file '/var/www/index.php')", ip: "198.51.100.105", service: "suhosin"},
		{line: "Nov 27 10:00:09 web suhosin[9636]: ALERT - script tried to increase memory_limit to 268435456 bytes which is above the allowed value (attacker '198.51.100.106', file '/var/www/image.php', line 161)"},
		{line: "Nov 27 10:00:10 web suhosin[9636]: ALERT - canary mismatch on efree() - heap overflow detected (attacker 'REMOTE_ADDR not set', file 'unknown')"},

		// DirectAdmin: a line counts its failures.
		{line: "2026:11:27-10:00:11: '198.51.100.107' 13 failed login attempts. Account 'admin'", ip: "198.51.100.107", auth: authFailure, user: "admin", service: "directadmin", format: f("directadmin")},
		{line: "2026:11:27-10:00:12: '198.51.100.108' 1 failed login attempt. Invalid account 'user%2Ename'", ip: "198.51.100.108", auth: authInvalidUser, user: "user%2Ename", service: "directadmin", format: f("directadmin")},
		{line: "2026:11:27-10:00:13: '198.51.100.109' successful login to 'admin' after 1 attempts", ip: "198.51.100.109", auth: authSuccess, user: "admin", service: "directadmin", format: f("directadmin")},

		// Froxlor through syslog.
		{line: "Nov 27 10:00:14 panel Froxlor: [Login Action 198.51.100.110] Unknown user 'root' tried to login.", ip: "198.51.100.110", auth: authInvalidUser, user: "root", service: "froxlor"},
		{line: "Nov 27 10:00:15 panel Froxlor: [Login Action 198.51.100.111] User 'admin' tried to login with wrong password.", ip: "198.51.100.111", auth: authFailure, user: "admin", service: "froxlor"},
		{line: "Nov 27 10:00:16 panel Froxlor: [Login Action 198.51.100.111] User 'admin' logged in", service: ""},

		// Centreon, Tine 2.0, SquirrelMail, OpenWebMail, Monitorix.
		{line: "2026-11-27 10:00:17|-1|0|0|[WEB] [198.51.100.112] Authentication failed for 'admin' : password mismatch", ip: "198.51.100.112", auth: authFailure, user: "admin", service: "centreon", format: f("centreon")},
		{line: "8e035 ffff3 -- none -- - 2026-11-27T10:00:18+00:00 WARN (4): Tinebase_Controller::login::106 Login with username test user from 198.51.100.113 failed (-3)!", ip: "198.51.100.113", auth: authFailure, user: "test user", service: "tine20", format: f("tine20")},
		{line: "8e035 ffff3 -- none -- - 2026-11-27T10:00:19+00:00 WARN (4): Tinebase_Controller::login::106 Login with username nobody from 198.51.100.114 failed (-1)!", ip: "198.51.100.114", auth: authInvalidUser, user: "nobody", service: "tine20", format: f("tine20")},
		{line: "11/27/2026 10:00:20 [LOGIN_ERROR] admin (example.org) from 198.51.100.115: Unknown user or password incorrect.", ip: "198.51.100.115", auth: authFailure, user: "admin", service: "squirrelmail", format: f("squirrelmail")},
		{line: "Fri Nov 27 10:00:21 2026 - [72926] (198.51.100.116) gsdfg - login error - no such user - loginname=gsdfg", ip: "198.51.100.116", auth: authInvalidUser, user: "gsdfg", service: "openwebmail", format: f("openwebmail")},
		{line: "Fri Nov 27 10:00:22 2026 - [72927] (198.51.100.117) anna - login error - auth_unix.pl, ret -4, Password incorrect", ip: "198.51.100.117", auth: authFailure, user: "anna", service: "openwebmail", format: f("openwebmail")},
		{line: "Fri Nov 27 10:00:23 2026 - AUTHERR - [198.51.100.118] Authentication error: /monitorix/", ip: "198.51.100.118", auth: authFailure, service: "monitorix", format: f("monitorix")},
		{line: "Fri Nov 27 10:00:24 2026 - NOTALLOWED - [198.51.100.119] Access not allowed: /monitorix/", ip: "198.51.100.119", auth: authRefused, service: "monitorix", format: f("monitorix")},
		{line: `Fri Nov 27 10:00:25 2026 - OK - [198.51.100.120] "GET /monitorix/ HTTP/1.1" 200`, format: f("monitorix")},

		// Mail gateways.
		{line: "Nov-27-26 10:00:26 Blocking 198.51.100.121 - too much AUTH errors (8);", ip: "198.51.100.121", auth: authFailure, service: "assp", format: f("assp")},
		{line: "Nov-27-26 10:00:27 [Worker_1] [TLS-out] 198.51.100.122 [SMTP Error] 535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6", ip: "198.51.100.122", auth: authFailure, service: "assp", format: f("assp")},
		{line: "Nov-27-26 10:00:28 m1-12345-01234 [RelayAttempt] 198.51.100.123 <a@example.com> to: b@example.net relay attempt blocked for: b@example.net", ip: "198.51.100.123", auth: authRelay, service: "assp", format: f("assp")},
		{line: "27-11-2026 10:00:29   SMTP Server: Authentication failed for user postmaster ; connecting host 198.51.100.124", ip: "198.51.100.124", auth: authFailure, user: "postmaster", service: "domino", format: f("domino")},
		{line: "[28325:00010-3735542592] 27-11-2026 10:00:30   smtp: admin [198.51.100.125] authentication failure using internet password", ip: "198.51.100.125", auth: authFailure, user: "admin", service: "domino", format: f("domino")},
		{line: "[27/Nov/2026 10:00:31] Failed SMTP login from 198.51.100.126", ip: "198.51.100.126", auth: authFailure, service: "kerio", format: f("kerio")},
		{line: "[27/Nov/2026 10:00:32] SMTP: User admin doesn't exist. Attempt from IP address 198.51.100.127", ip: "198.51.100.127", auth: authInvalidUser, user: "admin", service: "kerio", format: f("kerio")},
		{line: "[27/Nov/2026 10:00:33] Relay attempt from IP address 198.51.100.128, mail from <a@example.com> to <b@example.net> rejected", ip: "198.51.100.128", auth: authRelay, service: "kerio", format: f("kerio")},
		{line: `<co ts="2026-11-27T10:00:34.29" pi="123f.3f8.4397" sc="tcp_local" dr="+" ac="U" tr="TCP|192.0.2.1|25|198.51.100.129|59762" ap="SMTP" mi="Bad password" us="user@example.com" di="535 5.7.8 Bad username or password (Authentication failed)."/>`,
			ip: "198.51.100.129", auth: authFailure, user: "user@example.com", service: "oracle-ims", format: f("oracle_ims")},
		{line: `<co ts="2026-11-27T10:00:35.00" pi="1" sc="tcp_local" dr="+" ac="O" tr="TCP|192.0.2.1|25|198.51.100.130|59763" ap="SMTP"/>`, format: f("oracle_ims")},

		// A game server's remote console, a proxy, gssftpd.
		{line: `L 11/27/2026 - 10:00:36: Bad Rcon: "rcon 1146003691 "284"  sv_contact "HLBrute 1.10"" from "198.51.100.131:57370"`, ip: "198.51.100.131", auth: authFailure, service: "srcds", format: f("srcds")},
		{line: `L 11/27/2026 - 10:00:37: "Player<2><STEAM_0:1:1><CT>" say "hello"`, format: f("srcds")},
		{line: "261127100038.429 3128 00005 admin 198.51.100.132:62700 192.0.2.50:80 0 0 0 CONNECT 192.0.2.50:80", ip: "198.51.100.132", auth: authInvalidUser, user: "admin", service: "3proxy", format: f("3proxy")},
		{line: "261127100039.429 3128 00006 - 198.51.100.133:62701 192.0.2.50:80 0 0 0 GET http://192.0.2.50/", ip: "198.51.100.133", auth: authFailure, service: "3proxy", format: f("3proxy")},
		{line: "261127100040.429 3128 00000 - 198.51.100.134:62702 192.0.2.50:80 100 200 0 GET http://192.0.2.50/", format: f("3proxy")},
		{line: "Nov 27 10:00:41 h ftpd[1234]: repeated login failures from 198.51.100.135 (scanner.example)", ip: "198.51.100.135", auth: authFailure, service: "wu-ftpd"},
	})
}

// A Monitorix path that does not exist is judged as a request for it.
func TestMonitorixProbe(t *testing.T) {
	p := newLineParser(mustRules(t, ""), &Options{Location: time.UTC})
	v := p.classify([]byte("Fri Nov 27 10:00:24 2026 - NOTEXIST - [198.51.100.140] File does not exist: /phpmyadmin/setup.php"), &fileCtx{ref: testNow, cols: noColumns})
	if v.res != resOK || v.category != VulnScanner {
		t.Errorf("res %s category %v rule %q", resultName(v.res), v.category, v.rule)
	}
}

// DirectAdmin's line of 13 failures is a guesser's; one failure and then
// a login is a user's.
func TestPanelWindows(t *testing.T) {
	in := strings.Join([]string{
		"2026:11:27-10:00:11: '198.51.100.150' 13 failed login attempts. Account 'admin'",
		"2026:11:27-10:00:12: '198.51.100.151' 1 failed login attempt. Account 'anna'",
		"2026:11:27-10:00:13: '198.51.100.151' successful login to 'anna' after 2 attempts",
	}, "\n")
	_, actors, _ := run(t, "", in, Options{})
	if a := actors["198.51.100.150"]; a.Category != BruteForce {
		t.Errorf("13 failures on one line: %v %v", a.Category, a.Counts)
	}
	if a := actors["198.51.100.151"]; a.Category != Legit {
		t.Errorf("a failure, then a login: %v", a.Category)
	}
}

// MikroTik RouterOS through a syslog server: topics, not a program.
func TestRouterOSLines(t *testing.T) {
	runAuthCases(t, []authCase{
		{line: "Nov 27 10:00:01 192.168.88.1 system,error,critical login failure for user admin from 198.51.100.180 via ssh", ip: "198.51.100.180", auth: authFailure, user: "admin", service: "routeros"},
		{line: "Nov 27 10:00:02 mikrotik login failure for user test from 198.51.100.181 via winbox", ip: "198.51.100.181", auth: authFailure, user: "test", service: "routeros"},
		{line: "Nov 27 10:00:03 192.168.88.1 system,info,account user admin logged in from 198.51.100.182 via winbox", ip: "198.51.100.182", auth: authSuccess, user: "admin", service: "routeros"},
		{line: "Nov 27 10:00:04 192.168.88.1 l2tp,ppp,info <198.51.100.183>: sent CHAP Failure id=0x5", ip: "198.51.100.183", auth: authFailure, service: "routeros"},
		{line: "Nov 27 10:00:05 192.168.88.1 ovpn,info <198.51.100.184>: user 'vpn' authentication failed", ip: "198.51.100.184", auth: authFailure, user: "vpn", service: "routeros"},
		{line: "Nov 27 10:00:06 192.168.88.1 l2tp,ppp,info <l2tp-anna>: sent CHAP Failure id=0x5"},
		{line: "Nov 27 10:00:07 192.168.88.1 system,info filter rule changed by admin"},
	})
}
