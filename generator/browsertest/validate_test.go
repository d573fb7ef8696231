package browsertest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tearsheet/tearsheet/generator/build"
	"github.com/tearsheet/tearsheet/generator/cli"
	"github.com/tearsheet/tearsheet/generator/internal/corpus"
)

// htmlValidateVersion is the html-validate release .ci/run installs into
// .tools/ at the repository root (git ignores it).
const htmlValidateVersion = "10.9.0"

// findHTMLValidate returns the html-validate command: $TEARSHEET_HTML_VALIDATE,
// else the project-local copy that .ci/run installs.
func findHTMLValidate() (string, error) {
	if p := os.Getenv("TEARSHEET_HTML_VALIDATE"); p != "" {
		return exec.LookPath(p)
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		return "", err
	}
	p := filepath.Join(root, ".tools", "node_modules", ".bin", "html-validate")
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("no html-validate at %s (npm install --prefix .tools --no-save html-validate@%s, as .ci/run does, or set TEARSHEET_HTML_VALIDATE)", p, htmlValidateVersion)
	}
	if _, err := exec.LookPath("node"); err != nil {
		return "", fmt.Errorf("html-validate needs node: %w", err)
	}
	return p, nil
}

// hvResult is one file of html-validate's JSON report.
type hvResult struct {
	FilePath string `json:"filePath"`
	Messages []struct {
		RuleID   string `json:"ruleId"`
		Severity int    `json:"severity"`
		Message  string `json:"message"`
		Line     int    `json:"line"`
		Column   int    `json:"column"`
	} `json:"messages"`
	ErrorCount int `json:"errorCount"`
}

// validate runs html-validate (standard preset, testdata/htmlvalidate.json)
// on the files, or on stdin when files is empty, and returns its report.
func validate(ctx context.Context, exe, tmp string, files []string, stdin string) ([]hvResult, error) {
	conf, err := filepath.Abs(filepath.Join("testdata", "htmlvalidate.json"))
	if err != nil {
		return nil, err
	}
	// A report on stdout is cut short when node exits before a pipe
	// drains, so it goes to a file.
	report := filepath.Join(tmp, "report.json")
	args := []string{"--config", conf, "--formatter", "json=" + report}
	if len(files) == 0 {
		args = append(args, "--stdin", "--stdin-filename", "stdin.html")
	}
	cmd := exec.CommandContext(ctx, exe, append(args, files...)...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	runErr := cmd.Run()
	var exit *exec.ExitError
	if runErr != nil && !errors.As(runErr, &exit) {
		return nil, fmt.Errorf("running html-validate: %w", runErr)
	}
	var res []hvResult
	b, err := os.ReadFile(report)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if len(bytes.TrimSpace(b)) > 0 {
		if err := json.Unmarshal(b, &res); err != nil {
			return nil, fmt.Errorf("html-validate's report: %w (stdout: %.200s; stderr: %.500s)", err, out.String(), errOut.String())
		}
	}
	if runErr != nil && len(res) == 0 {
		return nil, fmt.Errorf("html-validate failed and reported nothing: %w: %s", runErr, errOut.String())
	}
	return res, nil
}

// htmlFiles lists the .html files under dir.
func htmlFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestHTMLValid runs html-validate, standard preset, on every page of the
// example site and of a generated site of 200 articles with charts, and
// wants no error. Without html-validate it skips with a message.
func TestHTMLValid(t *testing.T) {
	exe, err := findHTMLValidate()
	if err != nil {
		t.Skipf("SKIP html validation: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()

	// The validator must catch what it is here for: a <details> after the
	// <figcaption> of a figure, as the figure partial once wrote.
	bad := `<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><figure><p>c</p><figcaption>x</figcaption><details><summary>s</summary><p>d</p></details></figure></body></html>`
	res, err := validate(ctx, exe, t.TempDir(), nil, bad)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 1 || res[0].ErrorCount == 0 {
		t.Fatalf("html-validate passed a figure whose figcaption is not its first or last child: %+v", res)
	}

	root := filepath.Join("..", "..")
	sites := []struct{ name, source string }{{"example site", root}}
	gen := t.TempDir()
	theme, err := filepath.Abs(filepath.Join(root, "themes", "default"))
	if err != nil {
		t.Fatal(err)
	}
	if err := corpus.Write(gen, corpus.Options{Articles: 200, Charts: true, Seed: 16, Theme: theme}); err != nil {
		t.Fatal(err)
	}
	sites = append(sites, struct{ name, source string }{"generated site (200 articles with charts)", gen})

	for _, s := range sites {
		dest := filepath.Join(t.TempDir(), "public")
		br, err := cli.Build(ctx, s.source, dest, build.Options{})
		if err != nil {
			t.Fatalf("building the %s: %v", s.name, err)
		}
		files := htmlFiles(t, dest)
		if len(files) < br.Articles {
			t.Fatalf("%s: %d HTML files for %d articles", s.name, len(files), br.Articles)
		}
		res, err := validate(ctx, exe, t.TempDir(), files, "")
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		errs, rules := 0, map[string]int{}
		for _, r := range res {
			rel, _ := filepath.Rel(dest, r.FilePath)
			for _, m := range r.Messages {
				if m.Severity >= 2 {
					errs++
					rules[m.RuleID]++
					if errs <= 30 {
						t.Errorf("%s: %s:%d:%d: %s (%s)", s.name, rel, m.Line, m.Column, m.Message, m.RuleID)
					}
				}
			}
		}
		t.Logf("html-validate %s (standard preset): %d pages of the %s (%d articles), %d errors %v", htmlValidateVersion, len(files), s.name, br.Articles, errs, rules)
	}
}
