package charts

import (
	"fmt"
	"image/color"
	"strconv"

	"gonum.org/v1/plot/vg"

	"report/internal/stats"
)

// hourColor is the colour of the hours' bars: Okabe-Ito sky blue, which no
// weapon uses.
var hourColor = color.RGBA{R: 0x56, G: 0xB4, B: 0xE9, A: 0xFF}

// noTimes is the message of an hours chart without any known time.
const noTimes = "No incident has a time of day"

// hoursFigure builds the hours chart: the incidents whose time is known
// by local hour of day (stats.Summary.Hours), a bar per hour from 00 to
// 23, hours without incidents included, each labelled with its count; the
// subtitle says how many of all incidents have a time. Without any time
// it draws the message "No incident has a time of day".
func hoursFigure(s *stats.Summary) (*figure, error) {
	const title = "Incidents by hour of day"
	sub := period(s.First, s.Last)
	if sub != "" {
		sub += " · "
	}
	sub += fmt.Sprintf("%d of %s have a time (local time at the site)", s.TimesKnown, plural(s.Total.Incidents, "incident", "incidents"))
	if s.Total.Incidents == 0 {
		return emptyFigure(title, period(s.First, s.Last), noIncidents), nil
	}
	if s.TimesKnown == 0 {
		return emptyFigure(title, sub, noTimes), nil
	}
	bars, top := hourBars(&s.Hours)
	names := make([]string, 24)
	for h := range names {
		names[h] = fmt.Sprintf("%02d", h)
	}
	p := newPlot()
	p.X.Label.Text = "Hour of day, local time (00 is midnight to 00:59)"
	p.Y.Label.Text = "Incidents"
	categoryAxis(&p.X, names)
	p.X.Width = vg.Points(1)
	countAxis(&p.Y, float64(top))
	p.Add(newGrid(false, true), bars)
	return &figure{title: title, subtitle: sub, plot: p}, nil
}

// hourBars returns a bar per hour, labelled with its count (hours without
// incidents unlabelled), and the largest count.
func hourBars(hours *[24]int) (*stackedBars, int) {
	bars := &stackedBars{width: 0.7, labelStyle: barLabelStyle(), labels: make([]string, 24)}
	l := barLayer{color: hourColor, values: make([]float64, 24)}
	top := 0
	for h, n := range hours {
		l.values[h] = float64(n)
		if n > 0 {
			bars.labels[h] = strconv.Itoa(n)
		}
		top = max(top, n)
	}
	bars.layers = []barLayer{l}
	return bars, top
}
