package render

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"testing/fstest"
)

// TestPartialCached checks that partialCached renders a partial once per
// build and variant: a page with other data but the same variant gets the
// first page's HTML, another variant or another build renders anew.
func TestPartialCached(t *testing.T) {
	fsys := fstest.MapFS{
		"themes/t/templates/base.html":          {Data: []byte(`{{partialCached "partials/head.html" . .Page.Kind}}|{{.Page.Title}}`)},
		"themes/t/templates/partials/head.html": {Data: []byte(`<h1>{{.Page.Title}} ({{.Page.Kind}})</h1>`)},
	}
	for _, k := range Kinds() {
		fsys["themes/t/templates/"+k+".html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{end}}`)}
	}
	th, err := Load(fsys, "t")
	if err != nil {
		t.Fatal(err)
	}
	render := func(p *Partials, kind, title string) string {
		d := &Data{Site: &SiteView{}, Page: PageMeta{Kind: kind, Title: title}}
		d.UsePartials(p)
		var b bytes.Buffer
		if err := th.Execute(&b, "page", d); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	build := NewPartials()
	for _, c := range []struct{ kind, title, want string }{
		{"article", "A &amp; B", "<h1>A &amp;amp; B (article)</h1>|A &amp;amp; B"},
		{"article", "C", "<h1>A &amp;amp; B (article)</h1>|C"}, // cached for the kind
		{"home", "D", "<h1>D (home)</h1>|D"},
	} {
		if got := render(build, c.kind, c.title); got != c.want {
			t.Errorf("%s %q: got %q, want %q", c.kind, c.title, got, c.want)
		}
	}
	if got := render(NewPartials(), "article", "E"); !strings.HasPrefix(got, "<h1>E (article)</h1>") {
		t.Errorf("a new build reused the last build's partial: %q", got)
	}
	if got := render(nil, "article", "F"); !strings.HasPrefix(got, "<h1>F (article)</h1>") {
		t.Errorf("without a store the partial must render every time: %q", got)
	}
}

// TestExecErrorAction checks the action an error of a template names: a
// field as {{.Site.Nope}}, a {{template}} that calls itself once with its
// braces, at its file, line and column.
func TestExecErrorAction(t *testing.T) {
	fsys := fstest.MapFS{
		"themes/t/templates/base.html":          {Data: []byte(`{{block "main" .}}{{end}}`)},
		"themes/t/templates/partials/loop.html": {Data: []byte(`x{{template "partials/loop.html" .}}`)},
	}
	for _, k := range Kinds() {
		fsys["themes/t/templates/"+k+".html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{end}}`)}
	}
	fsys["themes/t/templates/page.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{.Site.Nope}}{{end}}`)}
	fsys["themes/t/templates/home.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{template "partials/loop.html" .}}{{end}}`)}
	// A loop of a trillion turns would write for hours: it is stopped
	// once it has written MaxPage.
	fsys["themes/t/templates/list.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{range 1000000000000}}` + strings.Repeat("long line ", 1000) + `{{end}}{{end}}`)}
	th, err := Load(fsys, "t")
	if err != nil {
		t.Fatal(err)
	}
	for kind, want := range map[string]string{
		"page": `themes/t/templates/page.html:1:25: {{.Site.Nope}}: can't evaluate field Nope`,
		"home": `themes/t/templates/partials/loop.html:1:13: {{template "partials/loop.html" .}}: exceeded maximum template depth`,
		"list": `template list.html: wrote more than 64 MiB: look for a range over a huge count`,
	} {
		d := &Data{Site: &SiteView{}, Page: PageMeta{Kind: kind}}
		err := th.Execute(io.Discard, kind, d)
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%s: got %v, want it to start %s", kind, err, want)
		}
	}
}
