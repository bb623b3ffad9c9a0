package stats

import (
	"fmt"
	"math"
	"time"
)

// Focus is the month a monthly report is about, set beside the months
// before it.
type Focus struct {
	// Month is the month's first day.
	Month time.Time
	Totals
	// Partial says the data ends before the month does; Through is the
	// last day it covers (the month's last day when not partial).
	Partial bool
	Through time.Time
	// Previous is the month before, and SameMonthLastYear the same month
	// a year before; nil where the data does not reach back so far.
	Previous, SameMonthLastYear *Month
	// Prior is how many of the three months before the data covers (0 to
	// 3), MeanPrior their mean incidents a month, and PriorFirst the first
	// of them.
	Prior      int
	MeanPrior  float64
	PriorFirst time.Time
	// Comparison sets the month's rate of incidents a day against that
	// of the months before it (up to three): the exact conditional test of
	// two Poisson rates. Zero when there is no month before.
	Comparison RateComparison
}

// MonthError says the month in focus (Options.Month) is outside the data.
type MonthError struct{ msg string }

func (e *MonthError) Error() string { return e.msg }

// focus sets s.Focus on the month of month (zero: the latest month), with
// the data covering through asOf (zero: the latest incident's date).
func (s *Summary) focus(month, asOf time.Time) error {
	if len(s.Months) == 0 {
		if !month.IsZero() {
			return &MonthError{fmt.Sprintf("no counted incidents, so none in %s", month.Format("January 2006"))}
		}
		return nil
	}
	if asOf.IsZero() {
		asOf = s.Last
	}
	if month.IsZero() {
		month = time.Date(asOf.Year(), asOf.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	month = time.Date(month.Year(), month.Month(), 1, 0, 0, 0, 0, time.UTC)
	first := s.Months[0].Start
	i := monthIndex(month, first)
	if i < 0 || i >= len(s.Months) && month.After(asOf) {
		return &MonthError{fmt.Sprintf("no data for %s: the data covers %s to %s", month.Format("January 2006"),
			first.Format("January 2006"), asOf.Format("2 January 2006"))}
	}
	f := &Focus{Month: month}
	if i < len(s.Months) {
		f.Totals = s.Months[i].Totals
	}
	end := month.AddDate(0, 1, -1)
	f.Through = end
	if asOf.Before(end) {
		f.Partial, f.Through = true, asOf
	}
	monthAt := func(j int) *Month {
		if j < 0 || j >= len(s.Months) {
			return nil
		}
		m := s.Months[j]
		return &m
	}
	f.Previous = monthAt(i - 1)
	f.SameMonthLastYear = monthAt(i - 12)
	priorDays, priorIncidents := 0, 0
	for j := i - 1; j >= i-3 && j >= 0; j-- {
		f.Prior++
		f.PriorFirst = s.Months[j].Start
		priorIncidents += s.Months[j].Incidents
		priorDays += daysIn(s.Months[j].Start)
	}
	if f.Prior > 0 {
		f.MeanPrior = float64(priorIncidents) / float64(f.Prior)
		days := dayIndex(f.Through, month) + 1
		f.Comparison = RateRatioTest(f.Incidents, float64(days), priorIncidents, float64(priorDays), 0.95)
	}
	s.Focus = f
	// The month the data ends in is partial, whichever month is in focus;
	// none is when incidents are dated after asOf (the data does not end
	// there).
	if j := monthIndex(asOf, first); j >= 0 && j < len(s.Months) && !asOf.Before(s.Last) &&
		asOf.Before(s.Months[j].Start.AddDate(0, 1, -1)) {
		s.Months[j].Partial, s.Months[j].Through = true, asOf
	}
	return nil
}

func daysIn(monthStart time.Time) int {
	return dayIndex(monthStart.AddDate(0, 1, -1), monthStart) + 1
}

// Words says the focus month against the months before it in plain
// words, for a briefing: "July 2021 (to 29 July): 11 incidents in 29 days,
// a pace below the 22.0 a month of April to June 2021 (rate ratio 0.53,
// p = 0.04): a gap chance alone would rarely make". A month with no month before says
// so.
func (f *Focus) Words() string {
	name := f.Month.Format("January 2006")
	if f.Partial {
		name += f.Through.Format(" (to 2 January)")
	}
	head := fmt.Sprintf("%s: %s", name, incidentsWord(f.Incidents))
	if f.Prior == 0 {
		return head + "; the data has no month before it to compare with"
	}
	before := f.PriorFirst.Format("January")
	if f.Prior == 1 {
		before = f.PriorFirst.Format("January 2006")
	} else {
		last := f.Month.AddDate(0, -1, 0)
		if last.Year() != f.PriorFirst.Year() {
			before = f.PriorFirst.Format("January 2006")
		}
		before += " to " + last.Format("January 2006")
	}
	c := f.Comparison
	dir := "the same as"
	switch {
	case c.Rate1 > c.Rate2:
		dir = "above"
	case c.Rate1 < c.Rate2:
		dir = "below"
	}
	chance := "a gap chance alone could well make"
	if c.P < 0.05 {
		chance = "a gap chance alone would rarely make"
	}
	ratio := ""
	if !math.IsNaN(c.Ratio) && !math.IsInf(c.Ratio, 0) {
		ratio = fmt.Sprintf("rate ratio %.2f, ", c.Ratio)
	}
	if f.Partial {
		head += fmt.Sprintf(" in %d days, a pace", dayIndex(f.Through, f.Month)+1)
	}
	sep := ", "
	if f.Partial {
		sep = " " // "a pace above"
	}
	return fmt.Sprintf("%s%s%s the %.1f a month of %s (%sp = %.2f): %s",
		head, sep, dir, f.MeanPrior, before, ratio, c.P, chance)
}

func incidentsWord(n int) string {
	if n == 1 {
		return "1 incident"
	}
	return fmt.Sprintf("%d incidents", n)
}
