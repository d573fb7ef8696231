package config

import (
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/tearsheet/tearsheet/generator/internal/yamlx"
)

// Subscribe configures the email-subscription form.
type Subscribe struct {
	Provider  string            `yaml:"provider"`
	Action    string            `yaml:"action"`
	Username  string            `yaml:"username"`
	FormID    string            `yaml:"formID"`
	Fields    map[string]string `yaml:"fields"`
	Honeypot  string            `yaml:"honeypot"`
	ThankYou  string            `yaml:"thankYou"`
	Heading   string            `yaml:"heading"`
	Text      string            `yaml:"text"`
	Consent   string            `yaml:"consent"`
	ButtonTxt string            `yaml:"button"`
	// Confirm says whether the provider emails a link the reader must
	// follow before the subscription starts (double opt-in); nil follows
	// the provider (ConfirmByDefault).
	Confirm *bool `yaml:"confirm"`
}

// ConfirmByDefault reports whether provider asks new subscribers to
// confirm their address unless told otherwise: Buttondown, Mailchimp and
// Kit do in their default settings (double opt-in); a generic form's
// service is not known to.
func ConfirmByDefault(provider string) bool {
	switch provider {
	case "buttondown", "mailchimp", "kit":
		return true
	}
	return false
}

// Providers lists the subscribe providers tearsheet knows.
func Providers() []string { return []string{"buttondown", "form", "kit", "mailchimp"} }

// validate returns the problems of the subscribe settings, each at its
// line of file.
func (s *Subscribe) validate(file string, line func(string) int) []error {
	var errs []error
	bad := func(key, format string, args ...any) {
		errs = append(errs, &yamlx.Error{File: file, Line: line(key), Msg: key + ": " + fmt.Sprintf(format, args...)})
	}
	need := func(key, val, example string) {
		if strings.TrimSpace(val) == "" {
			bad("subscribe."+key, "provider %q needs %s (for example %s)", s.Provider, key, example)
		}
	}
	checkURL := func(key, val string) {
		if val == "" {
			return
		}
		u, err := url.Parse(val)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			bad("subscribe."+key, "%q must be an absolute http(s) URL", val)
		}
	}
	switch s.Provider {
	case "":
		return nil
	case "buttondown":
		need("username", s.Username, "myletter")
	case "mailchimp":
		need("action", s.Action, "https://example.us1.list-manage.com/subscribe/post?u=abc&id=def")
		if s.Action != "" && !strings.Contains(s.Action, "list-manage.com/subscribe/post") {
			bad("subscribe.action", "%q is not a Mailchimp embedded-form URL (it contains list-manage.com/subscribe/post)", s.Action)
		}
		if u, err := url.Parse(s.Action); s.Action != "" && err == nil && (u.Query().Get("u") == "" || u.Query().Get("id") == "") {
			bad("subscribe.action", "%q lacks the u= and id= parameters of Mailchimp's embed code", s.Action)
		}
	case "kit":
		need("formID", s.FormID, "1234567")
		for _, r := range s.FormID {
			if r < '0' || r > '9' {
				bad("subscribe.formID", "%q must be the numeric form id from Kit's embed code", s.FormID)
				break
			}
		}
	case "form":
		need("action", s.Action, "https://forms.example.com/subscribe")
		if s.Fields["email"] == "" {
			bad("subscribe.fields", "provider \"form\" needs fields.email, the name of the email field")
		}
	default:
		bad("subscribe.provider", "unknown provider %q (providers: %s)", s.Provider, strings.Join(Providers(), ", "))
	}
	s.validateFields(bad)
	checkURL("action", s.Action)
	if u, err := url.Parse(s.ThankYou); s.ThankYou != "" && !strings.HasPrefix(s.ThankYou, "/") &&
		(err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "") {
		// doc.go: a URL or a site path.
		bad("subscribe.thankYou", "%q must be a site path such as /subscribe/thanks/ or an absolute http(s) URL", s.ThankYou)
	}
	return errs
}

// SubscribeFields lists the keys subscribe.fields may hold: email (the
// email field's name, provider form only), name (an optional name field,
// such as FNAME for Mailchimp or fields[first_name] for Kit) and redirect
// (provider form only: a hidden field carrying the thank-you URL).
func SubscribeFields() []string { return []string{"email", "name", "redirect"} }

// validateFields checks subscribe.fields and subscribe.honeypot; bad
// records a problem with a key.
func (s *Subscribe) validateFields(bad func(key, format string, args ...any)) {
	keys := make([]string, 0, len(s.Fields))
	for k := range s.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	known := strings.Join(SubscribeFields(), " ") + " "
	for _, k := range keys {
		v := s.Fields[k]
		switch {
		case !strings.Contains(known, k+" "):
			bad("subscribe.fields", "unknown field %q (fields: %s)", k, strings.Join(SubscribeFields(), ", "))
		case s.Provider != "form" && s.Provider != "" && k != "name":
			bad("subscribe.fields", "%s: provider %q has fixed field names; only fields.name can be set", k, s.Provider)
		case !fieldName(v):
			bad("subscribe.fields", "%s: %q is not a form field name (letters, digits, _ - [ ] .)", k, v)
		}
	}
	if s.Honeypot != "" && !fieldName(s.Honeypot) {
		bad("subscribe.honeypot", "%q is not a form field name (letters, digits, _ - [ ] .)", s.Honeypot)
	}
}

// fieldName reports whether v is a plain form field name.
func fieldName(v string) bool {
	if v == "" {
		return false
	}
	for _, r := range v {
		ok := r == '_' || r == '-' || r == '[' || r == ']' || r == '.' ||
			('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9')
		if !ok {
			return false
		}
	}
	return true
}
