package figure

import (
	"strconv"

	"github.com/tearsheet/tearsheet/generator/chart"
	"github.com/tearsheet/tearsheet/generator/render"
)

// checkHistogram reports the histogram keys of sp that are out of range,
// or given to a chart that is not a histogram.
func checkHistogram(sp *Spec, typ string, fail func(line int, format string, args ...any)) {
	if typ != chart.TypeHistogram {
		for _, k := range []struct {
			key string
			set bool
		}{{"bins", sp.Bins != 0}, {"percentiles", len(sp.Percentiles) > 0}, {"latest", sp.Latest}} {
			if k.set {
				fail(sp.keyLine(k.key), "%s belongs to histograms: it needs type: histogram", k.key)
			}
		}
		return
	}
	if sp.Bins < 0 || sp.Bins > chart.MaxBins {
		fail(sp.keyLine("bins"), "bins %d must be between 1 and %d (leave it out to choose them by the Freedman–Diaconis rule)", sp.Bins, chart.MaxBins)
	}
	for _, p := range sp.Percentiles {
		if !(p > 0 && p < 100) {
			fail(sp.keyLine("percentiles"), "percentile %g must be between 0 and 100, such as 50 (the median) or 95", p)
		}
	}
	if len(sp.Series) > 1 {
		fail(sp.keyLine("series"), "a histogram draws one series, not %d", len(sp.Series))
	}
}

// histCSV writes a histogram's bins: from, to, count.
func histCSV(c *Computed) []byte {
	edges, counts := chart.Bins(c.Chart)
	b := []byte("from,to,count\n")
	for i, n := range counts {
		b = appendComputed(b, edges[i])
		b = append(b, ',')
		b = appendComputed(b, edges[i+1])
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, '\n')
	}
	return b
}

// histTable is a histogram's data table: a row per bin.
func histTable(c *Computed) *render.TableView {
	edges, counts := chart.Bins(c.Chart)
	f := c.Chart.Y
	t := &render.TableView{Head: []string{"From", "To", "Values"}}
	for i, n := range counts {
		t.Rows = append(t.Rows, []string{
			formatValue(edges[i], f.Kind, f.Currency, tableDecimals(edges[i], f.Decimals), false),
			formatValue(edges[i+1], f.Kind, f.Currency, tableDecimals(edges[i+1], f.Decimals), false),
			strconv.Itoa(n),
		})
	}
	return t
}
