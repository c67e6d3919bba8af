//go:build windows

package main

import (
	"os"

	"golang.org/x/sys/windows"
)

// terminalColumns asks the console f writes to for the width of its
// window.
func terminalColumns(f *os.File) (int, bool) {
	var info windows.ConsoleScreenBufferInfo
	if err := windows.GetConsoleScreenBufferInfo(windows.Handle(f.Fd()), &info); err != nil {
		return 0, false
	}
	return int(info.Window.Right-info.Window.Left) + 1, true
}
