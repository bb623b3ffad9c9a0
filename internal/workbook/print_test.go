package workbook

import (
	"bytes"
	"fmt"
	"image"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// writeBytes writes r with opts and returns the workbook's bytes.
func writeBytes(tb testing.TB, r *Report, opts Options) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := writeWith(&buf, r, opts); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func openBytes(tb testing.TB, data []byte) *excelize.File {
	tb.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.Close() })
	return f
}

// sheetXML returns the XML of the sheet part of the i-th sheet (0-based),
// as excelize names them.
func sheetXML(tb testing.TB, data []byte, i int) string {
	tb.Helper()
	name := fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1)
	x, ok := unzip(tb, data)[name]
	if !ok {
		tb.Fatalf("no %s", name)
	}
	return x
}

func TestPrintSetup(t *testing.T) {
	r := report(t, smallCSV, smallRefs, Chart{Title: "Incidents by month", PNG: pngChart(t, 1600, 900)})
	r.Through = time.Date(2021, 3, 31, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name    string
		opts    Options
		size    int
		header  string
		through string
	}{
		{"a4, no marking", Options{}, 9, "", "31 March 2021"},
		{"letter, a marking with an ampersand", Options{Paper: Letter, Marking: "  SECRET & NOFORN "}, 1, "&C&BSECRET && NOFORN", "31 March 2021"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := openBytes(t, writeBytes(t, r, tc.opts))
			titles, areas := map[string]string{}, map[string]string{}
			for _, d := range f.GetDefinedName() {
				switch d.Name {
				case "_xlnm.Print_Titles":
					titles[d.Scope] = d.RefersTo
				case "_xlnm.Print_Area":
					areas[d.Scope] = d.RefersTo
				}
			}
			for _, sheet := range f.GetSheetList() {
				pl, err := f.GetPageLayout(sheet)
				if err != nil {
					t.Fatal(err)
				}
				if pl.Size == nil || *pl.Size != tc.size || pl.Orientation == nil || *pl.Orientation != "landscape" {
					t.Errorf("%s: paper %v, orientation %v; want %d landscape", sheet, deref(pl.Size), deref(pl.Orientation), tc.size)
				}
				props, err := f.GetSheetProps(sheet)
				if err != nil {
					t.Fatal(err)
				}
				fit := props.FitToPage != nil && *props.FitToPage
				// wide, tall: the pages to fit in; "55%" for a scale.
				var got string
				switch {
				case fit:
					got = fmt.Sprintf("%dx%d", deref(pl.FitToWidth), deref(pl.FitToHeight))
				case pl.AdjustTo != nil:
					got = fmt.Sprintf("%d%%", *pl.AdjustTo)
				}
				want := "1x0"
				switch sheet {
				case "Summary", "By Weapon", "Month x Weapon", "Year to Date":
					// The last three share the page with their native
					// chart (onePageRows).
					want = "1x1"
				case "Incidents":
					want = "55%"
				}
				if got != want {
					t.Errorf("%s: fit %s, want %s", sheet, got, want)
				}
				wantTitles := "'" + sheet + "'!$1:$1"
				switch sheet {
				case "Incidents":
					wantTitles = "'Incidents'!$A:$D,'Incidents'!$1:$1"
				case "Charts":
					wantTitles = ""
				}
				if titles[sheet] != wantTitles {
					t.Errorf("%s: print titles %q, want %q", sheet, titles[sheet], wantTitles)
				}
				// Data Quality prints Status, Line, Column, Value and
				// Reason of its rows; every other sheet all of it.
				wantArea := ""
				if sheet == "Data Quality" {
					rows, err := f.GetRows(sheet)
					if err != nil {
						t.Fatal(err)
					}
					wantArea = fmt.Sprintf("'Data Quality'!$A$1:$E$%d", len(rows))
				}
				if areas[sheet] != wantArea {
					t.Errorf("%s: print area %q, want %q", sheet, areas[sheet], wantArea)
				}
				hf, err := f.GetHeaderFooter(sheet)
				if err != nil || hf == nil {
					t.Fatalf("%s: header and footer %v, %v", sheet, hf, err)
				}
				if hf.OddHeader != tc.header {
					t.Errorf("%s: header %q, want %q", sheet, hf.OddHeader, tc.header)
				}
				footer := "&LIncident report: incidents.csv&CData through " + tc.through + "&R&A, page &P of &N"
				if hf.OddFooter != footer {
					t.Errorf("%s: footer %q, want %q", sheet, hf.OddFooter, footer)
				}
			}
		})
	}
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestFooterThroughDefault(t *testing.T) {
	// Without Report.Through the footer gives the last incident's date.
	hf := headerFooter(report(t, smallCSV, ""), "")
	if want := "&LIncident report: incidents.csv&CData through 15 March 2021&R&A, page &P of &N"; hf.OddFooter != want {
		t.Errorf("footer %q, want %q", hf.OddFooter, want)
	}
	long := headerFooter(report(t, smallCSV, ""), strings.Repeat("x", 300))
	if n := len([]rune(long.OddHeader)); n != len("&C&B")+maxMarking {
		t.Errorf("a 300-character marking gives a header of %d characters, want %d", n, len("&C&B")+maxMarking)
	}
}

func TestParsePaper(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Paper
		err  string
	}{
		{"a4", A4, ""},
		{"A4", A4, ""},
		{" Letter ", Letter, ""},
		{"a3", A4, `paper "a3": want a4 or letter`},
		{"", A4, `paper "": want a4 or letter`},
	} {
		got, err := ParsePaper(tc.in)
		if got != tc.want || (err == nil) != (tc.err == "") || (err != nil && err.Error() != tc.err) {
			t.Errorf("ParsePaper(%q) = %v, %v; want %v, %q", tc.in, got, err, tc.want, tc.err)
		}
	}
}

func TestHyperlinks(t *testing.T) {
	f := open(t, report(t, smallCSV, smallRefs))
	// refs is the column of References' source URLs.
	refs := ""
	header, err := f.GetRows("References")
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range header[0] {
		if name == "Source URL(s)" {
			refs, _ = excelize.ColumnNumberToName(i + 1)
		}
	}
	for _, tc := range []struct {
		sheet, cell string
		link        string // "" for none
	}{
		// T1 has two URLs: the first is linked, the cell lists both.
		{"Incidents", "U2", "https://a.example/1"},
		{"Incidents", "U3", "https://b.example/2"},
		{"Incidents", "U4", ""}, // T3 has none
		{"Incidents", "B2", ""},
		{"References", refs + "2", "https://ref.example/jan"},
		{"References", refs + "3", "https://ref.example/a"},
	} {
		ok, link, err := f.GetCellHyperLink(tc.sheet, tc.cell)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			link = ""
		}
		if link != tc.link {
			t.Errorf("%s!%s links to %q, want %q", tc.sheet, tc.cell, link, tc.link)
		}
	}
	if got := cellValue(t, f, "References", refs+"3"); got != "https://ref.example/a; https://ref.example/b" {
		t.Errorf("References!%s3 = %q, want both URLs", refs, got)
	}
}

func TestHyperlinkLimit(t *testing.T) {
	defer func(n int) { maxLinks = n }(maxLinks)
	maxLinks = 1
	f := open(t, report(t, smallCSV, ""))
	for cell, want := range map[string]bool{"U2": true, "U3": false} {
		ok, _, err := f.GetCellHyperLink("Incidents", cell)
		if err != nil || ok != want {
			t.Errorf("Incidents!%s linked %v (%v), want %v", cell, ok, err, want)
		}
	}
	// Past the limit the URL is still there, as text.
	if got := cellValue(t, f, "Incidents", "U3"); got != "https://b.example/2" {
		t.Errorf("U3 = %q, want the URL as text", got)
	}
}

func TestEmptyColumnsHidden(t *testing.T) {
	// No row has a time, latitude or longitude, nor notes.
	const csv = "date,site,weapon,latitude,longitude,notes\n2021-01-01,Base,rocket,,,\n2021-01-02,Camp,drone,,,\n"
	f := open(t, report(t, csv, ""))
	for col, visible := range map[string]bool{
		"A": true, "B": false, // no id either
		"C": true, "D": true, "E": true,
		"F": false,                         // time
		"V": false, "W": false, "X": false, // notes, latitude, longitude
		"K": true, "L": true, "Z": true,
	} {
		got, err := f.GetColVisible("Incidents", col)
		if err != nil {
			t.Fatal(err)
		}
		if got != visible {
			t.Errorf("Incidents column %s visible %v, want %v", col, got, visible)
		}
	}
	// smallCSV gives a position on one row: the columns show.
	g := open(t, report(t, smallCSV, ""))
	for _, col := range []string{"F", "W", "X"} {
		if got, _ := g.GetColVisible("Incidents", col); !got {
			t.Errorf("smallCSV: Incidents column %s hidden, want it shown", col)
		}
	}
}

// TestNotesWidth reads back the width of the Incidents sheet's notes
// column (V) and the height of a row, for notes of several lengths: the
// column fits its text up to notesWidth characters (plus 2 of padding),
// then wraps, a line (15 points) for each 85 characters (quickLines).
func TestNotesWidth(t *testing.T) {
	tests := []struct {
		chars  int
		width  float64
		height float64
	}{
		{51, 53, 15},
		{101, 102, 30},   // over the 85 characters of a line of 100
		{151, 102, 30},   // 3 lines were it 60 wide
		{401, 102, 75},   // 5 lines, not 8
		{2001, 102, 345}, // 23 lines
	}
	for _, tt := range tests {
		note := strings.Repeat("abcd ", tt.chars/5+1)[:tt.chars] // ends in a letter
		csv := "date,site,weapon,notes\n2021-01-01,Base,rocket," + note + "\n"
		f := open(t, report(t, csv, ""))
		w, err := f.GetColWidth("Incidents", "V")
		if err != nil {
			t.Fatal(err)
		}
		h, err := f.GetRowHeight("Incidents", 2)
		if err != nil {
			t.Fatal(err)
		}
		if w != tt.width || h != tt.height {
			t.Errorf("a note of %d characters: column %g wide, row %g tall; want %g and %g", tt.chars, w, h, tt.width, tt.height)
		}
	}
}

var rowBreak = regexp.MustCompile(`<brk id="(\d+)"`)

func TestChartsPageBreaks(t *testing.T) {
	charts := []Chart{
		{Title: "One", PNG: pngChart(t, 1600, 900)},
		{Title: "Two", PNG: pngChart(t, 800, 1200)},  // tall: fit by height
		{Title: "Three", PNG: pngChart(t, 400, 300)}, // small: never enlarged
	}
	r := report(t, smallCSV, "", charts...)
	for _, paper := range []Paper{A4, Letter} {
		data := writeBytes(t, r, Options{Paper: paper})
		f := openBytes(t, data)
		sheets := f.GetSheetList()
		last := len(sheets) - 1
		if sheets[last] != "Charts" {
			t.Fatalf("last sheet %q, want Charts", sheets[last])
		}
		// Each title in column A, its chart under it, a page break (brk
		// id = the row above) before each title but the first.
		rows, err := f.GetRows("Charts")
		if err != nil {
			t.Fatal(err)
		}
		boxW, boxH := chartBox(paper)
		var titles, wantBreaks []string
		for i, r := range rows {
			if len(r) == 0 || r[0] == "" {
				continue
			}
			titles = append(titles, r[0])
			if len(titles) > 1 {
				wantBreaks = append(wantBreaks, fmt.Sprint(i))
			}
			pics, err := f.GetPictures("Charts", cellName(1, i+2))
			if err != nil || len(pics) != 1 {
				t.Fatalf("%s: pictures at %s: %v, %v", paper, cellName(1, i+2), pics, err)
			}
			c := charts[len(titles)-1]
			cfg, _, err := image.DecodeConfig(bytes.NewReader(c.PNG))
			if err != nil {
				t.Fatal(err)
			}
			w, h := float64(cfg.Width), float64(cfg.Height)
			// excelize reads the scale back to two decimals.
			scale := pics[0].Format.ScaleX
			fits := w*scale <= boxW*1.01 && h*scale <= boxH*1.01
			largest := scale == 1 || w*scale >= boxW*0.99 || h*scale >= boxH*0.99
			if !fits || !largest || scale > 1 {
				t.Errorf("%s: chart %q scaled %g to %.0fx%.0f, want the largest within %.0fx%.0f, at most 1",
					paper, c.Title, scale, w*scale, h*scale, boxW, boxH)
			}
		}
		if strings.Join(titles, ",") != "One,Two,Three" {
			t.Errorf("%s: chart titles %q, want One,Two,Three", paper, titles)
		}
		var got []string
		for _, m := range rowBreak.FindAllStringSubmatch(sheetXML(t, data, last), -1) {
			got = append(got, m[1])
		}
		if strings.Join(got, ",") != strings.Join(wantBreaks, ",") {
			t.Errorf("%s: row breaks %v, want %v", paper, got, wantBreaks)
		}
	}
}

func TestDocumentProperties(t *testing.T) {
	r := report(t, smallCSV, "")
	r.Version = "v1.2.3"
	r.Modified = time.Date(2021, 3, 15, 0, 0, 0, 0, time.UTC)
	f := openBytes(t, writeBytes(t, r, Options{}))
	p, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, got, want string }{
		{"title", p.Title, "Incident report"},
		{"version", p.Version, "v1.2.3"},
		{"creator", p.Creator, "report"},
		{"description", p.Description, "Made by report v1.2.3 from testdata/incidents.csv, data through 2021-03-15"},
		{"created", p.Created, "2021-03-15T00:00:00Z"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s = %q, want %q", tc.name, tc.got, tc.want)
		}
	}
	app, err := f.GetAppProps()
	if err != nil {
		t.Fatal(err)
	}
	if app.Application != "report" || app.Company != "" || app.AppVersion != "" {
		t.Errorf("app properties %+v, want Application report and nothing else", app)
	}
	r.Version = ""
	g := openBytes(t, writeBytes(t, r, Options{}))
	if p, _ := g.GetDocProps(); p.Version != "devel" {
		t.Errorf("version without one = %q, want devel", p.Version)
	}
}
