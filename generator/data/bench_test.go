package data

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// dailyCSV generates rows weekdays of five random-walk price columns, about
// twenty years of daily data for 5,000 rows.
func dailyCSV(rows int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	var b bytes.Buffer
	b.WriteString("date,sp500,russell2000,nasdaq,bonds,gold\n")
	prices := []float64{1000, 500, 2000, 100, 300}
	d := time.Date(2004, 1, 2, 0, 0, 0, 0, time.UTC)
	for i := 0; i < rows; i++ {
		b.WriteString(d.Format("2006-01-02"))
		for j := range prices {
			prices[j] *= 1 + rng.NormFloat64()*0.01
			fmt.Fprintf(&b, ",%.2f", prices[j])
		}
		b.WriteByte('\n')
		d = d.AddDate(0, 0, 1)
		for d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
			d = d.AddDate(0, 0, 1)
		}
	}
	return b.Bytes()
}

func BenchmarkLoad(b *testing.B) {
	src := dailyCSV(5000)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(bytes.NewReader(src), "bench.csv", LoadOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func benchSeries(b *testing.B) Series {
	tab, err := Load(bytes.NewReader(dailyCSV(5000)), "bench.csv", LoadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	s, err := tab.Series("sp500")
	if err != nil {
		b.Fatal(err)
	}
	s.Values[100] = math.NaN() // one gap, as real data has
	return s
}

func BenchmarkRollingVolatility(b *testing.B) {
	s := benchSeries(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := RollingVolatility(s, 63, 0); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkResample(b *testing.B) {
	s := benchSeries(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Resample(s, Month, LastOf); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRollingMean(b *testing.B) {
	s := benchSeries(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := RollingMean(s, 200); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadBadRows loads a file whose every other row has a bad cell:
// the problems past the listed ones are counted, so this costs about what
// BenchmarkLoad does per row.
func BenchmarkLoadBadRows(b *testing.B) {
	src := bytes.ReplaceAll(dailyCSV(5000), []byte(",1"), []byte(",x"))
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(bytes.NewReader(src), "bench.csv", LoadOptions{}); err == nil {
			b.Fatal("bad rows loaded")
		}
	}
}
