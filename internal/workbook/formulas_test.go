package workbook

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"report/internal/incident"
	"report/internal/stats"
)

// TestFormulas reads back formulas and cached values of smallCSV's
// workbook: 4 counted incidents, 2 in January (a rocket of 3 munitions at
// US Embassy, a drone of 2, both intercepted, at Ain al-Asad), 0 in
// February, 2 in March (Rockets with munitions not reported, counted as 1,
// and an IED).
func TestFormulas(t *testing.T) {
	f := open(t, report(t, smallCSV, smallRefs))
	tests := []formulaCell{
		{sheetByMonth, "B2", `COUNTIFS(tblIncidents[date],">="&DATE(2021,1,1),tblIncidents[date],"<"&DATE(2021,2,1))`, "2"},
		{sheetByMonth, "B3", `COUNTIFS(tblIncidents[date],">="&DATE(2021,2,1),tblIncidents[date],"<"&DATE(2021,3,1))`, "0"},
		{sheetByMonth, "C2", "", "0.2"}, // the interval stays a value
		{sheetByMonth, "E2", `SUMIFS(tblIncidents[munitions],tblIncidents[date],">="&DATE(2021,1,1),tblIncidents[date],"<"&DATE(2021,2,1))`, "5"},
		{sheetByMonth, "F2", `SUMIFS(tblIncidents[intercepted],tblIncidents[date],">="&DATE(2021,1,1),tblIncidents[date],"<"&DATE(2021,2,1))`, "2"},
		{sheetByMonth, "H2", `SUMIFS(tblIncidents[wounded],tblIncidents[date],">="&DATE(2021,1,1),tblIncidents[date],"<"&DATE(2021,2,1))`, "1"},
		{sheetByMonth, "L4", `COUNTIFS(tblIncidents[date],">="&DATE(2021,3,1),tblIncidents[date],"<"&DATE(2021,4,1),tblIncidents[weapon_code],"ied")`, "1"},
		{sheetByMonth, "M4", `COUNTIFS(tblIncidents[date],">="&DATE(2021,3,1),tblIncidents[date],"<"&DATE(2021,4,1),tblIncidents[weapon_code],"small_arms")`, "0"},
		{sheetByMonth, "A5", "", "Total"},
		{sheetByMonth, "B5", "SUBTOTAL(109,tblByMonth[Incidents])", "4"},
		{sheetByMonth, "C5", "", ""},
		{sheetByMonth, "E5", "SUBTOTAL(109,tblByMonth[Munitions])", "7"},
		{sheetByMonth, "M5", "SUBTOTAL(109,tblByMonth[[Small arms]])", "0"},
		{sheetBySite, "B2", `COUNTIFS(tblIncidents[site],"Ain al-Asad Air Base")`, "1"},
		{sheetBySite, "D2", `COUNTIFS(tblIncidents[site],"Ain al-Asad Air Base",tblIncidents[weapon_code],"drone")`, "1"},
		{sheetBySite, "F4", `COUNTIFS(tblIncidents[site],"Supply route, Baghdad",tblIncidents[weapon_code],"ied")`, "1"},
		{sheetBySite, "I2", "", "2021-01-20"},
		{sheetBySite, "B6", "SUBTOTAL(109,tblBySite[Incidents])", "4"},
		{sheetBySite, "I6", "SUBTOTAL(105,tblBySite[First])", "2021-01-05"},
		{sheetBySite, "J6", "SUBTOTAL(104,tblBySite[Last])", "2021-03-15"},
		{sheetByWeapon, "B2", `COUNTIFS(tblIncidents[weapon_code],"rocket")`, "2"},
		{sheetByWeapon, "C2", `SUMIFS(tblIncidents[munitions],tblIncidents[weapon_code],"rocket")`, "4"},
		{sheetByWeapon, "D3", `SUMIFS(tblIncidents[intercepted],tblIncidents[weapon_code],"drone")`, "2"},
		{sheetByWeapon, "G2", "", "50.0%"},
		{sheetByWeapon, "H3", "", "100.0%"},
		{sheetByWeapon, "B8", "SUBTOTAL(109,tblByWeapon[Incidents])", "4"},
		{sheetByWeapon, "G8", "SUBTOTAL(109,tblByWeapon[[Share of incidents]])", "100.0%"},
		{sheetByWeapon, "H8", "", ""},
		{sheetMonthWeapon, "B2", `COUNTIFS(tblIncidents[date],">="&DATE(2021,1,1),tblIncidents[date],"<"&DATE(2021,2,1),tblIncidents[weapon_code],"rocket")`, "1"},
		{sheetMonthWeapon, "H4", `COUNTIFS(tblIncidents[date],">="&DATE(2021,3,1),tblIncidents[date],"<"&DATE(2021,4,1))`, "2"},
		{sheetMonthWeapon, "H5", "SUBTOTAL(109,tblMonthByWeapon[Total])", "4"},
		{sheetTime, "B26", "SUBTOTAL(109,B2:B25)", "2"},
		{sheetTime, "D26", "SUBTOTAL(109,D2:D25)", "4"},
	}
	checkFormulas(t, f, tests)
}

// formulaCell is a cell's formula ("" for none) and its value as shown.
type formulaCell struct {
	sheet, cell, formula, value string
}

// checkFormulas reads each cell's formula and cached value back from f.
func checkFormulas(tb testing.TB, f *excelize.File, cells []formulaCell) {
	tb.Helper()
	for _, c := range cells {
		formula, err := f.GetCellFormula(c.sheet, c.cell)
		if err != nil {
			tb.Fatal(err)
		}
		if formula != c.formula {
			tb.Errorf("%s!%s formula %q, want %q", c.sheet, c.cell, formula, c.formula)
		}
		if got := cellValue(tb, f, c.sheet, c.cell); got != c.value {
			tb.Errorf("%s!%s value %q, want %q", c.sheet, c.cell, got, c.value)
		}
	}
}

// parts returns the parts of the workbook of r by name.
func parts(tb testing.TB, r *Report) map[string]string {
	tb.Helper()
	return unzip(tb, writeBytes(tb, r, Options{}))
}

// unzip returns the parts of a workbook by name.
func unzip(tb testing.TB, data []byte) map[string]string {
	tb.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string]string{}
	for _, file := range z.File {
		rc, err := file.Open()
		if err != nil {
			tb.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			tb.Fatal(err)
		}
		out[file.Name] = string(b)
	}
	return out
}

// tablePart returns the table part of the table named name.
func tablePart(tb testing.TB, parts map[string]string, name string) string {
	tb.Helper()
	for p, x := range parts {
		if strings.HasPrefix(p, "xl/tables/") && strings.Contains(x, ` name="`+name+`"`) {
			return x
		}
	}
	tb.Fatalf("no table %s", name)
	return ""
}

// TestTotalsRowParts checks the XML that excelize's API does not show:
// the totals row in the table part, and cached values typed as numbers.
func TestTotalsRowParts(t *testing.T) {
	p := parts(t, report(t, smallCSV, smallRefs))
	month := tablePart(t, p, "tblByMonth")
	for _, want := range []string{
		`ref="A1:O5" totalsRowCount="1" totalsRowShown="1"`,
		`<autoFilter ref="A1:O4">`, // the filter leaves the totals row out
		`<tableColumn id="1" name="Month" totalsRowLabel="Total">`,
		`<tableColumn id="2" name="Incidents" totalsRowFunction="sum">`,
		`<tableColumn id="3" name="95% low">`,
		`<tableColumn id="13" name="Small arms" totalsRowFunction="sum">`,
		`<tableColumn id="15" name="Data through">`,
	} {
		if !strings.Contains(month, want) {
			t.Errorf("tblByMonth lacks %s:\n%s", want, month)
		}
	}
	site := tablePart(t, p, "tblBySite")
	for _, want := range []string{`name="Site" totalsRowLabel="Total (4 sites)"`,
		`name="First" totalsRowFunction="min"`, `name="Last" totalsRowFunction="max"`} {
		if !strings.Contains(site, want) {
			t.Errorf("tblBySite lacks %s:\n%s", want, site)
		}
	}
	if refs := tablePart(t, p, "tblReferences"); strings.Contains(refs, "totalsRow") {
		t.Errorf("tblReferences has a totals row:\n%s", refs)
	}
	// Every formula's cached value is a number: no t="str" before <f>.
	formulas := 0
	for name, x := range p {
		if !strings.HasPrefix(name, "xl/worksheets/sheet") {
			continue
		}
		formulas += strings.Count(x, "<f>")
		if m := regexp.MustCompile(`<c [^>]*t="str"><f>`).FindString(x); m != "" {
			t.Errorf("%s: %s: a formula's value typed as text", name, m)
		}
	}
	// By Month 3 rows of 11 and a totals row of 11, By Site 4 of 7 and 9,
	// By Weapon 6 of 5 and 6, Month x Weapon 3 of 7 and 7, Time 2.
	if want := 4*11 + 4*7 + 9 + 6*5 + 6 + 4*7 + 2; formulas != want {
		t.Errorf("%d formulas, want %d", formulas, want)
	}
}

// TestFiguresAsValues: without a single Incidents table to count, the
// figures are values; the totals stay SUBTOTALs of the table above.
func TestFiguresAsValues(t *testing.T) {
	r := report(t, smallCSV, smallRefs)
	tests := []struct {
		name  string
		opts  Options
		split int // bodyRows, 0 for the default
	}{
		{"no incidents sheet", Options{NoIncidents: true}, 0},
		{"incidents over two sheets", Options{}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.split > 0 {
				defer func(n int) { bodyRows = n }(bodyRows)
				bodyRows = tt.split
			}
			f := openBytes(t, writeBytes(t, r, tt.opts))
			checkFormulas(t, f, []formulaCell{
				{sheetByMonth, "B2", "", "2"},
				{sheetBySite, "B2", "", "1"},
				{sheetByWeapon, "C2", "", "4"},
				{sheetByMonth, "B5", "SUBTOTAL(109,tblByMonth[Incidents])", "4"},
			})
		})
	}
}

func TestCriterion(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"Ain al-Asad Air Base", `"Ain al-Asad Air Base"`, true},
		{"2021-01", `"2021-01"`, true},
		{"", `""`, true},
		{`Camp "Victory"`, `"Camp ""Victory"""`, true},
		{"Site *7?~", `"Site ~*7~?~~"`, true},
		{"107th Brigade", `"107th Brigade"`, true},
		{"107", "", false},    // a number matches numbers, not the text
		{" 1e3 ", "", false},  // a number too
		{"<none>", "", false}, // a comparison
		{"=x", "", false},     // an equality
		{strings.Repeat("a", 255), `"` + strings.Repeat("a", 255) + `"`, true},
		{strings.Repeat("a", 254) + "*", "", false}, // 256 once escaped
	}
	for _, tt := range tests {
		got, ok := criterion(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("criterion(%q) = %q, %v, want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestStructuredRef(t *testing.T) {
	tests := []struct{ col, want string }{
		{"Incidents", "tblX[Incidents]"},
		{"weapon_code", "tblX[weapon_code]"},
		{"Small arms", "tblX[[Small arms]]"},
		{"95% low", "tblX[[95% low]]"},
		{"a[1]#'b", "tblX[[a'[1']'#''b]]"},
	}
	for _, tt := range tests {
		if got := structuredRef("tblX", tt.col); got != tt.want {
			t.Errorf("structuredRef(%q) = %q, want %q", tt.col, got, tt.want)
		}
	}
}

// TestSiteFormulas covers what the shipped layout cannot show: sites by
// group, weapons by weapon_code, and names COUNTIFS would confuse.
func TestSiteFormulas(t *testing.T) {
	refs := incidentRefs{colSite: "I[site]", colGroup: "I[group]", colWeaponCode: "I[weapon_code]"}
	s := &stats.Summary{SitesByGroup: true, Sites: []stats.Site{
		{Name: "Baghdad airport complex"}, {Name: "Camp A"}, {Name: "camp a"}, {Name: "12"}}}
	f := refs.siteFormulas(s)
	tests := []struct {
		row       int
		col, want string
	}{
		{0, "Incidents", `COUNTIFS(I[group],"Baghdad airport complex")+COUNTIFS(I[group],"",I[site],"Baghdad airport complex")`},
		{0, incident.Drone.Label(), `COUNTIFS(I[group],"Baghdad airport complex",I[weapon_code],"drone")+` +
			`COUNTIFS(I[group],"",I[site],"Baghdad airport complex",I[weapon_code],"drone")`},
		{0, "First", ""},
		{1, "Incidents", ""}, // equal to "camp a" but for case
		{2, "Incidents", ""},
		{3, "Incidents", ""}, // a number
	}
	for _, tt := range tests {
		if got := f(tt.row, tt.col); got != tt.want {
			t.Errorf("row %d %s: %q, want %q", tt.row, tt.col, got, tt.want)
		}
	}
	// Sites by group without a group column: values.
	delete(refs, colGroup)
	if got := refs.siteFormulas(s)(0, "Incidents"); got != "" {
		t.Errorf("without a group column: %q, want none", got)
	}
}

// nativeCharts returns the chart parts of each sheet, by sheet name,
// following the parts' relationships: workbook, sheet, drawing, chart.
func nativeCharts(tb testing.TB, parts map[string]string) map[string][]string {
	tb.Helper()
	targets := func(rels string) []string {
		var out []string
		for _, m := range regexp.MustCompile(`Id="(rId[0-9]+)" Target="([^"]*)"`).FindAllStringSubmatch(parts[rels], -1) {
			out = append(out, m[1]+" "+m[2])
		}
		return out
	}
	resolve := func(dir, target string) string {
		return path.Clean(path.Join(dir, target))
	}
	out := map[string][]string{}
	for name, sheet := range sheetParts(tb, parts) {
		for _, d := range targets(path.Dir(sheet) + "/_rels/" + path.Base(sheet) + ".rels") {
			_, drawing, _ := strings.Cut(d, " ")
			drawing = resolve(path.Dir(sheet), drawing)
			if !strings.Contains(drawing, "drawings/") {
				continue
			}
			for _, c := range targets(path.Dir(drawing) + "/_rels/" + path.Base(drawing) + ".rels") {
				_, chart, _ := strings.Cut(c, " ")
				if chart = resolve(path.Dir(drawing), chart); strings.Contains(chart, "charts/") {
					out[name] = append(out[name], parts[chart])
				}
			}
		}
	}
	return out
}

// sheetParts maps each sheet's name to its part's name.
func sheetParts(tb testing.TB, parts map[string]string) map[string]string {
	tb.Helper()
	out := map[string]string{}
	rels := regexp.MustCompile(`Id="(rId[0-9]+)" Target="([^"]*)"`).FindAllStringSubmatch(parts["xl/_rels/workbook.xml.rels"], -1)
	for _, m := range regexp.MustCompile(`<sheet name="([^"]*)" sheetId="[0-9]+" r:id="(rId[0-9]+)"`).FindAllStringSubmatch(parts["xl/workbook.xml"], -1) {
		for _, r := range rels {
			if r[1] == m[2] {
				out[m[1]] = path.Clean(path.Join("xl", r[2]))
			}
		}
	}
	return out
}

// TestChartPageBreak: a table too long to share its page with its chart
// prints one page wide, the chart after a page break; a short one on one
// page.
func TestChartPageBreak(t *testing.T) {
	var csv strings.Builder
	csv.WriteString("date,site,weapon\n")
	for m := range 30 { // January 2019 to June 2021
		fmt.Fprintf(&csv, "%d-%02d-15,Ain al-Asad Air Base,rocket\n", 2019+m/12, m%12+1)
	}
	r := report(t, csv.String(), "")
	p := parts(t, r)
	sheets := sheetParts(t, p)
	// 30 months: the header, 30 rows, the total and a blank row above the
	// chart at row 34; the break is after row 33.
	if x := p[sheets[sheetMonthWeapon]]; !strings.Contains(x, `<rowBreaks count="1" manualBreakCount="1"><brk id="33" max="16383" man="true">`) {
		t.Errorf("Month x Weapon has no page break above its chart at row 34:\n%s", x[max(0, len(x)-1500):])
	}
	if x := p[sheets[sheetByWeapon]]; strings.Contains(x, "<rowBreaks") {
		t.Errorf("By Weapon, of 6 rows, has a page break")
	}
	f := open(t, r)
	for _, c := range []struct {
		sheet string
		want  int
	}{{sheetMonthWeapon, 0}, {sheetByWeapon, 1}} {
		pl, err := f.GetPageLayout(c.sheet)
		if err != nil {
			t.Fatal(err)
		}
		if pl.FitToHeight == nil || *pl.FitToHeight != c.want {
			t.Errorf("%s fits %v pages tall, want %d", c.sheet, deref(pl.FitToHeight), c.want)
		}
	}
}

// TestNativeCharts finds each native chart on its table's sheet, drawn from
// the table's cells, in the weapons' colours.
func TestNativeCharts(t *testing.T) {
	charts := nativeCharts(t, parts(t, report(t, smallCSV, smallRefs)))
	tests := []struct {
		sheet string
		want  []string // in the chart part, in this order
		not   []string
	}{
		{sheetMonthWeapon, []string{
			"<a:t>Incidents per month by weapon</a:t>", "<grouping val=\"stacked\">", "<varyColors val=\"0\">",
			// Rocket, Drone and IED; Mortar, Small arms and Other have none.
			"<f>&#39;Month x Weapon&#39;!$B$1</f>", "<a:srgbClr val=\"" + incident.Rocket.Color()[1:] + "\">",
			"<f>&#39;Month x Weapon&#39;!$A$2:$A$4</f>", "<f>&#39;Month x Weapon&#39;!$B$2:$B$4</f>",
			"<f>&#39;Month x Weapon&#39;!$C$2:$C$4</f>", "<f>&#39;Month x Weapon&#39;!$E$2:$E$4</f>",
			"formatCode=\"mmm yyyy\"",
		}, []string{"$D$2:$D$4", "$F$2:$F$4", "$G$2:$G$4", "$H$2", "<strRef><f>&#39;Month x Weapon&#39;!$A$2"}},
		{sheetByWeapon, []string{
			"<a:t>Incidents by weapon</a:t>", "<barDir val=\"col\">",
			"<dPt><idx val=\"0\"></idx>", "<a:srgbClr val=\"" + incident.Rocket.Color()[1:] + "\">",
			"<dPt><idx val=\"5\"></idx>", "<a:srgbClr val=\"" + incident.OtherWeapon.Color()[1:] + "\">",
			"<f>&#39;By Weapon&#39;!$A$2:$A$7</f>", "<f>&#39;By Weapon&#39;!$B$2:$B$7</f>",
		}, []string{"$B$8"}},
		{sheetYearToDate, []string{
			"<a:t>Incidents in 2021 so far, against published tallies</a:t>", "<lineChart>",
			"<f>&#39;Year to Date&#39;!$B$1</f>", "<symbol val=\"none\">",
			"<cat><numRef><f>&#39;Year to Date&#39;!$A$2:$A$6</f></numRef></cat>", "<f>&#39;Year to Date&#39;!$B$2:$B$6</f>",
			// The tallies: markers, no line.
			"<f>&#39;Year to Date&#39;!$C$1</f>", "<a:ln><a:noFill></a:noFill></a:ln>", "<symbol val=\"diamond\">",
			"<cat><numRef><f>&#39;Year to Date&#39;!$A$2:$A$6</f></numRef></cat>", "<f>&#39;Year to Date&#39;!$C$2:$C$6</f>",
			"<dispBlanksAs val=\"gap\">",
		}, []string{"<catAx>", "<strRef><f>&#39;Year to Date&#39;!$A$2", "<lblAlgn", "<noMultiLvlLbl"}},
	}
	for _, tt := range tests {
		got := charts[tt.sheet]
		if len(got) != 1 {
			t.Errorf("%s: %d charts, want 1", tt.sheet, len(got))
			continue
		}
		rest := got[0]
		for _, w := range tt.want {
			i := strings.Index(rest, w)
			if i < 0 {
				t.Errorf("%s: chart lacks %s after the previous, in:\n%s", tt.sheet, w, got[0])
				break
			}
			rest = rest[i+len(w):]
		}
		for _, n := range tt.not {
			if strings.Contains(got[0], n) {
				t.Errorf("%s: chart has %s", tt.sheet, n)
			}
		}
	}
	if n := len(charts[sheetByMonth]) + len(charts[sheetCharts]); n != 0 {
		t.Errorf("%d native charts on By Month and Charts, want none", n)
	}
}

// TestMonthLabelStep checks the step between the monthly chart's labelled
// months, at most maxMonthLabels labels.
func TestMonthLabelStep(t *testing.T) {
	for _, tt := range []struct{ months, want int }{
		{1, 1}, {18, 1}, {19, 2}, {36, 2}, {37, 3}, {54, 3}, {55, 4}, {72, 4}, {73, 6},
		{108, 6}, {109, 12}, {216, 12}, {217, 24},
	} {
		if got := monthLabelStep(tt.months); got != tt.want {
			t.Errorf("monthLabelStep(%d) = %d, want %d", tt.months, got, tt.want)
		}
	}
}

// TestYearToDateSheet reads back the Year to Date table of smallCSV and
// smallRefs: our running count at 1 January, each month's end and the
// data's last day (15 March), and the tallies of 31 January and 31 March;
// after 15 March our count is blank, not 4, since the data stop there.
func TestYearToDateSheet(t *testing.T) {
	f := open(t, report(t, smallCSV, smallRefs))
	rows, err := f.GetRows(sheetYearToDate)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Date", "Ours, all", "Tally, all"},
		{"2021-01-01", "0"},
		{"2021-01-31", "2", "3"},
		{"2021-02-28", "2"},
		{"2021-03-15", "4"},
		{"2021-03-31", "", "3"},
	}
	if fmt.Sprint(rows) != fmt.Sprint(want) {
		t.Errorf("Year to Date rows:\n got %q\nwant %q", rows, want)
	}
}

// monthsCSV has an incident a month for 40 months from January 2018.
func monthsCSV() string {
	var csv strings.Builder
	csv.WriteString("date,site,weapon\n")
	for i := range 40 {
		fmt.Fprintf(&csv, "%d-%02d-10,Base,rocket\n", 2018+i/12, i%12+1)
	}
	return csv.String()
}

// TestDateAxes reads back the x axis of the charts drawn over dates: a
// date axis (dateAx) with its children in the schema's order (CT_DateAx),
// the one axis the chart and the value axis refer to, labelled at the
// first of every month or, for a monthly chart of 40 months, of every
// third (14 labels, not 40 that overlap).
func TestDateAxes(t *testing.T) {
	small := parts(t, report(t, smallCSV, smallRefs))
	tests := []struct {
		name   string
		parts  map[string]string
		sheet  string
		group  string // the chart's element
		format string
		base   string
		months string
	}{
		{"year to date", small, sheetYearToDate, "lineChart", "mmm", "days", "1"},
		{"3 months", small, sheetMonthWeapon, "barChart", fmtMonth, "months", "1"},
		{"40 months", parts(t, report(t, monthsCSV(), "")), sheetMonthWeapon, "barChart", fmtMonth, "months", "3"},
	}
	for _, tt := range tests {
		charts := nativeCharts(t, tt.parts)[tt.sheet]
		if len(charts) != 1 {
			t.Errorf("%s: %d charts on %s, want 1", tt.name, len(charts), tt.sheet)
			continue
		}
		var chart struct {
			Plot struct {
				CatAx  []struct{} `xml:"catAx"`
				DateAx []struct {
					Children []struct {
						XMLName    xml.Name
						Val        string `xml:"val,attr"`
						FormatCode string `xml:"formatCode,attr"`
					} `xml:",any"`
				} `xml:"dateAx"`
				ValAx struct {
					CrossAx valAttr `xml:"crossAx"`
				} `xml:"valAx"`
				Groups []struct {
					XMLName xml.Name
					AxIDs   []valAttr `xml:"axId"`
				} `xml:",any"`
			} `xml:"chart>plotArea"`
		}
		if err := xml.Unmarshal([]byte(charts[0]), &chart); err != nil {
			t.Fatal(err)
		}
		c := &chart.Plot
		if len(c.DateAx) != 1 || len(c.CatAx) != 0 {
			t.Errorf("%s: %d dateAx and %d catAx, want 1 and 0", tt.name, len(c.DateAx), len(c.CatAx))
			continue
		}
		var got []string
		for _, e := range c.DateAx[0].Children {
			s := e.XMLName.Local
			if v := e.Val + e.FormatCode; v != "" {
				s += "=" + v
			}
			got = append(got, s)
		}
		want := []string{"axId=100000000", "scaling", "delete=0", "axPos=b", "numFmt=" + tt.format, "majorTickMark=none",
			"minorTickMark=none", "tickLblPos=nextTo", "spPr", "txPr", "crossAx=100000001", "crosses=autoZero",
			"auto=1", "lblOffset=100", "baseTimeUnit=" + tt.base, "majorUnit=" + tt.months, "majorTimeUnit=months"}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: dateAx children:\n got %v\nwant %v", tt.name, got, want)
		}
		var ids []valAttr
		for _, g := range c.Groups {
			if g.XMLName.Local == tt.group {
				ids = g.AxIDs
			}
		}
		if len(ids) != 2 || ids[0].Val != "100000000" || c.ValAx.CrossAx.Val != "100000000" {
			t.Errorf("%s: %s axes %v, valAx crosses %v; want the dateAx's 100000000", tt.name, tt.group, ids, c.ValAx.CrossAx)
		}
	}
}

// valAttr is an element of one attribute val.
type valAttr struct {
	Val string `xml:"val,attr"`
}
