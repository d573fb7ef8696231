package config

import (
	"strings"
	"testing"
	"time"
)

func TestDatasetSources(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"datasets:\n  a:\n    url: https://x.org/a.csv\n    fred: X\n", "site.yaml:4: datasets.a: has url and fred: give one source"},
		{"datasets:\n  a:\n    date: d\n", "needs file"},
		{"datasets:\n  a:\n    url: ftp://x.org/a.csv\n", `datasets.a.url: "ftp://x.org/a.csv" must be an absolute http or https URL`},
		{"datasets:\n  a:\n    fred: \"A B\"\n", "must be a FRED series id"},
		{"datasets:\n  a:\n    file: a.csv\n    inputs: [b.py]\n", "this dataset has no command"},
		{"datasets:\n  a:\n    file: a.csv\n    maxAge: soon\n", `datasets.a.maxAge: "soon" is not an age`},
		{"fetch: {allowCommands: true}\ndatasets:\n  a:\n    command: ./x\n    file: a.csv\n", "remove file or command"},
		{"fetch: {allowCommands: true}\ndatasets:\n  a:\n    command: ./x\n    inputs: [../secret]\n", "must be a clean path inside the site folder"},
		{"fetch: {timeout: fast}\n", `fetch.timeout: "fast" must be a duration`},
		{"fetch: {fredBaseURL: \"file:///x\"}\n", "fetch.fredBaseURL"},
		{"fetch: {retries: 50}\n", "fetch.retries: 50 must be between 0 and 10"},
		{"datasets:\n  a:\n    file: a.csv\n    headers: {Accept: text/csv}\n", "datasets.a.headers: headers are sent with the request of url or fred"},
		{"datasets:\n  a:\n    url: https://x.org/a.csv\n    headers: {\"Bad Name\": x}\n", `"Bad Name" is not a header name`},
		{"datasets:\n  a:\n    url: https://x.org/a.csv\n    headers: {X-Key: \"${DATA_TOKEN}\"}\n", "site.yaml:5: datasets.a.headers: X-Key: name an environment variable as ${env:NAME}"},
		{"datasets:\n  a:\n    url: https://x.org/a.csv\n    headers: {X-Key: \"${env:1X}\"}\n", "name an environment variable as ${env:NAME}"},
		{"datasets:\n  a:\n    url: https://x.org/a.csv\n    headers: {Authorization: \"Bearer abc123\"}\n", "Authorization carries a credential"},
		{"datasets:\n  a:\n    url: \"https://x.org/a.csv?key=${KEY}\"\n", "datasets.a.url: name an environment variable as ${env:NAME}"},
		{"datasets:\n  a:\n    url: \"https://${env:HOST}/a.csv\"\n", "not the host"},
		{"datasets:\n  a:\n    url: https://x.org/a.csv\n    env: [TOKEN]\n", "datasets.a.env: env lists the environment variables a command is given"},
		{"fetch: {allowCommands: true}\ndatasets:\n  a:\n    command: ./x\n    env: [\"A-B\"]\n", `"A-B" is not an environment variable name`},
	}
	for _, tt := range tests {
		_, err := Load(strings.NewReader("title: T\n"+tt.yaml), "site.yaml")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: err = %v, want %q", tt.yaml, err, tt.want)
		}
	}
}

func TestDatasetLive(t *testing.T) {
	c, err := Load(strings.NewReader("title: T\nfetch: {maxAge: 8w, fredBaseURL: \"http://127.0.0.1:9/fred.csv\"}\ndatasets:\n  ff:\n    fred: FEDFUNDS\n    file: ff.csv\n  px:\n    url: https://x.org/a.csv\n    maxAge: 45d\n"), "site.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ff, px := c.Datasets["ff"], c.Datasets["px"]
	if !ff.Remote() || c.SourceURL(ff) != "http://127.0.0.1:9/fred.csv?id=FEDFUNDS" || ff.Line != 5 || ff.Age != 56*24*time.Hour {
		t.Errorf("ff: %+v %s", ff, c.SourceURL(ff))
	}
	if c.SourceURL(px) != "https://x.org/a.csv" || px.Age != 45*24*time.Hour || c.Fetch.TimeoutDur != 10*time.Second {
		t.Errorf("px: %+v", px)
	}
}

func TestDatasetSecrets(t *testing.T) {
	c, err := Load(strings.NewReader("title: T\nfetch: {allowCommands: true}\ndatasets:\n  px:\n    url: \"https://x.org/a.csv?key=${env:API_KEY}\"\n    headers:\n      Authorization: \"Bearer ${env:TOKEN}\"\n      X-Pair: \"${env:USER_ID}:${env:TOKEN}\"\n      Accept: text/csv\n  ld:\n    command: ./load\n    env: [B, A]\n"), "site.yaml")
	if err != nil {
		t.Fatal(err)
	}
	px, ld := c.Datasets["px"], c.Datasets["ld"]
	if got := strings.Join(px.Secrets(), ","); got != "API_KEY,TOKEN,USER_ID" {
		t.Errorf("px secrets %s", got)
	}
	if got := strings.Join(ld.Secrets(), ","); got != "A,B" {
		t.Errorf("ld secrets %s", got)
	}
	vals := map[string]string{"TOKEN": "t0k", "USER_ID": "u1"}
	if got := ExpandEnv(px.Headers["X-Pair"], func(n string) string { return vals[n] }); got != "u1:t0k" {
		t.Errorf("expanded %q", got)
	}
}

// TestDatasetSourceOfWrongType: a dataset whose source has a value of the
// wrong type is one error, at that value's line; it was also told it
// "needs file", which it had written.
func TestDatasetSourceOfWrongType(t *testing.T) {
	for _, src := range []string{"command: [sh, -c, x]", "file: [a.csv]", "url: {a: b}"} {
		_, err := Load(strings.NewReader("title: T\ndatasets:\n  a:\n    "+src+"\n"), "site.yaml")
		if err == nil || strings.Contains(err.Error(), "needs file") || !strings.HasPrefix(err.Error(), "site.yaml:4: ") || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: err = %v, want one error at line 4", src, err)
		}
	}
}
