package workbook

import (
	"math"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// The workbook's font, excelize's default.
const (
	fontFamily = "Calibri"
	fontSize   = 11
)

// styleKey is a combination of formatting; each gets one excelize style.
type styleKey struct {
	bold, italic bool
	wrap         bool    // wrap text in the cell
	top          bool    // align to the top of the row
	link         bool    // shown as a link: blue, underlined
	numFmt       string  // custom number format; "" for General
	fill         string  // background colour "#RRGGBB"; "" for none
	align        string  // horizontal alignment; "" for the default
	indent       int     // indent from the aligned edge, in Excel's steps
	size         float64 // font size in points; 0 for 11
}

// indentWidth is the width, in characters, that one step of indent takes.
const indentWidth = 1

// styles makes each style once per workbook.
type styles struct {
	f   *excelize.File
	ids map[styleKey]int
}

func newStyles(f *excelize.File) *styles {
	return &styles{f: f, ids: make(map[styleKey]int)}
}

// id returns the style of k, 0 (the default style) for the zero key.
func (s *styles) id(k styleKey) (int, error) {
	if k == (styleKey{}) {
		return 0, nil
	}
	if id, ok := s.ids[k]; ok {
		return id, nil
	}
	size := k.size
	if size == 0 {
		size = fontSize
	}
	// The font is named: excelize leaves a font without name or size,
	// which LibreOffice shows in its default serif font.
	st := &excelize.Style{Font: &excelize.Font{Bold: k.bold, Italic: k.italic, Family: fontFamily, Size: size}}
	if k.numFmt != "" {
		nf := k.numFmt
		st.CustomNumFmt = &nf
	}
	if k.fill != "" {
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{k.fill}}
		st.Font.Color = textOn(k.fill)
	}
	if k.link {
		st.Font.Color, st.Font.Underline = "#0563C1", "single"
	}
	if k.wrap || k.top || k.align != "" || k.indent != 0 {
		st.Alignment = &excelize.Alignment{WrapText: k.wrap, Horizontal: k.align, Indent: k.indent}
		if k.top {
			st.Alignment.Vertical = "top"
		}
	}
	id, err := s.f.NewStyle(st)
	if err != nil {
		return 0, err
	}
	s.ids[k] = id
	return id, nil
}

// textOn returns the text colour, black or white, with the higher contrast
// (WCAG 2) on the background colour bg ("#RRGGBB"); black for a colour it
// cannot read.
func textOn(bg string) string {
	if len(bg) != 7 || bg[0] != '#' {
		return "#000000"
	}
	var lum float64
	for i, weight := range []float64{0.2126, 0.7152, 0.0722} {
		v, err := strconv.ParseUint(bg[1+2*i:3+2*i], 16, 8)
		if err != nil {
			return "#000000"
		}
		c := float64(v) / 255
		if c <= 0.04045 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		lum += weight * c
	}
	// Contrast with white is 1.05/(lum+0.05), with black (lum+0.05)/0.05.
	if 1.05/(lum+0.05) > (lum+0.05)/0.05 {
		return "#FFFFFF"
	}
	return "#000000"
}
