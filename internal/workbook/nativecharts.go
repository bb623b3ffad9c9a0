package workbook

// This file holds the workbook's native charts: Excel charts drawn from the
// workbook's own tables, so that an analyst can restyle them or point them
// at other cells, beside the PNG images of the Charts sheet. Each sits
// below its table, on the table's sheet:
//
//   - Month x Weapon: incidents per month, stacked by weapon;
//   - Year to Date: our running count of the year against the published
//     tallies;
//   - By Weapon: incidents by weapon.
//
// Weapons have their colours (incident.Weapon.Color), as in the PNGs.

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"report/internal/incident"
	"report/internal/stats"
)

// Native chart size, in pixels: 960 x 480 prints 25.4 x 12.7 cm at 96 dpi,
// within the width of an A4 or Letter landscape page.
const (
	nativeWidth  = 960
	nativeHeight = 480
)

// onePageRows is the most rows a table can have for its sheet to print on
// one page with the native chart below it: the chart is about 24 rows
// tall, so the page then holds at most 52 rows, printed at no less than
// about two thirds of their size. A longer table prints one page wide,
// the chart on a page of its own.
const onePageRows = 24

// withChartOnePage says whether a table of rows rows prints on one page
// with its chart (see onePageRows).
func withChartOnePage(rows int) bool { return rows <= onePageRows }

// chartFont is the font of the native charts' text.
var chartFont = &excelize.Font{Family: fontFamily, Size: 10, Color: "#000000"}

// sheetRange returns an absolute reference to the cells of column col
// (1-based) from row first to row last of sheet: 'Month x Weapon'!$B$2:$B$8.
func sheetRange(sheet string, col, first, last int) string {
	name, _ := excelize.ColumnNumberToName(col)
	ref := fmt.Sprintf("%s$%s$%d", sheetPrefix(sheet), name, first)
	if last != first {
		ref += fmt.Sprintf(":$%s$%d", name, last)
	}
	return ref
}

// addNativeChart puts c on the sheet two rows below a table of rows body
// rows and a totals row (when total), with the native size, a title and
// axis fonts; after a page break when the table is too long to share a
// page with it (see onePageRows).
func (b *Workbook) addNativeChart(sheet string, rows int, total bool, title string, c *excelize.Chart) error {
	below := rows + 3 // the header, the rows and a blank row
	if total {
		below++
	}
	c.Dimension = excelize.ChartDimension{Width: nativeWidth, Height: nativeHeight}
	c.Title = excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title,
		Font: &excelize.Font{Family: fontFamily, Size: 14, Bold: true, Color: "#000000"}}}}
	c.XAxis.Font, c.YAxis.Font = *chartFont, *chartFont
	c.Format = excelize.GraphicOptions{AltText: title}
	if c.Legend.Position == "" {
		c.Legend = excelize.ChartLegend{Position: "bottom", Font: chartFont}
	}
	if !withChartOnePage(rows) {
		if err := b.f.InsertPageBreak(sheet, cellName(1, below)); err != nil {
			return err
		}
	}
	if err := b.f.AddChart(sheet, cellName(1, below), c); err != nil {
		return fmt.Errorf("chart %q: %w", title, err)
	}
	return nil
}

// axisTitle is the title of a chart axis.
func axisTitle(text string) excelize.ChartTitle {
	return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: text, Font: chartFont}}}
}

// solid is a fill of one colour "#RRGGBB".
func solid(color string) excelize.Fill {
	return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
}

// monthlyChart draws the Month x Weapon table, of one column per weapon
// from column B: a column per month, stacked by weapon. Weapons without
// incidents in any month are left out of the chart.
func (b *Workbook) monthlyChart(sheet string, s *stats.Summary) error {
	n := len(s.Months)
	if n == 0 {
		return nil
	}
	// Not varied colours: with one weapon, LibreOffice would list the
	// months in the legend, each in a colour its bar is not.
	c := &excelize.Chart{Type: excelize.ColStacked, GapWidth: ptr[uint](50), Overlap: ptr(100), VaryColors: ptr(false),
		XAxis: excelize.ChartAxis{NumFmt: excelize.ChartNumFmt{CustomNumFmt: fmtMonth}},
		YAxis: excelize.ChartAxis{MajorGridLines: true, Title: axisTitle("Incidents")}}
	months := sheetRange(sheet, 1, 2, n+1)
	b.dates[months] = dateAxis{base: "months", months: monthLabelStep(n)}
	for i, w := range incident.Weapons() {
		if s.Total.ByWeapon[w] == 0 {
			continue
		}
		c.Series = append(c.Series, excelize.ChartSeries{
			Name:       sheetRange(sheet, i+2, 1, 1),
			Categories: months,
			Values:     sheetRange(sheet, i+2, 2, n+1),
			Fill:       solid(w.Color()),
		})
	}
	return b.addNativeChart(sheet, n, true, "Incidents per month by weapon", c)
}

// maxMonthLabels is the most month labels ("Jan 2021") the monthly
// chart's axis holds side by side at its width without overlapping.
const maxMonthLabels = 18

// monthLabelStep returns the step between labelled months of a monthly
// chart of n months, so that at most maxMonthLabels are labelled: 1 (every
// month) up to maxMonthLabels months, then a step that divides a year (2,
// 3, 4 or 6 months), then whole years.
func monthLabelStep(n int) int {
	if n <= maxMonthLabels {
		return 1
	}
	for _, step := range []int{2, 3, 4, 6} {
		if (n+step-1)/step <= maxMonthLabels {
			return step
		}
	}
	years := (n + 12*maxMonthLabels - 1) / (12 * maxMonthLabels)
	return 12 * years
}

// weaponChart draws the By Weapon table's incidents: a bar per weapon, in
// its colour, in the table's order.
func (b *Workbook) weaponChart(sheet string, s *stats.Summary) error {
	n := len(s.Weapons)
	if n == 0 || s.Total.Incidents == 0 {
		return nil
	}
	series := excelize.ChartSeries{
		Name:       sheetRange(sheet, 2, 1, 1),
		Categories: sheetRange(sheet, 1, 2, n+1),
		Values:     sheetRange(sheet, 2, 2, n+1),
	}
	// excelize colours the points of pies only: zipSplicer colours these
	// (chartPoints).
	colors := make([]string, n)
	for i, w := range s.Weapons {
		colors[i] = w.Weapon.Color()
	}
	b.points[series.Values] = colors
	c := &excelize.Chart{Type: excelize.Col, Series: []excelize.ChartSeries{series}, GapWidth: ptr[uint](60),
		VaryColors: ptr(false),
		Legend:     excelize.ChartLegend{Position: "none"}, // the axis names the weapons
		YAxis:      excelize.ChartAxis{MajorGridLines: true, Title: axisTitle("Incidents")}}
	return b.addNativeChart(sheet, n, true, "Incidents by weapon", c)
}

// ytdRows returns the dates of the Year to Date table: 1 January, the
// last day of each month through YearToDate.Through, Through, and the date
// of each tally drawn on the cumulative chart, each once, in order.
func ytdRows(s *stats.Summary) []time.Time {
	y := &s.YearToDate
	if len(y.Days) == 0 {
		return nil
	}
	first, last := y.Days[0].Date, y.Days[len(y.Days)-1].Date
	dates := []time.Time{first, last}
	for d := first.AddDate(0, 1, -1); d.Before(last); d = time.Date(d.Year(), d.Month()+2, 0, 0, 0, 0, 0, time.UTC) {
		dates = append(dates, d)
	}
	for _, r := range drawnTallies(s) {
		dates = append(dates, r.Through)
	}
	slices.SortFunc(dates, func(a, b time.Time) int { return a.Compare(b) })
	return slices.CompactFunc(dates, func(a, b time.Time) bool { return a.Equal(b) })
}

// drawnTallies returns the tallies the cumulative chart draws: those of
// the year on one of its lines.
func drawnTallies(s *stats.Summary) []*stats.Reconciled {
	var out []*stats.Reconciled
	for i := range s.References {
		r := &s.References[i]
		if r.Line >= 0 && r.InYear && r.Line < len(s.YearToDate.Lines) {
			out = append(out, r)
		}
	}
	return out
}

// lineName names a running count by its scope: "all", "convoys only", or
// the filter as written.
func lineName(l stats.Line) string {
	for _, ns := range incident.StandardScopes() {
		if ns.Scope == l.Scope {
			return strings.ReplaceAll(ns.Name, "_", " ")
		}
	}
	return l.Scope.String()
}

// yearToDate writes the Year to Date sheet: at each date of ytdRows, our
// running count of the year under each scope the tallies use (the first
// all counted incidents; blank after YearToDate.Through, which a tally may
// be dated after), and each tally drawn on the cumulative chart on
// its date where the cumulative PNG draws it (Reconciled.Plotted: its
// published number, lowered by our count up to 31 December for one that
// counts from the year before); then the native cumulative chart, which
// unlike the PNG draws no line of its own for a tally that counts from a
// day after 1 January: a line chart on a date axis (dateAxis), labelled
// at the first of each month, the tallies markers without lines. Two
// tallies of one scope on one date show the later one listed.
func (b *Workbook) yearToDate(r *Report, sheet string) error {
	s := r.Summary
	y := &s.YearToDate
	dates := ytdRows(s)
	cols := []column{{name: "Date"}}
	for _, l := range y.Lines {
		cols = append(cols, column{name: "Ours, " + lineName(l)})
	}
	tallies := drawnTallies(s)
	// tallyCol[line] is the column of the tallies on line, 0 for none.
	tallyCol := make([]int, len(y.Lines))
	for _, t := range tallies {
		if tallyCol[t.Line] == 0 {
			cols = append(cols, column{name: "Tally, " + lineName(y.Lines[t.Line])})
			tallyCol[t.Line] = len(cols) - 1
		}
	}
	jan1 := time.Time{}
	if len(y.Days) > 0 {
		jan1 = y.Days[0].Date
	}
	err := b.writeTable(sheet, &table{
		name: "tblYearToDate",
		cols: cols,
		rows: len(dates),
		row: func(i int, dst []any) []any {
			d := dates[i]
			// After the last day the data cover, for a tally
			// dated later, our counts are not known: blank, so
			// the chart's lines stop there, as the PNG's do.
			k := int(d.Sub(jan1).Hours() / 24)
			dst = append(dst[:0], d)
			for _, l := range y.Lines {
				if k < len(l.Cumulative) {
					dst = append(dst, l.Cumulative[k])
				} else {
					dst = append(dst, nil)
				}
			}
			for range len(cols) - len(dst) {
				dst = append(dst, nil)
			}
			for _, t := range tallies {
				if t.Through.Equal(d) {
					dst[tallyCol[t.Line]] = t.Plotted
				}
			}
			return dst
		},
		freeze:  1,
		empty:   "No counted incidents in the report year.",
		onePage: withChartOnePage(len(dates)),
	})
	if err != nil || len(dates) == 0 {
		return err
	}
	n := len(dates)
	days := sheetRange(sheet, 1, 2, n+1)
	b.dates[days] = dateAxis{base: "days", months: 1}
	c := &excelize.Chart{Type: excelize.Line, ShowBlanksAs: "gap",
		XAxis: excelize.ChartAxis{NumFmt: excelize.ChartNumFmt{CustomNumFmt: "mmm"}},
		YAxis: excelize.ChartAxis{MajorGridLines: true, Title: axisTitle("Incidents")}}
	for i := range y.Lines {
		color := incident.LineColor(i)
		c.Series = append(c.Series, excelize.ChartSeries{
			Name:       sheetRange(sheet, i+2, 1, 1),
			Categories: days,
			Values:     sheetRange(sheet, i+2, 2, n+1),
			Line:       excelize.LineOptions{Type: excelize.LineSolid, Width: 2.25, Fill: solid(color)},
			Fill:       solid(color),
			Marker:     excelize.ChartMarker{Symbol: "none"},
		})
		if col := tallyCol[i]; col > 0 {
			c.Series = append(c.Series, excelize.ChartSeries{
				Name:       sheetRange(sheet, col+1, 1, 1),
				Categories: days,
				Values:     sheetRange(sheet, col+1, 2, n+1),
				Line:       excelize.LineOptions{Type: excelize.LineNone},
				Fill:       solid(color),
				Marker:     excelize.ChartMarker{Symbol: "diamond", Size: 9, Fill: solid(color)},
			})
		}
	}
	title := fmt.Sprintf("Incidents in %d so far, against published tallies", y.Year)
	return b.addNativeChart(sheet, n, false, title, c)
}

// dateAxis is the date axis of a chart whose categories are date cells:
// excelize writes the categories as text and the x axis as a category
// axis, a label at every category, equally spaced whatever the days
// between them; fixChart makes the categories numbers (dates) and the axis
// a date axis (dateAx), labelled every months months from the first.
type dateAxis struct {
	// base is the unit of the dates: "days" for points on their day,
	// "months" for a bar a month.
	base   string
	months int
}

var (
	catAxElement = regexp.MustCompile(`<catAx>.*?</catAx>`)
	// notInDateAx are the elements of a catAx that a dateAx lacks.
	notInDateAx = regexp.MustCompile(`<(lblAlgn|noMultiLvlLbl|tickLblSkip|tickMarkSkip) [^>]*(/>|></(lblAlgn|noMultiLvlLbl|tickLblSkip|tickMarkSkip)>)`)
	lblOffset   = regexp.MustCompile(`<lblOffset [^>]*(/>|></lblOffset>)`)
)

// fixChart rewrites what excelize gets wrong in a chart part: the
// categories that are a key of dates (a reference as
// excelize.ChartSeries.Categories has it) become dates on a date axis
// (dateAxis), and the points of the series in points get their colours
// (chartPoints).
func fixChart(data []byte, points map[string][]string, dates map[string]dateAxis) []byte {
	for _, ref := range slices.Sorted(maps.Keys(dates)) {
		var esc bytes.Buffer
		xml.EscapeText(&esc, []byte(ref))
		cat := []byte("<cat><strRef><f>" + esc.String() + "</f></strRef></cat>")
		if !bytes.Contains(data, cat) {
			continue
		}
		data = bytes.ReplaceAll(data, cat, []byte("<cat><numRef><f>"+esc.String()+"</f></numRef></cat>"))
		// After lblOffset, in the schema's order (CT_DateAx).
		ticks := fmt.Sprintf(`<baseTimeUnit val="%s"></baseTimeUnit><majorUnit val="%d"></majorUnit><majorTimeUnit val="months"></majorTimeUnit>`,
			dates[ref].base, dates[ref].months)
		data = catAxElement.ReplaceAllFunc(data, func(ax []byte) []byte {
			ax = notInDateAx.ReplaceAll(ax, nil)
			ax = lblOffset.ReplaceAllFunc(ax, func(off []byte) []byte { return append(off, ticks...) })
			ax = bytes.Replace(ax, []byte("<catAx>"), []byte("<dateAx>"), 1)
			return append(ax[:len(ax)-len("</catAx>")], "</dateAx>"...)
		})
	}
	return chartPoints(data, points)
}

// chartPoints colours the points of the series of a chart part whose
// values are a key of points (a reference as excelize.ChartSeries.Values
// has it), one colour "#RRGGBB" a point in order: a dPt element each,
// where the schema puts them, after invertIfNegative.
func chartPoints(data []byte, points map[string][]string) []byte {
	for ref, colors := range points {
		var esc bytes.Buffer
		xml.EscapeText(&esc, []byte(ref))
		at := bytes.Index(data, []byte("<val><numRef><f>"+esc.String()+"</f>"))
		if at < 0 {
			continue
		}
		mark := []byte(`<invertIfNegative val="0"></invertIfNegative>`)
		i := bytes.LastIndex(data[:at], mark)
		if i < 0 {
			continue
		}
		var dpt strings.Builder
		for k, c := range colors {
			fmt.Fprintf(&dpt, `<dPt><idx val="%d"></idx><invertIfNegative val="0"></invertIfNegative><bubble3D val="0"></bubble3D>`+
				`<spPr><a:solidFill><a:srgbClr val="%s"></a:srgbClr></a:solidFill></spPr></dPt>`, k, strings.TrimPrefix(c, "#"))
		}
		end := i + len(mark)
		data = slices.Concat(data[:end], []byte(dpt.String()), data[end:])
	}
	return data
}
