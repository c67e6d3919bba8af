package classify

import (
	"strings"
	"testing"
	"time"
)

func TestEventUser(t *testing.T) {
	in := sshFail("203.0.113.7", 0, "oracle") +
		"Mar  3 10:00:05 web sshd[1]: Invalid user admin from 203.0.113.7 port 4000\n" +
		"Mar  3 10:00:06 mail dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<info>, method=PLAIN, rip=203.0.113.8, lip=10.0.0.1\n" +
		`203.0.113.9 - - [03/Mar/2026:10:00:07 +0000] "GET / HTTP/1.1" 200 5 "-" "curl/8"` + "\n"
	evs, _, _ := run(t, "", in, Options{})
	users := map[string]string{}
	for _, e := range evs {
		users[e.IP.String()+" "+e.Time.Format("05")] = e.User + "@" + e.Service
	}
	want := map[string]string{
		"203.0.113.7 00": "oracle@sshd",
		"203.0.113.7 05": "admin@sshd",
		"203.0.113.8 06": "info@dovecot",
		"203.0.113.9 07": "@http",
	}
	for k, w := range want {
		if got, ok := users[k]; !ok || got != w {
			t.Errorf("%s: user@service %q (present %v), want %q", k, got, ok, w)
		}
	}
}

func TestTimeWindow(t *testing.T) {
	var in strings.Builder
	// Failures at 10:00..10:05, one a minute; the window keeps 10:02..10:04.
	for m := 0; m < 6; m++ {
		in.WriteString(sshFail("203.0.113.1", m*60, "root"))
	}
	in.WriteString("Mar  3 10:03:00 web CRON[5]: (root) CMD (run-parts /etc/cron.hourly)\n")
	in.WriteString("garbage\x00\x01\n")
	since := time.Date(2021, 3, 3, 10, 2, 0, 0, time.UTC)
	until := time.Date(2021, 3, 3, 10, 5, 0, 0, time.UTC)
	evs, actors, st := run(t, "", in.String(), Options{Since: since, Until: until})
	if len(evs) != 3 {
		t.Fatalf("%d events, want 3: %v", len(evs), evs)
	}
	for _, e := range evs {
		if e.Time.Before(since) || !e.Time.Before(until) {
			t.Errorf("event at %s outside the window", e.Time)
		}
		if e.Category != BruteForce {
			t.Errorf("event at %s: %v, want brute_force (3 failures in the window)", e.Time, e.Category)
		}
	}
	if a := actors["203.0.113.1"]; a.Events != 3 || !a.First.Equal(since) {
		t.Errorf("actor: %d events, first %s", a.Events, a.First)
	}
	if st.Lines != 8 || st.Classified != 3 || st.Ignored != 4 || st.SkippedTotal() != 1 {
		t.Errorf("stats: lines %d classified %d ignored %d skipped %d", st.Lines, st.Classified, st.Ignored, st.SkippedTotal())
	}
	// Open bounds.
	evs, _, _ = run(t, "", in.String(), Options{Since: since})
	if len(evs) != 4 {
		t.Errorf("since only: %d events, want 4", len(evs))
	}
	evs, _, _ = run(t, "", in.String(), Options{Until: until})
	if len(evs) != 5 {
		t.Errorf("until only: %d events, want 5", len(evs))
	}
}
