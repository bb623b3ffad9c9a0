package charts

import (
	"fmt"
	"image/color"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"report/internal/stats"
)

// topSites is the number of sites the sites chart and the heatmap show
// before they sum the rest, when the rest are more than maxOthers.
const topSites = 15

// maxOthers is the most sites past topSites that are still shown as
// bars of their own: a bar "Other sites (3)" would hide as much as it
// saves.
const maxOthers = 3

// shownSites returns the sites a chart shows: all of them when there are
// at most topSites+maxOthers, else the topSites most-attacked and one
// "Other sites (K)" (see stats.TopSites), and then other is set.
func shownSites(sites []stats.Site) (shown []stats.Site, other bool) {
	if len(sites) <= topSites+maxOthers {
		return stats.TopSites(sites, len(sites)), false
	}
	return stats.TopSites(sites, topSites), true
}

// siteName returns a site's name as a chart shows it.
func siteName(s stats.Site) string { return shorten(s.Name, maxSiteName) }

// maxSiteName is the most characters of a site name the charts show:
// longer names end in "…" after maxSiteName-1 characters. Real names are far
// shorter ("Baghdad Diplomatic Support Center" has 33).
const maxSiteName = 60

// shorten returns s, or its first n-1 characters and "…" when it has more
// than n.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// sitesFigure builds the sites chart: the incidents at each site as
// horizontal bars stacked by weapon, most-attacked at the top, the sites
// of shownSites. A convoy route's bar (stats.Site.IsConvoy) is hatched,
// and the legend says so.
func sitesFigure(s *stats.Summary) (*figure, error) {
	title := "Incidents by site"
	if s.SitesByGroup {
		title = "Incidents by site group"
	}
	sites, other := shownSites(s.Sites)
	if other {
		title += fmt.Sprintf(", top %d", topSites)
	}
	sub := period(s.First, s.Last)
	if s.Total.Incidents == 0 || len(s.Sites) == 0 {
		return emptyFigure(title, sub, noIncidents), nil
	}
	ws := usedWeapons(s)
	legend, err := weaponLegend(ws)
	if err != nil {
		return nil, err
	}
	n := len(sites)
	// Category 0 is at the bottom: the last site comes first.
	names := make([]string, n)
	bars := &stackedBars{horizontal: true, width: 0.7, labels: make([]string, n), labelStyle: barLabelStyle()}
	for i, w := range ws {
		l := barLayer{color: legend[i].color, values: make([]float64, n)}
		for j := range sites {
			l.values[n-1-j] = float64(sites[j].ByWeapon[w])
		}
		bars.layers = append(bars.layers, l)
	}
	top := 0
	convoys := &hatchedBars{bars: bars, categories: convoyCategories(sites, other)}
	for j, site := range sites {
		names[n-1-j] = siteName(site)
		bars.labels[n-1-j] = strconv.Itoa(site.Incidents)
		top = max(top, int(bars.total(n-1-j)))
	}

	axis := "Site"
	if s.SitesByGroup {
		axis = "Site group"
	}
	p := horizontalBarPlot(axis, names, top, bars)
	if len(convoys.categories) > 0 {
		p.Add(convoys)
		legend = append(legend, legendEntry{label: "Convoy route", swatch: swatchHatch, color: midGrey})
	}
	return &figure{title: title, subtitle: sub, legend: legend, plot: p}, nil
}

// convoyCategories returns the categories of the sites chart to hatch,
// counted from the bottom bar: those of the convoy routes among sites
// (stats.Site.IsConvoy), shown top first. When other is set the last
// site is "Other sites (K)", the sum of the sites past the top: a mix of
// places, never hatched as one route.
func convoyCategories(sites []stats.Site, other bool) []int {
	var cats []int
	for j, site := range sites {
		if site.IsConvoy() && !(other && j == len(sites)-1) {
			cats = append(cats, len(sites)-1-j)
		}
	}
	return cats
}

// hatchedBars is a plot.Plotter that hatches some bars of a horizontal
// stackedBars, drawn over them: the sites chart's convoy routes.
type hatchedBars struct {
	bars       *stackedBars
	categories []int
}

// Plot implements plot.Plotter.
func (h *hatchedBars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, i := range h.categories {
		pos, w := float64(i), h.bars.width/2
		box := vg.Rectangle{
			Min: vg.Point{X: trX(0), Y: trY(pos - w)},
			Max: vg.Point{X: trX(h.bars.total(i)), Y: trY(pos + w)},
		}
		hatch(c, box)
	}
}

// hatchColor and hatchStep are the colour and spacing of the hatching.
var hatchColor = color.White

const hatchStep = vg.Length(5)

// hatch draws white diagonal lines across box, and a dark outline around
// it.
func hatch(c draw.Canvas, box vg.Rectangle) {
	in := draw.Canvas{Canvas: c.Canvas, Rectangle: box}
	sty := draw.LineStyle{Color: hatchColor, Width: vg.Points(1.2)}
	h := box.Max.Y - box.Min.Y
	for x := box.Min.X - h; x < box.Max.X; x += hatchStep {
		in.StrokeLines(sty, in.ClipLinesXY([]vg.Point{{X: x, Y: box.Min.Y}, {X: x + h, Y: box.Max.Y}})...)
	}
	c.StrokeLines(draw.LineStyle{Color: darkGrey, Width: vg.Points(0.75)}, append(corners(box), box.Min))
}
