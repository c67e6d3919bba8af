package render

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"math"
	"regexp"
	"strings"
	"testing"
	"unicode/utf16"

	"gonum.org/v1/plot/vg"
)

// The PDF embeds the regular and the bold face as two fonts, and its text
// is the map's text, "·" and "–" included, in UTF-16.
func TestPDFFontsAndText(t *testing.T) {
	pdf := render(t, demoMap(t, 500), PDF)
	fonts := map[string]bool{}
	for _, m := range regexp.MustCompile(`/BaseFont /([A-Za-z0-9+-]+)`).FindAllSubmatch(pdf, -1) {
		fonts[string(m[1])] = true
	}
	if len(fonts) != 2 || bytes.Count(pdf, []byte("/FontFile2")) != 2 {
		t.Errorf("fonts %v, %d font files; want a regular and a bold face, each embedded", fonts, bytes.Count(pdf, []byte("/FontFile2")))
	}
	text := pdfShownText(t, pdf)
	for _, want := range []string{"Malicious activity by source location", "Brute force · 6,100 addresses", "1 Feb 2021 00:00 – 28 Feb 2021 23:59 UTC"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF's text lacks %q", want)
		}
	}
}

// pdfShownText joins the strings of the page's text operators (in content
// streams, UTF-16 as the page writes them).
func pdfShownText(t *testing.T, pdf []byte) string {
	t.Helper()
	var text strings.Builder
	re := regexp.MustCompile(`\((?:[^()\\]|\\.)*\) Tj`)
	for rest := pdf; ; {
		i := bytes.Index(rest, []byte("stream\n"))
		if i < 0 {
			return text.String()
		}
		rest = rest[i+len("stream\n"):]
		end := bytes.Index(rest, []byte("endstream"))
		if end < 0 {
			return text.String()
		}
		zr, err := zlib.NewReader(bytes.NewReader(rest[:end]))
		rest = rest[end:]
		if err != nil {
			continue
		}
		b, _ := io.ReadAll(zr)
		for _, m := range re.FindAll(b, -1) {
			s := unescapePDF(m[1 : len(m)-4])
			u := make([]uint16, len(s)/2)
			for i := range u {
				u[i] = uint16(s[2*i])<<8 | uint16(s[2*i+1])
			}
			text.WriteString(string(utf16.Decode(u)))
		}
	}
}

func unescapePDF(b []byte) []byte {
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] == '\\' && i+1 < len(b) {
			i++
			switch b[i] {
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			default:
				out = append(out, b[i])
			}
			continue
		}
		out = append(out, b[i])
	}
	return out
}

// Arcs become cubic Béziers of a quarter turn at most, whose middles lie
// on the circle.
func TestPDFArc(t *testing.T) {
	b, end := appendArc(nil, vg.PathComp{Type: vg.ArcComp, Pos: vg.Point{X: 50, Y: 50}, Radius: 10, Start: 0, Angle: 2 * math.Pi})
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) != 5 || lines[0] != "60 50 l" {
		t.Fatalf("a full circle as %q, want a line to its start and 4 curves", lines)
	}
	if math.Abs(float64(end.X-60)) > 1e-9 || math.Abs(float64(end.Y-50)) > 1e-9 {
		t.Errorf("ends at %v, want (60, 50)", end)
	}
	// The first quarter, from (60, 50) to (50, 60): its middle.
	var c0x, c0y, c1x, c1y, px, py float64
	if _, err := fmt.Sscanf(lines[1], "%g %g %g %g %g %g c", &c0x, &c0y, &c1x, &c1y, &px, &py); err != nil || px != 50 || py != 60 {
		t.Fatalf("first quarter %q (%v)", lines[1], err)
	}
	mx := (60 + 3*c0x + 3*c1x + px) / 8
	my := (50 + 3*c0y + 3*c1y + py) / 8
	if r := math.Hypot(mx-50, my-50); math.Abs(r-10) > 0.01 {
		t.Errorf("the middle of a quarter is %.4f from the centre, want 10", r)
	}
}
