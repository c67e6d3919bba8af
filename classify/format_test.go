package classify

import "testing"

func TestFormatTable(t *testing.T) {
	named := map[Format]string{FormatAuto: "auto", FormatAccess: "access", FormatApacheError: "apache_error",
		FormatNginxError: "nginx_error", FormatSyslog: "syslog", FormatFail2ban: "fail2ban", FormatCSV: "csv"}
	for f, name := range named {
		if f.String() != name {
			t.Errorf("Format(%d).String() = %q, want %q", f, f.String(), name)
		}
	}
	seen := map[string]Format{}
	for i, row := range formatTable {
		f := Format(i)
		if i > 0 && (row.detect == nil || row.parse == nil) {
			t.Errorf("format %s: detect and parse are required", row.name)
		}
		for _, n := range append([]string{row.name}, row.aliases...) {
			if g, dup := seen[n]; dup {
				t.Errorf("name %q names both %s and %s", n, g, f)
			}
			seen[n] = f
			if got, err := ParseFormat(n); err != nil || got != f {
				t.Errorf("ParseFormat(%q) = %s, %v; want %s", n, got, err, f)
			}
		}
	}
	if _, err := ParseFormat("nope"); err == nil {
		t.Error("ParseFormat(nope): no error")
	}
	if got := Formats(); len(got) != len(formatTable) || got[0] != "auto" {
		t.Errorf("Formats() = %v", got)
	}
}

func TestDetectLine(t *testing.T) {
	for _, tc := range []struct {
		line string
		want Format
	}{
		{`203.0.113.5 - - [10/Oct/2020:13:55:36 +0000] "GET / HTTP/1.1" 200 1 "-" "x"`, FormatAccess},
		{`vhost:443 203.0.113.9 - - [01/Oct/2016:10:02:59 +0100] "GET / HTTP/1.1" 200 1`, FormatAccess},
		{`[Sat Oct 01 10:02:59 2016] [error] [client 203.0.113.9] File does not exist: /x`, FormatApacheError},
		{`2016/10/03 09:52:42 [error] 1#1: *4 open() "/x" failed, client: 203.0.113.11`, FormatNginxError},
		{`Mar  3 09:52:42 web sshd[812]: Failed password for root from 203.0.113.5 port 1 ssh2`, FormatSyslog},
		{`<38>1 2021-03-03T09:52:42Z web sshd 812 - - Accepted publickey for a from 203.0.113.5 port 1 ssh2`, FormatSyslog},
		{`2021-03-03T09:52:42+0100 web sshd[1]: Invalid user x from 203.0.113.5 port 1`, FormatSyslog},
		{`-- Logs begin at Mon 2021-03-01 00:00:00 UTC. --`, FormatSyslog},
		{`2021-03-03 09:52:43,456 fail2ban.actions [1234]: NOTICE  [sshd] Ban 203.0.113.90`, FormatFail2ban},
		{`time,ip,threat`, FormatCSV},
		{`2021-03-13T23:36:26Z,203.0.113.5,vuln_scanner`, FormatCSV},
		{`hello world`, FormatAuto},
	} {
		if got := detectLine([]byte(tc.line)); got != tc.want {
			t.Errorf("detectLine(%q) = %s, want %s", tc.line, got, tc.want)
		}
	}
}
