package render

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestExecuteTooSlow checks that a template that loops without writing
// (which MaxPage cannot stop) fails after MaxTime with ErrTooSlow, naming
// the template and site.yaml's renderTimeout, and leaves the buffer as it
// was; the theme then renders other pages as before.
func TestExecuteTooSlow(t *testing.T) {
	fsys := fstest.MapFS{"themes/t/templates/base.html": {Data: []byte(`{{block "main" .}}{{end}}`)}}
	for _, k := range Kinds() {
		fsys["themes/t/templates/"+k+".html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}<p>{{.Page.Kind}}</p>{{end}}`)}
	}
	// Some seconds of turns that write nothing: far past MaxTime, and
	// over soon after (the loop goes on after Execute returns).
	fsys["themes/t/templates/list.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{range 30000000}}{{end}}{{end}}`)}
	th, err := Load(fsys, "t")
	if err != nil {
		t.Fatal(err)
	}
	th.MaxTime = 100 * time.Millisecond
	buf := bytes.NewBufferString("before|")
	start := time.Now()
	err = th.Execute(buf, "list", &Data{Site: &SiteView{}, Page: PageMeta{Kind: "list"}})
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("Execute returned after %v: it waited for the loop", took)
	}
	if !errors.Is(err, ErrTooSlow) {
		t.Fatalf("got %v, want ErrTooSlow", err)
	}
	for _, want := range []string{"template list.html: ", "after 100ms", "renderTimeout in site.yaml", "range over a huge count"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if buf.String() != "before|" {
		t.Errorf("the buffer holds %q after the error, want it as it was", buf)
	}
	if err := th.Execute(buf, "page", &Data{Site: &SiteView{}, Page: PageMeta{Kind: "page"}}); err != nil || buf.String() != "before|<p>page</p>" {
		t.Errorf("the next page: %q, %v", buf, err)
	}
}
