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
//	content/data/        CSV datasets shared by all articles (never rendered as content)
//	themes/NAME/         templates/*.html, templates/partials/*.html, static/ (css/, js/, images)
//	layouts/             the site's own templates; a file here replaces the theme's file of the same name
//	static/              files copied to the output as they are (they win over the theme's static/)
//
// Files and folders whose names start with "." or "_" are ignored. Other
// non-markdown files under content/ are copied to the same path in the
// output; the files of a bundle are copied beside its page, so an article can
// link its own data and images by relative name ([data](prices.csv)).
//
// # site.yaml
//
// Decoding is strict: an unknown or mistyped key is an error naming
// site.yaml:line, and every problem is reported at once. Keys and defaults:
//
//	title           site title (required; default "Research")
//	description     one sentence about the site, used in the home page and meta tags ("")
//	baseURL         absolute URL the site is published at, or a path: https://user.github.io/repo/ ("/").
//	                A path part (/repo/) is put before every link, asset and feed URL.
//	language        HTML lang attribute ("en")
//	author          default author of articles ("")
//	copyright       footer line ("")
//	timezone        IANA zone in which dates without an offset are read and all dates shown ("UTC")
//	permalink       article URL pattern; tokens :year :month :day :slug :title ("/:year/:month/:slug/").
//	                It must start with /, end with / or .html, and contain :slug or :title.
//	perPage         articles per list page, 1..1000 (10)
//	wordsPerMinute  reading speed for "N min read", 50..2000 (230); never less than 1 min
//	summaryWords    words of plain-text summary used in meta descriptions when none is given (70)
//	theme           folder under themes/ ("default")
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
//	                (form only: a hidden field carrying the thank-you URL, such as _next).
//	                honeypot: the hidden anti-bot field's name ("website"; Mailchimp's is always b_U_ID).
//	                thankYou: the page readers land on after subscribing, a URL or site path
//	                ("/subscribe/thanks/"). heading, text, consent, button: the form's texts.
//	image           default social-card image (og:image), a site path or URL ("")
//	charts          width: drawing width in px (720); height: default drawing height in px (360);
//	                png: which charts get PNG copies, "feeds" (the articles in any feed) or "all"
//	datasets        named CSV tables for charts and inline figures; each NAME has file (path from the
//	                site root, required), date (the date column), dateFormat, missing (cell values that
//	                mean no data, such as "0.0"), skipLines, source (credit line), illustrative (true for
//	                synthetic data: every chart of it says so)
//	domain          custom domain written to CNAME for GitHub Pages ("")
//	params          free-form text values for custom templates (.Site.Params)
//	                Keys that look like secrets (secret, password, token, apiKey, privateKey,
//	                credential) are errors: params are visible to templates, so they may be published.
//	private         values a build may use but never publishes, such as API keys of data sources:
//	                no template sees them, no output file holds them, and printing the settings
//	                shows no value
//
// # Front matter
//
// A markdown file opens with YAML between two lines "---". Strict, like
// site.yaml. Keys:
//
//	title        required
//	date         required for articles. Formats: 2024-05-01, 2024-05-01T09:30:00-04:00 (RFC 3339),
//	             2024-05-01T09:30, "2024-05-01 09:30", "May 1, 2024", "1 May 2024". A date without
//	             an offset is read in site.yaml's timezone.
//	lastmod      date of the last revision, shown as "Updated"; not before date
//	slug         URL segment (lower-case letters, digits, dashes); default from the file or folder name
//	tags         list of tag names; tags whose slugs match are merged (with a warning)
//	summary      shown in lists, feeds and meta descriptions and under the title; default: the text
//	             before a <!--more--> line, else the first paragraph
//	author       default: site.yaml author
//	draft        true leaves the article out unless built with --drafts (then it carries a badge)
//	image        social-card image, a site path or URL
//	aliases      old site paths (/old/post/) that redirect here
//	disclaimer   replaces the site disclaimer for this article; "" removes it
//	disclosures  list of statements (positions held, conflicts) shown with the article
//	updates      list of {date, note}: a revision log shown at the end of the article
//	toc          true or false forces the contents list on or off
//	params       free-form text values for custom templates
//
// Articles dated after the build's clock are left out unless built with --future.
//
// # URLs
//
// Articles get permalink's URL; a page content/a/b.md gets /a/b/ (its slug
// replaces the last segment); the home page is / and its continuation pages
// /page/2/, /page/3/. A URL ending in / is written as index.html in that
// folder. Two things that would write the same file are an error naming both.
// Every URL is put under baseURL's path, so a GitHub project site
// (https://user.github.io/repo/) works with every link, asset, feed and form.
//
// The structure of a research site, every list perPage articles a page with
// continuation pages BASE/page/N/ (stable: page N always holds the same
// positions, newest first):
//
//	/tags/                   the tag index: every tag with its article count and feeds
//	/tags/SLUG/              a tag's articles (SLUG from the tag name; same-slug tags merge)
//	/archive/                the archive index: years with counts, months beneath
//	/YEAR/  /YEAR/MM/        a year's and a month's articles (dates in site.yaml timezone)
//	/search/                 the search page (noindex)
//	/subscribe/              the subscribe form, when a provider is set, and every feed
//	/subscribe/thanks/       the thank-you page, when a provider is set (noindex)
//	/index.xml /atom.xml /feed.json                      site feeds: RSS 2.0, Atom 1.0, JSON Feed 1.1
//	/tags/SLUG/index.xml /tags/SLUG/atom.xml /tags/SLUG/feed.json   a tag's feeds
//	/sitemap.xml             every indexable page with lastmod (the newest change it shows)
//	/robots.txt              allows all and names the sitemap's absolute URL
//	/search.json             the search index: title, url, date, summary, tags of every article
//	/.nojekyll               empty; tells GitHub Pages to publish files as they are
//	/CNAME                   site.yaml domain, when set
//
// Front-matter aliases write a small page at each old path that redirects to
// the article (meta refresh and a link; noindex; canonical is the target).
//
// # Feeds
//
// The newest feeds.items articles, newest first. Each item carries the
// article's full HTML with every URL made absolute (site paths, bundle files,
// #fragments), its summary, tags, author, and dates: RFC 822 in UTC in RSS,
// RFC 3339 in UTC in Atom and JSON Feed. An item's id (RSS guid, Atom id,
// JSON Feed id) is its permalink, so it never changes. Every page's head
// links the site feeds for autodiscovery; a tag page links its own feeds
// first. Feed content is made from the article's feed HTML, which the chart
// code fills with PNG images in place of inline SVG.
//
// # Metadata for search engines and shared links
//
// Every page has a canonical link, a description, OpenGraph (og:title,
// og:description, og:url, og:type, og:image) and Twitter card tags. og:image
// is the article's image, else its first chart's PNG, else site.yaml image,
// always as an absolute URL. Articles carry a schema.org Article and the home
// page a WebSite as JSON-LD, encoded by encoding/json so that no text can end
// the <script> element.
//
// # Subscribe forms and search
//
// With a subscribe provider, the form is shown after each article, in the
// footer and on /subscribe/: a plain POST form (no JavaScript) with labelled
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
// /search/ loads js/search.js, which fetches /search.json (under the base
// path) and lists the articles whose title, summary or tags hold every word
// typed. Without JavaScript the page says so and links the archive and tags.
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
// written as align attributes). JSON-LD is a data block, which browsers
// never run, so script-src does not concern it. form-action lists the
// subscribe provider's origins (its action URL and thankYou; Mailchimp adds
// https://*.list-manage.com and Kit https://*.kit.com for their redirects).
// Images from other sites are blocked: keep them in the article's bundle,
// or replace base.html in layouts/. frame-ancestors cannot be set in a meta
// tag: set it as a header where the host allows.
//
// # Markdown
//
// goldmark with GitHub-flavoured extensions (tables, strikethrough, task lists,
// autolinks), footnotes, typographer, heading ids (auto, or {#custom-id}), and
// syntax highlighting with CSS classes (chroma, no inline styles). Links and
// images that start with a single / are site paths and get the base path. A
// line <!--more--> ends the summary.
//
// Limits: a body over markdown.maxBytes is an error, and so is a paragraph
// with more than 10,000 runs of emphasis markers (* and _): goldmark's
// emphasis matching is quadratic in them (40,000 repetitions of "*a_ " take
// over ten seconds). The check is a scan before conversion, so it is
// deterministic and leaves no conversion running.
//
// # Charts and inline figures
//
// A ```chart block holds a YAML spec computed into a chart at build time;
// {{ dataset.column | statistic | format }} in prose writes a computed value.
// Both are specified in the package comment of generator/figure: keys data,
// x, dateFormat, missing, type, range, transforms, series (column, label,
// axis, color, data, transforms), y and y2 (format, decimals, currency,
// log), height, title, subtitle, caption, source, annotations (date, y,
// label, axis), illustrative, id, description, table.
//
// # Templates
//
// A theme has templates/base.html and one template per page kind: home.html,
// article.html, page.html, list.html (tag, year and month pages), tags.html,
// archive.html, search.html, subscribe.html, thanks.html, 404.html,
// alias.html. Each kind's file
// defines "main", and may define "title" and "head", which base.html places.
// Files under templates/partials/ are available to all as
// {{template "partials/NAME.html" .}}. Templates see these values:
//
//	.Site     Title Description Language Author Copyright BaseURL Home CSS Menu Disclaimer Params Generator
//	          Links Feeds Subscribe Image CSP
//	.Site.CSP        the Content-Security-Policy of the default theme's meta tag (see Security)
//	.Site.Links      Archive Tags Search Subscribe SearchIndex SearchScript Sitemap Terms Privacy (URLs)
//	.Site.Feeds      the site feeds, each a FeedView: Title Name Format Type URL
//	.Site.Subscribe  nil without a provider; else Provider Action Method EmailField NameField
//	                 Hidden (a list of Name Value) Honeypot Heading Text Consent Button Terms Privacy ThankYou
//	.Page     Kind Title Description URL Permalink Draft NoIndex Image Feeds JSONLD
//	          Kind is home, article, page, tag, year, month, tags, archive, search, subscribe, thanks, 404
//	          or alias; Image is the absolute og:image; Feeds the autodiscovery feeds; JSONLD the
//	          page's JSON-LD, safe to place in <script type="application/ld+json">
//	.Article  Title URL Permalink Date Lastmod Author Words ReadingMinutes Tags TOC Content Summary
//	          SummaryText Dek Disclaimer Disclosures Updates Older Newer Related Draft Image (article pages)
//	          Related: up to 4 articles sharing the most tags, then the newest
//	.List     Title Items Number Total Prev Next First Feed Empty Children (home, tag, year and month
//	          pages); Feed is a tag's RSS URL; Children a year's months
//	.Terms    the tags (tag index and subscribe page), each a TermView: Name URL Count Feeds
//	.Archive  (archive index) Total, and Years, each a YearView: Year URL Count Months; each month a
//	          MonthView: Name Month URL Count
//	.Content  the page body (pages)
//	.Redirect the target of an alias page
//
// partials/figure.html renders each chart and receives a FigureView: ID Number
// Title Subtitle Caption Credits Through SVG Description CSV PNG Feed (true in
// feed content: show the PNG) Illustrative Table (a TableView: Head Rows Note).
//
// Functions: date TIME LAYOUT, iso TIME (RFC 3339, UTC), plural N ONE MANY, add A B.
// A template error names the template file and line.
//
// # Output
//
// A build writes into a fresh folder beside the destination and swaps it into
// place only when every file was written: a failed or interrupted build leaves
// the previous output as it was, and files the build no longer makes
// disappear. Output is deterministic: the same input gives the same bytes.
package generator
