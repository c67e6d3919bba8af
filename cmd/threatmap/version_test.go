package main

import (
	"strings"
	"testing"
)

func TestVersion(t *testing.T) {
	out, _, err := runCmd(t, "", "version")
	if err != nil || !strings.HasPrefix(out, "threatmap ") {
		t.Errorf("version: %q, %v", out, err)
	}
	if _, stderr, err := runCmd(t, "", "version", "-h"); err != errHelp || !strings.Contains(stderr, "Usage: threatmap version") {
		t.Errorf("version -h: %v, stderr %q", err, stderr)
	}
	if _, _, err := runCmd(t, "", "version", "extra"); exitCode(err, &strings.Builder{}) != 1 {
		t.Errorf("version extra: %v, want a usage error", err)
	}
}
