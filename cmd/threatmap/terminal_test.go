//go:build linux

package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal and returns its terminal side, or skips
// the test where there is none.
func openPTY(t *testing.T) *os.File {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { m.Close() })
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Skipf("unlock pseudo-terminal: %v", err)
	}
	n, err := unix.IoctlGetUint32(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Skipf("pseudo-terminal number: %v", err)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("open pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestTerminal: on a terminal, -o - refuses a PNG, classify without input
// prints its usage instead of waiting, and the progress bar takes the
// terminal's width.
func TestTerminal(t *testing.T) {
	tty := openPTY(t)
	ws := &unix.Winsize{Row: 24, Col: 33}
	if err := unix.IoctlSetWinsize(int(tty.Fd()), unix.TIOCSWINSZ, ws); err != nil {
		t.Fatal(err)
	}
	if w := terminalWidth(tty); w != 33 {
		t.Errorf("terminal width %d; want 33", w)
	}

	logPath := filepath.Join(t.TempDir(), "access.log")
	os.WriteFile(logPath, []byte(cliLog), 0o644)
	var stderr bytes.Buffer
	err := run(context.Background(), []string{"map", "-q", "-o", "-", logPath}, &Env{Stdin: tty, Stdout: tty, Stderr: &stderr, Getenv: func(string) string { return "" }})
	if exitOf(err) != 1 || !strings.Contains(err.Error(), "PNG image to the terminal") {
		t.Errorf("map -o - on a terminal: %v", err)
	}

	start := time.Now()
	err = run(context.Background(), []string{"classify"}, &Env{Stdin: tty, Stdout: &stderr, Stderr: &stderr, Getenv: func(string) string { return "" }})
	if exitOf(err) != 1 || !strings.Contains(err.Error(), "Usage: threatmap classify") || time.Since(start) > 2*time.Second {
		t.Errorf("classify without input on a terminal: %v after %v", err, time.Since(start))
	}
}
