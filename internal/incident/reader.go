package incident

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"
)

// Options adjusts a Reader. The zero value gives the default behaviour.
type Options struct {
	// Exclude reports whether a valid row is left out of the counts, with
	// the column and the reason to show. Nil means ExcludeFoiled. It is
	// called from several goroutines at once.
	Exclude func(*Incident) (column, reason string, excluded bool)
	// Workers is the number of goroutines that parse and check rows; 0
	// means runtime.GOMAXPROCS(0), 1 reads on the caller's goroutine.
	// Rows come out in file order, the same whatever the number.
	Workers int
	// ChunkSize is about how many bytes of the file a worker checks at a
	// time; 0 means 512 KiB. The Reader holds about 2*Workers+2 chunks
	// and their rows at a time.
	ChunkSize int
	// Format is the name of the format to read ("canonical", "acled",
	// "gtd"); "" tells it from the header.
	Format string
	// Comma is the field delimiter; 0 tells it from the header line
	// (comma, semicolon or tab, see SniffDelimiter).
	Comma rune
	// Dates reads the date cells. Its Order applies to slashed dates; when
	// it is DateOrderUnknown the file's own dates decide it (see Read).
	Dates DateParser
	// Weapons maps weapon cells to weapons; nil means DefaultWeaponTerms.
	// A cell it does not know is counted as other and listed (see
	// Unmapped).
	Weapons *WeaponTerms
	// Sites, when set, names each row's site as the gazetteer does, with
	// its group, and fills in the row's province, position and target
	// type when the row has none. A site it does not know stays as
	// written and is listed (see UnknownSites).
	Sites *Gazetteer
	// MergeProbable files the later row of each probable duplicate (see
	// Row.Probable) as a duplicate instead of counting it.
	MergeProbable bool
}

// ExcludeFoiled excludes incidents with outcome foiled: attacks that were
// never launched.
func ExcludeFoiled(inc *Incident) (column, reason string, excluded bool) {
	if inc.Outcome == Foiled {
		return "outcome", "foiled: never launched, so not counted as an attack", true
	}
	return "", "", false
}

// Row is one data row of the file, read and filed.
type Row struct {
	Status Status
	// Incident is the row as read. It is complete for a counted,
	// excluded or duplicate row and partial for a rejected one.
	Incident Incident
	// Problems says why the row is not counted: one problem for an
	// excluded or duplicate row, one per bad field for a rejected one,
	// none for a counted one.
	Problems []Problem
	// Record holds the row's values as read, in header order; a row of the
	// wrong length has its own number of values.
	Record []string
	// Probable is, for a counted row, the earlier counted row it probably
	// reports again (see Reader); nil when none. With
	// Options.MergeProbable the row is a duplicate instead.
	Probable *ProbablePair

	// excluded is set when Options.Exclude or the format's adapter left
	// the row out.
	excluded bool
	// slashed is the date cell when it is a slashed date, and unmapped the
	// weapon cell when no weapon term matched it.
	slashed, unmapped string
	// idLine and idCol are the position of the id field.
	idLine, idCol int
}

// Reader reads an incident CSV one row at a time, in the manner of
// encoding/csv, filing every data row as counted, excluded, duplicate or
// rejected. Its memory does not grow with the file, except for the set of
// ids it has seen (a few bytes more than each id).
//
// Rows whose values are all empty (blank lines, or separators only) are
// not rows. Line numbers are physical lines of the file: the header is
// line 1, and a quoted value may span lines.
type Reader struct {
	s        *schema
	opts     Options
	encoding Encoding
	src      *chunks
	ids      idSet
	rows     Accounting
	cur      *chunk
	next     int // the index in cur.rows of the row Read returns next
	err      error
	slashed  SlashedOrder
	unmapped unmappedTerms
	unknown  unmappedTerms // sites the gazetteer does not know
	firsts   firstRows
	probable probableIndex
}

// NewReader reads the header of the incident CSV r (a leading byte-order
// mark is skipped) and returns a Reader of its rows. It fails for a file
// with no header (ErrEmpty), a header it cannot use (*PositionError,
// *MissingColumnsError) or a read error. Close the Reader when done with
// it before reading to the end.
func NewReader(r io.Reader, opts Options) (*Reader, error) {
	opts = opts.withDefaults()
	// The encoding, from the first 64 KiB: UTF-8 (a byte-order mark
	// skipped), else Windows-1252 or UTF-16 with a byte-order mark.
	br := bufio.NewReaderSize(r, 64<<10)
	prefix, perr := br.Peek(64 << 10)
	enc := SniffEncoding(prefix, perr != nil)
	src := NewDecodingReader(br, enc)
	// Read the header from a first block, made longer until the header
	// record ends inside it.
	var first []byte
	eof := false
	for size := max(opts.ChunkSize, 4096); ; size *= 2 {
		var err error
		first, eof, err = fill(src, first, size)
		if err != nil {
			return nil, err
		}
		comma := opts.Comma
		if comma == 0 {
			if comma, err = SniffDelimiter(first); err != nil {
				return nil, err
			}
		}
		cr := csv.NewReader(bytes.NewReader(first))
		cr.FieldsPerRecord = -1
		cr.Comma = comma
		header, err := cr.Read()
		off := int(cr.InputOffset())
		if err == io.EOF {
			return nil, ErrEmpty
		}
		if off == len(first) && !eof {
			continue // the header may go on in what is not read yet
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &PositionError{Line: pe.Line, Col: pe.Column, Column: "header", Err: pe.Err}
			}
			return nil, err
		}
		s, err := schemaFor(header, opts, cr.FieldPos)
		if err != nil {
			return nil, err
		}
		opts.Comma = comma
		rd := &Reader{s: s, ids: newIDSet(), opts: opts, encoding: enc}
		rd.probable.place = s.column("place")
		rd.src = newChunks(s, opts, src, first[off:], eof, bytes.Count(first[:off], []byte{'\n'}))
		return rd, nil
	}
}

// withDefaults fills in the defaults of the zero fields.
func (o Options) withDefaults() Options {
	if o.Exclude == nil {
		o.Exclude = ExcludeFoiled
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.ChunkSize <= 0 {
		o.ChunkSize = 512 << 10
	}
	if o.Weapons == nil {
		o.Weapons = DefaultWeaponTerms()
	}
	return o
}

// schemaFor maps a header: of the format named, or of the format it fits
// when name is "".
func schemaFor(header []string, opts Options, pos fieldPos) (*schema, error) {
	name := opts.Format
	var f *Format
	var err error
	if name != "" {
		if f, err = FormatByName(name); err != nil {
			return nil, err
		}
		if missing := f.missing(columnSet(header)); missing != nil {
			e := &MissingColumnsError{Missing: missing, Found: header}
			if f != Formats[0] {
				e.Resembles = f.Label
			}
			return nil, e
		}
	} else if f, err = detectFormat(header); err != nil {
		return nil, err
	}
	if f.adapter == nil {
		s, err := newSchema(header, pos)
		if s != nil {
			s.format = f
		}
		return s, err
	}
	ad, err := f.adapter(header, opts.Weapons)
	if err != nil {
		return nil, err
	}
	return newAdaptedSchema(header, f, ad), nil
}

// fill reads from r until buf holds size bytes or r ends, and says
// whether it ended.
func fill(r io.Reader, buf []byte, size int) ([]byte, bool, error) {
	if cap(buf) < size {
		buf = append(make([]byte, 0, size), buf...)
	}
	n, err := io.ReadFull(r, buf[len(buf):size])
	buf = buf[:len(buf)+n]
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return buf, true, nil
	}
	return buf, false, err
}

// Header returns the header's column names as written, in file order.
func (r *Reader) Header() []string { return r.s.header }

// ExtraColumns names the columns outside the schema, in file order;
// Incident.Extra follows this order. A column with an empty header is
// named "column N", N counted from 1.
func (r *Reader) ExtraColumns() []string { return r.s.extraNames }

// MemoryHeld returns the memory held for the ids seen so far and for
// finding probable duplicates: the parts of a Reader's memory that grow
// with the file.
func (r *Reader) MemoryHeld() int64 { return r.ids.bytes() + r.probable.bytes() }

// Rows returns the accounting of the rows read so far.
func (r *Reader) Rows() Accounting { return r.rows }

// Read returns the next row. The Row and what it holds are valid until
// the next call to Read. At the end of the file Read returns io.EOF, or
// ErrNoRows when the file has no data rows; it returns other errors only
// for a failure to read the file, or for slashed dates that need another
// reading: a *DateOrderError when the file's slashed dates mix the two
// orders, or when some fit both and none decides; a *DateOrderDecided
// when Options.Dates.Order was not given and the file decided it after
// rows that fit both orders were rejected for want of it, so that the
// caller reads the file again with that order. A bad row is not an error:
// it comes back filed as Rejected, with its problems.
func (r *Reader) Read() (*Row, error) {
	for {
		if r.cur != nil && r.next < len(r.cur.rows) {
			row := &r.cur.rows[r.next]
			r.next++
			r.file(row)
			return row, nil
		}
		if r.err != nil {
			return nil, r.err
		}
		ch, err := r.src.next()
		if err == io.EOF {
			if derr := r.dateOrder(); derr != nil {
				err = derr
			} else if r.rows.Read == 0 {
				err = ErrNoRows
			}
		}
		r.cur, r.next, r.err = ch, 0, err
	}
}

// Close stops the goroutines reading ahead. It is safe to call more than
// once, and after the end of the file.
func (r *Reader) Close() {
	r.src.close()
	r.firsts.close()
}

// file gives a row its status, deciding duplicates in file order, and
// counts it.
func (r *Reader) file(row *Row) {
	r.rows.Read++
	inc := &row.Incident
	switch {
	case row.Status == Rejected:
		r.rows.Rejected++
	case inc.ID != "" && r.sameID(row):
		row.Status = Duplicate
		r.rows.Duplicates++
	case row.excluded:
		row.Status = Excluded
		r.rows.Excluded++
	default:
		pair := r.probable.check(inc, r.place(row))
		if pair != nil && r.opts.MergeProbable {
			row.Status = Duplicate
			r.rows.Duplicates++
			i, name := r.siteColumn()
			row.Problems = []Problem{{Line: inc.Line, FieldLine: inc.Line, Col: 1, Column: name,
				Value: row.valueAt(i), Reason: pair.Reason() + " (merged by -merge-probable)"}}
			break
		}
		row.Status = Counted
		row.Probable = pair
		r.rows.Counted++
		if row.unmapped != "" {
			r.unmapped.add(row.unmapped, inc.Line)
		}
		if r.opts.Sites != nil && !inc.KnownSite {
			r.unknown.add(inc.Site, inc.Line)
		}
	}
	for i := range row.Problems {
		row.Problems[i].Status = row.Status
		row.Problems[i].Record = row.Record
	}
	if row.slashed != "" {
		r.slashed.Observe(row.slashed, inc.Line)
	}
}

// sameID reports whether an earlier row had the row's id, and if so
// gives the row its problem. The first row of each id is kept on disk to
// compare later ones with; a duplicate is not.
func (r *Reader) sameID(row *Row) bool {
	inc := &row.Incident
	first, ref, dup := r.ids.add(inc.ID, inc.Line, r.firsts.next())
	if !dup {
		r.firsts.put(row.Record)
		return false
	}
	p := Problem{Line: inc.Line, FieldLine: row.idLine, Col: row.idCol,
		Column: r.s.columnName(fID), Value: inc.ID}
	if earlier, err := r.firsts.get(ref); err != nil {
		p.Reason = fmt.Sprintf("duplicate of line %d, which has the same id (not compared: %v)", first, err)
	} else if p.Differs = differing(r.s.header, earlier, row.Record); p.Differs == nil {
		p.Reason = fmt.Sprintf("duplicate of line %d, which has the same id and the same values", first)
	} else {
		p.Reason = fmt.Sprintf("duplicate of line %d, which has the same id but differs in %s", first, strings.Join(p.Differs, ", "))
	}
	row.Problems = []Problem{p}
	return true
}

// place returns a row's place column (the town of a convoy hit), "" when
// the file has none.
func (r *Reader) place(row *Row) string {
	if r.probable.place < 0 {
		return ""
	}
	return strings.TrimSpace(row.valueAt(r.probable.place))
}

// siteColumn returns the record position and name of the site column.
func (r *Reader) siteColumn() (int, string) {
	if r.s.ad == nil {
		return r.s.index[fSite], r.s.columnName(fSite)
	}
	return 0, fieldNames[fSite]
}

func (row *Row) valueAt(i int) string {
	if i >= 0 && i < len(row.Record) {
		return row.Record[i]
	}
	return ""
}

// UnknownSites returns the sites of counted rows that the gazetteer
// (Options.Sites) does not know, kept as written: most rows first.
func (r *Reader) UnknownSites() []TermCount { return r.unknown.sorted() }

// dateOrder checks the slashed dates seen, at the end of the file.
func (r *Reader) dateOrder() error {
	order, err := r.slashed.Order()
	if err != nil {
		var de *DateOrderError
		if errors.As(err, &de) && de.DayFirst.N == 0 && r.opts.Dates.Order != DateOrderUnknown {
			return nil // the order was given: nothing to decide
		}
		return err
	}
	if r.opts.Dates.Order == DateOrderUnknown && order != DateOrderUnknown && r.slashed.ambiguous.N > 0 {
		ex := r.slashed.dayFirst
		if order == MDY {
			ex = r.slashed.monthFirst
		}
		return &DateOrderDecided{Order: order, Example: ex}
	}
	return nil
}

// DateOrderDecided is what Read returns at the end of a file whose slashed
// dates decided their order only after rows that fit both orders were
// rejected: the file is to be read again with Options.Dates.Order set to
// Order.
type DateOrderDecided struct {
	Order DateOrder
	// Example is the first date that decided it.
	Example SlashedExample
}

func (e *DateOrderDecided) Error() string {
	first := "day first"
	if e.Order == MDY {
		first = "month first"
	}
	return fmt.Sprintf("slashed dates are %s, as %q on line %d shows: to be read again with -date-order %s",
		first, e.Example.Value, e.Example.Line, e.Order)
}

// Format returns the format of the file, as its header or
// Options.Format gave it.
func (r *Reader) Format() *Format { return r.s.format }

// Encoding returns the text encoding the file was read in.
func (r *Reader) Encoding() Encoding { return r.encoding }

// Comma returns the field delimiter the file was read with.
func (r *Reader) Comma() rune { return r.opts.Comma }

// Unmapped returns the weapon cells of counted rows that no weapon term
// matched, which were counted as other: most rows first, then by term.
func (r *Reader) Unmapped() []TermCount { return r.unmapped.sorted() }

// chunk is a piece of the file after the header, made of whole records
// (unless open), and its rows once checked.
type chunk struct {
	data []byte
	// lineBase is the file line of data's first line, less one.
	lineBase int
	// last is set on the chunk that ends the file.
	last bool
	// err is a read error that comes after data.
	err error

	rows []Row
	// tail is the offset in data of the last record, and tailRows the
	// number of rows before it; open says that record runs on past the
	// end of data inside a quoted value, so the chunk was cut in the wrong
	// place.
	tail, tailRows int
	open           bool
	done           chan struct{}
}

// chunks cuts the input into chunks, has them checked by workers and
// hands them back in file order.
type chunks struct {
	s    *schema
	opts Options
	r    io.Reader
	// rest is what is read but not yet in a chunk; eof says r has ended.
	rest     []byte
	eof      bool
	lineBase int

	// recs, when set, is where the records come from instead of r.
	recs RecordSource

	queue chan *chunk // in file order, when Workers > 1
	quit  chan struct{}
	once  sync.Once
}

func newChunks(s *schema, opts Options, r io.Reader, rest []byte, eof bool, lineBase int) *chunks {
	c := &chunks{s: s, opts: opts, r: r, rest: append([]byte(nil), rest...), eof: eof, lineBase: lineBase,
		quit: make(chan struct{})}
	if opts.Workers > 1 {
		// Enough chunks in flight to keep every worker busy, and no
		// more: each holds its rows.
		c.queue = make(chan *chunk, opts.Workers)
		work := make(chan *chunk, opts.Workers)
		go c.split(work)
		for range opts.Workers {
			go func() {
				for ch := range work {
					c.check(ch)
				}
			}()
		}
	}
	return c
}

// split cuts chunks and sends each to the queue, in order, and to the
// workers.
func (c *chunks) split(work chan<- *chunk) {
	defer close(work)
	defer close(c.queue)
	for {
		ch := c.cut()
		if ch == nil {
			return
		}
		select {
		case c.queue <- ch:
		case <-c.quit:
			return
		}
		select {
		case work <- ch:
		case <-c.quit:
			return
		}
	}
}

// next returns the next chunk with its rows checked, io.EOF after the
// last, or the chunk and a read error.
func (c *chunks) next() (*chunk, error) {
	if c.recs != nil {
		return c.nextRecords()
	}
	var ch *chunk
	if c.queue == nil {
		if ch = c.cut(); ch != nil {
			c.check(ch)
		}
	} else if got, ok := <-c.queue; ok {
		ch = got
		<-ch.done
	}
	if ch == nil {
		return nil, io.EOF
	}
	for ch.open {
		// The cut was inside a quoted value: check the open record again
		// with the chunk that follows it.
		var nx *chunk
		if c.queue == nil {
			nx = c.cut()
		} else if got, ok := <-c.queue; ok {
			nx = got
			<-nx.done
		}
		if nx == nil {
			break // cannot happen: the last chunk is never open
		}
		m := &chunk{
			data:     append(append([]byte(nil), ch.data[ch.tail:]...), nx.data...),
			lineBase: ch.lineBase + bytes.Count(ch.data[:ch.tail], []byte{'\n'}),
			last:     nx.last, err: nx.err, done: make(chan struct{}),
		}
		c.check(m)
		m.rows = append(ch.rows[:ch.tailRows:ch.tailRows], m.rows...)
		ch = m
	}
	return ch, ch.err
}

// cut returns the next chunk of input, or nil at the end. A chunk ends at
// a line end outside quotes as far as counting quotes can tell; check
// finds out when that was wrong.
func (c *chunks) cut() *chunk {
	size := c.opts.ChunkSize
	for {
		if !c.eof && len(c.rest) < size {
			var err error
			c.rest, c.eof, err = fill(c.r, c.rest, size)
			if err != nil {
				c.eof = true
				ch := &chunk{data: c.rest, lineBase: c.lineBase, last: true, err: err, done: make(chan struct{})}
				c.rest = nil
				return ch
			}
		}
		if len(c.rest) == 0 {
			return nil
		}
		end := len(c.rest)
		if !c.eof {
			end = cutPoint(c.rest)
			if end < 0 {
				size *= 2 // no line end outside quotes yet: read more
				continue
			}
		}
		ch := &chunk{data: c.rest[:end], lineBase: c.lineBase, last: c.eof && end == len(c.rest), done: make(chan struct{})}
		c.lineBase += bytes.Count(ch.data, []byte{'\n'})
		rest := make([]byte, len(c.rest)-end, c.opts.ChunkSize+len(c.rest)-end)
		copy(rest, c.rest[end:])
		c.rest = rest
		return ch
	}
}

// cutPoint returns the offset just after the last line end of b that has
// an even number of quotes before it, or -1.
func cutPoint(b []byte) int {
	quotes := bytes.Count(b, []byte{'"'})
	end := len(b)
	for {
		i := bytes.LastIndexByte(b[:end], '\n')
		if i < 0 {
			return -1
		}
		quotes -= bytes.Count(b[i:end], []byte{'"'})
		if quotes%2 == 0 {
			return i + 1
		}
		end = i
	}
}

// check parses and checks the records of ch.
func (c *chunks) check(ch *chunk) {
	defer close(ch.done)
	cr := csv.NewReader(bytes.NewReader(ch.data))
	cr.FieldsPerRecord = -1
	cr.Comma = c.opts.Comma
	// A record is at most a line: room for them all at once.
	ch.rows = make([]Row, 0, bytes.Count(ch.data, []byte{'\n'})+1)
	p := &rowParser{s: c.s, exclude: c.opts.Exclude, dates: c.opts.Dates, weapons: c.opts.Weapons, sites: c.opts.Sites,
		pos: cr.FieldPos, lineBase: ch.lineBase, utf8: utf8.Valid(ch.data)}
	for {
		start := int(cr.InputOffset())
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		ch.tail, ch.tailRows = start, len(ch.rows)
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			ch.rows = append(ch.rows, p.unparsable(pe, rec))
			continue
		}
		if blank(rec) {
			continue
		}
		ch.rows = append(ch.rows, p.row(rec))
	}
	ch.open = !ch.last && recordOpen(ch.data[ch.tail:], byte(c.opts.Comma))
}

// recordOpen reports whether the CSV record at the start of b (after any
// empty lines) reaches the end of b inside a quoted value, as
// encoding/csv reads it without LazyQuotes: a record cut short. A record
// with a misplaced quote ends at the end of the line where csv finds the
// error.
func recordOpen(b []byte, comma byte) bool {
	line := func() []byte {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			l := b
			b = nil
			return l
		}
		l := b[:i+1]
		b = b[i+1:]
		return l
	}
	// endOfLine reports whether l is only the line's end.
	endOfLine := func(l []byte) bool {
		return len(l) == 0 || string(l) == "\n" || string(l) == "\r\n"
	}
	l := line()
	for len(l) > 0 && endOfLine(l) {
		l = line()
	}
	if len(l) == 0 {
		return false
	}
	for {
		if l[0] != '"' {
			// An unquoted field: a quote in it ends the record with an
			// error, as does the end of the line.
			end := bytes.IndexByte(l, comma)
			field := l
			if end >= 0 {
				field = l[:end]
			}
			if end < 0 || bytes.IndexByte(field, '"') >= 0 {
				return false
			}
			l = l[end+1:]
			if len(l) == 0 {
				return false
			}
			continue
		}
		l = l[1:]
		for {
			q := bytes.IndexByte(l, '"')
			if q < 0 {
				if l = line(); len(l) == 0 {
					return true // the file ends inside the quotes
				}
				continue
			}
			l = l[q+1:]
			if len(l) > 0 && l[0] == '"' {
				l = l[1:] // a doubled quote
				continue
			}
			if len(l) > 0 && l[0] == comma {
				l = l[1:]
				break // the next field
			}
			return false // the end of the record, or a quote error
		}
		if len(l) == 0 {
			return false // a comma at the very end: csv adds an empty field
		}
	}
}

// close stops the goroutines.
func (c *chunks) close() {
	c.once.Do(func() {
		close(c.quit)
		if c.queue != nil {
			for range c.queue { // let split see quit
			}
		}
	})
}
