package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/tearsheet/tearsheet/generator/config"
	"github.com/tearsheet/tearsheet/generator/content"
	"github.com/tearsheet/tearsheet/generator/internal/binenc"
	"github.com/tearsheet/tearsheet/generator/internal/query"
	"github.com/tearsheet/tearsheet/generator/site"
)

// This file is the content stage as queries of the store (package query;
// issue 17): content/ listed, each source file parsed, and the two put
// together, each a query that runs again only when what it read changed.
// A Session keeps its store while it runs and tells it which files
// changed; a plain build loads it from the file beside the page cache's
// and saves it after a build that succeeded (storeFileOf).
//
//   - content.tree (""): content/ listed (content.Scan) through the
//     store's file system: it reads the listing of every folder walked and
//     the mode of each link, and the schema. A body edit lists the edited
//     file's folder again, finds the same names and leaves it green.
//   - content.file (a source path): the file's bytes parsed with the
//     schema (parsedFile). Its sum is that of the bytes, the schema and
//     the error, which is part of the result: a file whose front matter's
//     values are wrong is still parsed for its body (content.Options.Broken).
//   - content.load (""): the tree's sources, each its content.file, put
//     together as content.Load would return them (loaded). While no file
//     and no folder changed it is green, and the build gets the same
//     Files, which the layout compares by pointer.
//
// The schema (content.Schema: the time zone and taxonomies of site.yaml)
// is the input "content.schema", set by its key before every build; the
// queries take the Schema itself from contentStage.sc, which the driver
// sets with it.

// parsedFile is a source file parsed: its bytes, the File (with err, the
// file may be left out of the build but for its body: Broken), the key of
// the schema it was parsed with and, when it has one, its mark (markOf).
type parsedFile struct {
	src    []byte
	f      *content.File
	err    error
	schema string
	mark   key
	marked bool
	sum    query.Key // parsedSum's, made once
}

// loaded is content.Load's result, as the content.load query makes it.
type loaded struct {
	files    []*content.File
	parsed   []*parsedFile // each source's, in the tree's order
	warnings []string
	static   []string
	broken   []*content.File
	err      error
	sum      query.Key
}

// contentStage is the content stage's queries with their store.
type contentStage struct {
	store *query.Store
	tree  *query.Kind[*content.Tree]
	file  *query.Kind[*parsedFile]
	load  *query.Kind[*loaded]
	theme *query.Kind[*loadedTheme]
	// templates is the theme's templates alone (themeq.go).
	templates *query.Kind[*loadedTheme]
	// The site's layout (layout.go).
	marks *query.Kind[*siteMarks]
	clock *query.Kind[*siteClock]
	laid  *query.Kind[*layoutEntry]
	// A page's conversion (docq.go), for the build b while it converts.
	source *query.Kind[*content.File]
	doc    *query.Kind[*converted]
	data   *query.Kind[string]
	lock   *query.Kind[string]
	// An article's view, feed content and email content (viewq.go),
	// for the build b and its views v.
	view  *query.Kind[*articleView]
	place *query.Kind[*articlePlace]
	feed  *query.Kind[*feedContent]
	email *query.Kind[[]byte]
	b     *builder
	v     *views
	// sc is the schema of the build under way, whose key the input
	// "content.schema" holds; workers parse files at once. cfg and opts
	// are the build's configuration and options, of which site.yaml and
	// the inputs "site.options" and "site.clock" hold what the layout
	// reads.
	sc      content.Schema
	workers int
	cfg     *config.Config
	opts    site.Options
	// ctx is the build under way (begin); nil before the first.
	ctx *query.Ctx
	// version is what a plain build's store is saved with, and kept the
	// bytes it was read from ("" and nil for none).
	version string
	kept    []byte
}

// schemaInput is the input the content queries read the schema by.
const schemaInput = "content.schema"

// newContentStage returns the content stage of the site in fsys, with an
// empty store.
func newContentStage(fsys fs.FS) *contentStage {
	st := &contentStage{}
	st.tree = &query.Kind[*content.Tree]{Name: "content.tree", Compute: st.scan}
	st.file = &query.Kind[*parsedFile]{Name: "content.file", Compute: st.parse, Sum: func(pf *parsedFile) query.Key { return pf.sum }, Encode: st.encodeFile, Decode: st.decodeFile}
	st.load = &query.Kind[*loaded]{Name: "content.load", Compute: st.assemble, Sum: func(l *loaded) query.Key { return l.sum }}
	st.theme = &query.Kind[*loadedTheme]{Name: "render.theme", Compute: loadThemeQuery}
	st.marks = &query.Kind[*siteMarks]{Name: "site.marks", Compute: st.markFiles, Sum: func(m *siteMarks) query.Key { return m.sum }}
	st.clock = &query.Kind[*siteClock]{Name: "site.clock", Compute: st.placeClock, Sum: func(c *siteClock) query.Key { return c.sum }}
	st.laid = &query.Kind[*layoutEntry]{Name: "site.layout", Compute: st.layOut}
	st.source = &query.Kind[*content.File]{Name: "page.source", Compute: st.sourceQuery, Sum: sourceSum}
	st.doc = &query.Kind[*converted]{Name: "page.doc", Compute: st.convertQuery}
	sum := func(v string) query.Key { return query.Sum([]byte(v)) }
	st.data = &query.Kind[string]{Name: "page.data", Compute: st.dataQuery, Volatile: true, Sum: sum}
	st.lock = &query.Kind[string]{Name: "page.lock", Compute: st.lockQuery, Volatile: true, Sum: sum}
	st.templates = &query.Kind[*loadedTheme]{Name: "render.templates", Compute: st.templatesQuery, Sum: templatesSum}
	st.view = &query.Kind[*articleView]{Name: "article.view", Compute: st.viewQuery}
	st.place = &query.Kind[*articlePlace]{Name: "article.place", Compute: st.placeQuery, Volatile: true, Sum: func(p *articlePlace) query.Key { return p.sum }}
	st.feed = &query.Kind[*feedContent]{Name: "article.feed", Compute: st.feedQuery}
	st.email = &query.Kind[[]byte]{Name: "article.email", Compute: st.emailQuery}
	st.store = query.NewStore(fsys, st.tree, st.file, st.load, st.theme, st.templates, st.marks, st.clock, st.laid, st.source, st.doc, st.data, st.lock, st.view, st.place, st.feed, st.email)
	return st
}

// schema returns the build's schema, its key recorded as read by c.
func (st *contentStage) schema(c *query.Ctx) (content.Schema, error) {
	if _, err := c.Input(schemaInput); err != nil {
		return content.Schema{}, err
	}
	return st.sc, nil
}

func (st *contentStage) scan(c *query.Ctx, _ string) (*content.Tree, error) {
	sc, err := st.schema(c)
	if err != nil {
		return nil, err
	}
	return content.Scan(c.FS(), sc.Taxonomies)
}

func (st *contentStage) parse(c *query.Ctx, name string) (*parsedFile, error) {
	sc, err := st.schema(c)
	if err != nil {
		return nil, err
	}
	src, sum, err := c.ReadSum(name)
	if err != nil {
		pf := &parsedFile{err: fmt.Errorf("%s: %w", name, err), schema: sc.Key()}
		pf.sum = parsedSum(pf)
		return pf, nil
	}
	f, err := content.ParseSummed(name, src, sum, sc)
	pf := &parsedFile{src: src, f: f, err: err, schema: sc.Key()}
	if err == nil {
		pf.mark, pf.marked = markOf(f)
	}
	pf.sum = parsedSum(pf)
	return pf, nil
}

// parsedSum is the sum of a parsed file (the content.file query's): of
// its bytes, its schema and its error.
func parsedSum(pf *parsedFile) query.Key {
	e := newEncoder("content.file")
	e.str(pf.schema)
	if pf.f != nil {
		e.bytes(pf.f.Sum[:])
	}
	if pf.err != nil {
		e.str(pf.err.Error())
	}
	return query.Key(e.sum())
}

// encodeFile encodes a file parsed without an error: its sum, then the
// File (content.AppendFile), whose body is a part of the file's bytes,
// which decodeFile reads again.
func (st *contentStage) encodeFile(pf *parsedFile) []byte {
	if pf.err != nil || pf.f == nil {
		return nil
	}
	b := binenc.AppendString(nil, pf.schema)
	b = append(b, pf.f.Sum[:]...)
	b = binenc.AppendBool(b, pf.marked)
	if pf.marked {
		b = append(b, pf.mark[:]...)
	}
	return content.AppendFile(b, pf.f, pf.src, st.sc.Location)
}

func (st *contentStage) decodeFile(c *query.Ctx, name string, b []byte) (*parsedFile, error) {
	src, err := c.Read(name)
	if err != nil {
		return nil, err
	}
	r := binenc.NewReader(b)
	pf := &parsedFile{src: src, schema: r.String()}
	var sum [sha256.Size]byte
	copy(sum[:], r.Fixed(sha256.Size))
	if pf.marked = r.Bool(); pf.marked {
		copy(pf.mark[:], r.Fixed(len(pf.mark)))
	}
	pf.f = content.DecodeFile(r, src, sum, st.sc.Location)
	if pf.f == nil || !r.Done() {
		return nil, errors.New("content.file: damaged")
	}
	pf.sum = parsedSum(pf)
	return pf, nil
}

// assemble is content.load: the tree's sources parsed, on every worker,
// put together (content.Tree.Files).
func (st *contentStage) assemble(c *query.Ctx, _ string) (*loaded, error) {
	t, err := query.Get(c, st.tree, "")
	if err != nil {
		return nil, err
	}
	parsed, perr := query.GetEach(c, st.file, t.Sources, st.workers)
	l := &loaded{parsed: parsed, warnings: t.Warnings, static: t.Static}
	files := make([]*content.File, len(t.Sources))
	for i, pf := range l.parsed {
		if pf != nil {
			files[i] = pf.f
			if perr[i] == nil {
				perr[i] = pf.err
			}
		}
	}
	l.files, l.err = t.Files(files, perr, func(f *content.File) { l.broken = append(l.broken, f) })
	l.sum = loadedSum(t, l, perr)
	return l, nil
}

// loadedSum is the sum of what the content stage gives: each source's
// parse, the tree's other names and its problems.
func loadedSum(t *content.Tree, l *loaded, perr []error) query.Key {
	e := newEncoder("content.load")
	for i, name := range t.Sources {
		e.str(name)
		if pf := l.parsed[i]; pf != nil {
			e.key(key(pf.sum))
		}
		if perr[i] != nil {
			e.str(perr[i].Error())
		}
	}
	list := func(l []string) {
		e.num(uint64(len(l)))
		for _, s := range l {
			e.str(s)
		}
	}
	list(t.Static)
	list(t.Warnings)
	for _, b := range slices.Sorted(maps.Keys(t.Assets)) {
		e.str(b)
		list(t.Assets[b])
	}
	for _, err := range t.Errs {
		e.str(err.Error())
	}
	return query.Key(e.sum())
}

// begin starts a build of the store, changed being the paths changed
// since its last one (Store.Begin; nil: not known, every file is read
// again). A Session begins every build, one that fails before it loads
// the content included, so that the store hears of every change.
func (st *contentStage) begin(changed []string) {
	if slices.Contains(changed, "") || slices.Contains(changed, ".") {
		changed = nil // the whole site
	}
	st.ctx = st.store.Begin(changed)
}

// current returns the build under way, begun by begin; one that reads
// every file (a plain build's) when none was.
func (st *contentStage) current() *query.Ctx {
	if st.ctx == nil {
		st.begin(nil)
	}
	return st.ctx
}

// run loads the content of a build with the schema sc, parsing on
// workers, in the build begin started (a plain build's: one that reads
// every file). It returns what content.Load would, with the number of
// files parsed in this build.
func (st *contentStage) run(sc content.Schema, workers int) (*loaded, int, error) {
	ctx := st.current()
	st.sc, st.workers = sc, workers
	st.store.Set(schemaInput, []byte(sc.Key()))
	l, err := query.Get(ctx, st.load, "")
	return l, st.store.Runs(st.file.Name), err
}

// storeFormat is the first line of the file that keeps a plain build's
// store (storeFileOf), beside the page cache file.
const storeFormat = "tearsheet queries 1\n"

// storeFileOf returns the file that keeps the store of the builds whose
// page cache file is pageFile.
func storeFileOf(pageFile string) string {
	return strings.TrimSuffix(pageFile, filepath.Ext(pageFile)) + ".queries"
}

// readContentStage reads, while the build loads its configuration, the
// store kept beside the page cache file pageFile by a build of the same
// executable (exe), and returns what gives the content stage of the site
// in fsys with it: with an empty store when none is kept or it cannot be
// read, and one that save does not keep without a page cache (no file
// named, or no identity of the executable).
func readContentStage(fsys fs.FS, pageFile string, exe func() ([]byte, error)) func() *contentStage {
	done := make(chan *contentStage, 1)
	go func() {
		st := newContentStage(fsys)
		if pageFile == "" {
			done <- st
			return
		}
		id, err := exe()
		if err != nil {
			done <- st
			return
		}
		st.version = storeVersion(id)
		if body, err := readCacheFile(storeFileOf(pageFile), storeFormat); err == nil && st.store.Load(body, st.version) == nil {
			st.kept = body
		}
		done <- st
	}()
	return sync.OnceValue(func() *contentStage { return <-done })
}

// storeVersion is the version of the store the executable whose identity
// is exe saves: the code's, which every result depends on.
func storeVersion(exe []byte) string {
	e := newEncoder("queries")
	e.str(Version)
	e.str(runtime.Version())
	e.bytes(exe)
	k := e.sum()
	return hex.EncodeToString(k[:])
}

// save ends a plain build that succeeded: the store lets go of what the
// build did not use, and is kept beside the page cache file pageFile
// when it is not what was read. Without a version (no page cache) it
// keeps nothing.
func (st *contentStage) save(pageFile string) error {
	st.store.End(true)
	if st.version == "" || pageFile == "" {
		return nil
	}
	b := st.store.Save(st.version)
	if bytes.Equal(b, st.kept) {
		return nil
	}
	if err := writeCacheFile(storeFileOf(pageFile), append([]byte(storeFormat), b...)); err != nil {
		return fmt.Errorf("query store: %w", err)
	}
	// The parsed files' table an earlier tearsheet kept there, which
	// this store replaces.
	os.Remove(strings.TrimSuffix(pageFile, filepath.Ext(pageFile)) + ".parsed")
	return nil
}

// contentStage returns a Session's content stage; nil without a Session.
func (c *caches) contentStage() *contentStage {
	if c == nil {
		return nil
	}
	return c.content
}
