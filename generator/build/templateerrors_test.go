package build

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tearsheet/tearsheet/generator/output"
)

// templateErrors builds fsys with Build and with a Session and returns
// each one's errors, one message a line, failing the test when either
// succeeds.
func templateErrors(t *testing.T, fsys fstest.MapFS, opts Options) map[string][]string {
	t.Helper()
	opts.Now = fixedNow
	out := map[string][]string{}
	_, err := Build(context.Background(), fsys, opts, output.NewMemory())
	if err == nil {
		t.Fatal("Build: the build succeeded")
	}
	out["Build"] = strings.Split(err.Error(), "\n")
	_, _, err = NewSession(fsys, opts).Build(context.Background(), nil)
	if err == nil {
		t.Fatal("Session: the build succeeded")
	}
	out["Session"] = strings.Split(err.Error(), "\n")
	return out
}

// setLine replaces line n (from 1) of the file name in fsys.
func setLine(t *testing.T, fsys fstest.MapFS, name string, n int, text string) {
	t.Helper()
	lines := strings.Split(string(fsys[name].Data), "\n")
	if n > len(lines) {
		t.Fatalf("%s has %d lines", name, len(lines))
	}
	lines[n-1] = text
	fsys[name] = &fstest.MapFile{Data: []byte(strings.Join(lines, "\n"))}
}

// TestTemplateSyntaxErrorAlone: a syntax error in article.html, through
// whose templates every chart is drawn, is one error at its file and
// line, with how to fix it, not also one at every chart of every article;
// a chart's own error is still reported beside it.
func TestTemplateSyntaxErrorAlone(t *testing.T) {
	for _, c := range []struct{ file, line, want string }{
		{"article.html", `{{ if define "main"}}`, "themes/default/templates/article.html:1: unexpected <define> in if (fix the template, or delete the file to use the built-in one)"},
		{"partials/figure.html", `{{ if .X }}`, "themes/default/templates/partials/figure.html:"},
	} {
		t.Run(c.file, func(t *testing.T) {
			fsys := exampleFS(t)
			setLine(t, fsys, "themes/default/templates/"+c.file, 1, c.line)
			fsys["content/posts/broken.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Broken\ndate: 2024-01-01\n---\n\n```chart\ndata: shiller\ntitel: x\n```\n")}
			for who, msgs := range templateErrors(t, fsys, Options{}) {
				if len(msgs) != 2 || !strings.HasPrefix(msgs[0], c.want) || !strings.HasPrefix(msgs[1], `content/posts/broken.md:8: chart: unknown key "titel"`) {
					t.Errorf("%s: %d errors, want the template's (%q) then the chart's:\n%s", who, len(msgs), c.want, strings.Join(msgs, "\n"))
				}
			}
		})
	}
}

// TestTemplateRuntimeErrorsTogether: one build reports the mistake of
// every template that makes one while it renders, each once at its file,
// line and column, rather than article.html's alone (a plain build renders
// articles first) or one per page.
func TestTemplateRuntimeErrorsTogether(t *testing.T) {
	fsys := exampleFS(t)
	var wants []string
	for _, kind := range []string{"archive", "article", "chart", "email", "home", "page"} {
		main := `{{define "main"}}`
		if kind == "email" {
			main = `{{define "base.html"}}` // its main is empty
		}
		name := "themes/default/templates/" + kind + ".html"
		text := string(fsys[name].Data)
		at := strings.Index(text, main)
		if at < 0 {
			t.Fatalf("%s does not define main", name)
		}
		at += len(main)
		fsys[name] = &fstest.MapFile{Data: []byte(text[:at] + "{{ .Nope }}" + text[at:])}
		line := 1 + strings.Count(text[:at], "\n")
		col := at - strings.LastIndex(text[:at], "\n") + len("{{ ") // from 1
		wants = append(wants, fmt.Sprintf("%s:%d:%d: {{.Nope}}: can't evaluate field Nope in type *render.Data (fix the template, or the value it reads)", name, line, col))
	}
	const card = "themes/default/templates/partials/card.html"
	fsys[card] = &fstest.MapFile{Data: append([]byte("{{ .Nope }}"), fsys[card].Data...)}
	wants = append(wants, card+":1:4: {{.Nope}}: can't evaluate field Nope in type *render.ArticleView (fix the template, or the value it reads)")
	// A mistake whose message differs from page to page (here the length
	// of each term page's title) is still one.
	const list = "themes/default/templates/list.html"
	text := string(fsys[list].Data)
	fsys[list] = &fstest.MapFile{Data: []byte(strings.Replace(text, `{{define "main"}}`, `{{define "main"}}{{ slice .Page.Title (len .Page.Title) 0 }}`, 1))}
	varies := fmt.Sprintf("%s:%d:21: {{slice .Page.Title (len .Page.Title) 0}}: error calling slice: invalid slice index: ", list, 1+strings.Count(text[:strings.Index(text, `{{define "main"}}`)], "\n"))
	wants = append(wants, varies)
	sort.Strings(wants)
	for who, msgs := range templateErrors(t, fsys, Options{}) {
		for i, m := range msgs {
			if strings.HasPrefix(m, varies) {
				msgs[i] = varies // the length is the first page's title's
			}
		}
		sort.Strings(msgs)
		if !slices.Equal(msgs, wants) {
			t.Errorf("%s: the errors are\n%s\nwant\n%s", who, strings.Join(msgs, "\n"), strings.Join(wants, "\n"))
		}
	}
}

// TestMissingPartialOnce: a call of a partial that does not exist is one
// error at the call, in the theme's file, with the partial meant, not one
// per page of the kind.
func TestMissingPartialOnce(t *testing.T) {
	fsys := exampleFS(t)
	const page = "themes/default/templates/page.html"
	setLine(t, fsys, page, 1, `{{define "main"}}{{ template "partials/foter.html" . }}`)
	want := page + `:1:30: {{template "partials/foter.html" .}}: no such template "partials/foter.html" (did you mean "partials/footer.html"?)`
	for who, msgs := range templateErrors(t, fsys, Options{}) {
		if len(msgs) != 1 || msgs[0] != want {
			t.Errorf("%s: the errors are\n%s\nwant\n%s", who, strings.Join(msgs, "\n"), want)
		}
	}
}

// TestEmptyTemplate: a template file emptied by mistake fails the build
// at that file, saying how to restore it, rather than publish every
// article without its body.
func TestEmptyTemplate(t *testing.T) {
	fsys := exampleFS(t)
	const article = "themes/default/templates/article.html"
	fsys[article] = &fstest.MapFile{Data: []byte("\n  \n")}
	want := article + ":1: the template is empty: the pages that use it would be published without what it shows (delete the file to use the built-in one, and run tearsheet theme eject to copy it back for editing; to render nothing on purpose, write a comment: {{/* empty */}})"
	for who, msgs := range templateErrors(t, fsys, Options{}) {
		if len(msgs) != 1 || msgs[0] != want {
			t.Errorf("%s: the errors are\n%s\nwant\n%s", who, strings.Join(msgs, "\n"), want)
		}
	}
}

// TestTemplateTooSlow: a template that loops without writing (a range
// over a huge count) fails the build after site.yaml's renderTimeout,
// once, not once per page it was meant to render: article.html (which a
// plain build renders as it converts) and 404.html (rendered with the
// other pages). In a site of 106 articles built on one worker, the build
// stops rather than wait that long for every article: 53 s a build.
func TestTemplateTooSlow(t *testing.T) {
	for _, kind := range []string{"article", "404"} {
		t.Run(kind, func(t *testing.T) {
			fsys := exampleFS(t)
			fsys[ConfigFile] = &fstest.MapFile{Data: append(fsys[ConfigFile].Data, "\nrenderTimeout: 500ms\n"...)}
			for i := range 100 {
				fsys[fmt.Sprintf("content/posts/more-%d.md", i)] = &fstest.MapFile{Data: []byte("---\ntitle: More\ndate: 2024-05-01\n---\nText.\n")}
			}
			name := "themes/default/templates/" + kind + ".html"
			// Seconds of turns: long past the timeout, and soon over
			// (each goes on after the build stops waiting). Go 1.26
			// turns ten million times in 0.2 s, within the timeout.
			fsys[name] = &fstest.MapFile{Data: []byte(strings.Replace(string(fsys[name].Data), `{{define "main"}}`, `{{define "main"}}{{range 100000000}}{{end}}`, 1))}
			start, running := time.Now(), runtime.NumGoroutine()
			// The loops go on after the builds stop waiting: let them end
			// before the next case, whose pages (each under the same
			// timeout) would share a busy machine's cores with them.
			defer func() {
				for runtime.NumGoroutine() > running && time.Since(start) < time.Minute {
					time.Sleep(50 * time.Millisecond)
				}
			}()
			for who, msgs := range templateErrors(t, fsys, Options{Workers: 1}) {
				if len(msgs) != 1 || !strings.Contains(msgs[0], "template "+kind+".html: still running after 500ms (renderTimeout in site.yaml): look for a range over a huge count") {
					t.Errorf("%s: the errors are\n%s\nwant one of %s.html running too long", who, strings.Join(msgs, "\n"), kind)
				}
			}
			// Waiting for each article's page in turn would take 106
			// s for the two builds; under the race detector on a busy
			// machine they took 19 s.
			if took := time.Since(start); kind == "article" && took > 60*time.Second {
				t.Errorf("the two builds took %v", took)
			}
		})
	}
}
