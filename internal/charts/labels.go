package charts

import (
	"math"
	"math/rand/v2"
	"sort"

	"gonum.org/v1/plot/vg"
)

// Label placement. A label is a box to put near its anchor point (a marker
// of radius r) so that it stays inside the frame and touches neither the
// lines, nor a marker, nor another label, nor another label's leader line:
// those are the rules. A label tries boxes around its anchor in 16
// directions at growing distances and takes the cheapest that breaks the
// fewest rules; the cost grows with the distance (faster than linearly, so
// one far label costs more than two near ones) and when its leader line
// crosses the line. A box more than leaderMin from its marker is joined to
// it by a leader line.
//
// Labels are first placed one at a time in some order, each seeing only
// those before it; then each in turn moves to its best place given all the
// others, until none moves. This is done for several orders (by x, by y,
// both reversed, and shuffledOrders shuffles from a fixed seed, so the
// result is the same on every run) and the result that breaks the fewest
// rules, then costs least, wins.

// shuffledOrders is the number of random orders placeLabels tries.
const shuffledOrders = 24

// labelClear is the least room kept between a label and anything else.
const labelClear = vg.Length(2)

// leaderMin is the gap between a marker and its label above which the
// label gets a leader line.
const leaderMin = vg.Length(6)

// placeLabels returns a box for each label: sizes[i] is the size of label
// i and anchors[i] the centre of its marker of radius r. See above for the
// rules; when no box keeps them all a label gets one that breaks few.
// anchors and sizes have the same length.
func placeLabels(anchors, sizes []vg.Point, r vg.Length, lines [][]vg.Point, frame vg.Rectangle) []vg.Rectangle {
	radii := make([]vg.Length, len(anchors))
	for i := range radii {
		radii[i] = r
	}
	return placeMarkerLabels(anchors, radii, sizes, lines, frame, shuffledOrders)
}

// placeMarkerLabels is placeLabels for markers of several sizes, some
// without a label: anchors[i] is the centre of a marker of radius
// radii[i], and the first len(sizes) markers have a label each, which
// the others only keep away. len(sizes) <= len(anchors) = len(radii).
// It tries shuffles shuffled orders besides the four sorted ones.
func placeMarkerLabels(anchors []vg.Point, radii []vg.Length, sizes []vg.Point, lines [][]vg.Point, frame vg.Rectangle, shuffles int) []vg.Rectangle {
	n := len(sizes)
	byX := make([]int, n)
	for i := range byX {
		byX[i] = i
	}
	sort.SliceStable(byX, func(a, b int) bool { return anchors[byX[a]].X < anchors[byX[b]].X })
	byY := append([]int(nil), byX...)
	sort.SliceStable(byY, func(a, b int) bool { return anchors[byY[a]].Y < anchors[byY[b]].Y })
	var orders [][]int
	for _, o := range [][]int{byX, byY} {
		rev := make([]int, n)
		for i, v := range o {
			rev[n-1-i] = v
		}
		orders = append(orders, o, rev)
	}
	// And a few shuffled orders, the same on every run.
	rng := rand.New(rand.NewPCG(1, 2))
	for range shuffles {
		o := append([]int(nil), byX...)
		rng.Shuffle(n, func(a, b int) { o[a], o[b] = o[b], o[a] })
		orders = append(orders, o)
	}

	pl := newPlacer(anchors, radii, sizes, lines, frame)
	var best []vg.Rectangle
	bestBroken, bestCost := math.MaxInt, math.Inf(1)
	for _, order := range orders {
		pl.boxes, pl.placed = make([]vg.Rectangle, n), make([]bool, n)
		for _, i := range order {
			pl.boxes[i], _, _ = pl.best(i)
			pl.placed[i] = true
		}
		// Now that every label has a place, move each to its best
		// place given all the others, until none moves.
		for round := 0; round < 8; round++ {
			moved := false
			for _, i := range order {
				b, broken, cost := pl.best(i)
				if nb, nc := pl.judge(i, pl.boxes[i]); broken < nb || (broken == nb && cost < nc-0.01) {
					pl.boxes[i], moved = b, true
				}
			}
			if !moved {
				break
			}
		}
		if broken, cost := pl.score(); broken < bestBroken || (broken == bestBroken && cost < bestCost) {
			best, bestBroken, bestCost = pl.boxes, broken, cost
		}
	}
	return best
}

// fitLabels places labels one at a time in their order, as placeMarkerLabels
// would see them (anchors, radii and sizes alike), each at its best place
// given those placed before it, and keeps only those that break no rule
// there; then, a few rounds over, moves each placed label to a nearer
// place where it has one and tries again those left out. fits[i] says
// label i has its place boxes[i]. It is quick (one order, no shuffles),
// to decide which labels to give room to.
func fitLabels(anchors []vg.Point, radii []vg.Length, sizes []vg.Point, lines [][]vg.Point, frame vg.Rectangle) (boxes []vg.Rectangle, fits []bool) {
	pl := newPlacer(anchors, radii, sizes, lines, frame)
	// Rounds: each placed label moves to a nearer place if it has one,
	// which may make room, then each label left out tries again.
	for round := 0; round < 6; round++ {
		changed := false
		for i := range sizes {
			if !pl.placed[i] {
				continue
			}
			_, now := pl.judge(i, pl.boxes[i])
			if b, broken, cost := pl.best(i); broken == 0 && cost < now-0.01 {
				pl.boxes[i] = b
			}
		}
		for i := range sizes {
			if pl.placed[i] {
				continue
			}
			if b, broken, _ := pl.best(i); broken == 0 {
				pl.boxes[i], pl.placed[i], changed = b, true, true
			}
		}
		if !changed && round > 0 {
			break
		}
	}
	return pl.boxes, pl.placed
}

// labelsBroken returns how many rules the labels in boxes break, placed as
// placeMarkerLabels places them, for a caller to drop labels until none
// breaks a rule.
func labelsBroken(anchors []vg.Point, radii []vg.Length, sizes []vg.Point, lines [][]vg.Point, frame vg.Rectangle, boxes []vg.Rectangle) int {
	pl := newPlacer(anchors, radii, sizes, lines, frame)
	pl.boxes = boxes
	for i := range pl.placed {
		pl.placed[i] = true
	}
	broken, _ := pl.score()
	return broken
}

// placer places labels; boxes[i] is label i's place once placed[i]. The
// markers past len(sizes) have no label.
type placer struct {
	anchors, sizes []vg.Point
	radii          []vg.Length
	lines          [][]vg.Point
	// sorted says, per line, that its x never decreases, as a step
	// line's does.
	sorted []bool
	frame  vg.Rectangle
	boxes  []vg.Rectangle
	placed []bool
}

// newPlacer returns a placer of the labels of sizes, none placed yet.
func newPlacer(anchors []vg.Point, radii []vg.Length, sizes []vg.Point, lines [][]vg.Point, frame vg.Rectangle) *placer {
	sorted := make([]bool, len(lines))
	for k, line := range lines {
		sorted[k] = sort.SliceIsSorted(line, func(a, b int) bool { return line[a].X < line[b].X })
	}
	return &placer{anchors: anchors, sizes: sizes, radii: radii, lines: lines, sorted: sorted, frame: frame,
		boxes: make([]vg.Rectangle, len(sizes)), placed: make([]bool, len(sizes))}
}

// score returns how many rules the labels, all placed, break in all and
// their total cost.
func (pl *placer) score() (broken int, cost float64) {
	for i := range pl.sizes {
		b, c := pl.judge(i, pl.boxes[i])
		broken += b
		cost += c
	}
	return broken, cost
}

// span returns the part of line k whose segments may reach x from lo to
// hi: for a line sorted by x, the segments found by binary search, which
// keeps placing labels fast beside a step line of a thousand steps;
// otherwise the whole line.
func (pl *placer) span(k int, lo, hi vg.Length) []vg.Point {
	line := pl.lines[k]
	if !pl.sorted[k] {
		return line
	}
	i := sort.Search(len(line), func(k int) bool { return line[k].X >= lo })
	j := sort.Search(len(line), func(k int) bool { return line[k].X > hi })
	return line[max(i-1, 0):min(j+1, len(line))]
}

// best returns the best place for label i given the labels placed, with
// the number of rules it breaks and its cost.
func (pl *placer) best(i int) (box vg.Rectangle, broken int, cost float64) {
	a, sz, r := pl.anchors[i], pl.sizes[i], pl.radii[i]
	broken, cost = math.MaxInt, math.Inf(1)
	// The gaps tried between the marker's edge and the label.
	for _, d := range [...]vg.Length{2, 8, 16, 26, 38, 52, 70, 95, 125, 160, 200} {
		if broken == 0 && cost < float64(d) {
			break // no farther box can cost less
		}
		for k := 0; k < 16; k++ {
			theta := float64(k) * math.Pi / 8
			cos, sin := vg.Length(math.Cos(theta)), vg.Length(math.Sin(theta))
			// The box's near side is r+d from the anchor; it slides
			// from centred (straight above) to beside (at 45 degrees
			// and beyond).
			c := vg.Point{
				X: a.X + cos*(r+d) + clamp(1.5*cos, -1, 1)*sz.X/2,
				Y: a.Y + sin*(r+d) + clamp(1.5*sin, -1, 1)*sz.Y/2,
			}
			b := vg.Rectangle{
				Min: vg.Point{X: c.X - sz.X/2, Y: c.Y - sz.Y/2},
				Max: vg.Point{X: c.X + sz.X/2, Y: c.Y + sz.Y/2},
			}
			nb, nc := pl.judge(i, b)
			if nb < broken || (nb == broken && nc < cost) {
				box, broken, cost = b, nb, nc
			}
		}
	}
	return box, broken, cost
}

// judge returns how many rules box, as the label of anchor i, breaks
// against the labels placed, and its cost: its distance from the anchor,
// a little more above or below than beside, and more when its leader
// crosses the line.
func (pl *placer) judge(i int, box vg.Rectangle) (int, float64) {
	anchors, radii, r := pl.anchors, pl.radii, pl.radii[i]
	broken := 0
	frame := pl.frame
	if box.Min.X < frame.Min.X || box.Min.Y < frame.Min.Y || box.Max.X > frame.Max.X || box.Max.Y > frame.Max.Y {
		broken++
	}
	wide := inflate(box, labelClear)
	for k := range pl.lines {
		if polylineHits(pl.span(k, wide.Min.X, wide.Max.X), wide) {
			broken++
			break
		}
	}
	from, to, hasLeader := leader(anchors[i], r, box)
	for j, a := range anchors {
		if overlaps(wide, markerBox(a, radii[j])) {
			broken++
		}
		if j == i || j >= len(pl.placed) || !pl.placed[j] {
			continue
		}
		if overlaps(wide, pl.boxes[j]) {
			broken++
		}
		if f, t, ok := leader(a, radii[j], pl.boxes[j]); ok && segmentHits(f, t, wide) {
			broken++ // the box covers another label's leader
		}
		if hasLeader && segmentHits(from, to, inflate(pl.boxes[j], 1)) {
			broken++ // the leader crosses another label
		}
	}
	d := to.Sub(anchors[i])
	dist := math.Hypot(float64(d.X), float64(d.Y)) - float64(r)
	dist = max(dist, 0)
	cost := dist + dist*dist/50 + 2*math.Abs(float64(d.Y))/(1+math.Hypot(float64(d.X), float64(d.Y)))
	if hasLeader {
		for j, a := range anchors {
			// A leader may leave through a marker that overlaps
			// its own, but may not cross any other.
			if j != i && !overlaps(markerBox(a, radii[j]), markerBox(anchors[i], r)) && segmentHits(from, to, markerBox(a, radii[j])) {
				broken++
			}
		}
		for k := range pl.lines {
			if segmentsCross(from, to, pl.span(k, min(from.X, to.X), max(from.X, to.X))) {
				cost += 40
				break
			}
		}
	}
	return broken, cost
}

// leader returns the leader line from the edge of a marker of radius r at
// a to the nearest point of box, and whether it is long enough to draw.
func leader(a vg.Point, r vg.Length, box vg.Rectangle) (from, to vg.Point, ok bool) {
	to = vg.Point{X: clamp(a.X, box.Min.X, box.Max.X), Y: clamp(a.Y, box.Min.Y, box.Max.Y)}
	d := to.Sub(a)
	dist := vg.Length(math.Hypot(float64(d.X), float64(d.Y)))
	if dist-r <= leaderMin {
		return a, to, false
	}
	from = a.Add(d.Scale(r / dist))
	return from, to, true
}

func clamp(v, lo, hi vg.Length) vg.Length { return max(lo, min(v, hi)) }

// corners returns the corners of r counter-clockwise from r.Min: a
// polygon to fill, and with r.Min again at its end the outline to stroke.
func corners(r vg.Rectangle) []vg.Point {
	return []vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}}
}

func markerBox(a vg.Point, r vg.Length) vg.Rectangle {
	return vg.Rectangle{Min: vg.Point{X: a.X - r, Y: a.Y - r}, Max: vg.Point{X: a.X + r, Y: a.Y + r}}
}

func inflate(r vg.Rectangle, d vg.Length) vg.Rectangle {
	return vg.Rectangle{Min: vg.Point{X: r.Min.X - d, Y: r.Min.Y - d}, Max: vg.Point{X: r.Max.X + d, Y: r.Max.Y + d}}
}

// overlaps reports whether two boxes share more than an edge.
func overlaps(a, b vg.Rectangle) bool {
	return a.Min.X < b.Max.X && b.Min.X < a.Max.X && a.Min.Y < b.Max.Y && b.Min.Y < a.Max.Y
}

// polylineHits reports whether any segment of line touches box.
func polylineHits(line []vg.Point, box vg.Rectangle) bool {
	for k := 1; k < len(line); k++ {
		p, q := line[k-1], line[k]
		// Most segments are beside the box: a cheap test first.
		if max(p.X, q.X) < box.Min.X || min(p.X, q.X) > box.Max.X || max(p.Y, q.Y) < box.Min.Y || min(p.Y, q.Y) > box.Max.Y {
			continue
		}
		if segmentHits(p, q, box) {
			return true
		}
	}
	return len(line) == 1 && segmentHits(line[0], line[0], box)
}

// segmentHits reports whether the segment from p to q touches box
// (Liang-Barsky clipping).
func segmentHits(p, q vg.Point, box vg.Rectangle) bool {
	t0, t1 := 0.0, 1.0
	dx, dy := float64(q.X-p.X), float64(q.Y-p.Y)
	clip := func(den, num float64) bool {
		// The segment is inside where den*t <= num.
		switch {
		case den == 0:
			return num >= 0
		case den > 0:
			t1 = math.Min(t1, num/den)
		default:
			t0 = math.Max(t0, num/den)
		}
		return t0 <= t1
	}
	return clip(-dx, float64(p.X-box.Min.X)) && clip(dx, float64(box.Max.X-p.X)) &&
		clip(-dy, float64(p.Y-box.Min.Y)) && clip(dy, float64(box.Max.Y-p.Y))
}

// segmentsCross reports whether the segment from p to q crosses a segment
// of line.
func segmentsCross(p, q vg.Point, line []vg.Point) bool {
	lo, hi := vg.Point{X: min(p.X, q.X), Y: min(p.Y, q.Y)}, vg.Point{X: max(p.X, q.X), Y: max(p.Y, q.Y)}
	for k := 1; k < len(line); k++ {
		c, d := line[k-1], line[k]
		if max(c.X, d.X) < lo.X || min(c.X, d.X) > hi.X || max(c.Y, d.Y) < lo.Y || min(c.Y, d.Y) > hi.Y {
			continue // the two segments' boxes do not meet
		}
		if crosses(p, q, c, d) {
			return true
		}
	}
	return false
}

// crosses reports whether segments ab and cd intersect.
func crosses(a, b, c, d vg.Point) bool {
	orient := func(p, q, r vg.Point) float64 {
		v := float64((q.X-p.X)*(r.Y-p.Y) - (q.Y-p.Y)*(r.X-p.X))
		switch {
		case v > 0:
			return 1
		case v < 0:
			return -1
		}
		return 0
	}
	o1, o2, o3, o4 := orient(a, b, c), orient(a, b, d), orient(c, d, a), orient(c, d, b)
	if o1 != o2 && o3 != o4 {
		return true
	}
	on := func(p, q, r vg.Point) bool { // r on segment pq, given collinear
		return min(p.X, q.X) <= r.X && r.X <= max(p.X, q.X) && min(p.Y, q.Y) <= r.Y && r.Y <= max(p.Y, q.Y)
	}
	return (o1 == 0 && on(a, b, c)) || (o2 == 0 && on(a, b, d)) || (o3 == 0 && on(c, d, a)) || (o4 == 0 && on(c, d, b))
}
