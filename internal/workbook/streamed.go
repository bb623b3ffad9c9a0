package workbook

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"report/internal/incident"
)

// incidentColumns returns the columns of the Incidents sheet: the line of
// the input file, the schema's columns, the date's precision (day, week or
// month) and its month as YYYY-MM (to filter by, as the By Month and
// References figures count), then the extra ones.
func incidentColumns(extra []string) []column {
	cols := []column{{name: "Line"}}
	for _, name := range incident.Columns() {
		cols = append(cols, column{name: name})
	}
	cols = append(cols, column{name: "date_precision"}, column{name: "month"})
	for _, name := range extra {
		cols = append(cols, column{name: name})
	}
	return cols
}

// incidentValues appends the values of an incident, in the order of
// incidentColumns. A count not reported is an empty cell, except
// munitions, whose N is what the figures count.
func incidentValues(dst []value, inc *incident.Incident) []value {
	dst = append(dst,
		integer(inc.Line), text(inc.ID), value{kind: vDate, t: inc.Date}, text(inc.Time),
		text(inc.Country), text(inc.Province), text(inc.Site), text(string(inc.TargetType)),
		text(inc.Weapon.String()), integer(inc.Munitions.N), count(inc.Intercepted), count(inc.Killed),
		count(inc.Wounded), text(string(inc.Outcome)), text(inc.AttributedTo), text(string(inc.Confidence)),
		text(inc.Source), text(strings.Join(inc.SourceURLs, "; ")), text(inc.Notes))
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

// qualityColumns returns the columns of the Data Quality sheet: the
// problem, then the raw row under the file's header names.
func qualityColumns(header []string) []column {
	cols := []column{{name: "Status"}, {name: "Line"}, {name: "Column"}, {name: "Value"}, {name: "Reason"}}
	for _, name := range header {
		cols = append(cols, column{name: name})
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
		if err := b.pageSetup(sheet, false, true); err != nil {
			return err
		}
		for j, name := range names {
			k := styleKey{bold: true, top: true}
			w := textWidth(name) + 3
			if j < len(s.cols) {
				k.fill, k.wrap = s.cols[j].fill, s.wrap[j]
				if s.numeric[j] && !s.text[j] {
					k.align = "right"
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
		}
		freeze := 0
		if s == b.incidents {
			freeze = 1
		}
		if err := f.SetPanes(sheet, freezePanes(freeze)); err != nil {
			return err
		}
		name := "tbl" + strings.ReplaceAll(s.name, " ", "")
		if i > 0 {
			name += fmt.Sprint(i + 1)
		}
		return f.AddTable(sheet, &excelize.Table{Range: p.ref, Name: name, StyleName: "TableStyleLight1"})
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
