package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// threatmap map -o *.html writes the interactive map of the sample logs,
// within its budget, the same bytes twice.
func TestMapInteractive(t *testing.T) {
	dir := t.TempDir()
	logs := sampleLogs(t)
	var pages []string
	for _, name := range []string{"a.html", "b.html"} {
		out := filepath.Join(dir, name)
		args := append([]string{"map", "-q", "--tz", "UTC", "--rules", sampleRules, "-o", out}, logs...)
		if _, stderr, err := runCmd(t, "", args...); err != nil {
			t.Fatalf("map: %v\n%s", err, stderr)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, string(b))
	}
	page := pages[0]
	if len(page) > 3<<20 {
		t.Errorf("%d bytes, budget 3 MB", len(page))
	}
	if pages[0] != pages[1] {
		t.Error("two runs wrote different pages")
	}
	for _, want := range []string{"Content-Security-Policy", `id="tm-data"`, `"markers":[{`, `"bins":[{`, "Natural Earth"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

func TestRenderRefusesHTML(t *testing.T) {
	_, stderr, err := runCmd(t, "", "render", "-o", filepath.Join(t.TempDir(), "m.html"), "x.csv")
	if err == nil || !strings.Contains(stderr+err.Error(), "interactive") {
		t.Errorf("render -o m.html: %v %s", err, stderr)
	}
}
