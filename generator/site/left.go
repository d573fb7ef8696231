package site

import (
	"path"
	"strings"
	"time"

	"github.com/tearsheet/tearsheet/generator/content"
)

// Why says why New left a source file out of the site.
type Why int

const (
	Draft     Why = iota + 1 // draft: true, without Options.Drafts
	Scheduled                // published after Options.Now, without Options.Future
	Expired                  // its expiryDate is past
)

// Left is a source file New left out of the site, with the URL its page
// would have: the preview tells an author who opens that URL why it is
// not there, rather than a bare "not found".
type Left struct {
	Path string    // source path
	URL  string    // site path the page would have; "" when it has none
	Why  Why       // why it is out
	Date time.Time // the date it is published (Scheduled) or expired (Expired)
}

// leave records that New left f out for why; p is f's page as far as New
// made it (its slug, title and date), from which its URL is made.
func (s *Site) leave(f *content.File, p *Page, why Why) {
	l := Left{Path: f.Path, Why: why}
	switch why {
	case Scheduled:
		l.Date = f.Meta.Published().In(s.Config.Location)
	case Expired:
		l.Date = f.Meta.ExpiryDate.Time.In(s.Config.Location)
	}
	if f.Kind == content.Article {
		p.Date = f.Meta.Date.Time.In(s.Config.Location)
		l.URL = permalink(s.Config.Permalink, p)
	} else {
		l.URL = pagePath(f)
	}
	s.Left = append(s.Left, l)
}

// pagePath is the site path of f, a page (not an article): its path below
// content/ without the extension, or its bundle's folder, with the slug of
// its front matter in place of its name.
func pagePath(f *content.File) string {
	rel := content.TrimExt(strings.TrimPrefix(f.Path, content.Dir+"/"))
	if f.Bundle != "" {
		rel = strings.TrimPrefix(f.Bundle, content.Dir+"/")
	}
	if f.Meta.Slug != "" {
		rel = path.Join(path.Dir(rel), f.Meta.Slug)
	}
	return "/" + strings.Trim(rel, "/") + "/"
}
