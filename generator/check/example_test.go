package check

import (
	"context"
	"os"
	"testing"

	"github.com/tearsheet/tearsheet/generator/build"
)

// TestExampleSiteLinks checks the repository's example site as `tearsheet
// check` does: no broken internal link, anchor, image or asset anywhere.
func TestExampleSiteLinks(t *testing.T) {
	r, err := Run(context.Background(), os.DirFS("../.."), build.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if r.Links < 500 {
		t.Errorf("only %d links checked: is the example site built?", r.Links)
	}
	for _, p := range r.Errors {
		t.Errorf("example site: %s", p)
	}
}
