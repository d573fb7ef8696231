package config

import (
	"sort"
	"strings"
)

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
