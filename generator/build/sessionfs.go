package build

import (
	"io/fs"
	"strings"

	"github.com/tearsheet/tearsheet/generator/render"
)

// sessionFS is what a Session's build reads: the files of the content
// stage's store (query.Ctx.SharedFS), read once until Build is told they
// changed, but for those under a hidden folder, such as the fetched
// datasets of .cache/data, which tearsheet build or fetch may write while
// serve runs and a watcher does not report (it ignores hidden names, as
// a build does but for those): they are read from the site's files on
// every build.
type sessionFS struct {
	store, src fs.FS
}

// unwatched reports whether name is hidden or under a hidden folder, as
// a watcher does not report changes of (static/.well-known/ is
// published, and watched).
func unwatched(name string) bool {
	for seg := range strings.SplitSeq(name, "/") {
		if strings.HasPrefix(seg, ".") && seg != "." && seg != render.WellKnown {
			return true
		}
	}
	return false
}

func (s sessionFS) of(name string) fs.FS {
	if unwatched(name) {
		return s.src
	}
	return s.store
}

func (s sessionFS) Open(name string) (fs.File, error) { return s.of(name).Open(name) }

// ReadFile implements fs.ReadFileFS; callers must not change the bytes.
func (s sessionFS) ReadFile(name string) ([]byte, error) { return fs.ReadFile(s.of(name), name) }

func (s sessionFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(s.of(name), name) }

func (s sessionFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(s.of(name), name) }
