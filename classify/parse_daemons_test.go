package classify

import (
	"strings"
	"testing"
	"time"
)

// GitLab, NRPE, NSD, ZNC, SoftEther, macOS screen sharing, stunnel, qmail
// and ZoneMinder's console, from their files and through syslog.
func TestDaemonLines(t *testing.T) {
	f := formatNamed
	runAuthCases(t, []authCase{
		{line: "2026-11-27T10:00:00.667Z: Failed Login: username=admin ip=198.51.100.210", ip: "198.51.100.210", auth: authFailure, user: "admin", service: "gitlab", format: f("gitlab")},
		{line: "2026-11-27T10:00:01.344Z: Failed Login: username=user name ip=198.51.100.211", ip: "198.51.100.211", auth: authFailure, user: "user name", service: "gitlab", format: f("gitlab")},
		{line: `{"severity":"INFO","time":"2026-11-27T10:00:02.979Z","correlation_id":"01H8P7","meta.caller_id":"SessionsController#new","meta.remote_ip":"198.51.100.212","message":"Failed Login: username=root ip=198.51.100.212"}`,
			ip: "198.51.100.212", auth: authFailure, user: "root", service: "gitlab", format: f("gitlab")},
		{line: "2026-11-27T10:00:03.000Z: Successful Login: username=anna ip=198.51.100.213 method=standard admin=false", ip: "198.51.100.213", auth: authSuccess, user: "anna", service: "gitlab", format: f("gitlab")},
		{line: "2026-11-27T10:00:04.000Z: User Logout: username=anna ip=198.51.100.213", format: f("gitlab")},

		{line: "Nov 27 10:00:05 mon nrpe[63284]: Host 198.51.100.214 is not allowed to talk to us!", ip: "198.51.100.214", auth: authRefused, service: "nrpe"},
		{line: "Nov 27 10:00:06 mon nrpe[63290]: Error: (!log_opts) Could not complete SSL handshake with 198.51.100.215: 1", ip: "198.51.100.215", auth: authProbe, service: "nrpe"},
		{line: "Nov 27 10:00:07 mon nrpe[63291]: Could not read request from client 198.51.100.216, bailing out...", ip: "198.51.100.216", auth: authProbe, service: "nrpe"},
		{line: "Nov 27 10:00:08 mon nrpe[63292]: Listening for connections on port 5666"},

		{line: "Nov 27 10:00:09 ns nsd[23600]: info: axfr for zone example.nl. from client 198.51.100.217 refused, no acl matches.", ip: "198.51.100.217", auth: authRefused, service: "nsd"},
		{line: "Nov 27 10:00:10 ns nsd[160800]: info: axfr for example.com. from 198.51.100.218 refused, no acl matches", ip: "198.51.100.218", auth: authRefused, service: "nsd"},
		{line: "Nov 27 10:00:11 ns nsd[7745]: info: ratelimit block example.com. type any target 192.0.2.0/24 query 192.0.2.105 TYPE255"},

		{line: "[2026-11-27 10:00:12] [girst] failed to login from 198.51.100.219", ip: "198.51.100.219", auth: authFailure, user: "girst", service: "znc", format: f("znc")},
		{line: "[2026-11-27 10:00:13] [admin] failed to login from 198.51.100.220:65001", ip: "198.51.100.220", auth: authFailure, user: "admin", service: "znc", format: f("znc")},
		{line: "Nov 27 10:00:14 irc znc[37232]: [admin] failed to login from [2001:db8::221]:65009", ip: "2001:db8::221", auth: authFailure, user: "admin", service: "znc"},
		{line: "[2026-11-27 10:00:15] [girst] connected to ZNC from 198.51.100.222", ip: "198.51.100.222", auth: authSuccess, user: "girst", service: "znc", format: f("znc")},

		{line: `2026-11-27 10:00:16.781 Connection "CID-72": User authentication failed. The user name that has been provided was "bob", from 198.51.100.223.`,
			ip: "198.51.100.223", auth: authFailure, user: "bob", service: "softether", format: f("softether")},
		{line: `2026-11-27 10:00:17.000 Connection "CID-73": Connection accepted from 198.51.100.224.`, format: f("softether")},

		{line: "Nov 27 10:00:18 mac screensharingd[1170]: Authentication: FAILED :: User Name: sdfsdfs () mro :: Viewer Address: 198.51.100.225 :: Type: DH",
			ip: "198.51.100.225", auth: authFailure, user: "sdfsdfs () mro", service: "screensharing"},
		{line: "Nov 27 10:00:19 mac screensharingd[1170]: Authentication: SUCCEEDED :: User Name: simon :: Viewer Address: 198.51.100.226 :: Type: DH",
			ip: "198.51.100.226", auth: authSuccess, user: "simon", service: "screensharing"},

		{line: "2026.11.27 10:00:20 LOG3[28228:140093368055552]: SSL_accept from 198.51.100.227:33454 : 140890C7: error:140890C7:SSL routines:SSL3_GET_CLIENT_CERTIFICATE:peer did not return a certificate",
			ip: "198.51.100.227", auth: authRefused, service: "stunnel", format: f("stunnel")},
		{line: "Nov 27 10:00:21 gw stunnel: LOG3[28229:1]: SSL_accept from 198.51.100.228:33455 : 1408F10B: error:1408F10B:SSL routines:SSL3_GET_RECORD:wrong version number",
			ip: "198.51.100.228", auth: authProbe, service: "stunnel"},
		{line: "2026.11.27 10:00:22 LOG5[1:140635606472448]: Connection closed: 120 byte(s) sent to TLS, 98 byte(s) sent to socket", format: f("stunnel")},

		{line: "Nov 27 10:00:23 mx qmail: 1795773623.485077 rblsmtpd: 198.51.100.230 pid 19597 sbl-xbl.spamhaus.org: 451 http://www.spamhaus.org/query/bl?ip=198.51.100.230",
			ip: "198.51.100.230", auth: authProbe, service: "qmail"},
		{line: "@40000000692829a01529cb14 rblsmtpd: 198.51.100.231 pid 93340: 451 http://www.spamhaus.org/query/bl?ip=198.51.100.231",
			ip: "198.51.100.231", auth: authProbe, service: "qmail", format: f("multilog")},
		{line: "@40000000692829a01529cb14 tcpserver: status: 1/40", format: f("multilog")},

		{line: `[Mon Mar 28 16:50:49.522240 2026] [:error] [pid 1795] [client 198.51.100.232:50700] WAR [Login denied for user "username1"], referer: https://zoneminder/`,
			ip: "198.51.100.232", auth: authFailure, user: "username1", service: "http", format: FormatApacheError},
		{line: `[Mon Mar 28 16:50:50.522240 2026] [:error] [pid 1795] [client 198.51.100.233:50701] ERR [Could not retrieve user nobody details], referer: https://zoneminder/`,
			ip: "198.51.100.233", auth: authInvalidUser, user: "nobody", service: "http", format: FormatApacheError},
	})
}

// A multilog label is TAI: ten seconds ahead of UTC.
func TestMultilogTime(t *testing.T) {
	p := newLineParser(mustRules(t, ""), &Options{Location: time.UTC})
	v := p.classify([]byte("@400000006928299e1529cb14 rblsmtpd: 198.51.100.231 pid 1: 451 x"), &fileCtx{ref: testNow, cols: noColumns})
	want := time.Unix(0x6928299e-10, 0x1529cb14).UTC()
	if v.res != resOK || !v.time.Equal(want) {
		t.Errorf("res %s time %v, want %v", resultName(v.res), v.time, want)
	}
}

// cPanel: its login log, and its access log, whose dates put the month
// first.
func TestCPanelLines(t *testing.T) {
	f := formatNamed
	runAuthCases(t, []authCase{
		{line: `[2026-11-27 10:00:37 +0000] info [cpaneld] 198.51.100.240 - root "POST /login/?login_only=1 HTTP/1.1" FAILED LOGIN cpaneld: user password hash is miss`,
			ip: "198.51.100.240", auth: authFailure, user: "root", service: "cpanel", format: f("cpanel_login")},
		{line: `[2026-11-27 10:00:38 +0100] info [whostmgrd] 198.51.100.241 - root "POST /login/?login_only=1 HTTP/1.1" FAILED LOGIN whostmgrd: brute force attempt (user root) has locked out IP 198.51.100.241`,
			ip: "198.51.100.241", auth: authTooMany, user: "root", service: "cpanel", format: f("cpanel_login")},
		{line: `[2026-11-27 10:00:39 +0000] info [cpaneld] 198.51.100.242 - anna "GET /cpsess1/ HTTP/1.1" NEW anna:token address=198.51.100.242,app=cpaneld`, format: f("cpanel_login")},
	})
	p := newLineParser(mustRules(t, ""), &Options{Location: time.UTC})
	v := p.classify([]byte(`198.51.100.243 - - [11/27/2026:10:00:40 -0000] "GET /etc/shadow HTTP/1.1" 200 0 "-" "Mozilla/5.0 (X11; Linux x86_64)" "-" "-" 2083`), &fileCtx{ref: testNow, cols: noColumns})
	if want := time.Date(2026, 11, 27, 10, 0, 40, 0, time.UTC); v.res != resOK || !v.time.Equal(want) || v.category != VulnScanner {
		t.Errorf("cPanel access line: res %s time %v category %v", resultName(v.res), v.time, v.category)
	}
}

// lfd's blocks are decisions: brute force, or a port scan.
func TestLFDLines(t *testing.T) {
	in := "Nov 27 10:00:00 web lfd[12345]: (sshd) Failed SSH login from 198.51.100.5 (CN/China/-): 5 in the last 3600 secs - *Blocked in csf* for 3600 secs [LF_SSHD]\n" +
		"Nov 27 10:00:01 web lfd[12345]: *Port Scan* detected from 198.51.100.6 (US/United States/-). 11 hits in the last 47 seconds - *Blocked in csf* for 3600 secs [PS_LIMIT]\n" +
		"Nov 27 10:00:02 web lfd[12345]: Daemon started on web.example - csf v14.20 (cPanel)\n"
	_, actors, stats := run(t, "", in, Options{})
	if a := actors["198.51.100.5"]; a.Category != BruteForce || a.Services[0] != "lfd" {
		t.Errorf("an SSH block: %v %v", a.Category, a.Services)
	}
	if a := actors["198.51.100.6"]; a.Category != PortScanner {
		t.Errorf("a port-scan block: %v", a.Category)
	}
	if stats.Classified != 2 || stats.Ignored != 1 {
		t.Errorf("classified %d ignored %d", stats.Classified, stats.Ignored)
	}
}

func TestSynologyAndArrLines(t *testing.T) {
	runAuthCases(t, []authCase{
		{line: "Nov 27 10:00:00 nas Connection: User [admin] from [198.51.100.90] failed to log in via [DSM] due to authorization failure.",
			ip: "198.51.100.90", auth: authFailure, user: "admin", service: "synology"},
		{line: "Nov 27 10:00:01 nas Connection: User [anna] from [198.51.100.91] signed in to [DSM] successfully via [password].",
			ip: "198.51.100.91", auth: authSuccess, user: "anna", service: "synology"},
		{line: "2026-11-27 10:00:02.0|Warn|Auth|Auth-Failure ip 198.51.100.92 username 'admin'",
			ip: "198.51.100.92", auth: authFailure, user: "admin", service: "arr", format: formatNamed("arr")},
		{line: "2026-11-27 10:00:03.0|Info|Auth|Auth-Success ip 198.51.100.93 username 'anna'",
			ip: "198.51.100.93", auth: authSuccess, user: "anna", service: "arr", format: formatNamed("arr")},
		{line: "2026-11-27 10:00:04.0|Info|Auth|Auth-Logout ip 198.51.100.93 username 'anna'", format: formatNamed("arr")},
	})
}

func TestExchangeLines(t *testing.T) {
	ex := formatNamed("exchange_protocol")
	runAuthCases(t, []authCase{
		{line: `2026-11-27T10:00:50.200Z,EX1\Default Frontend EX1,08DA28A9AF671267,15,192.0.2.1:25,198.51.100.95:28657,>,535 5.7.3 Authentication unsuccessful,`,
			ip: "198.51.100.95", auth: authFailure, service: "exchange", format: ex},
		{line: `2026-11-27T10:00:51.094Z,000000000000004B,2,192.0.2.1:993,198.51.100.96:49016,admin,34,31,31,authenticate,PLAIN,"R=""2 NO AUTHENTICATE failed."";Msg=""AuthFailed:LogonDenied,User: admin"";ErrMsg=AuthFailed:LogonDenied",`,
			ip: "198.51.100.96", auth: authFailure, user: "admin", service: "exchange", format: ex},
		{line: `2026-11-27T10:00:52.000Z,EX1\Default Frontend EX1,08DA28A9AF671268,1,192.0.2.1:25,198.51.100.97:28658,>,"220 ex1.example.com Microsoft ESMTP MAIL Service ready",`, format: ex},
	})
}

func TestSSHGuardLines(t *testing.T) {
	in := "Nov 27 10:00:00 bsd sshguard[812]: Attack from \"198.51.100.70\" on service 100 with danger 10.\n" +
		"Nov 27 10:00:01 bsd sshguard[812]: Blocking \"198.51.100.71/32\" for 120 secs (3 attacks in 5 secs, after 1 abuses over 5 secs.)\n" +
		"Nov 27 10:00:02 bsd sshguard[812]: Blocking \"2001:db8::72/64\" forever (3 attacks in 5 secs, after 2 abuses over 30 secs.)\n" +
		"Nov 27 10:00:03 bsd sshguard[812]: Now monitoring attacks.\n"
	_, actors, stats := run(t, "", in, Options{})
	for _, ip := range []string{"198.51.100.70", "198.51.100.71", "2001:db8::72"} {
		if a := actors[ip]; a.Category != BruteForce {
			t.Errorf("%s: %v", ip, a.Category)
		}
	}
	if stats.Classified != 3 || stats.Ignored != 1 {
		t.Errorf("classified %d ignored %d", stats.Classified, stats.Ignored)
	}
}

func TestPfSenseLines(t *testing.T) {
	runAuthCases(t, []authCase{
		{line: "Nov 27 10:00:00 pfSense php-fpm[89494]: /index.php: webConfigurator authentication error for user 'admin' from: 198.51.100.75",
			ip: "198.51.100.75", auth: authFailure, user: "admin", service: "pfsense"},
		{line: "Nov 27 10:00:01 pfSense php-fpm[432]: /index.php: Successful login for user 'admin' from: 198.51.100.76 (Local Database)",
			ip: "198.51.100.76", auth: authSuccess, user: "admin", service: "pfsense"},
		{line: "<32>1 2026-11-27T10:00:02.010961+01:00 pfSense.example php-fpm 39332 - - /index.php: webConfigurator authentication error for user 'slp' from: 198.51.100.77",
			ip: "198.51.100.77", auth: authFailure, user: "slp", service: "pfsense"},
		{line: "Nov 27 10:00:03 pfSense php-fpm[432]: /index.php: User logged out for user 'admin' from: 198.51.100.76"},
	})
}

func TestDanteLines(t *testing.T) {
	runAuthCases(t, []authCase{
		{line: `Nov 27 10:00:00 gw danted[17969]: info: block(1): tcp/accept ]: 198.51.100.80.50550 0.0.0.0.1080: error after reading 35 bytes in 0 seconds: could not access user "roooot"'s records in the system password file: no system error`,
			ip: "198.51.100.80", auth: authInvalidUser, user: "roooot", service: "dante"},
		{line: `Nov 27 10:00:01 gw danted[1846]: info: block(1): tcp/accept ]: 2001:db8::81.57178 0.0.0.0.1080: error after reading 18 bytes in 0 seconds: system password authentication failed for user "aland"`,
			ip: "2001:db8::81", auth: authFailure, user: "aland", service: "dante"},
		{line: `Nov 27 10:00:02 gw danted[1846]: info: pass(1): tcp/accept [: 198.51.100.82.50552 0.0.0.0.1080`},
	})
}

// Mosquitto names a refused client on the line after the one that gave
// its connection's address.
func TestMosquittoLog(t *testing.T) {
	log := strings.Join([]string{
		"1764237600: mosquitto version 2.0.18 starting",
		"1764237601: New connection from 198.51.100.90:58137 on port 1883.",
		"1764237601: Client <unknown> disconnected, not authorised.",
		"1764237602: New connection from 198.51.100.91:48608 on port 1883.",
		"1764237602: New client connected from 198.51.100.91:48608 as sensor-1 (p2, c1, k60, u'anna').",
		"1764237603: Client sensor-1 disconnected.",
	}, "\n")
	evs, actors, st := run(t, "", log, Options{})
	if st.Classified != 2 || st.Ignored != 4 { // a connection's address is no event
		t.Errorf("classified %d ignored %d", st.Classified, st.Ignored)
	}
	var failed []string
	for _, e := range evs {
		if e.Rule == "app-auth-failure" {
			failed = append(failed, e.IP.String()+" "+e.Time.Format(time.RFC3339))
		}
	}
	if len(failed) != 1 || failed[0] != "198.51.100.90 2025-11-27T10:00:01Z" {
		t.Errorf("failures %v", failed)
	}
	if a := actors["198.51.100.91"]; a.Category != Legit {
		t.Errorf("the client that logged in: %v", a.Category)
	}
	runAuthCases(t, []authCase{
		{line: "Nov 27 10:00:00 hub mosquitto[412]: New client connected from 198.51.100.92:40112 as cam (p2, c1, k60, u'cam').",
			ip: "198.51.100.92", auth: authSuccess, user: "cam", service: "mosquitto"},
		{line: "1764237601: New client connected from 198.51.100.93:40113 as cam (p2, c1, k60, u'cam').",
			ip: "198.51.100.93", auth: authSuccess, user: "cam", service: "mosquitto", format: formatNamed("mosquitto")},
	})
}

func TestAppLogins2(t *testing.T) {
	f := formatNamed
	runAuthCases(t, []authCase{
		{line: "[2026-11-27 10:00:00,139] [INFO] [paperless.auth] Login failed for user `anna` from private IP `198.51.100.100`.",
			ip: "198.51.100.100", auth: authFailure, user: "anna", service: "paperless", format: f("paperless")},
		{line: "[2026-11-27 10:00:01,874] [INFO] [paperless.auth] Login failed for user `root` from IP `2001:db8::101`.",
			ip: "2001:db8::101", auth: authFailure, user: "root", service: "paperless", format: f("paperless")},
		{line: "[2026-11-27 10:00:02,001] [INFO] [paperless.consumer] Consuming scan.pdf", format: f("paperless")},
		{line: "2026-11-27T10:00:00.113+0100\terror\tmlog/log.go:172\tUnable to find an existing account matching your credentials. This team may require an invite from the team owner to join.\t{\"path\": \"/api/v4/users/login\", \"request_id\": \"a\", \"ip_addr\": \"198.51.100.102\", \"user_id\": \"\", \"method\": \"POST\", \"http_code\": 400}",
			ip: "198.51.100.102", auth: authInvalidUser, service: "mattermost", format: f("mattermost")},
		{line: `{"level":"error","ts":1764237600.63,"caller":"mlog/log.go:172","msg":"Error trying to authenticate MFA token","path":"/api/v4/users/login","ip_addr":"198.51.100.103","method":"POST","http_code":401}`,
			ip: "198.51.100.103", auth: authFailure, service: "mattermost", format: f("mattermost")},
		{line: `{"timestamp":"2026-11-27 10:00:00.633 Z","level":"error","msg":"Login failed because of invalid password","caller":"web/context.go:105","path":"/api/v4/users/login","ip_addr":"198.51.100.104","method":"POST","http_code":401}`,
			ip: "198.51.100.104", auth: authFailure, service: "mattermost", format: f("mattermost")},
		{line: `{"timestamp":"2026-11-27 10:00:01.000 Z","level":"info","msg":"Server is listening on :8065","caller":"app/server.go:1","ip_addr":"198.51.100.105"}`,
			format: f("mattermost")},
		{line: `Nov 27 10:00:03 vpn pluto[1234]: "xauth-psk"[5] 198.51.100.107 #12: probable authentication failure (mismatch of preshared secrets?): malformed payload in packet`,
			ip: "198.51.100.107", auth: authFailure, service: "libreswan"},
		{line: `Nov 27 10:00:04 vpn pluto[1234]: "xauth-psk"[2] 2001:db8::108 #3: XAUTH: User bob: Authentication Failed: Incorrect Username or Password`,
			ip: "2001:db8::108", auth: authFailure, user: "bob", service: "libreswan"},
		{line: `Nov 27 10:00:05 vpn pluto[1234]: "xauth-psk"[2] 198.51.100.109 #3: XAUTH: User bob: Authentication Successful`},
		// Group-Office writes to Apache's error log, whose format here
		// names the virtual host first.
		{line: "localhost [Fri Nov 27 10:00:00 2026] [notice] [pid 1662] [client 198.51.100.106:17672] Password authentication failed for 'admin' from IP: '198.51.100.106'",
			ip: "198.51.100.106", auth: authFailure, user: "admin", service: "http", format: f("apache_error")},
	})
}

// Scanners' bytes: a TLS port that got no TLS, a Gopher server asked for
// garbage.
func TestProtocolGarbage(t *testing.T) {
	for _, tc := range []struct{ line, ip, rule string }{
		{"2026/11/27 10:00:00 [crit] 76952#76952: *2454307 SSL_do_handshake() failed (SSL: error:1408F0C6:SSL routines:ssl3_get_record:packet length too long) while SSL handshaking, client: 198.51.100.110, server: 0.0.0.0:443",
			"198.51.100.110", "tls-handshake-garbage"},
		{"2026/11/27 10:00:01 [info] 7#7: *3 SSL_do_handshake() failed (SSL: error:0A00010B:SSL routines::wrong version number) while SSL handshaking, client: 198.51.100.111, server: 0.0.0.0:443",
			"198.51.100.111", "tls-handshake-garbage"},
		{"Nov 27 10:00:02 srv gophernicus[21661]: error \"File or directory not found! \" for request \"/^C\" from 198.51.100.112 (No such file or directory)",
			"198.51.100.112", "daemon-probe"},
		{`{"reqId":"T","level":1,"time":"2026-11-27T10:00:03+00:00","remoteAddr":"198.51.100.113","user":"--","app":"core","method":"GET","url":"/","message":"Trusted domain error. \"198.51.100.113\" tried to access using \"evil.example\" as host.","userAgent":"curl/7.88.1"}`,
			"198.51.100.113", "daemon-probe"},
	} {
		evs, _, _ := run(t, "", tc.line, Options{})
		if len(evs) != 1 || evs[0].IP.String() != tc.ip || evs[0].Rule != tc.rule || evs[0].Category != Noise {
			t.Errorf("%s: %v, want %s %s", tc.line[:30], evs, tc.ip, tc.rule)
		}
	}
}

// BIND's refusals, through syslog and from its own log channel: zone
// transfers are refused, queries probed.
func TestNamedLines(t *testing.T) {
	bind := formatNamed("bind")
	runAuthCases(t, []authCase{
		{line: "Nov 27 10:00:00 ns named[3935]: client 198.51.100.140#4795: query 'example.com/NS/IN' denied",
			ip: "198.51.100.140", auth: authProbe, service: "named"},
		{line: "Nov 27 10:00:01 ns named[3935]: client 198.51.100.141#9334: view external: query (cache) './NS/IN' denied",
			ip: "198.51.100.141", auth: authProbe, service: "named"},
		{line: "Nov 27 10:00:02 ns named[2954]: client 198.51.100.142#56275: zone transfer 'example.com/AXFR/IN' denied",
			ip: "198.51.100.142", auth: authRefused, service: "named"},
		{line: "Nov 27 10:00:03 ns named[28098]: client @0x7f6450002ef0 2001:db8::143#23332 (example.com): bad zone transfer request: 'example.net/IN': non-authoritative zone (NOTAUTH)",
			ip: "2001:db8::143", auth: authRefused, service: "named"},
		{line: "Nov 27 10:00:04 ns named[28098]: client @0x7f6450002ef0 198.51.100.144#23333 (example.com): query: example.com IN A +E(0) (192.0.2.53)"},
		{line: "27-Nov-2026 10:00:05.372 error: client 198.51.100.145#52115: zone transfer 'example.com/AXFR/IN' denied",
			ip: "198.51.100.145", auth: authRefused, service: "named", format: bind},
		{line: "27-Nov-2026 10:00:06.621 client @0x7f65100ee4d8 198.51.100.146#40278 (example.com): query (cache) 'example.com/ANY/IN' denied",
			ip: "198.51.100.146", auth: authProbe, service: "named", format: bind},
		{line: "27-Nov-2026 10:00:07.100 security: info: client @0x7f65100ee4d8 198.51.100.147#40279 (example.com): update 'example.com/IN' denied",
			ip: "198.51.100.147", auth: authProbe, service: "named", format: bind},
	})
	evs, _, _ := run(t, "", "27-Nov-2026 10:00:05.372 error: client 198.51.100.148#52115: zone transfer 'example.com/AXFR/IN' denied", Options{})
	if len(evs) != 1 || evs[0].Rule != "dns-zone-transfer" || evs[0].Category != VulnScanner {
		t.Errorf("zone transfer: %v", evs)
	}
	evs, _, _ = run(t, "", "27-Nov-2026 10:00:06.621 client 198.51.100.149#40278 (example.com): query (cache) 'example.com/ANY/IN' denied", Options{})
	if len(evs) != 1 || evs[0].Rule != "dns-query-refused" || evs[0].Category != Noise {
		t.Errorf("query: %v", evs)
	}
}

// Shapes of familiar daemons' lines that other builds and relays write.
func TestDaemonVariants(t *testing.T) {
	f := formatNamed
	runAuthCases(t, []authCase{
		// vsftpd with one space before a one-digit day.
		{line: `Mon Nov 2 10:00:00 2026 [pid 27244] [anna] FAIL LOGIN: Client "::ffff:198.51.100.150"`,
			ip: "198.51.100.150", auth: authFailure, user: "anna", service: "vsftpd", format: f("vsftpd")},
		// MariaDB 10 pads the hour with a space.
		{line: "2026-11-09  5:13:11 8 [Warning] Access denied for user 'web'@'198.51.100.151' (using password: YES)",
			ip: "198.51.100.151", auth: authFailure, user: "web", service: "mysql", format: f("mysql_error")},
		// RouterOS through a syslog server that writes ISO times.
		{line: "2026-11-27T10:00:00.757188+01:00 10.120.127.1 system,error,critical login failure for user admin from 198.51.100.152 via winbox",
			ip: "198.51.100.152", auth: authFailure, user: "admin", service: "routeros"},
		// Samba's authentication audit under the program name "smb".
		{line: "Nov 27 10:00:01 nas smb[2725]: Auth: [SMB2,(null)] user []\\[toto] at [Fri, 27 Nov 2026 10:00:01.030937 UTC] with [NTLMv2] status [NT_STATUS_NO_SUCH_USER] workstation [] remote host [ipv4:198.51.100.153:62419] mapped to []\\[toto]. local host [ipv4:10.1.1.1:445] #015",
			ip: "198.51.100.153", auth: authInvalidUser, user: "toto", service: "samba"},
		// ProFTPD's own SystemLog.
		{line: "2026-11-27 10:00:02,399 ftp proftpd[498819] ftp (198.51.100.154[198.51.100.154]): USER seb (Login failed): Incorrect password",
			ip: "198.51.100.154", auth: authFailure, user: "seb", service: "proftpd", format: f("proftpd")},
		{line: "2026-11-27 10:00:03,399 ftp proftpd[498819] ftp (198.51.100.155[198.51.100.155]): FTP session opened.",
			ip: "198.51.100.155", auth: authDisconnect, service: "proftpd", format: f("proftpd")},
	})
}
