package generator_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tearsheet/tearsheet/generator/cli"
	"gopkg.in/yaml.v3"
)

// The Pages workflow: this repository's, and the one tearsheet init writes
// into a new site, the same file (the install step tells the two apart).
const (
	repoWorkflow = "../.github/workflows/pages.yml"
	siteWorkflow = "cli/skeleton/.github/workflows/pages.yml"
)

// actionlint is the version of github.com/rhysd/actionlint the workflows
// are checked with.
const actionlint = "github.com/rhysd/actionlint/cmd/actionlint@v1.7.12"

// workflow is what the tests read of a workflow.
type workflow struct {
	On struct {
		Push     map[string][]string `yaml:"push"`
		Schedule []map[string]string `yaml:"schedule"`
		Dispatch *struct{}           `yaml:"workflow_dispatch"`
	} `yaml:"on"`
	Permissions map[string]string `yaml:"permissions"`
	Jobs        map[string]struct {
		Steps []step `yaml:"steps"`
	} `yaml:"jobs"`
}

type step struct {
	Uses            string            `yaml:"uses"`
	Run             string            `yaml:"run"`
	With            map[string]string `yaml:"with"`
	If              string            `yaml:"if"`
	ContinueOnError string            `yaml:"continue-on-error"`
}

// node24 is, for each action the workflow uses, the first major version
// that runs on Node 24. GitHub's runners run Node 20 actions on Node 24
// since June 2026 and have no Node 20 since September 2026, with a
// deprecation warning on every run (github.blog changelog, 2025-09-19);
// upload-pages-artifact before v5 calls upload-artifact v4, a Node 20
// action.
var node24 = map[string]int{
	"actions/checkout":              5,
	"actions/setup-go":              6,
	"actions/cache":                 5,
	"actions/configure-pages":       6,
	"actions/upload-pages-artifact": 5,
	"actions/deploy-pages":          5,
}

// TestPagesWorkflowCurrent checks that every action of the workflow is a
// major version that runs on Node 24; that public/ is uploaded whole,
// hidden files included (upload-pages-artifact leaves out .well-known/
// and every other name starting with a dot unless told, and a site's
// static/.well-known/ is published); and that setup-go caches Go's
// modules only where there is a go.sum to key them (in a site there is
// none, and setup-go would warn on every run).
func TestPagesWorkflowCurrent(t *testing.T) {
	for _, name := range []string{repoWorkflow, siteWorkflow} {
		wf, _ := readWorkflow(t, name)
		for job, j := range wf.Jobs {
			for _, s := range j.Steps {
				if s.Uses == "" {
					continue
				}
				action, version, _ := strings.Cut(s.Uses, "@")
				min, known := node24[action]
				major, err := strconv.Atoi(strings.SplitN(strings.TrimPrefix(version, "v"), ".", 2)[0])
				switch {
				case !known:
					t.Errorf("%s, job %s: %s is not one of the actions this test knows: add its first Node 24 major to node24", name, job, s.Uses)
				case err != nil || major < min:
					t.Errorf("%s, job %s: %s runs on Node 20, which GitHub's runners no longer have: use @v%d or later", name, job, s.Uses, min)
				}
				if action == "actions/upload-pages-artifact" && s.With["include-hidden-files"] != "true" {
					t.Errorf("%s: %s must upload public/'s hidden files (.well-known/), which v4 and later leave out: set include-hidden-files: true", name, s.Uses)
				}
				if action == "actions/setup-go" && s.With["cache"] != "${{ hashFiles('go.sum') != '' }}" {
					t.Errorf("%s: %s caches by go.sum, which a site has not (a warning on every run): cache: ${{ hashFiles('go.sum') != '' }}", name, s.Uses)
				}
			}
		}
	}
}

func readWorkflow(t *testing.T, name string) (workflow, []byte) {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var wf workflow
	if err := yaml.Unmarshal(b, &wf); err != nil {
		t.Fatalf("%s is not YAML: %v", name, err)
	}
	return wf, b
}

// TestPagesWorkflowsWarm checks that the workflow restores and saves .cache
// with actions/cache before building (a new key each run, the newest entry
// restored), shows in comments how to pass a repository secret, and that
// init's copy is this repository's, byte for byte.
func TestPagesWorkflowsWarm(t *testing.T) {
	wf, b := readWorkflow(t, repoWorkflow)
	if site, err := os.ReadFile(siteWorkflow); err != nil || !bytes.Equal(b, site) {
		t.Errorf("%s and %s differ: edit the first and copy it over the second (%v)", repoWorkflow, siteWorkflow, err)
	}
	cache, build := -1, -1
	var runs []string
	for i, s := range wf.Jobs["build"].Steps {
		runs = append(runs, s.Run)
		if strings.HasPrefix(s.Uses, "actions/cache@") {
			cache = i
			if s.With["path"] != ".cache" || !strings.Contains(s.With["key"], "github.run_id") || s.With["restore-keys"] == "" ||
				!strings.HasPrefix(s.With["key"], s.With["restore-keys"]) {
				t.Errorf("the cache step %v must save .cache under a new key each run and restore the newest by prefix", s.With)
			}
		}
		if strings.HasPrefix(s.Run, "tearsheet build") {
			build = i
		}
	}
	if cache < 0 || build < 0 || cache > build {
		t.Errorf("actions/cache (step %d) must come before the build (step %d)", cache, build)
	}
	if !bytes.Contains(b, []byte("${{ secrets.")) || !bytes.Contains(b, []byte("${env:")) {
		t.Error("the comments must show how a repository secret reaches a dataset")
	}
	all := strings.Join(runs, "\n")
	for _, want := range []string{
		"go install ./generator/cmd/tearsheet",
		"go install \"github.com/tearsheet/tearsheet/generator/cmd/tearsheet@${TEARSHEET_VERSION}\"",
		"tearsheet build --baseURL \"${{ steps.pages.outputs.base_url }}/\"",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("the workflow lacks %s: it installs tearsheet from this repository's source or a release, and builds with the Pages base URL:\n%s", want, all)
		}
	}
}

// TestWorkflowsActionlint runs actionlint on both workflows. It needs the
// Go module proxy (or a module cache holding actionlint); without either
// it is skipped.
func TestWorkflowsActionlint(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: actionlint is built with go run")
	}
	cmd := exec.Command("go", "run", actionlint, "-no-color", "-shellcheck=", "-pyflakes=", repoWorkflow, siteWorkflow)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if err != nil && stdout.Len() == 0 && strings.Contains(stderr.String(), "go: ") {
		t.Skipf("actionlint is not available: %s", stderr.String())
	}
	if err != nil {
		t.Errorf("actionlint: %v\n%s%s", err, stdout.String(), stderr.String())
	}
}

// TestPagesWorkflow pins what the README promises of the GitHub Pages
// workflow: it builds on push, daily and by hand, uploads public/ and
// deploys with GitHub's Pages actions.
func TestPagesWorkflow(t *testing.T) {
	wf, b := readWorkflow(t, repoWorkflow)
	if len(wf.On.Push["branches"]) == 0 || len(wf.On.Schedule) == 0 || wf.On.Schedule[0]["cron"] == "" {
		t.Error("the workflow must run on push and on a daily schedule")
	}
	if !strings.Contains(string(b), "workflow_dispatch:") {
		t.Error("the workflow must be startable by hand")
	}
	if wf.Permissions["pages"] != "write" || wf.Permissions["id-token"] != "write" {
		t.Errorf("permissions %v", wf.Permissions)
	}
	var uses, runs []string
	upload := ""
	for _, j := range wf.Jobs {
		for _, s := range j.Steps {
			uses = append(uses, s.Uses)
			runs = append(runs, s.Run)
			if strings.HasPrefix(s.Uses, "actions/upload-pages-artifact@") {
				upload = s.With["path"]
			}
		}
	}
	all := strings.Join(uses, " ")
	for _, a := range []string{"actions/checkout@", "actions/setup-go@", "actions/configure-pages@", "actions/upload-pages-artifact@", "actions/deploy-pages@"} {
		if !strings.Contains(all, a) {
			t.Errorf("the workflow does not use %s", a)
		}
	}
	if !strings.Contains(strings.Join(runs, "\n"), "tearsheet build") || upload != "public" {
		t.Errorf("the workflow must run tearsheet build and upload public/ (runs %q, upload %q)", runs, upload)
	}
}

// TestPagesWorkflowChecks checks that both workflows run tearsheet check
// after the build and before the upload, with the build's --baseURL, as a
// step whose failure fails the job (no continue-on-error, no if, no "||"),
// so that a broken link stops the run before anything is deployed. Then it
// runs the two steps' commands, with the address configure-pages gives
// put in, in a site init wrote, as the runner would: both pass on the site
// as it is (a page of static/ naming the sub-path included); once an
// article links to a page that does not exist, the build still passes and
// the check fails.
func TestPagesWorkflowChecks(t *testing.T) {
	var buildRun, checkRun string
	for _, name := range []string{repoWorkflow, siteWorkflow} {
		wf, _ := readWorkflow(t, name)
		build, check, upload := -1, -1, -1
		for i, s := range wf.Jobs["build"].Steps {
			switch {
			case strings.HasPrefix(s.Run, "tearsheet build"):
				build, buildRun = i, s.Run
			case strings.HasPrefix(s.Run, "tearsheet check"):
				check, checkRun = i, s.Run
				if s.ContinueOnError != "" || s.If != "" || strings.ContainsAny(strings.TrimSpace(s.Run), "|;&\n") {
					t.Errorf("%s: the check step %q must fail the job when check fails: one command, no if, no continue-on-error", name, s.Run)
				}
			case strings.HasPrefix(s.Uses, "actions/upload-pages-artifact@"):
				upload = i
			}
		}
		if build < 0 || check < 0 || upload < 0 || !(build < check && check < upload) {
			t.Fatalf("%s: tearsheet check (step %d) must run after tearsheet build (step %d) and before the upload (step %d)", name, check, build, upload)
		}
		if b, c := baseURLArg(buildRun), baseURLArg(checkRun); b == "" || b != c {
			t.Errorf("%s: check's --baseURL %q is not the build's %q", name, c, b)
		}
	}

	dir := filepath.Join(t.TempDir(), "site")
	if code := cli.Run(context.Background(), []string{"init", dir}, new(bytes.Buffer), new(bytes.Buffer)); code != 0 {
		t.Fatalf("init: exit %d", code)
	}
	if err := os.MkdirAll(filepath.Join(dir, "static"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "static", "embed.html"), []byte("<!doctype html><title>Embed</title><a href=\"/repo/about/\">About</a>\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	runStep := func(run string) (int, string) {
		t.Helper()
		args := shellWords(strings.ReplaceAll(run, "${{ steps.pages.outputs.base_url }}", "https://user.github.io/repo"))
		var out, errOut bytes.Buffer
		code := cli.Run(context.Background(), args[1:], &out, &errOut)
		return code, out.String() + errOut.String()
	}
	for _, run := range []string{buildRun, checkRun} {
		if code, out := runStep(run); code != 0 {
			t.Fatalf("%s in a site init wrote: exit %d\n%s", run, code, out)
		}
	}
	about, err := os.ReadFile("content/about.md")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("content/about.md", append(about, "\nSee [the method](/method/).\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out := runStep(buildRun); code != 0 {
		t.Fatalf("%s with a broken link: exit %d, want 0 (build does not check links)\n%s", buildRun, code, out)
	}
	if code, out := runStep(checkRun); code != 1 || !strings.Contains(out, "content/about.md:") || !strings.Contains(out, "link to /repo/method/: no such page") {
		t.Errorf("%s with a broken link: exit %d, want 1 naming content/about.md's line\n%s", checkRun, code, out)
	}
}

// baseURLArg returns the --baseURL argument of a run line, as written.
func baseURLArg(run string) string {
	m := regexp.MustCompile(`--baseURL[ =]("[^"]*"|\S+)`).FindStringSubmatch(run)
	if m == nil {
		return ""
	}
	return m[1]
}

// shellWords splits a one-line command as a shell would, for the words and
// double quotes the workflow's steps use.
func shellWords(s string) []string {
	var words []string
	var w strings.Builder
	in, quoted := false, false
	for _, r := range s {
		switch {
		case r == '"':
			quoted, in = !quoted, true
		case (r == ' ' || r == '\t') && !quoted:
			if in {
				words = append(words, w.String())
				w.Reset()
			}
			in = false
		default:
			w.WriteRune(r)
			in = true
		}
	}
	if in {
		words = append(words, w.String())
	}
	return words
}
