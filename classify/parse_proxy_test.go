package classify

import "testing"

var proxySeeds = []string{
	`Mar  3 09:52:42 lb1 haproxy[14389]: 203.0.113.60:33317 [03/Mar/2021:09:52:42.655] http-in~ web/srv1 10/0/30/69/109 404 2750 - - ---- 1/1/1/1/0 0/0 "GET /.env HTTP/1.1"`,
	`198.51.100.80:40000 [03/Mar/2021:09:52:44.100] ssh-in ssh/srv1 1/0/5007 212 -- 0/0/0/0/3 0/0`,
	`203.0.113.64:33320 [03/Mar/2021:09:52:43.500] http-in~ web/srv1 0/0/1/5/6 200 512 - - ---- 1/1/1/1/0 0/0 {example.org|https://a.example/|sqlmap/1.7.2 (https://sqlmap.org)|} {} "GET /?id=1 HTTP/1.1"`,
	`h2 2021-03-03T09:52:45.186641Z app/my-lb/50dc 203.0.113.62:2817 10.0.0.1:80 0.000 0.001 0.000 404 404 34 366 "GET https://www.example.org:443/wp-login.php HTTP/2.0" "Mozilla/5.0" - -`,
	`2021-03-03T09:52:46.945958Z my-loadbalancer 198.51.100.81:2817 10.0.0.1:80 0.000073 0.001048 0.000057 200 200 0 29 "GET http://www.example.org:80/ HTTP/1.1" "curl/7.38.0" - -`,
	`1614764567.123    120 203.0.113.63 TCP_DENIED/403 3802 CONNECT www.google.com:443 - HIER_NONE/- text/html`,
	`1614764568.456     35 198.51.100.82 TCP_MISS/200 5120 GET http://www.debian.org/ - HIER_DIRECT/130.89.148.77 text/html`,
	`[27/Nov/2026:10:00:00 +0000] - 200 200 - GET https shop.example "/wp-login.php" [Client 203.0.113.66] [Length 14908] [Gzip -] [Sent-to 172.18.0.1] "Mozilla/5.0 (X11; Linux x86_64)" "-"`,
	`[27/Nov/2026:10:00:01 +0000] 404 - GET http shop.example "/.env" [Client 203.0.113.67] [Length 150] [Gzip -] "curl/8.5" "-"`,
	`[27/Nov/2026:10:00:02 +0000] - 200 200 - GET https shop.example "/" [Client 198.51.100.85] [Length 14908] [Gzip -] [Sent-to 172.18.0.1] "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0 Safari/537.36" "https://www.example.org/"`,
}

func init() { fuzzSeeds = append(fuzzSeeds, proxySeeds...) }

func TestProxyLines(t *testing.T) {
	rules := mustRules(t, "")
	f := func(name string) Format { return mustFormat(t, name) }
	runLineCases(t, rules, Options{}, []lineCase{
		{name: "haproxy http in syslog", format: FormatSyslog, line: proxySeeds[0],
			ip: "203.0.113.60", time: "2021-03-03T09:52:42Z", cat: VulnScanner, rule: "sensitive-file"},
		{name: "haproxy tcp", format: f("haproxy"), line: proxySeeds[1], ip: "198.51.100.80", cat: Legit},
		{name: "haproxy bad request", format: f("haproxy"),
			line: `203.0.113.61:33318 [03/Mar/2021:09:52:43.001] http-in~ http-in/<NOSRV> -1/-1/-1/-1/0 400 187 - - PR-- 1/1/0/0/0 0/0 "<BADREQ>"`,
			ip:   "203.0.113.61", cat: Noise, rule: "non-http-request"},
		{name: "haproxy captured scanner agent", format: f("haproxy"),
			line: `203.0.113.64:33320 [03/Mar/2021:09:52:43.500] http-in~ web/srv1 0/0/1/5/6 200 512 - - ---- 1/1/1/1/0 0/0 {example.org|sqlmap/1.7.2#stable (https://sqlmap.org)} {} "GET /products?id=1 HTTP/1.1"`,
			ip:   "203.0.113.64", cat: VulnScanner, rule: "scanner-user-agent"},
		{name: "haproxy captured browser agent and referer", format: f("haproxy"),
			line: `198.51.100.84:51001 [03/Mar/2021:09:52:51.010] http-in~ web/srv1 0/0/0/40/41 200 18214 - - --NI 3/3/1/1/0 0/0 {example.org|https://example.org/|Mozilla/5.0 (X11; Linux x86_64)} "GET /blog/ HTTP/1.1"`,
			ip:   "198.51.100.84", cat: Legit},
		// HAProxy writes IPv6 clients without brackets, the port after
		// the last colon, and 4-in-6 addresses as it got them.
		{name: "haproxy ipv6 client", format: FormatSyslog,
			line: `Mar  3 09:52:46 lb1 haproxy[760]: 2001:db8::1234:58430 [03/Mar/2021:09:52:46.608] main main/<NOSRV> -1/-1/-1/-1/0 401 248 - - PR-- 0/0/0/0/0 0/0 "GET / HTTP/1.1"`,
			ip:   "2001:db8::1234", cat: Legit, window: "http"}, // its own auth asking for a password: one 401 is no attack
		{name: "haproxy ipv6 client, a four-digit port", format: f("haproxy"),
			line: `2001:db8::1235:5843 [03/Mar/2021:09:52:47.608] main web/srv1 0/0/1/5/6 200 512 - - ---- 1/1/1/1/0 0/0 "GET / HTTP/1.1"`,
			ip:   "2001:db8::1235", cat: Legit},
		{name: "haproxy 4-in-6 client", format: FormatSyslog,
			line: `Mar  3 09:52:48 lb1 haproxy[760]: ::ffff:198.51.100.86:58430 [03/Mar/2021:09:52:48.608] main web/srv1 0/0/1/5/6 200 512 - - ---- 1/1/1/1/0 0/0 "GET / HTTP/1.1"`,
			ip:   "198.51.100.86", cat: Legit},
		{name: "haproxy own message", format: FormatSyslog, line: `Mar  3 09:52:45 lb1 haproxy[14389]: Proxy web started.`, result: "ignored"},
		{name: "alb", format: f("alb"), line: proxySeeds[3],
			ip: "203.0.113.62", time: "2021-03-03T09:52:45Z", cat: VulnScanner, rule: "probe-path"},
		{name: "classic elb, own absolute uri", format: f("alb"), line: proxySeeds[4], ip: "198.51.100.81", cat: Legit},
		{name: "squid denied connect", format: f("squid"), line: proxySeeds[5],
			ip: "203.0.113.63", time: "2021-03-03T09:42:47Z", cat: ProxyScanner, rule: "proxy-connect"},
		{name: "squid served", format: f("squid"), line: proxySeeds[6], ip: "198.51.100.82", cat: Legit},
		{name: "nginx proxy manager, proxy format", format: f("npm"), line: proxySeeds[7],
			ip: "203.0.113.66", time: "2026-11-27T10:00:00Z", cat: VulnScanner, rule: "probe-path"},
		{name: "nginx proxy manager, standard format", format: f("npm"), line: proxySeeds[8],
			ip: "203.0.113.67", cat: VulnScanner, rule: "sensitive-file"},
		{name: "nginx proxy manager, a visitor", format: f("npm"), line: proxySeeds[9], ip: "198.51.100.85", cat: Legit},
		{name: "squid asking a user for credentials", format: f("squid"),
			line: `1614764569.411      0 198.51.100.83 TCP_DENIED/407 3980 GET http://api.example.org/v2/check - HIER_NONE/- text/html`, ip: "198.51.100.83", cat: Legit},
		{name: "squid refusing a proxy judge", format: f("squid"),
			line: `1614764570.000      4 203.0.113.65 TCP_DENIED/403 4099 GET http://www.example.net/proxy/check.php - HIER_NONE/- text/html`, ip: "203.0.113.65", cat: ProxyScanner, rule: "proxy-absolute-uri"},
		{name: "squid bad time", format: f("squid"), line: `1614764567.1x3 1 203.0.113.63 TCP_DENIED/403 0 GET / -`, result: "bad_time"},
	})
}

func TestOriginForm(t *testing.T) {
	p := newLineParser(mustRules(t, ""), &Options{})
	for in, want := range map[string][2]string{
		"GET https://www.example.org:443/x?y HTTP/1.1": {"GET /x?y HTTP/1.1", "www.example.org"},
		"GET http://h HTTP/1.1":                        {"GET / HTTP/1.1", "h"},
		"GET http://h?q HTTP/1.1":                      {"GET /?q HTTP/1.1", "h"},
		"GET /x HTTP/1.1":                              {"GET /x HTTP/1.1", ""},
	} {
		var r record
		if got := string(p.originForm([]byte(in), &r)); got != want[0] || string(r.host) != want[1] {
			t.Errorf("originForm(%q) = %q host %q, want %q", in, got, r.host, want)
		}
	}
}
