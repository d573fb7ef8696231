package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"sync/atomic"

	"github.com/tearsheet/tearsheet/generator/content"
	"github.com/tearsheet/tearsheet/generator/feed"
	"github.com/tearsheet/tearsheet/generator/render"
)

// stored is one value of a Session's store (caches.store): exactly one
// field is set, and the key it is kept under says which (pathKey's kind,
// or the kind the key of a page's data starts with).
type stored struct {
	file   *parsedFile   // a source file parsed, by pathKey("file", source path)
	layout *layoutEntry  // the last site laid out, by pathKey("layout", "")
	theme  *themeEntry   // the theme last loaded, by pathKey("theme", "")
	doc    *docEntry     // a page's converted markdown, by pathKey("doc", source path)
	art    *articleEntry // an article's view, by pathKey("article", source path)
	shape  *listShape    // a list page's shape, by pathKey("shape", output)
	// made is an output file's bytes, by pathKey("out", output), or an
	// email edition's content, by pathKey("email", permalink).
	made *made
	feed *feedContent // an article's feed content, by pathKey("feed", permalink)
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
// article whose id is from (articleID).
type feedContent struct {
	from key
	abs  string
	prep *feed.Prepared
}

// themeEntry is a theme loaded, with its name and the keys of its
// templates and of its static files.
type themeEntry struct {
	name string
	sums [2]key
	t    *render.Theme
}

// listShape is the key of a list page's data without its articles (see
// caches.listPage) and the key of the site's structure it was made with.
type listShape struct{ of, sum key }

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

// parsedFile is a source file parsed, with the bytes and the key of the
// schema (content.Schema.Key) it was parsed from.
type parsedFile struct {
	src    []byte
	schema string
	f      *content.File
	mark   fileMark // f's (markOf), when marked
	marked bool
}

// parse is content.Options.Parse for a Session: a file whose bytes and
// schema are those of one parsed before is taken from the store (a copy,
// which Load fills in); the others are parsed, and counted in n. schema is
// the Key of the schema Load parses with (schemaOf), made once a build and
// not once a file. nil without a Session.
func (c *caches) parse(n *atomic.Int64, schema string) func(string, []byte, content.Schema) (*content.File, error) {
	if c == nil {
		return nil
	}
	return func(p string, src []byte, sc content.Schema) (*content.File, error) {
		k := pathKey("file", p)
		if s, _ := c.store.Look(k); s.file != nil && s.file.schema == schema && bytes.Equal(s.file.src, src) {
			c.store.Keep(k, s)
			return c.marked(s.file), nil
		}
		n.Add(1)
		f, err := content.ParseWith(p, src, sc)
		if err != nil {
			return nil, err
		}
		e := &parsedFile{src: src, schema: schema, f: f}
		e.mark, e.marked = markOf(f)
		c.store.Keep(k, stored{file: e})
		return c.marked(e), nil
	}
}

// marked returns a copy of e's file for Load, noting its mark for layout.
func (c *caches) marked(e *parsedFile) *content.File {
	f := e.copy()
	if e.marked {
		c.noteMark(f, e.mark)
	}
	return f
}

// copy returns a File of the caller's own sharing the read-only parts of
// the kept one; Load fills in its Assets anew.
func (e *parsedFile) copy() *content.File {
	f := *e.f
	f.Assets = nil
	return &f
}
