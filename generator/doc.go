// Package generator is tearsheet, a static research-site generator. This
// comment is the specification of the site format: every site.yaml key,
// front-matter key, URL rule and template variable. Tests pin what it says
// (see doc_test.go), so keep it in step with the code.
//
// # A site
//
// A site is a folder holding:
//
//	site.yaml            settings (below)
//	content/posts/       articles: NAME.md, or NAME/index.md with files beside it (a bundle)
//	content/*.md         pages such as about.md, terms.md, privacy.md (any depth outside posts/)
//	content/data/        CSV datasets shared by all articles (neither rendered nor copied to the output)
//	themes/NAME/         templates/*.html, templates/partials/*.html, static/ (css/, js/, images)
//	                     The theme named default is built into tearsheet; a site's themes/default/
//	                     holds only the files it changes, each replacing the built-in file at that path
//	layouts/             the site's own templates; a file here replaces the theme's file of the same name
//	static/              files copied to the output as they are (they win over the theme's static/,
//	                     and over generated files of the same name such as robots.txt); hidden files,
//	                     and hidden folders but .well-known/ (a nested checkout's .git/), are not
//
// Articles are the files under content/posts/ only: a dated file in another
// folder (Hugo's content/post/, content/blog/) is a page, with a warning at
// the line of its date naming the move (and the permalink) that makes it an
// article. Files and folders whose names start with "." or "_" are ignored
// (a section's _index.md of Hugo or Zola, and Jekyll's content/_posts/, with a
// warning saying where their text belongs, which tearsheet serve gives too
// as soon as such a file appears), and so
// are editors' backup and temporary files under content/, static/, layouts/
// and themes/ (name~, #name#, ~$name, .bak, .orig, .rej, .swp, .tmp, sed -i's
// sedXXXXXX, JetBrains' ___jb_tmp___, Qt's name.aBcD12 and the like: see
// package internal/scratch), so a draft's backup is never published, and
// so are Windows Explorer's Thumbs.db, ehthumbs.db and desktop.ini. Other
// non-markdown files under content/ are copied to the same path in the
// output; the files of a bundle are copied beside its page, so an article can
// link its own data and images by relative name ([data](prices.csv)), and
// only beside it: a draft's are not published until the draft is. With a
// permalink ending in .html they get the page's prefix as its chart files do
// (rally-prices.csv beside rally.html; see URLs), and every link to one (a
// markdown link or image, raw HTML's href, src and srcset, front matter's
// image) points at that name in the page, its feeds and its email edition.
//
// Symbolic links are followed while they stay inside the site folder: a link
// to a file or folder of the site is that file or folder. A build never
// reads a file from outside the site folder. A link that leads outside it
// (an absolute link, even one to a file inside the site, or one climbing out
// with ..), through any chain of links, is an error naming the link and its
// target, wherever it is: an article, a bundle's file, content/data/, a
// dataset's file, static/, the theme, layouts/, site.yaml. It is an error
// rather than a skipped file with a warning because a skipped file silently
// drops an article or image from the published site, and a warning scrolls
// past in CI while a site holding the machine's files would deploy; the error
// stops the build and says which link to fix (copy the file into the site,
// or make the link relative). Links are resolved with os.Root, one path
// element at a time, so a link changed during the build cannot lead out either.
// A named pipe, a socket or a device anywhere the build reads (content/,
// static/, the theme, site.yaml, a dataset's file) is an error of the same
// scan, reported with the build's other problems; so is a file or folder
// under content/, static/ or the theme's static/ whose name holds a control
// character (a line break, a tab),
// and a control character in the text of an article or in its title,
// summary or terms (what a paste from a terminal or a PDF brings).
//
// # site.yaml
//
// Decoding is strict: an unknown or mistyped key, and every invalid value
// (a permalink with a .. segment, an unknown time zone, a baseURL that is not
// an http(s) URL or a path, a dataset with two sources, a theme or a local
// dataset file that does not exist…), is an error naming site.yaml:line and
// saying what would be right, and every problem is reported at once. An
// unknown key lets the build go on to report the site's other problems; a
// site.yaml that is not a mapping, a value of the wrong type (datasets: [a,
// b]) or an invalid value stops it at site.yaml, with site.yaml's errors
// alone, since the rest would be checked against settings not written.
// Keys and defaults:
//
//	title           site title, which may not be empty ("Research")
//	description     one sentence about the site, used in the home page and meta tags ("")
//	baseURL         absolute URL the site is published at, or a path: https://user.github.io/repo/ ("/").
//	                A path part (/repo/) is put before every link, asset and feed URL.
//	language        HTML lang attribute, a language tag such as en or en-GB ("en")
//	author          default author of articles ("")
//	copyright       footer line ("")
//	timezone        IANA zone in which dates without an offset are read and all dates shown ("UTC")
//	permalink       article URL pattern; tokens :year :month :day :slug :title ("/:year/:month/:slug/").
//	                It must start with /, end with / or .html, and contain :slug or :title;
//	                its segments may not be empty, . or .., nor hold \ ? # % " < > or spaces.
//	perPage         articles per list page, 1..1000 (10)
//	wordsPerMinute  reading speed for "N min read", 50..2000 (230); never less than 1 min
//	summaryWords    words of the plain-text summary in meta descriptions (and og:, twitter: and JSON-LD)
//	                when front matter gives no summary: longer text is cut there with "…"; 0 is no limit (70)
//	theme           "default", the theme built into tearsheet (files under the site's themes/default/
//	                replace its files of the same path), or another folder under themes/ ("default")
//	renderTimeout   how long one template may render one page or partial ("30s"): one still running then
//	                (a range over a huge count) fails the build; under serve it goes on in the background
//	disclaimer      text shown at the end of every article unless the article overrides it ("")
//	menu            list of {name, url} links in the header; site paths (/about/) get the base path
//	markdown        unsafeHTML: pass raw HTML through (false: raw HTML is shown escaped, comments dropped)
//	                typographer: smart quotes and dashes (true)
//	                tocMinHeadings: headings (h2/h3) an article needs before it gets a contents list (3)
//	                maxBytes: largest article body accepted, in bytes (2097152)
//	feeds           items: newest articles in each feed, site-wide and per tag, 1..10000 (20)
//	subscribe       email form; provider is one of buttondown, mailchimp, kit, form, or "" for none.
//	                buttondown needs username; mailchimp needs action (its list-manage.com/subscribe/post?u=…&id=…
//	                URL from the embed code); kit needs formID (numeric); form needs action and fields.email.
//	                fields: email (form only: the email field's name), name (an optional first-name
//	                field: FNAME for Mailchimp, fields[first_name] for Kit, any name for form), redirect
//	                (form only: a hidden field carrying the thank-you URL, such as _next; left out, with a
//	                warning, while that URL has no host, as the provider would look for the path on its own site).
//	                honeypot: the hidden anti-bot field's name ("website"; Mailchimp's is always b_U_ID).
//	                thankYou: the page readers land on after subscribing, a URL or site path
//	                ("/subscribe/thanks/"). heading, text, consent, button: the form's texts.
//	                confirm: whether the provider emails a link readers must follow before the
//	                subscription starts (double opt-in), which the thank-you page asks them to look
//	                for (true for buttondown, mailchimp and kit, as their default settings do; false for form).
//	image           default social-card image (og:image), a site path or http(s) URL ("")
//	imageAlt        what image shows, for readers who cannot see it (og:image:alt, twitter:image:alt) ("");
//	                an error without image, or with a control character
//	charts          width: drawing width in px, 200..4000 (720); height: default drawing height in px, 160..4000 (360);
//	                png: "feeds" or "all"; kept for old sites: every chart now gets a PNG copy
//	                (its chart page shows it) and one of its narrow drawing (the email edition's)
//	datasets        named CSV tables for charts and inline figures; each NAME has one source:
//	                  file      a CSV path from the site root
//	                  url       a remote CSV (http or https), fetched at build time
//	                  fred      a FRED series id (FEDFUNDS), fetched from fetch.fredBaseURL?id=ID
//	                  command   a data loader: a shell command run in the site folder that prints
//	                            CSV (only with fetch.allowCommands); inputs lists the files it reads
//	                            (a change runs it again; otherwise its cached output is used)
//	                With url or fred, file is the committed copy, read offline or when the fetch fails
//	                and nothing is cached. And how to read it: date (the date column; default a column
//	                named date, else the first), dateFormat, missing (cell values that mean no data,
//	                such as "0.0"), skipLines, delimiter ("," ";" or "tab"; default: the one a
//	                first line sep=; (as Excel writes it) names, else the one that splits the
//	                header and the lines below it evenly), decimal ("." or ","; default:
//	                what each column's numbers show), columns (keep only these columns, renamed:
//	                {new_name: "Column Of The File"}); maxAge (warn when the newest row is older, such
//	                as 45d, 8w, 36h); source (credit line); illustrative (true for synthetic data:
//	                every chart of it says so); title (what the data catalogue calls it; default
//	                the name); license (the terms the data is published under, shown in the data
//	                catalogue; "" shows "Not stated"). A dataset no article or page reads is a
//	                warning naming its line of site.yaml (and whether its data can be read yet).
//	                Secrets: headers (with url or fred) are HTTP headers sent with the request, whose
//	                values may name environment variables as ${env:NAME} (a header carrying a
//	                credential, such as Authorization, must), as may a url's path or query (the
//	                record in .cache/data keeps the url as written); env (with command) lists environment
//	                variables passed to the data loader. A variable not set or empty when the dataset
//	                is fetched or its loader runs is an error at the dataset's line. The values are
//	                never written: messages show [secret NAME] instead, and a response or loader output
//	                holding a value is refused.
//	fetch           the fetch stage, which brings url, fred and command datasets into .cache/data:
//	                timeout (per HTTP attempt, "10s"), retries (after the first attempt, on network
//	                errors, timeouts, 429 and 5xx, with exponential backoff and Retry-After; 2),
//	                maxBytes (largest response, loader output or data file read, 52428800), fredBaseURL
//	                ("https://fred.stlouisfed.org/graph/fredgraph.csv"), allowCommands (run data
//	                loaders; false), commandTimeout (per loader run, "2m"), maxAge (the default maxAge
//	                of every dataset; "" for none)
//	domain          custom domain written to CNAME for GitHub Pages (""); a baseURL that is a path takes it: https://DOMAIN/PATH.
//	                A site GitHub Actions publishes takes its domain from Settings > Pages, not CNAME; a
//	                build warns when the host of baseURL (or --baseURL) is another
//	params          free-form text values for custom templates (.Site.Params)
//	                Keys that look like secrets (secret, password, token, apiKey, privateKey,
//	                credential) are errors: params are visible to templates, so they may be published.
//	                Keep secrets in environment variables that datasets name (headers, env above).
//	private         removed (no build ever read it): an error pointing to headers and env, which
//	                shows none of its values
//	taxonomies      ways of grouping articles beside the built-in tags and authors, by front-matter
//	                key: {tickers: {}, asset_classes: {title: "Asset classes"}}. A key is lower-case
//	                letters, digits and underscores (at least two characters); it may not be a fixed
//	                front-matter key (title, summary…) nor take a path of the site's own (archive,
//	                search, subscribe, page, js, css, posts, data). Each taxonomy KEY has an index at
//	                /KEY/ (underscores become dashes: /asset-classes/) listing its terms with their
//	                article counts and feeds, a page per term /KEY/SLUG/ with continuation pages
//	                /KEY/SLUG/page/N/, and feeds per term. Each NAME may set: title (the index's
//	                heading; default the key with spaces, capitalised: "Asset classes"), singular
//	                (one term's kind, "Ticker"; default the title without its plural ending),
//	                perPage (articles per term page, 1..1000; default the site's perPage) and terms
//	                (the only terms front matter may name, a closed list such as [SPX, IWM]; default
//	                any). tags and authors may be listed to set these too (tags' title is "Topics",
//	                singular "Topic"; their keys and paths stay). Taxonomies are listed in the order
//	                tags, authors, then site.yaml's order.
//	check           settings of tearsheet check. maxDataAge: how old the newest row of a CSV dataset
//	                (under content/, in content/data/ or a bundle, or under data/) may be before check
//	                warns: a whole number and a unit d, w, m (30 days) or y (365 days), such as 45d,
//	                or hours such as 36h; "" or 0 turns the warning off ("")
//
// # Front matter
//
// A markdown file opens with YAML between two lines "---", or with TOML
// between two lines "+++" (Hugo's and Zola's; read as the YAML that sets
// the same keys to the same values on the same lines, so it takes the same
// keys and its errors name its lines). Strict, like site.yaml. Keys:
//
//	title        required
//	date         required for articles. Formats: 2024-05-01, 2024-05-01T09:30:00-04:00 (RFC 3339),
//	             2024-05-01T09:30, "2024-05-01 09:30", "May 1, 2024", "1 May 2024". A date without
//	             an offset is read in site.yaml's timezone.
//	lastmod      date of the last revision, shown as "Updated"; not before date (a day without
//	             a time of day, such as date's own, is any time of it). A later entry
//	             of updates (the revision log) moves it on: feeds, sitemap.xml and the page's
//	             modified dates say the newest
//	slug         URL segment (lower-case letters, digits, dashes); default from the file or folder name
//	tags         list of tag names; tags whose slugs match are merged (with a warning)
//	summary      shown in lists, feeds and meta descriptions and under the title; default: the text
//	             before <!--more--> (or Zola's <!-- more -->), on a line of its own or within a
//	             paragraph, else (no marker, or no text before it) the first paragraph. Given, it is
//	             one paragraph of markdown, inline only (emphasis, code, links; raw HTML as in the
//	             body; a leading "#", "- " or "2001. " is text, and a blank line is an error; spaces
//	             only are no summary):
//	             pages, cards and the email show it as HTML, meta tags, feeds' summaries and the
//	             search index as plain text. In lists
//	             its relative links and images (a bundle file, #section) are resolved against
//	             the article's URL, so they lead where they do on the article's page
//	description  another name of summary (Hugo's, Jekyll's and Zola's); give one or the other
//	author       one author; default: site.yaml author. A list of names (author: [A, B], Hugo's
//	             and Jekyll's way) is the article's authors
//	authors      several authors, a list of names (not with author): each gets an author page
//	draft        true leaves the article out unless built with --drafts (then it carries a badge)
//	image        social-card image: a site path, a file of the article's folder or an http(s) URL
//	imageAlt     what image shows, for readers who cannot see it (og:image:alt, twitter:image:alt);
//	             an error without image, or with a control character (a line break)
//	aliases      old site paths (/old/post/) that redirect here
//	feedID       id in feeds instead of the permalink, an absolute http(s) URL or a tag: URI: when
//	             the article moves, its old permalink (feedID: https://example.org/2024/05/old-slug/)
//	             beside the old path under aliases, so feed readers do not show it again as new;
//	             an id another article has is an error, in a feed now or not (readers remember ids)
//	disclaimer   replaces the site disclaimer for this article; "" removes it
//	disclosures  list of statements (positions held, conflicts) shown with the article
//	updates      list of {date, note}: a revision log shown at the end of the article; no
//	             date before the article's (its day will do, as for lastmod)
//	toc          true or false forces the contents list on or off
//	claims       statements about the data the build checks (below): each a comparison, or
//	             {text, check} with the sentence readers see and the comparison
//	figures      locked (default) or live: whether the published article keeps its inline
//	             figures as figures.lock recorded them (below), or shows the current data's;
//	             live on an article figures.lock records warns until tearsheet lock drops it
//	params       free-form text values for custom templates
//	publishDate  when the article is published (Hugo's key): left out before then unless --future;
//	             the article's date when date is not given
//	expiryDate   when the article or page is taken out of the site: a build at or after it leaves it
//	             out; after the date it is published
//	keywords     list of keywords: the page's meta keywords, and the article's JSON-LD keywords
//	             after its tags
//	KEY          the terms of site.yaml's taxonomy KEY, a list of names: tickers: [SPX, RUT]
//
// The names Hugo, Zola and Jekyll give some of these keys are read as
// them: updated, modified and last_modified_at as lastmod; pubdate and
// publishdate as publishDate; expirydate and unpublishdate as expiryDate;
// excerpt as summary; redirect_from as aliases; extra as params; images, a
// list, as image (its first). A key given with another name of it is an
// error. Zola's [taxonomies] table holds taxonomies as if written at the
// top (tags, authors, or site.yaml's); Jekyll's category (one category)
// is read as categories when site.yaml has that taxonomy, and its tag
// (one tag) as tags. A taxonomy, aliases or redirect_from may be one value
// instead of a list (tags: rates); a taxonomy's value of several words is
// an error (Jekyll splits it at spaces, Hugo does not). A taxonomy given
// twice (tags and [taxonomies] tags, categories and category) is an
// error, and so are more than 200 names under one key. Markdown files are named .md, or .markdown, .mdown, .mkdown,
// .mkdn or .mkd as Jekyll and Hugo also read them; two index files in one
// folder are an error. An article named YEAR-MONTH-DAY-title.md (or a bundle folder so
// named), as Jekyll names posts, is dated by its name when front matter
// gives neither date nor publishDate, and its default slug is the title
// part. Their keys without a meaning here (url, permalink, path, layout,
// type, template, menu, menus, weight, published, headless, cascade, build,
// outputs, resources, sitemap, markup, translationKey, linkTitle,
// isCJKLanguage, in_search_index, render) are errors saying what to write
// instead, except Jekyll's layout: post of an article and layout: page of a
// page, which name the template tearsheet uses anyway.
//
// An unknown key is an error naming the file and line. It is told apart from
// a misspelt taxonomy by its name and its value: a key within two edits of a
// taxonomy's key or of its singular (ticker, tikcers for tickers) is "not a
// taxonomy of site.yaml (did you mean "tickers"? taxonomies: …)"; else a key
// within two edits of a front-matter key (disclosure) names that key; else
// a key holding a list of names, the shape of a taxonomy (regions:
// [Europe]), is "it looks like a taxonomy, but site.yaml has none of that
// name (taxonomies: …)"; any other lists the front-matter keys and the
// taxonomies. A term a taxonomy's closed list (terms) does
// not hold is an error naming the valid terms; terms whose slugs match are
// merged, named by the newest article's spelling, with a warning. Pages
// (not articles) take the same keys, but only articles are listed.
//
// Articles dated after the build's clock are left out unless built with --future.
//
// # URLs
//
// Articles get permalink's URL; a page content/a/b.md gets /a/b/ (its slug
// replaces the last segment); the home page is / and its continuation pages
// /page/2/, /page/3/; the page/1/ of a list of more than one page redirects
// to its first page. A URL ending in / is written as index.html in that
// folder. Two things that would write the same file are an error naming both,
// and so is a URL with a part longer than a file name may be (255 bytes: a
// long slug, tag, alias, or title under :title); tearsheet new cuts the slug
// it makes of a long title at a dash, to at most 80 bytes.
// Every URL is put under baseURL's path, so a GitHub project site
// (https://user.github.io/repo/) works with every link, asset, feed and form.
//
// The structure of a research site, every list perPage articles a page with
// continuation pages BASE/page/N/ (stable: page N always holds the same
// positions, newest first):
//
//	/tags/                   the tag index: every tag with its article count and feeds
//	/tags/SLUG/              a tag's articles (SLUG from the tag name; same-slug tags merge)
//	/authors/ /authors/SLUG/ the author index and each author's articles (an article's authors,
//	                         else its author, else site.yaml's author)
//	/KEY/ /KEY/SLUG/         each site.yaml taxonomy's index and term pages (KEY with dashes for
//	                         underscores), paginated at the taxonomy's perPage
//	/archive/                the archive index: years with counts, months beneath
//	/YEAR/  /YEAR/MM/        a year's and a month's articles (dates in site.yaml timezone); a year's pages link the
//	                         years beside it (rel prev the newer, rel next the older, as the archive runs)
//	/search/                 the search page (noindex)
//	/subscribe/              the subscribe form, when a provider is set, and every feed
//	/subscribe/thanks/       the thank-you page, when a provider is set (noindex)
//	/data/                   the data catalogue, when site.yaml names datasets: each with its
//	                         title, name, source, rows, first and last date, whether it is
//	                         illustrative, and how many articles use it (see Data catalogue)
//	/data/NAME/              a dataset: source, license, origin, the file read and its SHA-256,
//	                         "committed copy" or when it was fetched, rows, first and last date,
//	                         columns, whether it is illustrative, a preview chart, and the
//	                         first perPage articles and pages (with each of its charts) that read it
//	/data/NAME/page/N/       the next articles and pages that read it, perPage a page
//	/data/data.json          the same facts for programs (see Data catalogue)
//	/index.xml /atom.xml /feed.json                      site feeds: RSS 2.0, Atom 1.0, JSON Feed 1.1
//	/tags/SLUG/index.xml /tags/SLUG/atom.xml /tags/SLUG/feed.json   a tag's feeds; every term of
//	                         every taxonomy has the same three beside its page (/tickers/spx/index.xml)
//	/sitemap.xml             every indexable page with lastmod (the newest change it shows)
//	/robots.txt              allows all and names the sitemap's absolute URL
//	/search/index.json       the full-text search index's manifest; its shards in /search/t/, /search/d/, /search/f/
//	/.nojekyll               empty; tells GitHub Pages to publish files as they are
//	/CNAME                   site.yaml domain, when set; a static/CNAME replaces it (a warning when it names
//	                         another domain than domain, or than the host of the site's address)
//	/_headers                for Netlify and Cloudflare Pages: X-Frame-Options: SAMEORIGIN on
//	                         every page, Content-Security-Policy: frame-ancestors * on each
//	                         chart's embed (the only pages other sites may frame)
//
// Beside each article (ARTICLE is its folder, /2026/10/rally/; with a
// permalink ending in .html, /2026/10/rally.html, the names get the prefix
// "rally-" instead):
//
//	ARTICLE/NAME                       each file NAME of its bundle (content/posts/FOLDER/NAME)
//	ARTICLE/ID.csv  ARTICLE/ID.png     each chart's computed data, and its PNG drawn at 2× (title and
//	                                   subtitle above, "Source: …. Data through …." below)
//	ARTICLE/ID.csv-metadata.json       where the CSV's numbers come from, as CSV on the Web (CSVW)
//	                                   metadata, the file CSVW tools look for beside ID.csv: the
//	                                   chart's title, source and licences, the dates covered
//	                                   (dc:temporal, 1871-01/2023-09), each dataset read (name, title,
//	                                   source, licence, catalogue page, SHA-256 of the file) and each
//	                                   column's dataset, column, transforms and range; the CSV itself
//	                                   holds only the numbers, as before (see generator/figure)
//	ARTICLE/charts/ID/                 the chart's own page: both drawings, caption, source,
//	                                   data-through date, description, data table, the CSV (with
//	                                   its metadata) and PNG downloads, a link to ARTICLE#ID, an embed snippet
//	                                   (an <iframe> and a script that fits its height to the
//	                                   chart); og:image the chart's PNG; in the sitemap
//	ARTICLE/charts/ID/embed/           the chart alone for iframes: no site header or footer,
//	                                   noindex, canonical the chart's page; js/embed.js posts
//	                                   its height to the framing page
//	ARTICLE/email.html                 the article's email edition (see Email editions)
//	ARTICLE/email.txt                  its plain-text part
//
// ID is the chart's id: its spec's id, else made from its title (else
// subtitle, caption, or data and columns) by figure.Slug, never from its
// position; see generator/figure. Every chart of an article gets its PNG,
// whatever charts.png says: its page and the email edition show it. Pages
// (content/NAME.md) have no chart pages and no email edition.
//
// # Data catalogue
//
// With datasets in site.yaml, /data/ lists them by name and /data/NAME/
// shows one. The facts are those of the file the build read: a url or
// fred dataset read from .cache/data says when it was fetched (the
// fetchedAt of .cache/data/NAME.json), one read from its committed file
// says "committed copy". Rows are the data rows, first and last date those
// of the rows as sorted. The preview is the dataset's first column drawn
// as any chart is (wide and narrow SVG, partials/figure.html, its CSV as
// /data/NAME/preview.csv, no data table). "Used by" lists the articles and
// pages whose charts or inline figures name the dataset (or its file, by
// its path), articles newest
// first, each with links to its charts that read it (URL#chart-id) and a
// note when its text has inline figures of it, perPage a page as a tag's
// page lists articles: /data/NAME/ with the facts and preview, then
// /data/NAME/page/N/, each with the pager (partials/pager.html) and
// rel=prev/next links; every page is in the sitemap, and data.json lists
// every user. Every chart's source line links to the pages of the
// datasets it reads ("Data: NAME"), under the base path. A dataset whose
// data cannot be read is listed without facts (no page reads it: one that
// did would fail the build).
//
// data.json is deterministic: {"datasets": [...]} sorted by name, each with
// name, title, url (absolute), source, license, origin, originURL (url and
// fred datasets), file, sha256 (hex), rows, columns, first and last
// (YYYY-MM-DD), fetched (RFC 3339, UTC; null for a committed copy),
// illustrative, available (false: its data could not be read) and usedBy:
// each article or page with title, url, date (articles), charts (absolute
// URLs of its charts that read the dataset) and inline.
//
// Front-matter aliases write a small page at each old path that redirects to
// the article (meta refresh and a link; noindex; canonical is the target).
// An alias is a URL path: its percent-escapes are decoded, so /caf%C3%A9/
// writes café/index.html, the folder a web server serves that address
// from.
// No two files of a build are written at one name, and none where another
// needs a folder: an alias, a page, a static or bundle file at an article's
// own file (its page, a chart's CSV, PNG or page, the email edition's
// email.html and email.txt), or inside a folder of that name, is an error
// naming both and what to change (content/posts/c.md:4: alias
// /2026/01/b/x.csv is the CSV of chart x of content/posts/b/index.md:5:
// remove the alias, or give the chart another id), reported with the
// build's other errors.
// A permalink whose first segment has no token (/posts/:slug/, as a site
// moved from Hugo keeps its addresses) makes its folder Hugo's section:
// /posts/ and /posts/page/N/ redirect the same way to the home page and its
// page N, and /posts/index.xml is the site's RSS feed (its self link
// /index.xml), unless a page of the site is at that path.
//
// # Feeds
//
// The newest feeds.items articles, newest first. Each item carries the
// article's full HTML with every URL made absolute (site paths, bundle files,
// #fragments), its summary, tags, author, and dates: RFC 822 in UTC in RSS,
// RFC 3339 in UTC in Atom and JSON Feed; a feed's own date is its newest
// item's, and a feed without items (a site with no article yet) is dated
// 1970-01-01T00:00:00Z, never the build's time, so a build with nothing
// new writes the same bytes. An item's id (RSS guid, Atom id,
// JSON Feed id) is its feedID, else its permalink: it stays when the
// article is edited or retitled (unless the permalink uses :title); when
// it moves (a new slug or date), list the old path under aliases and set
// feedID to the old permalink, else readers show it again as new (an RSS
// guid that is not the link says isPermaLink="false"). Every page's head
// links the site feeds for autodiscovery; a tag page links its own feeds
// first. Feed content is made from the article's feed HTML, which the chart
// code fills with PNG images in place of inline SVG: a <picture> whose
// <source> is the narrow drawing's PNG for screens under 560 px (a phone,
// where the wide drawing's text would shrink to under half its size) and
// whose <img> is the wide one, each with width and height in CSS px (its
// pixels at 2×) and the chart's description as alt text; a reader that
// drops <picture> shows the img. An item carries what
// the article's page shows besides its body, so feed readers and
// RSS-to-email subscribers see it too: before the body, each claim notice
// ("Data update: this claim no longer holds: …"); after it, the
// disclosures (<h2>Disclosures</h2> and a list), the revision log
// (<h2>Revisions</h2>, dated entries, the automatic ones included) and the
// disclaimer. A term's feeds carry its newest feeds.items articles and are
// titled "SITE: NAME" for a tag, "SITE: SINGULAR NAME" for another term
// ("Research: Ticker SPX").
//
// # Metadata for search engines and shared links
//
// Every page has a canonical link, a description, OpenGraph (og:title,
// og:description, og:url, og:type, og:image) and Twitter card tags. og:image
// is the article's image, else its first chart's PNG, else site.yaml image,
// always as an absolute URL; og:image:alt and twitter:image:alt are a
// chart's description, else the imageAlt given with the image (none
// without). An article's feed items carry the same image (RSS
// media:content, Atom link rel="enclosure", JSON Feed image), with its
// size in bytes (Atom length, Media RSS fileSize) when it is a chart's PNG
// or a bundle file. Articles carry a schema.org Article, whose
// author is a Person (name and the URL of their author page) for each
// author, author pages a ProfilePage whose mainEntity is that Person, and
// the home page a WebSite as JSON-LD, encoded by encoding/json so that no text can end
// the <script> element.
//
// # Subscribe forms and search
//
// With a subscribe provider, the form is shown after each article, in the
// footer of every other page but the thank-you page, and on /subscribe/
// (once a page: an article's footer and the subscribe page's leave it
// out): a plain POST form (no JavaScript) with labelled
// inputs, the provider's field names, a hidden honeypot field (tabindex -1,
// autocomplete off, aria-hidden) and the consent text, linking /terms/ and
// /privacy/ when the site has those pages. The actions are
// https://buttondown.com/api/emails/embed-subscribe/USERNAME (email, embed=1),
// the Mailchimp action (EMAIL, FNAME, b_U_ID), https://app.kit.com/forms/FORMID/subscriptions
// (email_address, fields[first_name]) and the form action (fields.email,
// fields.name, fields.redirect = thankYou). Mailchimp, Kit and Buttondown
// choose the page after subscribing in their own settings: point them at
// /subscribe/thanks/. With no provider, the feeds are offered instead.
//
// /search/ loads js/search.js, which searches the full text of every
// article: its title, tags and other terms (authors, tickers…), summary,
// headings, body text, and each chart's title, subtitle, caption, summary
// and source (the dataset's name); not
// the SVG drawings, data tables or code run by the browser. The index
// (package generator/search) is a folder of JSON files under /search/:
// index.json, a manifest naming the first term of each term shard; t/
// shards of about 48 KB holding, for a run of terms in order, each term's
// articles with a score and the sections it occurs in; d/ lists of 256
// articles (URL, title, date, fragment); f/ one fragment per article, its
// URL, its tags and other terms, and its sections as [anchor, heading, text]. Shards, lists and fragments are
// named by a digest of their bytes, so a host can cache them for ever; a
// query fetches the manifest, the shards of its words, and the lists and
// fragments of the ten results shown (at 10,000 articles, well under 500 KB
// compressed). A word is a run of letters or a run of digits ("S&P500" is
// s, p and 500, as "S&P 500" is, so each finds the other). Every word
// typed must occur (a word of three letters or more also matches longer
// words it starts), and a single letter typed beside a word of at most two
// characters or a number must stand beside it in the article as well
// (the index keeps those pairs: "S&P 500" finds the articles that write
// S&P 500 or S&P500, not those with an "s", a "p" and a "500" apart);
// matching ignores case and accents.
// Results are ranked by score (a word in the title 100, in a tag or other
// term 20, in a heading or chart title 10 each up to 5, in the text 1 each up to 30; a
// word matched by its start counts half), newest first among equals, and
// link to the heading or chart (#anchor) the words point to, with an
// excerpt in which the matched words are in <mark> (and, when a word was
// found in none of its sections, "Filed under" the terms it matched, as a
// result found by an author's name or a ticker). The down and up arrow
// keys move between the field and the results; Enter moves to the first.
// Without JavaScript the page says that search needs it and links the
// archive and the topics.
// Themes use no inline scripts or event handlers, so a strict
// Content-Security-Policy can apply.
//
// # Security
//
// Every text an author or a data file supplies (front matter, tags, chart
// titles, labels, captions and sources, CSV column names and cells, inline
// figures) is escaped for where it lands: html/template in pages, escaped
// SVG text in charts, encoding/xml in feeds (an RSS description, which
// readers take as HTML, is the summary escaped as HTML), encoding/json in
// JSON Feed, JSON-LD and the search index. Raw HTML in markdown is shown
// escaped unless markdown.unsafeHTML is set.
//
// base.html carries a Content-Security-Policy meta tag, .Site.CSP:
//
//	default-src 'self'; base-uri 'self'; object-src 'none'; img-src 'self' data:;
//	style-src 'self' 'sha256-…'; script-src 'self'; form-action 'self' PROVIDER-ORIGINS
//
// The hash allows exactly the style sheet every chart SVG embeds; no other
// inline style or style attribute is allowed (markdown table alignment is
// written as the classes align-left, align-center and align-right, which
// the theme styles). JSON-LD is a data block, which browsers never run, so
// script-src does not concern it. form-action lists the subscribe
// provider's origins (its action URL and thankYou; Mailchimp adds
// https://*.list-manage.com and Kit https://*.kit.com for their redirects).
// Images from other sites are blocked: keep them in the article's bundle,
// or replace base.html in layouts/. frame-ancestors cannot be set in a meta
// tag: set it as a header where the host allows.
package generator
