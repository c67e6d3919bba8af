package classify

import "testing"

var appServerSeeds = []string{
	"[pid: 2841|app: 0|req: 100/400] 203.0.113.140 () {34 vars in 512 bytes} [Wed Mar  3 09:52:00 2021] GET /.env => generated 179 bytes in 2 msecs (HTTP/1.1 404) 2 headers in 87 bytes (1 switches on core 0)",
	`203.0.113.150 - - [03/Mar/2021:09:52:42 +0000] "GET /.env HTTP/1.1" 404 179 "-" "python-requests/2.25.1"`,
	`[2021-03-03 09:52:50 +0100] [8] [WARNING] Invalid request from ip=2001:db8::9: Invalid HTTP request line: '\x16\x03\x01\x02\x00\x01\x00'`,
	`[2021-03-03 09:52:41 +0000] [1] [INFO] Starting gunicorn 20.1.0`,
}

func init() { fuzzSeeds = append(fuzzSeeds, appServerSeeds...) }

func TestAppServerLines(t *testing.T) {
	rules := mustRules(t, "")
	uwsgi, gunicorn := mustFormat(t, "uwsgi"), mustFormat(t, "gunicorn")
	runLineCases(t, rules, Options{}, []lineCase{
		{name: "uwsgi probe", format: uwsgi, line: appServerSeeds[0],
			ip: "203.0.113.140", time: "2021-03-03T09:52:00Z", cat: VulnScanner, rule: "sensitive-file"},
		{name: "uwsgi user", format: uwsgi,
			line: "[pid: 2842|app: 0|req: 58/402] 198.51.100.141 (alice) {40 vars in 733 bytes} [Wed Mar  3 09:52:15 2021] POST /api/v1/orders => generated 88 bytes in 120 msecs (HTTP/2.0 201) 4 headers in 140 bytes (2 switches on core 1)",
			ip:   "198.51.100.141", cat: Legit},
		{name: "uwsgi bad time", format: uwsgi, result: "bad_time",
			line: "[pid: 1|app: 0|req: 1/1] 203.0.113.140 () {1 vars in 1 bytes} [yesterday] GET / => generated 1 bytes in 1 msecs (HTTP/1.1 200)"},
		{name: "gunicorn default access log", format: FormatAccess, line: appServerSeeds[1],
			ip: "203.0.113.150", cat: VulnScanner, rule: "sensitive-file"},
		{name: "gunicorn invalid request", format: gunicorn, line: appServerSeeds[2],
			ip: "2001:db8::9", time: "2021-03-03T08:52:50Z", cat: Noise, rule: "non-http-request"},
		{name: "gunicorn invalid request, older debug level", format: gunicorn,
			line: `[2021-03-03 09:52:51 +0000] [9] [DEBUG] Invalid request from ip=203.0.113.153: Invalid HTTP method: 'SSTP_DUPLEX_POST'`,
			ip:   "203.0.113.153", cat: Noise, rule: "non-http-request"},
		{name: "gunicorn start-up line", format: gunicorn, line: appServerSeeds[3], result: "ignored"},
		{name: "gunicorn worker timeout", format: gunicorn, line: `[2021-03-03 10:00:00 +0000] [1] [CRITICAL] WORKER TIMEOUT (pid:8)`, result: "ignored"},
	})
	p := newLineParser(rules, &Options{})
	fc := &fileCtx{format: uwsgi, ref: testNow, cols: noColumns}
	if res := p.parseLine([]byte(appServerSeeds[0]), uwsgi, fc); res != resOK || p.rec.status != 404 || string(p.rec.target) != "/.env" {
		t.Errorf("uwsgi: %s status %d target %q", resultNames[res], p.rec.status, p.rec.target)
	}
	if res := p.parseLine([]byte("*** Starting uWSGI 2.0.19.1 (64bit) on [Wed Mar  3 09:50:00 2021] ***"), uwsgi, fc); res != resIgnored {
		t.Errorf("uwsgi banner: %s", resultNames[res])
	}
}
