package incident

import (
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// rowParser checks the records of one chunk against a schema.
type rowParser struct {
	s       *schema
	exclude func(*Incident) (string, string, bool)
	dates   DateParser
	weapons *WeaponTerms
	sites   *Gazetteer
	// pos gives the position of field i of the current record, relative
	// to the chunk; lineBase is added to its lines.
	pos      fieldPos
	lineBase int
	// utf8 says the whole chunk is valid UTF-8, so no field need be
	// checked.
	utf8     bool
	problems []Problem
	// from is, with an adapter, the source column of each canonical value
	// of the current record.
	from [numFields]int
	// sheet names the spreadsheet sheet being read, "" for CSV; serials
	// says numbers in the date and time columns are Excel serials, in
	// the 1904 date system when date1904.
	sheet             string
	serials, date1904 bool
}

// at returns the file line and column of field i of the current record,
// as read (a source column, not a canonical field).
func (p *rowParser) at(i int) (line, col int) {
	l, c := p.pos(i)
	return l + p.lineBase, c
}

// source returns the position in the record read of the value of field
// f, and the name of its column: with an adapter, the source column it
// came from, or the row's first column when none.
func (p *rowParser) source(f field) (int, string) {
	if p.s.ad == nil {
		return p.s.index[f], p.s.columnName(f)
	}
	if i := p.from[f]; i >= 0 {
		return i, strings.TrimSpace(p.s.header[i])
	}
	return 0, fieldNames[f]
}

// row checks one record and returns it filed as counted, excluded or
// rejected (never duplicate: that is the Reader's to say).
func (p *rowParser) row(rec []string) Row {
	p.problems = p.problems[:0]
	line, _ := p.at(0)
	r := Row{Record: rec}
	r.Incident.Line = line
	s := p.s
	if len(rec) != len(s.header) {
		// Values are misaligned with the header: nothing else can be checked.
		at := min(len(rec), len(s.header)) // first surplus field, or the last one
		if at == len(rec) {
			at--
		}
		p.problem(at, "", fmt.Sprintf("%d fields", len(rec)),
			fmt.Sprintf("row has %d fields but the header has %d (a comma inside a value must be quoted)", len(rec), len(s.header)))
		return p.file(r)
	}
	values := rec
	var exclude string
	excludeCol := 0
	if s.ad != nil {
		// The values are kept by the incident: a new slice each row.
		values = make([]string, numFields)
		exclude, excludeCol, r.Incident.Precision = s.ad.convert(rec, values, p.from[:])
	}
	p.parse(rec, values, &r)
	if len(p.problems) > 0 {
		return p.file(r)
	}
	if i, _ := p.source(fID); r.Incident.ID != "" {
		r.idLine, r.idCol = p.at(i)
	}
	if exclude != "" {
		p.problem(excludeCol, strings.TrimSpace(s.header[excludeCol]), rec[excludeCol], exclude)
		r.excluded = true
		r.Problems = append([]Problem(nil), p.problems...)
		return r
	}
	if col, reason, excluded := p.exclude(&r.Incident); excluded {
		i, name, v := 0, col, ""
		if f, ok := schemaField(normalize(col)); ok {
			i, name = p.source(f)
		}
		if i < len(rec) {
			v = rec[i]
		}
		p.problem(i, name, v, reason)
		r.excluded = true
		r.Problems = append([]Problem(nil), p.problems...)
	}
	return r
}

// file marks r rejected with the problems found.
func (p *rowParser) file(r Row) Row {
	r.Status = Rejected
	r.Problems = append([]Problem(nil), p.problems...)
	return r
}

// unparsable files a record that is not valid CSV.
func (p *rowParser) unparsable(pe *csv.ParseError, rec []string) Row {
	reason := pe.Err.Error()
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		reason = `a quote (") inside a value that does not start with one: quote the whole value and double the quotes inside it`
	case errors.Is(pe.Err, csv.ErrQuote) && pe.Line > pe.StartLine:
		reason = fmt.Sprintf(`a quoted value opened here is not closed properly, so lines %d to %d were read as one row: check the quotes`, pe.StartLine+p.lineBase, pe.Line+p.lineBase)
	case errors.Is(pe.Err, csv.ErrQuote):
		reason = `a quoted value is not closed properly: a quote must be followed by a comma or the end of the line, and quotes inside are doubled`
	}
	col := pe.Column
	if pe.Line != pe.StartLine {
		col = 1 // pe.Column is on pe.Line, not on the line the row starts
	}
	line := pe.StartLine + p.lineBase
	return Row{Status: Rejected, Incident: Incident{Line: line}, Record: rec, Problems: []Problem{{
		Line: line, FieldLine: line, Col: col, Reason: reason,
	}}}
}

// problem records a problem with the field at record position i of the
// current row.
func (p *rowParser) problem(i int, column, value, reason string) {
	i = max(i, 0)
	start, _ := p.at(0)
	line, col := p.at(i)
	p.problems = append(p.problems, Problem{Sheet: p.sheet, Line: start, FieldLine: line, Col: col, Column: column, Value: value, Reason: reason})
}

// parse fills r's incident from the record read, rec, whose canonical
// values are values (rec itself without an adapter), adding a problem for
// every bad field.
func (p *rowParser) parse(rec, values []string, r *Row) {
	s, inc := p.s, &r.Incident
	get := func(f field) string {
		if i := s.index[f]; i >= 0 {
			return strings.TrimSpace(values[i])
		}
		return ""
	}
	bad := func(f field, reason string) {
		i, name := p.source(f)
		p.problem(i, name, values[s.index[f]], reason)
	}

	for i, v := range rec {
		if !p.utf8 && !utf8.ValidString(v) {
			p.problem(i, strings.TrimSpace(s.header[i]), strings.ToValidUTF8(v, "\uFFFD"), "not valid UTF-8: save the file as UTF-8")
			return
		}
	}
	for _, f := range requiredFields {
		if get(f) == "" {
			bad(f, "required value is empty")
		}
	}

	inc.ID = get(fID)
	if v := get(fDate); v != "" {
		if IsSlashed(v) {
			r.slashed = v
		}
		// A spreadsheet's dates come as serial numbers, which no date form
		// reads as.
		var d time.Time
		var reason string
		if sd, ok := serialDate(v, p.date1904); ok && p.serials {
			d, reason = p.dates.inRange(sd)
		} else {
			d, reason = p.dates.Parse(v)
		}
		if reason != "" {
			bad(fDate, reason)
		}
		inc.Date = d
	}
	if v := get(fTime); v != "" {
		t, ok := parseClock(v)
		if !ok && p.serials {
			t, ok = serialTime(v)
		}
		if !ok {
			bad(fTime, fmt.Sprintf("cannot parse %q as a time: want HH:MM, 24-hour", v))
		}
		inc.Time = t
	}
	inc.Country = get(fCountry)
	inc.Province = get(fProvince)
	inc.Site = get(fSite)
	if v := get(fTargetType); v != "" {
		t, ok := parseTerm(v, TargetTypes)
		if !ok {
			bad(fTargetType, fmt.Sprintf("unknown target type %q: want one of %s", v, termList(TargetTypes)))
		}
		inc.TargetType = t
	}
	if v := get(fWeapon); v != "" {
		w, _, ok := p.weapons.Match(v)
		if !ok {
			r.unmapped = v // counted as other, and listed
		}
		inc.Weapon = w
	}
	count := func(f field, dflt int) Count {
		v := get(f)
		if v == "" {
			return Count{N: dflt}
		}
		n, reason := parseCount(v)
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
	if inc.Intercepted.N > inc.Munitions.N && len(p.problems) == 0 {
		m := strconv.Itoa(inc.Munitions.N)
		if !inc.Munitions.Known {
			m = "1, the default when munitions is empty"
		}
		bad(fIntercepted, fmt.Sprintf("intercepted (%d) is more than munitions (%s)", inc.Intercepted.N, m))
	}
	inc.Outcome = Executed
	if v := get(fOutcome); v != "" {
		o, ok := parseTerm(v, Outcomes)
		if !ok {
			bad(fOutcome, fmt.Sprintf("unknown outcome %q: want one of %s", v, termList(Outcomes)))
		}
		inc.Outcome = o
	}
	inc.AttributedTo = get(fAttributedTo)
	inc.Confidence = High
	if v := get(fConfidence); v != "" {
		c, ok := parseTerm(v, Confidences)
		if !ok {
			bad(fConfidence, fmt.Sprintf("unknown confidence %q: want one of %s", v, termList(Confidences)))
		}
		inc.Confidence = c
	}
	inc.Group = inc.Site
	if place, ok := p.sites.Lookup(inc.Site); ok {
		inc.Site, inc.Group, inc.KnownSite = place.Site, place.Group, true
		if inc.Province == "" {
			inc.Province = place.Province
		}
		if inc.Country == "" {
			inc.Country = place.Country
		}
		if inc.TargetType == "" {
			inc.TargetType = place.TargetType
		}
		if get(fLatitude) == "" && get(fLongitude) == "" && place.Position != nil {
			pos := *place.Position
			inc.Position = &pos
		}
	}
	inc.Source = get(fSource)
	inc.SourceURLs = splitURLs(get(fSourceURL))
	inc.Notes = get(fNotes)
	p.parsePosition(get(fLatitude), get(fLongitude), inc, bad)

	if len(s.extra) > 0 {
		inc.Extra = make([]string, len(s.extra))
		for j, i := range s.extra {
			inc.Extra[j] = strings.TrimSpace(rec[i])
		}
	}
}

func (p *rowParser) parsePosition(lat, lon string, inc *Incident, bad func(field, string)) {
	if lat == "" && lon == "" {
		return
	}
	var pos Position
	ok := true
	for _, c := range []struct {
		f     field
		s     string
		v     *float64
		limit float64
	}{{fLatitude, lat, &pos.Lat, 90}, {fLongitude, lon, &pos.Lon, 180}} {
		if c.s == "" {
			other := "longitude"
			if c.f == fLongitude {
				other = "latitude"
			}
			if p.s.index[c.f] < 0 {
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
		inc.Position = &pos
	}
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

// parseDate parses a YYYY-MM-DD date; the reason is "" on success. The
// common case is parsed by hand: time.Parse costs more than the rest of a
// row.
func parseDate(s string) (time.Time, string) {
	if len(s) == 10 && s[4] == '-' && s[7] == '-' && digits(s[:4]) && digits(s[5:7]) && digits(s[8:]) {
		y := int(s[0]-'0')*1000 + int(s[1]-'0')*100 + int(s[2]-'0')*10 + int(s[3]-'0')
		m := time.Month(int(s[5]-'0')*10 + int(s[6]-'0'))
		d := int(s[8]-'0')*10 + int(s[9]-'0')
		t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		if m < 1 || m > 12 || d < 1 || t.Day() != d {
			return time.Time{}, fmt.Sprintf("%q is not a calendar date", s)
		}
		return t, ""
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
