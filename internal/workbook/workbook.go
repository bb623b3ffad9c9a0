// Package workbook writes the report as an Excel workbook (.xlsx) for
// analysts who open it in Excel or LibreOffice.
//
// # Sheets
//
// Write produces these sheets, in this order:
//
//   - Summary: the headline figures as label/value rows, the row accounting
//     of the input file and what an empty numeric cell means.
//   - By Month: one row per calendar month from the first incident to the
//     last, months without incidents included, then a Total row.
//   - By Site: one row per site, most incidents first, then a Total row.
//   - By Weapon: one row per canonical weapon, weapons without incidents
//     included, with each weapon's share of the incidents, then a Total row.
//   - Month x Weapon: incidents per month and weapon, with row and column
//     totals.
//   - References: each published tally beside our count over its dates.
//   - Incidents: every counted row with all its columns, led by the line of
//     the input file it came from, so that every figure can be traced back.
//   - Data Quality: every excluded, duplicate and rejected row, with the
//     reason and the raw row under the file's own header names.
//   - Charts: the report's charts, one under another.
//
// # Cells
//
// Dates are real date cells (Excel serial numbers with a date format), so
// they sort and filter as dates; a date before 1 March 1900, which Excel
// cannot show, is written as text "YYYY-MM-DD". Counts are numbers. In the
// Incidents sheet a count the input left empty ("not reported") is an empty
// cell, except munitions, which shows the 1 that the figures count for it, so
// that summing a column in Excel gives the report's totals. Totals rows are
// values, not formulas, and sit below each table, outside its filter range.
//
// Every text value is written as a string cell, never as a formula, so a
// value such as "=HYPERLINK(...)" from the input shows as typed. Excel holds
// at most 32,767 characters in a cell; a longer text is cut to fit and ends
// with the marker "… [truncated]". Characters that XML cannot hold (control
// characters, invalid UTF-8) are replaced with U+FFFD.
//
// Weapon header cells, and weapon labels in the Summary and By Weapon
// sheets, are filled with the weapon's colour (incident.Weapon.Color), as in
// the charts, with black or white text, whichever contrasts more.
//
// # Layout
//
// Table-like sheets have a bold, frozen header row, column widths fitted to
// their longest value (at most 60 characters; longer text wraps, except
// links) and, when they have rows, an Excel table with filter buttons. A row
// with wrapped text is given a height estimated from its text, a little
// generous, since LibreOffice does not fit row heights when it opens a file.
// Sheets print landscape with the header row on every page; all but
// Incidents and Data Quality print one page wide.
//
// The Incidents and Data Quality sheets are streamed, so their size is
// bounded by Excel's limit of 1,048,576 rows a sheet, not by memory; Write
// fails on more rows than that.
package workbook

import (
	"errors"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"report/internal/incident"
	"report/internal/stats"
)

// Report is everything the workbook shows.
type Report struct {
	Input   string // the input file as the user named it, e.g. "data/incidents.csv"
	Data    *incident.Dataset
	Summary *stats.Summary
	Charts  []Chart // may be empty; embedded in order on the Charts sheet
}

// Chart is a chart image to embed in the Charts sheet.
type Chart struct {
	Title string
	PNG   []byte // a PNG image, e.g. 1600x900
}

// Sheet names, in workbook order.
const (
	sheetSummary     = "Summary"
	sheetByMonth     = "By Month"
	sheetBySite      = "By Site"
	sheetByWeapon    = "By Weapon"
	sheetMonthWeapon = "Month x Weapon"
	sheetReferences  = "References"
	sheetIncidents   = "Incidents"
	sheetQuality     = "Data Quality"
	sheetCharts      = "Charts"
)

// Write writes the workbook as .xlsx to w. It returns an error when r lacks
// Data or Summary, when a chart is not a PNG image, when a sheet would exceed
// Excel's limits, or when writing to w fails; nothing useful has been written
// to w then. A report with no counted incidents gives a workbook whose sheets
// say so.
func Write(w io.Writer, r *Report) (err error) {
	if r == nil || r.Data == nil || r.Summary == nil {
		return errors.New("workbook: report needs both Data and Summary")
	}
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("workbook: %w", cerr)
		}
	}()
	b := &builder{f: f, r: r, styles: newStyles(f)}
	steps := []struct {
		sheet string
		write func(string) error
	}{
		{sheetSummary, b.summary},
		{sheetByMonth, b.byMonth},
		{sheetBySite, b.bySite},
		{sheetByWeapon, b.byWeapon},
		{sheetMonthWeapon, b.monthByWeapon},
		{sheetReferences, b.references},
		{sheetIncidents, b.incidents},
		{sheetQuality, b.quality},
		{sheetCharts, b.charts},
	}
	for i, s := range steps {
		if i == 0 {
			err = f.SetSheetName(f.GetSheetName(0), s.sheet)
		} else {
			_, err = f.NewSheet(s.sheet)
		}
		if err != nil {
			return fmt.Errorf("workbook: sheet %s: %w", s.sheet, err)
		}
		if err := s.write(s.sheet); err != nil {
			return fmt.Errorf("workbook: sheet %s: %w", s.sheet, err)
		}
	}
	// Summary, the first sheet, is active as in a new file. SetActiveSheet
	// would read every sheet back into memory, streamed ones included.
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("workbook: %w", err)
	}
	return nil
}

// builder writes the sheets of one workbook.
type builder struct {
	f      *excelize.File
	r      *Report
	styles *styles
}
