package content

import (
	"bytes"
	"sync/atomic"

	"github.com/tearsheet/tearsheet/generator/internal/keep"
)

// Cache keeps the files parsed by Load, keyed by path and bytes, so a
// repeated Load parses only the files that changed. Each Load keeps only the
// files it saw, so deleted files leave the cache. A nil *Cache parses every
// time. A Cache is not safe for concurrent Loads (one Load parses files in
// parallel through it).
type Cache struct {
	files  keep.Generations[string, cacheEntry]
	parsed atomic.Int64
	// Parsed counts the files parsed (not found in the cache) by the last Load.
	Parsed int
}

type cacheEntry struct {
	src  []byte
	loc  string // Schema.key of the schema parsed with
	file *File
}

// NewCache returns an empty Cache.
func NewCache() *Cache { return &Cache{} }

// begin starts one Load.
func (c *Cache) begin() {
	if c != nil {
		c.files.Begin()
		c.parsed.Store(0)
	}
}

// parse returns a copy of the cached file when p's bytes are unchanged, and
// parses it otherwise. Files with errors are not cached.
func (c *Cache) parse(p string, src []byte, sc Schema) (*File, error) {
	if c == nil {
		return ParseWith(p, src, sc)
	}
	loc := sc.key()
	if e, ok := c.files.Look(p); ok && e.loc == loc && bytes.Equal(e.src, src) {
		c.files.Keep(p, e)
		return e.copy(), nil
	}
	c.parsed.Add(1)
	f, err := ParseWith(p, src, sc)
	if err != nil {
		return nil, err
	}
	e := cacheEntry{src: src, loc: loc, file: f}
	c.files.Keep(p, e)
	return e.copy(), nil
}

// done ends one Load: files not seen in it are forgotten.
func (c *Cache) done() {
	if c == nil {
		return
	}
	c.files.End()
	c.Parsed = int(c.parsed.Load())
}

// copy returns a fresh File sharing the read-only parts of the cached one;
// Load fills in Assets anew.
func (e cacheEntry) copy() *File {
	f := *e.file
	f.Assets = nil
	return &f
}
