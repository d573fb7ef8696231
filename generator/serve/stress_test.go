package serve

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tearsheet/tearsheet/generator/build"
	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/internal/corpus"
	"github.com/tearsheet/tearsheet/generator/output"
)

// stressSteps is the number of edits TestServeStress makes;
// TEARSHEET_STRESS_STEPS sets another, TEARSHEET_STRESS_SEED another seed.
const stressSteps = 300

// TestServeStress runs serve, with its real watcher and HTTP server, on a
// generated site and makes seeded random edits, one after the other as an
// author would save them: body, title, date and tag edits, articles added
// and removed, broken front matter, chart blocks, CSVs, templates and
// site.yaml, and their fixes, some saved through a temporary file as
// editors do. serve must stay up through all of them, and at a few points,
// once every break is fixed, serve the same files, byte for byte, as a
// fresh build of the site as it then is; the last point is after the last
// step.
func TestServeStress(t *testing.T) {
	steps := envInt(t, "TEARSHEET_STRESS_STEPS", stressSteps)
	seed := uint64(envInt(t, "TEARSHEET_STRESS_SEED", 1))
	t.Logf("%d steps, seed %d (TEARSHEET_STRESS_STEPS, TEARSHEET_STRESS_SEED)", steps, seed)
	dir := t.TempDir()
	if err := corpus.Write(dir, corpus.Options{Articles: 12, Charts: true, Seed: seed, Theme: filepath.Join(repoRoot, "themes/default")}); err != nil {
		t.Fatal(err)
	}
	st := &stress{t: t, dir: dir, rng: rand.New(rand.NewPCG(seed, 15)), good: map[string]string{}}
	st.edit("site.yaml", "perPage: 10", "perPage: 3")
	st.put(bundle+"/index.md", bundleText)
	st.put(bundle+"/rates.csv", ratesCSV(st.rng, 30))
	for i := range 12 {
		st.articles = append(st.articles, corpus.PostPath(i))
	}
	st.articles = append(st.articles, bundle+"/index.md")

	served := &state{}
	r := start(t, dir, Options{state: served})
	events := r.subscribe(t)
	events.next(t, "ok", "")
	refCharts := figure.NewMemCache()
	compare := func(step int) {
		t.Helper()
		st.fixAll()
		mem := st.settle(served, events, refCharts, r.url)
		// Every file served is there, over HTTP.
		for _, name := range mem.Names() {
			if !strings.HasSuffix(name, "index.html") || st.rng.IntN(8) != 0 {
				continue
			}
			p := strings.TrimSuffix(name, "index.html")
			if code, _ := r.get(t, p); code != 200 {
				t.Errorf("step %d: GET %s: %d", step, p, code)
			}
		}
	}
	counts := map[string]int{}
	for step := 1; step <= steps; step++ {
		what := st.step()
		counts[what]++
		// One build after the edit began (every build ends with ok or
		// builderror); a save split over two batches is caught up by the
		// next wait.
		for built := false; !built; {
			select {
			case e, ok := <-events.events:
				if !ok {
					t.Fatalf("step %d (%s): the event stream ended", step, what)
				}
				counts["event "+e.name]++
				built = e.name != "reload"
			case <-time.After(readyWait): // a build from scratch, under the race detector
				t.Fatalf("step %d (%s): no build within %s", step, what, readyWait)
			}
		}
		// Every quarter, once the breaks are fixed; and at good states
		// the edits reach.
		if step%(max(steps/4, 1)) == 0 || step == steps || len(st.good) == 0 && step%20 == 0 {
			compare(step)
			counts["compared"]++
		}
	}
	t.Logf("edits and events: %v", counts)
	// The run met broken states and good ones.
	if counts["event builderror"] < steps/20 || counts["event ok"] < steps/4 {
		t.Errorf("too few failed or good builds: %v", counts)
	}
	if err := r.stop(); err != nil {
		t.Errorf("serve returned %v", err)
	}
}

// settle waits until the served build is a fresh build's of the site in
// dir as it is, and returns it; it fails when it is not within a generous
// time after the last change.
func (st *stress) settle(served *state, events *sse, refCharts figure.Cache, url string) *output.Memory {
	st.t.Helper()
	want := output.NewMemory()
	if _, err := build.Build(context.Background(), os.DirFS(st.dir), build.Options{BaseURL: url, Cache: refCharts}, want); err != nil {
		st.t.Fatalf("the site with every break fixed does not build: %v", err)
	}
	deadline := time.Now().Add(readyWait)
	var last *output.Memory
	var diff []string
	for {
		mem, _, errs := served.get()
		if errs == nil && mem != last {
			last, diff = mem, memDiff(want, mem)
			if len(diff) == 0 {
				return mem
			}
		}
		if time.Now().After(deadline) {
			if errs != nil {
				st.t.Fatalf("serve's latest build failed, a fresh build does not: %v", errs)
			}
			st.t.Fatalf("serve's build differs from a fresh build in %d files: %v", len(diff), diff[:min(len(diff), 10)])
		}
		select { // a build's event, or a while
		case <-events.events:
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// memDiff lists the files that differ between two builds, or that one
// lacks, sorted.
func memDiff(a, b *output.Memory) []string {
	var out []string
	for _, n := range a.Names() {
		x, _ := a.Get(n)
		if y, ok := b.Get(n); !ok || !bytes.Equal(x, y) {
			out = append(out, n)
		}
	}
	for _, n := range b.Names() {
		if _, ok := a.Get(n); !ok {
			out = append(out, n+" (extra)")
		}
	}
	slices.Sort(out)
	return out
}

func envInt(t *testing.T, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		t.Fatalf("%s=%q: want a positive number", name, v)
	}
	return n
}

const bundle = "content/posts/rates"

const bundleText = `---
title: "Rates bundle"
date: 2025-03-03T09:00:00Z
tags: ["rates", "inflation"]
---
The policy rate ended at {{ rates.rate | last | percent:2 }}.

<!--more-->

` + "```chart\ndata: rates.csv\ntitle: \"Policy rate\"\nseries:\n  - column: rate\n    label: \"Rate\"\n```\n"

// ratesCSV is a monthly CSV of n rows.
func ratesCSV(rng *rand.Rand, n int) string {
	var b strings.Builder
	b.WriteString("date,rate\n")
	for i := range n {
		fmt.Fprintf(&b, "%d-%02d-01,%.2f\n", 2022+i/12, i%12+1, 3+rng.Float64()*2)
	}
	return b.String()
}

// stress edits a site at random and remembers what it broke.
type stress struct {
	t        *testing.T
	dir      string
	rng      *rand.Rand
	n        int               // edits made
	articles []string          // the articles there are
	good     map[string]string // a broken file -> its text before the first break
}

func (st *stress) abs(name string) string { return filepath.Join(st.dir, filepath.FromSlash(name)) }

func (st *stress) read(name string) string {
	st.t.Helper()
	b, err := os.ReadFile(st.abs(name))
	if err != nil {
		st.t.Fatal(err)
	}
	return string(b)
}

// put writes a file, in place or, one time in four, as editors save:
// into a temporary file renamed over it.
func (st *stress) put(name, text string) {
	st.t.Helper()
	p := st.abs(name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		st.t.Fatal(err)
	}
	if st.rng.IntN(4) != 0 {
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			st.t.Fatal(err)
		}
		return
	}
	tmp := filepath.Join(filepath.Dir(p), []string{"sedX1y2Z3", "." + filepath.Base(p) + ".swp", filepath.Base(p) + "___jb_tmp___", filepath.Base(p) + ".vsctmp"}[st.rng.IntN(4)])
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		st.t.Fatal(err)
	}
	if err := os.Rename(tmp, p); err != nil {
		st.t.Fatal(err)
	}
}

// edit replaces the first old in a file with new; it must be there.
func (st *stress) edit(name, old, new string) {
	st.t.Helper()
	text := st.read(name)
	if !strings.Contains(text, old) {
		st.t.Fatalf("%s lacks %q:\n%s", name, old, text)
	}
	st.put(name, strings.Replace(text, old, new, 1))
}

// breakFile keeps name's good text, the first time, and writes text.
func (st *stress) breakFile(name, text string) {
	st.t.Helper()
	if _, ok := st.good[name]; !ok {
		st.good[name] = st.read(name)
	}
	st.put(name, text)
}

// fix restores one broken file.
func (st *stress) fix(name string) {
	st.t.Helper()
	st.put(name, st.good[name])
	delete(st.good, name)
}

func (st *stress) fixAll() {
	st.t.Helper()
	for _, name := range slices.Sorted(maps.Keys(st.good)) {
		st.fix(name)
	}
}

// pick returns an article that is not broken, or "".
func (st *stress) pick() string {
	var ok []string
	for _, a := range st.articles {
		if _, broken := st.good[a]; !broken {
			ok = append(ok, a)
		}
	}
	if len(ok) == 0 {
		return ""
	}
	return ok[st.rng.IntN(len(ok))]
}

var stressTags = []string{"rates", "inflation", "breadth", "small caps", "credit", "Policy & Markets"}

// step makes one random edit and says what it was.
func (st *stress) step() string {
	st.t.Helper()
	st.n++
	rng := st.rng
	if len(st.good) > 0 && rng.IntN(2) == 0 {
		broken := slices.Sorted(maps.Keys(st.good))
		st.fix(broken[rng.IntN(len(broken))])
		return "fix"
	}
	a := st.pick()
	if a == "" {
		st.fixAll()
		return "fix"
	}
	text := st.read(a)
	front, body, _ := strings.Cut(strings.TrimPrefix(text, "---\n"), "\n---\n")
	setFront := func(key, line string) string {
		var out []string
		done := false
		for _, l := range strings.Split(front, "\n") {
			if strings.HasPrefix(l, key+":") {
				l, done = line, true
			}
			out = append(out, l)
		}
		if !done {
			out = append(out, line)
		}
		return "---\n" + strings.Join(out, "\n") + "\n---\n" + body
	}
	switch k := rng.IntN(20); {
	case k < 5:
		st.put(a, text+fmt.Sprintf("\nEdited paragraph %d, with *emphasis* and a [link](/tags/rates/).\n", st.n))
		return "body"
	case k < 7:
		st.put(a, setFront("title", fmt.Sprintf("title: \"Title %d & <more>\"", st.n)))
		return "title"
	case k < 8:
		d := time.Date(2021, 8, 1, 9, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(1700))
		st.put(a, setFront("date", "date: "+d.Format(time.RFC3339)))
		return "date"
	case k < 9:
		var tags []string
		for _, tg := range stressTags {
			if rng.IntN(3) == 0 {
				tags = append(tags, strconv.Quote(tg))
			}
		}
		st.put(a, setFront("tags", "tags: ["+strings.Join(tags, ", ")+"]"))
		return "tags"
	case k < 10:
		name := fmt.Sprintf("content/posts/stress-%03d.md", st.n)
		d := time.Date(2021, 8, 1, 9, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(1700))
		chart := ""
		if rng.IntN(2) == 0 {
			chart = "\n```chart\ndata: markets\ntitle: \"Added " + strconv.Itoa(st.n) + "\"\nrange: 2y\nseries:\n  - column: " + corpus.DatasetColumns[rng.IntN(len(corpus.DatasetColumns))] + "\n```\n"
		}
		st.put(name, fmt.Sprintf("---\ntitle: \"Added %d\"\ndate: %s\ntags: [%q]\n---\nA new note.\n%s", st.n, d.Format(time.RFC3339), stressTags[rng.IntN(len(stressTags))], chart))
		st.articles = append(st.articles, name)
		return "add"
	case k < 11:
		if len(st.articles) < 6 || a == bundle+"/index.md" {
			return st.step()
		}
		if err := os.Remove(st.abs(a)); err != nil {
			st.t.Fatal(err)
		}
		st.articles = slices.DeleteFunc(st.articles, func(s string) bool { return s == a })
		return "remove"
	case k < 13:
		bad := []string{
			setFront("title", "title: [unclosed"),
			setFront("date", "date: not a date"),
			setFront("titel", "titel: a typo"),
			strings.Replace(text, "\n---\n", "\n--\n", 1), // front matter never closed
		}[rng.IntN(4)]
		st.breakFile(a, bad)
		return "break front matter"
	case k < 15:
		if !strings.Contains(text, "```chart\n") {
			st.breakFile(a, text+"\n```chart\ndata: nosuch\nseries:\n  - column: x\n```\n")
			return "break chart"
		}
		bad := []string{
			strings.Replace(text, "```chart\ndata: ", "```chart\ndata: nosuch", 1),
			strings.Replace(text, "```chart\n", "```chart\nseries: [unclosed\n", 1),
			strings.Replace(text, "  - column: ", "  - column: nosuch_", 1),
			strings.Replace(text, "```chart\n", "```chart\nwidht: 3\n", 1),
		}[rng.IntN(4)]
		st.breakFile(a, bad)
		return "break chart"
	case k < 16:
		csv := bundle + "/rates.csv"
		if _, broken := st.good[csv]; !broken && rng.IntN(2) == 0 {
			st.put(csv, ratesCSV(rng, 24+rng.IntN(12)))
			return "csv"
		}
		good := st.read(csv)
		if g, ok := st.good[csv]; ok {
			good = g
		}
		bad := []string{
			good + "2030-01-01,4.1,extra\n",
			strings.Replace(good, "date,rate", "date,rate,rate", 1),
			good + "2031-13-45,4.0\n",
			good + "\"2032-01-01,4.0\n",
		}[rng.IntN(4)]
		st.breakFile(csv, bad)
		return "break csv"
	case k < 17:
		tmpl := []string{"themes/default/templates/partials/footer.html", "themes/default/templates/partials/card.html"}[rng.IntN(2)]
		good := st.read(tmpl)
		if g, ok := st.good[tmpl]; ok {
			good = g
		}
		if rng.IntN(3) == 0 {
			if _, broken := st.good[tmpl]; !broken {
				st.put(tmpl, good+"\n{{/* edited "+strconv.Itoa(st.n)+" */}}\n")
				return "template"
			}
		}
		bad := []string{good + "{{ if }}", good + "{{ .NoSuchField }}", good + "{{ template \"nosuch\" . }}", "{{ define"}[rng.IntN(4)]
		st.breakFile(tmpl, bad)
		return "break template"
	case k < 18:
		css := "themes/default/static/css/main.css"
		st.put(css, st.read(css)+fmt.Sprintf("\n/* edit %d */\n", st.n))
		return "css"
	case k < 19:
		if _, broken := st.good["site.yaml"]; !broken && rng.IntN(2) == 0 {
			cfg := st.read("site.yaml")
			if strings.Contains(cfg, "perPage: 3") {
				st.put("site.yaml", strings.Replace(cfg, "perPage: 3", "perPage: 4", 1))
			} else {
				st.put("site.yaml", strings.Replace(cfg, "perPage: 4", "perPage: 3", 1))
			}
			return "config"
		}
		good := st.read("site.yaml")
		if g, ok := st.good["site.yaml"]; ok {
			good = g
		}
		st.breakFile("site.yaml", good+[]string{"perPgae: 3\n", "title: [\n", "perPage: 0\n"}[rng.IntN(3)])
		return "break config"
	default:
		// Two articles saved at once.
		b := st.pick()
		st.put(a, text+"\nFirst of two.\n")
		if b != a && b != "" {
			st.put(b, st.read(b)+"\nSecond of two.\n")
		}
		return "two"
	}
}
