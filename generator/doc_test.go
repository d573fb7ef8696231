package generator_test

import (
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/tearsheet/tearsheet/generator/config"
	"github.com/tearsheet/tearsheet/generator/content"
	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/render"
	"github.com/tearsheet/tearsheet/generator/site"
)

// yamlKeys lists the yaml keys of a struct and of the structs inside it.
func yamlKeys(t reflect.Type) []string {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	var out []string
	if t.Kind() != reflect.Struct {
		return nil
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := strings.Split(f.Tag.Get("yaml"), ",")[0]
		if tag == "" || tag == "-" {
			continue
		}
		out = append(out, tag)
		if f.Type.String() != "content.Date" {
			out = append(out, yamlKeys(f.Type)...)
		}
	}
	return out
}

func fieldNames(v any) []string {
	t := reflect.TypeOf(v)
	var out []string
	for i := 0; i < t.NumField(); i++ {
		out = append(out, t.Field(i).Name)
	}
	return out
}

// TestDocumented pins the promise of doc.go and README.md: every site.yaml
// key, front-matter key and template variable is documented in both.
func TestDocumented(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	word := func(text []byte, w string) bool {
		return regexp.MustCompile(`\b` + regexp.QuoteMeta(w) + `\b`).Match(text)
	}
	for _, k := range yamlKeys(reflect.TypeOf(config.Config{})) {
		if !word(doc, k) {
			t.Errorf("site.yaml key %q is not documented in generator/doc.go", k)
		}
		if !word(readme, k) {
			t.Errorf("site.yaml key %q is not documented in README.md", k)
		}
	}
	for _, k := range yamlKeys(reflect.TypeOf(content.Meta{})) {
		if !word(doc, k) {
			t.Errorf("front-matter key %q is not documented in generator/doc.go", k)
		}
		if !word(readme, k) {
			t.Errorf("front-matter key %q is not documented in README.md", k)
		}
	}
	figDoc, err := os.ReadFile("figure/doc.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range yamlKeys(reflect.TypeOf(figure.Spec{})) {
		if !word(figDoc, k) {
			t.Errorf("chart spec key %q is not documented in generator/figure/doc.go", k)
		}
		if !word(readme, k) {
			t.Errorf("chart spec key %q is not documented in README.md", k)
		}
	}
	// The theme contract is render's package comment.
	themeDoc, err := os.ReadFile("render/doc.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []any{render.Data{}, render.SiteView{}, render.PageMeta{}, render.ArticleView{}, render.ListView{},
		render.SiteLinks{}, render.FeedView{}, render.TermView{}, render.ArchiveView{}, render.YearView{},
		render.MonthView{}, render.SubscribeView{}, render.FieldView{}, render.FigureView{}, render.TableView{}} {
		for _, f := range fieldNames(v) {
			if !word(themeDoc, f) {
				t.Errorf("template variable %T.%s is not documented in generator/render/doc.go", v, f)
			}
		}
	}
	// Every URL and output file of the site structure, and every page kind.
	for _, u := range []string{site.TagsPath, site.ArchivePath, site.SearchPath, site.SubscribePath, site.ThanksPath,
		site.RSSFile, site.AtomFile, site.JSONFile, site.SitemapFile, site.RobotsFile, site.SearchIndex, site.NoJekyll, site.CNAMEFile} {
		if !strings.Contains(string(doc), u) {
			t.Errorf("URL or file %s is not documented in generator/doc.go", u)
		}
		if !strings.Contains(string(readme), u) {
			t.Errorf("URL or file %s is not documented in README.md", u)
		}
	}
	for _, k := range render.Kinds() {
		if !strings.Contains(string(themeDoc), k+".html") {
			t.Errorf("template %s.html is not documented in generator/render/doc.go", k)
		}
	}
}
