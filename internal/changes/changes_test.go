package changes

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"report/internal/incident"
)

// snapshot returns a snapshot of rows, each written as its CSV line
// without the hash, which it fills in.
func snapshot(tb testing.TB, rows ...string) string {
	tb.Helper()
	var b strings.Builder
	b.WriteString(strings.Join(Header(), ",") + "\n")
	for _, line := range rows {
		rec, err := csvFields(line)
		if err != nil || len(rec) != 1+len(fields) {
			tb.Fatalf("bad test row %q: %d fields, %v", line, len(rec), err)
		}
		r := Row{ID: rec[0]}
		for i, f := range fields {
			*f.get(&r) = rec[1+i]
		}
		id, rest, _ := strings.Cut(line, ",")
		fmt.Fprintf(&b, "%s,%s,%s\n", id, r.Hash(), rest)
	}
	return b.String()
}

// csvFields splits one CSV line.
func csvFields(line string) ([]string, error) {
	return csv.NewReader(strings.NewReader(line)).Read()
}

// describe writes the changes one per line, as the tests want them.
func describe(c *Changes) string {
	var b strings.Builder
	fmt.Fprintf(&b, "rows %d -> %d\n", c.Before, c.After)
	for _, r := range c.Added {
		fmt.Fprintf(&b, "added %q %s %s %s\n", r.ID, r.Date, r.Site, r.Weapon)
	}
	for _, r := range c.Removed {
		fmt.Fprintf(&b, "removed %q %s %s %s\n", r.ID, r.Date, r.Site, r.Weapon)
	}
	for _, e := range c.Edited {
		for _, f := range e.Fields {
			fmt.Fprintf(&b, "edited %s %s %q -> %q\n", e.ID, f.Field, f.Before, f.After)
		}
	}
	for _, m := range c.ByMonth {
		fmt.Fprintf(&b, "month %s %d -> %d (%+d)\n", m.Month, m.Before, m.After, m.Delta)
	}
	return b.String()
}

// The rows of the previous snapshot in the tests: three with ids, one
// convoy hit without.
const (
	a01 = "A01,2021-01-22,day,2021-01,Baghdad airport,Baghdad,Iraq,airport,rocket,3,,0,0,executed,high"
	a02 = "A02,2021-02-15,day,2021-02,Erbil Air Base,Erbil,Iraq,military_base,rocket,14,,1,9,executed,high"
	a03 = "A03,2021-03-03,day,2021-03,Ain al-Asad Air Base,Anbar,Iraq,military_base,rocket,10,,1,0,executed,high"
	c01 = `,2021-03-10,day,2021-03,"Supply route, Babil",Babil,Iraq,convoy,ied,,,,,executed,high`
)

func TestCompare(t *testing.T) {
	tests := []struct {
		name          string
		previous, cur []string
		want          string
	}{
		{
			name:     "unchanged",
			previous: []string{a01, a02, a03, c01},
			cur:      []string{c01, a03, a02, a01}, // the order of rows does not matter
			want:     "rows 4 -> 4\n",
		},
		{
			name:     "an edit of munitions",
			previous: []string{a01, a02, a03, c01},
			cur: []string{
				"A01,2021-01-22,day,2021-01,Baghdad airport,Baghdad,Iraq,airport,rocket,4,,0,0,executed,high",
				a02, a03, c01},
			// No month's count moves.
			want: "rows 4 -> 4\n" +
				"edited A01 munitions \"3\" -> \"4\"\n",
		},
		{
			name:     "a late report added to a past month",
			previous: []string{a01, a02, a03, c01},
			cur: []string{a01, a02,
				"A04,2021-02-20,day,2021-02,Union III,Baghdad,Iraq,military_base,drone,1,1,,,intercepted,low",
				a03, c01},
			want: "rows 4 -> 5\n" +
				"added \"A04\" 2021-02-20 Union III drone\n" +
				"month 2021-02 1 -> 2 (+1)\n",
		},
		{
			name:     "a removed row",
			previous: []string{a01, a02, a03, c01},
			cur:      []string{a01, a02, c01},
			want: "rows 4 -> 3\n" +
				"removed \"A03\" 2021-03-03 Ain al-Asad Air Base rocket\n" +
				"month 2021-03 2 -> 1 (-1)\n",
		},
		{
			name:     "a row without id is removed and added, never edited",
			previous: []string{a01, a02, a03, c01},
			cur: []string{a01, a02, a03,
				`,2021-03-10,day,2021-03,"Supply route, Babil",Babil,Iraq,convoy,ied,,,1,,executed,high`},
			// The month is listed: a row left it and one came in.
			want: "rows 4 -> 4\n" +
				"added \"\" 2021-03-10 Supply route, Babil ied\n" +
				"removed \"\" 2021-03-10 Supply route, Babil ied\n" +
				"month 2021-03 2 -> 2 (+0)\n",
		},
		{
			name:     "repeated rows without id match one for one",
			previous: []string{c01, c01, a01},
			cur:      []string{a01, c01},
			want: "rows 3 -> 2\n" +
				"removed \"\" 2021-03-10 Supply route, Babil ied\n" +
				"month 2021-03 2 -> 1 (-1)\n",
		},
		{
			name:     "an edit of the date moves a row to another month",
			previous: []string{a01, a02},
			cur: []string{a01,
				"A02,2021-03-01,day,2021-03,Erbil Air Base,Erbil,Iraq,military_base,rocket,14,,2,9,executed,high"},
			want: "rows 2 -> 2\n" +
				"edited A02 date \"2021-02-15\" -> \"2021-03-01\"\n" +
				"edited A02 month \"2021-02\" -> \"2021-03\"\n" +
				"edited A02 killed \"1\" -> \"2\"\n" +
				"month 2021-02 1 -> 0 (-1)\n" +
				"month 2021-03 0 -> 1 (+1)\n",
		},
		{
			name:     "everything at once, sorted by date then id",
			previous: []string{a03, a02, a01},
			cur: []string{
				"B02,2021-01-05,day,2021-01,Camp Taji,Baghdad,Iraq,military_base,rocket,2,,,,executed,high",
				"B01,2021-01-05,day,2021-01,Camp Taji,Baghdad,Iraq,military_base,rocket,2,,,,executed,high",
				"A01,2021-01-22,day,2021-01,Baghdad airport,Baghdad,Iraq,airport,rocket,3,,0,,executed,high",
			},
			want: "rows 3 -> 3\n" +
				"added \"B01\" 2021-01-05 Camp Taji rocket\n" +
				"added \"B02\" 2021-01-05 Camp Taji rocket\n" +
				"removed \"A02\" 2021-02-15 Erbil Air Base rocket\n" +
				"removed \"A03\" 2021-03-03 Ain al-Asad Air Base rocket\n" +
				"edited A01 wounded \"0\" -> \"\"\n" +
				"month 2021-01 1 -> 3 (+2)\n" +
				"month 2021-02 1 -> 0 (-1)\n" +
				"month 2021-03 1 -> 0 (-1)\n",
		},
		{
			name: "empty snapshots",
			want: "rows 0 -> 0\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Compare(strings.NewReader(snapshot(t, tt.previous...)), strings.NewReader(snapshot(t, tt.cur...)))
			if err != nil {
				t.Fatal(err)
			}
			if got := describe(c); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			if got, want := c.Empty(), len(c.Added)+len(c.Removed)+len(c.Edited) == 0; got != want {
				t.Errorf("Empty()=%v, want %v", got, want)
			}
		})
	}
}

func TestCompareEditKeepsRows(t *testing.T) {
	c, err := Compare(strings.NewReader(snapshot(t, a01)), strings.NewReader(snapshot(t,
		"A01,2021-01-22,day,2021-01,Baghdad airport,Baghdad,Iraq,airport,rocket,4,,0,0,executed,high")))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(c.Edited), 1; got != want {
		t.Fatalf("len(Edited)=%d, want %d", got, want)
	}
	e := c.Edited[0]
	if got, want := e.Before.Munitions+" "+e.After.Munitions, "3 4"; got != want {
		t.Errorf("munitions before and after %q, want %q", got, want)
	}
	if got, want := e.Before.Site, "Baghdad airport"; got != want {
		t.Errorf("Before.Site=%q, want %q", got, want)
	}
}

func TestCompareErrors(t *testing.T) {
	good := snapshot(t, a01)
	a01Hash := good[strings.Index(good, "\nA01,")+5:][:16]
	badHash := strings.Replace(good, a01Hash, "0000000000000000", 1)
	tests := []struct {
		name, previous, cur string
		want                string
	}{
		{"empty file", "", good, "previous snapshot: not an incidents snapshot: the file is empty"},
		{"not a snapshot", "date,site,weapon\n2021-01-01,X,rocket\n", good,
			`previous snapshot: line 1: not an incidents snapshot: header ["date" "site" "weapon"], want ` + fmt.Sprintf("%q", Header())},
		{"hash", good, badHash, "current snapshot: line 2: hash \"0000000000000000\" does not match the row's fields (" +
			a01Hash + "): the file was changed after the run wrote it"},
		{"field count", good, good + "A02,x\n", "current snapshot: line 3: 2 fields, want 16"},
		{"repeated id", snapshot(t, a01, a02, a01), good, `previous snapshot: line 4: id "A01" repeats line 2`},
		{"bad date", snapshot(t, "A01,2021-02-30,day,2021-02,S,,,,rocket,,,,,executed,high"), good,
			`previous snapshot: line 2: date "2021-02-30": want YYYY-MM-DD`},
		{"month of another date", snapshot(t, "A01,2021-02-03,day,2021-03,S,,,,rocket,,,,,executed,high"), good,
			`previous snapshot: line 2: month "2021-03" is not the month of date 2021-02-03`},
		{"csv", good, good + "A02,\"x\n", "current snapshot: line 3: extraneous or missing \" in quoted-field"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Compare(strings.NewReader(tt.previous), strings.NewReader(tt.cur))
			if err == nil {
				t.Fatal("no error")
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("error\n%s\nwant\n%s", got, tt.want)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Errorf("error %T is not a *ParseError", err)
			}
		})
	}
}

func TestWriter(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	incs := []incident.Incident{
		{ID: "A01", Date: day("2021-01-22"), Site: "Baghdad airport", Province: "Baghdad", Country: "Iraq",
			TargetType: incident.Airport, Weapon: incident.Rocket, Munitions: incident.Count{N: 3, Known: true},
			Killed: incident.Count{N: 0, Known: true}, Outcome: incident.Executed, Confidence: incident.High},
		{Date: day("2021-03-01"), Precision: incident.Month, Site: `Supply route, "Babil"`,
			Weapon: incident.IED, Munitions: incident.Count{N: 1}, Outcome: incident.Executed, Confidence: incident.Low},
	}
	var buf bytes.Buffer
	w := NewWriter(&buf)
	for i := range incs {
		if err := w.Add(&incs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	want := snapshot(t,
		"A01,2021-01-22,day,2021-01,Baghdad airport,Baghdad,Iraq,airport,rocket,3,,0,,executed,high",
		`,2021-03-01,month,2021-03,"Supply route, ""Babil""",,,,ied,,,,,executed,low`)
	if got := buf.String(); got != want {
		t.Errorf("snapshot\n%s\nwant\n%s", got, want)
	}
	c, err := Compare(bytes.NewReader(buf.Bytes()), bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := describe(c), "rows 2 -> 2\n"; got != want {
		t.Errorf("compared with itself:\n%s\nwant\n%s", got, want)
	}

	var empty bytes.Buffer
	if err := NewWriter(&empty).Flush(); err != nil {
		t.Fatal(err)
	}
	if got, want := empty.String(), strings.Join(Header(), ",")+"\n"; got != want {
		t.Errorf("empty snapshot %q, want %q", got, want)
	}
}

func FuzzCompare(f *testing.F) {
	f.Add([]byte(snapshot(f, a01, a02, c01)), []byte(snapshot(f, a01, a03, c01, c01)))
	f.Add([]byte(snapshot(f)), []byte("id,hash\n"))
	f.Add([]byte(snapshot(f, a01)), []byte(snapshot(f, a01)+"A02,\"x\n"))
	f.Fuzz(func(t *testing.T, previous, current []byte) {
		c, err := Compare(bytes.NewReader(previous), bytes.NewReader(current))
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %T is not a *ParseError: %v", err, err)
			}
			return
		}
		if got, want := c.After-c.Before, len(c.Added)-len(c.Removed); got != want {
			t.Errorf("After-Before=%d, Added-Removed=%d", got, want)
		}
		delta := 0
		for _, m := range c.ByMonth {
			delta += m.Delta
		}
		if got, want := delta, c.After-c.Before; got != want {
			t.Errorf("month deltas add up to %d, want %d", got, want)
		}
		// A snapshot compared with itself has no changes.
		self, err := Compare(bytes.NewReader(previous), bytes.NewReader(previous))
		if err != nil {
			t.Fatalf("previous read once, not twice: %v", err)
		}
		if !self.Empty() || len(self.ByMonth) > 0 {
			t.Errorf("a snapshot compared with itself:\n%s", describe(self))
		}
	})
}

// TestWriterRoundTrip writes values that CSV must quote, or that
// encoding/csv changes on reading, and reads them back with their hash.
func TestWriterRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf)
	for i, site := range []string{" Camp Taji", "Camp\r\nTaji", "Camp\rTaji", `"Taji"`, "\tTaji,", ""} {
		inc := incident.Incident{ID: fmt.Sprint(i), Site: site, Weapon: incident.Rocket}
		if err := w.Add(&inc); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	c, err := Compare(bytes.NewReader(buf.Bytes()), bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if got, want := c.Before, 6; got != want {
		t.Errorf("read back %d rows, want %d", got, want)
	}
}
