package build

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestBaseURLWarning: a site whose address is a path only builds, with
// one warning naming site.yaml's line (or --baseURL) and how to give the
// full address; an address with a host, given in site.yaml, by domain or
// by --baseURL, warns of nothing.
func TestBaseURLWarning(t *testing.T) {
	base := siteFS(t, "testdata/sites/basic")
	with := func(line string) fstest.MapFS {
		m := fstest.MapFS{}
		for k, v := range base {
			m[k] = v
		}
		src := base[ConfigFile].Data
		m[ConfigFile] = &fstest.MapFile{Data: bytes.Replace(src, []byte(`baseURL: "https://example.org/research/"`), []byte(line), 1)}
		if bytes.Equal(m[ConfigFile].Data, src) {
			t.Fatal("the fixture's baseURL line moved")
		}
		return m
	}
	for _, tc := range []struct {
		name, line, flag, want string
	}{
		{"root path", `baseURL: "/"`, "", `site.yaml:3: baseURL "/" is a path without a host, so the feeds, sitemap.xml, robots.txt and social-card tags carry URLs`},
		{"sub-path", `baseURL: "/research/"`, "", `site.yaml:3: baseURL "/research/" is a path without a host`},
		{"left out", `title2: x`, "", `site.yaml: baseURL "/" is a path without a host`},
		{"flag", `baseURL: "https://example.org/"`, "/preview/", `--baseURL "/preview/" is a path without a host`},
		{"host", `baseURL: "https://example.org/"`, "", ""},
		{"domain", "baseURL: \"/\"\ndomain: research.example.org", "", ""},
		{"flag with a host", `baseURL: "/"`, "https://example.github.io/repo/", ""},
	} {
		fsys := with(tc.line)
		if tc.name == "left out" {
			fsys[ConfigFile].Data = bytes.Replace(fsys[ConfigFile].Data, []byte("title2: x\n"), nil, 1)
		}
		_, res, err := buildMem(t, fsys, Options{BaseURL: tc.flag})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		i := slices.IndexFunc(res.Warnings, func(w string) bool { return strings.Contains(w, "is a path without a host") })
		switch {
		case tc.want == "" && i >= 0:
			t.Errorf("%s: warned %q", tc.name, res.Warnings[i])
		case tc.want != "" && i < 0:
			t.Errorf("%s: no warning in %q", tc.name, res.Warnings)
		case tc.want != "" && (!strings.HasPrefix(res.Warnings[i], tc.want) || !strings.HasSuffix(res.Warnings[i], "or build with --baseURL")):
			t.Errorf("%s: warned %q\nwant it to start %q", tc.name, res.Warnings[i], tc.want)
		}
	}
}

// TestDomainWarning: a domain that is not the host of the site's address
// (site.yaml's baseURL or --baseURL, as the Pages workflow passes the
// address GitHub publishes at) warns, naming domain's line, since CNAME
// then names a domain no link uses and GitHub Actions ignores CNAME; the
// same host (or its www. form), a path-only baseURL and a local preview
// warn of nothing.
func TestDomainWarning(t *testing.T) {
	base := siteFS(t, "testdata/sites/basic")
	const warned = "site.yaml:4: domain \"research.example.org\" is not the host of "
	for _, tc := range []struct {
		name, baseURL, flag, want string
	}{
		{"workflow's github.io address", "/", "https://someone.github.io/myrepo/", warned + `--baseURL "https://someone.github.io/myrepo/"`},
		{"site.yaml's other host", "https://someone.github.io/myrepo/", "", warned + `baseURL "https://someone.github.io/myrepo/"`},
		{"path", "/", "", ""},
		{"the domain", "/", "https://research.example.org/", ""},
		{"its www. form", "https://www.research.example.org/", "", ""},
		{"upper case", "https://Research.Example.org/", "", ""},
		{"preview", "/", "http://127.0.0.1:1313/", ""},
		{"localhost", "/", "http://localhost:8080/", ""},
	} {
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v
		}
		src := base[ConfigFile].Data
		cfg := bytes.Replace(src, []byte(`baseURL: "https://example.org/research/"`), []byte("baseURL: \""+tc.baseURL+"\"\ndomain: research.example.org"), 1)
		if bytes.Equal(cfg, src) {
			t.Fatal("the fixture's baseURL line moved")
		}
		fsys[ConfigFile] = &fstest.MapFile{Data: cfg}
		out, res, err := buildMem(t, fsys, Options{BaseURL: tc.flag})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got, _ := out.Get("CNAME"); string(got) != "research.example.org\n" {
			t.Errorf("%s: CNAME %q", tc.name, got)
		}
		i := slices.IndexFunc(res.Warnings, func(w string) bool { return strings.Contains(w, "domain \"research.example.org\"") })
		switch {
		case tc.want == "" && i >= 0:
			t.Errorf("%s: warned %q", tc.name, res.Warnings[i])
		case tc.want != "" && i < 0:
			t.Errorf("%s: no warning in %q", tc.name, res.Warnings)
		case tc.want != "" && (!strings.HasPrefix(res.Warnings[i], tc.want) || !strings.Contains(res.Warnings[i], "Settings")):
			t.Errorf("%s: warned %q\nwant it to start %q and say where GitHub Pages takes the domain from", tc.name, res.Warnings[i], tc.want)
		}
	}
}

// TestCNAMEWarning: a static/CNAME replaces the CNAME domain writes (the
// published CNAME is the static file's); one naming another domain than
// site.yaml's domain, or than the site's address (a project site's
// /REPO/ links all fail at that domain's root), warns, naming the file and
// the fix; one that agrees, a bare-path address and a preview do not.
func TestCNAMEWarning(t *testing.T) {
	base := siteFS(t, "testdata/sites/basic")
	for _, tc := range []struct {
		name, cname, config, flag, want string
	}{
		{"another than domain", "other.example.org\n", "baseURL: \"/\"\ndomain: research.example.org", "", `static/CNAME: names the domain "other.example.org", and replaces the CNAME that site.yaml's domain "research.example.org" would write`},
		{"domain's", "Research.Example.org\n", "baseURL: \"/\"\ndomain: research.example.org", "", ""},
		{"project site", "research.example.org\n", `baseURL: "https://someone.github.io/repo/"`, "", `static/CNAME: names the domain "research.example.org", but the site is built for baseURL "https://someone.github.io/repo/"`},
		{"workflow's address", "research.example.org\n", `baseURL: "/"`, "https://someone.github.io/repo/", `static/CNAME: names the domain "research.example.org", but the site is built for --baseURL "https://someone.github.io/repo/"`},
		{"its own address", "www.research.example.org", `baseURL: "https://research.example.org/"`, "", ""},
		{"its host under a path", "research.example.org", `baseURL: "https://research.example.org/notes/"`, "", `static/CNAME: names the domain "research.example.org", but the site is built for baseURL "https://research.example.org/notes/"`},
		{"bare path", "research.example.org", `baseURL: "/"`, "", ""},
		{"preview", "research.example.org", `baseURL: "https://someone.github.io/repo/"`, "http://127.0.0.1:1313/repo/", ""},
	} {
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v
		}
		src := base[ConfigFile].Data
		fsys[ConfigFile] = &fstest.MapFile{Data: bytes.Replace(src, []byte(`baseURL: "https://example.org/research/"`), []byte(tc.config), 1)}
		if bytes.Equal(fsys[ConfigFile].Data, src) {
			t.Fatal("the fixture's baseURL line moved")
		}
		fsys["static/CNAME"] = &fstest.MapFile{Data: []byte(tc.cname)}
		out, res, err := buildMem(t, fsys, Options{BaseURL: tc.flag})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got, _ := out.Get("CNAME"); string(got) != tc.cname {
			t.Errorf("%s: published CNAME %q, want the static file's %q", tc.name, got, tc.cname)
		}
		i := slices.IndexFunc(res.Warnings, func(w string) bool { return strings.HasPrefix(w, "static/CNAME:") })
		switch {
		case tc.want == "" && i >= 0:
			t.Errorf("%s: warned %q", tc.name, res.Warnings[i])
		case tc.want != "" && i < 0:
			t.Errorf("%s: no warning in %q", tc.name, res.Warnings)
		case tc.want != "" && (!strings.HasPrefix(res.Warnings[i], tc.want) || !strings.Contains(res.Warnings[i], "remove static/CNAME")):
			t.Errorf("%s: warned %q\nwant it to start %q and say what to do", tc.name, res.Warnings[i], tc.want)
		}
	}
}
