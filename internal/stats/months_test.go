package stats

import (
	"fmt"
	"math"
	"testing"

	"report/internal/incident"
)

// near fails unless got is within tol of want.
func near(tb testing.TB, name string, got, want, tol float64) {
	tb.Helper()
	if !(math.Abs(got-want) <= tol) {
		tb.Errorf("%s = %.6g, want %.6g (±%g)", name, got, want, tol)
	}
}

// quarter is 11 incidents of 2021: nine rockets on 1 to 9 January (the
// first dated only to the month), a drone attack of 10 drones, 8 shot
// down, on 10 January, none in February and an IED on Sunday 14 March,
// the 73rd day of the year. Four have a time.
func quarter() []incident.Incident {
	var incs []incident.Incident
	for day := 1; day <= 9; day++ {
		incs = append(incs, inc(fmt.Sprintf("2021-01-%02d", day), "Balad Air Base", rocket, -1, 0))
	}
	incs[0].Precision = incident.Month
	incs[0].Time = "00:30"
	incs[3].Time = "07:05"
	drones := inc("2021-01-10", "Ain al-Asad Air Base", drone, 10, 8)
	drones.Time = "07:45"
	roadside := inc("2021-03-14", "Supply route, Babil", ied, -1, 0)
	roadside.Time = "23:59"
	return append(incs, drones, roadside)
}

func TestSummaryMonthIntervals(t *testing.T) {
	s, err := Summarize(quarter(), nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Garwood intervals of 10, 0 and 1 (Garwood 1936; scipy's
	// gamma.ppf(0.025, k), gamma.ppf(0.975, k+1)).
	want := []struct {
		n      int
		lo, hi float64
	}{{10, 4.795389, 18.390356}, {0, 0, 3.688879}, {1, 0.025318, 5.571643}}
	if len(s.Months) != len(want) {
		t.Fatalf("%d months, want %d", len(s.Months), len(want))
	}
	for i, w := range want {
		m := s.Months[i]
		if m.Incidents != w.n {
			t.Errorf("%s: %d incidents, want %d", m.Start.Format("2006-01"), m.Incidents, w.n)
		}
		near(t, m.Start.Format("2006-01")+" CILow", m.CILow, w.lo, 5e-6)
		near(t, m.Start.Format("2006-01")+" CIHigh", m.CIHigh, w.hi, 5e-6)
	}
	// The focus holds copies of the months, intervals included.
	if got, want := *s.Focus.Previous, s.Months[1]; got != want {
		t.Errorf("Focus.Previous = %+v, want %+v", got, want)
	}
}

func TestSummaryInterceptRates(t *testing.T) {
	s, err := Summarize(quarter(), nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Wilson: 8 of 10 is 0.4902 to 0.9433; 0 of n is 0 to z²/(n+z²) with
	// z² = 3.841459.
	tests := []struct {
		w            incident.Weapon
		rate, lo, hi float64
	}{
		{rocket, 0, 0, 3.841459 / 12.841459},
		{drone, 0.8, 0.490162, 0.943318},
		{ied, 0, 0, 3.841459 / 4.841459},
		{incident.Mortar, 0, 0, 0}, // no munitions
	}
	for _, tt := range tests {
		w := s.Weapons[tt.w]
		near(t, tt.w.String()+" InterceptRate", w.InterceptRate, tt.rate, 1e-12)
		near(t, tt.w.String()+" InterceptLow", w.InterceptLow, tt.lo, 5e-6)
		near(t, tt.w.String()+" InterceptHigh", w.InterceptHigh, tt.hi, 5e-6)
	}
}

func TestSummaryClock(t *testing.T) {
	s, err := Summarize(quarter(), nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var hours [24]int
	hours[0], hours[7], hours[23] = 1, 2, 1
	if s.Hours != hours || s.TimesKnown != 4 {
		t.Errorf("Hours = %v, TimesKnown = %d; want %v, 4", s.Hours, s.TimesKnown, hours)
	}
	// 1 January 2021 was a Friday; the incident dated only to January has
	// no weekday.
	if got, want := s.Weekdays, [7]int{1, 1, 1, 1, 1, 2, 3}; got != want {
		t.Errorf("Weekdays = %v, want %v", got, want)
	}
}

func TestSummaryProjection(t *testing.T) {
	s, err := Summarize(quarter(), nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// 11 incidents in 73 days; the 292 days left are 4 times as many:
	// 11·5 = 55, and 11 + 4·(5.491, 19.682), the Garwood interval of 11.
	p := s.YearToDate.Projection
	near(t, "YearEnd", p.YearEnd, 55, 1e-9)
	near(t, "Low", p.Low, 11+4*5.491, 2e-3)
	near(t, "High", p.High, 11+4*19.682, 2e-3)
	if p.Done {
		t.Error("Done on 14 March")
	}

	dec31 := append(quarter(), inc("2021-12-31", "Erbil Air Base", rocket, -1, 0))
	s, err = Summarize(dec31, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.YearToDate.Projection, (Projection{12, 12, 12, true}); got != want {
		t.Errorf("through 31 December: Projection = %+v, want %+v", got, want)
	}

	s, err = Summarize(nil, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := s.YearToDate.Projection; got != (Projection{}) {
		t.Errorf("no incidents: Projection = %+v, want zero", got)
	}
}

// monthly makes n[i] rocket attacks in the i-th month from January 2021.
func monthly(n ...int) []incident.Incident {
	var incs []incident.Incident
	for i, k := range n {
		for range k {
			incs = append(incs, inc(fmt.Sprintf("%d-%02d-01", 2021+i/12, i%12+1), "Balad Air Base", rocket, -1, 0))
		}
	}
	return incs
}

func TestSummaryTrend(t *testing.T) {
	tests := []struct {
		name   string
		counts []int
		want   Trend
	}{
		// 1, 2, 4 doubles exactly: the fit is 2/2, 2, 2·2 around the middle
		// month (sums 7 and 3 match), with Fisher information 7, 3, 5 on
		// (1, x) for x = -1, 0, 1: var b = 7/(7·5-3²) = 7/26, and
		// 2·exp(±1.959964·0.518875) is 0.72337 to 5.52964.
		{"doubling", []int{1, 2, 4}, Trend{Months: 3, Fitted: true, RateRatio: 2, Low: 0.723375, High: 5.529639}},
		// The 20 of the first month are more than 12 months ago; the last
		// 12, one each, have no trend: var b = 1/Σx² = 1/143, and
		// exp(±1.959964/√143) is 0.84883 to 1.17810.
		{"last 12 months", []int{20, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, Trend{Months: 12, Fitted: true, RateRatio: 1, Low: 0.848829, High: 1.178097}},
		{"two months", []int{3, 4}, Trend{Months: 2}},
		{"one month", []int{5}, Trend{Months: 1}},
		// Only the first and last months have incidents, 0 between: the fit
		// is flat at 4/3 a month, Σμx² = 8/3, var b = 3/8, and
		// exp(±1.959964·√(3/8)) is 0.30113 to 3.32087.
		{"ends only", []int{2, 0, 2}, Trend{Months: 3, Fitted: true, RateRatio: 1, Low: 0.301126, High: 3.320874}},
		{"no incidents", nil, Trend{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Summarize(monthly(tt.counts...), nil, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := s.Trend
			if got.Months != tt.want.Months || got.Fitted != tt.want.Fitted {
				t.Fatalf("Trend = %+v, want %+v", got, tt.want)
			}
			near(t, "RateRatio", got.RateRatio, tt.want.RateRatio, 1e-9)
			near(t, "Low", got.Low, tt.want.Low, 5e-6)
			near(t, "High", got.High, tt.want.High, 5e-6)
		})
	}
}

func TestHourOf(t *testing.T) {
	tests := []struct {
		in   string
		h    int
		isOK bool
	}{{"00:00", 0, true}, {"09:59", 9, true}, {"23:01", 23, true}, {"", 0, false}, {"24:00", 24, false}, {"7:05", 0, false}}
	for _, tt := range tests {
		h, ok := hourOf(tt.in)
		if ok != tt.isOK || (ok && h != tt.h) {
			t.Errorf("hourOf(%q) = %d, %v; want %d, %v", tt.in, h, ok, tt.h, tt.isOK)
		}
	}
}

// withCI gives m the Garwood interval of its incidents.
func withCI(m Month) Month {
	m.CILow, m.CIHigh = PoissonInterval(m.Incidents, Confidence)
	return m
}

// withIntercept gives w its intercept rate and Wilson interval.
func withIntercept(w WeaponTotals) WeaponTotals {
	w.InterceptRate = float64(w.Intercepted) / float64(w.Munitions)
	w.InterceptLow, w.InterceptHigh = WilsonInterval(w.Intercepted, w.Munitions, Confidence)
	return w
}
