package browsertest

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/tearsheet/tearsheet/generator/build"
	"github.com/tearsheet/tearsheet/generator/cli"
)

// axeSource is axe-core's axe.min.js, vendored with its license header
// (MPL-2.0); see testdata/axe-core/README.md.
//
//go:embed testdata/axe-core/axe.min.js
var axeSource string

// basePath is where the test server publishes the example site, as GitHub
// Pages publishes a project site.
const basePath = "/tearsheet/"

// The widths checked (the site's layout policy): two phones, a tablet and
// a desktop.
const (
	smallPhoneWidth = 360
	desktopWidth    = 1280
	desktopHeight   = 900
)

// maxHeaderLines is how many lines the site header may take at any width.
const maxHeaderLines = 2

// Contrast minimums (WCAG 2.2 AA): 4.5 for text, 3 for large text (24 px,
// or 18.66 px bold) and for the lines of a chart (non-text contrast, 1.4.11).
// Chart labels are held to 4.5 whatever their size.
const (
	minText      = 4.5
	minLargeText = 3
	minGraphics  = 3
)

// pageCase is one page of the example site to check.
type pageCase struct {
	name      string // also the screenshot file prefix
	path      string // under basePath
	minCharts int    // the page must show at least this many charts
	// extra marks the articles besides the main one: they share its
	// template, so axe-core runs on them at the narrowest and widest
	// layouts only, and no screenshots are saved.
	extra bool
	// article marks an article: each of its charts is measured in every
	// layout (checkChartsFit).
	article bool
}

// pages are the pages checked: one of each kind a reader meets. TestBrowser
// adds every other article of the site (exampleArticles).
var pages = []pageCase{
	{name: "home", path: ""},
	{name: "article", path: "2026/10/small-cap-rally/", minCharts: 3, article: true},
	{name: "tag", path: "tags/small-caps/"},
	{name: "tags", path: "tags/"},
	{name: "ticker", path: "tickers/spx/"},
	{name: "tickers", path: "tickers/"},
	{name: "author", path: "authors/dana-whitlock/"},
	{name: "archive", path: "archive/"},
	{name: "year", path: "2026/"},
	{name: "month", path: "2026/10/"},
	{name: "search", path: "search/"},
	{name: "subscribe", path: "subscribe/"},
	{name: "data", path: "data/"},
	{name: "dataset", path: "data/shiller/", minCharts: 1},
	{name: "chart", path: "2026/10/small-cap-rally/charts/small-versus-large-since-2015-rebased-to-100/", minCharts: 1},
	{name: "about", path: "about/"},
	{name: "404", path: "404.html"},
}

// articlePath matches the output file of an article: YYYY/MM/slug/index.html.
var articlePath = regexp.MustCompile(`^\d{4}/\d{2}/[^/]+/index\.html$`)

// exampleArticles returns a pageCase for each article of the site built
// into dest, named by its last path segment.
func exampleArticles(t *testing.T, dest string) []pageCase {
	t.Helper()
	var out []pageCase
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		rel = filepath.ToSlash(rel)
		if !articlePath.MatchString(rel) {
			return nil
		}
		dir := strings.TrimSuffix(rel, "index.html")
		out = append(out, pageCase{name: path.Base(dir), path: dir})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 2 {
		t.Fatalf("the example site has %d articles", len(out))
	}
	return out
}

// findChromium returns the browser to drive: $TEARSHEET_CHROMIUM, else the
// first of Debian's and Google's names on $PATH.
func findChromium() (string, error) {
	if p := os.Getenv("TEARSHEET_CHROMIUM"); p != "" {
		return exec.LookPath(p)
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no chromium on PATH (apt-get install chromium, or set TEARSHEET_CHROMIUM)")
}

// screenshotDir is where screenshots go: $TEARSHEET_SCREENSHOTS, else
// tmp/screenshots/ at the repository root (git ignores /tmp/).
func screenshotDir(t *testing.T) string {
	dir := os.Getenv("TEARSHEET_SCREENSHOTS")
	if dir == "" {
		root, err := filepath.Abs(filepath.Join("..", ".."))
		if err != nil {
			t.Fatal(err)
		}
		dir = filepath.Join(root, "tmp", "screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("screenshots: %v", err)
	}
	return dir
}

// serveExample builds the example site at the repository root with its
// baseURL set to a server on 127.0.0.1 under basePath, and serves the
// output there with net/http's file server, as a static host would. It
// returns the site's URL and the output folder.
func serveExample(t *testing.T, ctx context.Context) (site, dest string) {
	t.Helper()
	return serveSite(t, ctx, filepath.Join("..", ".."), "the example site")
}

// serveSite builds the site in dir (named what in messages) as
// serveExample builds the example site, and serves it the same way.
func serveSite(t *testing.T, ctx context.Context, dir, what string) (site, dest string) {
	t.Helper()
	srv := httptest.NewUnstartedServer(http.NotFoundHandler())
	site = "http://" + srv.Listener.Addr().String() + basePath
	dest = filepath.Join(t.TempDir(), "public")
	res, err := cli.Build(ctx, dir, dest, build.Options{BaseURL: site})
	if err != nil {
		srv.Close()
		t.Fatalf("building %s: %v", what, err)
	}
	mux := http.NewServeMux()
	mux.Handle(basePath, http.StripPrefix(strings.TrimSuffix(basePath, "/"), http.FileServer(http.Dir(dest))))
	srv.Config.Handler = mux
	srv.Start()
	t.Cleanup(srv.Close)
	t.Logf("built %s (%d articles, %d files) in %s; serving it at %s", what, res.Articles, res.Files, res.Duration.Round(time.Millisecond), site)
	return site, dest
}

// TestBrowser drives Debian's chromium, headless, through the pages of the
// example site at 360, 390, 768 and 1280 px: no console errors or failed
// requests, charts drawn with their descriptions, every chart of every
// article whole in its box and legible (checkChartsFit), no sideways
// scrolling and nothing past the right edge, tables that scroll in their own box, a
// header of at most two lines, legible text and chart labels in light and
// dark mode, visible keyboard focus, no serious or critical axe-core
// violations, and a working search. It prints the drawdowns article to PDF
// and finds every table cell in it. It saves screenshots of the main pages
// in every layout.
func TestBrowser(t *testing.T) {
	start := time.Now()
	site, dest, shots, browserCtx := setUp(t, 8*time.Minute)
	// Every article besides the ones pages names, checked as extra pages.
	all := slices.Clone(pages)
	for _, a := range exampleArticles(t, dest) {
		if !slices.ContainsFunc(pages, func(pc pageCase) bool { return pc.path == a.path }) {
			all = append(all, pageCase{name: "article-" + a.name, path: a.path, extra: true, article: true})
		}
	}
	var report summary
	// Two tabs at a time: chromium renders and runs axe-core in a process
	// per tab, so the two cores are both busy.
	t.Run("pages", func(t *testing.T) {
		for _, pc := range all {
			t.Run(pc.name, func(t *testing.T) {
				t.Parallel()
				checkPage(t, browserCtx, site, pc, shots, &report)
			})
		}
	})
	t.Run("search", func(t *testing.T) { checkSearch(t, browserCtx, site, &report) })
	t.Run("print", func(t *testing.T) { checkPrint(t, browserCtx, site, dest, printArticle) })
	t.Run("print-charts", func(t *testing.T) { checkPrintCharts(t, browserCtx, site, dest) })
	t.Logf("axe-core %s: %s", axeVersion(), report.axeLine())
	t.Logf("lowest contrast: %s", report.contrastLine())
	t.Logf("screenshots: %s", shots)
	t.Logf("tab time by step (two tabs at a time): %s", report.spentLine())
	t.Logf("browser tests took %s", time.Since(start).Round(100*time.Millisecond))
}

// setUp finds chromium (skipping the test without one), builds and serves
// the example site, and starts the browser, all given up after timeout. It
// returns the site's URL, the folder it was built into, the screenshot
// folder and the browser's context.
func setUp(t *testing.T, timeout time.Duration) (site, dest, shots string, browserCtx context.Context) {
	t.Helper()
	exe, err := findChromium()
	if err != nil {
		t.Skipf("SKIP browser tests: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	t.Cleanup(cancel)
	site, dest = serveExample(t, ctx)
	shots = screenshotDir(t)
	return site, dest, shots, startBrowser(t, ctx, exe)
}

// summary gathers figures across pages for the closing log lines.
type summary struct {
	mu        sync.Mutex
	axe       map[string]int // impact → violations (rules × pages × schemes)
	axeRules  map[string]bool
	contrasts []string
	spent     map[string]time.Duration // tab time by step, for the closing log
}

// clock starts timing a step of a page; the returned func adds the time
// since the last call to the step it names.
func (s *summary) clock() func(step string) {
	last := time.Now()
	return func(step string) {
		now := time.Now()
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.spent == nil {
			s.spent = map[string]time.Duration{}
		}
		s.spent[step] += now.Sub(last)
		last = now
	}
}

func (s *summary) spentLine() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	steps := slices.Sorted(maps.Keys(s.spent))
	var parts []string
	for _, k := range steps {
		parts = append(parts, fmt.Sprintf("%s %s", k, s.spent[k].Round(100*time.Millisecond)))
	}
	return strings.Join(parts, ", ")
}

func (s *summary) addAxe(vs []axeViolation) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.axe == nil {
		s.axe, s.axeRules = map[string]int{}, map[string]bool{}
	}
	for _, v := range vs {
		rule := v.Impact + " " + v.ID
		if v.Review {
			rule += " (needs review)"
		}
		s.axe[v.Impact]++
		s.axeRules[rule] = true
	}
}

func (s *summary) addContrast(line string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.contrasts = append(s.contrasts, line)
}

func (s *summary) axeLine() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var parts []string
	for _, impact := range []string{"critical", "serious", "moderate", "minor"} {
		parts = append(parts, fmt.Sprintf("%d %s", s.axe[impact], impact))
	}
	rules := make([]string, 0, len(s.axeRules))
	for r := range s.axeRules {
		rules = append(rules, r)
	}
	sort.Strings(rules)
	line := strings.Join(parts, ", ") + " violations or results to review (rules × pages × color schemes)"
	if len(rules) > 0 {
		line += ": " + strings.Join(rules, "; ")
	}
	return line
}

func (s *summary) contrastLine() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	lines := slices.Clone(s.contrasts)
	slices.Sort(lines)
	return "\n\t" + strings.Join(lines, "\n\t")
}

// axeVersion reads the version from axe.min.js's license header.
func axeVersion() string {
	first, _, _ := strings.Cut(axeSource, "\n")
	return strings.TrimSpace(strings.TrimPrefix(first, "/*! axe"))
}

// problems records what goes wrong in a tab: console errors, uncaught
// exceptions, failed requests, responses of 400 and above, and requests
// that leave the test server.
type problems struct {
	mu   sync.Mutex
	list []string
}

func (p *problems) add(format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.list = append(p.list, fmt.Sprintf(format, args...))
}

func (p *problems) take() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	l := p.list
	p.list = nil
	return l
}

// watch listens to the tab's events and records problems. The listener
// must return fast and call nothing, so it only formats and appends.
func watch(ctx context.Context, site string, p *problems) error {
	origin := site
	if u, err := url.Parse(site); err == nil {
		origin = u.Scheme + "://" + u.Host
	}
	return chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				var args []string
				for _, a := range ev.Args {
					if a.Value != nil {
						args = append(args, string(a.Value))
					} else {
						args = append(args, a.Description)
					}
				}
				p.add("console.%s: %s", ev.Type, strings.Join(args, " "))
			}
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			p.add("uncaught exception: %s (%s:%d)", msg, d.URL, d.LineNumber)
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError {
				p.add("console (%s): %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
			}
		case *network.EventRequestWillBeSent:
			u := ev.Request.URL
			if !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, origin+"/") {
				p.add("request leaves the test server: %s", u)
			} else if strings.HasPrefix(u, origin+"/") && !strings.HasPrefix(u, site) {
				p.add("request outside the site %s: %s", site, u)
			}
		case *network.EventLoadingFailed:
			if ev.Canceled && ev.Type == network.ResourceTypeEventSource {
				return // the live preview's event stream, ended by a reload
			}
			if ev.Canceled && ev.Type == network.ResourceTypeImage {
				// No longer needed: a card's <picture> chose the other
				// drawing when the test changed the viewport, or the next
				// navigation left the page. A missing image is not
				// canceled: it fails with its status.
				return
			}
			p.add("request failed: %s %s (canceled %v, blocked %q)", ev.Type, ev.ErrorText, ev.Canceled, ev.BlockedReason)
		case *network.EventResponseReceived:
			if ev.Response.Status >= 400 {
				p.add("HTTP %d for %s", ev.Response.Status, ev.Response.URL)
			}
		}
	})
}

// layout is one combination of width and color scheme.
type layout struct {
	name          string
	width, height int64
	mobile, dark  bool
}

var layouts = []layout{
	{name: "1280", width: desktopWidth, height: desktopHeight},
	{name: "1280-dark", width: desktopWidth, height: desktopHeight, dark: true},
	{name: "768", width: 768, height: 1024, mobile: true},
	{name: "768-dark", width: 768, height: 1024, mobile: true, dark: true},
	{name: "390", width: 390, height: 844, mobile: true},
	{name: "390-dark", width: 390, height: 844, mobile: true, dark: true},
	{name: "360", width: smallPhoneWidth, height: 780, mobile: true},
	{name: "360-dark", width: smallPhoneWidth, height: 780, mobile: true, dark: true},
}

// setLayout emulates the viewport and color scheme of l.
func setLayout(l layout) chromedp.Action[chromedp.Void] {
	var opts []chromedp.EmulateViewportOption
	if l.mobile {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	scheme := "light"
	if l.dark {
		scheme = "dark"
	}
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := chromedp.EmulateViewport(l.width, l.height, opts...)(ctx, t); err != nil {
			return err
		}
		// Tabs run side by side; each behaves as the focused one, so
		// keyboard focus shows as it does for a reader.
		if _, err := cdp.Call(ctx, t, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	})
}

// openTab opens a tab that closes when t ends, that gives up after
// timeout, and whose problems are recorded.
func openTab(t testing.TB, browserCtx context.Context, site string, timeout time.Duration) (context.Context, *problems) {
	t.Helper()
	tab, cancel := chromedp.NewContext(browserCtx)
	t.Cleanup(cancel)
	tab, cancelTimeout := context.WithTimeout(tab, timeout)
	t.Cleanup(cancelTimeout)
	p := new(problems)
	if err := watch(tab, site, p); err != nil {
		t.Fatalf("listening to the tab: %v", err)
	}
	return tab, p
}

// saveScreenshot saves a full-page screenshot of tab, in layout l, to file.
// It captures as chromedp.FullScreenshot(100) does (PNG, beyond the
// viewport), but asks chromium to compress for speed: the pixels are the
// same, the file about a quarter larger, and the capture of a long page
// about a third faster (TestBrowser and TestCharts save some 150).
func saveScreenshot(t *testing.T, tab context.Context, l layout, file string) {
	t.Helper()
	fast := true
	shot, err := chromedp.Call(tab, page.CaptureScreenshot, page.CaptureScreenshotParams{
		Format:                page.CaptureScreenshotFormatPng,
		CaptureBeyondViewport: &fast,
		FromSurface:           &fast,
		OptimizeForSpeed:      &fast,
	})
	if err != nil {
		t.Errorf("%s: screenshot: %v", l.name, err)
	} else if err := os.WriteFile(file, shot.Data, 0o644); err != nil {
		t.Errorf("%s: saving the screenshot: %v", l.name, err)
	}
}

// checkPage opens pc in a new tab and runs every check in every layout.
func checkPage(t *testing.T, browserCtx context.Context, site string, pc pageCase, shots string, report *summary) {
	tab, p := openTab(t, browserCtx, site, 90*time.Second)
	url := site + pc.path
	for _, l := range layouts {
		step := report.clock()
		if err := chromedp.Do(tab, setLayout(l), chromedp.Navigate(url)); err != nil {
			t.Fatalf("%s: opening %s: %v", l.name, url, err)
		}
		step("load")
		if pc.name == "search" {
			// The script fetches the index, then shows the form.
			if _, err := chromedp.Run(tab, chromedp.Poll[bool](`!document.querySelector(".search__form").hidden`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
				t.Errorf("%s: the search form never appeared: %v", l.name, err)
			}
		}
		checkCharts(t, tab, l, pc)
		if pc.article {
			checkChartsFit(t, tab, l)
		}
		checkColors(t, tab, l, report, pc.name)
		step("colors")
		checkOverflow(t, tab, l, "")
		checkHeader(t, tab, l)
		checkLeading(t, tab, l)
		checkCards(t, tab, l)
		checkDates(t, tab, l, "")
		step("layout")
		// Dark mode changes colors only: the narrowest and the widest
		// layouts show it in screenshots and axe-core's color rules; our
		// own contrast and layout checks run at every width.
		edge := l.width == smallPhoneWidth || l.width == desktopWidth
		if !pc.extra && (!l.dark || edge) {
			saveScreenshot(t, tab, l, filepath.Join(shots, pc.name+"-"+l.name+".png"))
		}
		if at, ok := readmeShots[pc.name]; ok && (l.name == "1280" || l.name == "390") {
			saveReadmeShot(t, tab, l, at, filepath.Join(shots, "readme-"+pc.name+"-"+l.name+".png"))
		}
		step("screenshots")
		if !l.mobile && !l.dark {
			checkFocus(t, tab, l)
			step("focus")
		}
		// Every rule in light mode, in dark mode only the rules colors
		// change; on the extra articles at the narrowest and widest
		// layouts only.
		switch {
		case l.dark && edge:
			checkAxe(t, tab, l, axeColors, report)
		case !l.dark && (edge || !pc.extra):
			checkAxe(t, tab, l, axeAll, report)
		}
		step("axe")
		if !l.dark {
			// With every figure's data table shown, no table may
			// reach past the edge but inside its scroll box.
			opened, err := chromedp.Run(tab, chromedp.Evaluate[int](openDetailsJS))
			if err != nil {
				t.Errorf("%s: opening the data tables: %v", l.name, err)
			}
			checkOverflow(t, tab, l, " (data tables open)")
			checkTables(t, tab, l)
			step("tables")
			// axe-core skips what is hidden: the data tables are
			// checked once shown, at one width (their markup is the
			// same at all).
			if opened > 0 && l.width == desktopWidth {
				open := l
				open.name += " (data tables open)"
				checkAxe(t, tab, open, axeAll, report)
				step("axe")
			}
		}
		for _, msg := range p.take() {
			t.Errorf("%s: %s", l.name, msg)
		}
	}
}
