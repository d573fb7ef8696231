package config

import (
	"slices"
	"strings"
	"testing"

	"github.com/tearsheet/tearsheet/generator/internal/term"
)

// TestLoadWrongShape: a site.yaml that is not a mapping is one error,
// alone; a value of the wrong type stops the build at site.yaml (no
// Config) with site.yaml's other errors, and is said in the author's
// words, with an example, never a Go type's name.
func TestLoadWrongShape(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"a list", "- a\n- b\n", []string{`site.yaml:1: the file is a list, but site.yaml must be a mapping of settings, a key and its value a line, as in title: "My research" (no - before a key)`}},
		{"text", "# settings\ntitle My research\n", []string{`site.yaml:2: the file is text, but site.yaml must be a mapping of settings, a key and its value a line, as in title: "My research" (no - before a key)`}},
		{"datasets as a list", "title: x\ndatasets: [shiller, fedfunds]\nperPage: 0\nbogus: 1\n", []string{
			"site.yaml:2: datasets: is a list, but it must be a mapping of names to datasets: datasets: {shiller: {file: content/data/shiller.csv}}",
			"site.yaml:3: perPage: 0 must be between 1 and 1000",
			`site.yaml:4: unknown key "bogus" (valid keys: author, baseURL, charts, check, copyright, datasets, description, disclaimer, domain, feeds, fetch, image, imageAlt, language, markdown, menu, params, perPage, permalink, private, renderTimeout, subscribe, summaryWords, taxonomies, theme, timezone, title, wordsPerMinute)`}},
		{"a dataset as text", "title: x\ndatasets:\n  shiller: content/data/x.csv\n", []string{
			"site.yaml:3: datasets.shiller: is text, but it must be a mapping of the dataset's settings: datasets: {shiller: {file: content/data/shiller.csv}}"}},
		{"taxonomies as a list", "title: x\ntaxonomies: [tickers]\n", []string{
			"site.yaml:2: taxonomies: is a list, but it must be a mapping of front-matter keys to taxonomies: taxonomies: {tickers: {title: Tickers}}"}},
		{"a taxonomy as a list", "title: x\ntaxonomies:\n  asset_classes: [a, b]\n", []string{
			"site.yaml:3: taxonomies.asset_classes: is a list, but it must be a mapping of the taxonomy's settings, or nothing: taxonomies: {asset_classes: {title: Asset classes}}"}},
		{"menu as a mapping", "title: x\nmenu: {name: About, url: /about/}\n", []string{
			"site.yaml:2: menu: is a mapping, but it must be a list of links: menu: [{name: About, url: /about/}]"}},
		{"a param as a mapping", "title: x\nparams:\n  social:\n    x: \"@desk\"\n", []string{
			`site.yaml:4: params.social: is a mapping, but it must be text (params holds names and their text, one level deep): params: {social: "…"}`}},
		{"a param as a list", "title: x\nparams: {twitter: [a, b]}\n", []string{
			`site.yaml:2: params.twitter: is a list, but it must be text (params holds names and their text, one level deep): params: {twitter: "…"}`}},
		{"a number as text", "title: x\nfeeds: {items: many}\n", []string{
			`site.yaml:2: feeds.items: "many" is text, but it must be a whole number: items: 20`}},
		{"a title as a list", "title: [a, b]\n", []string{
			`site.yaml:1: title: is a list, but it must be text: title: "Research" (in quotes, [ ] { } and ": " are text)`}},
		{"a title as a mapping", "# mine\ntitle: {a: b}\n", []string{
			`site.yaml:2: title: is a mapping, but it must be text: title: "Research" (in quotes, [ ] { } and ": " are text)`}},
		{"a date as a bool", "title: x\nmarkdown:\n  unsafeHTML: 2026-01-01\n", []string{
			`site.yaml:3: markdown.unsafeHTML: "2026-01-01" is a date, but it must be true or false: unsafeHTML: false`}},
		{"a width as a list", "charts:\n  width: [720]\n", []string{
			`site.yaml:2: charts.width: is a list, but it must be a whole number: width: 720`}},
		{"a file as a list", "datasets:\n  d:\n    file: [a.csv]\n", []string{
			`site.yaml:3: datasets.d.file: is a list, but it must be text: file: "…" (in quotes, [ ] { } and ": " are text)`}},
		{"a number with a fraction", "perPage: 10.5\nfetch: {maxBytes: 1.5}\n", []string{
			`site.yaml:1: perPage: "10.5" is a number with a fraction, but it must be a whole number: perPage: 10`,
			`site.yaml:2: fetch.maxBytes: "1.5" is a number with a fraction, but it must be a whole number: maxBytes: 52428800`}},
		{"too large a number", "perPage: 99999999999999999999\n", []string{
			`site.yaml:1: perPage: 9999999... is too large a number: perPage: 10`}},
		{"a menu name as a list", "menu:\n  - name: [a]\n    url: /a/\n", []string{
			`site.yaml:2: menu.0.name: is a list, but it must be text: name: "…" (in quotes, [ ] { } and ": " are text)`}},
		{"env as text", "fetch: {allowCommands: true}\ndatasets:\n  d:\n    command: x\n    env: DATA_TOKEN\n", []string{
			`site.yaml:5: datasets.d.env: "DATA_TOKEN" is text, but it must be a list: write each item on a line of its own starting with "- ", or the items in brackets, [a, b]`}},
		{"headers as a list", "datasets:\n  d:\n    file: a.csv\n    headers: [a]\n", []string{
			`site.yaml:4: datasets.d.headers: is a list, but it must be a mapping`}},
	} {
		c, err := Load(strings.NewReader(tc.src), "site.yaml")
		if got := term.Flatten(err); !slices.Equal(got, tc.want) {
			t.Errorf("%s: Load reports\n%s\nwant\n%s", tc.name, strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
		}
		if c != nil {
			t.Errorf("%s: Load returned a Config, want none: the site cannot be built as written", tc.name)
		}
	}
}
