// Package summary is summary.json: the report's figures for pipelines and
// dashboards, and for the next run to compare with. Its types both write
// and read the file. Counts are JSON numbers, months "YYYY-MM", dates
// "YYYY-MM-DD"; a date that does not exist (no incidents) is null.
package summary

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"

	"report/internal/incident"
	"report/internal/stats"
)

// File is the content of summary.json.
type File struct {
	Input string `json:"input"`
	// Format is the input's format: "canonical", "acled" or "gtd".
	Format     string      `json:"format"`
	Rows       Rows        `json:"rows"`
	Rejected   []Problem   `json:"rejected"`
	Duplicates []Problem   `json:"duplicates"`
	Excluded   []Problem   `json:"excluded"`
	Period     Period      `json:"period"`
	Totals     Totals      `json:"totals"`
	ByMonth    []Month     `json:"by_month"`
	BySite     []Site      `json:"by_site"`
	ByWeapon   []Weapon    `json:"by_weapon"`
	YearToDate YearToDate  `json:"year_to_date"`
	References []Reference `json:"references"`
	// UnmappedTerms are the weapon cells no weapon term matched, counted
	// as other: most rows first.
	UnmappedTerms []Term `json:"unmapped_terms"`
	// UnknownSites are the sites the gazetteer does not know, kept as
	// written: most rows first.
	UnknownSites []Term `json:"unknown_sites"`
	// ProbableDuplicates pairs each counted row that probably reports an
	// earlier one again with it (removed only with -merge-probable).
	ProbableDuplicates []Pair `json:"probable_duplicates"`
	// Changes is what changed since an earlier report (-previous); nil
	// when the run compared with none.
	Changes *Changes `json:"changes"`

	// Log, when set, holds the problems instead of the three lists,
	// which must then be empty; Read never sets it.
	Log *ProblemLog `json:"-"`
}

type Rows struct {
	Read       int `json:"read"`
	Counted    int `json:"counted"`
	Excluded   int `json:"excluded"`
	Duplicates int `json:"duplicates"`
	Rejected   int `json:"rejected"`
}

// Pair is a probable duplicate: the row on Line probably reports the row
// on OfLine again.
type Pair struct {
	Line   int    `json:"line"`
	OfLine int    `json:"of_line"`
	Site   string `json:"site"`
	Weapon string `json:"weapon"`
	Date   Date   `json:"date"`
	OfDate Date   `json:"of_date"`
}

// Term is a weapon cell that matched no weapon term, and how many counted
// rows had it.
type Term struct {
	Term      string `json:"term"`
	Rows      int    `json:"rows"`
	FirstLine int    `json:"first_line"`
}

// Problem is one problem of a row; a rejected row with several bad
// fields has several, with the same line.
type Problem struct {
	Line   int    `json:"line"`
	Column string `json:"column"`
	Value  string `json:"value"`
	Reason string `json:"reason"`
	// Differs names, for a duplicate, the columns that differ from the
	// earlier row with its id; absent when they are identical.
	Differs []string `json:"differs,omitempty"`
}

func problemOf(p *incident.Problem) Problem {
	return Problem{p.Line, p.Column, p.Value, p.Reason, p.Differs}
}

type Period struct {
	First *Date `json:"first"`
	Last  *Date `json:"last"`
}

type Totals struct {
	Incidents   int `json:"incidents"`
	Munitions   int `json:"munitions"`
	Intercepted int `json:"intercepted"`
	Killed      int `json:"killed"`
	Wounded     int `json:"wounded"`
	// Approximate counts the incidents dated only to the week or month.
	Approximate int          `json:"approximate"`
	ByWeapon    WeaponCounts `json:"by_weapon"`
}

type Month struct {
	Month string `json:"month"`
	Totals
}

type Site struct {
	Site      string       `json:"site"`
	Incidents int          `json:"incidents"`
	ByWeapon  WeaponCounts `json:"by_weapon"`
	First     Date         `json:"first"`
	Last      Date         `json:"last"`
}

type Weapon struct {
	Weapon      string `json:"weapon"`
	Incidents   int    `json:"incidents"`
	Munitions   int    `json:"munitions"`
	Intercepted int    `json:"intercepted"`
	Killed      int    `json:"killed"`
	Wounded     int    `json:"wounded"`
}

type YearToDate struct {
	Year      int   `json:"year"`
	Through   *Date `json:"through"`
	Incidents int   `json:"incidents"`
}

type Reference struct {
	AsOf       Date     `json:"as_of"`
	Since      Date     `json:"since"`
	Published  int      `json:"published"`
	Counted    int      `json:"counted"`
	Difference int      `json:"difference"`
	Wording    string   `json:"wording"`
	Scope      string   `json:"scope"`
	SourceURL  []string `json:"source_url"`
}

// Date is a date written as "YYYY-MM-DD".
type Date time.Time

func (d Date) MarshalJSON() ([]byte, error) {
	return []byte(strconv.Quote(time.Time(d).Format(time.DateOnly))), nil
}

func (d *Date) UnmarshalJSON(b []byte) error {
	s, err := strconv.Unquote(string(b))
	if err != nil {
		return fmt.Errorf("date %s: want \"YYYY-MM-DD\"", b)
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	*d = Date(t)
	return nil
}

// Time returns the date as a time at 00:00 UTC.
func (d Date) Time() time.Time { return time.Time(d) }

func datePtr(t time.Time) *Date {
	if t.IsZero() {
		return nil
	}
	d := Date(t)
	return &d
}

// WeaponCounts is written as an object with every weapon's code, in
// vocabulary order: {"rocket": 1, "drone": 1, "mortar": 0, ...}.
type WeaponCounts [incident.NumWeapons]int

func (c WeaponCounts) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for w, n := range c {
		if w > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Quote(incident.Weapon(w).String()))
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(n))
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func (c *WeaponCounts) UnmarshalJSON(b []byte) error {
	var m map[string]int
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	*c = WeaponCounts{}
	for k, n := range m {
		w, ok := incident.ParseWeapon(k)
		if !ok {
			return fmt.Errorf("by_weapon: unknown weapon %q", k)
		}
		c[w] = n
	}
	return nil
}

func totals(t stats.Totals) Totals {
	return Totals{t.Incidents, t.Munitions, t.Intercepted, t.Killed, t.Wounded, t.Approximate, WeaponCounts(t.ByWeapon)}
}

// New returns the summary of a run over input: its accounting and every
// figure of s, with no problems yet (see AddProblem). Lists are empty,
// never null.
func New(input string, r incident.Accounting, s *stats.Summary) *File {
	out := &File{
		Input:              input,
		Rows:               Rows{r.Read, r.Counted, r.Excluded, r.Duplicates, r.Rejected},
		Rejected:           []Problem{},
		Duplicates:         []Problem{},
		Excluded:           []Problem{},
		Period:             Period{datePtr(s.First), datePtr(s.Last)},
		Totals:             totals(s.Total),
		ByMonth:            []Month{},
		BySite:             []Site{},
		YearToDate:         YearToDate{s.YearToDate.Year, datePtr(s.YearToDate.Through), s.YearToDate.Incidents},
		References:         []Reference{},
		UnmappedTerms:      []Term{},
		UnknownSites:       []Term{},
		ProbableDuplicates: []Pair{},
	}
	for _, m := range s.Months {
		out.ByMonth = append(out.ByMonth, Month{m.Start.Format("2006-01"), totals(m.Totals)})
	}
	for _, st := range s.Sites {
		out.BySite = append(out.BySite, Site{st.Name, st.Incidents, WeaponCounts(st.ByWeapon), Date(st.First), Date(st.Last)})
	}
	for _, wt := range s.Weapons {
		out.ByWeapon = append(out.ByWeapon, Weapon{wt.Weapon.String(), wt.Incidents, wt.Munitions, wt.Intercepted, wt.Killed, wt.Wounded})
	}
	for _, ref := range s.References {
		urls := ref.SourceURLs
		if urls == nil {
			urls = []string{}
		}
		out.References = append(out.References, Reference{Date(ref.AsOf), Date(ref.Since),
			ref.Published, ref.Counted, ref.Difference, ref.Wording, ref.Scope, urls})
	}
	return out
}

// AddProblem files a problem under rejected, duplicates or excluded, by
// its status; a counted row's problem is ignored.
func (f *File) AddProblem(p *incident.Problem) {
	pj := problemOf(p)
	switch p.Status {
	case incident.Rejected:
		f.Rejected = append(f.Rejected, pj)
	case incident.Duplicate:
		f.Duplicates = append(f.Duplicates, pj)
	case incident.Excluded:
		f.Excluded = append(f.Excluded, pj)
	}
}

// Write writes f as indented JSON, with the problems of f.Log when set.
func Write(w io.Writer, f *File) error {
	if f.Log != nil {
		return writeWithLog(w, f)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(f)
}

// Read reads a summary.json, as an earlier run wrote it.
func Read(r io.Reader) (*File, error) {
	var f File
	dec := json.NewDecoder(r)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("summary.json: %w", err)
	}
	return &f, nil
}
