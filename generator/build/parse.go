package build

import (
	"bytes"
	"io/fs"
	"maps"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tearsheet/tearsheet/generator/content"
)

// contentEntry is the site's content as a build read it: each source
// file parsed, by path, with the key of the schema (content.Schema.Key)
// it was parsed with; and, when Load found no problem, what it returned
// (files, in its order, and warnings) with each folder it listed, which
// the next build takes again, with the files the watcher reported read
// again, while no folder changed (parser.again).
type contentEntry struct {
	schema   string
	files    map[string]*parsedFile
	loaded   []*content.File // nil when Load failed
	warnings []string
	static   []string // content.Options.Static
	dirs     []dirStamp
}

// dirStamp is a folder as Load listed it: its modification time and size.
type dirStamp struct {
	name string
	mod  time.Time
	size int64
}

// parsedFile is a source file parsed, with its bytes and its mark
// (markOf), when it has one.
type parsedFile struct {
	src    []byte
	f      *content.File
	mark   fileMark
	marked bool
}

// parser reads a build's content: a file whose bytes are those of one the
// last build parsed with the same schema is the File parsed then, which
// nothing changes (Load gives a bundle's assets to a copy); the others are
// parsed, and counted in n. A Session's parser finds the last build's
// files in its store (last); a plain build's, in the page cache (disk),
// and it notes every file in next for the next build.
type parser struct {
	last   *contentEntry // nil for none
	schema string
	n      *atomic.Int64
	mu     sync.Mutex
	fresh  map[string]*parsedFile
	dirs   []dirStamp // the folders this build's Load listed
	racy   bool       // one of them changed too recently to be told apart
	reused bool       // the build took the last Load's files again

	disk *parseTable // a plain build's: the last build's files
	next *parseTable // a plain build's: this build's
	loc  *time.Location
}

// parser returns the parser of a build whose schema has the Key schema
// (schemaOf's, made once a build and not once a file) and its time zone
// loc: a Session's, or a plain build's that takes the files parsed before
// from disk (readParseTable) and keeps those it parses; disk is nil
// without a page cache, when Load parses every file.
func (c *caches) parser(n *atomic.Int64, schema string, loc *time.Location, disk *parseTable) *parser {
	if c == nil {
		if disk == nil {
			return nil
		}
		next := &parseTable{key: disk.key, files: map[string]parseRec{}}
		return &parser{schema: schema, n: n, disk: disk, next: next, loc: loc}
	}
	p := &parser{schema: schema, n: n, fresh: map[string]*parsedFile{}}
	if s, _ := c.store.Look(pathKey("content", "")); s.content != nil && s.content.schema == schema {
		p.last = s.content
	}
	return p
}

// load is content.Load for the build: the last build's files again, with
// those changed (since, as the watcher saw them; nil: not known) parsed
// again, when each is a source file the last Load returned and no folder
// it listed changed; else Load's, with the warnings it gave and the
// static files it found (content.Options.Static).
func (p *parser) load(fsys fs.FS, since []string, opts content.Options) (files []*content.File, warnings, static []string, err error) {
	if files, ok := p.again(fsys, since, opts); ok {
		return files, p.last.warnings, p.last.static, nil
	}
	opts.Warn = func(msg string) { warnings = append(warnings, msg) }
	opts.Static = func(paths []string) { static = paths }
	if p != nil {
		opts.Parse = p.parse
		if p.next == nil { // a Session's
			fsys = &listed{FS: fsys, p: p}
		}
	}
	files, err = content.Load(fsys, opts)
	return files, warnings, static, err
}

// again returns the last Load's files with those at the paths since
// parsed again; false when Load must run.
func (p *parser) again(fsys fs.FS, since []string, opts content.Options) ([]*content.File, bool) {
	if p == nil || p.last == nil || p.last.loaded == nil || len(since) == 0 {
		return nil, false
	}
	for _, d := range p.last.dirs {
		info, err := fs.Stat(fsys, d.name)
		if err != nil || !info.ModTime().Equal(d.mod) || info.Size() != d.size {
			return nil, false
		}
	}
	at := make(map[string]int, len(since))
	for _, name := range since {
		at[name] = -1
	}
	files := slices.Clone(p.last.loaded)
	for i, f := range files {
		if _, ok := at[f.Path]; ok {
			at[f.Path] = i
		}
	}
	sc := content.Schema{Location: opts.Location, Taxonomies: opts.Taxonomies}
	for name, i := range at {
		if i < 0 {
			return nil, false // not a source file the last Load read
		}
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, false
		}
		f, err := p.parse(name, src, sc)
		if err != nil {
			return nil, false // Load reports it
		}
		if old := files[i]; old.Bundle != "" || f.Bundle != "" {
			g := *f // a bundle's index file keeps its folder's assets
			g.Assets = old.Assets
			f = &g
		}
		files[i] = f
	}
	p.dirs, p.reused = p.last.dirs, true
	return files, true
}

// parse is content.Options.Parse: what it keeps parsed has no error.
func (p *parser) parse(name string, src []byte, sc content.Schema) (*content.File, error) {
	if p.last != nil {
		if e := p.last.files[name]; e != nil && bytes.Equal(e.src, src) {
			return e.f, nil
		}
	}
	if p.next != nil {
		return p.parseDisk(name, src, sc)
	}
	p.n.Add(1)
	f, err := content.ParseWith(name, src, sc)
	if err != nil {
		return f, err // with the file when only its values are wrong: content.Options.Broken
	}
	e := &parsedFile{src: src, f: f}
	e.mark, e.marked = markOf(f)
	p.mu.Lock()
	p.fresh[name] = e
	p.mu.Unlock()
	return f, nil
}

// end keeps the content of files, as Load returned them (with warnings;
// loadErr its error), in c's store (the last build's, when nothing
// changed) and returns it; nil for a nil p.
func (p *parser) end(c *caches, files []*content.File, warnings, static []string, loadErr error) *contentEntry {
	if p == nil || c == nil {
		return nil
	}
	e := p.last
	same := e != nil && e.loaded != nil && loadErr == nil && len(p.fresh) == 0 && !p.racy &&
		slices.Equal(e.loaded, files) && slices.Equal(e.dirs, p.dirs)
	if !same {
		e = &contentEntry{schema: p.schema}
		if p.reused { // the same files: those parsed again replace theirs
			e.files = maps.Clone(p.last.files)
			maps.Copy(e.files, p.fresh)
		} else {
			e.files = make(map[string]*parsedFile, len(files))
			for _, f := range files {
				pf := p.fresh[f.Path]
				if pf == nil && p.last != nil {
					pf = p.last.files[f.Path]
				}
				e.files[f.Path] = pf
			}
		}
		if loadErr == nil && !p.racy {
			e.loaded, e.warnings, e.static, e.dirs = files, warnings, static, p.dirs
		}
	}
	c.store.Keep(pathKey("content", ""), stored{content: e})
	return e
}

// listed is the file system Load reads for a parser, which notes each
// folder listed with its modification time and size.
type listed struct {
	fs.FS
	p *parser
}

// ReadDir implements fs.ReadDirFS.
func (l *listed) ReadDir(name string) ([]fs.DirEntry, error) {
	info, err := fs.Stat(l.FS, name)
	if err != nil {
		return nil, err
	}
	entries, err := fs.ReadDir(l.FS, name)
	if err != nil {
		return nil, err
	}
	if after, err := fs.Stat(l.FS, name); err != nil || !after.ModTime().Equal(info.ModTime()) || after.Size() != info.Size() ||
		info.ModTime().IsZero() || time.Since(info.ModTime()) < racyWindow {
		l.p.racy = true // listed while it changed, or too soon after
	}
	l.p.dirs = append(l.p.dirs, dirStamp{name: name, mod: info.ModTime(), size: info.Size()})
	return entries, nil
}

// ReadFile implements fs.ReadFileFS.
func (l *listed) ReadFile(name string) ([]byte, error) { return fs.ReadFile(l.FS, name) }

// Stat implements fs.StatFS.
func (l *listed) Stat(name string) (fs.FileInfo, error) { return fs.Stat(l.FS, name) }
