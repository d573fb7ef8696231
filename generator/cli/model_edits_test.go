package cli

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tearsheet/tearsheet/generator/internal/corpus"
)

// modelSite is a generated site that a seeded random author edits, one
// step at a time, in every way the site's files can change: the text and
// front matter of articles, articles added and removed, CSV files and
// datasets, templates, CSS, static files and site.yaml, and inputs broken
// and later fixed. Each step returns what it did and the paths it wrote or
// removed, as a file watcher would report them.
type modelSite struct {
	t     testing.TB
	dir   string
	r     *rand.Rand
	posts []string // the articles' source paths
	n     int      // steps so far: makes each new text differ
	// broken are the inputs broken and not yet fixed, with their bytes
	// before (nil: the file was not there).
	broken []brokenInput
}

type brokenInput struct {
	path string
	orig []byte
	left int // steps until the fix
}

// modelTags are the tags edits give: a few, so lists share articles, and
// one written two ways, whose warning names the lines that write it.
var modelTags = []string{"rates", "small caps", "S&P 500", "gold", "Gold"}

// The local CSV an article reads by name, the nearer one that comes to
// shadow it, and a second file a dataset of site.yaml may name.
const (
	localCSV  = "content/data/local.csv"
	nearerCSV = "content/posts/local.csv"
	extraCSV  = "content/data/extra.csv"
	localPost = "content/posts/local-data.md"
	claimPost = "content/posts/claim.md"
	staticTxt = "static/notes.txt"
	// contentTxt is a file under content/ in no bundle: copied as it is.
	contentTxt = "content/files/report.txt"
	footer     = "themes/default/templates/partials/footer.html"
	card       = "themes/default/templates/partials/card.html"
	// figurePartial is the theme's figure partial.
	figurePartial = "themes/default/templates/partials/figure.html"
	mainCSS       = "themes/default/static/css/main.css"
	lockFile      = "figures.lock"
)

func newModelSite(t testing.TB, dir string, seed uint64, articles int) *modelSite {
	t.Helper()
	if err := corpus.Write(dir, corpus.Options{Articles: articles, Charts: true, Seed: seed, Theme: filepath.Join(repoRoot, "themes/default")}); err != nil {
		t.Fatal(err)
	}
	m := &modelSite{t: t, dir: dir, r: rand.New(rand.NewPCG(seed, 0x30de1))}
	for i := range articles {
		m.posts = append(m.posts, corpus.PostPath(i))
	}
	// Few feed items and short pages: most articles are in no feed (no
	// PNGs to draw), and every list paginates.
	m.replace("site.yaml", "feeds: {items: 20}", "feeds: {items: 2}")
	m.replace("site.yaml", "perPage: 10", "perPage: 3")
	// Small charts: a PNG of the smallest size draws in a ninth of the
	// time of one of the default size, which is the most of a fresh
	// build's time (the model tests caching, not drawing).
	m.replace("site.yaml", "charts: {png: feeds}", "charts: {png: feeds, width: 240, height: 160}")
	m.replace("site.yaml", "\ndatasets:\n", "\ntaxonomies:\n  tickers: {perPage: 2}\ndatasets:\n") // datasets stay last
	m.write(localCSV, "date,v\n2020-01-01,1\n2020-02-01,2\n2020-03-01,3\n")
	m.write(localPost, "---\ntitle: Local data\ndate: 2020-06-01\ntags: [rates]\n---\nA chart of a local file.\n\n```chart\ndata: local\ntitle: Local\nseries:\n  - column: v\n```\n\nIt ends at {{ local.v | last }}.\n")
	m.posts = append(m.posts, localPost)
	// No edit touches claimPost: its text reads no data and its claim the
	// markets, so its notice follows every edit of them alone.
	m.write(claimPost, "---\ntitle: A claim\ndate: 2020-07-01\nclaims: [{text: \"Gold ended below one.\", check: \"{{ markets.gold | last }} < 1\"}]\n---\nNo figure here.\n")
	return m
}

// step makes one random change and returns its name and the paths it
// touched. A broken input is fixed after one to three steps.
func (m *modelSite) step() (string, []string) {
	m.n++
	for i := range m.broken {
		m.broken[i].left--
	}
	for i, b := range m.broken {
		if b.left <= 0 {
			m.broken = slices.Delete(m.broken, i, i+1)
			if b.orig == nil {
				m.remove(b.path)
			} else {
				m.write(b.path, string(b.orig))
			}
			return "fix " + b.path, []string{b.path}
		}
	}
	type edit struct {
		weight int
		do     func() (string, []string)
	}
	edits := []edit{
		{8, m.editText}, {5, m.editTitle}, {3, m.editDate}, {3, m.editTags},
		{2, m.editSlug}, {2, m.editDraft}, {2, m.editAliases}, {3, m.addArticle},
		{2, m.removeArticle}, {3, m.editChart}, {2, m.editMarkets}, {2, m.editLocal},
		{2, m.shadow}, {2, m.editDatasets}, {2, m.editTemplate}, {2, m.editCSS},
		{2, m.editStatic}, {2, m.editSiteYAML}, {4, m.breakInput}, {2, m.editLock},
		{2, m.editPage}, {2, m.renameArticle}, {2, m.editBundle}, {3, m.editMeta},
		{2, m.editComment},
	}
	total := 0
	for _, e := range edits {
		total += e.weight
	}
	for {
		k := m.r.IntN(total)
		for _, e := range edits {
			if k -= e.weight; k < 0 {
				if name, changed := e.do(); name != "" {
					return name, changed
				}
				break // not possible now (a broken file): another
			}
		}
	}
}

// post returns a random article that is not broken, or "".
func (m *modelSite) post() string {
	for range 10 {
		p := m.posts[m.r.IntN(len(m.posts))]
		if !m.isBroken(p) {
			return p
		}
	}
	return ""
}

func (m *modelSite) isBroken(p string) bool {
	return slices.ContainsFunc(m.broken, func(b brokenInput) bool { return b.path == p })
}

func (m *modelSite) editText() (string, []string) {
	p := m.post()
	if p == "" {
		return "", nil
	}
	s := m.read(p)
	line := fmt.Sprintf("A sentence added in edit %d.\n\n", m.n)
	if m.r.IntN(3) == 0 && strings.Contains(s, "<!--more-->") {
		m.write(p, strings.Replace(s, "<!--more-->", line+"<!--more-->", 1)) // the summary
	} else {
		m.write(p, s+"\n"+line)
	}
	return "text of " + p, []string{p}
}

func (m *modelSite) editTitle() (string, []string) {
	p := m.post()
	if p == "" {
		return "", nil
	}
	titles := []string{`"Title %d"`, `"Rates & <b>spreads</b>, take %d"`, `"Small caps %d: a rally?"`}
	m.setMeta(p, "title", fmt.Sprintf(titles[m.r.IntN(len(titles))], m.n))
	return "title of " + p, []string{p}
}

func (m *modelSite) editDate() (string, []string) {
	p := m.post()
	if p == "" {
		return "", nil
	}
	// Now is modelNow; some dates come after it (the article hides).
	d := time.Date(2019, 1, 1, 9, 0, 0, 0, time.UTC).Add(time.Duration(m.r.IntN(8*365)) * 24 * time.Hour)
	if m.r.IntN(2) == 0 {
		// A busy month, whose archive runs to a second page (perPage 3)
		// and back: moving an article in from the same year changes only
		// the months' counts and pages.
		d = time.Date(2021, 3, 1+m.r.IntN(28), 9, 0, 0, 0, time.UTC)
	}
	m.setMeta(p, "date", d.Format(time.RFC3339))
	return "date of " + p, []string{p}
}

func (m *modelSite) editTags() (string, []string) {
	p := m.post()
	if p == "" {
		return "", nil
	}
	var tags []string
	for _, i := range m.r.Perm(len(modelTags))[:m.r.IntN(len(modelTags))] {
		tags = append(tags, fmt.Sprintf("%q", modelTags[i]))
	}
	m.setMeta(p, "tags", "["+strings.Join(tags, ", ")+"]")
	return "tags of " + p, []string{p}
}

func (m *modelSite) editSlug() (string, []string) {
	p := m.post()
	if p == "" {
		return "", nil
	}
	slug := ""
	if m.r.IntN(2) == 0 {
		slug = fmt.Sprintf("slug-%d", m.n)
	}
	m.setMeta(p, "slug", slug)
	return "slug of " + p, []string{p}
}

func (m *modelSite) editDraft() (string, []string) {
	p := m.post()
	if p == "" {
		return "", nil
	}
	draft := "true"
	if strings.Contains(m.read(p), "\ndraft: true\n") {
		draft = ""
	}
	m.setMeta(p, "draft", draft)
	return "draft of " + p, []string{p}
}

func (m *modelSite) editAliases() (string, []string) {
	p := m.post()
	if p == "" {
		return "", nil
	}
	aliases := ""
	if m.r.IntN(3) > 0 {
		aliases = fmt.Sprintf(`["/old/note-%d/"]`, m.n)
	}
	m.setMeta(p, "aliases", aliases)
	return "aliases of " + p, []string{p}
}

func (m *modelSite) addArticle() (string, []string) {
	p := fmt.Sprintf("content/posts/added-%d.md", m.n)
	d := time.Date(2018, 1, 1, 9, 0, 0, 0, time.UTC).Add(time.Duration(m.r.IntN(9*365)) * 24 * time.Hour)
	body := "An article added later.\n"
	if m.r.IntN(2) == 0 {
		col := corpus.DatasetColumns[m.r.IntN(len(corpus.DatasetColumns))]
		body += fmt.Sprintf("\n```chart\ndata: markets\ntitle: Added %d\nrange: 5y\nseries:\n  - column: %s\n```\n\nIt was {{ markets.%s | last }}.\n", m.n, col, col)
	}
	m.write(p, fmt.Sprintf("---\ntitle: \"Added %d\"\ndate: %s\ntags: [%q]\n---\n%s", m.n, d.Format(time.RFC3339), modelTags[m.r.IntN(len(modelTags))], body))
	m.posts = append(m.posts, p)
	return "add " + p, []string{p}
}

func (m *modelSite) removeArticle() (string, []string) {
	p := m.post()
	if p == "" || p == localPost || len(m.posts) < 8 {
		return "", nil
	}
	m.remove(p)
	m.posts = slices.DeleteFunc(m.posts, func(q string) bool { return q == p })
	return "remove " + p, []string{p}
}

// editMeta sets or removes front matter that shows on other pages or is
// checked against the data: a claim (true, or false: a warning), authors,
// tickers (a taxonomy newModelSite adds), a summary, an update, or
// figures: live or locked (set in place of the other, it moves no line: the quick path's
// cutoff must still see it, as it changes what figures.lock does).
func (m *modelSite) editMeta() (string, []string) {
	p := m.post()
	if p == "" {
		return "", nil
	}
	type meta struct{ key, value string }
	opts := []meta{
		{"claims", `[{text: "Equities ended above zero.", check: "{{ markets.equities | last }} > 0"}]`},
		{"claims", `[{text: "Gold ended below one.", check: "{{ markets.gold | last }} < 1"}]`},
		{"authors", `["A. Writer", "B. Writer"]`},
		{"authors", `["B. Writer"]`},
		{"tickers", `["GLD", "SPX"]`},
		{"tickers", `["spx"]`},
		{"summary", fmt.Sprintf(`"A summary written in edit %d."`, m.n)},
		{"figures", "live"},
		{"figures", "locked"},
		// The last update dates an automatic revision no earlier than it.
		{"updates", fmt.Sprintf(`[{date: 2026-11-%02d, note: "A note of edit %d."}]`, 1+m.r.IntN(28), m.n)},
	}
	o := opts[m.r.IntN(len(opts))]
	if m.r.IntN(4) == 0 {
		o.value = ""
	}
	m.setMeta(p, o.key, o.value)
	return o.key + " of " + p, []string{p}
}

// editComment adds a comment line at the top of an article's front
// matter, or takes one away: the layout is the same, and every line below
// moves, with the messages that name them (a merged tag's warning).
func (m *modelSite) editComment() (string, []string) {
	p := m.post()
	if p == "" {
		return "", nil
	}
	// One time in two, an article tagged gold, written either way: the
	// warning of the other spelling moves.
	gold := slices.DeleteFunc(slices.Clone(m.posts), func(q string) bool {
		return m.isBroken(q) || !strings.Contains(strings.ToLower(m.read(q)), `"gold"`)
	})
	if len(gold) > 0 && m.r.IntN(2) == 0 {
		p = gold[m.r.IntN(len(gold))]
	}
	s := m.read(p)
	if rest, ok := strings.CutPrefix(s, "---\n# "); ok {
		_, rest, _ = strings.Cut(rest, "\n")
		m.write(p, "---\n"+rest)
		return "comment taken from " + p, []string{p}
	}
	m.write(p, fmt.Sprintf("---\n# A note of edit %d.\n%s", m.n, strings.TrimPrefix(s, "---\n")))
	return "comment added to " + p, []string{p}
}

// editPage changes the text or title of a page that is not an article.
func (m *modelSite) editPage() (string, []string) {
	const about = "content/about.md"
	if m.r.IntN(2) == 0 {
		m.setMeta(about, "title", fmt.Sprintf("\"About the desk, %d\"", m.n))
	} else {
		m.write(about, m.read(about)+fmt.Sprintf("\nA line added in edit %d.\n", m.n))
	}
	return "page " + about, []string{about}
}

// renameArticle moves an article's file, as a rename in an editor or git
// mv does: its URL may change with it.
func (m *modelSite) renameArticle() (string, []string) {
	p := m.post()
	if p == "" || p == localPost || strings.HasSuffix(p, "/index.md") {
		return "", nil
	}
	q := fmt.Sprintf("content/posts/renamed-%d.md", m.n)
	if err := os.Rename(filepath.Join(m.dir, filepath.FromSlash(p)), filepath.Join(m.dir, filepath.FromSlash(q))); err != nil {
		m.t.Fatal(err)
	}
	m.posts[slices.Index(m.posts, p)] = q
	return "rename " + p, []string{p, q}
}

// editBundle adds a page bundle (a folder with index.md and the CSV its
// chart reads beside it, named like the chart's id), adds or removes a
// file of it, edits its CSV, or removes the whole folder.
func (m *modelSite) editBundle() (string, []string) {
	const dir = "content/posts/bundle"
	index, csv := dir+"/index.md", dir+"/levels.csv"
	switch {
	case !m.exists(index):
		m.write(csv, "date,level\n2021-01-04,10\n2021-02-01,12\n2021-03-01,11\n")
		m.write(index, "---\ntitle: \"A bundle, é and 日本\"\ndate: 2022-03-04\ntags: [\"gold\"]\n---\nA page bundle.\n\n```chart\ndata: levels\ntitle: Levels\nseries:\n  - column: level\n```\n\nLast {{ levels.level | last }}.\n")
		m.posts = append(m.posts, index)
		return "add bundle " + dir, []string{dir}
	case m.isBroken(index):
		return "", nil
	case m.r.IntN(3) == 0:
		// A file named like the file the chart's id would write: the id
		// moves on (levels → levels-2 → levels-3) and back.
		const other = dir + "/levels-2.csv"
		if m.exists(other) {
			m.remove(other)
			return "remove " + other, []string{other}
		}
		m.write(other, "date,level\n2021-01-04,1\n")
		return "add " + other, []string{other}
	case m.r.IntN(3) == 0:
		if err := os.RemoveAll(filepath.Join(m.dir, filepath.FromSlash(dir))); err != nil {
			m.t.Fatal(err)
		}
		m.posts = slices.DeleteFunc(m.posts, func(q string) bool { return q == index })
		return "remove bundle " + dir, []string{dir}
	default:
		m.write(csv, fmt.Sprintf("date,level\n2021-01-04,10\n2021-02-01,%d\n2021-03-01,11\n", m.n))
		return "data of " + csv, []string{csv}
	}
}

// editLock records the figures the published articles show (tearsheet
// lock, all or one article), or removes figures.lock; later data edits then
// make published figures differ from the data.
func (m *modelSite) editLock() (string, []string) {
	if m.r.IntN(4) == 0 && m.exists(lockFile) {
		m.remove(lockFile)
		return "remove " + lockFile, []string{lockFile}
	}
	args, name := []string{"lock", "--offline", "--source", m.dir}, "lock every article"
	if m.exists(lockFile) {
		p := m.post()
		if p == "" {
			return "", nil
		}
		args, name = append(args, filepath.Join(m.dir, filepath.FromSlash(p))), "lock "+p
	}
	before, _ := os.ReadFile(filepath.Join(m.dir, lockFile))
	var out, errOut bytes.Buffer
	if Run(context.Background(), args, &out, &errOut) != 0 {
		return "", nil // the site does not build now: nothing written
	}
	after, _ := os.ReadFile(filepath.Join(m.dir, lockFile))
	if bytes.Equal(before, after) {
		return "", nil
	}
	return name, []string{lockFile}
}

// breakInput breaks one input in a way an author might, to be fixed in
// one to three steps: front matter, a chart, a CSV, a template (the
// footer, or the card every list shows), site.yaml.
func (m *modelSite) breakInput() (string, []string) {
	var p, old, new string
	switch m.r.IntN(6) {
	case 0:
		p, old, new = m.post(), "\ntitle: ", "\ntags: [unclosed\ntitle: "
	case 1:
		p, old, new = m.post(), "\ndata: ", "\ndata: nosuch-"
	case 2:
		p, old, new = localCSV, "\n2020-02-01,", "\nnot a date,"
	case 3:
		p, old, new = footer, "{{.Site.Title}}", "{{.Site.NoSuchField}}"
	case 4:
		p, old, new = card, "<article", "{{.NoSuchField}}<article"
	default:
		p, old, new = "site.yaml", "\nperPage: ", "\nperPage: [\n  broken: "
	}
	if p == "" || m.isBroken(p) {
		return "", nil
	}
	s := m.read(p)
	if !strings.Contains(s, old) {
		return "", nil
	}
	m.broken = append(m.broken, brokenInput{path: p, orig: []byte(s), left: 1 + m.r.IntN(3)})
	m.write(p, strings.Replace(s, old, new, 1))
	return "break " + p, []string{p}
}

// setMeta sets key to value in the front matter of p, or removes it when
// value is "".
func (m *modelSite) setMeta(p, key, value string) {
	s := m.read(p)
	head, body, ok := strings.Cut(strings.TrimPrefix(s, "---\n"), "\n---\n")
	if !ok {
		m.t.Fatalf("%s: no front matter", p)
	}
	// As an author edits: the key's line changes where it stands, and the
	// other lines stay where they were (their line numbers are in the
	// site's warnings); a new key goes last, or, one time in three, first,
	// moving every line below it (the dates', the claims'): the layout is
	// the same, and the messages that name the lines follow.
	lines, at := strings.Split(head, "\n"), -1
	for i, l := range lines {
		if strings.HasPrefix(l, key+":") {
			at = i
			break
		}
	}
	switch {
	case value == "":
		lines = slices.DeleteFunc(lines, func(l string) bool { return strings.HasPrefix(l, key+":") })
	case at >= 0:
		lines[at] = key + ": " + value
	case m.r.IntN(3) == 0:
		lines = slices.Insert(lines, 0, key+": "+value)
	default:
		lines = append(lines, key+": "+value)
	}
	m.write(p, "---\n"+strings.Join(lines, "\n")+"\n---\n"+body)
}

func (m *modelSite) read(p string) string {
	m.t.Helper()
	b, err := os.ReadFile(filepath.Join(m.dir, filepath.FromSlash(p)))
	if err != nil {
		m.t.Fatal(err)
	}
	return string(b)
}

func (m *modelSite) write(p, text string) {
	m.t.Helper()
	f := filepath.Join(m.dir, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
		m.t.Fatal(err)
	}
	if err := os.WriteFile(f, []byte(text), 0o644); err != nil {
		m.t.Fatal(err)
	}
}

func (m *modelSite) replace(p, old, new string) {
	m.t.Helper()
	s := m.read(p)
	if !strings.Contains(s, old) {
		m.t.Fatalf("%s lacks %q", p, old)
	}
	m.write(p, strings.Replace(s, old, new, 1))
}

func (m *modelSite) remove(p string) {
	m.t.Helper()
	if err := os.Remove(filepath.Join(m.dir, filepath.FromSlash(p))); err != nil {
		m.t.Fatal(err)
	}
}

func (m *modelSite) exists(p string) bool {
	_, err := os.Stat(filepath.Join(m.dir, filepath.FromSlash(p)))
	return err == nil
}
