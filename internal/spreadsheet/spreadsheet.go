// Package spreadsheet reads the rows of one sheet of an Excel workbook
// (.xlsx) as records of text, for incident trackers kept in Excel and for
// database exports published as workbooks (GTD's).
//
// Cells come as they are stored, not as they are shown: numbers
// unformatted, and dates and times as Excel serial numbers (days since the
// workbook's epoch, and fractions of a day), which the incident reader
// turns into dates in the workbook's date system (see Sheet.Date1904). Rows are
// numbered as in Excel, from 1, empty rows included, and each is padded
// with empty cells to the width of the first row.
package spreadsheet

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Sheet reads the rows of one sheet, one at a time.
type Sheet struct {
	f        *excelize.File
	rows     *excelize.Rows
	name     string
	row      int
	width    int
	date1904 bool
}

// Open opens a workbook read from r and the sheet named sheet, or its
// first sheet when sheet is "". A sheet that does not exist is an error
// that lists the sheets there are.
func Open(r io.Reader, sheet string) (*Sheet, error) {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return nil, fmt.Errorf("not an Excel workbook (.xlsx) that can be read: %w", err)
	}
	names := f.GetSheetList()
	if len(names) == 0 {
		f.Close()
		return nil, errors.New("the workbook has no sheets")
	}
	if sheet == "" {
		sheet = names[0]
	} else {
		found := ""
		for _, n := range names {
			if strings.EqualFold(n, sheet) {
				found = n
			}
		}
		if found == "" {
			f.Close()
			return nil, fmt.Errorf("no sheet %q: the sheets are %s", sheet, quoteAll(names))
		}
		sheet = found
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("sheet %s: %w", sheet, err)
	}
	s := &Sheet{f: f, rows: rows, name: sheet}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		s.date1904 = *props.Date1904
	}
	return s, nil
}

func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

// Date1904 says the workbook counts dates from 1904, as old Mac Excel
// did, rather than from 1900.
func (s *Sheet) Date1904() bool { return s.date1904 }

// Name returns the sheet's name.
func (s *Sheet) Name() string { return s.name }

// Read returns the cells of the next row, io.EOF after the last.
func (s *Sheet) Read() ([]string, error) {
	if !s.rows.Next() {
		if err := s.rows.Error(); err != nil {
			return nil, fmt.Errorf("sheet %s: %w", s.name, err)
		}
		return nil, io.EOF
	}
	s.row++
	rec, err := s.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fmt.Errorf("sheet %s row %d: %w", s.name, s.row, err)
	}
	if s.row == 1 {
		s.width = len(rec)
	}
	for len(rec) < s.width {
		rec = append(rec, "")
	}
	return rec, nil
}

// Pos returns the row and column, both from 1, of cell i of the row last
// read.
func (s *Sheet) Pos(i int) (row, col int) { return s.row, i + 1 }

// Close closes the workbook.
func (s *Sheet) Close() error {
	s.rows.Close()
	return s.f.Close()
}
