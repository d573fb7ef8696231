package config

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/tearsheet/tearsheet/generator/data"
)

// secretHint says how a dataset names a secret, for messages.
const secretHint = `headers: {Authorization: "Bearer ${env:NAME}"} for url and fred, env: [NAME] for a command`

var (
	// envRefRe matches a reference to an environment variable in a url or
	// a header value: ${env:NAME}.
	envRefRe = regexp.MustCompile(`\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}`)
	envName  = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	// headerName is a header field name (RFC 9110's token).
	headerName = regexp.MustCompile("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$")
	// credentialHeader matches header names that carry credentials, whose
	// value must come from the environment, not from site.yaml.
	credentialHeader = regexp.MustCompile(`(?i)(authorization|cookie|token|key|secret|passw|credential)`)
)

// Secrets returns the names of the environment variables the dataset reads
// (as ${env:NAME} in its url and headers, and in its env list), sorted,
// each once. Their values are secrets: a build never writes them anywhere.
func (d Dataset) Secrets() []string {
	seen := map[string]bool{}
	for _, v := range append([]string{d.URL}, mapValues(d.Headers)...) {
		for _, m := range envRefRe.FindAllStringSubmatch(v, -1) {
			seen[m[1]] = true
		}
	}
	for _, n := range d.Env {
		seen[n] = true
	}
	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

func mapValues(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for _, k := range sortedKeys(m) {
		out = append(out, m[k])
	}
	return out
}

// ExpandEnv replaces each ${env:NAME} of a url or header value with
// value(NAME).
func ExpandEnv(v string, value func(name string) string) string {
	return envRefRe.ReplaceAllStringFunc(v, func(ref string) string {
		return value(envRefRe.FindStringSubmatch(ref)[1])
	})
}

// validateFetch checks the fetch settings and parses their durations.
func (c *Config) validateFetch(bad func(key, format string, args ...any)) []error {
	f := &c.Fetch
	dur := func(key, val string) time.Duration {
		d, err := ParseAge(val)
		if err != nil {
			bad("fetch."+key, "%q must be a duration such as 10s, 2m or 45d", val)
		}
		return d
	}
	f.TimeoutDur = dur("timeout", f.Timeout)
	f.CommandTimeoutDur = dur("commandTimeout", f.CommandTimeout)
	if f.MaxAge != "" {
		f.MaxAgeDur = dur("maxAge", f.MaxAge)
	}
	if f.Retries < 0 || f.Retries > 10 {
		bad("fetch.retries", "%d must be between 0 and 10", f.Retries)
	}
	if f.MaxBytes < 1024 {
		bad("fetch.maxBytes", "%d must be at least 1024", f.MaxBytes)
	}
	if u, err := url.Parse(f.FREDBaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		bad("fetch.fredBaseURL", "%q must be an absolute http(s) URL such as %s", f.FREDBaseURL, DefaultFREDBaseURL)
	}
	return nil
}

// writesSource reports whether site.yaml writes a source (file, url, fred
// or command) under the dataset key: one written with a value of the wrong
// type (command: [sh, -c, …]) is reported at its line, and the dataset is
// not also told it needs one.
func (c *Config) writesSource(key string) bool {
	for _, k := range []string{"file", "url", "fred", "command"} {
		if c.lines[key+"."+k] > 0 {
			return true
		}
	}
	return false
}

// validateDataset checks one dataset and records its line and age.
func (c *Config) validateDataset(name string, line func(string) int, bad func(key, format string, args ...any)) []error {
	d := c.Datasets[name]
	key := "datasets." + name
	d.Line = line(key)
	for _, k := range []string{"url", "fred", "command"} {
		if n := line(key + "." + k); n > 0 {
			d.Line = n // the live source's line: what fetch messages are about
		}
	}
	defer func() { c.Datasets[name] = d }()
	if !datasetNameRe.MatchString(name) {
		bad(key, "name %q must start with a letter and hold only letters, digits, _ and - (it is used as {{ %s.column }})", name, name)
	}
	var live []string
	for _, k := range []struct{ key, val string }{{"url", d.URL}, {"fred", d.FRED}, {"command", d.Command}} {
		if strings.TrimSpace(k.val) != "" {
			live = append(live, k.key)
		}
	}
	switch {
	case len(live) > 1:
		bad(key, "has %s: give one source of url, fred or command (with file as the committed copy of url or fred)", strings.Join(live, " and "))
	case len(live) == 0 && d.File == "" && !c.writesSource(key):
		bad(key, "needs file: the CSV path from the site root, such as content/data/prices.csv (or url, fred or command)")
	case d.Command != "" && d.File != "":
		bad(key+".file", "a data loader's output is kept in .cache/data; remove file or command")
	}
	cleanPath := func(k, p string) {
		if c := path.Clean(p); c != p || strings.HasPrefix(c, "../") || c == ".." || path.IsAbs(c) || strings.Contains(c, `\`) {
			bad(k, "%q must be a clean path inside the site folder, such as content/data/prices.csv", p)
		}
	}
	if d.File != "" {
		cleanPath(key+".file", d.File)
		// A loader's inputs may be another dataset's fetched copy in
		// .cache/data; a dataset's own file is a source.
		if w := WrittenFolder(path.Clean(d.File)); w != "" {
			bad(key+".file", "%s", WrittenFolderError(w, d.File))
		}
	}
	for _, in := range d.Inputs {
		cleanPath(key+".inputs", in)
	}
	if len(d.Inputs) > 0 && d.Command == "" {
		bad(key+".inputs", "inputs are the files a command reads; this dataset has no command")
	}
	if d.URL != "" {
		// A variable stands for a value of a query parameter or a path
		// segment: x is parsed in its place.
		u, err := url.Parse(ExpandEnv(d.URL, func(string) string { return "x" }))
		uy, _ := url.Parse(ExpandEnv(d.URL, func(string) string { return "y" }))
		switch {
		case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
			bad(key+".url", "%q must be an absolute http or https URL", d.URL)
		case strings.Contains(envRefRe.ReplaceAllString(d.URL, ""), "${"):
			bad(key+".url", "name an environment variable as ${env:NAME}, NAME of letters, digits and _")
		case uy == nil || uy.Host != u.Host || uy.Scheme != u.Scheme:
			bad(key+".url", "an environment variable may stand in the path or query, not the host")
		}
	}
	if d.FRED != "" && strings.ContainsAny(d.FRED, " /?&#") {
		bad(key+".fred", "%q must be a FRED series id such as FEDFUNDS", d.FRED)
	}
	if d.Command != "" && !c.Fetch.AllowCommands {
		bad(key+".command", "data loaders are off: set fetch: {allowCommands: true} in site.yaml to let tearsheet run %q", d.Command)
	}
	for newName, col := range d.Columns {
		if strings.TrimSpace(newName) == "" || strings.TrimSpace(col) == "" {
			bad(key+".columns", "each entry maps a new name to a column of the CSV, as in {rate: \"FEDFUNDS\"}")
			break
		}
	}
	if d.DateFormat != "" {
		if err := data.CheckDateFormat(d.DateFormat); err != nil {
			bad(key+".dateFormat", "%v", err)
		}
	}
	if d.MaxAge != "" {
		a, err := ParseAge(d.MaxAge)
		if err != nil {
			bad(key+".maxAge", "%v", err)
		}
		d.Age = a
	} else {
		d.Age = c.Fetch.MaxAgeDur
	}
	for _, k := range sortedKeys(d.Headers) {
		v := d.Headers[k]
		switch {
		case d.URL == "" && d.FRED == "":
			bad(key+".headers", "headers are sent with the request of url or fred; this dataset has neither")
		case !headerName.MatchString(k):
			bad(key+".headers", "%q is not a header name", k)
		case strings.Contains(envRefRe.ReplaceAllString(v, ""), "${"):
			bad(key+".headers", "%s: name an environment variable as ${env:NAME}, NAME of letters, digits and _", k)
		case strings.ContainsAny(v, "\r\n"):
			bad(key+".headers", "%s: a header value is one line", k)
		case credentialHeader.MatchString(k) && !envRefRe.MatchString(v):
			bad(key+".headers", "%s carries a credential, and site.yaml is committed with the site: keep it in an environment variable, as in %s: \"Bearer ${env:DATA_TOKEN}\"", k, k)
		}
	}
	for _, n := range d.Env {
		switch {
		case d.Command == "":
			bad(key+".env", "env lists the environment variables a command is given; this dataset has no command")
		case !envName.MatchString(n):
			bad(key+".env", "%q is not an environment variable name (letters, digits and _)", n)
		}
	}
	if d.SkipLines < 0 {
		bad(key+".skipLines", "%d must not be negative", d.SkipLines)
	}
	switch d.Delimiter {
	case "", ",", ";", "\t", "tab":
	default:
		bad(key+".delimiter", "%q must be \",\", \";\" or \"tab\", or left out to detect it from the header", d.Delimiter)
	}
	switch d.Decimal {
	case "", ".", ",":
	default:
		bad(key+".decimal", "%q must be \".\" or \",\", or left out to let each column show its decimal mark", d.Decimal)
	}
	return nil
}

// DatasetError returns err prefixed with the site.yaml line of the dataset
// name: "site.yaml:31: datasets.fedfunds: …".
func (c *Config) DatasetError(name string, err error) error {
	d := c.Datasets[name]
	if d.Line > 0 {
		return fmt.Errorf("%s:%d: datasets.%s: %w", c.File, d.Line, name, err)
	}
	return fmt.Errorf("%s: datasets.%s: %w", c.File, name, err)
}
