package figure

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
)

// TickerChart is a chart whose series name tickers (the series key
// ticker), for the tickers' pages.
type TickerChart struct {
	ID      string   // the chart's id on its page
	Title   string   // the chart's title, else "Chart N"
	Tickers []string // the tickers its series name, in order, each once
	Line    int      // file line of the first series naming a ticker
}

// tickerRe is a ticker symbol: letters and digits, with the dots, dashes,
// carets and equals signs of symbols such as BRK.B, ^GSPC or EURUSD=X.
var tickerRe = regexp.MustCompile(`^[A-Za-z0-9^][A-Za-z0-9.=^-]{0,19}$`)

// tickers checks the tickers the series of sp name and records the chart,
// whose id is id, when they name any.
func (p *Page) tickers(sp *Spec, id string) error {
	var tc TickerChart
	for _, ss := range sp.Series {
		if ss.Ticker == "" {
			continue
		}
		if !tickerRe.MatchString(ss.Ticker) {
			return fmt.Errorf("%s:%d: chart: series ticker %q must be a symbol such as IWM, BRK.B or ^GSPC (letters, digits, . - ^ =; at most 20)", p.file, p.set.specLine(sp, ss.Line), ss.Ticker)
		}
		if tc.Line == 0 {
			tc.Line = p.set.specLine(sp, ss.Line)
		}
		if !slices.Contains(tc.Tickers, ss.Ticker) {
			tc.Tickers = append(tc.Tickers, ss.Ticker)
		}
	}
	if tc.Tickers == nil {
		return nil
	}
	tc.ID, tc.Title = id, sp.Title
	if tc.Title == "" {
		tc.Title = "Chart " + strconv.Itoa(p.n)
	}
	p.Tickers = append(p.Tickers, tc)
	return nil
}
