package workbook

import (
	"slices"
	"strings"
	"testing"

	"report/internal/changes"
)

func TestChangesSheet(t *testing.T) {
	r := report(t, smallCSV, smallRefs)
	if got := open(t, r).GetSheetList(); slices.Contains(got, sheetChanges) {
		t.Errorf("without Changes, sheets %q have %s", got, sheetChanges)
	}

	a04 := changes.Row{ID: "A04", Date: "2021-02-20", Month: "2021-02", Site: "Union III", Weapon: "drone", Munitions: "1"}
	a01 := changes.Row{ID: "A01", Date: "2021-01-22", Month: "2021-01", Site: "Baghdad airport", Weapon: "rocket", Munitions: "4"}
	r.Changes = &Changes{Previous: "out-march", Changes: &changes.Changes{
		Before: 4, After: 4,
		Added:   []changes.Row{a04},
		Removed: []changes.Row{{Date: "2021-03-10", Month: "2021-03", Site: "Supply route, Babil", Weapon: "ied"}},
		Edited: []changes.Edit{{ID: "A01", After: a01, Fields: []changes.FieldChange{
			{Field: "munitions", Before: "3", After: "4"}, {Field: "killed", Before: "", After: "0"}}}},
		ByMonth: []changes.MonthDelta{{Month: "2021-02", Before: 1, After: 2, Delta: 1}, {Month: "2021-03", Before: 2, After: 1, Delta: -1}},
	}}
	f := open(t, r)
	sheets := f.GetSheetList()
	if got, want := slices.Index(sheets, sheetChanges), slices.Index(sheets, sheetCharts)-1; got < 0 || got != want {
		t.Errorf("sheets %q: want Changes just before Charts", sheets)
	}
	rows, err := f.GetRows(sheetChanges)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, row := range rows {
		got = append(got, strings.Join(row, "|"))
	}
	want := []string{
		"Change|Month|ID|Date|Site|Weapon|Field|Before|After|Difference",
		"month|Feb 2021|||||incidents|1|2|+1",
		"month|Mar 2021|||||incidents|2|1|-1",
		"added|Feb 2021|A04|2021-02-20|Union III|drone",
		"removed|Mar 2021||2021-03-10|Supply route, Babil|ied",
		"edited|Jan 2021|A01|2021-01-22|Baghdad airport|rocket|munitions|3|4",
		"edited|Jan 2021|A01|2021-01-22|Baghdad airport|rocket|killed||0",
		// excelize shows 0 under +0;-0;0 as "+0"; Excel and LibreOffice "0".
		"Total: counted incidents, against the report in out-march||||||incidents|4|4|+0",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Changes sheet:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got, want := numFmt(t, f, sheetChanges, "D4"), fmtDate; got != want {
		t.Errorf("D4 number format %q, want %q (a date cell)", got, want)
	}
	tables, err := f.GetTables(sheetChanges)
	if err != nil {
		t.Fatal(err)
	}
	if len(tables) != 1 || tables[0].Range != "A1:J7" {
		t.Errorf("tables %+v, want tblChanges over A1:J7", tables)
	}

	r.Changes.Changes = &changes.Changes{Before: 4, After: 4}
	f = open(t, r)
	if got, want := cellValue(t, f, sheetChanges, "A2"), "No changes since the report in out-march."; got != want {
		t.Errorf("A2 %q, want %q", got, want)
	}
}
