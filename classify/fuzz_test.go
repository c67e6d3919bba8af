package classify

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

var fuzzSeeds = []string{
	`203.0.113.5 - - [10/Oct/2020:13:55:36 +0000] "GET /phpMyAdmin/scripts/setup.php HTTP/1.1" 403 0 "-" "ZmEu"`,
	`vhost:443 203.0.113.9 - - [01/Oct/2016:10:02:59 +0100] "\x16\x03\x02" 400 0 "-" "-" "1.2.3.4, 10.0.0.1"`,
	`10.0.0.5 - - [10/Oct/2000:13:55:36 +0000] "GET /a%2e%2e%2fb?x=%3Cscript HTTP/1.1" 200 1 "-" "x" "6.6.6.6, 203.0.113.7"`,
	`Mar  3 09:52:42 web sshd[812]: Failed password for invalid user x from 6.6.6.6 port 1 from 203.0.113.56 port 40000 ssh2`,
	`<38>1 2021-03-03T09:52:42Z web sshd 812 ID47 [x@1 a="]"] Accepted publickey for alice from 203.0.113.54 port 40000 ssh2`,
	`Mar  3 09:52:42 mx dovecot: auth-worker(9): pam(bob,203.0.113.83,<sess>): pam_authenticate() failed`,
	`Mar  3 09:52:42 mx postfix/smtpd[2222]: warning: unknown[203.0.113.70]: SASL LOGIN authentication failed: x`,
	`[Sat Oct 01 10:02:59.123456 2016] [core:error] [pid 1:tid 2] [client 2001:db8::1:5678] AH00126: Invalid URI in request GET /../x HTTP/1.1`,
	`2016/10/03 09:52:42 [error] 1#1: *4 open() "/x" failed, client: 203.0.113.11, server: s, request: "GET /.env HTTP/1.1", host: "h"`,
	`2021-03-03 09:52:43,456 fail2ban.actions [1234]: NOTICE  [sshd] Ban 203.0.113.90`,
	"time,ip,threat\n2021-03-13T23:36:26Z,203.0.113.5,vuln_scanner",
	"Mar  3 10:00:00 web sshd[1]: message repeated 3 times: [ Failed password for root from 203.0.113.61 port 1 ssh2]",
	// Every authentication parser, and the envelopes without a timestamp.
	"Mar 3 09:52:42 srv sshd(pam_unix)[2]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=203.0.113.4 user=root",
	"srv sshd[1]: Connection closed by invalid user a b 203.0.113.8 port 4000 [preauth]",
	"sshd[1]: refused connect from x (203.0.113.11)",
	"Mar  3 09:52:42 r dropbear[3]: Exit before auth from <203.0.113.22:51234>: (user 'root', 10 fails): Max auth tries reached - user 'root'",
	"Mar  3 09:52:42 mx postfix/postscreen[2]: PREGREET 11 after 0.21 from [203.0.113.35]:51234: EHLO x",
	"Mar  3 09:52:42 mx postfix/smtpd[2]: NOQUEUE: reject: RCPT from unknown[203.0.113.32]: 554 5.7.1 <a@b>: Relay access denied;",
	"2021-03-03 09:52:42 +0100 [1234] 1lHKjw-0003Bc-Ab dovecot_plain authenticator failed for H=(x) [203.0.113.51]:5: 535 (set_id=a)",
	`Mar  3 09:52:42 mx imapd-ssl: LOGIN FAILED, user=office, ip=[::ffff:203.0.113.60]`,
	"Mar  3 09:52:42 mx imap[3]: badlogin: host [203.0.113.70] plaintext admin SASL(-13): authentication failure",
	"Mar  3 09:52:42 mx sendmail[5]: x: AUTH failure (LOGIN): authentication failure (-13), user=w, relay=h [IPv6:2001:db8::1]",
	`Wed Mar  3 09:52:42 2021 [pid 881] [ftp] FAIL LOGIN: Client "203.0.113.91"`,
	"Mar  3 09:52:42 f proftpd[9]: f (s[203.0.113.92]) - USER a (Login failed): Incorrect password",
	"Mar  3 09:52:42 f pure-ftpd: (?@203.0.113.93) [WARNING] Authentication failed for user [test]",
	`2021/03/03 09:52:42 [error] 12#0: *7 client login failed while in http auth state, client: 203.0.113.102, server: 0.0.0.0:993, login: "info"`,
	`crawl-66-249-66-1.googlebot.com - - [14/Jun/2004:09:00:00 +0000] "GET / HTTP/1.0" 200 1 "-" "Nikto"`,
	`"192.168.4.164 - - [22/Dec/2016:15:19:05 +0300] "GET /DVWA/ HTTP/1.1" 200 2020 "-" "Mozilla/5.0""`,
	`203.0.113.8 - - [06/May/2024:10:00:00 +0000] "GET /?p=http://x/y.txt? HTTP/1.1" 200 1 "${jndi:ldap://x/a}" "() { :; };" "${${::-j}ndi:x}"`,
	`203.0.113.9 - - [06/May/2024:10:00:00 +0000] "GET / HTTP/9.9 x" 400 1 "-" "-"`,
	"[Mon May 06 10:00:01.123456 2024] [evasive20:error] [pid 1234] [client 203.0.113.4:51234] client denied by server configuration: /var/www/html/",
	"May  6 10:00:01 web1 mod_evasive[1234]: Blacklisting address 203.0.113.7: possible DoS attack.",
	// Applications, and the files of their own.
	"2026-11-27T10:00:17.123456Z 8 [Note] [MY-010926] [Server] Access denied for user 'r'@'203.0.113.1' (using password: YES)",
	"261127  9:00:21 [Warning] Access denied for user 'sa'@'203.0.113.2' (using password: YES)",
	`[Nov 27 10:00:17] NOTICE[1213] chan_sip.c: Registration from '"1" <sip:1@h>' failed for '203.0.113.3:5060' - Wrong password`,
	`[2026-11-27 10:00:20.123] SECURITY[1] res_security_log.c: SecurityEvent="InvalidAccountID",AccountID="3",RemoteAddress="IPV6/UDP/2001:db8::1/5060"`,
	"Nov 27 10:00:18 m roundcube: Failed login for a from 203.0.113.4 in session x (error: 0)",
	`Nov 27 10:00:32 m grafana[1]: msg="Request Completed" method=POST path=/login status=401 remote_addr=[2001:db8::2]:80`,
	`Nov 27 10:00:33 n smbd[1]: Auth: [SMB2,(null)] user [W]\[a] status [NT_STATUS_WRONG_PASSWORD] remote host [ipv4:203.0.113.5:1]`,
	"Nov 27 10:00:23 v openvpn[1]: c/203.0.113.6:1194 TLS Error: TLS handshake failed",
	"Nov 27 10:01:01 p pvedaemon[1]: authentication failure; rhost=::ffff:203.0.113.7 user=root@pam msg=x",
	"Nov 27 10:01:02 h webmin[1]: Invalid login as root from 203.0.113.8",
	"Nov 27 10:01:04 h cockpit-session: pam_unix(cockpit:auth): authentication failure; rhost=203.0.113.9  user=a",
	`{"reqId":"a","time":"2026-11-27T10:02:00+00:00","remoteAddr":"203.0.113.10","message":"Login failed: a (Remote IP: 203.0.113.10)"}`,
	"2018/04/26 18:15:54 [I] Failed authentication attempt for bob from 203.0.113.11",
	`t=2026-11-27T10:00:33+0000 lvl=eror msg="Invalid username or password" remote_addr=203.0.113.12`,
	"[2026-11-27 10:00:24.000][vaultwarden::api::identity][ERROR] Username or password is incorrect. Try again. IP: 203.0.113.13. Username: a.",
	"2026-11-27 10:00:25.123 WARNING (MainThread) [homeassistant.components.http.ban] Login attempt or request with invalid authentication from 203.0.113.14",
	"Nov 27 10:02:01 w drupal: https://e|1764237600|user|203.0.113.15|u|r|0||Login attempt failed for a.",
	"Nov 27 10:02:04 h portsentry[1]: attackalert: Connect from host: h/203.0.113.16 to TCP port: 1",
	`Nov 27 10:02:07 m HORDE: [horde] FAILED LOGIN for a [203.0.113.17] to Horde [on line 1 of "x"]`,
	"Nov 27 10:02:08 h monit[1]: HttpRequest: access denied -- client 203.0.113.18: unknown user 'x'",
	`Nov 27 10:02:10 h tomcat9[1]: Authentication attempt from [203.0.113.19, 10.0.0.1] for user "a" failed.`,
	`[2026-11-27 10:00:00.123 +01:00] [INF] [12] J: Authentication request for "a" has been denied (IP: "203.0.113.20").`,
	`Nov 27 10:00:02 h authelia[1]: msg="Unsuccessful 1FA authentication attempt by user 'a'" remote_ip=203.0.113.21`,
	`2026-11-27 10:00:03,123 WARN  [org.keycloak.events] (e) type="LOGIN_ERROR", ipAddress="203.0.113.22", error="user_not_found", username="a"`,
	`{"t":{"$date":"2026-11-27T10:00:06.000+00:00"},"ctx":"c","msg":"Authentication failed","attr":{"principalName":"a","remote":"203.0.113.23:1","error":"UserNotFound"}}`,
	"2026-11-27 10:00:00: (mod_auth.c.828) password doesn't match for /p username: a, IP: 203.0.113.24",
	"2026-11-27 10:00:03.123456 [WARNING] sofia_reg.c:1 SIP auth failure (REGISTER) on sofia profile 'i' for [1@e] from ip 203.0.113.25",
	"2026-11-27 10:00:06.123 [info] <0.1.0>@ejabberd_c2s:x (tls|<0.2.0>) Failed c2s PLAIN authentication for a@e from ::ffff:203.0.113.26: Invalid",
	"<W>2026-11-27 10:00:08.123 1 => <5:(-1)> Rejected connection from 203.0.113.27:1: Invalid server password",
	"2026-11-27 10:00:17.52 Logon       Login failed for user 'a'b'. Reason: x [CLIENT: 203.0.113.28]",
	"Nov 27 10:00:23 dc Microsoft-Windows-Security-Auditing[1]: An account failed to log on.#015#012Account For Which Logon Failed:#011Account Name:#011a#011Source Network Address:#011203.0.113.29",
	"Nov 27 10:00:25 dc MSWinEventLog\t1\tSecurity\t1\tAn account failed to log on. Source Network Address: 203.0.113.30",
	"2026-11-27 10:00:01.008 +01:00 [WRN] Failed login attempt. 203.0.113.31",
	"2026:11:27-10:00:11: '203.0.113.32' 13 failed login attempts. Account 'a'",
	"2026-11-27 10:00:17|-1|0|0|[WEB] [203.0.113.33] Authentication failed for 'a' : x",
	"8e035 f -- none -- - 2026-11-27T10:00:18+00:00 WARN (4): Tinebase_Controller::login::1 Login with username a from 203.0.113.34 failed (-3)!",
	"11/27/2026 10:00:20 [LOGIN_ERROR] a (e) from 203.0.113.35: x",
	"Fri Nov 27 10:00:21 2026 - [1] (203.0.113.36) a - login error - no such user",
	"Fri Nov 27 10:00:24 2026 - NOTEXIST - [203.0.113.37] File does not exist: /x",
	"Nov-27-26 10:00:26 Blocking 203.0.113.38 - too much AUTH errors (8);",
	"[1:2-3] 27-11-2026 10:00:30   smtp: a [203.0.113.39] authentication failure",
	"[27/Nov/2026 10:00:31] Failed SMTP login from 203.0.113.40",
	`<co ts="2026-11-27T10:00:34.29" tr="TCP|1|2|203.0.113.41|3" mi="Bad password" us="a"/>`,
	`L 11/27/2026 - 10:00:36: Bad Rcon: "rcon 1 "2" x" from "203.0.113.42:1"`,
	"261127100038.429 3128 00005 a 203.0.113.43:1 192.0.2.50:80 0 0 0 CONNECT 192.0.2.50:80",
	`type=USER_LOGIN msg=audit(1795773600.123:456): pid=1 msg='op=login acct=6A6F exe="/usr/sbin/sshd" addr=203.0.113.44 res=failed'`,
	`<189>date=2026-11-27 time=10:00:00 devname="F" type="event" subtype="vpn" action="ssl-login-fail" remip=203.0.113.63 user="a"`,
	`Nov 27 10:00:02 192.0.2.99 date=2026-11-27 time=10:00:02 devname="F" type="traffic" srcip=203.0.113.64 dstip=192.0.2.1 dstport=23 action="deny"`,
	"Nov 27 10:00:00 nas Connection: User [a] from [203.0.113.65] failed to log in via [DSM] due to authorization failure.",
	"2026-11-27 10:00:02.0|Warn|Auth|Auth-Failure ip 203.0.113.68 username 'a'",
	`2026-11-27T10:00:50.200Z,EX1\Default Frontend EX1,08DA,15,192.0.2.1:25,203.0.113.69:1,>,535 5.7.3 Authentication unsuccessful,`,
	"Nov 27 10:00:01 b sshguard[1]: Blocking \"203.0.113.70/32\" for 120 secs (3 attacks in 5 secs, after 1 abuses over 5 secs.)",
	"Nov 27 10:00:00 p php-fpm[1]: /index.php: webConfigurator authentication error for user 'a' from: 203.0.113.71",
	"11/27/2026-10:00:00.1  [Drop] [**] [1:2:3] ET SCAN x [**] [Classification: Detection of a Network Scan] [Priority: 3] {TCP} 203.0.113.72:1 -> 192.0.2.1:22",
	"11/27-10:00:00.1  [**] [1:2:3] x [**] [Classification: Misc Attack] [Priority: 2] {ICMP} 2001:0db8:0000:0000:0000:0000:0000:0073 -> 192.0.2.1",
	`{"timestamp":"2026-11-27T10:00:00.1+0000","event_type":"alert","src_ip":"203.0.113.74","alert":{"signature":"x","category":"Misc Attack"}}`,
	`Nov 27 10:00:00 g danted[1]: info: block(1): tcp/accept ]: 203.0.113.75.1 0.0.0.0.1080: error after reading 1 bytes in 0 seconds: system password authentication failed for user "a"`,
	"1764237601: New connection from 203.0.113.76:1 on port 1883.",
	"1764237601: Client <unknown> disconnected, not authorised.",
	"[2026-11-27 10:00:00,139] [INFO] [paperless.auth] Login failed for user `a` from IP `203.0.113.77`.",
	"27-Nov-2026 10:00:05.372 error: client @0x7f 203.0.113.83#1 (a): zone transfer 'a/AXFR/IN' denied",
	"2026-11-27 10:00:00.092 Warn Server: AUTH-ERROR: 203.0.113.85 - Invalid username or password entered.",
	"[Nest] 7  - 11/27/2026, 7:32:47 PM    WARN [AuthService] Failed login attempt for user a from ip address 203.0.113.86",
	`2026-11-27T09:52:17.637Z [warn][API]: Failed sign-in attempt {"ip":"203.0.113.87","email":"a"}`,
	"2026/11/27 08:05:56.233208 [error] POST 203.0.113.88 /control/login: invalid username or password",
	"W, [2026-11-27T09:25:23.245316 #1]  WARN -- : Failed login for 'a' from 203.0.113.89 at x",
	`1764237600.1.0 [1/Nov/2026 10:00:00] a - 203.0.113.90 global miniserv.pl "failed" "-" "x"`,
	"2026-11-27 19:51:53,762 INFO  [q] [oip=203.0.113.91;] S - authentication failed for [a], account not found",
	"11/27/26, 10:31:29 PM MST.5 web_php[1].ERR [203.0.113.92] [Login denied for user \"a\"] at x",
	`time="2026-11-27T05:07:30Z" level=warning msg="HTTP: POST h/auth/login" httpStatus=401 remoteAddr=203.0.113.93 x=1`,
	`2026/11/27 20:45:49 [203.0.113.94:1] [channel 0] command "id" requested`,
	`{"event":"user.login","success":false,"user":"a","addr.remote":"203.0.113.95:1"}`,
	"2026-11-27 10:01:00 +0000 08 m IMAP:1: [192.0.2.10:993] connection accepted from [203.0.113.97:1]",
	"2026-11-27 10:01:01 +0000 08 m IMAP:1: Authentication error for user 'a': invalid credentials",
	"2026-11-27 12:22:07.353044 [INFO] [1] [203.0.113.98:1-5#E] User 'a' failed to authenticate.",
	"[info] o.t.s.AccessLogFilter [1|2] 203.0.113.99 POST /api/v1/login took 8ms and returned 401 65 bytes",
	"Nov 27 10:00:00 m https[1]: Failed password for a from 203.0.113.100 port 1",
	`{"eventid":"elasticpot.attack","timestamp":"2026-11-27T13:39:37Z","src_ip":"203.0.113.102"}`,
	"[notice] 2026-11-27T13:54:06.579985Z c@h <0.1.2> e d 203.0.113.103 undefined GET /x 404 ok 1",
	`2026-11-27T16:59:46Z 199.27.72.40  { "client_ip": "203.0.113.104", "url": "/x", "request_method": "GET", "response_status": 404 }`,
	`2026-11-27T19:11:31Z INFO Authentication failed (auth.failed) listenerId = "i", remoteIp = 203.0.113.101, accountName = "a"`,
	"Nov 27 10:00:00 ns named[1]: client 203.0.113.84#1: view v: query (cache) './NS/IN' denied",
	`{"apiVersion":"audit.k8s.io/v1","stage":"ResponseComplete","user":{"username":"system:anonymous"},"sourceIPs":["203.0.113.81"],"responseStatus":{"code":403}}`,
	`{"eventTime":"2026-11-27T10:00:00Z","eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","sourceIPAddress":"203.0.113.82","responseElements":{"ConsoleLogin":"Failure"}}`,
	"2026-11-27T10:00:00.113+0100\terror\tm\tLogin failed because of invalid password\t{\"ip_addr\": \"203.0.113.78\"}",
	`{"ts":1764237600.6,"msg":"Login failed because of invalid password","ip_addr":"203.0.113.79"}`,
	"localhost [Fri Nov 27 10:00:00 2026] [notice] [pid 1] [client 203.0.113.80:1] Password authentication failed for 'a' from IP: '203.0.113.80'",
	"Nov 27 10:00:00 w lfd[1]: (sshd) Failed SSH login from 203.0.113.62 (CN/China/-): 5 in the last 3600 secs - *Blocked in csf*",
	"Nov 27 10:00:00 l slapd[1]: conn=1 fd=2 ACCEPT from IP=203.0.113.60:1 (IP=0.0.0.0:636)",
	"Nov 27 10:00:00 l slapd[1]: conn=1 op=1 RESULT tag=97 err=49 text=",
	"2026-11-27 10:00:00.123 UTC [1] LOG:  connection received: host=203.0.113.61 port=1",
	`2026-11-27 10:00:00.130 UTC [1] a@b FATAL:  password authentication failed for user "a"`,
	`[2026-11-27 10:00:37 +0000] info [cpaneld] 203.0.113.58 - a "POST /login/ HTTP/1.1" FAILED LOGIN cpaneld: x`,
	`203.0.113.59 - - [11/27/2026:10:00:40 -0000] "GET / HTTP/1.1" 200 0 "-" "x" "-" "-" 2083`,
	"2026-11-27T10:00:01.344Z: Failed Login: username=a b ip=203.0.113.51",
	`{"severity":"INFO","time":"2026-11-27T10:00:02.979Z","correlation_id":"1","message":"Failed Login: username=a ip=203.0.113.52"}`,
	"Nov 27 10:00:09 ns nsd[1]: info: axfr for zone e. from client 203.0.113.53 refused, no acl matches.",
	"[2026-11-27 10:00:13] [a] failed to login from 203.0.113.54:65001",
	`2026-11-27 10:00:16.781 Connection "CID-72": User authentication failed. The user name that has been provided was "b", from 203.0.113.55.`,
	"2026.11.27 10:00:20 LOG3[1:1]: SSL_accept from 203.0.113.56:1 : peer did not return a certificate",
	"@40000000692829a01529cb14 rblsmtpd: 203.0.113.57 pid 1: 451 x",
	"Nov 27 10:00:01 m imapd[666]: Login failed user=a auth=a host=h [203.0.113.48]",
	`Nov 27 10:00:11 m perdition.imaps[1]: Auth: 203.0.113.49:1->192.0.2.9:993 authentication_id="a" status="failed: x"`,
	"Nov 27 10:00:15 m solid-pop3d[1]: authentication failed for user a - h (203.0.113.50)",
	"Nov 27 10:00:01 192.168.88.1 system,error,critical login failure for user a from 203.0.113.46 via ssh",
	"Nov 27 10:00:04 192.168.88.1 l2tp,ppp,info <203.0.113.47>: sent CHAP Failure id=0x5",
	`Nov 27 10:00:01 h kernel: audit: type=1100 audit(1795773601.000:466): pid=1 msg='op=PAM:authentication acct="a" exe="/usr/sbin/sshd" addr=203.0.113.45 res=failed'`,
	"Jun  4 11:20:31 f proftpd[5120] f.example (s[203.0.113.140]): USER a (Login failed): x",
	"Jun  4 11:20:31 f proftpd[] x",
	"Jun  4 11:20:31 a dropbear[1]: [1] Jun 04 11:20:31 Bad password attempt for 'a' from ::ffff:203.0.113.123:1",
	"Jun  4 11:20:31 g sshd[1]: [ID 800047 auth.info] Failed password for a from 203.0.113.101 port 1 ssh2",
	"2024-05-06 07:08:09 login authenticator failed for h (([192.0.2.77]) [203.0.113.60]: 535 x",
	"Jun  4 11:20:31 www httpd[1]: [auth_basic:error] [pid 1] [client 203.0.113.170:1] AH01617: user a: authentication failure for \"/p\": Password Mismatch",
	"[core:error] [pid 1] [client [2001:db8::1]:5] AH10244: invalid URI path (/x)",
	"[error] [client 203.0.113.172] user a not found",
	"[a:] [pid ",
	"[2024-06-04 11:20:32] NOTICE[2] manager.c:  failed to authenticate as '",
	"[2024-06-04 11:20:34] NOTICE[2] chan_sip.c: Call from '' (203.0.113.183:5071) to extension '1' rejected because extension not found in context 'p'.",
	"[CEST Jun  4 11:20:31] error    : HttpRequest: access denied -- client [203.0.113.210]: wrong password for user 'a'",
	"[2024-06-04T11:20:33+0200] error    : Warning: Client '203.0.113.211' supplied unknown user 'o' accessing monit httpd",
	"[ABCDE Feb 30 99:99:99] error    : x",
	"2019-03-04T10:00:00.000+0000 I ACCESS   [conn12] SASL SCRAM-SHA-1 authentication failed for a on b from client 203.0.113.220:1 ; x",
	"2016-11-20T00:04:00.100+0100 [initandlisten] connection accepted from 203.0.113.222:1 #21 (1 connection now open)",
	"2016-11-20T00:04:00.110+0100 [conn21] Failed to authenticate a@b with mechanism M: x",
	"2016-11-20T00:04:00.110+0100 I -        [conn] x",
	"[04-Jun-2024 11:20:31 +0200]: <8a3kf2p1> IMAP Error: Login failed for o against l from 203.0.113.225. x",
	"[31-Feb-2024 11:20:31 +2400]: FAILED login for a from b",
	"Jun  4 11:20:31 <auth.info> bsd sshd[1]: Failed password for a from 203.0.113.230 port 1 ssh2",
	"Jun  4 11:20:31 <a.b>",
	"2024-06-04 11:20:31.150982 97.53% [WARNING] sofia_reg.c:2889 Can't find user [1@x] from 203.0.113.235",
	"2024-06-04 11:20:31.150982 9999999% [WARNING]",
}

// FuzzParseLine runs arbitrary lines through every parser and the rules:
// no panic, and a classified line always has a valid source address, or a
// connection that gives it one.
func FuzzParseLine(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	rules := mustRules(f, "")
	p := newLineParser(rules, &Options{})
	f.Fuzz(func(t *testing.T, line string) {
		for fm := Format(0); fm < numFormats; fm++ {
			fc := &fileCtx{format: fm, ref: testNow, cols: noColumns}
			v := p.classify([]byte(line), fc)
			if v.res == resOK && !v.ip.IsValid() && v.conn == 0 {
				t.Fatalf("format %s: classified without an address or a connection", fm)
			}
			if !v.category.Valid() {
				t.Fatalf("invalid category %d", v.category)
			}
		}
	})
}

// FuzzClassifier checks the accounting invariant over arbitrary input.
func FuzzClassifier(f *testing.F) {
	f.Add(strings.Join(fuzzSeeds, "\n"))
	f.Add("\x00\n\r\n\n\xff")
	rules := mustRules(f, "")
	f.Fuzz(func(t *testing.T, in string) {
		c := NewClassifier(rules, Options{Now: testNow, MaxLineBytes: 300, MaxActors: 4})
		var n int64
		emit := func(Event) error { n++; return nil }
		if _, err := c.Classify(context.Background(), strings.NewReader(in), "fuzz", time.Time{}, emit); err != nil {
			t.Fatal(err)
		}
		c.Finish(emit)
		s := c.Stats()
		if s.Lines != s.Classified+s.Ignored+s.SkippedTotal() || n != s.Classified {
			t.Fatalf("accounting: %+v, %d events", s, n)
		}
	})
}

// FuzzParseRules: the loader never panics; what loads either compiles or
// fails with a classify error.
func FuzzParseRules(f *testing.F) {
	f.Add("rules:\n  - name: a\n    category: noise\n    match: {agent_contains: [x], status: [401]}\n")
	f.Add("windows:\n  - {name: w, maxretry: 3, findtime: 1m}\nlists: {l: [a]}\nrules:\n  - {name: b, category: brute_force, window: w, match: {user: ['@l']}}\n")
	f.Add("dos: {requests: -1}\n")
	f.Fuzz(func(t *testing.T, in string) {
		rs, err := ParseRules([]byte(in), "fuzz.yaml")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "classify: ") {
				t.Fatalf("error without prefix: %v", err)
			}
			return
		}
		rules, err := rs.Compile()
		if err != nil {
			if !strings.HasPrefix(err.Error(), "classify: ") {
				t.Fatalf("error without prefix: %v", err)
			}
			return
		}
		rules.Explain(in, Options{})
		var b bytes.Buffer
		b.WriteString(in)
	})
}
