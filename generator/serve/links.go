package serve

import (
	"os"
	"path"
	"path/filepath"
	"strings"
)

// links are the symbolic links of a site, which a build follows while they
// stay inside the site folder (build.SourceFS): a file linked into content/,
// a bundle's CSV linked to a shared one. The watcher reports a change of a
// link's target as a change of the link too, so the build reads the file
// again under the name it knows it by; and it watches the folder of a
// target that lies outside the watched folders.
type links struct {
	root    string            // the site folder, links resolved
	targets map[string]string // link -> what it resolves to; slash paths from the root
}

func newLinks(root string) *links {
	real, err := filepath.EvalSymlinks(root)
	if err != nil {
		real = root
	}
	return &links{root: real, targets: map[string]string{}}
}

// note records the link name (a slash path from the root) at the absolute
// path p, and returns the folder of its target when that folder lies
// outside the watched folders and so must be watched too; "" when none
// must. A link that leads out of the site or nowhere is not recorded: a
// build says what is wrong with it.
func (l *links) note(name, p string) string {
	delete(l.targets, name)
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		return ""
	}
	rel, err := filepath.Rel(l.root, real)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return ""
	}
	target := filepath.ToSlash(rel)
	l.targets[name] = target
	dir := path.Dir(target)
	if dir == "." || topLevel(strings.Split(dir, "/")[0]) {
		return "" // watched already
	}
	return filepath.Join(l.root, filepath.FromSlash(dir))
}

// drop forgets the links at or under name, which was removed or renamed.
func (l *links) drop(name string) {
	for link := range l.targets {
		if within(link, name) {
			delete(l.targets, link)
		}
	}
}

// to returns the paths by which links reach name, which changed: a link
// to name or to a folder holding it, and a link to a folder that name is
// or holds (renamed, say).
func (l *links) to(name string) []string {
	var out []string
	for link, target := range l.targets {
		switch {
		case within(target, name):
			out = append(out, link)
		case within(name, target):
			out = append(out, link+strings.TrimPrefix(name, target))
		}
	}
	return out
}

// within reports whether the slash path p is dir or lies under it.
func within(p, dir string) bool {
	return p == dir || strings.HasPrefix(p, dir+"/")
}

// isLink reports whether the file at p is a symbolic link.
func isLink(p string) bool {
	info, err := os.Lstat(p)
	return err == nil && info.Mode()&os.ModeSymlink != 0
}
