package incident

import (
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

// TestMessyCSV reads a file as Excel saves it on Windows in Europe:
// Windows-1252, semicolons, CRLF, dates and weapons written three ways.
func TestMessyCSV(t *testing.T) {
	input := "Date;Site;Weapon;Notes\r\n" +
		"15.02.2021;Erbil Air Base;Katyusha rockets;\"two\r\nlines; and a semicolon\"\r\n" +
		"6 June 2021;Ain al-As\xe2d;UAV;caf\xe9\r\n" +
		"June 9, 2021;Balad;107mm;\r\n" +
		"09-Jun-21;Camp Victory;Explosive-laden drone;\r\n"
	rd, err := NewReader(strings.NewReader(input), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rd.Encoding() != Windows1252 || rd.Comma() != ';' {
		t.Errorf("encoding %v, delimiter %q; want Windows-1252 and ';'", rd.Encoding(), rd.Comma())
	}
	want := []struct {
		line       int
		date, site string
		weapon     Weapon
		notes      string
	}{
		{2, "2021-02-15", "Erbil Air Base", Rocket, "two\nlines; and a semicolon"},
		{4, "2021-06-06", "Ain al-Asâd", Drone, "café"},
		{5, "2021-06-09", "Balad", Rocket, ""},
		{6, "2021-06-09", "Camp Victory", Drone, ""},
	}
	for i, w := range want {
		row, err := rd.Read()
		if err != nil {
			t.Fatalf("row %d: %v", i, err)
		}
		inc := row.Incident
		if row.Status != Counted || inc.Line != w.line || inc.Date.Format(time.DateOnly) != w.date ||
			inc.Site != w.site || inc.Weapon != w.weapon || inc.Notes != w.notes {
			t.Errorf("row %d: %v line %d, %s, %q, %v, %q; want counted line %d, %s, %q, %v, %q", i, row.Status,
				inc.Line, inc.Date.Format(time.DateOnly), inc.Site, inc.Weapon, inc.Notes, w.line, w.date, w.site, w.weapon, w.notes)
		}
	}
	if _, err := rd.Read(); err != io.EOF {
		t.Errorf("Read at the end = %v, want io.EOF", err)
	}
}

// readAll reads every row of input, returning the accounting and the
// error that ended it (nil at io.EOF).
func readAll(tb testing.TB, input string, opts Options) (*Reader, error) {
	tb.Helper()
	rd, err := NewReader(strings.NewReader(input), opts)
	if err != nil {
		return nil, err
	}
	for {
		if _, err := rd.Read(); err == io.EOF {
			return rd, nil
		} else if err != nil {
			return rd, err
		}
	}
}

func TestSlashedDates(t *testing.T) {
	const header = "date,site,weapon\n"
	tests := []struct {
		name  string
		rows  string
		order DateOrder
		want  string // the error at the end, "" for none
		acct  Accounting
	}{
		{"day first decides, after an ambiguous row", "03/04/2021,A,rocket\n15/02/2021,A,rocket\n", DateOrderUnknown,
			`slashed dates are day first, as "15/02/2021" on line 3 shows: to be read again with -date-order dmy`,
			Accounting{Read: 2, Counted: 1, Rejected: 1}},
		{"read again in that order", "03/04/2021,A,rocket\n15/02/2021,A,rocket\n", DMY, "",
			Accounting{Read: 2, Counted: 2}},
		{"month first decides before any ambiguous row", "02/15/2021,A,rocket\n", DateOrderUnknown, "",
			Accounting{Read: 1, Counted: 1}},
		{"both orders", "15/02/2021,A,rocket\n02/15/2021,A,rocket\n03/04/2021,A,rocket\n", DateOrderUnknown,
			`slashed dates disagree on the order of day and month: 1 is day first, such as "15/02/2021" on line 2, and 1 is month first, such as "02/15/2021" on line 3`,
			Accounting{Read: 3, Counted: 2, Rejected: 1}},
		{"nothing decides", "03/04/2021,A,rocket\n05/06/2021,A,rocket\n", DateOrderUnknown,
			`cannot tell whether slashed dates are day first or month first: 2 fit both, such as "03/04/2021" on line 2, and none fits only one: give -date-order dmy or -date-order mdy`,
			Accounting{Read: 2, Rejected: 2}},
		{"given, nothing to decide", "03/04/2021,A,rocket\n", MDY, "", Accounting{Read: 1, Counted: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rd, err := readAll(t, header+tt.rows, Options{Dates: DateParser{Order: tt.order}})
			if got := errString(err); got != tt.want {
				t.Errorf("error = %q, want %q", got, tt.want)
			}
			if rd.Rows() != tt.acct {
				t.Errorf("rows = %v, want %v", rd.Rows(), tt.acct)
			}
			var decided *DateOrderDecided
			if tt.want != "" && strings.HasPrefix(tt.want, "slashed dates are") && (!errors.As(err, &decided) || decided.Order != DMY) {
				t.Errorf("error %v is not a DateOrderDecided for dmy", err)
			}
		})
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestUnmappedTerms(t *testing.T) {
	input := "date,site,weapon\n" +
		"2021-01-01,A,laser\n2021-01-02,A,Laser \n2021-01-03,A,sling\n2021-01-04,A,rocket\n" +
		"2021-13-01,A,laser\n" // rejected: not counted among the rows with the term
	rd, err := readAll(t, input, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := rd.Unmapped()
	want := []TermCount{{Term: "laser", Rows: 2, FirstLine: 2}, {Term: "sling", Rows: 1, FirstLine: 4}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("Unmapped = %+v, want %+v", got, want)
	}
	if rd.Rows() != (Accounting{Read: 5, Counted: 4, Rejected: 1}) {
		t.Errorf("rows = %v", rd.Rows())
	}
}

func TestDateLimitsAndZones(t *testing.T) {
	baghdad, err := time.LoadLocation("Asia/Baghdad")
	if err != nil {
		t.Fatal(err)
	}
	input := "date,site,weapon\n" +
		"2021-06-06T22:30:00Z,A,rocket\n" + // 01:30 on the 7th in Baghdad
		"2031-01-01,A,rocket\n" +
		"1969-12-31,A,rocket\n"
	ds, err := Load(strings.NewReader(input), Options{Dates: DateParser{Loc: baghdad, Today: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)}})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Incidents) != 1 || ds.Incidents[0].Date.Format(time.DateOnly) != "2021-06-07" {
		t.Errorf("incidents = %+v, want one on 2021-06-07", ds.Incidents)
	}
	want := []string{"2031-01-01 is after today (2026-11-23)", "1969-12-31 is before 1970"}
	for i, p := range ds.Problems {
		if i >= len(want) || p.Reason != want[i] {
			t.Errorf("problem %d = %q, want %q", i, p.Reason, want)
		}
	}
}

// sheet is a RecordSource of records in memory, as a spreadsheet gives
// them.
type sheet struct {
	recs [][]string
	row  int
}

func (s *sheet) Read() ([]string, error) {
	if s.row >= len(s.recs) {
		return nil, io.EOF
	}
	s.row++
	return s.recs[s.row-1], nil
}
func (s *sheet) Pos(i int) (int, int) { return s.row, i + 1 }
func (s *sheet) Name() string         { return "Tracker" }
func (s *sheet) Date1904() bool       { return false }

func TestRecordReader(t *testing.T) {
	src := &sheet{recs: [][]string{
		{"id", "date", "time", "site", "weapon"},
		{"T1", "44353", "0.0104166666666667", "BDSC", "rocket"},
		{"T2", "2021-06-09", "18:45", "Balad", "rockets"},
		{"", "", "", "", ""},
		{"T3", "x", "25:00", "Erbil", "drone"},
	}}
	rd, err := NewRecordReader(src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for {
		row, err := rd.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		inc := row.Incident
		got = append(got, row.Status.String()+" "+inc.Date.Format(time.DateOnly)+" "+inc.Time)
		for _, p := range row.Problems {
			got = append(got, p.String())
		}
	}
	want := []string{
		"counted 2021-06-06 00:15",
		"counted 2021-06-09 18:45",
		"rejected 0001-01-01 ",
		`Tracker!B5: date: cannot parse "x" as a date: want 2021-06-06, 06.06.2021, 15/02/2021, 6 June 2021, 06-Jun-21 or June 6, 2021`,
		`Tracker!C5: time: cannot parse "25:00" as a time: want HH:MM, 24-hour`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestSerialDate(t *testing.T) {
	tests := []struct {
		in       string
		date1904 bool
		want     string
	}{
		{"44353", false, "2021-06-06"}, {"44353.75", false, "2021-06-06"}, {"1", false, "1900-01-01"},
		{"59", false, "1900-02-28"}, {"60", false, ""}, {"61", false, "1900-03-01"},
		{"42891", true, "2021-06-06"}, {"0", false, ""}, {"abc", false, ""}, {"3e6", false, ""},
	}
	for _, tt := range tests {
		d, ok := serialDate(tt.in, tt.date1904)
		got := ""
		if ok {
			got = d.Format(time.DateOnly)
		}
		if got != tt.want {
			t.Errorf("serialDate(%q, %v) = %q, want %q", tt.in, tt.date1904, got, tt.want)
		}
	}
}

func TestMissingColumnsResembles(t *testing.T) {
	e := &MissingColumnsError{Missing: []string{"event_date"}, Found: []string{"event_id_cnty", "location"}, Resembles: "an ACLED export"}
	if got, want := e.Error(), `looks like an ACLED export missing event_date (columns found: "event_id_cnty", "location")`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

// FuzzRecordReader reads any rows of cells, as a spreadsheet gives them,
// and checks that every row is accounted for.
func FuzzRecordReader(f *testing.F) {
	f.Add("id|date|time|site|weapon\nT1|44353|0.5|BDSC|rocket\nT1|x|y|z|laser\n")
	f.Add("event_id_cnty|event_date\n1|2\n")
	f.Fuzz(func(t *testing.T, data string) {
		src := &sheet{}
		for _, line := range strings.Split(data, "\n") {
			src.recs = append(src.recs, strings.Split(line, "|"))
		}
		rd, err := NewRecordReader(src, Options{})
		if err != nil {
			return
		}
		for {
			row, err := rd.Read()
			if err != nil {
				break
			}
			if (row.Status == Counted) != (len(row.Problems) == 0) {
				t.Fatalf("row %+v: status and problems disagree", row)
			}
		}
		r := rd.Rows()
		if r.Read != r.Counted+r.Excluded+r.Duplicates+r.Rejected {
			t.Fatalf("accounting does not add up: %+v", r)
		}
	})
}
