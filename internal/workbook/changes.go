package workbook

import (
	"fmt"
	"strconv"
	"time"

	"report/internal/changes"
)

// sheetChanges is the sheet of what changed since an earlier report; it
// comes before Charts, and only when Report.Changes is set.
const sheetChanges = "Changes"

// Changes is what the Changes sheet shows: the changes since the report in
// the directory Previous.
type Changes struct {
	Previous string
	*changes.Changes
}

// changesSteps returns the step that writes the Changes sheet, or none
// when the report compares with no earlier one.
func (b *Workbook) changesSteps(r *Report) []sheetStep {
	if r.Changes == nil || r.Changes.Changes == nil {
		return nil
	}
	return []sheetStep{{sheetChanges, b.changes}}
}

// changes writes one table of every change, so that one filter on its
// Change column picks a kind: first the months whose count moved
// ("month": before, after and the difference), then the rows added and
// removed, then one row per field of each edited row ("edited": the field,
// its value before and after). A Total row gives the counted incidents of
// both reports. Dates are date cells and counts numbers; an empty Before
// or After is a count not reported.
func (b *Workbook) changes(r *Report, sheet string) error {
	c := r.Changes
	var rows [][]any
	for _, m := range c.ByMonth {
		rows = append(rows, []any{"month", changeMonth(m.Month), nil, nil, nil, nil, "incidents", m.Before, m.After, m.Delta})
	}
	entry := func(kind string, e *changes.Row) []any {
		return []any{kind, changeMonth(e.Month), e.ID, changeDate(e.Date), e.Site, e.Weapon, nil, nil, nil, nil}
	}
	for i := range c.Added {
		rows = append(rows, entry("added", &c.Added[i]))
	}
	for i := range c.Removed {
		rows = append(rows, entry("removed", &c.Removed[i]))
	}
	for i := range c.Edited {
		e := &c.Edited[i]
		for _, f := range e.Fields {
			row := entry("edited", &e.After)
			row[6], row[7], row[8] = f.Field, fieldValue(f.Field, f.Before), fieldValue(f.Field, f.After)
			rows = append(rows, row)
		}
	}
	return b.writeTable(sheet, &table{
		name: "tblChanges",
		cols: []column{{name: "Change"}, {name: "Month", numFmt: fmtMonth}, {name: "ID"}, {name: "Date"},
			{name: "Site"}, {name: "Weapon"}, {name: "Field"}, {name: "Before"}, {name: "After"},
			{name: "Difference", numFmt: fmtSigned}},
		rows:   len(rows),
		row:    func(i int, dst []any) []any { return append(dst[:0], rows[i]...) },
		total:  []any{"Total: counted incidents, against the report in " + c.Previous, nil, nil, nil, nil, nil, "incidents", c.Before, c.After, c.After - c.Before},
		totals: []string{}, // the counts of the reports, not sums of the rows
		freeze: 1,
		empty:  fmt.Sprintf("No changes since the report in %s.", c.Previous),
	})
}

// changeMonth returns the first day of a "YYYY-MM" month as a date cell's
// value, or the text when it is not a month.
func changeMonth(s string) any {
	if t, err := time.Parse("2006-01", s); err == nil {
		return t
	}
	return s
}

// changeDate returns a "YYYY-MM-DD" date as a date cell's value, or the text
// when it is not a date.
func changeDate(s string) any {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t
	}
	return s
}

// fieldValue returns the value of an edited field as a cell's: a date
// for date, a month for month, a number for a count, else the text.
func fieldValue(field, v string) any {
	switch field {
	case "date":
		return changeDate(v)
	case "month":
		if t, ok := changeMonth(v).(time.Time); ok {
			return cell{v: t, numFmt: fmtMonth}
		}
		return v
	case "munitions", "intercepted", "killed", "wounded":
		if n, err := strconv.Atoi(v); err == nil {
			return n
		}
	}
	return v
}
