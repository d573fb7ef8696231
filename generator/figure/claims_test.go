package figure

import (
	"strings"
	"testing"

	"github.com/tearsheet/tearsheet/generator/config"
	"github.com/tearsheet/tearsheet/generator/content"
)

func TestCheckClaim(t *testing.T) {
	s := testSet(t, nil)
	tests := []struct {
		check   string
		holds   bool
		summary string
	}{
		{"{{ px.small | last }} < {{ px.large | last }}", false, "115 < 112"},
		{"{{ px.small | last }} > {{ px.large | last }}", true, "115 > 112"},
		{"{{ px.small | last }} >= 115", true, "115 >= 115"},
		{"{{ px.small | last }} <= 114.5", false, "115 <= 114.5"},
		{"{{ px.small | last }} == 115", true, "115 == 115"},
		{"{{ px.small | last }} != 115", false, "115 != 115"},
		{"100 < {{ px.small | first }}", false, "100 < 100"},
		{"{{ px.small | ytd }} > 4%", true, "4.5% > 4%"},
		{"{{ px.small | last }} within 3 of {{ px.large | last }}", true, "115 within 3 of 112"},
		{"{{ px.small | last }} within 2.5 of {{ px.large | last }}", false, "115 within 2.5 of 112"},
		// ytd is 4.545…%: a failing claim's text shows the decimals that
		// make it false, not "5% == 5%"; a claim that holds keeps its format
		// (figures.lock records its text).
		{"{{ px.small | ytd | percent:0 }} == 5%", false, "4.5% == 5%"},
		{"{{ px.small | ytd | percent:0 }} > 4.6%", false, "4.5% > 4.6%"},
		{"{{ px.small | ytd | percent:0 }} < {{ px.small | ytd | percent:1 }}", false, "5% < 4.5%"},
		{"{{ px.small | ytd | percent:0 }} > 4.5%", true, "5% > 4.5%"},
	}
	for _, tt := range tests {
		res, err := s.CheckClaim("content/posts/a/index.md", content.Claim{Check: tt.check, Line: 4})
		if err != nil {
			t.Errorf("%s: %v", tt.check, err)
			continue
		}
		if res.Holds != tt.holds || res.Summary != tt.summary {
			t.Errorf("%s: holds %t, %q; want %t, %q", tt.check, res.Holds, res.Summary, tt.holds, tt.summary)
		}
		if res.Through != "28 February 2025" { // the rows are month-ends with a gap: daily data
			t.Errorf("%s: through %q, want the date of the data's last row", tt.check, res.Through)
		}
	}
}

func TestClaimErrors(t *testing.T) {
	s := testSet(t, nil)
	tests := []struct{ check, want string }{
		{"{{ px.small | last }}", "expected a comparison"},
		{"{{ px.small | last }} ~ 3", "expected a comparison"},
		{"{{ px.small | last }} < ", "expected a {{ figure }} or a number"},
		{"{{ px.small | last }} < five", `"five" is neither a {{ figure }} nor a number`},
		{"1 < 2", "at least one figure"},
		{"{{ px.small | last < 3", "closing }}"},
		{"{{ px.small | last_date }} < 3", "gives a date"},
		{"{{ px.tiny | last }} < 3", `unknown column "tiny"`},
		{"{{ px.small | last }} within {{ px.large | last }} of 3", "within needs a number and of"},
		{"{{ px.small | last }} within -1 of 3", "within -1: the tolerance is how far apart the two may be, 0 or more"},
		{"{{ px.small | last }} < 3 and more", `unexpected "and more"`},
	}
	for _, tt := range tests {
		_, err := s.CheckClaim("content/posts/b.md", content.Claim{Check: tt.check, Line: 6})
		if err == nil || !strings.HasPrefix(err.Error(), "content/posts/b.md:6: claim") || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.check, err, tt.want)
		}
	}
}

func FuzzParseClaim(f *testing.F) {
	for _, s := range []string{"{{ a.b | ytd }} < {{ a.c | ytd }}", "{{ a.b }} within 0.5 of 5%", "3 >= {{ x[\"A B\"] | max }}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseClaim(s)
		if err == nil && (c.Op == "" || (c.Left.expr == nil && c.Right.expr == nil)) {
			t.Fatalf("%q parsed into %+v", s, c)
		}
	})
}

func TestLiveDatasetResolve(t *testing.T) {
	fsys := testFS()
	cfg := config.Default()
	cfg.Datasets = config.Datasets{
		"live":   {FRED: "X", File: "content/data/rates.csv"},
		"cached": {URL: "http://127.0.0.1/x.csv"},
		"none":   {URL: "http://127.0.0.1/y.csv"},
	}
	fsys[".cache/data/cached.csv"] = fsys["content/data/cpi.csv"]
	st := NewStore(fsys, cfg)
	st.Provide(map[string]Provided{"live": {Path: ".cache/data/live.csv", Data: []byte("date,v\n2024-01-01,1\n")}})
	for name, want := range map[string]string{"live": ".cache/data/live.csv", "cached": ".cache/data/cached.csv"} {
		src, err := st.Resolve(name, "content/posts/b.md")
		if err != nil || src.Path != want {
			t.Errorf("%s: %v %q, want %q", name, err, src.Path, want)
		}
		if _, err := st.Table(src); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := st.Resolve("none", "content/posts/b.md"); err == nil || !strings.Contains(err.Error(), "has not been fetched yet") {
		t.Errorf("none: %v", err)
	}
}
