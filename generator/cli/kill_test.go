package cli

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestKilledBuildKeepsPublic builds the tearsheet binary, starts a build
// of a site large enough to take a while, kills it with SIGKILL while it
// writes its staging folder, and checks that public/ is byte for byte the
// previous build and that the next build removes the stale staging folder.
func TestKilledBuildKeepsPublic(t *testing.T) {
	bin := tearsheetBinary(t)
	dir := fixture(t)
	var csv strings.Builder
	csv.WriteString("date,a,b\n")
	for i := range 240 {
		fmt.Fprintf(&csv, "%d-%02d-01,%d,%d\n", 2000+i/12, i%12+1, i, 240-i)
	}
	write(t, dir, "content/data/gen.csv", csv.String())
	for i := range 15 {
		write(t, dir, fmt.Sprintf("content/posts/gen-%03d.md", i), fmt.Sprintf("---\ntitle: Generated %d\ndate: 2023-%02d-%02dT10:00:00Z\ntags: [gen, t%d]\n---\nText {{ gen.a | last }}.\n\n```chart\ndata: gen\ntitle: Chart %d\nseries: [a, b]\ntransforms: [\"rolling_mean(%d)\"]\n```\n", i, i%12+1, i%28+1, i%7, i, i%20+2))
	}
	buildCmd := func() *exec.Cmd {
		c := exec.Command(bin, "build", "--source", dir, "--no-cache")
		c.Stdout, c.Stderr = os.Stderr, os.Stderr
		return c
	}
	start := time.Now()
	if err := buildCmd().Run(); err != nil {
		t.Fatalf("first build: %v", err)
	}
	t.Logf("a full build takes %s", time.Since(start))
	pub := filepath.Join(dir, "public")
	before := snapshot(t, pub)
	write(t, dir, "content/posts/gen-000.md", "---\ntitle: Changed\ndate: 2023-01-01\n---\nChanged.\n")

	cmd := buildCmd()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	stagePattern := filepath.Join(dir, fmt.Sprintf(".tearsheet-stage-public-%d-*", cmd.Process.Pid))
	deadline := time.Now().Add(30 * time.Second)
	killed := false
	for !killed && time.Now().Before(deadline) {
		select {
		case err := <-exited:
			t.Fatalf("the build ended (%v) before it could be killed: make the site larger", err)
		default:
		}
		if stages, _ := filepath.Glob(stagePattern); len(stages) == 1 {
			if files, _ := filepath.Glob(filepath.Join(stages[0], "*")); len(files) > 0 {
				if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
					t.Fatal(err)
				}
				killed = true
				t.Logf("killed after %s with %d entries staged", time.Since(start), len(files))
			}
		}
		time.Sleep(2 * time.Millisecond)
	}
	if !killed {
		t.Fatal("no staging folder appeared")
	}
	<-exited // reaped: the pid is gone
	sameSnapshot(t, before, snapshot(t, pub))
	if stale, _ := filepath.Glob(stagePattern); len(stale) != 1 {
		t.Fatalf("want the killed build's staging folder left behind, found %v", stale)
	}
	// Until the next build removes it, git must not offer the folder to
	// commit in a site tearsheet init started: its .gitignore covers it.
	// (git lists files, not empty folders: a build killed before it wrote
	// a file leaves one a later kill would have.)
	if git, err := exec.LookPath("git"); err == nil {
		stale, _ := filepath.Glob(stagePattern)
		files := 0
		_ = filepath.WalkDir(stale[0], func(_ string, d fs.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() {
				files++
			}
			return nil
		})
		if files == 0 {
			write(t, stale[0], "index.html", "<p>half a build</p>")
		}
		ignore, err := skeleton.ReadFile("skeleton/.gitignore")
		if err != nil {
			t.Fatal(err)
		}
		write(t, dir, ".gitignore", string(ignore))
		if out, err := exec.Command(git, "-C", dir, "init", "-q").CombinedOutput(); err != nil {
			t.Fatalf("git init: %v\n%s", err, out)
		}
		out, err := exec.Command(git, "-C", dir, "status", "--porcelain", "--untracked-files=all").CombinedOutput()
		if err != nil {
			t.Fatalf("git status: %v\n%s", err, out)
		}
		for _, l := range strings.Split(string(out), "\n") {
			if strings.Contains(l, ".tearsheet-stage-") {
				t.Errorf("git status offers the killed build's staging folder to commit (%q): the .gitignore tearsheet init writes does not cover it", l)
				break
			}
		}
	}
	if code, _, e := run(t, "build", "--source", dir, "--no-cache"); code != 0 {
		t.Fatalf("the next build failed: %s", e)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".tearsheet-stage-*")); len(left) > 0 {
		t.Errorf("stale staging folders not cleaned: %v", left)
	}
	b, err := os.ReadFile(filepath.Join(pub, "2023/01/gen-000/index.html"))
	if err != nil || !strings.Contains(string(b), "Changed") {
		t.Errorf("the next build did not publish the change: %v", err)
	}
}
