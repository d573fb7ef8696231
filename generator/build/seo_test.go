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
