package build

import (
	"crypto/sha256"
	"fmt"
	"maps"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/tearsheet/tearsheet/generator/content"
	"github.com/tearsheet/tearsheet/generator/internal/binenc"
)

// parseTable is the source files a plain build parsed, kept for the next
// one in a file beside the page cache's (parseFileOf): by path, the
// SHA-256 of the file's bytes and the File parsed from them, encoded
// (content.AppendFile). key is the code's and the front-matter schema's
// (parseKey): a table is used only by a build with the same key, and
// whether the page cache holds (a site.yaml or theme edit) does not
// matter.
type parseTable struct {
	key   key
	files map[string]parseRec
}

type parseRec struct {
	sum [sha256.Size]byte
	enc []byte
}

// parseKey is the key of the files a build of the executable exe parses
// with the schema whose Key is schema.
func parseKey(exe []byte, schema string) key {
	e := newEncoder("parse")
	e.str(Version)
	e.str(runtime.Version())
	e.bytes(exe)
	e.str(schema)
	return e.sum()
}

// parseTableFormat is the first line of the file that keeps a parse table
// (parseFileOf), beside the page cache file.
const parseTableFormat = "tearsheet parsed files 1\n"

// parseFileOf returns the file that keeps the parse table of the builds
// whose page cache file is pageFile.
func parseFileOf(pageFile string) string {
	return strings.TrimSuffix(pageFile, filepath.Ext(pageFile)) + ".parsed"
}

// readParseTable reads the parse table kept beside the page cache file
// pageFile, while the build loads its configuration, and returns what
// gives the table for a build parsing with the schema whose Key is given:
// empty when the file keeps none for it, nil without a page cache (no file
// named, or no identity of the executable, exe), when nothing is kept.
func readParseTable(pageFile string, exe func() ([]byte, error)) func(schema string) *parseTable {
	if pageFile == "" {
		return func(string) *parseTable { return nil }
	}
	type read struct {
		exe []byte
		t   *parseTable
	}
	done := make(chan read, 1)
	go func() {
		var rd read
		id, err := exe()
		if err == nil {
			rd.exe = id
		}
		if body, err := readCacheFile(parseFileOf(pageFile), parseTableFormat); err == nil && rd.exe != nil {
			r := binenc.NewReader(body)
			if t := decodeParseTable(r); r.Done() {
				rd.t = t
			}
		}
		done <- rd
	}()
	get := sync.OnceValue(func() read { return <-done })
	return func(schema string) *parseTable {
		rd := get()
		if rd.exe == nil {
			return nil
		}
		k := parseKey(rd.exe, schema)
		if rd.t != nil && rd.t.key == k {
			return rd.t
		}
		return &parseTable{key: k, files: map[string]parseRec{}}
	}
}

// saveParses keeps the files this build parsed in the parse table file
// beside the page cache file pageFile, when they are not those kept.
func (p *parser) saveParses(pageFile string) error {
	if p == nil || p.next == nil || p.next.same(p.disk) {
		return nil
	}
	b := make([]byte, 0, len(parseTableFormat)+p.next.size())
	b = p.next.encode(append(b, parseTableFormat...))
	if err := writeCacheFile(parseFileOf(pageFile), b); err != nil {
		return fmt.Errorf("page cache: %w", err)
	}
	return nil
}

// parseDisk is parse for a plain build: the file of the last build's table
// when its bytes are the same, else the file parsed now; either way noted
// in the next table. The bytes are hashed once: here when the table has
// the file, else by ParseWith (File.Sum).
func (p *parser) parseDisk(name string, src []byte, sc content.Schema) (*content.File, error) {
	if rec, ok := p.disk.files[name]; ok {
		if sum := sha256.Sum256(src); rec.sum == sum {
			r := binenc.NewReader(rec.enc)
			if f := content.DecodeFile(r, src, sum, p.loc); f != nil && r.Done() {
				p.note(name, rec)
				return f, nil
			}
		}
	}
	p.n.Add(1)
	f, err := content.ParseWith(name, src, sc)
	if err != nil {
		return f, err
	}
	p.note(name, parseRec{sum: f.Sum, enc: content.AppendFile(nil, f, src, p.loc)})
	return f, nil
}

func (p *parser) note(name string, rec parseRec) {
	p.mu.Lock()
	p.next.files[name] = rec
	p.mu.Unlock()
}

// same reports whether t holds what old does (each file's encoding the
// one old read): then its file need not be written again.
func (t *parseTable) same(old *parseTable) bool {
	return old != nil && t.key == old.key && maps.EqualFunc(t.files, old.files, func(a, b parseRec) bool {
		return a.sum == b.sum && len(a.enc) == len(b.enc) && (len(a.enc) == 0 || &a.enc[0] == &b.enc[0])
	})
}

// encode appends t to b: its key, then each file by path.
func (t *parseTable) encode(b []byte) []byte {
	b = append(b, t.key[:]...)
	b = binenc.AppendUint(b, uint64(len(t.files)))
	for _, name := range slices.Sorted(maps.Keys(t.files)) {
		rec := t.files[name]
		b = binenc.AppendString(b, name)
		b = append(b, rec.sum[:]...)
		b = binenc.AppendBytes(b, rec.enc)
	}
	return b
}

// size is about the bytes encode appends.
func (t *parseTable) size() int {
	n := sha256.Size + 8
	for name, rec := range t.files {
		n += len(name) + len(rec.enc) + sha256.Size + 8
	}
	return n
}

// decodeParseTable reads what encode wrote; the files' encodings are
// slices of r's bytes.
func decodeParseTable(r *binenc.Reader) *parseTable {
	t := &parseTable{}
	copy(t.key[:], r.Fixed(sha256.Size))
	n := r.Count()
	t.files = make(map[string]parseRec, n)
	for range n {
		name := r.String()
		var rec parseRec
		copy(rec.sum[:], r.Fixed(sha256.Size))
		rec.enc = r.Bytes()
		t.files[name] = rec
	}
	return t
}
