//go:build unix

package bot_test

import (
	"syscall"
	"time"
)

// processCPU is the CPU time the test process has used (user and system),
// a steadier measure than the wall clock on a shared machine.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
