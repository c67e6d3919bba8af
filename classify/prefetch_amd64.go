package classify

import "unsafe"

// prefetchLine asks the processor to bring the cache line at p into its
// cache, without waiting for it.
//
//go:noescape
func prefetchLine(p unsafe.Pointer)

// prefetchRange is prefetchLine for every cache line of the n > 0 bytes
// at p.
//
//go:noescape
func prefetchRange(p unsafe.Pointer, n uintptr)
