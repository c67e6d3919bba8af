package classify

import (
	"strings"
	"testing"
)

func TestAuditLines(t *testing.T) {
	audit := formatNamed("audit")
	const rec = `pid=1234 uid=0 auid=4294967295 ses=4294967295 subj=system_u:system_r:sshd_t:s0-s0:c0.c1023 msg='`
	runAuthCases(t, []authCase{
		{line: `type=USER_LOGIN msg=audit(1795773600.123:456): ` + rec + `op=login acct="root" exe="/usr/sbin/sshd" hostname=? addr=198.51.100.160 terminal=sshd res=failed'`,
			ip: "198.51.100.160", auth: authFailure, user: "root", service: "sshd", format: audit},
		{line: `type=USER_LOGIN msg=audit(1795773600.124:457): ` + rec + `op=login acct=28696E76616C6964207573657229 exe="/usr/sbin/sshd" hostname=? addr=198.51.100.161 terminal=sshd res=failed'`,
			ip: "198.51.100.161", auth: authInvalidUser, service: "sshd", format: audit},
		{line: `type=USER_AUTH msg=audit(1383116263.000:603): ` + rec + `op=password acct="dan" exe="/usr/sbin/sshd" hostname=? addr=198.51.100.168 terminal=ssh res=failed'`,
			ip: "198.51.100.168", auth: authFailure, user: "dan", service: "sshd", format: audit},
		{line: `type=USER_AUTH msg=audit(1373129280.000:9): user pid=1277 uid=0 auid=4294967295 ses=4294967295 msg='op=pubkey acct="root" exe="/usr/sbin/sshd" hostname=? addr=198.51.100.169 terminal=ssh res=failed'` + "\x1dUID=\"root\" AUID=\"unset\"",
			ip: "198.51.100.169", auth: authFailure, user: "root", service: "sshd", format: audit},
		{line: `type=USER_AUTH msg=audit(1795773600.125:458): ` + rec + `op=PAM:authentication grantors=? acct="root" exe="/usr/sbin/sshd" hostname=198.51.100.160 addr=198.51.100.160 terminal=ssh res=failed'`,
			ip: "198.51.100.160", auth: authFailure, user: "root", service: "sshd", echo: true, format: audit},
		{line: `node=web1 type=USER_AUTH msg=audit(1795773600.126:459): ` + rec + `op=PAM:authentication grantors=? acct=6A6F686E20646F65 exe="/usr/libexec/cockpit-session" hostname=198.51.100.162 addr=::ffff:198.51.100.162 terminal=? res=failed'`,
			ip: "198.51.100.162", auth: authFailure, user: "john doe", service: "pam", format: audit},
		{line: `type=USER_ERR msg=audit(1795773600.127:460): ` + rec + `op=PAM:bad_ident grantors=? acct="?" exe="/usr/sbin/sshd" hostname=198.51.100.163 addr=198.51.100.163 terminal=ssh res=failed'`,
			ip: "198.51.100.163", auth: authProbe, service: "sshd", format: audit},
		{line: `type=USER_LOGIN msg=audit(1795773600.128:461): ` + rec + `op=login id=1000 exe="/usr/sbin/sshd" hostname=198.51.100.164 addr=198.51.100.164 terminal=/dev/pts/0 res=success'`,
			ip: "198.51.100.164", auth: authSuccess, service: "sshd", format: audit},
		{line: `type=USER_AUTH msg=audit(1795773600.129:462): ` + rec + `op=PAM:authentication grantors=pam_unix acct="anna" exe="/usr/sbin/sshd" hostname=198.51.100.164 addr=198.51.100.164 terminal=ssh res=success'`, format: audit},
		{line: `type=USER_LOGIN msg=audit(1795773600.130:463): ` + rec + `op=login id=0 exe="/usr/bin/login" hostname=? addr=? terminal=tty1 res=failed'`, format: audit},
		{line: `type=SYSCALL msg=audit(1795773600.131:464): arch=c000003e syscall=59 success=yes exit=0 comm="ls" exe="/usr/bin/ls"`, format: audit},
		{line: `type=CRED_ACQ msg=audit(1795773600.132:465): ` + rec + `op=PAM:setcred grantors=pam_env acct="anna" exe="/usr/sbin/sshd" hostname=198.51.100.164 addr=198.51.100.164 terminal=ssh res=success'`, format: audit},
		// Through the journal, the kernel and audispd.
		{line: `Nov 27 10:00:00 h audit[1234]: USER_LOGIN ` + rec + `op=login acct="admin" exe="/usr/sbin/sshd" hostname=? addr=198.51.100.165 terminal=sshd res=failed'`,
			ip: "198.51.100.165", auth: authFailure, user: "admin", service: "sshd"},
		{line: `Nov 27 10:00:01 h kernel: audit: type=1112 audit(1795773601.000:466): ` + rec + `op=login acct="admin" exe="/usr/sbin/sshd" hostname=? addr=198.51.100.166 terminal=sshd res=failed'`,
			ip: "198.51.100.166", auth: authFailure, user: "admin", service: "sshd"},
		{line: `Nov 27 10:00:02 h audisp-syslog: type=USER_LOGIN msg=audit(1795773602.000:467): ` + rec + `op=login acct="admin" exe="/usr/sbin/sshd" hostname=? addr=198.51.100.167 terminal=sshd res=failed'`,
			ip: "198.51.100.167", auth: authFailure, user: "admin", service: "sshd"},
	})
}

// sshd's records count once per attempt: PAM's beside them are echoes.
// Three attempts (six records) then a login are a user who mistyped; were
// the echoes counted, six failures would have decided brute force first.
func TestAuditCountsOnce(t *testing.T) {
	var lines []string
	for i := range 3 {
		ts := "179577360" + string(rune('1'+i))
		lines = append(lines,
			`type=USER_AUTH msg=audit(`+ts+`.100:1): pid=1 uid=0 msg='op=PAM:authentication grantors=? acct="root" exe="/usr/sbin/sshd" hostname=198.51.100.170 addr=198.51.100.170 terminal=ssh res=failed'`,
			`type=USER_LOGIN msg=audit(`+ts+`.101:2): pid=1 uid=0 msg='op=login acct="root" exe="/usr/sbin/sshd" hostname=? addr=198.51.100.170 terminal=sshd res=failed'`)
	}
	lines = append(lines, `type=USER_LOGIN msg=audit(1795773605.000:9): pid=1 uid=0 msg='op=login id=0 exe="/usr/sbin/sshd" hostname=198.51.100.170 addr=198.51.100.170 terminal=/dev/pts/0 res=success'`)
	_, actors, _ := run(t, "", strings.Join(lines, "\n"), Options{})
	if a := actors["198.51.100.170"]; a.Category != Legit || a.Compromised {
		t.Errorf("three attempts, then a login: %v compromised %v", a.Category, a.Compromised)
	}
}
