package workbook

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"report/internal/incident"
)

// incidentColumns returns the columns of the Incidents sheet: first the
// ones printed on every page (the line of the input file, id, date and
// site), then the site's gazetteer group, the schema's other columns
// (weapon and target type as labels, each followed by its code, in
// weapon_code and target_type_code, to filter by), the date's precision
// (day, week or month) and its month as YYYY-MM (to filter by, as the By
// Month and References figures count), then the extra ones.
func incidentColumns(extra []string) []column {
	cols := []column{{name: "Line"}, {name: "id"}, {name: "date"}, {name: "site"}, {name: "group"},
		{name: "time", numFmt: fmtTime}, {name: "country"}, {name: "province"},
		{name: "target_type"}, {name: "target_type_code"}, {name: "weapon"}, {name: "weapon_code"},
		{name: "munitions"}, {name: "intercepted"}, {name: "killed"}, {name: "wounded"},
		{name: "outcome"}, {name: "attributed_to"}, {name: "confidence"}, {name: "source"},
		{name: "source_url", nowrap: true}, {name: "notes", wide: notesWidth}, {name: "latitude"}, {name: "longitude"},
		{name: "date_precision"}, {name: "month"}}
	for _, name := range extra {
		cols = append(cols, column{name: name})
	}
	return cols
}

// notesWidth is the widest the Incidents sheet's notes column is made, in
// characters: notes are often a paragraph (the shipped data's are 154
// characters on average, up to 670), and a row is as tall as its longest
// wrapped cell on every band the sheet prints in. At 100, not maxWidth,
// the shipped rows take half as many lines (the average note two, not
// three) and the sheet prints in 36 pages, not 54, in the same six bands.
const notesWidth = 100

// incidentPrintColumns is how many of the first incidentColumns are
// printed on every page: Line, id, date and site.
const incidentPrintColumns = 4

// incidentScale is the size the Incidents sheet prints at, in percent:
// its columns do not fit one page wide at a readable size, so it prints in
// bands, each led by its first incidentPrintColumns columns.
const incidentScale = 55

// incidentValues appends the values of an incident, in the order of
// incidentColumns. A count not reported is an empty cell, except
// munitions, whose N is what the figures count. The time is a time cell
// (a fraction of a day). The source_url cell holds every URL, "; "
// between them, and links to the first when it is an http(s) URL.
func incidentValues(dst []value, inc *incident.Incident) []value {
	urls := text(strings.Join(inc.SourceURLs, "; "))
	if len(inc.SourceURLs) > 0 && linkable(inc.SourceURLs[0]) {
		urls.url = inc.SourceURLs[0]
	}
	dst = append(dst,
		integer(inc.Line), text(inc.ID), value{kind: vDate, t: inc.Date}, text(inc.Site), text(inc.Group),
		timeOfDay(inc.Time), text(inc.Country), text(inc.Province),
		text(inc.TargetType.Label()), text(string(inc.TargetType)), text(inc.Weapon.Label()), text(inc.Weapon.String()),
		integer(inc.Munitions.N), count(inc.Intercepted), count(inc.Killed), count(inc.Wounded),
		text(inc.Outcome.Label()), text(inc.AttributedTo), text(inc.Confidence.Label()),
		text(inc.Source), urls, text(inc.Notes))
	if inc.Position == nil {
		dst = append(dst, value{}, value{})
	} else {
		dst = append(dst, value{kind: vFloat, f: inc.Position.Lat}, value{kind: vFloat, f: inc.Position.Lon})
	}
	dst = append(dst, text(inc.Precision.String()), text(inc.Date.Format("2006-01")))
	for _, x := range inc.Extra {
		dst = append(dst, text(x))
	}
	return dst
}

// timeOfDay returns the time "HH:MM" as a time cell, the fraction of a
// day; empty for "", and text for anything else.
func timeOfDay(hhmm string) value {
	if len(hhmm) != 5 || hhmm[2] != ':' {
		return text(hhmm)
	}
	h, err1 := strconv.Atoi(hhmm[:2])
	m, err2 := strconv.Atoi(hhmm[3:])
	if err1 != nil || err2 != nil || h > 23 || m > 59 || h < 0 || m < 0 {
		return text(hhmm)
	}
	return value{kind: vFloat, f: float64(h*60+m) / (24 * 60)}
}

// qualityPrintColumn is the last column of Data Quality that prints:
// Status, Line, Column, Value and Reason.
const qualityPrintColumn = "E"

// qualityColumns returns the columns of the Data Quality sheet: the
// problem, then the raw row under the file's header names.
func qualityColumns(header []string) []column {
	cols := []column{{name: "Status"}, {name: "Line"}, {name: "Column"}, {name: "Value"}, {name: "Reason"}}
	for _, name := range header {
		// The raw row does not wrap: a row's height follows its
		// reason, so the problems print compactly (see
		// qualityPrintColumn); a long note is whole in its cell.
		cols = append(cols, column{name: name, nowrap: true})
	}
	return cols
}

// streamHeader returns the writer of part i of a streamed sheet: what
// excelize lays out around the rows (header row, widths, frozen panes,
// Excel table, page setup); zipSplicer puts the rows in.
func (b *Workbook) streamHeader(s *stream, i int) func(*Report, string) error {
	return func(r *Report, sheet string) error {
		p := s.parts[i]
		width := max(s.maxCols, len(s.cols))
		names := make([]string, width)
		for j := range names {
			if j < len(s.cols) {
				names[j] = s.cols[j].name
			} else {
				names[j] = fmt.Sprintf("field %d", j+1)
			}
		}
		names = uniqueNames(names)
		f := b.f
		// Incidents is too wide to print one page wide at a
		// readable size: it prints in bands, each led by the columns
		// that say which row it is. Data Quality prints its problem
		// columns one page wide; the raw row beside them, in the
		// input's own columns, is for the screen.
		ps := printSetup{titleRows: true, area: fmt.Sprintf("$A$1:$%s$%d", qualityPrintColumn, p.rows+1)}
		if s == b.incidents {
			ps = printSetup{titleRows: true, titleCols: incidentPrintColumns, scale: incidentScale}
		}
		if err := b.pageSetup(sheet, ps); err != nil {
			return err
		}
		for j, name := range names {
			k := styleKey{bold: true, top: true}
			w := headerWidth(name, true)
			if j < len(s.cols) {
				k.fill, k.wrap = s.cols[j].fill, s.wrap[j]
				if s.numeric[j] && !s.text[j] {
					k.align, k.indent = "right", 1
				}
				w = s.widths[j]
			}
			id, err := b.styles.id(k)
			if err != nil {
				return err
			}
			c := cellName(j+1, 1)
			if err := f.SetCellStr(sheet, c, name); err != nil {
				return err
			}
			if err := f.SetCellStyle(sheet, c, c, id); err != nil {
				return err
			}
			col, _ := excelize.ColumnNumberToName(j + 1)
			if err := f.SetColWidth(sheet, col, col, float64(max(w, 6)+2)); err != nil {
				return err
			}
			if s == b.incidents && j < len(s.filled) && !s.filled[j] {
				// Empty in every row: hidden, not removed, so that
				// the columns keep their letters whatever the input.
				if err := f.SetColVisible(sheet, col, false); err != nil {
					return err
				}
			}
		}
		freeze := 0
		if s == b.incidents {
			freeze = 1
		}
		if err := f.SetPanes(sheet, freezePanes(freeze)); err != nil {
			return err
		}
		return f.AddTable(sheet, &excelize.Table{Range: p.ref, Name: streamTableName(s, i), StyleName: "TableStyleLight1"})
	}
}

// emptyStream returns the writer of a streamed sheet without rows: its
// header and a line that says why.
func (b *Workbook) emptyStream(s *stream) func(*Report, string) error {
	return func(r *Report, sheet string) error {
		msg := "No problems: every row was counted."
		if s == b.incidents {
			msg = noIncidents
			if b.opts.NoIncidents {
				msg = "Left out: the report was made with -no-incidents-sheet. Every figure still counts these rows."
			}
		}
		return b.writeTable(sheet, &table{cols: s.cols, empty: msg, freeze: 0})
	}
}
