// Package build turns a site folder into its output files: it wires the
// stages together (content → site layout → figures and markdown → views →
// templates, feeds, sitemap, search index, data catalogue → output) and
// decides what a build may take from an earlier one.
//
// Its rules: a build's output depends only on the site's files, the
// options and the code; the same inputs give byte-identical files; every
// error of a build is returned, joined, and a failed build writes nothing
// the caller keeps. Whatever a build takes from an earlier one must give
// exactly the bytes a fresh build gives: TestModel (generator/cli) checks
// this after every one of hundreds of random edits, for both engines below.
// A value kept for later builds holds nothing of the build that made it
// (its builder, figure.Set or output): a figure.Page is Done once its
// markdown is converted, and a Session's output is Sealed once built, else
// a preview that runs for days keeps every build whose values it still
// uses (TestSessionLetsGoOfEarlierBuilds).
//
// # Stored values
//
// Two mechanisms reuse earlier work: the page cache, for tearsheet build,
// and a Session's caches, for tearsheet serve. Both key what they keep the
// same way (key, hash.go): the SHA-256 of a canonical encoding of what the
// value is made from, template data walked by viewHasher, so a key means
// the same in every process and in either mechanism; and both find and
// keep the pages and feeds a build makes by one key and one path (outKey,
// made and writeMade, outputs.go), the store in memory or on disk. The
// query store (package query; issue 17) is to replace both, stage by
// stage: the content stage, the theme and the site's layout are its first
// (contentq.go, themeq.go, layout.go), the same store for both commands,
// in memory for serve and loaded from disk for build. The values kept
// across builds are these.
//
// On disk, under the site's .cache/ (all keyed by content, so a stale
// entry is never used, only left unused):
//   - the chart cache (.cache/charts, figure.Cache): a chart's figure
//     HTML, SVG, CSV, data table and PNG, by the SHA-256 of its spec, of
//     the data it reads and of the theme's figure partial (RenderKey);
//     tearsheet build trims it, as serve does after its first build
//     (DirCache.Trim): what no build used for
//     five days goes, a page taken from the page cache marking its
//     charts' entries used;
//   - the page cache (.cache/output/DEST.pages, pagecache.go): for each
//     article, the SHA-256 of what its page is made of (the executable's
//     build ID, the Go release, the theme, site.yaml, the options, the site
//     view, the source bytes, the output path, the PNG flag, the files of
//     its bundle and its place in the layout, appendLayout, which a
//     Session's article.place keys the same way), the data it read (name, path,
//     SHA-256), its files as written, the chart cache entries it read and
//     what lists, feeds, search and the data catalogue need of it; for
//     every other page and feed, under its name, the key of its data
//     (outKey: walked by viewHasher, each article it shows standing in by
//     its id; for a page of the data catalogue, the key of what the
//     catalogue shows with the site view's, fromKey, so its data is made
//     only when the page is) with the global key and the name (fileKey);
//     and beside it
//   - the content stage's query store (.cache/output/DEST.queries,
//     contentq.go, package query): content/ listed (content.tree, by the
//     listing of each folder walked and the mode of each link), each
//     source file parsed (content.file, by the SHA-256 of its bytes and
//     the front-matter schema: the File itself is kept and decoded, not
//     parsed again) and the two put together (content.load); the site
//     laid out (site.layout: site.New at the build's clock, by site.yaml,
//     the options, the clock's window among the files' dates at which the
//     layout changes, site.clock, and the marks of the files, site.marks:
//     what of each the layout reads, with the part of its title its URL
//     is made of, so that a text edit or a new title that keeps every
//     URL leaves it green; the build's own has the edited files, bind);
//     and the theme (render.theme, by site.yaml's renderTimeout, its
//     templates, the listings of its static folders and its stylesheets:
//     kept by its reads only, and loaded again when they hold, as a Theme
//     cannot be saved); every result
//     with the SHA-256 of what it read, checked read by read (a build
//     reads every file again), saved by a build that succeeded. Once the
//     site is laid out the store lets go of the values it gave (Release:
//     it keeps sums and encodings), so that each page's File is the
//     build's, whose body goes once the page is made (dropBody);
//   - the output manifest (.cache/output/DEST, package output): each file
//     written to the destination, by SHA-256, size and lstat data;
//   - fetched data (.cache/data, package fetch): remote datasets with their
//     validators.
//
// In memory, a Session (tearsheet serve) keeps, from build to build:
//   - the content stage's query store (contentq.go), as a plain build's
//     on disk but kept in memory and told which files changed, through
//     which the build reads every file (Ctx.SharedFS) but those under a
//     hidden folder, which a watcher ignores (sessionFS): a file the watcher
//     does not name is not read again, a folder's listing is read again
//     when a file in it is named (or a folder made under it); it outlives
//     a site.yaml edit (the schema is one of its inputs), and lets go of
//     what a full build that succeeded did not read; besides the content
//     stage, the site's layout and the theme it holds each page's
//     converted markdown and figures (docq.go): page.doc, by the page's
//     place (source path, output, URL path, whether it is an article, its
//     bundle's files), reading the part of its file a conversion reads
//     (page.source: body, summary, their lines, path and bundle, so that a
//     new title or tag leaves it green), site.yaml, the options, how charts
//     are drawn (the input "figure.drawn", by a page with charts) and the
//     data its figures read (page.data: each name resolved and its file's
//     SHA-256) and figures.lock (page.lock: the page's entry, by its path),
//     both volatile: made again in every build, as the figure set's
//     resolution and the lock's state are not recorded reads; and each
//     article's view with its cards, its archive line and its part of the
//     search index (viewq.go): article.view, by the article's source path,
//     reading its place (article.place, volatile as page.lock is: its
//     output, bundle's files, what its view takes from the layout as
//     figures.lock revises it, appendLayout: title, dates, terms,
//     neighbours, related articles, revisions, and its claims' notices),
//     its file (content.file: the front matter), its document (page.doc), site.yaml,
//     the options, the theme's templates (render.templates: render.theme
//     summed by its templates, so that a stylesheet or static file edit
//     leaves it green) and its bundle's images; its sum is the view's id,
//     which stands in for it in the keys of what shows it; and, read
//     from the view alone (its sum covers what they are made of), the
//     article's feed content (article.feed: made absolute and escaped for
//     the feeds) and the content of its email edition (article.email);
//   - the store (store.go), one keep.Generations of every other value
//     made from the site's files, each kept under a key (a full build
//     keeps what it used and lets go of the rest, a quick build adds to
//     what is kept; a site.yaml edit lets go of all):
//     – each article's own files (its page, its charts' pages and
//     embeds, its email edition and its plain text: ownFiles), under its
//     source path, with the ids of its view and of the site view they
//     were made with (ownOf): used while both are the same;
//     – the data catalogue (catalogueEntry, catalogkey.go), one value:
//     its datasets' views with their users, their preview files and
//     data.json, with the key of each dataset (its view as site.yaml and
//     its file's SHA-256 make it, walked by viewHasher, with how figures
//     are drawn) and of each user (its title, path, kind, date and charts
//     of the dataset): taken whole while every key is the same, else each
//     dataset and user whose key is the same keeps its view and entry;
//     – the search index (searchEntry, find.go), one value: its files,
//     used while the ids of the articles, in order, are the same (the
//     group key, as the page cache keeps the index by), with the Indexer
//     that made them, which the next index, of other articles, is made
//     by from their terms;
//     – the pages of lists (listTable), one value: by output, each
//     page's bytes with what they were made from, the keys of the site
//     view, of the structure of its list (job.shapeOf: name, URL, number
//     of articles, a year's months) and of its shape (its data's key
//     without its articles), and the ids of the articles it shows: used
//     while they are the same, its shape while the first two are; a
//     template change lets go of them;
//     – each other output file's bytes (the archive index, a feed, the
//     sitemap),
//     under its name, with the key of what it was made from (a page's
//     data, walked by viewHasher; the archive index's years, months and
//     articles' lines, archiveFrom), used while that key is the same.
//     One value per output: a build that makes one again replaces it, so
//     the store does not grow as the preview builds again and again.
//     The page
//     cache keeps its other files the same way (fileEntry), the
//     destination holding their bytes;
//     a template change lets go of the pages and the articles' own files;
//   - last: the last successful build's layout (as the content stage
//     gave it, layout) and figures.lock's revisions of it, documents,
//     figures, views and search-index files, from which a quick build (an
//     edit of text or title only, see quickFrom) goes on once it has laid
//     out the site; no build changes it (a quick build works on revised's
//     copy of the site and views.over),
//     so after a quick build that failed it stays, with the paths that
//     build was given (unbuilt), which the next build's changes add to;
//   - prev: the last build's output. Every
//     build's output is an output.Memory made from it, which notes the
//     files that change (Memory.Changed).
//
// Within one build: figure.Store (each data file read, parsed once),
// figure.Set's inline figures, render.Partials (partialCached's HTML) and
// each render worker's viewHasher memo.
package build
