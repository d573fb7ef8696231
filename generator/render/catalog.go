package render

import (
	"html/template"
	"time"
)

// DatasetView is a dataset of site.yaml as the data catalogue shows it: on
// its own page (templates/dataset.html) and as a row of the catalogue
// (templates/data.html).
type DatasetView struct {
	Name    string // the name charts and inline figures use
	Title   string // site.yaml's title, else the name
	URL     string // its catalogue page
	Source  string // the credit line, "" when site.yaml gives none
	License string // "" when site.yaml gives none
	// Origin says where the data comes from: a file of the site, a URL, a
	// FRED series or a data loader (whose command is not shown).
	Origin string
	// OriginURL is the address of a url or fred dataset, "" for others.
	OriginURL string
	File      string // the file the build read, from the site root
	SHA256    string // of the file's bytes, hex
	Rows      int
	Columns   []string // the value columns, without the date column
	First     time.Time
	Last      time.Time
	// FirstText and LastText are First and Last as the data gives them,
	// as a chart's "Data through" says them: "September 2023" for monthly
	// data, "Q4 2023", "2023", else "1 September 2023" (package period).
	FirstText, LastText string
	// Fetched is when the fetch stage last brought the data in (from
	// .cache/data/NAME.json); zero when the build read a committed copy.
	Fetched      time.Time
	Illustrative bool
	// Unavailable says the build could not read the data (a dataset
	// declared for later, which no page uses): only site.yaml's facts show.
	Unavailable bool
	// Preview is the preview chart: partials/figure.html of the first
	// column, drawn like any chart. "" when the data has no value.
	Preview template.HTML
	// Articles lists the articles and pages whose charts or inline figures
	// read the dataset, in the order of the site (articles newest first,
	// then pages): all of them on the catalogue (kind data), those of the
	// page on a dataset's page, which lists them perPage at a time (the
	// page's List says which page it is and links to the others).
	Articles []DataUseView
	// Users is how many articles and pages read the dataset, on all pages.
	Users int
}

// DataUseView is an article (or page) that reads a dataset, with its charts
// that do.
type DataUseView struct {
	Title  string
	URL    string
	Date   time.Time  // zero for a page
	Charts []LinkView // each chart: its title (or "Chart N") and URL#id
	Inline bool       // its prose has inline figures of the dataset
}
