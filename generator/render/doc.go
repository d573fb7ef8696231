// Package render loads a theme and executes its templates. This comment is
// the theme contract, part of the site format that generator/doc.go
// specifies; tests pin it (generator/doc_test.go), so keep it in step with
// the code.
//
// # Templates
//
// A theme has templates/base.html and one template per page kind: home.html,
// article.html, page.html, list.html (term, year and month pages), tags.html (every taxonomy's index),
// archive.html, search.html, subscribe.html, thanks.html, 404.html,
// alias.html, chart.html (a chart's page), embed.html (its embed: base.html
// leaves out the header and footer for Kind embed), email.html (an
// email edition; it defines "base.html" itself), data.html (the data
// catalogue) and dataset.html (a dataset's page). Each kind's file
// defines "main", and may define "title" and "head", which base.html places.
// Files under templates/partials/ are available to all as
// {{template "partials/NAME.html" .}}. The ids the built-in templates give
// elements (main, toc-title, related…, listed by PageIDs) are never a
// heading's: "## Main" is #main-1. An id a theme adds should be one no
// heading makes (a heading's is lower case: give it a capital letter or a
// prefix such as "ts-"). Templates see these values:
//
//	.Site     Title Description Language Author Copyright BaseURL Home CSS Menu Disclaimer Params Generator
//	          Links Feeds Subscribe Image ImageAlt CSP
//	.Site.CSP        the Content-Security-Policy of the default theme's meta tag (see Security)
//	.Site.Links      Archive Tags Search Subscribe SearchIndex SearchScript EmbedScript Sitemap Terms Privacy Data
//	                 (URLs; Data, the data catalogue, is "" when site.yaml names no dataset)
//	.Site.Taxonomies each taxonomy's index as a LinkView (Name is its title): tags, authors, site.yaml's
//	.Site.Feeds      the site feeds, each a FeedView: Title Name Format Type URL
//	.Site.Subscribe  nil without a provider; else Provider Action Method EmailField NameField
//	                 Hidden (a list of Name Value) Honeypot Heading Text Consent Button Terms Privacy ThankYou
//	                 Confirm (true when the provider emails a link to confirm the address: subscribe.confirm)
//	                 Unsubscribe (href="…" with the provider's unsubscribe merge tag, an attribute: <a {{.Unsubscribe}}>)
//	.Page     Kind Title Description URL Permalink Draft NoIndex Image ImageAlt ImageSize Keywords Feeds JSONLD
//	          Kind is home, article, page, tag, term, year, month, tags, terms, archive, search, subscribe,
//	          thanks, 404, alias, chart, embed, email, data or dataset (tag and tags for tags, term and
//	          terms for the other taxonomies); Image is the absolute og:image, ImageAlt what it shows
//	          (og:image:alt: a chart's description, or the imageAlt given with the image; "" when not known),
//	          ImageSize its Width and Height in pixels when it is a chart's PNG (og:image:width and height,
//	          with which a social network shows the card at its first share), zero otherwise;
//	          Feeds the autodiscovery feeds; JSONLD the
//	          page's JSON-LD, safe to place in <script type="application/ld+json">
//	.Article  Title URL Permalink Date Lastmod Author Authors Words ReadingMinutes Tags Terms Charts TOC Content Summary
//	          SummaryText Dek Card Item Entry Disclaimer Disclosures Updates Older Newer Related Draft Scheduled
//	          Image Notices Figures ChartImage (article pages; Scheduled: dated after the build's clock, built with --future).
//	          Summary: the summary as HTML (the front matter's, converted from its inline
//	          markdown, else the body's), SummaryText its plain text; Dek: Summary when the
//	          front matter gives it, shown under the title, "" otherwise;
//	          Author: the authors' names joined ("A and B"); Authors: each a LinkView to their page;
//	          Terms: a TermsView (Key Title Singular Terms, a list of LinkView) for each site.yaml taxonomy
//	          the article has terms of; Charts: its charts whose series name tickers, each a
//	          ChartLinkView: Title URL (with #anchor) Article Tickers;
//	          Related: up to 4 articles sharing the most tags, then the newest;
//	          Notices: the claims that no longer hold, each a sentence (shown as "Data update: …");
//	          Figures: its inline figures, in order, each expression once, each a FigureNoteView:
//	          Text (as shown) Expr Source ("Computed from …, data through …") Data (a LinkView
//	          to the published data; URL "" when none): "Figures in this article";
//	          Card: the article's partials/card.html, rendered once for all lists ({{.Card}})
//	          Item: the article's partials/archive-item.html, rendered once for year and month lists ({{.Item}})
//	          Entry: the article's partials/archive-entry.html, rendered once for the archive index
//	          ChartImage: the URL of the PNG copy of the article's first chart, "" when it has no
//	          chart; ChartImageNarrow the URL of its narrow drawing's PNG, which the default
//	          theme's cards show on phones and tablets, where the wide one's labels would be too small;
//	          ChartImageSize and ChartImageNarrowSize (Width Height, in CSS px, zero when not known)
//	          their sizes, which a card's <img> and <source> state so the page does not move as they load
//	.List     Title Items Number Total Prev Next First Last Feed Empty Children Parent Newer Older (home, term, year and month
//	          pages; on a dataset's page only Title Number Total Prev Next First Last); Feed is a term's RSS URL; Children a year's months;
//	          Parent (Name URL) a month's year, zero elsewhere; Newer and Older (Name URL) a year's next
//	          and previous years with articles, a month's next and previous months with articles (across years:
//	          the archive runs newest first), zero at the ends and elsewhere;
//	          Items are article views
//	          without Content (lists show Card, Item or Summary)
//	.Terms    a taxonomy's terms (its index; the tags on the subscribe page), each a TermView: Name URL
//	          Count Feeds
//	.Taxonomy (taxonomy indexes and term pages) Key Title Singular Noun Nouns URL: Noun and Nouns are
//	          lower-case singular and title for running text ("ticker", "tickers"); URL is the index
//	.Charts   (term pages of tickers) the charts of the page's articles whose series name the term,
//	          each a ChartLinkView
//	.Archive  (archive index) Total, and Years, each a YearView: Year URL Count Months; each month a
//	          MonthView: Name Month URL Count Articles Entries; Articles, newest first, each an EntryView:
//	          Title URL Date Draft; Entries, the Entry of each of them joined: a theme that shows
//	          {{.Entries}} rather than ranging over Articles keeps the index fast to remake at any size
//	.Chart    (chart and embed pages; .Article is the chart's article) Figure (a FigureView with
//	          its drawings and table) Article (a LinkView) Anchor (ARTICLE#ID) Permalink Embed
//	          EmbedURL (absolute) Snippet (the <iframe> to copy) PNG (absolute)
//	.Email    (email editions, with .Article) Content (the article made for email) Dek (the
//	          article's Dek made so) Permalink Home
//	          Origin (the scheme and host of the site's URL, which makes a site path absolute)
//	          OutlookOpen OutlookClose (around the 600 px message table: a 600 px table in
//	          conditional comments for Outlook on Windows, which ignores max-width)
//	.Datasets (data catalogue) every dataset, by name, each a DatasetView (below)
//	.Dataset  (a dataset's page) a DatasetView: Name Title URL Source License Origin OriginURL File
//	          SHA256 Rows Columns First Last FirstText LastText (First and Last at the data's
//	          precision, "September 2023" for monthly data, as charts say "Data through")
//	          Fetched (zero: a committed copy) Illustrative Unavailable
//	          (its data could not be read) Preview (the chart's HTML) Users (how many articles and
//	          pages read it) Articles (all of them on the catalogue; on a dataset's page those of
//	          the page, whose .List says Number Total Prev Next First Last as on a tag's page), each a
//	          DataUseView: Title URL Date (zero for a page) Charts (each Name URL) Inline
//	.Content  the page body (pages)
//	.Figures  (pages) the page's inline figures, each a FigureNoteView as in .Article.Figures:
//	          the default theme lists them under "Figures on this page"
//	.Redirect the target of an alias page
//
// partials/figure.html renders each chart and receives a FigureView: ID Number
// Title Subtitle Caption Credits Datasets (the datasets of site.yaml it reads,
// each Name and URL of its catalogue page; none on that page itself) Through
// ThroughText (Through as the data gives it: "November 2023" for monthly
// data, "Q4 2023", "2023", else "1 November 2023") SVG SVGNarrow Description CSV
// CSVMeta (the URL of the CSV's metadata, ID.csv-metadata.json) PNG PNGNarrow (the narrow drawing's PNG,
// for email and feed readers on phones) PNGWidth PNGHeight PNGNarrowWidth
// PNGNarrowHeight (each PNG's size in CSS px, for an img's width and
// height) EmailImage (a method: the PNG an email edition shows, 400 px
// wide, as an ImageView of URL Width Height: the narrow drawing's, else
// the wide one's) OutlookImage (a method: the wide drawing's, which
// Outlook for Windows alone is shown when the narrow one would be over
// 1,600 px tall there, which it cuts off; URL "" otherwise) EmailAlt (a
// method: the image's alt text in an email edition, the title and subtitle
// before the description, since only the drawing shows them there) MSOOnly
// MSOElse MSOEnd (methods: the conditional comments around what Outlook
// alone shows, and what the other clients show) Page (the chart page's URL; "" on that
// page itself) Feed
// (true in feed content: show the PNG) Heading (true on the chart's own
// page, whose h1 the title is; the default theme's is a p elsewhere)
// Illustrative Table (a TableView: Head
// Rows Note). SVG is the chart drawn charts.width wide (class
// ts-chart--wide), SVGNarrow the same chart drawn for phones (320 units
// wide, taller, class ts-chart--narrow); a theme shows one of them, the
// narrow one in boxes under 560 CSS px (the default theme puts both in
// the page and picks with a container query, hiding the other with
// display: none). Each drawing's text renders at 11 CSS px or more in the
// boxes it is meant for. The custom property --ts-halo sets the colour of
// the halo under annotation labels (the page's background).
//
// Functions: date TIME LAYOUT, iso TIME (RFC 3339, UTC), isoDate TIME (a
// datum's date as an HTML date, 2023-09-01, for the dates of data, which
// have no time of day or zone), plural N ONE MANY,
// thousands N (1,833), add A B, heightAt W H WIDTH (the height of a W by H
// image shown WIDTH wide, for an img's height attribute), and
// partialCached NAME DATA VARIANT...,
// which renders a partial once per build for each set of variant values
// and reuses its HTML on every page (Hugo's function of that name). The
// default theme renders partials/header.html and partials/footer.html this
// way, once per .Page.Kind, and partials/follow.html once: a replacement of
// one of them (layouts/partials/footer.html) may show site-wide data and
// .Page.Kind only, since every other page of that kind gets the first
// page's HTML; to show a page's own data there, replace base.html (or
// article.html) too and call it with template instead.
// A template error names the template file and line. A template that
// calls itself without end stops at text/template's depth limit, and one
// execution (a page, a partial) that writes more than MaxPage (64 MiB: a
// range over a count in the billions, say) is stopped with an error. One
// that runs longer than Theme.MaxTime (site.yaml's renderTimeout, 30s)
// fails with ErrTooSlow: Go cannot stop it, so it goes on in the
// background, into a buffer of its own, until it ends or the program
// exits.
package render
