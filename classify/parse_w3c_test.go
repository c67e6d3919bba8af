package classify

import (
	"bytes"
	"fmt"
	"os"
	"testing"
)

var w3cSeeds = []string{
	"#Fields: date time c-ip cs-method cs-uri-stem cs-uri-query sc-status cs(User-Agent)\n2021-03-03 09:52:42 203.0.113.90 GET /owa/auth/x.js - 404 Mozilla/5.0+(Windows)",
	"2021-03-03 09:52:42 10.0.0.4 GET /wp-login.php - 443 - 203.0.113.92 Mozilla/5.0 - 404 0 2 15",
}

func init() { fuzzSeeds = append(fuzzSeeds, w3cSeeds...) }

func TestW3CFields(t *testing.T) {
	rules := mustRules(t, "")
	p := newLineParser(rules, &Options{})
	fc := &fileCtx{format: mustFormat(t, "w3c"), ref: testNow, cols: noColumns}
	for _, tc := range []struct {
		line, ip, target, agent string
		res                     lineResult
	}{
		// IIS's default fields before any directive.
		{w3cSeeds[1], "203.0.113.92", "/wp-login.php", "Mozilla/5.0", resOK},
		{"#Fields: date time cs-method cs-uri-stem cs-uri-query c-ip cs(User-Agent) sc-status", "", "", "", resIgnored},
		{"2021-03-03 10:00:01 GET /x a=1 203.0.113.93 Mozilla/5.0+(X11) 404", "203.0.113.93", "/x?a=1", "Mozilla/5.0 (X11)", resOK},
		{"2021-03-03 10:00:01 GET /x - 203.0.113.93 - 404", "203.0.113.93", "/x", "", resOK},
		{"#Fields: DATE TIME C-IP", "", "", "", resIgnored},
		{"2021-03-03 10:00:02 2001:db8::7", "2001:db8::7", "", "", resOK},
		{"2021-03-03", "", "", "", resBadTime},
		{"2021-03-03 10:00:02 -", "", "", "", resIgnored},
		// CloudFront: tabs between fields, the agent percent-encoded once
		// or twice.
		{"#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query", "", "", "", resIgnored},
		{"2021-03-03\t10:00:03\tLAX1\t392\t203.0.113.94\tGET\td1.cloudfront.net\t/.env\t404\t-\tMozilla/5.0%20(X11;%20Linux)\t-", "203.0.113.94", "/.env", "Mozilla/5.0 (X11; Linux)", resOK},
		{"2021-03-03\t10:00:04\tLAX1\t392\t2001:db8::95\tGET\td1.cloudfront.net\t/a%20b\t200\t-\tcurl/8.5%2520(x)\tq=1", "2001:db8::95", "/a%20b?q=1", "curl/8.5 (x)", resOK},
	} {
		res := p.parseLine([]byte(tc.line), fc.format, fc)
		r := &p.rec
		if res != tc.res || res == resOK && (r.src.String() != tc.ip || string(r.target) != tc.target || string(r.agent) != tc.agent) {
			t.Errorf("%q: %s %s %q %q", tc.line, resultNames[res], r.src, r.target, r.agent)
		}
	}
}

// A log whose "#Fields:" directive changes half way through (IIS
// restarted with other fields), read in chunks smaller than the file.
func TestParallelW3C(t *testing.T) {
	b, err := os.ReadFile("../testdata/classify/iis/input.log")
	if err != nil {
		t.Fatal(err)
	}
	var big bytes.Buffer
	for i := 0; i < 30; i++ {
		big.Write(b)
		fmt.Fprintf(&big, "2021-03-03 10:%02d:00 GET /index.html - 198.51.100.%d - 200\n", i, i+1)
	}
	res := compareWorkers(t, mustRules(t, ""), Options{}, []input{{"u_ex210303.log", big.Bytes()}})
	if res.stats.Events[VulnScanner] != 30*4 {
		t.Errorf("events %v", res.stats.Events)
	}
}
