package data

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// FuzzLoad checks that Load never panics and that any table it returns
// keeps its promises: strictly ascending dates in UTC, one value per date
// in every column, no infinities.
func FuzzLoad(f *testing.F) {
	files, err := filepath.Glob("testdata/*.csv")
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, uint8(0))
	}
	f.Add([]byte("date,a\n2020-01-01,1\n2020-01-01,2\n"), uint8(0))
	f.Add([]byte("\"d\",\"a,b\"\r\n\"2020\",\"1\"\"\"\r"), uint8(1))
	f.Add([]byte("sep=;\ndate;a\n2020-01-01;x\n2020-01-02;\"1\"2\n2020-01-01;1\n"), uint8(2))
	f.Fuzz(func(t *testing.T, b []byte, mode uint8) {
		opts := LoadOptions{}
		if mode&1 != 0 {
			opts.Missing = []string{"0.0", "n.a."}
		}
		if mode&2 != 0 {
			opts.SkipLines = 1
		}
		tab, err := Load(bytes.NewReader(b), "fuzz.csv", opts)
		if err != nil {
			if tab != nil {
				t.Fatal("a table and an error")
			}
			var pes *ParseErrors
			if errors.As(err, &pes) {
				if len(pes.Errs) < 2 || len(pes.Errs) > MaxListed+1 {
					t.Fatalf("%d errors listed", len(pes.Errs))
				}
				for i := 1; i < len(pes.Errs); i++ {
					if pes.Errs[i].Line < pes.Errs[i-1].Line {
						t.Fatalf("errors out of line order:\n%v", err)
					}
				}
			}
			return
		}
		if tab.Len() == 0 || len(tab.Columns) == 0 {
			t.Fatalf("empty table without an error: %d rows, %d columns", tab.Len(), len(tab.Columns))
		}
		for i, d := range tab.Dates {
			if d.Location() != time.UTC {
				t.Fatalf("date %v not in UTC", d)
			}
			if i > 0 && !tab.Dates[i-1].Before(d) {
				t.Fatalf("dates not strictly ascending: %v then %v", tab.Dates[i-1], d)
			}
		}
		for _, c := range tab.Columns {
			s, err := tab.Series(c)
			if err != nil {
				t.Fatalf("Series(%q): %v", c, err)
			}
			if len(s.Values) != len(s.Dates) || len(s.Dates) != tab.Len() {
				t.Fatalf("column %q: %d values for %d dates", c, len(s.Values), len(s.Dates))
			}
			for _, v := range s.Values {
				if math.IsInf(v, 0) {
					t.Fatalf("column %q holds %v", c, v)
				}
			}
			// Whatever the data, the statistics and a summary do not panic.
			_, _ = Summarize(s)
			for _, name := range StatNames() {
				_, _ = Stat(name, s, nil)
			}
		}
	})
}

// FuzzParseTransform checks that ParseTransform never panics and that what
// it parses prints back to the same transform.
func FuzzParseTransform(f *testing.F) {
	for _, s := range []string{"rebase", "rebase(1)", "pct_change(12)", "rolling_mean(50)", "rolling_volatility(63, 252)",
		"rolling_correlation(sp500, 63)", `ratio("S&P 500, TR", 100)`, "resample(month, last)", "real(cpi, 2000-01-01)",
		"real(cpi, 172.2)", "ytd", "cumulative", "log", "scale(0.01)", "drawdown", "ratio('a\"b')"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tr, err := ParseTransform(s)
		if err != nil {
			return
		}
		again, err := ParseTransform(tr.String())
		if err != nil {
			t.Fatalf("%q parsed to %q, which does not parse: %v", s, tr.String(), err)
		}
		if again != tr && !(math.IsNaN(again.Value) && math.IsNaN(tr.Value)) {
			t.Fatalf("%q parsed to %+v, printed as %q, parsed again to %+v", s, tr, tr.String(), again)
		}
	})
}

// FuzzParseRange checks that ParseRange never panics and returns ranges
// that do not end before they start.
func FuzzParseRange(f *testing.F) {
	for _, s := range []string{"max", "ytd", "1m", "3m", "6m", "1y", "20y", "2w", "10d", "2000..2009", "2020-03..", "..2010-02"} {
		f.Add(s)
	}
	last := time.Date(2023, 9, 15, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRange(s, last)
		if err != nil {
			return
		}
		if !r.From.IsZero() && !r.To.IsZero() && r.To.Before(r.From) {
			t.Fatalf("%q: %v ends before %v", s, r.To, r.From)
		}
	})
}

// FuzzFastFloat checks the fast path of number parsing against strconv.
func FuzzFastFloat(f *testing.F) {
	for _, s := range []string{"0", "-1.5", "4457.358695652174", ".5", "123456789012345"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := fastFloat(s)
		if !ok {
			return
		}
		want, err := strconv.ParseFloat(s, 64)
		if err != nil || math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("fastFloat(%q) = %v, strconv says %v, %v", s, got, want, err)
		}
	})
}
