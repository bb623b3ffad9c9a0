package stats

import (
	"fmt"
	"strings"
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

// add counts an incident of the given precision dated on day (a day
// number) of month (a month number).
func (c *scoped) add(p incident.Precision, day, month int) {
	switch p {
	case incident.Week:
		*c.weeks.at(day)++
	case incident.Month:
		*c.months.at(month)++
	default:
		*c.days.at(day)++
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

// ScopeNames are the people's names of the standard scopes, by name.
var ScopeNames = map[string]string{
	"all": "all", "high_confidence": "high confidence", "no_convoys": "without convoys", "convoys_only": "convoys only",
}

// Words says in plain words how a tally stands against our count under
// its filter and under each standard scope, and which of these matches it
// best: "at least 39 through 6 June 2021: we count 122 (all): consistent.
// Our scopes that meet it: all 122, high confidence 103, convoys only 104;
// not without convoys, 18. Nearest: high confidence, 64 over."
func (r *Reconciled) Words() string {
	since := ""
	if r.Since.Month() != 1 || r.Since.Day() != 1 || r.Since.Year() != r.AsOf.Year() {
		since = " since " + r.Since.Format("2 January 2006")
	}
	filter := r.Filter.String()
	if filter == "" {
		filter = "all"
	}
	ours := fmt.Sprintf("%d", r.Ours)
	if r.OursLow != r.OursHigh {
		ours = fmt.Sprintf("%d to %d", r.OursLow, r.OursHigh)
	}
	out := fmt.Sprintf("%s%s through %s: we count %s (%s): %s.", r.Bound.Phrase(r.Published), since,
		r.Through.Format("2 January 2006"), ours, filter, r.Verdict)
	var meet, miss []string
	best, bestGap := "", -1
	for _, c := range r.ByScope {
		name := ScopeNames[c.Name]
		if Judge(c.Count, c.Count, r.Published, r.Bound) == Consistent {
			meet = append(meet, fmt.Sprintf("%s %d", name, c.Count))
		} else {
			miss = append(miss, fmt.Sprintf("%s, %d", name, c.Count))
		}
		gap := c.Count - r.Published
		if gap < 0 {
			gap = -gap
		}
		if bestGap < 0 || gap < bestGap {
			best, bestGap = name, gap
		}
	}
	switch {
	case len(meet) == 0:
		out += " None of our scopes meets it"
	case len(meet) == len(r.ByScope):
		out += " Every scope of ours meets it: " + strings.Join(meet, ", ")
	default:
		out += " Our scopes that meet it: " + strings.Join(meet, ", ")
	}
	if len(miss) > 0 && len(meet) > 0 {
		out += "; not " + strings.Join(miss, "; not ")
	} else if len(miss) > 0 {
		out += ": " + strings.Join(miss, "; ")
	}
	for _, c := range r.ByScope {
		if ScopeNames[c.Name] == best {
			switch d := c.Count - r.Published; {
			case d == 0:
				out += fmt.Sprintf(". Nearest: %s, exactly.", best)
			case d > 0:
				out += fmt.Sprintf(". Nearest: %s, %d over.", best, d)
			default:
				out += fmt.Sprintf(". Nearest: %s, %d short.", best, -d)
			}
		}
	}
	return out
}
