package classify

import "testing"

func TestSelfHostedLogins(t *testing.T) {
	f := formatNamed
	runAuthCases(t, []authCase{
		{line: "2026-11-27 10:00:00.092 Warn Server: AUTH-ERROR: 198.51.100.160 - Invalid username or password entered.",
			ip: "198.51.100.160", auth: authFailure, service: "emby", format: f("emby")},
		{line: "2026-11-27 10:00:01.092 Info App: Sqlite version: 3.42.0", format: f("emby")},
		{line: "2026-11-27 10:00:02.110 +02:00 [Warning] Failed login attempt by IP: 198.51.100.161",
			ip: "198.51.100.161", auth: authFailure, service: "ombi", format: f("ombi")},
		{line: "[Nest] 7  - 11/27/2026, 7:32:47 PM    WARN [AuthService] Failed login attempt for user anna@example.com from ip address 198.51.100.162",
			ip: "198.51.100.162", auth: authFailure, user: "anna@example.com", service: "immich", format: f("immich")},
		{line: `2026-11-27T09:52:17.637Z [warn][API]: Failed sign-in attempt using invalid Overseerr password {"ip":"::ffff:198.51.100.163","email":"anna@example.com"}`,
			ip: "198.51.100.163", auth: authFailure, user: "anna@example.com", service: "overseerr", format: f("overseerr")},
		{line: `2026-11-27T09:52:34.281Z [info][Auth]: Failed login attempt from user with incorrect Jellyfin credentials {"account":{"ip":"::ffff:198.51.100.164","email":"anna","password":"__REDACTED__"}}`,
			ip: "198.51.100.164", auth: authFailure, user: "anna", service: "overseerr", format: f("overseerr")},
		{line: `May 16 12:11:39 172.25.0.1 core[1160]: 2026-05-16T12:11:39Z [ERROR] [/server/middleware/security/basic_auth.go:72][client IP="198.51.100.165, 192.168.32.1" requestID="d" user agent="docker/23.0.6"]: failed to authenticate user:anna, `,
			ip: "198.51.100.165", auth: authFailure, user: "anna", service: "harbor"},
		{line: "2026/11/27 08:05:56.233208 [error] POST 198.51.100.166 /control/login: invalid username or password",
			ip: "198.51.100.166", auth: authFailure, service: "adguardhome", format: f("adguardhome")},
		{line: "W, [2026-11-27T09:25:23.245316 #1]  WARN -- : Failed login for 'anna' from 198.51.100.167 at 2026-11-27 09:25:23 UTC",
			ip: "198.51.100.167", auth: authFailure, user: "anna", service: "redmine", format: f("redmine")},
		{line: `{"ei":0,"event":"user.login","code":"T1000W","time":"2026-11-27T07:16:25.133Z","user":"anna","success":false,"error":"invalid username, password or second factor","method":"local","addr.remote":"198.51.100.168:34204"}`,
			ip: "198.51.100.168", auth: authFailure, user: "anna", service: "teleport", format: f("teleport")},
		{line: `{"ei":0,"event":"user.login","code":"T1000I","time":"2026-11-27T07:16:26.133Z","user":"anna","success":true,"method":"local","addr.remote":"198.51.100.169:34205"}`,
			ip: "198.51.100.169", auth: authSuccess, user: "anna", service: "teleport", format: f("teleport")},
		{line: `1764237600.2161960.0 [27/Nov/2026 10:00:00] admin - 198.51.100.170 global miniserv.pl "failed" "-" "wrongpass"`,
			ip: "198.51.100.170", auth: authFailure, user: "admin", service: "webmin", format: f("webmin")},
		{line: `1764237601.2161960.0 [1/Nov/2026 10:00:01] admin - 198.51.100.171 global miniserv.pl "failed" "-" "wrongpass"`,
			ip: "198.51.100.171", auth: authFailure, user: "admin", service: "webmin", format: f("webmin")},
		{line: "2026-11-27 19:51:53,762 INFO  [qtp93314457-324:https://mail.example.com/service/soap/] [oip=198.51.100.172;oport=57752;oproto=https;] SoapEngine - handler exception: authentication failed for [anna], account not found",
			ip: "198.51.100.172", auth: authInvalidUser, user: "anna", service: "zimbra", format: f("zimbra")},
		{line: "2026-11-27 19:51:54,100 INFO  [ImapServer-1] [ip=198.51.100.173;] imap - authentication failed for [anna] (invalid password)",
			ip: "198.51.100.173", auth: authFailure, user: "anna", service: "zimbra", format: f("zimbra")},
		{line: "11/27/26 16:08:02.393003 web_php[118770].ERR [2001:db8::174] [Could not retrieve user anna details] at /usr/share/zoneminder/www/includes/auth.php line 313",
			ip: "2001:db8::174", auth: authInvalidUser, user: "anna", service: "zoneminder", format: f("zoneminder")},
		{line: "11/27/26, 10:31:29 PM MST.557710 web_php[254894].ERR [198.51.100.175] [Login denied for user \"anna\"] at /usr/share/zoneminder/www/includes/auth.php line 395",
			ip: "198.51.100.175", auth: authFailure, user: "anna", service: "zoneminder", format: f("zoneminder")},
		{line: `time="2026-11-27T05:07:30Z" level=warning msg="HTTP: POST http://music.example.com/auth/login" elapsedTime="792µs" httpStatus=401 remoteAddr=198.51.100.176 requestId=n/1 responseSize=40 userAgent="Mozilla/5.0"`,
			ip: "198.51.100.176", auth: authFailure, service: "navidrome", format: f("navidrome")},
		{line: `2026/11/27 20:45:49 [198.51.100.177:59114] authentication for user "admin" without credentials rejected`,
			ip: "198.51.100.177", auth: authFailure, user: "admin", service: "sshesame", format: f("sshesame")},
	})
	// The honeypot's commands rank its source above its logins.
	evs, _, _ := run(t, "", `2026/11/27 20:45:50 [198.51.100.178:59114] [channel 0] command "uname -a" requested`, Options{})
	if len(evs) != 1 || evs[0].Rule != "honeypot-command" {
		t.Errorf("honeypot command: %v", evs)
	}
}

// Windows logon events in XML, one a line.
func TestWinXMLEvents(t *testing.T) {
	const head = `<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System>  <Provider Name="Microsoft-Windows-Security-Auditing" Guid="{54849625-5478-4994-a5ba-3e3b0328c30d}" />   <EventID>`
	xml := formatNamed("windows_xml")
	runAuthCases(t, []authCase{
		{line: head + `4625</EventID>   <TimeCreated SystemTime="2026-11-27T12:36:01.9027913Z" />   <Channel>Security</Channel></System><EventData>  <Data Name="TargetUserName">anna</Data>   <Data Name="Status">0xc000006d</Data>   <Data Name="SubStatus">0xc000006a</Data>   <Data Name="LogonType">3</Data>   <Data Name="IpAddress">198.51.100.180</Data>   <Data Name="IpPort">0</Data>   </EventData>  </Event>`,
			ip: "198.51.100.180", auth: authFailure, user: "anna", service: "windows", format: xml},
		{line: head + `4625</EventID>   <TimeCreated SystemTime='2026-11-27T12:36:02.0Z' /></System><EventData><Data Name='TargetUserName'>asdf</Data><Data Name='SubStatus'>0xC0000064</Data><Data Name='IpAddress'>2001:db8::181</Data></EventData></Event>`,
			ip: "2001:db8::181", auth: authInvalidUser, user: "asdf", service: "windows", format: xml},
		{line: head + `4624</EventID>   <TimeCreated SystemTime="2026-11-27T12:36:03Z" /></System><EventData><Data Name="TargetUserName">anna</Data><Data Name="IpAddress">198.51.100.182</Data></EventData></Event>`,
			ip: "198.51.100.182", auth: authSuccess, user: "anna", service: "windows", format: xml},
		{line: head + `4625</EventID>   <TimeCreated SystemTime="2026-11-27T12:36:04Z" /></System><EventData><Data Name="TargetUserName">anna</Data><Data Name="IpAddress">-</Data></EventData></Event>`, format: xml},
		{line: head + `4634</EventID>   <TimeCreated SystemTime="2026-11-27T12:36:05Z" /></System><EventData><Data Name="IpAddress">198.51.100.183</Data></EventData></Event>`, format: xml},
	})
}

func TestMoreAppLogins(t *testing.T) {
	f := formatNamed
	runAuthCases(t, []authCase{
		{line: "2026-11-27 22:49:20.774649 [NOTICE] [1226033] [198.51.100.185:45164:HTTP2-41#_AdminVHost] [STDERR] [WebAdmin Console] Failed Login Attempt - username:admin ip:198.51.100.185 url:",
			ip: "198.51.100.185", auth: authFailure, user: "admin", service: "http", format: f("litespeed_error")},
		{line: "2026-11-27 12:22:07.353044 [INFO] [1226038] [198.51.100.186:61120-5#Example] User 'anna' failed to authenticate.",
			ip: "198.51.100.186", auth: authFailure, user: "anna", service: "http", format: f("litespeed_error")},
		{line: "[info] o.t.s.AccessLogFilter [1e60d1e5e2a1741f|2989d0704d3c364c] 198.51.100.187 POST /api/v1/login took 8ms and returned 401 65 bytes",
			ip: "198.51.100.187", auth: authFailure, service: "thehive", format: f("thehive")},
		{line: "[info] o.t.s.AccessLogFilter [1e60d1e5e2a1741f|2989d0704d3c364d] 198.51.100.188 GET /api/v1/user/current took 8ms and returned 200 65 bytes",
			format: f("thehive")},
		{line: "Nov 27 10:00:00 meshcentral https[26880]: Failed password for undefined from 198.51.100.189 port 57951",
			ip: "198.51.100.189", auth: authFailure, user: "undefined", service: "meshcentral"},
	})
}

// CouchDB's request lines read as an access log.
func TestCouchDBRequests(t *testing.T) {
	p := newLineParser(mustRules(t, ""), &Options{})
	fc := &fileCtx{ref: testNow, cols: noColumns}
	v := p.classify([]byte("[notice] 2026-11-27T13:54:06.579985Z couchdb@127.0.0.1 <0.17607.12> e1fed412f8 db.example.com 198.51.100.200 undefined GET /_all_dbs 401 ok 1"), fc)
	r := &p.rec
	if v.res != resOK || v.format != formatNamed("couchdb") || v.ip.String() != "198.51.100.200" || string(r.method) != "GET" || string(r.target) != "/_all_dbs" || r.status != 401 || string(r.host) != "db.example.com" {
		t.Errorf("%s %s %s %s %s %d %s", resultName(v.res), v.format, v.ip, r.method, r.target, r.status, r.host)
	}
	if v := p.classify([]byte("[notice] 2026-11-27T13:54:07.0Z couchdb@127.0.0.1 <0.1.0> -------- Apache CouchDB has started on http://0.0.0.0:5984/"), fc); v.res != resIgnored {
		t.Errorf("a notice: %s", resultName(v.res))
	}
}

// Fastly's JSON log behind a syslog endpoint's time and node.
func TestFastlyRequests(t *testing.T) {
	p := newLineParser(mustRules(t, ""), &Options{})
	fc := &fileCtx{ref: testNow, cols: noColumns}
	v := p.classify([]byte(`2026-11-27T16:59:46.613304+00:00 199.27.72.40  {     "timestamp": "2026-11-27T16:59:45+0000",     "client_ip": "198.51.100.201",     "host": "www.example.com",     "url": "/.env",     "request_method": "GET",     "request_protocol": "HTTP/1.1",     "request_referer": "",     "request_user_agent": "curl/8.5.0",     "response_status": 404,     "fastly_is_edge": true   }`), fc)
	r := &p.rec
	if v.res != resOK || v.format != formatNamed("fastly") || v.ip.String() != "198.51.100.201" || string(r.target) != "/.env" || r.status != 404 || v.category != VulnScanner {
		t.Errorf("%s %s %s %s %d %v", resultName(v.res), v.format, v.ip, r.target, r.status, v.category)
	}
}
