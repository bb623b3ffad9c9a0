package workbook

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Number formats.
const (
	fmtDate    = "yyyy-mm-dd"
	fmtMonth   = "mmm yyyy"
	fmtPercent = "0.0%"
	fmtTime    = "hh:mm"
	// fmtSigned shows a difference with its sign: +3, -2, 0.
	fmtSigned = "+0;-0;0"
)

// Layout limits.
const (
	// maxWidth is the widest a column is made, in characters; a column
	// whose text is longer wraps.
	maxWidth = 60
	// maxCellChars is the most UTF-16 units Excel holds in a cell
	// (excelize.TotalCellChars); excelize cuts longer text silently.
	maxCellChars = excelize.TotalCellChars
	// maxHeaderChars is the longest table column name Excel accepts.
	maxHeaderChars = 255
	// maxRows is the most rows a sheet holds.
	maxRows = excelize.TotalRows
)

// truncated ends a text cut to fit in a cell.
const truncated = "… [truncated]"

// cell is a value with formatting of its own, overriding its column's.
type cell struct {
	v      any    // as a row value: string, int, float64, time.Time or nil
	numFmt string // number format; "" keeps the column's
	fill   string // background colour "#RRGGBB"; "" for none
	bold   bool
	link   string // an http(s) URL to link the cell to; "" for none
	// formula is the cell's formula, without "=", v its cached value;
	// "" for none.
	formula string
}

// column describes a column of a table.
type column struct {
	name string
	// numFmt is the number format of the column's values, "" for General;
	// a date without one shows as yyyy-mm-dd.
	numFmt string
	// fill is the background colour "#RRGGBB" of the header cell, "" for
	// none.
	fill string
	// align is the horizontal alignment of the values, "" for the default.
	align string
	// nowrap keeps a column narrower than its text from wrapping: for
	// links, which LibreOffice does not wrap.
	nowrap bool
	// wide is the widest the column is made, in characters, when more
	// than maxWidth: for prose, whose rows would otherwise be several
	// lines tall on every printed band of the sheet.
	wide int
}

// maxWidth returns the widest c is made: its wide, else maxWidth.
func (c column) maxWidth() int { return max(c.wide, maxWidth) }

// table is a sheet laid out as a header row, one row per item and an
// optional totals row.
type table struct {
	// name is the Excel table's name; "" for no Excel table.
	name string
	cols []column
	// rows is the number of body rows; row appends the values of body row i
	// (0-based) to dst[:0] and returns it. A value is a string, int,
	// float64, time.Time (a date), cell or nil; "" and nil leave the cell
	// empty.
	rows int
	row  func(i int, dst []any) []any
	// total is a bold row below the body, nil for none: the Excel table's
	// totals row, with a SUBTOTAL formula under each column whose totals
	// function (totals; by default "sum" under every int) is set (see
	// totalsRow).
	total  []any
	totals []string
	// formula, when set, gives the formula of body row i's value under
	// column col, "" for none; the value is its cached value.
	formula func(i int, col string) string
	// freeze is the number of columns to freeze at the left, besides the
	// header row, which is always frozen.
	freeze int
	// empty is the text shown in the first column when there are no rows.
	empty string
	// onePage prints the sheet on one page, tall as well as wide.
	onePage bool
}

// writeTable writes t to the sheet: column widths fitted to the values,
// the header row frozen, then the body, the totals row and the Excel table
// over them (when there are rows and t.name is set), whose filter leaves
// the totals row out.
func (b *Workbook) writeTable(sheet string, t *table) error {
	if t.rows+3 > maxRows {
		return fmt.Errorf("%d rows is more than a sheet holds (%d)", t.rows, maxRows-3)
	}
	if err := b.pageSetup(sheet, printSetup{onePage: t.onePage, titleRows: true}); err != nil {
		return err
	}
	out := fileSink{b.f, sheet}

	names := make([]string, len(t.cols))
	for i, c := range t.cols {
		names[i] = c.name
	}
	names = uniqueNames(names)

	// Fit the widths: a first pass over the values.
	widths := make([]int, len(t.cols))
	for i, n := range names {
		widths[i] = headerWidth(n, t.name != "")
	}
	// numeric says whether a column's body holds numbers and dates only;
	// its header is then aligned right, like its values.
	numeric := make([]bool, len(t.cols))
	text := make([]bool, len(t.cols))
	fit := func(vals []any, body bool) {
		for i, v := range vals {
			if i >= len(widths) {
				break
			}
			widths[i] = max(widths[i], valueWidth(v, t.cols[i].numFmt))
			if !body {
				continue
			}
			switch v := unwrap(v).(type) {
			case nil:
			case string:
				text[i] = text[i] || v != ""
			default:
				numeric[i] = true
			}
		}
	}
	var vals []any
	for i := range t.rows {
		vals = t.row(i, vals)
		fit(vals, true)
	}
	fit(t.total, false)
	if t.rows == 0 && t.empty != "" {
		widths[0] = max(widths[0], min(textWidth(t.empty), 12))
	}
	wrap, anyWrap := capWidths(t.cols, widths)
	for i, w := range widths {
		if err := out.setColWidth(i+1, float64(max(w, 6)+2)); err != nil {
			return err
		}
	}
	if err := out.setPanes(freezePanes(t.freeze)); err != nil {
		return err
	}
	// height returns the height of a row whose wrapped cells need more
	// than one line, 0 for the default.
	height := func(vals []any) float64 {
		lines := 1
		for i, v := range vals {
			if s, ok := unwrap(v).(string); ok && i < len(wrap) && wrap[i] {
				lines = max(lines, wrapLines(s, widths[i]))
			}
		}
		return rowHeight(lines)
	}

	// Header.
	cells := make([]outCell, len(t.cols))
	head := make([]any, len(t.cols))
	for i, c := range t.cols {
		k := styleKey{bold: true, fill: c.fill, wrap: wrap[i], top: true}
		if numeric[i] && !text[i] {
			k.align = "right"
		}
		id, err := b.styles.id(k)
		if err != nil {
			return err
		}
		cells[i] = outCell{v: names[i], style: id}
		head[i] = names[i]
	}
	if err := out.setRow(1, cells, height(head)); err != nil {
		return err
	}

	// Body, a second pass.
	body := func(row int, vals []any, bold bool) error {
		cells = cells[:0]
		for i, v := range vals {
			if i >= len(t.cols) {
				break
			}
			c, err := b.outCell(v, styleKey{bold: bold, numFmt: t.cols[i].numFmt, wrap: wrap[i], top: anyWrap, align: t.cols[i].align})
			if err != nil {
				return err
			}
			cells = append(cells, c)
		}
		return out.setRow(row, cells, height(vals))
	}
	for i := range t.rows {
		vals = t.row(i, vals)
		withFormulas(vals, names, i, t.formula)
		if err := body(i+2, vals, false); err != nil {
			return err
		}
	}
	if t.rows == 0 && t.empty != "" {
		if err := body(2, []any{t.empty}, false); err != nil {
			return err
		}
	}
	total, totals := totalsRow(t, names)
	if t.name != "" && t.rows > 0 {
		last := t.rows + 1
		if hasFunctions(totals) {
			last++
			b.totals[t.name] = totals
		}
		ref, err := excelize.CoordinatesToCellName(len(t.cols), last)
		if err != nil {
			return err
		}
		if err := out.addTable(&excelize.Table{Range: "A1:" + ref, Name: t.name, StyleName: "TableStyleLight1"}); err != nil {
			return err
		}
	}
	if t.total != nil {
		if t.rows == 0 {
			total = t.total
		}
		if err := body(max(t.rows, 1)+2, total, true); err != nil {
			return err
		}
	}
	return nil
}

// printSetup is how a sheet prints, besides what every sheet shares
// (see pageSetup).
type printSetup struct {
	// onePage fits the sheet on one page, tall as well as wide.
	onePage bool
	// scale, when not 0, prints the sheet at this percentage, as many
	// pages wide as it takes, instead of one page wide.
	scale int
	// titleRows repeats the first row on every page; titleCols the
	// first titleCols columns.
	titleRows bool
	titleCols int
	// area, when set, is the part of the sheet that prints, e.g.
	// "$A$1:$E$8"; "" prints all of it.
	area string
}

// pageSetup sets how the sheet prints: on the paper of Options.Paper,
// landscape, one page wide (and tall, when p.onePage), with the header
// and footer of b.headerFooter and the print titles of p.
func (b *Workbook) pageSetup(sheet string, p printSetup) error {
	landscape := "landscape"
	size := b.opts.Paper.size()
	wide, high, on := 1, 0, true
	if p.onePage {
		high = 1
	}
	opts := &excelize.PageLayoutOptions{Size: &size, Orientation: &landscape, FitToWidth: &wide, FitToHeight: &high}
	if p.scale != 0 {
		on = false
		opts = &excelize.PageLayoutOptions{Size: &size, Orientation: &landscape, AdjustTo: ptr(uint(p.scale))}
	}
	if err := b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &on}); err != nil {
		return err
	}
	if err := b.f.SetPageLayout(sheet, opts); err != nil {
		return err
	}
	side, edge, hf := 0.5, 0.75, 0.3 // inches
	if err := b.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Left: &side, Right: &side, Top: &edge, Bottom: &edge, Header: &hf, Footer: &hf,
	}); err != nil {
		return err
	}
	if b.headerFooter != nil {
		if err := b.f.SetHeaderFooter(sheet, b.headerFooter); err != nil {
			return err
		}
	}
	quoted := sheetPrefix(sheet)
	if p.area != "" {
		if err := b.f.SetDefinedName(&excelize.DefinedName{
			Name: "_xlnm.Print_Area", RefersTo: quoted + p.area, Scope: sheet,
		}); err != nil {
			return err
		}
	}
	var titles []string
	if p.titleCols > 0 {
		col, err := excelize.ColumnNumberToName(p.titleCols)
		if err != nil {
			return err
		}
		titles = append(titles, quoted+"$A:$"+col)
	}
	if p.titleRows {
		titles = append(titles, quoted+"$1:$1")
	}
	if titles == nil {
		return nil
	}
	return b.f.SetDefinedName(&excelize.DefinedName{
		Name:     "_xlnm.Print_Titles",
		RefersTo: strings.Join(titles, ","),
		Scope:    sheet,
	})
}

// sheetPrefix returns what a reference to cells of sheet begins with:
// its name quoted, "'Month x Weapon'!", an apostrophe in it doubled.
func sheetPrefix(sheet string) string {
	return "'" + strings.ReplaceAll(sheet, "'", "''") + "'!"
}

// ptr returns a pointer to a copy of v, for excelize's optional fields.
func ptr[T any](v T) *T { return &v }

// outCell converts a row value to a cell to write, with its style: k
// completed by the value's own formatting.
func (b *Workbook) outCell(v any, k styleKey) (outCell, error) {
	var link, formula string
	if c, ok := v.(cell); ok {
		v = c.v
		k.bold = k.bold || c.bold
		if c.numFmt != "" {
			k.numFmt = c.numFmt
		}
		k.fill = c.fill
		if c.link != "" {
			link, k.link = c.link, true
		}
		formula = c.formula
	}
	switch x := v.(type) {
	case nil:
		return outCell{}, nil
	case string:
		if x == "" {
			return outCell{}, nil
		}
		v = clip(x)
		k.numFmt = "" // text shows as typed
	case time.Time:
		if n, ok := serial(x); ok {
			v = n
			if k.numFmt == "" {
				k.numFmt = fmtDate
			}
		} else {
			v, k.numFmt = x.Format(time.DateOnly), ""
		}
	case int, float64:
	default:
		return outCell{}, fmt.Errorf("cannot write a %T", v)
	}
	id, err := b.styles.id(k)
	return outCell{v: v, style: id, link: link, formula: formula}, err
}

// outCell is a value ready to write: a string, int or float64; nil leaves
// the cell empty. A formula's value is its cached value.
type outCell struct {
	v       any
	style   int
	link    string
	formula string
}

// fileSink writes a sheet through excelize, cell by cell.
type fileSink struct {
	f     *excelize.File
	sheet string
}

func (s fileSink) setColWidth(col int, width float64) error {
	name, err := excelize.ColumnNumberToName(col)
	if err != nil {
		return err
	}
	return s.f.SetColWidth(s.sheet, name, name, width)
}

func (s fileSink) setPanes(p *excelize.Panes) error { return s.f.SetPanes(s.sheet, p) }

func (s fileSink) setRow(row int, cells []outCell, height float64) error {
	if height > 0 {
		if err := s.f.SetRowHeight(s.sheet, row, height); err != nil {
			return err
		}
	}
	for i, c := range cells {
		if c.v == nil {
			continue
		}
		if err := s.f.SetCellValue(s.sheet, cellName(i+1, row), c.v); err != nil {
			return err
		}
		if c.style != 0 {
			if err := s.f.SetCellStyle(s.sheet, cellName(i+1, row), cellName(i+1, row), c.style); err != nil {
				return err
			}
		}
		if c.formula != "" {
			if err := s.f.SetCellFormula(s.sheet, cellName(i+1, row), c.formula); err != nil {
				return err
			}
		}
		if c.link != "" {
			if err := s.f.SetCellHyperLink(s.sheet, cellName(i+1, row), c.link, "External"); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s fileSink) addTable(t *excelize.Table) error { return s.f.AddTable(s.sheet, t) }

// cellName returns the name of the cell at 1-based column col and row,
// "B3"; the coordinates are always within a sheet's limits here.
func cellName(col, row int) string {
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		panic(err)
	}
	return name
}

// freezePanes freezes the header row and the first cols columns.
func freezePanes(cols int) *excelize.Panes {
	topLeft := cellName(cols+1, 2)
	p := &excelize.Panes{Freeze: true, XSplit: cols, YSplit: 1, TopLeftCell: topLeft, ActivePane: "bottomLeft"}
	if cols > 0 {
		p.ActivePane = "bottomRight"
	}
	p.Selection = []excelize.Selection{{SQRef: topLeft, ActiveCell: topLeft, Pane: p.ActivePane}}
	return p
}

// uniqueNames returns the names fit for table column names: control
// characters as spaces, surrounding space trimmed, at most 255 characters,
// an empty name as "column N" (N counted from 1), and a name equal to an
// earlier one, ignoring case, followed by " (2)", " (3)" and so on.
func uniqueNames(names []string) []string {
	out := make([]string, len(names))
	seen := make(map[string]bool)
	for i, n := range names {
		n = strings.TrimSpace(strings.Map(func(r rune) rune {
			if r < ' ' || r == 0x7f {
				return ' '
			}
			return r
		}, strings.ToValidUTF8(n, "\uFFFD")))
		if n == "" {
			n = fmt.Sprintf("column %d", i+1)
		}
		n = clipTo(n, maxHeaderChars-8, "…")
		name := n
		for k := 2; seen[strings.ToLower(name)]; k++ {
			name = fmt.Sprintf("%s (%d)", n, k)
		}
		seen[strings.ToLower(name)] = true
		out[i] = name
	}
	return out
}

// clip returns s fit for a cell: valid UTF-8 and at most 32,767 UTF-16
// units, Excel's limit, a longer s cut and ended with "… [truncated]".
func clip(s string) string {
	return clipTo(strings.ToValidUTF8(s, "\uFFFD"), maxCellChars, truncated)
}

// clipTo returns s when it has at most n UTF-16 units, or else its longest
// prefix that leaves room for the marker, followed by the marker.
func clipTo(s string, n int, marker string) string {
	if len(s) <= n { // a UTF-8 byte is never less than a UTF-16 unit
		return s
	}
	units := 0
	for _, r := range s {
		units += utf16.RuneLen(r)
	}
	if units <= n {
		return s
	}
	room := n - utf16Len(marker)
	units = 0
	for i, r := range s {
		units += utf16.RuneLen(r)
		if units > room {
			return s[:i] + marker
		}
	}
	return s
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// serial returns the Excel serial number of the date of t (1900 date
// system: 1 is 1 January 1900, and Excel's phantom 29 February 1900 is day
// 60), and false for a date before 1 March 1900 or after 9999, which the
// serials cannot show faithfully.
func serial(t time.Time) (int, bool) {
	y, m, d := t.Date()
	if y > 9999 {
		return 0, false
	}
	n := int((time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() - serialEpoch) / 86400)
	if n < 61 { // 1 March 1900
		return 0, false
	}
	return n, true
}

// serialEpoch is the Unix time of serial 0, 30 December 1899, for dates
// from 1 March 1900.
var serialEpoch = time.Date(1899, time.December, 30, 0, 0, 0, 0, time.UTC).Unix()

// Row heights, in points.
const (
	lineHeight   = 15  // a line of 11-point text
	maxRowHeight = 409 // Excel's limit
)

// rowHeight returns the height of a row whose tallest cell takes lines
// lines: 0, the default, for one.
func rowHeight(lines int) float64 {
	if lines <= 1 {
		return 0
	}
	return min(float64(lines)*lineHeight, maxRowHeight)
}

// headerWidth estimates the width in characters of a header cell: its
// name in bold, and the filter button of an Excel table when filter.
func headerWidth(name string, filter bool) int {
	w := textWidth(name) + 1 // bold
	if filter {
		w += 2
	}
	return w
}

// capWidths makes each column no wider than its maxWidth; a column cut
// down wraps, unless it is nowrap. It returns which columns wrap, and
// whether any does: the rows' cells are then aligned to the top.
func capWidths(cols []column, widths []int) (wrap []bool, anyWrap bool) {
	wrap = make([]bool, len(cols))
	for i, w := range widths {
		if mw := cols[i].maxWidth(); w > mw {
			widths[i] = mw
			wrap[i] = !cols[i].nowrap
			anyWrap = anyWrap || wrap[i]
		}
	}
	return wrap, anyWrap
}

// unwrap returns the value of a row value.
func unwrap(v any) any {
	if c, ok := v.(cell); ok {
		return c.v
	}
	return v
}

// wrapLines estimates the lines text takes in a column width characters
// wide (the width's unit is a digit of the 11-point font): its lines, each
// wrapped at spaces, a word longer than a line broken where it reaches the
// edge. A line is taken as 90% of the width, since applications fit less
// than the width and a row cut short hides text while a spare line costs
// only space.
func wrapLines(text string, width int) int {
	room := 0.9 * float64(max(width, 1))
	space := runeWidth(' ')
	lines := 0
	for _, para := range strings.Split(text, "\n") {
		n, col := 1, 0.0
		for _, word := range strings.Fields(para) {
			w := 0.0
			for _, r := range word {
				w += runeWidth(r)
			}
			if col > 0 && col+space+w <= room {
				col += space + w
				continue
			}
			if col > 0 {
				n++
				col = 0
			}
			for _, r := range word { // at the start of a line
				rw := runeWidth(r)
				if col > 0 && col+rw > room {
					n++
					col = 0
				}
				col += rw
			}
		}
		lines += n
	}
	return lines
}

// runeWidth estimates the width of r in digits of Calibri, the unit of
// column widths: small letters a little narrower than a digit, spaces and
// thin letters half, capitals a little wider, East Asian wide characters
// two, anything else one.
func runeWidth(r rune) float64 {
	switch {
	case r == ' ' || strings.ContainsRune("il.,;:'|!`", r):
		return 0.5
	case strings.ContainsRune("fjrt()[]{}/-\"", r):
		return 0.7
	case r == 'm' || r == 'w' || r == 'M' || r == 'W' || r == '@' || r == '%':
		return 1.6
	case r >= 'A' && r <= 'Z':
		return 1.2
	case r >= 'a' && r <= 'z':
		return 0.9
	case isWide(r):
		return 2
	}
	return 1
}

// valueWidth estimates the width in characters of v as shown with numFmt.
func valueWidth(v any, numFmt string) int {
	if c, ok := v.(cell); ok {
		v = c.v
		if c.numFmt != "" {
			numFmt = c.numFmt
		}
	}
	switch x := v.(type) {
	case string:
		return textWidth(x)
	case int:
		n := len(strconv.Itoa(x))
		if numFmt == fmtSigned && x > 0 {
			n++
		}
		return n
	case float64:
		if numFmt == fmtPercent {
			return len(strconv.FormatFloat(x*100, 'f', 1, 64)) + 1
		}
		return min(len(strconv.FormatFloat(x, 'f', -1, 64)), 12)
	case time.Time:
		if numFmt == "" {
			return len(fmtDate)
		}
		return len(numFmt)
	}
	return 0
}

// textWidth estimates the width in characters of text: its longest line,
// East Asian wide characters counting two.
func textWidth(s string) int {
	widest, w := 0, 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '\n':
			widest, w = max(widest, w), 0
		case isWide(r):
			w += 2
		default:
			w++
		}
	}
	return max(widest, w)
}

func isWide(r rune) bool {
	return r >= 0x1100 && (r <= 0x115f || (r >= 0x2e80 && r <= 0xa4cf) ||
		(r >= 0xac00 && r <= 0xd7a3) || (r >= 0xf900 && r <= 0xfaff) ||
		(r >= 0xfe30 && r <= 0xfe4f) || (r >= 0xff00 && r <= 0xff60) ||
		(r >= 0xffe0 && r <= 0xffe6) || (r >= 0x1f300 && r <= 0x1f64f) ||
		(r >= 0x1f900 && r <= 0x1f9ff) || (r >= 0x20000 && r <= 0x3fffd))
}
