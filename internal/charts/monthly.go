package charts

import (
	"fmt"
	"strconv"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"report/internal/stats"
)

// maxMonthLabels is the most month labels a month axis starts with,
// before it is fitted to the width it is drawn at (see monthAxis).
const maxMonthLabels = 14

// thinMonthLabels labels the months as monthLabels does with the first
// year; of more than maxMonthLabels months it labels only every k-th, the
// first included, with k as small as keeps them to maxMonthLabels, and
// leaves the others "".
func thinMonthLabels(months []time.Time) []string {
	k := (len(months) + maxMonthLabels - 1) / maxMonthLabels
	return monthAxis{months: months}.labels(max(k, 1), false)
}

// monthSteps are the steps, in months, between the labels of a month
// axis, from every month to every year; past them, whole years.
var monthSteps = []int{1, 2, 3, 4, 6, 12}

// monthLabelGap is the least room between two month labels, in points.
const monthLabelGap = vg.Length(8)

// monthAxis labels a category axis of months (at 0, 1, ...) with as many
// labels as fit the width the plot is drawn at, for the monthly chart and
// the heatmap, whose plots are of different widths.
type monthAxis struct {
	months []time.Time
	// last is added to the last month's label (" (1–29)" for a partial
	// month), and then that month is labelled whatever the step.
	last string
}

// labels returns the labels of every k-th month from the first (the
// others ""), the years as monthLabels gives them; with last, the last
// month is labelled too, and the label before it is left out when
// drop is set (to make room).
func (m monthAxis) labels(k int, drop bool) []string {
	n := len(m.months)
	var idx []int
	for i := 0; i < n; i += k {
		idx = append(idx, i)
	}
	if m.last != "" && n > 0 && idx[len(idx)-1] != n-1 {
		if drop && len(idx) > 1 {
			idx = idx[:len(idx)-1]
		}
		idx = append(idx, n-1)
	}
	shown := make([]time.Time, len(idx))
	for j, i := range idx {
		shown[j] = m.months[i]
	}
	labels := make([]string, n)
	for j, l := range monthLabels(shown, true) {
		labels[idx[j]] = l
	}
	if m.last != "" && n > 0 {
		labels[n-1] += m.last
	}
	return labels
}

// setCategoryTicks makes labels the ticks of the category axis a.
func setCategoryTicks(a *plot.Axis, labels []string) {
	ticks := make([]plot.Tick, len(labels))
	for i, l := range labels {
		ticks[i] = plot.Tick{Value: float64(i), Label: l}
	}
	a.Tick.Marker = plot.ConstantTicks(ticks)
}

// fit sets the labels of p's x axis, a category axis of m's months, to
// those of the smallest step of monthSteps (then whole years) at which no
// two labels come closer than monthLabelGap, p drawn in area. The first
// label may reach left of the plot, as before; the last month, when it
// has a suffix, drops the label before it rather than take a larger step.
func (m monthAxis) fit(p *plot.Plot, area draw.Canvas) {
	n := len(m.months)
	if n == 0 {
		return
	}
	dc := p.DataCanvas(area)
	step := (dc.Max.X - dc.Min.X) / vg.Length(p.X.Max-p.X.Min) // one month
	sty := p.X.Tick.Label
	fits := func(labels []string) bool {
		prev, prevW := -1, vg.Length(0)
		for i, l := range labels {
			if l == "" {
				continue
			}
			w := sty.Width(l)
			if prev >= 0 && vg.Length(i-prev)*step < (prevW+w)/2+monthLabelGap {
				return false
			}
			prev, prevW = i, w
		}
		return true
	}
	var labels []string
	for j := 0; ; j++ {
		k := 12 * (j - len(monthSteps) + 2)
		if j < len(monthSteps) {
			k = monthSteps[j]
		}
		labels = m.labels(k, false)
		if fits(labels) {
			break
		}
		if dropped := m.labels(k, true); fits(dropped) {
			labels = dropped
			break
		}
		if k >= n {
			// Only the first (and last) month is left: keep it.
			break
		}
	}
	setCategoryTicks(&p.X, labels)
}

// partialLabel is the legend's label of a partial month:
// "Partial month: 1–29 July".
func partialLabel(m stats.Month) string {
	if d := m.Through.Day(); d > 1 {
		return fmt.Sprintf("Partial month: 1–%d %s", d, m.Through.Month())
	}
	return "Partial month: 1 " + m.Through.Month().String()
}

// monthlyFigure builds the monthly chart: the incidents per calendar
// month, stacked by weapon, for every month from the first to the last
// incident, months without incidents included. Each bar carries its
// total. A month the data ends in (stats.Month.Partial) is drawn pale in
// a dashed outline, with a legend entry that says how far it goes.
func monthlyFigure(s *stats.Summary) (*figure, error) {
	const title = "Incidents per month, by weapon"
	if s.Total.Incidents == 0 || len(s.Months) == 0 {
		return emptyFigure(title, period(s.First, s.Last), noIncidents), nil
	}
	legend, err := weaponLegend(usedWeapons(s))
	if err != nil {
		return nil, err
	}
	bars := monthlyBars(s, legend)
	// Each month's 95% interval is a whisker over its bar, with the
	// month's total above the whisker.
	ci := monthWhiskers(s.Months)
	bars.labelAt = ci.hi
	months := make([]time.Time, len(s.Months))
	top := 0.0
	for i, m := range s.Months {
		months[i] = m.Start
		top = max(top, bars.total(i), m.CIHigh)
		if m.Partial {
			legend = append(legend, legendEntry{label: partialLabel(m), swatch: swatchPartial, color: midGrey})
		}
	}

	p := newPlot()
	p.X.Label.Text = "Month"
	p.Y.Label.Text = "Incidents"
	categoryAxis(&p.X, thinMonthLabels(months))
	ma := monthAxis{months: months}
	p.X.Width = vg.Points(1) // keep the baseline under the bars
	countAxis(&p.Y, top)
	p.Add(newGrid(false, true), bars, ci)
	subtitle := period(s.First, s.Last) + " · lines: 95% interval of each month's count"
	return &figure{title: title, subtitle: subtitle, legend: legend, plot: p,
		fit: func(c draw.Canvas) draw.Canvas { ma.fit(p, c); return c }}, nil
}

// monthlyBars returns the bars of the months of s, one layer for each
// weapon of legend (in its colour), each bar labelled with its month's
// incidents, a partial month's drawn as partial.
func monthlyBars(s *stats.Summary, legend []legendEntry) *stackedBars {
	ws := usedWeapons(s)
	bars := &stackedBars{width: 0.65, labelStyle: barLabelStyle(), partial: make([]bool, len(s.Months))}
	for i, w := range ws {
		l := barLayer{color: legend[i].color, values: make([]float64, len(s.Months))}
		for m := range s.Months {
			l.values[m] = float64(s.Months[m].ByWeapon[w])
		}
		bars.layers = append(bars.layers, l)
	}
	for i, m := range s.Months {
		bars.labels = append(bars.labels, strconv.Itoa(m.Incidents))
		bars.partial[i] = m.Partial
	}
	return bars
}
