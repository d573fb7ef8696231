package render

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// TestBuiltinTheme checks that a site without themes/ gets the built-in
// default theme, the same as this repository's themes/default (its one
// source), and that a site's file at a path of the theme takes that file's
// place, changing the theme's Sum only for templates.
func TestBuiltinTheme(t *testing.T) {
	builtin, err := Load(fstest.MapFS{}, "default")
	if err != nil {
		t.Fatalf("a site without themes/: %v", err)
	}
	repo, err := Load(os.DirFS("../.."), "default")
	if err != nil {
		t.Fatal(err)
	}
	if builtin.Sum() != repo.Sum() || len(builtin.Assets) != len(repo.Assets) || builtin.CSS["css/main.css"] != repo.CSS["css/main.css"] {
		t.Errorf("the built-in theme differs from themes/default: sums %s, %s; %d and %d assets", builtin.Sum(), repo.Sum(), len(builtin.Assets), len(repo.Assets))
	}
	for _, a := range builtin.Assets {
		want, err := fs.ReadFile(os.DirFS("../../themes/default/static"), strings.TrimPrefix(a.Src, "themes/default/static/"))
		if err != nil || string(a.Data) != string(want) {
			t.Errorf("built-in asset %s (%s): %v, or its bytes differ from the repository's", a.Out, a.Src, err)
		}
	}

	site := fstest.MapFS{
		"themes/default/templates/partials/footer.html": {Data: []byte(`{{define "partials/footer.html"}}<footer>OURS</footer>{{end}}`)},
		"themes/default/static/favicon.svg":             {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)},
		// Editors' backups are never published, nor read as templates.
		"themes/default/static/favicon.svg~": {Data: []byte("old")},
		"static/css/site.css.bak":            {Data: []byte("old")},
		"layouts/page.html___jb_tmp___":      {Data: []byte("{{")},
	}
	over, err := Load(site, "default")
	if err != nil {
		t.Fatal(err)
	}
	if over.Sum() == builtin.Sum() {
		t.Error("an overridden template left the theme's Sum unchanged")
	}
	var favicon *Asset
	for i, a := range over.Assets {
		if a.Out == "favicon.svg" {
			favicon = &over.Assets[i]
		}
	}
	if favicon == nil || favicon.Src != "themes/default/static/favicon.svg" || favicon.Data != nil {
		t.Errorf("the site's favicon.svg should be copied from the site: %+v", favicon)
	}
	if len(over.Assets) != len(builtin.Assets) {
		t.Errorf("editors' backups among the static files were published: %d assets, want %d", len(over.Assets), len(builtin.Assets))
	}
	if !over.Has("partials/footer.html") || !over.Has("partials/header.html") {
		t.Error("the overridden theme lost a partial")
	}

	if _, err := Load(fstest.MapFS{}, "mine"); err == nil || !strings.Contains(err.Error(), `theme "mine": themes/mine/templates/base.html not found`) {
		t.Errorf("a missing theme: %v", err)
	}
	bad := fstest.MapFS{"themes/default/templates/page.html": {Data: []byte(`{{define "main"}}{{if}}{{end}}`)}}
	if _, err := Load(bad, "default"); err == nil || !strings.HasPrefix(err.Error(), "themes/default/templates/page.html:1: ") {
		t.Errorf("a broken override: %v", err)
	}
}
