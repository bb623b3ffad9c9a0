package charts

import (
	"fmt"
	"math"
	"slices"
	"testing"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"report/internal/incident"
	"report/internal/stats"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestMonthTicks(t *testing.T) {
	for _, tc := range []struct {
		name     string
		min, max float64
		want     []plot.Tick
	}{
		{"Jan to end of Jul", unixDate(date(2021, 1, 1)), unixDate(date(2021, 7, 30)), []plot.Tick{
			{Value: unixDate(date(2021, 1, 1)), Label: "Jan"},
			{Value: unixDate(date(2021, 2, 1)), Label: "Feb"},
			{Value: unixDate(date(2021, 3, 1)), Label: "Mar"},
			{Value: unixDate(date(2021, 4, 1)), Label: "Apr"},
			{Value: unixDate(date(2021, 5, 1)), Label: "May"},
			{Value: unixDate(date(2021, 6, 1)), Label: "Jun"},
			{Value: unixDate(date(2021, 7, 1)), Label: "Jul"},
		}},
		{"mid-month to mid-month", unixDate(date(2021, 1, 15)), unixDate(date(2021, 3, 3)), []plot.Tick{
			{Value: unixDate(date(2021, 2, 1)), Label: "Feb"},
			{Value: unixDate(date(2021, 3, 1)), Label: "Mar"},
		}},
		{"a second after a month start", unixDate(date(2021, 1, 1)) + 1, unixDate(date(2021, 2, 1)), []plot.Tick{
			{Value: unixDate(date(2021, 2, 1)), Label: "Feb"},
		}},
		{"ends on a month start", unixDate(date(2021, 1, 1)), unixDate(date(2021, 2, 1)), []plot.Tick{
			{Value: unixDate(date(2021, 1, 1)), Label: "Jan"},
			{Value: unixDate(date(2021, 2, 1)), Label: "Feb"},
		}},
		{"across years", unixDate(date(2020, 11, 20)), unixDate(date(2021, 2, 2)), []plot.Tick{
			{Value: unixDate(date(2020, 12, 1)), Label: "Dec"},
			{Value: unixDate(date(2021, 1, 1)), Label: "Jan 2021"},
			{Value: unixDate(date(2021, 2, 1)), Label: "Feb"},
		}},
		{"leap February", unixDate(date(2024, 2, 28)), unixDate(date(2024, 3, 1)), []plot.Tick{
			{Value: unixDate(date(2024, 3, 1)), Label: "Mar"},
		}},
		{"no month start", unixDate(date(2021, 1, 2)), unixDate(date(2021, 1, 31)), nil},
		{"reversed", unixDate(date(2021, 3, 1)), unixDate(date(2021, 1, 1)), nil},
		{"NaN", math.NaN(), 0, nil},
		{"infinite", 0, math.Inf(1), nil},
		{"beyond year 9999", 0, 1e12, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := monthTicks(tc.min, tc.max); !slices.Equal(got, tc.want) {
				t.Errorf("monthTicks = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestMonthLabels(t *testing.T) {
	for _, tc := range []struct {
		name      string
		months    []time.Time
		yearFirst bool
		want      []string
	}{
		{"one year", []time.Time{date(2021, 1, 1), date(2021, 2, 1), date(2021, 3, 1)}, true, []string{"Jan 2021", "Feb", "Mar"}},
		{"one year, no first year", []time.Time{date(2021, 1, 1), date(2021, 2, 1)}, false, []string{"Jan", "Feb"}},
		{"across years", []time.Time{date(2020, 11, 1), date(2020, 12, 1), date(2021, 1, 1), date(2021, 2, 1)}, true,
			[]string{"Nov 2020", "Dec", "Jan 2021", "Feb"}},
		{"one month", []time.Time{date(2021, 7, 1)}, true, []string{"Jul 2021"}},
		{"none", nil, true, []string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := monthLabels(tc.months, tc.yearFirst); !slices.Equal(got, tc.want) {
				t.Errorf("monthLabels = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestIntTicks(t *testing.T) {
	values := func(ts []plot.Tick) []float64 {
		var vs []float64
		for _, t := range ts {
			vs = append(vs, t.Value)
			if t.Label == "" {
				return nil // every tick is labelled
			}
		}
		return vs
	}
	for _, tc := range []struct {
		name     string
		min, max float64
		want     []float64
	}{
		{"0 to 1", 0, 1, []float64{0, 1}},
		{"0 to 8 by ones", 0, 8, []float64{0, 1, 2, 3, 4, 5, 6, 7, 8}},
		{"0 to 16 by twos", 0, 16, []float64{0, 2, 4, 6, 8, 10, 12, 14, 16}},
		{"0 to 25 by fives", 0, 25, []float64{0, 5, 10, 15, 20, 25}},
		{"0 to 100 by twenties", 0, 100, []float64{0, 20, 40, 60, 80, 100}},
		{"not from 0", 3, 9, []float64{3, 4, 5, 6, 7, 8, 9}},
		{"max not a tick", 0, 23, []float64{0, 5, 10, 15, 20}},
		{"NaN", 0, math.NaN(), nil},
		{"reversed", 5, 1, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := values(intTicks(tc.min, tc.max)); !slices.Equal(got, tc.want) {
				t.Errorf("intTicks values = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestNiceMax(t *testing.T) {
	for _, tc := range []struct {
		max, want float64
	}{
		{0, 1}, {-3, 1}, {math.NaN(), 1}, {math.Inf(1), 1},
		{0.5, 1}, {1, 1}, {5, 5}, {8, 8}, {9, 10}, {16, 16}, {17, 20}, {21, 25}, {93.96, 100}, {1e6, 1e6},
	} {
		if got := niceMax(tc.max); got != tc.want {
			t.Errorf("niceMax(%v) = %v, want %v", tc.max, got, tc.want)
		}
	}
}

func TestPeriod(t *testing.T) {
	for _, tc := range []struct {
		name        string
		first, last time.Time
		want        string
	}{
		{"within a year", date(2021, 1, 8), date(2021, 7, 29), "January to July 2021"},
		{"across years", date(2020, 11, 3), date(2021, 2, 1), "November 2020 to February 2021"},
		{"one month", date(2021, 7, 1), date(2021, 7, 29), "July 2021"},
		{"one day", date(2021, 7, 29), date(2021, 7, 29), "July 2021"},
		{"same month, another year", date(2020, 7, 1), date(2021, 7, 1), "July 2020 to July 2021"},
		{"no incidents", time.Time{}, time.Time{}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := period(tc.first, tc.last); got != tc.want {
				t.Errorf("period = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestDayPeriod(t *testing.T) {
	for _, tc := range []struct {
		name        string
		first, last time.Time
		want        string
	}{
		{"within a year", date(2021, 1, 1), date(2021, 7, 29), "1 January to 29 July 2021"},
		{"within a month", date(2021, 7, 1), date(2021, 7, 29), "1 to 29 July 2021"},
		{"one day", date(2021, 1, 1), date(2021, 1, 1), "1 January 2021"},
		{"across years", date(2020, 12, 30), date(2021, 1, 2), "30 December 2020 to 2 January 2021"},
		{"no incidents", time.Time{}, time.Time{}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := dayPeriod(tc.first, tc.last); got != tc.want {
				t.Errorf("dayPeriod = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestShorten(t *testing.T) {
	for _, tc := range []struct {
		s    string
		n    int
		want string
	}{
		{"Baghdad Diplomatic Support Center", 60, "Baghdad Diplomatic Support Center"},
		{"abcdef", 6, "abcdef"},
		{"abcdefg", 6, "abcde…"},
		{"Ḥarīr Āir Bāse", 5, "Ḥarī…"},
	} {
		if got := shorten(tc.s, tc.n); got != tc.want {
			t.Errorf("shorten(%q, %d) = %q, want %q", tc.s, tc.n, got, tc.want)
		}
	}
}

func TestThinMonthLabels(t *testing.T) {
	months := func(from time.Time, n int) []time.Time {
		ms := make([]time.Time, n)
		for i := range ms {
			ms[i] = from.AddDate(0, i, 0)
		}
		return ms
	}
	for _, tc := range []struct {
		name   string
		months []time.Time
		want   []string
	}{
		{"seven", months(date(2021, 1, 1), 7), []string{"Jan 2021", "Feb", "Mar", "Apr", "May", "Jun", "Jul"}},
		{"fourteen", months(date(2020, 12, 1), 14), []string{"Dec 2020", "Jan 2021", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan 2022"}},
		{"fifteen", months(date(2020, 12, 1), 15), []string{"Dec 2020", "", "Feb 2021", "", "Apr", "", "Jun", "", "Aug", "", "Oct", "", "Dec", "", "Feb 2022"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := thinMonthLabels(tc.months); !slices.Equal(got, tc.want) {
				t.Errorf("thinMonthLabels = %q, want %q", got, tc.want)
			}
		})
	}
}

// monthsSummary is one incident a month for n months from January 2019
// at each of 16 sites named prefix and a number, from the 1st to the 12th
// of the month, as of the 12th of the last month when partial is set,
// else as of its last day.
func monthsSummary(tb testing.TB, n int, prefix string, partial bool) *stats.Summary {
	tb.Helper()
	var incs []incident.Incident
	for m := range n {
		for k := range 16 {
			incs = append(incs, incident.Incident{Date: date(2019, time.Month(1+m), 1+k%12),
				Site: fmt.Sprintf("%s %02d", prefix, k), Weapon: incident.Rocket})
		}
	}
	opts := stats.Options{AsOf: date(2019, time.Month(n+1), 0)}
	if partial {
		opts.AsOf = date(2019, time.Month(n), 12)
	}
	s, err := stats.Summarize(incs, nil, opts)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// TestMonthAxisFit draws the monthly chart and the heatmap at 1600 x 900
// and checks their month labels as drawn: the first month always, a
// partial last month with its days, and no two labels nearer than
// monthLabelGap. The heatmap's plot is narrower (its site names take the
// left), so it labels fewer months than the monthly chart; long site
// names, fewer still. The old rule (every k-th month, at most 14 labels,
// whatever the width) ran the heatmap's "Oct", "Jan 2020" and "Apr"
// together.
func TestMonthAxisFit(t *testing.T) {
	for _, tc := range []struct {
		name  string
		build func(*stats.Summary) (*figure, error)
		s     *stats.Summary
		step  int    // months between labels
		last  string // the last label, "" for none
	}{
		{"monthly, 7 months", monthlyFigure, monthsSummary(t, 7, "Site", false), 1, "Jul"},
		{"monthly, 36 months", monthlyFigure, monthsSummary(t, 36, "Site", false), 3, ""},
		{"monthly, 120 months", monthlyFigure, monthsSummary(t, 120, "Site", false), 12, ""},
		{"heatmap, 7 months, partial", heatmapFigure, monthsSummary(t, 7, "Site", true), 1, "Jul (1–12)"},
		{"heatmap, 36 months", heatmapFigure, monthsSummary(t, 36, "Site", false), 3, ""},
		{"heatmap, 36 months, long names", heatmapFigure, monthsSummary(t, 36, "Forward Operating Base", false), 4, ""},
		{"heatmap, 35 months, partial", heatmapFigure, monthsSummary(t, 35, "Forward Operating Base", true), 4, "Nov (1–12)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := tc.build(tc.s)
			if err != nil {
				t.Fatal(err)
			}
			var area draw.Canvas
			fit := f.fit
			f.fit = func(c draw.Canvas) draw.Canvas { area = fit(c); return area }
			f.footer = "Source: x.csv"
			f.draw(draw.New(vgimg.NewWith(vgimg.UseWH(800, 450), vgimg.UseDPI(144))))
			p := f.plot
			dc := p.DataCanvas(area)
			unit := (dc.Max.X - dc.Min.X) / vg.Length(p.X.Max-p.X.Min)
			var shown []int
			prev, prevW := -1, vg.Length(0)
			for _, tk := range p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max) {
				if tk.Label == "" {
					continue
				}
				i, w := int(tk.Value), p.X.Tick.Label.Width(tk.Label)
				if prev >= 0 && vg.Length(i-prev)*unit < (prevW+w)/2+monthLabelGap {
					t.Errorf("labels of months %d and %d overlap", prev, i)
				}
				shown = append(shown, i)
				prev, prevW = i, w
			}
			n := len(tc.s.Months)
			ticks := p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max)
			if len(shown) < 2 || shown[0] != 0 || shown[1] != tc.step {
				t.Errorf("labelled months %v, want 0, %d, ...", shown, tc.step)
			}
			if got := ticks[n-1].Label; got != tc.last {
				t.Errorf("last month's label %q, want %q", got, tc.last)
			}
		})
	}
}
