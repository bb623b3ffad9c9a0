package charts

import (
	"math"
	"strconv"
	"time"

	"gonum.org/v1/plot"
)

// maxIntTicks is the most ticks intTicks gives on a count axis.
const maxIntTicks = 8

// intStep returns the step between ticks of a count axis from 0 to max: the
// smallest of 1, 2, 5, 10, 20, 50, ... that gives at most maxIntTicks
// intervals. It is 1 for max <= 0 or a max that is not finite.
func intStep(max float64) float64 {
	if !finite(max) || max <= 0 {
		return 1
	}
	for mag := 1.0; ; mag *= 10 {
		for _, m := range []float64{1, 2, 5} {
			if step := m * mag; max/step <= maxIntTicks {
				return step
			}
		}
	}
}

// niceMax returns the top of a count axis that shows max: the first
// multiple of intStep(max) at or above it; 1 when max <= 0 or is not finite.
func niceMax(max float64) float64 {
	if !finite(max) || max <= 0 {
		return 1
	}
	step := intStep(max)
	if top := math.Ceil(max/step) * step; finite(top) {
		return top
	}
	return max
}

// intTicks is a plot.Ticker for counts: labelled ticks at the whole
// multiples of intStep(max) from min to max, no minor ticks. It gives no
// ticks for a range that is not finite.
func intTicks(min, max float64) []plot.Tick {
	if !finite(min, max) || max < min {
		return nil
	}
	step := intStep(max - min)
	var ticks []plot.Tick
	for v := math.Ceil(min/step) * step; v <= max+1e-9; v += step {
		ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', 0, 64)})
	}
	return ticks
}

// monthLabels labels a run of months: "Jan", "Feb", ..., with the year
// added ("Jan 2022") where it changes from the month labelled before, and
// to the first month when yearFirst is set.
func monthLabels(months []time.Time, yearFirst bool) []string {
	labels := make([]string, len(months))
	for i, m := range months {
		labels[i] = m.Format("Jan")
		if (i == 0 && yearFirst) || (i > 0 && m.Year() != months[i-1].Year()) {
			labels[i] = m.Format("Jan 2006")
		}
	}
	return labels
}

// unixDate returns the x value of a date on a time axis: its Unix time in
// seconds.
func unixDate(t time.Time) float64 { return float64(t.Unix()) }

// monthTicks is a plot.Ticker for a time axis in Unix seconds (UTC): a
// labelled tick at the start of every month from min to max, both
// inclusive, labelled as by monthLabels without the first year. A range
// that holds no month start gets no ticks; one that is not finite or runs
// beyond the years 1 to 9999 gets none either.
func monthTicks(min, max float64) []plot.Tick {
	const lo, hi = -62135596800, 253402300799 // 0001-01-01 and 9999-12-31T23:59:59 UTC
	if !finite(min, max) || max < min || min < lo || max > hi {
		return nil
	}
	start := time.Unix(int64(math.Floor(min)), 0).UTC()
	m := time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, time.UTC)
	if unixDate(m) < min {
		m = m.AddDate(0, 1, 0)
	}
	var months []time.Time
	for ; unixDate(m) <= max; m = m.AddDate(0, 1, 0) {
		months = append(months, m)
	}
	labels := monthLabels(months, false)
	ticks := make([]plot.Tick, len(months))
	for i, m := range months {
		ticks[i] = plot.Tick{Value: unixDate(m), Label: labels[i]}
	}
	return ticks
}

// period returns the subtitle naming the months from first to last:
// "July 2021" for one month, "January to July 2021" within a year,
// "November 2020 to February 2021" across years; "" when either date is
// zero. The dates' days are ignored.
func period(first, last time.Time) string {
	if first.IsZero() || last.IsZero() {
		return ""
	}
	switch {
	case first.Year() == last.Year() && first.Month() == last.Month():
		return last.Format("January 2006")
	case first.Year() == last.Year():
		return first.Format("January") + " to " + last.Format("January 2006")
	default:
		return first.Format("January 2006") + " to " + last.Format("January 2006")
	}
}

// dayPeriod is like period but names days: "1 January to 29 July 2021",
// "1 to 29 July 2021", "29 July 2021", "30 December 2020 to 2 January 2021".
func dayPeriod(first, last time.Time) string {
	if first.IsZero() || last.IsZero() {
		return ""
	}
	switch {
	case first.Year() == last.Year() && first.YearDay() == last.YearDay():
		return last.Format("2 January 2006")
	case first.Year() == last.Year() && first.Month() == last.Month():
		return first.Format("2") + " to " + last.Format("2 January 2006")
	case first.Year() == last.Year():
		return first.Format("2 January") + " to " + last.Format("2 January 2006")
	default:
		return first.Format("2 January 2006") + " to " + last.Format("2 January 2006")
	}
}
