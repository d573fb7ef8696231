package serve

import (
	"fmt"
	"html"
	"net/http"
	"strings"

	"github.com/tearsheet/tearsheet/generator/internal/term"
)

// pending answers a request while no build of this run has succeeded (the
// first one failed): a page, 503, that lists the errors and carries the
// preview's client, which reloads it when the errors change and loads the
// site once a build succeeds (see live.js); any other file, 503 with the
// errors as text.
func (h *handler) pending(w http.ResponseWriter, r *http.Request, base string, errs []string) {
	name := OutputName(strings.TrimPrefix(r.URL.Path, base))
	if !strings.HasSuffix(name, ".html") {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		if r.Method != http.MethodHead {
			fmt.Fprintf(w, "The site has not built yet: fix these errors and save.\n\n%s\n", strings.Join(errs, "\n"))
		}
		return
	}
	h.send(w, r, http.StatusServiceUnavailable, base, name, pendingPage(errs))
}

// pendingID marks the page pending serves, and pendingID+"-errors" its
// list of errors: live.js shows no overlay there, reloads the page when the
// errors change, and loads the site in its place after a good build.
const pendingID = "tearsheet-pending"

// pendingPage is the page shown while the site has not built, listing its
// errors. It needs no script or style of its own (live.css styles it), so
// it holds the site's policy.
func pendingPage(errs []string) []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'">
<title>The site has not built yet · tearsheet serve</title>
</head>
<body>
<main id="` + pendingID + `">
<h1>The site has not built yet</h1>
`)
	fmt.Fprintf(&b, "<p>tearsheet serve found %s. Fix and save: this page follows the errors and shows the site as soon as it builds.</p>\n<ol id=\"%s-errors\">\n",
		html.EscapeString(term.ErrorCount(errs)), pendingID)
	for _, e := range errs {
		fmt.Fprintf(&b, "<li><code>%s</code></li>\n", html.EscapeString(e))
	}
	b.WriteString("</ol>\n</main>\n</body>\n</html>\n")
	return []byte(b.String())
}
