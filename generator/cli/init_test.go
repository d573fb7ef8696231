package cli

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/tearsheet/tearsheet/generator/build"
)

// exe runs the binary in dir with the environment env added to a minimal
// one, and returns its exit code and output.
func exe(t *testing.T, bin, dir string, env []string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir}, env...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), o.String(), e.String()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0, o.String(), e.String()
}

// TestInitSite runs the built binary as a new user would, in a folder
// outside the repository: init, build --offline, check and serve; then a
// template of the built-in theme overridden in the site changes the pages
// that use it and nothing else, and an ejected theme builds the same site.
func TestInitSite(t *testing.T) {
	bin := tearsheetBinary(t)
	home := t.TempDir()
	dir := filepath.Join(home, "research")

	code, out, errOut := exe(t, bin, home, nil, "init", "research")
	if code != 0 || !strings.Contains(out, "Next steps:") || !strings.Contains(out, "cd research") || !strings.Contains(out, "tearsheet serve") {
		t.Fatalf("init: exit %d\n%s%s", code, out, errOut)
	}
	for _, f := range []string{"site.yaml", ".gitignore", ".github/workflows/pages.yml", "content/about.md", "content/terms.md", "content/privacy.md", "content/data/fedfunds-monthly.csv", "content/posts/seventy-years-of-the-policy-rate/index.md"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("init did not write %s", f)
		}
	}
	if wf := mustRead(t, filepath.Join(dir, ".github/workflows/pages.yml")); !strings.Contains(wf, "TEARSHEET_VERSION: latest") {
		t.Errorf("the workflow of a development build installs the latest release:\n%s", wf)
	}
	if a := mustRead(t, filepath.Join(dir, "content/posts/seventy-years-of-the-policy-rate/index.md")); !strings.Contains(a, "date: "+time.Now().UTC().Format("2006-01-02T")) {
		t.Errorf("the example article is not dated today:\n%s", a)
	}

	// A folder with files: refused; with --force only missing files are
	// written, and a file of the user's is kept as it is.
	write(t, dir, "site.yaml", mustRead(t, filepath.Join(dir, "site.yaml"))+"# mine\n")
	os.Remove(filepath.Join(dir, "content/terms.md"))
	before := tree(t, dir)
	if code, _, errOut := exe(t, bin, home, nil, "init", "research"); code != 1 || !strings.Contains(errOut, "is not empty") || !strings.Contains(errOut, "--force") {
		t.Errorf("init into a site: exit %d, %s", code, errOut)
	}
	if got := differing(before, tree(t, dir)); len(got) != 0 {
		t.Errorf("a refused init changed %v", got)
	}
	code, out, _ = exe(t, bin, dir, nil, "init", "--force")
	if code != 0 || !strings.Contains(out, ": 1 file written.") || !strings.Contains(out, "  site.yaml\n") {
		t.Errorf("init --force: exit %d\n%s", code, out)
	}
	if !strings.HasSuffix(mustRead(t, filepath.Join(dir, "site.yaml")), "# mine\n") || mustRead(t, filepath.Join(dir, "content/terms.md")) == "" {
		t.Error("init --force replaced a file, or did not write the missing one")
	}
	// Again: nothing is missing, and it says so.
	if code, out, _ = exe(t, bin, dir, nil, "init", "--force"); code != 0 || !strings.Contains(out, "this folder already holds every file of a new site: none written.") {
		t.Errorf("init --force with nothing missing: exit %d\n%s", code, out)
	}

	// Its one warning: "/" is no address for feeds and the sitemap,
	// until the author gives one (the Pages workflow passes --baseURL).
	const noHost = "1 warning:\n  - site.yaml:11: baseURL \"/\" is a path without a host"
	if code, out, errOut := exe(t, bin, dir, nil, "build", "--offline"); code != 0 || !strings.HasPrefix(errOut, noHost) || strings.Count(errOut, "\n") != 2 {
		t.Fatalf("build --offline: exit %d\n%s%s", code, out, errOut)
	}
	article := mustRead(t, filepath.Join(dir, "public", time.Now().UTC().Format("2006/01"), "seventy-years-of-the-policy-rate/index.html"))
	for _, want := range []string{"<svg", "Effective federal funds rate since 1954", ">5.33%<", ">November 2023<", ">June 1981<"} {
		if !strings.Contains(article, want) {
			t.Errorf("the example article lacks %q", want)
		}
	}
	if code, out, errOut := exe(t, bin, dir, nil, "check"); code != 0 || !strings.Contains(out, "check ok") || !strings.Contains(out, "0 errors, 1 warning") {
		t.Errorf("check: exit %d\n%s%s", code, out, errOut)
	}
	serveAnswers(t, bin, dir)

	// A warm build after public/ is gone (as in CI, where only .cache is
	// restored) makes the same files.
	first := tree(t, filepath.Join(dir, "public"))
	os.RemoveAll(filepath.Join(dir, "public"))
	if code, _, errOut := exe(t, bin, dir, nil, "build", "--offline"); code != 0 {
		t.Fatalf("warm build: %s", errOut)
	}
	sameTree(t, tree(t, filepath.Join(dir, "public")), first, "the first build")

	// One template overridden: the pages made with it change, nothing else.
	page := mustRead(t, filepath.Join(repoRoot, "themes/default/templates/page.html"))
	write(t, dir, "themes/default/templates/page.html", strings.Replace(page, `{{define "main"}}`, `{{define "main"}}<p id="ours">Our page template</p>`, 1))
	if code, _, errOut := exe(t, bin, dir, nil, "build", "--offline"); code != 0 {
		t.Fatalf("build with an override: %s", errOut)
	}
	over := tree(t, filepath.Join(dir, "public"))
	want := []string{"about/index.html", "privacy/index.html", "terms/index.html"}
	if got := differing(first, over); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("overriding page.html changed %v, want %v", got, want)
	}
	for _, p := range want {
		if !strings.Contains(mustRead(t, filepath.Join(dir, "public", p)), `<p id="ours">Our page template</p>`) {
			t.Errorf("%s does not show the override", p)
		}
	}
	// Deleting the override brings the built-in template back.
	os.RemoveAll(filepath.Join(dir, "themes"))
	if code, _, errOut := exe(t, bin, dir, nil, "build", "--offline"); code != 0 {
		t.Fatalf("build without the override: %s", errOut)
	}
	sameTree(t, tree(t, filepath.Join(dir, "public")), first, "the first build")

	// The ejected theme is the built-in one: the same site, byte for byte.
	code, out, errOut = exe(t, bin, dir, nil, "theme", "eject")
	if code != 0 || !strings.Contains(out, filepath.Join("themes", "default")) {
		t.Fatalf("theme eject: exit %d\n%s%s", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "themes/default/templates/base.html")); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := exe(t, bin, dir, nil, "build", "--offline"); code != 0 {
		t.Fatalf("build with the ejected theme: %s", errOut)
	}
	sameTree(t, tree(t, filepath.Join(dir, "public")), first, "the build with the built-in theme")
	if code, out, _ := exe(t, bin, dir, nil, "theme", "eject"); code != 0 || !strings.Contains(out, "0 files written") || !strings.Contains(out, "templates/base.html") {
		t.Errorf("a second eject must keep every file: exit %d\n%s", code, out)
	}
}

// serveAnswers starts tearsheet serve on a free port and checks that it
// answers with the site, then stops it with an interrupt.
func serveAnswers(t *testing.T, bin, dir string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	cmd := exec.Command(bin, "serve", "--port", fmt.Sprint(port))
	cmd.Dir = dir
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Signal(syscall.SIGINT)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			t.Error("serve did not stop on an interrupt")
		}
	}()
	lines := make(chan string, 16)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
		io.Copy(io.Discard, stdout)
	}()
	url := ""
	deadline := time.After(60 * time.Second)
	for url == "" {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("serve stopped: %s", errOut.String())
			}
			if m := regexp.MustCompile(`at (http://\S+)`).FindStringSubmatch(l); m != nil {
				url = m[1]
			}
		case <-deadline:
			t.Fatalf("serve printed no address: %s", errOut.String())
		}
	}
	if want := fmt.Sprintf("http://127.0.0.1:%d/", port); url != want {
		t.Errorf("serving at %s, want %s", url, want)
	}
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "<title>My Research") || !strings.Contains(string(body), "Seventy years of the policy rate") {
		t.Errorf("GET %s: %s\n%.400s", url, resp.Status, body)
	}
}

// TestCommandLine checks help, version and a mistyped command, run as a
// user runs them.
func TestCommandLine(t *testing.T) {
	bin := tearsheetBinary(t)
	dir := t.TempDir()
	for _, args := range [][]string{{"-h"}, {"--help"}, {"help"}} {
		code, out, _ := exe(t, bin, dir, nil, args...)
		if code != 0 {
			t.Errorf("%v: exit %d", args, code)
		}
		for _, c := range []string{"init", "build", "serve", "new", "check", "theme eject", "version", "help"} {
			if !strings.Contains(out, "tearsheet "+c) {
				t.Errorf("%v does not list %s:\n%s", args, c, out)
			}
		}
	}
	if code, _, errOut := exe(t, bin, dir, nil, "help", "init"); code != 0 || !strings.Contains(errOut, "usage: tearsheet init") || !strings.Contains(errOut, "-force") {
		t.Errorf("help init: exit %d\n%s", code, errOut)
	}
	for _, args := range [][]string{{"version"}, {"--version"}} {
		code, out, _ := exe(t, bin, dir, nil, args...)
		if code != 0 || !strings.HasPrefix(out, "tearsheet "+build.Version+", ") || !strings.Contains(out, runtime.Version()) {
			t.Errorf("%v: exit %d, %q", args, code, out)
		}
	}
	// Built in a git checkout, the binary names its commit. Not in a
	// linked worktree (git worktree add), whose .git is a file: the go
	// command stamps no revision there.
	if fi, err := os.Stat(filepath.Join(repoRoot, ".git")); err == nil && !fi.IsDir() {
		t.Log("a linked git worktree: the go command stamps no revision, which is not checked")
	} else if head, err := exec.Command("git", "rev-parse", "HEAD").Output(); err == nil {
		_, out, _ := exe(t, bin, dir, nil, "version")
		if want := "revision " + strings.TrimSpace(string(head)); !strings.Contains(out, want) {
			t.Errorf("version: %q lacks %q", out, want)
		}
	}
	code, _, errOut := exe(t, bin, dir, nil, "biuld")
	if code != 2 || !strings.Contains(errOut, `unknown command "biuld"; did you mean "build"?`) {
		t.Errorf("a mistyped command: exit %d\n%s", code, errOut)
	}
	if code, _, errOut := exe(t, bin, dir, nil, "theme", "eject"); code != 1 || !strings.Contains(errOut, "no site.yaml") {
		t.Errorf("theme eject outside a site: exit %d, %s", code, errOut)
	}
}

// TestSecretNeverWritten builds a site whose dataset comes from a local
// server that requires a bearer token, read from an environment variable:
// the build succeeds with it, fails with a clear message without it, and
// the token is never in public/, .cache/, stdout or stderr, also when the
// server answers 500 with the token in its body.
func TestSecretNeverWritten(t *testing.T) {
	bin := tearsheetBinary(t)
	const token = "tsk-live-91f0c7e2d4b8a6"
	var fail atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+token {
			http.Error(w, "missing or wrong bearer token", http.StatusUnauthorized)
			return
		}
		if fail.Load() {
			http.Error(w, "upstream failure while serving key "+token, http.StatusInternalServerError)
			return
		}
		io.WriteString(w, "date,level\n2024-01-01,100\n2024-02-01,104\n2024-03-01,103\n")
	}))
	defer srv.Close()

	home := t.TempDir()
	dir := filepath.Join(home, "site")
	if code, _, errOut := exe(t, bin, home, nil, "init", "site"); code != 0 {
		t.Fatal(errOut)
	}
	yaml := mustRead(t, filepath.Join(dir, "site.yaml"))
	yaml = strings.Replace(yaml, "datasets:\n", "fetch: {retries: 0}\ndatasets:\n  licensed:\n    url: "+srv.URL+"/licensed.csv\n    headers:\n      Authorization: \"Bearer ${env:DATA_TOKEN}\"\n    source: \"A licensed vendor\"\n", 1)
	write(t, dir, "site.yaml", yaml)
	line := 0
	for i, l := range strings.Split(yaml, "\n") {
		if strings.Contains(l, "url: "+srv.URL) {
			line = i + 1
		}
	}
	write(t, dir, "content/posts/licensed.md", "---\ntitle: Licensed data\ndate: 2024-04-01\n---\nThe level rose to {{ licensed.level | max }}.\n\n```chart\ndata: licensed\ntitle: Licensed level\nseries: [level]\n```\n")

	noTrace := func(what string, texts ...string) {
		t.Helper()
		for _, s := range texts {
			if strings.Contains(s, token) {
				t.Errorf("%s: the output of tearsheet holds the token:\n%s", what, s)
			}
		}
		// Every file's bytes (tree keeps only their hashes) and name.
		for _, sub := range []string{"public", ".cache"} {
			err := filepath.WalkDir(filepath.Join(dir, sub), func(p string, d fs.DirEntry, err error) error {
				if err != nil || !d.Type().IsRegular() {
					return err
				}
				b, err := os.ReadFile(p)
				if strings.Contains(string(b), token) || strings.Contains(p, token) {
					t.Errorf("%s: %s holds the token", what, p)
				}
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}
	}

	env := []string{"DATA_TOKEN=" + token}
	code, out, errOut := exe(t, bin, dir, env, "build")
	if code != 0 {
		t.Fatalf("build with the token: exit %d\n%s%s", code, out, errOut)
	}
	if page := mustRead(t, filepath.Join(dir, "public/2024/04/licensed/index.html")); !strings.Contains(page, ">104<") || !strings.Contains(page, "Licensed level") {
		t.Error("the licensed data did not reach the page")
	}
	noTrace("build with the token", out, errOut)

	fail.Store(true)
	code, out, errOut = exe(t, bin, dir, env, "build")
	if code != 0 || !strings.Contains(errOut, "HTTP 500") || !strings.Contains(errOut, "using the cached copy") {
		t.Errorf("a server failing with the token in its body: exit %d\n%s%s", code, out, errOut)
	}
	noTrace("a 500 echoing the token", out, errOut)

	fail.Store(false)
	before := tree(t, filepath.Join(dir, "public"))
	code, out, errOut = exe(t, bin, dir, nil, "build")
	want := fmt.Sprintf("site.yaml:%d: datasets.licensed: environment variable DATA_TOKEN (named in headers) is not set or empty", line)
	if code != 1 || !strings.Contains(errOut, want) {
		t.Errorf("build without the variable: exit %d, want an error %q:\n%s%s", code, want, out, errOut)
	}
	sameTree(t, tree(t, filepath.Join(dir, "public")), before, "the last good build")
	noTrace("build without the variable", out, errOut)
}

// TestInitFolders checks where init writes: into a new repository (a
// folder holding only .git), not over a file, and not into a folder with
// files without --force.
func TestInitFolders(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := run(t, "init", dir); code != 0 {
		t.Errorf("init into a new repository: exit %d, %s", code, errOut)
	}
	file := filepath.Join(t.TempDir(), "notes.txt")
	write(t, filepath.Dir(file), "notes.txt", "mine\n")
	if code, _, _ := run(t, "init", file); code != 1 || mustRead(t, file) != "mine\n" {
		t.Errorf("init over a file: exit %d", code)
	}
	if code, _, errOut := run(t, "init", filepath.Dir(file)); code != 1 || !strings.Contains(errOut, "(it holds notes.txt)") {
		t.Errorf("init into a folder with a file: exit %d, %s", code, errOut)
	}
	if code, _, _ := run(t, "init", "a", "b"); code != 2 {
		t.Errorf("two folders: exit %d, want 2", code)
	}
}

// TestInitNextStepsCd: the "cd" line of the next steps, pasted into a
// shell, enters the new site's folder, also one whose name holds a space
// or a quote; it read "cd My research", which a shell runs as cd with two
// arguments.
func TestInitNextStepsCd(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the line is pasted into sh here")
	}
	for _, name := range []string{"research", "My research", "Dana's notes"} {
		dir := filepath.Join(t.TempDir(), name)
		code, out, errOut := run(t, "init", dir)
		if code != 0 {
			t.Fatalf("init %q: exit %d, %s", name, code, errOut)
		}
		var cd string
		for _, l := range strings.Split(out, "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), "cd ") {
				cd = strings.TrimSpace(l)
			}
		}
		got, err := exec.Command("sh", "-c", cd+" && pwd -P").CombinedOutput()
		want, _ := filepath.EvalSymlinks(dir)
		if err != nil || strings.TrimSpace(string(got)) != want {
			t.Errorf("init %q: the next steps' %q, run by sh, gives %q (%v), want %s", name, cd, got, err, want)
		}
	}
}
