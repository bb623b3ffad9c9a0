package charts

import (
	"fmt"
	"image/color"
	"math"
	"strconv"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"report/internal/stats"
)

// Styles of the cumulative chart. The colours are neutral: they are not
// weapon colours.
var (
	countColor  = black
	tallyColor  = color.RGBA{R: 0x6A, G: 0x3D, B: 0x9A, A: 0xFF} // a purple, far from every weapon colour
	leaderColor = midGrey
)

const (
	lineWidth    = vg.Length(2.5)
	markerRadius = vg.Length(5)
	labelPad     = vg.Length(2) // inside a label's box, around its text
)

// day is the length of a day on the time axis, in seconds.
const day = 24 * 60 * 60

// tally is a published tally as drawn: where, and its label.
type tally struct {
	x, y  float64
	label string
}

// cumulativeFigure builds the figure of Cumulative.
func cumulativeFigure(s *stats.Summary) (*figure, error) {
	ytd := s.YearToDate
	title := "Cumulative incidents against published tallies"
	if ytd.Year != 0 {
		title = fmt.Sprintf("Incidents in %d so far, against published tallies", ytd.Year)
	}
	if s.Total.Incidents == 0 || len(ytd.Days) == 0 {
		msg := noIncidents
		if s.Total.Incidents > 0 {
			msg = fmt.Sprintf("No counted incidents in %d", ytd.Year)
		}
		return emptyFigure(title, "", msg), nil
	}
	p, cp := cumulativePlotOf(s)
	legend := []legendEntry{
		{label: "Our count", swatch: swatchLine, color: countColor},
		{label: "Published tallies", swatch: swatchRing, color: tallyColor},
	}
	if len(cp.tallies) == 0 {
		legend = legend[:1]
	}
	sub := dayPeriod(ytd.Days[0].Date, ytd.Days[len(ytd.Days)-1].Date)
	return &figure{title: title, subtitle: sub, legend: legend, plot: p}, nil
}

// cumulativePlotOf returns the plot of Cumulative for a summary with at
// least one day in its year to date, and the plotter of its line and
// tallies. The x axis is in Unix seconds; day d's count holds from d 00:00
// to d+1 00:00, so a tally as of d sits at the left end of the step it is
// compared with. It runs to the end of the last day counted, or of the
// last tally's day when that is later.
func cumulativePlotOf(s *stats.Summary) (*plot.Plot, *cumulativePlot) {
	ytd := s.YearToDate
	jan1 := ytd.Days[0].Date
	last := ytd.Days[len(ytd.Days)-1]
	xmax := unixDate(last.Date) + day

	// The step line: each day where the count changes, drawn by
	// gonum/plot's Line with PostStep, so that it runs across each day at
	// its cumulative count.
	steps := plotter.XYs{{X: unixDate(jan1), Y: float64(ytd.Days[0].Cumulative)}}
	for k := 1; k < len(ytd.Days); k++ {
		if d := ytd.Days[k]; d.Cumulative != ytd.Days[k-1].Cumulative {
			steps = append(steps, plotter.XY{X: unixDate(d.Date), Y: float64(d.Cumulative)})
		}
	}
	steps = append(steps, plotter.XY{X: xmax, Y: float64(last.Cumulative)})
	ymax := float64(last.Cumulative)

	tallies := yearTallies(s.References, jan1.Year())
	for _, t := range tallies {
		xmax = max(xmax, t.x+day)
		ymax = max(ymax, t.y)
	}

	p := newPlot()
	p.X.Label.Text = strconv.Itoa(jan1.Year())
	p.Y.Label.Text = "Incidents since 1 January"
	p.X.Min, p.X.Max = unixDate(jan1), xmax
	p.X.Tick.Marker = plot.TickerFunc(monthTicks)
	// Headroom above the highest point for labels.
	countAxis(&p.Y, ymax*1.08)
	p.X.Padding, p.Y.Padding = 0, 0
	line := &plotter.Line{XYs: steps, StepStyle: plotter.PostStep,
		LineStyle: draw.LineStyle{Color: countColor, Width: lineWidth}}
	cp := &cumulativePlot{steps: steps, tallies: tallies}
	p.Add(newGrid(true, true), line, cp)
	return p, cp
}

// yearTallies returns the published tallies dated in year, in the order
// of refs, labelled by tallyLabel.
func yearTallies(refs []stats.Reconciled, year int) []tally {
	jan1 := time.Date(year, time.January, 1, 0, 0, 0, 0, time.UTC)
	var ts []tally
	for _, r := range refs {
		if !r.InYear {
			continue
		}
		ts = append(ts, tally{x: unixDate(r.AsOf), y: float64(r.Published), label: tallyLabel(r, jan1)})
	}
	return ts
}

// tallyLabel returns the label of a published tally: "39 (6 Jun)", or
// "14 since 20 Jan (4 Apr)" when it counts from a day other than jan1.
func tallyLabel(r stats.Reconciled, jan1 time.Time) string {
	if !r.Since.IsZero() && !r.Since.Equal(jan1) {
		return fmt.Sprintf("%d since %s (%s)", r.Published, r.Since.Format("2 Jan"), r.AsOf.Format("2 Jan"))
	}
	return fmt.Sprintf("%d (%s)", r.Published, r.AsOf.Format("2 Jan"))
}

// cumulativePlot is the plot.Plotter of the tallies of the cumulative
// chart: their markers and labels, placed clear of the step line (drawn by
// a plotter.Line before it).
type cumulativePlot struct {
	// steps are the step line's points, as its plotter.Line has them.
	steps   plotter.XYs
	tallies []tally
}

// layout returns, on the data canvas c of p, the step line, the centres of
// the tallies' markers and the boxes of their labels.
func (cp *cumulativePlot) layout(c draw.Canvas, p *plot.Plot) (line, anchors []vg.Point, boxes []vg.Rectangle) {
	trX, trY := p.Transforms(&c)
	// The polyline PostStep draws: across, then up, to each point.
	line = make([]vg.Point, 0, 2*len(cp.steps))
	for i, xy := range cp.steps {
		pt := vg.Point{X: trX(xy.X), Y: trY(xy.Y)}
		if i > 0 {
			line = append(line, vg.Point{X: pt.X, Y: line[len(line)-1].Y})
		}
		line = append(line, pt)
	}
	sty := tallyStyle()
	e := sty.FontExtents()
	anchors = make([]vg.Point, len(cp.tallies))
	sizes := make([]vg.Point, len(cp.tallies))
	for i, t := range cp.tallies {
		anchors[i] = vg.Point{X: trX(t.x), Y: trY(t.y)}
		sizes[i] = vg.Point{X: sty.Width(t.label) + 2*labelPad, Y: e.Ascent + e.Descent + 2*labelPad}
	}
	// The frame is the data area, less half the width of a line on its
	// edge.
	boxes = placeLabels(anchors, sizes, markerRadius+1, line, inflate(c.Rectangle, -lineWidth/2))
	return line, anchors, boxes
}

func tallyStyle() text.Style { return textStyle(sans, valueSize, black) }

// Plot implements plot.Plotter.
func (cp *cumulativePlot) Plot(c draw.Canvas, p *plot.Plot) {
	_, anchors, boxes := cp.layout(c, p)
	sty := tallyStyle()
	desc := sty.FontExtents().Descent
	lead := draw.LineStyle{Color: leaderColor, Width: vg.Points(1)}
	for i, t := range cp.tallies {
		b := boxes[i]
		if from, to, ok := leader(anchors[i], markerRadius, b); ok {
			c.StrokeLine2(lead, from.X, from.Y, to.X, to.Y)
		}
		c.FillPolygon(white, []vg.Point{b.Min, {X: b.Max.X, Y: b.Min.Y}, b.Max, {X: b.Min.X, Y: b.Max.Y}})
		newLine(sty, t.label).draw(c, b.Min.X+labelPad, b.Min.Y+labelPad+desc)
	}
	for _, a := range anchors {
		drawMarker(c, a, tallyColor)
	}
}

// drawMarker draws a tally's marker, a ring filled white, centred at pt.
func drawMarker(c draw.Canvas, pt vg.Point, col color.Color) {
	var ring vg.Path
	ring.Move(vg.Point{X: pt.X + markerRadius, Y: pt.Y})
	ring.Arc(pt, markerRadius, 0, 2*math.Pi)
	ring.Close()
	c.SetColor(white)
	c.Fill(ring)
	c.SetLineStyle(draw.LineStyle{Color: col, Width: vg.Points(2.5)})
	c.Stroke(ring)
}
