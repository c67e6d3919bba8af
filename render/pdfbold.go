package render

import (
	"image/color"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// fillOutlines draws s in f as filled glyph outlines with its baseline
// starting at pt. gonum's PDF backend names every font file it embeds
// "font.z", and the PDF library keeps one file per name, so every font of
// a document is drawn with the glyphs of the last one embedded: bold text
// came out in regular glyphs at bold spacing. Bold text is therefore
// drawn as outlines of the bold face, which every viewer shows as bold,
// over an invisible copy in the regular face, so that it can still be
// searched, selected and copied.
func (c pdfCanvas) fillOutlines(f font.Face, pt vg.Point, s string) {
	col := *c.fill
	if col == nil {
		col = color.Black
	}
	c.Canvas.SetColor(color.Transparent)
	regular := fontCache().Lookup(font.From(SansFont, f.Font.Size), f.Font.Size)
	c.Canvas.FillString(regular, pt, encode1252(s))
	c.Canvas.SetColor(col)
	var buf sfnt.Buffer
	ppem := fixed.Int26_6(float64(f.Font.Size) * 64) // coordinates in 1/64 point
	at := func(p fixed.Point26_6, x vg.Length) vg.Point {
		return vg.Point{X: x + vg.Length(float64(p.X)/64), Y: pt.Y - vg.Length(float64(p.Y)/64)}
	}
	for i, r := range s {
		idx, err := f.Face.GlyphIndex(&buf, r)
		if err != nil || idx == 0 {
			continue
		}
		segs, err := f.Face.LoadGlyph(&buf, idx, ppem, nil)
		if err != nil || len(segs) == 0 {
			continue
		}
		x := pt.X + f.Width(s[:i]) + kernShift(f, s, i)
		var p vg.Path
		for _, sg := range segs {
			switch sg.Op {
			case sfnt.SegmentOpMoveTo:
				if len(p) > 0 {
					p.Close()
				}
				p.Move(at(sg.Args[0], x))
			case sfnt.SegmentOpLineTo:
				p.Line(at(sg.Args[0], x))
			case sfnt.SegmentOpQuadTo:
				p.QuadTo(at(sg.Args[0], x), at(sg.Args[1], x))
			case sfnt.SegmentOpCubeTo:
				p.CubeTo(at(sg.Args[0], x), at(sg.Args[1], x), at(sg.Args[2], x))
			}
		}
		p.Close()
		c.Fill(p)
	}
}
