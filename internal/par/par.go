// Package par runs the loops of a run's single-threaded stages on every
// processor: a range cut into parts, and a sort split around pivots whose
// sides are sorted at once. Results do not depend on the number of
// processors.
package par

import (
	"runtime"
	"slices"
	"sync"
)

// Range calls f on parts [lo, hi) that cover [0, n) once, one part per
// processor, in parallel; on this goroutine alone when n is below minPart
// or there is one processor. f must not depend on how [0, n) is cut.
func Range(n, minPart int, f func(lo, hi int)) {
	workers := min(runtime.GOMAXPROCS(0), n/max(minPart, 1))
	if workers <= 1 {
		if n > 0 {
			f(0, n)
		}
		return
	}
	var wg sync.WaitGroup
	part := (n + workers - 1) / workers
	for lo := 0; lo < n; lo += part {
		hi := min(n, lo+part)
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(lo, hi)
		}()
	}
	wg.Wait()
}

// minSortPart is the smallest part SortFunc sorts on a goroutine of its
// own: below it, starting a goroutine costs more than it saves.
const minSortPart = 8 << 10

// SortFunc sorts s by cmp in place, a part per processor: s is split
// around a pivot (the median of a sample) and the two sides are sorted at
// once, each split again while processors remain. It needs no memory
// beyond a small sample. With a strict total order (no two elements
// compare equal) the result is the one slices.SortFunc gives, whatever the
// number of processors; with ties it is sorted, but the order of equal
// elements may depend on it.
func SortFunc[T any](s []T, cmp func(a, b T) int) {
	sortParts(s, cmp, runtime.GOMAXPROCS(0))
}

func sortParts[T any](s []T, cmp func(a, b T) int, procs int) {
	if procs <= 1 || len(s) < 2*minSortPart {
		slices.SortFunc(s, cmp)
		return
	}
	p := partition(s, cmp)
	if p <= 0 || p >= len(s) {
		slices.SortFunc(s, cmp) // a sample of equal elements: no split
		return
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		sortParts(s[:p], cmp, procs/2)
	}()
	sortParts(s[p:], cmp, procs-procs/2)
	wg.Wait()
}

// sampleSize is how many elements partition takes the median of.
const sampleSize = 63

// partition moves the elements of s not above a pivot before those not
// below it (Hoare's scheme) and returns where the second group starts.
// The pivot is the median of evenly spaced elements, so that the two
// sides come out close to equal.
func partition[T any](s []T, cmp func(a, b T) int) int {
	sample := make([]T, sampleSize)
	for k := range sample {
		sample[k] = s[k*(len(s)-1)/(sampleSize-1)]
	}
	slices.SortFunc(sample, cmp)
	v := sample[sampleSize/2]
	i, j := -1, len(s)
	for {
		for i++; cmp(s[i], v) < 0; i++ {
		}
		for j--; cmp(s[j], v) > 0; j-- {
		}
		if i >= j {
			return j + 1
		}
		s[i], s[j] = s[j], s[i]
	}
}
