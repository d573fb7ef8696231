package browsertest

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// searchResult is a result of the search page as the reader sees it.
type searchResult struct {
	Path, Hash, Title string
	Date, DateTime    string   // the <time>'s text and its datetime
	Marks             []string // the text of the <mark> elements of the excerpt
	Excerpt           string
	Shown             string   // the result's whole text
	Marked            []string // the text of every <mark> of the result
}

// searchFor types q into the search page in tab and returns the results
// once the status says how many were found.
func searchFor(t *testing.T, tab context.Context, site, q string) []searchResult {
	t.Helper()
	if err := chromedp.Do(tab,
		setLayout(layouts[0]),
		chromedp.Navigate(site+"search/"),
		chromedp.WaitVisible(chromedp.ID("search-q")),
		chromedp.SendKeys(chromedp.ID("search-q"), q),
	); err != nil {
		t.Fatalf("typing %q into the search box: %v", q, err)
	}
	// The script answers 120 ms after the last key, dropping the answer
	// to a query typed part way once it starts on the next: past that
	// wait, the results shown are the whole query's, when they come.
	time.Sleep(400 * time.Millisecond)
	if _, err := chromedp.Run(tab, chromedp.Poll[bool](
		`/found/.test(document.querySelector(".search__status").textContent) && document.querySelectorAll(".search__result").length > 0`,
		chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		status, _ := chromedp.Run(tab, chromedp.Text(chromedp.CSS(".search__status")))
		t.Fatalf("searching %q: no results (status %q): %v", q, status, err)
	}
	res, err := chromedp.Run(tab, chromedp.Evaluate[[]searchResult](`[...document.querySelectorAll(".search__result")].map((li) => {
		const a = li.querySelector(".search__link"), ex = li.querySelector(".search__excerpt");
		const tm = li.querySelector("time");
		return {Path: a.pathname, Hash: a.hash, Title: a.textContent, Excerpt: ex.textContent,
			Date: tm.textContent, DateTime: tm.dateTime,
			Marks: [...ex.querySelectorAll("mark")].map((m) => m.textContent),
			Shown: li.innerText, Marked: [...li.querySelectorAll("mark")].map((m) => m.textContent)};
	})`))
	if err != nil {
		t.Fatalf("reading the results of %q: %v", q, err)
	}
	return res
}

// checkSearch searches the example site as a reader does: a word of the
// text finds its article first with the word marked in the excerpt (the
// results, which the script writes, pass axe-core), a chart's title links
// to the chart, the keyboard reaches and follows a result, and without
// JavaScript the page says what to do instead.
func checkSearch(t *testing.T, browserCtx context.Context, site string, report *summary) {
	smallCaps := basePath + "2026/10/small-cap-rally/"
	t.Run("text", func(t *testing.T) {
		tab, p := openTab(t, browserCtx, site, 60*time.Second)
		res := searchFor(t, tab, site, "Russell")
		if res[0].Path != smallCaps {
			t.Errorf("searching Russell: the first result is %s %q, want %s", res[0].Path, res[0].Title, smallCaps)
		}
		if len(res[0].Marks) == 0 || res[0].Marks[0] != "Russell" || !strings.Contains(res[0].Excerpt, "Russell 2000") {
			t.Errorf("searching Russell: excerpt %q marks %q, want Russell marked", res[0].Excerpt, res[0].Marks)
		}
		// A result's date reads as the archive's do (2 Jan 2006), its
		// datetime ISO for machines.
		for _, r := range res {
			d, err := time.Parse("2006-01-02", r.DateTime)
			if want := d.Format("2 Jan 2006"); err != nil || r.Date != want {
				t.Errorf("searching Russell: %s shows the date %q (datetime %q), want %q as the archive shows it", r.Path, r.Date, r.DateTime, want)
			}
		}
		results := layouts[0]
		results.name += " (results of Russell)"
		checkAxe(t, tab, results, axeAll, report)
		for _, msg := range p.take() {
			t.Error(msg)
		}
	})
	t.Run("chart", func(t *testing.T) {
		tab, p := openTab(t, browserCtx, site, 60*time.Second)
		// The title of the small-cap article's third chart, and the id
		// its title gives it.
		const chart = "relative-strength-small-cap-series-divided-by"
		res := searchFor(t, tab, site, "relative strength small-cap")
		if res[0].Path != smallCaps || res[0].Hash != "#"+chart {
			t.Errorf("searching a chart's title: the first result links to %s%s, want %s#%s", res[0].Path, res[0].Hash, smallCaps, chart)
		}
		// The keyboard: down to the first result, Enter follows it to
		// the chart.
		if err := chromedp.Do(tab, chromedp.KeyEvent(kb.ArrowDown)); err != nil {
			t.Fatal(err)
		}
		focused, err := chromedp.Run(tab, chromedp.Evaluate[bool](`document.activeElement === document.querySelector(".search__link")`))
		if err != nil || !focused {
			t.Errorf("the down arrow did not move to the first result (%v)", err)
		}
		if err := chromedp.Do(tab, chromedp.KeyEvent(kb.Enter)); err != nil {
			t.Fatal(err)
		}
		waitJS(t, tab, "Enter on the result leads to the chart",
			`location.pathname === `+jsString(smallCaps)+` && location.hash === "#`+chart+`" && document.readyState === "complete" && document.getElementById("`+chart+`") !== null`, nil)
		for _, msg := range p.take() {
			t.Error(msg)
		}
	})
	t.Run("ticker", func(t *testing.T) {
		// "S&P 500" is three words to the index (s, p, 500) that must
		// stand together (its pairs "s p" and "p 500"), and the articles
		// say "U.S." too: each result must show the place where its text
		// has all three, marked (in the excerpt, or in the heading or
		// chart title above it when the excerpt is a chart's text that
		// names the data package "s-and-p-500"), not the first "S" it
		// holds (TestSearchAsReadersType checks no lone s is marked). Typed
		// without the space ("S&P500", the same words), it must find the
		// same articles.
		tab, p := openTab(t, browserCtx, site, 60*time.Second)
		var found [2][]string
		for i, q := range []string{"S&P 500", "S&P500"} {
			for _, r := range searchFor(t, tab, site, q) {
				found[i] = append(found[i], r.Path)
				marks := map[string]bool{}
				for _, m := range r.Marked {
					marks[strings.ToLower(m)] = true
				}
				if !marks["s"] || !marks["p"] || !marks["500"] {
					t.Errorf("searching %q: the result %s marks %q: %q, want S, P and 500 marked together", q, r.Path, r.Marked, r.Shown)
				}
			}
		}
		if !slices.Equal(found[0], found[1]) {
			t.Errorf("S&P 500 finds %v, S&P500 %v: want the same articles", found[0], found[1])
		}
		// The rates article has an s, a p and a 500 apart (the Fed's,
		// a P/E, the data package "s-and-p-500"), never S&P 500: the
		// words must stand together.
		if apart := basePath + "2025/03/rates-and-valuations/"; slices.Contains(found[0], apart) || !slices.Contains(found[0], smallCaps) {
			t.Errorf("S&P 500 finds %v: want the articles that write it (%s among them), not %s", found[0], smallCaps, apart)
		}
		for _, msg := range p.take() {
			t.Error(msg)
		}
	})
	t.Run("terms", func(t *testing.T) {
		// An author's or a ticker's name finds the articles filed under
		// it, whose text may not say it: each result must show the name,
		// marked, so the reader sees why it is there.
		tab, p := openTab(t, browserCtx, site, 60*time.Second)
		for _, q := range []string{"Whitlock", "SPX"} {
			for _, r := range searchFor(t, tab, site, q) {
				if !slices.Contains(r.Marked, q) {
					t.Errorf("searching %q: %s shows %q with %q marked, want %s marked", q, r.Path, r.Shown, r.Marked, q)
				}
			}
		}
		for _, msg := range p.take() {
			t.Error(msg)
		}
	})
	t.Run("nothing-found", func(t *testing.T) {
		// A query no article answers must leave the reader somewhere to
		// go: the status names it and links the archive.
		tab, p := openTab(t, browserCtx, site, 60*time.Second)
		const q = "zqxv 1234567"
		if err := chromedp.Do(tab,
			setLayout(layouts[4]),
			chromedp.Navigate(site+"search/"),
			chromedp.WaitVisible(chromedp.ID("search-q")),
			chromedp.SendKeys(chromedp.ID("search-q"), q),
		); err != nil {
			t.Fatalf("typing %q: %v", q, err)
		}
		// The status once the script has answered the query typed.
		answered := `(() => { const s = document.querySelector(".search__status").textContent;
			return new URLSearchParams(location.search).get("q") === ` + jsString(q) + ` && !/Loading|Searching|Type to search/.test(s); })()`
		if !eventually(tab, answered, 10*time.Second) {
			t.Fatalf("searching %q: no answer", q)
		}
		time.Sleep(300 * time.Millisecond) // past the script's 120 ms wait for more keys
		got, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`(() => {
			const s = document.querySelector(".search__status");
			return [s.textContent, String(document.querySelectorAll(".search__result").length)].concat([...s.querySelectorAll("a")].map((a) => a.pathname));
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(got[0], q) || got[1] != "0" || !slices.Contains(got[2:], basePath+"archive/") {
			t.Errorf("searching %q: the status says %q (%s results) and links %v; want it to name the query and link %sarchive/", q, got[0], got[1], got[2:], basePath)
		}
		for _, msg := range p.take() {
			t.Error(msg)
		}
	})
	t.Run("signs", func(t *testing.T) {
		// A query of signs alone holds no word to look up: the page
		// must say so, not answer as if nothing were typed.
		tab, p := openTab(t, browserCtx, site, 60*time.Second)
		const q = "€ %"
		if err := chromedp.Do(tab,
			setLayout(layouts[0]),
			chromedp.Navigate(site+"search/"),
			chromedp.WaitVisible(chromedp.ID("search-q")),
		); err != nil {
			t.Fatalf("opening the search page: %v", err)
		}
		// The status the page shows before anything is typed.
		idle, err := chromedp.Run(tab, chromedp.Poll[string](
			`(() => { const s = document.querySelector(".search__status").textContent; return /Loading/.test(s) ? "" : s; })()`,
			chromedp.WithPollingTimeout(10*time.Second)))
		if err != nil {
			t.Fatalf("the search page never said it was ready: %v", err)
		}
		if err := chromedp.Do(tab, chromedp.SendKeys(chromedp.ID("search-q"), q)); err != nil {
			t.Fatalf("typing %q: %v", q, err)
		}
		// The script answers 120 ms after the last key; wait for the
		// page's query to be the one typed, then twice that.
		waitJS(t, tab, "the page takes the query", `new URLSearchParams(location.search).get("q") === `+jsString(q), nil)
		time.Sleep(500 * time.Millisecond)
		got, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`[document.querySelector(".search__status").textContent, String(document.querySelectorAll(".search__result").length)]`))
		if err != nil {
			t.Fatal(err)
		}
		if got[0] == idle || !strings.Contains(got[0], q) || got[1] != "0" {
			t.Errorf("searching %q: the status says %q (%s results; before typing it said %q), want it to say there is no word to look up in %q", q, got[0], got[1], idle, q)
		}
		for _, msg := range p.take() {
			t.Error(msg)
		}
	})
	t.Run("index-unavailable", func(t *testing.T) { checkSearchUnavailable(t, browserCtx, site) })
	t.Run("no-javascript", func(t *testing.T) {
		tab, p := openTab(t, browserCtx, site, 60*time.Second)
		if err := chromedp.Do(tab,
			chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
				return err
			}),
			setLayout(layouts[0]),
			chromedp.Navigate(site+"search/"),
			chromedp.WaitVisible(chromedp.CSS(".search__nojs")),
		); err != nil {
			t.Fatalf("opening the search page without JavaScript: %v", err)
		}
		// Script is off: read the page through the DOM protocol.
		text, err := chromedp.Run(tab, chromedp.Text(chromedp.CSS(".search__nojs")))
		if err != nil {
			t.Fatal(err)
		}
		links, err := chromedp.Run(tab, chromedp.AttributesAll(chromedp.CSS(".search__nojs a")))
		if err != nil {
			t.Fatal(err)
		}
		form, err := chromedp.Run(tab, chromedp.AttributesAll(chromedp.CSS(".search__form")))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(text, "needs JavaScript") || !strings.Contains(text, "topic") || len(links) == 0 || links[0]["href"] != basePath+"archive/" {
			t.Errorf("without JavaScript the search page says %q, links %v; want what to do instead and a link to the archive", text, links)
		}
		if _, hidden := form[0]["hidden"]; len(form) != 1 || !hidden {
			t.Errorf("without JavaScript the search form shows (%v): it cannot work", form)
		}
		for _, msg := range p.take() {
			t.Error(msg)
		}
	})
}

// checkSearchUnavailable holds the search index's first request (as a slow
// network does) and then fails it (as a dropped one does). While it is
// held the page, whose script runs, must not show the message for readers
// without JavaScript: it would contradict the status. Once it failed the
// status must say so and link the archive, as that message does.
func checkSearchUnavailable(t *testing.T, browserCtx context.Context, site string) {
	tab, p := openTab(t, browserCtx, site, 60*time.Second)
	paused := make(chan fetch.RequestID, 4)
	if err := chromedp.Listen(tab, func(ev any) {
		if ev, ok := ev.(*fetch.EventRequestPaused); ok {
			paused <- ev.RequestID
		}
	}); err != nil {
		t.Fatalf("listening to the tab: %v", err)
	}
	call := func(f func(ctx context.Context, tg *chromedp.Target) error) {
		t.Helper()
		if err := chromedp.Do(tab, chromedp.Func(f)); err != nil {
			t.Fatal(err)
		}
	}
	call(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*/search/index.json"}}})
		return err
	})
	if err := chromedp.Do(tab, setLayout(layouts[4]), chromedp.Navigate(site+"search/")); err != nil {
		t.Fatalf("opening the search page: %v", err)
	}
	var id fetch.RequestID
	select {
	case id = <-paused:
	case <-time.After(10 * time.Second):
		t.Fatal("the search page never asked for its index")
	}
	// shownJS is the text of #search a reader sees, and the href of each
	// link shown in it. → []string
	const shownJS = `(() => {
		const root = document.getElementById("search");
		const links = [...root.querySelectorAll("a")].filter((a) => a.checkVisibility()).map((a) => a.pathname);
		return [root.innerText].concat(links);
	})()`
	held, err := chromedp.Run(tab, chromedp.Evaluate[[]string](shownJS))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(held[0], "JavaScript") {
		t.Errorf("while the index loads the page reads %q: it says JavaScript is off while the search's script runs", held[0])
	}
	call(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, fetch.FailRequest, fetch.FailRequestParams{RequestID: id, ErrorReason: network.ErrorReasonConnectionFailed})
		return err
	})
	waitJS(t, tab, "the status says the index could not be loaded", `/could not be loaded/.test(document.querySelector(".search__status").textContent)`, nil)
	failed, err := chromedp.Run(tab, chromedp.Evaluate[[]string](shownJS))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(failed[0], "JavaScript") || !slices.Contains(failed[1:], basePath+"archive/") {
		t.Errorf("with no index the page reads %q and links %v: want it to say the index could not be loaded and link %sarchive/, and not that JavaScript is off", failed[0], failed[1:], basePath)
	}
	// The failure was the test's doing; anything else is a problem.
	for _, msg := range p.take() {
		if !strings.Contains(msg, "ERR_CONNECTION_FAILED") {
			t.Error(msg)
		}
	}
}
