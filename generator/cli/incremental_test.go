package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tearsheet/tearsheet/generator/output"
)

// buildStats builds the site in dir into dest as tearsheet build does and
// returns what the output stage did.
func buildStats(t *testing.T, dir, dest string, noCache bool) output.Stats {
	t.Helper()
	f := buildFlags{source: dir, noCache: noCache}
	_, st, err := buildSite(context.Background(), dir, dest, f.options(), output.Options{Rewrite: noCache})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return st
}

// tree describes every entry under dir: a folder is "/", a link
// "-> TARGET", a file the SHA-256 of its bytes.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case d.IsDir():
			out[rel] = "/"
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			out[rel] = "-> " + target
			return err
		case !d.Type().IsRegular():
			out[rel] = "not a regular file"
		default:
			b, err := os.ReadFile(p)
			sum := sha256.Sum256(b)
			out[rel] = hex.EncodeToString(sum[:])
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// sameAsFresh checks that dir/public holds byte for byte what a build of
// dir into an empty folder makes, and nothing more.
func sameAsFresh(t *testing.T, dir string) {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "fresh")
	if st := buildStats(t, dir, dest, false); st.Written != st.Files {
		t.Errorf("a fresh build wrote %d of %d files", st.Written, st.Files)
	}
	sameTree(t, tree(t, filepath.Join(dir, "public")), tree(t, dest), "a fresh build")
}

// sameTree checks that got holds what want holds (see tree), and nothing
// more; what names want in messages.
func sameTree(t *testing.T, got, want map[string]string, what string) {
	t.Helper()
	for name, w := range want {
		if g, ok := got[name]; !ok {
			t.Errorf("public/%s is missing", name)
		} else if g != w {
			t.Errorf("public/%s differs from %s", name, what)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("public/%s should not be there", name)
		}
	}
}

func TestIncrementalBuild(t *testing.T) {
	dir := fixture(t)
	pub := filepath.Join(dir, "public")
	st := buildStats(t, dir, pub, false)
	if st.Files < 20 || st.Written != st.Files {
		t.Fatalf("first build: %+v", st)
	}
	all := st.Files
	if _, err := os.Stat(filepath.Join(dir, ".cache", "output")); err != nil {
		t.Errorf("no manifest in .cache/output: %v", err)
	}
	entries, _ := os.ReadDir(pub)
	for _, e := range entries {
		if strings.Contains(e.Name(), "manifest") {
			t.Errorf("public/%s: the manifest must not be published", e.Name())
		}
	}
	before := tree(t, pub)

	t.Run("warm", func(t *testing.T) {
		if st := buildStats(t, dir, pub, false); st.Written != 0 || st.Removed != 0 || st.Files != all {
			t.Errorf("warm build: %+v, want nothing written", st)
		}
		sameTree(t, tree(t, pub), before, "before the warm build")
	})

	t.Run("edit", func(t *testing.T) {
		page := filepath.Join(pub, "2024/01/first-note/index.html")
		old, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		src := filepath.Join(dir, "content/posts/first-note.md")
		text, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		write(t, dir, "content/posts/first-note.md", string(text)+"\nOne more sentence.\n")
		st := buildStats(t, dir, pub, false)
		// The search index's files are named by their content: the
		// article's fragment, its article list and the shards of its
		// words are replaced, the rest removes nothing.
		if st.Written == 0 || st.Written > all/2 || st.Removed > 3 {
			t.Errorf("edit: %+v, want a few files written and at most 3 of the search index removed", st)
		}
		if b, _ := os.ReadFile(page); string(b) == string(old) || !strings.Contains(string(b), "One more sentence.") {
			t.Errorf("the edit is not in %s", page)
		}
		sameAsFresh(t, dir)
	})

	t.Run("removed article", func(t *testing.T) {
		if err := os.Remove(filepath.Join(dir, "content/posts/first-note.md")); err != nil {
			t.Fatal(err)
		}
		st := buildStats(t, dir, pub, false)
		if st.Removed == 0 {
			t.Errorf("removal: %+v, want files removed", st)
		}
		if _, err := os.Lstat(filepath.Join(pub, "2024/01/first-note")); err == nil {
			t.Error("the removed article's folder is still in public/")
		}
		sameAsFresh(t, dir)
	})

	t.Run("hand changes", func(t *testing.T) {
		index := filepath.Join(pub, "index.html")
		b, err := os.ReadFile(index)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(index, []byte(strings.ToUpper(string(b))), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(filepath.Join(pub, "404.html")); err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(filepath.Join(pub, "robots.txt")); err != nil {
			t.Fatal(err)
		}
		write(t, pub, "robots.txt/x", "a folder now")
		write(t, pub, "stray.html", "not made by the build")
		// A folder of someone's files where the build writes robots.txt:
		// the build would delete x, which no build wrote, so it stops,
		// naming it, and public/ is left as it was.
		before := tree(t, pub)
		if code, _, e := run(t, "build", "--source", dir); code == 0 || !strings.Contains(e, "robots.txt/ (holding x), where the build writes a file") {
			t.Errorf("a build over robots.txt/x: exit %d, said %s", code, e)
		}
		sameTree(t, tree(t, pub), before, "after the refused build")
		if err := os.RemoveAll(filepath.Join(pub, "robots.txt")); err != nil {
			t.Fatal(err)
		}
		st := buildStats(t, dir, pub, false)
		if st.Written != 3 {
			t.Errorf("repair: %+v, want the 3 changed files written", st)
		}
		// A file the build did not write is kept; --clean-destination
		// removes it.
		if b, err := os.ReadFile(filepath.Join(pub, "stray.html")); err != nil || string(b) != "not made by the build" {
			t.Errorf("stray.html was not kept: %v", err)
		}
		if code, _, e := run(t, "build", "--source", dir, "--clean-destination"); code != 0 {
			t.Fatalf("--clean-destination: %s", e)
		}
		sameAsFresh(t, dir)
	})

	t.Run("no-cache", func(t *testing.T) {
		before := tree(t, pub)
		st := buildStats(t, dir, pub, true)
		if st.Written != st.Files {
			t.Errorf("--no-cache: %+v, want every file written", st)
		}
		sameTree(t, tree(t, pub), before, "before --no-cache")
		if st := buildStats(t, dir, pub, false); st.Written != 0 {
			t.Errorf("the build after --no-cache: %+v", st)
		}
	})
}

func TestDestinationIsAFile(t *testing.T) {
	dir := fixture(t)
	dest := filepath.Join(dir, "out")
	write(t, dir, "out", "a file")
	code, _, errOut := run(t, "build", "--source", dir, "--destination", dest)
	if code != 1 || !strings.Contains(errOut, "exists and is not a folder") || !strings.Contains(errOut, "was left as it was") {
		t.Errorf("exit %d: %s", code, errOut)
	}
	if b, _ := os.ReadFile(dest); string(b) != "a file" {
		t.Error("the file was changed")
	}
}

// TestSummarySaysWritten checks the summary line of tearsheet build: a
// first build says nothing about writing, a warm one that it wrote no file.
func TestSummarySaysWritten(t *testing.T) {
	dir := fixture(t)
	code, out, e := run(t, "build", "--source", dir)
	if code != 0 {
		t.Fatalf("first build: %s", e)
	}
	if strings.Contains(out, "written") {
		t.Errorf("a first build writes every file and need not say so: %q", out)
	}
	if code, out, e = run(t, "build", "--source", dir); code != 0 {
		t.Fatalf("second build: %s", e)
	}
	if !strings.Contains(out, " files (0 written)") {
		t.Errorf("a warm build should say it wrote no file: %q", out)
	}
}
