package classify

import (
	"context"
	"encoding/json"
	"flag"
	"github.com/threatmap/threatmap/threat"
	"net/netip"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite testdata/classify/*/want.json from the current results")

// caseWant is want.json: what a run over input.log with rules.yaml merged
// over the default set must give.
type caseWant struct {
	Lines      int64            `json:"lines"`
	Classified int64            `json:"classified"`
	Ignored    int64            `json:"ignored"`
	Skipped    map[string]int64 `json:"skipped"`
	Events     map[string]int64 `json:"events"`
	// IgnoredByService counts the ignored lines of each program read.
	IgnoredByService map[string]int64 `json:"ignored_by_service,omitempty"`
	// Actors maps every address to its category and per-category counts.
	Actors map[string]caseActor `json:"actors"`
}

type caseActor struct {
	Category    string   `json:"category"`
	Categories  string   `json:"categories"`
	Compromised bool     `json:"compromised,omitempty"`
	Services    []string `json:"services,omitempty"`
	Users       []string `json:"users,omitempty"`
}

// TestCases runs every directory of testdata/classify: rules.yaml,
// input.log, want.json (crowdsec-style). Timestamps without a year or zone
// are read as UTC in the year before 2021-03-20; addresses in 10.0.0.0/8 are
// trusted proxies.
func TestCases(t *testing.T) {
	dirs, err := filepath.Glob("../testdata/classify/*")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			extra, err := os.ReadFile(filepath.Join(dir, "rules.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			set, err := DefaultRuleSet()
			if err != nil {
				t.Fatal(err)
			}
			over, err := ParseRules(extra, "rules.yaml")
			if err != nil {
				t.Fatal(err)
			}
			set.Merge(over)
			rules, err := set.Compile()
			if err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(filepath.Join(dir, "input.log"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			c := NewClassifier(rules, Options{Now: testNow, Location: time.UTC,
				TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}})
			if _, err := c.Classify(context.Background(), f, "input.log", time.Time{}, nil); err != nil {
				t.Fatal(err)
			}
			if err := c.Finish(nil); err != nil {
				t.Fatal(err)
			}
			st := c.Stats()
			checkAccounting(t, &st)
			got := caseWant{Lines: st.Lines, Classified: st.Classified, Ignored: st.Ignored,
				Skipped: nonZero(st.Skipped), Events: nonZeroTally(st.Events), Actors: map[string]caseActor{}}
			if len(st.IgnoredByService) > 0 {
				got.IgnoredByService = st.IgnoredByService
			}
			for _, a := range c.Actors() {
				got.Actors[a.IP.String()] = caseActor{a.Category.String(), a.CategoriesString(), a.Compromised, a.Services, a.Users}
			}
			wantPath := filepath.Join(dir, "want.json")
			if *update {
				b, _ := json.MarshalIndent(got, "", "  ")
				if err := os.WriteFile(wantPath, append(b, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			b, err := os.ReadFile(wantPath)
			if err != nil {
				t.Fatal(err)
			}
			var want caseWant
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				gb, _ := json.MarshalIndent(got, "", "  ")
				t.Errorf("got\n%s\nwant\n%s", gb, b)
			}
		})
	}
}

func nonZero(m map[string]int64) map[string]int64 {
	out := map[string]int64{}
	for k, v := range m {
		if v != 0 {
			out[k] = v
		}
	}
	return out
}

// nonZeroTally is a tally's non-zero counts by category name.
func nonZeroTally(t threat.Tally) map[string]int64 {
	out := map[string]int64{}
	for c, v := range t {
		if v != 0 {
			out[Category(c).String()] = v
		}
	}
	return out
}
