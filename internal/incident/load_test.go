package incident

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func date(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// problem is a Problem without its Record, for comparing in tables.
type problem struct {
	Status    Status
	Line, Col int
	Column    string
	Value     string
	Reason    string
}

func problems(ps []Problem) []problem {
	var out []problem
	for _, p := range ps {
		out = append(out, problem{p.Status, p.Line, p.Col, p.Column, p.Value, p.Reason})
	}
	return out
}

func TestLoadRows(t *testing.T) {
	tests := []struct {
		name     string
		input    string
		rows     Accounting
		problems []problem
	}{{
		name:  "valid rows are counted",
		input: "date,site,weapon\n2021-06-06,BDSC,rocket\n2021-06-06,Ain al-Asad,drone\n",
		rows:  Accounting{Read: 2, Counted: 2},
	}, {
		name:  "unparsable date",
		input: "site,date,weapon\nBalad,31/13/2021,rocket\n",
		rows:  Accounting{Read: 1, Rejected: 1},
		problems: []problem{{Rejected, 2, 7, "date", "31/13/2021",
			`cannot parse "31/13/2021" as a date: neither 31 nor 13 is a month`}},
	}, {
		name:  "date not on the calendar",
		input: "date,site,weapon\n2021-02-30,Balad,rocket\n",
		rows:  Accounting{Read: 1, Rejected: 1},
		problems: []problem{{Rejected, 2, 1, "date", "2021-02-30",
			`"2021-02-30" is not a calendar date`}},
	}, {
		name:  "a bad target type, header written differently",
		input: "Date , SITE,Weapon,Target Type\n2021-01-01,Balad,rocket,bunker\n",
		rows:  Accounting{Read: 1, Rejected: 1},
		problems: []problem{{Rejected, 2, 25, "Target Type", "bunker",
			`unknown target type "bunker": want one of military_base, diplomatic, airport, convoy, other`}},
	}, {
		name:  "empty required fields, each reported",
		input: "date,site,weapon\n2021-01-01, ,\n",
		rows:  Accounting{Read: 1, Rejected: 1},
		problems: []problem{
			{Rejected, 2, 12, "site", " ", "required value is empty"},
			{Rejected, 2, 14, "weapon", "", "required value is empty"},
		},
	}, {
		name: "bad counts",
		input: "date,site,weapon,munitions,killed,wounded\n" +
			"2021-01-01,Balad,rocket,-2,1.5,x\n",
		rows: Accounting{Read: 1, Rejected: 1},
		problems: []problem{
			{Rejected, 2, 25, "munitions", "-2", "-2 is negative: want a count of 0 or more"},
			{Rejected, 2, 28, "killed", "1.5", "1.5 is not a whole number"},
			{Rejected, 2, 32, "wounded", "x", `cannot parse "x" as a number`},
		},
	}, {
		name: "intercepted more than munitions",
		input: "date,site,weapon,munitions,intercepted\n" +
			"2021-01-01,Balad,rocket,2,3\n" +
			"2021-01-01,Balad,drone,,2\n",
		rows: Accounting{Read: 2, Rejected: 2},
		problems: []problem{
			{Rejected, 2, 27, "intercepted", "3", "intercepted (3) is more than munitions (2)"},
			{Rejected, 3, 25, "intercepted", "2", "intercepted (2) is more than munitions (1, the default when munitions is empty)"},
		},
	}, {
		name:  "too many and too few fields",
		input: "date,site,weapon\n2021-01-01,Erbil, Iraq,rocket\n2021-01-02,Erbil\n",
		rows:  Accounting{Read: 2, Rejected: 2},
		problems: []problem{
			{Rejected, 2, 24, "", "4 fields", "row has 4 fields but the header has 3 (a comma inside a value must be quoted)"},
			{Rejected, 3, 12, "", "2 fields", "row has 2 fields but the header has 3 (a comma inside a value must be quoted)"},
		},
	}, {
		name: "line numbers count physical lines of multi-line fields",
		input: "date,site,weapon,notes\n" +
			"2021-01-01,Balad,rocket,\"two\nlines\"\n" +
			"2021-01-02,Balad,rocket,\"x\"y\n",
		rows: Accounting{Read: 2, Counted: 1, Rejected: 1},
		problems: []problem{{Rejected, 4, 27, "", "",
			`a quoted value is not closed properly: a quote must be followed by a comma or the end of the line, and quotes inside are doubled`}},
	}, {
		name: "duplicate id: the later row is not counted",
		input: "id,date,site,weapon\n" +
			"A1,2021-01-01,Balad,rocket\n" +
			"A2,2021-01-02,Balad,rocket\n" +
			"A1,2021-01-03,Erbil,drone\n",
		rows:     Accounting{Read: 3, Counted: 2, Duplicates: 1},
		problems: []problem{{Duplicate, 4, 1, "id", "A1", "duplicate of line 2, which has the same id but differs in date, site, weapon"}},
	}, {
		name: "an identical duplicate says so, spaces aside",
		input: "id,date,site,weapon\n" +
			"A1,2021-01-01,Balad,rocket\n" +
			"A1,2021-01-01, Balad ,rocket\n",
		rows:     Accounting{Read: 2, Counted: 1, Duplicates: 1},
		problems: []problem{{Duplicate, 3, 1, "id", "A1", "duplicate of line 2, which has the same id and the same values"}},
	}, {
		name: "an id first seen on a rejected row is not taken",
		input: "id,date,site,weapon\n" +
			"A1,2021-01-xx,Balad,rocket\n" +
			"A1,2021-01-03,Balad,rocket\n",
		rows: Accounting{Read: 2, Counted: 1, Rejected: 1},
		problems: []problem{{Rejected, 2, 4, "date", "2021-01-xx",
			`cannot parse "2021-01-xx" as a date: want 2021-06-06, 06.06.2021, 15/02/2021, 6 June 2021, 06-Jun-21 or June 6, 2021`}},
	}, {
		name: "foiled is excluded, and its id still taken",
		input: "id,date,site,weapon,outcome\n" +
			"A24,2021-07-02,BIAP,rocket,Foiled\n" +
			"A24,2021-07-02,BIAP,rocket,executed\n",
		rows: Accounting{Read: 2, Excluded: 1, Duplicates: 1},
		problems: []problem{
			{Excluded, 2, 28, "outcome", "Foiled", "foiled: never launched, so not counted as an attack"},
			{Duplicate, 3, 1, "id", "A24", "duplicate of line 2, which has the same id but differs in outcome"},
		},
	}, {
		name: "vocabularies: unknown target type, outcome, confidence, time",
		input: "date,site,weapon,target_type,outcome,confidence,time\n" +
			"2021-01-01,Balad,rocket,base,hit,medium,night\n",
		rows: Accounting{Read: 1, Rejected: 1},
		problems: []problem{
			{Rejected, 2, 41, "time", "night", `cannot parse "night" as a time: want HH:MM, 24-hour`},
			{Rejected, 2, 25, "target_type", "base", `unknown target type "base": want one of military_base, diplomatic, airport, convoy, other`},
			{Rejected, 2, 30, "outcome", "hit", `unknown outcome "hit": want one of executed, intercepted, foiled`},
			{Rejected, 2, 34, "confidence", "medium", `unknown confidence "medium": want one of high, low`},
		},
	}, {
		name: "positions: range, half given",
		input: "date,site,weapon,latitude,longitude\n" +
			"2021-01-01,Balad,rocket,91,44\n" +
			"2021-01-01,Balad,rocket,33.9,\n",
		rows: Accounting{Read: 2, Rejected: 2},
		problems: []problem{
			{Rejected, 2, 25, "latitude", "91", "91 is outside -90 to 90"},
			{Rejected, 3, 30, "longitude", "", "empty, but latitude is given: give both or neither"},
		},
	}, {
		name:  "latitude without a longitude column",
		input: "date,site,weapon,latitude\n2021-01-01,Balad,rocket,33.9\n",
		rows:  Accounting{Read: 1, Rejected: 1},
		problems: []problem{
			{Rejected, 2, 25, "latitude", "33.9", "latitude given without longitude"},
		},
	}, {
		name:  "bare quote",
		input: "date,site,weapon\n2021-01-01,Camp \"Victory\",rocket\n2021-01-02,Balad,rocket\n",
		rows:  Accounting{Read: 2, Counted: 1, Rejected: 1},
		problems: []problem{{Rejected, 2, 17, "", "",
			`a quote (") inside a value that does not start with one: quote the whole value and double the quotes inside it`}},
	}, {
		name:  "quote never closed swallows the rest, and says so",
		input: "date,site,weapon\n2021-01-01,\"Balad,rocket\n2021-01-02,Erbil,drone\n",
		rows:  Accounting{Read: 1, Rejected: 1},
		problems: []problem{{Rejected, 2, 1, "", "",
			`a quoted value opened here is not closed properly, so lines 2 to 3 were read as one row: check the quotes`}},
	}, {
		// Invalid UTF-8 past the first 64 KiB, which were valid and made
		// the file UTF-8.
		name:  "invalid UTF-8",
		input: "date, Site ,weapon,notes\n2021-01-01,Balad,rocket," + strings.Repeat("n", 70000) + "\n2021-01-01,Bal\xe1d,rocket,\n",
		rows:  Accounting{Read: 2, Counted: 1, Rejected: 1},
		problems: []problem{{Rejected, 3, 12, "Site", "Bal\uFFFDd",
			"not valid UTF-8: save the file as UTF-8"}},
	}, {
		name:  "blank and separator-only lines are not rows; a BOM is skipped",
		input: "\uFEFFdate,site,weapon\n\n , ,\n2021-01-01,Balad,rocket\n,,\n",
		rows:  Accounting{Read: 1, Counted: 1},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, err := Load(strings.NewReader(tt.input), Options{})
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if got, want := ds.Rows, tt.rows; got != want {
				t.Errorf("Rows = %+v, want %+v", got, want)
			}
			if got, want := problems(ds.Problems), tt.problems; !reflect.DeepEqual(got, want) {
				t.Errorf("Problems:\n got %+v\nwant %+v", got, want)
			}
			if r := ds.Rows; r.Read != r.Counted+r.Excluded+r.Duplicates+r.Rejected {
				t.Errorf("accounting does not add up: %+v", r)
			}
			if got, want := len(ds.Incidents), ds.Rows.Counted; got != want {
				t.Errorf("len(Incidents) = %d, want Rows.Counted = %d", got, want)
			}
		})
	}
}

func TestLoadValues(t *testing.T) {
	input := "ID,date,time,country,province,site,target_type,weapon,munitions,intercepted," +
		"killed,wounded,outcome,attributed_to,confidence,source,source_url,notes,latitude,longitude,place\n" +
		"A17, 2021-06-06 ,0:30,Iraq,Anbar,Ain al-Asad Air Base,Military-Base,Drones,2,2,,0,Intercepted,,LOW,AFP," +
		"https://a.example/1; https://b.example/2;,\"shot down, \"\"at dawn\"\"\",33.8,42.44,al-Baghdadi\n" +
		"A16,2021-06-06,00:15,Iraq,Baghdad,BDSC,diplomatic,rocket,,,,,,,,,,,,,\n"
	ds, err := Load(strings.NewReader(input), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Problems) != 0 {
		t.Fatalf("Problems = %v", ds.Problems)
	}
	want := []Incident{{
		Line: 2, ID: "A17", Date: date("2021-06-06"), Time: "00:30", Country: "Iraq", Province: "Anbar",
		Site: "Ain al-Asad Air Base", Group: "Ain al-Asad Air Base", TargetType: MilitaryBase, Weapon: Drone,
		Munitions: Count{2, true}, Intercepted: Count{2, true}, Killed: Count{0, false}, Wounded: Count{0, true},
		Outcome: Intercepted, Confidence: Low, Source: "AFP",
		SourceURLs: []string{"https://a.example/1", "https://b.example/2"},
		Notes:      `shot down, "at dawn"`, Position: &Position{33.8, 42.44}, Extra: []string{"al-Baghdadi"},
	}, {
		Line: 3, ID: "A16", Date: date("2021-06-06"), Time: "00:15", Country: "Iraq", Province: "Baghdad",
		Site: "BDSC", Group: "BDSC", TargetType: Diplomatic, Weapon: Rocket, Munitions: Count{1, false},
		Outcome: Executed, Confidence: High, Extra: []string{""},
	}}
	if !reflect.DeepEqual(ds.Incidents, want) {
		t.Errorf("Incidents:\n got %+v\nwant %+v", ds.Incidents, want)
	}
	if got, want := ds.ExtraColumns, []string{"place"}; !reflect.DeepEqual(got, want) {
		t.Errorf("ExtraColumns = %q, want %q", got, want)
	}
}

func TestLoadExtraColumns(t *testing.T) {
	// An unnamed column with values is kept as "column N"; one without
	// values (a spreadsheet's trailing separators) is dropped.
	input := "date,,site,weapon,,\n2021-01-01,x,Balad,rocket,,\n2021-01-02,,Balad,rocket,,\n"
	ds, err := Load(strings.NewReader(input), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ds.ExtraColumns, []string{"column 2"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("ExtraColumns = %q, want %q", got, want)
	}
	if got, want := [][]string{ds.Incidents[0].Extra, ds.Incidents[1].Extra}, [][]string{{"x"}, {""}}; !reflect.DeepEqual(got, want) {
		t.Errorf("Extra = %q, want %q", got, want)
	}
}

func TestLoadFileErrors(t *testing.T) {
	tests := []struct {
		name, input, want string
		is                error
	}{
		{"empty", "", "file is empty: want a header row, then one row per incident", ErrEmpty},
		{"header only", "date,site,weapon\n", "no data rows after the header", ErrNoRows},
		{"only blank rows", "date,site,weapon\n,,\n\n", "no data rows after the header", ErrNoRows},
		{"missing column", "date,site,weapons\n2021-01-01,Balad,rocket\n",
			`missing required column weapon (columns found: "date", "site", "weapons")`, nil},
		{"missing columns", "Date|Site|Weapon\n",
			`missing required columns date, site, weapon (columns found: "Date|Site|Weapon")`, nil},
		{"semicolons tie with commas", "date;site,weapon\n",
			"cannot tell the delimiter from the header line, which has 1 comma and 1 semicolon outside quotes: give -delimiter comma, semicolon or tab", nil},
		{"column twice", "date,site,weapon,Date\n", `1:18: header: column "Date" appears twice (columns 1 and 4)`, nil},
		{"bad header quote", "date,si\"te,weapon\n", `1:8: header: bare " in non-quoted-field`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(strings.NewReader(tt.input), Options{})
			if err == nil {
				t.Fatal("Load succeeded, want an error")
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("error = %q, want %q", got, tt.want)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.is)
			}
		})
	}
}

func TestLoadExcludeOption(t *testing.T) {
	input := "date,site,weapon,confidence,outcome\n2021-01-01,A,rocket,low,\n2021-01-02,B,rocket,,foiled\n"
	lowOut := func(inc *Incident) (string, string, bool) {
		if inc.Confidence == Low {
			return "confidence", "low confidence", true
		}
		return "", "", false
	}
	ds, err := Load(strings.NewReader(input), Options{Exclude: lowOut})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ds.Rows, (Accounting{Read: 2, Counted: 1, Excluded: 1}); got != want {
		t.Errorf("Rows = %+v, want %+v", got, want)
	}
	if got, want := problems(ds.Problems), []problem{{Excluded, 2, 21, "confidence", "low", "low confidence"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("Problems = %+v, want %+v", got, want)
	}
}

func TestAccountingString(t *testing.T) {
	tests := []struct {
		a    Accounting
		want string
	}{
		{Accounting{97, 94, 1, 1, 1}, "read 97 rows: 94 counted, 1 excluded, 1 duplicate, 1 rejected"},
		{Accounting{1, 1, 0, 0, 0}, "read 1 row: 1 counted, 0 excluded, 0 duplicates, 0 rejected"},
	}
	for _, tt := range tests {
		if got := tt.a.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

func TestParseWeapon(t *testing.T) {
	tests := []struct {
		in   string
		want Weapon
		ok   bool
	}{
		{"rocket", Rocket, true}, {"Rockets", Rocket, true}, {" DRONE ", Drone, true},
		{"IEDs", IED, true}, {"small arms", SmallArms, true}, {"Small-Arms", SmallArms, true},
		{"mortars", Mortar, true}, {"other", OtherWeapon, true},
		{"", 0, false}, {"rocketss", 0, false}, {"katyusha", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParseWeapon(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseWeapon(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestWeaponVocabulary(t *testing.T) {
	seen := map[string]bool{}
	for _, w := range Weapons() {
		if back, ok := ParseWeapon(w.String()); !ok || back != w {
			t.Errorf("ParseWeapon(%q) = %v, %v; want %v", w.String(), back, ok, w)
		}
		if c := w.Color(); len(c) != 7 || c[0] != '#' || seen[c] {
			t.Errorf("%v: colour %q is malformed or shared", w, c)
		}
		seen[w.Color()] = true
	}
}

func TestProblemFieldLine(t *testing.T) {
	input := "date,site,weapon,munitions\n2021-01-01,\"Camp\nVictory\",rocket,x\n"
	ds, err := Load(strings.NewReader(input), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Problems) != 1 {
		t.Fatalf("Problems = %v, want 1", ds.Problems)
	}
	p := ds.Problems[0]
	if p.Line != 2 || p.FieldLine != 3 || p.Col != 17 {
		t.Errorf("Line, FieldLine, Col = %d, %d, %d; want 2, 3, 17", p.Line, p.FieldLine, p.Col)
	}
	if got, want := p.String(), `3:17: munitions: cannot parse "x" as a number`; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}
