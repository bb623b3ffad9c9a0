package charts

import (
	"bytes"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"report/internal/incident"
	"report/internal/stats"
)

// placedSummary summarizes testdata/placed.csv: 31 incidents from January
// to April 2021 at 11 sites, with positions, target types and 13 times;
// two sites without a position on the map (Harir: none; Incirlik: outside
// it) and a convoy route whose two positions are 4.3° apart.
func placedSummary(tb testing.TB) *stats.Summary {
	tb.Helper()
	return loadSummary(tb, filepath.Join("testdata", "placed.csv"), filepath.Join("testdata", "references.csv"))
}

// oneSiteSummary is three incidents at one fixed site in one month.
func oneSiteSummary(tb testing.TB) *stats.Summary {
	tb.Helper()
	pos := &incident.Position{Lat: 36.2376, Lon: 43.9632}
	var incs []incident.Incident
	for i, w := range []incident.Weapon{incident.Drone, incident.Drone, incident.Rocket} {
		incs = append(incs, incident.Incident{Date: time.Date(2021, 6, 1+i, 0, 0, 0, 0, time.UTC),
			Site: "Erbil Air Base", Weapon: w, TargetType: incident.MilitaryBase, Position: pos, Time: "21:30"})
	}
	s, err := stats.Summarize(incs, nil, stats.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// manySitesSummary is 40 sites across Iraq, from 40 incidents down to 1,
// every fourth a convoy route, over 30 months: more sites than the map can
// label and the heatmap can show.
func manySitesSummary(tb testing.TB) *stats.Summary {
	tb.Helper()
	var incs []incident.Incident
	for i := range 40 {
		pos := &incident.Position{Lat: 30.5 + float64(i%8)*0.8, Lon: 40.8 + float64(i/8)*1.4 + float64(i%3)*0.2}
		tt := incident.MilitaryBase
		if i%4 == 0 {
			tt = incident.Convoy
		}
		for k := range 40 - i {
			incs = append(incs, incident.Incident{
				Date:   time.Date(2020, time.Month(1+(k*7+i)%30), 1+k%28, 0, 0, 0, 0, time.UTC),
				Site:   fmt.Sprintf("Site %02d", i),
				Weapon: incident.Weapon((i + k/3) % incident.NumWeapons), TargetType: tt, Position: pos,
			})
		}
	}
	s, err := stats.Summarize(incs, nil, stats.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// TestSiteChartsGolden draws the map, heatmap, hours and sites charts on
// the edge cases each must handle. TestGolden has the others: the small
// summary, where no site has a position (an empty map, every site in the
// note), 20 sites (the top 15 and "Other sites (5)") and no incident has
// a time; and the empty summary.
func TestSiteChartsGolden(t *testing.T) {
	placed, one, many := placedSummary(t), oneSiteSummary(t), manySitesSummary(t)
	for _, tc := range []struct {
		name  string
		chart string
		s     *stats.Summary
	}{
		{"map_placed", "map", placed},
		{"map_one_site", "map", one},
		{"map_many_sites", "map", many},
		{"heatmap_many_sites", "heatmap", many},
		{"heatmap_placed", "heatmap", placed},
		{"heatmap_one_site", "heatmap", one},
		{"hours_placed", "hours", placed},
		// Convoy routes hatched, 11 sites all shown.
		{"sites_placed", "sites", placed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if _, err := chart(t, tc.chart).Draw(&buf, tc.s, Options{Source: "placed.csv"}); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, tc.name, buf.Bytes())
		})
	}
}

func TestMapPlaces(t *testing.T) {
	for _, tc := range []struct {
		name     string
		s        *stats.Summary
		drawn    []string
		note     string
		maxCount int
	}{
		{"placed", placedSummary(t),
			[]string{"Supply route Babil", "Ain al-Asad Air Base", "Baghdad International Airport", "Erbil Air Base",
				"Supply route Dhi Qar", "Supply route Basra", "US Embassy Baghdad", "Green Village"},
			"Not on the map: Supply route unknown (2, places up to 4.3° apart); Harir Air Base (1); Incirlik Air Base (1).", 7},
		{"no positions", smallSummary(t), nil, "", 0},
		{"one site", oneSiteSummary(t), []string{"Erbil Air Base"}, "", 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mp, err := newMapPlot(tc.s.Sites)
			if err != nil {
				t.Fatal(err)
			}
			var drawn []string
			for _, s := range mp.sites {
				drawn = append(drawn, s.Name)
			}
			if !slices.Equal(drawn, tc.drawn) {
				t.Errorf("drawn %q, want %q", drawn, tc.drawn)
			}
			if mp.top != tc.maxCount {
				t.Errorf("top = %d, want %d", mp.top, tc.maxCount)
			}
			if tc.drawn == nil {
				// Every site is in the note: 12 named, "and 8 more".
				want := "Not on the map: Baghdad Diplomatic Support Center (3); Supply route Babil (2); Ain al-Asad Air Base (1);"
				if !strings.HasPrefix(mp.note, want) || !strings.HasSuffix(mp.note, "; and 9 more.") {
					t.Errorf("note %q, want it to start %q and end \"; and 9 more.\"", mp.note, want)
				}
				return
			}
			if mp.note != tc.note {
				t.Errorf("note %q,\nwant %q", mp.note, tc.note)
			}
		})
	}
}

func TestHeatClasses(t *testing.T) {
	for _, tc := range []struct {
		top    int
		maxes  []int
		labels []string
	}{
		{0, []int{1}, []string{"1"}},
		{1, []int{1}, []string{"1"}},
		{3, []int{1, 2, 3}, []string{"1", "2", "3"}},
		{9, []int{2, 4, 6, 8, 9}, []string{"1–2", "3–4", "5–6", "7–8", "9"}},
		{100, []int{20, 40, 60, 80, 100}, []string{"1–20", "21–40", "41–60", "61–80", "81–100"}},
	} {
		t.Run(fmt.Sprint(tc.top), func(t *testing.T) {
			cs := heatClasses(tc.top)
			var maxes []int
			for _, c := range cs {
				maxes = append(maxes, c.max)
			}
			var labels []string
			for _, e := range heatLegend(cs, false) {
				labels = append(labels, e.label)
			}
			if !slices.Equal(maxes, tc.maxes) || !slices.Equal(labels, tc.labels) {
				t.Errorf("classes %v %q, want %v %q", maxes, labels, tc.maxes, tc.labels)
			}
			// The lightest shade first, and the darkest last when there
			// are two classes or more.
			if cs[0].shade != 0 || len(cs) > 1 && cs[len(cs)-1].shade != len(heatColors)-1 {
				t.Errorf("shades run %v to %v", cs[0].shade, cs[len(cs)-1].shade)
			}
			if got := class(cs, tc.maxes[len(tc.maxes)-1]); got != len(cs)-1 {
				t.Errorf("class(top) = %d, want %d", got, len(cs)-1)
			}
			// Past the top (a row "Other sites"): the last class, and
			// the legend says so.
			if got := class(cs, tc.top+5); got != len(cs)-1 {
				t.Errorf("class(top+5) = %d, want %d", got, len(cs)-1)
			}
			open := heatLegend(cs, true)
			lo := 1
			if len(cs) > 1 {
				lo = cs[len(cs)-2].max + 1
			}
			if got, want := open[len(open)-1].label, fmt.Sprintf("%d or more", lo); got != want {
				t.Errorf("open legend ends %q, want %q", got, want)
			}
		})
	}
}

func TestSizeKeys(t *testing.T) {
	for _, tc := range []struct {
		top  int
		want []int
	}{
		{1, []int{1}},
		{2, []int{1, 2}},
		{5, []int{1, 2, 5}},
		{6, []int{1, 2, 6}},
		{28, []int{1, 5, 28}},
		{30, []int{1, 10, 30}},
		{1000, []int{1, 200, 1000}},
	} {
		if got := sizeKeys(tc.top); !slices.Equal(got, tc.want) {
			t.Errorf("sizeKeys(%d) = %v, want %v", tc.top, got, tc.want)
		}
	}
}

func TestShownSites(t *testing.T) {
	sites := func(n int) []stats.Site {
		s := make([]stats.Site, n)
		for i := range s {
			s[i] = stats.Site{Name: fmt.Sprintf("S%02d", i), Incidents: 100 - i}
		}
		return s
	}
	for _, tc := range []struct {
		n        int
		wantLen  int
		wantLast string
	}{
		{1, 1, "S00"},
		{15, 15, "S14"},
		{18, 18, "S17"}, // three more than 15: shown, not summed
		{19, 16, "Other sites (4)"},
	} {
		got, other := shownSites(sites(tc.n))
		if len(got) != tc.wantLen || got[len(got)-1].Name != tc.wantLast {
			t.Errorf("%d sites: %d shown, last %q; want %d, last %q", tc.n, len(got), got[len(got)-1].Name, tc.wantLen, tc.wantLast)
		}
		if want := tc.wantLen < tc.n; other != want {
			t.Errorf("%d sites: other = %v, want %v", tc.n, other, want)
		}
	}
}

func TestHoursFigure(t *testing.T) {
	for _, tc := range []struct {
		name         string
		s            *stats.Summary
		sub, message string
		labels       map[int]string
	}{
		{"placed", placedSummary(t), "January to April 2021 · 13 of 31 incidents have a time (local time at the site)", "",
			map[int]string{1: "1", 2: "2", 7: "1", 13: "1", 20: "1", 21: "4", 22: "1", 23: "2"}},
		{"no times", smallSummary(t), "February to May 2021 · 0 of 23 incidents have a time (local time at the site)", noTimes, nil},
		{"empty", emptySummary(t), "", noIncidents, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := hoursFigure(tc.s)
			if err != nil {
				t.Fatal(err)
			}
			if f.subtitle != tc.sub || f.message != tc.message {
				t.Errorf("subtitle %q, message %q; want %q, %q", f.subtitle, f.message, tc.sub, tc.message)
			}
			if tc.labels == nil {
				return
			}
			bars, top := hourBars(&tc.s.Hours)
			if top != 4 {
				t.Errorf("top = %d, want 4", top)
			}
			for h, l := range bars.labels {
				if l != tc.labels[h] {
					t.Errorf("hour %02d: label %q, want %q", h, l, tc.labels[h])
				}
			}
		})
	}
}

func TestWrap(t *testing.T) {
	sty := textStyle(sans, footerSize, black)
	w := sty.Width("Not on the map: Alpha")
	got := wrap(sty, "Not on the map: Alpha (3); Beta (1); Gamma-Delta-Epsilon-Zeta-Eta (2).", w)
	want := []string{"Not on the map: Alpha", "(3); Beta (1);", "Gamma-Delta-Epsilon-Zeta-Eta", "(2)."}
	if !slices.Equal(got, want) {
		t.Errorf("wrap = %q, want %q", got, want)
	}
}

// TestCellTextSize: a digit of Liberation Sans is 0.556 em wide, so the
// counts of a cell w wide fit at a size up to (w-2)/(0.556 x digits); all
// cells take the size of the widest count, or none has its count.
func TestCellTextSize(t *testing.T) {
	for _, tc := range []struct {
		top    int
		w, h   vg.Length
		want   vg.Length
		wantOK bool
	}{
		{9, 40, 20, 13, true},    // one digit, a wide cell: the full size
		{43, 40, 20, 13, true},   // two digits, 14.5 points at 13
		{43, 15.5, 20, 12, true}, // 12 x 1.112 = 13.3 <= 13.5 < 13 x 1.112
		{43, 13.5, 20, 10, true}, // 10 x 1.112 = 11.1 <= 11.5
		{43, 12, 20, 0, false},   // 10 x 1.112 = 11.1 > 10: no counts at all
		{9, 40, 11.5, 11, true},  // a low cell: no taller than the cell
		{9, 40, 9, 0, false},     // lower than the smallest size
		{1000, 30, 20, 12, true}, // four digits: 12 x 2.224 = 26.7 <= 28
		{1000, 24, 20, 0, false}, // 10 x 2.224 = 22.2 > 22
	} {
		got, ok := cellTextSize(tc.top, tc.w, tc.h)
		if got != tc.want || ok != tc.wantOK {
			t.Errorf("cellTextSize(%d, %v, %v) = %v, %v; want %v, %v", tc.top, tc.w, tc.h, got, ok, tc.want, tc.wantOK)
		}
	}
}

// TestHeatmapFit: a heatmap of one site in one month is drawn with the
// cell of a grid of 8 rows and 6 columns, at the top left of the plot's
// area, its axes beside it (the month under the cell, not at the foot of
// the area, as it was drawn before).
func TestHeatmapFit(t *testing.T) {
	f, err := heatmapFigure(oneSiteSummary(t))
	if err != nil {
		t.Fatal(err)
	}
	c := draw.New(vgimg.NewWith(vgimg.UseWH(800, 450), vgimg.UseDPI(144)))
	area := draw.Crop(c, 14, -14, 40, -60)
	full := f.plot.DataCanvas(area)
	got := f.plot.DataCanvas(f.fit(area))
	near := func(a, b vg.Length) bool { return math.Abs(float64(a-b)) < 1e-6 }
	if !near(8*(got.Max.Y-got.Min.Y), full.Max.Y-full.Min.Y) || !near(6*(got.Max.X-got.Min.X), full.Max.X-full.Min.X) {
		t.Errorf("cell %v x %v, want an eighth of the height and a sixth of the width of %v x %v",
			got.Max.X-got.Min.X, got.Max.Y-got.Min.Y, full.Max.X-full.Min.X, full.Max.Y-full.Min.Y)
	}
	if !near(got.Min.X, full.Min.X) || !near(got.Max.Y, full.Max.Y) {
		t.Errorf("cell's top left %v, %v; want the area's %v, %v", got.Min.X, got.Max.Y, full.Min.X, full.Max.Y)
	}
}
