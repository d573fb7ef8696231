package content

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tearsheet/tearsheet/generator/internal/term"
)

// TestAliasPaths: an alias is a URL path, so its percent-escapes are
// decoded (the redirect goes where a server looks for the address); one
// with a control character, an escaped slash, a bad escape or a . part,
// or that is the home page, is an error at its line saying what to write.
func TestAliasPaths(t *testing.T) {
	src := "---\ntitle: T\ndate: 2024-01-01\naliases:\n" +
		"  - /caf%C3%A9/\n" + // 5
		"  - \"/a\\nb/\"\n" + // 6
		"  - \"/c\\td/\"\n" + // 7
		"  - /./\n" + // 8
		"  - /a/./b/\n" + // 9
		"  - /x%2Fy/\n" + // 10
		"  - /p%zz/\n" + // 11
		"  - /q%0A/\n" + // 12
		"  - /%2e%2e/etc/\n" + // 13
		"  - /old/\n" + // 14
		"---\nText.\n"
	want := []string{
		`content/posts/f.md:6: alias "/a\nb/" holds a control character (a line break or a tab, written \n or \t in quotes), which no address has: delete it`,
		`content/posts/f.md:7: alias "/c\td/" holds a control character (a line break or a tab, written \n or \t in quotes), which no address has: delete it`,
		`content/posts/f.md:8: alias "/./" is the site's home page, which a redirect would replace: delete it, or write the page's old address, as in aliases: [/old/post/]`,
		`content/posts/f.md:9: alias "/a/./b/" has an empty or . part, which a web server drops from the address: write /a/b/`,
		`content/posts/f.md:10: alias "/x%2Fy/" holds an escaped slash (%2F or %5C), which web servers read differently: write the path with / between its folders`,
		`content/posts/f.md:11: alias "/p%zz/" holds a % that does not start an escape of two hex digits (%C3%A9): write %25 for a percent sign`,
		`content/posts/f.md:12: alias "/q%0A/" holds an escaped control character (%0A, a line break, or %09, a tab), which no page's address has: delete it`,
		`content/posts/f.md:13: alias "/%2e%2e/etc/" must be a site path starting with / such as /old/post/, without .. or //, escaped or not`,
	}
	fsys := fstest.MapFS{"content/posts/f.md": {Data: []byte(src)}}
	_, err := Load(fsys, Options{})
	if got := term.Flatten(err); !slices.Equal(got, want) {
		t.Errorf("Load reports\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	fsys = fstest.MapFS{"content/posts/f.md": {Data: []byte("---\ntitle: T\ndate: 2024-01-01\naliases: [/caf%C3%A9/, /old/, /ok%20go/]\n---\nText.\n")}}
	files, err := Load(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := files[0].Meta.Aliases; !slices.Equal(got, []string{"/café/", "/old/", "/ok go/"}) {
		t.Errorf("aliases %q, want their escapes decoded", got)
	}
}

// TestAliasFragmentQuery: an alias with a # part or a query (Hugo's
// aliases copied from a link to a heading, or an old dynamic address)
// is an error at its line that says which address serves it and what to
// write: no file of a static site can be for a fragment, which a browser
// never sends, or a query, which a static host ignores.
func TestAliasFragmentQuery(t *testing.T) {
	src := "---\ntitle: T\ndate: 2024-01-01\naliases:\n" +
		"  - /old/page/#part\n" + // 5
		"  - /old?x=1\n" + // 6
		"  - /old/page/?x=1#y\n" + // 7
		"  - \"/old/#\"\n" + // 8
		"  - /a/../b/#c\n" + // 9: the path is wrong too
		"  - /?p=12\n" + // 10: the home page's query
		"---\nText.\n"
	want := []string{
		`content/posts/f.md:5: alias "/old/page/#part": a browser never sends the part from # to the server, so an alias /old/page/ serves this address too: write /old/page/`,
		`content/posts/f.md:6: alias "/old?x=1": a static host serves the same file whatever follows ?, so an alias /old serves this address too: write /old`,
		`content/posts/f.md:7: alias "/old/page/?x=1#y": a static host serves the same file whatever follows ?, so an alias /old/page/ serves this address too: write /old/page/`,
		`content/posts/f.md:8: alias "/old/#": a browser never sends the part from # to the server, so an alias /old/ serves this address too: write /old/`,
		`content/posts/f.md:9: alias "/a/../b/#c" must be a site path starting with / such as /old/post/, without .., //, ?, # or \`,
		`content/posts/f.md:10: alias "/?p=12" must be a site path starting with / such as /old/post/, without .., //, ?, # or \`,
	}
	fsys := fstest.MapFS{"content/posts/f.md": {Data: []byte(src)}}
	_, err := Load(fsys, Options{})
	if got := term.Flatten(err); !slices.Equal(got, want) {
		t.Errorf("Load reports\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
