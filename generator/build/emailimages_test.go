package build

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writePNG writes a w×h PNG at name under dir.
func writePNG(t *testing.T, dir, name string, w, h int) {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestEmailBundleImageSizes: an image of the article's bundle is given
// width and height in its email edition, from its file, at most the
// message's column (552 px) wide: Outlook for Windows shows an image
// without them at its file's size, and a 1600×800 PNG widened the whole
// 600 px message. A Session that is told the file changed (another
// size) sizes it anew, as a fresh build does.
func TestEmailBundleImageSizes(t *testing.T) {
	dir := basicSite(t)
	e := editor{t, dir}
	const md, img = "content/posts/rates-bundle/index.md", "content/posts/rates-bundle/wide.png"
	e.edit(md, "## The data", "![A wide figure](wide.png)\n\n## The data")
	writePNG(t, dir, img, 1600, 800)
	s := NewSession(os.DirFS(dir), Options{Now: fixedNow})
	const email = "2024/03/rates-bundle/email.html"
	check := func(changed []string, want string) {
		t.Helper()
		_, mem, err := s.Build(context.Background(), changed)
		if err != nil {
			t.Fatal(err)
		}
		got := string(mustGet(t, mem, email))
		if !strings.Contains(got, want) {
			i := strings.Index(got, "wide.png")
			t.Errorf("%s: want %s, got %s", email, want, got[max(0, i-80):min(len(got), i+160)])
		}
		fresh, _, err := buildMem(t, os.DirFS(dir), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(mustGet(t, fresh, email), []byte(got)) {
			t.Errorf("%s: the Session's differs from a fresh build's", email)
		}
	}
	check(nil, `<img src="https://example.org/research/2024/03/rates-bundle/wide.png" alt="A wide figure" width="552" height="276" style="max-width:100%;height:auto;border:0;">`)
	writePNG(t, dir, img, 300, 600)
	check([]string{img}, `alt="A wide figure" width="300" height="600" style=`)
}
