package build

import (
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
		ThankYou:  cfg.AbsURL(site.ThanksPath),
	}
	if c.ThankYou != "" {
		sv.ThankYou = c.ThankYou
		if c.ThankYou[0] == '/' {
			sv.ThankYou = cfg.AbsURL(c.ThankYou)
		}
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
		if r := c.Fields["redirect"]; r != "" {
			sv.Hidden = append(sv.Hidden, render.FieldView{Name: r, Value: sv.ThankYou})
		}
	}
	sv.Terms, sv.Privacy = links.Terms, links.Privacy
	return sv
}
