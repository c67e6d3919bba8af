package classify

import (
	"syscall"
	"unsafe"
)

// adviseLargePages asks the system to back the size bytes at p with large
// (2 MiB) pages where it can. The address states and their index are read
// at random, one state per line: with 4 KiB pages, most of those reads also
// miss the processor's cache of page translations. Less than 4 MiB is left
// alone (it may hold no aligned 2 MiB page); a refusal changes nothing but
// speed.
func adviseLargePages(p unsafe.Pointer, size uintptr) {
	const page, large = 4096, 2 << 20
	if size < 2*large {
		return
	}
	skip := (page - uintptr(p)%page) % page
	_ = syscall.Madvise(unsafe.Slice((*byte)(unsafe.Add(p, skip)), size-skip), syscall.MADV_HUGEPAGE)
}
