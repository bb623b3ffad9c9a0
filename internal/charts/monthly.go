package charts

import (
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

// monthlyFigure builds the figure of Monthly.
func monthlyFigure(s *stats.Summary) (*figure, error) {
	const title = "Incidents per month, by weapon"
	if s.Total.Incidents == 0 || len(s.Months) == 0 {
		return emptyFigure(title, period(s.First, s.Last), noIncidents), nil
	}
	ws := usedWeapons(s)
	legend, err := weaponLegend(ws)
	if err != nil {
		return nil, err
	}
	bars := &stackedBars{width: 0.65, labelStyle: barLabelStyle()}
	for i, w := range ws {
		l := barLayer{color: legend[i].color, values: make([]float64, len(s.Months))}
		for m := range s.Months {
			l.values[m] = float64(s.Months[m].ByWeapon[w])
		}
		bars.layers = append(bars.layers, l)
	}
	months := make([]time.Time, len(s.Months))
	// Each month's 95% interval is a whisker over its bar, with the
	// month's total above the whisker.
	ci := monthWhiskers(s.Months)
	top := 0.0
	partial := -1
	for i, m := range s.Months {
		months[i] = m.Start
		label := strconv.Itoa(m.Incidents)
		if m.Partial {
			// A month the data ends in is drawn as far as it goes, and
			// says so.
			label += m.Through.Format(" (to 2 Jan)")
			partial = i
		}
		bars.labels = append(bars.labels, label)
		top = max(top, bars.total(i), m.CIHigh)
	}
	bars.labelAt = ci.hi

	p := newPlot()
	p.X.Label.Text = "Month"
	p.Y.Label.Text = "Incidents"
	names := thinMonthLabels(months)
	if partial >= 0 && names[partial] != "" {
		names[partial] += " (part)"
	}
	categoryAxis(&p.X, names)
	p.X.Width = vg.Points(1) // keep the baseline under the bars
	countAxis(&p.Y, top)
	p.Add(newGrid(false, true), bars, ci)
	subtitle := period(s.First, s.Last) + " · lines: 95% interval of each month's count"
	return &figure{title: title, subtitle: subtitle, legend: legend, plot: p}, nil
}
