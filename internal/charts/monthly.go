package charts

import (
	"fmt"
	"strconv"
	"time"

	"gonum.org/v1/plot/vg"

	"report/internal/stats"
)

// maxMonthLabels is the most month labels that fit under the bars.
const maxMonthLabels = 14

// thinMonthLabels labels the months as monthLabels does with the first
// year; of more than maxMonthLabels months it labels only every k-th, the
// first included, with k as small as keeps them to maxMonthLabels, and
// leaves the others "".
func thinMonthLabels(months []time.Time) []string {
	k := (len(months) + maxMonthLabels - 1) / maxMonthLabels
	if k <= 1 {
		return monthLabels(months, true)
	}
	var shown []time.Time
	for i := 0; i < len(months); i += k {
		shown = append(shown, months[i])
	}
	labels := make([]string, len(months))
	for i, l := range monthLabels(shown, true) {
		labels[i*k] = l
	}
	return labels
}

// partialLabel is the legend's label of a partial month:
// "Partial month: 1–29 July".
func partialLabel(m stats.Month) string {
	if d := m.Through.Day(); d > 1 {
		return fmt.Sprintf("Partial month: 1–%d %s", d, m.Through.Month())
	}
	return "Partial month: 1 " + m.Through.Month().String()
}

// monthlyFigure builds the figure of Monthly: a month the data ends in
// (stats.Month.Partial) is drawn pale in a dashed outline, with a legend
// entry that says how far it goes.
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
	p.X.Width = vg.Points(1) // keep the baseline under the bars
	countAxis(&p.Y, top)
	p.Add(newGrid(false, true), bars, ci)
	subtitle := period(s.First, s.Last) + " · lines: 95% interval of each month's count"
	return &figure{title: title, subtitle: subtitle, legend: legend, plot: p}, nil
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
