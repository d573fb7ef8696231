package build

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestSubscribeProviders posts each provider's form, as parsed from the
// built page, to a server standing in for the provider.
func TestSubscribeProviders(t *testing.T) {
	for _, tc := range []struct {
		provider string
		config   string
		path     string            // the action's path (and query)
		want     map[string]string // fields that must arrive, with their values
		honeypot string
	}{
		{"buttondown", "{provider: buttondown, username: deskletter}", "/api/emails/embed-subscribe/deskletter",
			map[string]string{"email": "reader@example.com", "embed": "1"}, "website"},
		{"mailchimp", "{provider: mailchimp, action: 'https://desk.us21.list-manage.com/subscribe/post?u=abc123&id=def456', fields: {name: FNAME}}", "/subscribe/post?u=abc123&id=def456",
			map[string]string{"EMAIL": "reader@example.com", "FNAME": "Ada"}, "b_abc123_def456"},
		{"kit", "{provider: kit, formID: '7654321', fields: {name: 'fields[first_name]'}}", "/forms/7654321/subscriptions",
			map[string]string{"email_address": "reader@example.com", "fields[first_name]": "Ada"}, "website"},
		{"form", "{provider: form, action: 'https://forms.example.net/f/news', fields: {email: contact_email, redirect: _next}, honeypot: _gotcha, thankYou: /subscribe/thanks/}", "/f/news",
			map[string]string{"contact_email": "reader@example.com", "_next": "https://example.org/research/subscribe/thanks/"}, "_gotcha"},
	} {
		t.Run(tc.provider, func(t *testing.T) {
			mem := buildResearch(t, "subscribe: "+tc.config+"\n")
			var got url.Values
			var gotPath string
			provider := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Method != http.MethodPost {
					t.Errorf("method %s, want POST", r.Method)
				}
				r.ParseForm()
				got, gotPath = r.PostForm, r.URL.RequestURI()
			}))
			defer provider.Close()
			// The form is on the subscribe page (once: not in its footer),
			// after each article (once: not in its footer either) and in
			// every other footer but the thank-you page's: a reader who
			// has just subscribed is not asked again.
			for page, want := range map[string]int{"subscribe/index.html": 1, "2024/05/curve-bundle/index.html": 1, "index.html": 1, "subscribe/thanks/index.html": 0} {
				if n := len(findForms(t, mustGet(t, mem, page))); n != want {
					t.Errorf("%s: %d subscribe forms, want %d", page, n, want)
				}
			}
			f := findForms(t, mustGet(t, mem, "subscribe/index.html"))[0]
			action, err := url.Parse(f.action)
			if err != nil || action.Scheme != "https" {
				t.Fatalf("action %q is not an https URL", f.action)
			}
			pu, _ := url.Parse(provider.URL)
			action.Scheme, action.Host = pu.Scheme, pu.Host
			values := url.Values{}
			for _, in := range f.inputs {
				switch {
				case in.typ == "email":
					if !in.required {
						t.Errorf("the email input %q is not required", in.name)
					}
					values.Set(in.name, "reader@example.com")
				case in.name == tc.honeypot:
					if in.tabindex != "-1" || in.autocomplete != "off" || !in.ariaHidden {
						t.Errorf("honeypot %q must have tabindex -1, autocomplete off and sit in an aria-hidden element", in.name)
					}
					values.Set(in.name, "")
				case in.typ == "hidden":
					values.Set(in.name, in.value)
				case in.typ == "text":
					values.Set(in.name, "Ada")
				}
				if in.typ != "hidden" && in.name != tc.honeypot && !in.labelled {
					t.Errorf("input %q has no label", in.name)
				}
			}
			if _, ok := values[tc.honeypot]; !ok {
				t.Errorf("no honeypot field %q in %v", tc.honeypot, values)
			}
			resp, err := http.PostForm(action.String(), values)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if gotPath != tc.path {
				t.Errorf("posted to %s, want %s", gotPath, tc.path)
			}
			for k, v := range tc.want {
				if got.Get(k) != v {
					t.Errorf("field %s = %q, want %q (got %v)", k, got.Get(k), v, got)
				}
			}
			if _, ok := mem.Get("subscribe/thanks/index.html"); !ok {
				t.Error("no thank-you page")
			}
			page := string(mustGet(t, mem, "subscribe/index.html"))
			mustContain(t, "subscribe/index.html", page, `href="/research/terms/">terms</a>`, `href="/research/privacy/">privacy policy</a>`, `https://example.org/research/index.xml`)
		})
	}
}

// TestOneSubscribeForm builds the example site with a subscribe provider
// and reads every page: none asks twice (an article's form after its
// text and the footer's were 1,150 px apart on a phone), an article's one
// form is the one at the end of its text, and the site's other pages keep
// theirs in the footer.
func TestOneSubscribeForm(t *testing.T) {
	mem, _, err := buildMem(t, withConfig(exampleFS(t), "\nsubscribe: {provider: buttondown, username: deskletter}\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var pages, articles, footers int
	for _, name := range mem.Names() {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		doc := parseHTML(t, name, mustGet(t, mem, name))
		forms := findAll(doc, func(n *html.Node) bool { return n.Data == "form" && hasClass(n, "subscribe") })
		if len(forms) > 1 {
			t.Errorf("%s: %d subscribe forms, want at most 1", name, len(forms))
			continue
		}
		article := len(findAll(doc, func(n *html.Node) bool { return n.Data == "article" && hasClass(n, "h-entry") })) > 0
		if article {
			articles++
		}
		for _, f := range forms {
			inArticle, inFooter := false, false
			for p := f.Parent; p != nil; p = p.Parent {
				inArticle = inArticle || p.Data == "footer" && hasClass(p, "article__footer")
				inFooter = inFooter || p.Data == "footer" && hasClass(p, "site-footer")
			}
			switch {
			case article && !inArticle:
				t.Errorf("%s: the article's subscribe form is not at the end of the article", name)
			case !article && inFooter:
				footers++
			}
		}
	}
	if articles < 5 || footers < 10 {
		t.Fatalf("read %d pages: %d articles, %d pages with the form in their footer; want the example site's", pages, articles, footers)
	}
}

func TestNoProviderShowsFeeds(t *testing.T) {
	mem := buildResearch(t, "")
	for _, page := range []string{"subscribe/index.html", "2024/05/curve-bundle/index.html"} {
		b := mustGet(t, mem, page)
		if n := len(findForms(t, b)); n != 0 {
			t.Errorf("%s: %d subscribe forms without a provider", page, n)
		}
		if !bytes.Contains(b, []byte(`href="https://example.org/research/atom.xml"`)) {
			t.Errorf("%s does not offer the feeds", page)
		}
	}
	if _, ok := mem.Get("subscribe/thanks/index.html"); ok {
		t.Error("a thank-you page without a provider")
	}
}

type formInput struct {
	name, typ, value, tabindex, autocomplete string
	required, labelled, ariaHidden           bool
}

type form struct {
	action string
	inputs []formInput
}

// findForms returns the POST forms of a page (the subscribe forms).
func findForms(t *testing.T, page []byte) []form {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	attr := func(n *html.Node, k string) (string, bool) {
		for _, a := range n.Attr {
			if a.Key == k {
				return a.Val, true
			}
		}
		return "", false
	}
	var forms []form
	var walk func(n *html.Node, f *form, label, hidden bool)
	walk = func(n *html.Node, f *form, label, hidden bool) {
		if n.Type == html.ElementNode {
			if v, _ := attr(n, "aria-hidden"); v == "true" {
				hidden = true
			}
			switch n.Data {
			case "form":
				if m, _ := attr(n, "method"); strings.EqualFold(m, "post") {
					a, _ := attr(n, "action")
					forms = append(forms, form{action: a})
					f = &forms[len(forms)-1]
				}
			case "label":
				label = true
			case "input":
				if f != nil {
					in := formInput{labelled: label, ariaHidden: hidden}
					in.name, _ = attr(n, "name")
					in.typ, _ = attr(n, "type")
					in.value, _ = attr(n, "value")
					in.tabindex, _ = attr(n, "tabindex")
					in.autocomplete, _ = attr(n, "autocomplete")
					_, in.required = attr(n, "required")
					f.inputs = append(f.inputs, in)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, f, label, hidden)
			if f != nil && len(forms) > 0 {
				f = &forms[len(forms)-1]
			}
		}
	}
	walk(doc, nil, false, false)
	return forms
}

// TestEmailUnsubscribe: with a subscribe provider set, the email edition
// ends with the reason the reader gets it, the subscribe page's absolute
// URL and, for a provider that fills one in, an unsubscribe link holding
// its merge tag as written (not percent-encoded), in the plain part too;
// without one, neither line.
func TestEmailUnsubscribe(t *testing.T) {
	for _, tc := range []struct{ config, unsub string }{
		{"{provider: buttondown, username: deskletter}", "{{ unsubscribe_url }}"},
		{"{provider: mailchimp, action: 'https://desk.us21.list-manage.com/subscribe/post?u=abc123&id=def456'}", "*|UNSUB|*"},
		{"{provider: kit, formID: '7654321'}", "{{ unsubscribe_url }}"},
		{"{provider: form, action: 'https://forms.example.net/f/news', fields: {email: e}}", ""},
		{"", ""},
	} {
		extra := ""
		if tc.config != "" {
			extra = "subscribe: " + tc.config + "\n"
		}
		mem := buildResearch(t, extra)
		page := string(mustGet(t, mem, "2024/05/curve-bundle/email.html"))
		text := string(mustGet(t, mem, "2024/05/curve-bundle/email.txt"))
		const sub = "https://example.org/research/subscribe/"
		if got := strings.Contains(page, `<a href="`+sub+`"`) && strings.Contains(text, sub); got != (tc.config != "") {
			t.Errorf("%q: link to the subscribe page %v, want %v:\n%s", tc.config, got, tc.config != "", text)
		}
		if tc.unsub == "" {
			if strings.Contains(page, ">Unsubscribe</a>") {
				t.Errorf("%q: an unsubscribe link without a merge tag to fill it", tc.config)
			}
			continue
		}
		if !strings.Contains(page, `<a href="`+tc.unsub+`" style="color:#1f5fbf;">Unsubscribe</a>`) || !strings.Contains(strings.Join(strings.Fields(text), " "), "Unsubscribe <"+tc.unsub+">") || !strings.Contains(text, "<"+tc.unsub+">") {
			t.Errorf("%q: no unsubscribe link to %s:\n%s", tc.config, tc.unsub, text)
		}
	}
}

// TestThanksFollowsConfirm: the thank-you page asks the reader to confirm
// their address by email only when the provider sends such a message
// (subscribe.confirm, else the provider's default), and otherwise says
// they are subscribed.
func TestThanksFollowsConfirm(t *testing.T) {
	const form = "provider: form, action: 'https://forms.example.net/f/news', fields: {email: e}"
	for _, tc := range []struct {
		config  string
		confirm bool
	}{
		{"{provider: buttondown, username: deskletter}", true},
		{"{provider: buttondown, username: deskletter, confirm: false}", false},
		{"{provider: kit, formID: '7654321'}", true},
		{"{provider: mailchimp, action: 'https://desk.us21.list-manage.com/subscribe/post?u=abc123&id=def456', confirm: false}", false},
		{"{" + form + "}", false},
		{"{" + form + ", confirm: true}", true},
	} {
		mem := buildResearch(t, "subscribe: "+tc.config+"\n")
		doc := parseHTML(t, "subscribe/thanks/index.html", mustGet(t, mem, "subscribe/thanks/index.html"))
		main := findAll(doc, func(n *html.Node) bool { return n.Data == "main" })
		if len(main) != 1 {
			t.Fatalf("%s: %d main elements", tc.config, len(main))
		}
		said := strings.Join(strings.Fields(text(main[0])), " ")
		asks := strings.Contains(said, "confirm")
		if asks != tc.confirm || (!tc.confirm && !strings.Contains(said, "You are subscribed")) {
			t.Errorf("subscribe: %s: the thank-you page says %q; want it to ask to confirm by email: %v", tc.config, said, tc.confirm)
		}
	}
}
