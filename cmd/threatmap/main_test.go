package main

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// childEnv makes the test binary run main instead of the tests, so that a
// test can run threatmap as a real child process.
const childEnv = "THREATMAP_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// threatmapChild is threatmap as a child process with args.
func threatmapChild(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), childEnv+"=1")
	return cmd
}

func TestCPUProfile(t *testing.T) {
	if f := flag.Lookup("test.cpuprofile"); f != nil && f.Value.String() != "" {
		t.Skip("the test binary profiles itself")
	}
	stop, err := startCPUProfile("")
	if err != nil || stop() != nil {
		t.Fatalf("no file named: %v", err)
	}
	name := filepath.Join(t.TempDir(), "cpu.pprof")
	stop, err = startCPUProfile(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	// pprof's format is gzip-compressed protobuf.
	if b, err := os.ReadFile(name); err != nil || len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		t.Fatalf("profile: %d bytes, %v", len(b), err)
	}
	missing := filepath.Join(t.TempDir(), "no", "cpu.pprof")
	if _, err := startCPUProfile(missing); err == nil || !strings.Contains(err.Error(), "THREATMAP_CPUPROFILE") {
		t.Fatalf("a file that cannot be made: %v", err)
	}
}
