//go:build !linux

package classify

import "unsafe"

// adviseLargePages does nothing here: large pages are asked for on Linux.
func adviseLargePages(unsafe.Pointer, uintptr) {}
