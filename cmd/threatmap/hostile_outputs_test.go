package main

// Outputs: never written over an input, never left half-written.

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/threatmap/threatmap/geo/geotest"
)

// TestHostileOutputIsInput: no subcommand writes over a file it reads,
// however the path is spelt, and no two outputs are one file. The inputs
// are left as they were.
func TestHostileOutputIsInput(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{
		"access.log":      []byte(`45.141.84.57 - - [17/Oct/2026:09:00:00 +0000] "GET /.env HTTP/1.1" 404 196 "-" "ZmEu"` + "\n"),
		"events.csv":      []byte("time,ip\n2026-10-17T09:00:00Z,81.2.69.160\n"),
		"located.csv":     []byte("lat,lon\n10,10\n"),
		"rules.yaml":      []byte("{}\n"),
		"borders.geojson": []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]]]}}]}`),
		"db.mmdb":         geotest.MMDB(t, geotest.FlatCountry),
	}
	for n, b := range files {
		if err := os.WriteFile(filepath.Join(dir, n), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	// alias returns a spelling of name ending in ext: relative, through a
	// "..", a symlink or a hard link.
	n := 0
	alias := func(kind, name, ext string) string {
		n++
		switch kind {
		case "same":
			return filepath.Join(dir, name)
		case "relative":
			return "./" + name
		case "dotdot":
			return filepath.Join("sub", "..", name)
		case "symlink":
			p := filepath.Join(dir, "sub", "link"+strconv.Itoa(n)+ext)
			if err := os.Symlink(filepath.Join("..", name), p); err != nil {
				t.Fatal(err)
			}
			return p
		case "hardlink":
			p := filepath.Join(dir, "hard"+strconv.Itoa(n)+ext)
			if err := os.Link(name, p); err != nil {
				t.Fatal(err)
			}
			return p
		}
		panic(kind)
	}
	cases := []struct {
		name   string
		target string // the input file the output aliases
		ext    string // the extension the output must have
		args   func(out string) []string
	}{
		{"classify -o", "access.log", ".csv", func(o string) []string { return []string{"classify", "-o", o, "access.log"} }},
		{"classify --actors", "access.log", ".csv", func(o string) []string { return []string{"classify", "--actors", o, "access.log"} }},
		{"classify --stats", "access.log", ".json", func(o string) []string { return []string{"classify", "--stats", o, "access.log"} }},
		{"classify -o rules", "rules.yaml", ".csv", func(o string) []string { return []string{"classify", "--rules", "rules.yaml", "-o", o, "access.log"} }},
		{"map -o", "access.log", ".png", func(o string) []string { return []string{"map", "-o", o, "access.log"} }},
		{"map --events", "access.log", ".csv", func(o string) []string { return []string{"map", "--events", o, "-o", "m.png", "access.log"} }},
		{"map --actors", "access.log", ".csv", func(o string) []string { return []string{"map", "--actors", o, "-o", "m.png", "access.log"} }},
		{"map --stats", "access.log", ".json", func(o string) []string { return []string{"map", "--stats", o, "-o", "m.png", "access.log"} }},
		{"map -o rules", "rules.yaml", ".png", func(o string) []string { return []string{"map", "--rules", "rules.yaml", "-o", o, "access.log"} }},
		{"map -o mmdb", "db.mmdb", ".png", func(o string) []string { return []string{"map", "--mmdb", "db.mmdb", "-o", o, "access.log"} }},
		{"map -o borders", "borders.geojson", ".png", func(o string) []string {
			return []string{"map", "--borders", "borders.geojson", "-o", o, "access.log"}
		}},
		{"locate -o", "events.csv", ".csv", func(o string) []string { return []string{"locate", "-o", o, "events.csv"} }},
		{"locate -o mmdb", "db.mmdb", ".csv", func(o string) []string { return []string{"locate", "--mmdb", "db.mmdb", "-o", o, "events.csv"} }},
		{"report -o", "access.log", ".html", func(o string) []string { return []string{"report", "-o", o, "access.log"} }},
		{"report -o mmdb", "db.mmdb", ".html", func(o string) []string { return []string{"report", "--mmdb", "db.mmdb", "-o", o, "access.log"} }},
		{"render -o", "located.csv", ".png", func(o string) []string { return []string{"render", "-o", o, "located.csv"} }},
		{"render -o borders", "borders.geojson", ".png", func(o string) []string {
			return []string{"render", "--borders", "borders.geojson", "-o", o, "located.csv"}
		}},
	}
	for _, c := range cases {
		kinds := []string{"same", "relative", "dotdot", "symlink", "hardlink"}
		if c.ext != filepath.Ext(c.target) {
			kinds = []string{"symlink", "hardlink"} // the other spellings fail on the extension alone
		}
		for _, kind := range kinds {
			t.Run(c.name+" "+kind, func(t *testing.T) {
				r := runT(t, context.Background(), nil, nil, c.args(alias(kind, c.target, c.ext))...)
				if r.code != 1 || !strings.Contains(r.stderr, "also an input") {
					t.Errorf("exit %d, stderr %q; want exit 1, output refused as an input", r.code, r.stderr)
				}
			})
		}
	}
	t.Run("two outputs", func(t *testing.T) {
		for _, args := range [][]string{
			{"classify", "-o", "x.csv", "--actors", "./x.csv", "access.log"},
			{"map", "--events", "e.csv", "--actors", "sub/../e.csv", "-o", "m.png", "access.log"},
		} {
			r := runT(t, context.Background(), nil, nil, args...)
			if r.code != 1 || !strings.Contains(r.stderr, "twice") {
				t.Errorf("%v: exit %d, stderr %q; want exit 1, outputs refused", args, r.code, r.stderr)
			}
		}
	})
	for n, b := range files {
		if got, err := os.ReadFile(filepath.Join(dir, n)); err != nil || !bytes.Equal(got, b) {
			t.Errorf("input %s was changed (%v)", n, err)
		}
	}
}

// cancelAfter is an input that cancels its run once it has given n lines,
// then goes on giving lines, as a log that is still being written would.
type cancelAfter struct {
	line   []byte
	n      int
	cancel context.CancelFunc
}

func (c *cancelAfter) Read(p []byte) (int, error) {
	if c.n == 0 {
		c.cancel()
	}
	c.n--
	if c.n < -100_000 {
		return 0, io.EOF
	}
	return copy(p, c.line), nil
}

// TestHostileAtomicOutputs: a run that fails while writing (interrupted
// mid-input, or unable to put the file in place) leaves the earlier output
// as it was and no temporary file behind.
func TestHostileAtomicOutputs(t *testing.T) {
	line := []byte(`45.141.84.57 - - [17/Oct/2026:09:00:00 +0000] "GET /.env HTTP/1.1" 404 196 "-" "ZmEu"` + "\n")
	t.Run("classify interrupted", func(t *testing.T) {
		dir := t.TempDir()
		out, actors := filepath.Join(dir, "events.csv"), filepath.Join(dir, "actors.csv")
		oldOut, oldActors := writeOld(t, out), writeOld(t, actors)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		r := runT(t, ctx, nil, &cancelAfter{line: line, n: 5000, cancel: cancel}, "classify", "-o", out, "--actors", actors, "-")
		if r.code == 0 {
			t.Fatalf("an interrupted run succeeded\n%s", r.stderr)
		}
		checkUntouched(t, out, oldOut)
		checkUntouched(t, actors, oldActors)
	})
	t.Run("map interrupted", func(t *testing.T) {
		dir := t.TempDir()
		out, events := filepath.Join(dir, "map.png"), filepath.Join(dir, "events.csv")
		oldOut, oldEvents := writeOld(t, out), writeOld(t, events)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		r := runT(t, ctx, nil, &cancelAfter{line: line, n: 5000, cancel: cancel}, "map", "--events", events, "-o", out, "-")
		if r.code == 0 {
			t.Fatalf("an interrupted run succeeded\n%s", r.stderr)
		}
		checkUntouched(t, out, oldOut)
		checkUntouched(t, events, oldEvents)
	})
	t.Run("render cannot rename", func(t *testing.T) {
		dir := t.TempDir()
		in := filepath.Join(dir, "located.csv")
		if err := os.WriteFile(in, []byte("lat,lon\n10,10\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "map.png")
		if err := os.Mkdir(out, 0o755); err != nil { // a directory where the file should go
			t.Fatal(err)
		}
		keep := filepath.Join(out, "keep")
		old := writeOld(t, keep)
		r := runT(t, context.Background(), nil, nil, "render", "--size", "400x300", "-o", out, in)
		if r.code != 1 || !strings.Contains(r.stderr, out) {
			t.Errorf("exit %d, stderr %q; want exit 1 naming %s", r.code, r.stderr, out)
		}
		checkUntouched(t, keep, old)
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			if strings.Contains(e.Name(), ".tmp-") {
				t.Errorf("temporary file %s left behind", e.Name())
			}
		}
	})
	t.Run("writeAtomic", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "out.csv")
		old := writeOld(t, out)
		err := writeAtomic(out, nil, func(w io.Writer) error {
			w.Write([]byte("half a file"))
			return errors.New("disk full")
		})
		if err == nil || !strings.Contains(err.Error(), out) {
			t.Errorf("error %v; want one naming %s", err, out)
		}
		checkUntouched(t, out, old)
	})
}
