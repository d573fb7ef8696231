package main

import (
	"context"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestRun measures a tiny site with a freshly built tearsheet, so the
// harness behind make bench keeps working: alone, and beside a base
// binary (here the same one), whose figures and ratios each row shows.
func TestRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the tearsheet binary")
	}
	bin := filepath.Join(t.TempDir(), "tearsheet")
	if out, err := exec.Command("go", "build", "-o", bin, "../tearsheet").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, base := range []string{"", bin} {
		var out, log strings.Builder
		c := config{sizes: []int{5}, bin: bin, base: base, theme: "../../../themes/default", work: t.TempDir(), runs: 1}
		if err := run(context.Background(), c, &out, &log); err != nil {
			t.Fatal(err)
		}
		// Beside a base, each binary runs each build twice, once first.
		runs := strings.Count(log.String(), "text-5-cold-")
		baseRuns := len(regexp.MustCompile(`(?m)^  \S+-\d+ \(base\): `).FindAllString(log.String(), -1))
		if base == "" && (runs != 1 || baseRuns != 0) || base != "" && (runs != 4 || baseRuns != 8) {
			t.Errorf("base %q: %d cold text builds, %d builds of the base in all:\n%s", base, runs, baseRuns, log.String())
		}
		rows := map[string][]string{}
		for _, line := range strings.Split(out.String(), "\n") {
			f := strings.Fields(line)
			if len(f) >= 6 && f[1] == "5" {
				rows[f[0]+" "+f[2]] = f
			}
		}
		for _, want := range []string{"text cold", "text warm", "text edit", "text retitle", "charts cold", "charts warm", "charts edit", "charts retitle"} {
			f, ok := rows[want]
			if !ok {
				t.Errorf("base %q: table lacks the row %q:\n%s", base, want, out.String())
				continue
			}
			// A ratio of a time to itself on another run is near 1;
			// anything far off means the columns are wrong.
			if base != "" && (want == "text cold" || want == "charts cold") {
				r, err := strconv.ParseFloat(f[len(f)-3], 64)
				if err != nil || r <= 0.2 || r >= 5 {
					t.Errorf("row %q: wall ratio %q, want one near 1:\n%s", want, f[len(f)-3], out.String())
				}
			}
		}
		if got := strings.Contains(out.String(), "base wall"); got != (base != "") {
			t.Errorf("base %q: the table's base columns shown %v:\n%s", base, got, out.String())
		}
	}
}
