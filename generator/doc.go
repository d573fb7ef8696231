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
//	feeds           items: articles in each feed, 1..10000 (20)
//	subscribe       email form; provider is one of buttondown, mailchimp, kit, form, or "" for none.
//	                buttondown needs username; mailchimp needs action (its list-manage.com/subscribe/post URL);
//	                kit needs formID (numeric); form needs action and fields.email (the email field's name).
//	                Optional: fields (name of each field), honeypot (field name), thankYou (URL or site path),
//	                heading, text, consent, button.
//	image           default social-card image, a site path ("")
//	domain          custom domain written to CNAME for GitHub Pages ("")
//	params          free-form text values for custom templates (.Site.Params)
//	check           settings of tearsheet check. maxDataAge: how old the newest row of a CSV dataset
//	                (under content/, in content/data/ or a bundle, or under data/) may be before check
//	                warns: a whole number and a unit d, w, m (30 days) or y (365 days), such as 45d;
//	                "" or 0 turns the warning off ("")
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
//
// # Markdown
//
// goldmark with GitHub-flavoured extensions (tables, strikethrough, task lists,
// autolinks), footnotes, typographer, heading ids (auto, or {#custom-id}), and
// syntax highlighting with CSS classes (chroma, no inline styles). Links and
// images that start with a single / are site paths and get the base path. A
// line <!--more--> ends the summary.
//
// # Templates
//
// A theme has templates/base.html and one template per page kind: home.html,
// article.html, page.html, list.html, 404.html, alias.html. Each kind's file
// defines "main", and may define "title" and "head", which base.html places.
// Files under templates/partials/ are available to all as
// {{template "partials/NAME.html" .}}. Templates see these values:
//
//	.Site     Title Description Language Author Copyright BaseURL Home CSS Menu Disclaimer Params Generator
//	.Page     Kind Title Description URL Permalink Draft NoIndex
//	.Article  Title URL Permalink Date Lastmod Author Words ReadingMinutes Tags TOC Content Summary
//	          SummaryText Dek Disclaimer Disclosures Updates Older Newer Related Draft Scheduled Image
//	          (article pages; Scheduled: dated after the build's clock, built with --future)
//	.List     Title Items Number Total Prev Next First Feed Empty Children (home and list pages)
//	.Content  the page body (pages)
//	.Redirect the target of an alias page
//
// Functions: date TIME LAYOUT, iso TIME (RFC 3339, UTC), plural N ONE MANY, add A B.
// A template error names the template file and line.
//
// # Commands
//
//	tearsheet build [--source DIR] [--destination DIR] [--baseURL URL] [--drafts] [--future]
//	tearsheet serve [--source DIR] [--bind 127.0.0.1] [--port 1313] [--drafts] [--future]
//	tearsheet new post "Title"   (or new page "Title") [--source DIR]
//	tearsheet check [--source DIR] [--drafts] [--future] [--strict]
//
// serve builds into memory (public/ is not touched) and serves the site at
// http://BIND:PORT/ plus the path of site.yaml's baseURL, which is rewritten
// to that address. It watches content/, themes/, layouts/, static/, data/
// and site.yaml, with every folder below them, including folders made later;
// editor temporary files (names starting with ".", vim's .swp/.swx/4913/~,
// emacs #x#, JetBrains ___jb_tmp___/___jb_old___, .tmp, .kate-swp) are
// ignored, and changes arriving within 30 ms of each other make one rebuild.
// A rebuild converts again only the markdown that changed (or that names a
// changed dataset), renders again only the pages whose template data or
// templates changed, and the browser reloads when its page changed; the
// output is always the same as a full build's. While a build fails the last
// good build is served, with the error (file:line: message) shown over the
// page and in the terminal until it is fixed. Drafts and future articles
// (with --drafts, --future) carry "Draft" and "Scheduled" badges. Only the
// built site is served; missing paths get 404.html with status 404. The
// reload script is added to pages as they are served, never to built files.
//
// new writes content/posts/SLUG/index.md (a bundle) for a post, or
// content/SLUG.md for a page, with the title, today's date in site.yaml's
// timezone, draft: true, tags: [] and a commented-out example chart block;
// it never overwrites and prints the new file's path.
//
// check builds into memory, then checks every internal link and anchor
// (href="#x" and "/path/#x" need an element with id x in the target page),
// every image, script and stylesheet URL, and data freshness (check.maxDataAge).
// Problems name the markdown file and line that holds the URL, else the
// output page (a problem on many pages, such as a menu link, is reported
// once with a count). Broken links are errors (exit status 1); warnings
// fail only with --strict.
//
// # Output
//
// A build writes into a fresh folder beside the destination and swaps it into
// place only when every file was written: a failed or interrupted build leaves
// the previous output as it was, and files the build no longer makes
// disappear. Output is deterministic: the same input gives the same bytes.
package generator
