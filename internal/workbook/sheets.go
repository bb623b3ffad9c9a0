package workbook

import (
	"bytes"
	"fmt"
	"image"
	_ "image/png" // AddPictureFromBytes and chart checks decode PNG
	"math"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"report/internal/incident"
	"report/internal/stats"
)

const noIncidents = "No counted incidents."

// summary writes the headline figures as label/value rows.
func (b *Workbook) summary(r *Report, sheet string) error {
	s := r.Summary
	var rows [][]any
	add := func(label string, value any) { rows = append(rows, []any{label, value}) }
	gap := func() { rows = append(rows, nil) }

	add("Input file", r.Input)
	if s.Total.Incidents == 0 {
		add("Period", "none: no counted incidents")
	} else {
		add("First incident", s.First)
		add("Last incident", s.Last)
	}
	add("Total incidents", s.Total.Incidents)
	gap()
	if y := s.YearToDate; !y.Through.IsZero() {
		add("Year to date: year", y.Year)
		add("Year to date: through", y.Through)
		add("Year to date: incidents", y.Incidents)
		add(fmt.Sprintf("Projected for %d", y.Year), projection(&y))
	} else {
		add("Year to date", "none: no counted incidents in the report year")
	}
	gap()
	if f := s.Focus; f == nil {
		add("Month in focus", "none: no counted incidents")
	} else {
		name := "Month in focus: " + monthName(f.Month)
		if f.Partial {
			name += f.Through.Format(" (partial, through 2 January)")
		}
		add(name, f.Incidents)
		if f.Previous != nil {
			add("Month before: "+monthName(f.Previous.Start), f.Previous.Incidents)
		} else {
			add("Month before", "none: the data does not reach back to it")
		}
		if f.Prior > 0 {
			add(fmt.Sprintf("Mean of the %d months before, from %s", f.Prior, monthName(f.PriorFirst)),
				cell{v: f.MeanPrior, numFmt: "0.0"})
		} else {
			add("Mean of the months before", "none: the data does not reach back to them")
		}
		if m := f.SameMonthLastYear; m != nil {
			add("Same month a year before: "+monthName(m.Start), m.Incidents)
		} else {
			add("Same month a year before", "none: the data does not reach back to it")
		}
		add("In words", f.Words())
		// The published tallies of the month, each against our count.
		for i := range s.References {
			ref := &s.References[i]
			if ref.AsOf.Year() == f.Month.Year() && ref.AsOf.Month() == f.Month.Month() {
				add("Tally of "+ref.AsOf.Format("2 January 2006"), ref.Words())
			}
		}
	}
	if s.Trend.Months > 0 {
		add(trendLabel(&s.Trend), trend(&s.Trend))
	}
	gap()
	add("Munitions", s.Total.Munitions)
	add("Intercepted", s.Total.Intercepted)
	add("Killed", s.Total.Killed)
	add("Wounded", s.Total.Wounded)
	gap()
	for _, w := range incident.Weapons() {
		rows = append(rows, []any{cell{v: w.Label() + " incidents", fill: w.Color()}, s.Total.ByWeapon[w]})
	}
	gap()
	add("Rows", r.Rows.String()+" (see Data Quality)")
	add("Rows read", r.Rows.Read)
	add("Rows counted", r.Rows.Counted)
	add("Rows excluded", r.Rows.Excluded)
	add("Duplicate rows", r.Rows.Duplicates)
	add("Rejected rows", r.Rows.Rejected)
	if parts := b.incidents.parts; len(parts) > 1 {
		names := make([]string, len(parts))
		for i, p := range parts {
			names[i] = p.name
		}
		add("Incidents sheets", fmt.Sprintf("the counted rows go on over %d sheets, %s, since a sheet holds %d rows under its header",
			len(parts), strings.Join(names, ", "), bodyRows))
	}
	gap()
	add("Note", `An empty numeric cell in the input means "not reported": it counts as 0, `+
		`except munitions, which counts as 1.`)

	return b.writeTable(sheet, &table{
		cols:    []column{{name: "Figure"}, {name: "Value", align: "left"}},
		rows:    len(rows),
		row:     func(i int, dst []any) []any { return append(dst[:0], rows[i]...) },
		onePage: true,
	})
}

func monthName(t time.Time) string { return t.Format("January 2006") }

// weaponColumns returns one column per canonical weapon, headed by its
// label on its colour.
func weaponColumns() []column {
	cols := make([]column, 0, incident.NumWeapons)
	for _, w := range incident.Weapons() {
		cols = append(cols, column{name: w.Label(), fill: w.Color()})
	}
	return cols
}

func appendWeapons(dst []any, counts *[incident.NumWeapons]int) []any {
	for _, n := range counts {
		dst = append(dst, n)
	}
	return dst
}

func appendTotals(dst []any, t *stats.Totals) []any {
	dst = append(dst, t.Incidents, t.Munitions, t.Intercepted, t.Killed, t.Wounded)
	return appendWeapons(dst, &t.ByWeapon)
}

// byMonth writes the totals of every month, then a Total row.
func (b *Workbook) byMonth(r *Report, sheet string) error {
	s := r.Summary
	cols := []column{{name: "Month", numFmt: fmtMonth}, {name: "Incidents"}, {name: "95% low", numFmt: fmtOneDecimal},
		{name: "95% high", numFmt: fmtOneDecimal}, {name: "Munitions"},
		{name: "Intercepted"}, {name: "Killed"}, {name: "Wounded"}}
	// withCI puts the interval of month m (nil for the Total row) after
	// the incidents of row.
	withCI := func(row []any, m *stats.Month) []any {
		var lo, hi any
		if m != nil {
			lo, hi = m.CILow, m.CIHigh
		}
		return append(row[:2], append([]any{lo, hi}, row[2:]...)...)
	}
	cols = append(cols, weaponColumns()...)
	cols = append(cols, column{name: "Data through"})
	return b.writeTable(sheet, &table{
		name: "tblByMonth",
		cols: cols,
		rows: len(s.Months),
		row: func(i int, dst []any) []any {
			m := &s.Months[i]
			dst = withCI(appendTotals(append(dst[:0], m.Start), &m.Totals), m)
			if m.Partial {
				// A month the data ends in: partial, through this day.
				return append(dst, m.Through)
			}
			return append(dst, nil)
		},
		total:   withCI(appendTotals([]any{"Total"}, &s.Total), nil),
		formula: b.incidentTable().monthFormulas(s),
		freeze:  1,
		empty:   noIncidents,
	})
}

// bySite writes every site in Summary.Sites order, then a Total row.
func (b *Workbook) bySite(r *Report, sheet string) error {
	s := r.Summary
	name, many := "Site", "sites"
	if s.SitesByGroup {
		name, many = "Site group", "groups"
	}
	cols := append([]column{{name: name}, {name: "Incidents"}}, weaponColumns()...)
	cols = append(cols, column{name: "First"}, column{name: "Last"})
	var total []any
	if len(s.Sites) > 0 {
		total = appendWeapons([]any{fmt.Sprintf("Total (%d %s)", len(s.Sites), many), s.Total.Incidents}, &s.Total.ByWeapon)
		total = append(total, s.First, s.Last)
	}
	// The counts add up; First and Last total as the earliest and latest.
	totals := totalsFunctions(&table{cols: cols, total: total})
	totals[len(cols)-2], totals[len(cols)-1] = "min", "max"
	return b.writeTable(sheet, &table{
		name: "tblBySite",
		cols: cols,
		rows: len(s.Sites),
		row: func(i int, dst []any) []any {
			site := &s.Sites[i]
			dst = appendWeapons(append(dst[:0], site.Name, site.Incidents), &site.ByWeapon)
			return append(dst, site.First, site.Last)
		},
		total:   total,
		totals:  totals,
		formula: b.incidentTable().siteFormulas(s),
		freeze:  1,
		empty:   noIncidents,
	})
}

// byWeapon writes every canonical weapon with its share of the incidents
// and its intercept rate with the rate's 95% interval, then a Total row,
// and below them the native chart of the incidents by weapon.
// The share is empty when there are no incidents, the intercept rate and
// interval when the weapon has no munitions, and in the Total row.
func (b *Workbook) byWeapon(r *Report, sheet string) error {
	s := r.Summary
	share := func(w *stats.WeaponTotals) any {
		if s.Total.Incidents == 0 {
			return nil
		}
		return w.Share
	}
	var all any
	if s.Total.Incidents > 0 {
		all = 1.0
	}
	t := &s.Total
	err := b.writeTable(sheet, &table{
		name: "tblByWeapon",
		cols: []column{{name: "Weapon"}, {name: "Incidents"}, {name: "Munitions"}, {name: "Intercepted"},
			{name: "Killed"}, {name: "Wounded"}, {name: "Share of incidents", numFmt: fmtPercent},
			{name: "Intercept rate", numFmt: fmtPercent}, {name: "Rate 95% low", numFmt: fmtPercent},
			{name: "Rate 95% high", numFmt: fmtPercent}},
		rows: len(s.Weapons),
		row: func(i int, dst []any) []any {
			w := &s.Weapons[i]
			dst = append(dst[:0], cell{v: w.Weapon.Label(), fill: w.Weapon.Color()},
				w.Incidents, w.Munitions, w.Intercepted, w.Killed, w.Wounded, share(w))
			if w.Munitions == 0 {
				return append(dst, nil, nil, nil)
			}
			return append(dst, w.InterceptRate, w.InterceptLow, w.InterceptHigh)
		},
		total: []any{"Total", t.Incidents, t.Munitions, t.Intercepted, t.Killed, t.Wounded, all},
		// The shares add up; the rates and their intervals do not.
		totals:  []string{"", "sum", "sum", "sum", "sum", "sum", "sum"},
		formula: b.incidentTable().weaponFormulas(s),
		freeze:  1,
		onePage: withChartOnePage(len(s.Weapons)),
	})
	if err != nil {
		return err
	}
	return b.weaponChart(sheet, s)
}

// monthByWeapon writes the incidents per month and weapon, with a Total
// column and a Total row, and below them the native chart of the months
// stacked by weapon.
func (b *Workbook) monthByWeapon(r *Report, sheet string) error {
	s := r.Summary
	cols := append([]column{{name: "Month", numFmt: fmtMonth}}, weaponColumns()...)
	err := b.writeTable(sheet, &table{
		name: "tblMonthByWeapon",
		cols: append(cols, column{name: "Total"}),
		rows: len(s.Months),
		row: func(i int, dst []any) []any {
			m := &s.Months[i]
			return append(appendWeapons(append(dst[:0], m.Start), &m.ByWeapon), m.Incidents)
		},
		total:   append(appendWeapons([]any{"Total"}, &s.Total.ByWeapon), s.Total.Incidents),
		formula: b.incidentTable().monthFormulas(s),
		freeze:  1,
		empty:   noIncidents,
		onePage: withChartOnePage(len(s.Months)),
	})
	if err != nil {
		return err
	}
	return b.monthlyChart(sheet, s)
}

// references writes each published tally beside our count under its
// own filter and dates, the verdict, and our count under each standard
// scope, so that a reader sees which choice explains a gap. The Source
// URL(s) cell links to the first URL when it is an http or https URL.
func (b *Workbook) references(r *Report, sheet string) error {
	refs := r.Summary.References
	cols := []column{{name: "As of"}, {name: "Since"}, {name: "Through"}, {name: "Published"}, {name: "Bound"},
		{name: "Filter"}, {name: "Ours"}, {name: "Ours low"}, {name: "Ours high"},
		{name: "Difference", numFmt: fmtSigned}, {name: "Verdict"}}
	for _, ns := range incident.StandardScopes() {
		cols = append(cols, column{name: "Ours, " + strings.ReplaceAll(ns.Name, "_", " ")})
	}
	cols = append(cols, column{name: "Outlet"}, column{name: "Wording"}, column{name: "Scope"}, column{name: "Source URL(s)", nowrap: true})
	return b.writeTable(sheet, &table{
		name: "tblReferences",
		cols: cols,
		rows: len(refs),
		row: func(i int, dst []any) []any {
			r := &refs[i]
			var urls any = strings.Join(r.SourceURLs, "; ")
			if len(r.SourceURLs) > 0 && linkable(r.SourceURLs[0]) {
				urls = cell{v: urls, link: r.SourceURLs[0]}
			}
			filter := r.Filter.String()
			if filter == "" {
				filter = "(all)"
			}
			dst = append(dst[:0], r.AsOf, r.Since, r.Through, r.Published, r.Bound.String(), filter,
				r.Ours, r.OursLow, r.OursHigh, r.Difference, string(r.Verdict))
			for _, c := range r.ByScope {
				dst = append(dst, c.Count)
			}
			return append(dst, r.Outlet, r.Wording, r.Scope, urls)
		},
		freeze: 1,
		empty:  "No published tallies were given.",
	})
}

// linkable reports whether u can be a cell's link: an http or https URL
// of at most 2,000 characters (Excel refuses longer ones).
func linkable(u string) bool {
	l := strings.ToLower(u)
	return len(u) <= 2000 && (strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://"))
}

// rowPixels is the height of a default row (15 points) in pixels.
const rowPixels = 20

// chartBox returns the largest size, in pixels at 96 per inch, of a chart
// on a landscape page of the paper, under its title row and within the
// margins, header and footer that pageSetup sets.
func chartBox(p Paper) (width, height float64) {
	w, h := 297/25.4, 210/25.4 // A4 landscape, inches
	if p == Letter {
		w, h = 11, 8.5
	}
	w -= 2 * 0.5  // left and right margins
	h -= 2 * 0.75 // top and bottom margins, which hold header and footer
	return w * 96, h*96 - 2*rowPixels
}

// charts embeds the charts one to a page, each under its title with a
// page break before it, shrunk (never enlarged) to fit a landscape page
// of Options.Paper. A chart that is not a PNG image is an error.
func (b *Workbook) charts(r *Report, sheet string) error {
	f := b.f
	title, err := b.styles.id(styleKey{bold: true, size: 14})
	if err != nil {
		return err
	}
	if err := b.pageSetup(sheet, printSetup{}); err != nil {
		return err
	}
	if len(r.Charts) == 0 {
		return f.SetCellStr(sheet, "A1", "No charts.")
	}
	boxW, boxH := chartBox(b.opts.Paper)
	row := 1
	for i, c := range r.Charts {
		cfg, format, err := image.DecodeConfig(bytes.NewReader(c.PNG))
		if err == nil && format != "png" {
			err = fmt.Errorf("is %s, not PNG", format)
		}
		if err == nil && (cfg.Width == 0 || cfg.Height == 0) {
			err = fmt.Errorf("is empty (%dx%d)", cfg.Width, cfg.Height)
		}
		if err != nil {
			return fmt.Errorf("chart %d %q: %w", i+1, c.Title, err)
		}
		name := cellName(1, row)
		if i > 0 {
			if err := f.InsertPageBreak(sheet, name); err != nil {
				return err
			}
		}
		if err := f.SetCellStr(sheet, name, clip(c.Title)); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, name, name, title); err != nil {
			return err
		}
		scale := min(1, boxW/float64(cfg.Width), boxH/float64(cfg.Height))
		err = f.AddPictureFromBytes(sheet, cellName(1, row+1), &excelize.Picture{
			Extension: ".png",
			File:      c.PNG,
			Format: &excelize.GraphicOptions{
				AltText: c.Title, ScaleX: scale, ScaleY: scale,
				LockAspectRatio: true, Positioning: "oneCell",
			},
		})
		if err != nil {
			return fmt.Errorf("chart %d %q: %w", i+1, c.Title, err)
		}
		row += 1 + int(math.Ceil(float64(cfg.Height)*scale/rowPixels)) + 2
	}
	return nil
}
