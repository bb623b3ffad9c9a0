package charts

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// barLayer is one layer of a stacked bar chart: a colour and a value per
// category.
type barLayer struct {
	color  color.Color
	values []float64
}

// stackedBars is a plot.Plotter that draws one bar per category, at
// positions 0, 1, ... on the category axis, its layers stacked from 0 in
// order, and a label beyond the end of each bar. Values must be finite;
// values <= 0 draw nothing. It is a GlyphBoxer, so the plot leaves room for
// the labels.
//
// gonum/plot's BarChart (with StackOn and Horizontal) and Labels were
// weighed and do not serve here: a BarChart's Width is a fixed length on
// the canvas, where these bars are a share of the space between
// categories, so that twelve months or forty sites fill a slide alike at
// any image size; and a label must sit beyond the top of the whole stack,
// whose height only the stack knows, with room reserved for it in the
// plot's glyph boxes. The cumulative chart's step line, where gonum's
// Line with StepStyle does serve, uses it.
type stackedBars struct {
	// horizontal bars grow along x, categories run up the y axis.
	horizontal bool
	layers     []barLayer
	// width is the bar thickness in category units (1 is touching bars).
	width float64
	// labels holds the text beyond the end of each bar; "" draws none.
	labels     []string
	labelStyle text.Style
	// labelAt, when set, holds for each category the value beyond which
	// its label sits when that is past the end of the bar: the top of an
	// interval drawn over the bar.
	labelAt []float64
	// partial, when set, says which categories are drawn as partial: in
	// paler colours, outlined by a dashed line (see drawPartial).
	partial []bool
}

// labelGap is the room between a bar's end and its label.
const labelGap = vg.Length(4)

// total returns the length of category i's bar.
func (b *stackedBars) total(i int) float64 {
	t := 0.0
	for _, l := range b.layers {
		if v := l.values[i]; v > 0 {
			t += v
		}
	}
	return t
}

// labelEnd returns the value along category i's bar at which its label
// starts: the bar's end, or labelAt[i] when that is further.
func (b *stackedBars) labelEnd(i int) float64 {
	t := b.total(i)
	if i < len(b.labelAt) {
		t = max(t, b.labelAt[i])
	}
	return t
}

// categories returns the number of categories.
func (b *stackedBars) categories() int {
	if len(b.layers) > 0 {
		return len(b.layers[0].values)
	}
	return len(b.labels)
}

// Plot implements plot.Plotter.
func (b *stackedBars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	// at maps (value along the bar, category position) to the canvas.
	at := func(v, pos float64) vg.Point {
		if b.horizontal {
			return vg.Point{X: trX(v), Y: trY(pos)}
		}
		return vg.Point{X: trX(pos), Y: trY(v)}
	}
	sep := draw.LineStyle{Color: white, Width: vg.Points(1)}
	labels := *b // labels drawn in the style that fits
	var show bool
	labels.labelStyle, show = b.fittedLabels(at(0, 1).X - at(0, 0).X)
	for i := 0; i < b.categories(); i++ {
		pos := float64(i)
		lo, hi := pos-b.width/2, pos+b.width/2
		base := 0.0
		for _, l := range b.layers {
			v := l.values[i]
			if v <= 0 {
				continue
			}
			pts := []vg.Point{at(base, lo), at(base+v, lo), at(base+v, hi), at(base, hi)}
			fill := l.color
			if b.isPartial(i) {
				fill = pale(fill)
			}
			c.FillPolygon(fill, c.ClipPolygonXY(pts))
			if base > 0 {
				// A thin white line between stacked layers.
				c.StrokeLines(sep, c.ClipLinesXY([]vg.Point{pts[0], pts[3]})...)
			}
			base += v
		}
		if b.isPartial(i) && base > 0 {
			outline := []vg.Point{at(0, lo), at(base, lo), at(base, hi), at(0, hi), at(0, lo)}
			c.StrokeLines(partialOutline, c.ClipLinesXY(outline)...)
		}
		if show && i < len(b.labels) && b.labels[i] != "" {
			box, l := labels.labelBox(i)
			end := at(b.labelEnd(i), pos)
			l.draw(c, end.X+box.Min.X, end.Y+box.Min.Y+l.desc)
		}
	}
}

// minBarLabel is the smallest size, in points, of the labels over
// vertical bars.
const minBarLabel = vg.Length(9)

// barLabelGap is the least room between the labels over two vertical bars.
const barLabelGap = vg.Length(3)

// fittedLabels returns the style of the labels over vertical bars spaced
// apart along x: the bars' labelStyle, or a smaller size, down to
// minBarLabel, at which the widest label leaves barLabelGap to the next
// bar's; show is false when even that is too wide, and then no bar has
// its label, so that no label runs into the next (the 36 monthly totals
// of three digits did at the full size). Horizontal bars' labels keep
// their size: they stand beside the bars.
func (b *stackedBars) fittedLabels(spacing vg.Length) (sty text.Style, show bool) {
	sty = b.labelStyle
	if b.horizontal {
		return sty, true
	}
	widest := ""
	for _, l := range b.labels {
		if sty.Width(l) > sty.Width(widest) {
			widest = l
		}
	}
	for size := sty.Font.Size; size >= minBarLabel; size-- {
		sty.Font.Size = size
		if sty.Width(widest)+barLabelGap <= spacing {
			return sty, true
		}
	}
	return b.labelStyle, false
}

// isPartial reports whether category i is drawn as partial.
func (b *stackedBars) isPartial(i int) bool { return i < len(b.partial) && b.partial[i] }

// partialOutline is the dashed line around a partial bar and its legend
// swatch.
var partialOutline = draw.LineStyle{Color: darkGrey, Width: vg.Points(1.25), Dashes: []vg.Length{vg.Points(4), vg.Points(2.5)}}

// pale returns c mixed with 55% white: a partial bar's colour, still its
// weapon's hue.
func pale(c color.Color) color.Color {
	r, g, b, _ := c.RGBA()
	mix := func(v uint32) uint8 { return uint8((45*(v>>8) + 55*0xFF + 50) / 100) }
	return color.RGBA{R: mix(r), G: mix(g), B: mix(b), A: 0xFF}
}

// labelBox returns the box of label i relative to the end of its bar, and
// the label as a line; the line is drawn from the box's left end, with its
// baseline l.desc above the box's bottom. A label beside a horizontal bar
// is centred on the bar by its capitals and digits, not its descenders.
func (b *stackedBars) labelBox(i int) (box vg.Rectangle, l line) {
	l = newLine(b.labelStyle, b.labels[i])
	if b.horizontal {
		base := -0.35 * b.labelStyle.Font.Size
		return vg.Rectangle{
			Min: vg.Point{X: labelGap, Y: base - l.desc},
			Max: vg.Point{X: labelGap + l.w, Y: base + l.ascent},
		}, l
	}
	return vg.Rectangle{
		Min: vg.Point{X: -l.w / 2, Y: labelGap - l.desc},
		Max: vg.Point{X: l.w / 2, Y: labelGap + l.ascent},
	}, l
}

// barLabelStyle returns the style of the labels at the end of bars.
func barLabelStyle() text.Style { return textStyle(sans, valueSize, black) }

// GlyphBoxes implements plot.GlyphBoxer: one box per label.
func (b *stackedBars) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	var boxes []plot.GlyphBox
	for i := 0; i < b.categories() && i < len(b.labels); i++ {
		if b.labels[i] == "" {
			continue
		}
		v, pos := b.labelEnd(i), float64(i)
		r, _ := b.labelBox(i)
		if b.horizontal {
			boxes = append(boxes, plot.GlyphBox{X: p.X.Norm(v), Y: p.Y.Norm(pos), Rectangle: r})
		} else {
			boxes = append(boxes, plot.GlyphBox{X: p.X.Norm(pos), Y: p.Y.Norm(v), Rectangle: r})
		}
	}
	return boxes
}

// categoryAxis sets up a as the axis of the categories named by names, at
// 0 to len(names)-1, with a label and no tick mark at each, and no padding
// between the axis and the data.
func categoryAxis(a *plot.Axis, names []string) {
	a.Min, a.Max = -0.5, float64(len(names))-0.5
	setCategoryTicks(a, names)
	a.Tick.Length = 0
	a.Padding = 0
}

// countAxis sets up a as the axis of counts from 0 to niceMax(max), with
// whole-number ticks and no padding between the axis and the data.
func countAxis(a *plot.Axis, max float64) {
	a.Min, a.Max = 0, niceMax(max)
	a.Tick.Marker = plot.TickerFunc(intTicks)
	a.Padding = 0
}

// horizontalBarPlot returns a plot of bars with one category per name
// (names[0] at the bottom) on the Y axis labelled yLabel, and incidents
// from 0 to at least top on the X axis, with vertical grid lines.
func horizontalBarPlot(yLabel string, names []string, top int, bars *stackedBars) *plot.Plot {
	p := newPlot()
	p.X.Label.Text = "Incidents"
	p.Y.Label.Text = yLabel
	categoryAxis(&p.Y, names)
	p.Y.Width = 0
	countAxis(&p.X, float64(top))
	p.Add(newGrid(true, false), bars)
	return p
}
