package cli

import (
	"fmt"
	"io"
	"io/fs"

	"github.com/tearsheet/tearsheet/generator/build"
)

// readSiteFile reads the file name (slash path from the site folder) of
// the site in source as a build does, through build.SourceFS: a named
// pipe, a device or a link that leads out of the site is an error, not a
// read that blocks for ever or never ends (a link to /dev/zero). A file
// of more than limit bytes is an error too.
func readSiteFile(source, name string, limit int64) ([]byte, error) {
	f, err := build.SourceFS(source).Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("more than %d bytes", limit)
	}
	return b, nil
}
