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
