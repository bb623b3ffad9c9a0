package workbook

import (
	"archive/zip"
	"bytes"
	"fmt"
	"hash/crc32"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"report/internal/incident"
	"report/internal/stats"
)

func TestCRC32Combine(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"", ""}, {"a", ""}, {"", "b"}, {"hello, ", "world"},
		{strings.Repeat("x", 1000), strings.Repeat("yz", 7777)},
	} {
		want := crc32.ChecksumIEEE([]byte(tc.a + tc.b))
		got := crc32Combine(crc32.ChecksumIEEE([]byte(tc.a)), crc32.ChecksumIEEE([]byte(tc.b)), int64(len(tc.b)))
		if got != want {
			t.Errorf("crc32Combine(%q, %q) = %08x, want %08x", tc.a, tc.b, got, want)
		}
	}
}

func TestSortContentTypes(t *testing.T) {
	in := `<?xml version="1.0"?><Types x="1"><Override PartName="/b" ContentType="t"></Override>` +
		`<Default Extension="xml" ContentType="x"/><Override PartName="/a" ContentType="t"></Override></Types>`
	want := `<?xml version="1.0"?><Types x="1"><Default Extension="xml" ContentType="x"/>` +
		`<Override PartName="/a" ContentType="t"></Override><Override PartName="/b" ContentType="t"></Override></Types>`
	got, err := sortContentTypes([]byte(in))
	if err != nil || string(got) != want {
		t.Errorf("sortContentTypes =\n%s, %v\nwant\n%s", got, err, want)
	}
}

func TestAppendEscaped(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain text", "plain text"},
		{`a<b & c>d "q"`, `a&lt;b &amp; c&gt;d "q"`},
		{"tab\tline\nend\r", "tab\tline\nend\r"},
		{"bell\x07 nul\x00", "bell\uFFFD nul\uFFFD"},
		{"bad \xff utf8 \uFFFE", "bad \uFFFD utf8 \uFFFD"},
		{"Ain al-Asad · عين الأسد", "Ain al-Asad · عين الأسد"},
	} {
		if got := string(appendEscaped(nil, tc.in)); got != tc.want {
			t.Errorf("appendEscaped(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestQuickLines(t *testing.T) {
	for _, tc := range []struct {
		in    string
		width int
		want  int
	}{
		{"", 10, 1},
		{"short", 60, 1},
		{strings.Repeat("x", 60), 60, 2},  // 57 chars fit on a line of 60
		{strings.Repeat("x", 100), 60, 2}, // 95/51 -> 2
		{strings.Repeat("x", 120), 60, 3}, // 114/51 -> 3
		{"one\ntwo\nthree", 60, 3},        // line ends count
		{strings.Repeat("é", 50), 60, 1},  // characters, not bytes
		{"a\n" + strings.Repeat("x", 120), 60, 4},
	} {
		if got := quickLines(tc.in, tc.width); got != tc.want {
			t.Errorf("quickLines(%d chars, %d) = %d, want %d", len([]rune(tc.in)), tc.width, got, tc.want)
		}
	}
}

// TestContinuationSheets streams more rows than a sheet holds (made 3
// here) and reads them back from Incidents, Incidents (2) and (3).
func TestContinuationSheets(t *testing.T) {
	defer func(n int) { bodyRows = n }(bodyRows)
	bodyRows = 3
	// Each sheet counts its own links, at most maxLinks.
	defer func(n int) { maxLinks = n }(maxLinks)
	maxLinks = 2
	var csv strings.Builder
	csv.WriteString("id,date,site,weapon,source_url\n")
	for i := range 7 {
		fmt.Fprintf(&csv, "R%d,2021-01-%02d,Balad,rocket,https://x.example/R%d\n", i+1, i+1, i+1)
	}
	f := open(t, report(t, csv.String(), ""))
	want := map[string][]string{
		"Incidents":     {"R1", "R2", "R3"},
		"Incidents (2)": {"R4", "R5", "R6"},
		"Incidents (3)": {"R7"},
	}
	for sheet, ids := range want {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatalf("%s: %v", sheet, err)
		}
		var got []string
		for i, r := range rows[1:] {
			got = append(got, r[1])
			ok, link, err := f.GetCellHyperLink(sheet, cellName(21, i+2))
			if want := "https://x.example/" + r[1]; err != nil || ok != (i < 2) || (ok && link != want) {
				t.Errorf("%s row %d: link %v %q (%v), want %v %q", sheet, i+2, ok, link, err, i < 2, want)
			}
		}
		if strings.Join(got, ",") != strings.Join(ids, ",") || rows[0][0] != "Line" {
			t.Errorf("%s: header %q, ids %q; want ids %q", sheet, rows[0][:2], got, ids)
		}
		tables, err := f.GetTables(sheet)
		if err != nil || len(tables) != 1 || tables[0].Range != fmt.Sprintf("A1:Z%d", len(ids)+1) {
			t.Errorf("%s: tables %+v, %v", sheet, tables, err)
		}
	}
	rows, _ := f.GetRows("Summary")
	said := false
	for _, r := range rows {
		said = said || (len(r) == 2 && r[0] == "Incidents sheets" &&
			r[1] == "the counted rows go on over 3 sheets, Incidents, Incidents (2), Incidents (3), since a sheet holds 3 rows under its header")
	}
	if !said {
		t.Errorf("the Summary does not say the rows go on over 3 sheets: %q", rows)
	}
	if got, want := strings.Join(f.GetSheetList(), ","), "Summary,By Month,By Site,By Weapon,Time,Month x Weapon,References,Year to Date,Incidents,Incidents (2),Incidents (3),Data Quality,Charts"; got != want {
		t.Errorf("sheets %s, want %s", got, want)
	}
}

// TestReproducible writes the same workbook twice, a second apart, and
// gets the same bytes, dated from the report, not the clock.
func TestReproducible(t *testing.T) {
	r := report(t, smallCSV, smallRefs, Chart{Title: "A chart", PNG: pngChart(t, 160, 90)})
	r.Modified = time.Date(2021, 3, 15, 0, 0, 0, 0, time.UTC)
	var a, b bytes.Buffer
	if err := write(&a, r); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1100 * time.Millisecond)
	if err := write(&b, r); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two writes of one workbook differ")
	}
	zr, err := zip.NewReader(bytes.NewReader(a.Bytes()), int64(a.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if got := zf.Modified.UTC().Format(time.DateOnly); got != "2021-03-15" {
			t.Errorf("%s is dated %s, want 2021-03-15", zf.Name, got)
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(io.Discard, rc); err != nil { // checks the CRC
			t.Errorf("%s: %v", zf.Name, err)
		}
		rc.Close()
	}
	f, err := excelize.OpenReader(&a)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if p.Creator != "report" || !strings.HasPrefix(p.Created, "2021-03-15") || p.Title != "Incident report" {
		t.Errorf("document properties %+v, want made by report on 2021-03-15", p)
	}
}

// TestNoIncidents leaves the rows out of Incidents but not out of Data
// Quality, and says so.
func TestNoIncidents(t *testing.T) {
	d, err := incident.Load(strings.NewReader(smallCSV), incident.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := stats.Summarize(d.Incidents, nil, stats.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := New(d.Header, d.ExtraColumns, Options{NoIncidents: true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	for i := range d.Incidents {
		b.AddIncident(&d.Incidents[i])
	}
	for i := range d.Problems {
		b.AddProblem(&d.Problems[i])
	}
	var buf bytes.Buffer
	if err := b.Write(&buf, &Report{Summary: s, Rows: d.Rows}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Incidents")
	if len(rows) != 2 || !strings.HasPrefix(rows[1][0], "Left out: the report was made with -no-incidents-sheet") {
		t.Errorf("Incidents = %q", rows)
	}
	if rows, _ := f.GetRows("Data Quality"); len(rows) != 4 {
		t.Errorf("Data Quality has %d rows, want a header and 3 problems", len(rows))
	}
}
