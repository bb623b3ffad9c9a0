package incident

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
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

// ErrNoRows is returned by Load for a file with a header but no data rows.
var ErrNoRows = errors.New("no data rows after the header")

// ErrEmpty is returned by Load for a file with no header row.
var ErrEmpty = errors.New("file is empty: want a header row, then one row per incident")

// MissingColumnsError is returned by Load when the header lacks a required
// column.
type MissingColumnsError struct {
	Missing []string // required columns not found, in schema order
	Found   []string // the header's columns as written
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
	return fmt.Sprintf("missing required %s %s (columns found: %s)",
		word, strings.Join(e.Missing, ", "), strings.Join(found, ", "))
}

// PositionError is a problem at a place in a file that stops its loading:
// for Load, a header it cannot use (a column named twice, a header line that
// is not valid CSV or UTF-8); for LoadReferences, any bad row.
type PositionError struct {
	Line, Col int
	// Column names the column, or is "header" for the header row.
	Column string
	Err    error
}

func (e *PositionError) Error() string {
	return fmt.Sprintf("%d:%d: %s: %v", e.Line, e.Col, e.Column, e.Err)
}

func (e *PositionError) Unwrap() error { return e.Err }

// Dataset is what Load read from a file.
type Dataset struct {
	// Header holds the header's column names as written, in file order.
	Header []string
	// ExtraColumns names the columns outside the schema, as written, in
	// file order; Incident.Extra follows this order. A column with an empty
	// header is named "column N" (N counted from 1), or dropped when it
	// holds no value in any row.
	ExtraColumns []string
	// Incidents are the counted rows, in file order.
	Incidents []Incident
	// Problems are the excluded, duplicate and rejected rows, in file
	// order; a rejected row has one Problem per bad field.
	Problems []Problem
	Rows     Accounting
}

// Options adjusts Load. The zero value gives the default behaviour.
type Options struct {
	// Exclude reports whether a valid row is left out of the counts, with
	// the column and the reason to show. Nil means ExcludeFoiled.
	Exclude func(*Incident) (column, reason string, excluded bool)
}

// ExcludeFoiled excludes incidents with outcome foiled: attacks that were
// never launched.
func ExcludeFoiled(inc *Incident) (column, reason string, excluded bool) {
	if inc.Outcome == Foiled {
		return "outcome", "foiled: never launched, so not counted as an attack", true
	}
	return "", "", false
}

// Load reads an incident CSV from r. Row problems do not stop it: they are
// recorded in Dataset.Problems and counted in Dataset.Rows. Load returns an
// error only for a problem with the whole file: a read error, an empty file
// (ErrEmpty), a header it cannot use (*PositionError, *MissingColumnsError) or
// no data rows (ErrNoRows).
func Load(r io.Reader, opts Options) (*Dataset, error) {
	exclude := opts.Exclude
	if exclude == nil {
		exclude = ExcludeFoiled
	}
	br := bufio.NewReaderSize(r, 64<<10)
	if bom, err := br.Peek(3); err == nil && string(bom) == "\uFEFF" {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true

	header, err := cr.Read()
	if err == io.EOF {
		return nil, ErrEmpty
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, &PositionError{Line: pe.Line, Col: pe.Column, Column: "header", Err: pe.Err}
		}
		return nil, err
	}
	l := &loader{cr: cr, exclude: exclude, seen: make(map[string]int)}
	if err := l.readHeader(header); err != nil {
		return nil, err
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			l.rejectUnparsable(pe, rec)
			continue
		}
		if err != nil {
			return nil, err
		}
		if blank(rec) {
			continue
		}
		l.row(rec)
	}
	if l.ds.Rows.Read == 0 {
		return nil, ErrNoRows
	}
	l.dropEmptyExtras()
	return &l.ds, nil
}

type loader struct {
	cr      *csv.Reader
	exclude func(*Incident) (string, string, bool)
	ds      Dataset
	// index maps a schema field to its position in the record, or -1.
	index [numFields]int
	// extra lists the record positions of the extra columns.
	extra []int
	// extraUsed says whether an unnamed extra column held any value.
	extraUsed []bool
	// seen maps an id to the line of the counted or excluded row that
	// first had it.
	seen map[string]int
	// problems collects the current row's problems.
	problems []Problem
}

func (l *loader) readHeader(rec []string) error {
	l.ds.Header = append([]string(nil), rec...)
	for f := range l.index {
		l.index[f] = -1
	}
	byName := make(map[string]int)
	for i, name := range rec {
		line, col := l.cr.FieldPos(i)
		if !utf8.ValidString(name) {
			return &PositionError{Line: line, Col: col, Column: "header", Err: fmt.Errorf("column %d is not valid UTF-8: save the file as UTF-8", i+1)}
		}
		key := normalize(name)
		if key == "" {
			l.extra = append(l.extra, i)
			l.ds.ExtraColumns = append(l.ds.ExtraColumns, fmt.Sprintf("column %d", i+1))
			continue
		}
		if j, dup := byName[key]; dup {
			return &PositionError{Line: line, Col: col, Column: "header", Err: fmt.Errorf("column %q appears twice (columns %d and %d)", name, j+1, i+1)}
		}
		byName[key] = i
		if f, ok := schemaField(key); ok {
			l.index[f] = i
			continue
		}
		l.extra = append(l.extra, i)
		l.ds.ExtraColumns = append(l.ds.ExtraColumns, strings.TrimSpace(name))
	}
	l.extraUsed = make([]bool, len(l.extra))
	var missing []string
	for _, f := range requiredFields {
		if l.index[f] < 0 {
			missing = append(missing, fieldNames[f])
		}
	}
	if missing != nil {
		return &MissingColumnsError{Missing: missing, Found: l.ds.Header}
	}
	return nil
}

func schemaField(key string) (field, bool) {
	for f, name := range fieldNames {
		if key == name {
			return field(f), true
		}
	}
	return 0, false
}

// blank reports whether a record holds no data: only spaces and separators.
func blank(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// row validates one record and files it as counted, excluded, duplicate or
// rejected.
func (l *loader) row(rec []string) {
	l.ds.Rows.Read++
	l.problems = l.problems[:0]
	line, _ := l.cr.FieldPos(0)
	if len(rec) != len(l.ds.Header) {
		// Values are misaligned with the header: nothing else can be checked.
		at := min(len(rec), len(l.ds.Header)) // first surplus field, or the last one
		if at == len(rec) {
			at--
		}
		l.problem(at, "", fmt.Sprintf("%d fields", len(rec)),
			fmt.Sprintf("row has %d fields but the header has %d (a comma inside a value must be quoted)", len(rec), len(l.ds.Header)))
		l.reject(rec)
		return
	}
	// Parse straight into the slice's next element: an Incident is large,
	// and one passed to l.exclude from the stack would escape to the heap.
	l.ds.Incidents = append(l.ds.Incidents, Incident{Line: line})
	inc := &l.ds.Incidents[len(l.ds.Incidents)-1]
	l.parse(rec, inc)
	if len(l.problems) > 0 {
		l.ds.Incidents = l.ds.Incidents[:len(l.ds.Incidents)-1]
		l.reject(rec)
		return
	}
	if inc.ID != "" {
		if first, dup := l.seen[inc.ID]; dup {
			l.problem(l.index[fID], "id", inc.ID, fmt.Sprintf("duplicate of line %d, which has the same id", first))
			l.ds.Incidents = l.ds.Incidents[:len(l.ds.Incidents)-1]
			l.file(Duplicate, rec)
			l.ds.Rows.Duplicates++
			return
		}
		l.seen[inc.ID] = line
	}
	if col, reason, excluded := l.exclude(inc); excluded {
		l.ds.Incidents = l.ds.Incidents[:len(l.ds.Incidents)-1]
		i := l.position(col)
		l.problem(i, col, l.value(rec, i), reason)
		l.file(Excluded, rec)
		l.ds.Rows.Excluded++
		return
	}
	l.ds.Rows.Counted++
}

// position returns the record position of the named column, or 0.
func (l *loader) position(column string) int {
	if f, ok := schemaField(normalize(column)); ok && l.index[f] >= 0 {
		return l.index[f]
	}
	return 0
}

func (l *loader) value(rec []string, i int) string {
	if i < 0 || i >= len(rec) {
		return ""
	}
	return rec[i]
}

// parse fills inc from rec, adding a problem for every bad field.
func (l *loader) parse(rec []string, inc *Incident) {
	get := func(f field) string {
		if i := l.index[f]; i >= 0 {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	bad := func(f field, reason string) { l.problem(l.index[f], l.columnName(f), rec[l.index[f]], reason) }

	for i, v := range rec {
		if !utf8.ValidString(v) {
			l.problem(i, strings.TrimSpace(l.ds.Header[i]), strings.ToValidUTF8(v, "\uFFFD"), "not valid UTF-8: save the file as UTF-8")
			return
		}
	}
	for _, f := range requiredFields {
		if get(f) == "" {
			bad(f, "required value is empty")
		}
	}

	inc.ID = get(fID)
	if s := get(fDate); s != "" {
		d, reason := parseDate(s)
		if reason != "" {
			bad(fDate, reason)
		}
		inc.Date = d
	}
	if s := get(fTime); s != "" {
		t, ok := parseClock(s)
		if !ok {
			bad(fTime, fmt.Sprintf("cannot parse %q as a time: want HH:MM, 24-hour", s))
		}
		inc.Time = t
	}
	inc.Country = get(fCountry)
	inc.Province = get(fProvince)
	inc.Site = get(fSite)
	if s := get(fTargetType); s != "" {
		t, ok := parseTerm(s, TargetTypes)
		if !ok {
			bad(fTargetType, fmt.Sprintf("unknown target type %q: want one of %s", s, termList(TargetTypes)))
		}
		inc.TargetType = t
	}
	if s := get(fWeapon); s != "" {
		w, ok := ParseWeapon(s)
		if !ok {
			bad(fWeapon, fmt.Sprintf("unknown weapon %q: want one of %s", s, WeaponCodes()))
		}
		inc.Weapon = w
	}
	count := func(f field, dflt int) Count {
		s := get(f)
		if s == "" {
			return Count{N: dflt}
		}
		n, reason := parseCount(s)
		if reason != "" {
			bad(f, reason)
			return Count{}
		}
		return Count{N: n, Known: true}
	}
	inc.Munitions = count(fMunitions, 1)
	inc.Intercepted = count(fIntercepted, 0)
	inc.Killed = count(fKilled, 0)
	inc.Wounded = count(fWounded, 0)
	if inc.Intercepted.N > inc.Munitions.N && len(l.problems) == 0 {
		m := strconv.Itoa(inc.Munitions.N)
		if !inc.Munitions.Known {
			m = "1, the default when munitions is empty"
		}
		bad(fIntercepted, fmt.Sprintf("intercepted (%d) is more than munitions (%s)", inc.Intercepted.N, m))
	}
	inc.Outcome = Executed
	if s := get(fOutcome); s != "" {
		o, ok := parseTerm(s, Outcomes)
		if !ok {
			bad(fOutcome, fmt.Sprintf("unknown outcome %q: want one of %s", s, termList(Outcomes)))
		}
		inc.Outcome = o
	}
	inc.AttributedTo = get(fAttributedTo)
	inc.Confidence = High
	if s := get(fConfidence); s != "" {
		c, ok := parseTerm(s, Confidences)
		if !ok {
			bad(fConfidence, fmt.Sprintf("unknown confidence %q: want one of %s", s, termList(Confidences)))
		}
		inc.Confidence = c
	}
	inc.Source = get(fSource)
	inc.SourceURLs = splitURLs(get(fSourceURL))
	inc.Notes = get(fNotes)
	l.parsePosition(get(fLatitude), get(fLongitude), inc, bad)

	if len(l.extra) > 0 {
		inc.Extra = make([]string, len(l.extra))
		for j, i := range l.extra {
			inc.Extra[j] = strings.TrimSpace(rec[i])
			if inc.Extra[j] != "" {
				l.extraUsed[j] = true
			}
		}
	}
}

func (l *loader) parsePosition(lat, lon string, inc *Incident, bad func(field, string)) {
	if lat == "" && lon == "" {
		return
	}
	var p Position
	ok := true
	for _, c := range []struct {
		f     field
		s     string
		v     *float64
		limit float64
	}{{fLatitude, lat, &p.Lat, 90}, {fLongitude, lon, &p.Lon, 180}} {
		if c.s == "" {
			other := "longitude"
			if c.f == fLongitude {
				other = "latitude"
			}
			if l.index[c.f] < 0 {
				// The column is absent: report against the column that is there.
				f := fLatitude + fLongitude - c.f
				bad(f, fmt.Sprintf("%s given without %s", fieldNames[f], fieldNames[c.f]))
			} else {
				bad(c.f, fmt.Sprintf("empty, but %s is given: give both or neither", other))
			}
			ok = false
			continue
		}
		v, err := strconv.ParseFloat(c.s, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			bad(c.f, fmt.Sprintf("cannot parse %q as decimal degrees", c.s))
			ok = false
			continue
		}
		if math.Abs(v) > c.limit {
			bad(c.f, fmt.Sprintf("%s is outside -%g to %g", c.s, c.limit, c.limit))
			ok = false
			continue
		}
		*c.v = v
	}
	if ok {
		inc.Position = &p
	}
}

func (l *loader) columnName(f field) string {
	if i := l.index[f]; i >= 0 {
		return strings.TrimSpace(l.ds.Header[i])
	}
	return fieldNames[f]
}

// problem records a problem with the field at record position i of the
// current row.
func (l *loader) problem(i int, column, value, reason string) {
	if i < 0 {
		i = 0
	}
	start, _ := l.cr.FieldPos(0)
	line, col := l.cr.FieldPos(i)
	l.problems = append(l.problems, Problem{Line: start, FieldLine: line, Col: col, Column: column, Value: value, Reason: reason})
}

func (l *loader) reject(rec []string) {
	l.file(Rejected, rec)
	l.ds.Rows.Rejected++
}

// file moves the current row's problems into the dataset with status s.
func (l *loader) file(s Status, rec []string) {
	record := append([]string(nil), rec...)
	for _, p := range l.problems {
		p.Status = s
		p.Record = record
		l.ds.Problems = append(l.ds.Problems, p)
	}
}

// rejectUnparsable files a record that is not valid CSV.
func (l *loader) rejectUnparsable(pe *csv.ParseError, rec []string) {
	l.ds.Rows.Read++
	l.ds.Rows.Rejected++
	reason := pe.Err.Error()
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		reason = `a quote (") inside a value that does not start with one: quote the whole value and double the quotes inside it`
	case errors.Is(pe.Err, csv.ErrQuote) && pe.Line > pe.StartLine:
		reason = fmt.Sprintf(`a quoted value opened here is not closed properly, so lines %d to %d were read as one row: check the quotes`, pe.StartLine, pe.Line)
	case errors.Is(pe.Err, csv.ErrQuote):
		reason = `a quoted value is not closed properly: a quote must be followed by a comma or the end of the line, and quotes inside are doubled`
	}
	col := pe.Column
	if pe.Line != pe.StartLine {
		col = 1 // pe.Column is on pe.Line, not on the line the row starts
	}
	l.ds.Problems = append(l.ds.Problems, Problem{
		Status: Rejected, Line: pe.StartLine, FieldLine: pe.StartLine, Col: col, Reason: reason,
		Record: append([]string(nil), rec...),
	})
}

// dropEmptyExtras removes the extra columns with no header and no values.
func (l *loader) dropEmptyExtras() {
	keep := make([]int, 0, len(l.extra))
	for j, i := range l.extra {
		if strings.TrimSpace(l.ds.Header[i]) != "" || l.extraUsed[j] {
			keep = append(keep, j)
		}
	}
	if len(keep) == len(l.extra) {
		return
	}
	names := make([]string, len(keep))
	for k, j := range keep {
		names[k] = l.ds.ExtraColumns[j]
	}
	l.ds.ExtraColumns = names
	for n := range l.ds.Incidents {
		inc := &l.ds.Incidents[n]
		kept := make([]string, len(keep))
		for k, j := range keep {
			kept[k] = inc.Extra[j]
		}
		inc.Extra = kept
	}
}

// parseDate parses a YYYY-MM-DD date; the reason is "" on success.
func parseDate(s string) (time.Time, string) {
	d, err := time.Parse(time.DateOnly, s)
	if err == nil {
		return d, ""
	}
	if len(s) == 10 && s[4] == '-' && s[7] == '-' && digits(s[:4]) && digits(s[5:7]) && digits(s[8:]) {
		return time.Time{}, fmt.Sprintf("%q is not a calendar date", s)
	}
	return time.Time{}, fmt.Sprintf("cannot parse %q as a date: want YYYY-MM-DD", s)
}

// parseClock parses H:MM or HH:MM, 00:00 to 23:59, into "HH:MM".
func parseClock(s string) (string, bool) {
	h, m, ok := strings.Cut(s, ":")
	if !ok || len(h) < 1 || len(h) > 2 || len(m) != 2 || !digits(h) || !digits(m) {
		return "", false
	}
	hh, _ := strconv.Atoi(h)
	mm, _ := strconv.Atoi(m)
	if hh > 23 || mm > 59 {
		return "", false
	}
	if len(h) == 2 {
		return s, true
	}
	return "0" + s, true
}

// parseCount parses a non-negative whole number; the reason is "" on
// success.
func parseCount(s string) (int, string) {
	if digits(s) {
		n, err := strconv.Atoi(s)
		if err != nil {
			return 0, fmt.Sprintf("%s is too large", s)
		}
		return n, ""
	}
	f, err := strconv.ParseFloat(s, 64)
	switch {
	case err != nil:
		return 0, fmt.Sprintf("cannot parse %q as a number", s)
	case f < 0:
		return 0, fmt.Sprintf("%s is negative: want a count of 0 or more", s)
	default:
		return 0, fmt.Sprintf("%s is not a whole number", s)
	}
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// splitURLs splits a source_url cell on ";", dropping empty parts.
func splitURLs(s string) []string {
	if s == "" {
		return nil
	}
	var urls []string
	for _, u := range strings.Split(s, ";") {
		if u = strings.TrimSpace(u); u != "" {
			urls = append(urls, u)
		}
	}
	return urls
}
