package incident

import (
	"fmt"
	"strings"
	"time"
)

// DefaultTimeZone is the site time zone that -tz gives by default: a
// date-time with an offset is converted to the local date there.
const DefaultTimeZone = "Asia/Baghdad"

// DateOrder is the order of day and month in slashed dates such as
// 03/04/2021. It is decided once for a whole file (see SlashedOrder), never
// row by row.
type DateOrder uint8

// The date orders.
const (
	// DateOrderUnknown means no order was given or decided: a slashed date
	// is read only when one order fits it.
	DateOrderUnknown DateOrder = iota
	// DMY is day first: 03/04/2021 is 3 April 2021.
	DMY
	// MDY is month first: 03/04/2021 is March 4, 2021.
	MDY
)

// String returns the order as -date-order spells it: "dmy", "mdy", or
// "unknown".
func (o DateOrder) String() string {
	switch o {
	case DMY:
		return "dmy"
	case MDY:
		return "mdy"
	}
	return "unknown"
}

// ParseDateOrder parses the value of -date-order: "dmy" or "mdy", any case.
func ParseDateOrder(s string) (DateOrder, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "dmy":
		return DMY, nil
	case "mdy":
		return MDY, nil
	}
	return DateOrderUnknown, fmt.Errorf("unknown date order %q: want dmy (day first) or mdy (month first)", s)
}

// DateParser reads the date cell of an incident row. Its zero value reads
// every form, slashed dates only when one order fits them, date-times in
// UTC, and no date is too late.
//
// The forms, surrounding space ignored:
//
//	2021-06-06                  ISO
//	2021-06-06T22:30:00+03:00   ISO date-time: "T" or a space, seconds and
//	                            fraction optional; offset Z, ±HH:MM, ±HHMM,
//	                            ±HH, or none for a time already local
//	06.06.2021                  dotted, day first
//	15/02/2021                  slashed, in the file's Order
//	6 June 2021, 06-Jun-2021    day, month name, year
//	June 6, 2021                month name, day, year (the comma optional)
//
// Day and month have 1 or 2 digits. Month names are English, in full or
// their first three letters, or "Sept", in any case. Years have 4 digits,
// or 2 outside ISO, read as Excel reads them: 00 to 29 are 2000 to 2029, 30
// to 99 are 1930 to 1999.
type DateParser struct {
	// Order is the order of day and month in slashed dates.
	Order DateOrder
	// Loc is the site's time zone: a date-time with an offset is converted
	// to the date there. Nil means UTC.
	Loc *time.Location
	// Today is the run's own date: a later date is rejected. Only its
	// year, month and day count, in its own location; the zero Time means
	// no date is too late.
	Today time.Time
}

// Parse returns the local date that s gives, at 00:00 UTC, and a reason
// for people when s is rejected ("" on success): s fits no form, is not a
// calendar date, is an ambiguous slashed date with an unknown Order, is
// before 1970, or is after Today.
func (p DateParser) Parse(s string) (time.Time, string) {
	s = strings.TrimSpace(s)
	y, m, d, reason := p.date(s)
	if reason != "" {
		return time.Time{}, reason
	}
	return p.inRange(time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC))
}

// inRange returns t, a date at 00:00 UTC, when it is neither before 1970
// nor after Today, and otherwise the reason why not.
func (p DateParser) inRange(t time.Time) (time.Time, string) {
	if t.Year() < 1970 {
		return time.Time{}, fmt.Sprintf("%s is before 1970", t.Format(time.DateOnly))
	}
	if !p.Today.IsZero() {
		ty, tm, td := p.Today.Date()
		if t.After(time.Date(ty, tm, td, 0, 0, 0, 0, time.UTC)) {
			return time.Time{}, fmt.Sprintf("%s is after today (%s)", t.Format(time.DateOnly), p.Today.Format(time.DateOnly))
		}
	}
	return t, ""
}

// dateForms closes the reason for a value that fits no form.
const dateForms = "want 2021-06-06, 06.06.2021, 15/02/2021, 6 June 2021, 06-Jun-21 or June 6, 2021"

func cannotParseDate(s string) string {
	return fmt.Sprintf("cannot parse %q as a date: %s", s, dateForms)
}

func notCalendarDate(s string) string {
	return fmt.Sprintf("%q is not a calendar date", s)
}

// date returns the year, month and day that s gives, or a reason.
func (p DateParser) date(s string) (y, m, d int, reason string) {
	if len(s) >= 10 && s[4] == '-' && s[7] == '-' {
		var ok bool
		if y, ok = atoiN(s[0:4]); ok {
			if m, ok = atoiN(s[5:7]); ok {
				d, ok = atoiN(s[8:10])
			}
		}
		if ok {
			return p.isoDate(s, y, m, d)
		}
	}
	if a, b, y, ok := splitSlashed(s); ok {
		return p.slashed(s, a, b, y)
	}
	return wordyDate(s)
}

// isoDate finishes an ISO date or date-time whose first ten bytes gave y,
// m and d.
func (p DateParser) isoDate(s string, y, m, d int) (int, int, int, string) {
	if len(s) > 10 && s[10] != 'T' && s[10] != 't' && s[10] != ' ' {
		return 0, 0, 0, cannotParseDate(s)
	}
	if !validDate(y, m, d) {
		return 0, 0, 0, notCalendarDate(s)
	}
	if len(s) == 10 {
		return y, m, d, ""
	}
	sec, offset, zoned, ok := parseISOTime(s[11:])
	if !ok {
		return 0, 0, 0, fmt.Sprintf("cannot parse %q as a date and time: want a form such as 2021-06-06T22:30:00+03:00", s)
	}
	if !zoned {
		return y, m, d, "" // a time without an offset is already local
	}
	loc := p.Loc
	if loc == nil {
		loc = time.UTC
	}
	t := time.Date(y, time.Month(m), d, 0, 0, sec-offset, 0, time.UTC).In(loc)
	ty, tm, td := t.Date()
	return ty, int(tm), td, ""
}

// parseISOTime parses "HH:MM[:SS[.fff]][zone]" with zone "", " " and a
// zone, "Z", "±HH:MM", "±HHMM" or "±HH". It returns the seconds since
// midnight, the zone's offset east of UTC in seconds, and whether a zone
// was given.
func parseISOTime(s string) (sec, offset int, zoned, ok bool) {
	if len(s) < 5 || s[2] != ':' {
		return 0, 0, false, false
	}
	hh, ok1 := atoiN(s[0:2])
	mm, ok2 := atoiN(s[3:5])
	if !ok1 || !ok2 || hh > 23 || mm > 59 {
		return 0, 0, false, false
	}
	sec = hh*3600 + mm*60
	s = s[5:]
	if len(s) >= 3 && s[0] == ':' {
		ss, ok := atoiN(s[1:3])
		if !ok || ss > 59 {
			return 0, 0, false, false
		}
		sec += ss
		s = s[3:]
		if len(s) >= 2 && (s[0] == '.' || s[0] == ',') && asciiDigit(s[1]) {
			i := 1
			for i < len(s) && asciiDigit(s[i]) {
				i++
			}
			s = s[i:]
		}
	}
	if len(s) > 1 && s[0] == ' ' {
		s = s[1:]
	}
	switch {
	case s == "":
		return sec, 0, false, true
	case s == "Z" || s == "z":
		return sec, 0, true, true
	case s[0] != '+' && s[0] != '-':
		return 0, 0, false, false
	}
	var zh, zm int
	var okh, okm bool
	switch z := s[1:]; len(z) {
	case 2:
		zh, okh = atoiN(z)
		okm = true
	case 4:
		zh, okh = atoiN(z[0:2])
		zm, okm = atoiN(z[2:4])
	case 5:
		zh, okh = atoiN(z[0:2])
		zm, okm = atoiN(z[3:5])
		okm = okm && z[2] == ':'
	}
	if !okh || !okm || zh > 23 || zm > 59 {
		return 0, 0, false, false
	}
	offset = zh*3600 + zm*60
	if s[0] == '-' {
		offset = -offset
	}
	return sec, offset, true, true
}

// slashed reads the slashed date s, whose parts are a, b and y, in p.Order.
func (p DateParser) slashed(s string, a, b, y int) (int, int, int, string) {
	dmy, mdy := validDate(y, b, a), validDate(y, a, b)
	switch p.Order {
	case DMY:
		if dmy {
			return y, b, a, ""
		}
		if b < 1 || b > 12 {
			return 0, 0, 0, fmt.Sprintf("cannot parse %q as a day-first date (dmy): %d is not a month", s, b)
		}
	case MDY:
		if mdy {
			return y, a, b, ""
		}
		if a < 1 || a > 12 {
			return 0, 0, 0, fmt.Sprintf("cannot parse %q as a month-first date (mdy): %d is not a month", s, a)
		}
	default:
		switch {
		case dmy && mdy && a != b:
			return 0, 0, 0, fmt.Sprintf("%q could be %d %s or %s %d: give -date-order dmy or -date-order mdy",
				s, a, time.Month(b), time.Month(a), b)
		case dmy:
			return y, b, a, ""
		case mdy:
			return y, a, b, ""
		case (a < 1 || a > 12) && (b < 1 || b > 12):
			return 0, 0, 0, fmt.Sprintf("cannot parse %q as a date: neither %d nor %d is a month", s, a, b)
		}
	}
	return 0, 0, 0, notCalendarDate(s)
}

// splitSlashed splits a slashed date "a/b/y": a and b of 1 or 2 digits, y
// of 4 digits or 2 (read as Excel reads them).
func splitSlashed(s string) (a, b, y int, ok bool) {
	i := strings.IndexByte(s, '/')
	if i < 1 || i > 2 {
		return 0, 0, 0, false
	}
	j := strings.IndexByte(s[i+1:], '/') + i + 1
	if j-i-1 < 1 || j-i-1 > 2 {
		return 0, 0, 0, false
	}
	a, ok1 := atoiN(s[:i])
	b, ok2 := atoiN(s[i+1 : j])
	y, ok3 := dateYear(s[j+1:])
	return a, b, y, ok1 && ok2 && ok3
}

// IsSlashed reports whether s, surrounding space ignored, has the form of a
// slashed date, "15/02/2021" or "3/4/21", whether or not it is a calendar
// date in either order.
func IsSlashed(s string) bool {
	_, _, _, ok := splitSlashed(strings.TrimSpace(s))
	return ok
}

// wordyDate reads a dotted date or one with a month name.
func wordyDate(s string) (y, m, d int, reason string) {
	// Split s into three tokens, runs of ASCII letters or of digits, and
	// the two separators between them.
	var tok [3]string
	var sep [2]string
	n, i := 0, 0
	for i < len(s) {
		if n == len(tok) {
			return 0, 0, 0, cannotParseDate(s)
		}
		start := i
		if asciiDigit(s[i]) {
			for i < len(s) && asciiDigit(s[i]) {
				i++
			}
		} else {
			for i < len(s) && asciiLetter(s[i]) {
				i++
			}
		}
		if i == start {
			return 0, 0, 0, cannotParseDate(s)
		}
		tok[n] = s[start:i]
		start = i
		for i < len(s) && strings.IndexByte(" ,./-", s[i]) >= 0 {
			i++
		}
		if n < len(sep) {
			sep[n] = s[start:i]
		} else if i > start {
			return 0, 0, 0, cannotParseDate(s) // a separator after the year
		}
		n++
	}
	if n != 3 {
		return 0, 0, 0, cannotParseDate(s)
	}
	var ok, okm, oky bool
	switch {
	case sep[0] == "." && sep[1] == "." && asciiDigit(tok[1][0]):
		// 06.06.2021
		d, ok = atoiN(tok[0])
		m, okm = atoiN(tok[1])
		y, oky = dateYear(tok[2])
		ok = ok && okm && oky && len(tok[0]) <= 2 && len(tok[1]) <= 2
	case asciiDigit(tok[0][0]) && !asciiDigit(tok[1][0]) && (sep[0] == "-" && sep[1] == "-" || allSpaces(sep[0]) && allSpaces(sep[1])):
		// 6 June 2021, 06-Jun-21
		if m, ok = monthNamed(tok[1]); !ok {
			return 0, 0, 0, fmt.Sprintf("cannot parse %q as a date: unknown month %q", s, tok[1])
		}
		d, ok = atoiN(tok[0])
		y, oky = dateYear(tok[2])
		ok = ok && oky && len(tok[0]) <= 2
	case !asciiDigit(tok[0][0]) && allSpaces(sep[0]) && (allSpaces(sep[1]) || strings.HasPrefix(sep[1], ",") && strings.Trim(sep[1][1:], " ") == ""):
		// June 6, 2021
		if m, ok = monthNamed(tok[0]); !ok {
			return 0, 0, 0, fmt.Sprintf("cannot parse %q as a date: unknown month %q", s, tok[0])
		}
		d, ok = atoiN(tok[1])
		y, oky = dateYear(tok[2])
		ok = ok && oky && len(tok[1]) <= 2
	}
	if !ok {
		return 0, 0, 0, cannotParseDate(s)
	}
	if !validDate(y, m, d) {
		return 0, 0, 0, notCalendarDate(s)
	}
	return y, m, d, ""
}

// monthNames are the months' English names, lower case.
var monthNames = [12]string{
	"january", "february", "march", "april", "may", "june",
	"july", "august", "september", "october", "november", "december",
}

// monthNamed returns the month that name names: in full, by its first
// three letters, or "sept"; any case.
func monthNamed(name string) (int, bool) {
	for i, full := range monthNames {
		if strings.EqualFold(name, full) || strings.EqualFold(name, full[:3]) {
			return i + 1, true
		}
	}
	if strings.EqualFold(name, "sept") {
		return 9, true
	}
	return 0, false
}

// dateYear parses a year of 4 digits, or of 2 as Excel reads them: 00 to 29
// are 2000 to 2029, 30 to 99 are 1930 to 1999.
func dateYear(s string) (int, bool) {
	y, ok := atoiN(s)
	switch {
	case !ok || len(s) != 2 && len(s) != 4:
		return 0, false
	case len(s) == 4:
		return y, true
	case y < 30:
		return 2000 + y, true
	}
	return 1900 + y, true
}

// validDate reports whether y, m, d is a date of the proleptic Gregorian
// calendar.
func validDate(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	days := [12]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
	if m == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		days = 29
	}
	return d <= days
}

// atoiN parses 1 to 4 ASCII digits.
func atoiN(s string) (int, bool) {
	if s == "" || len(s) > 4 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if !asciiDigit(s[i]) {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

func asciiDigit(c byte) bool  { return '0' <= c && c <= '9' }
func asciiLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// allSpaces reports whether s is one or more spaces.
func allSpaces(s string) bool {
	return s != "" && strings.Trim(s, " ") == ""
}

// SlashedOrder decides the order of day and month for the slashed dates of
// a whole file. Observe every date cell; then Order says the order. A value
// that only fits day first, such as 15/02/2021, decides day first; one that
// only fits month first, such as 02/15/2021, decides month first; values
// that fit both (03/04/2021) or neither (31/13/2021) decide nothing. The
// zero value is ready to use.
type SlashedOrder struct {
	dayFirst, monthFirst, ambiguous SlashedExample
}

// SlashedExample is the first of the slashed dates of one kind seen by a
// SlashedOrder, and how many of that kind it saw.
type SlashedExample struct {
	Value string
	Line  int
	N     int
}

func (e *SlashedExample) add(value string, line int) {
	if e.N == 0 {
		e.Value, e.Line = value, line
	}
	e.N++
}

// Observe notes the date cell s on the given line of the file. Cells that
// are not slashed dates are ignored.
func (o *SlashedOrder) Observe(s string, line int) {
	s = strings.TrimSpace(s)
	a, b, y, ok := splitSlashed(s)
	if !ok {
		return
	}
	dmy, mdy := validDate(y, b, a), validDate(y, a, b)
	switch {
	case dmy && mdy:
		if a != b {
			o.ambiguous.add(s, line)
		}
	case dmy:
		o.dayFirst.add(s, line)
	case mdy:
		o.monthFirst.add(s, line)
	}
}

// Order returns the order the observed dates decide: DMY or MDY, or
// DateOrderUnknown with a nil error when no slashed date needs one. It
// returns a *DateOrderError when dates of both orders occur, or when some
// dates fit both orders and none decides.
func (o *SlashedOrder) Order() (DateOrder, error) {
	switch {
	case o.dayFirst.N > 0 && o.monthFirst.N > 0:
		return DateOrderUnknown, &DateOrderError{DayFirst: o.dayFirst, MonthFirst: o.monthFirst}
	case o.dayFirst.N > 0:
		return DMY, nil
	case o.monthFirst.N > 0:
		return MDY, nil
	case o.ambiguous.N > 0:
		return DateOrderUnknown, &DateOrderError{Ambiguous: o.ambiguous}
	}
	return DateOrderUnknown, nil
}

// DateOrderError says why the slashed dates of a file decide no order:
// either both DayFirst and MonthFirst have examples (the file mixes the
// orders and is rejected), or only Ambiguous has (nothing decides, and
// -date-order must).
type DateOrderError struct {
	DayFirst, MonthFirst, Ambiguous SlashedExample
}

func (e *DateOrderError) Error() string {
	if e.DayFirst.N > 0 && e.MonthFirst.N > 0 {
		return fmt.Sprintf("slashed dates disagree on the order of day and month: %s day first, such as %q on line %d, and %s month first, such as %q on line %d",
			countIs(e.DayFirst.N), e.DayFirst.Value, e.DayFirst.Line,
			countIs(e.MonthFirst.N), e.MonthFirst.Value, e.MonthFirst.Line)
	}
	verb := "fit"
	if e.Ambiguous.N == 1 {
		verb = "fits"
	}
	return fmt.Sprintf("cannot tell whether slashed dates are day first or month first: %d %s both, such as %q on line %d, and none fits only one: give -date-order dmy or -date-order mdy",
		e.Ambiguous.N, verb, e.Ambiguous.Value, e.Ambiguous.Line)
}

// countIs returns "1 is" or "N are".
func countIs(n int) string {
	if n == 1 {
		return "1 is"
	}
	return fmt.Sprintf("%d are", n)
}
