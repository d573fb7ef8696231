package lock

import (
	"strings"
	"testing"

	"github.com/tearsheet/tearsheet/generator/internal/period"
)

func TestRoundTrip(t *testing.T) {
	l := New()
	a := &Article{}
	a.Add("shiller.PE10 | last | number:2", "30.81")
	a.Add(`shiller["Real Price"] | cagr`, "2.5%")
	a.Add("shiller.PE10 | last | number:2", "99") // a repeat keeps the first
	a.Data = []Data{{Name: "shiller", Through: "2023-09-01", Sum: "sha256:ab", Read: "sha256:cd"}, {Name: "old", Through: "2023-09-01", Sum: "sha256:ef"}}
	a.Claims = []Claim{{"{{ f.X | max }} > 5", "5.33 > 5"}}
	l.Articles["content/posts/b.md"] = a
	l.Articles["content/posts/a.md"] = &Article{Figures: []Figure{{"x.Y", "1\n2"}}}
	b := l.Bytes()
	if i, j := strings.Index(string(b), "a.md"), strings.Index(string(b), "b.md"); i > j {
		t.Errorf("articles not in path order:\n%s", b)
	}
	back, err := Parse(File, b)
	if err != nil {
		t.Fatal(err)
	}
	if string(back.Bytes()) != string(b) {
		t.Errorf("round trip changed the file:\n%s\n---\n%s", b, back.Bytes())
	}
	if v, ok := back.Articles["content/posts/b.md"].Figure("shiller.PE10 | last | number:2"); !ok || v != "30.81" {
		t.Errorf("figure %q %v", v, ok)
	}
	if back.Articles["content/posts/b.md"].Sum() != a.Sum() || a.Sum() == back.Articles["content/posts/a.md"].Sum() {
		t.Errorf("Sum does not follow the facts")
	}
}

func TestParseErrors(t *testing.T) {
	_, err := Parse("figures.lock", []byte("# c\nfigure \"a\" \"b\"\narticle \"x\"\nfigure \"a\"\nbogus 1\narticle \"x\"\n"))
	for _, want := range []string{"figures.lock:2: figure before the first article", "figures.lock:4: figure takes 2", "figures.lock:5: unknown line", "figures.lock:6: article \"x\" is listed twice"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("err %v lacks %q", err, want)
		}
	}
}

// TestParseHandEdits checks that a figures.lock edited by hand into
// something no tearsheet writes is an error at its line that says how to
// repair it, not advice to run tearsheet lock, which refuses such a file.
func TestParseHandEdits(t *testing.T) {
	sum := "sha256:" + strings.Repeat("ab", 32)
	src := "format \"2\"\n" +
		"article \"a.md\"\n" +
		"data \"d\" \"2024-13-01\" \"" + sum + "\"\n" +
		"data \"e\" \"2024-01-01\" \"sha256:zz10\"\n" +
		"chart \"c\" \"md5:00\"\n" +
		"figure \"d.X | last\" \"1.5\"\n" +
		"figure \"d.X | last\" \"1.6\"\n" +
		"article \"b.md\"\n" +
		"figure \"d.X | last\" \"1.5\"\n"
	_, err := Parse(File, []byte(src))
	for _, want := range []string{
		`figures.lock:3: data "d": last date "2024-13-01" is not a date`,
		`figures.lock:4: data "e": "sha256:zz10" is not a SHA-256`,
		`figures.lock:5: chart "c": "md5:00" is not a SHA-256`,
		`figures.lock:7: figure "d.X | last" is listed twice for this article`,
		"git checkout -- figures.lock",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("err %v lacks %q", err, want)
		}
	}
	if err != nil && (strings.Contains(err.Error(), "figures.lock:9") || strings.Contains(err.Error(), "run tearsheet lock")) {
		t.Errorf("err %v: the same figure in another article is fine, and tearsheet lock cannot repair the file", err)
	}
}

// FuzzParse checks that Parse never panics and that what it accepts
// writes back to bytes that parse to the same record.
func FuzzParse(f *testing.F) {
	f.Add([]byte("article \"a.md\"\nfigure \"x.Y | last\" \"1.5%\"\nrevision \"2024-01-02\" \"n\"\n"))
	f.Add([]byte("# c\narticle \"a\"\ndata \"d\" \"2024-01-01\" \"sha256:00\"\nclaim \"{{ a.b }} > 1\" \"2 > 1\"\n"))
	f.Add([]byte("article \"\\u00e9\" \nfigure \"a\" \"b\" \"c\"\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		l, err := Parse(File, src)
		if err != nil {
			return
		}
		b := l.Bytes()
		back, err := Parse(File, b)
		if err != nil {
			t.Fatalf("written lock does not parse: %v\n%s", err, b)
		}
		if string(back.Bytes()) != string(b) {
			t.Fatalf("round trip changed the lock:\n%s\n---\n%s", b, back.Bytes())
		}
	})
}

// TestCharts checks the chart records: a format line and chart lines round
// trip; a file without the format line records no charts; a newer format
// is refused; ChartChanges names each chart added, removed or redrawn.
func TestCharts(t *testing.T) {
	l := New()
	l.Articles["a.md"] = &Article{Charts: []Chart{{"spread", "sha256:02"}, {"prices", "sha256:01"}}}
	b := l.Bytes()
	if !strings.Contains(string(b), "format \"3\"\n\narticle \"a.md\"\nchart \"prices\" \"sha256:01\"\nchart \"spread\" \"sha256:02\"\n") {
		t.Fatalf("charts not written in id order after the format line:\n%s", b)
	}
	back, err := Parse(File, b)
	if err != nil || !back.HasCharts() || string(back.Bytes()) != string(b) {
		t.Fatalf("round trip: %v\n%s", err, back.Bytes())
	}
	old, err := Parse(File, []byte("article \"a.md\"\nfigure \"x.Y\" \"1\"\n"))
	if err != nil || old.HasCharts() || strings.Contains(string(old.Bytes()), "format") {
		t.Errorf("a file without a format line: %v, HasCharts %v\n%s", err, old.HasCharts(), old.Bytes())
	}
	for src, want := range map[string]string{
		"format \"4\"\n":                     "figures.lock:1: format 4 is newer than this tearsheet reads (3): update tearsheet",
		"format \"x\"\n":                     "figures.lock:1: format \"x\" is not a number",
		"article \"a\"\nformat \"2\"\n":      "figures.lock:2: format must be the first line",
		"article \"a\"\nchart \"only-id\"\n": "figures.lock:2: chart takes 2 quoted strings",
	} {
		if _, err := Parse(File, []byte(src)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q) = %v, want %q", src, err, want)
		}
	}
	was := []Chart{{"a", "sha256:1"}, {"b", "sha256:2"}, {"c", "sha256:3"}}
	now := []Chart{{"a", "sha256:1"}, {"b", "sha256:9"}, {"d", "sha256:4"}}
	got := strings.Join(ChartChanges(was, now), "; ")
	if want := `chart "b" drawn with other settings; chart "d" added; chart "c" removed`; got != want {
		t.Errorf("ChartChanges = %s, want %s", got, want)
	}
	if ch := Changes(&Article{Charts: was}, &Article{Charts: now}, false); len(ch) != 0 {
		t.Errorf("Changes of a record without charts compares charts: %v", ch)
	}
	if a, c := (&Article{Charts: was}).Sum(), (&Article{Charts: now}).Sum(); a == c {
		t.Error("Sum does not follow the charts")
	}
}

// TestDataChanges: a dataset whose file changed but runs through the same
// date is a changed file, not "through D (was through D)", which reads as
// if nothing changed; one that runs further says both dates.
func TestDataChanges(t *testing.T) {
	old := &Article{Data: []Data{{Name: "a", Through: "2024-03-01", Sum: "sha256:1"}, {Name: "b", Through: "2024-03-01", Sum: "sha256:2"}, {Name: "c", Through: "2024-03-01", Sum: "sha256:3"}}}
	// The precision is known of the data recorded now (a build's), not
	// of a record read from the file: both dates are written at it, as
	// a reader of the page's revision log reads dates.
	now := &Article{Data: []Data{{Name: "a", Through: "2024-03-01", Sum: "sha256:9"}, {Name: "b", Through: "2024-04-01", Sum: "sha256:8", Precision: period.Month}, {Name: "c", Through: "2024-03-01", Sum: "sha256:3"}}}
	got := strings.Join(Changes(old, now, true), "; ")
	if want := "data a changed (another SHA-256), through 1 March 2024 as before; data b through April 2024 (was through March 2024)"; got != want {
		t.Errorf("Changes = %s, want %s", got, want)
	}
}

// TestParseWhatLockWrites: what tearsheet lock may write parses: data
// without dates (no last date) and the same claim twice.
func TestParseWhatLockWrites(t *testing.T) {
	l := New()
	a := &Article{
		Data:   []Data{{Name: "table", Through: "", Sum: "sha256:00ff"}},
		Claims: []Claim{{Check: "a > 1", Value: "true"}, {Check: "a > 1", Value: "true"}},
	}
	a.Add("a.b | last", "1.00")
	l.Articles["content/posts/x.md"] = a
	if _, err := Parse(File, l.Bytes()); err != nil {
		t.Fatalf("Parse of what Bytes wrote: %v\n%s", err, l.Bytes())
	}
}

// TestDataRead checks the data line's SHA-256 of how the file is read
// (format 3): it is kept through a round trip, optional (a format 2 record
// has none), only read in a file of format 3, and a change of it alone is a
// change of the record.
func TestDataRead(t *testing.T) {
	sum, read := "sha256:"+strings.Repeat("ab", 32), "sha256:"+strings.Repeat("cd", 32)
	l, err := Parse(File, []byte("format \"3\"\narticle \"a.md\"\ndata \"d\" \"2024-01-01\" \""+sum+"\" \""+read+"\"\ndata \"e\" \"2024-01-01\" \""+sum+"\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if d := l.Articles["a.md"].Data; len(d) != 2 || d[0].Read != read || d[1].Read != "" {
		t.Fatalf("data %+v", d)
	}
	if l.HasReads() {
		t.Errorf("HasReads with a data line that has no read SHA-256")
	}
	if !strings.Contains(string(l.Bytes()), "data \"d\" \"2024-01-01\" \""+sum+"\" \""+read+"\"\n") {
		t.Errorf("read SHA-256 not written:\n%s", l.Bytes())
	}
	if _, err := Parse(File, []byte("format \"2\"\narticle \"a.md\"\ndata \"d\" \"2024-01-01\" \""+sum+"\" \""+read+"\"\n")); err == nil || !strings.Contains(err.Error(), "data takes 3 quoted strings") {
		t.Errorf("format 2 with 4 strings: %v", err)
	}
	was := &Article{Data: []Data{{Name: "d", Through: "2024-01-01", Sum: sum, Read: read}}}
	now := &Article{Data: []Data{{Name: "d", Through: "2024-01-01", Sum: sum, Read: "sha256:" + strings.Repeat("ef", 32)}}}
	if ch := Changes(was, now, true); len(ch) != 1 || !strings.Contains(ch[0], "data d read with other settings of site.yaml") {
		t.Errorf("changes %q", ch)
	}
	if was.Sum() == now.Sum() {
		t.Errorf("Sum does not follow the read SHA-256")
	}
}

// TestParseListsAtMost20: a file with a problem on every line (a CSV saved
// over figures.lock) lists 20 of them and counts the rest from the line
// of the first unlisted, not 200,000 lines of errors.
func TestParseListsAtMost20(t *testing.T) {
	var b strings.Builder
	b.WriteString("format \"2\"\n")
	for range 100000 {
		b.WriteString("Date,SP500\n")
	}
	_, err := Parse(File, []byte(b.String()))
	if err == nil {
		t.Fatal("no error")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != 21 || !strings.HasPrefix(lines[19], "figures.lock:21: unknown line") ||
		lines[20] != "figures.lock:22: 99980 more problems from this line on are not listed; fix the ones above to see the rest, or restore figures.lock from version control (git checkout -- figures.lock)" {
		t.Errorf("%d lines, ending %q", len(lines), lines[len(lines)-2:])
	}
	if _, err := Parse(File, []byte("format \"2\"\narticle \"a\"\narticle \"a\"\n")); err == nil || strings.Contains(err.Error(), "more problems") {
		t.Errorf("one problem: %v", err)
	}
}
