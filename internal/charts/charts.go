// Package charts draws the report's charts from a stats.Summary:
//
//   - monthly: incidents per calendar month, stacked by weapon;
//   - cumulative: the year-to-date count as a step line, with every
//     published tally as a labelled point;
//   - sites: incidents at the 15 most-attacked sites and the rest, stacked
//     by weapon, convoy routes hatched;
//   - weapons: incidents per weapon, with munitions and intercepted;
//   - map: the sites on a map of Iraq, sized by incidents, by weapon;
//   - heatmap: incidents by site and month;
//   - hours: incidents by local hour of day.
//
// All lists them as Charts, each drawn by Chart.Draw or, in several
// formats at once, Chart.DrawFormats.
//
// Each chart is one figure: a title, a period subtitle, a legend above the
// plot (never over the data) where the colours or markers need one (the
// weapons chart has none: its axis names the weapons), the plot, and a
// footer naming the source, the number of incidents and the date of the
// latest one. A month the data ends in before the month does is drawn
// pale in a dashed outline, and the legend says how far it goes. Weapons
// keep their incident.Weapon colour and order in every chart; a weapon
// without incidents in the whole summary is left out of legends and
// stacks.
//
// A summary without counted incidents still gives a figure: the title, the
// footer and the message "No counted incidents" in an empty frame.
//
// Charts are drawn on a gonum vg canvas and then encoded as PNG, SVG or
// PDF (see Format): the same figure at the same size in each. All text is
// Liberation Sans, sized in points, so the charts keep their proportions
// at any DPI.
package charts

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"gonum.org/v1/plot"

	"report/internal/incident"
	"report/internal/stats"
)

// Options control every chart. The zero value is usable.
type Options struct {
	// Source is the input file's base name, shown in the footer, e.g.
	// "incidents.csv". When empty the footer leaves the source out.
	Source string
	// Width and Height are the image size in pixels; 0 means 1600 x 900
	// (a zero Width 1600, a zero Height 900). Each must be 0 or from 100
	// to 10000. The layout is made for 16:9 at 1600 x 900 and 144 DPI.
	Width, Height int
	// DPI is the resolution; 0 means 144, so that a 1600 x 900 image is
	// about 11.1 x 6.25 inches. Text sizes are in points, so a higher DPI
	// gives larger text on the same number of pixels. It must be 0 or
	// from 36 to 1200. SVG and PDF are drawn at the size in inches that
	// Width, Height and DPI give.
	DPI int
	// Format is the file format; "" means PNG.
	Format Format
	// Date is the creation and modification date a PDF carries; zero
	// means the date of the summary's latest incident (1 January 1970
	// without one), so that the same input gives the same bytes.
	Date time.Time
}

// Defaults for Options.
const (
	defaultWidth  = 1600
	defaultHeight = 900
	defaultDPI    = 144
)

// resolve returns the pixel size and resolution o asks for, defaults
// filled in.
func (o Options) resolve() (w, h, dpi int, err error) {
	w, h, dpi = o.Width, o.Height, o.DPI
	if w == 0 {
		w = defaultWidth
	}
	if h == 0 {
		h = defaultHeight
	}
	if dpi == 0 {
		dpi = defaultDPI
	}
	if w < 100 || w > 10000 || h < 100 || h > 10000 {
		return 0, 0, 0, fmt.Errorf("image size %dx%d: want 100 to 10000 pixels each way", w, h)
	}
	if dpi < 36 || dpi > 1200 {
		return 0, 0, 0, fmt.Errorf("dpi %d: want 36 to 1200", dpi)
	}
	switch o.Format {
	case "", PNG, SVG, PDF:
	default:
		return 0, 0, 0, fmt.Errorf("unknown format %q: want png, svg or pdf", string(o.Format))
	}
	return w, h, dpi, nil
}

// Chart is one of the report's charts.
type Chart struct {
	// name names the chart's files (see FileName) and its errors.
	name  string
	build func(*stats.Summary) (*figure, error)
}

// All returns the report's charts, in the order they are shown.
func All() []Chart {
	return []Chart{
		{"monthly", monthlyFigure},
		{"cumulative", cumulativeFigure},
		{"sites", sitesFigure},
		{"weapons", weaponsFigure},
		{"map", mapFigure},
		{"heatmap", heatmapFigure},
		{"hours", hoursFigure},
	}
}

// Draw writes the chart to w in o.Format and returns its title as drawn
// on it, which depends on the data ("Incidents by site, top 15"). Errors
// name the chart: "charts: sites: ...".
func (c Chart) Draw(w io.Writer, s *stats.Summary, o Options) (title string, err error) {
	f, px, py, dpi, err := c.figure(s, o)
	if err != nil {
		return "", err
	}
	if err := encode(w, f, o.Format, px, py, dpi, pdfDate(o, s.Last)); err != nil {
		return "", fmt.Errorf("charts: %s: %w", c.name, err)
	}
	return f.title, nil
}

// DrawFormats draws the chart once in each of formats, o.Format aside, and
// returns its title and the files' bytes in the order of formats. The
// figure is built, and its labels placed, once for all formats: the same
// bytes as Draw gives for each, in less time.
func (c Chart) DrawFormats(s *stats.Summary, o Options, formats []Format) (title string, files [][]byte, err error) {
	f, px, py, dpi, err := c.figure(s, o)
	if err != nil {
		return "", nil, err
	}
	for _, format := range formats {
		var buf bytes.Buffer
		if err := encode(&buf, f, format, px, py, dpi, pdfDate(o, s.Last)); err != nil {
			return "", nil, fmt.Errorf("charts: %s: %w", c.name, err)
		}
		files = append(files, buf.Bytes())
	}
	return f.title, files, nil
}

// figure builds the chart's figure, its footer set, and resolves the size
// of o. Errors name the chart.
func (c Chart) figure(s *stats.Summary, o Options) (f *figure, px, py, dpi int, err error) {
	if s == nil {
		return nil, 0, 0, 0, fmt.Errorf("charts: %s: nil summary", c.name)
	}
	if px, py, dpi, err = o.resolve(); err != nil {
		return nil, 0, 0, 0, fmt.Errorf("charts: %s: %w", c.name, err)
	}
	if f, err = c.build(s); err != nil {
		return nil, 0, 0, 0, fmt.Errorf("charts: %s: %w", c.name, err)
	}
	f.footer = footer(s, o.Source)
	return f, px, py, dpi, nil
}

// footer returns the footer line:
// "Source: incidents.csv · 87 incidents · data through 2021-07-29". An
// empty source is left out; without incidents the date part reads
// "no incident dates".
func footer(s *stats.Summary, source string) string {
	var parts []string
	if source != "" {
		parts = append(parts, "Source: "+source)
	}
	parts = append(parts, plural(s.Total.Incidents, "incident", "incidents"))
	if s.Last.IsZero() {
		parts = append(parts, "no incident dates")
	} else {
		parts = append(parts, "data through "+s.Last.Format("2006-01-02"))
	}
	return strings.Join(parts, " · ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// usedWeapons returns the weapons with at least one incident in s, in
// display order.
func usedWeapons(s *stats.Summary) []incident.Weapon { return weaponsIn(&s.Total.ByWeapon) }

// weaponsIn returns the weapons counted more than 0 in counts, in display
// order.
func weaponsIn(counts *[incident.NumWeapons]int) []incident.Weapon {
	var ws []incident.Weapon
	for _, w := range incident.Weapons() {
		if counts[w] > 0 {
			ws = append(ws, w)
		}
	}
	return ws
}

// weaponLegend returns a legend entry with a square swatch for each weapon.
func weaponLegend(ws []incident.Weapon) ([]legendEntry, error) {
	var l []legendEntry
	for _, w := range ws {
		c, err := parseColor(w.Color())
		if err != nil {
			return nil, fmt.Errorf("weapon %s: %w", w, err)
		}
		l = append(l, legendEntry{label: w.Label(), swatch: swatchBox, color: c})
	}
	return l, nil
}

// finite reports whether every x is neither NaN nor infinite; the charts
// check their numbers before handing them to gonum.
func finite(xs ...float64) bool {
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

// noIncidents is the message of a chart without data.
const noIncidents = "No counted incidents"

// emptyFigure returns a figure with a title and message but no plot.
func emptyFigure(title, subtitle, message string) *figure {
	return &figure{title: title, subtitle: subtitle, message: message}
}

var (
	_ plot.Plotter    = (*stackedBars)(nil)
	_ plot.GlyphBoxer = (*stackedBars)(nil)
	_ plot.Plotter    = (*cumulativePlot)(nil)
)
