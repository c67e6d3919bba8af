//go:build !amd64

package classify

import "unsafe"

func prefetchLine(unsafe.Pointer) {}

func prefetchRange(unsafe.Pointer, uintptr) {}
