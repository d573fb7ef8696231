// Package chart turns computed series into SVG and PNG charts. It knows
// nothing of pages, markdown or CSV files, and it is the only package of
// tearsheet that imports go-chart (github.com/wcharczuk/go-chart/v2).
//
// # Input
//
// A [Chart] is drawn from:
//
//   - Title, Subtitle: the SVG's <title> holds Title; pages show both as
//     HTML, so neither is drawn in the SVG. PNGs, which travel without HTML
//     (feeds, e-mail, social cards), draw both above the chart.
//   - Type: "line" (default), "area" (filled to zero, or to the bottom of
//     the axis when zero is below it), "bar" (bars from zero, grouped side by
//     side when there are several series, labelled by their dates' cadence:
//     years, quarters, months or days), "scatter" (dots only),
//     "stacked-area" or "stacked-bar" (TypeStackedArea, TypeStackedBar: the
//     series aligned by date and drawn on top of each other in order;
//     positive values pile up from zero and negative ones down from it;
//     stacked areas take no negative values; stacked charts use the left
//     axis only and no log scale). A date at which any series has no value
//     (ragged ends, a value declared missing) is a gap in the whole stack:
//     no layer is drawn there (a layer would otherwise drop onto the one
//     below the missing one) and the total is a gap, never a sum of some of
//     the parts; the description says how many dates are left blank, and
//     series that never all have a value at one date are an error.
//     "histogram" (TypeHistogram): the distribution of one series' values,
//     counts on the left axis and the values, formatted with Y, on the x
//     axis; Bins equal bins from the lowest value to the highest, or by
//     default the Freedman–Diaconis width rounded up to a round step (see
//     [Bins]); Percentiles and MarkLatest draw labelled vertical lines, and
//     the description gives the median, each percentile and the latest
//     value's percentile rank ([Percentile], [PercentileRank]).
//     "heatmap" (TypeHeatmap) draws Matrix (row and column names, values,
//     NaN for an empty cell) instead of series: a grid under column labels
//     with row labels at its left, cells coloured in ColorBrewer's PuOr
//     (colour-blind safe, orange below zero, near white at zero, purple
//     above) from −Max to Max (the largest magnitude when Max is 0), each
//     value written in its cell in black or white, whichever contrasts
//     more (4.5:1 or more on every colour of the scale), when every value
//     fits its cell; a strip of the scale under the grid. Its height follows
//     from its rows (Height is ignored); labels are thinned when they do not
//     fit. Classes: ts-cell, ts-cell-value.
//   - Total: on a stacked chart, the label of a line drawn at the sum of
//     the series at each date where all have a value (see [Totals]), in
//     the legend and the description like a series (class ts-total).
//   - Width, Height: the size of the drawing in CSS pixels, 720×360 by
//     default, each within [MinSize, MaxSize]. The SVG scales to its
//     container; a PNG is Width×scale pixels wide.
//   - Y, YRight: a [Format] for the left and right axes. Kind "number"
//     (default) prints 1,234.5; "percent" prints the value as a percentage
//     as is (5.25 → 5.25%); "currency" puts Currency ("$" by default) before
//     it. Negative values take a minus sign (−). Tick labels carry as many
//     decimals as the tick step needs; Decimals sets those of the description
//     (0: automatic, NoDecimals: none).
//   - Log: a base-10 log scale on the left axis, with ticks at powers of ten
//     and at 2 and 5 multiples when the range spans few decades. Every value
//     and reference line on the left axis must be positive.
//   - Series: each has a Label (legend and description), an Axis (Left or
//     Right), a Color ("#rrggbb", or "" for the palette: Okabe–Ito's
//     colour-blind-safe hues, blue first, black left out, the light ones
//     darkened to a 3:1 contrast with the light and the dark page; past its
//     seven colours a line chart's series take them again dashed, then
//     dotted, then dash-dotted, in the plot and the legend), dates X in
//     ascending order and values Y of the same length. NaN in Y is a gap:
//     the line breaks there and is never drawn to zero; a point alone
//     between gaps, or a series of one point, is drawn as a dot.
//   - Lines: horizontal dashed reference lines with a label at their right
//     end, on either axis; the axis range widens to show them.
//   - Marks: vertical dashed lines at dates within the series' dates, with
//     labels at the top of the plot, stacked in rows when they would
//     overlap; never drawn over each other (see Output).
//   - Bands: shaded periods (From, To, Label), each overlapping the
//     series' dates, drawn across the plot behind the grid and the series
//     in a translucent grey (lighter in dark mode); a label appears once
//     in the legend whatever the number of bands carrying it, and every
//     band is listed in the description ("3 shaded periods: Recession,
//     Mar 1, 2001 to Nov 1, 2001; …"). [BandsAt] names the bands holding
//     a date, for data tables.
//   - Panels: small multiples of a line or area chart (see [Panels]): a
//     grid of small plots on the same axes, one per series (against dates)
//     or one per period of Panels.Periods (every series cut to the period
//     and drawn against [MonthsSince] its start, on an x axis titled
//     Panels.XTitle, by default [DefaultPeriodAxis]); the y range is shared
//     by every panel unless Panels.Independent. Up to four columns (one or
//     two for two or four panels, three up to nine), one in the narrow
//     drawing; each panel's plot is two fifths of Height tall, and the
//     drawing's height follows from the rows (Height is not its height).
//     Each panel is titled (the period's label, else its months, or the
//     series' label; cut with "…" to the panel's width); y labels at the
//     left of each row (of every panel when independent), x labels under
//     each panel. The description names the layout, then each panel's
//     first, last, lowest and highest values with their dates or months;
//     [PanelsOf] returns the panels' points for tables. Class:
//     ts-panel-title (with ts-legend). Small multiples take at most
//     [MaxPanels] panels and no log scale, right axis, reference lines,
//     marks or bands; a period must hold values.
//   - Note: a remark such as "Illustrative data", drawn under the chart in
//     both SVG and PNG so that every copy carries it.
//   - Footer: drawn under the chart (and its Note) on PNGs only, wrapped to
//     at most four lines: the source and date of the data ("Source: …
//     Data through September 2023."), which pages show as HTML under the
//     SVG, so that a PNG shared or downloaded alone still says them.
//   - Narrow: the drawing for phones, from the same series: NarrowWidth
//     (320) units wide whatever Width says, 1.6 times taller for its width
//     than Width×Height, the legend's rows added to its height, and text
//     larger for its width, so that fewer ticks fit. A page shows it in
//     place of the wide drawing in boxes narrower than NarrowBelow (560)
//     CSS px.
//
// [Validate] reports the first problem, as an error starting "chart:" and
// naming the series, point and date: an unknown type, kind or axis, a size
// out of range, no series, a value beyond ±MaxAbs, a series without values (or only gaps), dates and
// values of different lengths, dates out of order, ±Inf, a value or
// reference line at or below zero on a log axis, a reference line on an
// unused right axis, a mark outside the dates, a stacked chart on the
// right axis or a log scale, a negative value in a stacked area, a total
// on a chart that does not stack, stacked series with no date at which
// all have a value, a band ending before it
// starts or outside the dates, a colour not "#rrggbb", small multiples of
// another type than line or area or with a period holding no values.
//
// # Output
//
// A [Renderer] draws; make one per build worker with [NewRenderer] and keep
// it: it is not safe for concurrent use, and its caches make later charts
// faster without changing their bytes. [Renderer.SVG] returns a standalone
// SVG document:
//
//   - the root <svg> has class="ts-chart ts-chart--wide" (the narrow
//     drawing: "ts-chart ts-chart--narrow"), a viewBox, width="100%" and
//     preserveAspectRatio but no fixed height, so it scales to its
//     container; role="img" and aria-labelledby naming its first two
//     children, <title> (the chart title) and <desc> (the text of
//     [Describe]); data-version holds [Version]. Ids derive from the title
//     and description (the narrow drawing's end in "-n", so both drawings
//     can be on one page), so they are stable.
//   - text is sized for the boxes the drawing is shown in: the wide one's
//     text renders at MinText (11) CSS px or more when it is scaled to
//     NarrowBelow px or wider, the narrow one's from 300 px (a 360 px
//     phone's column) up. Axis labels are 11 units in a drawing up to 560
//     units wide, larger in wider ones (14.2 in a 720-unit drawing: 13.3
//     px in a 672 px column); PNGs keep 11.
//   - font-family is a system font stack; text is aligned with text-anchor,
//     so labels stay aligned whatever font the browser picks.
//   - colours: light-mode colours are presentation attributes; an embedded
//     <style> switches text and lines to dark-mode colours inside
//     @media screen and (prefers-color-scheme: dark), so print keeps the
//     light ones. Its rules are scoped to
//     .ts-chart, and elements carry classes a theme can style: ts-grid,
//     ts-axis, ts-zero (the zero line), ts-label (tick labels), ts-legend,
//     ts-note, ts-ref and ts-ref-label (reference lines), ts-mark and
//     ts-mark-label (date marks), ts-key (the key of labels drawn as
//     numbers), ts-band (bands and their swatch), ts-series and ts-series-N (the Nth series).
//     The background is transparent, so the chart takes the page's.
//   - labels of reference lines and marks have a halo (paint-order:
//     stroke, in the colour of the custom property --ts-halo, which a page
//     sets to its background; white, or near black in dark mode, by
//     default), which keeps them legible over the grid, bands and fills,
//     and they are placed where it erases no data: where no series' line,
//     dots or bars run under their box grown by the halo (an area's
//     translucent fill may), and where they cover no other label. A
//     reference line's label goes above or below its line, at its right
//     end, else its left end, else the free place nearest the right end
//     (in steps of half its width, then of 2 units); a mark's label right
//     or left of it, in rows from the top of the plot down to its middle,
//     else from its bottom, else in the rows between. A label with no
//     free place is drawn as a number, placed the same way, and a key
//     under the x labels (class ts-key; the drawing grows by its rows,
//     above the note) lists it as "1: label"; should even the number find
//     no free place, the key lists the label with its date (or its line's
//     value). A label is never drawn over a series' line. Every label is
//     also in the description.
//   - a legend above the plot when there is more than one series or a
//     labelled band, in rows (a wide drawing holds two within its Height
//     and grows by each row past them, so the plot keeps its height; the
//     narrow drawing grows by all of them) (labels
//     of right-axis series end in "(right)" when both axes are used, unless
//     the label names its axis already, as "Yield (right)" or "Yield, right
//     axis" do; the description likewise adds "(left axis)" or "(right
//     axis)" only to labels that do not name it); y tick
//     labels left of the plot (and right of it for the right axis), light
//     horizontal grid lines, a baseline with x ticks, a zero line when zero
//     is inside the range.
//
// [Renderer.PNG] draws the same chart with a fixed light palette on white,
// with the title and subtitle above it, at a scale (2 for sharp images on
// high-density screens).
//
// Output is deterministic: the same Chart gives the same bytes, whatever
// the Renderer rendered before, the machine's time zone or the goroutine.
// Dates are placed and printed in UTC. X ticks are calendar-aligned (days,
// weeks starting Monday, months, quarters, years, decades…), the densest
// step whose labels fit, at most ten; they print as "Jan 2", "Jan 2006",
// "Q1 2020" or "2006". Y ticks are round: steps of 1, 2, 2.5 or 5 × 10^k,
// with the range running from tick to tick. When both axes are used, the
// right axis takes as many ticks as the left so they share the grid.
//
// # go-chart
//
// go-chart v2.1.2 lays out the chart (background, plot box, ranges) and draws
// the series (go-chart's ContinuousSeries for scatter plots; line, area and
// bar series of ours); this package works around its known traps:
//
//   - Unescaped text: SVG is written by our own go-chart Renderer, which
//     escapes every text and attribute (invalid XML characters become
//     U+FFFD), keeps class names, writes integer paths (rectangles, such as
//     bars, cells and bands, as "M x y H x V y H x Z") and adds title,
//     desc, role and style.
//   - MeasureText making a font face per call: the Renderer keeps one face
//     per size and caches measured widths; a chart of 3 series × 1,000 points
//     renders as SVG in under a millisecond.
//   - GetDefaultFont's data race: never called. NewRenderer parses go-chart's
//     embedded Roboto for that Renderer alone and passes it in.
//   - Partial output and panics on NaN, ±Inf, empty or one-point series and
//     uneven X/Y: Validate runs first, each gap-free run of a series becomes
//     its own go-chart series (sharing the style; only the first carries the
//     label), output goes to a buffer returned only on success, and panics
//     are recovered into errors.
//   - Junk labels for flat series and a drawn unused secondary axis:
//     go-chart's axes are hidden; we compute ranges (a flat series gets ±5%
//     around its value, or ±1 around zero) and give go-chart fixed ranges it
//     cannot widen, then draw our own axes, grid and labels.
//   - Local-time, uneven date labels: ticks are ours, in UTC.
//   - One path point per value, however many share a pixel: a line or
//     area keeps, of the points in one pixel column, the first, the lowest,
//     the highest and the last (the others only retrace that column's
//     vertical line, so the same pixels are drawn), and a series with far
//     more points than the plot has half-pixel columns is thinned the same
//     way first. A 20-year daily series draws about 2,600 points, not 5,200.
//   - Roboto named but not embedded: layout is measured with Roboto, text is
//     drawn with the system font and anchored. Where text is laid out next
//     to other text (legend items on a row, values in heatmap cells, labels
//     of marks and reference lines, panel and heatmap labels) it is given
//     room for a wider font: a fifth more than measured and 2 px (DejaVu
//     Sans, Linux's usual sans-serif, is up to 15% wider, more on short
//     strings by rounding). Axis tick labels keep their measured widths
//     and a gap.
//   - PNG text is drawn with the Renderer's faces, which measured it (and
//     keep each glyph's mask), not as go-chart's raster context draws it
//     (each letter's outline as a path, at size×DPI/64 rather than /72).
package chart
