package classify

import (
	"strings"
	"testing"
)

// Stats.Zoneless counts the classified lines whose time had no offset and
// was read in Options.Location, whatever the format and however the input
// is split.
func TestZonelessCounted(t *testing.T) {
	for _, tc := range []struct {
		name, input string
		want        int64
	}{
		{"access with zone", `203.0.113.9 - - [10/Oct/2025:13:55:36 +0200] "GET / HTTP/1.1" 200 512 "-" "curl/8.5.0"` + "\n", 0},
		{"access without zone", `203.0.113.9 - - [10/Oct/2025:13:55:36] "GET / HTTP/1.1" 200 512 "-" "curl/8.5.0"` + "\n", 1},
		{"syslog", "Oct 10 13:55:36 web1 sshd[1]: Failed password for root from 203.0.113.9 port 22 ssh2\n", 1},
		{"syslog with an ISO time and zone", "2025-10-10T13:55:36+02:00 web1 sshd[1]: Failed password for root from 203.0.113.9 port 22 ssh2\n", 0},
		{"syslog with an ISO time without zone", "2025-10-10T13:55:36 web1 sshd[1]: Failed password for root from 203.0.113.9 port 22 ssh2\n", 1},
		{"fail2ban", "2025-10-10 13:55:36,123 fail2ban.filter [1]: INFO [sshd] Found 203.0.113.9 - 2025-10-10 13:55:36\n", 1},
		{"CRI with zone around an access line without", `2025-10-10T13:55:36.123456789Z stdout F 203.0.113.9 - - [10/Oct/2025:13:55:36] "GET / HTTP/1.1" 200 512 "-" "curl/8.5.0"` + "\n", 1},
		{"CRI with zone around an access line with one", `2025-10-10T13:55:36.123456789Z stdout F 203.0.113.9 - - [10/Oct/2025:13:55:36 +0200] "GET / HTTP/1.1" 200 512 "-" "curl/8.5.0"` + "\n", 0},
	} {
		_, _, st := run(t, "", tc.input, Options{})
		if st.Classified != 1 {
			t.Errorf("%s: %d lines classified, want 1 (skipped %v, ignored %d)", tc.name, st.Classified, st.Skipped, st.Ignored)
			continue
		}
		if st.Zoneless != tc.want {
			t.Errorf("%s: %d zone-less, want %d", tc.name, st.Zoneless, tc.want)
		}
	}
	// Many lines, cut into small chunks on two workers: counted once each.
	var b strings.Builder
	for range 5000 {
		b.WriteString("Oct 10 13:55:36 web1 sshd[1]: Accepted password for alice from 203.0.113.9 port 22 ssh2\n")
		b.WriteString(`203.0.113.9 - - [10/Oct/2025:13:55:36 +0200] "GET / HTTP/1.1" 200 512 "-" "curl/8.5.0"` + "\n")
	}
	_, _, st := run(t, "", b.String(), Options{Workers: 2})
	if st.Classified != 10000 || st.Zoneless != 5000 {
		t.Errorf("mixed file: %d classified, %d zone-less, want 10000 and 5000", st.Classified, st.Zoneless)
	}
}
