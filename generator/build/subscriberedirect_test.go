package build

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// TestSubscribeRedirectWithoutHost posts the form of provider form to a
// server that behaves as form services do (a 303 to the redirect field's
// URL, read from the provider's own address, else a page of its own) and
// follows where it sends the reader. With the site's address a path only,
// the thank-you page has no host: the reader must still end on a page that
// exists, not on a path of the provider's, and the build must say why the
// form has no redirect. With a host, the reader lands on the site's
// thank-you page.
func TestSubscribeRedirectWithoutHost(t *testing.T) {
	const config = "subscribe: {provider: form, action: 'https://forms.example.net/f/news', fields: {email: email, redirect: _next}}\n"
	for _, tc := range []struct {
		name, baseURL string
		warn          bool
	}{
		{"path only", "/research/", true},
		{"with a host", "https://example.org/research/", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			provider := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				switch {
				case r.Method == http.MethodPost && r.URL.Path == "/f/news":
					r.ParseForm()
					if next := r.PostForm.Get("_next"); next != "" {
						http.Redirect(w, r, next, http.StatusSeeOther)
						return
					}
					io.WriteString(w, "<h1>Thanks from the form service</h1>")
				default:
					http.NotFound(w, r)
				}
			}))
			defer provider.Close()
			mem, res, err := buildMem(t, withConfig(researchFS(t), config), Options{BaseURL: tc.baseURL})
			if err != nil {
				t.Fatal(err)
			}
			f := findForms(t, mustGet(t, mem, "subscribe/index.html"))[0]
			action, err := url.Parse(f.action)
			if err != nil {
				t.Fatal(err)
			}
			pu, _ := url.Parse(provider.URL)
			action.Scheme, action.Host = pu.Scheme, pu.Host
			values := url.Values{}
			for _, in := range f.inputs {
				if in.typ == "email" {
					values.Set(in.name, "reader@example.com")
				} else {
					values.Set(in.name, in.value)
				}
			}
			// The reader's browser: a redirect to the site is answered
			// from the built pages, anything else by the provider.
			var landed string
			client := &http.Client{Transport: roundTripper(func(r *http.Request) (*http.Response, error) {
				if r.URL.Host == "example.org" {
					landed = r.URL.Path
					name := strings.TrimPrefix(r.URL.Path, "/research/") + "index.html"
					rec := httptest.NewRecorder()
					if b, ok := mem.Get(name); ok {
						rec.Write(b)
					} else {
						http.NotFound(rec, r)
					}
					return rec.Result(), nil
				}
				landed = provider.URL + r.URL.Path
				return http.DefaultTransport.RoundTrip(r)
			})}
			resp, err := client.PostForm(action.String(), values)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Errorf("after subscribing the reader lands on %s: %d %s (the form's fields: %v)", landed, resp.StatusCode, strings.TrimSpace(string(body)), values)
			}
			if !tc.warn && landed != "/research/subscribe/thanks/" {
				t.Errorf("after subscribing the reader lands on %s, want the site's /research/subscribe/thanks/", landed)
			}
			warned := slices.ContainsFunc(res.Warnings, func(w string) bool { return strings.Contains(w, "subscribe.fields.redirect") })
			if warned != tc.warn {
				t.Errorf("warnings %q: a warning about the redirect field is %v, want %v", res.Warnings, warned, tc.warn)
			}
		})
	}
}

// roundTripper is an http.RoundTripper of a function.
type roundTripper func(*http.Request) (*http.Response, error)

func (f roundTripper) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
