package build

import (
	"bufio"
	"bytes"
	"net/http"
	"slices"
	"strings"
)

// Headers is a _headers file (HeadersFile) as Netlify and Cloudflare Pages
// read it: rules of a path pattern on a line of its own and, indented
// below it, the headers ("Name: value") that responses for those paths
// carry. A pattern is a path from the site's root, matched exactly, or
// ending in * to match every path that starts with what comes before it.
// tearsheet serve sends what the built file says, so the preview carries
// the published headers, a site's own static/_headers included.
type Headers struct {
	rules  []headerRule
	exact  map[string][]int // rules by their exact path
	splats []int            // rules whose pattern ends in *
}

type headerRule struct {
	pattern string
	fields  [][2]string // name, value
}

// ParseHeaders reads a _headers file. Lines it cannot read (a header
// before any path, a line without a colon) are skipped, as the hosts do.
func ParseHeaders(b []byte) Headers {
	h := Headers{exact: map[string][]int{}}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		t := strings.TrimSpace(line)
		switch {
		case t == "" || strings.HasPrefix(t, "#"):
		case line[0] != ' ' && line[0] != '\t':
			i := len(h.rules)
			h.rules = append(h.rules, headerRule{pattern: t})
			if strings.HasSuffix(t, "*") {
				h.splats = append(h.splats, i)
			} else {
				h.exact[t] = append(h.exact[t], i)
			}
		case len(h.rules) > 0:
			name, value, ok := strings.Cut(t, ":")
			if !ok || strings.TrimSpace(name) == "" {
				continue
			}
			r := &h.rules[len(h.rules)-1]
			r.fields = append(r.fields, [2]string{strings.TrimSpace(name), strings.TrimSpace(value)})
		}
	}
	return h
}

// Apply sets on dst the headers of every rule that matches p, a URL path
// from the site's root ("/2024/05/note/"), in the file's order: a later
// rule's value of a header replaces an earlier one's.
func (h Headers) Apply(dst http.Header, p string) {
	var match []int
	for _, i := range h.splats {
		if strings.HasPrefix(p, strings.TrimSuffix(h.rules[i].pattern, "*")) {
			match = append(match, i)
		}
	}
	match = append(match, h.exact[p]...)
	slices.Sort(match)
	for _, i := range match {
		for _, f := range h.rules[i].fields {
			dst.Set(f[0], f[1])
		}
	}
}
