package build

import (
	"bytes"
	"encoding/xml"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/tearsheet/tearsheet/generator/output"
)

// subPath is where test servers publish a site, as GitHub Pages does for a
// project site.
const subPath = "/research/"

// serveSite serves the files of a build under subPath the way a static host
// does: a folder URL serves its index.html, and a folder without its
// trailing slash redirects to it. files is read at request time, so the
// site can be built after the server starts (its URL is the base URL).
func serveSite(t testing.TB, files **output.Memory) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rest, ok := strings.CutPrefix(r.URL.Path, subPath)
		if !ok {
			http.NotFound(w, r)
			return
		}
		name := rest
		if name == "" || strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		data, ok := (*files).Get(name)
		if !ok {
			if _, dir := (*files).Get(name + "/index.html"); dir {
				http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
				return
			}
			http.NotFound(w, r)
			return
		}
		if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
			w.Header().Set("Content-Type", ct)
		}
		w.Write(data)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// crawlResult is what a crawl found.
type crawlResult struct {
	pages   map[string]bool // HTML pages fetched (URL without fragment)
	fetched map[string]bool // every internal URL fetched
}

// crawl fetches every internal URL reachable from start (a, link, script,
// img, source and form URLs), and reports broken links (any status but 200
// after redirects), internal URLs outside the sub-path, feeds that are not
// well-formed XML, and #fragments with no element of that id on the target
// page.
func crawl(t *testing.T, start string) crawlResult {
	t.Helper()
	su, err := url.Parse(start)
	if err != nil {
		t.Fatal(err)
	}
	res := crawlResult{pages: map[string]bool{}, fetched: map[string]bool{}}
	ids := map[string]map[string]bool{} // page URL -> ids in it
	type ref struct{ from, to string }
	var frags []ref
	queue := []ref{{"(start)", start}}
	for len(queue) > 0 {
		r := queue[0]
		queue = queue[1:]
		u, err := url.Parse(r.to)
		if err != nil {
			t.Errorf("%s: bad URL %q: %v", r.from, r.to, err)
			continue
		}
		if u.Host != su.Host || (u.Scheme != "http" && u.Scheme != "https") {
			continue // external
		}
		if !strings.HasPrefix(u.Path, subPath) {
			t.Errorf("%s: link %s is outside the site's base path %s", r.from, r.to, subPath)
			continue
		}
		if u.Fragment != "" {
			frags = append(frags, r)
		}
		u.Fragment = ""
		key := u.String()
		if res.fetched[key] {
			continue
		}
		res.fetched[key] = true
		resp, err := http.Get(key)
		if err != nil {
			t.Errorf("%s: %s: %v", r.from, key, err)
			continue
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: broken link %s: %s", r.from, key, resp.Status)
			continue
		}
		ct := resp.Header.Get("Content-Type")
		switch {
		case strings.HasPrefix(ct, "text/html"):
			res.pages[key] = true
			doc, err := html.Parse(bytes.NewReader(body))
			if err != nil {
				t.Errorf("%s: %v", key, err)
				continue
			}
			pageIDs := map[string]bool{}
			ids[key] = pageIDs
			for _, l := range links(doc, pageIDs) {
				ru, err := url.Parse(l)
				if err != nil {
					t.Errorf("%s: bad URL %q", key, l)
					continue
				}
				queue = append(queue, ref{key, resp.Request.URL.ResolveReference(ru).String()})
			}
		case strings.Contains(ct, "xml"):
			d := xml.NewDecoder(bytes.NewReader(body))
			for {
				if _, err := d.Token(); err == io.EOF {
					break
				} else if err != nil {
					t.Errorf("%s: not well-formed XML: %v", key, err)
					break
				}
			}
		}
	}
	for _, r := range frags {
		u, _ := url.Parse(r.to)
		frag := u.Fragment
		u.Fragment = ""
		pageIDs, ok := ids[u.String()]
		if !ok {
			continue // not an HTML page, or a redirect checked above
		}
		if !pageIDs[frag] {
			t.Errorf("%s: link %s: no element with id %q", r.from, r.to, frag)
		}
	}
	return res
}

// links returns the URLs an HTML document refers to, and records the ids of
// its elements in ids.
func links(n *html.Node, ids map[string]bool) []string {
	var out []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attr := map[string]string{}
			for _, a := range n.Attr {
				attr[a.Key] = a.Val
			}
			if id, ok := attr["id"]; ok {
				ids[id] = true
			}
			var keys []string
			switch n.Data {
			case "a", "link":
				keys = []string{"href"}
			case "script", "img", "source", "iframe":
				keys = []string{"src"}
			case "form":
				keys = []string{"action"}
			}
			for _, k := range keys {
				if v, ok := attr[k]; ok && v != "" {
					out = append(out, v)
				}
			}
			if v := attr["srcset"]; v != "" {
				for _, c := range strings.Split(v, ",") {
					if f := strings.Fields(c); len(f) > 0 {
						out = append(out, f[0])
					}
				}
			}
			if v := attr["data-index"]; v != "" {
				out = append(out, v) // the search page's index
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}
