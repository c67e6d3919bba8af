package loggen

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestHostileManifest checks that testdata/hostile matches its manifest:
// every file listed is there with its size, its line count is right, and
// the corpus stays small.
func TestHostileManifest(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "hostile")
	f, err := os.Open(filepath.Join(dir, "manifest.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, r := range rows[1:] {
		name := r[0]
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Error(err)
			continue
		}
		total += len(data)
		if size, _ := strconv.Atoi(r[1]); size != len(data) {
			t.Errorf("%s: %d bytes, manifest says %s (regenerate the corpus)", name, len(data), r[1])
		}
		if strings.HasSuffix(name, ".gz") {
			continue
		}
		n := bytes.Count(data, []byte{'\n'})
		if len(data) > 0 && data[len(data)-1] != '\n' {
			n++
		}
		if want, _ := strconv.Atoi(r[2]); n != want {
			t.Errorf("%s: %d lines, manifest says %d", name, n, want)
		}
	}
	if total > 2<<20 {
		t.Errorf("corpus is %d bytes, over 2 MiB", total)
	}
}
