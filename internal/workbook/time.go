package workbook

// This file holds the figures of the monthly analysis: the Time sheet and
// the wording of the projection and trend on the Summary sheet.

import (
	"fmt"
	"math"

	"report/internal/stats"
)

// fmtOneDecimal shows a number with one decimal: the intervals of counts.
const fmtOneDecimal = "0.0"

// weekdays are the names of Summary.Weekdays, Monday first.
var weekdays = [7]string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

// timeOfDay writes the incidents by local hour beside the incidents by
// weekday: 24 rows of hour and count, the first 7 also of weekday and
// count, then a Total row of the incidents with a time and those dated to
// the day.
func (b *Workbook) timeOfDay(r *Report, sheet string) error {
	s := r.Summary
	days := 0
	for _, n := range s.Weekdays {
		days += n
	}
	return b.writeTable(sheet, &table{
		cols: []column{{name: "Hour (local)"}, {name: "Incidents with a time"},
			{name: "Weekday"}, {name: "Incidents dated to the day"}},
		rows: len(s.Hours),
		row: func(i int, dst []any) []any {
			dst = append(dst[:0], fmt.Sprintf("%02d", i), s.Hours[i])
			if i < len(weekdays) {
				return append(dst, weekdays[i], s.Weekdays[i])
			}
			return append(dst, nil, nil)
		},
		total: []any{"Total", s.TimesKnown, "Total", days},
	})
}

// projection words the year-end projection: "263 (95% 231 to 298), the
// rate so far carried to 31 December".
func projection(y *stats.YearToDate) string {
	p := y.Projection
	if p.Done {
		return fmt.Sprintf("%d: the data covers the whole year", y.Incidents)
	}
	return fmt.Sprintf("%.0f (95%% %.0f to %.0f), the rate so far carried to 31 December", p.YearEnd, p.Low, p.High)
}

// trendLabel is "Trend over the last 7 months" ("the one month" for 1).
func trendLabel(t *stats.Trend) string {
	if t.Months == 1 {
		return "Trend over the one month"
	}
	return fmt.Sprintf("Trend over the last %d months", t.Months)
}

// trend words the trend: "+4% a month (95% −3% to +12%), Poisson
// regression", or says that none can be fitted.
func trend(t *stats.Trend) string {
	switch {
	case t.Months < 3:
		return "no trend can be fitted from fewer than 3 months"
	case !t.Fitted:
		return "no trend can be fitted"
	}
	return fmt.Sprintf("%s a month (95%% %s to %s), Poisson regression",
		signedPercent(t.RateRatio-1), signedPercent(t.Low-1), signedPercent(t.High-1))
}

// signedPercent writes a fraction as a whole percentage with its sign:
// +4%, −3% (a minus sign), 0%.
func signedPercent(x float64) string {
	p := math.Round(x * 100)
	switch {
	case p > 0:
		return fmt.Sprintf("+%.0f%%", p)
	case p < 0:
		return fmt.Sprintf("−%.0f%%", -p)
	}
	return "0%"
}
