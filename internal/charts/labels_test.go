package charts

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"report/internal/stats"
)

// checkPlacement fails unless every box lies in frame and no box overlaps
// another box, the line, or any marker of radius r.
func checkPlacement(tb testing.TB, anchors []vg.Point, r vg.Length, lines [][]vg.Point, frame vg.Rectangle, boxes []vg.Rectangle) {
	tb.Helper()
	if len(boxes) != len(anchors) {
		tb.Fatalf("%d boxes for %d labels", len(boxes), len(anchors))
	}
	for i, b := range boxes {
		if b.Min.X < frame.Min.X || b.Min.Y < frame.Min.Y || b.Max.X > frame.Max.X || b.Max.Y > frame.Max.Y {
			tb.Errorf("label %d: box %v outside the frame %v", i, b, frame)
		}
		for k, line := range lines {
			if polylineHits(line, b) {
				tb.Errorf("label %d: box %v touches line %d", i, b, k)
			}
		}
		for j, a := range anchors {
			if overlaps(b, markerBox(a, r)) {
				tb.Errorf("label %d: box %v covers marker %d at %v", i, b, j, a)
			}
			if j > i && overlaps(b, boxes[j]) {
				tb.Errorf("labels %d and %d overlap: %v and %v", i, j, b, boxes[j])
			}
		}
	}
}

func TestPlaceLabels(t *testing.T) {
	frame := vg.Rectangle{Max: vg.Point{X: 700, Y: 300}}
	// A rising step line from the bottom left to the top right.
	var stairs []vg.Point
	for x, y := vg.Length(0), vg.Length(0); x < 700; x, y = x+35, y+14 {
		stairs = append(stairs, vg.Point{X: x, Y: y}, vg.Point{X: x + 35, Y: y})
	}
	size := vg.Point{X: 75, Y: 19}
	sizes := func(n int) []vg.Point {
		s := make([]vg.Point, n)
		for i := range s {
			s[i] = size
		}
		return s
	}
	for _, tc := range []struct {
		name    string
		anchors []vg.Point
		line    []vg.Point
	}{
		{"none", nil, stairs},
		{"one", []vg.Point{{X: 300, Y: 60}}, stairs},
		// Like 44 (20 Jun), 45 (22 Jun), 44 (26 Jun), 47 (5 Jul),
		// 50 (6 Jul) and 50 (24 Jul) below the line, 39 (6 Jun)
		// to their left.
		{"close tallies", []vg.Point{
			{X: 560, Y: 150}, {X: 566, Y: 155}, {X: 578, Y: 150},
			{X: 606, Y: 165}, {X: 609, Y: 180}, {X: 665, Y: 180}, {X: 480, Y: 130},
		}, stairs},
		{"same point", []vg.Point{{X: 400, Y: 100}, {X: 400, Y: 100}, {X: 400, Y: 100}}, stairs},
		{"above the line", []vg.Point{{X: 100, Y: 150}, {X: 104, Y: 156}}, stairs},
		{"in the corners", []vg.Point{{X: 2, Y: 2}, {X: 698, Y: 298}, {X: 698, Y: 2}, {X: 2, Y: 298}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			const r = 6
			boxes := placeLabels(tc.anchors, sizes(len(tc.anchors)), r, [][]vg.Point{tc.line}, frame)
			checkPlacement(t, tc.anchors, r, [][]vg.Point{tc.line}, frame, boxes)
			again := placeLabels(tc.anchors, sizes(len(tc.anchors)), r, [][]vg.Point{tc.line}, frame)
			if fmt.Sprint(again) != fmt.Sprint(boxes) {
				t.Errorf("placed differently the second time:\n%v\n%v", boxes, again)
			}
		})
	}
}

// TestCumulativeLayout places the tallies of the cumulative chart on a
// canvas of the default size and checks the rules, for the test data and,
// when it is there, the shipped data set.
func TestCumulativeLayout(t *testing.T) {
	sums := map[string]*stats.Summary{"testdata": smallSummary(t)}
	shipped := filepath.Join("..", "..", "data")
	if _, err := os.Stat(filepath.Join(shipped, "references.csv")); err == nil {
		sums["data"] = loadSummary(t, filepath.Join(shipped, "incidents.csv"), filepath.Join(shipped, "references.csv"))
	}
	for name, s := range sums {
		t.Run(name, func(t *testing.T) {
			p, cp := cumulativePlotOf(s)
			// About the plot area of a 1600 x 900 image at 144 DPI.
			c := draw.New(vgimg.New(800, 450))
			area := draw.Crop(c, 14, -14, 40, -95)
			dc := p.DataCanvas(area)
			lines, anchors, boxes := cp.layout(dc, p)
			if len(anchors) != len(cp.tallies) || len(anchors) == 0 {
				t.Fatalf("%d anchors for %d tallies", len(anchors), len(cp.tallies))
			}
			checkPlacement(t, anchors, markerRadius+1, lines, dc.Rectangle, boxes)
		})
	}
}

func TestSegmentHits(t *testing.T) {
	box := vg.Rectangle{Min: vg.Point{X: 10, Y: 10}, Max: vg.Point{X: 20, Y: 20}}
	for _, tc := range []struct {
		name string
		p, q vg.Point
		want bool
	}{
		{"through", vg.Point{X: 0, Y: 15}, vg.Point{X: 30, Y: 15}, true},
		{"inside", vg.Point{X: 12, Y: 12}, vg.Point{X: 13, Y: 13}, true},
		{"diagonal through a corner", vg.Point{X: 0, Y: 0}, vg.Point{X: 30, Y: 30}, true},
		{"touching an edge", vg.Point{X: 20, Y: 0}, vg.Point{X: 20, Y: 30}, true},
		{"beside", vg.Point{X: 21, Y: 0}, vg.Point{X: 21, Y: 30}, false},
		{"short of it", vg.Point{X: 0, Y: 15}, vg.Point{X: 9, Y: 15}, false},
		{"missing a corner", vg.Point{X: 0, Y: 25}, vg.Point{X: 14, Y: 35}, false},
		{"a point", vg.Point{X: 5, Y: 5}, vg.Point{X: 5, Y: 5}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := segmentHits(tc.p, tc.q, box); got != tc.want {
				t.Errorf("segmentHits = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestCrosses(t *testing.T) {
	pt := func(x, y vg.Length) vg.Point { return vg.Point{X: x, Y: y} }
	for _, tc := range []struct {
		name       string
		a, b, c, d vg.Point
		want       bool
	}{
		{"X", pt(0, 0), pt(10, 10), pt(0, 10), pt(10, 0), true},
		{"T", pt(0, 0), pt(10, 0), pt(5, 0), pt(5, 10), true},
		{"parallel", pt(0, 0), pt(10, 0), pt(0, 1), pt(10, 1), false},
		{"collinear apart", pt(0, 0), pt(10, 0), pt(11, 0), pt(20, 0), false},
		{"collinear overlapping", pt(0, 0), pt(10, 0), pt(5, 0), pt(20, 0), true},
		{"short", pt(0, 0), pt(4, 4), pt(0, 10), pt(10, 0), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := crosses(tc.a, tc.b, tc.c, tc.d); got != tc.want {
				t.Errorf("crosses = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestSpan checks that a box hits a sorted line's span exactly when it
// hits the whole line.
func TestSpan(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var line []vg.Point
	x, y := vg.Length(0), vg.Length(0)
	for range 300 {
		line = append(line, vg.Point{X: x, Y: y})
		if rng.IntN(2) == 0 {
			x += vg.Length(rng.IntN(5))
		} else {
			y += vg.Length(rng.IntN(5))
		}
	}
	pl := &placer{lines: [][]vg.Point{line}, sorted: []bool{true}}
	for range 2000 {
		lo := vg.Point{X: vg.Length(rng.IntN(400)) - 20, Y: vg.Length(rng.IntN(400)) - 20}
		box := vg.Rectangle{Min: lo, Max: vg.Point{X: lo.X + vg.Length(rng.IntN(30)), Y: lo.Y + vg.Length(rng.IntN(30))}}
		if got, want := polylineHits(pl.span(0, box.Min.X, box.Max.X), box), polylineHits(line, box); got != want {
			t.Fatalf("box %v: hits span %v, whole line %v", box, got, want)
		}
		p, q := box.Min, box.Max
		if got, want := segmentsCross(p, q, pl.span(0, p.X, q.X)), segmentsCross(p, q, line); got != want {
			t.Fatalf("segment %v-%v: crosses span %v, whole line %v", p, q, got, want)
		}
	}
}

func TestFitLabels(t *testing.T) {
	frame := vg.Rectangle{Max: vg.Point{X: 300, Y: 200}}
	// A cluster of markers of several sizes in a small frame, one line
	// across it; two markers have no label, and label 5 is wider than the
	// frame.
	anchors := []vg.Point{{X: 150, Y: 100}, {X: 165, Y: 105}, {X: 140, Y: 120}, {X: 160, Y: 85}, {X: 20, Y: 20},
		{X: 150, Y: 140}, {X: 120, Y: 95}, {X: 280, Y: 180}}
	radii := []vg.Length{20, 12, 8, 8, 5, 10, 6, 4}
	sizes := []vg.Point{{X: 90, Y: 15}, {X: 90, Y: 15}, {X: 120, Y: 15}, {X: 120, Y: 15}, {X: 60, Y: 15}, {X: 400, Y: 15}}
	lines := [][]vg.Point{{{X: 0, Y: 60}, {X: 300, Y: 60}}}
	boxes, fits := fitLabels(anchors, radii, sizes, lines, frame)
	if len(boxes) != len(sizes) || len(fits) != len(sizes) {
		t.Fatalf("%d boxes, %d fits for %d labels", len(boxes), len(fits), len(sizes))
	}
	if !fits[0] || !fits[4] || fits[5] {
		t.Errorf("fits = %v: the first label and the one alone in its corner must fit, the one wider than the frame not", fits)
	}
	n := 0
	for i, b := range boxes {
		if !fits[i] {
			continue
		}
		n++
		if b.Min.X < frame.Min.X || b.Min.Y < frame.Min.Y || b.Max.X > frame.Max.X || b.Max.Y > frame.Max.Y {
			t.Errorf("label %d: box %v outside the frame", i, b)
		}
		if polylineHits(lines[0], b) {
			t.Errorf("label %d: box %v touches the line", i, b)
		}
		for j, a := range anchors {
			if overlaps(b, markerBox(a, radii[j])) {
				t.Errorf("label %d: box %v covers marker %d", i, b, j)
			}
			if j < len(sizes) && j > i && fits[j] && overlaps(b, boxes[j]) {
				t.Errorf("labels %d and %d overlap", i, j)
			}
		}
	}
	if got := labelsBroken(anchors, radii, sizes[:1], lines, frame, boxes[:1]); got != 0 {
		t.Errorf("labelsBroken of the first label = %d, want 0", got)
	}
	// A box over a marker breaks a rule.
	if got := labelsBroken(anchors, radii, sizes[:1], lines, frame, []vg.Rectangle{markerBox(anchors[1], 5)}); got == 0 {
		t.Errorf("labelsBroken of a box over a marker = 0, want more")
	}
	t.Logf("%d of %d labels fit", n, len(sizes))
}
