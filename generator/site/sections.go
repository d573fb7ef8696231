package site

import (
	"fmt"
	"strconv"
	"strings"
)

// Redirect is a page that sends the reader from a path to another page
// of the site, which is not an article or page (an Alias is to one).
type Redirect struct {
	From  string // site path
	Out   string // output file
	To    string // site path
	Title string // what To is called
}

// SectionPath is the folder that every article's address starts with,
// made of the permalink's segments before its first token: "/posts/" of
// "/posts/:slug/", "/blog/" of "/blog/:year/:slug/"; "" when the first
// segment holds a token ("/:year/:month/:slug/").
func SectionPath(permalink string) string {
	segs := strings.Split(strings.Trim(permalink, "/"), "/")
	var fixed []string
	for _, seg := range segs[:len(segs)-1] { // the last segment names the article
		if strings.Contains(seg, ":") {
			break
		}
		fixed = append(fixed, seg)
	}
	if len(fixed) == 0 {
		return ""
	}
	return "/" + strings.Join(fixed, "/") + "/"
}

// sections adds the redirects and the feed of the section of the
// permalink: Hugo publishes the list of a section's articles at its
// folder (/posts/, then /posts/page/2/…) and their RSS feed beside it
// (/posts/index.xml), which a site moved from Hugo with the permalink
// /posts/:slug/, to keep its articles' addresses, would otherwise answer
// with "not found", and its readers' subscriptions would end without a
// word. tearsheet's list of every article, newest first, is the home
// page: each page of the section's list redirects to the home page of
// that number, and the section's feed is the site's RSS feed, whose self
// link gives readers its address. A path something else writes (a page
// content/posts.md) is left to it.
func (s *Site) sections(permalink string) {
	sec := SectionPath(permalink)
	if sec == "" || len(s.Articles) == 0 {
		return
	}
	if out := OutDir(sec) + RSSFile; s.Owner(out) == "" {
		s.outputs[out] = "the copy of the site's RSS feed at " + sec + RSSFile + " (Hugo's feed of the section)"
		s.SectionFeed = out
	}
	title := "Latest articles"
	for _, pg := range s.Home {
		from := sec
		if pg.Number > 1 {
			from += "page/" + strconv.Itoa(pg.Number) + "/"
			title = "Articles, page " + strconv.Itoa(pg.Number)
		}
		out := OutFile(from)
		if s.Owner(out) != "" {
			continue
		}
		s.outputs[out] = "the redirect of " + from + " (Hugo's list of the section) to " + pg.Path
		s.Sections = append(s.Sections, Redirect{From: from, Out: out, To: pg.Path, Title: title})
	}
}

// firstPages adds, for each list of more than one page (the home page, a
// term's, a year's or a month's archive, and the section's copy of the
// home page), a redirect from its page/1/ to its first page, which is at
// the list's own address: a reader who edits /page/2/ in the address bar
// to /page/1/, and a link of a site moved from Hugo (which writes page/1/
// as such a redirect), find the first page, not "not found". A path
// something else writes is left to it.
func (s *Site) firstPages(permalink string) {
	add := func(pgs []Pager, from, title string) {
		if len(pgs) < 2 {
			return
		}
		from += "page/1/"
		out := OutFile(from)
		if s.Owner(out) != "" {
			return
		}
		s.outputs[out] = "the redirect of " + from + " to the list's first page " + pgs[0].Path
		s.Sections = append(s.Sections, Redirect{From: from, Out: out, To: pgs[0].Path, Title: title})
	}
	add(s.Home, "/", "Latest articles")
	if sec := SectionPath(permalink); sec != "" {
		add(s.Home, sec, "Latest articles")
	}
	for _, tx := range s.Taxonomies {
		for _, t := range tx.Terms {
			add(t.Pagers, t.Path, t.Name)
		}
	}
	for _, y := range s.Years {
		add(y.Pagers, y.Path, strconv.Itoa(y.Year))
		for _, m := range y.Months {
			add(m.Pagers, m.Path, fmt.Sprintf("%s %d", m.Month, m.Year))
		}
	}
}
