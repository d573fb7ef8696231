package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/tearsheet/tearsheet/generator/config"
)

// secrets holds the values of the environment variables the datasets name
// (as ${env:NAME} in a url or headers, or in a command's env list). A
// value is sent to the source that needs it and written nowhere: every
// message the fetch stage returns has each value replaced by [secret NAME],
// and a response or loader output that holds one is refused rather than
// stored.
type secrets struct {
	values map[string]string // by variable name; unset and empty variables are left out
	hide   *strings.Replacer
	names  []string // of values, longest value first
}

// newSecrets looks up every variable the datasets name.
func newSecrets(cfg *config.Config, datasets []string, lookup func(string) (string, bool)) *secrets {
	s := &secrets{values: map[string]string{}}
	for _, d := range datasets {
		for _, n := range cfg.Datasets[d].Secrets() {
			if v, ok := lookup(n); ok && v != "" {
				s.values[n] = v
			}
		}
	}
	for n := range s.values {
		s.names = append(s.names, n)
	}
	// Longer values first, so a value inside another is not replaced in
	// part; then by name, so the order is fixed.
	sort.Slice(s.names, func(i, j int) bool {
		a, b := s.values[s.names[i]], s.values[s.names[j]]
		if len(a) != len(b) {
			return len(a) > len(b)
		}
		return s.names[i] < s.names[j]
	})
	var pairs []string
	for _, n := range s.names {
		pairs = append(pairs, s.values[n], "[secret "+n+"]")
	}
	s.hide = strings.NewReplacer(pairs...)
	return s
}

// need returns the values of the dataset's variables, or an error naming
// the ones not set.
func (s *secrets) need(names []string, where string) (map[string]string, error) {
	var missing []string
	for _, n := range names {
		if _, ok := s.values[n]; !ok {
			missing = append(missing, n)
		}
	}
	switch len(missing) {
	case 0:
		return s.values, nil
	case 1:
		return nil, fmt.Errorf("environment variable %s (named in %s) is not set or empty: set it for the build (in GitHub Actions, from a repository secret: see the workflow's comments)", missing[0], where)
	}
	return nil, fmt.Errorf("environment variables %s (named in %s) are not set or empty: set them for the build (in GitHub Actions, from repository secrets: see the workflow's comments)", strings.Join(missing, ", "), where)
}

// request returns the address to fetch (u with its variables filled in)
// and the dataset's headers, likewise.
func (s *secrets) request(d config.Dataset, u string) (string, http.Header, error) {
	names := d.Secrets()
	if len(names) == 0 {
		return u, nil, nil
	}
	where := "headers"
	switch inURL, inHeaders := u != config.ExpandEnv(u, func(string) string { return "" }), len(d.Headers) > 0; {
	case inURL && inHeaders:
		where = "url and headers"
	case inURL:
		where = "url"
	}
	vals, err := s.need(names, where)
	if err != nil {
		return "", nil, err
	}
	value := func(n string) string { return vals[n] }
	var h http.Header
	if len(d.Headers) > 0 {
		h = http.Header{}
		for k, v := range d.Headers {
			h.Set(k, config.ExpandEnv(v, value))
		}
	}
	return config.ExpandEnv(u, value), h, nil
}

// env returns NAME=value for each variable of a command's env list.
func (s *secrets) env(d config.Dataset) ([]string, error) {
	vals, err := s.need(d.Env, "env")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, n := range d.Env {
		out = append(out, n+"="+vals[n])
	}
	return out, nil
}

// in returns the name of a variable whose value b holds, or "".
func (s *secrets) in(b []byte) string {
	for _, n := range s.names {
		if bytes.Contains(b, []byte(s.values[n])) {
			return n
		}
	}
	return ""
}

// redact replaces every value in text.
func (s *secrets) redact(text string) string {
	if len(s.names) == 0 {
		return text
	}
	return s.hide.Replace(text)
}

// redactErr returns err, or when its message holds a value, an error of
// the message redacted (which wraps nothing, so no caller can reach the
// original text).
func (s *secrets) redactErr(err error) error {
	if err == nil {
		return nil
	}
	var out []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			out = append(out, s.redactErr(e))
		}
		return errors.Join(out...)
	}
	if msg := err.Error(); s.redact(msg) != msg {
		return errors.New(s.redact(msg))
	}
	return err
}

// echoed is the error of a response or output holding a secret.
func echoed(name string) error {
	return &permanent{fmt.Errorf("the data holds the value of %s, which would be published with it: refused (is the source echoing the key back?)", name)}
}

// sentKey is the context key of the names of the headers a request carries
// from site.yaml, which a redirect to another host must not receive.
type sentKey struct{}

// withHeaders records the names of h's headers in ctx, for checkRedirect.
func withHeaders(ctx context.Context, h http.Header) context.Context {
	if len(h) == 0 {
		return ctx
	}
	names := make([]string, 0, len(h))
	for k := range h {
		names = append(names, k)
	}
	return context.WithValue(ctx, sentKey{}, names)
}
