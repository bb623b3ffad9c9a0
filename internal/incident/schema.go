package incident

import (
	"encoding/csv"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// field is a column of the canonical schema.
type field int

const (
	fID field = iota
	fDate
	fTime
	fCountry
	fProvince
	fSite
	fTargetType
	fWeapon
	fMunitions
	fIntercepted
	fKilled
	fWounded
	fOutcome
	fAttributedTo
	fConfidence
	fSource
	fSourceURL
	fNotes
	fLatitude
	fLongitude
	numFields
)

// fieldNames are the schema's column names, in schema order.
var fieldNames = [numFields]string{
	"id", "date", "time", "country", "province", "site", "target_type", "weapon",
	"munitions", "intercepted", "killed", "wounded", "outcome", "attributed_to",
	"confidence", "source", "source_url", "notes", "latitude", "longitude",
}

var requiredFields = []field{fDate, fSite, fWeapon}

// Columns returns the names of the schema's columns, in schema order.
func Columns() []string { return append([]string(nil), fieldNames[:]...) }

// ErrNoRows is returned for a file with a header but no data rows.
var ErrNoRows = errors.New("no data rows after the header")

// ErrEmpty is returned for a file with no header row.
var ErrEmpty = errors.New("file is empty: want a header row, then one row per incident")

// MissingColumnsError is returned when the header lacks a required column.
type MissingColumnsError struct {
	Missing []string // required columns not found, in schema order
	Found   []string // the header's columns as written
	// Resembles names the format the header looks like when it is not
	// the canonical one: "an ACLED export".
	Resembles string
}

func (e *MissingColumnsError) Error() string {
	found := make([]string, len(e.Found))
	for i, f := range e.Found {
		found[i] = strconv.Quote(f)
	}
	word := "column"
	if len(e.Missing) > 1 {
		word = "columns"
	}
	if e.Resembles != "" {
		return fmt.Sprintf("looks like %s missing %s (columns found: %s)",
			e.Resembles, strings.Join(e.Missing, ", "), strings.Join(found, ", "))
	}
	return fmt.Sprintf("missing required %s %s (columns found: %s)",
		word, strings.Join(e.Missing, ", "), strings.Join(found, ", "))
}

// PositionError is a problem at a place in a file that stops its reading:
// for NewReader, a header it cannot use (a column named twice, a header
// line that is not valid CSV or UTF-8); for LoadReferences, any bad row.
type PositionError struct {
	// Sheet is the spreadsheet sheet, "" for a CSV file.
	Sheet     string
	Line, Col int
	// Column names the column, or is "header" for the header row.
	Column string
	Err    error
}

// Error formats the error as "line:col: column: err". When Err is a
// *ScopeError, the scope's position within the cell follows the column's
// name: "5:40: filter:3: unknown field ...".
func (e *PositionError) Error() string {
	at := fmt.Sprintf("%d:%d", e.Line, e.Col)
	if e.Sheet != "" {
		at = fmt.Sprintf("%s!%s%d", e.Sheet, columnLetters(e.Col), e.Line)
	}
	if se, ok := e.Err.(*ScopeError); ok {
		return fmt.Sprintf("%s: %s:%d: %v", at, e.Column, se.Pos, se.Err)
	}
	return fmt.Sprintf("%s: %s: %v", at, e.Column, e.Err)
}

func (e *PositionError) Unwrap() error { return e.Err }

// csvError returns a *PositionError for an encoding/csv *ParseError, at
// the line and column where the error is, named column; any other error
// as it is.
func csvError(err error, column string) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &PositionError{Line: pe.Line, Col: pe.Column, Column: column, Err: pe.Err}
	}
	return err
}

// schema maps a file's header onto the canonical columns. It is read only
// once built, so the goroutines that parse rows share it.
type schema struct {
	header []string
	// ad maps a source's records onto the canonical columns; nil for the
	// canonical format, whose fields index gives.
	ad     adapter
	format *Format
	// index maps a schema field to its position in the record, or -1.
	index [numFields]int
	// extra lists the record positions of the extra columns, and
	// extraNames their names: as written, or "column N" when unnamed.
	extra      []int
	extraNames []string
}

// fieldPos returns the line and column of field i of the record being
// read; csv.Reader.FieldPos has this signature.
type fieldPos func(i int) (line, col int)

// newSchema checks a header row and maps it. pos gives each header
// field's position, for errors.
func newSchema(rec []string, pos fieldPos) (*schema, error) {
	s := &schema{header: append([]string(nil), rec...)}
	for f := range s.index {
		s.index[f] = -1
	}
	byName := make(map[string]int)
	for i, name := range rec {
		line, col := pos(i)
		if !utf8.ValidString(name) {
			return nil, &PositionError{Line: line, Col: col, Column: "header", Err: fmt.Errorf("column %d is not valid UTF-8: save the file as UTF-8", i+1)}
		}
		key := normalize(name)
		if key == "" {
			s.extra = append(s.extra, i)
			s.extraNames = append(s.extraNames, fmt.Sprintf("column %d", i+1))
			continue
		}
		if j, dup := byName[key]; dup {
			return nil, &PositionError{Line: line, Col: col, Column: "header", Err: fmt.Errorf("column %q appears twice (columns %d and %d)", name, j+1, i+1)}
		}
		byName[key] = i
		if f, ok := schemaField(key); ok {
			s.index[f] = i
			continue
		}
		s.extra = append(s.extra, i)
		s.extraNames = append(s.extraNames, strings.TrimSpace(name))
	}
	var missing []string
	for _, f := range requiredFields {
		if s.index[f] < 0 {
			missing = append(missing, fieldNames[f])
		}
	}
	if missing != nil {
		return nil, &MissingColumnsError{Missing: missing, Found: s.header}
	}
	return s, nil
}

func schemaField(key string) (field, bool) {
	for f, name := range fieldNames {
		if key == name {
			return field(f), true
		}
	}
	return 0, false
}

// columnName returns the header name of field f as written, or its schema
// name when the file has no such column.
func (s *schema) columnName(f field) string {
	if i := s.index[f]; i >= 0 {
		return strings.TrimSpace(s.header[i])
	}
	return fieldNames[f]
}

// newAdaptedSchema returns the schema of a source read through an
// adapter: the canonical fields are the adapter's values, in field
// order, and every column of the source is kept as an extra column.
func newAdaptedSchema(header []string, f *Format, ad adapter) *schema {
	s := &schema{header: append([]string(nil), header...), ad: ad, format: f}
	for i := range s.index {
		s.index[i] = i
	}
	for i, name := range header {
		s.extra = append(s.extra, i)
		if name = strings.TrimSpace(name); name == "" {
			name = fmt.Sprintf("column %d", i+1)
		}
		s.extraNames = append(s.extraNames, name)
	}
	return s
}

// column returns the record position of the column named name (matched as
// headers are), or -1.
func (s *schema) column(name string) int {
	for i, h := range s.header {
		if normalize(h) == name {
			return i
		}
	}
	return -1
}
