// Package browsertest holds the real-browser, print, HTML-validation and
// accessibility tests of the example site; it has no code of its own
// outside its tests.
//
// TestBrowser builds the example site at the repository root with its
// baseURL on a net/http file server at http://127.0.0.1:PORT/tearsheet/ (a
// sub-path, as GitHub Pages publishes a project site), starts the system
// chromium headless through chromedp (the Chrome DevTools Protocol over a
// pipe; no browser download), and opens each of these pages: home, every
// article (the small-cap article with its charts first), a tag page, the tag
// index, a ticker's page (with its charts' links), the ticker index, an
// author's page, the archive, a year, a month, search, subscribe, the data
// index, a dataset, a chart's page (/…/charts/ID/), about and the 404 page
// (404.html). Each page is loaded at 360, 390 and 768 px (mobile emulation)
// and 1280 px, each with prefers-color-scheme light and dark, and must show:
//
//   - no console errors, uncaught exceptions, failed requests, HTTP errors,
//     or requests that leave the server or the base path;
//   - every chart (figure .figure__chart) showing exactly one of its two
//     drawings (svg), rendered with a non-zero box, role="img", and a
//     non-empty <desc>;
//   - no sideways scrolling (scrollWidth <= innerWidth), and no element
//     whose box reaches past the right edge of the viewport, but inside a box
//     that scrolls sideways (overflow-x auto or scroll: a box that hides its
//     overflow would cut content off silently); in light mode checked again
//     with every figure's <details> (its summary and data table) open;
//   - with the data tables open, every table fits its box, or its box scrolls
//     sideways, shows a cue at its edges (a background that scrolls with the
//     content: the theme's edge shadows) and can be focused from the keyboard;
//     and every row of a table's body has one bottom rule under all its
//     cells, its row head included;
//   - the site header's text on at most two lines (line boxes merged where
//     they overlap vertically);
//   - every heading (h1 to h4) that wraps with its lines at most 1.35
//     times its font size apart (the body's 1.65 pulls a title apart),
//     and every paragraph of prose a whole number of its line height high
//     (a footnote's raised mark must not push its line apart), and any
//     other text that wraps with lines at least 1.3 times its font size
//     apart (a font shorthand without a line height sets "normal");
//   - cards side by side (.cards > .card in one row) ending at one height,
//     so their rules line up, and the home page's masthead rule ending
//     where the cards under it end; a card's chart the narrow drawing
//     below 960 px and the wide one above, rendered at 0.68 of the width
//     it was drawn for at least (its labels legible);
//   - no date (a time element) broken across lines when it fits on one
//     line of its box (also checked by TestReader with text at 200%);
//   - WCAG 2.2 AA contrast, computed from the browser's computed colors
//     composited over the backgrounds behind them: 4.5:1 for the body text
//     and every other rendered text, a text field's placeholder included
//     (3:1 when large: 24 px, or 18.66 px bold), 4.5:1 for every chart
//     label whatever its size, and 3:1 for the chart lines and for a text
//     field's edge (its border, else its background) against what is
//     around it (non-text contrast);
//   - at 1280 px, a visible keyboard focus for the first three Tab stops: an
//     outline or shadow the element lacks unfocused, at 3:1 against the page;
//   - no serious or critical axe-core violations (milder ones are logged):
//     every rule in light mode at every width, the color rules in dark mode
//     at 360 and 1280 px (dark mode changes colors only); on the articles
//     besides the small-cap one, which share its template, at 360 and 1280
//     px only; at 1280 px light again with every figure's data table shown
//     (axe-core skips hidden content); every rule is axe-core's default
//     set and its experimental td-has-header and table-fake-caption (a
//     data cell of a large table has a header, a caption is a <caption>);
//     nor a serious or critical result axe-core leaves to a person
//     to review ("incomplete": an aria-labelledby on an element that may not
//     be named), but color-contrast's, which the contrast check above
//     measures where axe-core cannot (SVG text, gradients).
//
// TestBrowser checks too, on every article in each of its eight layouts,
// each chart as a reader meets it (checkChartsFit): it must show exactly
// one of its two drawings (wide and narrow); that drawing must lie inside
// its .figure__chart box and the viewport, with no box around it that
// scrolls sideways and no sideways scrolling of the page; at least 90% of
// its texts must render at 11 CSS px or more (computed font size times the
// scale of the text's getScreenCTM), and none may reach past the edge of
// the drawing (the browser's font is not the one the layout measured);
// and Chromium's accessibility tree must hold it once (an image named by
// its title). Its labels and lines pass the contrast checks there too.
//
// TestCharts reads the article with the most charts at every width from
// 360 to 1280 px in steps of 16 px with the same checks but for contrast,
// since which drawing shows, and its scale, change with the width. Beside
// it, it reads every article at 390 and 1280 px and then the page of each
// of its charts (/…/charts/ID/): there the
// chart's labels must render within 15% of their size in the article (the
// median height of the shown drawing's label boxes), so a chart page does
// not stretch the drawing out of scale with its text; and the chart's data
// table must have the computed style it has in the article (alignment,
// weight, rules, numerals) on that page and in the chart's embed.
//
// TestBrowser also types a word of the article's title into the search page
// and follows the result, and prints the drawdowns article to an A4 PDF
// (Page.printToPDF): pdftotext (Debian's poppler-utils) must find every
// word of every table cell of the built page in it, each as often as the
// cells hold it, so a table cut at the page's edge ("300" printed as "30")
// fails; and the address of each external link of its prose once: after
// the link's text, or as that text for a link whose text is its address
// (class link-url), never twice; and no address within the site. It then
// lays every article out for print (print media, 717 px: A4 less
// Chromium's margins) and wants every chart whole: one drawing, inside the
// page, cut by no box around it; and nothing past the page's right edge. It saves a full-page screenshot of the main pages (not every
// article) in every light layout and at 360 and 1280 px dark, and the
// README's screenshots (readme-*.png: what a reader sees of home, of the
// article at its first section, of the ticker index and of a ticker's page,
// at 1280 and 390 px; docs/ holds copies), to
// tmp/screenshots/ at the repository root (git ignores it), or to
// $TEARSHEET_SCREENSHOTS, and logs the path, the axe-core counts, the
// lowest contrast of each page at 360 and 1280 px, and the time each kind
// of check took.
//
// TestReader reads the example site as readers with other settings do.
// With the browser's default font size at 32 px (text at 200%) on a 360 px
// phone, the pages besides the articles (home, archive, tags, a dataset,
// search, subscribe) and every article must not scroll sideways nor reach
// past the right edge outside a box that scrolls, and the site header must
// break no word inside it (the title squeezed beside Subscribe), and no
// date may be broken across lines when it fits on one. Printed to an A4 PDF
// (read by pdftotext), no page of an article may end with a chart's title
// or subtitle: a chart's head goes to the next page with its drawing; the
// first page must be filled to 85% of its height or more (to the foot of
// its lowest word: a header, then a chart too tall for what it leaves,
// left it a third empty); a page that continues a table must start with
// the table's head, and no page may end with a table's head. Laid
// out for print with the reader's setting dark, every element of each
// article's main column must have the colours (text, background, rules,
// an SVG's fill and stroke) it has with the setting light: paper is
// white, and dark mode's light grey chart labels print near invisible. Each
// article's email edition, at 360 px with mobile emulation, must fit the
// screen as the page does: a wide table scrolls in its own box; and show
// each chart's PNG (drawn at 2 device px per CSS px) at 90% or more of the
// width it was drawn for, so its text is not shrunk with it. Each item of
// the Atom feed (read with gofeed), shown as a feed reader's web view shows
// it (images at most the column's width, height auto), must show each
// chart's narrow PNG at 360 px and its wide one at 1280 px, at 90% or more
// of the width it was drawn for, undistorted, with alt text; also with the
// <source>'s width and height removed, as some sanitizers do. And every
// HTML page of the site but the email editions, embeds and redirects must
// have one h1, as its first heading, and no heading that skips a level
// (an h2 then an h4), chart pages included; and, read at 1280 px from
// Chromium's accessibility tree as a screen reader lists links, no two
// links of one name may lead to different addresses (four charts' "Chart
// page" links, a topic's "RSS" beside the site's), nor a name hold an
// arrow (the pager's "← Newer" was read "left arrow Newer"), nor two
// buttons or disclosures share a name (each chart's "Summary and data
// table"). On a year's page, a month's
// and search with a query, at 360 and 1280 px, every title of the dated
// list that wraps must start each of its lines at the same x, clear of
// its date (at 360 px some must wrap, so the check sees something). At
// 390 px, and at 360 px with text at 200%, no line of the home page, an
// article, a chart's page, the data index, a topic or subscribe may begin
// with a "·" or "," separator (some must end a wrapped line, so the check sees
// something), nor any reach past the right edge of its block's content
// box (it did after a topic or a link that wrapped to the column's full
// width, and after a card's date in upper case). A chart's embed, in a frame 360 and 1280 px wide, must show
// the drawing its page shows on a screen as wide, at no larger a scale
// (its labels as large as in the article), at the drawing's own aspect.
//
// TestCommaSeparators reads the card and the article of a site whose
// article has many tags and the terms of two taxonomies at every width
// from 320 to 800 px in steps of 8 px: no line may begin with the "," or
// "·" after a tag or a term.
//
// TestInput reads the example site as a reader who taps with a finger or
// moves with the keyboard. On a 360 px phone (mobile emulation), every
// page of the site but the email editions, embeds and redirects must give
// every rendered link, button, input, select, textarea and summary outside
// the paragraphs of prose (links in a sentence are exempt) a target that
// passes WCAG 2.2 SC 2.5.8, Target Size (Minimum): 24×24 CSS px, or a 24 px
// circle centred on it (on each line of a link that wraps) that meets no
// other target's box nor another undersized target's circle. Then, with
// TestBrowser's focus emulation, at 1280 px light and dark and at 390 px,
// it opens home, the small-cap article (its data tables open), a chart's
// page, search and subscribe, and presses Tab from the top of each page
// until the focus leaves it: Tab must reach every rendered element in the
// tab order, each in view, and a screenshot of the element and 8 px around
// it, focused and then blurred, must differ at 3:1 contrast or more in
// twice as many pixels as its perimeter is long (a ring 2 px thick: the
// indicator must show, stand out from what is behind it, and not be cut
// off).
//
// TestLongTOC reads an article of a generated site whose table of contents
// (40 links) is taller than the window, at 1280 × 600 CSS px (a 1920 × 1080
// screen zoomed to 150%), where the contents stick beside the text: once
// they stick, scrolled to their end they must show their last link, and
// Tab from the top must show every link of the contents in view when it
// is focused.
//
// TestSearchMore searches a generated site of 25 articles for a word of
// every title and presses Enter on "More results" twice, reaching it by
// Tab after the last result: each time the focus must move to the first
// of the results it added (they come before the button, which hides after
// the last).
//
// TestSearchAsReadersType searches a generated site with eight articles
// of its own, as readers type. Plurals: "subsidiaries", "tranches", "rate
// cuts" and "boxes" must find the articles writing the singular, marked,
// and "rats" nothing in a text of rates. Tickers: of four articles, one
// writes S&P 500, one S&P500, one has an s, a p and a 500 apart, one
// Russell 2000; "S&P 500", "S&P500" and "\"S&P 500\"" must each find the
// first two (only S, P and 500 marked) and not the third, "Russell",
// "Russell2000" and "russell 2000" the fourth alone, and a quoted phrase of
// other words says its words may stand apart. Words cut short: typing
// "market" a letter at a time, "ma" must ask for more, not say that no
// article has it.
//
// TestSubscribe builds a copy of the example site with the email form of
// provider form, its action a server on another origin standing for the
// provider (a 303 to the redirect field's URL for a valid address and an
// empty honeypot, else a page of its own), and subscribes as a reader: on
// the subscribe page and after an article, at 390 px (mobile) and 1280 px,
// with scripts on and off, Enter in the email field and a click on the
// button must post the address with the honeypot empty and land the reader
// on the site's thank-you page; an empty or malformed address must post
// nothing and leave the reader on the form with the browser's message.
// Those pages must pass TestBrowser's contrast and overflow checks and
// axe-core (every rule light, the color rules dark, at 360 and 1280 px),
// and TestInput's target sizes at 360 px, with the form shown.
//
// TestHTMLValid runs html-validate (its standard preset, from npm) on every
// page of the example site and of a generated site of 200 articles with
// charts (generator/internal/corpus), and wants no error; it first checks
// that the validator rejects a figure whose figcaption is neither its first
// nor its last child. The version is pinned in
// testdata/html-validate/package.json; .ci/run installs it there (npm
// install --no-package-lock; node_modules is git-ignored), or set
// $TEARSHEET_HTML_VALIDATE to an html-validate command.
//
// TestServe drives the live preview: it runs tearsheet serve (serve.Run)
// on a copy of the example site in a temporary folder, opens the small-cap
// article at 1280 px and at 390 px (mobile), and edits the files as an
// author would. A new title must show by itself; an edit to the 12th
// paragraph must leave the page scrolled within 50 px of where it was, and
// a paragraph added above must leave that paragraph within 50 px of its
// place in the window; breaking the article's charts must show an overlay
// inside the first viewport, on top, naming every error's file and line
// (role="alert", text at 4.5:1 in light and dark), with no sideways
// scrolling and the last good page under it; Tab then Enter on its button,
// and Escape, dismiss it; restoring the file must remove it without
// touching the page; a CSS-only change must restyle the page without
// replacing or reloading it. A securitypolicyviolation listener, added
// before each page's own scripts, and the console must report nothing
// throughout (the listener is shown to work with a refused inline style).
// TestServe also opens the search page, which runs a script, and checks
// that a change reloads it and its script runs again; it stops serve while
// the overlay shows, fixes the error and starts serve again on the same
// port: the reconnected page drops the stale overlay without a reload, and
// shows a title edited while serve was stopped once serve is back; it
// starts serve on a site saved broken: the article's URL lists the error
// (file and line) with no axe-core serious or critical violation, lists a
// second one by itself, and shows the article once the file is fixed; and
// it compares pages
// served by serve with the same site built with the same baseURL: equal
// but for the preview's <link> and <script>, same Content-Security-Policy
// meta tag, no policy header, and nothing of the preview in the build. It
// saves screenshots of the overlay as serve-overlay-WIDTH[-dark].png.
//
// TestServeTabs opens the article in six tabs put in the background (their
// document.hidden emulated) and in a seventh: the seventh must load and
// show an edit by itself, as the hidden tabs hold none of the browser's six
// connections to serve; a tab brought back shows the edit, and one updated
// in place is not reloaded when hidden and shown again.
//
// TestServeMoved moves the article shown to another month by its date, then
// the site to another path by site.yaml's baseURL: each time the page must
// go to the article's new address by itself. TestServeRestartedMoved gives
// baseURL its new path while serve is stopped: once serve is started again
// on the same port, the page must go to the article's address below the new
// path, keeping the reader's paragraph in place, and show the next edit.
//
// BenchmarkServePaint times a save to its paint: on a generated site of
// each size in $TEARSHEET_BENCH_SIZES (1000 when unset; make bench passes
// SIZES), from writing a new title for the middle article to the first
// frame chromium paints with it.
//
// BenchmarkSearch measures the full-text search on a generated site of
// each size beside Pagefind (npx pagefind@1.6.0 on the same built site,
// skipped with a message without npx): the index's size, the time to
// index, and the compressed bytes a fresh page fetches for each of five
// queries up to its first ten results with excerpts (requests counted by
// the file server). TestBrowser's search subtests type "Russell" (the
// small-cap article comes first, the word marked in its excerpt, and the
// results the script writes pass axe-core as the pages do), a
// chart's title (the first result links to the id its title gives it, reached with the down
// arrow and Enter), an author's and a ticker's name ("Whitlock", "SPX":
// each result must show it marked, though the text may not say it),
// "S&P 500" and "S&P500" (the same articles, not the rates article, whose
// s, p and 500 stand apart; each result's excerpt must
// mark S, P and 500 together, not the S of an earlier "U.S."), words no article has
// (the status must name them and link the archive), signs alone ("€ %": the status must say there is no
// word to look up in them, not ask for a query as before typing), hold the
// index's request and then fail it (while it is held the page must not
// show the message for readers without JavaScript, and once it failed the
// status must say so and link the archive), and load the page with
// scripts disabled (the page says what to do instead and hides the form).
//
// The browser is $TEARSHEET_CHROMIUM, else chromium (Debian's package) or
// Chrome on $PATH, started once for the whole package (TestMain stops
// it); each test and benchmark drives it in a browser context of its own
// (its own cookies, storage and cache, as a browser of its own had them).
// Without one, or without pdftotext or html-validate, the
// tests that need them skip with a message saying so; .ci/run installs all
// three, so CI runs them. axe-core is vendored in testdata/axe-core/ (see its
// README.md), so the browser tests need no npm at run time.
package browsertest
