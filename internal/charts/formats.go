package charts

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"io"
	"slices"
	"strings"
	"time"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Format is a file format a chart is written in.
type Format string

// The formats. All three draw the same figure at the same size: PNG in
// pixels (Options.Width x Height at Options.DPI), SVG and PDF in points
// (the same size in inches: 800 x 450 points for the default 1600 x 900
// pixels at 144 DPI).
const (
	// PNG is a raster image, for the workbook and for screens.
	PNG Format = "png"
	// SVG is vector, for slides and the web. Its text stays text, in
	// Liberation Sans, named with the fonts of the same widths (Arial,
	// Helvetica) and then any sans-serif font as fallbacks, so that a
	// browser without Liberation Sans keeps the layout.
	SVG Format = "svg"
	// PDF is vector, one page, for slides and print, with the glyphs of
	// Liberation Sans it uses embedded, dated Options.Date.
	PDF Format = "pdf"
)

// Formats returns every format, in the order of their constants.
func Formats() []Format { return []Format{PNG, SVG, PDF} }

// ParseFormats parses a comma-separated list of formats such as
// "png,svg" (case and spaces around the names do not matter). It returns
// them in the order of Formats, each once; an empty list or an unknown
// name is an error that names it.
func ParseFormats(list string) ([]Format, error) {
	var fs []Format
	for name := range strings.SplitSeq(list, ",") {
		f := Format(strings.ToLower(strings.TrimSpace(name)))
		if f == "" {
			return nil, fmt.Errorf("%q: want a comma-separated list of png, svg and pdf, such as png,svg", list)
		}
		if !slices.Contains(Formats(), f) {
			return nil, fmt.Errorf("unknown format %q: want png, svg or pdf", strings.TrimSpace(name))
		}
		if !slices.Contains(fs, f) {
			fs = append(fs, f)
		}
	}
	slices.SortFunc(fs, func(a, b Format) int {
		return slices.Index(Formats(), a) - slices.Index(Formats(), b)
	})
	return fs, nil
}

// FileName returns the chart's file name in format f: "monthly.svg".
func (c Chart) FileName(f Format) string { return c.name + "." + string(f) }

// encode draws fig on a canvas of format ("" is PNG) and writes it to w.
// The size is px x py pixels at dpi; date is a PDF's creation and
// modification date.
func encode(w io.Writer, fig *figure, format Format, px, py, dpi int, date time.Time) error {
	switch format {
	case PNG, "":
		return writePNG(w, fig, px, py, dpi)
	case SVG:
		return writeSVG(w, fig, points(px, dpi), points(py, dpi))
	case PDF:
		return writePDF(w, fig, points(px, dpi), points(py, dpi), date)
	}
	return fmt.Errorf("unknown format %q: want png, svg or pdf", string(format))
}

// points returns the length of n pixels at dpi.
func points(n, dpi int) vg.Length { return vg.Length(n) * vg.Inch / vg.Length(dpi) }

// writePNG draws f on an image of px x py pixels at dpi and encodes it as
// PNG to w.
func writePNG(w io.Writer, f *figure, px, py, dpi int) error {
	img := image.NewRGBA(image.Rect(0, 0, px, py))
	c := vgimg.NewWith(vgimg.UseImage(img), vgimg.UseDPI(dpi))
	f.draw(draw.New(c))
	// Fast compression: the default takes as long as drawing the chart,
	// for files a fifth smaller.
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(w, c.Image()); err != nil {
		return fmt.Errorf("write png: %w", err)
	}
	return nil
}

// svgFamily is the font-family vgsvg writes for the sans font, and
// svgFallback what writeSVG writes instead: Arial and Helvetica have
// Liberation Sans's widths, so the text keeps its place where Liberation
// Sans is not installed.
var (
	svgFamily   = []byte("font-family:Liberation Sans;")
	svgFallback = []byte("font-family:'Liberation Sans',Arial,Helvetica,sans-serif;")
)

// writeSVG draws f on an SVG of w x h and writes it to out. The fonts are
// named, not embedded (which would add 800 KB to each file).
func writeSVG(out io.Writer, f *figure, w, h vg.Length) error {
	c := vgsvg.New(w, h)
	f.draw(draw.New(c))
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return fmt.Errorf("write svg: %w", err)
	}
	if _, err := out.Write(bytes.ReplaceAll(buf.Bytes(), svgFamily, svgFallback)); err != nil {
		return fmt.Errorf("write svg: %w", err)
	}
	return nil
}

// writePDF draws f on a one-page PDF of w x h dated date and writes it to
// out.
func writePDF(out io.Writer, f *figure, w, h vg.Length, date time.Time) error {
	c := newPDFCanvas(w, h, date)
	f.draw(draw.New(c))
	if _, err := c.WriteTo(out); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	return nil
}

// pdfDate returns the date a chart's PDF carries: o.Date, else the date
// of the summary's latest incident, else 1 January 1970: never the clock.
func pdfDate(o Options, last time.Time) time.Time {
	switch {
	case !o.Date.IsZero():
		return o.Date.UTC()
	case !last.IsZero():
		return last.UTC()
	}
	return time.Unix(0, 0).UTC()
}
