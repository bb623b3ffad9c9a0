package incident

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Reference is a published running tally: a claim to compare the tool's own
// count against, not a truth.
type Reference struct {
	// Line is the physical line of the references file the row starts on.
	Line int
	// AsOf is the date the tally was published for; Since is the start of
	// the period it covers (both inclusive).
	AsOf, Since time.Time
	Published   int
	// Wording is the tally as the source worded it; Scope is what it says
	// it counts.
	Wording, Scope string
	// Outlet is who published the tally ("AFP"), which may not be the
	// site of its first source URL (a newspaper running an agency's
	// story); empty when the outlet column is absent or empty.
	Outlet     string
	SourceURLs []string
	// Filter is the incidents the tally counts, from the filter column;
	// the empty scope (an empty cell) means every counted incident.
	Filter Scope
	// Bound says how Published bounds the true count: "at least 39" is
	// AtLeast. An empty cell means Exact.
	Bound Bound
	// Through is the last day the tally covers, from Since to AsOf: "44
	// before that day's rocket", published for 20 June, covers through
	// 19 June. An empty cell means AsOf.
	Through time.Time
}

// Bound says how a published number bounds the count it reports. The zero
// value is Exact.
type Bound uint8

// The bounds, with the wording they stand for.
const (
	Exact    Bound = iota // "39 attacks"
	AtLeast               // "at least 39"
	MoreThan              // "more than 20"
	About                 // "around 45", "some 50"
	AtMost                // "at most 10", "up to 10"
)

var boundCodes = [...]string{Exact: "exact", AtLeast: "at_least", MoreThan: "more_than", About: "about", AtMost: "at_most"}

// String returns the bound's code, as written in the bound column:
// "at_least".
func (b Bound) String() string {
	if int(b) < len(boundCodes) {
		return boundCodes[b]
	}
	return fmt.Sprintf("bound(%d)", uint8(b))
}

var boundWords = [...]string{Exact: "", AtLeast: "at least ", MoreThan: "more than ", About: "about ", AtMost: "at most "}

// Phrase returns a published number n with the bound in words, as people
// read it: "at least 39", "about 45"; "39" for Exact.
func (b Bound) Phrase(n int) string {
	if int(b) < len(boundWords) {
		return boundWords[b] + strconv.Itoa(n)
	}
	return fmt.Sprintf("%s %d", b, n)
}

// ParseBound returns the bound a code names: exact, at_least, more_than,
// about or at_most, matched like a vocabulary cell ("At least" is
// AtLeast). An empty string is an error, not Exact.
func ParseBound(s string) (Bound, error) {
	key := normalize(s)
	for b, code := range boundCodes {
		if key == code {
			return Bound(b), nil
		}
	}
	return Exact, fmt.Errorf("unknown bound %q: want one of %s", s, strings.Join(boundCodes[:], ", "))
}

var refRequired = []string{"as_of", "published"}

// ErrEmptyReferences is returned by LoadReferences for a file with no
// header row.
var ErrEmptyReferences = errors.New("file is empty: want a header row, then one row per published tally")

// LoadReferences reads a references CSV: a header naming the columns as_of
// and published (required), since, wording, scope, outlet, source_url,
// filter, bound and through (optional, matched like Load's), then one row per
// published tally. An empty since means 1 January of the as_of year; an
// empty filter, every counted incident; an empty bound, exact; an empty
// through, as_of. through must lie from since to as_of. Unlike Load, it
// stops at the first bad row, or at a column named twice, with a
// *PositionError: references are few and each one matters. A bad filter's
// PositionError wraps the *ScopeError, whose position counts characters
// from the start of the cell's value: "5:40: filter:3: unknown field ...".
// A file with a header and no rows gives no references and no error.
func LoadReferences(r io.Reader) ([]Reference, error) {
	cr := csv.NewReader(NewDecodingReader(r, UTF8BOM))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err == io.EOF {
		return nil, ErrEmptyReferences
	}
	if err != nil {
		return nil, csvError(err, "header")
	}
	index := make(map[string]int)
	for i, h := range header {
		key := normalize(h)
		if j, dup := index[key]; dup && key != "" {
			line, col := cr.FieldPos(i)
			return nil, &PositionError{Line: line, Col: col, Column: "header", Err: fmt.Errorf("column %q appears twice (columns %d and %d)", strings.TrimSpace(h), j+1, i+1)}
		}
		index[key] = i
	}
	var missing []string
	for _, c := range refRequired {
		if _, ok := index[c]; !ok {
			missing = append(missing, c)
		}
	}
	if missing != nil {
		return nil, &MissingColumnsError{Missing: missing, Found: header}
	}
	var refs []Reference
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return refs, nil
		}
		if err != nil {
			return nil, csvError(err, "row")
		}
		if blank(rec) {
			continue
		}
		ref, err := parseReference(cr, header, index, rec)
		if err != nil {
			return nil, err
		}
		refs = append(refs, ref)
	}
}

func parseReference(cr *csv.Reader, header []string, index map[string]int, rec []string) (Reference, error) {
	line, _ := cr.FieldPos(0)
	if len(rec) != len(header) {
		_, col := cr.FieldPos(len(rec) - 1)
		return Reference{}, &PositionError{Line: line, Col: col, Column: "row",
			Err: fmt.Errorf("row has %d fields but the header has %d", len(rec), len(header))}
	}
	get := func(name string) string {
		if i, ok := index[name]; ok {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	fail := func(name string, format string, args ...any) error {
		i := index[name]
		l, col := cr.FieldPos(i)
		return &PositionError{Line: l, Col: col, Column: strings.TrimSpace(header[i]), Err: fmt.Errorf(format, args...)}
	}
	ref := Reference{Line: line, Wording: get("wording"), Scope: get("scope"), Outlet: get("outlet"),
		SourceURLs: splitURLs(get("source_url"))}
	for _, c := range refRequired {
		if get(c) == "" {
			return Reference{}, fail(c, "required value is empty")
		}
	}
	var (
		reason string
		err    error
	)
	if ref.AsOf, reason = parseDate(get("as_of")); reason != "" {
		return Reference{}, fail("as_of", "%s", reason)
	}
	ref.Since = time.Date(ref.AsOf.Year(), time.January, 1, 0, 0, 0, 0, time.UTC)
	if s := get("since"); s != "" {
		if ref.Since, reason = parseDate(s); reason != "" {
			return Reference{}, fail("since", "%s", reason)
		}
		if ref.Since.After(ref.AsOf) {
			return Reference{}, fail("since", "%s is after as_of %s", s, get("as_of"))
		}
	}
	if ref.Published, reason = parseCount(get("published")); reason != "" {
		return Reference{}, fail("published", "%s", reason)
	}
	if i, ok := index["filter"]; ok {
		// Parse the cell as read, not trimmed, so that the error's position
		// counts from the cell's first character.
		if ref.Filter, err = ParseScope(rec[i]); err != nil {
			l, col := cr.FieldPos(i)
			return Reference{}, &PositionError{Line: l, Col: col, Column: strings.TrimSpace(header[i]), Err: err}
		}
	}
	if b := get("bound"); b != "" {
		if ref.Bound, err = ParseBound(b); err != nil {
			return Reference{}, fail("bound", "%w", err)
		}
	}
	ref.Through = ref.AsOf
	if s := get("through"); s != "" {
		if ref.Through, reason = parseDate(s); reason != "" {
			return Reference{}, fail("through", "%s", reason)
		}
		if ref.Through.After(ref.AsOf) {
			return Reference{}, fail("through", "%s is after as_of %s", s, get("as_of"))
		}
		if ref.Through.Before(ref.Since) {
			if get("since") == "" {
				return Reference{}, fail("through", "%s is before %s, where the tally starts (since is empty: 1 January of the as_of year)", s, ref.Since.Format(time.DateOnly))
			}
			return Reference{}, fail("through", "%s is before since %s", s, get("since"))
		}
	}
	return ref, nil
}
