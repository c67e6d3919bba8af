package classify

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// Application logins, as each program writes them to syslog and, for
// MySQL and Asterisk, to a log file of their own.
func TestAppAuthLines(t *testing.T) {
	mysqlErr, asterisk := formatNamed("mysql_error"), formatNamed("asterisk")
	runAuthCases(t, []authCase{
		// MySQL and MariaDB.
		{line: "Nov 27 10:00:16 db mysqld[1212]: 2026-11-27T10:00:16.000000Z 8 [Note] Access denied for user 'root'@'198.51.100.1' (using password: YES)",
			ip: "198.51.100.1", auth: authFailure, user: "root", service: "mysql"},
		{line: "Nov 27 10:00:16 db mariadbd[1212]: 8 [Warning] Access denied for user 'o''b'@'2001:db8::7' (using password: NO)",
			ip: "2001:db8::7", auth: authFailure, user: "o''b", service: "mysql"},
		{line: "Nov 27 10:00:16 db mysqld[1212]: Access denied for user 'app'@'localhost' (using password: YES)"},
		{line: "2026-11-27T10:00:17.123456Z 8 [Note] [MY-010926] [Server] Access denied for user 'root'@'198.51.100.2' (using password: YES)",
			ip: "198.51.100.2", auth: authFailure, user: "root", service: "mysql", format: mysqlErr},
		{line: "2026-11-27 10:00:19 10 [Warning] Access denied for user 'admin'@'198.51.100.3' (using password: NO)",
			ip: "198.51.100.3", auth: authFailure, user: "admin", service: "mysql", format: mysqlErr},
		{line: "261127  9:00:21 [Warning] Access denied for user 'sa'@'198.51.100.4' (using password: YES)",
			ip: "198.51.100.4", auth: authFailure, user: "sa", service: "mysql", format: mysqlErr},
		{line: "2026-11-27T10:00:16.123456Z 0 [System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld 8.0.36) starting as process 1", format: mysqlErr},

		// Asterisk: chan_sip, PJSIP, security events; the address is the
		// socket's, after what the client wrote.
		{line: `Nov 27 10:00:17 pbx asterisk[1213]: NOTICE[1213] chan_sip.c: Registration from '"100" <sip:100@203.0.113.1>' failed for '198.51.100.10:5060' - Wrong password`,
			ip: "198.51.100.10", auth: authFailure, user: "100", service: "asterisk"},
		{line: `[Nov 27 10:00:18] NOTICE[1213] chan_sip.c: Registration from '"abc" <sip:abc@203.0.113.1>' failed for '198.51.100.11' - No matching peer found`,
			ip: "198.51.100.11", auth: authInvalidUser, user: "abc", service: "asterisk", format: asterisk},
		{line: `[2026-11-27 10:00:19] NOTICE[1214][C-00000001] res_pjsip/pjsip_distributor.c: Request 'REGISTER' from '<sip:200@203.0.113.1>' failed for '198.51.100.12:5061' (callid: abc) - No matching endpoint found`,
			ip: "198.51.100.12", auth: authInvalidUser, user: "200", service: "asterisk", format: asterisk},
		{line: `[2026-11-27 10:00:20.123] SECURITY[1215] res_security_log.c: SecurityEvent="ChallengeResponseFailed",Service="PJSIP",AccountID="300",LocalAddress="IPV4/UDP/203.0.113.1/5060",RemoteAddress="IPV4/UDP/198.51.100.13/5060"`,
			ip: "198.51.100.13", auth: authFailure, user: "300", service: "asterisk", format: asterisk},
		{line: `[Nov 27 10:00:21] NOTICE[1216] chan_sip.c: Host 198.51.100.14 failed MD5 authentication for '400' (400)`,
			ip: "198.51.100.14", auth: authFailure, service: "asterisk", format: asterisk},
		{line: `[Nov 27 10:00:21] NOTICE[1216] chan_sip.c: No registration for peer 'x (from 9.9.9.9)' (from 198.51.100.15)`,
			ip: "198.51.100.15", auth: authInvalidUser, service: "asterisk", format: asterisk},
		{line: `[Nov 27 10:00:22] NOTICE[1217] chan_sip.c: Registration from '"x' failed for '9.9.9.9:1' - y" <sip:1@203.0.113.1>' failed for '198.51.100.16:5060' - Wrong password`,
			ip: "198.51.100.16", auth: authFailure, user: "1", service: "asterisk", format: asterisk},
		{line: `[Nov 27 10:00:23] VERBOSE[1218] pbx.c: Executing [s@default:1] Answer("SIP/100", "") in new stack`, format: asterisk},

		// Webmail, forges, dashboards, password managers, home automation.
		{line: "Nov 27 10:00:18 mail roundcube: IMAP Error: Login failed for admin against localhost from 198.51.100.20. AUTHENTICATE PLAIN: Authentication failed.",
			ip: "198.51.100.20", auth: authFailure, user: "admin", service: "roundcube"},
		{line: "Nov 27 10:00:18 mail roundcube: <6d3g> Failed login for info@example.com from 198.51.100.21 in session 6d3g (error: 0)",
			ip: "198.51.100.21", auth: authFailure, user: "info@example.com", service: "roundcube"},
		{line: "Nov 27 10:00:19 git gitea[1214]: 2026/11/27 10:00:19 ...rs/web/auth/auth.go:200:SignInPost() [I] Failed authentication attempt for admin from 198.51.100.22:50018: user does not exist",
			ip: "198.51.100.22", auth: authInvalidUser, user: "admin", service: "gitea"},
		{line: "Nov 27 10:00:19 git forgejo[1214]: Failed authentication attempt for dev from [2001:db8::22]:50018: password is invalid",
			ip: "2001:db8::22", auth: authFailure, user: "dev", service: "gitea"},
		{line: `Nov 27 10:00:32 mon grafana[1225]: logger=context userId=0 orgId=0 uname= t=2026-11-27T10:00:32Z level=info msg="Request Completed" method=POST path=/login status=401 remote_addr=198.51.100.23 time_ms=1`,
			ip: "198.51.100.23", auth: authFailure, service: "grafana"},
		{line: `Nov 27 10:00:32 mon grafana-server[1225]: lvl=eror msg="Invalid username or password" logger=context userId=0 orgId=0 uname= error="invalid username or password" remote_addr=198.51.100.24`,
			ip: "198.51.100.24", auth: authFailure, service: "grafana"},
		{line: `Nov 27 10:00:32 mon grafana[1225]: logger=context msg="Request Completed" method=GET path=/api/health status=200 remote_addr=198.51.100.25`},
		{line: "Nov 27 10:00:24 vault vaultwarden[1219]: [2026-11-27 10:00:24.000][vaultwarden::api::identity][ERROR] Username or password is incorrect. Try again. IP: 198.51.100.26. Username: admin@example.com.",
			ip: "198.51.100.26", auth: authFailure, user: "admin@example.com", service: "vaultwarden"},
		{line: "Nov 27 10:00:25 ha homeassistant[1220]: 2026-11-27 10:00:25.000 WARNING (MainThread) [homeassistant.components.http.ban] Login attempt or request with invalid authentication from host.example (198.51.100.27). Requested URL: '/auth/login_flow/abc'. (Mozilla/5.0)",
			ip: "198.51.100.27", auth: authFailure, service: "homeassistant"},
		{line: "Nov 27 10:00:25 ha hass[1220]: Login attempt or request with invalid authentication from 198.51.100.28",
			ip: "198.51.100.28", auth: authFailure, service: "homeassistant"},

		// File sharing and VPNs.
		{line: `Nov 27 10:00:33 nas smbd[1226]: Auth: [SMB2,(null)] user [WORKGROUP]\[admin] at [Fri, 27 Nov 2026 10:00:33 UTC] with [NTLMv2] status [NT_STATUS_NO_SUCH_USER] workstation [X] remote host [ipv4:198.51.100.30:50031] mapped to [WORKGROUP]\[admin]. local host [ipv4:203.0.113.1:445]`,
			ip: "198.51.100.30", auth: authInvalidUser, user: "admin", service: "samba"},
		{line: `Nov 27 10:00:33 nas smbd[1226]: Auth: [SMB2,(null)] user [WORKGROUP]\[bob] at [Fri, 27 Nov 2026 10:00:33 UTC] with [NTLMv2] status [NT_STATUS_WRONG_PASSWORD] workstation [X] remote host [ipv6:2001:db8::30:50032] mapped to [WORKGROUP]\[bob]. local host [ipv4:203.0.113.1:445]`,
			ip: "2001:db8::30", auth: authFailure, user: "bob", service: "samba"},
		{line: "Nov 27 10:00:23 vpn openvpn[1218]: 198.51.100.31:1194 TLS Auth Error: Auth Username/Password verification failed for peer",
			ip: "198.51.100.31", auth: authFailure, service: "openvpn"},
		{line: "Nov 27 10:00:23 vpn openvpn[1218]: client1/198.51.100.32:1194 TLS Error: TLS handshake failed",
			ip: "198.51.100.32", auth: authProbe, service: "openvpn"},
		{line: "Nov 27 10:00:23 vpn openvpn[1218]: TLS Error: cannot locate HMAC in incoming packet from [AF_INET]198.51.100.33:1194",
			ip: "198.51.100.33", auth: authProbe, service: "openvpn"},
		{line: "Nov 27 10:02:01 web drupal: https://example.com|1764237600|user|198.51.100.35|https://example.com/user/login|https://example.com/user/login|0||Login attempt failed for admin.",
			ip: "198.51.100.35", auth: authFailure, user: "admin", service: "drupal"},
		{line: "Nov 27 10:02:02 web phpMyAdmin[1234]: user denied: root (mysql-denied) from 198.51.100.36",
			ip: "198.51.100.36", auth: authFailure, user: "root", service: "phpmyadmin"},
		{line: "Nov 27 10:02:03 host xinetd[1234]: FAIL: telnet address from=198.51.100.37",
			ip: "198.51.100.37", auth: authRefused, service: "xinetd"},
		{line: "Nov 27 10:02:04 host portsentry[1234]: attackalert: Connect from host: 198.51.100.38/198.51.100.38 to TCP port: 111",
			ip: "198.51.100.38", service: "portsentry"},
		{line: "Nov 27 10:02:05 host scanlogd: 198.51.100.39:40000 to 203.0.113.1 ports 21, 22, 23, 25, 80, 110, ..., fSrpauxy, TOS 00, TTL 51 @10:02:05",
			ip: "198.51.100.39", service: "scanlogd"},
		{line: "Nov 27 10:02:11 host scanlogd: More possible port scans follow."},
		{line: "Nov 27 10:02:06 host wu-ftpd[1234]: failed login from host.example [198.51.100.40]",
			ip: "198.51.100.40", auth: authFailure, service: "wu-ftpd"},
		{line: `Nov 27 10:02:07 mail HORDE: [horde] FAILED LOGIN for ad min [198.51.100.41] to Horde [on line 123 of "/var/www/horde/login.php"]`,
			ip: "198.51.100.41", auth: authFailure, user: "ad min", service: "horde"},
		{line: "Nov 27 10:02:09 host monit[1234]: Warning: Client '198.51.100.42' supplied unknown user 'x' accessing monit httpd",
			ip: "198.51.100.42", auth: authInvalidUser, user: "x", service: "monit"},
		{line: `Nov 27 10:02:10 host tomcat9[1234]: 10:02:10.000 [http-nio-8080-exec-1] WARN  o.a.g.r.auth.AuthenticationService - Authentication attempt from [198.51.100.43, 10.0.0.1] for user "admin" failed.`,
			ip: "198.51.100.43", auth: authFailure, user: "admin", service: "guacamole"},
		{line: `Nov 27 10:02:10 host catalina[1234]: WARNING: Authentication attempt from 198.51.100.44 for user "bob" failed.`,
			ip: "198.51.100.44", auth: authFailure, user: "bob", service: "guacamole"},
		{line: `[2026-11-27 10:00:00.123 +01:00] [INF] [12] Jellyfin.Server.Implementations.Users.UserManager: Authentication request for "admin" has been denied (IP: "198.51.100.45").`,
			ip: "198.51.100.45", auth: authFailure, user: "admin", service: "jellyfin", format: formatNamed("jellyfin")},
		{line: `[2026-11-27 10:00:01.123 +00:00] [INF] [12] Emby.Server.Implementations.HttpServer.WebSocketConnection: WS "198.51.100.46" closed`, format: formatNamed("jellyfin")},
		{line: `Nov 27 10:00:02 host authelia[1]: time="2026-11-27T10:00:02Z" level=error msg="Unsuccessful 1FA authentication attempt by user 'admin'" error="authentication failed" method=POST path=/api/firstfactor remote_ip=198.51.100.47`,
			ip: "198.51.100.47", auth: authFailure, user: "admin", service: "authelia"},
		{line: `Nov 27 10:00:02 host authelia[1]: {"level":"error","method":"POST","msg":"Unsuccessful TOTP authentication attempt by user 'bob'","path":"/api/secondfactor/totp","remote_ip":"198.51.100.48"}`,
			ip: "198.51.100.48", auth: authFailure, user: "bob", service: "authelia"},
		{line: `2026-11-27 10:00:03,123 WARN  [org.keycloak.events] (executor-thread-1) type="LOGIN_ERROR", realmId="abc", clientId="account", userId="null", ipAddress="198.51.100.49", error="user_not_found", auth_method="openid-connect", username="admin"`,
			ip: "198.51.100.49", auth: authInvalidUser, user: "admin", service: "keycloak", format: formatNamed("keycloak")},
		{line: "2026-11-27 10:00:04,123 INFO  [org.keycloak.services] (main) KC-SERVICES0050: Initializing master realm", format: formatNamed("keycloak")},
		{line: "Nov 27 10:00:05 host java[1]: 10:00:05,000 WARN  [org.keycloak.events] (default task-1) type=LOGIN_ERROR, realmId=x, clientId=account, userId=null, ipAddress=198.51.100.50, error=invalid_user_credentials, auth_method=openid-connect, username=bob",
			ip: "198.51.100.50", auth: authFailure, user: "bob", service: "keycloak"},
		{line: `{"t":{"$date":"2026-11-27T10:00:06.000+00:00"},"s":"I","c":"ACCESS","id":20249,"ctx":"conn12","msg":"Authentication failed","attr":{"mechanism":"SCRAM-SHA-256","principalName":"admin","authenticationDatabase":"admin","remote":"198.51.100.51:50000","extraInfo":{},"error":"UserNotFound: Could not find user \"admin\" for db \"admin\""}}`,
			ip: "198.51.100.51", auth: authInvalidUser, user: "admin", service: "mongodb", format: formatNamed("mongodb")},
		{line: `{"t":{"$date":"2026-11-27T10:00:07.000+00:00"},"s":"I","c":"NETWORK","id":22943,"ctx":"listener","msg":"Connection accepted","attr":{"remote":"198.51.100.52:50001","connectionId":1}}`, format: formatNamed("mongodb")},
		{line: "2026-11-27 10:00:00: (mod_auth.c.828) password doesn't match for /private username: admin, IP: 198.51.100.53",
			ip: "198.51.100.53", auth: authFailure, user: "admin", service: "http", format: formatNamed("lighttpd_error")},
		{line: "2026-11-27 10:00:01: (mod_auth.c.1097) get_password failed, IP: 198.51.100.54",
			ip: "198.51.100.54", auth: authInvalidUser, service: "http", format: formatNamed("lighttpd_error")},
		{line: "2026-11-27 10:00:02: (server.c.1464) server started (lighttpd/1.4.69)", format: formatNamed("lighttpd_error")},
		{line: "2026-11-27 10:00:03.123456 [WARNING] sofia_reg.c:3019 SIP auth failure (REGISTER) on sofia profile 'internal' for [1001@example.com] from ip 198.51.100.55",
			ip: "198.51.100.55", auth: authFailure, user: "1001", service: "freeswitch", format: formatNamed("freeswitch")},
		{line: "2026-11-27 10:00:04.123456 [WARNING] sofia_reg.c:1660 Can't find user [1002@198.51.100.1] from 198.51.100.56",
			ip: "198.51.100.56", auth: authInvalidUser, user: "1002", service: "freeswitch", format: formatNamed("freeswitch")},
		{line: "2026-11-27 10:00:05.123456 [NOTICE] switch_core.c:1 FreeSWITCH Started", format: formatNamed("freeswitch")},
		{line: "2026-11-27 10:00:06.123 [info] <0.1234.0>@ejabberd_c2s:process_auth_result/3:272 (tls|<0.1233.0>) Failed c2s PLAIN authentication for admin@example.com from ::ffff:198.51.100.57: Invalid username or password",
			ip: "198.51.100.57", auth: authFailure, user: "admin@example.com", service: "ejabberd", format: formatNamed("ejabberd")},
		{line: "2026-11-27 10:00:07.123 [info] <0.1234.0>@ejabberd_listener:accept/7:1 (<0.1.0>) Accepted connection ::ffff:198.51.100.58:5000 -> ::ffff:10.0.0.1:5222", format: formatNamed("ejabberd")},
		{line: "<W>2026-11-27 10:00:08.123 1 => <5:(-1)> Rejected connection from 198.51.100.59:50000: Invalid server password",
			ip: "198.51.100.59", auth: authFailure, service: "murmur", format: formatNamed("murmur")},
		{line: "<W>2026-11-27 10:00:09.123 1 => <6:(-1)> Rejected connection from 198.51.100.60:50001: Server is full", format: formatNamed("murmur")},
		{line: "Nov 27 10:00:10 sogod [1234]: SOGoRootPage Login from '198.51.100.61' for user 'admin' might not have worked - password policy: 65535  grace: -1  expire: -1  bound: 0",
			ip: "198.51.100.61", auth: authFailure, user: "admin", service: "sogo"},
		{line: "Nov 27 10:00:11 mail sogod[1234]: SOGoRootPage Login from '198.51.100.62, 10.0.0.1' for user 'bob' might not have worked",
			ip: "198.51.100.62", auth: authFailure, user: "bob", service: "sogo"},
		{line: "Nov 27 10:00:07 host sshd[1206]: drop connection #10 from [198.51.100.34]:50006 on [203.0.113.1]:22 past MaxStartups",
			ip: "198.51.100.34", auth: authProbe, service: "sshd"},

		// Panels, and PAM's line of programs without a parser of their own
		// (a failure of its own there, not an echo).
		{line: "Nov 27 10:01:01 pve pvedaemon[1234]: authentication failure; rhost=::ffff:198.51.100.40 user=root@pam msg=Authentication failure",
			ip: "198.51.100.40", auth: authFailure, user: "root@pam", service: "proxmox"},
		{line: "Nov 27 10:01:02 host webmin[1235]: Invalid login as root from 198.51.100.41",
			ip: "198.51.100.41", auth: authFailure, user: "root", service: "webmin"},
		{line: "Nov 27 10:01:03 host miniserv.pl[1235]: Non-existent login as ad min from 198.51.100.42",
			ip: "198.51.100.42", auth: authInvalidUser, user: "ad min", service: "webmin"},
		{line: "Nov 27 10:01:04 host cockpit-session: pam_unix(cockpit:auth): authentication failure; logname= uid=0 euid=0 tty= ruser= rhost=198.51.100.43  user=admin",
			ip: "198.51.100.43", auth: authFailure, user: "admin", service: "pam"},
		{line: "Nov 27 10:01:05 host su[99]: pam_unix(su:auth): authentication failure; logname=bob uid=1000 euid=0 tty=pts/0 ruser=bob rhost=  user=root"},
		{line: `{"reqId":"a1","level":2,"time":"2026-11-27T10:02:00+00:00","remoteAddr":"198.51.100.44","user":"--","app":"core","method":"POST","url":"/login","message":"Login failed: admin (Remote IP: 198.51.100.44)","userAgent":"Mozilla/5.0","version":"27.1.0.7"}`,
			ip: "198.51.100.44", auth: authFailure, user: "admin", service: "nextcloud", format: formatNamed("nextcloud")},
		{line: `{"reqId":"a2","level":2,"time":"2026-11-27T10:02:01+00:00","remoteAddr":"2001:db8::45","user":"--","app":"core","message":"Login failed: 'info@example.com' (Remote IP: '2001:db8::45')"}`,
			ip: "2001:db8::45", auth: authFailure, user: "info@example.com", service: "nextcloud", format: formatNamed("nextcloud")},
		{line: `{"reqId":"a3","level":1,"time":"2026-11-27T10:02:02+00:00","remoteAddr":"198.51.100.46","app":"core","message":"Bruteforce attempt from \"198.51.100.46\" detected for action \"login\"."}`,
			ip: "198.51.100.46", auth: authFailure, service: "nextcloud", format: formatNamed("nextcloud")},
		{line: `{"reqId":"a4","level":3,"time":"2026-11-27T10:02:03+00:00","remoteAddr":"198.51.100.47","user":"bob","app":"files","message":"Something else"}`,
			format: formatNamed("nextcloud")},

		// The applications' own files.
		{line: "2026/11/27 10:00:19 ...rs/web/auth/auth.go:200:SignInPost() [I] Failed authentication attempt for admin from 198.51.100.50:50018: user does not exist",
			ip: "198.51.100.50", auth: authInvalidUser, user: "admin", service: "gitea", format: formatNamed("gitea")},
		{line: "2018/04/26 18:15:54 [I] Failed authentication attempt for bob from 198.51.100.51",
			ip: "198.51.100.51", auth: authFailure, user: "bob", service: "gitea", format: formatNamed("gitea")},
		{line: `logger=context userId=0 orgId=0 uname= t=2026-11-27T10:00:32.123+00:00 level=info msg="Request Completed" method=POST path=/login status=401 remote_addr=198.51.100.52 time_ms=1`,
			ip: "198.51.100.52", auth: authFailure, service: "grafana", format: formatNamed("grafana")},
		{line: `logger=settings t=2026-11-27T10:00:01.1Z level=info msg="Starting Grafana" version=10.0.0`, format: formatNamed("grafana")},
		{line: "[2026-11-27 10:00:24.000][vaultwarden::api::identity][ERROR] Username or password is incorrect. Try again. IP: 198.51.100.53. Username: admin.",
			ip: "198.51.100.53", auth: authFailure, user: "admin", service: "vaultwarden", format: formatNamed("vaultwarden")},
		{line: "[2026-11-27 10:00:24.500][request][INFO] POST /identity/connect/token", format: formatNamed("vaultwarden")},
		{line: "2026-11-27 10:00:25.123 WARNING (MainThread) [homeassistant.components.http.ban] Login attempt or request with invalid authentication from 198.51.100.54 (198.51.100.54). Requested URL: '/auth/token'. (Mozilla/5.0)",
			ip: "198.51.100.54", auth: authFailure, service: "homeassistant", format: formatNamed("homeassistant")},
		{line: "2026-11-27 10:00:26.123 INFO (MainThread) [homeassistant.setup] Setting up http", format: formatNamed("homeassistant")},
	})
}

// A Gitea log is mostly lines of other kinds, some of which another
// format's detection claims first; its failed sign-ins are read all the
// same, and nothing of it is skipped.
func TestAppLogFiles(t *testing.T) {
	var in strings.Builder
	for i := 0; i < 30; i++ {
		fmt.Fprintf(&in, "2026/11/27 10:00:%02d ...s/graceful/server.go:50:NewServer() [I] Starting new Web server: tcp:0.0.0.0:3000 on PID: %d\n", i, i)
	}
	for i := 0; i < 5; i++ {
		fmt.Fprintf(&in, "2026/11/27 10:01:%02d ...rs/web/auth/auth.go:200:SignInPost() [I] Failed authentication attempt for u%d from 198.51.100.60:5%04d: password is invalid\n", i, i, i)
	}
	_, actors, st := run(t, "", in.String(), Options{})
	if a := actors["198.51.100.60"]; a.Category != BruteForce || a.Counts[BruteForce] != 5 {
		t.Errorf("gitea guesser: %v %v", a.Category, a.Counts)
	}
	if st.SkippedTotal() != 0 || st.Classified != 5 {
		t.Errorf("classified %d, skipped %v", st.Classified, st.Skipped)
	}
}

// Five failed logins to an application, and the address is brute force;
// one, followed by nothing, is still an attempt; an SSH login by the same
// address forgives the failures before it.
func TestAppAuthWindow(t *testing.T) {
	var in strings.Builder
	for i := 0; i < 5; i++ {
		fmt.Fprintf(&in, "[Nov 27 10:00:%02d] NOTICE[1] chan_sip.c: Registration from '\"10%d\" <sip:10%d@203.0.113.1>' failed for '198.51.100.1:5060' - Wrong password\n", i, i, i)
	}
	in.WriteString("2026-11-27T10:01:00.000000Z 8 [Note] Access denied for user 'root'@'198.51.100.2' (using password: YES)\n")
	in.WriteString("2026-11-27T10:01:01.000000Z 8 [Note] Access denied for user 'root'@'198.51.100.3' (using password: YES)\n")
	in.WriteString("Nov 27 10:01:02 host sshd[9]: Accepted password for root from 198.51.100.3 port 5000 ssh2\n")
	evs, actors, st := run(t, "", in.String(), Options{})
	if a := actors["198.51.100.1"]; a.Category != BruteForce || a.Counts[BruteForce] != 5 {
		t.Errorf("asterisk guesser: %v %v", a.Category, a.Counts)
	}
	if a := actors["198.51.100.2"]; a.Category != BruteForce {
		t.Errorf("one failed MySQL login, never a success: %v", a.Category)
	}
	if a := actors["198.51.100.3"]; a.Category != Legit {
		t.Errorf("a failure forgiven by a login: %v", a.Category)
	}
	rules := map[string]int{}
	for _, e := range evs {
		if e.Category == BruteForce {
			rules[e.Rule]++
		}
	}
	if rules["app-auth-failure"] != 6 {
		t.Errorf("brute-force events by rule: %v", rules)
	}
	if st.Classified != 8 {
		t.Errorf("classified %d of 8 lines", st.Classified)
	}
}

// Services numbered past 32 (a rule's service set and an address's
// services are 64-bit sets) match their rules and are named on actors.
func TestAppLateServices(t *testing.T) {
	in := strings.Join([]string{
		"Nov 27 10:02:04 h portsentry[1]: attackalert: SYN/Normal scan from host: h.example/198.51.100.1 to TCP port: 23",
		"Nov 27 10:02:05 h scanlogd: 198.51.100.2 to 203.0.113.1 ports 21, 22, 23, 25, 80, fSrpauxy, TOS 00, TTL 51 @10:02:05",
		`Nov 27 10:02:07 h HORDE: [horde] FAILED LOGIN for admin [198.51.100.3] to Horde [on line 1 of "/x.php"]`,
		"Nov 27 10:02:08 h monit[1]: HttpRequest: access denied -- client 198.51.100.3: wrong password for user 'admin'",
	}, "\n")
	_, actors, _ := run(t, "", in, Options{})
	for _, ip := range []string{"198.51.100.1", "198.51.100.2"} {
		if a := actors[ip]; a.Category != PortScanner {
			t.Errorf("%s: %v, want port_scanner", ip, a.Category)
		}
	}
	a := actors["198.51.100.3"]
	if a.Category != BruteForce || !slices.Equal(a.Services, []string{"horde", "monit"}) {
		t.Errorf("horde and monit guesser: %v %v", a.Category, a.Services)
	}
}

// The programs index finds what a scan of the whole table in order finds:
// the first row that matches, for every tag of the table, longer and
// shorter ones, and tags of no program.
func TestLookupProgramIndex(t *testing.T) {
	scan := func(tag string) *program {
		for i := range programs {
			pr := &programs[i]
			switch {
			case pr.match == '=' && tag == pr.tag,
				pr.match == '^' && strings.HasPrefix(tag, pr.tag),
				pr.match == '$' && strings.HasSuffix(tag, pr.tag):
				return pr
			}
		}
		return nil
	}
	tags := []string{"", "CRON", "systemd", "imap-login", "pop3-login", "auth-worker", "authelia", "x-login", "s"}
	for _, pr := range programs {
		tags = append(tags, pr.tag, pr.tag+"d", pr.tag+"-login", pr.tag[:len(pr.tag)-1], "x"+pr.tag)
	}
	for _, tag := range tags {
		got, ok := lookupProgram([]byte(tag))
		if want := scan(tag); got != want || ok != (want != nil) {
			t.Errorf("%q: %v, want %v", tag, got, want)
		}
	}
	if len(programs) > 256 {
		t.Errorf("%d programs: the index holds 256", len(programs))
	}
}

func TestEnumSet(t *testing.T) {
	var s enumSet
	for _, i := range []int{0, 5, 63, 64, 100, 127} {
		s.add(i)
	}
	for i := range enumSetBits {
		want := i == 0 || i == 5 || i == 63 || i == 64 || i == 100 || i == 127
		if s.has(i) != want {
			t.Errorf("has(%d) = %v", i, s.has(i))
		}
	}
}
