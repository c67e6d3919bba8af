package classify

import (
	"fmt"
	"strings"
	"testing"
)

func TestFortinetLines(t *testing.T) {
	forti := formatNamed("fortinet")
	runAuthCases(t, []authCase{
		{line: `date=2026-11-27 time=10:00:00 devname="FG100" devid="FGT1" logid="0101039426" type="event" subtype="vpn" level="alert" logdesc="SSL VPN login fail" action="ssl-login-fail" tunneltype="ssl-web" remip=198.51.100.30 user="admin" reason="sslvpn_login_unknown_user" msg="SSL user failed to logged in"`,
			ip: "198.51.100.30", auth: authFailure, user: "admin", service: "fortigate", format: forti},
		{line: `<189>date=2026-11-27 time=10:00:01 devname="FG100" logid="0100032002" type="event" subtype="system" logdesc="Admin login failed" user="root" ui="https(198.51.100.31)" action="login" status="failed" reason="name_invalid" msg="Administrator root login failed from https(198.51.100.31) because of invalid user name"`,
			ip: "198.51.100.31", auth: authFailure, user: "root", service: "fortigate", format: forti},
		{line: `Nov 27 10:00:02 192.0.2.99 date=2026-11-27 time=10:00:02 devname="FG100" logid="0101039947" type="event" subtype="vpn" logdesc="SSL VPN tunnel up" action="tunnel-up" tunneltype="ssl-tunnel" remip=198.51.100.32 user="anna"`,
			ip: "198.51.100.32", auth: authSuccess, user: "anna", service: "fortigate", format: forti},
		{line: `date=2026-11-27 time=10:00:03 devname="FG100" logid="0419016384" type="utm" subtype="ips" action="dropped" srcip=198.51.100.33 dstip=192.0.2.1 attack="Apache.Log4j.Error.Log.Remote.Code.Execution"`,
			ip: "198.51.100.33", auth: authProbe, service: "fortigate", format: forti},
		{line: `date=2026-11-27 time=10:00:04 devname="FG100" logid="0000000013" type="traffic" subtype="forward" srcip=198.51.100.34 srcport=40000 dstip=192.0.2.1 dstport=443 proto=6 action="accept"`, format: forti},
		{line: `date=2026-11-27 time=10:00:05 devname="FG100" logid="0100032001" type="event" subtype="system" logdesc="Admin login successful" user="admin" ui="ssh(192.0.2.50)" action="login" status="success"`,
			ip: "192.0.2.50", auth: authSuccess, user: "admin", service: "fortigate", format: forti},
	})
}

// Denied traffic to ten ports is a port scan; to one, noise.
func TestFortinetScan(t *testing.T) {
	var lines []string
	for i := range 12 {
		lines = append(lines, fmt.Sprintf(`date=2026-11-27 time=10:00:%02d devname="FG100" logid="0000000013" type="traffic" subtype="forward" srcip=198.51.100.40 srcport=40000 dstip=192.0.2.1 dstport=%d proto=6 action="deny"`, i, 20+i))
	}
	lines = append(lines, `date=2026-11-27 time=10:00:30 devname="FG100" logid="0000000013" type="traffic" subtype="forward" srcip=198.51.100.41 srcport=40000 dstip=192.0.2.1 dstport=22 proto=6 action="deny"`)
	_, actors, _ := run(t, "", strings.Join(lines, "\n"), Options{})
	if a := actors["198.51.100.40"]; a.Category != PortScanner {
		t.Errorf("twelve ports: %v", a.Category)
	}
	if a := actors["198.51.100.41"]; a.Category != Noise {
		t.Errorf("one port: %v", a.Category)
	}
}
