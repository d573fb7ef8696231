package content

import (
	"strings"
	"testing"
	"time"
)

func TestClaims(t *testing.T) {
	src := "---\ntitle: T\nclaims:\n  - \"{{ a.x | ytd }} < {{ a.y | ytd }}\"\n  - text: \"Above 5%\"\n    check: \"{{ ff.F | last }} > 5\"\n---\nbody\n"
	f, err := Parse("content/x.md", []byte(src), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	c := f.Meta.Claims
	if len(c) != 2 || c[0].Check != "{{ a.x | ytd }} < {{ a.y | ytd }}" || c[0].Line != 4 || c[0].Text != "" ||
		c[1].Text != "Above 5%" || c[1].Check != "{{ ff.F | last }} > 5" || c[1].Line != 6 {
		t.Fatalf("%+v", c)
	}
	for _, bad := range []struct{ fm, want string }{
		{"claims:\n  - text: x\n    chek: y\n", "content/x.md:5: claims: unknown key \"chek\""},
		{"claims:\n  - text: x\n", "content/x.md:4: claims: a claim needs check"},
		{"claims:\n  - [1, 2]\n", "content/x.md:4: a claim is a comparison"},
	} {
		_, err := Parse("content/x.md", []byte("---\ntitle: T\n"+bad.fm+"---\n"), time.UTC)
		if err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%q: err = %v, want %q", bad.fm, err, bad.want)
		}
	}
}
