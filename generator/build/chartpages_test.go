package build

import (
	"bytes"
	"encoding/csv"
	stdpng "image/png"
	"io"
	"math"
	"net/http"
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/tearsheet/tearsheet/generator/chart"
	"github.com/tearsheet/tearsheet/generator/internal/corpus"
	"github.com/tearsheet/tearsheet/generator/output"
	"github.com/tearsheet/tearsheet/generator/render"
)

// exampleFS is the repository's example site: site.yaml, content/ and the
// built-in theme.
func exampleFS(t testing.TB) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	for _, d := range []string{"content", "themes"} {
		if err := corpus.AddDir(m, filepath.Join(repoRoot, d), d); err != nil {
			t.Fatal(err)
		}
	}
	if err := corpus.AddDir(m, repoRoot, "."); err != nil {
		t.Fatal(err)
	}
	out := fstest.MapFS{}
	for name, f := range m {
		if name == "site.yaml" || strings.HasPrefix(name, "content/") || strings.HasPrefix(name, "themes/") {
			out[name] = f
		}
	}
	return out
}

// parseHTML parses a page or fails the test.
func parseHTML(t *testing.T, name string, b []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return doc
}

// elements returns the elements named tag under n, in document order.
func elements(n *html.Node, tag string) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == tag {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// getURL GETs u and returns the status, content type and body.
func getURL(t *testing.T, u string) (int, string, []byte) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header.Get("Content-Type"), b
}

// TestChartPages builds the example site under a sub-path, crawls it from
// the home page and checks every chart's page: reached from its article,
// listed in the sitemap, its og:image the chart's PNG, its CSV and PNG
// downloads, the link back to the chart in the article, and its embed.
func TestChartPages(t *testing.T) {
	var mem *output.Memory
	srv := serveSite(t, &mem)
	base := srv.URL + subPath
	var err error
	mem, _, err = buildMem(t, exampleFS(t), Options{BaseURL: base})
	if err != nil {
		t.Fatal(err)
	}
	crawled := crawl(t, base) // every link and #fragment of every page reached resolves
	chartPage := regexp.MustCompile(`/charts/[a-z][a-z0-9-]*/$`)
	var pages []string
	for _, name := range mem.Names() {
		if strings.HasSuffix(name, "/index.html") && chartPage.MatchString("/"+strings.TrimSuffix(name, "index.html")) {
			pages = append(pages, base+strings.TrimSuffix(name, "index.html"))
		}
	}
	if len(pages) < 5 {
		t.Fatalf("only %d chart pages: %v", len(pages), pages)
	}
	sitemap := string(mustGet(t, mem, "sitemap.xml"))
	headers := string(mustGet(t, mem, HeadersFile))
	for _, u := range pages {
		if !crawled.pages[u] || !crawled.pages[u+"embed/"] {
			t.Errorf("%s or its embed is not linked from the site", u)
		}
		if !strings.Contains(sitemap, "<loc>"+u+"</loc>") || strings.Contains(sitemap, u+"embed/") {
			t.Errorf("sitemap does not list %s alone", u)
		}
		if !strings.Contains(headers, "\n/"+strings.TrimPrefix(u, base)+"embed/\n  Content-Security-Policy: frame-ancestors *\n") {
			t.Errorf("_headers does not let %sembed/ be framed:\n%s", u, headers)
		}
		_, _, body := getURL(t, u)
		doc := parseHTML(t, u, body)
		var og string
		for _, m := range elements(doc, "meta") {
			if attr(m, "property") == "og:image" {
				og = attr(m, "content")
			}
		}
		if code, ct, png := getURL(t, og); !strings.HasPrefix(og, base) || code != 200 || ct != "image/png" || !bytes.HasPrefix(png, []byte("\x89PNG")) {
			t.Errorf("%s: og:image %q: %d %s", u, og, code, ct)
		}
		var hasCSV, png, back bool
		for _, a := range elements(doc, "a") {
			href := attr(a, "href")
			ref, err := url.Parse(u)
			if err != nil {
				t.Fatal(err)
			}
			abs, err := ref.Parse(href)
			if err != nil {
				t.Fatalf("%s: %q: %v", u, href, err)
			}
			switch {
			case strings.HasSuffix(abs.Path, ".csv"):
				code, ct, b := getURL(t, abs.String())
				// A time chart's CSV starts with date, a histogram's with its
				// bins, a heatmap's with its column names: each is a table.
				rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
				hasCSV = code == 200 && strings.HasPrefix(ct, "text/csv") && err == nil && len(rows) > 1
			case strings.HasSuffix(abs.Path, ".png"):
				code, _, b := getURL(t, abs.String())
				png = code == 200 && bytes.HasPrefix(b, []byte("\x89PNG"))
			case abs.Fragment != "" && strings.HasPrefix(u, abs.Scheme+"://"+abs.Host+abs.Path+"charts/"+abs.Fragment+"/"):
				back = true // the chart's place in its article: crawl checked the id is there
			}
		}
		if !hasCSV || !png || !back {
			t.Errorf("%s: CSV download %t, PNG download %t, link to the chart in its article %t", u, hasCSV, png, back)
		}
		if len(elements(doc, "figure")) != 1 || len(elements(doc, "svg")) != 2 || len(elements(doc, "table")) != 1 {
			t.Errorf("%s: want one figure with its two drawings and its data table", u)
		}
		_, _, eb := getURL(t, u+"embed/")
		edoc := parseHTML(t, u+"embed/", eb)
		if len(elements(edoc, "header")) != 0 || len(elements(edoc, "footer")) != 0 || len(elements(edoc, "figure")) != 1 {
			t.Errorf("%sembed/: want the figure without the site's header and footer", u)
		}
		for _, l := range elements(edoc, "link") {
			if attr(l, "rel") == "canonical" && attr(l, "href") != u {
				t.Errorf("%sembed/: canonical %q, want the chart's page", u, attr(l, "href"))
			}
		}
		if !bytes.Contains(body, []byte("&lt;iframe src=&#34;"+u+"embed/&#34;")) {
			t.Errorf("%s: no embed snippet", u)
		}
	}
}

// TestEmailEditions checks the email edition of every example article:
// at most 102 KB (where Gmail clips), no script, svg, link or style
// element, only absolute URLs, charts as PNGs of the site with their
// description as alt text, drawn for a phone (the narrow drawing, at most
// NarrowWidth CSS px wide at 2 device px each: a phone's email shows it
// about 300 px wide, where the wide drawing's text would shrink to 5 px),
// a table layout no wider than 600 px, a robots noindex meta tag, and a
// plain-text part with its lines wrapped.
func TestEmailEditions(t *testing.T) {
	fsys := exampleFS(t)
	mem, res, err := buildMem(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	outs := articleOutputs(res)
	if len(outs) < 5 {
		t.Fatalf("%d articles", len(outs))
	}
	wide := 0 // charts Outlook is shown by their wide drawing, the narrow one being too tall
	abs := regexp.MustCompile(`^(https://|mailto:)`)
	pxWidth := regexp.MustCompile(`(?:^|;)\s*(?:max-)?width:\s*(\d+)px`)
	for _, out := range outs {
		name := Beside(out, EmailHTML)
		b := mustGet(t, mem, name)
		if len(b) > 102*1024 {
			t.Errorf("%s: %d bytes, over 102 KB", name, len(b))
		}
		doc := parseHTML(t, name, b)
		// Published beside the article, a copy of it: search engines
		// that find it are told not to index it (a <link rel=canonical>
		// has no place in an email).
		robots := ""
		for _, m := range elements(doc, "meta") {
			if attr(m, "name") == "robots" {
				robots = attr(m, "content")
			}
		}
		if robots != "noindex" {
			t.Errorf("%s: robots meta %q, want noindex", name, robots)
		}
		for _, tag := range []string{"script", "svg", "link", "style", "iframe", "form"} {
			if n := len(elements(doc, tag)); n > 0 {
				t.Errorf("%s: %d <%s>", name, n, tag)
			}
		}
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				for _, a := range n.Attr {
					if (a.Key == "href" || a.Key == "src") && !abs.MatchString(a.Val) {
						t.Errorf("%s: <%s %s=%q> is not an absolute URL", name, n.Data, a.Key, a.Val)
					}
					if a.Key == "style" {
						for _, m := range pxWidth.FindAllStringSubmatch(a.Val, -1) {
							if px, _ := strconv.Atoi(m[1]); px > 600 {
								t.Errorf("%s: <%s> %s px wide", name, n.Data, m[1])
							}
						}
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
		figs := 0
		for _, img := range elements(doc, "img") {
			src := attr(img, "src")
			if strings.HasSuffix(src, ".png") {
				figs++
				png, ok := mem.Get(strings.TrimPrefix(src, "https://tearsheet.github.io/tearsheet/"))
				if !ok || !bytes.HasPrefix(png, []byte("\x89PNG")) {
					t.Errorf("%s: image %s is not a PNG of the site", name, src)
				} else if cfg, err := stdpng.DecodeConfig(bytes.NewReader(png)); err != nil || cfg.Width > 2*chart.NarrowWidth {
					t.Errorf("%s: image %s is %d px wide (%v), want a phone's drawing, at most %d", name, src, cfg.Width, err, 2*chart.NarrowWidth)
				} else {
					// Outlook and clients that strip styles size an image
					// by its attributes: both given, in the PNG's shape.
					w, _ := strconv.Atoi(attr(img, "width"))
					h, _ := strconv.Atoi(attr(img, "height"))
					if w <= 0 || w > 600 || h <= 0 || math.Abs(float64(h)-float64(w*cfg.Height)/float64(cfg.Width)) > 1 {
						t.Errorf("%s: image %s has width %q height %q, want both, in the shape of its %dx%d PNG", name, src, attr(img, "width"), attr(img, "height"), cfg.Width, cfg.Height)
					}
				}
			}
			if attr(img, "alt") == "" {
				t.Errorf("%s: image %s without alt text", name, src)
			}
		}
		if charts := bytes.Count(mustGet(t, mem, out), []byte(`<figure class="figure`)); figs != charts {
			t.Errorf("%s: %d chart images, the article has %d charts", name, figs, charts)
		}
		// What Outlook for Windows shows: its conditional comments open,
		// what the other clients show in their place left out. It cuts
		// off an image over about 1,728 px tall: a narrow drawing taller
		// than that at 400 px gives way to the wide one there alone.
		mso := regexp.MustCompile(`(?s)<!--\[if !mso\]><!-->.*?<!--<!\[endif\]-->`).ReplaceAllString(string(b), "")
		mso = strings.NewReplacer("<!--[if mso]>", "", "<![endif]-->", "").Replace(mso)
		for _, img := range elements(parseHTML(t, name+" (Outlook)", []byte(mso)), "img") {
			src := attr(img, "src")
			if !abs.MatchString(src) {
				t.Errorf("%s: Outlook's <img src=%q> is not an absolute URL", name, src)
			}
			if !strings.HasSuffix(src, ".png") {
				continue
			}
			w, _ := strconv.Atoi(attr(img, "width"))
			h, _ := strconv.Atoi(attr(img, "height"))
			if h > render.EmailImageMaxHeight {
				t.Errorf("%s: Outlook shows image %s %d px tall at %d px wide, over %d, which it cuts off", name, src, h, w, render.EmailImageMaxHeight)
			}
			if !strings.HasSuffix(src, ".narrow.png") {
				wide++
				if attr(img, "alt") == "" {
					t.Errorf("%s: Outlook's image %s without alt text", name, src)
				}
			}
		}
		if tables := elements(doc, "table"); len(tables) < 2 || !strings.Contains(attr(tables[1], "style"), "max-width:600px") {
			t.Errorf("%s: the message is not a table at most 600 px wide", name)
		}
		// Outlook on Windows ignores max-width: a 600 px table in
		// comments it alone reads holds the column there.
		if !bytes.Contains(b, []byte(`<!--[if mso]><table role="presentation" width="600"`)) || !bytes.Contains(b, []byte(`</table><!--[if mso]></td></tr></table><![endif]-->`)) {
			t.Errorf("%s: no 600 px table for Outlook around the message", name)
		}
		for _, td := range elements(doc, "td") {
			if strings.Contains(attr(td, "style"), "var(") {
				t.Errorf("%s: a CSS variable in an inline style", name)
			}
		}
		text := string(mustGet(t, mem, Beside(out, EmailText)))
		title := elements(doc, "title")[0].FirstChild.Data
		if !strings.Contains(strings.Join(strings.Fields(text), " "), title) || strings.Contains(text, "<td") || strings.Contains(text, "<p") {
			t.Errorf("%s: plain part lacks the title or holds HTML:\n%.300s", out, text)
		}
		// Wrapped for a client that shows plain text as it is: a line
		// longer than 78 characters is one word (a URL) or a table's row
		// (cells two spaces apart).
		for l := range strings.Lines(text) {
			if l = strings.TrimSuffix(l, "\n"); utf8.RuneCountInString(l) > 78 && strings.Contains(l, " ") && !strings.Contains(l, "  ") {
				t.Errorf("%s: plain part has a line of %d characters: %q", out, utf8.RuneCountInString(l), l)
			}
		}
	}
	// The example's chart of the cycles, twelve panels, is one whose
	// narrow drawing is too tall (3,221 px at 400).
	if wide == 0 {
		t.Errorf("no email edition shows Outlook a chart by its wide drawing")
	}
}

// TestChartIDsSurviveEdits inserts a paragraph and a new chart above an
// article's charts: their pages and files keep their URLs.
func TestChartIDsSurviveEdits(t *testing.T) {
	fsys := siteFS(t, "testdata/sites/basic")
	const file = "content/posts/rates-bundle/index.md"
	before, _, err := buildMem(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	src := string(fsys[file].Data)
	at := strings.Index(src, "## The data")
	edited := src[:at] + "A new paragraph.\n\n```chart\ndata: rates.csv\ntitle: Just the rate\nseries: [rate]\n```\n\n" + src[at:]
	fsys[file] = &fstest.MapFile{Data: []byte(edited)}
	after, _, err := buildMem(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var kept int
	for _, name := range before.Names() {
		if !strings.Contains(name, "/rates-bundle/") || strings.HasPrefix(name, "email") || !strings.Contains(name, "/charts/") && !strings.HasSuffix(name, ".csv") && !strings.HasSuffix(name, ".png") {
			continue
		}
		if _, ok := after.Get(name); !ok {
			t.Errorf("%s is gone after a chart was inserted above", name)
		}
		kept++
	}
	if kept < 4 {
		t.Fatalf("only %d chart files before the edit", kept)
	}
	if _, ok := after.Get("2024/03/rates-bundle/charts/just-the-rate/index.html"); !ok {
		t.Error("the new chart has no page of its own")
	}
}

// TestPageChartsHaveNoChartPage: only articles have chart pages, so a
// chart on a page (content/NAME.md) links to none.
func TestPageChartsHaveNoChartPage(t *testing.T) {
	fsys := siteFS(t, "testdata/sites/basic")
	fsys["content/method.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Method\n---\nThe rate.\n\n```chart\ndata: policy\ntitle: The policy rate\nseries: [rate]\n```\n")}
	mem, _, err := buildMem(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	page := string(mustGet(t, mem, "method/index.html"))
	if !strings.Contains(page, `id="the-policy-rate"`) || strings.Contains(page, "Chart page") || strings.Contains(page, "/charts/") {
		t.Errorf("the page's chart links to a chart page:\n%s", page)
	}
	for _, n := range mem.Names() {
		if strings.HasPrefix(n, "method/charts/") || strings.HasPrefix(n, "method/email") {
			t.Errorf("%s written for a page", n)
		}
	}
	if !strings.Contains(string(mustGet(t, mem, "2024/03/rates-bundle/index.html")), "Chart page") {
		t.Error("an article's chart does not link to its page")
	}
}

// TestChartPagesPathBaseURL: with a baseURL that is a path ("/", as
// tearsheet init writes it), a chart page's and its embed's social-card
// image is the PNG's path, as every other page's is, not the malformed
// ":///…" an origin without a host made; with a host it is absolute.
func TestChartPagesPathBaseURL(t *testing.T) {
	base := siteFS(t, "testdata/sites/basic")
	for _, tc := range []struct{ baseURL, host string }{{"/", ""}, {"https://example.org/research/", "example.org"}} {
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v
		}
		fsys[ConfigFile] = &fstest.MapFile{Data: bytes.Replace(base[ConfigFile].Data, []byte(`baseURL: "https://example.org/research/"`), []byte(`baseURL: "`+tc.baseURL+`"`), 1)}
		mem, _, err := buildMem(t, fsys, Options{})
		if err != nil {
			t.Fatal(err)
		}
		basePath := strings.TrimPrefix(tc.baseURL, "https://example.org")
		pages := 0
		for _, name := range mem.Names() {
			if !strings.Contains(name, "/charts/") || path.Base(name) != "index.html" {
				continue
			}
			b, _ := mem.Get(name)
			doc, err := html.Parse(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			for n := range doc.Descendants() {
				if n.Type != html.ElementNode || n.Data != "meta" {
					continue
				}
				attr := map[string]string{}
				for _, a := range n.Attr {
					attr[a.Key] = a.Val
				}
				if attr["property"] != "og:image" && attr["name"] != "twitter:image" {
					continue
				}
				pages++
				u, err := url.Parse(attr["content"])
				if err != nil || u.Host != tc.host || u.Scheme == "" && tc.host != "" || !strings.HasPrefix(u.Path, basePath) {
					t.Errorf("baseURL %s: %s: social-card image %q, want a URL with host %q under %s (%v)", tc.baseURL, name, attr["content"], tc.host, basePath, err)
					continue
				}
				if _, ok := mem.Get(strings.TrimPrefix(u.Path, basePath)); !ok {
					t.Errorf("baseURL %s: %s: social-card image %q is no file of the build", tc.baseURL, name, attr["content"])
				}
			}
		}
		if pages < 4 {
			t.Errorf("baseURL %s: %d social-card images on chart pages, want a page's and its embed's two each", tc.baseURL, pages)
		}
	}
}

// articleOutputs returns the pages res made from the articles under
// content/posts/, sorted.
func articleOutputs(res *Result) []string {
	var outs []string
	for out, src := range res.Sources {
		if strings.HasPrefix(src, "content/posts/") {
			outs = append(outs, out)
		}
	}
	sort.Strings(outs)
	return outs
}
