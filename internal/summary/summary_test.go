package summary

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"report/internal/incident"
	"report/internal/stats"
)

// TestRoundTrip writes a summary and reads it back unchanged, as the next
// run's comparison will.
func TestRoundTrip(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	incs := []incident.Incident{
		{Date: day("2021-06-06"), Site: "BDSC", Weapon: incident.Rocket, Munitions: incident.Count{N: 1, Known: true}},
		{Date: day("2021-06-06"), Site: "Ain al-Asad", Weapon: incident.Drone, Munitions: incident.Count{N: 2, Known: true}, Intercepted: incident.Count{N: 2, Known: true}},
	}
	refs := []incident.Reference{{AsOf: day("2021-06-06"), Since: day("2021-01-01"), Published: 39, Wording: "at least 39"}}
	s, err := stats.Summarize(incs, refs, stats.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f := New("in.csv", incident.Accounting{Read: 3, Counted: 2, Rejected: 1}, s)
	f.AddProblem(&incident.Problem{Status: incident.Rejected, Line: 4, Column: "weapon", Value: "laser", Reason: "unknown"})
	var buf bytes.Buffer
	if err := Write(&buf, f); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"month": "2021-06"`, `"drone": 1`, `"as_of": "2021-06-06"`, `"difference": -37`, `"line": 4`} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("summary.json lacks %s:\n%s", want, buf.String())
		}
	}
	got, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, f) {
		t.Errorf("read back:\n got %+v\nwant %+v", got, f)
	}
	if got.ByWeapon[1].Intercepted != 2 || got.Totals.ByWeapon[incident.Drone] != 1 || !got.Period.Last.Time().Equal(day("2021-06-06")) {
		t.Errorf("read back figures wrong: %+v", got)
	}
}

func TestReadErrors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"period": {"first": "6 June"}}`, `summary.json: date "6 June": want YYYY-MM-DD`},
		{`{"totals": {"by_weapon": {"laser": 1}}}`, `summary.json: by_weapon: unknown weapon "laser"`},
		{`{`, `summary.json: unexpected EOF`},
	} {
		if _, err := Read(strings.NewReader(tc.in)); err == nil || err.Error() != tc.want {
			t.Errorf("Read(%s) = %v, want %s", tc.in, err, tc.want)
		}
	}
}

// TestProblemLog writes the same problems from a log and from the lists
// and gets the same bytes; an empty list stays [].
func TestProblemLog(t *testing.T) {
	s, err := stats.Summarize(nil, nil, stats.Options{})
	if err != nil {
		t.Fatal(err)
	}
	problems := []incident.Problem{
		{Status: incident.Rejected, Line: 4, Column: "weapon", Value: "laser", Reason: `unknown "laser"`},
		{Status: incident.Excluded, Line: 5, Column: "outcome", Value: "foiled", Reason: "foiled"},
		{Status: incident.Rejected, Line: 6, Column: "date", Value: "x", Reason: "bad <date> & more"},
	}
	lists := New("in.csv", incident.Accounting{}, s)
	logged := New("in.csv", incident.Accounting{}, s)
	log, err := NewProblemLog(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	logged.Log = log
	for i := range problems {
		lists.AddProblem(&problems[i])
		if err := log.Add(&problems[i]); err != nil {
			t.Fatal(err)
		}
	}
	var a, b bytes.Buffer
	if err := Write(&a, lists); err != nil {
		t.Fatal(err)
	}
	if err := Write(&b, logged); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Errorf("with a log:\n%s\nwith lists:\n%s", b.String(), a.String())
	}
	if !strings.Contains(a.String(), `"duplicates": [],`) {
		t.Errorf("no empty duplicates list:\n%s", a.String())
	}
	got, err := Read(&b)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Rejected) != 2 || got.Rejected[1].Reason != "bad <date> & more" || len(got.Excluded) != 1 {
		t.Errorf("read back %+v", got)
	}
}

// TestInference checks the figures of the monthly analysis as JSON: the
// two incidents of Sunday 6 June 2021, the 157th day of the year.
func TestInference(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	incs := []incident.Incident{
		{Date: day("2021-06-06"), Time: "21:40", Site: "BDSC", Weapon: incident.Rocket, Munitions: incident.Count{N: 1, Known: true}},
		{Date: day("2021-06-06"), Site: "Ain al-Asad", Weapon: incident.Drone, Munitions: incident.Count{N: 2, Known: true}, Intercepted: incident.Count{N: 2, Known: true}},
	}
	s, err := stats.Summarize(incs, nil, stats.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, New("in.csv", incident.Accounting{Read: 2, Counted: 2}, s)); err != nil {
		t.Fatal(err)
	}
	var got struct {
		ByMonth []struct {
			CILow  float64 `json:"ci_low"`
			CIHigh float64 `json:"ci_high"`
		} `json:"by_month"`
		ByWeapon []struct {
			Rate *float64 `json:"intercept_rate"`
			Low  *float64 `json:"intercept_low"`
			High *float64 `json:"intercept_high"`
		} `json:"by_weapon"`
		YearToDate struct {
			Projection *Projection `json:"projection"`
		} `json:"year_to_date"`
		ByHour     []int          `json:"by_hour"`
		TimesKnown int            `json:"times_known"`
		ByWeekday  []int          `json:"by_weekday"`
		Trend      map[string]any `json:"trend"`
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	near := func(name string, got, want, tol float64) {
		t.Helper()
		if math.Abs(got-want) > tol {
			t.Errorf("%s = %.6g, want %.6g", name, got, want)
		}
	}
	// Garwood interval of 2: 0.2422 to 7.2247.
	near("ci_low", got.ByMonth[0].CILow, 0.242209, 5e-6)
	near("ci_high", got.ByMonth[0].CIHigh, 7.224688, 5e-6)
	// Rocket 0 of 1: Wilson 0 to z²/(1+z²); drone 2 of 2: 1 - that of 0 of 2.
	r, d := got.ByWeapon[incident.Rocket], got.ByWeapon[incident.Drone]
	near("rocket intercept_rate", *r.Rate, 0, 0)
	near("rocket intercept_high", *r.High, 3.841459/4.841459, 5e-6)
	near("drone intercept_rate", *d.Rate, 1, 0)
	near("drone intercept_low", *d.Low, 1-3.841459/5.841459, 5e-6)
	if m := got.ByWeapon[incident.Mortar]; m.Rate != nil || m.Low != nil || m.High != nil {
		t.Errorf("mortar, no munitions: intercept %v %v %v, want null", m.Rate, m.Low, m.High)
	}
	// 2 in 157 days: 2·365/157, and 2 + (0.2422, 7.2247)·208/157.
	p := got.YearToDate.Projection
	near("year_end", p.YearEnd, 2*365.0/157, 1e-9)
	near("low", p.Low, 2+0.242209*208/157, 1e-5)
	near("high", p.High, 2+7.224688*208/157, 1e-5)
	if len(got.ByHour) != 24 || got.ByHour[21] != 1 || got.TimesKnown != 1 {
		t.Errorf("by_hour %v, times_known %d; want 1 at 21, 1", got.ByHour, got.TimesKnown)
	}
	if want := []int{0, 0, 0, 0, 0, 0, 2}; !reflect.DeepEqual(got.ByWeekday, want) {
		t.Errorf("by_weekday = %v, want %v", got.ByWeekday, want)
	}
	// One month: no trend.
	wantTrend := map[string]any{"months": 1.0, "monthly_change": nil, "low": nil, "high": nil, "method": "poisson regression"}
	if !reflect.DeepEqual(got.Trend, wantTrend) {
		t.Errorf("trend = %v, want %v", got.Trend, wantTrend)
	}
}

// TestPairLog writes probable duplicates through the log by hand and
// through encoding/json from the list, and gets the same bytes.
func TestPairLog(t *testing.T) {
	s, err := stats.Summarize(nil, nil, stats.Options{})
	if err != nil {
		t.Fatal(err)
	}
	day := func(s string) Date { d, _ := time.Parse(time.DateOnly, s); return Date(d) }
	pairs := []Pair{
		{Line: 7, OfLine: 6, Site: `Supply route, "Babil" <&>`, Weapon: "ied", Date: day("2021-01-09"), OfDate: day("2021-01-08")},
		{Line: 9, OfLine: 2, Site: "Ain al-Asad · عين", Weapon: "drone", Date: day("2021-06-06"), OfDate: day("2021-06-06")},
	}
	lists := New("in.csv", incident.Accounting{}, s)
	lists.ProbableDuplicates = pairs
	logged := New("in.csv", incident.Accounting{}, s)
	log, err := NewProblemLog(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	logged.Log = log
	for _, p := range pairs {
		if err := log.AddPair(p); err != nil {
			t.Fatal(err)
		}
	}
	var a, b bytes.Buffer
	if err := Write(&a, lists); err != nil {
		t.Fatal(err)
	}
	if err := Write(&b, logged); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Errorf("with a log:\n%s\nwith a list:\n%s", b.String(), a.String())
	}
}
