package render

import (
	"errors"
	"fmt"
	htemplate "html/template"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	ttemplate "text/template"

	"github.com/tearsheet/tearsheet/generator/internal/suggest"
)

// ExecError is a mistake a template makes while it renders: the template
// file as the site names it, the place in it, the action that failed and
// why. Every page that runs into the same mistake gets an equal ExecError,
// so a build reports it once rather than once per page.
type ExecError struct {
	File      string // themes/default/templates/partials/footer.html, or layouts/…
	Line, Col int    // Col 0: not known
	Action    string // the action that failed, such as {{.Site.Nope}}
	Msg       string
	Fix       string // how to fix it, when not the usual
}

func (e *ExecError) Error() string {
	at := fmt.Sprintf("%s:%d", e.File, e.Line)
	if e.Col > 0 {
		at += fmt.Sprintf(":%d", e.Col)
	}
	if e.Action != "" {
		at += ": " + e.Action
	}
	fix := e.Fix
	if fix == "" {
		fix = "fix the template, or the value it reads"
	}
	return fmt.Sprintf("%s: %s (%s)", at, e.Msg, fix)
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
	if m := missingRe.FindStringSubmatch(err.Error()); m != nil && t.broken[m[1]+m[2]] {
		// A call of a template that did not parse.
		return fmt.Errorf("template %s: %s: %w", name, m[1]+m[2], ErrNotLoaded)
	}
	var esc *htemplate.Error
	if errors.As(err, &esc) {
		if e := t.escapeError(esc); e != nil {
			return e
		}
	}
	var inner *ttemplate.ExecError
	for e := err; ; {
		var x ttemplate.ExecError
		if !errors.As(e, &x) {
			break
		}
		inner, e = &x, x.Err
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
	e.Col = column(m[3])
	return e
}

// column is the 1-based column of a place text/template names: it counts
// the bytes before it on its line, from 0 (parse.Tree.ErrorContext),
// while editors and compilers count from 1. 0 when s is empty.
func column(s string) int {
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n + 1
}

// escLocRe reads where html/template found a mistake as it escaped the
// templates: "html/template:NAME:LINE(:COL): MSG".
var escLocRe = regexp.MustCompile(`^html/template:([^:]+):(\d+)(?::(\d+))?: `)

// escapeError returns err, a mistake html/template found before the
// templates ran (a call of a template that does not exist, an action in
// an ambiguous place), as an *ExecError at the theme file, or nil when
// it does not name one.
func (t *Theme) escapeError(err *htemplate.Error) *ExecError {
	m := escLocRe.FindStringSubmatch(err.Error())
	if m == nil {
		return nil
	}
	file, ok := t.files[m[1]]
	if !ok {
		return nil
	}
	e := &ExecError{File: file, Msg: err.Description}
	e.Line, _ = strconv.Atoi(m[2])
	e.Col = column(m[3])
	if err.Node != nil {
		e.Action = err.Node.String()
	}
	if err.ErrorCode == htemplate.ErrNoSuchTemplate {
		e.Fix = t.noSuchFix(strings.TrimSuffix(file, m[1]), err.Description)
	} else {
		e.Fix = "fix the template"
	}
	return e
}

// noSuchRe reads the name in html/template's "no such template" message.
var noSuchRe = regexp.MustCompile(`no such template "([^"]*)"`)

// noSuchFix says how to mend a call, in the template file of root (the
// folder of its theme's templates, or layouts/), of a template that does
// not exist: the partial it was probably meant to be, else to add it or
// call one of the theme's partials.
func (t *Theme) noSuchFix(root, msg string) string {
	var partials []string
	for n := range t.files {
		if strings.HasPrefix(n, "partials/") {
			partials = append(partials, n)
		}
	}
	sort.Strings(partials)
	fix := "call one of the theme's partials: " + strings.Join(partials, ", ")
	if m := noSuchRe.FindStringSubmatch(msg); m != nil {
		if near := suggest.Closest(m[1], partials); near != "" {
			return fmt.Sprintf("did you mean %q?", near)
		}
		if path.Ext(m[1]) == ".html" {
			fix = "add " + path.Join(root, m[1]) + ", or " + fix
		}
	}
	return fix
}
