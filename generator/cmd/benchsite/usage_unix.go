//go:build unix

package main

import (
	"errors"
	"os"
	"runtime"
	"syscall"
	"time"
)

// usage returns the CPU time (user and system) and peak RSS in bytes of
// the finished process ps.
func usage(ps *os.ProcessState) (time.Duration, int64, error) {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0, 0, errors.New("no rusage on this system")
	}
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	rss := int64(ru.Maxrss)
	if runtime.GOOS != "darwin" && runtime.GOOS != "ios" {
		rss *= 1024 // KiB elsewhere; macOS reports bytes
	}
	return cpu, rss, nil
}

// settle writes the system's dirty buffers to disk.
func settle() { syscall.Sync() }
