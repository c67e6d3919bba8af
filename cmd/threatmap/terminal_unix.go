//go:build unix

package main

import (
	"os"

	"golang.org/x/sys/unix"
)

// terminalColumns asks the terminal f writes to for its width.
func terminalColumns(f *os.File) (int, bool) {
	ws, err := unix.IoctlGetWinsize(int(f.Fd()), unix.TIOCGWINSZ)
	if err != nil {
		return 0, false
	}
	return int(ws.Col), true
}
