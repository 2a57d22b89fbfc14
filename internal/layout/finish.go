package layout

import (
	"math"

	"github.com/gongwen/gongwen/internal/doc"
	g "github.com/gongwen/gongwen/internal/gbt9704"
)

// colophon sets the 版记 (§7.4) at the bottom of the last page, which must
// be an even page: on the last content page if that is even and has room
// below the content; else on the next page if that is even; else on the
// page after a blank one. Its lines stand on the last grid lines of the
// type area at 四号, one character (14 pt) in on both sides: the 抄送 line(s)
// above the 印发 line, which is on the last line. Rules lie on the grid line
// boundaries: a thick one above the first line, thin ones between elements,
// a thick one whose lower edge is the bottom edge of the type area.
func (b *builder) colophon() {
	c := b.d.Colophon
	if c == nil {
		return
	}
	b.where = "版记"
	size := float64(g.ColophonSize)
	s := natural(size)
	in := float64(g.ColophonIndentChar) * size
	W := g.TypeAreaWidth - 2*in
	var cc [][]glyph
	hang := 0.0
	if t := c.CCText(); t != "" {
		gs := plainGlyphs(t, doc.FaceFangSong)
		hang = s.width(plainGlyphs("抄送：", doc.FaceFangSong))
		cc = s.breakLines(gs, W, W-hang)
	}
	k := len(cc) + 1
	n := len(b.out.Pages)
	p := b.page()
	free := int(math.Ceil((math.Max(b.y, b.low)-b.fr.top)/g.LinePitch - 1e-6))
	fits := !p.Landscape && n%2 == 0 && free <= g.LinesPerPage-k
	b.blankBeforeColophon = false
	b.colophonShared = fits
	if !fits {
		if n%2 == 0 {
			b.newPage(false)
			b.blankBeforeColophon = true
		}
		b.newPage(false)
	}
	b.colophonPage = len(b.out.Pages) - 1
	// On the standard grid even on a page whose text was tightened for
	// the signature (its last line is the type area's last).
	f := portraitFrame()
	first := f.lines - k
	thick, thin := g.ColophonThickRule, g.ColophonThinRule
	rule := func(y, w float64) {
		b.add(&Rule{X1: f.left, Y1: y, X2: f.right(), Y2: y, Width: w, Color: Black})
	}
	rule(f.lineTop(first), thick)
	for k, ln := range cc {
		i := first + k
		x, m := f.left+in, W
		if k > 0 {
			x, m = f.left+in+hang, W-hang
		}
		a := alignJustify
		if k == len(cc)-1 {
			a = alignLeft
		}
		b.emit(ln, s.place(ln, m, a), x, f.baseline(i, size), size, Black)
	}
	if len(cc) > 0 {
		rule(f.lineTop(f.lines-1), thin)
	}
	i := f.lines - 1
	by := plainGlyphs(c.PrintedBy, doc.FaceFangSong)
	on := plainGlyphs(c.PrintedText(), doc.FaceFangSong)
	b.emit(by, s.place(by, W, alignLeft), f.left+in, f.baseline(i, size), size, Black)
	b.emit(on, s.place(on, W, alignRight), f.left+in, f.baseline(i, size), size, Black)
	rule(f.bottom()-thick/2, thick)
	b.use(f.bottom())
}

// pageNumbers numbers the pages (§7.5): "— n —" in 四号宋体, the dashes'
// centre line PageNumberBelow below the bottom edge of the type area (the
// 一字线 lies on the middle of the em box, gbt9704.DashAxis); odd pages
// right-aligned one character (14 pt) in from the right edge of the type
// area, even pages left-aligned one character in from its left edge.
// Attachments continue the numbering. When a blank page precedes the 版记
// page, neither carries a number (the standard's rule; a 版记 page that
// follows content directly keeps its number).
//
// On a landscape page the number stands where it stands on every portrait
// page of the sheet, upright for a reader holding the sheet portrait: it is
// given in the landscape page's coordinates with Text.Rotate set.
func (b *builder) pageNumbers() {
	size := float64(g.PageNumberSize)
	s := natural(size)
	in := float64(g.PageNumberIndentChars) * size
	pf := portraitFrame()
	dashY := pf.bottom() + g.PageNumberBelow
	base := dashY - g.DashAxis*size + g.EmAscent*size
	b.where = "页码"
	for i := range b.out.Pages {
		p := &b.out.Pages[i]
		if b.blankBeforeColophon && (i == b.colophonPage || i == b.colophonPage-1) {
			continue
		}
		if b.opt.UnnumberedColophonPage && b.d.Colophon != nil && i == b.colophonPage && !b.colophonShared {
			continue
		}
		num := i + 1
		p.Number = num
		gs := plainGlyphs(doc.PageNumberText(num), doc.FaceSong)
		ext := s.extent(gs)
		x0 := pf.left + in
		if num%2 == 1 {
			x0 = pf.right() - in - ext
		}
		xs := s.place(gs, ext, alignLeft)
		t := &Text{Face: doc.FaceSong, Size: size, Color: Black, Y: base}
		t.Text = doc.PageNumberText(num)
		for _, x := range xs {
			t.X = append(t.X, x0+x)
		}
		if p.Landscape {
			lf := landscapeFrame()
			ox, oy := lf.fromSheet(t.X[0], t.Y)
			for k := range t.X {
				t.X[k] += ox - xs[0] - x0
			}
			t.Y = oy
			t.Rotate = -90 // upright on the sheet turned clockwise
		}
		rs := []rune(t.Text)
		b.check(t.Face, rs)
		p.Items = append(p.Items, t)
	}
}
