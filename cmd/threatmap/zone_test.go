package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReproducibleAcrossTZ runs map and classify as child processes under
// TZ=UTC and TZ=America/New_York: given --log-tz, the PNG and the CSV are
// byte-identical; without it, the zone-less syslog times are read in the
// machine's zone and the CSV differs.
func TestReproducibleAcrossTZ(t *testing.T) {
	logs := sampleLogs(t)
	run := func(tz string, args ...string) []byte {
		t.Helper()
		out := filepath.Join(t.TempDir(), "out"+filepath.Ext(args[len(args)-1]))
		args = append(args[:len(args)-1:len(args)-1], "-o", out)
		cmd := threatmapChild(append(append(args, "-q"), logs...)...)
		cmd.Env = append(cmd.Env, "TZ="+tz, "XDG_CACHE_HOME="+t.TempDir())
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("TZ=%s %s: %v\n%s", tz, strings.Join(args, " "), err, b)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	for _, args := range [][]string{
		{"classify", "--log-tz", "UTC", "x.csv"},
		{"map", "--log-tz", "UTC", "--width", "400", "x.png"},
	} {
		a, b := run("UTC", args...), run("America/New_York", args...)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: output differs between TZ=UTC and TZ=America/New_York", strings.Join(args, " "))
		}
	}
	if bytes.Equal(run("UTC", "classify", "x.csv"), run("America/New_York", "classify", "x.csv")) {
		t.Error("without --log-tz the syslog times were read the same in two zones")
	}
}
