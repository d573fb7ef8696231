package chart

import (
	"bytes"
	"image/png"
	"math"
	"testing"
	"time"

	gochart "github.com/wcharczuk/go-chart/v2"
)

func TestThin(t *testing.T) {
	n := 10000
	xs := make([]float64, n)
	ys := make([]float64, n)
	for i := range xs {
		xs[i] = float64(i)
		ys[i] = math.Sin(float64(i)/50) * float64(i%97)
	}
	ys[4321] = 1e6  // a spike must survive
	ys[8765] = -1e6 // and a dip
	ox, oy := thin(xs, ys, 0, float64(n-1), 500)
	if len(ox) > 4*500 || len(ox) < 500 {
		t.Fatalf("%d points after thinning to 500 buckets", len(ox))
	}
	if ox[0] != 0 || ox[len(ox)-1] != float64(n-1) {
		t.Errorf("first or last point lost: %v … %v", ox[0], ox[len(ox)-1])
	}
	var hi, lo bool
	for i := range ox {
		if i > 0 && ox[i] <= ox[i-1] {
			t.Fatalf("x not increasing at %d", i)
		}
		hi = hi || oy[i] == 1e6
		lo = lo || oy[i] == -1e6
	}
	if !hi || !lo {
		t.Error("the extremes of a bucket must be kept")
	}
	// Short series are left alone.
	if sx, _ := thin(xs[:100], ys[:100], 0, 99, 500); len(sx) != 100 {
		t.Errorf("a short series was thinned to %d points", len(sx))
	}
}

// TestThinKeepsSVGSmall checks that a 20-year daily series draws as a valid
// SVG far smaller than one path point per day.
func TestThinKeepsSVGSmall(t *testing.T) {
	var s Series
	v := 100.0
	for d := time.Date(2005, 1, 3, 0, 0, 0, 0, time.UTC); d.Year() < 2025; d = d.AddDate(0, 0, 1) {
		s.X = append(s.X, d)
		v *= 1 + math.Sin(float64(len(s.X)))*0.01
		s.Y = append(s.Y, v)
	}
	s.Label = "daily"
	b, err := NewRenderer().SVG(Chart{Title: "Twenty years", Series: []Series{s}})
	if err != nil {
		t.Fatal(err)
	}
	checkSVG(t, "thin", b)
	if len(b) > 40000 {
		t.Errorf("SVG of %d daily points is %d bytes", len(s.X), len(b))
	}
}

// TestColumnPoints checks the claim of lineSeries: in every pixel column
// the kept points start and end where all the points do and reach the same
// lowest and highest pixel, so the stroke covers the same pixels.
func TestColumnPoints(t *testing.T) {
	c := dailyChart()
	s := c.Series[0]
	xs, ys := points(s, 0, len(s.Y))
	box := gochart.Box{Top: 30, Left: 44, Right: 704, Bottom: 311}
	xr := &linRange{min: xs[0], max: xs[len(xs)-1], domain: box.Width()}
	yr := &linRange{min: 0, max: 400, domain: box.Height()}
	type column struct{ first, last, lo, hi int }
	columns := func(ps []pixel) (xsOut []int, cols map[int]column) {
		cols = map[int]column{}
		for i, p := range ps {
			c, ok := cols[p.x]
			if !ok {
				if i > 0 && ps[i-1].x > p.x {
					t.Fatalf("x goes back at %d", i)
				}
				xsOut = append(xsOut, p.x)
				c = column{first: p.y, lo: p.y, hi: p.y}
			}
			c.last, c.lo, c.hi = p.y, max(c.lo, p.y), min(c.hi, p.y)
			cols[p.x] = c
		}
		return xsOut, cols
	}
	var all []pixel
	for i := range xs {
		all = append(all, pixel{box.Left + xr.Translate(xs[i]), box.Bottom - yr.Translate(ys[i])})
	}
	kept := columnPoints(nil, box, xr, yr, xs, ys)
	if len(kept) > 4*(box.Width()+1) || len(kept) >= len(all) {
		t.Fatalf("%d of %d points kept in %d columns", len(kept), len(all), box.Width()+1)
	}
	wantX, want := columns(all)
	gotX, got := columns(kept)
	if len(gotX) != len(wantX) {
		t.Fatalf("%d columns, want %d", len(gotX), len(wantX))
	}
	for _, x := range wantX {
		if got[x] != want[x] {
			t.Errorf("column %d: %+v, want %+v", x, got[x], want[x])
		}
	}
	for i := 1; i < len(kept); i++ {
		if kept[i] == kept[i-1] {
			t.Errorf("point %d repeated", i)
		}
	}
}

// TestPNGEncoding checks that encodePNG's files decode to exactly the
// pixels drawn, for every golden chart and a 20-year daily one.
func TestPNGEncoding(t *testing.T) {
	charts := goldenCharts()
	charts["daily"] = dailyChart()
	r := NewRenderer()
	for name, c := range charts {
		img, err := r.image(c, 2)
		if err != nil {
			t.Fatal(err)
		}
		b, err := encodePNG(img)
		if err != nil {
			t.Fatal(err)
		}
		dec, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if dec.Bounds() != img.Bounds() {
			t.Fatalf("%s: bounds %v, want %v", name, dec.Bounds(), img.Bounds())
		}
		for y := img.Rect.Min.Y; y < img.Rect.Max.Y; y++ {
			for x := img.Rect.Min.X; x < img.Rect.Max.X; x++ {
				r1, g1, b1, a1 := dec.At(x, y).RGBA()
				r2, g2, b2, a2 := img.At(x, y).RGBA()
				if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
					t.Fatalf("%s: pixel %d,%d differs", name, x, y)
				}
			}
		}
	}
}
