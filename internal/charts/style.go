package charts

import (
	"fmt"
	"image/color"
	"strconv"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Font sizes, in points. At the default 144 DPI a point is two pixels, so
// the tick labels are 28 px high on a 1600 px wide image: still readable
// when the image fills half a slide.
const (
	titleSize    = 22
	subtitleSize = 15
	axisSize     = 15
	tickSize     = 14
	legendSize   = 14
	valueSize    = 13 // labels on bars and published tallies
	footerSize   = 12
	messageSize  = 20
)

var (
	// sans is the typeface of every text; plot.DefaultFont is a serif and
	// is left alone, the fonts are set on each plot instead.
	sans     = font.Font{Typeface: "Liberation", Variant: "Sans"}
	sansBold = font.Font{Typeface: "Liberation", Variant: "Sans", Weight: xfont.WeightBold}

	black     = color.Gray{Y: 0x22}
	darkGrey  = color.Gray{Y: 0x55}
	midGrey   = color.Gray{Y: 0x88}
	gridGrey  = color.Gray{Y: 0xDD}
	frameGrey = color.Gray{Y: 0xBB}
	white     = color.White
)

// textStyle returns a text style in the sans font of the given size and
// colour, aligned at its left and bottom.
func textStyle(f font.Font, size vg.Length, c color.Color) text.Style {
	return text.Style{
		Color:   c,
		Font:    font.From(f, size),
		XAlign:  draw.XLeft,
		YAlign:  draw.YBottom,
		Handler: plot.DefaultTextHandler,
	}
}

// newPlot returns a plot with no title, no background (the figure paints
// it), the sans font on both axes and no default legend.
func newPlot() *plot.Plot {
	p := plot.New()
	p.BackgroundColor = nil
	p.Title.Text = ""
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sans, axisSize)
		a.Label.TextStyle.Color = black
		a.Label.Padding = vg.Points(6)
		a.Tick.Label.Font = font.From(sans, tickSize)
		a.Tick.Label.Color = black
		a.Color = darkGrey
		a.Tick.Color = darkGrey
		a.Width = vg.Points(1)
		a.Tick.Width = vg.Points(1)
		a.Tick.Length = vg.Points(5)
	}
	p.Legend.TextStyle.Font = font.From(sans, legendSize)
	return p
}

// newGrid returns light grid lines across the plot: vertical ones at the
// x ticks, horizontal ones at the y ticks, or both.
func newGrid(vertical, horizontal bool) *plotter.Grid {
	g := plotter.NewGrid()
	g.Vertical = draw.LineStyle{}
	g.Horizontal = draw.LineStyle{}
	line := draw.LineStyle{Color: gridGrey, Width: vg.Points(0.75)}
	if vertical {
		g.Vertical = line
	}
	if horizontal {
		g.Horizontal = line
	}
	return g
}

// parseColor parses a colour written "#RRGGBB", as incident.Weapon.Color
// gives it.
func parseColor(s string) (color.Color, error) {
	if len(s) != 7 || s[0] != '#' {
		return nil, fmt.Errorf("colour %q: want #RRGGBB", s)
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return nil, fmt.Errorf("colour %q: want #RRGGBB", s)
	}
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xFF}, nil
}
