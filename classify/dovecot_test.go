package classify

import (
	"context"
	"strings"
	"testing"
	"time"
)

// dovecot logs several failed attempts of one connection on one line; they
// count one by one. One failed attempt without a login is brute force; a
// failed attempt followed by a login is an owner who mistyped.
func TestDovecotAttemptsCountInWindow(t *testing.T) {
	set, err := DefaultRuleSet()
	if err != nil {
		t.Fatal(err)
	}
	rules, err := set.Compile()
	if err != nil {
		t.Fatal(err)
	}
	log := strings.Join([]string{
		"Nov 20 10:00:07 mail dovecot: imap-login: Disconnected (auth failed, 3 attempts in 12 secs): user=<info>, method=PLAIN, rip=185.220.101.5, lip=10.0.0.2, TLS, session=<a>",
		"Nov 20 10:00:09 mail dovecot: imap-login: Disconnected (auth failed, 1 attempts in 4 secs): user=<alice>, method=PLAIN, rip=81.2.69.142, lip=10.0.0.2, TLS, session=<b>",
		"Nov 20 10:00:10 mail dovecot: imap-login: Disconnected (auth failed, 1 attempts in 4 secs): user=<bob>, method=PLAIN, rip=81.2.69.143, lip=10.0.0.2, TLS, session=<c>",
		"Nov 20 10:00:12 mail dovecot: imap-login: Login: user=<bob>, method=PLAIN, rip=81.2.69.143, lip=10.0.0.2, mpid=7, TLS, session=<d>",
	}, "\n") + "\n"
	c := NewClassifier(rules, Options{Location: time.UTC})
	mod := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	if _, err := c.Classify(context.Background(), strings.NewReader(log), "mail.log", mod, func(Event) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if err := c.Finish(func(Event) error { return nil }); err != nil {
		t.Fatal(err)
	}
	got := map[string]Category{}
	for _, a := range c.Actors() {
		got[a.IP.String()] = a.Category
	}
	if got["185.220.101.5"] != BruteForce {
		t.Errorf("3 attempts on one line: %v, want brute_force", got["185.220.101.5"])
	}
	if got["81.2.69.142"] != BruteForce {
		t.Errorf("1 attempt, no login: %v, want brute_force", got["81.2.69.142"])
	}
	if got["81.2.69.143"] != Legit {
		t.Errorf("1 attempt, then a login: %v, want legit", got["81.2.69.143"])
	}
}
