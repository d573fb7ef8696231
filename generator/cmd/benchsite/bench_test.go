package main

import (
	"context"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestRun measures a tiny site with a freshly built tearsheet, so the
// harness behind make bench keeps working.
func TestRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the tearsheet binary")
	}
	bin := filepath.Join(t.TempDir(), "tearsheet")
	if out, err := exec.Command("go", "build", "-o", bin, "../tearsheet").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	var out strings.Builder
	c := config{sizes: []int{5}, bin: bin, theme: "../../../themes/default", work: t.TempDir(), runs: 1}
	if err := run(context.Background(), c, &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	rows := map[string]bool{}
	for _, line := range strings.Split(out.String(), "\n") {
		f := strings.Fields(line)
		if len(f) >= 6 && f[1] == "5" {
			rows[f[0]+" "+f[2]] = true
		}
	}
	for _, want := range []string{"text cold", "text warm", "text edit", "text retitle", "charts cold", "charts warm", "charts edit", "charts retitle"} {
		if !rows[want] {
			t.Errorf("table lacks the row %q:\n%s", want, out.String())
		}
	}
}
