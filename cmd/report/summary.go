package main

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"time"

	"report/internal/incident"
	"report/internal/stats"
)

// The types below are the schema of summary.json. Counts are JSON numbers,
// months "YYYY-MM", dates "YYYY-MM-DD"; a date that does not exist (no
// incidents) is null.
type summaryJSON struct {
	Input      string          `json:"input"`
	Rows       rowsJSON        `json:"rows"`
	Rejected   []problemJSON   `json:"rejected"`
	Duplicates []problemJSON   `json:"duplicates"`
	Excluded   []problemJSON   `json:"excluded"`
	Period     periodJSON      `json:"period"`
	Totals     totalsJSON      `json:"totals"`
	ByMonth    []monthJSON     `json:"by_month"`
	BySite     []siteJSON      `json:"by_site"`
	ByWeapon   []weaponJSON    `json:"by_weapon"`
	YearToDate yearToDateJSON  `json:"year_to_date"`
	References []referenceJSON `json:"references"`
}

type rowsJSON struct {
	Read       int `json:"read"`
	Counted    int `json:"counted"`
	Excluded   int `json:"excluded"`
	Duplicates int `json:"duplicates"`
	Rejected   int `json:"rejected"`
}

// problemJSON is one problem of a row; a rejected row with several bad
// fields has several, with the same line.
type problemJSON struct {
	Line   int    `json:"line"`
	Column string `json:"column"`
	Value  string `json:"value"`
	Reason string `json:"reason"`
}

type periodJSON struct {
	First *jsonDate `json:"first"`
	Last  *jsonDate `json:"last"`
}

type totalsJSON struct {
	Incidents   int          `json:"incidents"`
	Munitions   int          `json:"munitions"`
	Intercepted int          `json:"intercepted"`
	Killed      int          `json:"killed"`
	Wounded     int          `json:"wounded"`
	ByWeapon    weaponCounts `json:"by_weapon"`
}

type monthJSON struct {
	Month string `json:"month"`
	totalsJSON
}

type siteJSON struct {
	Site      string       `json:"site"`
	Incidents int          `json:"incidents"`
	ByWeapon  weaponCounts `json:"by_weapon"`
	First     jsonDate     `json:"first"`
	Last      jsonDate     `json:"last"`
}

type weaponJSON struct {
	Weapon      string `json:"weapon"`
	Incidents   int    `json:"incidents"`
	Munitions   int    `json:"munitions"`
	Intercepted int    `json:"intercepted"`
	Killed      int    `json:"killed"`
	Wounded     int    `json:"wounded"`
}

type yearToDateJSON struct {
	Year      int       `json:"year"`
	Through   *jsonDate `json:"through"`
	Incidents int       `json:"incidents"`
}

type referenceJSON struct {
	AsOf       jsonDate `json:"as_of"`
	Since      jsonDate `json:"since"`
	Published  int      `json:"published"`
	Counted    int      `json:"counted"`
	Difference int      `json:"difference"`
	Wording    string   `json:"wording"`
	Scope      string   `json:"scope"`
	SourceURL  []string `json:"source_url"`
}

// jsonDate is a date written as "YYYY-MM-DD".
type jsonDate time.Time

func (d jsonDate) MarshalJSON() ([]byte, error) {
	return []byte(strconv.Quote(time.Time(d).Format(time.DateOnly))), nil
}

func datePtr(t time.Time) *jsonDate {
	if t.IsZero() {
		return nil
	}
	d := jsonDate(t)
	return &d
}

// weaponCounts is written as an object with every weapon's code, in
// vocabulary order: {"rocket": 1, "drone": 1, "mortar": 0, ...}.
type weaponCounts [incident.NumWeapons]int

func (c weaponCounts) MarshalJSON() ([]byte, error) {
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

func totals(t stats.Totals) totalsJSON {
	return totalsJSON{t.Incidents, t.Munitions, t.Intercepted, t.Killed, t.Wounded, weaponCounts(t.ByWeapon)}
}

// writeSummary writes summary.json: the accounting, every problem row and
// every figure of the report.
func writeSummary(w io.Writer, input string, ds *incident.Dataset, s *stats.Summary) error {
	r := ds.Rows
	out := summaryJSON{
		Input:      input,
		Rows:       rowsJSON{r.Read, r.Counted, r.Excluded, r.Duplicates, r.Rejected},
		Rejected:   []problemJSON{},
		Duplicates: []problemJSON{},
		Excluded:   []problemJSON{},
		Period:     periodJSON{datePtr(s.First), datePtr(s.Last)},
		Totals:     totals(s.Total),
		ByMonth:    []monthJSON{},
		BySite:     []siteJSON{},
		YearToDate: yearToDateJSON{s.YearToDate.Year, datePtr(s.YearToDate.Through), s.YearToDate.Incidents},
		References: []referenceJSON{},
	}
	for _, p := range ds.Problems {
		pj := problemJSON{p.Line, p.Column, p.Value, p.Reason}
		switch p.Status {
		case incident.Rejected:
			out.Rejected = append(out.Rejected, pj)
		case incident.Duplicate:
			out.Duplicates = append(out.Duplicates, pj)
		case incident.Excluded:
			out.Excluded = append(out.Excluded, pj)
		}
	}
	for _, m := range s.Months {
		out.ByMonth = append(out.ByMonth, monthJSON{m.Start.Format("2006-01"), totals(m.Totals)})
	}
	for _, st := range s.Sites {
		out.BySite = append(out.BySite, siteJSON{st.Name, st.Incidents, weaponCounts(st.ByWeapon), jsonDate(st.First), jsonDate(st.Last)})
	}
	for _, wt := range s.Weapons {
		out.ByWeapon = append(out.ByWeapon, weaponJSON{wt.Weapon.String(), wt.Incidents, wt.Munitions, wt.Intercepted, wt.Killed, wt.Wounded})
	}
	for _, ref := range s.References {
		urls := ref.SourceURLs
		if urls == nil {
			urls = []string{}
		}
		out.References = append(out.References, referenceJSON{jsonDate(ref.AsOf), jsonDate(ref.Since),
			ref.Published, ref.Counted, ref.Difference, ref.Wording, ref.Scope, urls})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
