package build

import (
	"slices"
	"strings"
	"testing"
)

// TestPeerMarkdownExtensions: Jekyll's posts are as often named .markdown
// as .md (and Hugo reads .markdown too): such a file is an article, a
// page, or a bundle's index, and its markdown source is not published.
func TestPeerMarkdownExtensions(t *testing.T) {
	fsys := peerCorpus(t, map[string]string{
		"content/posts/2026-05-04-long-name.markdown": "---\ntitle: Named long\n---\nThe **long** extension.\n",
		"content/posts/2026-05-05-short-name.mkd":     "---\ntitle: Named short\n---\nThe *short* extension.\n",
		"content/posts/folder-note/index.markdown":    "---\ntitle: A bundle\ndate: 2026-05-06\n---\nSee ![the card](card.png).\n",
		"content/posts/folder-note/card.png":          "PNG",
		"content/posts/folder-note/notes.markdown":    "---\ntitle: Not an article\n---\nA bundle's other markdown is its file.\n",
		"content/colophon.markdown":                   "---\ntitle: Colophon\n---\nSet in a *serif*.\n",
	})
	mem, res, err := buildMem(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Articles != 3 {
		t.Errorf("%d articles, want 3", res.Articles)
	}
	for name, want := range map[string]string{
		"2026/05/long-name/index.html":   "The long extension.",
		"2026/05/short-name/index.html":  "The short extension.",
		"2026/05/folder-note/index.html": "See",
		"colophon/index.html":            "Set in a serif.",
	} {
		b, ok := mem.Get(name)
		if !ok {
			t.Errorf("%s was not written; files: %v", name, mem.Names())
			continue
		}
		if got := text(articleBody(t, parseHTML(t, name, b))); !strings.Contains(got, want) {
			t.Errorf("%s: body %q does not hold %q", name, got, want)
		}
	}
	for _, name := range mem.Names() {
		if strings.HasSuffix(name, ".markdown") && name != "2026/05/folder-note/notes.markdown" || strings.HasSuffix(name, ".mkd") {
			t.Errorf("%s: the markdown source was published", name)
		}
	}
	if _, ok := mem.Get("2026/05/folder-note/card.png"); !ok {
		t.Errorf("the bundle's image was not copied beside its page")
	}
}

// termLinks returns the hrefs of the links of the output page name, a
// term's page, that lead to articles (under /research/2026/).
func termLinks(t *testing.T, mem interface{ Get(string) ([]byte, bool) }, name string) []string {
	t.Helper()
	b, ok := mem.Get(name)
	if !ok {
		t.Errorf("%s was not written", name)
		return nil
	}
	var out []string
	for _, a := range elements(parseHTML(t, name, b), "a") {
		if h := attr(a, "href"); strings.HasPrefix(h, "/research/2026/") && !slices.Contains(out, h) {
			out = append(out, h)
		}
	}
	return out
}

// TestPeerTaxonomies: Zola's [taxonomies] table, Jekyll's category (one,
// beside its list categories) and a tag or redirect written alone rather
// than as a list are read as Zola and Jekyll read them: each article is
// listed on the pages of its terms, and the old address redirects.
func TestPeerTaxonomies(t *testing.T) {
	fsys := withConfig(peerCorpus(t, map[string]string{
		"content/posts/zola-note.md":              "+++\ntitle = \"Zola note\"\ndate = 2026-05-01\n\n[taxonomies]\ncategories = [\"Rate outlook\"]\ntags = [\"curve\", \"bonds\"]\n+++\nFrom Zola.\n",
		"content/posts/2026-05-02-jekyll-note.md": "---\ntitle: Jekyll note\ncategory: Rate outlook\ntags: curve\nredirect_from: /news/jekyll-note/\n---\nFrom Jekyll.\n",
		"content/posts/2026-05-03-listed.md":      "---\ntitle: Listed\ncategories: [Rate outlook]\n---\nA list.\n",
	}), "taxonomies:\n  categories: {}\n")
	mem, _, err := buildMem(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"categories/rate-outlook/index.html":        "/research/2026/05/listed/ /research/2026/05/jekyll-note/",
		"categories/rate-outlook/page/2/index.html": "/research/2026/05/zola-note/", // site.yaml's perPage: 2
		"tags/curve/index.html":                     "/research/2026/05/jekyll-note/ /research/2026/05/zola-note/",
		"tags/bonds/index.html":                     "/research/2026/05/zola-note/",
	} {
		if got := strings.Join(termLinks(t, mem, name), " "); got != want {
			t.Errorf("%s links %q, want %q", name, got, want)
		}
	}
	b, ok := mem.Get("news/jekyll-note/index.html")
	if !ok || !strings.Contains(string(b), "/research/2026/05/jekyll-note/") {
		t.Errorf("the redirect_from page is missing or does not lead to the article: %q", b)
	}
}

// TestPeerTemplateCode: Liquid (Jekyll) and Tera (Zola) in an article's
// prose, which their generators run before markdown and tearsheet does
// not, is an error at its line saying what to write instead, rather than
// tags published as text; in code it is shown as written.
func TestPeerTemplateCode(t *testing.T) {
	const head = "---\ntitle: Ported\ndate: 2026-05-01\n---\n"
	fsys := peerCorpus(t, map[string]string{
		"content/posts/ported.md": head + `Intro.

{% highlight ruby %}
puts 1
{% endhighlight %}

Shown as {% raw %}` + "`{{ page.title }}`" + `{% endraw %} in Jekyll.

{% include chart-note.html %}

See [the last note]({% post_url 2026-04-01-last-note %}) and [the docs]({{ site.baseurl }}/docs/).

Its [history]({{ "/history/" | relative_url }}), by {{ page.author }}.

{{ youtube(id="abc") }}

{% note() %}
A Zola note.
{% end %}

{% for x in site.posts %}{{ x.title }}{% endfor %}

{{ note(body="
A note over lines.
") }}
`,
		"content/posts/code.md": head + "Templates in code stay as written: `{% raw %}` and `{{ site.url }}`.\n\n```liquid\n{% highlight ruby %}\n{{ page.title }}\n```\n",
	})
	_, _, err := buildMem(t, fsys, Options{})
	if err == nil {
		t.Fatal("the build succeeded")
	}
	const p = "content/posts/ported.md:"
	for _, want := range []string{
		p + "7: {% highlight ruby %} is Jekyll's (a Liquid tag), which tearsheet does not run: write the code as a fenced block, ```ruby on this line and ``` in place of {% endhighlight %}",
		p + "9: {% endhighlight %} is Jekyll's (a Liquid tag), which tearsheet does not run: write ``` in its place, and ```LANGUAGE in place of its {% highlight LANGUAGE %}",
		p + "11: {% raw %} is Jekyll's (a Liquid tag), which tearsheet does not run: delete {% raw %} and {% endraw %}; braces in `code` and in fenced code blocks are shown as written",
		p + "13: {% include chart-note.html %} is Jekyll's (a Liquid tag), which tearsheet does not run: tearsheet has no includes; write the markdown or HTML of chart-note.html in its place",
		p + "15: {% post_url 2026-04-01-last-note %} is Jekyll's (a Liquid tag), which tearsheet does not run: write the address of the article or page it names as a site path",
		p + "15: {{ site.baseurl }} is a template variable (Jekyll's Liquid or Zola's Tera), which markdown does not run: {{ }} holds a figure computed from data, such as {{ shiller.SP500 | last }}; write nothing in its place: start the link with /, and tearsheet puts the base URL before it",
		p + `17: figure {{ "/history/" | relative_url }}: {{ "/history/" | relative_url }} is template code (a Liquid filter of Jekyll, or Tera's of Zola)`,
		p + "17: {{ page.author }} is a template variable (Jekyll's Liquid or Zola's Tera), which markdown does not run: {{ }} holds a figure computed from data, such as {{ shiller.SP500 | last }}; write its value",
		p + `19: figure {{ youtube(id="abc") }}: {{ youtube(id="abc") }} is a Zola shortcode, which tearsheet does not have`,
		p + "21: {% note() %} is a Zola shortcode, which tearsheet does not have: write the markdown or HTML it stood for",
		p + "23: {% end %} is a Zola shortcode",
		p + `27: "{{ note(body=\"" opens a Zola shortcode, which tearsheet does not have: write the markdown or HTML it stood for`,
		p + "25: {% for x in site.posts %} is template code (Jekyll's Liquid or Zola's Tera), which markdown does not run: write what it produced, or put it in `code` to show it",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("no error %q in:\n%v", want, err)
		}
	}
	if strings.Contains(err.Error(), "code.md") {
		t.Errorf("templates in code are errors: %v", err)
	}
	delete(fsys, "content/posts/ported.md")
	doc := builtPage(t, fsys, "2026/05/code/index.html")
	var code []string
	for _, c := range elements(doc, "code") {
		code = append(code, text(c))
	}
	if got, want := strings.Join(code, "|"), "{% raw %}|{{ site.url }}|{% highlight ruby %} {{ page.title }}"; got != want {
		t.Errorf("code %q, want %q", got, want)
	}
}
