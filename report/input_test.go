package report

import (
	"net/netip"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/threatmap/threatmap/render"
	"github.com/threatmap/threatmap/threat"
)

func TestAddEvent(t *testing.T) {
	r := &Report{}
	at := time.Date(2026, 10, 3, 14, 5, 0, 0, time.UTC)
	events := []Event{
		{Time: at, Category: threat.BruteForce, User: "root", Program: threat.ProgramSSHD},
		{Time: at, Category: threat.BruteForce, User: "info", Program: threat.ProgramPostfix},
		{Time: at, Category: threat.VulnScanner},
		{Time: at, Category: threat.Legit, User: "alice", Program: threat.ProgramSSHD}, // not counted
	}
	for _, ev := range events {
		r.AddEvent(ev)
	}
	if got := r.Hours.Counts[14]; got[threat.BruteForce] != 2 || got[threat.VulnScanner] != 1 || got[threat.Legit] != 0 {
		t.Errorf("14:00 counts %v", got)
	}
	if r.Users.Attempts(threat.SSH) != 1 || r.Users.Attempts(threat.Mail) != 1 || r.Users.Distinct() != 2 {
		t.Errorf("users: ssh %d, mail %d, distinct %d", r.Users.Attempts(threat.SSH), r.Users.Attempts(threat.Mail), r.Users.Distinct())
	}
}

func TestAddActors(t *testing.T) {
	actor := func(ip string, c threat.Category, score float64, counts threat.Counts) Actor {
		return Actor{IP: netip.MustParseAddr(ip), Category: c, Score: score, Counts: counts}
	}
	var scanner, forcer, legit threat.Counts
	scanner[threat.VulnScanner], scanner[threat.Legit] = 12, 3
	forcer[threat.BruteForce] = 40
	legit[threat.Legit] = 100
	actors := []Actor{
		actor("192.0.2.1", threat.VulnScanner, 60, scanner),
		actor("192.0.2.2", threat.BruteForce, 70, forcer),
		actor("192.0.2.3", threat.Legit, 0, legit),
	}
	where := map[string]string{"192.0.2.1": "FR", "192.0.2.2": "FR"}
	r := &Report{}
	r.AddActors(slices.Values(actors), func(ip netip.Addr) (string, string) {
		code := where[ip.String()]
		return code, "Country " + code
	})
	if r.ActorsTotal != 2 || len(r.Actors) != 2 {
		t.Fatalf("%d actors of %d, want 2 of 2 (legit left out)", len(r.Actors), r.ActorsTotal)
	}
	if a := r.Actors[0]; a.IP.String() != "192.0.2.2" || a.Events != 40 || a.Categories != "brute_force:40" {
		t.Errorf("first actor %+v, want the brute forcer with 40 events", a)
	}
	if a := r.Actors[1]; a.Events != 12 || a.Categories != "vuln_scanner:12;legit:3" {
		t.Errorf("second actor %+v, want 12 non-legit events and every category", a)
	}
	if len(r.Countries) != 1 || r.Countries[0].Actors != 2 || r.Countries[0].Risk != 12*5+40*4 {
		t.Errorf("countries %+v, want FR with 2 actors and summed risk %d", r.Countries, 12*5+40*4)
	}
}

// TestCompromiseFinding: an address that failed many logins and then got in
// heads the findings, with what it tried, and is marked in the actors table.
func TestCompromiseFinding(t *testing.T) {
	var forcer threat.Counts
	forcer[threat.BruteForce], forcer[threat.Legit] = 30, 1
	at := time.Date(2026, 10, 3, 14, 5, 0, 0, time.UTC)
	actors := []Actor{
		{IP: netip.MustParseAddr("192.0.2.9"), Category: threat.BruteForce, Score: 50, Counts: forcer, First: at, Last: at,
			Compromised: true, Services: []string{"sshd"}, Users: []string{"root", "deploy\x1b[31m"}},
		{IP: netip.MustParseAddr("192.0.2.8"), Category: threat.BruteForce, Score: 60, Counts: forcer, First: at, Last: at},
	}
	r := &Report{Stats: Totals{Lines: 62, Events: tallyOf(map[threat.Category]int64{threat.BruteForce: 60, threat.Legit: 2})}}
	r.AddEvent(Event{Time: at, Category: threat.BruteForce, User: "root", Program: threat.ProgramSSHD})
	r.AddActors(slices.Values(actors), func(netip.Addr) (string, string) { return "", "" })
	if len(r.Compromised) != 1 || r.Compromised[0].IP.String() != "192.0.2.9" {
		t.Fatalf("compromised %+v; want 192.0.2.9 alone", r.Compromised)
	}
	f := r.Findings()
	want := `Likely compromise: 1 address failed to log in many times and then succeeded; check 192.0.2.9 (sshd, user "root", user "deploy\x1b[31m") first.`
	if len(f) == 0 || f[0] != want {
		t.Errorf("first finding %q\nwant %q", f, want)
	}
	var md strings.Builder
	if err := r.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "**then logged in** sshd\\: root, deploy") || strings.Contains(md.String(), "\x1b") {
		t.Errorf("the Markdown actors table does not mark the compromise, or carries a raw escape:\n%s", md.String())
	}
}

// TestOneDayHasOneHourChart: a report of one day shows its hours once, in
// the timeline, not again as an identical hour-of-day chart.
func TestOneDayHasOneHourChart(t *testing.T) {
	day := time.Date(2026, 10, 3, 0, 0, 0, 0, time.UTC)
	names := func(r *Report) []string {
		var out []string
		for _, f := range r.Figures(render.DefaultChartStyle) {
			out = append(out, f.Name)
		}
		return out
	}
	r := &Report{}
	for h := range 20 {
		r.AddEvent(Event{Time: day.Add(time.Duration(h) * time.Hour), Category: threat.VulnScanner})
	}
	if got := names(r); slices.Contains(got, "hours") {
		t.Errorf("one day: figures %v; want no hour-of-day chart", got)
	}
	r.AddEvent(Event{Time: day.Add(50 * time.Hour), Category: threat.VulnScanner})
	if got := names(r); !slices.Contains(got, "hours") {
		t.Errorf("three days: figures %v; want the hour-of-day chart", got)
	}
}

// tallyOf builds a tally from a few categories' counts.
func tallyOf(m map[threat.Category]int64) threat.Tally {
	var t threat.Tally
	for c, n := range m {
		t[c] = n
	}
	return t
}
