// Package lock reads and writes figures.lock, the record of what each
// published article showed when it was published: the text of each inline
// figure, the value of each front-matter claim, and the data its figures and
// charts were drawn from (each dataset's SHA-256 and last date), and the
// settings of each chart (the SHA-256 of its spec, figure.SpecSum).
//
// The format is text, one fact a line, articles in path order and facts in
// a fixed order within each, so the same record always gives the same
// bytes and a change reads well in a diff:
//
//	# figures.lock: ... (comments start with #)
//	format "2"
//
//	article "content/posts/cape.md"
//	data "shiller" "2023-09-01" "sha256:4f0c…" "sha256:77ab…"
//	chart "pe10" "sha256:9b1e…"
//	figure "shiller.PE10 | last | number:2" "30.81"
//	claim "{{ shiller.PE10 | last }} > 25" "30.81 > 25"
//	revision "2024-04-02" "{{ shiller.PE10 | last | number:2 }}: 30.81 → 31.50"
//
// A revision line is written when an article is recorded again with other
// values: the date it was recorded and what changed. Builds show it in the
// article's revision log.
//
// Every string is quoted as in Go, so any expression fits on one line.
//
// A data line holds the dataset's name, its last date, the SHA-256 of its
// file and (from format 3) the SHA-256 of how the file is read
// (figure.Set.ReadSum: the dataset's options of site.yaml, such as missing
// or columns), since the same file read with other options gives other
// numbers.
//
// A file without a format line was written before charts were recorded
// (format 1): its records say nothing of charts, which a build then does
// not compare, and tearsheet lock adds them. Likewise the data lines of a
// format 2 file say nothing of how the data is read: a build does not
// compare it, and tearsheet lock adds it to the records it keeps.
package lock

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tearsheet/tearsheet/generator/internal/period"
)

// File is the name of the lock file, in the site folder beside site.yaml.
const File = "figures.lock"

// Format is the format Bytes writes: 2 records charts, 3 how data is read.
const Format = 3

// Lock is the record of every locked article, by source path.
type Lock struct {
	// Format is the file's format: 1 for a file written before charts
	// were recorded, whose records have none.
	Format   int
	Articles map[string]*Article
	// Date is the day a record made by a build was made, 2006-01-02, on
	// the build's clock in the site's time zone: the date of the
	// revisions it adds. Files do not hold it.
	Date string
}

// HasCharts reports whether the records hold each article's charts.
func (l *Lock) HasCharts() bool { return l.Format >= 2 }

// HasReads reports whether every data line of the records says how its
// data is read (Data.Read).
func (l *Lock) HasReads() bool {
	for _, a := range l.Articles {
		for _, d := range a.Data {
			if d.Read == "" {
				return false
			}
		}
	}
	return true
}

// Article is what one article showed when it was published.
type Article struct {
	Data    []Data   // by name
	Figures []Figure // by expression
	Claims  []Claim  // by check
	Charts  []Chart  // by id
	// Revisions are the times the article was recorded again with other
	// values, oldest first.
	Revisions []Revision
}

// Revision is a dated record of values that changed.
type Revision struct {
	Date string // 2006-01-02
	Note string
}

// Data is a dataset an article's figures or charts read.
type Data struct {
	Name    string // as the article names it
	Through string // the last date of the table, 2006-01-02
	Sum     string // "sha256:" and the file's hash in hex
	// Read is "sha256:" and the hash of how the file is read
	// (figure.Set.ReadSum), "" in a record written before it was kept.
	Read string
	// Precision is how finely the table gives its dates, known when a
	// build records it (not written to the file): a revision note says
	// "through January 2024" of monthly data, as its pages do.
	Precision period.Precision
}

// through writes date, a Through of d's table, at d's precision: "January
// 2024", "15 October 2026"; as it is when it is not a date.
func (d Data) through(date string) string {
	t, err := time.Parse("2006-01-02", date)
	if err != nil {
		return date
	}
	return d.Precision.Format(t)
}

// Figure is an inline figure and the text it showed.
type Figure struct {
	Expr string // the text between {{ and }}, trimmed
	Text string
}

// Chart is a chart of an article and its settings.
type Chart struct {
	ID  string
	Sum string // "sha256:" and the hash of its spec in hex (figure.SpecSum)
}

// Claim is a front-matter claim and the comparison it showed.
type Claim struct {
	Check string
	Value string // such as "4.3% < 1.2%"
}

// New returns an empty Lock.
func New() *Lock { return &Lock{Format: Format, Articles: map[string]*Article{}} }

const header = "# figures.lock: what each published article showed when it was published\n" +
	"# (inline figures, claim values, the data its figures and charts were drawn from).\n" +
	"# Written by `tearsheet lock`; commit it. See README, \"Figures kept as published\".\n"

// Bytes returns l in the lock format; the same Lock always gives the same
// bytes.
func (l *Lock) Bytes() []byte {
	var b bytes.Buffer
	b.WriteString(header)
	if l.HasCharts() {
		fmt.Fprintf(&b, "format %s\n", strconv.Quote(strconv.Itoa(Format)))
	}
	paths := make([]string, 0, len(l.Articles))
	for p := range l.Articles {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		b.WriteString("\narticle " + strconv.Quote(p) + "\n")
		l.Articles[p].write(&b)
	}
	return b.Bytes()
}

func (a *Article) write(b *bytes.Buffer) {
	a.sort()
	for _, d := range a.Data {
		if d.Read == "" {
			fmt.Fprintf(b, "data %s %s %s\n", strconv.Quote(d.Name), strconv.Quote(d.Through), strconv.Quote(d.Sum))
			continue
		}
		fmt.Fprintf(b, "data %s %s %s %s\n", strconv.Quote(d.Name), strconv.Quote(d.Through), strconv.Quote(d.Sum), strconv.Quote(d.Read))
	}
	for _, c := range a.Charts {
		fmt.Fprintf(b, "chart %s %s\n", strconv.Quote(c.ID), strconv.Quote(c.Sum))
	}
	for _, f := range a.Figures {
		fmt.Fprintf(b, "figure %s %s\n", strconv.Quote(f.Expr), strconv.Quote(f.Text))
	}
	for _, c := range a.Claims {
		fmt.Fprintf(b, "claim %s %s\n", strconv.Quote(c.Check), strconv.Quote(c.Value))
	}
	for _, r := range a.Revisions {
		fmt.Fprintf(b, "revision %s %s\n", strconv.Quote(r.Date), strconv.Quote(r.Note))
	}
}

// Changes lists what differs from old to a: figures and claim values that
// changed, datasets whose content changed, and charts added, removed or
// drawn with other settings, each as a short phrase. charts says whether
// old records charts (Lock.HasCharts).
func Changes(old, a *Article, charts bool) []string {
	var out []string
	if charts {
		out = append(out, ChartChanges(old.Charts, a.Charts)...)
	}
	for _, d := range a.Data {
		for _, o := range old.Data {
			if o.Name == d.Name && o.Read != "" && d.Read != "" && o.Read != d.Read {
				out = append(out, fmt.Sprintf("data %s read with other settings of site.yaml", d.Name))
			}
			switch {
			case o.Name != d.Name || o.Sum == d.Sum:
			case o.Through == d.Through:
				// The file changed, not its dates: say so, rather than
				// "through D (was through D)".
				out = append(out, fmt.Sprintf("data %s changed (another SHA-256), through %s as before", d.Name, d.through(d.Through)))
			default:
				out = append(out, fmt.Sprintf("data %s through %s (was through %s)", d.Name, d.through(d.Through), d.through(o.Through)))
			}
		}
	}
	for _, f := range a.Figures {
		if was, ok := old.Figure(f.Expr); ok && was != f.Text {
			// The note is the page's too: a reader knows a figure by
			// its value and its data, not by the source's expression.
			out = append(out, fmt.Sprintf("the figure of %s: %s → %s", strings.TrimSpace(strings.Split(f.Expr, "|")[0]), was, f.Text))
		}
	}
	for _, c := range a.Claims {
		for _, o := range old.Claims {
			if o.Check == c.Check && o.Value != c.Value {
				out = append(out, fmt.Sprintf("claim %q: %s → %s", c.Check, o.Value, c.Value))
			}
		}
	}
	return out
}

// ChartChanges lists the charts of now that were has not, those of was
// that now has not, and those whose settings differ, by id.
func ChartChanges(was, now []Chart) []string {
	var out []string
	old := make(map[string]string, len(was))
	for _, c := range was {
		old[c.ID] = c.Sum
	}
	for _, c := range now {
		sum, ok := old[c.ID]
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("chart %q added", c.ID))
		case sum != c.Sum:
			out = append(out, fmt.Sprintf("chart %q drawn with other settings", c.ID))
		}
		delete(old, c.ID)
	}
	for _, c := range was {
		if _, gone := old[c.ID]; gone {
			out = append(out, fmt.Sprintf("chart %q removed", c.ID))
		}
	}
	return out
}

func (a *Article) sort() {
	sort.Slice(a.Data, func(i, j int) bool { return a.Data[i].Name < a.Data[j].Name })
	sort.Slice(a.Figures, func(i, j int) bool { return a.Figures[i].Expr < a.Figures[j].Expr })
	sort.Slice(a.Charts, func(i, j int) bool { return a.Charts[i].ID < a.Charts[j].ID })
	sort.Slice(a.Claims, func(i, j int) bool { return a.Claims[i].Check < a.Claims[j].Check })
	sort.SliceStable(a.Revisions, func(i, j int) bool { return a.Revisions[i].Date < a.Revisions[j].Date })
}

// Sum identifies what a records, for the keys of caches: two Articles
// with the same facts have the same Sum. A nil Article has the Sum "".
func (a *Article) Sum() string {
	if a == nil {
		return ""
	}
	var b bytes.Buffer
	a.write(&b)
	h := sha256.Sum256(b.Bytes())
	return hex.EncodeToString(h[:])
}

// Figure returns the text recorded for the inline figure expr.
func (a *Article) Figure(expr string) (string, bool) {
	if a == nil {
		return "", false
	}
	for _, f := range a.Figures {
		if f.Expr == expr {
			return f.Text, true
		}
	}
	return "", false
}

// Add records a figure, once however often the article repeats it.
func (a *Article) Add(expr, text string) {
	if _, ok := a.Figure(expr); !ok {
		a.Figures = append(a.Figures, Figure{expr, text})
	}
}

// Parse reads a lock file; name is its name in errors, which give
// name:line and are all reported together.
func Parse(name string, src []byte) (*Lock, error) {
	l := New()
	l.Format = 1
	var cur *Article
	var seen map[string]bool // the facts of cur read so far, by kind and name
	var errs []error
	unlisted, unlistedFrom := 0, 0 // the problems past maxListed, from line unlistedFrom
	for i, line := range strings.Split(string(src), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fail := func(format string, args ...any) {
			if len(errs) == maxListed {
				if unlisted++; unlistedFrom == 0 {
					unlistedFrom = i + 1
				}
				return
			}
			errs = append(errs, fmt.Errorf("%s:%d: %s (%s)", name, i+1, fmt.Sprintf(format, args...), fixHint))
		}
		kind, rest, _ := strings.Cut(line, " ")
		want := map[string]int{"format": 1, "article": 1, "data": 3, "chart": 2, "figure": 2, "claim": 2, "revision": 2}[kind]
		if want == 0 {
			fail("unknown line %q: lines start with format, article, data, chart, figure, claim or revision", kind)
			continue
		}
		args, err := quoted(rest)
		if kind == "data" && len(args) == 4 && l.Format >= 3 {
			want = 4 // the SHA-256 of how the file is read
		}
		if err != nil || len(args) != want {
			if kind == "data" && l.Format >= 3 {
				fail("data takes 3 or 4 quoted strings")
				continue
			}
			fail("%s takes %d quoted strings", kind, want)
			continue
		}
		if kind == "format" {
			n, err := strconv.Atoi(args[0])
			switch {
			case cur != nil || l.Format != 1:
				fail("format must be the first line, once")
			case err != nil || n < 1:
				fail("format %q is not a number such as 2", args[0])
			case n > Format:
				fail("format %d is newer than this tearsheet reads (%d): update tearsheet", n, Format)
			default:
				l.Format = n
			}
			continue
		}
		if kind == "article" {
			if _, dup := l.Articles[args[0]]; dup {
				fail("article %q is listed twice", args[0])
			}
			cur = &Article{}
			l.Articles[args[0]] = cur
			seen = map[string]bool{}
			continue
		}
		if cur == nil {
			fail("%s before the first article line", kind)
			continue
		}
		// A fact listed twice for one article would leave the value at
		// publication to whichever line is read first: say so instead.
		// (Claims and revisions are lists: the same claim twice in front
		// matter is recorded twice.)
		if kind != "revision" && kind != "claim" && seen[kind+"\x00"+args[0]] {
			fail("%s %q is listed twice for this article", kind, args[0])
			continue
		}
		seen[kind+"\x00"+args[0]] = true
		switch kind {
		case "data":
			if _, err := time.Parse("2006-01-02", args[1]); err != nil && args[1] != "" { // "": data without dates
				fail("data %q: last date %q is not a date such as 2024-04-02", args[0], args[1])
				continue
			}
			if !validSum(args[2]) {
				fail("data %q: %q is not a SHA-256: \"sha256:\" and lower-case hex digits", args[0], args[2])
				continue
			}
			d := Data{Name: args[0], Through: args[1], Sum: args[2]}
			if len(args) == 4 {
				if !validSum(args[3]) {
					fail("data %q: %q is not a SHA-256 of how it is read: \"sha256:\" and lower-case hex digits", args[0], args[3])
					continue
				}
				d.Read = args[3]
			}
			cur.Data = append(cur.Data, d)
		case "chart":
			if !validSum(args[1]) {
				fail("chart %q: %q is not a SHA-256: \"sha256:\" and lower-case hex digits", args[0], args[1])
				continue
			}
			cur.Charts = append(cur.Charts, Chart{args[0], args[1]})
		case "figure":
			cur.Figures = append(cur.Figures, Figure{args[0], args[1]})
		case "claim":
			cur.Claims = append(cur.Claims, Claim{args[0], args[1]})
		case "revision":
			if _, err := time.Parse("2006-01-02", args[0]); err != nil {
				fail("revision date %q is not a date such as 2024-04-02", args[0])
				continue
			}
			cur.Revisions = append(cur.Revisions, Revision{args[0], args[1]})
		}
	}
	if unlisted > 0 {
		errs = append(errs, fmt.Errorf("%s:%d: %d more problems from this line on are not listed; fix the ones above to see the rest, or restore figures.lock from version control (git checkout -- figures.lock)", name, unlistedFrom, unlisted))
	}
	return l, errors.Join(errs...)
}

// maxListed is the most problems of a figures.lock that Parse lists: a
// file that is not a lock at all (a CSV saved over it, say) has one on
// every line.
const maxListed = 20

// fixHint ends every error of Parse. tearsheet lock reads the file before
// it writes it, so it cannot repair a file that does not parse; and a file
// written afresh would record today's values as the published ones.
const fixHint = "correct the line by hand (README, \"Figures kept as published\", shows the format) or restore " +
	"figures.lock from version control (git checkout -- figures.lock): tearsheet lock does not rewrite a file it cannot read"

// validSum reports whether s is "sha256:" and lower-case hex digits, as
// Bytes writes a file's or a spec's hash.
func validSum(s string) bool {
	hexDigits, ok := strings.CutPrefix(s, "sha256:")
	if !ok || hexDigits == "" {
		return false
	}
	for _, r := range hexDigits {
		if !strings.ContainsRune("0123456789abcdef", r) {
			return false
		}
	}
	return true
}

// quoted splits s into Go-quoted strings separated by spaces.
func quoted(s string) ([]string, error) {
	var out []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		q, err := strconv.QuotedPrefix(s)
		if err != nil {
			return nil, err
		}
		u, err := strconv.Unquote(q)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
		s = s[len(q):]
	}
	return out, nil
}
