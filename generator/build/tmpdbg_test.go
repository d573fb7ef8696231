package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/internal/corpus"
	"github.com/tearsheet/tearsheet/generator/output"
)

func TestTmpDbg(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Write(dir, corpus.Options{Articles: 4, Charts: true, Seed: 1, Theme: filepath.Join(repoRoot, "themes/default")}); err != nil {
		t.Fatal(err)
	}
	s := NewSession(os.DirFS(dir), Options{BaseURL: "http://x/", Cache: figure.NewMemCache()})
	_, mem, err := s.Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := output.NewMemory()
	if _, err := Build(context.Background(), os.DirFS(dir), Options{BaseURL: "http://x/", Cache: figure.NewMemCache()}, want); err != nil {
		t.Fatal(err)
	}
	for _, n := range want.Names() {
		a, _ := want.Get(n)
		b, ok := mem.Get(n)
		if !ok || !bytes.Equal(a, b) {
			t.Errorf("%s differs (%v)", n, ok)
			if ok {
				i := 0
				for i < len(a) && i < len(b) && a[i] == b[i] {
					i++
				}
				t.Logf("at %d:\nfresh: %.300s\nsess:  %.300s", i, a[max(i-100, 0):], b[max(i-100, 0):])
			}
			return
		}
	}
}
