package cli

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/tearsheet/tearsheet/generator/internal/corpus"
)

// killRuns is how many killed builds TestKilledBuildsLeaveAWholeBuild
// runs, and of a site of how many articles: TEARSHEET_KILL_RUNS builds of
// 2,000 articles, else (make test) 3 of 300.
func killRuns(t *testing.T) (runs, articles int) {
	t.Helper()
	s := os.Getenv("TEARSHEET_KILL_RUNS")
	if s == "" {
		return 3, 300
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		t.Fatalf("TEARSHEET_KILL_RUNS=%q: want a positive number", s)
	}
	return n, 2000
}

// TestKilledBuildsLeaveAWholeBuild builds a generated site, alternating
// between two versions of its content (a tenth of the articles rewritten,
// 50 removed and 50 added, so most list pages differ too), and kills each
// build with SIGKILL at a random moment of its run: public/ must then be,
// byte for byte, one of the two complete builds.
// TEARSHEET_KILL_RUNS=50 runs 50 builds of a 2,000-article site; make test
// runs 3 of a 300-article one.
func TestKilledBuildsLeaveAWholeBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and a 2,000-article site")
	}
	// In parallel (see TestMain): each kill's moment is drawn from
	// the last whole build's time, measured under the same load, and
	// every outcome is checked alike.
	t.Parallel()
	runs, n := killRuns(t)
	bin := tearsheetBinary(t)
	dir := t.TempDir()
	if err := corpus.Write(dir, corpus.Options{Articles: n, Seed: 1, Theme: filepath.Join(repoRoot, "themes/default")}); err != nil {
		t.Fatal(err)
	}
	// The two versions: A is the generated site, B rewrites every tenth
	// article (another title, date, tags and text), drops the last 50 and
	// adds 50.
	other := corpus.Options{Seed: 2}
	versions := [2]map[string][]byte{{}, {}}
	for i := 0; i < n+50; i++ {
		var a, b []byte
		if i < n {
			a = corpus.Post(i, corpus.Options{Seed: 1})
		}
		switch {
		case i >= n || i%10 == 0:
			b = corpus.Post(i, other)
		case i < n-50:
			b = a
		}
		versions[0][corpus.PostPath(i)], versions[1][corpus.PostPath(i)] = a, b
	}
	// use puts version v in place; all writes every file, else only those
	// the versions differ in.
	use := func(v int, all bool) {
		for name, text := range versions[v] {
			if !all && bytes.Equal(versions[0][name], versions[1][name]) {
				continue
			}
			p := filepath.Join(dir, filepath.FromSlash(name))
			if text == nil {
				if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
					t.Fatal(err)
				}
				continue
			}
			if err := os.WriteFile(p, text, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	pub := filepath.Join(dir, "public")
	build := func() (*exec.Cmd, chan error) {
		cmd := exec.Command(bin, "build", "--source", dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		return cmd, done
	}
	buildWhole := func() time.Duration {
		start := time.Now()
		_, done := build()
		if err := <-done; err != nil {
			t.Fatalf("build: %v", err)
		}
		return time.Since(start)
	}

	// The two complete builds; the second is incremental, as the killed
	// builds are.
	var refs [2]map[string]string
	use(0, true)
	cold := buildWhole()
	refs[0] = tree(t, pub)
	use(1, false)
	warm := buildWhole()
	refs[1] = tree(t, pub)
	if d := differing(refs[0], refs[1]); len(d) < n/4 {
		t.Fatalf("the two versions differ in %d files only", len(d))
	}
	t.Logf("%d files; a cold build takes %s, a build switching versions %s", len(refs[0]), cold, warm)

	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 14))
	last := warm // how long the last whole build took
	outcomes := map[string]int{}
	cur := 1 // the version public/ holds
	src := 1 // the version the sources hold
	for run := range runs {
		next := 1 - cur
		use(next, false)
		src = next
		// A moment from the start of the build to a little after a build
		// like the last whole one would end, or, every other time, near
		// that end, where the build commits.
		wait := time.Duration(rng.Int64N(int64(last + last/5)))
		if rng.IntN(2) == 0 {
			wait = last*4/5 + time.Duration(rng.Int64N(int64(last*2/5)))
		}
		start := time.Now()
		cmd, done := build()
		timer := time.NewTimer(wait)
		outcome := "killed"
		select {
		case <-done:
			timer.Stop()
			outcome = "finished before the kill"
			last = time.Since(start)
		case <-timer.C:
			// The build may end just as the timer fires: then there is
			// nothing to kill, and public/ must be the new build.
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil && !errors.Is(err, os.ErrProcessDone) {
				t.Fatal(err)
			}
			<-done
			// A next manifest left behind: killed between recording the
			// new build and putting its record in place, around the swap.
			if next, _ := filepath.Glob(filepath.Join(dir, ".cache/output/*.manifest-next")); len(next) > 0 {
				outcome += " around the swap"
			}
		}
		got := tree(t, pub)
		switch {
		case len(differing(got, refs[next])) == 0:
			outcome += ", public/ is the new build"
			cur = next
		case len(differing(got, refs[cur])) == 0:
			outcome += ", public/ is the previous build"
		default:
			dn, dc := differing(got, refs[next]), differing(got, refs[cur])
			slices.Sort(dn)
			t.Fatalf("run %d, %s after %s: public/ is neither build: %d entries differ from the new one (%.5q), %d from the previous one", run, outcome, wait, len(dn), dn, len(dc))
		}
		outcomes[outcome]++
		t.Logf("run %d: %s after %s", run, outcome, wait.Round(time.Millisecond))
	}
	t.Logf("outcomes of %d runs: %v", runs, outcomes)

	// The next whole build completes the version the sources hold and
	// leaves no staging folder.
	buildWhole()
	if d := differing(tree(t, pub), refs[src]); len(d) > 0 {
		t.Errorf("the build after the killed ones: %d entries differ from a whole build", len(d))
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".tearsheet-stage-*")); len(left) > 0 {
		t.Errorf("staging folders left: %v", left)
	}
}
