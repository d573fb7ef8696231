package serve

import (
	"testing"

	"github.com/fsnotify/fsnotify"
)

// TestClassify pins which events cause which rebuild.
func TestClassify(t *testing.T) {
	const (
		create = fsnotify.Create
		write  = fsnotify.Write
		remove = fsnotify.Remove
		rename = fsnotify.Rename
		chmod  = fsnotify.Chmod
	)
	cases := []struct {
		name string
		op   fsnotify.Op
		want Kind
	}{
		// Content: an article or page, or a bundle folder.
		{"content/posts/rally.md", write, Content},
		{"content/posts/rally/index.md", create, Content},
		{"content/about.md", remove, Content},
		{"content/posts/2024-05-01-rally.markdown", write, Content}, // Jekyll's name: an article, not a static file
		{"content/posts/rally", rename, Content},
		{"content/posts/rally.md", write | chmod, Content},
		{"content", create, Content},
		// Data: shared datasets, top-level data/, and a bundle's data files.
		{"content/data/sp500.csv", write, Data},
		{"content/data/README.md", write, Data},
		{"content/posts/rally/prices.csv", write, Data},
		{"content/posts/rally/series.json", create, Data},
		{"data/fedfunds.csv", write, Data},
		{"data", create, Data},
		// Templates: theme templates, layouts, other theme files.
		{"themes/default/templates/base.html", write, Template},
		{"themes/default/templates/partials/card.html", write, Template},
		{"layouts/article.html", create, Template},
		{"layouts", remove, Template},
		{"themes/default/theme.yaml", write, Template},
		{"themes", create, Template},
		// Static files: copied as they are.
		{"static/robots.txt", write, Static},
		{"static", create, Static},
		{"themes/default/static/css/main.css", write, Static},
		{"static/.well-known/security.txt", write, Static}, // published (RFC 8615)
		{"static/.well-known", create, Static},
		{"static/.well-known/.DS_Store", write, Ignored},
		{"content/posts/rally/figure.png", create, Static},
		{"content/files/report.pdf", write, Static},
		// Config.
		{"site.yaml", write, Config},
		{"figures.lock", write, Config},
		{"./site.yaml", rename, Config},
		// Only attributes changed.
		{"content/posts/rally.md", chmod, Ignored},
		// Editor temporary and backup files.
		{"content/posts/.rally.md.swp", write, Ignored},
		{"content/posts/.rally.md.swx", create, Ignored},
		{"content/posts/rally.md.swp", write, Ignored},
		{"content/posts/4913", create, Ignored},
		{"content/posts/rally.md~", create, Ignored},
		{"content/posts/#rally.md#", write, Ignored},
		{"content/posts/.#rally.md", create, Ignored},
		{"content/posts/rally.md___jb_tmp___", write, Ignored},
		{"content/posts/rally.md___jb_old___", rename, Ignored},
		{"content/posts/rally.md.tmp", write, Ignored},
		{"content/posts/rally.md.tmp.1234", rename, Ignored},
		{"content/posts/.DS_Store", write, Ignored},
		{"content/posts/rally.md.kate-swp", write, Ignored},
		{"themes/default/templates/.base.html.swp", write, Ignored},
		{"site.yaml~", write, Ignored},
		{".site.yaml.swp", write, Ignored},
		// GNU sed -i writes sedXXXXXX beside the file, then renames it.
		{"content/posts/sedAb3xZ9", create, Ignored},
		{"content/posts/sedAb3xZ9", write, Ignored},
		{"content/posts/sedAb3xZ9", rename, Ignored},
		{"themes/default/templates/sed0q1W2e", create, Ignored},
		{"static/css/sedkQ8dJ1", write, Ignored},
		{"sedUu1tYy", create, Ignored},
		// vim: swap files (also of a hidden file, not hidden), its probe.
		{"content/posts/rally.md.swo", write, Ignored},
		{"content/posts/rally.md.swn", write, Ignored},
		{"themes/default/templates/4913", create, Ignored},
		{"layouts/4913", remove, Ignored},
		// emacs: auto-save and lock files.
		{"themes/default/templates/#base.html#", write, Ignored},
		{"content/about.md~", rename, Ignored},
		{"content/.#about.md", create, Ignored},
		// JetBrains safe write.
		{"themes/default/static/css/main.css___jb_tmp___", create, Ignored},
		// VS Code atomic writes, Kate/Qt QSaveFile, gedit, office suites.
		{"content/posts/rally.md.vsctmp", create, Ignored},
		{"site.yaml.vsctmp", rename, Ignored},
		{"content/posts/rally/index.md.aBcD42", create, Ignored},
		{"content/posts/rally.md.QWErt7", rename, Ignored},
		{"content/posts/.goutputstream-7XQ2M2", create, Ignored},
		{"content/posts/rally/.rally.md.kate-swp", write, Ignored},
		{"content/files/~$report.docx", create, Ignored},
		{"content/posts/rally.md.rej", create, Ignored},
		// Names like those that are not temporary files.
		{"content/posts/sedentary/", create, Content}, // a bundle folder, as the watcher reports it
		{"content/posts/sedation.md", write, Content},
		{"content/posts/sed.md", write, Content},
		{"content/data/q1.2024.csv", write, Data},
		{"content/files/report.v2.pdf", write, Static},
		{"content/files/archive.tar.gz", write, Static},
		{"content/posts/rally.md.backup", write, Static}, // no digit: not Qt's
		{"content/posts/4914.md", write, Content},
		{"content/", create, Content},
		// Skipped by content, output and other folders.
		{"content/_drafts/idea.md", write, Ignored},
		{"content/posts/_notes.md", write, Ignored},
		{"content/_drafts/_index.md", write, Ignored}, // in a skipped folder: not read, no warning
		{"content/posts/_index.md/", create, Ignored}, // a folder so named: no warning
		{"content/_posts/2024-05-01-rally.md", write, Ignored},
		// What a build warns of, as Hugo, Zola or Jekyll would read it:
		// the preview rebuilds to warn too.
		{"content/_index.md", create, Content},
		{"content/posts/_index.md", write, Content},
		{"content/posts/_index.markdown", remove, Content},
		{"content/_posts/", create, Content},
		{"content/_posts", rename, Content},
		{"public/index.html", write, Ignored},
		{".git/index", write, Ignored},
		{"README.md", write, Ignored},
		{"Makefile", write, Ignored},
		{"generator/serve/serve.go", write, Ignored},
		{".", write, Ignored},
		{"../elsewhere/site.yaml", write, Ignored},
	}
	for _, c := range cases {
		if got := Classify(c.name, c.op); got != c.want {
			t.Errorf("Classify(%q, %v) = %v, want %v", c.name, c.op, got, c.want)
		}
	}
}
