package build

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tearsheet/tearsheet/generator/lock"
)

// TestLockReadSettings checks that figures.lock records how each dataset
// is read: a published article whose only use of a dataset is a chart
// (no figure, no claim would show a change) is reported, with a dated
// revision on the page, when site.yaml reads the same file with other
// settings (missing), and --strict fails; a record written before the read
// settings were kept (format 2) warns once and reports nothing else.
func TestLockReadSettings(t *testing.T) {
	site := siteFS(t, "testdata/sites/claims")
	yaml := "title: \"Read settings\"\nbaseURL: \"https://example.org/\"\ndatasets:\n  prices:\n    file: content/data/prices.csv\n"
	site["site.yaml"] = &fstest.MapFile{Data: []byte(yaml)}
	site["content/posts/claims.md"] = &fstest.MapFile{Data: []byte("---\ntitle: \"Chart only\"\ndate: 2026-10-01\n---\nA chart.\n\n```chart\ndata: prices\ntitle: Small\nseries: [small]\n```\n")}
	_, res, err := buildMem(t, site, Options{RecordLock: true})
	if err != nil {
		t.Fatal(err)
	}
	rec := res.Lock.Articles["content/posts/claims.md"]
	if rec == nil || len(rec.Data) != 1 || !strings.HasPrefix(rec.Data[0].Read, "sha256:") {
		t.Fatalf("record %+v, want the data with the SHA-256 of how it is read:\n%s", rec, res.Lock.Bytes())
	}
	published := withFile(site, lock.File, res.Lock.Bytes())
	if _, res, err := buildMem(t, published, Options{}); err != nil || len(res.Warnings) != 0 {
		t.Fatalf("published: %v %q", err, res.Warnings)
	}

	// The same file, read with another missing value: the chart's numbers
	// change though neither the file nor the spec did.
	reread := withFile(published, "site.yaml", []byte(yaml+"    missing: [\"104\"]\n"))
	out, res, err := buildMem(t, reread, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "the data prices (content/data/prices.csv) is read with other settings of site.yaml"
	if w := strings.Join(res.Warnings, "\n"); !strings.Contains(w, "content/posts/claims.md: revised since publication (figures.lock): "+want) || !strings.Contains(w, "run tearsheet lock content/posts/claims.md") {
		t.Errorf("warnings lack %q:\n%s", want, w)
	}
	mustContain(t, "page", string(mustGet(t, out, "2026/10/claims/index.html")), "Automatic: "+want)
	if _, _, err := buildMem(t, reread, Options{Strict: true}); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("--strict: %v", err)
	}

	// Synthetic data shown as market data: the illustrative flag dropped.
	ill := withFile(published, "site.yaml", []byte(yaml+"    illustrative: true\n"))
	pub, res2, err := buildMem(t, withFile(ill, lock.File, nil), Options{RecordLock: true})
	if err != nil || pub == nil {
		t.Fatal(err)
	}
	_, res2, err = buildMem(t, withFile(withFile(ill, lock.File, res2.Lock.Bytes()), "site.yaml", []byte(yaml)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if w := strings.Join(res2.Warnings, "\n"); !strings.Contains(w, want) {
		t.Errorf("illustrative dropped: warnings lack %q:\n%s", want, w)
	}

	// A lock of format 2 says nothing of how data is read: one warning.
	l, err := lock.Parse(lock.File, published[lock.File].Data)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range l.Articles {
		for i := range a.Data {
			a.Data[i].Read = ""
		}
	}
	two := strings.Replace(string(l.Bytes()), "format \"3\"", "format \"2\"", 1)
	_, res, err = buildMem(t, withFile(reread, lock.File, []byte(two)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "figures.lock: written before tearsheet recorded how each dataset is read") {
		t.Errorf("format 2 lock: warnings %q", res.Warnings)
	}
}
