package charts

// The PDF canvas is adapted from gonum.org/v1/plot/vg/vgpdf (Copyright
// ©2015 The Gonum Authors, BSD licence), which cannot serve as it is:
//
//   - it embeds every font under the file name "font.z", so that in a PDF
//     with two fonts (the charts' regular and bold) fpdf embeds one file
//     for both and every title is drawn in the regular font with the
//     bold widths; and it asks for a bold font under a name it never
//     registered ("undefined font: liberationsans-bold B");
//   - it encodes text as Windows-1252, which has no "≥" (a tally's
//     "≥39");
//   - it dates the document with the clock and writes its fonts in map
//     order, so that the same chart gives other bytes on every run.
//
// This one registers each face as a UTF-8 font of its own name (fpdf
// embeds a subset of each, with the glyphs used), dates the document with
// a given date and sorts its catalogs.

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// pdfCanvas is a vg.Canvas that draws one page of a PDF document.
type pdfCanvas struct {
	doc   *fpdf.Fpdf
	w, h  vg.Length
	stack []pdfContext
	// fonts holds the names of the faces registered with doc.
	fonts map[string]bool
	// images counts the images drawn, to name them.
	images int
	// err is the first error of a face that could not be read.
	err error
}

type pdfContext struct {
	width vg.Length
}

// newPDFCanvas returns a canvas of w x h points whose document is dated
// date (its creation and modification dates).
func newPDFCanvas(w, h vg.Length, date time.Time) *pdfCanvas {
	doc := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: w.Points(), Ht: h.Points()}})
	doc.SetCreationDate(date)
	doc.SetModificationDate(date)
	doc.SetCatalogSort(true)
	doc.SetCompression(true)
	doc.SetMargins(0, 0, 0)
	doc.SetAutoPageBreak(false, 0)
	doc.AddPage()
	c := &pdfCanvas{doc: doc, w: w, h: h, stack: make([]pdfContext, 1), fonts: map[string]bool{}}
	// PDF's origin is the top left corner, vg's the bottom left one.
	c.Push()
	c.Translate(vg.Point{Y: h})
	c.Scale(1, -1)
	vg.Initialize(c)
	return c
}

// Size implements vg.CanvasSizer.
func (c *pdfCanvas) Size() (w, h vg.Length) { return c.w, c.h }

func (c *pdfCanvas) context() *pdfContext { return &c.stack[len(c.stack)-1] }

// SetLineWidth implements vg.Canvas.
func (c *pdfCanvas) SetLineWidth(w vg.Length) {
	c.context().width = w
	c.doc.SetLineWidth(w.Points())
}

// SetLineDash implements vg.Canvas.
func (c *pdfCanvas) SetLineDash(dashes []vg.Length, offs vg.Length) {
	ds := make([]float64, len(dashes))
	for i, d := range dashes {
		ds[i] = d.Points()
	}
	c.doc.SetDashPattern(ds, offs.Points())
}

// SetColor implements vg.Canvas.
func (c *pdfCanvas) SetColor(clr color.Color) {
	if clr == nil {
		clr = color.Black
	}
	r, g, b, a := clr.RGBA()
	if a > 0 {
		// RGBA is alpha-premultiplied.
		r, g, b = r*0xFFFF/a, g*0xFFFF/a, b*0xFFFF/a
	}
	ri, gi, bi := int(r>>8), int(g>>8), int(b>>8)
	c.doc.SetFillColor(ri, gi, bi)
	c.doc.SetDrawColor(ri, gi, bi)
	c.doc.SetTextColor(ri, gi, bi)
	c.doc.SetAlpha(float64(a)/math.MaxUint16, "Normal")
}

// Rotate implements vg.Canvas.
func (c *pdfCanvas) Rotate(r float64) { c.doc.TransformRotate(-r*180/math.Pi, 0, 0) }

// Translate implements vg.Canvas.
func (c *pdfCanvas) Translate(pt vg.Point) { c.doc.TransformTranslate(pt.X.Points(), pt.Y.Points()) }

// Scale implements vg.Canvas.
func (c *pdfCanvas) Scale(x, y float64) { c.doc.TransformScale(x*100, y*100, 0, 0) }

// Push implements vg.Canvas.
func (c *pdfCanvas) Push() {
	c.stack = append(c.stack, *c.context())
	c.doc.TransformBegin()
}

// Pop implements vg.Canvas.
func (c *pdfCanvas) Pop() {
	c.doc.TransformEnd()
	c.stack = c.stack[:len(c.stack)-1]
}

// Stroke implements vg.Canvas.
func (c *pdfCanvas) Stroke(p vg.Path) {
	if c.context().width > 0 {
		c.path(p, "D")
	}
}

// Fill implements vg.Canvas.
func (c *pdfCanvas) Fill(p vg.Path) { c.path(p, "F") }

// path draws p with fpdf's DrawPath style ("D" to stroke, "F" to fill).
func (c *pdfCanvas) path(p vg.Path, style string) {
	var x0, y0 float64 // the start of the current subpath
	for _, comp := range p {
		switch comp.Type {
		case vg.MoveComp:
			x0, y0 = comp.Pos.X.Points(), comp.Pos.Y.Points()
			c.doc.MoveTo(x0, y0)
		case vg.LineComp:
			c.doc.LineTo(comp.Pos.X.Points(), comp.Pos.Y.Points())
		case vg.ArcComp:
			c.arc(comp, style)
		case vg.CurveComp:
			x, y := comp.Pos.X.Points(), comp.Pos.Y.Points()
			switch len(comp.Control) {
			case 1:
				c.doc.CurveTo(comp.Control[0].X.Points(), comp.Control[0].Y.Points(), x, y)
			case 2:
				c.doc.CurveBezierCubicTo(comp.Control[0].X.Points(), comp.Control[0].Y.Points(),
					comp.Control[1].X.Points(), comp.Control[1].Y.Points(), x, y)
			}
		case vg.CloseComp:
			c.doc.LineTo(x0, y0)
			c.doc.ClosePath()
		}
	}
	c.doc.DrawPath(style)
}

// arc draws an arc component as vgpdf does.
func (c *pdfCanvas) arc(comp vg.PathComp, style string) {
	at := func(angle float64) (float64, float64) {
		return (comp.Pos.X + comp.Radius*vg.Length(math.Cos(angle))).Points(),
			(comp.Pos.Y + comp.Radius*vg.Length(math.Sin(angle))).Points()
	}
	c.doc.LineTo(at(comp.Start))
	const deg = 180 / math.Pi
	r := comp.Radius.Points()
	beg := comp.Start * deg
	c.doc.Arc(comp.Pos.X.Points(), comp.Pos.Y.Points(), r, r, comp.Angle*deg, beg, beg+comp.Angle*deg, style)
	c.doc.MoveTo(at(comp.Start + comp.Angle))
}

// FillString implements vg.Canvas: str in f with its baseline's left end
// at pt.
func (c *pdfCanvas) FillString(f font.Face, pt vg.Point, str string) {
	if f.Font.Size == 0 || str == "" {
		return
	}
	name := f.Name()
	if !c.fonts[name] {
		var raw bytes.Buffer
		if _, err := f.Face.WriteSourceTo(nil, &raw); err != nil {
			if c.err == nil {
				c.err = fmt.Errorf("font %s: %w", name, err)
			}
			return
		}
		c.doc.AddUTF8FontFromBytes(name, "", raw.Bytes())
		c.fonts[name] = true
	}
	size := f.Font.Size.Points()
	c.doc.SetFont(name, "", size)
	c.Push()
	defer c.Pop()
	c.Translate(pt)
	c.Scale(1, -1) // text upright in PDF's own orientation
	c.doc.Text(0, 0, str)
}

// DrawImage implements vg.Canvas; the charts draw no images, but a
// plotter could.
func (c *pdfCanvas) DrawImage(rect vg.Rectangle, img image.Image) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		if c.err == nil {
			c.err = fmt.Errorf("image: %w", err)
		}
		return
	}
	c.images++
	name := fmt.Sprintf("image_%03d.png", c.images)
	opts := fpdf.ImageOptions{ImageType: "png", ReadDpi: true}
	c.doc.RegisterImageOptionsReader(name, opts, &buf)
	size := rect.Size()
	// fpdf draws an image's first row at the y it is given, which on this
	// canvas (y up) is the image's bottom: draw it flipped.
	c.Push()
	defer c.Pop()
	c.Translate(vg.Point{X: rect.Min.X, Y: rect.Max.Y})
	c.Scale(1, -1)
	c.doc.ImageOptions(name, 0, 0, size.X.Points(), size.Y.Points(), false, opts, 0, "")
}

// WriteTo writes the document to w; the canvas is done with.
func (c *pdfCanvas) WriteTo(w io.Writer) (int64, error) {
	if c.err != nil {
		return 0, c.err
	}
	c.Pop()
	var buf bytes.Buffer
	if err := c.doc.Output(&buf); err != nil {
		return 0, err
	}
	return buf.WriteTo(w)
}
