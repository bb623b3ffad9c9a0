package charts

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"report/internal/basemap"
	"report/internal/incident"
	"report/internal/stats"
)

// The map. Each site with a position (stats.Site.Position, the mean of its
// incidents' positions, which the gazetteer fills in where a row gives
// none) is one marker whose area is proportional to its incidents: a pie
// of its weapons for a fixed site, a square of the same area, striped by
// weapon, for a convoy route (stats.Site.IsConvoy), drawn at the mean
// place of the route's attacks. The largest markers are drawn first, so
// smaller ones stay visible on top. Of the mapLabels most-attacked sites
// on the map, those whose label "Name (n)" finds a place that covers no
// marker, no other label and no country's name are labelled (see
// placeSiteLabels).
//
// A site without a position, outside the map, or whose incidents lie more
// than maxSpread degrees apart (a group of convoy routes) is not drawn; it
// is listed in the note beside the map, most incidents first.

// mapLabels is the most sites the map labels.
const mapLabels = 16

// mapJointTries is how many labels left out by fitLabels the map tries
// again together with the others, and mapShuffles the shuffled orders
// each such try takes (placeLabels takes more, for fewer labels).
const (
	mapJointTries = 4
	mapShuffles   = 6
)

// mapLabelSize is the size of the sites' labels, in points.
const mapLabelSize = 12

// maxSpread is the widest spread of a site's positions, in degrees (about
// 400 km, the width of Anbar), that the map still draws at their mean: a
// convoy route in one province is drawn, a group of routes across the
// country is not.
const maxSpread = 4.0

// namePoints are where the map writes some countries' names instead of at
// basemap.Label: Iraq's in the western desert, where markers seldom are
// (basemap.Label's point is near Baghdad), Turkey's in the strip of it in
// view. A point outside the country is not used.
var namePoints = map[string]basemap.Point{
	"IRQ": {Lon: 41.7, Lat: 32.3},
	"TUR": {Lon: 40.4, Lat: 37.38},
}

// maxNoted is the most sites the note names; the rest are counted.
const maxNoted = 12

// Map colours: light, so that the weapon colours stand out.
var (
	seaColor     = color.RGBA{R: 0xE4, G: 0xEE, B: 0xF5, A: 0xFF}
	iraqColor    = color.RGBA{R: 0xF1, G: 0xEC, B: 0xE0, A: 0xFF}
	landColor    = color.RGBA{R: 0xF8, G: 0xF7, B: 0xF4, A: 0xFF}
	borderColor  = color.Gray{Y: 0x8C}
	provColor    = color.Gray{Y: 0xCF}
	nameColor    = color.Gray{Y: 0x99}
	haloColor    = color.NRGBA{R: 0xFF, G: 0xFF, B: 0xFF, A: 0xD0}
	markerStroke = color.Gray{Y: 0x44}
)

// mapFigure builds the map chart: the incidents on a map of Iraq and its
// neighbours, one marker per site with a position, its area proportional
// to its incidents, a pie of its weapons for a fixed site and a square
// striped by weapon for a convoy route, the most-attacked sites labelled.
// Sites not on the map (no position, outside it, or their incidents
// spread too far apart) are listed beside it.
func mapFigure(s *stats.Summary) (*figure, error) {
	title := "Incidents by site, on the map"
	if s.SitesByGroup {
		title = "Incidents by site group, on the map"
	}
	sub := period(s.First, s.Last)
	if s.Total.Incidents == 0 || len(s.Sites) == 0 {
		return emptyFigure(title, sub, noIncidents), nil
	}
	mp, err := newMapPlot(s.Sites)
	if err != nil {
		return nil, err
	}
	// The weapons of the markers drawn: none when no site is on the map.
	var drawn [incident.NumWeapons]int
	for _, site := range mp.sites {
		for w, n := range site.ByWeapon {
			drawn[w] += n
		}
	}
	legend, err := weaponLegend(weaponsIn(&drawn))
	if err != nil {
		return nil, err
	}
	mp.byGroup = s.SitesByGroup
	p := newPlot()
	p.HideAxes()
	p.X.Padding, p.Y.Padding = 0, 0
	p.Add(mp)
	return &figure{title: title, subtitle: sub, legend: legend, plot: p}, nil
}

// newMapPlot returns the map of sites: those it can place, and the note
// naming the others.
func newMapPlot(sites []stats.Site) (*mapPlot, error) {
	mp := &mapPlot{countries: basemap.Countries(), governorates: basemap.Governorates()}
	for _, w := range incident.Weapons() {
		var err error
		if mp.colors[w], err = parseColor(w.Color()); err != nil {
			return nil, fmt.Errorf("weapon %s: %w", w, err)
		}
	}
	var off []string
	for _, site := range sites {
		p := site.Position
		switch {
		case p == nil || !inView(p.Lon, p.Lat):
			off = append(off, fmt.Sprintf("%s (%d)", site.Name, site.Incidents))
		case site.Spread > maxSpread:
			off = append(off, fmt.Sprintf("%s (%d, places up to %.1f° apart)", site.Name, site.Incidents, site.Spread))
		default:
			mp.sites = append(mp.sites, site)
			mp.top = max(mp.top, site.Incidents)
		}
	}
	if len(off) > maxNoted {
		off = append(off[:maxNoted-1], fmt.Sprintf("and %d more", len(off)-maxNoted+1))
	}
	if len(off) > 0 {
		mp.note = "Not on the map: " + strings.Join(off, "; ") + "."
	}
	return mp, nil
}

// mapPlot is a plot.Plotter that draws the map in its canvas, ignoring the
// plot's axes: the map on the left at its true aspect, the keys and the
// note on the right.
type mapPlot struct {
	countries    []basemap.Country
	governorates []basemap.Governorate
	// sites are those drawn, most incidents first; top is the most.
	sites  []stats.Site
	top    int
	note   string
	colors [incident.NumWeapons]color.Color
	// byGroup says the sites are site groups.
	byGroup bool
	// placed keeps the labels placed on the last canvas drawn, for the
	// next format drawn at the same size.
	placed labelMemo
}

// labelMemo keeps the label boxes placed on a canvas of one size: a
// figure drawn again at the same size (the PNG, then the SVG) places its
// labels once, since the placement depends only on that size.
type labelMemo struct {
	rect  vg.Rectangle
	boxes []vg.Rectangle
	fits  []bool
	ok    bool
}

// get returns the boxes and fits kept for rect, and whether there are any.
func (m *labelMemo) get(rect vg.Rectangle) ([]vg.Rectangle, []bool, bool) {
	if !m.ok || m.rect != rect {
		return nil, nil, false
	}
	return m.boxes, m.fits, true
}

// put keeps boxes and fits for rect.
func (m *labelMemo) put(rect vg.Rectangle, boxes []vg.Rectangle, fits []bool) {
	*m = labelMemo{rect: rect, boxes: boxes, fits: fits, ok: true}
}

// Layout of the map, in points.
const (
	// panelMin is the least width of the keys beside the map; the map
	// shrinks to leave it.
	panelMin = vg.Length(200)
	panelGap = vg.Length(24)
	// minMarker is the least radius of a marker, so that a site with one
	// incident stays visible when another has hundreds.
	minMarker = vg.Length(2.5)
)

// projection maps (longitude, latitude) to the canvas: equirectangular
// with longitudes scaled by the cosine of the middle latitude, which keeps
// shapes and distances true to within 4% across the map.
type projection struct {
	lo, hi basemap.Point
	k      float64 // cos(middle latitude)
	scale  vg.Length
	origin vg.Point // where lo is drawn
}

// viewLo and viewHi are the corners of the part of basemap.Bounds the map
// shows: Iraq (lon 38.8 to 48.6, lat 29.1 to 37.4) and a little around it.
var (
	viewLo = basemap.Point{Lon: 38.5, Lat: 28.9}
	viewHi = basemap.Point{Lon: 48.9, Lat: 37.6}
)

// inView reports whether the point (lon, lat) is in the map's view.
func inView(lon, lat float64) bool {
	return lon >= viewLo.Lon && lon <= viewHi.Lon && lat >= viewLo.Lat && lat <= viewHi.Lat
}

func newProjection(area vg.Rectangle) projection {
	lo, hi := viewLo, viewHi
	pr := projection{lo: lo, hi: hi, k: math.Cos((lo.Lat + hi.Lat) / 2 * math.Pi / 180)}
	w, h := (hi.Lon-lo.Lon)*pr.k, hi.Lat-lo.Lat
	pr.scale = min((area.Max.X-area.Min.X)/vg.Length(w), (area.Max.Y-area.Min.Y)/vg.Length(h))
	// Top left of the area.
	pr.origin = vg.Point{X: area.Min.X, Y: area.Max.Y - pr.scale*vg.Length(h)}
	return pr
}

func (pr projection) at(lon, lat float64) vg.Point {
	return vg.Point{
		X: pr.origin.X + pr.scale*vg.Length((lon-pr.lo.Lon)*pr.k),
		Y: pr.origin.Y + pr.scale*vg.Length(lat-pr.lo.Lat),
	}
}

// frame returns the rectangle of the whole map.
func (pr projection) frame() vg.Rectangle {
	return vg.Rectangle{Min: pr.at(pr.lo.Lon, pr.lo.Lat), Max: pr.at(pr.hi.Lon, pr.hi.Lat)}
}

func (pr projection) ring(r []basemap.Point) []vg.Point {
	pts := make([]vg.Point, len(r))
	for i, p := range r {
		pts[i] = pr.at(p.Lon, p.Lat)
	}
	return pts
}

// markerRadiusOf returns the radius of the marker of n incidents: its area
// proportional to n, the largest (top) of radius rmax, none under
// minMarker.
func markerRadiusOf(n, top int, rmax vg.Length) vg.Length {
	if top <= 0 {
		return minMarker
	}
	return max(minMarker, rmax*vg.Length(math.Sqrt(float64(n)/float64(top))))
}

// Plot implements plot.Plotter.
func (mp *mapPlot) Plot(c draw.Canvas, _ *plot.Plot) {
	area := c.Rectangle
	// The map takes what the panel leaves.
	mapArea := area
	mapArea.Max.X = max(area.Min.X+50, area.Max.X-panelMin-panelGap)
	pr := newProjection(mapArea)
	fr := pr.frame()
	rmax := 0.06 * (fr.Max.Y - fr.Min.Y)

	mp.drawBase(c, pr)
	names := mp.drawCountryNames(c, pr)

	// Markers: the largest first.
	anchors := make([]vg.Point, len(mp.sites))
	radii := make([]vg.Length, len(mp.sites))
	for i, site := range mp.sites {
		anchors[i] = pr.at(site.Position.Lon, site.Position.Lat)
		radii[i] = markerRadiusOf(site.Incidents, mp.top, rmax)
		if site.IsConvoy() {
			radii[i] *= vg.Length(math.Sqrt(math.Pi)) / 2 // a square of the circle's area
		}
	}
	for i, site := range mp.sites {
		mp.drawMarker(c, anchors[i], radii[i], &site)
	}

	c.StrokeLines(draw.LineStyle{Color: frameGrey, Width: vg.Points(1)}, append(corners(fr), fr.Min))
	panel := vg.Rectangle{Min: vg.Point{X: fr.Max.X + panelGap, Y: area.Min.Y}, Max: area.Max}
	used := mp.drawPanel(c, panel, rmax)

	// Labels of the most-attacked sites: as many as find a place that
	// covers no marker, no other label, no country name and not the
	// panel's keys. They may reach beyond the map.
	sty := textStyle(sans, mapLabelSize, black)
	desc := sty.FontExtents().Descent
	n := min(mapLabels, len(mp.sites))
	labels := make([]line, n)
	sizes := make([]vg.Point, n)
	for i := range n {
		labels[i] = newLine(sty, fmt.Sprintf("%s (%d)", shorten(mp.sites[i].Name, 32), mp.sites[i].Incidents))
		sizes[i] = vg.Point{X: labels[i].w + 2*labelPad, Y: labels[i].ascent + labels[i].desc + 2*labelPad}
	}
	boxes, fits, ok := mp.placed.get(area)
	if !ok {
		boxes, fits = placeSiteLabels(anchors, radii, sizes, append(names, outline(inflate(used, 4))), inflate(area, -2))
		mp.placed.put(area, boxes, fits)
	}
	lead := draw.LineStyle{Color: darkGrey, Width: vg.Points(0.75)}
	for i, b := range boxes {
		if !fits[i] {
			continue
		}
		if from, to, ok := leader(anchors[i], radii[i], b); ok {
			c.StrokeLine2(lead, from.X, from.Y, to.X, to.Y)
		}
		c.FillPolygon(haloColor, corners(b))
		labels[i].draw(c, b.Min.X+labelPad, b.Min.Y+labelPad+desc)
	}
}

// placeSiteLabels places the labels of the len(sizes) most-attacked
// sites, of those sizes, clear of the markers, of keep and inside frame, and returns
// their boxes and which fit. Placed one at a time, most-attacked first;
// then, placed together (which finds room that one at a time misses), the
// most-attacked of those left out are tried again, one more at a time.
func placeSiteLabels(anchors []vg.Point, radii []vg.Length, sizes []vg.Point, keep [][]vg.Point, frame vg.Rectangle) ([]vg.Rectangle, []bool) {
	boxes, fits := fitLabels(anchors, radii, sizes, keep, frame)
	n := len(sizes)
	var set []int
	for i := range n {
		if fits[i] {
			set = append(set, i)
		}
	}
	tries := 0
	for i := range n {
		if fits[i] || tries == mapJointTries {
			continue
		}
		tries++
		with := append(slices.Clone(set), i)
		slices.Sort(with)
		if b, ok := placeTogether(anchors, radii, sizes, with, keep, frame); ok {
			set = with
			for j, k := range with {
				boxes[k] = b[j]
				fits[k] = true
			}
		}
	}
	if tries == 0 && len(set) > 0 {
		// All fit: placed together they may sit nearer.
		if b, ok := placeTogether(anchors, radii, sizes, set, keep, frame); ok {
			for j, k := range set {
				boxes[k] = b[j]
			}
		}
	}
	return boxes, fits
}

// placeTogether places the labels of the markers in set (indexes into
// anchors, ascending, each < len(sizes)) together with placeMarkerLabels,
// every other marker kept clear, and returns their boxes in set's order
// and whether they break no rule.
func placeTogether(anchors []vg.Point, radii []vg.Length, sizes []vg.Point, set []int, lines [][]vg.Point, frame vg.Rectangle) ([]vg.Rectangle, bool) {
	in := make([]bool, len(anchors))
	for _, i := range set {
		in[i] = true
	}
	order := append([]int(nil), set...)
	for i := range anchors {
		if !in[i] {
			order = append(order, i)
		}
	}
	oa, or, os := make([]vg.Point, len(order)), make([]vg.Length, len(order)), make([]vg.Point, len(set))
	for j, i := range order {
		oa[j], or[j] = anchors[i], radii[i]
		if j < len(set) {
			os[j] = sizes[i]
		}
	}
	boxes := placeMarkerLabels(oa, or, os, lines, frame, mapShuffles)
	return boxes, labelsBroken(oa, or, os, lines, frame, boxes) == 0
}

// outline returns the outline of b with both its diagonals, a line that
// any label over b touches.
func outline(b vg.Rectangle) []vg.Point {
	return []vg.Point{b.Min, {X: b.Max.X, Y: b.Min.Y}, b.Max, {X: b.Min.X, Y: b.Max.Y}, b.Min, b.Max,
		{X: b.Min.X, Y: b.Max.Y}, {X: b.Max.X, Y: b.Min.Y}}
}

// drawBase draws the sea, the countries, the governorates' lines and the
// borders.
func (mp *mapPlot) drawBase(c draw.Canvas, pr projection) {
	fr := pr.frame()
	c.FillPolygon(seaColor, corners(fr))
	// Everything is clipped to the view.
	c = draw.Canvas{Canvas: c.Canvas, Rectangle: fr}
	for _, ct := range mp.countries {
		fill := color.Color(landColor)
		if ct.ISO == "IRQ" {
			fill = iraqColor
		}
		for _, r := range ct.Rings {
			c.FillPolygon(fill, c.ClipPolygonXY(pr.ring(r)))
		}
	}
	prov := draw.LineStyle{Color: provColor, Width: vg.Points(0.6)}
	for _, g := range mp.governorates {
		for _, r := range g.Rings {
			c.StrokeLines(prov, c.ClipLinesXY(pr.ring(r))...)
		}
	}
	border := draw.LineStyle{Color: borderColor, Width: vg.Points(1)}
	for _, ct := range mp.countries {
		for _, r := range ct.Rings {
			c.StrokeLines(border, c.ClipLinesXY(pr.ring(r))...)
		}
	}
}

// drawCountryNames writes each country's name at its label point, Iraq's
// larger, and returns the outline of each name, with its diagonals, for
// the site labels to keep off. Azerbaijan's sliver is left unnamed.
func (mp *mapPlot) drawCountryNames(c draw.Canvas, pr projection) [][]vg.Point {
	var outlines [][]vg.Point
	for _, ct := range mp.countries {
		if ct.ISO == "AZE" {
			continue
		}
		sty := textStyle(sans, 12, nameColor)
		if ct.ISO == "IRQ" {
			sty = textStyle(sansBold, 16, nameColor)
		}
		sty.XAlign, sty.YAlign = draw.XCenter, draw.YCenter
		name := strings.ToUpper(ct.Name)
		if ct.ISO == "SAU" {
			name = "SAUDI\nARABIA"
		}
		lp := basemap.Label(ct.ISO)
		if np, ok := namePoints[ct.ISO]; ok && ct.Contains(np) {
			lp = np
		}
		if !inView(lp.Lon, lp.Lat) {
			continue
		}
		at := pr.at(lp.Lon, lp.Lat)
		// Inside the frame, however near its edge the point is.
		r := sty.Rectangle(name)
		fr := inflate(pr.frame(), -3)
		at.X = clamp(at.X, fr.Min.X-r.Min.X, fr.Max.X-r.Max.X)
		at.Y = clamp(at.Y, fr.Min.Y-r.Min.Y, fr.Max.Y-r.Max.Y)
		c.FillText(sty, at, name)
		b := vg.Rectangle{Min: at.Add(r.Min), Max: at.Add(r.Max)}
		outlines = append(outlines, outline(b))
	}
	return outlines
}

// drawMarker draws a site's marker: a pie of its weapons for a fixed site,
// a square striped by weapon for a convoy route, r its radius (half the
// square's side).
func (mp *mapPlot) drawMarker(c draw.Canvas, at vg.Point, r vg.Length, site *stats.Site) {
	var outline vg.Path
	if site.IsConvoy() {
		x := at.X - r
		for w, n := range site.ByWeapon {
			if n == 0 {
				continue
			}
			dx := 2 * r * vg.Length(float64(n)/float64(site.Incidents))
			c.FillPolygon(mp.colors[w], []vg.Point{{X: x, Y: at.Y - r}, {X: x + dx, Y: at.Y - r}, {X: x + dx, Y: at.Y + r}, {X: x, Y: at.Y + r}})
			x += dx
		}
		outline = polygonPath(corners(markerBox(at, r)))
	} else {
		// Wedges clockwise from twelve o'clock, in weapon order.
		start := math.Pi / 2
		for w, n := range site.ByWeapon {
			if n == 0 {
				continue
			}
			sweep := 2 * math.Pi * float64(n) / float64(site.Incidents)
			c.FillPolygon(mp.colors[w], wedge(at, r, start, start-sweep))
			start -= sweep
		}
		outline = circlePath(at, r)
	}
	c.SetLineStyle(draw.LineStyle{Color: white, Width: vg.Points(2)})
	c.Stroke(outline)
	c.SetLineStyle(draw.LineStyle{Color: markerStroke, Width: vg.Points(0.75)})
	c.Stroke(outline)
}

// circlePath returns the outline of the circle of radius r at centre.
func circlePath(centre vg.Point, r vg.Length) vg.Path {
	var p vg.Path
	p.Move(vg.Point{X: centre.X + r, Y: centre.Y})
	p.Arc(centre, r, 0, 2*math.Pi)
	p.Close()
	return p
}

// polygonPath returns the closed outline through pts.
func polygonPath(pts []vg.Point) vg.Path {
	var p vg.Path
	p.Move(pts[0])
	for _, q := range pts[1:] {
		p.Line(q)
	}
	p.Close()
	return p
}

// wedge returns the polygon of the pie slice of radius r at centre from
// angle a0 to a1 (radians), or the whole circle when they are a full turn
// apart.
func wedge(centre vg.Point, r vg.Length, a0, a1 float64) []vg.Point {
	steps := max(2, int(math.Ceil(math.Abs(a1-a0)/(math.Pi/60))))
	full := math.Abs(a1-a0) >= 2*math.Pi-1e-9
	var pts []vg.Point
	if !full {
		pts = append(pts, centre)
	}
	for i := 0; i <= steps; i++ {
		a := a0 + (a1-a0)*float64(i)/float64(steps)
		pts = append(pts, vg.Point{X: centre.X + r*vg.Length(math.Cos(a)), Y: centre.Y + r*vg.Length(math.Sin(a))})
	}
	return pts
}

// sizeKeys returns the incident counts the size key shows: 1, a round
// number near a third of top, and top, without repeats.
func sizeKeys(top int) []int {
	keys := []int{1}
	mid := 0
	for _, v := range []int{2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000} {
		if v*3 <= top+1 && v < top {
			mid = v
		}
	}
	if mid > 1 {
		keys = append(keys, mid)
	}
	if top > 1 {
		keys = append(keys, top)
	}
	return keys
}

// drawPanel draws, in the panel beside the map, the key to the markers'
// sizes and shapes and the note of the sites not on the map, and returns
// the box it drew in.
func (mp *mapPlot) drawPanel(c draw.Canvas, panel vg.Rectangle, rmax vg.Length) vg.Rectangle {
	used := vg.Rectangle{Min: panel.Max, Max: panel.Max}
	grow := func(x0, y0, x1, _ vg.Length) {
		used.Min.X, used.Min.Y = min(used.Min.X, x0), min(used.Min.Y, y0)
		used.Max.X = max(used.Max.X, x1)
	}
	small := textStyle(sans, footerSize, darkGrey)
	y := panel.Max.Y
	if len(mp.sites) > 0 {
		y = mp.drawKeys(c, panel, rmax, grow) - 10
	}
	if mp.note == "" {
		return used
	}
	for _, txt := range wrap(small, mp.note, panel.Max.X-panel.Min.X) {
		l := newLine(small, txt)
		y -= l.ascent
		if y-l.desc < panel.Min.Y {
			break
		}
		l.draw(c, panel.Min.X, y)
		grow(panel.Min.X, y-l.desc, panel.Min.X+l.w, y)
		y -= l.desc + 2
	}
	return used
}

// drawKeys draws the key to the markers' sizes and shapes at the top of
// the panel, growing used, and returns the y below them.
func (mp *mapPlot) drawKeys(c draw.Canvas, panel vg.Rectangle, rmax vg.Length, grow func(x0, y0, x1, y1 vg.Length)) vg.Length {
	what := "Incidents at a site"
	if mp.byGroup {
		what += " group"
	}
	head := newLine(textStyle(sansBold, legendSize, black), what)
	sty := textStyle(sans, legendSize, black)
	y := panel.Max.Y - head.ascent
	head.draw(c, panel.Min.X, y)
	grow(panel.Min.X, y-head.desc, panel.Min.X+head.w, y)
	y -= head.desc + 8

	// Circles side by side on a common bottom line, each with its count
	// below.
	keys := sizeKeys(mp.top)
	x := panel.Min.X
	ring := draw.LineStyle{Color: darkGrey, Width: vg.Points(1)}
	bottom := y - 2*rmax
	for _, k := range keys {
		r := markerRadiusOf(k, mp.top, rmax)
		ctr := vg.Point{X: x + max(r, 8), Y: bottom + r}
		c.SetLineStyle(ring)
		c.Stroke(circlePath(ctr, r))
		l := newLine(sty, fmt.Sprint(k))
		l.draw(c, ctr.X-l.w/2, bottom-6-l.ascent)
		grow(x, bottom-6-l.ascent-l.desc, ctr.X+max(r, l.w/2), y)
		x += 2*max(r, 8) + 16
	}
	y = bottom - 6 - newLine(sty, "0").ascent - newLine(sty, "0").desc - 18

	// Shapes.
	sw := vg.Length(7)
	// White, not grey: grey is a weapon's colour.
	fill := color.Color(white)
	// Only the shapes the map has.
	var fixed, convoy bool
	for i := range mp.sites {
		if mp.sites[i].IsConvoy() {
			convoy = true
		} else {
			fixed = true
		}
	}
	for i, txt := range []string{"Fixed site: share by weapon", "Convoy route, at its attacks' mean place"} {
		if i == 0 && !fixed || i == 1 && !convoy {
			continue
		}
		l := newLine(sty, txt)
		y -= l.ascent
		ctr := vg.Point{X: panel.Min.X + sw, Y: y + 0.35*legendSize}
		var p vg.Path
		if i == 0 {
			c.FillPolygon(fill, wedge(ctr, sw, 0, 2*math.Pi))
			p = circlePath(ctr, sw)
		} else {
			pts := corners(markerBox(ctr, sw*0.886))
			c.FillPolygon(fill, pts)
			p = polygonPath(pts)
		}
		c.SetLineStyle(draw.LineStyle{Color: markerStroke, Width: vg.Points(0.75)})
		c.Stroke(p)
		l.draw(c, panel.Min.X+2*sw+swatchTextGap, y)
		grow(panel.Min.X, y-l.desc, panel.Min.X+2*sw+swatchTextGap+l.w, y)
		y -= l.desc + 8
	}
	return y
}

// wrap breaks s into lines no wider than width in sty, at spaces; a word
// wider than width gets a line of its own.
func wrap(sty text.Style, s string, width vg.Length) []string {
	var lines []string
	cur := ""
	for _, w := range strings.Fields(s) {
		next := w
		if cur != "" {
			next = cur + " " + w
		}
		if cur != "" && sty.Width(next) > width {
			lines = append(lines, cur)
			next = w
		}
		cur = next
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}
