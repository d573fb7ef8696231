// Package cli is tearsheet's command line: it parses flags and wires the
// packages together. Run takes its arguments and writers, so tests call it
// directly without a subprocess.
//
// # Commands
//
//	tearsheet init [--force] [DIR]
//	tearsheet build [--source DIR] [--destination DIR] [--clean-destination] [--baseURL URL] [--drafts] [--future]
//	                [--offline] [--strict] [--no-cache] [--cpuprofile FILE] [--memprofile FILE]
//	tearsheet serve [--source DIR] [--bind 127.0.0.1] [--port 1313] [--drafts] [--future] [--poll INTERVAL] [--offline]
//	tearsheet new post "Title"   (or new page "Title") [--source DIR]
//	tearsheet check [--source DIR] [--baseURL URL] [--drafts] [--future] [--strict] [--offline]
//	tearsheet lock [--source DIR] [--offline] [PATH...]
//	tearsheet email PATH [--text] [--source DIR] [--baseURL URL] [--drafts] [--future]
//	tearsheet theme eject [--source DIR]
//	tearsheet version            (or --version)
//	tearsheet help [COMMAND]     (or -h, --help)
//
// init writes a new site into DIR (default "."): site.yaml with the common
// keys in comments, an example article with a chart and inline figures from
// a public-domain CSV, about, terms and privacy pages, .gitignore and a
// GitHub Pages workflow. It builds offline and passes check as it is. A DIR
// holding anything but .git is refused unless --force, which writes only the
// missing files and lists the existing ones it kept: init never replaces a
// file. email builds the site in memory and prints the email edition of
// the article at PATH (its markdown file or bundle folder), or with --text
// its plain-text part, to stdout; a page or a file no article is made from
// is an error, and so is a base URL without a host (the email's links
// would lead nowhere): it asks for --baseURL. theme eject copies the built-in theme into SOURCE/themes/default/,
// keeping any file already there. version prints tearsheet's version, the
// module version, VCS revision and time recorded in the binary, and the Go
// release. An unknown command is a usage error (status 2) that suggests the
// nearest command.
//
// SIGINT (Ctrl-C) or SIGTERM stops build and check at once, wherever they
// are (markdown conversion included): public/ stays exactly as it was (a
// build already swapping its output into place finishes that swap first),
// and the exit status is 130 (SIGINT) or 143 (SIGTERM). A build that has not
// wound down within a quarter of a second, or that gets a second signal, exits then;
// its staging folder beside the destination is removed by the next build.
// serve stops cleanly on either signal, closing its connections, and exits 0.
//
// serve refuses a folder without site.yaml, as build does, and otherwise
// builds into memory (public/ is not touched) and serves the site at
// http://BIND:PORT/ plus the path of site.yaml's baseURL, which is rewritten
// to that address. It watches content/, themes/, layouts/, static/, data/
// and site.yaml, with every folder below them, including folders made later;
// editor temporary and backup files never start a rebuild: names starting
// with "." (vim's and nano's .x.swp, emacs' .#x, gedit's .goutputstream-X,
// Kate's .x.kate-swp), vim's x.swp/x.swo/x.swn/x.swx and 4913, x~, emacs'
// #x#, sed -i's sedXXXXXX, JetBrains' x___jb_tmp___/x___jb_old___, VS Code's
// x.vsctmp, Kate's (Qt's) x.md.abcde1 (six letters or digits, the last a
// digit), ~$x, and x.tmp/.temp/.bak/.orig/.rej/.part/.crdownload. Changes
// arriving within 30 ms of each other make one rebuild, and after every
// rebuild the browser is told whether it succeeded (an error shown goes
// with the next good build, even one that changed no file). A rebuild
// converts again only the markdown that changed (or that names a changed
// dataset), renders again only the pages whose template data or
// templates changed, and the browser reloads when its page changed; the
// output is always the same as a full build's. When only the text of
// existing pages changed (not their front matter), a rebuild keeps the
// site's layout and renders only those pages and the lists, feeds and search
// index that show them: tens of milliseconds at 10,000 articles. While a build fails the last
// good build is served, with the error (file:line: message) shown over the
// page and in the terminal until it is fixed. A good build's warnings show folded in a
// corner of the page. With --poll INTERVAL, serve looks for changes every
// INTERVAL rather than be told by the system (for a Windows drive under
// WSL, a network or container mount); it polls by itself, every 300 ms,
// for a site on a 9p, NFS or SMB file system (Linux), and when the system
// will not watch as many folders as the site has. Drafts and future articles
// (with --drafts, --future) carry "Draft" and "Scheduled" badges. Only the
// built site is served; missing paths get 404.html with status 404.
// Requests whose Host is not 127.0.0.1, localhost, [::1] or the --bind host,
// with the port (with an unspecified --bind such as 0.0.0.0, also any IP
// address), get status 421 (against DNS rebinding); a connection idle for a
// minute is closed, a request must arrive within 30 s and its response be
// written within 30 s (each write of a live-reload stream), and at most 64
// live-reload streams are open at once (status 429 past them).
//
// The browser side of serve obeys the site's own Content-Security-Policy:
// each HTML page is served as built plus a <link> to _tearsheet/live.css
// and a deferred <script src> of _tearsheet/live.js (below the base path;
// files of the tearsheet binary, which shadow any site file there), added
// as pages are served, never to built files. The script follows serve's
// build events: a changed page is fetched and put in place of the shown one
// without a navigation (a page that runs scripts of its own is reloaded),
// keeping the scroll position; a CSS-only change swaps the stylesheets; a
// failed build shows an overlay at the top of the window listing every
// error as file:line: message (role=alert, Escape or its button dismisses
// it), which the next good build removes, whether or not its output
// changed.
//
// new writes content/posts/SLUG/index.md (a bundle) for a post, or
// content/SLUG.md for a page, with the title, today's date in site.yaml's
// timezone, draft: true, tags: [] and a commented-out example chart block
// that builds once uncommented (the first column of site.yaml's first
// dataset with a file, else a prices.csv to add beside the article); it
// never overwrites and prints the new file's path.
//
// check builds into memory, then checks every internal link and anchor
// (href="#x" and "/path/#x" need an element with id x in the target page),
// every image, script and stylesheet URL, each page's social-card image
// (og:image, twitter:image), and data freshness (check.maxDataAge).
// Problems name the markdown file and line that holds the URL, a menu
// entry's line of site.yaml (once, with the page to write or the url to
// fix), else the output page (a problem on many pages, such as a link in a
// template, is reported once with a count). Broken links are errors (exit status 1); warnings
// fail only with --strict. --baseURL is build's flag (baseURLFlag): links
// are checked at the address the site is published at.
package cli
