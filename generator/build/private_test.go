package build

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"
)

// TestPrivateValuesNeverPublished builds a site whose site.yaml holds
// private values and checks that none reaches any output file, and that a
// template cannot name them.
func TestPrivateValuesNeverPublished(t *testing.T) {
	const secret = "SECRET-ZX81-do-not-publish"
	m := xssSite(t)
	m["site.yaml"] = &fstest.MapFile{Data: append(append([]byte(nil), m["site.yaml"].Data...),
		"private:\n  fredKey: "+secret+"\n  token: "+secret+"-2\n"...)}
	mem, _, err := buildMem(t, m, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range mem.Names() {
		b, _ := mem.Get(name)
		if bytes.Contains(b, []byte(secret)) || bytes.Contains(b, []byte("fredKey")) {
			t.Errorf("%s holds a private value", name)
		}
	}
	m["layouts/page.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{.Site.Private}}{{end}}`)}
	_, _, err = buildMem(t, m, Options{})
	if err == nil || !strings.Contains(err.Error(), "Private") {
		t.Errorf("a template naming .Site.Private: got %v", err)
	}
	if err != nil && strings.Contains(err.Error(), secret) {
		t.Errorf("the error shows a private value: %v", err)
	}
}
