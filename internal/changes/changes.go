// Package changes says what changed between two runs of the report: which
// counted incidents were added, removed or edited, and how each month's
// count moved. Late reports that change past months are the norm in this
// field, so a briefing wants to say "March is now 14, was 12: two late
// reports" rather than leave the reader to spot it.
//
// # The snapshot
//
// Each run writes a snapshot of its counted rows, incidents.snapshot.csv:
// a header, then one CSV row per counted incident, in input order, with
// the columns
//
//	id, hash, date, precision, month, site, province, country, target_type,
//	weapon, munitions, intercepted, killed, wounded, outcome, confidence
//
// date is YYYY-MM-DD, month YYYY-MM (the month the row counts in),
// precision day, week or month; the counts are the numbers reported, empty
// when the input left them empty ("not reported"); the other fields are
// the report's codes and names (site as the gazetteer names it). hash is
// the 64-bit FNV-1a hash of every field but id, as 16 hex digits: a
// fingerprint of what the row counts, checked when a snapshot is read, so
// a snapshot edited by hand is refused rather than misread. Only what the
// figures count is kept: a change of notes, sources or time is not a
// change here.
//
// # Matching rows
//
// A row with an id is matched by its id: the same id with other fields is
// edited, and the edit lists the fields that changed. A row without an id
// has nothing that survives an edit (its line moves as rows are added
// above it), so it is matched by all its fields together: it is unchanged,
// added or removed, never edited; a corrected id-less row shows as one
// removed and one added. Repeated id-less rows with the same fields are
// matched one for one.
//
// # Memory
//
// Compare holds the previous snapshot's rows in memory, an estimated 200
// to 300 bytes a row besides the changes it finds (the shipped data set
// has 152 rows; a million would take a few hundred MB), and reads the
// current one as a stream.
package changes

import (
	"bufio"
	"cmp"
	"encoding/binary"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"report/internal/incident"
)

// FileName is the snapshot's name in a report's output directory.
const FileName = "incidents.snapshot.csv"

// Row is one counted incident as a snapshot holds it: the fields the
// figures count, as text. A count not reported is "".
type Row struct {
	ID         string
	Date       string // YYYY-MM-DD
	Precision  string // day, week or month
	Month      string // YYYY-MM
	Site       string
	Province   string
	Country    string
	TargetType string
	Weapon     string
	Munitions  string
	// Intercepted, Killed and Wounded are "" when not reported.
	Intercepted string
	Killed      string
	Wounded     string
	Outcome     string
	Confidence  string
}

// field is a counted field of a Row: its column name and where it is.
type field struct {
	name string
	get  func(*Row) *string
}

// fields are the counted fields, in column order after id and hash.
var fields = []field{
	{"date", func(r *Row) *string { return &r.Date }},
	{"precision", func(r *Row) *string { return &r.Precision }},
	{"month", func(r *Row) *string { return &r.Month }},
	{"site", func(r *Row) *string { return &r.Site }},
	{"province", func(r *Row) *string { return &r.Province }},
	{"country", func(r *Row) *string { return &r.Country }},
	{"target_type", func(r *Row) *string { return &r.TargetType }},
	{"weapon", func(r *Row) *string { return &r.Weapon }},
	{"munitions", func(r *Row) *string { return &r.Munitions }},
	{"intercepted", func(r *Row) *string { return &r.Intercepted }},
	{"killed", func(r *Row) *string { return &r.Killed }},
	{"wounded", func(r *Row) *string { return &r.Wounded }},
	{"outcome", func(r *Row) *string { return &r.Outcome }},
	{"confidence", func(r *Row) *string { return &r.Confidence }},
}

// Header returns the snapshot's columns.
func Header() []string {
	h := []string{"id", "hash"}
	for _, f := range fields {
		h = append(h, f.name)
	}
	return h
}

// Hash returns the row's hash: FNV-1a 64 of its fields but id, each
// followed by a 0x1f byte, as 16 lower-case hex digits.
func (r *Row) Hash() string {
	h := uint64(fnvOffset)
	for _, f := range fields {
		h = fnvAdd(h, *f.get(r))
	}
	return string(appendHex(nil, h))
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// fnvAdd adds s and a 0x1f byte to the FNV-1a hash h.
func fnvAdd[T string | []byte](h uint64, s T) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return (h ^ 0x1f) * fnvPrime
}

// appendHex appends h as 16 lower-case hex digits.
func appendHex(dst []byte, h uint64) []byte {
	const digits = "0123456789abcdef"
	for shift := 60; shift >= 0; shift -= 4 {
		dst = append(dst, digits[h>>shift&0xf])
	}
	return dst
}

// content is the row's fields but id, as one string, each field led by
// its length: how a row without an id is matched, and how the previous
// rows wait for the current ones.
func (r *Row) content() string {
	var b []byte
	for _, f := range fields {
		v := *f.get(r)
		b = binary.AppendUvarint(b, uint64(len(v)))
		b = append(b, v...)
	}
	return string(b)
}

// rowOf returns the row with id and content (see Row.content).
func rowOf(id, content string) Row {
	r := Row{ID: id}
	for _, f := range fields {
		n, k := binary.Uvarint([]byte(content))
		*f.get(&r), content = content[k:k+int(n)], content[k+int(n):]
	}
	return r
}

// Writer writes a snapshot one counted incident at a time, through a
// buffer: a snapshot is complete once Flush returned nil. The header is
// written with the first row, or by Flush when there is none. Add does
// not allocate: it is on the path of every row a run reads.
type Writer struct {
	w      *bufio.Writer
	header bool
	// vals holds the values of a row's fields, one after another, and
	// ends where each ends; line is the row as written.
	vals, line []byte
	ends       [numFields]int
}

const numFields = 14

// NewWriter returns a Writer that writes a snapshot to w.
func NewWriter(w io.Writer) *Writer {
	return &Writer{w: bufio.NewWriterSize(w, 64<<10)}
}

// Add writes the row of a counted incident. A carriage return before a
// line feed in a value is dropped, as encoding/csv drops it on reading.
func (w *Writer) Add(inc *incident.Incident) error {
	if err := w.writeHeader(); err != nil {
		return err
	}
	v := w.vals[:0]
	n := 0
	end := func() { w.ends[n] = len(v); n++ }
	text := func(s string) {
		for i := 0; i < len(s); i++ {
			if s[i] != '\r' || i+1 == len(s) || s[i+1] != '\n' {
				v = append(v, s[i])
			}
		}
		end()
	}
	count := func(c incident.Count) {
		if c.Known {
			v = strconv.AppendInt(v, int64(c.N), 10)
		}
		end()
	}
	v = inc.Date.AppendFormat(v, time.DateOnly)
	end()
	text(inc.Precision.String())
	v = inc.Date.AppendFormat(v, "2006-01")
	end()
	text(inc.Site)
	text(inc.Province)
	text(inc.Country)
	text(string(inc.TargetType))
	text(inc.Weapon.String())
	count(inc.Munitions)
	count(inc.Intercepted)
	count(inc.Killed)
	count(inc.Wounded)
	text(string(inc.Outcome))
	text(string(inc.Confidence))
	w.vals = v

	h := uint64(fnvOffset)
	start := 0
	for _, e := range w.ends {
		h = fnvAdd(h, v[start:e])
		start = e
	}
	line := appendField(w.line[:0], []byte(inc.ID))
	line = append(line, ',')
	line = appendHex(line, h)
	start = 0
	for _, e := range w.ends {
		line = append(line, ',')
		line = appendField(line, v[start:e])
		start = e
	}
	w.line = append(line, '\n')
	_, err := w.w.Write(w.line)
	return err
}

// appendField appends a CSV field, quoted when it holds a comma, a quote,
// a line break or leading white space.
func appendField(dst, f []byte) []byte {
	quote := len(f) > 0 && (f[0] == ' ' || f[0] == '\t')
	for i := 0; i < len(f) && !quote; i++ {
		quote = f[i] == ',' || f[i] == '"' || f[i] == '\r' || f[i] == '\n'
	}
	if !quote {
		return append(dst, f...)
	}
	dst = append(dst, '"')
	for _, c := range f {
		if c == '"' {
			dst = append(dst, '"')
		}
		dst = append(dst, c)
	}
	return append(dst, '"')
}

func (w *Writer) writeHeader() error {
	if w.header {
		return nil
	}
	w.header = true
	_, err := w.w.WriteString(strings.Join(Header(), ",") + "\n")
	return err
}

// Flush writes what is buffered, and the header if no row was added.
func (w *Writer) Flush() error {
	if err := w.writeHeader(); err != nil {
		return err
	}
	return w.w.Flush()
}

// ParseError is a snapshot that cannot be read: which one ("previous" or
// "current"), the line, and why.
type ParseError struct {
	Snapshot string
	Line     int // 0 when the problem is not with one line
	Err      error
}

func (e *ParseError) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s snapshot: %v", e.Snapshot, e.Err)
	}
	return fmt.Sprintf("%s snapshot: line %d: %v", e.Snapshot, e.Line, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

// ErrNotSnapshot is the error of a file whose header is not a snapshot's.
var ErrNotSnapshot = errors.New("not an incidents snapshot")

// reader reads a snapshot row by row.
type reader struct {
	name string
	r    *csv.Reader
}

func newReader(name string, r io.Reader) (*reader, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	rd := &reader{name: name, r: cr}
	rec, err := cr.Read()
	if err == io.EOF {
		return nil, &ParseError{name, 0, fmt.Errorf("%w: the file is empty", ErrNotSnapshot)}
	}
	if err != nil {
		return nil, rd.error(err)
	}
	if !slices.Equal(rec, Header()) {
		return nil, &ParseError{name, 1, fmt.Errorf("%w: header %q, want %q", ErrNotSnapshot, rec, Header())}
	}
	return rd, nil
}

func (rd *reader) error(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &ParseError{rd.name, pe.StartLine, pe.Err}
	}
	return &ParseError{rd.name, 0, err}
}

// read returns the next row; io.EOF after the last.
func (rd *reader) read() (Row, error) {
	rec, err := rd.r.Read()
	if err == io.EOF {
		return Row{}, io.EOF
	}
	if err != nil {
		return Row{}, rd.error(err)
	}
	line, _ := rd.r.FieldPos(0)
	fail := func(format string, args ...any) (Row, error) {
		return Row{}, &ParseError{rd.name, line, fmt.Errorf(format, args...)}
	}
	if len(rec) != 2+len(fields) {
		return fail("%d fields, want %d", len(rec), 2+len(fields))
	}
	r := Row{ID: rec[0]}
	for i, f := range fields {
		*f.get(&r) = rec[2+i]
	}
	if h := r.Hash(); rec[1] != h {
		return fail("hash %q does not match the row's fields (%s): the file was changed after the run wrote it", rec[1], h)
	}
	if _, err := time.Parse(time.DateOnly, r.Date); err != nil {
		return fail("date %q: want YYYY-MM-DD", r.Date)
	}
	if m := r.Date[:7]; r.Month != m {
		return fail("month %q is not the month of date %s", r.Month, r.Date)
	}
	return r, nil
}

// Changes is what changed from a previous snapshot to the current one.
type Changes struct {
	// Before and After are the counted rows of each.
	Before, After int
	// Added are the current rows the previous snapshot did not have,
	// Removed the previous rows the current one does not have; both by
	// date, then id, then the other fields.
	Added, Removed []Row
	// Edited are the rows whose id is in both with other fields, by the
	// current date, then id.
	Edited []Edit
	// ByMonth holds every month a row was added to or removed from, or
	// an edit moved a row into or out of, in month order: the net effect
	// may be 0.
	ByMonth []MonthDelta
}

// Edit is a row with the same id in both snapshots and other fields.
type Edit struct {
	ID            string
	Before, After Row
	// Fields are the fields that differ, in column order.
	Fields []FieldChange
}

// FieldChange is one field of an edited row: its column name, and its
// values before and after ("" for a count not reported).
type FieldChange struct {
	Field, Before, After string
}

// MonthDelta is a month's count of counted incidents in each snapshot.
type MonthDelta struct {
	Month                string // YYYY-MM
	Before, After, Delta int
}

// Empty reports whether nothing changed.
func (c *Changes) Empty() bool {
	return len(c.Added) == 0 && len(c.Removed) == 0 && len(c.Edited) == 0
}

// Compare reads the previous snapshot into memory, then the current one
// as a stream, and returns what changed. A row that cannot be read, a
// header that is not a snapshot's, or an id that repeats in the previous
// snapshot is a *ParseError naming the snapshot and line.
func Compare(previous, current io.Reader) (*Changes, error) {
	// The previous rows wait as their content: by id, or counted by
	// content when they have none.
	byID := map[string]string{}
	byContent := map[string]int{}
	months := map[string]*MonthDelta{}
	touched := map[string]bool{}
	month := func(m string) *MonthDelta {
		d := months[m]
		if d == nil {
			d = &MonthDelta{Month: m}
			months[m] = d
		}
		return d
	}
	c := &Changes{}

	prev, err := newReader("previous", previous)
	if err != nil {
		return nil, err
	}
	lines := map[string]int{}
	for {
		r, err := prev.read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		c.Before++
		month(r.Month).Before++
		if r.ID == "" {
			byContent[r.content()]++
			continue
		}
		line, _ := prev.r.FieldPos(0)
		if first, ok := lines[r.ID]; ok {
			return nil, &ParseError{"previous", line, fmt.Errorf("id %q repeats line %d", r.ID, first)}
		}
		lines[r.ID] = line
		byID[r.ID] = r.content()
	}
	lines = nil

	cur, err := newReader("current", current)
	if err != nil {
		return nil, err
	}
	for {
		r, err := cur.read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		c.After++
		month(r.Month).After++
		if r.ID == "" {
			k := r.content()
			if n := byContent[k]; n > 0 {
				if n == 1 {
					delete(byContent, k)
				} else {
					byContent[k] = n - 1
				}
				continue
			}
			c.Added = append(c.Added, r)
			touched[r.Month] = true
			continue
		}
		content, ok := byID[r.ID]
		if !ok {
			c.Added = append(c.Added, r)
			touched[r.Month] = true
			continue
		}
		delete(byID, r.ID)
		p := rowOf(r.ID, content)
		if e, ok := diff(&p, &r); ok {
			c.Edited = append(c.Edited, e)
			if p.Month != r.Month {
				touched[p.Month], touched[r.Month] = true, true
			}
		}
	}
	for id, content := range byID {
		c.Removed = append(c.Removed, rowOf(id, content))
	}
	for content, n := range byContent {
		for range n {
			c.Removed = append(c.Removed, rowOf("", content))
		}
	}
	for _, r := range c.Removed {
		touched[r.Month] = true
	}

	slices.SortFunc(c.Added, compareRows)
	slices.SortFunc(c.Removed, compareRows)
	slices.SortFunc(c.Edited, func(a, b Edit) int {
		return cmp.Or(cmp.Compare(a.After.Date, b.After.Date), cmp.Compare(a.ID, b.ID))
	})
	for m := range touched {
		d := months[m]
		d.Delta = d.After - d.Before
		c.ByMonth = append(c.ByMonth, *d)
	}
	slices.SortFunc(c.ByMonth, func(a, b MonthDelta) int { return cmp.Compare(a.Month, b.Month) })
	return c, nil
}

// diff returns the edit from p to r, and false when they are the same.
func diff(p, r *Row) (Edit, bool) {
	e := Edit{ID: r.ID, Before: *p, After: *r}
	for _, f := range fields {
		if b, a := *f.get(p), *f.get(r); b != a {
			e.Fields = append(e.Fields, FieldChange{f.name, b, a})
		}
	}
	return e, len(e.Fields) > 0
}

// compareRows orders rows by date, id, then their other fields. It
// builds the other fields only for rows equal in date and id.
func compareRows(a, b Row) int {
	if c := cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.ID, b.ID)); c != 0 {
		return c
	}
	return cmp.Compare(a.content(), b.content())
}
