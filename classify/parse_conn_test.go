package classify

import (
	"strings"
	"testing"
)

// OpenLDAP's failed binds and PostgreSQL's failed logins take the address
// of the connection they belong to, from syslog and from PostgreSQL's own
// log; a failure whose connection was not seen opening is ignored, and the
// opening lines are no events.
func TestConnectionAddresses(t *testing.T) {
	in := strings.Join([]string{
		"Nov 27 10:00:00 ldap slapd[1183]: conn=1022 fd=21 ACCEPT from IP=198.51.100.250:45011 (IP=0.0.0.0:636)",
		"Nov 27 10:00:00 ldap slapd[1183]: conn=1023 fd=22 ACCEPT from IP=198.51.100.251:45012 (IP=0.0.0.0:636)",
		`Nov 27 10:00:01 ldap slapd[1183]: conn=1022 op=1 BIND dn="uid=admin,ou=people,dc=example,dc=com" method=128`,
		"Nov 27 10:00:01 ldap slapd[1183]: conn=1022 op=1 RESULT tag=97 err=49 text=",
		"Nov 27 10:00:02 ldap slapd[1183]: conn=1022 op=2 RESULT tag=97 err=49 qtime=0.000011 etime=0.001203 text=",
		"Nov 27 10:00:02 ldap slapd[1183]: conn=1023 op=1 RESULT tag=97 err=0 text=",
		"Nov 27 10:00:03 ldap slapd[1183]: conn=9999 op=1 RESULT tag=97 err=49 text=", // opened before the log begins
		"Nov 27 10:00:04 db postgres[60297]: [5-1] LOG:  connection received: host=198.51.100.252 port=50000",
		`Nov 27 10:00:04 db postgres[60297]: [6-1] FATAL:  password authentication failed for user "postgres"`,
		"2026-11-27 10:00:05.123 UTC [60300] LOG:  connection received: host=198.51.100.253 port=50001",
		`2026-11-27 10:00:05.130 UTC [60300] admin@postgres FATAL:  role "admin" does not exist`,
		"2026-11-27 10:00:06.123 UTC [60301] LOG:  connection received: host=198.51.100.254 port=50002",
		"2026-11-27 10:00:06.130 UTC [60301] LOG:  connection authorized: user=app database=app",
		`2026-11-27 10:00:07.000 UTC [60302] FATAL:  no pg_hba.conf entry for host "198.51.100.255", user "sa", database "postgres", SSL off`,
	}, "\n")
	_, actors, stats := run(t, "", in, Options{})
	for ip, want := range map[string]Category{
		"198.51.100.250": BruteForce, "198.51.100.252": BruteForce, "198.51.100.253": BruteForce, "198.51.100.255": BruteForce,
	} {
		if a := actors[ip]; a.Category != want {
			t.Errorf("%s: %v, want %v", ip, a.Category, want)
		}
	}
	if a := actors["198.51.100.250"]; a.Counts[BruteForce] != 2 || len(a.Services) != 1 || a.Services[0] != "slapd" || len(a.Users) != 1 || a.Users[0] != "admin" {
		t.Errorf("two failed binds as admin: %v %v %v", a.Counts, a.Services, a.Users)
	}
	if a := actors["198.51.100.253"]; len(a.Users) != 1 || a.Users[0] != "admin" {
		t.Errorf("the role tried: %v", a.Users)
	}
	if a, ok := actors["198.51.100.254"]; !ok || a.Category != Legit {
		t.Errorf("an authorized connection: %+v", a)
	}
	if _, ok := actors["198.51.100.251"]; ok {
		t.Error("a connection that only opened is an actor")
	}
	// 14 lines: 6 events (4 failures, the authorization, the refusal);
	// the 5 opening lines, the BIND, the successful bind's result and the
	// failure of an unseen connection are ignored.
	if stats.Classified != 6 || stats.Ignored != 8 {
		t.Errorf("classified %d, ignored %d", stats.Classified, stats.Ignored)
	}
}

// stunnel 5 names the client when it accepts the connection; the failed
// handshake takes it through the connection's number.
func TestStunnelConnections(t *testing.T) {
	in := strings.Join([]string{
		"Nov 27 10:00:00 gw stunnel: LOG5[12]: Service [vpn] accepted connection from 198.51.100.60:38537",
		"Nov 27 10:00:00 gw stunnel: LOG5[13]: Service [vpn] accepted connection from 198.51.100.61:38538",
		"Nov 27 10:00:01 gw stunnel: LOG3[12]: SSL_accept: 1417C0C7: error:1417C0C7:SSL routines:tls_process_client_certificate:peer did not return a certificate",
		"Nov 27 10:00:01 gw stunnel: LOG3[13]: SSL_accept: 0A000102: error:0A000102:SSL routines::unsupported protocol",
		"Nov 27 10:00:02 gw stunnel: LOG5[12]: Connection reset: 0 byte(s) sent to TLS, 0 byte(s) sent to socket",
	}, "\n")
	_, actors, stats := run(t, "", in, Options{})
	if a := actors["198.51.100.60"]; a.Category != BruteForce {
		t.Errorf("refused for want of a certificate: %v", a.Category)
	}
	if a := actors["198.51.100.61"]; a.Category != Noise {
		t.Errorf("a failed handshake: %v", a.Category)
	}
	if stats.Classified != 2 || stats.Ignored != 3 {
		t.Errorf("classified %d, ignored %d", stats.Classified, stats.Ignored)
	}
}
