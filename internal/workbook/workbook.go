// Package workbook writes the report as an Excel workbook (.xlsx) for
// analysts who open it in Excel or LibreOffice.
//
// # Sheets
//
// Write produces these sheets, in this order:
//
//   - Summary: the headline figures as label/value rows, the row accounting
//     of the input file and what an empty numeric cell means.
//   - Methodology, when Report.Methodology is set: how the report was made.
//   - By Month: one row per calendar month from the first incident to the
//     last, months without incidents included, each with the exact 95%
//     (Garwood) interval of its count, then a Total row.
//   - By Site: one row per site, most incidents first, then a Total row.
//   - By Weapon: one row per canonical weapon, weapons without incidents
//     included, with each weapon's share of the incidents and its intercept
//     rate (intercepted/munitions) with a 95% Wilson interval, then a Total
//     row.
//   - Time: incidents by local hour, of those with a time, beside incidents
//     by weekday, of those dated to the day.
//   - Month x Weapon: incidents per month and weapon, with row and column
//     totals.
//   - References: each published tally beside our count over its dates.
//   - Year to Date: our running count of the year at 1 January, each
//     month's end and each tally's date, under each scope the tallies use,
//     beside the tallies where the cumulative chart draws them.
//   - Incidents: every counted row with all its columns, led by the line of
//     the input file it came from, its id, date and site, so that every
//     figure can be traced back; then the site's gazetteer group, the
//     schema's other columns, the date's precision, its month (YYYY-MM) and
//     the input's extra columns.
//   - Data Quality: every excluded, duplicate and rejected row, with the
//     reason and the raw row under the file's own header names.
//   - Changes, when Report.Changes is set: what changed since an earlier
//     report (see changes.go).
//   - Charts: the report's charts, one a page.
//
// By Weapon, Month x Weapon and Year to Date each have a native Excel chart
// below their table, drawn from it (see nativecharts.go).
//
// # Cells
//
// Dates are real date cells (Excel serial numbers with a date format), so
// they sort and filter as dates; a date before 1 March 1900, which Excel
// cannot show, is written as text "YYYY-MM-DD". An incident's time is a
// time cell (a fraction of a day, shown hh:mm), empty when not given.
// Counts are numbers. In the Incidents sheet a count the input left empty
// ("not reported") is an empty cell, except munitions, which shows the 1
// that the figures count for it, so that summing a column in Excel gives
// the report's totals.
//
// Weapons and target types show as people read them ("IED", "Small arms",
// "Military base": incident.Weapon.Label, incident.TargetType.Label),
// outcome and confidence capitalised ("Intercepted", "High"); on the
// Incidents sheet the codes stay in columns of their own, weapon_code and
// target_type_code, to filter by. The Incidents columns month, weapon_code,
// site and group keep those names whatever the input's extra columns are
// called (an extra column of the same name gets " (2)").
//
// # Formulas
//
// The Total row of By Month, By Site, By Weapon and Month x Weapon is its
// Excel table's totals row: SUBTOTAL(109, tblByMonth[Incidents]) under each
// count, so it follows the table's filter. The shares of By Weapon add up
// too; By Site's First and Last total as the earliest (SUBTOTAL 105, min)
// and latest (104, max); the intervals, rates and "Data through" have no
// total. The Time sheet's totals are SUBTOTAL over its plain ranges, and
// the Changes sheet's stays values, since it is not a sum of its rows.
//
// The figures of By Month, By Site, By Weapon and Month x Weapon are
// formulas over the Incidents table, found by its header names: COUNTIFS
// of the rows by month (the date column's date cells from the month's
// first day to the next month's, an incident dated only to its week or
// month counted in the month of its first day, as the figures count it;
// not the month column's text "2021-01", which Excel would read as a
// date), by site (the site column; with sites by group, the
// group column, or the site where the group is empty) and by weapon (the
// weapon_code column), and SUMIFS of the
// munitions, intercepted, killed and wounded columns. So an analyst who
// edits a row of Incidents sees every table follow. The intervals, shares,
// rates, First and Last stay values. Every formula is written with its
// cached value, the report's figure, so a reader that does not recalculate
// shows the same numbers (.ci/run checks both against summary.json, the
// formulas recalculated by LibreOffice). The figures are values, as
// without formulas, when the Incidents sheet is left out
// (Options.NoIncidents), when it goes on over several sheets (Incidents
// (2), ...), for a site whose name only a formula could misread (a number,
// one that begins with = < or >, longer than 255 characters, or equal to
// another's but for case, since COUNTIFS ignores case) and where a column
// is missing (sites by group without a group column).
//
// Every text value is written as a string cell, never as a formula, so a
// value such as "=HYPERLINK(...)" from the input shows as typed. Excel holds
// at most 32,767 characters in a cell; a longer text is cut to fit and ends
// with the marker "… [truncated]". Characters that XML cannot hold (control
// characters, invalid UTF-8) are replaced with U+FFFD.
//
// A URL cell (source_url on Incidents, Source URL(s) on References) is a
// link when its first URL is an http(s) URL of at most 2,000 characters. A
// cell with several URLs lists them all, "; " between them, and links to
// the first: a cell holds one link. Excel keeps at most 65,530 links a
// sheet; past that, URL cells are plain text. The streamed sheets' links
// wait compressed in two temporary files beside their rows (the
// <hyperlink> elements and their relationships), so memory does not grow
// with them: a sheet with links holds two more compression buffers, about
// 2 MB, and a count.
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
// An Incidents column empty in every row (latitude and longitude when
// neither the input nor the gazetteer gives a position) is hidden, not
// removed: the sheet is streamed, so which columns are empty is known only
// at the end, and hidden columns keep every column's letter.
//
// # Printing
//
// Every sheet prints landscape on Options.Paper (A4 unless Letter), with
// its header row on every page, a footer of the title and input file, the
// data-through date (Report.Through, else Summary.Last) and the sheet's name
// with "page X of Y", and a header of Options.Marking when it is set. The
// Summary fits one page; the other sheets laid out by Write fit one page
// wide; the Charts sheet holds one chart a page, a page break before each,
// each shrunk (never enlarged) to fit a landscape page. The Incidents
// sheet, too wide to fit one page wide at a readable size, prints at 55% in
// bands, each page led by the columns that identify the row (Line, id, date
// and site). Data Quality prints its problem columns (Status, Line,
// Column, Value, Reason) one page wide; the raw row beside them is for the
// screen.
//
// The document properties give the title, the data-through date and
// Report.Version, and name "report" as the application, not the library.
//
// The Incidents and Data Quality sheets are streamed, so their size is
// bounded by Excel's limit of 1,048,576 rows a sheet, not by memory; Write
// fails on more rows than that.
package workbook

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"report/internal/incident"
	"report/internal/stats"
)

// Report is what the workbook shows besides the rows streamed into it.
type Report struct {
	Input   string // the input file as the user named it, e.g. "data/incidents.csv"
	Rows    incident.Accounting
	Summary *stats.Summary
	Charts  []Chart // may be empty; embedded in order on the Charts sheet
	// Modified is the date of the document, in its properties and on
	// every part of the file; the zero time means 1 January 1980. The
	// same rows and Report give the same bytes.
	Modified time.Time
	// Changes, when set, adds the Changes sheet: what changed since an
	// earlier report.
	Changes *Changes
	// Through is the last day the data covers, in every page's footer
	// and the document properties; the zero time means Summary.Last.
	Through time.Time
	// Version is the version of the tool that made the report, in the
	// document properties; "" means "devel".
	Version string
	// Methodology, when not empty, adds the Methodology sheet after
	// Summary: what one row means, what counts, the switches and scopes
	// in force, the vocabularies and the sources (methodology.go).
	Methodology []Note
}

// title is the report's title, in the document properties and every
// page's footer.
const title = "Incident report"

// Chart is a chart image to embed in the Charts sheet.
type Chart struct {
	Title string
	PNG   []byte // a PNG image, e.g. 1600x900
}

// Options adjusts a Workbook. The zero value is usable.
type Options struct {
	// NoIncidents leaves the counted rows out of the Incidents sheet,
	// which then says so: for a smaller, faster workbook.
	NoIncidents bool
	// TempDir is where the streamed sheets wait, compressed, until the
	// workbook is written; "" means the system's.
	TempDir string
	// Paper is the paper every sheet prints on; the zero value is A4.
	Paper Paper
	// Marking is the handling marking printed in the header of every
	// page, such as "UNCLASSIFIED // FOR OFFICIAL USE ONLY"; "" for no
	// header. A longer marking than 200 characters is cut.
	Marking string
}

// Paper is a paper size to print on.
type Paper uint8

// The paper sizes.
const (
	A4 Paper = iota
	Letter
)

// ParsePaper returns the paper named "a4" or "letter", in any case.
func ParsePaper(s string) (Paper, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "a4":
		return A4, nil
	case "letter":
		return Letter, nil
	}
	return A4, fmt.Errorf("paper %q: want a4 or letter", s)
}

// String returns the paper's name: "a4" or "letter".
func (p Paper) String() string {
	if p == Letter {
		return "letter"
	}
	return "a4"
}

// size returns the paper's code in a sheet's page setup (ECMA-376
// paperSize): 1 for Letter, 9 for A4.
func (p Paper) size() int {
	if p == Letter {
		return 1
	}
	return 9
}

// Sheet names, in workbook order.
const (
	sheetSummary     = "Summary"
	sheetByMonth     = "By Month"
	sheetBySite      = "By Site"
	sheetByWeapon    = "By Weapon"
	sheetTime        = "Time"
	sheetMonthWeapon = "Month x Weapon"
	sheetReferences  = "References"
	sheetYearToDate  = "Year to Date"
	sheetIncidents   = "Incidents"
	sheetQuality     = "Data Quality"
	sheetCharts      = "Charts"
)

// Workbook is a report workbook being made. Rows go into its Incidents
// and Data Quality sheets as they are read (Add); the other sheets are laid
// out by Write, once the figures are known. Memory does not grow with the
// rows: they wait compressed in temporary files, which Close removes.
type Workbook struct {
	opts      Options
	f         *excelize.File
	styles    *styles
	incidents *stream
	quality   *stream
	vals      []value
	scratch   []byte // AddProbable's reason
	// totals describes the totals row of each Excel table that has one,
	// by table name, for zipSplicer to write into the table part.
	totals map[string][]totalsColumn
	// points colours the points of a native chart's series, by the
	// series' values reference (see chartPoints).
	points map[string][]string
	// dates are the native charts' categories drawn on a date axis, by
	// reference (see dateAxis).
	dates map[string]dateAxis
	// headerFooter is every sheet's page header and footer, set by Write.
	headerFooter *excelize.HeaderFooterOptions
}

// New returns a Workbook for rows read under header, whose columns
// outside the schema are extra (see incident.Reader).
func New(header, extra []string, opts Options) (*Workbook, error) {
	f := excelize.NewFile()
	b := &Workbook{opts: opts, f: f, styles: newStyles(f), totals: map[string][]totalsColumn{},
		points: map[string][]string{}, dates: map[string]dateAxis{}}
	b.incidents = newStream(b, sheetIncidents, incidentColumns(extra))
	b.quality = newStream(b, sheetQuality, qualityColumns(header))
	return b, nil
}

// Add puts a row read into the workbook: a counted row into Incidents,
// the problems of any other into Data Quality. It keeps nothing of row.
func (b *Workbook) Add(row *incident.Row) error {
	if row.Status == incident.Counted {
		return b.AddIncident(&row.Incident)
	}
	for i := range row.Problems {
		if err := b.AddProblem(&row.Problems[i]); err != nil {
			return err
		}
	}
	return nil
}

// AddIncident puts a counted incident into the Incidents sheet.
func (b *Workbook) AddIncident(inc *incident.Incident) error {
	if b.opts.NoIncidents {
		return nil
	}
	b.vals = incidentValues(b.vals[:0], inc)
	return b.incidents.add(b.vals)
}

// AddProblem puts a problem into the Data Quality sheet, with its row's
// values.
func (b *Workbook) AddProblem(p *incident.Problem) error {
	b.vals = append(b.vals[:0], text(p.Status.String()), integer(p.Line), text(p.Column), text(p.Value), text(p.Reason))
	for _, v := range p.Record {
		b.vals = append(b.vals, text(v))
	}
	return b.quality.add(b.vals)
}

// AddUnmapped lists in Data Quality a weapon term that matched no weapon
// and was counted as other, with the rows that used it; call it after the
// rows.
func (b *Workbook) AddUnmapped(t incident.TermCount) error {
	b.vals = append(b.vals[:0], text("unmapped"), integer(t.FirstLine), text("weapon"), text(t.Term),
		text(fmt.Sprintf("no weapon term matches it: %s counted as other (add it to a -weapons file to map it)", rowsWord(t.Rows))))
	return b.quality.add(b.vals)
}

// AddUnknownSite lists in Data Quality a site the gazetteer does not
// know, kept as written; call it after the rows.
func (b *Workbook) AddUnknownSite(t incident.TermCount) error {
	b.vals = append(b.vals[:0], text("unknown site"), integer(t.FirstLine), text("site"), text(t.Term),
		text(fmt.Sprintf("not in the gazetteer: %s kept as written (add it to data/sites.csv to join it to a site)", rowsWord(t.Rows))))
	return b.quality.add(b.vals)
}

// AddProbable lists in Data Quality a counted row that probably reports
// an earlier one again; both stay counted (see -merge-probable).
func (b *Workbook) AddProbable(p *incident.ProbablePair) error {
	b.scratch = append(p.AppendReason(b.scratch[:0]), "; both are counted unless the report is made with -merge-probable"...)
	b.vals = append(b.vals[:0], text("probable duplicate"), integer(p.Line), text("site"), text(p.Site),
		text(string(b.scratch)))
	return b.quality.add(b.vals)
}

func rowsWord(n int) string {
	if n == 1 {
		return "1 row"
	}
	return fmt.Sprintf("%d rows", n)
}

// Close removes the temporary files. It is safe to call more than once.
func (b *Workbook) Close() {
	b.incidents.remove()
	b.quality.remove()
	if b.f != nil {
		b.f.Close()
	}
}

// Write lays out the workbook and writes it as .xlsx to w. It returns an
// error when r lacks a Summary, when a chart is not a PNG image, or when
// writing fails; nothing useful has been written to w then. A report with
// no counted incidents gives a workbook whose sheets say so.
func (b *Workbook) Write(w io.Writer, r *Report) (err error) {
	if r == nil || r.Summary == nil {
		return errors.New("workbook: report needs a Summary")
	}
	for _, s := range []*stream{b.incidents, b.quality} {
		if err := s.finish(); err != nil {
			return fmt.Errorf("workbook: %w", err)
		}
	}
	b.headerFooter = headerFooter(r, b.opts.Marking)
	steps := []sheetStep{
		{sheetSummary, b.summary},
		{sheetByMonth, b.byMonth},
		{sheetBySite, b.bySite},
		{sheetByWeapon, b.byWeapon},
		{sheetTime, b.timeOfDay},
		{sheetMonthWeapon, b.monthByWeapon},
		{sheetReferences, b.references},
		{sheetYearToDate, b.yearToDate},
	}
	steps = b.withMethodology(steps, r) // methodology.go
	streams := map[string]*sheetRows{}
	for _, s := range []*stream{b.incidents, b.quality} {
		if len(s.parts) == 0 {
			steps = append(steps, sheetStep{s.name, b.emptyStream(s)})
			continue
		}
		for i, p := range s.parts {
			streams[p.name] = p
			steps = append(steps, sheetStep{p.name, b.streamHeader(s, i)})
		}
	}
	steps = append(steps, b.changesSteps(r)...)
	steps = append(steps, sheetStep{sheetCharts, b.charts})
	f := b.f
	for i, s := range steps {
		if i == 0 {
			err = f.SetSheetName(f.GetSheetName(0), s.sheet)
		} else {
			_, err = f.NewSheet(s.sheet)
		}
		if err != nil {
			return fmt.Errorf("workbook: sheet %s: %w", s.sheet, err)
		}
		if err := s.write(r, s.sheet); err != nil {
			return fmt.Errorf("workbook: sheet %s: %w", s.sheet, err)
		}
	}
	if err := b.properties(r); err != nil {
		return fmt.Errorf("workbook: %w", err)
	}
	modified := r.Modified
	if modified.Year() < 1980 {
		modified = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter {
		return &zipSplicer{out: w, modified: modified, parts: map[string]*bytes.Buffer{}, rows: streams, totals: b.totals, points: b.points, dates: b.dates}
	})
	if _, err := f.WriteTo(io.Discard); err != nil {
		return fmt.Errorf("workbook: %w", err)
	}
	return nil
}

// sheetStep writes one sheet of the workbook.
type sheetStep struct {
	sheet string
	write func(*Report, string) error
}

// through returns the last day the data covers: Report.Through, or
// else Summary.Last; zero when there is neither.
func through(r *Report) time.Time {
	if !r.Through.IsZero() {
		return r.Through
	}
	return r.Summary.Last
}

// maxMarking is the longest handling marking printed, in characters:
// Excel holds at most 255 in a header.
const maxMarking = 200

// headerFooter returns the page header and footer of every sheet: the
// marking centred in the header (no header when it is ""), and a footer
// of the title and input file at the left, the data-through date in the
// centre and the sheet name with "page X of Y" at the right.
func headerFooter(r *Report, marking string) *excelize.HeaderFooterOptions {
	// esc keeps a text's "&" from starting a code.
	esc := func(s string) string { return strings.ReplaceAll(s, "&", "&&") }
	hf := &excelize.HeaderFooterOptions{}
	if m := strings.Join(strings.Fields(marking), " "); m != "" {
		hf.OddHeader = "&C&B" + esc(clipTo(m, maxMarking, "…"))
	}
	hf.OddFooter = "&L" + esc(clipTo(title+": "+path.Base(filepath.ToSlash(r.Input)), 80, "…"))
	if t := through(r); !t.IsZero() {
		hf.OddFooter += "&CData through " + t.Format("2 January 2006")
	}
	hf.OddFooter += "&R&A, page &P of &N"
	return hf
}

// version returns r.Version, "devel" for "".
func version(r *Report) string {
	if r.Version == "" {
		return "devel"
	}
	return r.Version
}

// properties sets the document properties: no library defaults, the
// title, the date of the data, not of the run, and the tool's version.
func (b *Workbook) properties(r *Report) error {
	date := r.Modified
	if date.Year() < 1980 {
		date = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	stamp := date.UTC().Format(time.RFC3339)
	desc := "Made by report " + version(r) + " from " + r.Input
	if t := through(r); !t.IsZero() {
		desc += ", data through " + t.Format(time.DateOnly)
	}
	err := b.f.SetDocProps(&excelize.DocProperties{
		Title:          title,
		Subject:        "Attacks on military and diplomatic sites",
		Creator:        "report",
		LastModifiedBy: "report",
		Description:    desc,
		Version:        version(r),
		Created:        stamp,
		Modified:       stamp,
		Language:       "en",
	})
	if err != nil {
		return err
	}
	return b.f.SetAppProps(&excelize.AppProperties{Application: "report"})
}
