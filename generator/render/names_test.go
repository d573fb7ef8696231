package render

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestStaticControlNames: a file or folder of static/ or a theme's static/
// whose name holds a line break or a tab is an error naming it quoted, as
// under content/, not a file published as a%0Ab.css with messages split
// at its name.
func TestStaticControlNames(t *testing.T) {
	fsys := fstest.MapFS{
		"themes/t/static/css/a\nb.css": {Data: []byte("x")},
		"static/d\tir/x.txt":           {Data: []byte("x")},
		"static/ok.txt":                {Data: []byte("x")},
	}
	for _, k := range Kinds() {
		fsys["themes/t/templates/"+k+".html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{end}}`)}
	}
	fsys["themes/t/templates/base.html"] = &fstest.MapFile{Data: []byte(`x`)}
	_, err := Load(fsys, "t")
	for _, want := range []string{`"themes/t/static/css/a\nb.css": the name holds a control character`, `"static/d\tir": the name holds a control character`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
}
