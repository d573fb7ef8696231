//go:build !unix

package main

import (
	"os"
	"time"
)

// usage returns the CPU time of the finished process ps; this system does
// not report its peak RSS, which is then 0.
func usage(ps *os.ProcessState) (time.Duration, int64, error) {
	return ps.UserTime() + ps.SystemTime(), 0, nil
}

// settle would write the system's dirty buffers to disk.
func settle() {}
