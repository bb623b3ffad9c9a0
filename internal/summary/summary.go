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
	"math"
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
	// Focus is the month in focus against the months before it; null
	// without incidents.
	Focus *Focus `json:"month"`

	// Log, when set, holds the problems instead of the three lists,
	// which must then be empty; Read never sets it.
	Log *ProblemLog `json:"-"`

	// ByHour counts the incidents by local hour, 0 to 23, of the
	// TimesKnown incidents that give a time.
	ByHour     [24]int `json:"by_hour"`
	TimesKnown int     `json:"times_known"`
	// ByWeekday counts the incidents dated to the day by weekday, Monday
	// first; incidents dated only to the week or month have none.
	ByWeekday [7]int `json:"by_weekday"`
	Trend     Trend  `json:"trend"`
}

// Trend is the monthly trend over the last Months months. MonthlyChange
// is the fitted rate ratio less 1, a fraction (0.04 is +4% a month), and
// Low and High its 95% interval; the three are null when no trend could
// be fitted.
type Trend struct {
	Months        int      `json:"months"`
	MonthlyChange *float64 `json:"monthly_change"`
	Low           *float64 `json:"low"`
	High          *float64 `json:"high"`
	Method        string   `json:"method"`
}

// Projection is the year-to-date rate carried to 31 December, with its
// 95% interval.
type Projection struct {
	YearEnd float64 `json:"year_end"`
	Low     float64 `json:"low"`
	High    float64 `json:"high"`
}

type Rows struct {
	Read       int `json:"read"`
	Counted    int `json:"counted"`
	Excluded   int `json:"excluded"`
	Duplicates int `json:"duplicates"`
	Rejected   int `json:"rejected"`
}

// Focus is summary.json's "month": the month in focus against the months
// before it.
type Focus struct {
	Month string `json:"month"`
	Totals
	Partial bool `json:"partial"`
	Through Date `json:"through"`
	// Previous and SameMonthLastYear are null where the data does not
	// reach back.
	Previous          *Totals `json:"previous"`
	MeanPrior3        float64 `json:"mean_prior_3"`
	PriorMonths       int     `json:"prior_months"`
	SameMonthLastYear *Totals `json:"same_month_last_year"`
	// RateRatio and P compare the month's rate a day with that of the
	// months before (null without any); Words says it for people.
	RateRatio *float64 `json:"rate_ratio"`
	P         *float64 `json:"p"`
	Words     string   `json:"words"`
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
	// CILow and CIHigh are the exact (Garwood) 95% interval of the
	// month's expected count.
	CILow  float64 `json:"ci_low"`
	CIHigh float64 `json:"ci_high"`
	// Partial says the data ends before the month does, on Through (null
	// for a whole month).
	Partial bool  `json:"partial"`
	Through *Date `json:"through"`
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
	// InterceptRate is intercepted/munitions and InterceptLow and
	// InterceptHigh its Wilson 95% interval; all null when there are no
	// munitions.
	InterceptRate *float64 `json:"intercept_rate"`
	InterceptLow  *float64 `json:"intercept_low"`
	InterceptHigh *float64 `json:"intercept_high"`
}

type YearToDate struct {
	Year      int   `json:"year"`
	Through   *Date `json:"through"`
	Incidents int   `json:"incidents"`
	// Projection is null when there is no year to date.
	Projection *Projection `json:"projection"`
}

// Reference is a published tally reconciled under its own filter.
type Reference struct {
	AsOf      Date `json:"as_of"`
	Since     Date `json:"since"`
	Through   Date `json:"through"`
	Published int  `json:"published"`
	// Bound is exact, at_least, more_than, about or at_most; Filter the
	// scope the tally counts ("" for every counted incident).
	Bound  string `json:"bound"`
	Filter string `json:"filter"`
	// Ours is our count under Filter from Since through Through;
	// OursLow..OursHigh the range when approximate dates straddle them.
	Ours       int    `json:"ours"`
	OursLow    int    `json:"ours_low"`
	OursHigh   int    `json:"ours_high"`
	Difference int    `json:"difference"`
	Verdict    string `json:"verdict"`
	// OursByScope is our count over the same dates under each standard
	// scope: all, high_confidence, no_convoys, convoys_only.
	OursByScope map[string]int `json:"ours_by_scope"`
	// Words says it all in plain words (stats.Reconciled.Words).
	Words string `json:"words"`
	// Outlet is who published the tally ("AFP"); "" when not known.
	Outlet    string   `json:"outlet"`
	Wording   string   `json:"wording"`
	Scope     string   `json:"scope"`
	SourceURL []string `json:"source_url"`
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
		YearToDate:         YearToDate{Year: s.YearToDate.Year, Through: datePtr(s.YearToDate.Through), Incidents: s.YearToDate.Incidents},
		References:         []Reference{},
		UnmappedTerms:      []Term{},
		UnknownSites:       []Term{},
		ProbableDuplicates: []Pair{},
	}
	for _, m := range s.Months {
		mj := Month{Month: m.Start.Format("2006-01"), Totals: totals(m.Totals), CILow: m.CILow, CIHigh: m.CIHigh, Partial: m.Partial}
		if m.Partial {
			mj.Through = datePtr(m.Through)
		}
		out.ByMonth = append(out.ByMonth, mj)
	}
	for _, st := range s.Sites {
		out.BySite = append(out.BySite, Site{st.Name, st.Incidents, WeaponCounts(st.ByWeapon), Date(st.First), Date(st.Last)})
	}
	for _, wt := range s.Weapons {
		w := Weapon{Weapon: wt.Weapon.String(), Incidents: wt.Incidents, Munitions: wt.Munitions,
			Intercepted: wt.Intercepted, Killed: wt.Killed, Wounded: wt.Wounded}
		if wt.Munitions > 0 {
			w.InterceptRate, w.InterceptLow, w.InterceptHigh = &wt.InterceptRate, &wt.InterceptLow, &wt.InterceptHigh
		}
		out.ByWeapon = append(out.ByWeapon, w)
	}
	addInference(out, s)
	for _, ref := range s.References {
		urls := ref.SourceURLs
		if urls == nil {
			urls = []string{}
		}
		by := make(map[string]int)
		for _, c := range ref.ByScope {
			by[c.Name] = c.Count
		}
		out.References = append(out.References, Reference{
			AsOf: Date(ref.AsOf), Since: Date(ref.Since), Through: Date(ref.Through), Published: ref.Published,
			Bound: ref.Bound.String(), Filter: ref.Filter.String(),
			Ours: ref.Ours, OursLow: ref.OursLow, OursHigh: ref.OursHigh, Difference: ref.Difference,
			Verdict: string(ref.Verdict), OursByScope: by, Words: ref.Words(), Outlet: ref.Outlet, Wording: ref.Wording, Scope: ref.Scope, SourceURL: urls})
	}
	if f := s.Focus; f != nil {
		fj := &Focus{Month: f.Month.Format("2006-01"), Totals: totals(f.Totals), Partial: f.Partial,
			Through: Date(f.Through), MeanPrior3: f.MeanPrior, PriorMonths: f.Prior, Words: f.Words()}
		if f.Previous != nil {
			t := totals(f.Previous.Totals)
			fj.Previous = &t
		}
		if f.SameMonthLastYear != nil {
			t := totals(f.SameMonthLastYear.Totals)
			fj.SameMonthLastYear = &t
		}
		if f.Prior > 0 {
			p := f.Comparison.P
			fj.P = &p
			if r := f.Comparison.Ratio; !math.IsNaN(r) && !math.IsInf(r, 0) {
				fj.RateRatio = &r
			}
		}
		out.Focus = fj
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

// addInference puts the figures of the monthly analysis into f: the hours
// and weekdays, the trend and the year-end projection.
func addInference(f *File, s *stats.Summary) {
	f.ByHour, f.TimesKnown, f.ByWeekday = s.Hours, s.TimesKnown, s.Weekdays
	t := s.Trend
	f.Trend = Trend{Months: t.Months, Method: "poisson regression"}
	if t.Fitted {
		change, lo, hi := t.RateRatio-1, t.Low-1, t.High-1
		f.Trend.MonthlyChange, f.Trend.Low, f.Trend.High = &change, &lo, &hi
	}
	if y := s.YearToDate; !y.Through.IsZero() {
		p := y.Projection
		f.YearToDate.Projection = &Projection{YearEnd: p.YearEnd, Low: p.Low, High: p.High}
	}
}
