package render

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"strconv"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// pdfCanvas is a vg.Canvas that draws a one-page PDF document through
// fpdf. Unlike gonum's PDF backend it embeds its fonts as UTF-8 TrueType
// subsets (the glyphs the page uses, regular and bold each under its own
// name: no font conversion at run time, and "–", "·" or "©" print as
// themselves), draws images the right way up, writes paths straight into
// the page in PDF's own coordinates (points, y up, like vg's), and gives
// the same bytes for the same drawing: fixed dates and sorted catalogs.
type pdfCanvas struct {
	doc    *fpdf.Fpdf
	w, h   vg.Length
	stack  []pdfState
	fonts  map[string]bool // families registered, by name
	images int
	buf    []byte // path operators waiting to be written
}

// pdfState is the part of the graphics state Push saves and Pop restores.
type pdfState struct {
	col   color.Color
	width vg.Length
}

// pdfDate is every document's creation and modification date.
var pdfDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

func newPDFCanvas(w, h vg.Length) *pdfCanvas {
	doc := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: w.Points(), Ht: h.Points()}})
	doc.SetCatalogSort(true)
	doc.SetCreationDate(pdfDate)
	doc.SetModificationDate(pdfDate)
	doc.SetMargins(0, 0, 0)
	doc.SetAutoPageBreak(false, 0)
	doc.AddPage()
	c := &pdfCanvas{doc: doc, w: w, h: h, stack: []pdfState{{col: color.Black, width: 1}}, fonts: map[string]bool{}}
	vg.Initialize(c)
	return c
}

func (c *pdfCanvas) state() *pdfState { return &c.stack[len(c.stack)-1] }

// Size implements vg.CanvasSizer.
func (c *pdfCanvas) Size() (w, h vg.Length) { return c.w, c.h }

// DPI is the resolution canvas units are counted in: points.
func (c *pdfCanvas) DPI() float64 { return 72 }

// SetLineWidth implements vg.Canvas.
func (c *pdfCanvas) SetLineWidth(w vg.Length) {
	c.state().width = w
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

// SetColor implements vg.Canvas: the colour of strokes, fills and text.
func (c *pdfCanvas) SetColor(col color.Color) {
	if col == nil {
		col = color.Black
	}
	c.state().col = col
	c.applyColor(col)
}

func (c *pdfCanvas) applyColor(col color.Color) {
	r, g, b, a := col.RGBA()
	if a > 0 {
		// The page's colours are not premultiplied.
		r, g, b = r*0xffff/a, g*0xffff/a, b*0xffff/a
	}
	ri, gi, bi := int(r>>8), int(g>>8), int(b>>8)
	c.doc.SetFillColor(ri, gi, bi)
	c.doc.SetDrawColor(ri, gi, bi)
	c.doc.SetTextColor(ri, gi, bi)
	c.doc.SetAlpha(float64(a)/0xffff, "Normal")
}

// Rotate implements vg.Canvas.
func (c *pdfCanvas) Rotate(rad float64) {
	sin, cos := math.Sincos(rad)
	c.matrix(cos, sin, -sin, cos, 0, 0)
}

// Translate implements vg.Canvas.
func (c *pdfCanvas) Translate(pt vg.Point) { c.matrix(1, 0, 0, 1, pt.X.Points(), pt.Y.Points()) }

// Scale implements vg.Canvas.
func (c *pdfCanvas) Scale(x, y float64) { c.matrix(x, 0, 0, y, 0, 0) }

func (c *pdfCanvas) matrix(a, b, cc, d, e, f float64) {
	b2 := c.buf[:0]
	for _, v := range [...]float64{a, b, cc, d, e, f} {
		b2 = strconv.AppendFloat(b2, v, 'f', -1, 64)
		b2 = append(b2, ' ')
	}
	c.buf = append(b2, "cm"...)
	c.flush()
}

// Push implements vg.Canvas.
func (c *pdfCanvas) Push() {
	c.stack = append(c.stack, *c.state())
	c.doc.RawWriteStr("q")
}

// Pop implements vg.Canvas. The page's state is restored by the viewer;
// fpdf's notion of the current colour and width is set again to match.
func (c *pdfCanvas) Pop() {
	if len(c.stack) < 2 {
		return
	}
	c.stack = c.stack[:len(c.stack)-1]
	c.doc.RawWriteStr("Q")
	s := c.state()
	c.applyColor(s.col)
	c.doc.SetLineWidth(s.width.Points())
}

// Stroke implements vg.Canvas.
func (c *pdfCanvas) Stroke(p vg.Path) {
	if c.state().width > 0 {
		c.path(p, 'S')
	}
}

// Fill implements vg.Canvas, by the non-zero winding rule.
func (c *pdfCanvas) Fill(p vg.Path) { c.path(p, 'f') }

// path writes p and the painting operator op.
func (c *pdfCanvas) path(p vg.Path, op byte) {
	b := c.buf[:0]
	var start, cur vg.Point
	for _, comp := range p {
		switch comp.Type {
		case vg.MoveComp:
			start, cur = comp.Pos, comp.Pos
			b = appendOp(appendXY(b, cur), 'm')
		case vg.LineComp:
			cur = comp.Pos
			b = appendOp(appendXY(b, cur), 'l')
		case vg.ArcComp:
			b, cur = appendArc(b, comp)
		case vg.CurveComp:
			b = appendCurve(b, cur, comp.Control, comp.Pos)
			cur = comp.Pos
		case vg.CloseComp:
			b = append(b, "h\n"...)
			cur = start
		}
	}
	c.buf = append(b, op)
	c.flush()
}

func (c *pdfCanvas) flush() {
	c.doc.RawWriteStr(string(c.buf))
	c.buf = c.buf[:0]
}

// appendXY writes a point's coordinates in points, to a hundredth.
func appendXY(b []byte, p vg.Point) []byte {
	b = strconv.AppendFloat(b, math.Round(p.X.Points()*100)/100, 'f', -1, 64)
	b = append(b, ' ')
	b = strconv.AppendFloat(b, math.Round(p.Y.Points()*100)/100, 'f', -1, 64)
	return append(b, ' ')
}

func appendOp(b []byte, op byte) []byte { return append(b, op, '\n') }

// appendCurve writes a Bézier segment from cur to end with one (quadratic)
// or two (cubic) control points; PDF draws cubic ones, so a quadratic one
// is raised to the cubic of the same curve.
func appendCurve(b []byte, cur vg.Point, ctrl []vg.Point, end vg.Point) []byte {
	switch len(ctrl) {
	case 1:
		q := ctrl[0]
		c0 := vg.Point{X: cur.X + 2*(q.X-cur.X)/3, Y: cur.Y + 2*(q.Y-cur.Y)/3}
		c1 := vg.Point{X: end.X + 2*(q.X-end.X)/3, Y: end.Y + 2*(q.Y-end.Y)/3}
		ctrl = []vg.Point{c0, c1}
	case 2:
	default:
		return appendOp(appendXY(b, end), 'l')
	}
	return appendOp(appendXY(appendXY(appendXY(b, ctrl[0]), ctrl[1]), end), 'c')
}

// appendArc writes a circular arc as cubic Bézier segments of at most a
// quarter turn each, after a line to its start, and returns where it ends.
func appendArc(b []byte, comp vg.PathComp) ([]byte, vg.Point) {
	r := float64(comp.Radius)
	at := func(a float64) vg.Point {
		return vg.Point{X: comp.Pos.X + vg.Length(r*math.Cos(a)), Y: comp.Pos.Y + vg.Length(r*math.Sin(a))}
	}
	b = appendOp(appendXY(b, at(comp.Start)), 'l')
	n := max(1, int(math.Ceil(math.Abs(comp.Angle)/(math.Pi/2)-1e-9)))
	step := comp.Angle / float64(n)
	k := 4.0 / 3 * math.Tan(step/4) * r
	for i := range n {
		a0 := comp.Start + float64(i)*step
		a1 := a0 + step
		p0, p1 := at(a0), at(a1)
		c0 := vg.Point{X: p0.X - vg.Length(k*math.Sin(a0)), Y: p0.Y + vg.Length(k*math.Cos(a0))}
		c1 := vg.Point{X: p1.X + vg.Length(k*math.Sin(a1)), Y: p1.Y - vg.Length(k*math.Cos(a1))}
		b = appendCurve(b, p0, []vg.Point{c0, c1}, p1)
	}
	return b, at(comp.Start + comp.Angle)
}

// FillString implements vg.Canvas: s in face f with its baseline starting
// at pt, in runs placed by gonum's widths (which the layout measured with,
// kerning included; the PDF's text does not kern).
func (c *pdfCanvas) FillString(f font.Face, pt vg.Point, s string) {
	if f.Font.Size <= 0 || s == "" {
		return
	}
	name, err := c.font(f)
	if err != nil {
		return
	}
	c.doc.SetFont(name, "", f.Font.Size.Points())
	eachKernRun(f, s, func(x vg.Length, run string) {
		c.doc.Text((pt.X + x).Points(), (c.h - pt.Y).Points(), run)
	})
}

// font registers f's TrueType file with the document once and returns the
// family name it goes by.
func (c *pdfCanvas) font(f font.Face) (string, error) {
	name := f.Name()
	if !c.fonts[name] {
		var b bytes.Buffer
		if _, err := f.Face.WriteSourceTo(nil, &b); err != nil {
			return "", err
		}
		c.doc.AddUTF8FontFromBytes(name, "", b.Bytes())
		c.fonts[name] = true
	}
	return name, c.doc.Error()
}

// DrawImage implements vg.Canvas.
func (c *pdfCanvas) DrawImage(rect vg.Rectangle, img image.Image) {
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&b, img); err != nil {
		return
	}
	c.images++
	name := fmt.Sprintf("image%03d", c.images)
	opts := fpdf.ImageOptions{ImageType: "png"}
	c.doc.RegisterImageOptionsReader(name, opts, &b)
	size := rect.Size()
	c.doc.ImageOptions(name, rect.Min.X.Points(), (c.h - rect.Max.Y).Points(), size.X.Points(), size.Y.Points(), false, opts, 0, "")
}

// WriteTo writes the document.
func (c *pdfCanvas) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	err := c.doc.Output(cw)
	return cw.n, err
}

type countWriter struct {
	w io.Writer
	n int64
}

func (w *countWriter) Write(p []byte) (int, error) {
	n, err := w.w.Write(p)
	w.n += int64(n)
	return n, err
}
