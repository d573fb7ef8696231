package build

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tearsheet/tearsheet/generator/output"
)

// TestThemeAndContentErrorsTogether: a broken template and a broken chart
// are reported by the same build, a Session's as well as Build's, so an
// author fixes both at once rather than learning of the second after
// fixing the first.
func TestThemeAndContentErrorsTogether(t *testing.T) {
	fsys := exampleFS(t)
	const tmpl = "themes/default/templates/partials/footer.html"
	fsys[tmpl] = &fstest.MapFile{Data: append([]byte("{{ .Nope "), fsys[tmpl].Data...)}
	fsys["content/posts/broken.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Broken\ndate: 2024-01-01\n---\n\n```chart\ndata: shiller\ny: x\n```\n")}
	wants := []string{tmpl + ":1:", "content/posts/broken.md:8: chart:"}
	check := func(who string, err error) {
		t.Helper()
		if err == nil {
			t.Fatalf("%s: the build succeeded", who)
		}
		for _, w := range wants {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: the errors lack %q:\n%v", who, w, err)
			}
		}
	}
	_, err := Build(context.Background(), fsys, Options{Now: fixedNow}, output.NewMemory())
	check("Build", err)
	_, _, err = NewSession(fsys, Options{Now: fixedNow}).Build(context.Background(), nil)
	check("Session", err)
}
