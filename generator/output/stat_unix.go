//go:build unix

package output

import (
	"io/fs"
	"syscall"
)

// inode returns the inode number of fi, which tells a file replaced by
// another of the same size and time apart from the one a build wrote.
func inode(fi fs.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Ino)
	}
	return 0
}

// device returns the number of the device holding fi: a folder on another
// device than its parent is a mount point.
func device(fi fs.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Dev)
	}
	return 0
}
