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
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tearsheet/tearsheet/generator/build"
	"github.com/tearsheet/tearsheet/generator/cli"
	"github.com/tearsheet/tearsheet/generator/internal/corpus"
)

// htmlValidateDir holds the package.json that pins html-validate; .ci/run
// installs it there with npm (git ignores node_modules).
var htmlValidateDir = filepath.Join("testdata", "html-validate")

// findHTMLValidate returns the html-validate command and its version:
// $TEARSHEET_HTML_VALIDATE, else the copy installed in htmlValidateDir.
func findHTMLValidate() (exe, version string, err error) {
	if _, err := exec.LookPath("node"); err != nil {
		return "", "", fmt.Errorf("html-validate needs node: %w", err)
	}
	if p := os.Getenv("TEARSHEET_HTML_VALIDATE"); p != "" {
		exe, err = exec.LookPath(p)
		return exe, "from $TEARSHEET_HTML_VALIDATE", err
	}
	exe, err = filepath.Abs(filepath.Join(htmlValidateDir, "node_modules", ".bin", "html-validate"))
	if err != nil {
		return "", "", err
	}
	if _, err := os.Stat(exe); err != nil {
		return "", "", fmt.Errorf("no html-validate at %s (cd %s && npm install --no-package-lock, as .ci/run does, or set TEARSHEET_HTML_VALIDATE)", exe, htmlValidateDir)
	}
	b, err := os.ReadFile(filepath.Join(htmlValidateDir, "node_modules", "html-validate", "package.json"))
	if err != nil {
		return "", "", err
	}
	var pkg struct{ Version string }
	if err := json.Unmarshal(b, &pkg); err != nil {
		return "", "", fmt.Errorf("html-validate's package.json: %w", err)
	}
	return exe, pkg.Version, nil
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

// validateAll validates files in as many node processes as there are
// CPUs, and returns the reports together.
func validateAll(ctx context.Context, exe, tmp string, files []string) ([]hvResult, error) {
	n := min(runtime.NumCPU(), len(files))
	res := make([][]hvResult, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		lo, hi := i*len(files)/n, (i+1)*len(files)/n
		dir := filepath.Join(tmp, strconv.Itoa(i))
		if err := os.Mkdir(dir, 0o755); err != nil {
			return nil, err
		}
		wg.Go(func() { res[i], errs[i] = validate(ctx, exe, dir, files[lo:hi], "") })
	}
	wg.Wait()
	return slices.Concat(res...), errors.Join(errs...)
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
	exe, version, err := findHTMLValidate()
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
	// Few feed items: feeds are not what this test validates. (Every chart
	// gets its PNG copy, for its chart page and the email edition.)
	yml := filepath.Join(gen, "site.yaml")
	b, err := os.ReadFile(yml)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte("feeds: {items: 20}")) {
		t.Fatalf("the corpus's site.yaml no longer sets feeds: {items: 20}:\n%s", b)
	}
	if err := os.WriteFile(yml, bytes.Replace(b, []byte("feeds: {items: 20}"), []byte("feeds: {items: 3}"), 1), 0o644); err != nil {
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
		// The data catalogue is validated with the rest, a dataset's second
		// page of users too.
		for _, page := range []string{"data/index.html", "data/shiller/index.html", "data/shiller/page/2/index.html", "data/markets/index.html", "data/markets/page/2/index.html"} {
			if s.source == root && strings.Contains(page, "markets") || s.source != root && strings.Contains(page, "shiller") {
				continue
			}
			if !slices.Contains(files, filepath.Join(dest, filepath.FromSlash(page))) {
				t.Errorf("%s: %s was not built, so not validated", s.name, page)
			}
		}
		vstart := time.Now()
		res, err := validateAll(ctx, exe, t.TempDir(), files)
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
		t.Logf("html-validate %s (standard preset): %d pages of the %s (%d articles, built in %s), %d errors %v, in %s", version, len(files), s.name, br.Articles, br.Duration.Round(time.Millisecond), errs, rules, time.Since(vstart).Round(time.Millisecond))
	}
}
