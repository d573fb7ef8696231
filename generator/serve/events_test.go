package serve

import (
	"net/url"
	"regexp"
	"testing"
	"time"
)

// TestServeNotFoundCatchUp subscribes as the not-found page does, naming
// the page asked for: when the site has that page (a build made it again
// before the not-found page subscribed), "reload" with it comes at once,
// so the tab loads it; when it has not, or the not-found page is asked
// for itself, the stream starts with "ok", and no reload.
func TestServeNotFoundCatchUp(t *testing.T) {
	dir := fixture(t)
	r := start(t, dir, Options{})
	code, page := r.get(t, "no/such/page/")
	m := regexp.MustCompile(`data-page="404.html" data-version="([^"]+)"`).FindStringSubmatch(page)
	if code != 404 || m == nil {
		t.Fatalf("GET no/such/page/: %d, no data-version of 404.html:\n%s", code, page)
	}
	for _, c := range []struct{ asked, want string }{
		{article + "index.html", "reload " + `["` + article + `index.html"]`},
		{"2024/01/first-note", "reload " + `["` + article + `index.html"]`}, // asked without the folder's slash
		{"no/such/page/index.html", "ok"},
		{"404.html", "ok"},
	} {
		s := r.subscribeAs(t, "page=404.html&version="+m[1]+"&asked="+url.QueryEscape(c.asked))
		select {
		case e := <-s.events:
			if got := e.name + " " + e.data; got != c.want && e.name != c.want {
				t.Errorf("asked %s: the stream starts with %s, want %s", c.asked, got, c.want)
			}
		case <-time.After(wait):
			t.Fatalf("asked %s: no event", c.asked)
		}
		s.close()
	}
}
