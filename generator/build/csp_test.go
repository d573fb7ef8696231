package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"net/url"
	"path"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"
)

// policy is a parsed Content-Security-Policy: directive → sources.
type policy map[string][]string

func parsePolicy(s string) policy {
	p := policy{}
	for _, d := range strings.Split(s, ";") {
		f := strings.Fields(d)
		if len(f) > 0 {
			p[f[0]] = f[1:]
		}
	}
	return p
}

// allows reports whether directive (or default-src) lists source.
func (p policy) allows(directive, source string) bool {
	list, ok := p[directive]
	if !ok {
		list = p["default-src"]
	}
	for _, s := range list {
		if s == source {
			return true
		}
		if strings.HasPrefix(s, "https://*.") && strings.HasPrefix(source, "https://") && strings.HasSuffix(source, s[len("https://*"):]) {
			return true
		}
	}
	return false
}

var eventAttr = regexp.MustCompile(`^on[a-z]+$`)

// checkCSP checks one HTML page against its own policy: the policy meta
// tag comes before anything it governs, every inline <style> is allowed by
// hash, there are no style or event-handler attributes, scripts are the
// site's own files, and forms post only where form-action allows.
func checkCSP(t *testing.T, name string, page []byte) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var pol policy
	seenGoverned := false
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attr := map[string]string{}
			for _, a := range n.Attr {
				attr[a.Key] = a.Val
				if a.Key == "style" {
					t.Errorf("%s: style attribute on <%s>", name, n.Data)
				}
				if eventAttr.MatchString(a.Key) {
					t.Errorf("%s: event handler %s on <%s>", name, a.Key, n.Data)
				}
			}
			switch n.Data {
			case "meta":
				if attr["http-equiv"] == "Content-Security-Policy" {
					if seenGoverned {
						t.Errorf("%s: the policy comes after a resource it governs", name)
					}
					pol = parsePolicy(attr["content"])
				}
			case "link", "script", "style", "img", "form":
				seenGoverned = true
			}
			if pol == nil && n.Data != "html" && n.Data != "head" && n.Data != "meta" && n.Data != "title" {
				t.Errorf("%s: <%s> before the policy", name, n.Data)
				pol = policy{}
			}
			switch n.Data {
			case "style":
				var text strings.Builder
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					text.WriteString(c.Data)
				}
				sum := sha256.Sum256([]byte(text.String()))
				if h := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"; !pol.allows("style-src", h) {
					t.Errorf("%s: an inline <style> (%s) is not allowed by style-src %v", name, h, pol["style-src"])
				}
			case "script":
				src, ok := attr["src"]
				switch {
				case !ok && attr["type"] != "application/ld+json":
					t.Errorf("%s: inline script", name)
				case ok && (strings.Contains(src, "//") || !pol.allows("script-src", "'self'")):
					t.Errorf("%s: script %s is not the site's own", name, src)
				}
			case "form":
				u, err := url.Parse(attr["action"])
				if err != nil {
					t.Errorf("%s: form action %q: %v", name, attr["action"], err)
				} else if u.Host != "" && !pol.allows("form-action", u.Scheme+"://"+u.Host) {
					t.Errorf("%s: form posts to %s, not allowed by form-action %v", name, u.Host, pol["form-action"])
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if pol == nil {
		t.Errorf("%s: no Content-Security-Policy meta tag", name)
		return
	}
	for _, want := range []string{"default-src", "script-src", "style-src", "object-src", "base-uri", "form-action"} {
		if _, ok := pol[want]; !ok {
			t.Errorf("%s: the policy lacks %s", name, want)
		}
	}
	for _, bad := range []string{"'unsafe-inline'", "'unsafe-eval'", "*"} {
		for d, list := range pol {
			for _, s := range list {
				if s == bad {
					t.Errorf("%s: %s allows %s", name, d, bad)
				}
			}
		}
	}
}

// TestContentSecurityPolicy builds sites with charts, search, JSON-LD and
// each subscribe provider, and checks every page satisfies its own policy.
func TestContentSecurityPolicy(t *testing.T) {
	providers := map[string]string{
		"none":       "",
		"buttondown": "subscribe: {provider: buttondown, username: letter}\n",
		"mailchimp":  "subscribe: {provider: mailchimp, action: \"https://x.us21.list-manage.com/subscribe/post?u=abc&id=def\"}\n",
		"kit":        "subscribe: {provider: kit, formID: \"1234567\"}\n",
		"form":       "subscribe: {provider: form, action: \"https://forms.example.com/f/news\", fields: {email: email, redirect: _next}, thankYou: \"https://thanks.example.net/ok/\"}\n",
	}
	for name, sub := range providers {
		t.Run(name, func(t *testing.T) {
			m := xssSite(t)
			m["site.yaml"] = &fstest.MapFile{Data: append(append([]byte(nil), m["site.yaml"].Data...), sub...)}
			mem, _, err := buildMem(t, m, Options{})
			if err != nil {
				t.Fatal(err)
			}
			pages := 0
			for _, n := range mem.Names() {
				if path.Ext(n) != ".html" {
					continue
				}
				b, _ := mem.Get(n)
				if path.Base(n) == EmailHTML {
					// A message for email clients, which need inline styles:
					// its own policy allows them and nothing else.
					if !bytes.Contains(b, []byte(`content="default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"`)) {
						t.Errorf("%s: no policy of its own", n)
					}
					continue
				}
				checkCSP(t, n, b)
				pages++
			}
			if b, _ := mem.Get("2026/10/xss/index.html"); !bytes.Contains(b, []byte("<svg")) || !bytes.Contains(b, []byte("<style>")) {
				t.Error("the article has no inline SVG with a style sheet to check")
			}
			if name != "none" {
				b, _ := mem.Get("subscribe/index.html")
				if !bytes.Contains(b, []byte("<form")) {
					t.Error("no form on the subscribe page")
				}
			}
		})
	}
}
