package content

import (
	"path"
	"strings"
)

// markdownExts are the extensions of markdown files: tearsheet's .md, and
// the others Jekyll (markdown_ext) and Hugo read as markdown.
var markdownExts = [...]string{".md", ".markdown", ".mdown", ".mkdown", ".mkdn", ".mkd"}

// IsMarkdown reports whether the file p is markdown by its extension: .md,
// or .markdown, .mdown, .mkdown, .mkdn or .mkd, which Jekyll and Hugo also
// read as markdown.
func IsMarkdown(p string) bool {
	ext := path.Ext(p)
	for _, e := range markdownExts {
		if ext == e {
			return true
		}
	}
	return false
}

// TrimExt returns p without its markdown extension (see IsMarkdown); p
// unchanged when it has none.
func TrimExt(p string) string {
	if IsMarkdown(p) {
		return strings.TrimSuffix(p, path.Ext(p))
	}
	return p
}

// IsIndex reports whether p is a folder's index file, which makes the
// folder a bundle: index.md, or index with another markdown extension
// (see IsMarkdown).
func IsIndex(p string) bool {
	return IsMarkdown(p) && TrimExt(path.Base(p)) == "index"
}
