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
	if stdout, _, err := runCmd(t, "", "version", "-h"); err != errHelp || !strings.Contains(stdout, "Usage: threatmap version") {
		t.Errorf("version -h: %v, stdout %q", err, stdout)
	}
	if _, _, err := runCmd(t, "", "version", "extra"); exitCode(err, &strings.Builder{}) != 1 {
		t.Errorf("version extra: %v, want a usage error", err)
	}
}
