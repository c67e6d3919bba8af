package main

import (
	"context"
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
		args := append([]string{"map", "-q", "--log-tz", "UTC", "--rules", sampleRules, "-o", out}, logs...)
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

// TestHostileInteractiveEscapes: user names, titles and paths from hostile
// logs reach the interactive map as escaped JSON or text, never markup.
func TestHostileInteractiveEscapes(t *testing.T) {
	dir := t.TempDir()
	logs := []string{filepath.Join(hostileDir, "injection.log"), filepath.Join(hostileDir, "injection-auth.log"), filepath.Join(hostileDir, "xff.log"), geoLog(t, dir)}
	out := filepath.Join(dir, "map.html")
	args := append([]string{"map", "-q", "--title", markupPayload, "-o", out}, logs...)
	r := runT(t, context.Background(), nil, nil, args...)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	if n := strings.Count(strings.ToLower(doc), "<script"); n != 2 {
		t.Errorf("%d script elements, want the data and the code", n)
	}
	if m := tagWithHandler.FindString(doc); m != "" {
		t.Errorf("a tag with an event handler: %.80q", m)
	}
	if strings.ContainsAny(doc, "\x1b\x00\u2028\u2029") {
		t.Error("raw control bytes or line separators in the page")
	}
	if !strings.Contains(doc, "<title>&lt;script&gt;alert(&#34;x&#34;)") {
		t.Error("the title is not escaped")
	}
	if !strings.Contains(doc, `"users":["\u003cscript\u003ealert(1)\u003c/script\u003e`) {
		t.Error("the hostile user name is not in the data block, escaped")
	}
}
