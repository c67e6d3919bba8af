package classify

import "unsafe"

// prefetchLine asks the processor to bring the cache line at p into its
// cache, without waiting for it.
//
//go:noescape
func prefetchLine(p unsafe.Pointer)
