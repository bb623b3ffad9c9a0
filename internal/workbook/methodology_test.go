package workbook

import (
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestMethodologySheet reads the Methodology sheet back: after Summary,
// a header row, one row per note in order, the long text wrapping in a
// column no wider than maxWidth, printing one page wide; and no sheet
// without notes.
func TestMethodologySheet(t *testing.T) {
	long := strings.Repeat("A long explanation that wraps. ", 8)
	r := report(t, smallCSV, smallRefs)
	r.Methodology = []Note{
		{"One row", "Incident", "One row is one attack on one site."},
		{"Switches in force", "-filter", `"confidence=high": only the incidents that match it are counted`},
		{"Sources", "Incidents", long},
	}
	f := open(t, r)
	sheets := f.GetSheetList()
	if i := slices.Index(sheets, "Methodology"); i != 1 || sheets[0] != "Summary" {
		t.Fatalf("sheets = %v, want Methodology second, after Summary", sheets)
	}
	want := [][]string{
		{"Section", "Topic", "Explanation"},
		{"One row", "Incident", "One row is one attack on one site."},
		{"Switches in force", "-filter", `"confidence=high": only the incidents that match it are counted`},
		{"Sources", "Incidents", strings.TrimSpace(long)},
	}
	for i, row := range want {
		for j, v := range row {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if got := strings.TrimSpace(cellValue(t, f, "Methodology", cell)); got != v {
				t.Errorf("Methodology!%s = %q, want %q", cell, got, v)
			}
		}
	}
	if v := cellValue(t, f, "Methodology", "A5"); v != "" {
		t.Errorf("Methodology!A5 = %q, want the table to end at row 4", v)
	}
	w, err := f.GetColWidth("Methodology", "C")
	if err != nil {
		t.Fatal(err)
	}
	if w > maxWidth+2 {
		t.Errorf("column C is %.1f wide, want at most about %d: long text wraps", w, maxWidth)
	}
	style, err := f.GetCellStyle("Methodology", "C4")
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(style)
	if err != nil {
		t.Fatal(err)
	}
	if st.Alignment == nil || !st.Alignment.WrapText {
		t.Errorf("Methodology!C4 does not wrap")
	}
	props, err := f.GetSheetProps("Methodology")
	if err != nil {
		t.Fatal(err)
	}
	if props.FitToPage == nil || !*props.FitToPage {
		t.Errorf("Methodology does not fit to the page width")
	}

	plain := open(t, report(t, smallCSV, smallRefs))
	if slices.Contains(plain.GetSheetList(), "Methodology") {
		t.Errorf("a report without notes has a Methodology sheet: %v", plain.GetSheetList())
	}
}
