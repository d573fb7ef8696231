//go:build !unix

package cli

import "errors"

// mkfifo makes a named pipe at p, which this system cannot.
func mkfifo(string) error { return errors.ErrUnsupported }
