package layout

import (
	"math"

	"github.com/gongwen/gongwen/internal/doc"
	g "github.com/gongwen/gongwen/internal/gbt9704"
)

// Red is the colour of the masthead and the rule.
var Red = Color(g.Red)

// head lays out the 版头 (§7.2) and the title and 主送机关, leaving the
// cursor on the line where the body starts.
//
// Vertical rules, as measured by the tests:
//   - 份号, 密级, 紧急程度 on grid lines 1, 2, 3 (in that order, those present).
//   - the 发文机关标志's em box top (baseline − EmAscent·size) 35 mm below
//     the top of the type area;
//   - the 发文字号 on the grid line after the one holding the masthead's em
//     box bottom, plus two blank lines;
//   - the red rule's centre line 4 mm below the bottom of the 发文字号's em
//     box (baseline + EmDescent·size);
//   - the title two blank lines below the grid line the rule lies in.
//
// Without a masthead the title starts on the first free line of the type
// area (the first line when there are no 份号/密级/紧急程度 either); a
// 发文字号 without a masthead is centred on that line and the title follows
// two blank lines below it.
func (b *builder) head() {
	h := &b.d.Head
	b.where = "版头"
	bs := body()
	W := b.fr.width
	for _, s := range []struct {
		text string
		face doc.Face
	}{{h.CopyNumber, doc.FaceFangSong}, {h.Classification, doc.FaceHei}, {h.Urgency, doc.FaceHei}} {
		if s.text == "" {
			continue
		}
		b.setLines(plainGlyphs(s.text, s.face), bs, 0, 0, W, alignLeft)
	}

	titleLine := b.nextLine()
	docLine := -1
	if m := h.Masthead; m != nil && len(m.Issuers) > 0 {
		bottom := b.masthead(m)
		docLine = int(math.Floor((bottom-b.fr.top)/g.LinePitch-1e-6)) + 1 + g.DocNumberGapLines
	} else if h.DocNumber != "" {
		docLine = titleLine
	}
	if docLine >= 0 {
		if h.DocNumber != "" || len(h.Signers) > 0 {
			b.docNumber(docLine)
		}
		titleLine = docLine + 1 + g.TitleGapLines
		if h.Masthead != nil {
			// The rule goes with the masthead; without a 发文字号 it stays
			// where it would be below one.
			y := b.fr.baseline(docLine, g.BodySize) + g.EmDescent*g.BodySize + g.RuleBelowDocNumber
			b.add(&Rule{X1: b.fr.left, Y1: y, X2: b.fr.right(), Y2: y, Width: b.opt.ruleWidth(), Color: Red})
			ruleLine := int(math.Floor((y - b.fr.top) / g.LinePitch))
			titleLine = ruleLine + 1 + g.TitleGapLines
		}
	}
	b.y = b.fr.lineTop(titleLine)

	b.where = "标题"
	first := b.title(b.d.Title, g.TitleSize)
	if b.d.Addressees != "" {
		b.where = "主送机关"
		if first {
			b.y = b.fr.lineTop(b.nextLine() + g.AddresseeGapLines)
		}
		b.setLines(plainGlyphs(b.d.Addressees, doc.FaceFangSong), bs, 0, 0, W, alignJustify)
	}
}

// title sets title lines centred on consecutive grid lines from the cursor,
// at the grid's line pitch (a 二号 line fits in a grid line, so the title
// stays on the grid with the text below it). It reports whether it set any.
func (b *builder) title(lines []string, size float64) bool {
	set := breakTitle(lines, size, b.fr.width)
	s := natural(size)
	var all []glyph
	for _, gs := range set {
		all = append(all, gs...)
	}
	defer b.setting(all)()
	for _, gs := range set {
		i := b.takeLine()
		xs := s.place(gs, b.fr.width, alignCenter)
		b.emit(gs, xs, b.fr.left, b.fr.baseline(i, size), size, Black)
	}
	return len(set) > 0
}

// masthead sets the 发文机关标志 and returns the bottom of its em box.
func (b *builder) masthead(m *doc.Masthead) float64 {
	b.where = "发文机关标志"
	size := b.opt.mastheadSize()
	top := b.fr.top + g.MastheadTop
	W := b.fr.width
	if len(m.Issuers) == 1 {
		gs := plainGlyphs(m.Text(), doc.FaceXiaoBiaoSong)
		if w := natural(1).width(gs); w*size > W {
			size = W / w
		}
		s := natural(size)
		xs := s.place(gs, W, alignCenter)
		b.emit(gs, xs, b.fr.left, top+g.EmAscent*size, size, Red)
		return top + size
	}
	// 联合行文: names stacked and spread to the longest's width, the suffix
	// to their right, centred vertically on them.
	names := make([][]glyph, len(m.Issuers))
	nameW := 0.0
	for i, n := range m.Issuers {
		names[i] = plainGlyphs(n, doc.FaceXiaoBiaoSong)
		nameW = math.Max(nameW, natural(1).width(names[i]))
	}
	suf := plainGlyphs(m.Suffix, doc.FaceXiaoBiaoSong)
	sufW := natural(1).width(suf)
	gap := 0.0
	if len(suf) > 0 {
		gap = g.MastheadSuffixGap
	}
	if total := nameW + gap + sufW; total*size > W {
		size = W / total
	}
	s := natural(size)
	blockW := (nameW + gap + sufW) * size
	x0 := b.fr.left + (W-blockW)/2
	pitch := size * g.MastheadLineSpacing
	for i, gs := range names {
		xs := s.place(gs, nameW*size, alignJustify)
		if len(gs) == 1 {
			xs = s.place(gs, nameW*size, alignCenter)
		}
		emTop := top + float64(i)*pitch
		b.emit(gs, xs, x0, emTop+g.EmAscent*size, size, Red)
	}
	blockH := float64(len(names)-1)*pitch + size
	if len(suf) > 0 {
		xs := s.place(suf, sufW*size, alignLeft)
		emTop := top + (blockH-size)/2
		b.emit(suf, xs, x0+(nameW+gap)*size, emTop+g.EmAscent*size, size, Red)
	}
	return top + blockH
}

// docNumber sets the 发文字号 on grid line i: centred, or, with 签发人, one
// character in from the left with "签发人：" and the names (楷体) one
// character in from the right, several names one a line, the 发文字号 on
// the line of the last.
func (b *builder) docNumber(i int) {
	h := &b.d.Head
	b.where = "发文字号"
	s := body()
	W := b.fr.width
	dn := plainGlyphs(h.DocNumber, doc.FaceFangSong)
	base := b.fr.baseline(i, g.BodySize)
	b.use(b.fr.lineTop(i + 1))
	if len(h.Signers) == 0 {
		b.emit(dn, s.place(dn, W, alignCenter), b.fr.left, base, g.BodySize, Black)
		return
	}
	in := g.CharPitch // one character
	b.emit(dn, s.place(dn, W, alignLeft), b.fr.left+in, base, g.BodySize, Black)
	label := plainGlyphs(doc.SignersLabel, doc.FaceFangSong)
	labelW := s.width(label)
	nameW := 0.0
	for _, n := range h.Signers {
		nameW = math.Max(nameW, s.width(plainGlyphs(n, doc.FaceKai)))
	}
	right := b.fr.right() - in
	nameX := right - nameW
	for k, n := range h.Signers {
		line := i - (len(h.Signers) - 1 - k)
		bl := b.fr.baseline(line, g.BodySize)
		if k == 0 {
			b.emit(label, s.place(label, labelW, alignLeft), nameX-labelW, bl, g.BodySize, Black)
		}
		gs := plainGlyphs(n, doc.FaceKai)
		b.emit(gs, s.place(gs, nameW, alignLeft), nameX, bl, g.BodySize, Black)
	}
}

// setLines breaks gs on measure W (the first line indented by indent, the
// others by hang) and sets them on consecutive grid lines at body size.
// Lines other than the last are justified when a is alignJustify; the last
// is set flush left unless full. It returns where each line went.
func (b *builder) setLines(gs []glyph, s setter, indent, hang, W float64, a lineAlign) []placed {
	defer b.setting(gs)()
	lines := s.breakLines(gs, W-indent, W-hang)
	var at []placed
	for k, ln := range lines {
		i := b.takeLine()
		x := b.fr.left + hang
		m := W - hang
		if k == 0 {
			x, m = b.fr.left+indent, W-indent
		}
		la := a
		if a == alignJustify && k == len(lines)-1 && s.width(ln) < m-eps {
			la = alignLeft
		}
		p := placed{page: len(b.out.Pages) - 1, line: i, top: b.fr.lineTop(i), from: len(b.page().Items), bookmark: -1, text: true}
		b.emit(ln, s.place(ln, m, la), x, b.fr.baseline(i, s.size), s.size, Black)
		p.to = len(b.page().Items)
		at = append(at, p)
	}
	return at
}
