package render

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	ttemplate "text/template"
)

// ExecError is a mistake a template makes while it renders: the template
// file as the site names it, the place in it, the action that failed and
// why. Every page that runs into the same mistake gets an equal ExecError,
// so a build reports it once rather than once per page.
type ExecError struct {
	File      string // themes/default/templates/partials/footer.html, or layouts/…
	Line, Col int
	Action    string // the action that failed, such as {{.Site.Nope}}
	Msg       string
}

func (e *ExecError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s: %s (fix the template, or the value it reads)", e.File, e.Line, e.Col, e.Action, e.Msg)
}

// execLocRe reads where text/template says an action failed: it gives
// the place only in its message ("template: NAME:LINE:COL: executing
// "NAME" at <ACTION>: MSG").
var execLocRe = regexp.MustCompile(`^template: ([^:]+):(\d+):(\d+): executing "[^"]*" at <(.*?)>: `)

// missingRe reads the template that a template calls but that is not
// there, or has no body.
var missingRe = regexp.MustCompile(`(?:no such template "([^"]+)"|"([^"]+)" is an incomplete or empty template)`)

// execError returns err, an error of executing the template name, as an
// *ExecError when it comes from an action of one of the theme's templates,
// else wrapped with name. The innermost template's error
// is the one that names the action: an error of partials/footer.html
// reached base.html through partialCached.
func (t *Theme) execError(err error, name string) error {
	var done *ExecError // a partial's, made by ExecutePartial (partialCached)
	if errors.As(err, &done) {
		return done
	}
	var inner *ttemplate.ExecError
	for e := err; ; {
		var x ttemplate.ExecError
		if !errors.As(e, &x) {
			break
		}
		inner, e = &x, x.Err
	}
	if m := missingRe.FindStringSubmatch(err.Error()); m != nil && t.broken[m[1]+m[2]] {
		// A call of a template that did not parse.
		return fmt.Errorf("template %s: %s: %w", name, m[1]+m[2], ErrNotLoaded)
	}
	other := fmt.Errorf("template %s: %w", name, err)
	if inner == nil {
		return other
	}
	msg := inner.Err.Error()
	m := execLocRe.FindStringSubmatch(msg)
	if m == nil {
		return other
	}
	file, ok := t.files[m[1]]
	if !ok {
		return other
	}
	action := m[4]
	if !strings.HasPrefix(action, "{{") {
		// text/template names a field or call bare, but a
		// {{template}} with its braces.
		action = "{{" + action + "}}"
	}
	e := &ExecError{File: file, Action: action, Msg: msg[len(m[0]):]}
	e.Line, _ = strconv.Atoi(m[2])
	e.Col, _ = strconv.Atoi(m[3])
	return e
}
