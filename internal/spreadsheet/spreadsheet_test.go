package spreadsheet

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// workbook returns an .xlsx with a sheet Tracker: a header, a row with a
// date cell, an empty row and a short row.
func workbook(tb testing.TB, date1904 bool) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if date1904 {
		on := true
		if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &on}); err != nil {
			tb.Fatal(err)
		}
	}
	if _, err := f.NewSheet("Tracker"); err != nil {
		tb.Fatal(err)
	}
	for cell, v := range map[string]any{
		"A1": "id", "B1": "date", "C1": "site", "D1": "munitions",
		"A2": "T1", "B2": time.Date(2021, 6, 6, 0, 0, 0, 0, time.UTC), "C2": "BDSC", "D2": 3,
		"A4": "T2",
	} {
		if err := f.SetCellValue("Tracker", cell, v); err != nil {
			tb.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func TestSheet(t *testing.T) {
	for _, date1904 := range []bool{false, true} {
		s, err := Open(bytes.NewReader(workbook(t, date1904)), "tracker")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for {
			rec, err := s.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			row, col := s.Pos(2)
			got = append(got, strings.Join(rec, "|")+" @"+string(rune('0'+row))+string(rune('0'+col)))
		}
		serial := "44353"
		if date1904 {
			serial = "42891"
		}
		want := []string{"id|date|site|munitions @13", "T1|" + serial + "|BDSC|3 @23", "||| @33", "T2||| @43"}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("1904 %v: rows\n%s\nwant\n%s", date1904, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if s.Date1904() != date1904 || s.Name() != "Tracker" {
			t.Errorf("Date1904 %v, name %q", s.Date1904(), s.Name())
		}
		s.Close()
	}
}

func TestOpenErrors(t *testing.T) {
	if _, err := Open(bytes.NewReader(workbook(t, false)), "Nope"); err == nil || err.Error() != `no sheet "Nope": the sheets are "Sheet1", "Tracker"` {
		t.Errorf("err = %v", err)
	}
	if _, err := Open(strings.NewReader("date,site\n"), ""); err == nil || !strings.HasPrefix(err.Error(), "not an Excel workbook (.xlsx) that can be read: ") {
		t.Errorf("err = %v", err)
	}
}
