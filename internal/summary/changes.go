package summary

import (
	"strconv"

	"report/internal/changes"
)

// Changes is summary.json's "changes": what changed since the report in
// the directory Previous (the -previous flag), from its
// incidents.snapshot.csv. Lists are empty, never null; File.Changes is nil
// (null) when the run compared with nothing.
type Changes struct {
	Previous string `json:"previous"`
	// CountedBefore and CountedAfter are the counted incidents of the
	// previous report and of this one.
	CountedBefore int          `json:"counted_before"`
	CountedAfter  int          `json:"counted_after"`
	Added         []ChangedRow `json:"added"`
	Removed       []ChangedRow `json:"removed"`
	Edited        []Edit       `json:"edited"`
	// ByMonth lists the months whose rows changed: a row added or
	// removed, or an edit that moved a row between months.
	ByMonth []MonthDelta `json:"by_month"`
}

// ChangedRow is an added or removed counted incident: the fields the
// figures count. A count not reported is null.
type ChangedRow struct {
	ID          string `json:"id"`
	Date        string `json:"date"`
	Precision   string `json:"precision"`
	Month       string `json:"month"`
	Site        string `json:"site"`
	Province    string `json:"province"`
	Country     string `json:"country"`
	TargetType  string `json:"target_type"`
	Weapon      string `json:"weapon"`
	Munitions   *int   `json:"munitions"`
	Intercepted *int   `json:"intercepted"`
	Killed      *int   `json:"killed"`
	Wounded     *int   `json:"wounded"`
	Outcome     string `json:"outcome"`
	Confidence  string `json:"confidence"`
}

// Edit is a row whose id is in both reports with other fields. Date and
// Site are this report's; Fields are the fields that changed, with their
// values as text ("" for a count not reported).
type Edit struct {
	ID     string        `json:"id"`
	Date   string        `json:"date"`
	Site   string        `json:"site"`
	Fields []FieldChange `json:"fields"`
}

type FieldChange struct {
	Field  string `json:"field"`
	Before string `json:"before"`
	After  string `json:"after"`
}

// MonthDelta is a month's count of counted incidents in the previous
// report and in this one.
type MonthDelta struct {
	Month  string `json:"month"`
	Before int    `json:"before"`
	After  int    `json:"after"`
	Delta  int    `json:"delta"`
}

// NewChanges returns the changes c since the report in the directory
// previous, for summary.json.
func NewChanges(previous string, c *changes.Changes) *Changes {
	out := &Changes{
		Previous:      previous,
		CountedBefore: c.Before,
		CountedAfter:  c.After,
		Added:         changedRows(c.Added),
		Removed:       changedRows(c.Removed),
		Edited:        []Edit{},
		ByMonth:       []MonthDelta{},
	}
	for _, e := range c.Edited {
		ej := Edit{ID: e.ID, Date: e.After.Date, Site: e.After.Site}
		for _, f := range e.Fields {
			ej.Fields = append(ej.Fields, FieldChange(f))
		}
		out.Edited = append(out.Edited, ej)
	}
	for _, m := range c.ByMonth {
		out.ByMonth = append(out.ByMonth, MonthDelta(m))
	}
	return out
}

func changedRows(rows []changes.Row) []ChangedRow {
	out := []ChangedRow{}
	count := func(s string) *int {
		n, err := strconv.Atoi(s)
		if err != nil {
			return nil
		}
		return &n
	}
	for _, r := range rows {
		out = append(out, ChangedRow{r.ID, r.Date, r.Precision, r.Month, r.Site, r.Province, r.Country,
			r.TargetType, r.Weapon, count(r.Munitions), count(r.Intercepted), count(r.Killed), count(r.Wounded),
			r.Outcome, r.Confidence})
	}
	return out
}
