//go:build !linux

package output

import (
	"io/fs"
	"os"
)

// writeFile writes data to the file p and, when asked, returns what the
// system says of the file: a rename into the destination keeps it.
func writeFile(p string, data []byte, stat bool) (fileStat, error) {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fileStat{}, err
	}
	_, err = f.Write(data)
	var st fileStat
	if err == nil && stat {
		var fi fs.FileInfo
		if fi, err = f.Stat(); err == nil {
			st = statOf(fi)
		}
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return st, err
}
