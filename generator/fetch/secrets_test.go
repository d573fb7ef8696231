package fetch

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tearsheet/tearsheet/generator/config"
)

const token = "tok-7Qx9-SECRET-value"

// runEnv is run with the environment env.
func runEnv(dir string, cfg *config.Config, env map[string]string) (*Result, error) {
	return Run(context.Background(), os.DirFS(dir), cfg, Options{
		SiteDir: dir, Backoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond,
		Now:       func() time.Time { return time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC) },
		LookupEnv: func(n string) (string, bool) { v, ok := env[n]; return v, ok },
	})
}

// noTrace fails when any file under dir or any text holds the token.
func noTrace(t *testing.T, dir string, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if strings.Contains(s, token) {
			t.Errorf("a message holds the token: %s", s)
		}
	}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if b, _ := os.ReadFile(p); strings.Contains(string(b), token) {
				t.Errorf("%s holds the token", p)
			}
		}
		return nil
	})
}

func messages(res *Result, err error) []string {
	var out []string
	if err != nil {
		out = append(out, err.Error())
	}
	if res != nil {
		out = append(out, res.Warnings...)
	}
	return out
}

func TestHeadersFromEnvironment(t *testing.T) {
	var mode atomic.Value
	mode.Store("ok")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+token || r.Header.Get("X-Client") != "research" {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		switch mode.Load() {
		case "echo500":
			http.Error(w, "internal error for key "+token, http.StatusInternalServerError)
		case "echo200":
			w.Header().Set("ETag", `"`+token+`"`)
			w.Write([]byte("date,value\n2024-01-01," + token + "\n"))
		case "redirect":
			w.Header().Set("Location", "ftp://files.example/data.csv?key="+token)
			w.WriteHeader(http.StatusFound)
		default:
			w.Header().Set("ETag", `"v1"`)
			w.Write([]byte(goodCSV))
		}
	}))
	defer srv.Close()
	dir, cfg := site(t, "fetch: {retries: 1}\ndatasets:\n  px:\n    url: "+srv.URL+"/px.csv\n    headers:\n      Authorization: \"Bearer ${env:DATA_TOKEN}\"\n      X-Client: research\n", nil)
	env := map[string]string{"DATA_TOKEN": token}

	res, err := runEnv(dir, cfg, env)
	if err != nil || res.Datasets["px"].Status != Fetched {
		t.Fatalf("with the token: %v %+v", err, res)
	}
	noTrace(t, dir)

	for _, m := range []string{"echo500", "echo200", "redirect"} {
		mode.Store(m)
		res, err = runEnv(dir, cfg, env)
		msgs := messages(res, err)
		if err != nil || len(res.Warnings) != 1 || res.Datasets["px"].Status != Cached {
			t.Errorf("%s: want the cached copy with a warning: %v", m, msgs)
		}
		noTrace(t, dir, msgs...)
		if m == "redirect" && !strings.Contains(strings.Join(msgs, ""), "key=[secret DATA_TOKEN]") {
			t.Errorf("redirect: the message should show where the value was: %v", msgs)
		}
		if m == "echo200" && !strings.Contains(strings.Join(msgs, ""), "holds the value of DATA_TOKEN") {
			t.Errorf("echo200: %v", msgs)
		}
	}

	mode.Store("ok")
	res, err = runEnv(dir, cfg, map[string]string{"DATA_TOKEN": ""})
	if err == nil || !strings.Contains(err.Error(), "site.yaml:5: datasets.px: environment variable DATA_TOKEN (named in headers) is not set or empty") {
		t.Errorf("without the variable (a cached copy does not stand in): %v", err)
	}
	if _, err := runEnv(dir, cfg, nil); err == nil {
		t.Error("an unset variable: no error")
	}
	if res, err := run(t, dir, cfg, true, nil); err != nil || res.Datasets["px"].Status != Cached {
		t.Errorf("offline needs no variable: %v", err)
	}
}

// TestHeadersStayWithTheirHost checks that a redirect to another host does
// not carry site.yaml's headers there.
func TestHeadersStayWithTheirHost(t *testing.T) {
	var got atomic.Value
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.Store(r.Header.Get("X-Api-Key") + "|" + r.Header.Get("User-Agent"))
		w.Write([]byte(goodCSV))
	}))
	defer other.Close()
	srv := httptest.NewServer(http.RedirectHandler(other.URL+"/px.csv", http.StatusFound))
	defer srv.Close()
	dir, cfg := site(t, "datasets:\n  px:\n    url: "+srv.URL+"/px.csv\n    headers: {X-Api-Key: \"${env:KEY}\"}\n", nil)
	if _, err := runEnv(dir, cfg, map[string]string{"KEY": token}); err != nil {
		t.Fatal(err)
	}
	if g, _ := got.Load().(string); strings.Contains(g, token) || !strings.Contains(g, "tearsheet") {
		t.Errorf("the other host got %q", g)
	}
}

func TestLoaderSecrets(t *testing.T) {
	yaml := "fetch: {allowCommands: true}\ndatasets:\n  ld:\n    command: sh load.sh\n    inputs: [load.sh]\n    env: [DATA_TOKEN]\n"
	dir, cfg := site(t, yaml, map[string]string{
		// The loader proves it got the token without printing it.
		"load.sh": `[ "$DATA_TOKEN" = "` + token + `" ] || { echo "no token" >&2; exit 3; }; [ -z "$OTHER" ] || exit 4; printf 'date,value\n2024-01-01,1\n'`,
	})
	env := map[string]string{"DATA_TOKEN": token, "OTHER": "not passed"}
	if res, err := runEnv(dir, cfg, env); err != nil || res.Datasets["ld"].Status != Ran {
		t.Fatalf("%v", err)
	}
	if _, err := runEnv(dir, cfg, map[string]string{}); err != nil {
		t.Errorf("a loader whose inputs are unchanged does not run, and needs no variable: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "load.sh"), []byte("# changed\n"+mustRead(t, filepath.Join(dir, "load.sh"))), 0o644)
	_, err := runEnv(dir, cfg, map[string]string{})
	if err == nil || !strings.Contains(err.Error(), "site.yaml:5: datasets.ld: environment variable DATA_TOKEN (named in env) is not set") {
		t.Errorf("without the variable: %v", err)
	}
	for _, script := range []string{
		`echo "auth failed for $DATA_TOKEN" >&2; exit 1`,
		`printf 'date,value\n2024-01-01,%s\n' "$DATA_TOKEN"`,
	} {
		os.WriteFile(filepath.Join(dir, "load.sh"), []byte(script), 0o644)
		res, err := runEnv(dir, cfg, env)
		msgs := messages(res, err)
		if len(msgs) == 0 || !strings.Contains(strings.Join(msgs, ""), "[secret DATA_TOKEN]") && !strings.Contains(strings.Join(msgs, ""), "holds the value of DATA_TOKEN") {
			t.Errorf("%s: %v", script, msgs)
		}
		noTrace(t, dir, msgs...)
	}
}

func TestRedactErr(t *testing.T) {
	s := newSecrets(&config.Config{Datasets: config.Datasets{"a": {Env: []string{"A", "AB"}}}}, []string{"a"},
		func(n string) (string, bool) { return map[string]string{"A": "xyz", "AB": "xyz-long"}[n], true })
	err := errors.Join(errors.New("one xyz-long"), errors.New("two xyz"), context.Canceled)
	got := s.redactErr(err)
	if got.Error() != "one [secret AB]\ntwo [secret A]\ncontext canceled" || !errors.Is(got, context.Canceled) {
		t.Errorf("%q", got)
	}
}

func mustRead(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestKeyInURL checks a variable in a url's query: the request carries the
// value, the record and the messages do not.
func TestKeyInURL(t *testing.T) {
	var missing atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("api_key") != token || missing.Load() {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(goodCSV))
	}))
	defer srv.Close()
	dir, cfg := site(t, "datasets:\n  px:\n    url: \""+srv.URL+"/px.csv?api_key=${env:API_KEY}\"\n", nil)
	env := map[string]string{"API_KEY": token}
	if _, err := runEnv(dir, cfg, env); err != nil {
		t.Fatal(err)
	}
	if m := readMeta(t, dir, "px"); m.URL != srv.URL+"/px.csv?api_key=${env:API_KEY}" {
		t.Errorf("the record's URL is %q", m.URL)
	}
	missing.Store(true)
	res, err := runEnv(dir, cfg, env)
	msgs := messages(res, err)
	if !strings.Contains(strings.Join(msgs, ""), "api_key=[secret API_KEY]: HTTP 404") {
		t.Errorf("a failed request: %v", msgs)
	}
	noTrace(t, dir, msgs...)
	if _, err := runEnv(dir, cfg, nil); err == nil || !strings.Contains(err.Error(), "API_KEY (named in url) is not set") {
		t.Errorf("without the variable: %v", err)
	}
}
