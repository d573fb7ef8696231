package serve

import (
	"path"
	"strings"

	"github.com/fsnotify/fsnotify"
	"github.com/tearsheet/tearsheet/generator/content"
	"github.com/tearsheet/tearsheet/generator/internal/scratch"
	"github.com/tearsheet/tearsheet/generator/render"
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
		if strings.HasPrefix(s, ".") && s != render.WellKnown { // which static/ publishes
			return Ignored // .git, .DS_Store, .#emacs-lock, .x.md.swp, .goutputstream-X
		}
	}
	if !folder && scratch.File(segs[len(segs)-1]) {
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
		for i, s := range segs[1:] {
			if strings.HasPrefix(s, "_") {
				// content skips _names, and a build warns of those Hugo,
				// Zola or Jekyll would read (an _index.md, a _posts/
				// folder): their coming and going rebuilds, so that the
				// preview warns as a build does.
				if i == len(segs)-2 && content.PeerRead(s, folder || s == "_posts") {
					return Content
				}
				return Ignored
			}
		}
		switch {
		case segs[1] == "data":
			return Data
		case content.IsMarkdown(name) || ext == "":
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
