package serve

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestServeConfigEditReloadsWhatChanged: a site.yaml edit starts a new
// build session, whose first build is compared with what the browsers
// show: a comment added to site.yaml reloads no tab (the terminal says
// no file changed), and a new site title reloads the pages that show it
// but not the style sheet or scripts, whose bytes are as they were. Every
// file of the site was said to change, and every open tab reloaded.
func TestServeConfigEditReloadsWhatChanged(t *testing.T) {
	dir := fixture(t)
	r := start(t, dir, Options{})
	events := r.subscribe(t)
	good, err := os.ReadFile(filepath.Join(dir, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "site.yaml", string(good)+"# a note to myself\n")
	waitFor(t, "the line of site.yaml's build", func() bool { return strings.Contains(r.stdout.String(), "site.yaml (config): ") }, r)
	if out := r.stdout.String(); !strings.Contains(out, "site.yaml (config): ") || !strings.Contains(out, "· 0 files changed") {
		t.Errorf("after a comment in site.yaml the terminal said:\n%s\nwant its line to end with · 0 files changed", out)
	}

	title := strings.SplitN(strings.SplitN(string(good), "title: ", 2)[1], "\n", 2)[0]
	writeFile(t, dir, "site.yaml", strings.Replace(string(good), "title: "+title, "title: Another title", 1))
	e := events.next(t, "reload", "index.html")
	var changed []string
	if err := json.Unmarshal([]byte(e.data), &changed); err != nil {
		t.Fatalf("reload event %q: %v", e.data, err)
	}
	for _, name := range changed {
		if strings.HasSuffix(name, ".css") || strings.HasSuffix(name, ".js") {
			t.Errorf("a new site title reloaded %s, whose bytes did not change (reload: %v)", name, changed)
		}
	}
}
