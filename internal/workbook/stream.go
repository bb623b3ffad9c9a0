package workbook

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"report/internal/incident"
)

// sampleRows is how many rows of a streamed sheet fit its column widths
// and decide which columns wrap: a bounded sample, not a second pass.
const sampleRows = 1000

// bodyRows is the most data rows a sheet holds under its header row; a
// variable for tests.
var bodyRows = maxRows - 1

// valueKind is the type of a streamed cell.
type valueKind uint8

const (
	vEmpty valueKind = iota
	vText
	vInt
	vFloat
	vDate
)

// value is one cell of a streamed row, without boxing: a streamed sheet
// may have a million rows.
type value struct {
	kind valueKind
	s    string
	n    int64
	f    float64
	t    time.Time
	// url is the target of a text cell's link, "" for none.
	url string
}

func text(s string) value {
	if s == "" {
		return value{}
	}
	return value{kind: vText, s: s}
}

func integer(n int) value { return value{kind: vInt, n: int64(n)} }

func count(c incident.Count) value {
	if !c.Known {
		return value{}
	}
	return integer(c.N)
}

// maxLinks is the most hyperlinks Excel keeps on a sheet; a link cell
// past it is written as plain text. A variable for tests.
var maxLinks = 65530

// sheetRows is the part of one sheet a stream wrote: its rows, compressed,
// and the range they cover with the header; and its hyperlinks, when it
// has any, as the sheet's <hyperlink> elements and the relationships
// they point to, each compressed in a file of its own (see zipSplicer).
type sheetRows struct {
	name  string
	body  *deflated
	rows  int // data rows
	ref   string
	links *deflated // <hyperlink ref="U2" r:id="rIdL1"/>...
	rels  *deflated // <Relationship Id="rIdL1" .../>...
	// nlinks counts the hyperlinks, at most maxLinks.
	nlinks int
}

// stream writes the rows of a sheet whose length is set by the input, as
// they come, straight to compressed XML (see deflated): the Incidents
// and Data Quality sheets. Past Excel's limit of rows it goes on in a new
// sheet named "Name (2)", and so on. The header row, column widths, table
// and the rest of the sheet are laid out by excelize at the end, and
// zipSplicer puts the two together.
type stream struct {
	b    *Workbook
	name string
	cols []column
	// widths and wrap are fitted to the first sampleRows rows.
	widths []int
	wrap   []bool
	// numeric and text say whether a column's sample holds numbers or
	// dates, and text; a numeric column's header is aligned right.
	numeric, text []bool
	// sample holds the first rows until the widths are fitted.
	sample [][]value
	fitted bool
	styles []int // per column, once fitted
	dates  []int // per column, the style of a date cell
	linked []int // per column, the style of a link cell
	// filled says whether a column has had a value in any row.
	filled  []bool
	parts   []*sheetRows
	maxCols int
	buf     []byte
}

func newStream(b *Workbook, name string, cols []column) *stream {
	return &stream{b: b, name: name, cols: cols}
}

// add writes a row of values; a row may be longer than the columns (the
// raw fields of a row with too many), and the extra cells are written
// under "field N" columns.
func (s *stream) add(vals []value) error {
	s.maxCols = max(s.maxCols, len(vals))
	if !s.fitted {
		s.sample = append(s.sample, append([]value(nil), vals...))
		if len(s.sample) < sampleRows {
			return nil
		}
		return s.fit()
	}
	return s.write(vals)
}

// fit sets the widths and styles from the sample and writes it.
func (s *stream) fit() error {
	s.fitted = true
	s.widths = make([]int, len(s.cols))
	for i, c := range s.cols {
		s.widths[i] = headerWidth(c.name, true)
	}
	s.numeric, s.text = make([]bool, len(s.cols)), make([]bool, len(s.cols))
	for _, vals := range s.sample {
		for i, v := range vals {
			if i < len(s.widths) {
				s.widths[i] = max(s.widths[i], v.width(s.cols[i].numFmt))
				s.text[i] = s.text[i] || v.kind == vText
				s.numeric[i] = s.numeric[i] || (v.kind != vText && v.kind != vEmpty)
			}
		}
	}
	var anyWrap bool
	s.wrap, anyWrap = capWidths(s.cols, s.widths)
	s.styles = make([]int, len(s.cols))
	s.dates = make([]int, len(s.cols))
	s.linked = make([]int, len(s.cols))
	s.filled = make([]bool, len(s.cols))
	for i, c := range s.cols {
		k := styleKey{numFmt: c.numFmt, wrap: s.wrap[i], top: anyWrap, align: c.align}
		if s.numeric[i] && !s.text[i] {
			// Numbers and dates keep a space before the next
			// column's text: "2021-01-04  Supply route", not
			// "2021-01-04Supply route".
			k.align, k.indent = "right", 1
			s.widths[i] += indentWidth
		}
		var err error
		if s.styles[i], err = s.b.styles.id(k); err != nil {
			return err
		}
		if k.numFmt == "" {
			k.numFmt = fmtDate
		}
		if s.dates[i], err = s.b.styles.id(k); err != nil {
			return err
		}
		k.numFmt, k.link = "", true
		if s.linked[i], err = s.b.styles.id(k); err != nil {
			return err
		}
	}
	for _, vals := range s.sample {
		if err := s.write(vals); err != nil {
			return err
		}
	}
	s.sample = nil
	return nil
}

// write appends a row to the current sheet, starting a new one when it
// is full.
func (s *stream) write(vals []value) error {
	if len(s.parts) == 0 || s.parts[len(s.parts)-1].rows == bodyRows {
		if err := s.newPart(); err != nil {
			return err
		}
	}
	p := s.parts[len(s.parts)-1]
	p.rows++
	b := s.buf[:0]
	b = append(b, `<row r="`...)
	b = strconv.AppendInt(b, int64(p.rows+1), 10)
	b = append(b, '"')
	if h := s.height(vals); h > 0 {
		b = append(b, ` ht="`...)
		b = strconv.AppendFloat(b, h, 'f', -1, 64)
		b = append(b, `" customHeight="1"`...)
	}
	b = append(b, '>')
	for i, v := range vals {
		style := 0
		if i < len(s.styles) {
			style = s.styles[i]
			if v.kind == vDate {
				style = s.dates[i]
			}
			s.filled[i] = s.filled[i] || v.kind != vEmpty
		}
		if v.url != "" && p.nlinks < maxLinks && i < len(s.styles) {
			if err := p.link(s.b.opts.TempDir, cellName(i+1, p.rows+1), v.url); err != nil {
				return err
			}
			style = s.linked[i]
		}
		b = appendCell(b, v, style)
	}
	b = append(b, "</row>"...)
	s.buf = b
	_, err := p.body.Write(b)
	return err
}

// link adds a hyperlink from cell to url, starting the part's files of
// links on its first.
func (p *sheetRows) link(dir, cell, url string) error {
	if p.links == nil {
		var err error
		if p.links, err = newDeflated(dir, 1); err != nil {
			return fmt.Errorf("%s: %w", p.name, err)
		}
		if p.rels, err = newDeflated(dir, 1); err != nil {
			return fmt.Errorf("%s: %w", p.name, err)
		}
	}
	p.nlinks++
	id := strconv.Itoa(p.nlinks)
	b := make([]byte, 0, 128+len(url))
	b = append(b, `<hyperlink ref="`...)
	b = append(b, cell...)
	b = append(b, `" r:id="rIdL`...)
	b = append(b, id...)
	b = append(b, `"/>`...)
	if _, err := p.links.Write(b); err != nil {
		return err
	}
	b = append(b[:0], `<Relationship Id="rIdL`...)
	b = append(b, id...)
	b = append(b, `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="`...)
	b = appendAttr(b, url)
	b = append(b, `" TargetMode="External"/>`...)
	_, err := p.rels.Write(b)
	return err
}

func (s *stream) newPart() error {
	body, err := newDeflated(s.b.opts.TempDir, 2)
	if err != nil {
		return fmt.Errorf("%s: %w", s.name, err)
	}
	name := s.name
	if n := len(s.parts); n > 0 {
		name = fmt.Sprintf("%s (%d)", s.name, n+1)
	}
	s.parts = append(s.parts, &sheetRows{name: name, body: body})
	return nil
}

// height returns the height of a row whose wrapped cells need more than
// one line, 0 for the default.
func (s *stream) height(vals []value) float64 {
	lines := 1
	for i, v := range vals {
		if v.kind == vText && i < len(s.wrap) && s.wrap[i] {
			lines = max(lines, quickLines(v.s, s.widths[i]))
		}
	}
	return rowHeight(lines)
}

// quickLines estimates the lines text takes in a column width characters
// wide, like wrapLines but in one cheap pass: a character is taken as
// 0.95 of a digit, and a line holds 85% of the width, a little generous,
// since a row cut short hides text.
func quickLines(s string, width int) int {
	room := max(0.85*float64(width), 1)
	// lines returns the lines of a paragraph of n characters.
	lines := func(n int) int { return max(1, int(math.Ceil(0.95*float64(n)/room))) }
	total, n := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\n':
			total += lines(n)
			n = 0
		case c < 0x80 || c >= 0xC0: // count characters, not bytes
			n++
		}
	}
	return total + lines(n)
}

// finish ends the sheets: the sample is written if the widths were not
// fitted yet, and the compressed rows are completed.
func (s *stream) finish() error {
	if !s.fitted {
		if err := s.fit(); err != nil {
			return err
		}
	}
	for _, p := range s.parts {
		for _, d := range []*deflated{p.body, p.links, p.rels} {
			if d == nil {
				continue
			}
			if err := d.finish(); err != nil {
				return fmt.Errorf("%s: %w", p.name, err)
			}
		}
		p.ref = "A1:" + cellName(max(s.maxCols, len(s.cols), 1), p.rows+1)
	}
	return nil
}

// remove deletes the temporary files.
func (s *stream) remove() {
	for _, p := range s.parts {
		for _, d := range []*deflated{p.body, p.links, p.rels} {
			if d != nil {
				d.remove()
			}
		}
	}
}

// width estimates the width in characters of v as shown with numFmt.
func (v value) width(numFmt string) int {
	switch v.kind {
	case vText:
		return textWidth(v.s)
	case vInt:
		return len(strconv.FormatInt(v.n, 10))
	case vFloat:
		if numFmt != "" {
			return len(numFmt)
		}
		return min(len(strconv.FormatFloat(v.f, 'f', -1, 64)), 12)
	case vDate:
		if numFmt == "" {
			return len(fmtDate)
		}
		return len(numFmt)
	}
	return 0
}

// appendCell appends the XML of a cell; an empty value is an empty cell,
// which keeps the cells after it in their columns.
func appendCell(b []byte, v value, style int) []byte {
	if v.kind == vDate {
		if n, ok := serial(v.t); ok {
			v = value{kind: vInt, n: int64(n)}
		} else {
			v, style = text(v.t.Format(time.DateOnly)), 0
		}
	}
	switch v.kind {
	case vEmpty:
		return append(b, "<c/>"...)
	case vInt, vFloat:
		b = append(b, "<c"...)
		b = appendStyle(b, style)
		b = append(b, "><v>"...)
		if v.kind == vInt {
			b = strconv.AppendInt(b, v.n, 10)
		} else {
			b = strconv.AppendFloat(b, v.f, 'f', -1, 64)
		}
		return append(b, "</v></c>"...)
	}
	b = append(b, `<c t="inlineStr"`...)
	b = appendStyle(b, style)
	b = append(b, "><is><t"...)
	s := v.s
	if len(s) > maxCellChars/3 {
		s = clip(s)
	}
	if s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[len(s)-1] == ' ' || s[len(s)-1] == '\t' || s[len(s)-1] == '\n' {
		b = append(b, ` xml:space="preserve"`...)
	}
	b = append(b, '>')
	b = appendEscaped(b, s)
	return append(b, "</t></is></c>"...)
}

func appendStyle(b []byte, style int) []byte {
	if style == 0 {
		return b
	}
	b = append(b, ` s="`...)
	b = strconv.AppendInt(b, int64(style), 10)
	return append(b, '"')
}

// appendAttr appends s as an XML attribute value in double quotes:
// escaped as appendEscaped does, and '"' as &quot;.
func appendAttr(b []byte, s string) []byte {
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			return appendEscaped(b, s)
		}
		b = append(appendEscaped(b, s[:i]), "&quot;"...)
		s = s[i+1:]
	}
}

// appendEscaped appends s as XML text: &, < and > escaped, and what XML
// cannot hold (control characters but tab and line ends, U+FFFE, U+FFFF,
// invalid UTF-8) as U+FFFD.
func appendEscaped(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x80 && c != '&' && c != '<' && c != '>' {
			j := i + 1
			for j < len(s) && s[j] >= 0x20 && s[j] < 0x80 && s[j] != '&' && s[j] != '<' && s[j] != '>' {
				j++
			}
			b = append(b, s[i:j]...)
			i = j
			continue
		}
		switch c {
		case '&':
			b = append(b, "&amp;"...)
		case '<':
			b = append(b, "&lt;"...)
		case '>':
			b = append(b, "&gt;"...)
		case '\t', '\n', '\r':
			b = append(b, c)
		default:
			if c < 0x80 {
				b = append(b, "\uFFFD"...)
				break
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError || r == 0xFFFE || r == 0xFFFF {
				b = append(b, "\uFFFD"...)
			} else {
				b = append(b, s[i:i+size]...)
			}
			i += size
			continue
		}
		i++
	}
	return b
}
