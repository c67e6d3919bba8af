package classify

import (
	"net/netip"
	"testing"
	"time"
)

var jsonSeeds = []string{
	`{"level":"info","ts":1614764562.4123,"logger":"http.log.access","msg":"handled request","request":{"remote_ip":"203.0.113.5","remote_port":"41234","client_ip":"203.0.113.5","proto":"HTTP/1.1","method":"GET","host":"example.org","uri":"/.env","headers":{"User-Agent":["curl/7.68.0"]}},"status":404}`,
	`{"ClientAddr":"203.0.113.20:41234","ClientHost":"203.0.113.20","DownstreamStatus":404,"RequestHost":"example.org","RequestMethod":"GET","RequestPath":"/phpmyadmin/index.php","StartUTC":"2021-03-03T09:52:42.123456789Z","request_User-Agent":"Mozilla/5.0 zgrab/0.x","time":"2021-03-03T10:52:42+01:00"}`,
	`{"start_time":"2021-03-03T09:53:00.001Z","method":"GET","path":"/x","response_code":404,"x_forwarded_for":null,"user_agent":"Mozilla/5.0","authority":"example.org","downstream_remote_address":"203.0.113.32:40001"}`,
	`{"time_local":"03/Mar/2021:09:52:42 +0000","remote_addr":"203.0.113.40","request":"GET /phpmyadmin/ HTTP/1.1","status":"404","http_user_agent":"Mozilla/5.0","http_x_forwarded_for":""}`,
	`{"ClientIP":"203.0.113.50","ClientRequestHost":"example.org","ClientRequestMethod":"GET","ClientRequestURI":"/wp-admin/install.php","ClientRequestUserAgent":"Mozilla/5.0","EdgeResponseStatus":404,"EdgeStartTimestamp":1614764562000000000}`,
	`[2021-03-03T09:52:42.123Z] "GET /.git/config HTTP/1.1" 404 NR route_not_found - "-" 0 0 0 - "-" "curl/7.68.0" "d3b6a1c0" "example.org" "-" - - 10.0.0.5:8080 203.0.113.30:41234 - -`,
	`{"a":[1,{"b":[[]]},"\u00e9"],"remote_addr":"203.0.113.40","request":"\"","time":1e3}`,
}

func init() { fuzzSeeds = append(fuzzSeeds, jsonSeeds...) }

func TestJSONAccessLines(t *testing.T) {
	rules := mustRules(t, "")
	f := func(name string) Format { return mustFormat(t, name) }
	runLineCases(t, rules, Options{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}}, []lineCase{
		{name: "caddy", format: f("caddy"), line: jsonSeeds[0],
			ip: "203.0.113.5", time: "2021-03-03T09:42:42Z", cat: VulnScanner, rule: "sensitive-file"},
		{name: "caddy client_ip", format: f("caddy"),
			line: `{"ts":1614764562,"request":{"remote_ip":"10.0.0.2","client_ip":"203.0.113.6","method":"GET","uri":"/","headers":{"User-Agent":["sqlmap/1.5"]}},"status":200}`,
			ip:   "203.0.113.6", cat: VulnScanner, rule: "scanner-user-agent"},
		{name: "traefik", format: f("traefik"), line: jsonSeeds[1],
			ip: "203.0.113.20", time: "2021-03-03T09:52:42Z", cat: VulnScanner, rule: "scanner-user-agent"},
		{name: "traefik own message", format: f("traefik"), result: "ignored",
			line: `{"DownstreamStatus":0,"level":"info","msg":"Configuration loaded from flags.","time":"2021-03-03T10:50:00+01:00"}`},
		{name: "envoy json", format: f("envoy_json"), line: jsonSeeds[2],
			ip: "203.0.113.32", time: "2021-03-03T09:53:00Z", cat: Legit},
		{name: "nginx json", format: f("nginx_json"), line: jsonSeeds[3],
			ip: "203.0.113.40", time: "2021-03-03T09:52:42Z", cat: VulnScanner, rule: "probe-path"},
		{name: "nginx json behind a proxy", format: f("nginx_json"),
			line: `{"time_iso8601":"2021-03-03T09:52:42+00:00","remote_addr":"10.0.0.3","request":"GET / HTTP/1.1","status":200,"http_user_agent":"x","http_x_forwarded_for":"198.51.100.1, 203.0.113.41"}`,
			ip:   "203.0.113.41", cat: Legit},
		{name: "ingress-nginx json", format: f("nginx_json"),
			line: `{"time": "2021-03-03T09:53:10+00:00", "remote_addr": "203.0.113.42", "status": 404, "vhost": "example.org", "path": "/cgi-bin/luci/;stok=/locale", "request_query": "form=country&operation=write&country=$(id)", "method": "GET", "http_user_agent": "Mozilla/5.0" }`,
			ip:   "203.0.113.42", cat: VulnScanner, rule: "rce-shell-download"},
		{name: "cloudflare", format: f("cloudflare"), line: jsonSeeds[4],
			ip: "203.0.113.50", time: "2021-03-03T09:42:42Z", cat: VulnScanner, rule: "probe-path"},
		{name: "envoy text", format: f("envoy"), line: jsonSeeds[5],
			ip: "203.0.113.30", time: "2021-03-03T09:52:42Z", cat: VulnScanner, rule: "sensitive-file"},
		{name: "envoy text, old default", format: f("envoy"),
			line: `[2021-03-03T09:52:44.000Z] "GET / HTTP/1.1" 200 - 0 2048 12 11 "198.51.100.51" "Mozilla/5.0" "5e3c" "example.org" "10.0.1.10:8080"`,
			ip:   "198.51.100.51", cat: Legit},
		{name: "truncated", format: f("caddy"), line: `{"ts":1,"request":{"remote_ip":"203.0.113.13"`, result: "malformed"},
		{name: "bad time", format: f("nginx_json"), line: `{"remote_addr":"203.0.113.1","time_local":"yesterday"}`, result: "bad_time"},
	})
}

func TestEpochTime(t *testing.T) {
	want := time.Date(2021, 3, 3, 9, 42, 42, 0, time.UTC)
	for _, in := range []string{"1614764562", "1614764562.0", "1614764562000", "1614764562000000", "1614764562000000000"} {
		if got, ok := epochTime([]byte(in)); !ok || !got.Equal(want) {
			t.Errorf("epochTime(%s) = %v, %v", in, got, ok)
		}
	}
	if got, _ := epochTime([]byte("1614764562.25")); got.Nanosecond() != 250_000_000 {
		t.Errorf("fraction: %v", got)
	}
	for _, in := range []string{"", "12", "1614764562x", "16147645620000000000000", "1.2.3"} {
		if _, ok := epochTime([]byte(in)); ok {
			t.Errorf("epochTime(%q) accepted", in)
		}
	}
}

func TestJSONScanner(t *testing.T) {
	fields := []jsonField{{"a.b", jsMethod}, {"c", jsTarget}, {"d", jsStatus}}
	var s jsonScanner
	for _, tc := range []struct {
		in            string
		ok            bool
		method, t, st string
	}{
		{`{"a":{"b":"GET"},"c":["/x","/y"],"d":404}`, true, "GET", "/x", "404"},
		{` { "x" : [ {"a":{"b":"no"}} ] , "a" : { "b" : "P\u004fST" } , "d" : null } `, true, "POST", "", ""},
		{`{"a":{"b":"GET"},"c":"/x"`, false, "GET", "/x", ""},
		{`[1]`, false, "", "", ""},
		{`{"c":"a\"b"}`, true, "", `a"b`, ""},
		{`{}`, true, "", "", ""},
		{`{"c":}`, false, "", "", ""},
	} {
		ok := s.scan([]byte(tc.in), fields)
		if ok != tc.ok || string(s.vals[jsMethod]) != tc.method || string(s.vals[jsTarget]) != tc.t || string(s.vals[jsStatus]) != tc.st {
			t.Errorf("scan(%s) = %v %q %q %q", tc.in, ok, s.vals[jsMethod], s.vals[jsTarget], s.vals[jsStatus])
		}
	}
}
