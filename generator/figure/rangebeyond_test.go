package figure

import (
	"strings"
	"testing"

	"github.com/tearsheet/tearsheet/generator/chart"
	"github.com/tearsheet/tearsheet/generator/content"
)

// TestInlineRangeBeyondData checks that an inline figure, or a claim, whose
// range names a period the data has no row in is an error at its line
// rather than a figure of fewer months than the prose names; a range
// within the data, or open at that end, gives its figure.
func TestInlineRangeBeyondData(t *testing.T) {
	s := testSet(t, nil) // px: 2024-01-31 to 2025-02-28
	p := s.Page("content/posts/a/index.md", chart.NewRenderer(), false, place)
	for expr, want := range map[string]string{
		"px.small | range:2024..2026 | mean": `range "2024..2026" ends in 2026, after the data's last date 2025-02-28`,
		"px.small | range:2023..2024 | mean": `range "2023..2024" starts in 2023, before the data's first date 2024-01-31`,
		"px.small | range:2024..2025 | mean": "",
		"px.small | range:2024.. | mean":     "",
		"px.small | range:2025-02.. | mean":  "",
	} {
		_, _, err := p.Inline(expr, 7)
		switch {
		case want == "" && err != nil:
			t.Errorf("%s: %v", expr, err)
		case want != "" && (err == nil || !strings.HasPrefix(err.Error(), "content/posts/a/index.md:7: ") || !strings.Contains(err.Error(), want)):
			t.Errorf("%s: %v, want an error at line 7 saying %q", expr, err, want)
		}
	}
	_, err := s.CheckClaim("content/posts/a/index.md", content.Claim{Check: "{{ px.small | range:2024..2026 | mean }} > 100", Line: 4})
	if err == nil || !strings.Contains(err.Error(), "content/posts/a/index.md:4: claim") || !strings.Contains(err.Error(), "ends in 2026") {
		t.Errorf("claim: %v", err)
	}
}
