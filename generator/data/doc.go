// Package data loads tables of dated numbers from CSV files and computes
// transforms and statistics of their columns, for charts and for figures
// written into prose. It is pure numerics: it draws nothing, knows nothing of
// pages, and uses only the standard library. This comment is the
// specification; the tests pin what it promises.
//
// # Tables
//
// Load reads a CSV file into a Table: a date column and one column of numbers
// per other column of the header.
//
//   - Encoding: UTF-8; a leading byte-order mark is dropped. Lines end in
//     \n, \r\n or \r. Other encodings are errors, never guessed: a file
//     in UTF-16, a byte that is not UTF-8 (Latin-1's é), or a NUL byte,
//     which no text holds (a workbook, an archive or a program saved as
//     .csv), naming the line of the first such byte.
//   - Fields are separated by commas, semicolons or tabs (European Excel
//     saves "CSV" with semicolons, and a tab-separated file is often named
//     .csv). LoadOptions.Delimiter names the separator; without it the
//     header decides: the separator is the one of comma, semicolon and tab
//     that splits the header into two fields or more and each of the next
//     5 lines (at least one) into as many, empty fields at the end of the
//     longer aside. When none does it is the comma; when two do
//     ("date;x,y" over "2024-01-31;1,5") it is an error at the header
//     asking for the delimiter, since either reading gives other numbers.
//     A header read as one column that another separator would split is an
//     error saying which, and to set the delimiter to see the line that
//     does not split evenly.
//   - A first line sep=, sep=; or sep= and a tab, as Excel writes to name
//     the separator, names it: it is read before detection, which it
//     overrides, and the header is the next line. A LoadOptions.Delimiter
//     that names another separator is an error naming both, and so is a
//     sep= line naming a separator Load does not read.
//   - A field may be quoted with double quotes, and must be if it holds
//     the separator, a quote (written twice, "") or a line break. Spaces
//     around a field are ignored, and tabs too unless tabs separate fields.
//   - LoadOptions.SkipLines lines are skipped first, counted from the top
//     of the file, a sep= line included (a file that skipped it with
//     SkipLines 1 loads as before). Then blank lines (empty, white space,
//     or only separators) are skipped anywhere.
//   - The first line left is the header. Column names are trimmed and may
//     hold spaces ("Consumer Price Index"). Two columns of the same name
//     are an error. A header with no date column (DateColumn, else one
//     named date) above a line that has one is a title with a comma
//     ("Oil prices, USD"): an error at it asking for SkipLines.
//   - The date column is LoadOptions.DateColumn if set (matched exactly,
//     then ignoring case), else the column named date in any case, else the
//     first column. Every other column is a value column; Table.Columns
//     lists them in file order.
//   - A column with no name in the header (Excel's trailing empty
//     columns: "date,value,,") is ignored; a value in it is an error.
//   - Every later line is a row with exactly as many fields as the header,
//     except that it may leave out the unnamed columns at its end and may
//     have extra fields at its end that are empty.
//     A thousands separator in an unquoted number (1,234.5) in a
//     comma-separated file therefore shows up as a row with too many
//     fields: quote it ("1,234.5").
//   - Values are decimal numbers as strconv.ParseFloat reads them (1234.5,
//     -0.25, 1e6), with no _ separators, or written as spreadsheets write
//     them: with a decimal comma (1234,5, -0,25, 1,5E+03) and with full
//     stops or commas between thousands (1.234,5, 1,234.5, 1,234,567).
//     Thousands come in groups of three digits after a first group of one
//     to three that does not start with 0; other groupings (12,34,567) are
//     errors. Each column has one decimal mark: LoadOptions.Decimal ("."
//     or ",") sets it for every column, else the column shows it. A number
//     that reads only one way shows it: 1,5, 0,25, 1234,5, 1.234,5 and
//     1.234.567 a comma, 1.5, 0.25, 1,234.5 and 1,234,567 a full stop. A
//     number with one separator before three digits (1.234, 1,234) reads
//     both ways, a thousand times apart, and is read as its column shows,
//     wherever the number that shows it is; a column that never shows its
//     mark is an error at the first such number asking for the decimal
//     setting, and a column that shows both marks is an error naming both
//     lines. Numbers without a separator read the same either way. In a
//     comma-separated file a number without a comma is read with a full
//     stop, as ever (1.234 is 1.234), and shows it when it reads only that
//     way; a decimal comma there ("1,5" quoted) is an error unless
//     LoadOptions.Decimal is ",", and so is a column whose commas never
//     show that they separate thousands (only "1,234"-like numbers).
//   - A cell that is empty or holds ".",
//     NA, N/A, #N/A, #N/A N/A (Bloomberg's), NaN, null or None (in any
//     case) is a gap, stored as NaN, never as zero. Numbers formatted for
//     reading are errors that show the plain number to write, with the
//     column's decimal mark: currency signs ($1,234.50), percent signs
//     (5.2%) and negatives in parentheses ((12.3)); "-" is 0 in Excel's
//     accounting format but no value elsewhere, so it is not guessed.
//     LoadOptions.Missing and MissingByColumn add markers: a
//     marker that is a number matches by value, so "0.0" also matches "0"
//     and "0.00" (the Shiller data writes missing values as 0.0); any other
//     marker matches text ignoring case.
//   - Infinities (Inf, -Infinity) and numbers too large for a float64
//     (1e400) are errors. Numbers too small (1e-400) become 0.
//   - Dates: every row needs one. With LoadOptions.DateFormat (a Go layout)
//     only that layout is used; otherwise each cell is tried against
//     DateFormats, in order: 2006-01-02, 2006-01-02T15:04:05Z07:00,
//     2006-01-02T15:04:05, 2006-01-02 15:04:05, 2006-01-02 15:04, 2006-01
//     (the first of the month), 2006/1/2, 1/2/2006 or 2/1/2006 (below),
//     2.1.2006 (day first, as 31.01.2024), 20060102, "Jan 2, 2006",
//     "January 2, 2006", "Jan 2006", "January 2006", Jan-2006 (the first
//     of the month), "2 Jan 2006", "2 January 2006", 2-Jan-2006, 2006
//     (January 1), and quarters 2006Q1, 2006-Q1, "2006 Q1", "Q1 2006" and
//     Q1-2006 (the first day of the quarter). A file may mix formats. A
//     number of five digits (45322) is an error saying it looks like an
//     Excel day number: Excel counts from 1900 or from 1904, so it is not
//     read. Impossible dates
//     (2021-02-29) are errors. Dates keep the day and time they were
//     written with, and are stored as UTC: a zone is dropped, not converted
//     (2024-01-31T00:00:00+09:00, a Tokyo close, stays on 31 January).
//   - A date N/N/YYYY puts the day first or the month first as its column
//     shows: a date whose first number is above 12 (31/01/2024) makes the
//     whole column day first, one whose second number is (1/31/2024) month
//     first, and a column with both is an error. A column whose dates all
//     read both ways (03/02/2024) is an error at the first, asking for the
//     date format "02/01/2006" or "01/02/2006": it is never guessed.
//   - Rows out of date order are sorted by date (a stable sort), so a file
//     written newest first loads oldest first. A date that appears twice,
//     even written two ways, is an error naming both lines.
//   - A file without a header is an error ("empty file"), and so is a
//     header without rows.
//
// Errors are *ParseError values whose message starts with the file name and,
// when the problem is on one line, its line number in the file (counting from
// 1, skipped lines and the header included), and says how to fix it.
// A problem with the options or the header stops the reading; a problem
// with a row does not: Load reads every row and reports each bad line, so
// that one pass fixes them all. It reports the first problem of a line (a
// bad row's other cells still show their column's date order and decimal
// mark), the column-wide problems (a date order or decimal mark that no
// cell shows), and the repeated dates among the good rows. One problem is a
// *ParseError; more are a *ParseErrors holding a *ParseError each, in line
// order, its message one line a problem, as for this file of four:
//
//	prices.csv:12: column "sp500": cannot parse "abc" as a number; write a plain number such as 1234.5, leave the cell empty for a gap, or list the marker as missing
//	prices.csv:40: expected 3 fields as in the header, got 4; quote fields that contain commas, such as numbers with thousands separators ("1,234.5")
//	prices.csv:41: column "volume": "1.234" may be 1.234 (a decimal full stop) or 1234 (a full stop between thousands), and no number of the column shows which, as 0,5 or 1.5 would; set decimal: "," or decimal: "." for the dataset, or save the file with a full stop as the decimal mark and no thousands separators
//	prices.csv:57: duplicate date 2020-01-02 (also on line 9); keep one row per date
//
// Past MaxListed+1 (21) problems, it lists the first MaxListed and then,
// at the line of the next, how many more there are, so that a file of a
// million bad rows is a short message, read in time linear in its size.
//
// (*Table).Series returns a copy of a column as a Series (sharing the
// table's dates, which nothing modifies). Columns are matched
// exactly first, then ignoring case; an unknown column is an error listing
// the columns and saying how to fix it: unknown column "russel2000"
// (columns: russell2000, sp500): name one of these, or put "russel2000"
// back in the file's header if it was renamed.
// A Table is never modified after Load, so goroutines may share it.
//
// # Series and gaps
//
// A Series is a name, strictly ascending dates, and one float64 per date;
// NaN marks a gap (an infinity in a hand-made Series counts as a gap too).
// Every function validates its input (as many values as dates, ascending
// dates), never modifies it, and returns fresh values; dates are shared
// where they are the same, and never modified. Results never hold
// infinities: a division by zero gives a gap.
//
// The rules for gaps: a gap in the input is a gap in the output; a value
// computed from a gap is a gap; rolling windows that hold a gap are gaps;
// operations that measure from a first value (rebase, cumulative) use the
// first value that is not a gap; statistics skip gaps. An empty series, or
// one of gaps only, transforms into an empty or all-gap series; a statistic
// of it is an error wrapping ErrNoData.
//
// # Transforms
//
// ParseTransform reads a transform as a spec author writes it: a name,
// optionally followed by arguments in parentheses. Names ignore case and
// may use - for _. Arguments are separated by commas; a column name holding
// a comma or a parenthesis, or starting with a quote, is put in double or
// single quotes. Apply runs a Transform; those that name another column get its
// Series from a Resolver such as (*Table).Series. Each transform is also a
// function. Below, v[i] is the value at point i and "points" count rows,
// not days.
//
//	rebase, rebase(base)
//	    Rebase: v[i] × base / v[a], where a is the first value that is not a
//	    gap. base defaults to 100 and may not be 0. A first value of 0 is
//	    an error.
//	pct_change, pct_change(n)
//	    PctChange: (v[i] / v[i−n] − 1) × 100, n points back, default 1; the
//	    first n points are gaps, and so is every point where either value is
//	    a gap or v[i−n] is 0. On monthly data pct_change(12) is the change
//	    from a year before.
//	cumulative
//	    Cumulative: (v[i] / v[a] − 1) × 100, percent from the first value
//	    that is not a gap. A first value of 0 is an error.
//	ytd
//	    YTD: (v[i] / ref − 1) × 100, where ref is the last value that is not
//	    a gap dated in the calendar year before point i's; it starts again
//	    each January. Points of a year whose previous year has no value
//	    (the first year of the data, or after a missing year) are gaps.
//	rolling_mean(n)
//	    RollingMean: the mean of the n points ending at i; the first n−1
//	    points are gaps, as is any window holding a gap. Each window is
//	    summed anew, so windows × n may be at most MaxWindowWork
//	    (100,000,000), as for rolling_correlation: resample a long daily
//	    series before a long window.
//	rolling_volatility(n), rolling_volatility(n, periods_per_year)
//	    RollingVolatility: annualised volatility in percent,
//	    stdev(r) × √periods_per_year × 100, over the n simple returns
//	    r[j] = v[j]/v[j−1] − 1 ending at i, with the sample standard deviation
//	    (divisor n−1). Simple, not log, returns, so any series with non-zero
//	    values works. A window needs n+1 values in a row without a gap; the
//	    first n points are gaps. n ≥ 2. periods_per_year defaults to
//	    PeriodsPerYear of the dates: a median spacing up to 4 days is daily
//	    (252), up to 10 days weekly (52), up to 45 days monthly (12), up to
//	    135 days quarterly (4), else annual (1).
//	rolling_correlation(column, n)
//	    RollingCorrelation: the Pearson correlation of the simple returns of
//	    this series and column over the n returns ending at each date the
//	    two share (an inner join by date, see Align). A window with a gap
//	    in either, or in which either does not move, is a gap. n ≥ 2.
//	ratio(column), ratio(column, factor)
//	    Ratio: v[i] / w[i] × factor on the shared dates, relative strength;
//	    factor defaults to 1 (ratio(sp500, 100) gives an index-like scale).
//	    A gap in either, or w[i] = 0, is a gap.
//	drawdown
//	    Drawdown: (v[i] / peak − 1) × 100, where peak is the highest value up
//	    to i: 0 at a new high, negative below it. Gaps stay gaps and do not
//	    reset the peak; a point whose peak is not positive is a gap.
//	resample(period), resample(period, how)
//	    Resample: one point per calendar week (ISO, Monday to Sunday), month,
//	    quarter or year that holds a row. The point is dated with the last
//	    date of the input in the period, its last observation, gap or not,
//	    so that columns of one table keep identical dates. Its value is how
//	    (last, the default; first, mean, min, max or sum) of the period's
//	    values that are not gaps, or a gap when all are.
//	real(cpi_column), real(cpi_column, base)
//	    Real: inflation adjustment, v[i] × base / cpi(i), where cpi(i) is the
//	    last value of the price index that is not a gap dated on or before
//	    point i (an as-of join, so a monthly index adjusts daily prices).
//	    base is a price level, or a date YYYY-MM-DD whose price level is
//	    used, and defaults to the latest price level (today's money). Points
//	    before the index starts are gaps.
//	log
//	    Log: the natural logarithm; values of 0 or less become gaps.
//	scale(k)
//	    Scale: v[i] × k, as scale(0.01) for percent points to fractions.
//
// An unknown name is an error listing TransformNames (with a suggestion when
// one is close); a wrong number or kind of argument is an error showing the
// syntax, as TransformSyntax lists it. Transform.String prints the canonical
// form with every default written out, which parses back to the same
// Transform. Transform.Percent reports whether the result is in percent.
//
// # Ranges
//
// ParseRange reads the range a chart or figure shows, relative to the
// latest date of its data:
//
//	max, all or empty   all the data
//	ytd                 from January 1 of the latest date's year
//	<n>d, <n>w          n days, n weeks back from the latest date (10d, 2w)
//	<n>m, <n>y          n months, n years back (1m, 3m, 6m, 1y, 3y, 5y, 10y, 20y)
//	FROM..TO            explicit dates YYYY, YYYY-MM or YYYY-MM-DD; either may be
//	                    left out (2020-03.., ..2009); TO includes the whole year,
//	                    month or day it names
//
// Both ends are included. Going back a month from the 31st lands on the
// last day of a shorter month. Window cuts a Series to a range; a range
// without a single value that is not a gap is an error wrapping
// ErrEmptyRange: "empty range 2024-01-01..2024-06-30: data covers
// 1990-01-01..2023-09-01"; a series without a single value, whatever the
// range, is an error wrapping ErrNoData.
//
// ApplyRange is what a chart of a range wants: it applies the transforms to
// the whole series, so rolling windows, pct_change, ytd and drawdown see the
// history before the range, but rebase and cumulative measure from the first
// value inside the range, and then cuts the result to the range.
//
// # Statistics
//
// Stat computes a statistic, named as ParseStat reads it, of a Series; each
// is also a function. All skip gaps. Results in percent say so below
// (Statistic.Percent reports it). A computed result is rounded to 12
// significant digits, so that it is the decimal a reader working it out
// from the file's values gets, not float64's noise around it: 100 to
// 100.5 is a pct_change of 0.5, not 0.49999999999998934, and rounds, half
// away from zero, to 1%.
//
//	first, last       First, Last: the first and last values that are not gaps
//	min, max          Min, Max: the lowest and highest values (the earliest on a tie)
//	mean              Mean: the mean of the values
//	count             Count: the number of values that are not gaps
//	change            Change: last − first, to 12 significant digits (1.15 − 0.90 is
//	                  0.25, not float64's 0.2499999999999999)
//	pct_change        TotalReturn: (last / first − 1) × 100, percent; it and change
//	                  need two values (one, in a short range, is an error, not 0)
//	cagr              CAGR: ((last / first)^(1/years) − 1) × 100, percent a year,
//	                  where years is the time from first to last in years of
//	                  365.25 days; both values must be positive, their dates apart
//	ytd               YTDReturn: (last / ref − 1) × 100, percent, where ref is the
//	                  last value of the calendar year before the latest value's
//	volatility        Volatility: stdev(r) × √periods_per_year × 100, percent, with r
//	volatility(p)     the simple returns between consecutive values that are not
//	                  gaps and the sample standard deviation; at least 2 returns;
//	                  periods per year p inferred from the dates when left out
//	max_drawdown      MaxDrawdown: the lowest Drawdown, percent, 0 or negative
//	correlation_returns(col)
//	correlation(col)  Correlation: Pearson correlation of the simple returns of the
//	                  series and of column col, each from one shared date where both
//	                  have values to the next; at least 2 returns
//	correlation_levels(col)
//	                  CorrelationLevels: Pearson correlation of the values themselves
//	                  (levels) with column col, over the shared dates where both have
//	                  values; at least 3. Levels of trending series correlate
//	                  strongly by trend alone: use it for mean-reverting series such
//	                  as yields and valuation ratios, returns for prices
//
// A statistic that cannot be computed (no data, a single point for cagr, a
// first value of 0 for pct_change, no value in the previous year for ytd) is
// an error that says why; it never returns NaN or an infinity.
//
// Summarize describes one series for the text alternative of a chart: its
// first and last values that are not gaps, with dates, its lowest and highest
// points, the change, the change in percent, and the number of values.
package data
