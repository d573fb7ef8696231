package generator_test

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"

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
const actionlint = "github.com/rhysd/actionlint/cmd/actionlint@v1.7.7"

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
	Uses string            `yaml:"uses"`
	Run  string            `yaml:"run"`
	With map[string]string `yaml:"with"`
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
