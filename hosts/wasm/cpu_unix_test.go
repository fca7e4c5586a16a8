//go:build unix

package wasm

import (
	"syscall"
	"time"
)

// processCPU is the CPU time (user + system) this process has used so far. Per-op
// CPU time is steadier than wall time on a machine shared with other work.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
