package workbook

// This file holds the workbook's formulas: the totals rows of the summary
// tables as Excel table totals rows (SUBTOTAL, so they follow filters),
// and the figures of By Month, By Site, By Weapon and Month x Weapon as
// COUNTIFS and SUMIFS over the Incidents table. Every formula is written
// with its cached value, the report's own figure, so that a reader that
// does not recalculate shows the right number; zipSplicer marks those
// values as numbers (see numericFormulas).

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"report/internal/incident"
	"report/internal/stats"
)

// Totals row functions of a table column (the totalsRowFunction of the
// table part) and the SUBTOTAL function number of each: the 10x numbers
// leave out the rows a filter hides.
var subtotalCodes = map[string]int{"sum": 109, "min": 105, "max": 104}

// totalsColumn is what a table's totals row shows under one column: a
// label, a function, or neither.
type totalsColumn struct {
	label string // totalsRowLabel, e.g. "Total"
	fn    string // totalsRowFunction: "sum", "min" or "max"
}

// totalsFunctions returns the function of each column of t's totals row:
// t.totals when set, else "sum" under every number of t.total. A date, a
// share or an interval needs t.totals to say what it is; a totals row
// that is not a sum of the rows above, such as the Changes sheet's, sets
// t.totals to an empty slice.
func totalsFunctions(t *table) []string {
	if t.totals != nil {
		return t.totals
	}
	fns := make([]string, len(t.cols))
	for i, v := range t.total {
		if _, ok := unwrap(v).(int); ok && i < len(fns) {
			fns[i] = "sum"
		}
	}
	return fns
}

// totalsRow returns t's totals row with a SUBTOTAL formula in each column
// that has a function, cached as the value t.total gives, and the
// table part's description of the row. The formulas name the table's
// columns (tblByMonth[Incidents]) when t is an Excel table, or else its
// body's range (B2:B25). A column whose total is empty gets no formula.
func totalsRow(t *table, names []string) ([]any, []totalsColumn) {
	fns := totalsFunctions(t)
	row := make([]any, len(t.total))
	spec := make([]totalsColumn, len(t.cols))
	for i, v := range t.total {
		row[i] = v
		if i >= len(t.cols) {
			continue
		}
		fn := ""
		if i < len(fns) {
			fn = fns[i]
		}
		code, ok := subtotalCodes[fn]
		if !ok || unwrap(v) == nil {
			if s, ok := unwrap(v).(string); ok {
				spec[i].label = s
			}
			continue
		}
		ref := structuredRef(t.name, names[i])
		if t.name == "" {
			ref = cellName(i+1, 2) + ":" + cellName(i+1, t.rows+1)
		}
		row[i] = withFormula(v, fmt.Sprintf("SUBTOTAL(%d,%s)", code, ref))
		spec[i].fn = fn
	}
	return row, spec
}

// hasFunctions reports whether a totals row has a function: the row is
// then the Excel table's totals row, else a row below the table.
func hasFunctions(totals []totalsColumn) bool {
	for _, c := range totals {
		if c.fn != "" {
			return true
		}
	}
	return false
}

// withFormula returns the row value v with formula f, v its cached value.
func withFormula(v any, f string) any {
	if c, ok := v.(cell); ok {
		c.formula = f
		return c
	}
	return cell{v: v, formula: f}
}

// structuredRef returns the reference to a column of an Excel table,
// tblByMonth[Incidents], or tblBySite[[Small arms]] for a name with other
// characters than letters, digits and underscores, its brackets, hash
// signs and apostrophes escaped with an apostrophe.
func structuredRef(table, col string) string {
	plain := col != ""
	for _, r := range col {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			plain = false
			break
		}
	}
	if plain {
		return table + "[" + col + "]"
	}
	esc := strings.NewReplacer("'", "''", "[", "'[", "]", "']", "#", "'#").Replace(col)
	return table + "[[" + esc + "]]"
}

// Incidents column names the formulas count by.
const (
	colDate       = "date"
	colSite       = "site"
	colGroup      = "group"
	colWeaponCode = "weapon_code"
)

// incidentRefs are the Incidents table's columns, as structured references,
// by name; nil when the figures cannot be formulas: the Incidents sheet is
// left out (Options.NoIncidents), has no rows, or goes on over several
// sheets, which one table cannot cover.
type incidentRefs map[string]string

// incidentTable returns the Incidents table's columns, found by header name
// as the sheet is written (the first column of a name, whatever its
// place).
func (b *Workbook) incidentTable() incidentRefs {
	s := b.incidents
	if b.opts.NoIncidents || len(s.parts) != 1 {
		return nil
	}
	names := make([]string, len(s.cols))
	for i, c := range s.cols {
		names[i] = c.name
	}
	refs := incidentRefs{}
	for _, n := range uniqueNames(names) {
		if _, dup := refs[n]; !dup {
			refs[n] = structuredRef(streamTableName(s, 0), n)
		}
	}
	return refs
}

// streamTableName is the name of the Excel table of part i of a streamed
// sheet: tblIncidents, tblIncidents2, ...
func streamTableName(s *stream, i int) string {
	name := "tbl" + strings.ReplaceAll(s.name, " ", "")
	if i > 0 {
		name += fmt.Sprint(i + 1)
	}
	return name
}

// condition is one criteria pair of a COUNTIFS or SUMIFS: the Incidents
// column and the text its cells must equal, or, when crit is set, that
// criterion as formula text (e.g. ">="&DATE(2021,1,1)).
type condition struct{ col, value, crit string }

// count returns COUNTIFS over the Incidents table of the rows that meet
// every condition, or, with sum set, SUMIFS of column sum; "" when a
// column is missing or a value cannot be a criterion (see criterion).
// Several sets of conditions add up: COUNTIFS(...)+COUNTIFS(...).
func (refs incidentRefs) count(sum string, sets ...[]condition) string {
	if refs == nil {
		return ""
	}
	var parts []string
	for _, set := range sets {
		var args []string
		if sum != "" {
			r, ok := refs[sum]
			if !ok {
				return ""
			}
			args = append(args, r)
		}
		for _, c := range set {
			r, ok := refs[c.col]
			crit, fits := c.crit, true
			if crit == "" {
				crit, fits = criterion(c.value)
			}
			if !ok || !fits {
				return ""
			}
			args = append(args, r, crit)
		}
		fn := "COUNTIFS"
		if sum != "" {
			fn = "SUMIFS"
		}
		parts = append(parts, fn+"("+strings.Join(args, ",")+")")
	}
	return strings.Join(parts, "+")
}

// criterion returns the formula text of a criterion that matches cells
// equal to s (ignoring case, as COUNTIFS does), its wildcards ~ * ?
// escaped, and false when s cannot be one: longer than Excel's 255
// characters, a number (which would match numbers, not text) or beginning
// with a comparison (= < >). The empty s matches empty cells.
func criterion(s string) (string, bool) {
	if _, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil || strings.ContainsAny(s[:min(len(s), 1)], "=<>") {
		return "", false
	}
	esc := strings.NewReplacer("~", "~~", "*", "~*", "?", "~?").Replace(s)
	if utf16Len(esc) > 255 {
		return "", false
	}
	return `"` + strings.ReplaceAll(esc, `"`, `""`) + `"`, true
}

// monthFormulas returns the formulas of the figures of a By Month or
// Month x Weapon row, by column name: incidents (Incidents, Total),
// munitions, intercepted, killed and wounded, and each weapon's count
// under its label. A month is a range of the date column's date cells,
// from its first day to the next month's: a criterion "2021-01" on the
// month column's text would do in LibreOffice, but Excel reads such a
// criterion as a date and matches no text.
func (refs incidentRefs) monthFormulas(s *stats.Summary) func(i int, col string) string {
	return func(i int, col string) string {
		return refs.figure(col, monthRange(s.Months[i].Start))
	}
}

// monthRange returns the conditions of the month that starts on start: a
// date on or after its first day and before the next month's.
func monthRange(start time.Time) []condition {
	next := start.AddDate(0, 1, 0)
	day := func(op string, t time.Time) string {
		return fmt.Sprintf(`"%s"&DATE(%d,%d,1)`, op, t.Year(), int(t.Month()))
	}
	return []condition{{col: colDate, crit: day(">=", start)}, {col: colDate, crit: day("<", next)}}
}

// figure returns the formula of the figure under col of the incidents
// that meet the conditions of any of sets: "" for a column that is not a
// figure. Munitions, Intercepted, Killed and Wounded sum the Incidents
// column of that name in lower case.
func (refs incidentRefs) figure(col string, sets ...[]condition) string {
	switch col {
	case "Incidents", "Total":
		return refs.count("", sets...)
	case "Munitions", "Intercepted", "Killed", "Wounded":
		return refs.count(strings.ToLower(col), sets...)
	}
	for _, w := range incident.Weapons() {
		if col == w.Label() {
			return refs.count("", with(sets, condition{col: colWeaponCode, value: w.String()})...)
		}
	}
	return ""
}

// with returns sets, each with c added.
func with(sets [][]condition, c condition) [][]condition {
	out := make([][]condition, len(sets))
	for i, set := range sets {
		out[i] = append(append([]condition(nil), set...), c)
	}
	return out
}

// siteFormulas returns the formulas of the figures of a By Site row. A
// site is the site column's value; a site group (Summary.SitesByGroup)
// is the group column's, or the site's for an incident without a group,
// as stats counts them. A site whose name equals another's but for case
// keeps its values, since COUNTIFS ignores case.
func (refs incidentRefs) siteFormulas(s *stats.Summary) func(i int, col string) string {
	seen := map[string]int{}
	for _, site := range s.Sites {
		seen[strings.ToLower(site.Name)]++
	}
	return func(i int, col string) string {
		name := s.Sites[i].Name
		if seen[strings.ToLower(name)] > 1 {
			return ""
		}
		if !s.SitesByGroup {
			return refs.figure(col, []condition{{col: colSite, value: name}})
		}
		return refs.figure(col, []condition{{col: colGroup, value: name}}, []condition{{col: colGroup}, {col: colSite, value: name}})
	}
}

// weaponFormulas returns the formulas of the figures of a By Weapon row.
func (refs incidentRefs) weaponFormulas(s *stats.Summary) func(i int, col string) string {
	return func(i int, col string) string {
		return refs.figure(col, []condition{{col: colWeaponCode, value: s.Weapons[i].Weapon.String()}})
	}
}

// withFormulas sets the formula of each value of row i whose column has
// one, the value its cache.
func withFormulas(vals []any, names []string, i int, formula func(int, string) string) {
	if formula == nil {
		return
	}
	for j, v := range vals {
		if j >= len(names) || unwrap(v) == nil {
			continue
		}
		if f := formula(i, names[j]); f != "" {
			vals[j] = withFormula(v, f)
		}
	}
}

// numericFormula matches a formula cell as excelize writes it, typed as a
// string (t="str") whatever its cached value.
var numericFormula = regexp.MustCompile(`(<c r="[A-Z]+[0-9]+"(?: s="[0-9]+")?) t="str"(><f>[^<]*</f><v>-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?</v></c>)`)

// numericFormulas marks the cached value of every formula of a sheet part
// as a number where it is one: excelize types every formula's value as a
// string, which a reader that does not recalculate shows as text.
func numericFormulas(data []byte) []byte {
	return numericFormula.ReplaceAll(data, []byte("$1$2"))
}

var (
	tableName      = regexp.MustCompile(`<table [^>]*\bname="([^"]*)"`)
	tableRef       = regexp.MustCompile(`(<table [^>]*\bref="([A-Z]+[0-9]+):([A-Z]+)([0-9]+)")`)
	autoFilterRef  = regexp.MustCompile(`<autoFilter ref="[^"]*"`)
	tableColumnTag = regexp.MustCompile(`<tableColumn id="[0-9]+" name="[^"]*"`)
)

// tableTotals rewrites a table part whose table has a totals row (named
// in totals): the table says it has one, its filter leaves it out, and
// each column carries its label or function. Other tables are left as
// they are.
func tableTotals(data []byte, totals map[string][]totalsColumn) ([]byte, error) {
	m := tableName.FindSubmatch(data)
	if m == nil {
		return data, nil
	}
	spec, ok := totals[string(m[1])]
	if !ok {
		return data, nil
	}
	ref := tableRef.FindSubmatch(data)
	if ref == nil {
		return nil, fmt.Errorf("zip: table %s has no ref", m[1])
	}
	last, _ := strconv.Atoi(string(ref[4]))
	filter := fmt.Sprintf(`<autoFilter ref="%s:%s%d"`, ref[2], ref[3], last-1)
	out := tableRef.ReplaceAll(data, []byte(`$1 totalsRowCount="1" totalsRowShown="1"`))
	out = autoFilterRef.ReplaceAll(out, []byte(filter))
	i := 0
	out = tableColumnTag.ReplaceAllFunc(out, func(tag []byte) []byte {
		defer func() { i++ }()
		if i >= len(spec) {
			return tag
		}
		switch c := spec[i]; {
		case c.fn != "":
			return []byte(string(tag) + ` totalsRowFunction="` + c.fn + `"`)
		case c.label != "":
			return []byte(string(tag) + ` totalsRowLabel="` + string(appendAttr(nil, c.label)) + `"`)
		}
		return tag
	})
	return out, nil
}
