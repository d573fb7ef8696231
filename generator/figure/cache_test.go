package figure

import (
	"os"
	"path/filepath"
	"testing"
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
