package build

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/net/html"

	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/internal/period"
	"github.com/tearsheet/tearsheet/generator/output"
)

// TestChartsInBuild checks the figure of the fixture article: an inline
// SVG that is valid XML with role="img", a title and a description, the
// computed CSV beside the page, and the chart cache across builds.
func TestChartsInBuild(t *testing.T) {
	fsys := siteFS(t, "testdata/sites/basic")
	cache := figure.NewMemCache()
	mem, res, err := buildMem(t, fsys, Options{Cache: cache})
	if err != nil {
		t.Fatal(err)
	}
	// The article's chart, and the preview of the dataset policy on its
	// page of the data catalogue.
	if res.Charts.Rendered != 2 || res.Charts.Cached != 0 {
		t.Errorf("first build: %+v, want 2 charts rendered", res.Charts)
	}
	page, _ := mem.Get("2024/03/rates-bundle/index.html")
	i, j := bytes.Index(page, []byte("<svg")), bytes.Index(page, []byte("</svg>"))
	if i < 0 || j < 0 {
		t.Fatal("no inline SVG in the article")
	}
	svg := page[i : j+len("</svg>")]
	dec := xml.NewDecoder(bytes.NewReader(svg))
	var root xml.StartElement
	sawTitle, sawDesc := false, false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("inline SVG is not XML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			if root.Name.Local == "" {
				root = se
			}
			sawTitle = sawTitle || se.Name.Local == "title"
			sawDesc = sawDesc || se.Name.Local == "desc"
		}
	}
	role := ""
	for _, a := range root.Attr {
		if a.Name.Local == "role" {
			role = a.Value
		}
	}
	if role != "img" || !sawTitle || !sawDesc {
		t.Errorf("SVG role=%q title=%v desc=%v", role, sawTitle, sawDesc)
	}
	csv, ok := mem.Get("2024/03/rates-bundle/policy-rate-prices-2023.csv")
	if !ok || !bytes.HasPrefix(csv, []byte("date,Rate,CPI\n2023-07-01,5.12,305.7\n")) {
		t.Errorf("chart CSV: %q", csv)
	}
	if !bytes.Contains(page, []byte(`<span class="figure-inline" title="Computed from content/posts/rates-bundle/rates.csv, column rate, data through January 2024">5.33%</span> in <span class="figure-inline"`)) {
		t.Error("inline figures not computed")
	}

	// Feeds carry the chart as its PNG, and the article's social card uses it.
	rss, _ := mem.Get("index.xml")
	if !bytes.Contains(rss, []byte("https://example.org/research/2024/03/rates-bundle/policy-rate-prices-2023.png")) || bytes.Contains(rss, []byte("&lt;svg")) {
		t.Error("the feed must show the chart as an absolute PNG URL, not inline SVG")
	}
	if _, ok := mem.Get("2024/03/rates-bundle/policy-rate-prices-2023.png"); !ok {
		t.Error("no PNG written for an article in the feed")
	}
	if !bytes.Contains(page, []byte(`<meta property="og:image" content="https://example.org/research/2024/03/rates-bundle/policy-rate-prices-2023.png">`)) {
		t.Error("og:image must fall back to the first chart's PNG")
	}

	_, res, err = buildMem(t, fsys, Options{Cache: cache})
	if err != nil {
		t.Fatal(err)
	}
	if res.Charts.Rendered != 0 || res.Charts.Cached != 2 || res.Charts.PNGRendered != 0 {
		t.Errorf("second build: %+v, want everything from the cache", res.Charts)
	}

	// Editing the CSV re-renders the chart that uses it.
	changed := fstest.MapFS{}
	for k, v := range fsys {
		changed[k] = v
	}
	changed["content/posts/rates-bundle/rates.csv"] = &fstest.MapFile{Data: append(append([]byte(nil), fsys["content/posts/rates-bundle/rates.csv"].Data...), "2024-02-01,5.33,310.3\n"...)}
	_, res, err = buildMem(t, changed, Options{Cache: cache})
	if err != nil {
		t.Fatal(err)
	}
	if res.Charts.Rendered != 1 || res.Charts.Cached != 1 {
		t.Errorf("after a CSV edit: %+v, want the chart rendered again (and the preview of policy cached)", res.Charts)
	}
}

// TestChartsWarmBuild checks that a build from a full chart cache, which
// takes each chart's figure HTML from it, writes the same bytes as a
// build without a cache, and that editing the figure template renders the
// figures again.
func TestChartsWarmBuild(t *testing.T) {
	fsys := siteFS(t, "testdata/sites/basic")
	fresh, _, err := buildMem(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	cache := figure.NewMemCache()
	for i, want := range []int{2, 0} { // the article's chart and a dataset's preview
		mem, res, err := buildMem(t, fsys, Options{Cache: cache})
		if err != nil {
			t.Fatal(err)
		}
		if res.Charts.Rendered != want {
			t.Errorf("build %d: %+v", i+1, res.Charts)
		}
		sameOutput(t, fmt.Sprintf("build %d", i+1), mem, fresh)
	}

	const partial = "themes/default/templates/partials/figure.html"
	edited := fstest.MapFS{}
	for k, v := range fsys {
		edited[k] = v
	}
	edited[partial] = &fstest.MapFile{Data: bytes.Replace(fsys[partial].Data, []byte("Download the data (CSV)"), []byte("Download the data"), 1)}
	want, _, err := buildMem(t, edited, Options{})
	if err != nil {
		t.Fatal(err)
	}
	mem, res, err := buildMem(t, edited, Options{Cache: cache})
	if err != nil {
		t.Fatal(err)
	}
	if res.Charts.Rendered != 0 || res.Charts.Cached != 2 {
		t.Errorf("after a template edit: %+v, want the chart from the cache", res.Charts)
	}
	page, _ := mem.Get("2024/03/rates-bundle/index.html")
	if !bytes.Contains(page, []byte(">Download the data<")) {
		t.Error("the edited figure template was not used")
	}
	sameOutput(t, "after a template edit", mem, want)
}

// sameOutput reports the files of got that differ from want.
func sameOutput(t *testing.T, what string, got, want *output.Memory) {
	t.Helper()
	if g, w := strings.Join(got.Names(), " "), strings.Join(want.Names(), " "); g != w {
		t.Errorf("%s: files differ:\n%s\nwant\n%s", what, g, w)
		return
	}
	for _, name := range want.Names() {
		g, _ := got.Get(name)
		w, _ := want.Get(name)
		if !bytes.Equal(g, w) {
			t.Errorf("%s: %s differs", what, name)
		}
	}
}

// TestBadDataReportedOnce: a CSV that does not load, read by two charts,
// two inline figures and a claim, is one error at the CSV's line saying
// how many read it, not five that differ only in where they were read; a second
// file read once keeps the place that read it.
func TestBadDataReportedOnce(t *testing.T) {
	fsys := siteFS(t, "testdata/sites/basic")
	fsys["content/posts/bad/x.csv"] = &fstest.MapFile{Data: []byte("date,v\n2024-01-31,1\n2024-02-29,abc\n")}
	fsys["content/posts/bad/y.csv"] = &fstest.MapFile{Data: []byte("date,w\n2024-01-31,1\n2024-01-31,2\n")}
	chart := func(title, file string) string {
		return "\n```chart\ntitle: " + title + "\ndata: " + file + "\nseries:\n  - column: " + map[string]string{"x.csv": "v", "y.csv": "w"}[file] + "\n```\n"
	}
	fsys["content/posts/bad/index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Bad\ndate: 2024-03-01\nclaims: [{text: \"Up.\", check: \"{{ x.v | last }} > 0\"}]\n---\nValue {{ x.v }} and {{ x.v | change }}.\n" +
		chart("A", "x.csv") + chart("B", "x.csv") + chart("C", "y.csv"))}
	_, _, err := buildMem(t, fsys, Options{})
	if err == nil {
		t.Fatal("the build of a bad CSV succeeded")
	}
	var x, y []string
	for _, e := range appendLeaves(nil, err) {
		switch msg := e.Error(); {
		case strings.Contains(msg, "x.csv"):
			x = append(x, msg)
		case strings.Contains(msg, "y.csv"):
			y = append(y, msg)
		}
	}
	if len(x) != 1 || !strings.HasPrefix(x[0], "content/posts/bad/x.csv:3: ") || !strings.HasSuffix(x[0], "(read by 5 charts and figures)") {
		t.Errorf("x.csv, read five times (a claim too), gave %d errors, want one at x.csv:3 saying five read it:\n%s", len(x), strings.Join(x, "\n"))
	}
	if len(y) != 1 || !strings.HasPrefix(y[0], "content/posts/bad/index.md:") || strings.Contains(y[0], "read by") {
		t.Errorf("y.csv, read once, gave %q, want one error at the chart that reads it", y)
	}
}

// TestBadDataReadersCounted: a chart of two series reading a CSV that does
// not load is one reader, so its error keeps the chart's place (where
// dateFormat goes) rather than saying "read by 2"; with a figure beside it
// the file is read by 2, not 3.
func TestBadDataReadersCounted(t *testing.T) {
	const chart = "\n```chart\ndata: x.csv\nseries:\n  - column: a\n  - column: b\n```\n"
	for _, tc := range []struct{ body, prefix, suffix string }{
		{chart, "content/posts/bad/index.md:9: chart: content/posts/bad/x.csv:2: ", "as YYYY-MM-DD"},
		{"Value {{ x.a }}.\n" + chart, "content/posts/bad/x.csv:2: ", "(read by 2 charts and figures)"},
	} {
		fsys := siteFS(t, "testdata/sites/basic")
		fsys["content/posts/bad/x.csv"] = &fstest.MapFile{Data: []byte("date,a,b\n03/01/2024,1,2\n03/02/2024,2,3\n")}
		fsys["content/posts/bad/index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Bad\ndate: 2024-03-01\n---\n" + tc.body)}
		_, _, err := buildMem(t, fsys, Options{})
		var x []string
		for _, e := range appendLeaves(nil, err) {
			if msg := e.Error(); strings.Contains(msg, "x.csv") {
				x = append(x, msg)
			}
		}
		if len(x) != 1 || !strings.HasPrefix(x[0], tc.prefix) || !strings.HasSuffix(x[0], tc.suffix) {
			t.Errorf("%q gave %q, want one error starting %q and ending %q", tc.body, x, tc.prefix, tc.suffix)
		}
	}
}

// deniedFS refuses to read one file or folder, as the system refuses one
// without read permission for the user who builds (root reads it anyway).
type deniedFS struct {
	fstest.MapFS
	name string
}

func (d deniedFS) Open(name string) (fs.File, error) {
	if name == d.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return d.MapFS.Open(name)
}

func (d deniedFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name == d.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return d.MapFS.ReadDir(name)
}

func (d deniedFS) ReadFile(name string) ([]byte, error) {
	if name == d.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return d.MapFS.ReadFile(name)
}

// TestUnreadableDataReportedOnce: a CSV that cannot be read (chmod 000),
// read by two charts and an inline figure, is one error at the file
// saying how many read it, as a CSV that does not parse is, not one per
// chart and figure (130 for the example site's shiller data).
func TestUnreadableDataReportedOnce(t *testing.T) {
	fsys := siteFS(t, "testdata/sites/basic")
	fsys["content/posts/bad/x.csv"] = &fstest.MapFile{Data: []byte("date,v\n2024-01-31,1\n2024-02-29,2\n")}
	chart := func(title string) string {
		return "\n```chart\ntitle: " + title + "\ndata: x.csv\nseries:\n  - column: v\n```\n"
	}
	fsys["content/posts/bad/index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Bad\ndate: 2024-03-01\n---\nValue {{ x.v }}.\n" + chart("A") + chart("B"))}
	_, _, err := buildMem(t, deniedFS{fsys, "content/posts/bad/x.csv"}, Options{})
	if err == nil {
		t.Fatal("the build of an unreadable CSV succeeded")
	}
	var x []string
	for _, e := range appendLeaves(nil, err) {
		if msg := e.Error(); strings.Contains(msg, "x.csv") {
			x = append(x, msg)
		}
	}
	if len(x) != 1 || !strings.HasPrefix(x[0], "content/posts/bad/x.csv: ") || !strings.Contains(x[0], "permission denied") || !strings.HasSuffix(x[0], "(read by 3 charts and figures)") {
		t.Errorf("x.csv, unreadable and read three times, gave %d errors, want one at x.csv saying three read it:\n%s", len(x), strings.Join(x, "\n"))
	}
}

// TestBadDataLinesReportedOnce: a CSV with several bad lines, read by two
// charts and a figure, is one error a bad line, each at the CSV's line and
// the first saying how many read it, not one a line a reader; a second
// file read once keeps, on each of its lines, the place that read it.
func TestBadDataLinesReportedOnce(t *testing.T) {
	fsys := siteFS(t, "testdata/sites/basic")
	var x strings.Builder
	x.WriteString("date,v\n")
	for i := 0; i < 30; i++ {
		fmt.Fprintf(&x, "2024-01-%02d,%d\n", i+1, i)
	}
	bad := strings.NewReplacer("2024-01-02,1\n", "2024-01-02,abc\n", "2024-01-11,10\n", "2024-01-11,1 2\n", "2024-01-21,20\n", "2024-13-21,20\n").Replace(x.String())
	fsys["content/posts/bad/x.csv"] = &fstest.MapFile{Data: []byte(bad)}
	fsys["content/posts/bad/y.csv"] = &fstest.MapFile{Data: []byte("date,w\n2024-01-31,one\n2024-02-29,2\n2024-03-31,three\n")}
	chart := func(title, file, col string) string {
		return "\n```chart\ntitle: " + title + "\ndata: " + file + "\nseries:\n  - column: " + col + "\n```\n"
	}
	fsys["content/posts/bad/index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Bad\ndate: 2024-03-01\n---\nValue {{ x.v }}.\n" +
		chart("A", "x.csv", "v") + chart("B", "x.csv", "v") + chart("C", "y.csv", "w"))}
	_, _, err := buildMem(t, fsys, Options{})
	if err == nil {
		t.Fatal("the build of bad CSVs succeeded")
	}
	var xs, ys []string
	for _, e := range appendLeaves(nil, err) {
		switch msg := e.Error(); {
		case strings.Contains(msg, "\n"):
			t.Errorf("an error of several lines:\n%s", msg)
		case strings.Contains(msg, "x.csv"):
			xs = append(xs, msg)
		case strings.Contains(msg, "y.csv"):
			ys = append(ys, msg)
		}
	}
	wantX := []string{
		`content/posts/bad/x.csv:3: column "v": cannot parse "abc" as a number; write a plain number such as 1234.5, leave the cell empty for a gap, or list the marker as missing (read by 3 charts and figures)`,
		`content/posts/bad/x.csv:12: column "v": cannot parse "1 2" as a number; write a plain number such as 1234.5, leave the cell empty for a gap, or list the marker as missing`,
		`content/posts/bad/x.csv:22: cannot parse date "2024-13-21": there is no month 13: months run from 01 to 12; correct the date`,
	}
	if strings.Join(xs, "\n") != strings.Join(wantX, "\n") {
		t.Errorf("x.csv, three bad lines read three times, gave:\n%s\nwant:\n%s", strings.Join(xs, "\n"), strings.Join(wantX, "\n"))
	}
	if len(ys) != 2 {
		t.Fatalf("y.csv, two bad lines read once, gave %d errors, want 2:\n%s", len(ys), strings.Join(ys, "\n"))
	}
	for i, line := range []string{"2", "4"} {
		if !strings.HasPrefix(ys[i], "content/posts/bad/index.md:") || !strings.Contains(ys[i], ": chart: content/posts/bad/y.csv:"+line+": column \"w\": cannot parse") || strings.Contains(ys[i], "read by") {
			t.Errorf("y.csv error %d is %q, want the chart's place then y.csv:%s", i, ys[i], line)
		}
	}
}

// TestBadDataLinesOfDatasets: a dataset's file with two bad lines is an
// error a line where the build checks the dataset's age, and one line of a
// warning where it tells that an unused dataset cannot be read yet.
func TestBadDataLinesOfDatasets(t *testing.T) {
	const bad = "date,v\n2024-01-31,a\n2024-02-29,1\n2024-03-31,b\n"
	site := func(keys string) fstest.MapFS {
		fsys := siteFS(t, "testdata/sites/basic")
		fsys["site.yaml"].Data = []byte(strings.Replace(string(fsys["site.yaml"].Data), "datasets:\n", "datasets:\n  bad:\n    file: content/data/bad.csv\n"+keys, 1))
		fsys["content/data/bad.csv"] = &fstest.MapFile{Data: []byte(bad)}
		return fsys
	}
	notNumber := func(cell string) string {
		return `column "v": cannot parse "` + cell + `" as a number; write a plain number such as 1234.5, leave the cell empty for a gap, or list the marker as missing`
	}
	t.Run("maxAge", func(t *testing.T) {
		_, _, err := buildMem(t, site("    maxAge: 45d\n"), Options{})
		var got []string
		for _, e := range appendLeaves(nil, err) {
			got = append(got, e.Error())
		}
		want := []string{"site.yaml:12: datasets.bad: content/data/bad.csv:2: " + notNumber("a"), "site.yaml:12: datasets.bad: content/data/bad.csv:4: " + notNumber("b")}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
	// A chart reads the dataset: its error is the chart's, not told again
	// where the build checks the dataset's age.
	t.Run("maxAge, read by a chart", func(t *testing.T) {
		fsys := site("    maxAge: 45d\n")
		fsys["content/posts/reads-bad.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Reads bad\ndate: 2024-04-01\n---\n\n```chart\ntitle: Bad\ndata: bad\nseries:\n  - column: v\n```\n")}
		_, _, err := buildMem(t, fsys, Options{})
		var got []string
		for _, e := range appendLeaves(nil, err) {
			got = append(got, e.Error())
		}
		want := []string{"content/data/bad.csv:2: " + notNumber("a"), "content/data/bad.csv:4: " + notNumber("b")}
		if len(got) != len(want) || !strings.HasPrefix(got[0], "content/posts/reads-bad.md:") || !strings.HasSuffix(got[0], want[0]) || !strings.HasSuffix(got[1], want[1]) {
			t.Errorf("errors:\n%s\nwant the chart's two, once each:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
	t.Run("unused", func(t *testing.T) {
		_, res, err := buildMem(t, site(""), Options{})
		if err != nil {
			t.Fatal(err)
		}
		want := "site.yaml:12: datasets.bad: not used by any article or page: use it in a chart (data: bad) or an inline figure ({{ bad.column }}), or remove it; its data cannot be read yet (content/data/bad.csv:2: " + notNumber("a") + "; 2 problems in all)"
		if !slices.Contains(res.Warnings, want) {
			t.Errorf("warnings lack\n%s\nin:\n%s", want, strings.Join(res.Warnings, "\n"))
		}
	})
}

// TestFigureThroughDate builds the example site and wants the date of
// every chart's "Data through DATE" line (in articles, on chart pages, in
// the data catalogue and in the feeds' figures) in a <time> whose datetime
// is that date: the theme keeps a time on one line, where a bare "1
// September 2026" broke after "September" at 1280 px.
func TestFigureThroughDate(t *testing.T) {
	mem, _, err := buildMem(t, exampleFS(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, out := range mem.Names() {
		if !strings.HasSuffix(out, ".html") {
			continue
		}
		doc := parseHTML(t, out, mustGet(t, mem, out))
		for _, meta := range findAll(doc, func(n *html.Node) bool { return hasClass(n, "figure__meta") }) {
			if !strings.Contains(text(meta), "Data through") {
				continue
			}
			checked++
			var tm *html.Node
			for c := meta.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.TextNode && strings.HasSuffix(c.Data, "Data through ") && c.NextSibling != nil && c.NextSibling.Data == "time" {
					tm = c.NextSibling
				}
			}
			if tm == nil {
				t.Errorf("%s: %q: the date after \"Data through\" is not a <time>", out, text(meta))
				continue
			}
			// A date without a time or zone: the data's date is a day, and
			// 2023-09-01T00:00:00Z is 31 August where the site is (New York).
			when, err := time.Parse("2006-01-02", attr(tm, "datetime"))
			if err != nil {
				t.Errorf("%s: <time datetime=%q>: %v", out, attr(tm, "datetime"), err)
			} else if got := text(tm); !slices.ContainsFunc([]period.Precision{period.Day, period.Month, period.Quarter, period.Year}, func(p period.Precision) bool { return p.Format(when) == got }) {
				t.Errorf("%s: <time datetime=%q> reads %q, not that date at any precision", out, attr(tm, "datetime"), got)
			} else if got != when.Format("January 2006") {
				// The example's data are all monthly.
				t.Errorf("%s: <time datetime=%q> reads %q, want the month of monthly data, %q", out, attr(tm, "datetime"), got, when.Format("January 2006"))
			}
		}
	}
	if checked < 17 {
		t.Errorf("checked %d charts' dates, want every chart of the example site (17 or more)", checked)
	}
}
