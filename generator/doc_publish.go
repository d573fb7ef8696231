// This file continues the package comment of doc.go (go doc shows the two
// as one, doc.go first): markdown, charts and inline figures, remote data, email
// editions, claims, figures.lock, templates, commands and how output is
// written. It was split off to keep each file under 600 lines.

// # Markdown
//
// goldmark with GitHub-flavoured extensions (tables, strikethrough, task lists,
// autolinks), footnotes, definition lists (a term, then lines ": definition"),
// typographer, heading ids ({#custom-id}, else made as Hugo and GitHub make
// them: the text lower-cased, letters and digits of any script and "_" kept,
// spaces and "-" made "-", the rest dropped, "-1", "-2" added to repeats:
// "## Über Zinsen" is #über-zinsen; a heading whose id a chart of the
// page has, "## Valuations" beside a chart titled "Valuations", takes
// the next free one, #valuations-1, since the chart's id names its page
// and files, and a {#custom-id} a chart has is an error), and
// syntax highlighting with CSS classes (chroma, no inline styles). Links and
// images that start with a single / are site paths and get the base path, and
// so do such URLs of raw HTML with markdown.unsafeHTML (href, src, srcset,
// poster, cite, action, formaction, an <object>'s data); URLs with a scheme,
// protocol-relative (//host/…) and relative ones are kept as written.
// <!--more--> (or <!-- more -->) ends the summary wherever it stands, and is
// taken out of the body; a line that starts with it and goes on is an
// error, since markdown reads such a line as raw HTML and the words after
// the marker would not be shown. Template code of Jekyll (Liquid:
// {% highlight %}, {% raw %}, {% include %}, {% post_url %},
// {{ site.baseurl }}, {{ "x" | relative_url }}) and of Zola (Tera: its
// shortcodes {{ name(…) }} and {% name(…) %} … {% end %}) in prose is an
// error at its line saying what to write instead; in code spans and
// fenced blocks it is shown as written. Each table is written inside
// <div class="table-scroll" tabindex="0" role="region" aria-label="Table N">
// (N counts the document's tables), the box a table wider than the column
// scrolls in, an aligned cell gets the class align-left, align-center or
// align-right, and an ISO date in a cell (1957-12, 2024-03-15) is written
// as <time datetime="1957-12">, which the theme keeps on one line.
//
// Limits: every article converts in bounded time, however it is written
// (about a second at most, and a 2 MB article of prose in a fraction of one).
// A body over markdown.maxBytes is an error, and so is front matter over
// 256 KiB (content.MaxFrontMatter: a title of megabytes, repeated on every
// list and feed, made pages too large to write); so are, each naming the
// file and line and saying what to change:
//
//   - block quotes and list items nested more than 100 deep (goldmark's work
//     grows with the depth on every line: a line of 1,000,000 ">" took minutes).
//     The count is an upper bound taken before parsing: the container markers
//     opening a line, plus a level for every two columns of indentation before
//     them; a line without a marker (indented code, prose) adds none;
//   - more than 1,000,000 lines and ASCII punctuation marks together, about a
//     second of goldmark's linear work (a 2 MB article of prose holds about
//     450,000);
//   - link reference definitions ([name]: url) times the lines of their
//     paragraph over 250,000,000 (goldmark copies the paragraph's remaining
//     lines after each): a blank line every few hundred definitions keeps
//     any number of them within it;
//   - inline markup whose parsing would grow with the square of its size,
//     counted on the parsed blocks before inline parsing starts: runs of
//     emphasis markers (*, _, ~; the sum over paragraphs of their count
//     squared may reach 10,000², so one paragraph of 10,000 runs or 10,000
//     paragraphs of 100), link brackets (the same with 5,000²), openers that
//     do not close and make goldmark scan ahead (link destinations "](" with
//     no ")", backticks with no closing run of their length, raw HTML "<x",
//     "<!", "<?": 200,000,000 bytes scanned in all), and footnote references
//     times footnotes (50,000,000). These four are shares of one budget: an
//     article may use all of one, or parts of several that add up to one.
//     At its limit each takes under a third of a second.
//
// The checks are deterministic: the same input always gives the same
// result, and no conversion is left running. An inline figure's {{ … }}
// holds at most 1,000 bytes. A mapping in YAML (site.yaml, front matter,
// a chart's spec) holds at most 10,000 keys: yaml.v3 compares every key
// of a mapping with every other, so that 100,000 took minutes.
//
// # Charts and inline figures
//
// A ```chart block holds a YAML spec computed into a chart at build time;
// {{ dataset.column | statistic | format }} in prose writes a computed value.
// Both are specified in the package comment of generator/figure: keys data,
// x, dateFormat, missing, type (line, area, bar, scatter, stacked-area,
// stacked-bar, histogram, heatmap), total, bins, percentiles, latest,
// matrix, range, transforms, series (column, label,
// axis, color, data, transforms, ticker), y and y2 (format, decimals, currency,
// log), height, title, subtitle, caption, source, annotations (date, y,
// label, axis), bands (from, to, label; or column, data, label),
// panels (series; or by, periods, x, y), illustrative, id, description,
// table.
//
// A series' ticker (ticker: SPX; letters, digits and . - ^ =, at most 20)
// names the instrument it follows. It must be one of the article's tickers
// in front matter (site.yaml needs a taxonomy tickers): otherwise the build
// fails at the series' line. The ticker's term page then lists, above the
// cards, each chart of the page's articles whose series name it, linked at
// its anchor (ARTICLE/#chart-N, or the chart's id).
//
// # Remote data and the data cache
//
// tearsheet build first runs the fetch stage (package generator/fetch):
// every url and fred dataset is fetched, in parallel, with conditional
// requests (ETag, Last-Modified), into SOURCE/.cache/data/NAME.csv beside
// NAME.json, which records the URL, ETag, Last-Modified, the time it was
// fetched (UTC) and the SHA-256 of the data; every command dataset is run
// unless its command and inputs are unchanged. A redirect to a scheme
// other than http(s) is refused. A failed fetch warns and uses the cached
// copy, else the committed file; with neither the build fails, naming the
// dataset. --offline fetches nothing and reads the cached copy, else the
// committed file. A response or loader output that is not a valid CSV for
// the dataset is refused, naming its line. Built pages never show when data
// was fetched, only the data's own dates.
//
// # Email editions
//
// email.html is a whole HTML document made for email clients by the
// theme's email.html (which replaces base.html) and partials/email-figure.html:
// one table at most 600 px wide (CSS width:100%; max-width:600px; for
// Outlook on Windows, which ignores max-width, inside a 600 px table in
// <!--[if mso]> comments: .Email.OutlookOpen and OutlookClose), inline
// style attributes only, no script, style, svg, link, iframe or form
// element, every href and src an absolute URL, the notices of claims that
// no longer hold before the text, each chart its PNG (2×, 400 px wide with
// width and height attributes: the narrow drawing's, and for Outlook
// for Windows alone, in its conditional comments, the wide one's when the
// narrow one would be over 1,600 px tall, which Outlook cuts off) with the chart's title, subtitle and description as alt text, linking
// to the chart's page, then the
// disclosures, the revision log (automatic entries included) and the
// disclaimer, as on the page and in the feeds. Dark text on an explicitly white
// message (meta color-scheme light): dark-mode clients keep it or invert
// it whole. The article's HTML passes through feed.Email, which drops those
// elements with their content, makes URLs absolute and styles each element
// inline. An image of the article's bundle (a GIF, JPEG or PNG file) gets
// width and height attributes from its file, at most 552 px wide (the
// message's column: 600 px less 24 px either side) in its shape, since
// Outlook for Windows ignores max-width and shows an image without them at
// its file's size; an author's own width or height is kept. Other images
// (a site path, another site's) are left without them, their size not
// being the article's to know: put an image in the bundle to have it
// sized. Its own Content-Security-Policy meta allows inline styles and
// images only. With a subscribe provider set, its last line says why
// the reader gets it, with the subscribe page's URL, and links
// Unsubscribe to the provider's merge tag ({{ unsubscribe_url }} for
// Buttondown and Kit, *|UNSUB|* for Mailchimp), which the provider fills
// in when it sends the message. email.txt is feed.Text of it: blocks separated by blank
// lines, list items "- " (ordered ones "1. "), links "text <URL>",
// footnote references [1], images [alt text], a table's rows a line
// each (cells two spaces apart), other lines wrapped at 72
// characters (feed.TextWidth; a longer word such as a URL on its own
// line, preformatted text as it is). The
// example articles' editions are about 20 KB; Gmail clips a message over
// 102 KB. tearsheet email PATH prints either.
//
// # Claims
//
// An article's front matter may state claims about its data, so a rebuild
// on fresh data says which sentence no longer holds:
//
//	claims:
//	  - "{{ sizes.small_cap | ytd }} < {{ sizes.large_cap | ytd }}"
//	  - text: "The fed funds rate is above 5%"
//	    check: "{{ fedfunds.FEDFUNDS | last }} > 5"
//
// A check compares two inline figures (the syntax of generator/figure), or
// a figure and a number (5, 2.5%), with <, <=, >, >=, ==, != or
// "within T of". A claim that does not hold is a warning naming the file,
// the claim's line, its text and both values (an error with --strict), and
// the article shows a notice (.Article.Notices). A claim that cannot be
// computed is an error.
//
// # Figures kept as published (figures.lock)
//
// figures.lock, beside site.yaml and committed with the site, records what
// each published article showed: each inline figure's text, each claim's
// values, and each dataset its figures and charts read (last date and
// SHA-256). It is a text file, one quoted fact a line, articles in path
// order (package generator/lock), so a change reads well in a diff.
// tearsheet lock writes it; a build only reads it, never writes it. A site
// keeps figures once it has the file (tearsheet lock writes the first).
//
// An article is published when it is not a draft and is dated at or before
// the build's clock; figures: live in its front matter opts out. For a
// published article whose record the current data no longer matches:
//
//   - each figure that changed shows both values: "5.33% at publication;
//     4.33% on data through March 2024";
//   - its revision log gains an automatic entry ("Automatic: …") listing
//     what changed (figures, claim values, datasets), dated by the newest
//     date of the data it reflects, never before the article or its last
//     revision (of figures.lock or of its updates); the article's lastmod, so its feeds' updated date
//     and the sitemap, move to that date;
//   - charts are drawn from the current data: a chart always shows what
//     its data now says, and the automatic entry says its dataset was
//     revised since publication (the record keeps the date the data ran
//     through at publication);
//   - with --strict each change is an error naming the article and figure,
//     at the line that shows it (the figure's in the text, the claim's check).
//
// A published article with figures but no record is a warning; so is an
// inline figure its record lacks (added, or its expression edited, since
// publication: it shows the current data's value; an error with --strict),
// and a record of an article that is no longer published. The lock is an input of
// each article like its data: a build, a preview and the page cache give
// the same bytes as a fresh build.
//
//	tearsheet lock [--source DIR] [--offline] [PATH...]
//
// builds the site in memory and writes figures.lock: without PATH it
// records the published articles it has no record of and drops the records
// of articles no longer published, keeping every other record as it is (it
// lists those whose data changed); with PATH (content/posts/x.md) it records
// those articles again from the current data, adding a revision line dated
// today in site.yaml's timezone that says what changed, which later builds show in the
// article's revision log. It prints what it changed, and writes nothing
// when nothing changed.
//
// # Templates
//
// The theme contract (the page kinds, the values templates see, the
// functions they may call and partialCached) is the package comment of
// generator/render.
//
// # Commands
//
// The commands and their flags are the package comment of generator/cli.
//
// # Output
//
// A build writes into a staging folder beside the destination and, only
// when every file was written, exchanges it with the destination in one
// atomic rename (renameat2 RENAME_EXCHANGE on Linux, renamex_np RENAME_SWAP
// on macOS): after a failure, an interrupt or a SIGKILL at any moment the
// destination is the whole previous build or the whole new one. Elsewhere
// the destination is moved aside and the build moved in; a build killed
// between the two is put back by the next. Files the destination holds as
// the last build wrote them (SOURCE/.cache/output keeps its manifest) are
// hard-linked into the staging folder, not written again; the replaced
// build is kept there as the next build's staging folder.
//
// A build removes or replaces only files the last build wrote and what
// stands at a name it makes; other files and folders in the destination
// are kept, unless --clean-destination, which leaves exactly the build.
// --destination is resolved (., .., symbolic links) and refused when it is
// the site folder or holds it, lies inside content/, themes/, layouts/,
// static/, data/, .git/, .cache/ or a folder of a dataset file or data
// loader input, is a mount point, or holds files but no record of a
// tearsheet build into it (--clean-destination takes such a folder over).
// Pages (HTML files) the last build wrote that this one removes are named
// in one warning with the fix: the aliases line (and feedID, the old
// permalink, for a moved article's feeds) for a moved article or
// page, the id for a chart whose id changed; a gone page's chart pages,
// embeds, email edition and page N are not named apart.
// Output is deterministic: the same input gives the same bytes.
package generator
