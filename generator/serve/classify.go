package serve

import (
	"path"
	"strings"

	"github.com/fsnotify/fsnotify"
)

// Kind says what a changed source file is, and so what a rebuild must do.
// Kinds are ordered: a batch of changes does what its greatest kind needs.
type Kind int

const (
	// Ignored changes need nothing: editor temporary files, build output,
	// files outside the site's folders, attribute-only changes.
	Ignored Kind = iota
	// Static files are copied as they are: only that file changes (a
	// stylesheet also renames itself in every page).
	Static
	// Content is a markdown file or a bundle: that page is converted again
	// and every page showing it (lists, neighbours) rendered again.
	Content
	// Data is a dataset (content/data/, data/, a bundle's CSV): the pages
	// that name it are converted again, with their charts.
	Data
	// Template is a theme or layout file: every page is rendered again.
	Template
	// Config is site.yaml, or figures.lock (what published articles
	// showed): everything is built again from scratch.
	Config
)

// String names the kind.
func (k Kind) String() string {
	return [...]string{"ignored", "static", "content", "data", "template", "config"}[k]
}

// Classify sorts a file-system event into a Kind. name is the changed
// path, a slash path relative to the site root, ending in "/" when the
// caller knows it is a folder (the names of temporary files apply to files
// only: a bundle may be called sedentary/). It is a pure function of its
// arguments.
func Classify(name string, op fsnotify.Op) Kind {
	if op&^fsnotify.Chmod == 0 {
		return Ignored // only attributes changed
	}
	folder := strings.HasSuffix(name, "/")
	name = path.Clean(strings.TrimPrefix(name, "./"))
	if name == "." || strings.HasPrefix(name, "../") || path.IsAbs(name) {
		return Ignored
	}
	segs := strings.Split(name, "/")
	for _, s := range segs {
		if strings.HasPrefix(s, ".") {
			return Ignored // .git, .DS_Store, .#emacs-lock, .x.md.swp, .goutputstream-X
		}
	}
	if !folder && isTempFile(segs[len(segs)-1]) {
		return Ignored
	}
	top := segs[0]
	if len(segs) == 1 {
		if name == "site.yaml" || name == "figures.lock" {
			return Config
		}
		switch top {
		case "content":
			return Content
		case "themes", "layouts":
			return Template
		case "static":
			return Static
		case "data":
			return Data
		}
		return Ignored
	}
	ext := strings.ToLower(path.Ext(name))
	switch top {
	case "content":
		for _, s := range segs[1:] {
			if strings.HasPrefix(s, "_") {
				return Ignored // content skips _names
			}
		}
		switch {
		case segs[1] == "data":
			return Data
		case ext == ".md" || ext == "":
			return Content // a page, or a folder (a bundle moved)
		case ext == ".csv" || ext == ".tsv" || ext == ".json":
			return Data
		}
		return Static
	case "data":
		return Data
	case "layouts":
		return Template
	case "static":
		return Static
	case "themes":
		if len(segs) > 2 && segs[2] == "static" {
			return Static
		}
		return Template
	}
	return Ignored
}

// isTempFile reports whether a base name is an editor's or a tool's
// temporary or backup file. Names starting with "." (vim's and nano's
// .x.swp, emacs' .#x, gedit's .goutputstream-X, Kate's .x.kate-swp) are
// left out by Classify before.
func isTempFile(base string) bool {
	lower := strings.ToLower(base)
	switch {
	case base == "4913": // vim's probe of whether it may write the folder
		return true
	case strings.HasSuffix(base, "~"): // vim, emacs, nano and gedit backups
		return true
	case strings.HasPrefix(base, "#") && strings.HasSuffix(base, "#"): // emacs auto-save
		return true
	case strings.HasPrefix(base, "~$"): // office suites' lock files
		return true
	case strings.HasSuffix(base, "___jb_tmp___"), strings.HasSuffix(base, "___jb_old___"): // JetBrains safe write
		return true
	case len(base) == 9 && strings.HasPrefix(base, "sed") && alnum(base[3:]):
		return true // GNU sed -i: mkstemp("sedXXXXXX"), renamed over the file
	case qtSaveFile(base):
		return true
	}
	for _, suf := range []string{".swp", ".swo", ".swn", ".swx", ".tmp", ".temp", ".kate-swp", ".vsctmp", ".bak", ".orig", ".rej", ".crdownload", ".part"} {
		if strings.HasSuffix(lower, suf) {
			return true
		}
	}
	// VS Code and others write "name.md.tmp.1234" or "name.md.tmp-abc".
	return strings.Contains(lower, ".tmp.") || strings.Contains(lower, ".tmp-")
}

// qtSaveFile reports whether base is the temporary file of Qt's QSaveFile
// (Kate, KWrite, Qt Creator): the file's name, a dot, and six random
// letters or digits that end with the digits of the editor's process id,
// as in index.md.aBcD42.
func qtSaveFile(base string) bool {
	i := strings.LastIndexByte(base, '.')
	if i < 0 {
		return false
	}
	rnd := base[i+1:]
	return len(rnd) == 6 && alnum(rnd) && rnd[5] >= '0' && rnd[5] <= '9' && path.Ext(base[:i]) != ""
}

// alnum reports whether s is ASCII letters and digits only.
func alnum(s string) bool {
	for _, c := range []byte(s) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}
