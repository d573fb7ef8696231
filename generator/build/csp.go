package build

import (
	"net/url"
	"sort"
	"strings"

	"github.com/tearsheet/tearsheet/generator/chart"
	"github.com/tearsheet/tearsheet/generator/render"
)

// contentSecurityPolicy is the policy the default theme puts in a meta tag
// of every page. Everything loads from the site itself: the stylesheet,
// js/search.js and js/embed.js (the only scripts; JSON-LD is a data
// block, which a browser never runs, so script-src does not apply to it),
// images and the search index. Inline styles are refused except the one style sheet every chart
// SVG embeds, allowed by its hash. Forms may post only to the site and to
// the subscribe provider's origins (a provider's redirect after the post
// is checked against form-action too). frame-ancestors cannot be set from
// a meta tag; set it as an HTTP header where the host allows.
func contentSecurityPolicy(sub *render.SubscribeView) string {
	forms := []string{"'self'"}
	if sub != nil {
		var extra []string
		add := func(raw string) {
			u, err := url.Parse(raw)
			if err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" {
				extra = append(extra, u.Scheme+"://"+u.Host)
			}
		}
		add(sub.Action)
		add(sub.ThankYou)
		switch sub.Provider {
		case "mailchimp":
			extra = append(extra, "https://*.list-manage.com")
		case "kit":
			extra = append(extra, "https://*.kit.com")
		}
		sort.Strings(extra)
		for i, o := range extra {
			if i == 0 || extra[i-1] != o {
				forms = append(forms, o)
			}
		}
	}
	return strings.Join([]string{
		"default-src 'self'",
		"base-uri 'self'",
		"object-src 'none'",
		"img-src 'self' data:",
		"style-src 'self' " + chart.StyleHash(),
		"script-src 'self'",
		"form-action " + strings.Join(forms, " "),
	}, "; ")
}
