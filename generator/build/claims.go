package build

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tearsheet/tearsheet/generator/figure"
	"github.com/tearsheet/tearsheet/generator/site"
)

// checkData checks what the text says about the data: every front-matter
// claim of every page, and the age of datasets with a maxAge. It fills
// b.claims and returns warnings; a claim that no longer holds is an error
// with Options.Strict, as is any claim or dataset that cannot be computed.
func (b *builder) checkData() ([]string, error) {
	var warnings []string
	var errs []error
	pages := b.all()
	if b.claims == nil {
		b.claims = make([]*claimResult, len(pages))
	}
	for i, p := range pages {
		c := b.claims[i]
		if c == nil {
			c = b.checkClaims(p)
			b.claims[i] = c // a Session's next build may reuse it
		}
		warnings = append(warnings, c.warnings...)
		errs = append(errs, c.errs...)
	}
	errs = append(errs, b.checkTickers()...)
	for _, name := range b.cfg.DatasetNames() {
		d := b.cfg.Datasets[name]
		if d.Age <= 0 {
			continue
		}
		st := b.figures.Store()
		src, err := st.Resolve(name, "")
		if err == nil {
			// A table a figure read and could not load is the figure's
			// error already.
			read := st.Loaded(src)
			var t interface{ LastDate() time.Time }
			if t, err = st.Table(src); err == nil {
				last := t.LastDate()
				if age := b.opts.Now.Sub(last); age > d.Age {
					warnings = append(warnings, b.cfg.DatasetError(name, fmt.Errorf("stale data: the newest row is %s, %s before the build (maxAge %s)",
						last.Format("2006-01-02"), days(age), maxAge(d.MaxAge, b.cfg.Fetch.MaxAge))).Error())
				}
			} else if read {
				continue
			}
		}
		if err != nil {
			errs = append(errs, b.cfg.DatasetError(name, err))
		}
	}
	return warnings, errors.Join(errs...) // run joins every stage's errors (joinUnique)
}

// claimResult is what the claims of one page came to.
type claimResult struct {
	notices  []string // shown on the page
	warnings []string
	errs     []error
}

// checkClaims checks the front-matter claims of page p.
func (b *builder) checkClaims(p *site.Page) *claimResult {
	r := &claimResult{}
	for _, c := range p.File.Meta.Claims {
		res, err := b.figures.CheckClaim(p.File.Path, c)
		if err != nil {
			r.errs = append(r.errs, err)
			continue
		}
		if res.Holds {
			continue
		}
		text := c.Text
		if text == "" {
			text = c.Check
		}
		msg := fmt.Sprintf("%s:%d: claim no longer holds: %q: %s is false%s", p.File.Path, c.Line, text, res.Summary, onData(res))
		if c.Text != "" {
			msg += fmt.Sprintf(" (check: %s)", c.Check)
		}
		if b.opts.Strict {
			r.errs = append(r.errs, errors.New(msg+" (--strict)"))
		} else {
			r.warnings = append(r.warnings, msg)
		}
		r.notices = append(r.notices, notice(c.Text, res))
	}
	return r
}

// notice is what an article shows of a claim that no longer holds, dated
// by the data that says so.
func notice(text string, res *figure.ClaimResult) string {
	if text == "" {
		return "“" + res.Summary + "” is no longer true" + onData(res) + "."
	}
	return "“" + strings.TrimSuffix(text, ".") + "” (now " + res.Left + " against " + res.Right + onData(res, ",") + ")."
}

// onData is " on data through MONTH YEAR" (after sep), the date of the
// newest data a claim's figures read, or "" when it has none.
func onData(res *figure.ClaimResult, sep ...string) string {
	if res.Through == "" {
		return ""
	}
	return strings.Join(sep, "") + " on data through " + res.Through
}

func days(d time.Duration) string {
	n := int(d.Hours() / 24)
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}

func maxAge(own, site string) string {
	if own != "" {
		return own
	}
	return site + ", fetch.maxAge"
}
