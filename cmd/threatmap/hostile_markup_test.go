package main

// Text from logs never becomes markup in SVG, PDF or HTML.

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const markupPayload = `<script>alert("x")</script>" onload="alert(1)' &amp; ]]> XX) Tj ET BT (pwned`

// TestHostileNoMarkupInjection: text that reaches an SVG or a PDF — the
// title, the borders file name in the attribution, whatever the logs carry —
// is escaped: the SVG stays well-formed with no script, the PDF string
// stays a string, and the text reads back as written.
func TestHostileNoMarkupInjection(t *testing.T) {
	dir := t.TempDir()
	borders := filepath.Join(dir, `<img src=x onerror="alert(1)">'&<script>.geojson`) // no "/" in a file name
	square := `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]]]}}]}`
	if err := os.WriteFile(borders, []byte(square), 0o644); err != nil {
		t.Fatal(err)
	}
	logs := []string{filepath.Join(hostileDir, "injection.log"), filepath.Join(hostileDir, "injection-auth.log"), filepath.Join(hostileDir, "xff.log"), geoLog(t, dir)}
	for _, format := range []string{"svg", "pdf"} {
		t.Run(format, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "map."+format)
			args := append([]string{"map", "-q", "--size", "400x300", "--title", markupPayload, "--borders", borders, "-o", out}, logs...)
			r := runT(t, context.Background(), nil, nil, args...)
			if r.code != 0 {
				t.Fatalf("exit %d\n%s", r.code, r.stderr)
			}
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			switch format {
			case "svg":
				// Long lines wrap at spaces, which the text's elements do
				// not keep: compare without white space.
				squeeze := func(s string) string { return strings.Join(strings.Fields(s), "") }
				text := squeeze(checkSVG(t, data))
				for _, want := range []string{markupPayload, filepath.Base(borders)} {
					if !strings.Contains(text, squeeze(want)) {
						t.Errorf("the SVG text lacks %q", want)
					}
				}
			case "pdf":
				text := pdfText(t, data)
				// The title may wrap between the two parentheses. A
				// parenthesis not escaped would have cut the string short.
				for _, want := range []string{`XX)`, `(pwned`} {
					if !bytes.Contains(text, []byte(want)) {
						t.Errorf("the PDF's text lacks %s: a parenthesis of the title was not escaped", want)
					}
				}
			}
		})
	}
}

// tagWithHandler matches an HTML start tag carrying an event handler.
var tagWithHandler = regexp.MustCompile(`(?i)<[a-z][^>]*\son[a-z]+\s*=`)

// TestHostileReportEscapes: user names, paths, titles and file names from
// hostile logs reach the HTML and Markdown reports as text, never markup.
func TestHostileReportEscapes(t *testing.T) {
	dir := t.TempDir()
	logs := []string{filepath.Join(hostileDir, "injection.log"), filepath.Join(hostileDir, "injection-auth.log"), filepath.Join(hostileDir, "xff.log"), geoLog(t, dir)}
	for _, ext := range []string{"html", "md"} {
		t.Run(ext, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "report."+ext)
			args := append([]string{"report", "-q", "--log-tz", "UTC", "--width", "320", "--report-title", markupPayload, "--title", markupPayload, "-o", out}, logs...)
			r := runT(t, context.Background(), nil, nil, args...)
			if r.code != 0 {
				t.Fatalf("exit %d\n%s", r.code, r.stderr)
			}
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			doc := string(b)
			// The HTML report's only scripts are the interactive map's
			// data block and code.
			want := map[string]int{"html": 2, "md": 0}[ext]
			if n := strings.Count(strings.ToLower(doc), "<script"); n != want {
				t.Errorf("the report contains %d <script, want %d", n, want)
			}
			if m := tagWithHandler.FindString(doc); m != "" {
				t.Errorf("a tag with an event handler: %.80q", m)
			}
			if strings.ContainsAny(doc, "\x1b\x00") {
				t.Error("raw control bytes in the report")
			}
			for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;script&gt;alert(&#34;x&#34;)"} {
				if ext == "md" && strings.Contains(want, "&#34;") {
					continue
				}
				if !strings.Contains(doc, want) {
					t.Errorf("the report lacks the escaped text %q", want)
				}
			}
		})
	}
}
