// Package incident is the domain of the report tool: the Incident type, the
// vocabularies of weapons, target types, outcomes and confidence, and the
// loading and validation of the canonical incident CSV.
//
// # The incident CSV
//
// A UTF-8 file (a leading byte-order mark is skipped) with a header row and
// one row per incident: one attack on one site. Header names match
// case-insensitively, surrounding spaces ignored and inner spaces or hyphens
// read as underscores; column order is free. The columns date, site and
// weapon are required; id, time, country, province, target_type, munitions,
// intercepted, killed, wounded, outcome, attributed_to, confidence, source,
// source_url, notes, latitude and longitude are optional; any other column
// is kept as an extra column.
//
// # What happens to every row
//
// Load gives every data row exactly one Status: Counted, Excluded (by
// default outcome=foiled), Duplicate (an id already seen on a counted or
// excluded row) or Rejected (a value that fails validation). Rows that hold
// no data at all (blank lines, or only separators) are not rows. The
// Accounting always adds up: Read = Counted + Excluded + Duplicates +
// Rejected.
package incident

import (
	"fmt"
	"time"
)

// Incident is one attack on one site, as read from a counted or excluded row.
type Incident struct {
	// Line is the physical line of the file on which the row starts
	// (the header is line 1); a quoted field may span lines.
	Line int
	ID   string
	// Date is the local date at the site, at 00:00 UTC. When Precision
	// is Week or Month, it is the first day of the week or month the row
	// gives, and the row counts there.
	Date      time.Time
	Precision Precision
	// Time is the local time as "HH:MM", or "" when not given.
	Time     string
	Country  string
	Province string
	Site     string
	// Group is the site's group in the gazetteer ("Baghdad airport
	// complex"), or the site itself when the gazetteer does not know it;
	// KnownSite says it did.
	Group      string
	KnownSite  bool
	TargetType TargetType
	Weapon     Weapon
	// Munitions is the number of rockets, drones, etc. in the attack; an
	// empty cell means 1 (Known false, N 1).
	Munitions   Count
	Intercepted Count
	Killed      Count
	Wounded     Count
	Outcome     Outcome
	// AttributedTo is the claim or attribution, "" when none.
	AttributedTo string
	Confidence   Confidence
	Source       string
	// SourceURLs are the cell's URLs, split on ";" and trimmed.
	SourceURLs []string
	Notes      string
	// Position is the site's location; nil when the row gives none.
	Position *Position
	// Extra holds the values of the file's extra columns, in the order of
	// Dataset.ExtraColumns.
	Extra []string
}

// Count is a reported number of munitions or people. N is the value that
// enters every sum: the number written, or 0 when the cell was empty (1 for
// Munitions). Known says whether the cell held a number.
type Count struct {
	N     int
	Known bool
}

// Position is a latitude and longitude in decimal degrees (WGS 84).
type Position struct {
	Lat, Lon float64
}

// Status says what became of a data row.
type Status uint8

// The statuses of a row.
const (
	Counted Status = iota
	Excluded
	Duplicate
	Rejected
)

func (s Status) String() string {
	switch s {
	case Counted:
		return "counted"
	case Excluded:
		return "excluded"
	case Duplicate:
		return "duplicate"
	case Rejected:
		return "rejected"
	}
	return fmt.Sprintf("status(%d)", uint8(s))
}

// Accounting counts the data rows of a file by status.
type Accounting struct {
	Read, Counted, Excluded, Duplicates, Rejected int
}

// String returns the accounting line, as
// "read 97 rows: 94 counted, 1 excluded, 1 duplicate, 1 rejected".
func (a Accounting) String() string {
	return fmt.Sprintf("read %s: %d counted, %d excluded, %s, %d rejected",
		plural(a.Read, "row", "rows"), a.Counted, a.Excluded,
		plural(a.Duplicates, "duplicate", "duplicates"), a.Rejected)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Problem is why a row was excluded, taken for a duplicate or rejected. A
// rejected row has one Problem per bad field, all with the same Line.
type Problem struct {
	Status Status // Excluded, Duplicate or Rejected
	// Sheet is the spreadsheet sheet the row is on, "" for a CSV file:
	// then Line is the sheet's row and Col its column, from 1.
	Sheet string
	// Line is the physical line on which the row starts. FieldLine and
	// Col are the line and 1-based character column of the field (the
	// first field when the problem is with the whole row); FieldLine is
	// Line except in a row whose quoted values span lines.
	Line, FieldLine, Col int
	// Column is the field's header name as written in the file, or "" when
	// the problem is with the whole row.
	Column string
	Value  string
	Reason string
	// Differs names, for a duplicate, the columns whose values differ
	// from those of the earlier row with the same id; nil when the two
	// rows are identical.
	Differs []string
	// Record is the whole row as read, for showing it beside the problem.
	Record []string
}

// String formats the problem as line:col: column: reason, with the field's
// line, the way the tool prints it after the file name:
// "12:31: date: cannot parse ..."; on a sheet, as the cell:
// "Tracker!C12: date: cannot parse ...".
func (p Problem) String() string {
	if p.Sheet != "" {
		cell := fmt.Sprintf("%s!%s%d", p.Sheet, columnLetters(p.Col), p.FieldLine)
		if p.Column == "" {
			return fmt.Sprintf("%s: %s", cell, p.Reason)
		}
		return fmt.Sprintf("%s: %s: %s", cell, p.Column, p.Reason)
	}
	if p.Column == "" {
		return fmt.Sprintf("%d:%d: %s", p.FieldLine, p.Col, p.Reason)
	}
	return fmt.Sprintf("%d:%d: %s: %s", p.FieldLine, p.Col, p.Column, p.Reason)
}

// columnLetters returns a spreadsheet's name of column n (from 1): "A",
// "Z", "AA".
func columnLetters(n int) string {
	var b []byte
	for n = max(n, 1); n > 0; n = (n - 1) / 26 {
		b = append([]byte{byte('A' + (n-1)%26)}, b...)
	}
	return string(b)
}
