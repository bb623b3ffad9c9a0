package charts

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"report/internal/stats"
)

// heatColors are the shades of the heatmap, light to dark: ColorBrewer's
// sequential Blues (colorbrewer2.org, colour-blind safe and printable in
// grey), its lightest class left out so that one incident stands apart
// from none.
var heatColors = []color.Color{
	color.RGBA{R: 0xC6, G: 0xDB, B: 0xEF, A: 0xFF},
	color.RGBA{R: 0x9E, G: 0xCA, B: 0xE1, A: 0xFF},
	color.RGBA{R: 0x6B, G: 0xAE, B: 0xD6, A: 0xFF},
	color.RGBA{R: 0x31, G: 0x82, B: 0xBD, A: 0xFF},
	color.RGBA{R: 0x08, G: 0x51, B: 0x9C, A: 0xFF},
}

// heatDark is the first of heatColors dark enough for white numbers.
const heatDark = 3

// heatClass is one shade of the heatmap: the counts up to max (from the
// class before's max plus 1) and its colour, heatColors[shade].
type heatClass struct {
	max, shade int
}

// heatClasses splits the counts 1 to top into at most len(heatColors)
// classes of about equal width: one per count when top is that small
// ("1", "2", "3"), else ranges ("1–2", "3–4", ...). The classes spread
// over the whole scale, so the darkest is always the top count's.
func heatClasses(top int) []heatClass {
	k := min(max(top, 1), len(heatColors))
	cs := make([]heatClass, k)
	for i := range cs {
		// Evenly over the shades: the first and the last always.
		shade := 0
		if k > 1 {
			shade = int(math.Round(float64(i) * float64(len(heatColors)-1) / float64(k-1)))
		}
		cs[i] = heatClass{max: int(math.Ceil(float64(max(top, 1)) * float64(i+1) / float64(k))), shade: shade}
	}
	return cs
}

// class returns the index of the class of count n > 0.
func class(cs []heatClass, n int) int {
	for i, c := range cs {
		if n <= c.max {
			return i
		}
	}
	return len(cs) - 1
}

// heatLegend returns a legend entry per class: "1", "2–3", ...; the last
// "7 or more" when open (some cells count more than the last class's max).
func heatLegend(cs []heatClass, open bool) []legendEntry {
	l := make([]legendEntry, len(cs))
	lo := 1
	for i, c := range cs {
		label := strconv.Itoa(c.max)
		switch {
		case open && i == len(cs)-1:
			label = fmt.Sprintf("%d or more", lo)
		case c.max > lo:
			label = fmt.Sprintf("%d–%d", lo, c.max)
		}
		l[i] = legendEntry{label: label, swatch: swatchBox, color: heatColors[c.shade]}
		lo = c.max + 1
	}
	return l
}

// heatmapFigure builds the heatmap: the incidents at each site (or site
// group) in each month, a grid of cells, most-attacked site at the top,
// each shaded by its count on a colour-blind-safe sequential scale, the
// counts written in the cells when all of them fit (at 10 points or
// more), else none. The sites are those of shownSites, as in the sites
// chart: past the 15 most-attacked, the rest summed in one row when there
// are more than 3.
func heatmapFigure(s *stats.Summary) (*figure, error) {
	title := "Incidents by site and month"
	axis := "Site"
	if s.SitesByGroup {
		title, axis = "Incidents by site group and month", "Site group"
	}
	sites, other := shownSites(s.Sites)
	if other {
		title += fmt.Sprintf(", top %d", topSites)
	}
	sub := period(s.First, s.Last)
	if s.Total.Incidents == 0 || len(s.Sites) == 0 || len(s.Months) == 0 {
		return emptyFigure(title, sub, noIncidents), nil
	}
	h := &heatCells{rows: len(sites), cols: len(s.Months)}
	h.counts = make([]int, h.rows*h.cols)
	top := 0
	names := make([]string, len(sites))
	for j, site := range sites {
		r := len(sites) - 1 - j // most-attacked at the top
		names[r] = siteName(site)
		for m := range h.cols {
			if n := site.InMonth(m); n > 0 {
				h.counts[r*h.cols+m] = n
				// The scale is the sites' own: a row "Other sites (K)"
				// sums many, and takes the darkest shade past it.
				if !other || j < len(sites)-1 {
					top = max(top, n)
				}
			}
		}
	}
	h.classes = heatClasses(top)
	open := slices.Max(h.counts) > h.classes[len(h.classes)-1].max
	months := make([]time.Time, len(s.Months))
	for i, m := range s.Months {
		months[i] = m.Start
	}
	ma := monthAxis{months: months}
	if last := s.Months[len(s.Months)-1]; last.Partial {
		// A month the data ends in says how far it goes: "Jul (1–29)".
		ma.last = fmt.Sprintf(" (1–%d)", last.Through.Day())
	}

	p := newPlot()
	p.X.Label.Text = "Month"
	p.Y.Label.Text = axis
	categoryAxis(&p.X, ma.labels(1, false))
	categoryAxis(&p.Y, names)
	p.X.Width, p.Y.Width = 0, 0
	p.Add(h)
	legend := append([]legendEntry{{label: "Incidents in the month:", swatch: swatchNone}}, heatLegend(h.classes, open)...)
	return &figure{title: title, subtitle: sub, legend: legend, plot: p,
		fit: func(c draw.Canvas) draw.Canvas {
			c = h.fit(p, c)
			ma.fit(p, c)
			return c
		}}, nil
}

// fit returns the part of area the heatmap's plot p is drawn in: all of
// it, but for few rows or columns the top left part that keeps the size
// of the cells of a grid of minHeatRows x minHeatCols, its axes beside
// the cells, rather than fill area with a few huge cells.
func (h *heatCells) fit(p *plot.Plot, area draw.Canvas) draw.Canvas {
	dc := p.DataCanvas(area)
	if h.rows < minHeatRows {
		area.Min.Y += (dc.Max.Y - dc.Min.Y) * vg.Length(minHeatRows-h.rows) / minHeatRows
	}
	if h.cols < minHeatCols {
		area.Max.X -= (dc.Max.X - dc.Min.X) * vg.Length(minHeatCols-h.cols) / minHeatCols
	}
	return area
}

// heatCells is a plot.Plotter that draws a grid of cells, rows up the y
// axis at 0, 1, ... and columns along x at 0, 1, ..., each shaded by its
// count's class with the count written in it when every count fits (see
// cellTextSize); a cell of 0 stays white.
type heatCells struct {
	rows, cols int
	counts     []int // row by row
	classes    []heatClass
}

// minHeatRows and minHeatCols are the fewest rows and columns the grid
// is sized for.
const (
	minHeatRows = 8
	minHeatCols = 6
)

// heatGap is the white gap between cells.
const heatGap = vg.Length(1.5)

// minCellText is the smallest size, in points, of the counts in the cells.
const minCellText = vg.Length(10)

// cellTextSize returns the size of the counts in cells of w x h (their
// gaps taken off): valueSize, else the largest size down to minCellText
// at which the widest count, top, fits; ok is false when it fits at none,
// and then no cell has its count, so that a reader never sees the counts
// of the pale cells and not of the dark ones.
func cellTextSize(top int, w, h vg.Length) (size vg.Length, ok bool) {
	digits := strconv.Itoa(top)
	for size = valueSize; size >= minCellText; size-- {
		sty := textStyle(sans, size, black)
		if sty.Width(digits) <= w-2 && size <= h {
			return size, true
		}
	}
	return 0, false
}

// Plot implements plot.Plotter.
func (h *heatCells) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	cellW, cellH := trX(0.5)-trX(-0.5)-heatGap, trY(0.5)-trY(-0.5)-heatGap
	size, numbers := cellTextSize(slices.Max(h.counts), cellW, cellH)
	sty := textStyle(sans, size, black)
	edge := draw.LineStyle{Color: gridGrey, Width: vg.Points(0.5)}
	for r := range h.rows {
		for k := range h.cols {
			x0, x1 := trX(float64(k)-0.5)+heatGap/2, trX(float64(k)+0.5)-heatGap/2
			y0, y1 := trY(float64(r)-0.5)+heatGap/2, trY(float64(r)+0.5)-heatGap/2
			cell := []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}
			n := h.counts[r*h.cols+k]
			if n <= 0 {
				c.StrokeLines(edge, append(cell, cell[0]))
				continue
			}
			shade := h.classes[class(h.classes, n)].shade
			c.FillPolygon(heatColors[shade], cell)
			if !numbers {
				continue
			}
			sty.Color = black
			if shade >= heatDark {
				sty.Color = white
			}
			l := newLine(sty, strconv.Itoa(n))
			// Centred by its digits' height.
			l.draw(c, (x0+x1-l.w)/2, (y0+y1)/2-0.35*sty.Font.Size)
		}
	}
}
