package browsertest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/tearsheet/tearsheet/generator/build"
)

// provider stands in for an email provider's form endpoint on its own
// origin, as form services behave: a post with a valid address and an
// empty honeypot is answered with a 303 to the redirect field's URL, any
// other with a page of the provider's own. It records the posts.
type provider struct {
	mu    sync.Mutex
	posts []map[string]string
}

func (p *provider) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/f/news" {
		http.NotFound(w, r)
		return
	}
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	got := map[string]string{}
	for k := range r.PostForm {
		got[k] = r.PostForm.Get(k)
	}
	p.mu.Lock()
	p.posts = append(p.posts, got)
	p.mu.Unlock()
	if _, err := mail.ParseAddress(got["email"]); err != nil || got["_gotcha"] != "" {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusUnprocessableEntity)
		w.Write([]byte("<!DOCTYPE html><title>Not subscribed</title><h1>Not subscribed</h1>"))
		return
	}
	http.Redirect(w, r, got["_next"], http.StatusSeeOther)
}

func (p *provider) taken() []map[string]string {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := p.posts
	p.posts = nil
	return out
}

// TestSubscribe reads the example site with the email form of provider
// form set (its action a server of its own on another origin, standing
// for the provider) as a reader who subscribes: on the subscribe page and
// after an article, at 390 px (mobile) and 1280 px, with JavaScript and
// without, Enter in the email field and a click on the button must post
// the address (the honeypot empty) and land the reader on the site's
// thank-you page; an empty or malformed address must post nothing and
// leave the reader on the form with the browser's message. The form's
// page must pass axe-core and the contrast checks in light and dark, and
// its targets SC 2.5.8 at 360 px.
func TestSubscribe(t *testing.T) {
	exe, err := findChromium()
	if err != nil {
		t.Skipf("SKIP browser tests: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	prov := new(provider)
	ps := httptest.NewServer(prov)
	defer ps.Close()
	dir := copyExample(t)
	cfg := filepath.Join(dir, build.ConfigFile)
	b, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, "subscribe: {provider: form, action: '"+ps.URL+"/f/news', fields: {email: email, redirect: _next, name: first_name}, honeypot: _gotcha}\n"...)
	if err := os.WriteFile(cfg, b, 0o644); err != nil {
		t.Fatal(err)
	}
	site, _ := serveSite(t, ctx, dir, "the example site with a subscribe form")
	browserCtx := startBrowser(t, ctx, exe)
	// The provider's origin is the form's to reach; anything else is a
	// problem.
	expected := func(msg string) bool { return strings.Contains(msg, ps.URL) }

	type attempt struct {
		page, email, how string
		l                layout
		script           bool
		ok               bool
	}
	var attempts []attempt
	for _, page := range []string{"subscribe/", "2026/10/small-cap-rally/"} {
		for _, l := range []layout{layouts[4], layouts[0]} {
			for _, script := range []bool{true, false} {
				attempts = append(attempts,
					attempt{page, "reader@example.com", "enter", l, script, true},
					attempt{page, "reader@example.com", "click", l, script, true})
			}
		}
	}
	attempts = append(attempts,
		attempt{"subscribe/", "", "click", layouts[4], true, false},
		attempt{"subscribe/", "not-an-email", "enter", layouts[4], true, false},
		attempt{"subscribe/", "reader@", "click", layouts[0], false, false})
	for _, a := range attempts {
		who := a.page + " " + a.l.name + " " + a.how + " " + map[bool]string{true: "with", false: "without"}[a.script] + " JavaScript, email " + `"` + a.email + `"`
		tab, p := openTab(t, browserCtx, site, 30*time.Second)
		if !a.script {
			if err := chromedp.Do(tab, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
				return err
			})); err != nil {
				t.Fatal(err)
			}
		}
		// The page's first form: the subscribe page's own, an article's
		// after its text.
		email := chromedp.CSS("main form.subscribe input[type=email]")
		if err := chromedp.Do(tab, setLayout(a.l), chromedp.Navigate(site+a.page), chromedp.Click(email)); err != nil {
			t.Fatalf("%s: %v", who, err)
		}
		if a.email != "" {
			if err := chromedp.Do(tab, chromedp.SendKeys(email, a.email)); err != nil {
				t.Fatalf("%s: %v", who, err)
			}
		}
		if a.how == "enter" {
			err = chromedp.Do(tab, chromedp.KeyEvent(kb.Enter))
		} else {
			err = chromedp.Do(tab, chromedp.Click(chromedp.CSS("main form.subscribe button[type=submit]")))
		}
		if err != nil {
			t.Fatalf("%s: %v", who, err)
		}
		if a.ok {
			if !eventually(tab, `location.pathname.endsWith("/subscribe/thanks/") && document.readyState === "complete"`, 10*time.Second) {
				loc, _ := chromedp.Run(tab, chromedp.Location())
				t.Errorf("%s: the reader is at %s, not on the thank-you page", who, loc)
			} else if h1, err := chromedp.Run(tab, chromedp.Text(chromedp.CSS("h1"))); err != nil || h1 != "Thank you" {
				t.Errorf("%s: the thank-you page's heading reads %q (%v)", who, h1, err)
			}
			posts := prov.taken()
			if len(posts) != 1 || posts[0]["email"] != a.email || posts[0]["_gotcha"] != "" {
				t.Errorf("%s: the provider got %v, want one post of %s with the honeypot empty", who, posts, a.email)
			}
		} else {
			// The browser keeps the reader on the form with its message.
			time.Sleep(500 * time.Millisecond) // a post, if any, has reached the provider
			loc, _ := chromedp.Run(tab, chromedp.Location())
			msg, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.querySelector("main form.subscribe input[type=email]").validationMessage`))
			if err != nil || !strings.HasSuffix(loc, a.page) || msg == "" {
				t.Errorf("%s: the reader is at %s, the field's message %q (%v); want the form with the browser's message", who, loc, msg, err)
			}
			if posts := prov.taken(); len(posts) != 0 {
				t.Errorf("%s: the provider got %v, want nothing", who, posts)
			}
		}
		for _, msg := range p.take() {
			if !expected(msg) {
				t.Errorf("%s: %s", who, msg)
			}
		}
	}

	// The form's looks and targets, as TestBrowser and TestInput check
	// the pages without it.
	var report summary
	for _, l := range []layout{layouts[0], layouts[1], layouts[6], layouts[7]} {
		tab, p := openTab(t, browserCtx, site, 60*time.Second)
		for _, page := range []string{"subscribe/", "2026/10/small-cap-rally/"} {
			if err := chromedp.Do(tab, setLayout(l), chromedp.Navigate(site+page)); err != nil {
				t.Fatal(err)
			}
			checkColors(t, tab, l, &report, "subscribe form "+page)
			checkOverflow(t, tab, l, " "+page)
			rules := axeAll
			if l.dark {
				rules = axeColors
			}
			checkAxe(t, tab, l, rules, &report)
		}
		for _, msg := range p.take() {
			t.Errorf("%s: %s", l.name, msg)
		}
	}
	checkTargetSize(t, browserCtx, site, []string{"subscribe/", "2026/10/small-cap-rally/", "subscribe/thanks/"})
	t.Logf("axe-core: %s; lowest contrast: %s", report.axeLine(), report.contrastLine())
}

// eventually reports whether expr is true in tab within d, evaluating it
// again on an error: the page navigates meanwhile.
func eventually(tab context.Context, expr string, d time.Duration) bool {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if ok, err := chromedp.Run(tab, chromedp.Evaluate[bool](expr)); err == nil && ok {
			return true
		}
		time.Sleep(50 * time.Millisecond) // the polling interval
	}
	return false
}
