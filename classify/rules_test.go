package classify

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/threatmap/threatmap/assets"
)

func TestRuleErrors(t *testing.T) {
	for _, tc := range []struct {
		name, yaml string
		want       []string // substrings of the error
	}{
		{"unknown field", "rules:\n  - name: r1\n    category: noise\n    match:\n      agent_contain: [x]\n",
			[]string{"mine.yaml:5", `rule "r1"`, `unknown field "agent_contain"`}},
		{"unknown category", "rules:\n  - name: r2\n    category: evil\n    match: {agent_contains: [x]}\n",
			[]string{"mine.yaml:2", `rule "r2"`, "category", `"evil"`}},
		{"bad status", "rules:\n  - name: r3\n    category: noise\n    match: {status: [999]}\n",
			[]string{`rule "r3"`, "match.status", "999"}},
		{"unknown list", "rules:\n  - name: r4\n    category: noise\n    match: {agent_contains: ['@nolist']}\n",
			[]string{`rule "r4"`, "match.agent_contains", "nolist"}},
		{"unknown window", "rules:\n  - name: r5\n    category: brute_force\n    window: nope\n    match: {status: [401]}\n",
			[]string{`rule "r5"`, "window", "nope"}},
		{"empty match", "rules:\n  - name: r6\n    category: noise\n",
			[]string{`rule "r6"`, "no conditions"}},
		{"bad cidr", "rules:\n  - name: r7\n    category: vpn\n    match: {source: [10.0.0.0/99]}\n",
			[]string{`rule "r7"`, "match.source"}},
		{"bad auth kind", "rules:\n  - name: r8\n    category: noise\n    match: {auth: [sucess]}\n",
			[]string{`rule "r8"`, "match.auth", "sucess"}},
		{"bad duration", "windows:\n  - {name: w, maxretry: 3, findtime: soon}\n",
			[]string{"mine.yaml", "soon"}},
		{"bad maxretry", "windows:\n  - {name: ssh, maxretry: 0, findtime: 1m}\n",
			[]string{"ssh", "maxretry"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rs, err := DefaultRuleSet()
			if err != nil {
				t.Fatal(err)
			}
			over, err := ParseRules([]byte(tc.yaml), "mine.yaml")
			if err == nil {
				rs.Merge(over)
				_, err = rs.Compile()
			}
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.HasPrefix(err.Error(), "classify: ") {
				t.Errorf("error lacks the package prefix: %v", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestMerge(t *testing.T) {
	rules := mustRules(t, `
site: {hosts: [shop.example]}
dos: {requests: 5}
windows:
  - {name: ssh, maxretry: 1, findtime: 1m}
lists:
  good_bots: [mybot]
rules:
  - {name: scanner-user-agent, disabled: true}
  - name: curl-is-evil
    category: vuln_scanner
    match: {agent_prefix: [curl/]}
  - name: tor-exit
    category: proxy_scanner
    match: {source: [198.51.100.0/24]}
`)
	for _, tc := range []struct {
		line string
		cat  Category
		rule string
	}{
		{`203.0.113.1 - - [03/Mar/2021:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "sqlmap/1.0"`, Legit, ""},
		{`203.0.113.1 - - [03/Mar/2021:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "curl/8.0"`, VulnScanner, "curl-is-evil"},
		{`203.0.113.1 - - [03/Mar/2021:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "Googlebot"`, Legit, ""},
		{`203.0.113.1 - - [03/Mar/2021:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "MyBot/1"`, GoodBot, "good-bot"},
		{`198.51.100.7 - - [03/Mar/2021:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "x"`, ProxyScanner, "tor-exit"},
	} {
		ex := rules.Explain(tc.line, Options{})
		if ex.Category != tc.cat || ex.Rule != tc.rule {
			t.Errorf("%s: %s/%q, want %s/%q", tc.line, ex.Category, ex.Rule, tc.cat, tc.rule)
		}
	}
	if rules.dos.requests != 5 || rules.windows[0].maxRetry != 1 {
		t.Errorf("dos %+v windows %+v", rules.dos, rules.windows)
	}
}

// The default set prints and reads back to the same rules.
func TestPrintRoundTrip(t *testing.T) {
	rs, err := DefaultRuleSet()
	if err != nil {
		t.Fatal(err)
	}
	b, err := rs.YAML()
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseRules(b, "printed.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r1, err := rs.Compile()
	if err != nil {
		t.Fatal(err)
	}
	r2, err := back.Compile()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(r1.RuleNames(), ",") != strings.Join(r2.RuleNames(), ",") {
		t.Errorf("rules differ after printing")
	}
}

// An error in a default rule names the line the rule starts at, found when
// the error is made (the default set is decoded without its lines).
func TestDefaultRuleErrorLine(t *testing.T) {
	rs, err := DefaultRuleSet()
	if err != nil {
		t.Fatal(err)
	}
	r := &rs.Rules[len(rs.Rules)/2]
	want := 0
	for i, l := range strings.Split(string(assets.DefaultRules), "\n") {
		if strings.Contains(l, "- name: "+r.Name) || strings.Contains(l, "- {name: "+r.Name+",") {
			want = i + 1
			break
		}
	}
	if want == 0 {
		t.Fatalf("rule %q not found in the default rules' text", r.Name)
	}
	r.Category = "evil"
	_, err = rs.Compile()
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("default.yaml:%d: rule %q", want, r.Name)) {
		t.Errorf("error %v, want it at default.yaml:%d", err, want)
	}
}

// The JSON the default rule set is read from is its YAML decoded: run
// go generate ./classify when this fails.
func TestDefaultRulesJSONCurrent(t *testing.T) {
	fromYAML, err := ParseRules(assets.DefaultRules, defaultRulesName)
	if err != nil {
		t.Fatal(err)
	}
	want, err := json.Marshal(fromYAML)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(append(want, '\n'), assets.DefaultRulesJSON) {
		t.Fatal("assets/rules/default.json is stale: run go generate ./classify")
	}
	fromJSON, err := DefaultRuleSet()
	if err != nil {
		t.Fatal(err)
	}
	for i := range fromYAML.Rules {
		fromYAML.Rules[i].line = 0 // the JSON form finds lines on demand
	}
	if !reflect.DeepEqual(fromJSON, fromYAML) {
		t.Fatal("the default rule set read from JSON differs from its YAML")
	}
}

// TestPrefilter checks the rule sets a line's status and target shapes
// select against the rules' own conditions: a rule is left out only when
// one of its conditions could not hold.
func TestPrefilter(t *testing.T) {
	rs := mustRules(t, `rules:
  - name: teapot
    category: noise
    match: {service: [http], status: [418, 599]}
  - name: overlong-teapot
    category: noise
    match: {service: [http], status: [418], target_shape: [overlong]}
`)
	words := (len(rs.rules) + 63) / 64
	found := 0
	for ri, cr := range rs.rules {
		w, bit := ri>>6, uint64(1)<<(uint(ri)&63)
		shaped := false
		for _, c := range cr.check {
			shaped = shaped || c.kind == condShape
		}
		if got := rs.unshaped[w]&bit == 0; got != shaped {
			t.Errorf("%s: left out for targets without shapes %v, has a shape condition %v", cr.name, got, shaped)
		}
		for _, s := range []int{0, 200, 301, 401, 403, 404, 418, 429, 500, 599, 999} {
			want := true
			for _, c := range cr.check {
				if c.kind == condStatus && !slices.Contains(c.statuses, s) {
					want = false
				}
			}
			if got := rs.statusOK[s*words+w]&bit != 0; got != want {
				t.Errorf("%s: tried at status %d %v, want %v", cr.name, s, got, want)
			}
		}
		if cr.name == "teapot" || cr.name == "overlong-teapot" {
			found++
		}
	}
	if found != 2 {
		t.Fatalf("%d of the 2 test rules compiled", found)
	}
	rules := mustRules(t, `rules:
  - name: teapot
    category: noise
    match: {service: [http], status: [418]}
`)
	runLineCases(t, rules, Options{}, []lineCase{
		{name: "418", line: `203.0.113.5 - - [10/Oct/2020:13:55:36 +0000] "GET /pot HTTP/1.1" 418 0 "-" "x"`, ip: "203.0.113.5", cat: Noise, rule: "teapot"},
		{name: "200", line: `203.0.113.5 - - [10/Oct/2020:13:55:36 +0000] "GET /pot HTTP/1.1" 200 0 "-" "x"`, ip: "203.0.113.5", cat: Legit},
	})
}
