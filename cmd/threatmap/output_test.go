package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := io.WriteString(w, s)
		return err
	}
}

// TestWriteAtomicKeepsMode: replacing an existing output keeps its
// permission bits; a new output gets 0644.
func TestWriteAtomicKeepsMode(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "secret.csv")
	if err := os.WriteFile(out, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(out, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := writeAtomic(out, nil, writeString("new")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(out); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v after the write; want 0600", fi.Mode().Perm())
	}
	fresh := filepath.Join(dir, "fresh.csv")
	if err := writeAtomic(fresh, nil, writeString("x")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(fresh); fi.Mode().Perm() != 0o644 {
		t.Errorf("new file mode %v; want 0644", fi.Mode().Perm())
	}
}

// TestWriteAtomicSymlink: a symlinked output is written through to its
// target, and the link stays a link (also when the target does not exist
// yet).
func TestWriteAtomicSymlink(t *testing.T) {
	dir := t.TempDir()
	for _, exists := range []bool{true, false} {
		target := filepath.Join(dir, "real.csv")
		os.Remove(target)
		if exists {
			os.WriteFile(target, []byte("old"), 0o644)
		}
		link := filepath.Join(dir, "link.csv")
		os.Remove(link)
		if err := os.Symlink("real.csv", link); err != nil {
			t.Skipf("symlink: %v", err)
		}
		if err := writeAtomic(link, nil, writeString("new")); err != nil {
			t.Fatal(err)
		}
		if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("exists=%v: the link was replaced by a file", exists)
		}
		if b, _ := os.ReadFile(target); string(b) != "new" {
			t.Errorf("exists=%v: target holds %q; want %q", exists, b, "new")
		}
	}
}

// TestWriteAtomicErrorNamesUserFile: a failing write names the output as
// the user gave it, never the temporary file beside it.
func TestWriteAtomicErrorNamesUserFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "missing-dir", "out.csv")
	err := writeAtomic(out, nil, writeString("x"))
	if err == nil {
		t.Fatal("no error for an output in a missing directory")
	}
	if !strings.Contains(err.Error(), out) || strings.Contains(err.Error(), ".tmp-") {
		t.Errorf("error %q; want one naming %s and no temporary file", err, out)
	}
}
