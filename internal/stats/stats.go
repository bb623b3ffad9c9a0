// Package stats computes the report's figures from counted incidents. It is
// pure: no I/O, no clock, no randomness; the same incidents give the same
// Summary whatever their order.
package stats

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"report/internal/incident"
)

// Options adjusts Summarize.
type Options struct {
	// Year is the report year for the year to date; 0 means the year of the
	// latest incident.
	Year int
	// ByGroup counts sites by their gazetteer group (Incident.Group)
	// rather than by site.
	ByGroup bool
	// Month is the month in focus (its first day); the zero time means the
	// month of AsOf. AsOf is the last day the data covers; zero means the
	// latest incident's date. A month that ends after AsOf is partial.
	Month, AsOf time.Time
	// Scopes are the filters that published tallies use (Reference.Filter),
	// counted besides the standard scopes (incident.StandardScopes) so that
	// each tally is reconciled under its own. Summarize adds those of its
	// references itself.
	Scopes []incident.Scope
}

// Totals are the sums over a set of incidents. Empty (not reported) counts
// add 0, except munitions, which add 1 (see incident.Count).
type Totals struct {
	Incidents, Munitions, Intercepted, Killed, Wounded int
	// Approximate counts the incidents whose date is known only to the
	// week or month (see incident.Precision).
	Approximate int
	// ByWeapon counts incidents per weapon, indexed by incident.Weapon.
	ByWeapon [incident.NumWeapons]int
}

func (t *Totals) add(inc *incident.Incident) {
	t.Incidents++
	t.Munitions += inc.Munitions.N
	t.Intercepted += inc.Intercepted.N
	t.Killed += inc.Killed.N
	t.Wounded += inc.Wounded.N
	t.ByWeapon[inc.Weapon]++
	if inc.Precision != incident.Day {
		t.Approximate++
	}
}

// Month holds the totals of one calendar month.
type Month struct {
	// Start is the first day of the month, 00:00 UTC.
	Start time.Time
	Totals
	// Partial says the data ends before the month does, on Through.
	Partial bool
	Through time.Time
	// CILow and CIHigh are the exact (Garwood) 95% interval of the
	// month's expected number of incidents, taking Incidents as a Poisson
	// count (see PoissonInterval): 0 to 3.689 for a month without any.
	CILow, CIHigh float64
}

// Site holds the incidents at one site (sites are told apart by their exact
// name), or at one gazetteer group when Summary.SitesByGroup.
type Site struct {
	Name      string
	Incidents int
	// ByWeapon counts incidents per weapon, indexed by incident.Weapon.
	ByWeapon [incident.NumWeapons]int
	// First and Last are the dates of the site's first and last incidents.
	First, Last time.Time
	// Group is the site's gazetteer group (Incident.Group); when its
	// incidents give several, the first in alphabetical order. By group
	// (Summary.SitesByGroup) it is the Name.
	Group string
	// Convoys counts the site's incidents on convoys (target type
	// convoy); see IsConvoy.
	Convoys int
	// Months counts the site's incidents per month from the month of its
	// first incident to that of its last: Months[i] is its count in
	// Summary.Months[FirstMonth+i], and it has none in the months
	// outside (InMonth reads it by Summary.Months' index). Only the site's
	// own months are kept, so that many sites over many months cost what
	// each site spans, not every site times every month.
	Months     []int
	FirstMonth int
	// Position is the mean position of the Located incidents of the site
	// that have one (Incident.Position), nil when none has. Spread is the
	// larger of the ranges of their latitudes and of their longitudes, in
	// degrees: 0 when all give the same position, large when a site (a
	// convoy route, a group) stands for places far apart. Positions are
	// summed to 1e-6 degrees, so the mean does not depend on the order of
	// the incidents.
	Position *incident.Position
	Located  int
	Spread   float64
}

// InMonth returns the site's incidents in Summary.Months[i]: 0 outside
// its Months.
func (s *Site) InMonth(i int) int {
	if j := i - s.FirstMonth; j >= 0 && j < len(s.Months) {
		return s.Months[j]
	}
	return 0
}

// IsConvoy reports whether most of the site's incidents were on convoys:
// a supply route rather than a fixed site.
func (s *Site) IsConvoy() bool { return 2*s.Convoys > s.Incidents }

// WeaponTotals holds the totals of one weapon.
type WeaponTotals struct {
	Weapon                                             incident.Weapon
	Incidents, Munitions, Intercepted, Killed, Wounded int
	// Share is the weapon's share of all incidents, 0 to 1; 0 when there
	// are none.
	Share float64
	// InterceptRate is Intercepted/Munitions and InterceptLow and
	// InterceptHigh its Wilson 95% interval (see WilsonInterval). All
	// three are 0 when Munitions is 0: there is no rate to give, and the
	// zeros keep NaN out of every output; tell the case by Munitions.
	InterceptRate, InterceptLow, InterceptHigh float64
}

// Day is one day of the year to date.
type Day struct {
	Date time.Time
	// Incidents is the number on that day; Cumulative the number from
	// 1 January through that day.
	Incidents, Cumulative int
}

// YearToDate is the running count of the report year.
type YearToDate struct {
	Year int
	// Through is the last day counted: the latest incident's date, or
	// 31 December when the data goes beyond the report year. Zero when
	// there are no incidents.
	Through time.Time
	// Incidents is the count from 1 January through Through.
	Incidents int
	// Days runs from 1 January through Through, one entry a day.
	Days []Day
	// Lines are our running counts under the scopes of the year's
	// tallies, one value a day as Days: the first every counted incident,
	// then each other filter the tallies use, in their order, at most
	// MaxLines in all.
	Lines []Line
	// Projection carries the rate so far to 31 December; zero when
	// Through is zero.
	Projection Projection
}

// MaxLines is the most running counts a YearToDate draws.
const MaxLines = 3

// Line is our running count of the year under one scope: Cumulative[i]
// counts from 1 January through Days[i].Date, an incident dated only to
// its week or month on the first day of it.
type Line struct {
	Scope      incident.Scope
	Cumulative []int
}

// Reconciled is a published tally beside our count under its own
// filter, over its own dates.
type Reconciled struct {
	// Reference is the tally, its Through always set: the AsOf of a
	// tally that gave none.
	incident.Reference
	// Ours is the number of counted incidents that match the tally's
	// Filter and are dated Since to Through, both inclusive; an incident
	// dated only to its week or month counts on the week's or month's
	// first day. OursLow and OursHigh are the fewest and most it could
	// be when such incidents straddle Since or Through: equal to Ours
	// when none does.
	Ours, OursLow, OursHigh int
	// Difference is Ours minus Published: positive when we count more.
	Difference int
	// Verdict says whether our range meets the tally's bound.
	Verdict Verdict
	// ByScope is our count over the same dates under each standard scope
	// (incident.StandardScopes), in their order.
	ByScope []ScopeCount
	// Line is the index in YearToDate.Lines of the running count of the
	// tally's filter, -1 when the tally is not drawn (not InYear, or its
	// filter is past MaxLines). Plotted is where the tally is drawn, at
	// Through, so that the gap to its line there is Difference. A tally
	// that starts on 1 January is drawn at Published against the line. One
	// that starts later is drawn at Published against a line of its own
	// from Since: the line less Before, our count under the filter from 1
	// January to the day before Since. One that starts the year before is
	// drawn on the line lowered by our count from Since to 31 December.
	Line, Plotted, Before int
	// FromSince says the tally has a line of its own from Since.
	FromSince bool
	// InYear says the tally is dated in the year of the year to date.
	InYear bool
}

// lines draws the year's running counts under the scopes of its tallies,
// and places each tally on its line.
func (a *Accumulator) lines(s *Summary) {
	y := &s.YearToDate
	for i := range s.References {
		s.References[i].Line = -1
	}
	if len(y.Days) == 0 {
		return
	}
	jan1 := y.Days[0].Date
	index := func(sc incident.Scope) int {
		for i, l := range y.Lines {
			if l.Scope == sc {
				return i
			}
		}
		if len(y.Lines) == MaxLines {
			return -1
		}
		c := a.scope(sc)
		daily := make([]int, len(y.Days))
		for i := range daily {
			d := y.Days[i].Date
			daily[i] = at(&c.days, dayNumber(d)) + at(&c.weeks, dayNumber(d))
			if d.Day() == 1 {
				daily[i] += at(&c.months, monthNumber(d))
			}
		}
		total := 0
		for i, n := range daily {
			total += n
			daily[i] = total
		}
		y.Lines = append(y.Lines, Line{Scope: sc, Cumulative: daily})
		return len(y.Lines) - 1
	}
	index(incident.Scope{})
	for i := range s.References {
		r := &s.References[i]
		if !r.InYear {
			continue
		}
		if r.Line = index(r.Filter); r.Line < 0 {
			continue
		}
		c := a.scope(r.Filter)
		r.Plotted = r.Published
		switch {
		case r.Since.After(jan1):
			r.Before, _, _ = c.count(jan1, r.Since.AddDate(0, 0, -1))
			r.FromSince = true
		case r.Since.Before(jan1):
			n, _, _ := c.count(r.Since, jan1.AddDate(0, 0, -1))
			r.Plotted -= n
		}
	}
}

// at returns w's value at index i, 0 outside it.
func at(w *window[int], i int) int {
	if j := i - w.base; j >= 0 && j < len(w.values) {
		return w.values[j]
	}
	return 0
}

// ScopeCount is our count under a named scope.
type ScopeCount struct {
	Name  string
	Count int
}

// reconcile counts a tally under its filter and the standard scopes.
func (a *Accumulator) reconcile(ref incident.Reference) (Reconciled, error) {
	if ref.Through.IsZero() {
		ref.Through = ref.AsOf
	}
	through := ref.Through
	var c *scoped
	for _, s := range a.scoped {
		if s.scope == ref.Filter {
			c = s
		}
	}
	if c == nil {
		return Reconciled{}, fmt.Errorf("stats: the filter %q of the tally of %s was not counted (Options.Scopes)",
			ref.Filter, ref.AsOf.Format(time.DateOnly))
	}
	r := Reconciled{Reference: ref}
	r.Ours, r.OursLow, r.OursHigh = c.count(ref.Since, through)
	r.Difference = r.Ours - ref.Published
	r.Verdict = Judge(r.OursLow, r.OursHigh, ref.Published, ref.Bound)
	for i, ns := range incident.StandardScopes() {
		n, _, _ := a.scoped[i].count(ref.Since, through)
		r.ByScope = append(r.ByScope, ScopeCount{ns.Name, n})
	}
	return r, nil
}

// Summary is every figure of the report.
type Summary struct {
	// First and Last are the dates of the earliest and latest incidents;
	// zero when there are none.
	First, Last time.Time
	Total       Totals
	// Months runs from the month of First to the month of Last, months
	// without incidents included; empty when there are no incidents.
	Months []Month
	// Sites is ordered by incidents, most first, then by name. They are
	// gazetteer groups when SitesByGroup (Options.ByGroup).
	Sites        []Site
	SitesByGroup bool
	// Weapons has one entry per canonical weapon, in vocabulary order,
	// weapons without incidents included.
	Weapons []WeaponTotals
	// Focus is the month in focus (Options.Month) against the months
	// before it; nil when there are no incidents.
	Focus      *Focus
	YearToDate YearToDate
	References []Reconciled
	// Hours counts the incidents by local hour (Incident.Time), 0 to 23,
	// of the TimesKnown incidents whose time is given.
	Hours      [24]int
	TimesKnown int
	// Weekdays counts the incidents by day of the week, Monday first, of
	// the incidents dated to the day: an incident dated only to the week
	// or month (Total.Approximate) has no weekday, so Weekdays sums to
	// Total.Incidents - Total.Approximate.
	Weekdays [7]int
	// Trend is the trend of the monthly counts over the last TrendMonths
	// months.
	Trend Trend
}

// Accumulator takes counted incidents one at a time and gives their
// Summary when asked. Its memory does not grow with the number of
// incidents, only with the span of their dates and the number of sites
// (each site keeps a count per month of its own span).
// Several accumulators can be fed from one pass over a file. The zero
// value is not usable: call NewAccumulator.
type Accumulator struct {
	opts  Options
	n     int
	total Totals
	// days counts the incidents per day and months totals them per
	// month, each over the span of the dates seen so far.
	days    window[int]
	months  window[Totals]
	weapons [incident.NumWeapons]WeaponTotals
	sites   map[string]*siteCounts
	// scoped counts the standard scopes, then the other scopes of
	// Options.Scopes, each once, by date.
	scoped []*scoped
	// clock counts incidents by hour and weekday (see Summary.Hours).
	clock clock
}

// NewAccumulator returns an empty Accumulator.
func NewAccumulator(opts Options) *Accumulator {
	a := &Accumulator{opts: opts, sites: make(map[string]*siteCounts)}
	for _, ns := range incident.StandardScopes() {
		a.scope(ns.Scope)
	}
	for _, s := range opts.Scopes {
		a.scope(s)
	}
	return a
}

// scope returns the counts of s, made when first asked for.
func (a *Accumulator) scope(s incident.Scope) *scoped {
	for _, c := range a.scoped {
		if c.scope == s {
			return c
		}
	}
	c := &scoped{scope: s}
	a.scoped = append(a.scoped, c)
	return c
}

// Add counts one incident. It keeps nothing of inc, so inc and the
// strings it holds may be reused once Add returns.
func (a *Accumulator) Add(inc *incident.Incident) {
	a.n++
	a.total.add(inc)
	day, month := dayNumber(inc.Date), monthNumber(inc.Date)
	*a.days.at(day)++
	a.months.at(month).add(inc)
	w := &a.weapons[inc.Weapon]
	w.Incidents++
	w.Munitions += inc.Munitions.N
	w.Intercepted += inc.Intercepted.N
	w.Killed += inc.Killed.N
	w.Wounded += inc.Wounded.N
	name := inc.Site
	if a.opts.ByGroup && inc.Group != "" {
		name = inc.Group
	}
	site := a.sites[name]
	if site == nil {
		site = &siteCounts{Site: Site{Name: strings.Clone(name), First: inc.Date, Last: inc.Date}}
		if a.opts.ByGroup {
			site.Group = site.Name
		}
		a.sites[site.Name] = site
	}
	site.add(inc, month)
	for _, c := range a.scoped {
		if c.scope.Match(inc) {
			c.add(inc.Precision, day, month)
		}
	}
	a.clock.add(inc, day)
}

// Summarize computes the Summary of counted incidents, reconciling each
// published tally in refs: an Accumulator fed with incs.
func Summarize(incs []incident.Incident, refs []incident.Reference, opts Options) (*Summary, error) {
	for _, r := range refs {
		opts.Scopes = append(opts.Scopes, r.Filter)
	}
	a := NewAccumulator(opts)
	for i := range incs {
		a.Add(&incs[i])
	}
	return a.Summary(refs)
}

// Summary computes the Summary of the incidents added so far, reconciling
// each published tally in refs. With no incidents it returns a Summary of
// zeros (no months, no sites, every weapon at 0, references counted as 0).
// It fails only when the Options' Year is set and no incident falls in
// that year. The Accumulator can go on taking incidents afterwards.
func (a *Accumulator) Summary(refs []incident.Reference) (*Summary, error) {
	s := &Summary{Total: a.total, Weapons: make([]WeaponTotals, incident.NumWeapons), SitesByGroup: a.opts.ByGroup}
	for w := range s.Weapons {
		s.Weapons[w] = a.weapons[w]
		s.Weapons[w].Weapon = incident.Weapon(w)
		if a.total.Incidents > 0 {
			s.Weapons[w].Share = float64(s.Weapons[w].Incidents) / float64(a.total.Incidents)
		}
	}
	var daily []int
	if a.n > 0 {
		s.First, s.Last = dateOfDay(a.days.first()), dateOfDay(a.days.last())
		daily = a.days.values
		s.Months = make([]Month, a.months.len())
		for i := range s.Months {
			s.Months[i] = Month{Start: monthStart(a.months.base + i), Totals: a.months.values[i]}
		}
	}
	s.Sites = make([]Site, 0, len(a.sites))
	for _, site := range a.sites {
		s.Sites = append(s.Sites, site.site(a.months.base))
	}
	sort.Slice(s.Sites, func(i, j int) bool {
		a, b := &s.Sites[i], &s.Sites[j]
		if a.Incidents != b.Incidents {
			return a.Incidents > b.Incidents
		}
		return a.Name < b.Name
	})
	// cum[i] counts the incidents from First through First+i.
	cum := make([]int, len(daily))
	total := 0
	for i, n := range daily {
		total += n
		cum[i] = total
	}
	// through counts the incidents dated on or before d.
	through := func(d time.Time) int {
		if len(cum) == 0 || d.Before(s.First) {
			return 0
		}
		return cum[min(dayIndex(d, s.First), len(cum)-1)]
	}
	year := a.opts.Year
	if year == 0 && a.n > 0 {
		year = s.Last.Year()
	}
	if err := s.yearToDate(year, a.opts.Year != 0, daily, through); err != nil {
		return nil, err
	}
	for _, ref := range refs {
		r, err := a.reconcile(ref)
		if err != nil {
			return nil, err
		}
		r.InYear = year != 0 && ref.AsOf.Year() == year
		s.References = append(s.References, r)
	}
	a.lines(s)
	s.infer(&a.clock)
	if err := s.focus(a.opts.Month, a.opts.AsOf); err != nil {
		return nil, err
	}
	return s, nil
}

// window holds a value per consecutive index (a day or a month number)
// from the smallest index added to the largest.
type window[T any] struct {
	base   int
	values []T
}

// at returns the value of index i, widening the window to hold it.
func (w *window[T]) at(i int) *T {
	switch {
	case len(w.values) == 0:
		w.base = i
		w.values = append(w.values, *new(T))
	case i < w.base:
		grown := make([]T, w.base-i+len(w.values), w.base-i+cap(w.values))
		copy(grown[w.base-i:], w.values)
		w.base, w.values = i, grown
	case i >= w.base+len(w.values):
		var zero T
		for i >= w.base+len(w.values) {
			w.values = append(w.values, zero)
		}
	}
	return &w.values[i-w.base]
}

func (w *window[T]) len() int   { return len(w.values) }
func (w *window[T]) first() int { return w.base }
func (w *window[T]) last() int  { return w.base + len(w.values) - 1 }

// dayNumber counts the days from 1 January 1970 to the date of t, which
// is at 00:00 UTC.
func dayNumber(t time.Time) int {
	s := t.Unix()
	if s < 0 {
		return int((s - 86399) / 86400)
	}
	return int(s / 86400)
}

func dateOfDay(n int) time.Time { return time.Unix(int64(n)*86400, 0).UTC() }

// monthNumber counts months from January of year 0.
func monthNumber(t time.Time) int {
	y, m, _ := t.Date()
	return y*12 + int(m) - 1
}

func monthStart(n int) time.Time {
	y, m := n/12, n%12
	if m < 0 {
		y, m = y-1, m+12
	}
	return time.Date(y, time.Month(m+1), 1, 0, 0, 0, 0, time.UTC)
}

func (s *Summary) yearToDate(year int, explicit bool, daily []int, through func(time.Time) int) error {
	s.YearToDate.Year = year
	if year == 0 {
		return nil
	}
	jan1 := time.Date(year, time.January, 1, 0, 0, 0, 0, time.UTC)
	dec31 := time.Date(year, time.December, 31, 0, 0, 0, 0, time.UTC)
	if len(daily) == 0 || s.Last.Before(jan1) || s.First.After(dec31) ||
		through(dec31)-through(jan1.AddDate(0, 0, -1)) == 0 {
		if !explicit {
			return nil
		}
		if len(daily) == 0 {
			return fmt.Errorf("no counted incidents, so none in %d", year)
		}
		return fmt.Errorf("no counted incidents in %d (counted incidents run from %s to %s)",
			year, s.First.Format(time.DateOnly), s.Last.Format(time.DateOnly))
	}
	end := s.Last
	if end.After(dec31) {
		end = dec31
	}
	y := &s.YearToDate
	y.Through = end
	base := through(jan1.AddDate(0, 0, -1))
	for d := jan1; !d.After(end); d = d.AddDate(0, 0, 1) {
		n := 0
		if i := dayIndex(d, s.First); i >= 0 && i < len(daily) {
			n = daily[i]
		}
		y.Days = append(y.Days, Day{Date: d, Incidents: n, Cumulative: through(d) - base})
	}
	y.Incidents = through(end) - base
	return nil
}

// TopSites returns the first n sites and, when there are more, one more
// entry that sums the rest, named "Other sites (K)" for K sites, with the
// earliest First and latest Last among them, their Convoys and Months
// summed (over the months from the earliest FirstMonth to the latest
// month of any), and no Group or Position. n < 1 is taken as 1. The
// result is a new slice: changing it leaves sites as it was.
func TopSites(sites []Site, n int) []Site {
	n = max(n, 1)
	if len(sites) <= n {
		return slices.Clone(sites)
	}
	top := append([]Site(nil), sites[:n]...)
	rest := sites[n:]
	other := Site{Name: fmt.Sprintf("Other sites (%d)", len(rest)), First: rest[0].First, Last: rest[0].Last,
		FirstMonth: rest[0].FirstMonth}
	end := 0 // past the last month of any
	for _, s := range rest {
		other.FirstMonth = min(other.FirstMonth, s.FirstMonth)
		end = max(end, s.FirstMonth+len(s.Months))
	}
	other.Months = make([]int, max(end-other.FirstMonth, 0))
	for _, s := range rest {
		other.Incidents += s.Incidents
		other.Convoys += s.Convoys
		for i, n := range s.Months {
			other.Months[s.FirstMonth-other.FirstMonth+i] += n
		}
		for w, c := range s.ByWeapon {
			other.ByWeapon[w] += c
		}
		if s.First.Before(other.First) {
			other.First = s.First
		}
		if s.Last.After(other.Last) {
			other.Last = s.Last
		}
	}
	return append(top, other)
}

// monthIndex counts the calendar months from the month of base to that of d.
func monthIndex(d, base time.Time) int { return monthNumber(d) - monthNumber(base) }

// dayIndex counts the days from base to d; both are dates at 00:00 UTC.
func dayIndex(d, base time.Time) int { return dayNumber(d) - dayNumber(base) }
