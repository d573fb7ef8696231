package build

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestStaticOSJunk: the files Windows Explorer writes into every folder
// it shows pictures of (Thumbs.db, ehthumbs.db, desktop.ini) are not
// published from static/ or content/, as macOS's .DS_Store is not; the
// files beside them are.
func TestStaticOSJunk(t *testing.T) {
	fsys := siteFS(t, "testdata/sites/basic")
	for _, name := range []string{"static/Thumbs.db", "static/img/desktop.ini", "static/img/ehthumbs.db", "static/img/thumbs.db", "static/img/logo.txt", "static/.DS_Store", "static/.well-known/security.txt", "content/files/Thumbs.db", "content/files/report.txt"} {
		fsys[name] = &fstest.MapFile{Data: []byte(name + "\n")}
	}
	mem, _, err := buildMem(t, fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"img/logo.txt", ".well-known/security.txt", "files/report.txt"} {
		if _, ok := mem.Get(name); !ok {
			t.Errorf("%s was not published", name)
		}
	}
	for _, name := range mem.Names() {
		switch strings.ToLower(name[strings.LastIndexByte(name, '/')+1:]) {
		case "thumbs.db", "ehthumbs.db", "desktop.ini", ".ds_store":
			t.Errorf("%s was published", name)
		}
	}
}
