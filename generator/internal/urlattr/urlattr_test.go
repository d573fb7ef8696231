package urlattr

import (
	"strings"
	"testing"
)

func TestRewrite(t *testing.T) {
	up := func(ref string) string {
		if strings.HasPrefix(ref, "/") {
			return "/base" + ref
		}
		return ref
	}
	for _, tc := range []struct{ in, want string }{
		// Only an <object>'s data is a URL.
		{`<object data="/a.pdf"></object><div data="/x">`, `<object data="/base/a.pdf"></object><div data="/x">`},
		// A srcset none of whose URLs changes is kept as written.
		{`<img srcset="a.png 1x,b.png  2x">`, `<img srcset="a.png 1x,b.png  2x">`},
		{`<img srcset="/a.png 1x,b.png  2x">`, `<img srcset="/base/a.png 1x, b.png 2x">`},
		// A tag cut short at the end is kept, not dropped.
		{"<a href=\"/x\">x</a>\n<div", "<a href=\"/base/x\">x</a>\n<div"},
		{"text <!-- c --> &amp; <br/>", "text <!-- c --> &amp; <br/>"},
	} {
		got, err := Rewrite([]byte(tc.in), up)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tc.want {
			t.Errorf("Rewrite(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

func TestCheckImage(t *testing.T) {
	for ref, ok := range map[string]bool{
		"/img/card.png":                true,
		"card.png":                     true,
		"../shared/card.png":           true,
		"https://example.com/card.png": true,
		"http://example.com/card.png":  true,
		"javascript:alert(2)":          false,
		" JavaScript:alert(2)":         false,
		"data:image/png;base64,iVBOR":  false,
		"data:text/html,<script>":      false,
		"file:///etc/passwd":           false,
		"vbscript:x":                   false,
		"//cdn.example.com/card.png":   false,
		"https:///card.png":            false,
		"ftp://example.com/card.png":   false,
		"mailto:someone@example.com":   false,
	} {
		if err := CheckImage(ref); (err == nil) != ok {
			t.Errorf("CheckImage(%q) = %v, want ok %v", ref, err, ok)
		}
	}
}
