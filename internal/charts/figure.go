package charts

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"report/internal/incident"
)

// figure is a chart laid out independently of its output format: a header
// (title, subtitle and legend), a plot, and a footer. Drawing it on a
// draw.Canvas is all an encoder needs.
type figure struct {
	title, subtitle string
	legend          []legendEntry
	// plot draws the data; nil means there is none and message is shown
	// centred in an empty frame instead.
	plot *plot.Plot
	// fit, when set, is called with the plot's area before the plot is
	// drawn, to fit what depends on its size (month labels), and returns
	// the area to draw the plot in: area or a part of it.
	fit     func(area draw.Canvas) draw.Canvas
	message string
	footer  string
}

// swatch is the kind of sample drawn beside a legend label.
type swatch uint8

const (
	swatchBox     swatch = iota // a filled square, for bars
	swatchMarker                // a tally's marker, shaped by its bound
	swatchPartial               // a pale box in a dashed outline, for a partial bar
	swatchHatch                 // an outlined square hatched like a convoy route's bar
	swatchNone                  // no sample: a heading for the entries after it
)

// legendEntry is one label of a legend and its sample.
type legendEntry struct {
	label  string
	swatch swatch
	color  color.Color
	// bound shapes a swatchMarker.
	bound incident.Bound
}

// Layout lengths, in points.
const (
	margin        = vg.Length(14)
	titleGap      = vg.Length(3)  // between title and subtitle
	headerGap     = vg.Length(12) // between the header and the plot
	footerGap     = vg.Length(8)  // between the plot and the footer
	legendGap     = vg.Length(22) // between legend entries
	legendRowGap  = vg.Length(4)
	swatchTextGap = vg.Length(6)
	// legendBesideGap is the least room between the title block and a
	// legend drawn beside it.
	legendBesideGap = vg.Length(30)
)

// line is one line of text in a style, for layout: its width, and its
// ascent and descent from the baseline.
type line struct {
	sty             text.Style
	txt             string
	w, ascent, desc vg.Length
}

func newLine(sty text.Style, txt string) line {
	e := sty.FontExtents()
	return line{sty: sty, txt: txt, w: sty.Width(txt), ascent: e.Ascent, desc: e.Descent}
}

// draw draws the line with its left end at x and its baseline at y.
func (l line) draw(c draw.Canvas, x, y vg.Length) {
	if l.txt == "" {
		return
	}
	sty := l.sty
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YBottom
	// text.Plain puts the baseline font size minus ascent above the point.
	c.FillText(sty, vg.Point{X: x, Y: y + l.ascent - sty.Font.Size}, l.txt)
}

// draw lays the figure out on c and draws it.
func (f *figure) draw(c draw.Canvas) {
	c.SetColor(white)
	c.Fill(c.Rectangle.Path())
	in := draw.Crop(c, margin, -margin, margin, -margin)
	width := in.Max.X - in.Min.X

	title := newLine(textStyle(sansBold, titleSize, black), f.title)
	sub := newLine(textStyle(sans, subtitleSize, darkGrey), f.subtitle)
	y := in.Max.Y - title.ascent
	title.draw(c, in.Min.X, y)
	y -= title.desc
	if f.subtitle != "" {
		y -= titleGap + sub.ascent
		sub.draw(c, in.Min.X, y)
		y -= sub.desc
	}

	if len(f.legend) > 0 {
		rows := legendRows(f.legend, width)
		block := max(title.w, sub.w)
		if len(rows) == 1 && block+legendBesideGap+rows[0].width <= width {
			// Beside the title block, right-aligned, on the
			// subtitle's (or title's) baseline.
			base := y + sub.desc
			if f.subtitle == "" {
				base = y + title.desc
			}
			rows[0].draw(c, in.Max.X-rows[0].width, base)
		} else {
			for _, r := range rows {
				y -= legendRowGap + r.ascent
				r.draw(c, in.Min.X, y)
				y -= r.desc
			}
		}
	}
	top := y - headerGap

	foot := newLine(textStyle(sans, footerSize, darkGrey), f.footer)
	foot.draw(c, in.Min.X, in.Min.Y+foot.desc)
	bottom := in.Min.Y + foot.desc + foot.ascent + footerGap

	area := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
		Min: vg.Point{X: in.Min.X, Y: bottom},
		Max: vg.Point{X: in.Max.X, Y: max(top, bottom+1)},
	}}
	if f.plot != nil {
		if f.fit != nil {
			area = f.fit(area)
		}
		f.plot.Draw(area)
		return
	}
	c.StrokeLines(draw.LineStyle{Color: frameGrey, Width: vg.Points(1)}, append(corners(area.Rectangle), area.Min))
	msg := textStyle(sans, messageSize, darkGrey)
	msg.XAlign, msg.YAlign = draw.XCenter, draw.YCenter
	c.FillText(msg, area.Center(), f.message)
}

// legendRow is a row of legend entries laid out left to right.
type legendRow struct {
	entries      []legendEntry
	labels       []line
	width        vg.Length
	ascent, desc vg.Length
}

// legendRows breaks the legend into rows no wider than width (a row holds
// at least one entry, however wide).
func legendRows(entries []legendEntry, width vg.Length) []legendRow {
	sty := textStyle(sans, legendSize, black)
	e := sty.FontExtents()
	newRow := func() legendRow {
		return legendRow{ascent: e.Ascent, desc: e.Descent}
	}
	var rows []legendRow
	r := newRow()
	for _, en := range entries {
		l := newLine(sty, en.label)
		w := swatchWidth + swatchTextGap + l.w
		if en.swatch == swatchNone {
			w = l.w
		}
		if len(r.entries) > 0 && r.width+legendGap+w > width {
			rows = append(rows, r)
			r = newRow()
		}
		if len(r.entries) > 0 {
			r.width += legendGap
		}
		r.width += w
		r.entries = append(r.entries, en)
		r.labels = append(r.labels, l)
	}
	return append(rows, r)
}

// swatchWidth is the width of a legend sample.
const swatchWidth vg.Length = 0.8 * legendSize

// draw draws the row with its left end at x and its baseline at y.
func (r legendRow) draw(c draw.Canvas, x, y vg.Length) {
	mid := y + 0.35*legendSize // the middle of a capital letter
	sw, h := swatchWidth, swatchWidth/2
	for i, en := range r.entries {
		box := vg.Rectangle{Min: vg.Point{X: x, Y: mid - h}, Max: vg.Point{X: x + sw, Y: mid + h}}
		switch en.swatch {
		case swatchBox:
			c.FillPolygon(en.color, corners(box))
		case swatchMarker:
			drawMarker(c, vg.Point{X: x + sw/2, Y: mid}, en.bound, en.color)
		case swatchPartial:
			c.FillPolygon(pale(en.color), corners(box))
			c.StrokeLines(partialOutline, append(corners(box), box.Min))
		case swatchHatch:
			c.FillPolygon(en.color, corners(box))
			hatch(c, box)
		}
		if en.swatch != swatchNone {
			x += sw + swatchTextGap
		}
		r.labels[i].draw(c, x, y)
		x += r.labels[i].w + legendGap
	}
}
