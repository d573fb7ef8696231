package build

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tearsheet/tearsheet/generator/internal/period"
	"github.com/tearsheet/tearsheet/generator/lock"
)

// numbersSite is a small site whose published article reads a dataset
// through an inline figure and states a claim, with a revision of its
// own in its front matter dated after its publication.
func numbersSite() fstest.MapFS {
	return fstest.MapFS{
		"site.yaml": {Data: []byte(`title: Numbers
baseURL: https://example.com/
timezone: UTC
datasets:
  rates:
    file: content/data/rates.csv
    source: "Rates, Example Bureau"
`)},
		"content/data/rates.csv": {Data: []byte("date,r\n2020-01-01,1.00\n2020-02-01,2.00\n2020-03-01,3.00\n")},
		"content/posts/a.md": {Data: []byte(`---
title: "Rates"
date: 2024-01-10
claims:
  - text: "Rates ended above two."
    check: "{{ rates.r | last }} > 2"
updates:
  - date: 2024-03-01
    note: "Clarified the second paragraph."
---
Rates were {{ rates.r | range:2020-02..2020-02 | last | number:2 }} in February.
`)},
	}
}

// lockNumbers records figures.lock of fsys as a build sees it now.
func lockNumbers(t *testing.T, fsys fstest.MapFS) {
	t.Helper()
	_, res, err := buildMem(t, fsys, Options{RecordLock: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Lock == nil || res.Lock.Articles["content/posts/a.md"] == nil {
		t.Fatal("the lock has no record of content/posts/a.md")
	}
	fsys[lock.File] = &fstest.MapFile{Data: res.Lock.Bytes()}
}

// revisedNumbers builds numbersSite as figures.lock records it, then
// with February's rate revised from 2.00 to 2.50, and returns the page of
// its article.
func revisedNumbers(t *testing.T) []byte {
	t.Helper()
	fsys := numbersSite()
	lockNumbers(t, fsys)
	fsys["content/data/rates.csv"] = &fstest.MapFile{Data: []byte("date,r\n2020-01-01,1.00\n2020-02-01,2.50\n2020-03-01,3.00\n")}
	mem, _, err := buildMem(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return mustGet(t, mem, "2024/01/a/index.html")
}

// TestAutomaticRevisionAfterUpdates: a data revision of an article that
// keeps its figures is dated no earlier than the last entry of the
// article's own updates, which readers saw with the values as recorded:
// the log reads in order, and the entry does not claim the figure
// changed before a revision that still showed the old one.
func TestAutomaticRevisionAfterUpdates(t *testing.T) {
	page := string(revisedNumbers(t))
	i := strings.Index(page, "Automatic: ")
	if i < 0 {
		t.Fatalf("no automatic revision:\n%s", page)
	}
	entry := page[strings.LastIndex(page[:i], "<li>"):i]
	if !strings.Contains(entry, "1 March 2024") {
		t.Errorf("the automatic revision is dated %q, before the front matter's revision of 1 March 2024", entry)
	}
}

// TestEmailEditionShowsDataNotes: the email edition, which is sent as
// it is, carries what the page and the feeds show about the data
// besides the text: the notice of a claim that no longer holds, and the
// revision log with its automatic entry for a revised figure. Without
// them a reader of the email reads a claim the data no longer bears
// out, and a figure "at publication" with no revision saying why.
func TestEmailEditionShowsDataNotes(t *testing.T) {
	fsys := numbersSite()
	lockNumbers(t, fsys)
	// February revised, and the last value now fails the claim.
	fsys["content/data/rates.csv"] = &fstest.MapFile{Data: []byte("date,r\n2020-01-01,1.00\n2020-02-01,2.50\n2020-03-01,1.50\n")}
	mem, _, err := buildMem(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"2024/01/a/index.html", "2024/01/a/email.html", "2024/01/a/email.txt"} {
		page := string(mustGet(t, mem, name))
		for _, want := range []string{"this claim no longer holds", "Clarified the second paragraph.", "Automatic: ", "2.00 at publication; 2.50 on data through"} {
			if !strings.Contains(page, want) {
				t.Errorf("%s lacks %q", name, want)
			}
		}
	}
}

// TestEditedFigureOfLockedArticle: editing the expression of an inline
// figure of a published article that keeps its figures changes the number
// readers see, with nothing in figures.lock to compare it with. The build
// warns, naming the article and the figure (an error with Strict), rather
// than let the number change silently; figures in code (spans, fenced and
// indented blocks) stay literal and are not figures: what the converter
// computed is what is compared with the record.
func TestEditedFigureOfLockedArticle(t *testing.T) {
	fsys := numbersSite()
	fsys["content/posts/a.md"].Data = append(fsys["content/posts/a.md"].Data, []byte("\nWrite `{{ rates.r | last }}` for the latest.\n\n```text\n{{ rates.r | first }}\n```\n\nAn indented block is code too:\n\n    {{ rates.r | max }}\n")...)
	lockNumbers(t, fsys)
	if _, res, err := buildMem(t, fsys, Options{Strict: true}); err != nil {
		t.Fatalf("the premise: as recorded, the article builds with --strict: %v", err)
	} else if len(res.Warnings) > 0 {
		t.Fatalf("the premise: as recorded, the article builds without a warning: %q", res.Warnings)
	}
	src := string(fsys["content/posts/a.md"].Data)
	fsys["content/posts/a.md"] = &fstest.MapFile{Data: []byte(strings.Replace(src, "range:2020-02..2020-02", "range:2020-03..2020-03", 1))}
	_, res, err := buildMem(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "content/posts/a.md: published, but figures.lock has no record of {{ rates.r | range:2020-03..2020-03 | last | number:2 }}"
	if len(res.Warnings) != 1 || !strings.HasPrefix(res.Warnings[0], want) {
		t.Errorf("warnings %q, want one starting %q", res.Warnings, want)
	}
	if _, _, err := buildMem(t, fsys, Options{Strict: true}); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("strict build: %v, want an error starting %q", err, want)
	}
}

// TestLockDateInSiteZone: the date of a record, which dates the revisions
// tearsheet lock adds, is the build's day in the site's time zone, not in
// UTC: 20:00 UTC on 1 March is already 2 March in Auckland.
func TestLockDateInSiteZone(t *testing.T) {
	fsys := numbersSite()
	fsys["site.yaml"].Data = []byte(strings.Replace(string(fsys["site.yaml"].Data), "timezone: UTC", "timezone: Pacific/Auckland", 1))
	now := time.Date(2024, 3, 1, 20, 0, 0, 0, time.UTC)
	_, res, err := buildMem(t, fsys, Options{RecordLock: true, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if res.Lock.Date != "2024-03-02" {
		t.Errorf("record dated %q, want 2024-03-02 (the day in Pacific/Auckland)", res.Lock.Date)
	}
}

// TestDataRevisionWarns: a plain build of a published article whose data
// was revised since publication (February's rate 2.00 became 2.50, the
// file still ends in March) tells whoever runs it, not only the reader of
// the page: one warning naming the article, the dataset and its file, the
// figure's two values and how to record them. The data's note does not
// call the same last date a new one ("now runs through 2020-03-01,
// against 2020-03-01"): it says the values were revised.
func TestDataRevisionWarns(t *testing.T) {
	fsys := numbersSite()
	lockNumbers(t, fsys)
	if _, res, err := buildMem(t, fsys, Options{}); err != nil || len(res.Warnings) > 0 {
		t.Fatalf("the premise: as recorded, the article builds without a warning: %v %q", err, res.Warnings)
	}
	fsys["content/data/rates.csv"] = &fstest.MapFile{Data: []byte("date,r\n2020-01-01,1.00\n2020-02-01,2.50\n2020-03-01,3.00\n")}
	mem, res, err := buildMem(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) != 1 {
		t.Fatalf("warnings %q, want one for the revised article", res.Warnings)
	}
	w := res.Warnings[0]
	for _, want := range []string{"content/posts/a.md: revised since publication", "rates (content/data/rates.csv) changed since publication", "was 2.00 at publication and is 2.50", "run tearsheet lock content/posts/a.md"} {
		if !strings.Contains(w, want) {
			t.Errorf("warning %q lacks %q", w, want)
		}
	}
	page := string(mustGet(t, mem, "2024/01/a/index.html"))
	if strings.Contains(page, "against 2020-03-01 at publication") || strings.Contains(page, "against March 2020 at publication") {
		t.Errorf("the revision calls the same last date a new one:\n%s", page)
	}
	if !strings.Contains(page, "changed since publication (another SHA-256), through March 2020 as then") { // monthly data: its month, as charts say it
		t.Errorf("the page's revision does not say the data's file changed")
	}
	// tearsheet lock reports what differs from each record itself, and
	// records it: its build does not warn of it too.
	_, res, err = buildMem(t, fsys, Options{RecordLock: true})
	if err != nil || len(res.Warnings) > 0 {
		t.Fatalf("recording the lock: %v, warnings %q, want none", err, res.Warnings)
	}
	// The record knows the data is monthly, so that tearsheet lock's
	// revision note says "through March 2020", as the page does.
	if rec := res.Lock.Articles["content/posts/a.md"]; rec == nil || len(rec.Data) != 1 || rec.Data[0].Precision != period.Month {
		t.Errorf("the record of the monthly data: %+v, want its precision Month", rec)
	}
}

// TestDataRewrittenSameValues: a data file saved again with the same
// values (a byte order mark, CRLF line endings, a trailing blank line,
// rows out of order) has another SHA-256 but no figure moved: the build
// warns that the file changed, and neither the warning nor the page says
// the values changed, nor that the page shows values at publication
// beside current ones, which it does not.
func TestDataRewrittenSameValues(t *testing.T) {
	fsys := numbersSite()
	lockNumbers(t, fsys)
	fsys["content/data/rates.csv"] = &fstest.MapFile{Data: []byte("\ufeffdate,r\r\n2020-02-01,2.00\r\n2020-01-01,1.00\r\n2020-03-01,3.00\r\n\r\n")}
	mem, res, err := buildMem(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "rates (content/data/rates.csv) changed since publication") {
		t.Fatalf("warnings %q, want one saying the data's file changed", res.Warnings)
	}
	page := string(mustGet(t, mem, "2024/01/a/index.html"))
	for _, text := range []string{res.Warnings[0], page} {
		for _, wrong := range []string{"other values", "at publication beside", " at publication; "} {
			if strings.Contains(text, wrong) {
				t.Errorf("%q says %q, but no value changed", text[:min(len(text), 200)], wrong)
			}
		}
	}
	if _, items, _ := figureNotes(t, []byte(page)); len(items) != 1 || !strings.HasPrefix(items[0], "2.00: ") {
		t.Errorf("the figure is listed as %q, want 2.00 as published", items)
	}
}
