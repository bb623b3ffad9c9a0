package workbook

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"report/internal/incident"
	"report/internal/stats"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// smallCSV has 7 rows: 4 counted (January, March, none in February), one
// excluded (foiled), one duplicate id (line 7, of line 3) and one rejected
// (line 8, 30 February), with an extra column "place".
const smallCSV = `id,date,time,country,province,site,target_type,weapon,munitions,intercepted,killed,wounded,outcome,attributed_to,confidence,source,source_url,notes,latitude,longitude,place
T1,2021-01-05,21:30,Iraq,Baghdad,US Embassy,diplomatic,rocket,3,,0,1,,,high,Src A,https://a.example/1; https://a.example/2,"=HYPERLINK(""http://evil.example"",""click"")",33.3128,44.3615,Green Zone
T2,2021-01-20,,Iraq,Anbar,Ain al-Asad Air Base,military_base,drone,2,2,,,intercepted,Claim X,low,Src B,https://b.example/2,,,,
T3,2021-03-02,7:05,Iraq,Erbil,Erbil Airport,airport,Rockets,,,,,,,,Src C,,"Note, with comma",,,Erbil
T4,2021-03-15,,Iraq,Baghdad,"Supply route, Baghdad",convoy,ied,,,0,0,executed,,high,Src D,,,,,Yusufiya
F1,2021-03-20,,Iraq,Baghdad,Baghdad International Airport,airport,rocket,10,,,,foiled,,high,Src E,,Seized before launch,,,BIAP
T2,2021-03-21,,Iraq,Anbar,Ain al-Asad Air Base,military_base,drone,,,,,,,,Src F,,,,,
T6,2021-02-30,,Iraq,Anbar,Ain al-Asad Air Base,military_base,rocket,,,,,,,,Src G,,,,,
`

// smallRefs: our counts are 2 through 31 January and 4 through 31 March.
const smallRefs = `as_of,since,published,wording,scope,source_url
2021-01-31,2021-01-01,3,"""3 attacks in January""",US interests,https://ref.example/jan
2021-03-31,,3,three attacks,US interests,https://ref.example/a;https://ref.example/b
`

// june6CSV holds the two incidents of 6 June 2021 from data/incidents.csv.
const june6CSV = `id,date,time,country,province,site,target_type,weapon,munitions,intercepted,killed,wounded,outcome,attributed_to,confidence,source,source_url,notes
A16,2021-06-06,00:15,Iraq,Baghdad,Baghdad Diplomatic Support Center,diplomatic,rocket,1,,0,0,executed,,high,ExBulletin,https://exbulletin.com/world/international/970102/,BDSC at BIAP.
A17,2021-06-06,00:30,Iraq,Anbar,Ain al-Asad Air Base,military_base,drone,2,2,0,0,intercepted,,high,Republic World,https://www.republicworld.com/,Both drones shot down by air defence.
`

// report loads the incident and reference CSVs into a Report.
func report(tb testing.TB, incidents, refs string, charts ...Chart) *Report {
	tb.Helper()
	d, err := incident.Load(strings.NewReader(incidents), incident.Options{})
	if err != nil {
		tb.Fatalf("incident.Load: %v", err)
	}
	var rs []incident.Reference
	if refs != "" {
		if rs, err = incident.LoadReferences(strings.NewReader(refs)); err != nil {
			tb.Fatalf("incident.LoadReferences: %v", err)
		}
	}
	s, err := stats.Summarize(d.Incidents, rs, stats.Options{})
	if err != nil {
		tb.Fatalf("stats.Summarize: %v", err)
	}
	reports[s] = d
	return &Report{Input: "testdata/incidents.csv", Rows: d.Rows, Summary: s, Charts: charts}
}

// reports maps each Report's summary to the rows behind it, for write.
var reports = map[*stats.Summary]*incident.Dataset{}

// write writes r with the rows it was made from, as the tool does: a
// Workbook fed row by row.
func write(w io.Writer, r *Report) error { return writeWith(w, r, Options{}) }

// writeWith is write with opts.
func writeWith(w io.Writer, r *Report, opts Options) error {
	var d *incident.Dataset
	if r != nil {
		d = reports[r.Summary]
	}
	if d == nil {
		d = &incident.Dataset{}
	}
	b, err := New(d.Header, d.ExtraColumns, opts)
	if err != nil {
		return err
	}
	defer b.Close()
	for i := range d.Incidents {
		if err := b.AddIncident(&d.Incidents[i]); err != nil {
			return err
		}
	}
	for i := range d.Problems {
		if err := b.AddProblem(&d.Problems[i]); err != nil {
			return err
		}
	}
	return b.Write(w, r)
}

// open writes r and reads the workbook back.
func open(tb testing.TB, r *Report) *excelize.File {
	tb.Helper()
	return openBytes(tb, writeBytes(tb, r, Options{}))
}

// pngChart returns a w x h PNG image of one colour.
func pngChart(tb testing.TB, w, h int) []byte {
	tb.Helper()
	img := image.NewPaletted(image.Rect(0, 0, w, h), color.Palette{color.White})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// dump renders every sheet as text: its name, panes, column widths, row
// heights other than the default, tables, links, formulas and pictures, then each row's cells as shown
// (a formula's cached value), tab-separated.
func dump(tb testing.TB, f *excelize.File) string {
	tb.Helper()
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		fmt.Fprintf(&b, "== %s\n", sheet)
		p, err := f.GetPanes(sheet)
		if err != nil {
			tb.Fatal(err)
		}
		if p.Freeze {
			fmt.Fprintf(&b, "frozen: %d columns, %d rows, top left %s\n", p.XSplit, p.YSplit, p.TopLeftCell)
		}
		rows, err := f.GetRows(sheet)
		if err != nil {
			tb.Fatal(err)
		}
		ncols := 0
		for _, r := range rows {
			ncols = max(ncols, len(r))
		}
		var widths []string
		for c := 1; c <= ncols; c++ {
			name, _ := excelize.ColumnNumberToName(c)
			w, err := f.GetColWidth(sheet, name)
			if err != nil {
				tb.Fatal(err)
			}
			widths = append(widths, fmt.Sprintf("%s=%g", name, w))
		}
		if widths != nil {
			fmt.Fprintf(&b, "widths: %s\n", strings.Join(widths, " "))
		}
		var heights []string
		for r := 1; r <= len(rows); r++ {
			h, err := f.GetRowHeight(sheet, r)
			if err != nil {
				tb.Fatal(err)
			}
			if h != 15 {
				heights = append(heights, fmt.Sprintf("%d=%g", r, h))
			}
		}
		if heights != nil {
			fmt.Fprintf(&b, "heights: %s\n", strings.Join(heights, " "))
		}
		fmt.Fprintf(&b, "print: %s\n", printDump(tb, f, sheet))
		var hidden []string
		for c := 1; c <= ncols; c++ {
			name, _ := excelize.ColumnNumberToName(c)
			if ok, _ := f.GetColVisible(sheet, name); !ok {
				hidden = append(hidden, name)
			}
		}
		if hidden != nil {
			fmt.Fprintf(&b, "hidden: %s\n", strings.Join(hidden, " "))
		}
		tables, err := f.GetTables(sheet)
		if err != nil {
			tb.Fatal(err)
		}
		for _, t := range tables {
			fmt.Fprintf(&b, "table %s: %s\n", t.Name, t.Range)
		}
		for r, row := range rows {
			for c, v := range row {
				if v == "" {
					continue
				}
				name := cellName(c+1, r+1)
				if ok, link, _ := f.GetCellHyperLink(sheet, name); ok {
					fmt.Fprintf(&b, "link %s: %s\n", name, link)
				}
				if formula, err := f.GetCellFormula(sheet, name); err != nil {
					tb.Fatal(err)
				} else if formula != "" {
					fmt.Fprintf(&b, "formula %s: %s\n", name, formula)
				}
			}
		}
		cells, err := f.GetPictureCells(sheet)
		if err != nil {
			tb.Fatal(err)
		}
		for _, c := range cells {
			pics, err := f.GetPictures(sheet, c)
			if err != nil {
				tb.Fatal(err)
			}
			for _, p := range pics {
				cfg, _, err := image.DecodeConfig(bytes.NewReader(p.File))
				if err != nil {
					tb.Fatal(err)
				}
				fmt.Fprintf(&b, "picture %s: %s %dx%d %q\n", c, p.Extension, cfg.Width, cfg.Height, p.Format.AltText)
			}
		}
		for i, row := range rows {
			fmt.Fprintf(&b, "%d\t%s\n", i+1, strings.Join(row, "\t"))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// printDump describes how a sheet prints: "paper 9 landscape, 1x0 pages,
// titles 'S'!$1:$1, footer ...".
func printDump(tb testing.TB, f *excelize.File, sheet string) string {
	tb.Helper()
	pl, err := f.GetPageLayout(sheet)
	if err != nil {
		tb.Fatal(err)
	}
	props, err := f.GetSheetProps(sheet)
	if err != nil {
		tb.Fatal(err)
	}
	s := fmt.Sprintf("paper %v %v", deref(pl.Size), deref(pl.Orientation))
	if props.FitToPage != nil && *props.FitToPage {
		s += fmt.Sprintf(", %vx%v pages", deref(pl.FitToWidth), deref(pl.FitToHeight))
	} else if pl.AdjustTo != nil {
		s += fmt.Sprintf(", %d%%", *pl.AdjustTo)
	}
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm.Print_Titles" && d.Scope == sheet {
			s += ", titles " + d.RefersTo
		}
	}
	if hf, err := f.GetHeaderFooter(sheet); err == nil && hf != nil {
		if hf.OddHeader != "" {
			s += fmt.Sprintf(", header %q", hf.OddHeader)
		}
		s += fmt.Sprintf(", footer %q", hf.OddFooter)
	}
	return s
}

func TestGolden(t *testing.T) {
	r := report(t, smallCSV, smallRefs, Chart{Title: "Incidents by month", PNG: pngChart(t, 1600, 900)})
	got := dump(t, open(t, r))
	golden := filepath.Join("testdata", "workbook.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		// Beside the golden file, where it outlives the test (and
		// .gitignore keeps it out of commits).
		out := filepath.Join("testdata", "workbook_got.golden")
		os.WriteFile(out, []byte(got), 0o644)
		t.Errorf("workbook dump differs from %s; got in %s (go test -update rewrites it)", golden, out)
	}
}

// cellValue returns the cell's value as shown, failing on error.
func cellValue(tb testing.TB, f *excelize.File, sheet, cell string) string {
	tb.Helper()
	v, err := f.GetCellValue(sheet, cell)
	if err != nil {
		tb.Fatal(err)
	}
	return v
}

// cellStyle returns the style of the cell.
func cellStyle(tb testing.TB, f *excelize.File, sheet, cell string) *excelize.Style {
	tb.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		tb.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		tb.Fatal(err)
	}
	return st
}

// numFmt returns the custom number format of the cell, "" for none.
func numFmt(tb testing.TB, f *excelize.File, sheet, cell string) string {
	tb.Helper()
	st := cellStyle(tb, f, sheet, cell)
	if st.CustomNumFmt == nil {
		return ""
	}
	return *st.CustomNumFmt
}

func TestIncidentsSheet(t *testing.T) {
	f := open(t, report(t, smallCSV, smallRefs))
	const sheet = "Incidents"

	tables, err := f.GetTables(sheet)
	if err != nil {
		t.Fatal(err)
	}
	// Line, 20 schema columns, group, the two codes, date_precision,
	// month, place: A to AA; header and 4 counted rows.
	if len(tables) != 1 || tables[0].Range != "A1:AA5" || tables[0].Name != "tblIncidents" {
		t.Errorf("tables = %+v, want one tblIncidents over A1:AA5", tables)
	}
	p, err := f.GetPanes(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Freeze || p.XSplit != 1 || p.YSplit != 1 || p.TopLeftCell != "B2" {
		t.Errorf("panes = %+v, want frozen at B2", p)
	}

	header, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Line", "id", "date", "site", "group", "time", "country", "province",
		"target_type", "target_type_code", "weapon", "weapon_code", "munitions", "intercepted", "killed", "wounded",
		"outcome", "attributed_to", "confidence", "source", "source_url", "notes", "latitude", "longitude",
		"date_precision", "month", "place"}
	if got := strings.Join(header[0], ","); got != strings.Join(want, ",") {
		t.Errorf("header = %s, want %s", got, strings.Join(want, ","))
	}

	// Numbers and dates sit right, one step in, so that the next
	// column's text does not touch them; text sits left, as Excel has it.
	for cell, want := range map[string]excelize.Alignment{
		"A2": {Horizontal: "right", Indent: 1}, "C2": {Horizontal: "right", Indent: 1},
		"M2": {Horizontal: "right", Indent: 1}, "D2": {}, "A1": {Horizontal: "right", Indent: 1},
	} {
		st := cellStyle(t, f, sheet, cell)
		var got excelize.Alignment
		if st.Alignment != nil {
			got = excelize.Alignment{Horizontal: st.Alignment.Horizontal, Indent: st.Alignment.Indent}
		}
		if got != want {
			t.Errorf("%s alignment %+v, want %+v", cell, got, want)
		}
	}

	for _, tc := range []struct {
		name, cell, raw, shown, numFmt string
	}{
		// Row 2 is line 2, T1: 2021-01-05 is 4 days after 2021-01-01,
		// serial 44197.
		{"line", "A2", "2", "2", ""},
		{"id", "B2", "T1", "T1", ""},
		{"date serial", "C2", "44201", "2021-01-05", "yyyy-mm-dd"},
		{"site", "D2", "US Embassy", "US Embassy", ""},
		{"group is the site unknown to the gazetteer", "E2", "US Embassy", "US Embassy", ""},
		// 21:30 is 1290 minutes of 1440.
		{"time cell", "F2", "0.8958333333333334", "21:30", "hh:mm"},
		{"target type label", "I2", "Diplomatic", "Diplomatic", ""},
		{"target type code", "J2", "diplomatic", "diplomatic", ""},
		{"weapon label", "K2", "Rocket", "Rocket", ""},
		{"weapon code", "L2", "rocket", "rocket", ""},
		{"munitions given", "M2", "3", "3", ""},
		{"intercepted empty", "N2", "", "", ""},
		{"killed 0", "O2", "0", "0", ""},
		{"confidence label", "S2", "High", "High", ""},
		{"source_url joined", "U2", "https://a.example/1; https://a.example/2", "https://a.example/1; https://a.example/2", ""},
		{"latitude", "W2", "33.3128", "33.3128", ""},
		{"extra column", "AA2", "Green Zone", "Green Zone", ""},
		// Row 3 is T2: no time, an empty cell.
		{"time not given", "F3", "", "", ""},
		{"target type military base", "I3", "Military base", "Military base", ""},
		{"target type code military_base", "J3", "military_base", "military_base", ""},
		{"outcome label", "Q3", "Intercepted", "Intercepted", ""},
		{"confidence low", "S3", "Low", "Low", ""},
		// Row 4 is line 4, T3: munitions empty, so 1; weapon "Rockets".
		{"munitions default", "M4", "1", "1", ""},
		{"killed not reported", "O4", "", "", ""},
		{"weapon code from a plural", "L4", "rocket", "rocket", ""},
		{"outcome default", "Q4", "Executed", "Executed", ""},
		// 7:05 is 425 minutes.
		{"time normalized", "F4", "0.2951388888888889", "07:05", "hh:mm"},
		{"latitude empty", "W4", "", "", ""},
		// Row 5 is T4, a convoy with an IED.
		{"weapon IED", "K5", "IED", "IED", ""},
		{"target type convoy", "I5", "Convoy", "Convoy", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			raw, err := f.GetCellValue(sheet, tc.cell, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			if raw != tc.raw {
				t.Errorf("%s raw = %q, want %q", tc.cell, raw, tc.raw)
			}
			if got := cellValue(t, f, sheet, tc.cell); got != tc.shown {
				t.Errorf("%s shown = %q, want %q", tc.cell, got, tc.shown)
			}
			if got := numFmt(t, f, sheet, tc.cell); got != tc.numFmt {
				t.Errorf("%s number format = %q, want %q", tc.cell, got, tc.numFmt)
			}
		})
	}
	typ, err := f.GetCellType(sheet, "O4")
	if err != nil {
		t.Fatal(err)
	}
	if typ != excelize.CellTypeUnset {
		t.Errorf("O4 (killed not reported) type = %v, want unset (empty)", typ)
	}

	// The notes of T1 look like a formula; they must stay text.
	const notes = `=HYPERLINK("http://evil.example","click")`
	if got := cellValue(t, f, sheet, "V2"); got != notes {
		t.Errorf("V2 = %q, want %q", got, notes)
	}
	if formula, err := f.GetCellFormula(sheet, "V2"); err != nil || formula != "" {
		t.Errorf("V2 formula = %q, %v; want none", formula, err)
	}
}

func TestDataQualitySheet(t *testing.T) {
	f := open(t, report(t, smallCSV, smallRefs))
	rows, err := f.GetRows("Data Quality")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Status", "Line", "Column", "Value", "Reason"},
		{"excluded", "6", "outcome", "foiled", "foiled: never launched, so not counted as an attack"},
		{"duplicate", "7", "id", "T2", "duplicate of line 3, which has the same id but differs in date, munitions, intercepted, outcome, attributed_to, confidence, source, source_url"},
		{"rejected", "8", "date", "2021-02-30", `"2021-02-30" is not a calendar date`},
	}
	if len(rows) != len(want) {
		t.Fatalf("got %d rows, want %d: %q", len(rows), len(want), rows)
	}
	for i, w := range want {
		if got := strings.Join(rows[i][:5], "|"); got != strings.Join(w, "|") {
			t.Errorf("row %d = %s, want %s", i+1, got, strings.Join(w, "|"))
		}
	}
	// The raw record follows under the file's header: id is column F.
	if got, want := rows[3][5], "T6"; got != want {
		t.Errorf("rejected row's id = %q, want %q", got, want)
	}
	if got, want := rows[0][5], "id"; got != want {
		t.Errorf("F1 = %q, want %q", got, want)
	}
	tables, err := f.GetTables("Data Quality")
	if err != nil {
		t.Fatal(err)
	}
	// Status, Line, Column, Value, Reason and 21 header columns: A to Z.
	if len(tables) != 1 || tables[0].Range != "A1:Z4" {
		t.Errorf("tables = %+v, want one over A1:Z4", tables)
	}
}

// summaryValues returns the Summary sheet as a map from label to value.
func summaryValues(tb testing.TB, f *excelize.File) map[string]string {
	tb.Helper()
	rows, err := f.GetRows("Summary")
	if err != nil {
		tb.Fatal(err)
	}
	m := make(map[string]string)
	for _, r := range rows {
		if len(r) == 2 {
			m[r[0]] = r[1]
		}
	}
	return m
}

// TestJune6 checks the figures of the two incidents of 6 June 2021: a
// rocket with 1 munition and 2 drones, both intercepted.
func TestJune6(t *testing.T) {
	f := open(t, report(t, june6CSV, ""))
	sum := summaryValues(t, f)
	for label, want := range map[string]string{
		"Total incidents": "2",
		"First incident":  "2021-06-06",
		"Last incident":   "2021-06-06",
		"Month in focus: June 2021 (partial, through 6 June)": "2",
		"Month before":            "none: the data does not reach back to it",
		"Munitions":               "3",
		"Intercepted":             "2",
		"Killed":                  "0",
		"Rocket incidents":        "1",
		"Drone incidents":         "1",
		"Mortar incidents":        "0",
		"Year to date: incidents": "2",
		// 2 in 157 days: 2·365/157 = 4.6, and 2 + (0.242, 7.225)·208/157.
		"Projected for 2021":       "5 (95% 2 to 12), the rate so far carried to 31 December",
		"Trend over the one month": "no trend can be fitted from fewer than 3 months",
		"Rows":                     "read 2 rows: 2 counted, 0 excluded, 0 duplicates, 0 rejected (see Data Quality)",
	} {
		if got := sum[label]; got != want {
			t.Errorf("Summary %q = %q, want %q", label, got, want)
		}
	}

	for _, tc := range []struct{ sheet, cell, want string }{
		{"By Month", "A2", "Jun 2021"},
		{"By Month", "B2", "2"},   // incidents
		{"By Month", "C2", "0.2"}, // Garwood 95% of 2: 0.242
		{"By Month", "D2", "7.2"}, // to 7.225
		{"By Month", "E2", "3"},   // munitions
		{"By Month", "F2", "2"},   // intercepted
		{"By Month", "I2", "1"},   // rocket
		{"By Month", "J2", "1"},   // drone
		{"By Month", "A3", "Total"},
		{"By Month", "B3", "2"},
		{"By Month", "C3", ""}, // no interval of the total
		{"By Weapon", "A2", "Rocket"},
		{"By Weapon", "C2", "1"},     // rocket munitions
		{"By Weapon", "D3", "2"},     // drone intercepted
		{"By Weapon", "G3", "50.0%"}, // drone share
		// Wilson 95%: 0 of 1 is 0 to z²/(1+z²) = 79.3%; 2 of 2 is
		// 1-z²/(2+z²) = 34.2% to 1.
		{"By Weapon", "H2", "0.0%"}, {"By Weapon", "I2", "0.0%"}, {"By Weapon", "J2", "79.3%"},
		{"By Weapon", "H3", "100.0%"}, {"By Weapon", "I3", "34.2%"}, {"By Weapon", "J3", "100.0%"},
		{"By Weapon", "H4", ""}, {"By Weapon", "J4", ""}, // mortar: no munitions
		// Both at 00:15 and 00:30 on Sunday 6 June 2021.
		{"Time", "A2", "00"}, {"Time", "B2", "2"}, {"Time", "B3", "0"}, {"Time", "C8", "Sunday"}, {"Time", "D8", "2"},
		{"Time", "A25", "23"}, {"Time", "A26", "Total"}, {"Time", "B26", "2"}, {"Time", "D26", "2"},
		{"Month x Weapon", "H2", "2"},
		{"Data Quality", "A2", "No problems: every row was counted."},
	} {
		if got := cellValue(t, f, tc.sheet, tc.cell); got != tc.want {
			t.Errorf("%s!%s = %q, want %q", tc.sheet, tc.cell, got, tc.want)
		}
	}
	raw, err := f.GetCellValue("By Month", "A2", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	// 2021-06-01 is 151 days after 2021-01-01 (serial 44197).
	if raw != "44348" {
		t.Errorf("By Month!A2 raw = %q, want 44348 (2021-06-01)", raw)
	}
	if tables, _ := f.GetTables("Data Quality"); len(tables) != 0 {
		t.Errorf("Data Quality tables = %+v, want none when there are no problems", tables)
	}
}

func TestNoCountedIncidents(t *testing.T) {
	const onlyRejected = "date,site,weapon\n2021-13-01,Base,rocket\n"
	f := open(t, report(t, onlyRejected, ""))
	for _, tc := range []struct{ sheet, cell, want string }{
		{"Summary", "B4", "0"},
		{"By Month", "A2", "No counted incidents."},
		{"Incidents", "A2", "No counted incidents."},
		{"By Weapon", "G2", ""}, // no share of nothing
		{"References", "A2", "No published tallies were given."},
		{"Data Quality", "E2", `"2021-13-01" is not a calendar date`},
		{"Charts", "A1", "No charts."},
	} {
		if got := cellValue(t, f, tc.sheet, tc.cell); got != tc.want {
			t.Errorf("%s!%s = %q, want %q", tc.sheet, tc.cell, got, tc.want)
		}
	}
}

func TestWriteErrors(t *testing.T) {
	good := report(t, june6CSV, "")
	for _, tc := range []struct {
		name string
		r    *Report
		want string
	}{
		{"nil", nil, "workbook: report needs a Summary"},
		{"no summary", &Report{Rows: good.Rows}, "workbook: report needs a Summary"},
		{"not an image", &Report{Rows: good.Rows, Summary: good.Summary, Charts: []Chart{{Title: "Bad", PNG: []byte("GIF89a")}}},
			`workbook: sheet Charts: chart 1 "Bad": image: unknown format`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := write(&bytes.Buffer{}, tc.r)
			if err == nil || err.Error() != tc.want {
				t.Errorf("Write = %v, want %s", err, tc.want)
			}
		})
	}
}

func TestLongText(t *testing.T) {
	long := strings.Repeat("a", 40000)
	csv := "date,site,weapon,notes\n2021-01-01,Base,rocket," + long + "\n"
	f := open(t, report(t, csv, ""))
	got := cellValue(t, f, "Incidents", "V2") // notes
	if n := len(utf16.Encode([]rune(got))); n != maxCellChars {
		t.Errorf("notes cell has %d UTF-16 units, want %d", n, maxCellChars)
	}
	if !strings.HasSuffix(got, truncated) {
		t.Errorf("notes cell ends %q, want the marker %q", got[max(0, len(got)-20):], truncated)
	}
}

func TestClip(t *testing.T) {
	emoji := "\U0001F600" // two UTF-16 units
	for _, tc := range []struct {
		name string
		in   string
		n    int // UTF-16 units of the result
		cut  bool
	}{
		{"short", "abc", 3, false},
		{"at limit", strings.Repeat("x", maxCellChars), maxCellChars, false},
		{"one over", strings.Repeat("x", maxCellChars+1), maxCellChars, true},
		{"multibyte at limit", strings.Repeat("é", maxCellChars), maxCellChars, false},
		{"surrogate pairs over", strings.Repeat(emoji, maxCellChars/2+1), maxCellChars, true}, // room for 32754/2 pairs
		{"pair across the cut", "x" + strings.Repeat(emoji, maxCellChars/2+1), maxCellChars - 1, true},
		{"invalid UTF-8", "a\xffb", 3, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := clip(tc.in)
			if n := utf16Len(got); n != tc.n {
				t.Errorf("clip: %d UTF-16 units, want %d", n, tc.n)
			}
			if cut := strings.HasSuffix(got, truncated); cut != tc.cut {
				t.Errorf("clip: truncated %v, want %v", cut, tc.cut)
			}
		})
	}
}

func TestUniqueNames(t *testing.T) {
	got := uniqueNames([]string{"Line", "line", "", " id ", "a\nb", "Line"})
	want := []string{"Line", "line (2)", "column 3", "id", "a b", "Line (3)"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("uniqueNames = %q, want %q", got, want)
	}
}

func TestWrapLines(t *testing.T) {
	for _, tc := range []struct {
		name  string
		text  string
		width int
		want  int
	}{
		{"empty", "", 60, 1},
		{"short", "IED on a convoy", 60, 1},
		{"newlines", "a\nb\n\nc", 60, 4},
		// A line holds 90% of 5 digits; two 4-letter words need 7.7.
		{"wraps at space", "aaaa aaaa", 5, 2},
		{"fits", "aa aa", 5, 1},
		// 100 digits, 9 to a line of 10.
		{"long word broken", strings.Repeat("1", 100), 10, 12},
		{"word moves down, then breaks", "a " + strings.Repeat("1", 18), 10, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := wrapLines(tc.text, tc.width); got != tc.want {
				t.Errorf("wrapLines(%q, %d) = %d, want %d", tc.text, tc.width, got, tc.want)
			}
		})
	}
}

func TestSerial(t *testing.T) {
	for _, tc := range []struct {
		date string
		want int
		ok   bool
	}{
		{"1900-02-28", 0, false}, // before Excel's phantom 29 February
		{"1900-03-01", 61, true},
		{"2021-01-01", 44197, true},
		{"2021-06-06", 44353, true},
		{"9999-12-31", 2958465, true},
	} {
		d, err := time.Parse(time.DateOnly, tc.date)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := serial(d)
		if got != tc.want || ok != tc.ok {
			t.Errorf("serial(%s) = %d, %v; want %d, %v", tc.date, got, ok, tc.want, tc.ok)
		}
	}
}

func TestTextOn(t *testing.T) {
	want := map[incident.Weapon]string{
		incident.Rocket:      "#000000",
		incident.Drone:       "#FFFFFF",
		incident.Mortar:      "#000000",
		incident.IED:         "#000000",
		incident.SmallArms:   "#000000",
		incident.OtherWeapon: "#000000",
	}
	for _, w := range incident.Weapons() {
		if got := textOn(w.Color()); got != want[w] {
			t.Errorf("textOn(%s %s) = %s, want %s", w, w.Color(), got, want[w])
		}
	}
	if got := textOn("#000000"); got != "#FFFFFF" {
		t.Errorf("textOn(black) = %s, want white", got)
	}
}

// BenchmarkWrite writes a workbook of 10,000 counted incidents.
func BenchmarkWrite(b *testing.B) {
	var csv strings.Builder
	csv.WriteString("id,date,site,weapon,munitions,killed,notes\n")
	for i := range 10000 {
		fmt.Fprintf(&csv, "R%d,2021-%02d-%02d,Site %d,rocket,%d,,Some notes about row %d\n", i, i%12+1, i%28+1, i%50, i%5+1, i)
	}
	r := report(b, csv.String(), "")
	b.ResetTimer()
	for b.Loop() {
		if err := write(&bytes.Buffer{}, r); err != nil {
			b.Fatal(err)
		}
	}
}
