package summary

import (
	"bytes"
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
