package lock

import (
	"path"
	"strings"
)

// Moved finds the records of articles whose file moved: for each path of
// articles (the published articles' files now) that l has no record of,
// the path of the one record whose file is not among articles and that
// names the same article, by its file's name ("x" for content/posts/x.md
// and content/posts/x/index.md: the file made a bundle, or moved to
// another folder). A name that two records or two articles share is
// nobody's: the author says which with tearsheet lock PATH. It maps each
// moved article's path now to its record's path.
//
// A record found so keeps the values the article had when it was
// published: recording the moved article afresh would take today's
// values as the published ones, without a word.
func (l *Lock) Moved(articles []string) map[string]string {
	now := make(map[string]bool, len(articles))
	for _, p := range articles {
		now[p] = true
	}
	gone := map[string][]string{} // name -> records of files no longer articles
	for p := range l.Articles {
		if !now[p] {
			gone[articleName(p)] = append(gone[articleName(p)], p)
		}
	}
	if len(gone) == 0 {
		return nil
	}
	fresh := map[string][]string{} // name -> articles without a record
	for _, p := range articles {
		if l.Articles[p] == nil {
			fresh[articleName(p)] = append(fresh[articleName(p)], p)
		}
	}
	moved := map[string]string{}
	for name, ps := range fresh {
		if olds := gone[name]; len(ps) == 1 && len(olds) == 1 {
			moved[ps[0]] = olds[0]
		}
	}
	return moved
}

// articleName is the name an article's file gives it: its file's name
// without .md, or its bundle folder's name for an index.md.
func articleName(p string) string {
	dir, base := path.Split(p)
	if base == "index.md" {
		return path.Base(dir)
	}
	return strings.TrimSuffix(base, ".md")
}
