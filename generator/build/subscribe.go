package build

import (
	"fmt"
	"net/url"

	"github.com/tearsheet/tearsheet/generator/config"
	"github.com/tearsheet/tearsheet/generator/render"
	"github.com/tearsheet/tearsheet/generator/site"
)

// Subscribe-form defaults, used when site.yaml leaves a text out.
const (
	defaultHeading  = "Get new research by email"
	defaultText     = "Each new article in your inbox when it is published. No other mail."
	defaultConsent  = "We use your address only to send the research. Every email has an unsubscribe link."
	defaultButton   = "Subscribe"
	defaultHoneypot = "website"
)

// subscribeView makes the form of site.yaml's subscribe settings, following
// each provider's documented embed form; nil when no provider is set.
// config.Load has checked the settings.
func subscribeView(cfg *config.Config, links render.SiteLinks) *render.SubscribeView {
	c := cfg.Subscribe
	if c.Provider == "" {
		return nil
	}
	or := func(v, def string) string {
		if v == "" {
			return def
		}
		return v
	}
	sv := &render.SubscribeView{
		Provider:  c.Provider,
		Method:    "post",
		NameField: c.Fields["name"],
		Honeypot:  or(c.Honeypot, defaultHoneypot),
		Heading:   or(c.Heading, defaultHeading),
		Text:      or(c.Text, defaultText),
		Consent:   or(c.Consent, defaultConsent),
		Button:    or(c.ButtonTxt, defaultButton),
		ThankYou:  thankYouURL(cfg),
		Confirm:   config.ConfirmByDefault(c.Provider),
	}
	if c.Confirm != nil {
		sv.Confirm = *c.Confirm
	}
	switch c.Provider {
	case "buttondown":
		// https://buttondown.com: the "embed" field marks an embedded form.
		sv.Action = "https://buttondown.com/api/emails/embed-subscribe/" + url.PathEscape(c.Username)
		sv.EmailField = "email"
		sv.Hidden = []render.FieldView{{Name: "embed", Value: "1"}}
		sv.Unsubscribe = `href="{{ unsubscribe_url }}"`
	case "mailchimp":
		// Mailchimp's embedded form: EMAIL (and FNAME), and the bot field
		// b_U_ID that Mailchimp itself checks.
		sv.Action = c.Action
		sv.EmailField = "EMAIL"
		sv.Unsubscribe = `href="*|UNSUB|*"`
		if u, err := url.Parse(c.Action); err == nil {
			q := u.Query()
			sv.Honeypot = "b_" + q.Get("u") + "_" + q.Get("id")
		}
	case "kit":
		sv.Action = "https://app.kit.com/forms/" + url.PathEscape(c.FormID) + "/subscriptions"
		sv.EmailField = "email_address"
		sv.Unsubscribe = `href="{{ unsubscribe_url }}"`
	case "form":
		sv.Action = c.Action
		sv.EmailField = c.Fields["email"]
		// A redirect is followed from the provider's host: a site path
		// would send the reader to a page of the provider's that does not
		// exist. Without a host the provider shows its own page instead
		// (subscribeWarning says why).
		if r := c.Fields["redirect"]; r != "" && hasHost(sv.ThankYou) {
			sv.Hidden = append(sv.Hidden, render.FieldView{Name: r, Value: sv.ThankYou})
		}
	}
	sv.Terms, sv.Privacy = links.Terms, links.Privacy
	return sv
}

// thankYouURL is the page readers land on after subscribing: site.yaml's
// thankYou, a site path made absolute, else the site's thank-you page.
func thankYouURL(cfg *config.Config) string {
	switch t := cfg.Subscribe.ThankYou; {
	case t == "":
		return cfg.AbsURL(site.ThanksPath)
	case t[0] == '/':
		return cfg.AbsURL(t)
	default:
		return t
	}
}

// hasHost reports whether raw is an absolute http(s) URL.
func hasHost(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// subscribeWarning says, when the form of provider form names a redirect
// field but the thank-you page's address has no host (baseURL is a path
// and thankYou a site path), that the form leaves the field out, so the
// provider shows its own page after subscribing; "" otherwise.
func subscribeWarning(cfg *config.Config) string {
	c := cfg.Subscribe
	if c.Provider != "form" || c.Fields["redirect"] == "" {
		return ""
	}
	thanks := thankYouURL(cfg)
	if hasHost(thanks) {
		return ""
	}
	where := cfg.File
	if n := cfg.Line("subscribe.fields"); n > 0 {
		where = fmt.Sprintf("%s:%d", cfg.File, n)
	}
	return fmt.Sprintf("%s: subscribe.fields.redirect: the thank-you page %q has no host, and the provider would send readers to that path on its own site, so the form leaves %s out and the provider shows its own page: "+
		"set baseURL to the address the site is published at, set domain, make thankYou an absolute URL, or build with --baseURL", where, thanks, c.Fields["redirect"])
}
