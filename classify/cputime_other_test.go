//go:build !unix

package classify

import "time"

var processStart = time.Now()

// cpuTime stands in for the process's CPU time where it is not read:
// the time since the process started, so lines/cpu-s is lines/s.
func cpuTime() time.Duration { return time.Since(processStart) }
