package incident

import (
	"errors"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// RecordSource gives the rows of a file that is not CSV, one record at a
// time: a spreadsheet's sheet, say (see package spreadsheet). Its first
// record is the header.
type RecordSource interface {
	// Read returns the next record, io.EOF after the last.
	Read() ([]string, error)
	// Pos returns the row and column, from 1, of field i of the record
	// last read.
	Pos(i int) (row, col int)
	// Name names the sheet, for positions such as Tracker!C12.
	Name() string
	// Date1904 says the source's date cells are Excel serial numbers
	// counted from 1904 rather than 1900.
	Date1904() bool
}

// recordBatch is how many records a Reader of a RecordSource checks at a
// time.
const recordBatch = 4096

// NewRecordReader returns a Reader of the rows of src, read as the
// incident CSV is (see NewReader) but for positions, which name the sheet
// and cell, and for dates and times, which may be Excel serial numbers:
// a number in the date column is a date, in the workbook's date system,
// and a number in the time column the time of day it stands for.
// Options.Comma and Options.Workers do not apply.
func NewRecordReader(src RecordSource, opts Options) (*Reader, error) {
	opts = opts.withDefaults()
	header, err := src.Read()
	if err == io.EOF {
		return nil, ErrEmpty
	}
	if err != nil {
		return nil, err
	}
	s, err := schemaFor(header, opts, src.Pos)
	if err != nil {
		var pe *PositionError
		if errors.As(err, &pe) {
			pe.Sheet = src.Name()
		}
		return nil, err
	}
	opts.Workers = 1
	rd := &Reader{s: s, ids: newIDSet(), opts: opts}
	rd.probable.place = s.column("place")
	rd.src = &chunks{s: s, opts: opts, recs: src, quit: make(chan struct{})}
	return rd, nil
}

// nextRecords reads and checks the next batch of records of c.recs.
func (c *chunks) nextRecords() (*chunk, error) {
	ch := &chunk{last: true, done: make(chan struct{})}
	defer close(ch.done)
	src := c.recs
	p := &rowParser{s: c.s, exclude: c.opts.Exclude, dates: c.opts.Dates, weapons: c.opts.Weapons, sites: c.opts.Sites,
		pos: src.Pos, sheet: src.Name(), serials: true, date1904: src.Date1904()}
	for len(ch.rows) < recordBatch {
		rec, err := src.Read()
		if err == io.EOF {
			if len(ch.rows) == 0 {
				return nil, io.EOF
			}
			break
		}
		if err != nil {
			ch.err = err
			break
		}
		if blank(rec) {
			continue
		}
		ch.rows = append(ch.rows, p.row(rec))
	}
	return ch, ch.err
}

// serialDate returns the date of an Excel serial number in the 1900 or
// 1904 date system ("44353" is 2021-06-06), and false for a cell that is
// not a plain number of a plausible day (1 to 2958465, 9999-12-31). In the
// 1900 system serial 60 is Excel's phantom 29 February 1900: it is
// refused.
func serialDate(s string, date1904 bool) (time.Time, bool) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(v) || v < 1 || v >= 2958466 {
		return time.Time{}, false
	}
	days := int(v)
	if date1904 {
		return time.Date(1904, time.January, 1+days, 0, 0, 0, 0, time.UTC), true
	}
	switch {
	case days == 60:
		return time.Time{}, false
	case days < 60:
		return time.Date(1899, time.December, 31+days, 0, 0, 0, 0, time.UTC), true
	}
	return time.Date(1899, time.December, 30+days, 0, 0, 0, 0, time.UTC), true
}

// serialTime returns the time of day "HH:MM" of an Excel serial number's
// fraction ("0.5" is 12:00), rounded to the minute, and false for a cell
// that is not a plain number.
func serialTime(s string) (string, bool) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		return "", false
	}
	minutes := int(math.Round((v-math.Floor(v))*24*60)) % (24 * 60)
	return time.Date(2000, 1, 1, minutes/60, minutes%60, 0, 0, time.UTC).Format("15:04"), true
}
