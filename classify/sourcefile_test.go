package classify

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestReadSourceList(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
		wantErr  bool
	}{
		{"plain", "1.2.3.4\n\n# comment\n10.0.0.0/8  # office\n2001:db8::1\n", []string{"1.2.3.4", "10.0.0.0/8", "2001:db8::1"}, false},
		{"tor exit-addresses", "ExitNode 0011BD2485AD45D984EC4159C88FC066E5E3300E\nPublished 2026-11-20 12:13:14\nLastStatus 2026-11-20 13:00:00\nExitAddress 162.247.74.201 2026-11-20 13:07:12\n", []string{"162.247.74.201"}, false},
		{"crlf", "1.2.3.4\r\n5.6.7.8\r\n", []string{"1.2.3.4", "5.6.7.8"}, false},
		{"garbage", "1.2.3.4\nnot-an-ip\n", nil, true},
		{"bare ExitAddress", "ExitAddress\n", nil, true},
	}
	for _, tc := range tests {
		got, err := ReadSourceList(strings.NewReader(tc.in), "list.txt")
		if (err != nil) != tc.wantErr {
			t.Errorf("%s: error %v, wantErr %v", tc.name, err, tc.wantErr)
			continue
		}
		if err != nil && !strings.Contains(err.Error(), "list.txt:") {
			t.Errorf("%s: error %q does not name the file and line", tc.name, err)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

// A rule file can take its Tor exit list from a file beside it.
func TestLoadRulesSourceFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("tor-exits.txt", "ExitAddress 185.220.101.4 2026-11-20 13:07:12\n")
	rules := write("site.yaml", `rules:
  - name: tor-exit
    category: proxy_scanner
    match:
      source_file: [tor-exits.txt]
`)
	set, err := LoadRules(rules)
	if err != nil {
		t.Fatal(err)
	}
	compiled, err := set.Compile()
	if err != nil {
		t.Fatal(err)
	}
	c := NewClassifier(compiled, Options{})
	var got []Event
	log := `185.220.101.4 - - [01/Oct/2026:10:00:00 +0000] "GET /products/tea HTTP/1.1" 200 5120 "-" "Mozilla/5.0 (Windows NT 10.0; rv:128.0) Gecko/20100101 Firefox/128.0"` + "\n"
	if _, err := c.Classify(context.Background(), strings.NewReader(log), "access.log", time.Time{}, func(e Event) error { got = append(got, e); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Category != ProxyScanner || got[0].Rule != "tor-exit" {
		t.Fatalf("events %+v, want one proxy_scanner event from rule tor-exit", got)
	}

	write("broken.yaml", "rules:\n  - name: vpn-range\n    category: vpn\n    match:\n      source_file: [missing.txt]\n")
	if _, err := LoadRules(filepath.Join(dir, "broken.yaml")); err == nil || !strings.Contains(err.Error(), "vpn-range") || !strings.Contains(err.Error(), "source_file") {
		t.Errorf("missing list file: error %v, want one naming the rule and field", err)
	}
	// From bytes there is no directory to read the list from: say so.
	set, err = ParseRules([]byte("rules:\n  - name: x\n    category: vpn\n    match:\n      source_file: [a.txt]\n"), "mem.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := set.Compile(); err == nil || !strings.Contains(err.Error(), "source_file") {
		t.Errorf("Compile with an unread source_file: error %v", err)
	}
}
