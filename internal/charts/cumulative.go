package charts

import (
	"fmt"
	"image/color"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"report/internal/incident"
	"report/internal/stats"
)

// leaderColor is the colour of a tally label's leader line.
var leaderColor = midGrey

// lineColor returns the colour of the i-th line and its tallies
// (incident.LineColor).
func lineColor(i int) color.Color {
	c, err := parseColor(incident.LineColor(i))
	if err != nil {
		panic(err) // incident's colours are constants, tested
	}
	return c
}

const (
	lineWidth    = vg.Length(2.5)
	markerRadius = vg.Length(5)
	labelPad     = vg.Length(2) // inside a label's box, around its text
)

// day is the length of a day on the time axis, in seconds.
const day = 24 * 60 * 60

// tally is a published tally as drawn: where, its marker and its label.
type tally struct {
	x, y  float64
	label string
	bound incident.Bound
	color color.Color
}

// cumulativeFigure builds the cumulative chart: the year-to-date count,
// day by day from 1 January through s.YearToDate.Through, as a step line,
// with every published tally of s.References drawn at its AsOf date and
// Published value and labelled like "39 (6 Jun)"; a tally counted from a
// date other than 1 January says so: "14 since 20 Jan (4 Apr)". Tallies
// dated outside the report year are left out. Labels are placed so that
// they overlap neither each other, nor the line, nor the frame, when there
// is room.
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
	var legend []legendEntry
	if len(cp.tallies) > 0 {
		for _, b := range []incident.Bound{incident.Exact, incident.AtLeast, incident.MoreThan, incident.About, incident.AtMost} {
			if cp.bounds[b] {
				legend = append(legend, legendEntry{label: boundLegend[b], swatch: swatchMarker, bound: b, color: darkGrey})
			}
		}
	}
	sub := dayPeriod(ytd.Days[0].Date, ytd.Days[len(ytd.Days)-1].Date)
	if n := len(cp.tallies); n > 0 {
		sub += fmt.Sprintf(" · %d of %d tallies met by our count under their own filter", cp.met, n)
	}
	return &figure{title: title, subtitle: sub, legend: legend, plot: p}, nil
}

// boundLegend names the markers of the bounds.
var boundLegend = map[incident.Bound]string{
	incident.Exact: "exactly", incident.AtLeast: "at least", incident.MoreThan: "more than",
	incident.About: "about", incident.AtMost: "at most",
}

// boundSign is the sign a tally's label starts with.
var boundSign = map[incident.Bound]string{
	incident.Exact: "", incident.AtLeast: "≥", incident.MoreThan: ">", incident.About: "~", incident.AtMost: "≤",
}

// lineLabel names a running count at its end.
func lineLabel(l stats.Line) string {
	for _, ns := range incident.StandardScopes() {
		if ns.Scope == l.Scope {
			switch ns.Name {
			case "all":
				return "All ours"
			case "convoys_only":
				return "Convoys"
			case "no_convoys":
				return "No convoys"
			case "high_confidence":
				return "High confidence"
			}
		}
	}
	return scopeWords(l.Scope.String())
}

// scopeWords turns a scope's canonical form into words: "weapon=rocket,ied"
// is "Rocket or IED", "target_type!=convoy" is "Not convoy".
func scopeWords(s string) string {
	var parts []string
	for _, clause := range strings.Split(s, "; ") {
		field, values, not := strings.Cut(clause, "!=")
		if !not {
			field, values, _ = strings.Cut(clause, "=")
		}
		var words []string
		for _, v := range strings.Split(values, ",") {
			if w, ok := incident.ParseWeapon(v); ok && field == "weapon" {
				v = w.Label()
			}
			words = append(words, strings.ReplaceAll(v, "_", " "))
		}
		part := strings.Join(words, " or ")
		if not {
			part = "not " + part
		}
		parts = append(parts, part)
	}
	out := strings.Join(parts, ", ")
	if out == "" {
		return out
	}
	return strings.ToUpper(out[:1]) + out[1:]
}

// cumulativePlotOf returns the plot of the cumulative chart for a summary with at
// least one day in its year to date, and the plotter of its tallies. A
// tally counted from a day after 1 January is drawn against a thin dashed
// line of our count under its filter from that day. The
// x axis is in Unix seconds; day d's count holds from d 00:00 to d+1
// 00:00, so a tally through d sits at the left end of the step it is
// compared with. Each running count of s.YearToDate.Lines is a step line
// labelled at its end, in the room left right of the last day; each tally
// of the year sits on its line's scale (Reconciled.Plotted) at its
// Through date, with a marker for its bound.
func cumulativePlotOf(s *stats.Summary) (*plot.Plot, *cumulativePlot) {
	ytd := s.YearToDate
	jan1 := ytd.Days[0].Date
	last := ytd.Days[len(ytd.Days)-1]
	end := unixDate(last.Date) + day
	ymax := 0.0
	cp := &cumulativePlot{bounds: map[incident.Bound]bool{}}
	var plotters []plot.Plotter
	for i, l := range ytd.Lines {
		col := lineColor(i)
		// The points where the count changes, drawn by gonum/plot's
		// Line with PostStep: across each day at its count.
		steps := plotter.XYs{{X: unixDate(jan1), Y: float64(l.Cumulative[0])}}
		for k := 1; k < len(l.Cumulative); k++ {
			if l.Cumulative[k] != l.Cumulative[k-1] {
				steps = append(steps, plotter.XY{X: unixDate(ytd.Days[k].Date), Y: float64(l.Cumulative[k])})
			}
		}
		final := float64(l.Cumulative[len(l.Cumulative)-1])
		steps = append(steps, plotter.XY{X: end, Y: final})
		ymax = max(ymax, final)
		plotters = append(plotters, &plotter.Line{XYs: steps, StepStyle: plotter.PostStep,
			LineStyle: draw.LineStyle{Color: col, Width: lineWidth}})
		cp.lines = append(cp.lines, steps)
		cp.ends = append(cp.ends, lineEnd{x: end, y: final, color: col,
			label: fmt.Sprintf("%s %d", lineLabel(l), int(final))})
	}
	xmax := end
	for _, r := range s.References {
		if r.Line < 0 || !r.InYear {
			continue
		}
		t := tally{x: unixDate(r.Through), y: float64(r.Plotted), label: tallyLabel(r, jan1), bound: r.Bound,
			color: lineColor(r.Line)}
		if r.FromSince {
			// Our count under its filter from its own start: its scope's
			// line less our count before Since, thin and dashed.
			l := ytd.Lines[r.Line].Cumulative
			first := int(r.Since.Sub(jan1).Hours() / 24)
			last := min(int(r.Through.Sub(jan1).Hours()/24), len(l)-1)
			if first <= last {
				steps := plotter.XYs{{X: unixDate(r.Since), Y: float64(l[first] - r.Before)}}
				for k := first + 1; k <= last; k++ {
					if l[k] != l[k-1] {
						steps = append(steps, plotter.XY{X: unixDate(ytd.Days[k].Date), Y: float64(l[k] - r.Before)})
					}
				}
				steps = append(steps, plotter.XY{X: unixDate(r.Through) + day, Y: float64(l[last] - r.Before)})
				plotters = append(plotters, &plotter.Line{XYs: steps, StepStyle: plotter.PostStep,
					LineStyle: draw.LineStyle{Color: t.color, Width: lineWidth / 2, Dashes: []vg.Length{vg.Points(4), vg.Points(3)}}})
				cp.lines = append(cp.lines, steps)
			}
		}
		cp.tallies = append(cp.tallies, t)
		cp.bounds[r.Bound] = true
		if r.Verdict == stats.Consistent {
			cp.met++
		}
		xmax = max(xmax, t.x+day)
		ymax = max(ymax, t.y)
	}
	// Room right of the data for the lines' labels.
	room := 0.2 * (xmax - unixDate(jan1))
	p := newPlot()
	p.X.Label.Text = strconv.Itoa(jan1.Year())
	p.Y.Label.Text = "Incidents since 1 January"
	p.X.Min, p.X.Max = unixDate(jan1), xmax+room
	p.X.Tick.Marker = plot.TickerFunc(func(min, max float64) []plot.Tick { return monthTicks(min, xmax) })
	// Headroom above the highest point for labels.
	countAxis(&p.Y, ymax*1.08)
	p.X.Padding, p.Y.Padding = 0, 0
	p.Add(newGrid(true, true))
	p.Add(plotters...)
	p.Add(cp)
	return p, cp
}

// tallyLabel returns the label of a published tally: its bound's sign,
// the number and the day it is through: "≥39 (6 Jun)"; one counted from a
// day other than jan1 says so: "14 since 20 Jan (4 Apr)".
func tallyLabel(r stats.Reconciled, jan1 time.Time) string {
	through := r.Through
	n := boundSign[r.Bound] + strconv.Itoa(r.Published)
	if !r.Since.IsZero() && !r.Since.Equal(jan1) {
		return fmt.Sprintf("%s since %s (%s)", n, r.Since.Format("2 Jan"), through.Format("2 Jan"))
	}
	return fmt.Sprintf("%s (%s)", n, through.Format("2 Jan"))
}

// lineEnd is the label at the end of a running count.
type lineEnd struct {
	x, y  float64
	label string
	color color.Color
}

// cumulativePlot is the plot.Plotter of the cumulative chart's tallies
// and line labels: the tallies' markers and labels placed clear of the
// step lines (drawn by plotter.Lines before it).
type cumulativePlot struct {
	// lines are the step lines' points, as their plotter.Lines have them.
	lines   []plotter.XYs
	ends    []lineEnd
	tallies []tally
	bounds  map[incident.Bound]bool
	met     int // tallies whose verdict is consistent
	// placed keeps the tallies' label boxes of the last canvas drawn.
	placed labelMemo
}

// layout returns, on the data canvas c of p, the step lines, the centres
// of the tallies' markers and the boxes of their labels.
func (cp *cumulativePlot) layout(c draw.Canvas, p *plot.Plot) (lines [][]vg.Point, anchors []vg.Point, boxes []vg.Rectangle) {
	trX, trY := p.Transforms(&c)
	for _, steps := range cp.lines {
		// The polyline PostStep draws: across, then up, to each point.
		line := make([]vg.Point, 0, 2*len(steps))
		for i, xy := range steps {
			pt := vg.Point{X: trX(xy.X), Y: trY(xy.Y)}
			if i > 0 {
				line = append(line, vg.Point{X: pt.X, Y: line[len(line)-1].Y})
			}
			line = append(line, pt)
		}
		lines = append(lines, line)
	}
	sty := tallyStyle()
	e := sty.FontExtents()
	anchors = make([]vg.Point, len(cp.tallies))
	sizes := make([]vg.Point, len(cp.tallies))
	for i, t := range cp.tallies {
		anchors[i] = vg.Point{X: trX(t.x), Y: trY(t.y)}
		sizes[i] = vg.Point{X: sty.Width(t.label) + 2*labelPad, Y: e.Ascent + e.Descent + 2*labelPad}
	}
	// The line labels are obstacles too: each as a short line of its
	// own along its box.
	for _, box := range cp.endBoxes(c, p) {
		lines = append(lines, append(corners(box), box.Min))
	}
	// The frame is the data area, less half the width of a line on its
	// edge.
	boxes, _, ok := cp.placed.get(c.Rectangle)
	if !ok {
		boxes = placeLabels(anchors, sizes, markerRadius+1, lines, inflate(c.Rectangle, -lineWidth/2))
		cp.placed.put(c.Rectangle, boxes, nil)
	}
	return lines, anchors, boxes
}

// endBoxes returns the boxes of the lines' labels: right of each line's
// end, centred on it, moved up or down so that none overlaps another.
func (cp *cumulativePlot) endBoxes(c draw.Canvas, p *plot.Plot) []vg.Rectangle {
	trX, trY := p.Transforms(&c)
	sty := textStyle(sansBold, valueSize, black)
	e := sty.FontExtents()
	h := e.Ascent + e.Descent + 2*labelPad
	boxes := make([]vg.Rectangle, len(cp.ends))
	order := make([]int, len(cp.ends))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return cp.ends[order[a]].y > cp.ends[order[b]].y })
	floor := c.Max.Y
	for _, i := range order {
		end := cp.ends[i]
		x, y := trX(end.x)+4, trY(end.y)
		top := min(y+h/2, floor)
		boxes[i] = vg.Rectangle{Min: vg.Point{X: x, Y: top - h}, Max: vg.Point{X: x + sty.Width(end.label) + 2*labelPad, Y: top}}
		floor = top - h - 1
	}
	return boxes
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
		c.FillPolygon(white, corners(b))
		newLine(sty, t.label).draw(c, b.Min.X+labelPad, b.Min.Y+labelPad+desc)
	}
	for i, a := range anchors {
		drawMarker(c, a, cp.tallies[i].bound, cp.tallies[i].color)
	}
	endSty := textStyle(sansBold, valueSize, black)
	endDesc := endSty.FontExtents().Descent
	for i, b := range cp.endBoxes(c, p) {
		endSty.Color = cp.ends[i].color
		newLine(endSty, cp.ends[i].label).draw(c, b.Min.X+labelPad, b.Min.Y+labelPad+endDesc)
	}
}

// drawMarker draws a tally's marker centred at pt, white inside, its
// shape by the bound: a ring for exact, a triangle pointing up for at
// least and more than (filled for more than), a diamond for about, a
// triangle pointing down for at most.
func drawMarker(c draw.Canvas, pt vg.Point, b incident.Bound, col color.Color) {
	var path vg.Path
	r := markerRadius
	fill := color.Color(white)
	switch b {
	case incident.AtLeast, incident.MoreThan, incident.AtMost:
		r *= 1.3
		dy := vg.Length(1)
		if b == incident.AtMost {
			dy = -1
		}
		path.Move(vg.Point{X: pt.X, Y: pt.Y + dy*r})
		path.Line(vg.Point{X: pt.X + 0.87*r, Y: pt.Y - dy*r/2})
		path.Line(vg.Point{X: pt.X - 0.87*r, Y: pt.Y - dy*r/2})
		if b == incident.MoreThan {
			fill = col
		}
	case incident.About:
		r *= 1.25
		path.Move(vg.Point{X: pt.X, Y: pt.Y + r})
		path.Line(vg.Point{X: pt.X + r, Y: pt.Y})
		path.Line(vg.Point{X: pt.X, Y: pt.Y - r})
		path.Line(vg.Point{X: pt.X - r, Y: pt.Y})
	default:
		path.Move(vg.Point{X: pt.X + r, Y: pt.Y})
		path.Arc(pt, r, 0, 2*math.Pi)
	}
	path.Close()
	c.SetColor(fill)
	c.Fill(path)
	c.SetLineStyle(draw.LineStyle{Color: col, Width: vg.Points(2.5)})
	c.Stroke(path)
}
