package build

import (
	"github.com/tearsheet/tearsheet/generator/feed"
)

// stored is one value of a Session's store (caches.store): exactly one
// field is set, and the key it is kept under says which (pathKey's kind,
// or the kind the key of a page's data starts with).
type stored struct {
	doc   *docEntry      // a page's converted markdown, by pathKey("doc", source path)
	art   *articleEntry  // an article's view, by pathKey("article", source path)
	shape *listShape     // a list page's shape, by pathKey("shape", output)
	html  []byte         // a page's HTML (or a file's bytes), by the key of its data
	prep  *feed.Prepared // feed content escaped for the feeds, by absKey
}

// rendered reports whether the value is made from templates' output, which
// a build lets go of once no output holds it (see caches.merge).
func (s stored) rendered() bool { return s.html != nil || s.prep != nil }

// listShape is the key of a list page's data without its articles (see
// caches.listPage) and the key of the site's structure it was made with.
type listShape struct{ of, sum key }

// pathKey is the key a value kept for one source file or output, and
// checked against what it was made from before use, is kept under.
func pathKey(kind, name string) key {
	e := newEncoder(kind)
	e.str(name)
	return e.sum()
}

// endBuild ends a full build: when it succeeded, the store keeps what it
// used or made and lets go of the rest; when it failed, what it made joins
// what was kept, which the build after the fix still finds.
func (c *caches) endBuild(ok bool) {
	if c == nil {
		return
	}
	if ok {
		c.store.End()
		c.stale = 0
	} else {
		c.store.Merge(nil)
	}
	c.known = nil // by pointer: good for one build only
}

// merge ends a quick build: what it made joins what was kept, which it
// did not look at. Once what quick builds added adds up to staleMax
// bytes, it lets go of every page and feed content that no output holds
// any longer (see use): those the quick builds replaced.
func (c *caches) merge() {
	c.store.Merge(func(s stored) { c.stale += len(s.html) })
	c.known = nil
	if c.stale <= c.staleMax {
		return
	}
	c.mu.Lock()
	live := make(map[key]bool, len(c.slots))
	for _, k := range c.slots {
		live[k] = true
	}
	c.mu.Unlock()
	c.store.Retain(func(k key, s stored) bool { return !s.rendered() || live[k] })
	c.stale = 0
}
