package output

import (
	"fmt"
	"syscall"
)

// writeFile writes data to the file p and, when asked, returns what the
// system says of the file: a rename into the destination keeps it.
//
// It calls the system directly: os.OpenFile would also try to add each
// file to the network poller, one more system call per file, and a build
// writes tens of thousands of files.
func writeFile(p string, data []byte, stat bool) (fileStat, error) {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(p, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_CLOEXEC, 0o644)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return fileStat{}, fmt.Errorf("open %s: %w", p, err)
	}
	for len(data) > 0 && err == nil {
		var n int
		n, err = syscall.Write(fd, data)
		if err == syscall.EINTR {
			err = nil
			continue
		}
		if err == nil && n == 0 {
			err = syscall.EIO
		}
		data = data[max(n, 0):]
	}
	var st fileStat
	if err == nil && stat {
		var s syscall.Stat_t
		if err = syscall.Fstat(fd, &s); err == nil {
			st = fileStat{size: s.Size, mtime: s.Mtim.Sec*1e9 + s.Mtim.Nsec, ino: s.Ino}
		}
	}
	if cerr := syscall.Close(fd); err == nil {
		err = cerr
	}
	if err != nil {
		return fileStat{}, fmt.Errorf("write %s: %w", p, err)
	}
	return st, nil
}
