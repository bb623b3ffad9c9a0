package stats

import (
	"time"

	"report/internal/incident"
)

// scoped counts the incidents of one scope by date: those dated to the
// day by day, those dated only to the week or month by the first day of
// their week or by their month, so that a tally's dates can cut through
// them and give a range.
type scoped struct {
	scope  incident.Scope
	days   window[int] // by day number
	weeks  window[int] // by the day number of the week's first day
	months window[int] // by month number
}

func (c *scoped) add(inc *incident.Incident) {
	switch inc.Precision {
	case incident.Week:
		*c.weeks.at(dayNumber(inc.Date))++
	case incident.Month:
		*c.months.at(monthNumber(inc.Date))++
	default:
		*c.days.at(dayNumber(inc.Date))++
	}
}

// count returns the incidents of the scope in from..to (days, both
// included): ours counts each incident on its date (an approximate one on
// the first day of its week or month), low only those wholly inside, high
// those that may be inside.
func (c *scoped) count(from, to time.Time) (ours, low, high int) {
	f, t := dayNumber(from), dayNumber(to)
	for i, n := range c.days.values {
		if d := c.days.base + i; d >= f && d <= t {
			ours += n
		}
	}
	low, high = ours, ours
	span := func(first, last, n int) {
		if n == 0 || last < f || first > t {
			return
		}
		if first >= f {
			ours += n // dated on its first day
		}
		high += n
		if first >= f && last <= t {
			low += n
		}
	}
	for i, n := range c.weeks.values {
		first := c.weeks.base + i
		span(first, first+6, n)
	}
	for i, n := range c.months.values {
		start := monthStart(c.months.base + i)
		span(dayNumber(start), dayNumber(start.AddDate(0, 1, -1)), n)
	}
	return ours, low, high
}
