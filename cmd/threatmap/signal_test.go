//go:build unix

package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSignalLeavesNoOutput sends SIGTERM and SIGHUP to a classify run in
// the middle of its input: it exits 1, and neither the output nor its
// temporary file is left. The SIGTERM run is blocked reading a pipe that
// stays open; the SIGHUP run sees its input end after the signal.
func TestSignalLeavesNoOutput(t *testing.T) {
	for _, c := range []struct {
		sig        syscall.Signal
		closeInput bool
	}{{syscall.SIGTERM, false}, {syscall.SIGHUP, true}} {
		t.Run(c.sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "events.csv")
			cmd := threatmapChild("classify", "-q", "--log-tz", "UTC", "-o", out, "-")
			stdin, err := cmd.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			io.WriteString(stdin, strings.Repeat(cliLog, 200))
			waitForTemp(t, dir)
			cmd.Process.Signal(c.sig)
			if c.closeInput {
				// Signals arrive asynchronously: give the child's signal
				// handler a moment before its input ends, or a loaded
				// machine may let it finish the run first.
				time.Sleep(300 * time.Millisecond)
				stdin.Close()
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err = <-done:
			case <-time.After(10 * time.Second):
				cmd.Process.Kill()
				t.Fatal("still running 10s after the signal")
			}
			stdin.Close()
			if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
				t.Errorf("exit: %v; want 1\n%s", err, stderr.String())
			}
			if !strings.Contains(stderr.String(), "interrupted") {
				t.Errorf("stderr:\n%s", stderr.String())
			}
			ents, _ := os.ReadDir(dir)
			for _, e := range ents {
				t.Errorf("left behind: %s", e.Name())
			}
		})
	}
}

// waitForTemp waits until the run has created its temporary output in dir.
func waitForTemp(t *testing.T, dir string) {
	t.Helper()
	for range 500 {
		if m, _ := filepath.Glob(filepath.Join(dir, ".*.tmp-*")); len(m) > 0 {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("no temporary output file after 5s")
}
