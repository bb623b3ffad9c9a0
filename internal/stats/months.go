package stats

// This file wires the inference of inference.go into the Summary: the
// interval of each month's count, the intercept rate of each weapon, the
// trend of the latest months, the year-end projection, and the hours and
// weekdays of the incidents.

import (
	"time"

	"report/internal/incident"
)

// Confidence is the level of every interval in the Summary.
const Confidence = 0.95

// TrendMonths is the most months the Trend is fitted over: the latest
// ones, the latest month included.
const TrendMonths = 12

// Trend is a Poisson regression of the monthly counts on time over the
// last Months months (see PoissonTrend).
type Trend struct {
	// Months is the number of months fitted: TrendMonths, or all of
	// Summary.Months when there are fewer; 0 with no incidents.
	Months int
	// Fitted says there is a fit; when false the other figures are 0. There
	// is none with fewer than 3 months, when the counts leave the slope
	// unbounded (all in the first month, or all in the last), or when
	// the fit does not converge.
	Fitted bool
	// RateRatio is the factor by which the expected count changes from one
	// month to the next (1.04 is +4% a month); Low and High are its Wald
	// 95% interval.
	RateRatio, Low, High float64
}

// Projection carries the year-to-date rate to 31 December (see
// YearEndProjection).
type Projection struct {
	// YearEnd is the year-to-date count scaled from the days through
	// YearToDate.Through to the whole year; Low and High are its 95%
	// interval, which is never below the count so far.
	YearEnd, Low, High float64
	// Done says Through is 31 December: the count is the whole year's, and
	// YearEnd, Low and High all equal it.
	Done bool
}

// clock counts incidents by local hour and weekday.
type clock struct {
	hours      [24]int
	timesKnown int
	weekdays   [7]int
}

// add counts inc, dated on day (a day number), by hour and weekday.
func (c *clock) add(inc *incident.Incident, day int) {
	if h, ok := hourOf(inc.Time); ok {
		c.hours[h]++
		c.timesKnown++
	}
	if inc.Precision == incident.Day {
		// Day 0, 1 January 1970, was a Thursday: index 3 from Monday.
		c.weekdays[((day+3)%7+7)%7]++
	}
}

// hourOf returns the hour of a time "HH:MM"; ok is false for "" or
// anything else.
func hourOf(t string) (h int, ok bool) {
	if len(t) < 2 || t[0] < '0' || t[0] > '9' || t[1] < '0' || t[1] > '9' {
		return 0, false
	}
	h = int(t[0]-'0')*10 + int(t[1]-'0')
	return h, h < 24
}

// infer fills in the inference of s from its counts and c.
func (s *Summary) infer(c *clock) {
	s.Hours, s.TimesKnown, s.Weekdays = c.hours, c.timesKnown, c.weekdays
	for i := range s.Months {
		m := &s.Months[i]
		m.CILow, m.CIHigh = PoissonInterval(m.Incidents, Confidence)
	}
	for i := range s.Weapons {
		w := &s.Weapons[i]
		if w.Munitions > 0 {
			// incident.Load refuses more intercepted than munitions in a
			// row, so the sums keep to it; min guards other feeders.
			k := min(w.Intercepted, w.Munitions)
			w.InterceptRate = float64(k) / float64(w.Munitions)
			w.InterceptLow, w.InterceptHigh = WilsonInterval(k, w.Munitions, Confidence)
		}
	}
	s.Trend = trendOf(s.Months)
	s.YearToDate.Projection = projectionOf(&s.YearToDate)
}

// trendOf fits the trend of the last TrendMonths of months.
func trendOf(months []Month) Trend {
	last := months[max(len(months)-TrendMonths, 0):]
	counts := make([]int, len(last))
	for i, m := range last {
		counts[i] = m.Incidents
	}
	t := Trend{Months: len(last)}
	if len(counts) == 0 {
		return t
	}
	if fit := PoissonTrend(counts, Confidence); fit.Converged {
		t.Fitted, t.RateRatio, t.Low, t.High = true, fit.RateRatio, fit.Lo, fit.Hi
	}
	return t
}

// projectionOf carries y's count to 31 December; zero when y has no
// Through.
func projectionOf(y *YearToDate) Projection {
	if y.Through.IsZero() {
		return Projection{}
	}
	jan1 := time.Date(y.Year, time.January, 1, 0, 0, 0, 0, time.UTC)
	days := dayIndex(jan1.AddDate(1, 0, 0), jan1)
	elapsed := dayIndex(y.Through, jan1) + 1
	var p Projection
	p.YearEnd, p.Low, p.High = YearEndProjection(y.Incidents, elapsed, days, Confidence)
	p.Done = elapsed == days
	return p
}
