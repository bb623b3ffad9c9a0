package charts

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"report/internal/stats"
)

// whiskers is a plot.Plotter that draws, at category positions 0, 1, ...,
// a vertical line from lo[i] to hi[i] with a short cap at each end: the
// interval of each bar of a stackedBars. Each line is drawn over a wider
// white one, so it shows on a bar of any colour. Values must be finite.
type whiskers struct {
	lo, hi []float64
	// capWidth is the length of the caps in category units.
	capWidth float64
}

// monthWhiskers returns the whiskers of the months' 95% intervals
// (stats.Month.CILow to CIHigh), one per month.
func monthWhiskers(months []stats.Month) *whiskers {
	w := &whiskers{lo: make([]float64, len(months)), hi: make([]float64, len(months)), capWidth: 0.25}
	for i, m := range months {
		w.lo[i], w.hi[i] = m.CILow, m.CIHigh
	}
	return w
}

// whiskerColor and whiskerWidth draw the whiskers; whiskerHalo is the
// width of the white line under them.
var whiskerColor color.Color = black

const (
	whiskerWidth = vg.Length(1)
	whiskerHalo  = vg.Length(2.2)
)

// Plot implements plot.Plotter.
func (w *whiskers) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	var paths [][]vg.Point
	for i := range w.lo {
		pos := float64(i)
		x, x0, x1 := trX(pos), trX(pos-w.capWidth/2), trX(pos+w.capWidth/2)
		lo, hi := trY(w.lo[i]), trY(w.hi[i])
		paths = append(paths,
			[]vg.Point{{X: x, Y: lo}, {X: x, Y: hi}},
			[]vg.Point{{X: x0, Y: hi}, {X: x1, Y: hi}})
		if w.lo[i] > 0 {
			// A cap on the baseline would hide in the axis line.
			paths = append(paths, []vg.Point{{X: x0, Y: lo}, {X: x1, Y: lo}})
		}
	}
	halo := draw.LineStyle{Color: white, Width: whiskerHalo}
	line := draw.LineStyle{Color: whiskerColor, Width: whiskerWidth}
	for _, sty := range []draw.LineStyle{halo, line} {
		for _, path := range paths {
			c.StrokeLines(sty, c.ClipLinesXY(path)...)
		}
	}
}
