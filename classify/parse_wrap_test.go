package classify

import "testing"

// mustFormat returns the format named name.
func mustFormat(t testing.TB, name string) Format {
	t.Helper()
	f, err := ParseFormat(name)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

var wrapSeeds = []string{
	`Mar  3 09:52:42 web1 nginx[2869]: 81.150.104.130 - - [03/Mar/2021:09:52:42 +0000] "GET /.env HTTP/1.1" 404 153 "-" "Mozilla/5.0"`,
	`{"log":"203.0.113.7 - - [03/Mar/2021:09:55:00 +0000] \"GET /wp-login.php HTTP/1.1\" 404 0 \"-\" \"x\"\n","stream":"stdout","time":"2021-03-03T09:55:00.123456789Z"}`,
	`{"log":"{\"log\":\"x\"}","time":"2021-03-03T09:55:00Z"}`,
	`2021-03-03T09:56:00.123456789Z stdout F 203.0.113.9 - - [03/Mar/2021:09:56:00 +0000] "GET / HTTP/1.1" 404 0 "-" "-"`,
	`2021-03-03T09:56:00Z stderr P {"log":"\u00e9\ud83d\ude00"}`,
}

func init() { fuzzSeeds = append(fuzzSeeds, wrapSeeds...) }

func TestWrappedLines(t *testing.T) {
	rules := mustRules(t, "")
	docker, cri := mustFormat(t, "docker"), mustFormat(t, "cri")
	runLineCases(t, rules, Options{}, []lineCase{
		{name: "nginx in syslog", format: FormatSyslog, line: wrapSeeds[0],
			ip: "81.150.104.130", time: "2021-03-03T09:52:42Z", cat: VulnScanner, rule: "sensitive-file"},
		{name: "access in docker", format: docker, line: wrapSeeds[1],
			ip: "203.0.113.7", time: "2021-03-03T09:55:00Z", cat: VulnScanner, rule: "probe-path"},
		{name: "sshd in docker", format: docker,
			line: `{"log":"Mar  3 09:55:09 app sshd[77]: Failed password for root from 203.0.113.8 port 41234 ssh2\n","stream":"stderr","time":"2021-03-03T09:55:09.5Z"}`,
			ip:   "203.0.113.8", time: "2021-03-03T09:55:09Z", cat: Legit, window: "ssh"},
		{name: "access in cri", format: cri, line: wrapSeeds[3],
			ip: "203.0.113.9", time: "2021-03-03T09:56:00Z", cat: Legit},
		{name: "docker of nothing known", format: docker, line: wrapSeeds[2], result: "ignored"},
		{name: "docker without log", line: `{"log":1}`, result: "malformed"},
		{name: "unknown program", format: FormatSyslog, line: `Mar  3 09:54:30 web1 systemd[1]: Started Session 12.`, result: "ignored"},
	})
}

func TestWrapDepth(t *testing.T) {
	// Docker inside Docker inside Docker: unwrapped twice, then ignored.
	line := `{"log":"{\"log\":\"{\\\"log\\\":\\\"203.0.113.5 - - [03/Mar/2021:09:52:42 +0000] \\\\\\\"GET / HTTP/1.1\\\\\\\" 200 1\\\"}\"}"}`
	ex := mustRules(t, "").Explain(line, Options{Now: testNow})
	if ex.Result != "ignored" {
		t.Errorf("result = %s, want ignored", ex.Result)
	}
}

func TestJSONUnescape(t *testing.T) {
	for in, want := range map[string]string{
		`plain`:               "plain",
		`a\"b\\c\/d\n\t`:      "a\"b\\c/d\n\t",
		`\u0026\u003cx\u003e`: "&<x>",
		`\ud83d\ude00`:        "\U0001F600",
		`\uZZZZ`:              `\uZZZZ`,
		`trail\`:              `trail\`,
	} {
		if got := string(appendJSONUnescaped(nil, []byte(in))); got != want {
			t.Errorf("unescape(%q) = %q, want %q", in, got, want)
		}
	}
}
