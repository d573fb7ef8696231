package figure

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestDirCache(t *testing.T) {
	c := DirCache{Dir: filepath.Join(t.TempDir(), ".cache", "charts")} // made by the first Put
	if _, ok := c.Get("k"); ok {
		t.Fatal("found a key in an empty cache")
	}
	for _, v := range []string{"one", "two"} {
		if err := c.Put("k", []byte(v)); err != nil {
			t.Fatal(err)
		}
		if b, ok := c.Get("k"); !ok || string(b) != v {
			t.Errorf("Get = %q, %t; want %q", b, ok, v)
		}
	}
	if ents, _ := os.ReadDir(c.Dir); len(ents) != 1 {
		t.Errorf("%d files in the cache, want 1 (no temporary files left)", len(ents))
	}
}

// TestDirCacheTrim checks that Trim removes what no build used for
// unusedFor, and temporary files a killed build left, at most once per
// trimEvery; and that Get marks a file used.
func TestDirCacheTrim(t *testing.T) {
	c := DirCache{Dir: t.TempDir()}
	now := time.Now()
	age := func(name string, d time.Duration) {
		t.Helper()
		if err := os.Chtimes(filepath.Join(c.Dir, name), now.Add(-d), now.Add(-d)); err != nil {
			t.Fatal(err)
		}
	}
	for _, k := range []string{"used", "unused", "recent", "new.png"} {
		if err := c.Put(k, []byte(k)); err != nil {
			t.Fatal(err)
		}
	}
	tmp := filepath.Join(c.Dir, tempPrefix+"1")
	if err := os.WriteFile(tmp, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(c.Dir, "folder"), 0o755); err != nil {
		t.Fatal(err)
	}
	age("used", 6*24*time.Hour)
	age("unused", 6*24*time.Hour)
	age("recent", 4*24*time.Hour)
	age(tempPrefix+"1", 2*time.Hour)
	age("folder", 30*24*time.Hour)
	if b, ok := c.Get("used"); !ok || string(b) != "used" {
		t.Fatalf("Get(used) = %q, %t", b, ok)
	}
	if err := c.Trim(now); err != nil {
		t.Fatal(err)
	}
	if got, want := names(t, c.Dir), "folder new.png recent trim.txt used"; got != want {
		t.Errorf("after Trim: %s; want %s", got, want)
	}
	// The next Trim within a day does nothing; one a day later does.
	age("recent", 6*24*time.Hour)
	if err := c.Trim(now.Add(23 * time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got := names(t, c.Dir); !strings.Contains(got, "recent") {
		t.Errorf("a second Trim within a day removed files: %s", got)
	}
	if err := c.Trim(now.Add(25 * time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got, want := names(t, c.Dir), "folder new.png trim.txt used"; got != want {
		t.Errorf("after a Trim a day later: %s; want %s", got, want)
	}
	// A cache never written has nothing to trim.
	if err := (DirCache{Dir: filepath.Join(c.Dir, "none")}).Trim(now); err != nil {
		t.Errorf("Trim of a missing folder: %v", err)
	}
}

func names(t *testing.T, dir string) string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	return strings.Join(out, " ")
}
