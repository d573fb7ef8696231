//go:build !unix

package output

import "io/fs"

// inode is not available here: size and modification time alone tell a
// file changed by hand from the one a build wrote.
func inode(fi fs.FileInfo) uint64 { return 0 }

// device is not available here: mount points are not recognized.
func device(fi fs.FileInfo) uint64 { return 0 }
