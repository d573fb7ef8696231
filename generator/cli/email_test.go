package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tearsheet/tearsheet/generator/internal/corpus"
)

// TestEmailCommand prints an article's email edition, HTML and plain text,
// from its file or bundle folder; a page has none.
func TestEmailCommand(t *testing.T) {
	// A copy: the command keeps its charts in the site's .cache, as a
	// build does.
	site := t.TempDir()
	if err := corpus.CopyDir(filepath.Join("..", "build", "testdata", "sites", "basic"), site); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := Run(context.Background(), append([]string{"email", "--source", site}, args...), &out, &errb)
		return code, out.String(), errb.String()
	}
	code, html, stderr := run("content/posts/rates-bundle")
	if code != 0 || !strings.HasPrefix(html, "<!DOCTYPE html>") || !strings.Contains(html, "Rates and the cost of capital") ||
		!strings.Contains(html, `/2024/03/rates-bundle/policy-rate-prices-2023.narrow.png"`) || strings.Contains(html, "<svg") {
		t.Fatalf("email of a bundle: %d\n%s\n%.500s", code, stderr, html)
	}
	code, text, _ := run("content/posts/rates-bundle/index.md", "--text")
	if code != 0 || strings.Contains(text, "<") && !strings.Contains(text, " <http") || !strings.Contains(text, "Rates and the cost of capital") {
		t.Errorf("--text: %d\n%.500s", code, text)
	}
	if code, _, stderr := run("content/about.md"); code != 1 || !strings.Contains(stderr, "only articles have an email edition") {
		t.Errorf("a page: %d %s", code, stderr)
	}
	// A PATH that names nothing says so, not that no article is made from it.
	if code, out, stderr := run("content/posts/nope"); code != 1 || out != "" || !strings.Contains(stderr, "content/posts/nope: no such file or folder") {
		t.Errorf("a PATH that does not exist: exit %d, stdout %.100q, stderr %q", code, out, stderr)
	}
	if code, _, _ := run(); code != 2 {
		t.Errorf("no PATH: exit %d, want 2", code)
	}

	// A base URL without a host, as tearsheet init writes ("/"), would
	// give the email links that lead nowhere from an inbox: the command
	// asks for the published address instead.
	if code, out, stderr := run("content/posts/rates-bundle", "--baseURL", "/research/"); code != 1 || out != "" || !strings.Contains(stderr, "--baseURL https://") {
		t.Errorf("--baseURL /research/: exit %d, stdout %.200q, stderr %q; want exit 1 asking for --baseURL https://…", code, out, stderr)
	}
	cfg := filepath.Join(site, "site.yaml")
	b, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg, bytes.Replace(b, []byte(`baseURL: "https://example.org/research/"`), []byte(`baseURL: "/"`), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, stderr := run("content/posts/rates-bundle"); code != 1 || out != "" || !strings.Contains(stderr, `baseURL "/"`) {
		t.Errorf("site.yaml baseURL \"/\": exit %d, stdout %.200q, stderr %q; want exit 1 naming the baseURL", code, out, stderr)
	}
	if code, html, stderr := run("content/posts/rates-bundle", "--baseURL", "https://user.github.io/research/"); code != 0 || !strings.Contains(html, `"https://user.github.io/research/2024/03/rates-bundle/policy-rate-prices-2023.narrow.png"`) {
		t.Errorf("site.yaml baseURL \"/\" with --baseURL https://user.github.io/research/: exit %d %s\n%.300s", code, stderr, html)
	}
}
