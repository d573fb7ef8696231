package period

import (
	"testing"
	"time"
)

func dates(s ...string) []time.Time {
	var ts []time.Time
	for _, v := range s {
		t, err := time.Parse("2006-01-02", v)
		if err != nil {
			panic(err)
		}
		ts = append(ts, t)
	}
	return ts
}

func TestOf(t *testing.T) {
	for _, tc := range []struct {
		name  string
		dates []time.Time
		want  Precision
	}{
		{"none", nil, Day},
		{"one first of a month", dates("2023-11-01"), Day},
		{"daily", dates("2023-11-01", "2023-11-02", "2023-11-03"), Day},
		{"firsts of months, daily gaps", dates("2023-11-01", "2023-12-01", "2023-12-02"), Day},
		{"monthly, firsts (FRED)", dates("2023-09-01", "2023-10-01", "2023-11-01"), Month},
		{"monthly, month ends", dates("2024-01-31", "2024-02-29", "2024-03-31"), Month},
		{"monthly with a gap", dates("2023-01-01", "2023-02-01", "2023-06-01"), Month},
		{"weekly on firsts is impossible: mixed", dates("2023-01-01", "2023-01-08"), Day},
		{"quarterly, firsts", dates("2023-01-01", "2023-04-01", "2023-07-01", "2023-10-01"), Quarter},
		{"quarterly, ends", dates("2023-03-31", "2023-06-30", "2023-09-30"), Quarter},
		{"every other month is monthly", dates("2023-02-01", "2023-04-01"), Month},
		{"yearly, firsts", dates("2021-01-01", "2022-01-01", "2023-01-01"), Year},
		{"yearly, ends", dates("2021-12-31", "2022-12-31"), Year},
		{"fiscal years ending in June", dates("2021-06-30", "2022-06-30", "2023-06-30"), Month},
		{"Januaries and Aprils", dates("2022-01-01", "2022-04-01", "2023-01-01"), Quarter},
	} {
		if got := Of(tc.dates); got != tc.want {
			t.Errorf("%s: Of = %d, want %d", tc.name, got, tc.want)
		}
	}
}

func TestDaysIn(t *testing.T) {
	for y := 1890; y <= 2110; y++ {
		for m := time.January; m <= time.December; m++ {
			if got, want := DaysIn(y, m), time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day(); got != want {
				t.Fatalf("DaysIn(%d, %s) = %d, want %d", y, m, got, want)
			}
		}
	}
}

func TestFormat(t *testing.T) {
	d := dates("2023-11-01", "2023-12-31", "2024-02-29")
	for _, tc := range []struct {
		p    Precision
		t    time.Time
		want string
	}{
		{Day, d[0], "1 November 2023"},
		{Month, d[0], "November 2023"},
		{Quarter, d[0], "Q4 2023"},
		{Quarter, d[1], "Q4 2023"},
		{Quarter, d[2], "Q1 2024"},
		{Year, d[1], "2023"},
	} {
		if got := tc.p.Format(tc.t); got != tc.want {
			t.Errorf("%d.Format(%s) = %q, want %q", tc.p, tc.t.Format("2006-01-02"), got, tc.want)
		}
	}
}

// BenchmarkOf reads the precision of 150 years of monthly dates (which it
// must scan to the end) and of 40 years of daily ones (which it may not).
func BenchmarkOf(b *testing.B) {
	start := time.Date(1871, 1, 1, 0, 0, 0, 0, time.UTC)
	var monthly, daily []time.Time
	for i := range 150 * 12 {
		monthly = append(monthly, start.AddDate(0, i, 0))
	}
	for i := range 40 * 365 {
		daily = append(daily, start.AddDate(0, 0, i))
	}
	for _, c := range []struct {
		name  string
		dates []time.Time
		want  Precision
	}{{"monthly", monthly, Month}, {"daily", daily, Day}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if Of(c.dates) != c.want {
					b.Fatal("wrong precision")
				}
			}
		})
	}
}

func TestHolds(t *testing.T) {
	for _, tc := range []struct {
		p    Precision
		date string
		want bool
	}{
		{Day, "2023-03-17", true},
		{Month, "2023-03-01", true},
		{Month, "2024-02-29", true},
		{Month, "2023-03-17", false},
		{Quarter, "2023-04-01", true},
		{Quarter, "2023-06-30", true},
		{Quarter, "2023-05-01", false},
		{Year, "2023-01-01", true},
		{Year, "2023-12-31", true},
		{Year, "2023-07-01", false},
	} {
		d, err := time.Parse("2006-01-02", tc.date)
		if err != nil {
			t.Fatal(err)
		}
		if got := tc.p.Holds(d); got != tc.want {
			t.Errorf("%v.Holds(%s) = %t, want %t", tc.p, tc.date, got, tc.want)
		}
	}
}
