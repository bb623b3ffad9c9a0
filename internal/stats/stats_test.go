package stats

import (
	"reflect"
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
	if got, want := s.Months, []Month{withCI(Month{Start: d("2021-06-01"), Totals: wantTotal})}; !reflect.DeepEqual(got, want) {
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
			First: d("2020-11-15"), Last: d("2021-02-10")},
		{Name: "Erbil", Incidents: 2, ByWeapon: byWeapon(map[incident.Weapon]int{rocket: 1, ied: 1}),
			First: d("2020-12-31"), Last: d("2021-02-10")},
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
		if r.Counted != w.counted || r.Difference != w.difference || r.InYear != w.inYear {
			t.Errorf("reference %d (%s..%s): counted, difference, in year = %d, %d, %v; want %d, %d, %v", i,
				r.Since.Format(time.DateOnly), r.AsOf.Format(time.DateOnly), r.Counted, r.Difference, r.InYear,
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
	if got := s.References[0]; got.Counted != 0 || got.Difference != -39 {
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

func TestSummarizeRecent(t *testing.T) {
	tests := []struct {
		name string
		incs []incident.Incident
		want *Recent
	}{
		{"none", nil, nil},
		{"one month", june6, &Recent{Latest: withCI(Month{Start: d("2021-06-01"), Totals: Totals{Incidents: 2, Munitions: 3, Intercepted: 2,
			ByWeapon: byWeapon(map[incident.Weapon]int{rocket: 1, drone: 1})}})}},
		{"a month without incidents before", []incident.Incident{
			inc("2021-01-31", "A", rocket, 2, 0), inc("2021-03-01", "A", ied, -1, 0), inc("2021-03-02", "A", ied, -1, 0),
		}, &Recent{
			Latest:      withCI(Month{Start: d("2021-03-01"), Totals: Totals{Incidents: 2, Munitions: 2, ByWeapon: byWeapon(map[incident.Weapon]int{ied: 2})}}),
			Previous:    withCI(Month{Start: d("2021-02-01")}),
			HasPrevious: true, Change: 2,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Summarize(tt.incs, nil, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(s.Recent, tt.want) {
				t.Errorf("Recent = %+v, want %+v", s.Recent, tt.want)
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
		{Name: "A", Incidents: 5, ByWeapon: byWeapon(map[incident.Weapon]int{rocket: 5}), First: d("2021-01-01"), Last: d("2021-05-01")},
		{Name: "B", Incidents: 3, ByWeapon: byWeapon(map[incident.Weapon]int{drone: 3}), First: d("2021-02-01"), Last: d("2021-02-01")},
		{Name: "C", Incidents: 2, ByWeapon: byWeapon(map[incident.Weapon]int{drone: 1, ied: 1}), First: d("2021-01-15"), Last: d("2021-03-01")},
		{Name: "D", Incidents: 1, ByWeapon: byWeapon(map[incident.Weapon]int{ied: 1}), First: d("2021-06-01"), Last: d("2021-06-01")},
	}
	tests := []struct {
		n    int
		want []Site
	}{
		{4, sites},
		{9, sites},
		{2, []Site{sites[0], sites[1], {Name: "Other sites (2)", Incidents: 3,
			ByWeapon: byWeapon(map[incident.Weapon]int{drone: 1, ied: 2}), First: d("2021-01-15"), Last: d("2021-06-01")}}},
		{0, []Site{sites[0], {Name: "Other sites (3)", Incidents: 6,
			ByWeapon: byWeapon(map[incident.Weapon]int{drone: 4, ied: 2}), First: d("2021-01-15"), Last: d("2021-06-01")}}},
	}
	for _, tt := range tests {
		if got := TopSites(sites, tt.n); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("TopSites(%d):\n got %+v\nwant %+v", tt.n, got, tt.want)
		}
	}
}
