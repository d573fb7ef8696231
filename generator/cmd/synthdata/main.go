// Command synthdata writes the illustrative small-cap and large-cap index
// series used by the example site's small-cap article. The series are
// synthetic: a seeded random walk whose drift follows the broad, well-known
// pattern of size leadership (small caps ahead in the late 1970s, early
// 1990s and 2000s, behind in the late 1980s, late 1990s and since the mid
// 2010s). They are not the history of any index and every chart that shows
// them says "illustrative".
//
//	go run ./generator/cmd/synthdata > content/posts/small-cap-rally/size-indexes.csv
package main

import (
	"bufio"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"time"
)

// regime is the yearly return gap of small over large caps from a year on.
type regime struct {
	from int
	gap  float64
}

func main() {
	regimes := []regime{{1979, 0.07}, {1984, -0.06}, {1991, 0.05}, {1994, -0.07}, {2000, 0.06}, {2011, 0.0}, {2014, -0.055}, {2026, 0.03}}
	rng := rand.New(rand.NewPCG(2026, 1019))
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	fmt.Fprintln(w, "date,small_cap,large_cap")
	large, small := 100.0, 100.0
	start := time.Date(1979, 1, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	for d := start; !d.After(end); d = d.AddDate(0, 1, 0) {
		if d.After(start) {
			gap := 0.0
			for _, r := range regimes {
				if d.Year() >= r.from {
					gap = r.gap
				}
			}
			common := rng.NormFloat64()
			lr := 0.095/12 + 0.15/math.Sqrt(12)*common
			sr := lr + gap/12 + 0.08/math.Sqrt(12)*rng.NormFloat64() + 0.05/math.Sqrt(12)*common
			large *= math.Exp(lr)
			small *= math.Exp(sr)
		}
		fmt.Fprintf(w, "%s,%.2f,%.2f\n", d.Format("2006-01-02"), small, large)
	}
}
