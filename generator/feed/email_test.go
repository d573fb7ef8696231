package feed

import (
	"net/url"
	"strings"
	"testing"
)

func TestEmail(t *testing.T) {
	base, _ := url.Parse("https://example.org/research/2024/05/rally/")
	in := `<p>See <a href="/research/tags/x/">x</a> and <a href="#fn:1">1</a>.</p>` +
		`<script>alert(1)</script><svg viewBox="0 0 1 1"><script>x</script><text>chart</text></svg>` +
		`<link rel="stylesheet" href="a.css"><style>p{}</style><iframe src="x"></iframe>` +
		`<div class="table-scroll"><table><tr><th>a</th><td style="color:red">b</td></tr></table></div>` +
		`<img src="chart.png" alt="A chart">`
	out, err := Email([]byte(in), base)
	if err != nil {
		t.Fatal(err)
	}
	got := string(out)
	for _, bad := range []string{"<script", "alert", "<svg", "chart</text>", "<link", "<style", "<iframe", `href="/`, `href="#`} {
		if strings.Contains(got, bad) {
			t.Errorf("email fragment holds %q:\n%s", bad, got)
		}
	}
	for _, want := range []string{
		`<a href="https://example.org/research/tags/x/" style="color:#1f5fbf;">x</a>`,
		`href="https://example.org/research/2024/05/rally/#fn:1"`,
		`<p style="margin:0 0 16px;">See`,
		`<td style="color:red">b</td>`, // an element's own style is kept
		`<img src="https://example.org/research/2024/05/rally/chart.png" alt="A chart" style="max-width:100%;height:auto;border:0;">`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("email fragment lacks %q:\n%s", want, got)
		}
	}
}

func TestText(t *testing.T) {
	doc := `<!DOCTYPE html><html><head><title>T</title><style>x</style></head><body>` +
		`<h1><a href="https://e.org/a/">The title</a></h1><p>One  <em>two</em>
three &amp; four.</p><ul><li>a</li><li>b</li></ul><ol><li><p>Note.</p></li></ol><img src="https://e.org/c.png" alt="A chart rising"><script>no</script></body></html>`
	got, err := Text([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	want := "The title <https://e.org/a/>\n\nOne two three & four.\n\n- a\n- b\n\n- Note.\n\n[A chart rising]\n"
	if got != want {
		t.Errorf("Text:\n%q\nwant\n%q", got, want)
	}
}
