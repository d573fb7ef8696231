package feed

import (
	"bytes"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/tearsheet/tearsheet/generator/internal/urlattr"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// emailDropped are the elements an email edition leaves out with their
// content: email clients strip or refuse them (script, style sheets,
// inline SVG, frames, forms), and a message must not depend on them.
var emailDropped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Svg: true, atom.Math: true, atom.Iframe: true,
	atom.Object: true, atom.Embed: true, atom.Noscript: true, atom.Template: true,
	atom.Form: true, atom.Button: true, atom.Select: true, atom.Textarea: true,
	atom.Video: true, atom.Audio: true, atom.Canvas: true,
}

// emailVoidDropped are void elements an email edition leaves out.
var emailVoidDropped = map[atom.Atom]bool{atom.Link: true, atom.Input: true, atom.Meta: true, atom.Base: true, atom.Source: true, atom.Track: true}

// emailStyles are the inline styles an email edition gives elements that
// have none: email clients ignore style sheets, so every element carries
// its own. Colours are dark on white, which dark-mode clients either keep
// (with the white table around them) or invert as a whole.
var emailStyles = map[atom.Atom]string{
	atom.P:          "margin:0 0 16px;",
	atom.H1:         "margin:24px 0 8px;font-size:24px;line-height:30px;color:#1d1f23;",
	atom.H2:         "margin:24px 0 8px;font-size:21px;line-height:28px;color:#1d1f23;",
	atom.H3:         "margin:20px 0 8px;font-size:18px;line-height:25px;color:#1d1f23;",
	atom.H4:         "margin:16px 0 8px;font-size:17px;line-height:24px;color:#1d1f23;",
	atom.Ul:         "margin:0 0 16px;padding-left:24px;",
	atom.Ol:         "margin:0 0 16px;padding-left:24px;",
	atom.Li:         "margin:0 0 6px;",
	atom.Blockquote: "margin:0 0 16px;padding:0 0 0 14px;border-left:3px solid #c9c4b8;color:#3c4047;",
	atom.Pre:        "margin:0 0 16px;padding:10px;background-color:#f3f1ec;color:#1d1f23;font-size:13px;line-height:19px;white-space:pre-wrap;word-wrap:break-word;",
	atom.Code:       "font-family:Menlo,Consolas,monospace;font-size:14px;",
	atom.Table:      "border-collapse:collapse;margin:0 0 16px;font-family:Helvetica,Arial,sans-serif;font-size:14px;line-height:20px;",
	atom.Th:         "padding:4px 8px;border-bottom:1px solid #c9c4b8;text-align:left;",
	atom.Td:         "padding:4px 8px;border-bottom:1px solid #e2ded5;",
	atom.A:          "color:#1f5fbf;",
	atom.Img:        "max-width:100%;height:auto;border:0;",
	atom.Hr:         "border:0;border-top:1px solid #e2ded5;margin:24px 0;",
	atom.Figure:     "margin:0 0 16px;",
	atom.Sup:        "font-size:12px;line-height:0;",
	// A date (an ISO date in a table cell is one) stays on one line, as
	// the theme's style sheet keeps it on the page: on a phone a table's
	// columns are squeezed to their narrowest, which broke "2009-03"
	// after its dash.
	atom.Time: "white-space:nowrap;",
}

// emailTableScroll is the inline style of a markdown table's box
// (div.table-scroll): a table wider than a phone's screen scrolls in it,
// as on the page, rather than widening the whole message (the email
// template's tables are laid out fixed, so their width is the screen's).
const emailTableScroll = "overflow-x:auto;"

// hasClass reports whether attrs hold a class attribute that names class.
func hasClass(attrs []html.Attribute, class string) bool {
	for _, a := range attrs {
		if a.Key == "class" && slices.Contains(strings.Fields(a.Val), class) {
			return true
		}
	}
	return false
}

// aligned returns st, a table cell's inline style, aligned as the cell's
// class says: markdown writes a column's alignment (|---:|) as the class
// align-left, align-center or align-right, which the theme's style sheet
// styles on the page and an email client, which reads none, would not
// (a column of numbers set right showed ragged, its head set left).
func aligned(st string, attrs []html.Attribute) string {
	for _, side := range [...]string{"left", "center", "right"} {
		if hasClass(attrs, "align-"+side) {
			return strings.Replace(st, "text-align:left;", "", 1) + "text-align:" + side + ";"
		}
	}
	return st
}

// checkMark is the text that stands for an input of attrs in an email
// edition, which leaves forms out: a task list's checkbox (markdown's
// "- [x] done") as a ballot box, checked or not, since without it a task
// done and one open read the same; "" for other inputs.
func checkMark(attrs []html.Attribute) string {
	box, checked := false, false
	for _, a := range attrs {
		switch a.Key {
		case "type":
			box = strings.EqualFold(a.Val, "checkbox")
		case "checked":
			checked = true
		}
	}
	switch {
	case !box:
		return ""
	case checked:
		return "\u2611" // ☑
	}
	return "\u2610" // ☐
}

// EmailContentWidth is the width in CSS px of an email edition's column:
// the theme's message is 600 px wide, its text 24 px in from either side.
const EmailContentWidth = 552

// ImageSize returns the size in px of the image at src, an absolute URL,
// and whether it is known.
type ImageSize func(src string) (width, height int, ok bool)

// Email makes an article's HTML fragment fit for an email edition: URL
// attributes absolute against base (see Absolute), the elements email
// clients refuse (script, style, svg, link, iframe, forms…) left out with
// their content, and an inline style on each element the fragment's tags
// leave unstyled (email clients ignore style sheets). An img without
// width and height attributes whose size, when size is not nil, says is
// known gets both, at most EmailContentWidth wide in its shape: Outlook
// for Windows ignores CSS max-width and shows an image as wide as its
// width attribute, else its file (a 1600 px PNG widened the whole
// message). An image of unknown size (another site's) is left as it is,
// max-width:100% for the clients that read CSS. Text is copied byte for
// byte.
func Email(fragment []byte, base *url.URL, size ImageSize) ([]byte, error) {
	var out bytes.Buffer
	// Room for an inline style on about every other tag (start tags):
	// the buffer grows once.
	out.Grow(len(fragment) + 24*bytes.Count(fragment, []byte("<")))
	z := html.NewTokenizer(bytes.NewReader(fragment))
	var drop dropping
	var attrs []html.Attribute // a tag's, reused
	var nameBuf []byte         // a tag's name, reused
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() == io.EOF {
				return out.Bytes(), nil
			}
			return nil, z.Err()
		case html.StartTagToken, html.SelfClosingTagToken:
			name := urlattr.TagName(z, nameBuf)
			if name == nil {
				name, _ = z.TagName()
			} else {
				nameBuf = name
			}
			a := atom.Lookup(name)
			if drop.skips(tt, a) {
				continue
			}
			if a == atom.Input {
				attrs = urlattr.ReadAllAttrs(z, attrs[:0])
				out.WriteString(checkMark(attrs))
				continue
			}
			if emailVoidDropped[a] {
				continue
			}
			if emailDropped[a] {
				drop.start(tt, a)
				continue
			}
			attrs = urlattr.ReadAllAttrs(z, attrs[:0])
			if a == atom.A && tt == html.StartTagToken && hasClass(attrs, "footnote-backref") {
				// A note's link back to its reference ("↩︎") would open
				// the web page, not return the reader to the place in the
				// message they came from: left out, as the plain-text
				// part leaves it out.
				drop.start(tt, a)
				continue
			}
			urlattr.Tag(name, attrs, func(ref string) string { return resolve(base, ref) })
			if a == atom.Img && size != nil {
				attrs = sized(attrs, size)
			}
			styled := slices.ContainsFunc(attrs, func(a html.Attribute) bool { return a.Key == "style" })
			if st, ok := emailStyles[a]; ok && !styled {
				if a == atom.Th || a == atom.Td {
					st = aligned(st, attrs)
				}
				attrs = append(attrs, html.Attribute{Key: "style", Val: st})
			} else if a == atom.Div && !styled && hasClass(attrs, "table-scroll") {
				attrs = append(attrs, html.Attribute{Key: "style", Val: emailTableScroll})
			}
			urlattr.WriteTag(&out, name, attrs, tt == html.SelfClosingTagToken)
		case html.EndTagToken:
			if drop.depth > 0 {
				name, _ := z.TagName()
				drop.skips(tt, atom.Lookup(name))
				continue
			}
			out.Write(z.Raw())
		case html.CommentToken:
			if drop.depth > 0 {
				continue
			}
			// What a conditional comment holds for Outlook alone (<!--[if
			// mso]>…<![endif]-->) is HTML as the rest is.
			raw := z.Raw()
			if open, inner, ok := conditional(raw); ok {
				b, err := Email(inner, base, size)
				if err != nil {
					return nil, err
				}
				out.Write(open)
				out.Write(b)
				out.WriteString(endif)
				continue
			}
			out.Write(raw)
		default:
			if drop.depth == 0 {
				out.Write(z.Raw())
			}
		}
	}
}

// endif ends a conditional comment that hides what it holds from every
// client but those its condition names.
const endif = "<![endif]-->"

// conditional splits raw, a comment, into its opening (<!--[if mso]>) and
// the HTML it holds, when it is a conditional comment that holds some.
func conditional(raw []byte) (open, inner []byte, ok bool) {
	if !bytes.HasPrefix(raw, []byte("<!--[if ")) || !bytes.HasSuffix(raw, []byte(endif)) {
		return nil, nil, false
	}
	i := bytes.Index(raw, []byte("]>"))
	if i < 0 || i+2 > len(raw)-len(endif) {
		return nil, nil, false
	}
	return raw[:i+2], raw[i+2 : len(raw)-len(endif)], true
}

// sized returns an img's attrs with width and height at most
// EmailContentWidth wide, from what size says of its src, when it has
// neither and its size is known.
func sized(attrs []html.Attribute, size ImageSize) []html.Attribute {
	src := ""
	for _, a := range attrs {
		switch a.Key {
		case "width", "height":
			return attrs
		case "src":
			src = a.Val
		}
	}
	if src == "" {
		return attrs
	}
	w, h, ok := size(src)
	if !ok || w <= 0 || h <= 0 {
		return attrs
	}
	cw := min(w, EmailContentWidth)
	ch := max(1, (h*cw+w/2)/w)
	return append(attrs, html.Attribute{Key: "width", Val: strconv.Itoa(cw)}, html.Attribute{Key: "height", Val: strconv.Itoa(ch)})
}

// dropping follows a tokenizer through an element left out with its
// content: depth counts the open elements of its kind, nested ones too.
type dropping struct {
	depth int
	el    atom.Atom
}

// start drops the element that a start tag of a opens (a self-closing
// one has no content).
func (d *dropping) start(tt html.TokenType, a atom.Atom) {
	if tt == html.StartTagToken {
		d.depth, d.el = 1, a
	}
}

// skips reports whether the tag (tt, a) is inside the dropped element or
// closes it, and counts it.
func (d *dropping) skips(tt html.TokenType, a atom.Atom) bool {
	if d.depth == 0 {
		return false
	}
	if a == d.el {
		switch tt {
		case html.StartTagToken:
			d.depth++
		case html.EndTagToken:
			d.depth--
		}
	}
	return true
}
