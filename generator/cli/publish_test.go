package cli

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestREADMEPublishCommands runs the git commands of README.md's "To
// publish on GitHub Pages" step 1, in order, in a site init wrote, with a
// git that has no configuration (init.defaultBranch unset, as on a fresh
// machine, where git names the first branch master): the push must reach
// the branch the Pages workflow runs on, which init's closing message
// names, and commit neither public/ nor .cache/.
func TestREADMEPublishCommands(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, steps, ok := strings.Cut(string(readme), "To publish on GitHub Pages:\n")
	step1, _, ok2 := strings.Cut(steps, "\n2. ")
	if !ok || !ok2 {
		t.Fatal(`README.md has no "To publish on GitHub Pages:" list`)
	}
	var cmds []string
	for _, m := range regexp.MustCompile("`(git [^`]*)`").FindAllStringSubmatch(step1, -1) {
		cmds = append(cmds, m[1])
	}
	if len(cmds) < 4 {
		t.Fatalf("README.md's step 1 shows %d git commands: %q", len(cmds), step1)
	}

	home := t.TempDir()
	dir, remote := filepath.Join(home, "research"), filepath.Join(home, "remote.git")
	var out, errOut bytes.Buffer
	if code := Run(context.Background(), []string{"init", dir}, &out, &errOut); code != 0 {
		t.Fatalf("init: exit %d\n%s", code, errOut.String())
	}
	for _, f := range []string{"public/index.html", ".cache/output/x"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), []byte("built"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git := func(dir string, args ...string) string {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home, "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=" + os.DevNull,
			"GIT_AUTHOR_NAME=A", "GIT_AUTHOR_EMAIL=a@example.org", "GIT_COMMITTER_NAME=A", "GIT_COMMITTER_EMAIL=a@example.org"}
		b, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %s (as README.md's step 1 shows it): %v\n%s", strings.Join(args, " "), err, b)
		}
		return string(b)
	}
	git(home, "init", "-q", "--bare", remote)
	for _, c := range cmds {
		args := strings.Fields(c)[1:]
		switch {
		case args[0] == "remote" && args[len(args)-1] == "…":
			args[len(args)-1] = remote // the repository created on GitHub
		case args[0] == "commit" && !strings.Contains(c, " -m"):
			args = append(args, "-m", "First version") // git would open an editor
		}
		git(dir, args...)
	}

	var wf struct {
		On struct {
			Push struct {
				Branches []string `yaml:"branches"`
			} `yaml:"push"`
		} `yaml:"on"`
	}
	b, err := os.ReadFile(filepath.Join(dir, ".github", "workflows", "pages.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(b, &wf); err != nil || len(wf.On.Push.Branches) != 1 {
		t.Fatalf("the workflow's push branches: %v %v", wf.On.Push.Branches, err)
	}
	branch := wf.On.Push.Branches[0]
	files := git(remote, "ls-tree", "-r", "--name-only", "refs/heads/"+branch)
	if !strings.Contains(files, ".github/workflows/pages.yml\n") || strings.Contains(files, "public/") || strings.Contains(files, ".cache/") {
		t.Errorf("the remote's %s holds:\n%s\nwant the site with its workflow, without public/ and .cache/", branch, files)
	}
	if !strings.Contains(out.String(), "the "+branch+" branch") {
		t.Errorf("init's closing message does not say to push to the %s branch, the only one the workflow builds:\n%s", branch, out.String())
	}

	// The push of step 1 starts the workflow before step 2 turns Pages on:
	// a workflow that asks configure-pages for the site (without
	// enablement, which the workflow's token cannot do anyway) fails that
	// first run, and the author must be told to run it again.
	var jobs struct {
		Jobs map[string]struct {
			Steps []struct {
				Uses string            `yaml:"uses"`
				With map[string]string `yaml:"with"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(b, &jobs); err != nil {
		t.Fatal(err)
	}
	configures := false
	for _, j := range jobs.Jobs {
		for _, st := range j.Steps {
			configures = configures || strings.HasPrefix(st.Uses, "actions/configure-pages@") && st.With["enablement"] != "true"
		}
	}
	step2, _, _ := strings.Cut(steps2(string(readme)), "\n3. ")
	if configures {
		for what, text := range map[string]string{"README.md's step 2": step2, "init's closing message": out.String()} {
			if !strings.Contains(strings.Join(strings.Fields(text), " "), "Re-run all jobs") {
				t.Errorf("%s does not say that the first run, started by the push before Pages was on, fails and how to run it again:\n%s", what, text)
			}
		}
	}
}

// steps2 returns README.md's "To publish on GitHub Pages:" list from its
// step 2.
func steps2(readme string) string {
	_, steps, _ := strings.Cut(readme, "To publish on GitHub Pages:\n")
	_, rest, _ := strings.Cut(steps, "\n2. ")
	return rest
}

// TestCheckBaseURL checks a site published under a project sub-path the way
// the Pages workflow builds it: site.yaml says "/" (as init writes), and the
// address comes from --baseURL. A page of static/, published as it is,
// links to /research/about/, which is there only under the sub-path; a
// link written with the site's whole address is the site's own only at
// that address. check must take --baseURL as build does, and refuse a bad
// one with build's message.
func TestCheckBaseURL(t *testing.T) {
	dir := fixture(t)
	cfg := strings.Replace(mustRead(t, filepath.Join(dir, "site.yaml")), `baseURL: "https://example.org/research/"`, `baseURL: "/"`, 1)
	write(t, dir, "site.yaml", cfg)
	write(t, dir, "static/embed.html", "<!doctype html><title>Embed</title><a href=\"/research/about/\">About</a>\n")
	const base = "https://example.org/research/"

	code, out, errOut := run(t, "check", "--source", dir)
	if code != 1 || !strings.Contains(errOut, "embed.html: link to /research/about/: no such page") {
		t.Errorf("check at site.yaml's base path /: exit %d, want 1 and the sub-path's link broken\n%s%s", code, out, errOut)
	}
	if code, out, errOut := run(t, "check", "--baseURL", base, "--source", dir); code != 0 || !strings.Contains(out, "check ok") || strings.Contains(errOut, "embed.html") {
		t.Errorf("check --baseURL %s: exit %d, want 0\n%s%s", base, code, out, errOut)
	}

	write(t, dir, "content/posts/whole.md", "---\ntitle: Whole\ndate: 2024-05-01\n---\nSee [the note]("+base+"2024/01/frist-note/).\n")
	if code, out, errOut := run(t, "check", "--source", dir); strings.Contains(errOut, "frist-note") {
		t.Errorf("check at /: the whole address of another host's page was checked: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = run(t, "check", "--baseURL", base, "--source", dir)
	if want := "content/posts/whole.md:5: link to " + base + "2024/01/frist-note/: no such page or file in the built site (did you mean /research/2024/01/first-note/?)"; code != 1 || !strings.Contains(errOut, want) {
		t.Errorf("check --baseURL: exit %d, want 1 and\n%s\ngot\n%s%s", code, want, out, errOut)
	}

	_, _, buildErr := run(t, "build", "--baseURL", "example.org/research/", "--source", dir, "--destination", filepath.Join(t.TempDir(), "public"))
	code, _, errOut = run(t, "check", "--baseURL", "example.org/research/", "--source", dir)
	if msg := `--baseURL: "example.org/research/" must be an absolute URL`; code != 1 || !strings.Contains(errOut, msg) || !strings.Contains(buildErr, msg) {
		t.Errorf("a bad --baseURL: check exit %d, want 1 and build's message %q\ncheck: %s\nbuild: %s", code, msg, errOut, buildErr)
	}
}
