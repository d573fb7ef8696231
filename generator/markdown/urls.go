package markdown

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"strings"

	"github.com/tearsheet/tearsheet/generator/internal/urlattr"
	"github.com/yuin/goldmark/ast"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// Bundle names the files of a document's bundle that are published beside
// its page under other names than their own: with a permalink ending in
// .html, the bundle's cover.png is rally-cover.png beside rally.html. It
// maps a file's path in the bundle (slash-separated, clean: "cover.png",
// "img/a.png") to its path from the page's folder ("rally-cover.png",
// "rally-img/a.png"). nil: every file keeps its name.
type Bundle map[string]string

// Ref returns ref, a URL as the document writes it, with the path of a
// file of the bundle ("cover.png", "./img/a.png?v=2#top") replaced by the
// path it is published at; any other URL as it is.
func (b Bundle) Ref(ref string) string {
	if len(b) == 0 {
		return ref
	}
	u, err := url.Parse(ref)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" || u.Path == "" || strings.HasPrefix(u.Path, "/") {
		return ref
	}
	pub, ok := b[path.Clean(u.Path)]
	if !ok {
		return ref
	}
	rest := ""
	if i := strings.IndexAny(ref, "?#"); i >= 0 {
		rest = ref[i:]
	}
	return (&url.URL{Path: pub}).String() + rest
}

// dest is the URL a link or image written as d points at on the page: a
// site path ("/about/") gets the base path, a file of the bundle its
// published name.
//
// Every site path gets the base path, also one that starts with the base
// path's own name: under the project site /data/, "/data/fedfunds/" is the
// site's /data/fedfunds/, and "/tags/" under /tags/ its list of topics,
// not its home page. Whether a path was written with the base path cannot
// be told from the path, and a site's content must not depend on the name
// of the repository it is published from; tearsheet check names a link
// written with it.
func (st *docState) dest(d []byte) []byte {
	if len(st.bundle) > 0 {
		if r := st.bundle.Ref(string(d)); r != string(d) {
			return []byte(r)
		}
	}
	return st.sitePath(d)
}

func (st *docState) sitePath(dest []byte) []byte {
	if st.basePath == "/" || len(dest) < 1 || dest[0] != '/' || (len(dest) > 1 && dest[1] == '/') {
		return dest
	}
	return append([]byte(strings.TrimSuffix(st.basePath, "/")), dest...)
}

// checkScheme reports a link or image (what) whose address dest is one
// goldmark publishes as "" (gmhtml.IsDangerousURL: javascript:,
// vbscript:, file:, data: but for PNG, GIF, JPEG and WebP images), which
// would leave readers a link or image that does nothing, at its line and
// with what to write instead.
func (st *docState) checkScheme(n ast.Node, what string, dest []byte) {
	// As the page has it: &#58; is a colon there.
	dest = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(dest)))
	if !gmhtml.IsDangerousURL(dest) {
		return
	}
	scheme, _, _ := strings.Cut(string(dest), ":")
	var why string
	switch strings.ToLower(scheme) {
	case "javascript", "vbscript":
		why = "runs a script, which the site's security policy blocks and readers need no JavaScript for: link to a page or a web address instead"
	case "file":
		why = "names a file on your computer, which readers cannot open: put the file in the article's folder, or under static/, and use its name"
	default:
		why = "holds the data itself, which browsers do not open from a page (only PNG, GIF, JPEG and WebP images may be written so): put the file in the article's folder, or under static/, and use its name"
	}
	shown := string(dest)
	if len(shown) > 60 {
		shown = shown[:57] + "..."
	}
	st.errs = append(st.errs, fmt.Errorf("%s:%d: %s %q: a %s: address %s", st.file, st.lineBase+st.lineAt(nodeOffset(n))-1, what, shown, strings.ToLower(scheme), why))
}

// rawURL is dest for a URL of raw HTML, whose value may have spaces
// around it (browsers drop them): a site path gets the base path as a
// markdown link's does, a file of the bundle its published name.
func (st *docState) rawURL(ref string) string {
	s := strings.TrimSpace(ref)
	if d := string(st.dest([]byte(s))); d != s {
		return d
	}
	return ref
}

// rewrittenAttr holds the HTML a raw HTML node (ast.RawHTML, ast.HTMLBlock)
// is written as when its URLs changed (see rawURLs).
var rewrittenAttr = []byte("ts-urls")

// rawURLs gives the URLs of raw HTML (with markdown.unsafeHTML) what
// links and images get (rawURL, dest): each node of raws whose URLs change is written
// as rewritten (renderRaw) rather than as its source.
func (st *docState) rawURLs(raws []ast.Node, src []byte) {
	for _, n := range raws {
		var b bytes.Buffer
		switch n := n.(type) {
		case *ast.RawHTML:
			for j := 0; j < n.Segments.Len(); j++ {
				seg := n.Segments.At(j)
				b.Write(seg.Value(src))
			}
		case *ast.HTMLBlock:
			for j := 0; j < n.Lines().Len(); j++ {
				line := n.Lines().At(j)
				b.Write(line.Value(src))
			}
			if n.HasClosure() {
				closure := n.ClosureLine
				b.Write(closure.Value(src))
			}
		}
		out, err := urlattr.Rewrite(b.Bytes(), st.rawURL)
		if err != nil {
			st.errs = append(st.errs, fmt.Errorf("%s: raw HTML: %w", st.file, err))
			continue
		}
		if !bytes.Equal(out, b.Bytes()) {
			n.SetAttribute(rewrittenAttr, out)
		}
	}
}

// renderRaw writes raw HTML that passes through (markdown.unsafeHTML) as
// goldmark does (a block's NUL bytes replaced), or as rawURLs rewrote it.
func renderRaw(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	v, rewritten := n.Attribute(rewrittenAttr)
	switch n := n.(type) {
	case *ast.RawHTML:
		switch {
		case !entering:
		case rewritten:
			_, _ = w.Write(v.([]byte))
		default:
			for j := 0; j < n.Segments.Len(); j++ {
				seg := n.Segments.At(j)
				_, _ = w.Write(seg.Value(src))
			}
		}
		return ast.WalkSkipChildren, nil
	case *ast.HTMLBlock:
		switch {
		case rewritten:
			if entering {
				gmhtml.DefaultWriter.SecureWrite(w, v.([]byte))
			}
		case entering:
			for j := 0; j < n.Lines().Len(); j++ {
				line := n.Lines().At(j)
				gmhtml.DefaultWriter.SecureWrite(w, line.Value(src))
			}
		case n.HasClosure():
			closure := n.ClosureLine
			gmhtml.DefaultWriter.SecureWrite(w, closure.Value(src))
		}
	}
	return ast.WalkContinue, nil
}
