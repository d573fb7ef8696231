package browsertest

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// sharedBrowser is the one chromium the package's tests and benchmarks
// drive: started by the first that needs it, killed by TestMain once all
// are done. Each test gets a browser context of its own in it
// (startBrowser), with its own cookies, storage and cache, as a browser
// of its own had them, without the second or more each of some 25 tests
// spent starting chromium (more on a loaded machine).
var sharedBrowser struct {
	once sync.Once
	ctx  context.Context // the browser's first tab
	stop func()          // kills chromium and removes its profile
	err  error
}

// TestMain runs the tests, then stops the shared browser.
func TestMain(m *testing.M) {
	code := m.Run()
	if sharedBrowser.stop != nil {
		sharedBrowser.stop()
	}
	os.Exit(code)
}

// launchBrowser starts chromium (exe) headless with a profile in a new
// temporary folder, and returns its first tab and the function that kills
// it and removes the profile.
func launchBrowser(exe string) (context.Context, func(), error) {
	profile, err := os.MkdirTemp("", "tearsheet-browsertest-")
	if err != nil {
		return nil, nil, fmt.Errorf("the browser's profile: %w", err)
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(profile),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.NoSandbox, // CI runs as root
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.Flag("font-render-hinting", "none"),
		chromedp.WindowSize(desktopWidth, desktopHeight),
	)
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx)
	stop := func() {
		// Cancelling the allocator kills chromium and waits for it.
		cancelBrowser()
		cancelAlloc()
		os.RemoveAll(profile)
	}
	if err := chromedp.Do(browserCtx); err != nil {
		stop()
		return nil, nil, fmt.Errorf("starting %s: %w", exe, err)
	}
	return browserCtx, stop, nil
}

// startBrowser gives the test or benchmark a browser context of its own in
// the shared chromium (exe, started on first use): the tabs it opens from
// the returned context share nothing with another test's. The context is
// disposed of, closing its tabs, when the test ends or ctx is done,
// whichever comes first, as the browser a test started was killed then.
func startBrowser(t testing.TB, ctx context.Context, exe string) context.Context {
	t.Helper()
	sharedBrowser.once.Do(func() {
		sharedBrowser.ctx, sharedBrowser.stop, sharedBrowser.err = launchBrowser(exe)
	})
	if sharedBrowser.err != nil {
		t.Fatal(sharedBrowser.err)
	}
	browserCtx, cancel := chromedp.NewContext(sharedBrowser.ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	stopAfter := context.AfterFunc(ctx, cancel)
	t.Cleanup(func() { stopAfter() })
	if err := chromedp.Do(browserCtx); err != nil {
		t.Fatalf("opening a browser context in %s: %v", exe, err)
	}
	return browserCtx
}
