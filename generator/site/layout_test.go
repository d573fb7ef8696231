package site

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tearsheet/tearsheet/generator/config"
	"github.com/tearsheet/tearsheet/generator/content"
)

// TestLayoutMeta sets each field of an article's front matter in turn to
// a value it did not have: where LayoutMeta leaves the field out, the
// layout New makes must be the same to the byte; where it keeps it, the
// test only checks that the value reaches LayoutMeta's result.
func TestLayoutMeta(t *testing.T) {
	cfg := config.Default()
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	files := func() []*content.File {
		return []*content.File{
			article("content/posts/a.md", "A", "2024-01-02", "Small caps", "rates"),
			article("content/posts/b.md", "B", "2024-03-01", "small-caps"),
			article("content/posts/c.md", "C", "2024-01-05", "rates"),
		}
	}
	layout := func(fs []*content.File) string {
		s, err := New(cfg, fs, Options{Now: now})
		if err != nil {
			return "error: " + err.Error()
		}
		return dumpLayout(s)
	}
	base := layout(files())
	mt := reflect.TypeFor[content.Meta]()
	for i := range mt.NumField() {
		f := mt.Field(i)
		fs := files()
		m := &fs[1].Meta
		before := LayoutMeta(*m)
		reflect.ValueOf(m).Elem().Field(i).Set(probe(f.Type))
		kept := !reflect.DeepEqual(LayoutMeta(*m), before)
		got := layout(fs)
		switch {
		case !kept && got != base:
			t.Errorf("front matter %s changes the layout, but LayoutMeta leaves it out:\n%s\nwant\n%s", f.Name, got, base)
		case kept && got == base:
			t.Logf("front matter %s is kept by LayoutMeta; this value left the layout alone", f.Name)
		}
	}
}

// probe returns a value of type t that no test article has.
func probe(t reflect.Type) reflect.Value {
	v := reflect.New(t).Elem()
	switch t {
	case reflect.TypeFor[time.Time]():
		v.Set(reflect.ValueOf(time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC)))
		return v
	case reflect.TypeFor[content.Date]():
		v.Set(reflect.ValueOf(content.Date{Time: time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC), Line: 3}))
		return v
	case reflect.TypeFor[content.Terms]():
		v.Set(reflect.ValueOf(content.Terms{Key: "tags", Names: []string{"probe"}, Line: 4}))
		return v
	}
	switch t.Kind() {
	case reflect.String:
		v.SetString("probe")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int:
		v.SetInt(7)
	case reflect.Pointer:
		v.Set(reflect.New(t.Elem()))
		v.Elem().Set(probe(t.Elem()))
	case reflect.Slice:
		v.Set(reflect.Append(v, probe(t.Elem())))
	case reflect.Map:
		v.Set(reflect.MakeMap(t))
		v.SetMapIndex(probe(t.Key()), probe(t.Elem()))
	case reflect.Struct:
		for i := range t.NumField() {
			if t.Field(i).IsExported() {
				v.Field(i).Set(probe(t.Field(i).Type))
			}
		}
	default:
		panic("probe: no value for " + t.String())
	}
	return v
}

// dumpLayout writes out everything New lays out.
func dumpLayout(s *Site) string {
	var b strings.Builder
	path := func(p *Page) string {
		if p == nil {
			return "-"
		}
		return p.Path
	}
	for _, p := range append(append([]*Page(nil), s.Articles...), s.Pages...) {
		fmt.Fprintf(&b, "%s %q %s %s %s %s %q %q %t older=%s newer=%s", p.File.Path, p.Title, p.Date, p.Lastmod, p.Slug, p.Out,
			p.Author, p.Authors, p.Scheduled, path(p.Older), path(p.Newer))
		for _, terms := range p.Terms {
			for _, t := range terms {
				fmt.Fprintf(&b, " term=%s", t.Path)
			}
		}
		for _, q := range p.Related {
			fmt.Fprintf(&b, " related=%s", q.Path)
		}
		b.WriteByte('\n')
	}
	for _, tx := range s.Taxonomies {
		for _, t := range tx.Terms {
			fmt.Fprintf(&b, "%s %q:", t.Path, t.Name)
			for _, p := range t.Articles {
				fmt.Fprintf(&b, " %s", p.Path)
			}
			b.WriteByte('\n')
		}
	}
	for _, y := range s.Years {
		fmt.Fprintf(&b, "%s %d\n", y.Path, len(y.Articles))
		for _, m := range y.Months {
			fmt.Fprintf(&b, "  %s %d\n", m.Path, len(m.Articles))
		}
	}
	for _, h := range s.Home {
		fmt.Fprintf(&b, "home %s [%d,%d)\n", h.Path, h.Lo, h.Hi)
	}
	for _, a := range s.Aliases {
		fmt.Fprintf(&b, "alias %s -> %s\n", a.From, a.To.Path)
	}
	fmt.Fprintf(&b, "warnings %q\n", s.Warnings)
	return b.String()
}
