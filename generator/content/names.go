package content

import (
	"fmt"
	"path"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// markdownExts are the extensions of markdown files: tearsheet's .md, and
// the others Jekyll (markdown_ext) and Hugo read as markdown.
var markdownExts = [...]string{".md", ".markdown", ".mdown", ".mkdown", ".mkdn", ".mkd"}

// IsMarkdown reports whether the file p is markdown by its extension: .md,
// or .markdown, .mdown, .mkdown, .mkdn or .mkd, which Jekyll and Hugo also
// read as markdown, in any case (POST.MD, Notes.Md): else such a file
// would be copied to the site as it is, front matter, drafts and all.
func IsMarkdown(p string) bool {
	ext := strings.ToLower(path.Ext(p))
	for _, e := range markdownExts {
		if ext == e {
			return true
		}
	}
	return false
}

// TrimExt returns p without its markdown extension (see IsMarkdown); p
// unchanged when it has none.
func TrimExt(p string) string {
	if IsMarkdown(p) {
		return strings.TrimSuffix(p, path.Ext(p))
	}
	return p
}

// SamePage returns the paths that make the same page as the markdown file
// rel (slash-separated), rel among them: for a lone file dir/name.md, the
// bundle dir/name and name with each markdown extension; for a bundle's
// dir/index.md, its folder's lone files dir.md, dir.markdown, … and its
// index with each markdown extension.
func SamePage(rel string) []string {
	stem := TrimExt(rel)
	if IsIndex(rel) {
		stem = path.Dir(rel)
	}
	same := []string{rel, stem}
	for _, e := range markdownExts {
		same = append(same, stem+e, path.Join(stem, "index"+e))
	}
	seen := make(map[string]bool, len(same))
	out := same[:0]
	for _, s := range same {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// IsIndex reports whether p is a folder's index file, which makes the
// folder a bundle: index.md, or index with another markdown extension
// (see IsMarkdown), in any case (INDEX.MD).
func IsIndex(p string) bool {
	return IsMarkdown(p) && strings.EqualFold(TrimExt(path.Base(p)), "index")
}

// MaxNameLen is the longest name, in bytes, of a file or folder: the
// limit of Linux's and macOS's file systems, and so of each part of an
// output's URL (a slug, a tag's slug).
const MaxNameLen = 255

// longName says that the name of kind ("tag") makes a URL part slug
// longer than MaxNameLen.
func longName(kind, name, slug string) string {
	cut := 40
	for cut < len(name) && !utf8.RuneStart(name[cut]) {
		cut--
	}
	return fmt.Sprintf("%s %q… makes a URL part of %d bytes, longer than a file or folder name may be (%d): shorten it", kind, name[:min(cut, len(name))], len(slug), MaxNameLen)
}

var nonSlug = regexp.MustCompile(`[^\p{Ll}\p{Lo}\p{N}]+`)

// Slugify turns a title or tag into a URL segment: lower-case letters and
// digits of any script, runs of anything else become one dash; "&" reads "and".
// "S&P 500" becomes "s-and-p-500".
func Slugify(s string) string {
	s = strings.ReplaceAll(s, "&", " and ")
	s = strings.Map(func(r rune) rune {
		if unicode.IsMark(r) {
			return -1
		}
		return unicode.ToLower(foldAccent(r))
	}, s)
	s = nonSlug.ReplaceAllString(s, "-")
	return strings.Trim(s, "-")
}

// FoldAccents returns s with the common Latin letters with diacritics as
// their base letter and combining marks left out, as Slugify reads them:
// "Écarts" is "Ecarts". A chart's id (figure.Slug), which keeps only ASCII
// letters, reads a title so, and the letters stay in it.
func FoldAccents(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsMark(r) {
			return -1
		}
		return foldAccent(r)
	}, s)
}

// foldAccent maps common Latin letters with diacritics to their base letter,
// so "Économie" slugs as "economie".
func foldAccent(r rune) rune {
	const from = "àáâãäåçèéêëìíîïñòóôõöøùúûüýÿÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝ"
	const to = "aaaaaaceeeeiiiinoooooouuuuyyAAAAAACEEEEIIIINOOOOOOUUUUY"
	if r < 0xC0 || r > 0x17F {
		return r
	}
	i := 0
	for _, f := range from {
		if f == r {
			return rune(to[i])
		}
		i++
	}
	return r
}
