package build

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// writePNG writes a w×h PNG at name under dir.
func writePNG(t *testing.T, dir, name string, w, h int) {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestEmailBundleImageSizes: an image of the article's bundle is given
// width and height in its email edition, from its file, at most the
// message's column (552 px) wide: Outlook for Windows shows an image
// without them at its file's size, and a 1600×800 PNG widened the whole
// 600 px message. A Session that is told the file changed (another
// size) sizes it anew, as a fresh build does.
func TestEmailBundleImageSizes(t *testing.T) {
	dir := basicSite(t)
	e := editor{t, dir}
	const md, img = "content/posts/rates-bundle/index.md", "content/posts/rates-bundle/wide.png"
	e.edit(md, "## The data", "![A wide figure](wide.png)\n\n## The data")
	writePNG(t, dir, img, 1600, 800)
	s := NewSession(os.DirFS(dir), Options{Now: fixedNow})
	const email = "2024/03/rates-bundle/email.html"
	check := func(changed []string, want string) {
		t.Helper()
		_, mem, err := s.Build(context.Background(), changed)
		if err != nil {
			t.Fatal(err)
		}
		got := string(mustGet(t, mem, email))
		if !strings.Contains(got, want) {
			i := strings.Index(got, "wide.png")
			t.Errorf("%s: want %s, got %s", email, want, got[max(0, i-80):min(len(got), i+160)])
		}
		fresh, _, err := buildMem(t, os.DirFS(dir), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(mustGet(t, fresh, email), []byte(got)) {
			t.Errorf("%s: the Session's differs from a fresh build's", email)
		}
	}
	check(nil, `<img src="https://example.org/research/2024/03/rates-bundle/wide.png" alt="A wide figure" width="552" height="276" style="max-width:100%;height:auto;border:0;">`)
	writePNG(t, dir, img, 300, 600)
	check([]string{img}, `alt="A wide figure" width="300" height="600" style=`)
}

// TestEmailChartTitles: in an email edition a chart's title and subtitle
// are drawn in its PNG alone, so its alt text names them before its
// description: a client that blocks images (Outlook's default), a screen
// reader and the plain-text part, which gives the image as its alt text,
// then tell which chart it is. Checked for every chart of the example
// articles against the titles and subtitles their pages give as text.
func TestEmailChartTitles(t *testing.T) {
	mem, res, err := buildMem(t, exampleFS(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	outs := articleOutputs(res)
	charts := 0
	for _, out := range outs {
		figs := findAll(parseHTML(t, out, mustGet(t, mem, out)), func(n *html.Node) bool { return hasClass(n, "figure") && n.Data == "figure" })
		name := Beside(out, EmailHTML)
		var alts []string
		for _, img := range elements(parseHTML(t, name, mustGet(t, mem, name)), "img") {
			if strings.HasSuffix(attr(img, "src"), ".png") {
				alts = append(alts, attr(img, "alt"))
			}
		}
		if len(alts) != len(figs) {
			t.Fatalf("%s: %d chart images, the article has %d charts", name, len(alts), len(figs))
		}
		plain := strings.Join(strings.Fields(string(mustGet(t, mem, Beside(out, EmailText)))), " ")
		for k, fig := range figs {
			charts++
			var want []string
			for _, class := range []string{"figure__title", "figure__subtitle"} {
				for _, n := range findAll(fig, func(n *html.Node) bool { return hasClass(n, class) }) {
					want = append(want, text(n))
				}
			}
			if len(want) == 0 {
				t.Fatalf("%s: chart %d has no title", out, k+1)
			}
			for _, w := range want {
				if !strings.Contains(alts[k], w) {
					t.Errorf("%s: chart %d's alt text %q does not say %q", name, k+1, alts[k], w)
				}
				if !strings.Contains(plain, w) {
					t.Errorf("%s: the plain-text part does not say chart %d's %q", Beside(out, EmailText), k+1, w)
				}
			}
		}
	}
	if charts < 5 {
		t.Fatalf("%d charts in the example articles", charts)
	}
}

// TestEmailTableAlignment: a markdown table's column alignment (|---:|,
// |:---:|) reaches the email edition as each cell's inline text-align,
// head and body alike, since an email client reads no style sheet and the
// page gives it by class; a column without one stays as it was (its head
// set left). Read from the built email parsed as HTML.
func TestEmailTableAlignment(t *testing.T) {
	dir := basicSite(t)
	e := editor{t, dir}
	e.edit("content/posts/rates-bundle/index.md", "## The data",
		"| Month | Return | Note | Plain |\n|:---|---:|:---:|---|\n| Jan | 1.5% | up | a |\n| Feb | -0.5% | down | b |\n\n## The data")
	mem, _, err := buildMem(t, os.DirFS(dir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	const email = "2024/03/rates-bundle/email.html"
	doc := parseHTML(t, email, mustGet(t, mem, email))
	boxes := findAll(doc, func(n *html.Node) bool {
		return hasClass(n, "table-scroll") && strings.HasPrefix(strings.TrimSpace(text(n)), "Month")
	})
	if len(boxes) != 1 {
		t.Fatalf("%s: %d boxes of the markdown table, want 1", email, len(boxes))
	}
	rows := findAll(boxes[0], func(n *html.Node) bool { return n.Data == "tr" })
	if len(rows) != 3 {
		t.Fatalf("%s: %d rows of the markdown table, want 3", email, len(rows))
	}
	want := []string{"left", "right", "center", ""}
	for _, r := range rows {
		cells := findAll(r, func(n *html.Node) bool { return n.Data == "td" || n.Data == "th" })
		for i, c := range cells {
			st := attr(c, "style")
			got := ""
			if j := strings.LastIndex(st, "text-align:"); j >= 0 {
				got = strings.TrimSuffix(st[j+len("text-align:"):], ";")
			}
			w := want[i]
			if w == "" && c.Data == "th" {
				w = "left"
			}
			if got != w || strings.Count(st, "text-align:") > 1 {
				t.Errorf("%s: the %s of column %d (%q) has style %q: want text-align %q, once", email, c.Data, i+1, text(c), st, w)
			}
		}
	}
}
