package build

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestPrivateKeyRemoved checks that a site.yaml with the removed private:
// key does not build, and that the error shows none of its values: secrets
// live in environment variables that datasets name (package fetch).
func TestPrivateKeyRemoved(t *testing.T) {
	const secret = "SECRET-ZX81-do-not-publish"
	m := xssSite(t)
	m["site.yaml"] = &fstest.MapFile{Data: append(append([]byte(nil), m["site.yaml"].Data...),
		"private:\n  fredKey: "+secret+"\n"...)}
	_, _, err := buildMem(t, m, Options{})
	if err == nil || !strings.Contains(err.Error(), "private: is no longer read") {
		t.Fatalf("a site.yaml with private: got %v", err)
	}
	if strings.Contains(err.Error(), secret) {
		t.Errorf("the error shows a private value: %v", err)
	}
}
