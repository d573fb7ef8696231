// Package figure computes the charts and inline figures of articles from
// their data: it reads a ```chart block's YAML spec, loads the CSV it
// names, applies the transforms of package data, draws the chart with
// package chart, and hands a view to the theme. Inline figures
// ({{ dataset.column | statistic | format }}) put a computed number or date
// into the prose. This comment is the specification of both syntaxes.
//
// # Data
//
// A chart's data, and the dataset of an inline figure, is resolved in order:
//
//  1. a dataset named in site.yaml (datasets: NAME: {file, date, missing, source, illustrative});
//     a live dataset (url, fred, command) reads what the fetch stage brought
//     in, else its copy in .cache/data, else its committed file;
//  2. a CSV path relative to the article's folder (a bundle's own files: prices.csv);
//  3. a CSV path relative to content/data/;
//  4. a CSV path from the site's root, as site.yaml's file: names one
//     (content/data/prices.csv).
//
// A path that is the file of a dataset carries that dataset's source line
// and illustrative label, as its name would, and is read with its
// settings (date, dateFormat, missing, skipLines, delimiter, decimal,
// columns: the first dataset's, by name, when several name the file), so
// its figures are the dataset's.
//
// A name without an extension also matches NAME.csv, so {{ prices.sp500 }}
// reads prices.csv. A path that leaves the site folder is an error.
//
// # Chart blocks
//
// A fenced code block with the info string chart holds YAML. Decoding is
// strict: an unknown key is an error naming the article's file:line.
//
//	data          the CSV or dataset (above); required unless every series names its own
//	x             the date column (default: the column named date, else the first)
//	dateFormat    Go layout of the dates when they are unusual (default: ISO and common formats)
//	missing       extra cell values that mean "no data", such as "0.0"
//	type          line (default), area, bar, scatter, stacked-area, stacked-bar, histogram,
//	              heatmap
//	              (stacked: each series drawn on top of the ones before it, aligned by
//	              date, a missing value adding nothing; positive values pile up from
//	              zero, negative ones down in stacked bars; stacked areas take no
//	              negative values; one axis, no log scale). A scatter or bar chart
//	              draws at most 50,000 points, each a shape of its own.
//	total         on a stacked chart, the label of a line at the sum of the series at
//	              each date; the CSV and data table get a column of that name
//	bins          on a histogram (type: histogram, one series: the distribution of its
//	              values in the range), the number of equal bins from the lowest value to
//	              the highest (1-200); by default the Freedman–Diaconis width 2·IQR/n^(1/3),
//	              rounded up to 1, 2, 2.5 or 5 × 10^k, with edges at its multiples
//	matrix        on a heatmap (type: heatmap): correlation, the Pearson correlation of
//	              each pair of series over the range (their values after transforms, on
//	              the dates both have one; an empty cell with fewer than 3), coloured
//	              from −1 to 1; or year-month, one series by year (rows) and month
//	              (columns), each cell the month's last value, coloured symmetrically
//	              around zero up to the largest magnitude. Cells are coloured in
//	              ColorBrewer's PuOr (orange below zero, purple above), which readers
//	              with common colour-vision deficiencies can tell apart, and carry their
//	              value in black or white, whichever contrasts more, when every value
//	              fits its cell (else the data table has them); the drawing's height
//	              follows from the rows (height is ignored); the CSV and data table hold
//	              the matrix (a first column of row names, headed Series or Year in
//	              the table)
//	percentiles   on a histogram, percentiles to mark with a labelled line, such as [50, 95]
//	              (linear interpolation between closest ranks, as numpy's default)
//	latest        on a histogram, true marks the latest value; the description gives its
//	              percentile rank (the share of values at or below it: "at the 95th
//	              percentile"); the CSV and data table of a histogram hold its bins
//	              (from, to, count)
//	range         the span shown: max (default), ytd, 1m, 3m, 6m, 1y, 3y, 5y, 10y, 20y,
//	              or FROM..TO with dates YYYY, YYYY-MM or YYYY-MM-DD (either end may be left out)
//	transforms    applied to every series first, in order (the grammar of package data:
//	              rebase, pct_change(n), cumulative, ytd, rolling_mean(n), rolling_volatility(n),
//	              rolling_correlation(column, n), ratio(column[, factor]), drawdown,
//	              resample(week|month|quarter|year[, last|mean|…]), real(cpi_column), log, scale(k))
//	series        list of at most 50; each entry is a column name, or a mapping:
//	                column      the column (exact, then ignoring case)
//	                label       legend text (default: the column)
//	                axis        left (default) or right
//	                color       "#rrggbb" (default: a colour-blind-safe palette of seven;
//	                            a line chart's 8th series on take it again dashed,
//	                            then dotted, then dash-dotted)
//	                data        another CSV or dataset for this series
//	                transforms  applied after the chart's transforms
//	                ticker      the instrument the series follows (SPX, BRK.B, ^GSPC: letters,
//	                            digits and . - ^ =, at most 20); one of the article's front-matter
//	                            tickers: the ticker's page links the chart
//	y, y2         the left and right axes: format (number, percent, currency), decimals (0-6),
//	              currency (symbol, "$"), log (true for a log scale; y only: on y2 an error)
//	height        drawing height in px (default: site.yaml charts.height)
//	title, subtitle, caption
//	              plain text: a chart's texts (these, source, description, total and
//	              every label) are not computed, so a {{ in one is an error at its line
//	source        credit line (default: the datasets' source lines)
//	annotations   list of {date, label} (a marked date) or {y, label, axis} (a reference line)
//	bands         shaded periods, drawn behind the grid and the series; a list of
//	                {from, to, label}   dates YYYY, YYYY-MM or YYYY-MM-DD, from <= to,
//	                                    overlapping the dates of the series
//	                {column, data, label}  a 0/1 column (of data, default the chart's data):
//	                                    each run of 1s is a band from its first date to the
//	                                    column's next date (its last date at the end);
//	                                    a gap counts as 0, other values are errors; bands
//	                                    are cut to the dates of the series; another dataset's
//	                                    source line, catalogue link and illustrative
//	                                    label are the chart's, as a series' are
//	              label names the shading in the legend (once per label) and each band
//	              in the description; the CSV and data table get a column "shaded"
//	              naming the bands that hold each date
//	panels        small multiples of a line or area chart: a grid of small plots on the
//	              same axes (three or four wide, one column on phones), each titled;
//	              "panels: series" draws a panel per series (titled by its label) against
//	              dates; a mapping sets
//	                by       series, or period (the default when periods are given)
//	                periods  a panel per period, given as bands are ({from, to, label}
//	                         or {column, data, label}); every series is cut to the
//	                         period's dates and drawn against the months since its start
//	                         (calendar months, and the days between as a fraction of a
//	                         month: monthly data on the 1st falls on whole months); a
//	                         panel's title is its label, else its months ("Jun 2004 –
//	                         Jun 2006"), cut with "…" when longer than the panel
//	                x        the title of the x axis by period (default "Months since the
//	                         start of the period")
//	                y        shared (default: one range for every panel, so heights
//	                         compare) or independent (a range and labels per panel)
//	              at most 24 panels; no annotations, bands, right axis or log scale;
//	              by period the CSV has the columns period, date, months and the series,
//	              a row per date of each period, and the data table the same
//	illustrative  true labels the chart "Illustrative data" (default: true when a dataset it reads
//	              says so, a series' or a band's or period's column: data, also when the chart
//	              names the dataset's file by its path); false for a chart of such a dataset
//	              is an error: synthetic data is always labelled
//	id            the figure's id: its anchor, file names (ID.csv, ID.png) and page (charts/ID/);
//	              lower-case letters, digits and dashes, starting with a letter; unique on the page.
//	              Default: figure.Slug of the title (else subtitle, caption, or data and columns),
//	              with -2, -3… for a repeat, for a name a file of the page's bundle
//	              takes (Page.Reserve) or for an id of the theme's page (render.PageIDs:
//	              main, disclosures…, which a given id may not be); never the chart's position
//	description   replaces the generated text description: the SVG drawings' <desc>, read
//	              by screen readers, the summary above the data table and the PNG's alt text
//	table         false leaves out the data table
//
// Transforms run over the whole history before the range is cut, so rolling
// windows see earlier data, while rebase and cumulative measure from the
// first value shown. Gaps (empty cells, NaN, the missing markers) break the
// line; they are never drawn as zero.
//
// On the page a chart is a <figure> (the theme's partials/figure.html):
// title, subtitle, the inline SVG (role="img", with <title> and a <desc>
// that summarises each series' first and last value and change) drawn
// twice from the same series, for the page's column and for phones (see
// package chart: Chart.Narrow; the theme shows one), caption,
// source, "Data through DATE", a link to the computed data as CSV
// (ID.csv beside the page), a PNG copy (ID.png, drawn at 2×) and one of
// the narrow drawing (ID.narrow.png, for email), a link to
// the chart's own page (FigureView.Page), and a collapsible data table (at
// most 60 rows, sampled evenly; the CSV has all rows).
//
// The CSV has a date column and one column per series label, every row of
// every series, an empty cell for a gap, and with bands a last column
// "shaded". A value read from the data is
// written as it was read; a value a transform computed is rounded to 10
// significant digits and written without an exponent (25.0248139, not
// 25.02481389578164). The CSV holds the numbers only; where they come
// from is in ID.csv-metadata.json beside it, CSV on the Web (CSVW)
// metadata: the chart's title, source, licences and dates covered, each
// dataset read with its catalogue page and the SHA-256 of its file, and
// each series column's dataset, column, transforms and range (csvmeta.go).
//
// # Inline figures
//
// {{ SOURCE | STEP | … | STATISTIC | FORMAT }} on one line of prose:
//
//	SOURCE      dataset.column, or dataset["Column Name"] for names with spaces or dots
//	STEP        a transform (as above) or range:R (R as for charts)
//	STATISTIC   first, last (default), min, max, mean, count, change, pct_change, cagr, ytd,
//	            volatility, max_drawdown, correlation_levels(column) (of the values),
//	            correlation_returns(column) (of simple returns; correlation(column) is
//	            the same); or a date:
//	            first_date, last_date, min_date, max_date
//	FORMAT      number[:D], percent[:D], currency[:D], times[:D] (D decimals 0-6; a leading +
//	            signs positive values: percent:+1), or date[:month|day|year|iso|"Go layout"]
//
// The default format is percent:1 for statistics in percent (pct_change,
// cagr, ytd, volatility, max_drawdown, or a level after a percent
// transform), for dates the data's own precision (date alone the same:
// "28 June 2024" of daily data, "November 2023" of monthly, "Q4 2023" of
// quarterly, "2023" of yearly, as charts and tooltips write them), and otherwise a number with two
// decimals (none for whole numbers), with thousands separators and a true
// minus sign. Numbers, here and in charts' labels, descriptions and data
// tables, are rounded as a reader checking the CSV by hand rounds them: from
// the shortest decimal of the value (what the file wrote, for a value read
// from it), half away from zero, so 2.675 with two decimals is 2.68 and
// −0.25 with one is −0.3 (package internal/decimal). Examples:
//
//	{{ shiller.SP500 | range:10y | cagr }}                 → 9.1%
//	{{ fedfunds.FEDFUNDS | range:2022.. | max | percent:2 }} → 5.33%
//	{{ fedfunds.FEDFUNDS | last_date }}                    → November 2023
//	{{ shiller["Long Interest Rate"] | range:1960..2023 | correlation_levels(PE10) | number:+2 }} → −0.68
//	{{ shiller.SP500 | range:10y | correlation_returns(Dividend) | number:2 }}
//
// A figure may stand wherever markdown has text: paragraphs, headings,
// lists, quotes, footnotes, links, and table cells, where the "|" between
// its steps does not end the cell. A "{{" that does not make a figure
// (no "}}" on its line, or in a table within its cell; nothing between the
// braces) is a build error naming file:line, never published raw.
// Write \{{ or put the text in `code` to show braces literally. An unknown
// dataset, column, transform or statistic is a build error naming
// file:line, and so is a range:FROM..TO one of whose bounds names a period
// in which the column has no row (data.RangeBeyond: range:2023..2024 of
// data through November 2023), since the figure would cover less than the
// prose naming the range says. The value is written in a span whose title says the file,
// column and last date it was computed from, and the first date too when
// the expression takes a range ("data from 31 January 2024 through 31
// December 2024").
//
// # Claims
//
// A front-matter claim compares two inline figures, or a figure and a
// number, with <, <=, >, >=, ==, != or "within T of" (ParseClaim,
// Set.CheckClaim); numbers may carry a % sign, since figures in percent are
// computed in percent. A claim that fails says the date of the newest data
// its figures read ("on data through March 2024"), and shows its figures
// with more decimals when their formatted text would read as if it held
// ("4.5% == 5%", not "5% == 5%").
//
// # Cache
//
// A chart is drawn again only when its spec, the bytes of a data file it
// reads, the chart size or the renderer version change: the key hashes all
// of them. tearsheet build keeps the cache in SOURCE/.cache/charts
// (--no-cache ignores it); the build summary counts charts rendered and
// cached. One file per chart holds both SVG drawings, the CSV, the data table and the
// figure HTML the theme made of it for its last few views (Options.RenderKey:
// the templates, and every field of the view such as the page's CSV URL),
// so a build in which neither the chart nor its page changed executes no
// template for it.
//
// A file's modification time says when a build last used it: Get moves it
// on, and so does Mark for a page taken whole from the page cache
// (Page.CacheKeys). After a build, tearsheet build trims the cache
// (DirCache.Trim) as the go command trims its build cache, and so does
// tearsheet serve after its first build: at most once a
// day, it removes the files no build used for five days, so charts of data
// fetched daily, or of specs since edited, do not pile up.
package figure
