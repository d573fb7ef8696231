package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tearsheet/tearsheet/generator/build"
	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/output"
)

// modelNow is the clock of every build of the model test: articles dated
// after it are not shown.
var modelNow = time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)

// TestModel is a model-based test of tearsheet's incremental builds. A
// seeded random author edits a generated site with charts (see modelSite:
// text, title, date, tags, slug, draft and aliases of articles; articles
// added and removed; CSV files edited, added, removed and shadowed by a
// nearer one; datasets of site.yaml; templates, CSS and static files;
// other settings; inputs broken, then fixed). After every step:
//   - a serve session (build.Session, told the paths that changed, as
//     serve's watcher tells it) and
//   - tearsheet build into public/, with its page cache, chart cache and
//     manifest on disk,
//
// must give byte for byte what a fresh build with no cache gives, with the
// same warnings; and when the fresh build fails, both fail with the same
// errors, and public/ keeps the last good build. The Session's list of
// changed files must be the files that changed.
//
// TEARSHEET_MODEL_STEPS (300; 40 under the race detector) and
// TEARSHEET_MODEL_SEEDS (1; a comma-separated list) choose the run; make
// bench runs more seeds.
func TestModel(t *testing.T) {
	t.Parallel() // see TestMain
	steps := modelSteps
	if s := os.Getenv("TEARSHEET_MODEL_STEPS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("TEARSHEET_MODEL_STEPS: %v", err)
		}
		steps = n
	}
	seeds := []uint64{1}
	if s := os.Getenv("TEARSHEET_MODEL_SEEDS"); s != "" {
		seeds = nil
		for _, f := range strings.Split(s, ",") {
			n, err := strconv.ParseUint(strings.TrimSpace(f), 10, 64)
			if err != nil {
				t.Fatalf("TEARSHEET_MODEL_SEEDS: %v", err)
			}
			seeds = append(seeds, n)
		}
	}
	for _, seed := range seeds {
		t.Run("seed="+strconv.FormatUint(seed, 10), func(t *testing.T) { runModel(t, seed, steps) })
	}
}

func runModel(t *testing.T, seed uint64, steps int) {
	dir := t.TempDir()
	m := newModelSite(t, dir, seed, 16)
	pub := filepath.Join(dir, "public")
	sess := build.NewSession(build.SourceFS(dir), build.Options{Now: modelNow, Cache: figure.NewMemCache()})
	var history []string // the steps so far, for a failure's message
	fail := func(format string, args ...any) {
		t.Helper()
		from := max(0, len(history)-8)
		t.Fatalf("seed %d, step %d (%s): %s\nthe steps before: %s", seed, len(history), history[len(history)-1],
			fmt.Sprintf(format, args...), strings.Join(history[from:len(history)-1], "; "))
	}
	var prev *output.Memory    // the Session's last good build
	var good map[string]string // the fresh build's last good output, as tree describes it
	builds, reused, sessionWork := 0, 0, 0
	broken := 0 // steps since the last good build
	for i := 0; i <= steps; i++ {
		name, changed := "first build", []string(nil)
		if i > 0 {
			name, changed = m.step()
			if m.r.IntN(20) == 0 {
				changed = nil // a watcher that lost track: every file may have changed
			}
		}
		history = append(history, name)

		// The three builds read the site at once (none writes where
		// another reads: tearsheet build writes public/ and .cache/,
		// which no build reads but its own), as a preview and a build in
		// another terminal do.
		fresh := output.NewMemory()
		var (
			wantRes, gotRes, diskRes  *build.Result
			got                       *output.Memory
			wantErr, sessErr, diskErr error
			wg                        sync.WaitGroup
		)
		wg.Add(2)
		go func() {
			defer wg.Done()
			wantRes, wantErr = build.Build(context.Background(), build.SourceFS(dir), build.Options{Now: modelNow}, fresh)
		}()
		go func() {
			defer wg.Done()
			gotRes, got, sessErr = sess.Build(context.Background(), changed)
		}()
		f := buildFlags{source: dir, offline: true}
		opts := f.options()
		opts.Now = modelNow
		diskRes, _, diskErr = buildSite(context.Background(), dir, pub, opts, output.Options{})
		wg.Wait()

		if wantErr != nil {
			want := errorLines(wantErr)
			// Every break is fixed within three steps: a site broken for
			// long is a build that fails on good input.
			if broken++; broken > 12 {
				fail("the site has not built for %d steps:\n%s", broken, strings.Join(want, "\n"))
			}
			if sessErr == nil || !slices.Equal(errorLines(sessErr), want) {
				fail("the serve session's errors\n%v\nwant those of a fresh build\n%s", sessErr, strings.Join(want, "\n"))
			}
			if diskErr == nil || !slices.Equal(errorLines(diskErr), want) {
				fail("tearsheet build's errors\n%v\nwant those of a fresh build\n%s", diskErr, strings.Join(want, "\n"))
			}
			if good != nil {
				if d := treeDiff(tree(t, pub), good); d != "" {
					fail("a failed build changed public/: %s", d)
				}
			}
			continue
		}
		if sessErr != nil {
			fail("the serve session failed where a fresh build did not: %v", sessErr)
		}
		if diskErr != nil {
			fail("tearsheet build failed where a fresh build did not: %v", diskErr)
		}
		want := memTree(fresh)
		if d := treeDiff(memTree(got), want); d != "" {
			fail("the serve session's output differs from a fresh build's: %s", d)
		}
		if d := treeDiff(tree(t, pub), want); d != "" {
			fail("public/ differs from a fresh build's output: %s", d)
		}
		if w := sorted(wantRes.Warnings); !slices.Equal(sorted(gotRes.Warnings), w) || !slices.Equal(sorted(diskRes.Warnings), w) {
			fail("warnings differ:\nserve session %q\ntearsheet build %q\nfresh build %q", gotRes.Warnings, diskRes.Warnings, wantRes.Warnings)
		}
		if prev != nil {
			if d := memDiff(prev, got); !slices.Equal(d, gotRes.Changed) {
				fail("the serve session says %v changed; %v did", gotRes.Changed, d)
			}
		}
		prev, good = got, want
		broken = 0
		builds++
		reused += diskRes.Reused
		sessionWork += gotRes.Rendered
	}
	t.Logf("seed %d: %d steps, %d built (the others failed, alike); tearsheet build took %d articles from its page cache, the serve session rendered %d templates", seed, steps, builds, reused, sessionWork)
}

// errorLines are the lines of a build's errors, sorted.
func errorLines(err error) []string {
	return sorted(strings.Split(strings.TrimSpace(err.Error()), "\n"))
}

func sorted(s []string) []string { return slices.Sorted(slices.Values(s)) }

// memTree describes a Memory's files as tree describes a folder's: each
// file by the SHA-256 of its bytes, and each folder on the way as "/".
func memTree(m *output.Memory) map[string]string {
	out := map[string]string{}
	for _, name := range m.Names() {
		b, _ := m.Get(name)
		sum := sha256.Sum256(b)
		out[filepath.FromSlash(name)] = hex.EncodeToString(sum[:])
		for d := filepath.Dir(filepath.FromSlash(name)); d != "."; d = filepath.Dir(d) {
			out[d] = "/"
		}
	}
	return out
}

// treeDiff says how got differs from want, or "" when it does not.
func treeDiff(got, want map[string]string) string {
	var missing, extra, differ []string
	for name, w := range want {
		if g, ok := got[name]; !ok {
			missing = append(missing, name)
		} else if g != w {
			differ = append(differ, name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			extra = append(extra, name)
		}
	}
	var parts []string
	for _, p := range []struct {
		what  string
		names []string
	}{{"missing", missing}, {"not in a fresh build", extra}, {"different", differ}} {
		if len(p.names) > 0 {
			slices.Sort(p.names)
			if len(p.names) > 6 {
				p.names = append(p.names[:6], "…")
			}
			parts = append(parts, p.what+": "+strings.Join(p.names, " "))
		}
	}
	return strings.Join(parts, "; ")
}

// memDiff lists the files whose bytes differ between two builds, with
// those only one has, sorted.
func memDiff(old, cur *output.Memory) []string {
	var out []string
	for _, n := range cur.Names() {
		b, _ := cur.Get(n)
		if a, ok := old.Get(n); !ok || !bytes.Equal(a, b) {
			out = append(out, n)
		}
	}
	for _, n := range old.Names() {
		if _, ok := cur.Get(n); !ok {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}
