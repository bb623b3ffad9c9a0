package incident

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Gazetteer names sites: a table of aliases, each naming a site, with the
// site's group, province, country, position and target type. It is read
// by LoadGazetteer and safe for concurrent Lookup calls.
type Gazetteer struct {
	// places are the sites, in the order of their first row.
	places []Place
	// index maps the key of every alias and site name (siteKey) to its
	// place.
	index map[string]int32
}

// Place is a site as the gazetteer knows it.
type Place struct {
	// Site is the site's canonical name.
	Site string
	// Group is the place a briefing treats the site as part of ("Baghdad
	// airport complex"); the site's own name when the gazetteer gives
	// none, so never empty.
	Group             string
	Province, Country string
	// Position is nil when the gazetteer gives none. Every Lookup of a
	// site returns the same pointer: do not modify *Position.
	Position   *Position
	TargetType TargetType
}

// ErrEmptyGazetteer is returned by LoadGazetteer for a file with no header
// row.
var ErrEmptyGazetteer = errors.New("file is empty: want a header row, then one row per alias")

// gazetteerColumns are the columns LoadGazetteer reads; alias and site are
// required.
var gazetteerColumns = [...]string{"alias", "site", "group", "province", "country", "latitude", "longitude", "target_type"}

// LoadGazetteer reads a gazetteer CSV: a header naming the columns alias
// and site (required), group, province, country, latitude, longitude and
// target_type (optional), matched like the incident CSV's, then one row
// per alias. Other columns (a source, notes) are ignored, lines starting
// with "#" are comments, and a leading byte-order mark is skipped.
//
// A site's name is an alias of itself, whether or not a row says so. Every
// row of a site must give the same group, province, country, position and
// target type (an empty group means the site's own name); latitude and
// longitude are decimal degrees, both or neither; target_type is one of
// TargetTypes.
//
// Like LoadReferences, it stops at the first bad row with a
// *PositionError naming its line, column and reason: an empty alias or
// site, or one that is nothing but the separators and punctuation that
// Lookup ignores; text that is not UTF-8; a field count that differs from
// the header's; a bad coordinate or target type; a site whose rows
// disagree or whose name is written two ways; an alias (or site name)
// that is already an alias of another site. A header without alias or
// site gives a *MissingColumnsError. A file with a header and no rows
// gives an empty Gazetteer and no error.
func LoadGazetteer(r io.Reader) (*Gazetteer, error) {
	cr := csv.NewReader(NewDecodingReader(r, UTF8BOM))
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err == io.EOF {
		return nil, ErrEmptyGazetteer
	}
	if err != nil {
		return nil, csvError(err, "header")
	}
	// col[i] is the record position of gazetteerColumns[i], or -1.
	var col [len(gazetteerColumns)]int
	for i := range col {
		col[i] = -1
	}
	seen := make(map[string]int)
	for i, h := range header {
		key := normalize(h)
		if j, dup := seen[key]; dup && key != "" {
			line, c := cr.FieldPos(i)
			return nil, &PositionError{Line: line, Col: c, Column: "header",
				Err: fmt.Errorf("column %q appears twice (columns %d and %d)", strings.TrimSpace(h), j+1, i+1)}
		}
		seen[key] = i
		for k, name := range gazetteerColumns {
			if key == name {
				col[k] = i
			}
		}
	}
	var missing []string
	for k := range 2 {
		if col[k] < 0 {
			missing = append(missing, gazetteerColumns[k])
		}
	}
	if missing != nil {
		return nil, &MissingColumnsError{Missing: missing, Found: header}
	}

	l := gazetteerLoader{
		cr: cr, header: header, col: col,
		g:     &Gazetteer{index: make(map[string]int32)},
		sites: make(map[string]int32),
		keyAt: make(map[string]int),
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return l.g, nil
		}
		if err != nil {
			return nil, csvError(err, "row")
		}
		if blank(rec) {
			continue
		}
		if err := l.row(rec); err != nil {
			return nil, err
		}
	}
}

// gazetteerLoader holds what LoadGazetteer has read so far.
type gazetteerLoader struct {
	cr     *csv.Reader
	header []string
	col    [len(gazetteerColumns)]int
	g      *Gazetteer
	// sites maps the key of a site's canonical name to its place.
	sites map[string]int32
	// keyAt is the line on which each key of g.index was added.
	keyAt map[string]int
	// firsts holds each place's first row, for comparing later rows.
	firsts []gazetteerRow
}

// gazetteerRow is one row's cells, trimmed, with the line it starts on.
type gazetteerRow struct {
	line  int
	cells [len(gazetteerColumns)]string
}

// The indexes of gazetteerColumns.
const (
	gzAlias = iota
	gzSite
	gzGroup
	gzProvince
	gzCountry
	gzLatitude
	gzLongitude
	gzTargetType
)

func (l *gazetteerLoader) row(rec []string) error {
	line, _ := l.cr.FieldPos(0)
	if len(rec) != len(l.header) {
		_, c := l.cr.FieldPos(len(rec) - 1)
		return &PositionError{Line: line, Col: c, Column: "row",
			Err: fmt.Errorf("row has %d fields but the header has %d", len(rec), len(l.header))}
	}
	row := gazetteerRow{line: line}
	for k, i := range l.col {
		if i < 0 {
			continue
		}
		v := strings.TrimSpace(rec[i])
		if !utf8.ValidString(v) {
			return l.fail(k, "not valid UTF-8: save the file as UTF-8")
		}
		row.cells[k] = v
	}
	for _, k := range []int{gzAlias, gzSite} {
		if row.cells[k] == "" {
			return l.fail(k, "required value is empty")
		}
		if len(siteKey(row.cells[k])) == 0 {
			return l.fail(k, fmt.Sprintf("%q is empty once separators and punctuation are ignored", row.cells[k]))
		}
	}
	p := Place{Site: row.cells[gzSite], Group: row.cells[gzGroup],
		Province: row.cells[gzProvince], Country: row.cells[gzCountry]}
	if p.Group == "" {
		p.Group = p.Site
	}
	var err error
	if p.Position, err = l.position(row); err != nil {
		return err
	}
	if v := row.cells[gzTargetType]; v != "" {
		t, ok := parseTerm(v, TargetTypes)
		if !ok {
			return l.fail(gzTargetType, fmt.Sprintf("unknown target type %q: want one of %s", v, termList(TargetTypes)))
		}
		p.TargetType = t
	}

	sk := string(siteKey(p.Site))
	i, known := l.sites[sk]
	if known {
		if err := l.same(i, row, p); err != nil {
			return err
		}
	} else {
		if j, taken := l.g.index[sk]; taken {
			return l.fail(gzSite, fmt.Sprintf("%q is already an alias of %q (line %d)", p.Site, l.g.places[j].Site, l.keyAt[sk]))
		}
		i = int32(len(l.g.places))
		l.g.places = append(l.g.places, p)
		l.firsts = append(l.firsts, row)
		l.sites[sk] = i
		l.g.index[sk] = i
		l.keyAt[sk] = line
	}
	aliasKey := string(siteKey(row.cells[gzAlias]))
	if j, taken := l.g.index[aliasKey]; taken && j != i {
		return l.fail(gzAlias, fmt.Sprintf("%q is already an alias of %q (line %d)", row.cells[gzAlias], l.g.places[j].Site, l.keyAt[aliasKey]))
	} else if !taken {
		l.g.index[aliasKey] = i
		l.keyAt[aliasKey] = line
	}
	return nil
}

// same checks that a later row of place i agrees with its first row.
func (l *gazetteerLoader) same(i int32, row gazetteerRow, p Place) error {
	first, fp := l.firsts[i], l.g.places[i]
	if p.Site != fp.Site {
		return l.fail(gzSite, fmt.Sprintf("%q is written %q on line %d: write a site's name the same way on every row", p.Site, fp.Site, first.line))
	}
	differs := func(k int) error {
		return l.fail(k, fmt.Sprintf("%q differs from %q on line %d: give every row of a site the same values", row.cells[k], first.cells[k], first.line))
	}
	switch {
	case p.Group != fp.Group:
		return differs(gzGroup)
	case p.Province != fp.Province:
		return differs(gzProvince)
	case p.Country != fp.Country:
		return differs(gzCountry)
	case (p.Position == nil) != (fp.Position == nil) || p.Position != nil && p.Position.Lat != fp.Position.Lat:
		return differs(gzLatitude)
	case p.Position != nil && p.Position.Lon != fp.Position.Lon:
		return differs(gzLongitude)
	case p.TargetType != fp.TargetType:
		return differs(gzTargetType)
	}
	return nil
}

// position reads a row's latitude and longitude, both or neither.
func (l *gazetteerLoader) position(row gazetteerRow) (*Position, error) {
	lat, lon := row.cells[gzLatitude], row.cells[gzLongitude]
	if lat == "" && lon == "" {
		return nil, nil
	}
	var pos Position
	for _, c := range []struct {
		k, other int
		v        *float64
		limit    float64
	}{{gzLatitude, gzLongitude, &pos.Lat, 90}, {gzLongitude, gzLatitude, &pos.Lon, 180}} {
		s := row.cells[c.k]
		if s == "" {
			if l.col[c.k] < 0 {
				return nil, l.fail(c.other, fmt.Sprintf("%s given without %s", gazetteerColumns[c.other], gazetteerColumns[c.k]))
			}
			return nil, l.fail(c.k, fmt.Sprintf("empty, but %s is given: give both or neither", gazetteerColumns[c.other]))
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, l.fail(c.k, fmt.Sprintf("cannot parse %q as decimal degrees", s))
		}
		if math.Abs(v) > c.limit {
			return nil, l.fail(c.k, fmt.Sprintf("%s is outside -%g to %g", s, c.limit, c.limit))
		}
		*c.v = v
	}
	return &pos, nil
}

// fail returns a *PositionError for column k of the row being read.
func (l *gazetteerLoader) fail(k int, reason string) error {
	i := l.col[k]
	line, c := l.cr.FieldPos(i)
	return &PositionError{Line: line, Col: c, Column: strings.TrimSpace(l.header[i]), Err: errors.New(reason)}
}

// Lookup returns the place that a site cell names: the site of which it is
// an alias, matched by the alias's key. The key ignores case, surrounding
// space, and which and how many separators stand between words (spaces,
// hyphens and other dashes, underscores, slashes, commas, parentheses),
// drops apostrophes and full stops, and reads the word "airbase" as "air
// base". So "Ain al-Asad Air Base", " ain al asad airbase " and
// "AIN AL_ASAD (AIR BASE)" are one key, and "U.S. Embassy" is "US
// Embassy"; "Al Asad" and "Alasad" are not. A cell that names no site,
// or a nil Gazetteer, gives Place{}, false.
//
// Lookup does not allocate for a cell whose key fits in 80 bytes.
func (g *Gazetteer) Lookup(site string) (Place, bool) {
	if g == nil {
		return Place{}, false
	}
	var buf [80]byte
	i, ok := g.index[string(appendSiteKey(buf[:0], site))]
	if !ok {
		return Place{}, false
	}
	return g.places[i], true
}

// Places returns the gazetteer's sites, in the order of their first row.
func (g *Gazetteer) Places() []Place {
	if g == nil {
		return nil
	}
	return append([]Place(nil), g.places...)
}

// siteKey returns the lookup key of s; see Lookup.
func siteKey(s string) []byte { return appendSiteKey(nil, s) }

// appendSiteKey appends the lookup key of s to dst: its words, lower case,
// separated by one space, with "airbase" as "air base". A word is a run of
// runes that are neither separators (siteSeparator) nor dropped
// (siteDropped).
func appendSiteKey(dst []byte, s string) []byte {
	start, word := len(dst), -1 // word: where the current word starts in dst, or -1
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		i += n
		switch {
		case siteDropped(r):
			continue
		case siteSeparator(r):
			dst, word = endSiteWord(dst, word), -1
			continue
		}
		if word < 0 {
			if len(dst) > start {
				dst = append(dst, ' ')
			}
			word = len(dst)
		}
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			dst = append(dst, byte(r))
		} else {
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
	}
	return endSiteWord(dst, word)
}

// endSiteWord ends the word that starts at dst[word:], writing "airbase" as
// "air base".
func endSiteWord(dst []byte, word int) []byte {
	if word >= 0 && string(dst[word:]) == "airbase" {
		return append(dst[:word+len("air")], " base"...)
	}
	return dst
}

// siteSeparator reports whether r separates the words of a site name:
// white space, a hyphen or other dash, an underscore, a slash, a comma or
// a parenthesis.
func siteSeparator(r rune) bool {
	switch r {
	case ' ', '\t', '-', '_', '/', ',', '(', ')':
		return true
	}
	return r >= utf8.RuneSelf && (unicode.IsSpace(r) || unicode.Is(unicode.Pd, r))
}

// siteDropped reports whether r is left out of a site name's key: an
// apostrophe (straight, typographic, or the ʿ and ʾ of transliterated
// Arabic) or a full stop.
func siteDropped(r rune) bool {
	switch r {
	case '\'', '.', '\u2018', '\u2019', '\u02BC', '\u02BE', '\u02BF':
		return true
	}
	return false
}
