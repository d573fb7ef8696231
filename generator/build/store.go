package build

import (
	"crypto/sha256"
	"encoding/binary"

	"github.com/tearsheet/tearsheet/generator/feed"
)

// stored is one value of a Session's store (caches.store): exactly one
// field is set, and the key it is kept under says which (pathKey's kind,
// or the kind the key of a page's data starts with).
type stored struct {
	own    *ownRec         // an article's own files, by pathKey("own", source path)
	lists  listTable       // the pages of lists, by output, under pathKey("lists", "")
	made   *made           // an output file's bytes, by pathKey("out", output)
	cat    *catalogueEntry // the data catalogue, by pathKey("catalogue", "")
	search *searchEntry    // the search index, by pathKey("search", "")
}

// made is a value made for one output (or one article), with the key of
// what it was made from (the data of a page, say): it is used while the
// key is the same. One is kept per output, so what a Session keeps does
// not grow as it builds again and again.
type made struct {
	from key
	data []byte
}

// feedContent is an article's content in the feeds: its HTML with links
// made absolute, and the same escaped for each format, made for the
// article whose id is from (a Session's view id, or the page cache's
// articleID).
type feedContent struct {
	from key
	abs  string
	prep *feed.Prepared
}

// listTable is what a Session keeps of the pages of lists, by output: one
// value for them all, looked up once a build, as a site of 10,000 articles
// has about 7,000 such pages (caches.startLists).
type listTable map[string]*listRec

// listRec is a page of a list as a build made it, with what it was made
// from: the keys of the site view and of the list's structure
// (job.shapeOf), the page's shape (the key of its data without its
// articles, see caches.listPage) and the ids of the articles it shows
// (keptArticle.id). While they are the same, so is the page.
type listRec struct {
	site, of, shape key
	ids             []key
	data            []byte // nil until made; no one changes it once made
}

// pathKey is the key a value kept for one source file or output, and
// checked against what it was made from before use, is kept under.
func pathKey(kind, name string) key {
	// The encoder's encoding of kind then name, hashed at once: a build
	// makes tens of thousands of these.
	var arr [256]byte
	b := binary.LittleEndian.AppendUint64(arr[:0], uint64(len(kind)))
	b = append(b, kind...)
	b = binary.LittleEndian.AppendUint64(b, uint64(len(name)))
	return sha256.Sum256(append(b, name...))
}

// endBuild ends a full build: when it succeeded, the store keeps what it
// used or made and lets go of the rest; when it failed, what it made joins
// what was kept, which the build after the fix still finds. A quick build
// ends with the second (it looked at part of the site only): what it made
// replaces what was kept for the same outputs, and the rest stays.
func (c *caches) endBuild(ok bool) {
	if c == nil {
		return
	}
	if ok {
		c.store.End()
	} else {
		c.store.Merge()
	}
}
