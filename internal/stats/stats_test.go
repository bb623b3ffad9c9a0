package stats

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"report/internal/incident"
)

func d(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// inc makes a counted incident; munitions < 0 means the cell was empty.
func inc(date, site string, w incident.Weapon, munitions, intercepted int) incident.Incident {
	m := incident.Count{N: munitions, Known: true}
	if munitions < 0 {
		m = incident.Count{N: 1}
	}
	return incident.Incident{Date: d(date), Site: site, Weapon: w, Munitions: m,
		Intercepted: incident.Count{N: intercepted, Known: intercepted > 0}}
}

func byWeapon(counts map[incident.Weapon]int) [incident.NumWeapons]int {
	var a [incident.NumWeapons]int
	for w, n := range counts {
		a[w] = n
	}
	return a
}

const (
	rocket = incident.Rocket
	drone  = incident.Drone
	ied    = incident.IED
)

// The two incidents of 6 June 2021: a rocket at the Baghdad Diplomatic
// Support Center and two drones shot down over Ain al-Asad.
var june6 = []incident.Incident{
	inc("2021-06-06", "Baghdad Diplomatic Support Center", rocket, 1, 0),
	inc("2021-06-06", "Ain al-Asad Air Base", drone, 2, 2),
}

func TestSummarizeJune6(t *testing.T) {
	s, err := Summarize(june6, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	wantTotal := Totals{Incidents: 2, Munitions: 3, Intercepted: 2,
		ByWeapon: byWeapon(map[incident.Weapon]int{rocket: 1, drone: 1})}
	if s.Total != wantTotal {
		t.Errorf("Total = %+v, want %+v", s.Total, wantTotal)
	}
	// The data runs through 6 June: June is partial.
	if got, want := s.Months, []Month{withCI(Month{Start: d("2021-06-01"), Totals: wantTotal, Partial: true, Through: d("2021-06-06")})}; !reflect.DeepEqual(got, want) {
		t.Errorf("Months = %+v, want %+v", got, want)
	}
	if got, want := s.Weapons[:2], []WeaponTotals{
		withIntercept(WeaponTotals{Weapon: rocket, Incidents: 1, Munitions: 1, Share: 0.5}),
		withIntercept(WeaponTotals{Weapon: drone, Incidents: 1, Munitions: 2, Intercepted: 2, Share: 0.5}),
	}; !reflect.DeepEqual(got, want) {
		t.Errorf("Weapons[:2] = %+v, want %+v", got, want)
	}
	if got, want := len(s.Weapons), incident.NumWeapons; got != want {
		t.Errorf("len(Weapons) = %d, want %d", got, want)
	}
	// Same count: ordered by name.
	if got, want := []string{s.Sites[0].Name, s.Sites[1].Name}, []string{"Ain al-Asad Air Base", "Baghdad Diplomatic Support Center"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Sites = %q, want %q", got, want)
	}
	y := s.YearToDate
	if y.Year != 2021 || !y.Through.Equal(d("2021-06-06")) || y.Incidents != 2 || len(y.Days) != 157 {
		t.Errorf("YearToDate = %d through %s: %d incidents, %d days; want 2021 through 2021-06-06: 2, 157 days",
			y.Year, y.Through.Format(time.DateOnly), y.Incidents, len(y.Days))
	}
	if got, want := y.Days[156], (Day{Date: d("2021-06-06"), Incidents: 2, Cumulative: 2}); got != want {
		t.Errorf("last day = %+v, want %+v", got, want)
	}
	if got, want := y.Days[155], (Day{Date: d("2021-06-05"), Incidents: 0, Cumulative: 0}); got != want {
		t.Errorf("day before = %+v, want %+v", got, want)
	}
}

func TestSummarizeZeroMonthsAndYearBoundary(t *testing.T) {
	incs := []incident.Incident{
		inc("2021-02-10", "Balad", rocket, 4, 0),
		inc("2020-12-31", "Erbil", rocket, -1, 0), // munitions empty: 1
		inc("2021-02-10", "Erbil", ied, -1, 0),
		inc("2021-01-01", "Balad", drone, 1, 1),
		inc("2020-11-15", "Balad", ied, -1, 0),
	}
	s, err := Summarize(incs, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !s.First.Equal(d("2020-11-15")) || !s.Last.Equal(d("2021-02-10")) {
		t.Errorf("First, Last = %v, %v", s.First, s.Last)
	}
	type month struct {
		start                          string
		incidents, munitions, intercpt int
		byWeapon                       [incident.NumWeapons]int
	}
	var got []month
	for _, m := range s.Months {
		got = append(got, month{m.Start.Format(time.DateOnly), m.Incidents, m.Munitions, m.Intercepted, m.ByWeapon})
	}
	want := []month{
		{"2020-11-01", 1, 1, 0, byWeapon(map[incident.Weapon]int{ied: 1})},
		{"2020-12-01", 1, 1, 0, byWeapon(map[incident.Weapon]int{rocket: 1})},
		{"2021-01-01", 1, 1, 1, byWeapon(map[incident.Weapon]int{drone: 1})},
		{"2021-02-01", 2, 5, 0, byWeapon(map[incident.Weapon]int{rocket: 1, ied: 1})},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Months:\n got %+v\nwant %+v", got, want)
	}
	// Default year: that of the latest incident; 2020's incidents are not in it.
	y := s.YearToDate
	if y.Year != 2021 || y.Incidents != 3 || len(y.Days) != 41 || y.Days[0].Cumulative != 1 || y.Days[40].Cumulative != 3 {
		t.Errorf("YearToDate = %+v", y)
	}
	// An earlier year runs to 31 December.
	s, err = Summarize(incs, nil, Options{Year: 2020})
	if err != nil {
		t.Fatal(err)
	}
	y = s.YearToDate
	if y.Year != 2020 || !y.Through.Equal(d("2020-12-31")) || y.Incidents != 2 || len(y.Days) != 366 {
		t.Errorf("YearToDate 2020 = %d through %v: %d incidents, %d days; want 2020 through 2020-12-31: 2, 366",
			y.Year, y.Through, y.Incidents, len(y.Days))
	}
	wantSites := []Site{
		{Name: "Balad", Incidents: 3, ByWeapon: byWeapon(map[incident.Weapon]int{rocket: 1, drone: 1, ied: 1}),
			First: d("2020-11-15"), Last: d("2021-02-10"), Months: []int{1, 0, 1, 1}},
		{Name: "Erbil", Incidents: 2, ByWeapon: byWeapon(map[incident.Weapon]int{rocket: 1, ied: 1}),
			First: d("2020-12-31"), Last: d("2021-02-10"), Months: []int{1, 0, 1}, FirstMonth: 1},
	}
	if !reflect.DeepEqual(s.Sites, wantSites) {
		t.Errorf("Sites:\n got %+v\nwant %+v", s.Sites, wantSites)
	}
}

func TestSummarizeYearErrors(t *testing.T) {
	incs := []incident.Incident{inc("2021-03-01", "Balad", rocket, 1, 0), inc("2023-01-05", "Balad", rocket, 1, 0)}
	tests := []struct {
		name string
		incs []incident.Incident
		year int
		want string
	}{
		{"after the data", incs, 2024, "no counted incidents in 2024 (counted incidents run from 2021-03-01 to 2023-01-05)"},
		{"a gap year", incs, 2022, "no counted incidents in 2022 (counted incidents run from 2021-03-01 to 2023-01-05)"},
		{"no incidents", nil, 2021, "no counted incidents, so none in 2021"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Summarize(tt.incs, nil, Options{Year: tt.year})
			if err == nil || err.Error() != tt.want {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestSummarizeReferences(t *testing.T) {
	incs := []incident.Incident{
		inc("2021-01-05", "A", ied, -1, 0),
		inc("2021-01-20", "A", ied, -1, 0),
		inc("2021-01-21", "A", rocket, 3, 0),
		inc("2021-06-06", "B", rocket, 1, 0),
		inc("2021-06-06", "C", drone, 2, 2),
		inc("2021-06-07", "C", drone, 1, 0),
	}
	refs := []incident.Reference{
		{AsOf: d("2021-06-06"), Since: d("2021-01-01"), Published: 39}, // 5 of ours
		{AsOf: d("2021-04-04"), Since: d("2021-01-20"), Published: 14}, // 20 Jan and 21 Jan: 2
		{AsOf: d("2021-01-19"), Since: d("2021-01-06"), Published: 0},  // none in range: 0
		{AsOf: d("2021-12-31"), Since: d("2020-06-01"), Published: 6},  // beyond both ends: all 6
		{AsOf: d("2020-12-31"), Since: d("2020-01-01"), Published: 1},  // before the data: 0
		{AsOf: d("2021-06-06"), Since: d("2021-06-06"), Published: 1},  // one day: 2
	}
	s, err := Summarize(incs, refs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		counted, difference int
		inYear              bool
	}{{5, -34, true}, {2, -12, true}, {0, 0, true}, {6, 0, true}, {0, -1, false}, {2, 1, true}}
	if len(s.References) != len(want) {
		t.Fatalf("%d references, want %d", len(s.References), len(want))
	}
	for i, w := range want {
		r := s.References[i]
		if r.Ours != w.counted || r.OursLow != w.counted || r.OursHigh != w.counted || r.Difference != w.difference || r.InYear != w.inYear {
			t.Errorf("reference %d (%s..%s): counted, difference, in year = %d, %d, %v; want %d, %d, %v", i,
				r.Since.Format(time.DateOnly), r.AsOf.Format(time.DateOnly), r.Ours, r.Difference, r.InYear,
				w.counted, w.difference, w.inYear)
		}
		if r.Published != refs[i].Published || !r.AsOf.Equal(refs[i].AsOf) {
			t.Errorf("reference %d is not refs[%d]: %+v", i, i, r.Reference)
		}
	}
}

func TestSummarizeEmpty(t *testing.T) {
	refs := []incident.Reference{{AsOf: d("2021-06-06"), Since: d("2021-01-01"), Published: 39}}
	s, err := Summarize(nil, refs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Total != (Totals{}) || len(s.Months) != 0 || len(s.Sites) != 0 || len(s.Weapons) != incident.NumWeapons ||
		s.YearToDate.Year != 0 || len(s.YearToDate.Days) != 0 || !s.First.IsZero() {
		t.Errorf("empty summary = %+v", s)
	}
	if got := s.References[0]; got.Ours != 0 || got.Difference != -39 || got.Verdict != Below {
		t.Errorf("reference = %+v, want counted 0, difference -39", got)
	}
}

func TestSummarizeOrderDoesNotMatter(t *testing.T) {
	incs := []incident.Incident{
		inc("2021-03-01", "B", rocket, 2, 1), inc("2021-01-01", "A", ied, -1, 0),
		inc("2021-02-01", "B", drone, 1, 0), inc("2021-03-09", "C", rocket, 5, 0),
	}
	rev := make([]incident.Incident, len(incs))
	for i := range incs {
		rev[len(incs)-1-i] = incs[i]
	}
	a, err := Summarize(incs, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Summarize(rev, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Total.Incidents != 4 || len(a.Months) != 3 || len(a.YearToDate.Days) != 68 {
		t.Fatalf("summary = %+v, want 4 incidents over 3 months and 68 days", a)
	}
	if !reflect.DeepEqual(a, b) {
		t.Errorf("order changed the summary:\n%+v\n%+v", a, b)
	}
	// An accumulator fed in two passes, then asked twice, agrees too.
	acc := NewAccumulator(Options{})
	acc.Add(&rev[0])
	acc.Add(&rev[1])
	if _, err := acc.Summary(nil); err != nil {
		t.Fatal(err)
	}
	acc.Add(&rev[2])
	acc.Add(&rev[3])
	c, err := acc.Summary(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, c) {
		t.Errorf("an accumulator asked midway changed the summary:\n%+v\n%+v", a, c)
	}
}

// TestFocus sets the focus month against the months before it, the
// issue's example: 10, 12 and 15 incidents in March to May 2021 and 17 in
// June. The p-values are scipy 1.10.1's
// scipy.stats.binomtest(k1, k1+k2, t1/(t1+t2)).pvalue with the months' days
// as exposures: (17, 54, 30/122) and, for 5 in the first 10 days of June,
// (5, 42, 10/102).
func TestFocus(t *testing.T) {
	var incs []incident.Incident
	for month, n := range map[string]int{"2020-06": 3, "2021-03": 10, "2021-04": 12, "2021-05": 15, "2021-06": 17} {
		for i := range n {
			incs = append(incs, inc(fmt.Sprintf("%s-%02d", month, 1+i), "A", rocket, 1, 0))
		}
	}
	tests := []struct {
		name      string
		opts      Options
		incidents int
		partial   bool
		through   string
		previous  int
		prior     int
		mean      float64
		lastYear  int // -1 for none
		p         float64
		words     string
	}{
		{"June, whole", Options{AsOf: d("2021-06-30")}, 17, false, "2021-06-30", 15, 3, 37.0 / 3, 3, 0.26767,
			"June 2021: 17 incidents, above the 12.3 a month of March to May 2021 (rate ratio 1.41, p = 0.27): a gap chance alone could well make"},
		{"June, to the 10th", Options{Month: d("2021-06-01"), AsOf: d("2021-06-10")}, 17, true, "2021-06-10", 15, 3, 37.0 / 3, 3, -1,
			""},
		{"March", Options{Month: d("2021-03-01")}, 10, false, "2021-03-31", 0, 3, 0, -1, -1,
			"March 2021: 10 incidents, above the 0.0 a month of December 2020 to February 2021 (p = 0.00): a gap chance alone would rarely make"},
		{"June 2020, the first month", Options{Month: d("2020-06-01")}, 3, false, "2020-06-30", -1, 0, 0, -1, -1,
			"June 2020: 3 incidents; the data has no month before it to compare with"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Summarize(incs, nil, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			f := s.Focus
			if f.Incidents != tt.incidents || f.Partial != tt.partial || f.Through.Format(time.DateOnly) != tt.through ||
				f.Prior != tt.prior || math.Abs(f.MeanPrior-tt.mean) > 1e-9 {
				t.Errorf("focus %+v", f)
			}
			if got := f.Previous; (tt.previous < 0) != (got == nil) || got != nil && got.Incidents != tt.previous {
				t.Errorf("previous = %+v, want %d", got, tt.previous)
			}
			if got := f.SameMonthLastYear; (tt.lastYear < 0) != (got == nil) || got != nil && got.Incidents != tt.lastYear {
				t.Errorf("same month last year = %+v, want %d", got, tt.lastYear)
			}
			if tt.p >= 0 && math.Abs(f.Comparison.P-tt.p) > 1e-4 {
				t.Errorf("p = %g, want %g", f.Comparison.P, tt.p)
			}
			if tt.words != "" && f.Words() != tt.words {
				t.Errorf("Words() =\n%s\nwant\n%s", f.Words(), tt.words)
			}
		})
	}
	// June to the 10th: 17 incidents already, though all of June's are
	// dated 1 to 17 June; the rate is of the days so far.
	s, err := Summarize(incs[:0], nil, Options{})
	if err != nil || s.Focus != nil {
		t.Errorf("no incidents: focus %+v, %v", s.Focus, err)
	}
	if _, err := Summarize(incs, nil, Options{Month: d("2019-01-01")}); err == nil ||
		err.Error() != "no data for January 2019: the data covers June 2020 to 17 June 2021" {
		t.Errorf("a month before the data: %v", err)
	}
}

// TestPartialMonth marks the month the data ends in as partial, through
// the day it ends, whichever month is in focus; a month the data covers to
// its end is whole.
func TestPartialMonth(t *testing.T) {
	var incs []incident.Incident
	for _, day := range []string{"2021-03-05", "2021-04-30", "2021-06-17"} {
		incs = append(incs, inc(day, "A", rocket, 1, 0))
	}
	for _, tt := range []struct {
		name string
		opts Options
		want string // the partial month and its last day
	}{
		{"the latest month", Options{}, "2021-06 to 2021-06-17"},
		{"March in focus", Options{Month: d("2021-03-01")}, "2021-06 to 2021-06-17"},
		{"as of a day before the month ends", Options{AsOf: d("2021-06-29")}, "2021-06 to 2021-06-29"},
		{"as of the month's end", Options{AsOf: d("2021-06-30")}, ""},
		{"as of a later month", Options{AsOf: d("2021-07-10")}, ""},
		// Incidents after the day: the data does not end in June.
		{"as of a day before the latest incident", Options{AsOf: d("2021-06-10")}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Summarize(incs, nil, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, m := range s.Months {
				if m.Partial {
					got = append(got, m.Start.Format("2006-01")+" to "+m.Through.Format(time.DateOnly))
				}
			}
			if strings.Join(got, ", ") != tt.want {
				t.Errorf("partial months %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSummarizeBefore1970(t *testing.T) {
	incs := []incident.Incident{inc("1969-12-31", "A", rocket, 1, 0), inc("1970-01-01", "A", rocket, 1, 0), inc("1969-11-30", "A", ied, 1, 0)}
	s, err := Summarize(incs, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !s.First.Equal(d("1969-11-30")) || !s.Last.Equal(d("1970-01-01")) || len(s.Months) != 3 || s.Months[1].Incidents != 1 {
		t.Errorf("First %v, Last %v, Months %+v", s.First, s.Last, s.Months)
	}
	if y := s.YearToDate; y.Year != 1970 || y.Incidents != 1 || len(y.Days) != 1 {
		t.Errorf("YearToDate = %+v", y)
	}
}

func TestTopSites(t *testing.T) {
	sites := []Site{
		{Name: "A", Incidents: 5, ByWeapon: byWeapon(map[incident.Weapon]int{rocket: 5}), First: d("2021-01-01"), Last: d("2021-05-01"),
			Months: []int{3, 2, 0}, Group: "G", Position: &incident.Position{Lat: 33, Lon: 44}, Located: 5},
		{Name: "B", Incidents: 3, ByWeapon: byWeapon(map[incident.Weapon]int{drone: 3}), First: d("2021-02-01"), Last: d("2021-02-01"),
			Months: []int{1, 2, 0}},
		{Name: "C", Incidents: 2, ByWeapon: byWeapon(map[incident.Weapon]int{drone: 1, ied: 1}), First: d("2021-01-15"), Last: d("2021-03-01"),
			Months: []int{1, 1, 0}, Group: "G", Position: &incident.Position{Lat: 33, Lon: 44}, Located: 1},
		{Name: "D", Incidents: 1, ByWeapon: byWeapon(map[incident.Weapon]int{ied: 1}), First: d("2021-06-01"), Last: d("2021-06-01"),
			Months: []int{0, 0, 1}, Convoys: 1},
	}
	tests := []struct {
		n    int
		want []Site
	}{
		{4, sites},
		{9, sites},
		{2, []Site{sites[0], sites[1], {Name: "Other sites (2)", Incidents: 3, Convoys: 1, Months: []int{1, 1, 1},
			ByWeapon: byWeapon(map[incident.Weapon]int{drone: 1, ied: 2}), First: d("2021-01-15"), Last: d("2021-06-01")}}},
		{0, []Site{sites[0], {Name: "Other sites (3)", Incidents: 6, Convoys: 1, Months: []int{2, 3, 1},
			ByWeapon: byWeapon(map[incident.Weapon]int{drone: 4, ied: 2}), First: d("2021-01-15"), Last: d("2021-06-01")}}},
	}
	for _, tt := range tests {
		if got := TopSites(sites, tt.n); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("TopSites(%d):\n got %+v\nwant %+v", tt.n, got, tt.want)
		}
	}
}

// TestReconcileUnderScopes reconciles tallies under their own filters,
// bounds and dates, with incidents dated only to a week or a month that
// straddle a tally's last day, worked by hand below.
func TestReconcileUnderScopes(t *testing.T) {
	mk := func(date, target string, c incident.Confidence, p incident.Precision) incident.Incident {
		i := inc(date, "S", ied, -1, 0)
		i.TargetType, i.Confidence, i.Precision = incident.TargetType(target), c, p
		return i
	}
	high, low := incident.High, incident.Low
	incs := []incident.Incident{
		mk("2021-01-05", "convoy", high, incident.Day),
		mk("2021-01-20", "convoy", low, incident.Day),
		mk("2021-02-10", "military_base", high, incident.Day),
		mk("2021-03-01", "convoy", high, incident.Month),      // some day in March
		mk("2021-03-08", "military_base", low, incident.Week), // 8 to 14 March
		mk("2021-03-20", "military_base", high, incident.Day),
	}
	convoy, err := incident.ParseScope("target_type=convoy")
	if err != nil {
		t.Fatal(err)
	}
	jan1 := d("2021-01-01")
	refs := []incident.Reference{
		// All, through 10 March: 3 on days; March's convoy and the week
		// of the 8th may be in or out; dated, both count.
		{AsOf: d("2021-03-12"), Since: jan1, Through: d("2021-03-10"), Published: 4, Bound: incident.About},
		// Convoys only, through 31 March: 2 on days, March's wholly in.
		{AsOf: d("2021-03-31"), Since: jan1, Through: d("2021-03-31"), Published: 4, Bound: incident.AtLeast, Filter: convoy},
		// Through February: no approximate incident reaches it.
		{AsOf: d("2021-02-28"), Since: jan1, Through: d("2021-02-28"), Published: 2, Bound: incident.MoreThan},
	}
	s, err := Summarize(incs, refs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	type got struct {
		ours, low, high, diff int
		verdict               Verdict
		byScope               []ScopeCount
	}
	scopes := func(all, hc, nc, co int) []ScopeCount {
		return []ScopeCount{{"all", all}, {"high_confidence", hc}, {"no_convoys", nc}, {"convoys_only", co}}
	}
	want := []got{
		{5, 3, 5, 1, Consistent, scopes(5, 3, 2, 3)},
		{3, 3, 3, -1, Below, scopes(6, 4, 3, 3)},
		{3, 3, 3, 1, Consistent, scopes(3, 2, 1, 2)},
	}
	for i, w := range want {
		r := s.References[i]
		if g := (got{r.Ours, r.OursLow, r.OursHigh, r.Difference, r.Verdict, r.ByScope}); !reflect.DeepEqual(g, w) {
			t.Errorf("tally %d: %+v, want %+v", i, g, w)
		}
	}
}

// TestLines draws the running counts of the tallies' scopes and places
// each tally: one since 20 January against a line of its own, the 1
// January line less our 2 incidents before it; one since the year before
// on the line lowered by our count since then (none here).
func TestLines(t *testing.T) {
	convoy, err := incident.ParseScope("target_type=convoy")
	if err != nil {
		t.Fatal(err)
	}
	mk := func(date, target string) incident.Incident {
		i := inc(date, "S", ied, -1, 0)
		i.TargetType = incident.TargetType(target)
		return i
	}
	incs := []incident.Incident{mk("2021-01-05", "convoy"), mk("2021-01-19", "military_base"), mk("2021-01-25", "convoy"), mk("2021-02-02", "convoy")}
	refs := []incident.Reference{
		{AsOf: d("2021-02-02"), Since: d("2021-01-20"), Through: d("2021-02-02"), Published: 5},
		{AsOf: d("2021-02-02"), Since: d("2020-12-20"), Through: d("2021-02-02"), Published: 3, Filter: convoy},
		{AsOf: d("2020-06-01"), Since: d("2020-01-01"), Through: d("2020-06-01"), Published: 1},
	}
	s, err := Summarize(incs, refs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	y := s.YearToDate
	if len(y.Lines) != 2 || y.Lines[1].Scope != convoy {
		t.Fatalf("lines %+v, want all then convoys", y.Lines)
	}
	last := len(y.Days) - 1
	if a, c := y.Lines[0].Cumulative[last], y.Lines[1].Cumulative[last]; a != 4 || c != 3 {
		t.Errorf("lines end at %d and %d, want 4 and 3", a, c)
	}
	if got := y.Lines[1].Cumulative[18]; got != 1 { // 19 January: one convoy
		t.Errorf("convoys through 19 January = %d, want 1", got)
	}
	for i, want := range []struct {
		line, plotted, before int
		fromSince             bool
	}{{0, 5, 2, true}, {1, 3 - 0, 0, false}, {-1, 0, 0, false}} {
		if r := s.References[i]; r.Line != want.line || r.Plotted != want.plotted || r.Before != want.before || r.FromSince != want.fromSince {
			t.Errorf("tally %d: line %d, plotted %d, before %d, from since %v; want %+v", i, r.Line, r.Plotted, r.Before, r.FromSince, want)
		}
	}
}

func TestReconciledWords(t *testing.T) {
	r := Reconciled{
		Reference: incident.Reference{AsOf: d("2021-06-06"), Since: d("2021-01-01"), Through: d("2021-06-06"), Published: 39, Bound: incident.AtLeast},
		Ours:      122, OursLow: 122, OursHigh: 122, Verdict: Consistent,
		ByScope: []ScopeCount{{"all", 122}, {"high_confidence", 103}, {"no_convoys", 18}, {"convoys_only", 104}},
	}
	want := "at least 39 through 6 June 2021: we count 122 (all): consistent. Our scopes that meet it: all 122, high confidence 103, convoys only 104; not without convoys, 18. Nearest: without convoys, 21 short."
	if got := r.Words(); got != want {
		t.Errorf("Words() =\n%s\nwant\n%s", got, want)
	}
	r.Bound, r.Published, r.Verdict, r.OursLow = incident.Exact, 28, Above, 120
	r.Since = d("2020-12-24")
	want = "28 since 24 December 2020 through 6 June 2021: we count 120 to 122 (all): above. None of our scopes meets it: all, 122; high confidence, 103; without convoys, 18; convoys only, 104. Nearest: without convoys, 10 short."
	if got := r.Words(); got != want {
		t.Errorf("Words() =\n%s\nwant\n%s", got, want)
	}
}

func TestSiteFields(t *testing.T) {
	at := func(date, site, group string, tt incident.TargetType, pos *incident.Position) incident.Incident {
		i := inc(date, site, rocket, 1, 0)
		i.Group, i.TargetType, i.Position = group, tt, pos
		return i
	}
	p := func(lat, lon float64) *incident.Position { return &incident.Position{Lat: lat, Lon: lon} }
	incs := []incident.Incident{
		at("2021-01-05", "Route A", "Supply routes", incident.Convoy, p(32.0, 44.0)),
		at("2021-03-05", "Route A", "Supply routes", incident.Convoy, p(32.5, 44.4)),
		at("2021-03-09", "Route A", "Supply routes", incident.Convoy, nil),
		at("2021-03-20", "Route A", "Supply routes", "", p(33.0, 45.0)),
		at("2021-02-01", "Base", "Base", incident.MilitaryBase, p(33.7856, 42.4411)),
		at("2021-03-01", "Base", "Base", incident.MilitaryBase, p(33.7856, 42.4411)),
		at("2021-03-02", "Unplaced", "Unplaced", incident.Convoy, nil),
		at("2021-03-03", "Unplaced", "Unplaced", incident.MilitaryBase, nil),
	}
	type site struct {
		name, group      string
		convoys, located int
		convoy           bool
		months           []int
		pos              *incident.Position
		spread           float64
	}
	tests := []struct {
		name    string
		byGroup bool
		want    []site
	}{
		{"by site", false, []site{
			// 4 incidents, 3 located: mean (32.5, 44.4666…), spread max(1.0, 1.0).
			{"Route A", "Supply routes", 3, 3, true, []int{1, 0, 3}, p(32.5, 133.4/3), 1.0},
			{"Base", "Base", 0, 2, false, []int{0, 1, 1}, p(33.7856, 42.4411), 0},
			// One convoy of two: not most, not a convoy route.
			{"Unplaced", "Unplaced", 1, 0, false, []int{0, 0, 2}, nil, 0},
		}},
		{"by group", true, []site{
			{"Supply routes", "Supply routes", 3, 3, true, []int{1, 0, 3}, p(32.5, 133.4/3), 1.0},
			{"Base", "Base", 0, 2, false, []int{0, 1, 1}, p(33.7856, 42.4411), 0},
			{"Unplaced", "Unplaced", 1, 0, false, []int{0, 0, 2}, nil, 0},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The same Sites, to the bit, whatever the order: the
			// positions are summed exactly.
			rng := rand.New(rand.NewPCG(9, 9))
			orders := [][]incident.Incident{incs, reversed(incs)}
			for range 20 {
				o := slices.Clone(incs)
				rng.Shuffle(len(o), func(i, j int) { o[i], o[j] = o[j], o[i] })
				orders = append(orders, o)
			}
			var first []Site
			for k, order := range orders {
				s, err := Summarize(order, nil, Options{ByGroup: tt.byGroup})
				if err != nil {
					t.Fatal(err)
				}
				if k == 0 {
					first = s.Sites
				} else if !reflect.DeepEqual(s.Sites, first) {
					t.Fatalf("order %d: Sites\n%+v\ndiffer from the first order's\n%+v", k, s.Sites, first)
				}
				var got []site
				for _, st := range s.Sites {
					months := make([]int, len(s.Months))
					for i := range months {
						months[i] = st.InMonth(i)
					}
					got = append(got, site{st.Name, st.Group, st.Convoys, st.Located, st.IsConvoy(), months, st.Position, st.Spread})
				}
				if len(got) != len(tt.want) {
					t.Fatalf("got %d sites, want %d", len(got), len(tt.want))
				}
				for i := range got {
					g, w := got[i], tt.want[i]
					if (g.pos == nil) != (w.pos == nil) || g.pos != nil &&
						(math.Abs(g.pos.Lat-w.pos.Lat) > 1e-9 || math.Abs(g.pos.Lon-w.pos.Lon) > 1e-9) {
						t.Errorf("%s: Position = %v, want %v", g.name, g.pos, w.pos)
					}
					g.pos, w.pos = nil, nil
					if math.Abs(g.spread-w.spread) < 1e-9 {
						g.spread = w.spread
					}
					if !reflect.DeepEqual(g, w) {
						t.Errorf("site %d:\n got %+v\nwant %+v", i, g, w)
					}
				}
			}
		})
	}
}

func reversed[T any](xs []T) []T {
	out := slices.Clone(xs)
	slices.Reverse(out)
	return out
}

// TestSitePositionOrder: a site's mean position is the same to the bit in
// any order of its incidents (a float sum of 50 such positions is not),
// and its Spread is the range of them.
func TestSitePositionOrder(t *testing.T) {
	var incs []incident.Incident
	for i := range 50 {
		in := inc("2021-03-05", "Route", rocket, 1, 0)
		in.Position = &incident.Position{Lat: 33.1 + float64(i)*0.0137, Lon: 44.3 - float64(i%7)*0.0291}
		incs = append(incs, in)
	}
	rng := rand.New(rand.NewPCG(1, 7))
	var want *incident.Position
	for k := range 30 {
		o := slices.Clone(incs)
		rng.Shuffle(len(o), func(i, j int) { o[i], o[j] = o[j], o[i] })
		s, err := Summarize(o, nil, Options{})
		if err != nil {
			t.Fatal(err)
		}
		got := s.Sites[0].Position
		if k == 0 {
			want = got
			// Lat 33.1 + 0.0137 x 24.5 (the mean i); lon 44.3 - 0.0291 x 147 / 50
			// (the 50 values of i mod 7 sum to 7 x 21).
			if math.Abs(got.Lat-33.43565) > 1e-9 || math.Abs(got.Lon-(44.3-0.0291*147/50)) > 1e-9 {
				t.Errorf("Position %+v, want (33.43565, %v)", *got, 44.3-0.0291*147/50)
			}
			if sp := s.Sites[0].Spread; math.Abs(sp-0.0137*49) > 1e-9 {
				t.Errorf("Spread %v, want %v", sp, 0.0137*49)
			}
			continue
		}
		if *got != *want {
			t.Fatalf("order %d: Position %+v, first order's %+v", k, *got, *want)
		}
	}
}

// TestSiteMonthsSpan: a site keeps the months from its first incident's
// to its last's, not all the Summary's, so that 2,000 sites over 120
// months each attacked in one month keep one count each; InMonth reads
// them by the Summary's month, and the sum of the rest in TopSites spans
// the months of them all.
func TestSiteMonthsSpan(t *testing.T) {
	var incs []incident.Incident
	for i := range 2000 {
		in := inc("2012-01-01", fmt.Sprintf("Site %04d", i), rocket, 1, 0)
		in.Date = in.Date.AddDate(0, i%120, 0)
		incs = append(incs, in)
	}
	incs = append(incs, inc("2012-03-31", "Site 0000", rocket, 1, 0))
	s, err := Summarize(incs, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Months) != 120 {
		t.Fatalf("%d months, want 120", len(s.Months))
	}
	for _, st := range s.Sites {
		want := 1
		if st.Name == "Site 0000" {
			want = 3 // January to March 2012
		}
		if len(st.Months) != want {
			t.Fatalf("%s keeps %d months, want %d", st.Name, len(st.Months), want)
		}
	}
	var site0119 *Site
	for i := range s.Sites {
		if s.Sites[i].Name == "Site 0119" {
			site0119 = &s.Sites[i]
		}
	}
	if site0119.FirstMonth != 119 || site0119.InMonth(119) != 1 || site0119.InMonth(118) != 0 || site0119.InMonth(120) != 0 {
		t.Errorf("Site 0119: FirstMonth %d, Months %v; want 119, [1]", site0119.FirstMonth, site0119.Months)
	}

	rest := []Site{
		{Name: "A", Incidents: 9, Months: []int{9}, FirstMonth: 0},
		{Name: "B", Incidents: 2, Months: []int{2}, FirstMonth: 1},
		{Name: "C", Incidents: 5, Months: []int{1, 0, 4}, FirstMonth: 3},
	}
	other := TopSites(rest, 1)[1]
	if other.FirstMonth != 1 || !slices.Equal(other.Months, []int{2, 0, 1, 0, 4}) {
		t.Errorf("Other sites: FirstMonth %d, Months %v; want 1, [2 0 1 0 4]", other.FirstMonth, other.Months)
	}
}
