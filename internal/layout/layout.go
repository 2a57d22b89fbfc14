package layout

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/gongwen/gongwen/internal/doc"
	g "github.com/gongwen/gongwen/internal/gbt9704"
)

// Options are the layout's configurable defaults. The zero value follows
// GB/T 9704 and the practice numbers in package gbt9704.
type Options struct {
	// MastheadSize is the size of the 发文机关标志 (0: gbt9704.MastheadSize).
	// A masthead wider than the type area is shrunk to fit.
	MastheadSize float64
	// RuleWidth is the thickness of the red rule (0: gbt9704.RuleWidth).
	RuleWidth float64
	// TableSize is the cell text size of tables that give none (0: 四号).
	TableSize float64
	// UnnumberedColophonPage leaves the 版记 page without a page number
	// even when no blank page precedes it (some offices' practice). By
	// default §7.5 is followed to the letter: the 版记 page and the blank
	// page before it carry no number when there is such a blank page; a
	// 版记 page that directly follows the content is numbered.
	UnnumberedColophonPage bool
	// Has reports whether the font of a face has a glyph for r. When set,
	// every character laid out is checked and the ones no font has are
	// reported as an error naming the character and where it stands.
	Has func(face doc.Face, r rune) bool
}

func (o Options) mastheadSize() float64 {
	if o.MastheadSize > 0 {
		return o.MastheadSize
	}
	return g.MastheadSize
}

func (o Options) ruleWidth() float64 {
	if o.RuleWidth > 0 {
		return o.RuleWidth
	}
	return g.RuleWidth
}

// Vertical placement on the grid. Body text sits on the grid of §5.2.3:
// line i of a page occupies the band [top + i·pitch, top + (i+1)·pitch] of
// the type area, pitch = 225 mm / 22. A line's text has its em box centred
// vertically in that band (what Word does with a document grid), so the
// baseline lies (pitch − size)/2 + EmAscent·size below the band's top. The
// same rule places every element that stands on a grid line (title,
// 主送机关, 版记 lines) whatever its size.

// frame is the geometry of one page: its size and its type area.
type frame struct {
	w, h                     float64
	left, top, width, height float64
	lines                    int
	pitch                    float64 // the grid's line pitch (tightened: tighten)
	landscape                bool
}

func portraitFrame() frame {
	return frame{
		w: g.PageWidth, h: g.PageHeight,
		left: g.MarginLeft, top: g.MarginTop, width: g.TypeAreaWidth, height: g.TypeAreaHeight,
		lines: g.LinesPerPage, pitch: g.LinePitch,
	}
}

// landscapeFrame is a landscape page (§10). The standard puts the table's
// head on the 订口 side of odd pages and the 切口 side of even pages; as its
// page numbers show (odd right, even left: the outer edges), it means the
// physical edges of a sheet printed on both sides and bound on the left of
// its front. Both are the left edge of the page as one looks at it, so every
// landscape page is the sheet turned clockwise: the page's top is the
// sheet's left edge, and a reader turns the bound document once to read all
// its tables. The type area is the same region of the sheet as on portrait
// pages.
func landscapeFrame() frame {
	f := frame{w: g.PageHeight, h: g.PageWidth, width: g.TypeAreaHeight, height: g.TypeAreaWidth, landscape: true, pitch: g.LinePitch}
	f.left, f.top = g.MarginBottom, g.MarginLeft
	f.lines = int(math.Floor(f.height/g.LinePitch + eps))
	return f
}

func (f frame) right() float64  { return f.left + f.width }
func (f frame) bottom() float64 { return f.top + f.height }

// lineTop is the top of grid line i.
func (f frame) lineTop(i int) float64 { return f.top + float64(i)*f.pitch }

// baseline is the baseline of text of the given size on grid line i.
func (f frame) baseline(i int, size float64) float64 {
	return f.lineTop(i) + (f.pitch-size)/2 + g.EmAscent*size
}

// fromSheet maps a point of the portrait sheet to the page: the identity
// on portrait pages, the clockwise turn on landscape ones.
func (f frame) fromSheet(px, py float64) (float64, float64) {
	if !f.landscape {
		return px, py
	}
	return g.PageHeight - py, px
}

// body is the setter of body text: 三号 on the grid's character pitch.
func body() setter { return setter{size: g.BodySize, pitch: g.CharPitch} }

// natural is a setter at the size's own pitch.
func natural(size float64) setter { return setter{size: size, pitch: size} }

// placed is a body line already on a page, kept so that the last lines can
// follow the signature to a new page.
type placed struct {
	page, line int
	top        float64 // the top of its grid line
	from, to   int     // its items in Pages[page].Items
	bookmark   int     // index in Bookmarks, or -1
	text       bool    // a line of the body's text (not of the 附件说明)
}

type builder struct {
	opt  Options
	d    *doc.Document
	out  *Document
	fr   frame
	y    float64 // top of the free space on the current page
	low  float64 // lowest ink on the current page (the seal may reach below y)
	flow []placed
	// the 版记 page, and whether a blank page precedes it
	colophonPage        int
	blankBeforeColophon bool
	colophonShared      bool // the 版记 stands on the last content page
	// table borders already drawn on page bordersPage (shared edges of
	// adjacent cells and of the header and body are drawn once)
	borders     map[[4]int64]bool
	bordersPage int
	// the last rows of the last body table, while they end their page
	lastRows *rowsMark
	// what is being laid out, for error messages
	where string
	// ctx is the whole text being set (a paragraph, a cell, a title),
	// quoted around a missing character; nil quotes the line.
	ctx  []rune
	errs []error
	seen map[rune]bool
}

func (b *builder) page() *Page { return &b.out.Pages[len(b.out.Pages)-1] }

func (b *builder) newPage(landscape bool) {
	if landscape {
		b.fr = landscapeFrame()
	} else {
		b.fr = portraitFrame()
	}
	b.out.Pages = append(b.out.Pages, Page{Width: b.fr.w, Height: b.fr.h, Landscape: landscape})
	b.y, b.low = b.fr.top, b.fr.top
}

// nextLine is the first grid line wholly below what is on the page.
func (b *builder) nextLine() int {
	return int(math.Ceil((b.y-b.fr.top)/b.fr.pitch - 1e-6))
}

// takeLine returns the next free grid line, starting a page when the page
// is full.
func (b *builder) takeLine() int {
	i := b.nextLine()
	if i >= b.fr.lines {
		b.newPage(b.fr.landscape)
		i = 0
	}
	b.use(b.fr.lineTop(i + 1))
	return i
}

func (b *builder) use(y float64) {
	if y > b.y {
		b.y = y
	}
	if y > b.low {
		b.low = y
	}
}

func (b *builder) add(it Item) { p := b.page(); p.Items = append(p.Items, it) }

// emit puts a set line on the page: glyphs gs drawn at x0+xs[i] on the
// baseline, one Text item per face.
func (b *builder) emit(gs []glyph, xs []float64, x0, baseline, size float64, c Color) {
	for i := 0; i < len(gs); {
		j := i
		t := &Text{Face: gs[i].face, Size: size, Color: c, Y: baseline}
		var rs []rune
		for j < len(gs) && gs[j].face == gs[i].face {
			rs = append(rs, gs[j].r)
			t.X = append(t.X, x0+xs[j])
			j++
		}
		t.Text = string(rs)
		b.check(t.Face, rs)
		b.add(t)
		i = j
	}
}

// contextRunes is how many characters either side of a missing one an
// error message quotes.
const contextRunes = 10

// setting makes gs the text quoted around a missing character until the
// returned function is called.
func (b *builder) setting(gs []glyph) func() {
	saved := b.ctx
	b.ctx = make([]rune, len(gs))
	for i, g := range gs {
		b.ctx[i] = g.r
	}
	return func() { b.ctx = saved }
}

// check reports characters that neither the face's font nor any font the
// output falls back on has (Options.Has answers for the whole chain),
// quoting up to contextRunes characters either side from the whole text
// being set.
func (b *builder) check(face doc.Face, rs []rune) {
	if b.opt.Has == nil {
		return
	}
	for i, r := range rs {
		if space(r) || b.opt.Has(face, r) {
			continue
		}
		if b.seen[r] {
			continue
		}
		b.seen[r] = true
		text, at := rs, i
		if k := slices.Index(b.ctx, r); k >= 0 {
			text, at = b.ctx, k
		}
		lo, hi := max(at-contextRunes, 0), min(at+contextRunes+1, len(text))
		quote := string(text[lo:hi])
		if lo > 0 {
			quote = "……" + quote
		}
		if hi < len(text) {
			quote += "……"
		}
		b.errs = append(b.errs, fmt.Errorf("%s：字符 U+%04X「%c」，所有字体（含后备字体）都没有这个字（上下文：“%s”）；请改用常用字或换一种写法，生僻的人名用字可改用通行的写法",
			b.where, r, r, quote))
	}
}

// Layout lays d out on pages to GB/T 9704-2012. The choices the standard
// leaves open, each measured by the package's tests:
//
//   - Text stands on the grid of 22 lines of 225 mm/22 with its em box
//     (EmAscent above the baseline, EmDescent below) centred in the line.
//     Full lines are justified so the first glyph's left edge and the last
//     glyph's right edge lie on the type area's edges; the last line of a
//     paragraph keeps the grid pitch of 156 mm/28.
//   - 避头尾: a closing mark that would start a line is pulled back by
//     squeezing punctuation on the line to half a cell, or the character
//     before it goes down with it; an opening mark never ends a line;
//     numbers and Latin words are not split.
//   - 版头: the masthead's em-box top 35 mm below the type area; the
//     发文字号 two blank grid lines below the masthead; the red rule's
//     centre 4 mm below the 发文字号's em-box bottom; the title two blank
//     lines below the rule's line, on the grid, at 二号; without a masthead
//     the title begins on the first free line.
//   - Signature: sealed, name and date on the third and fourth lines below
//     the text, the seal 42 mm centred on the date horizontally, its centre
//     SealNameDrop above the middle of the name's line (both lines at or
//     below the centre, 居印章中心偏下; its top 1.6 mm below the last text
//     line's grid line, within one line of the text) and inside the type
//     area; unsealed, the name one
//     blank line below the text. A signature that does not fit is first
//     kept by setting the page's text on a tighter grid (at most 23 lines
//     in the 225 mm, SignatureTightenLines; only on a page of plain text
//     lines), else the last two lines of text go with it to the next page.
//   - Tables: when the texts cannot all stay on one line, the column
//     widths are those that make the table shortest (fewest lines of cell
//     text, then fewest wrapped cells), found greedily in half characters
//     and improved by moving width between pairs of columns; a cell whose
//     last line would hold one character alone is broken evenly instead.
//   - 版记 on an even page, on the last grid lines, its last rule's lower
//     edge on the type area's bottom edge.
//   - Page numbers: the 一字线's centre line (the middle of the em box) 7 mm
//     below the type area.
//
// Characters the faces lack (Options.Has) are reported with their place;
// Layout then returns an error and no pages.
func Layout(d *doc.Document, opt Options) (*Document, error) {
	if d == nil {
		return nil, errors.New("没有要排版的公文")
	}
	b := &builder{opt: opt, d: d, out: &Document{Meta: d.Meta}, seen: map[rune]bool{}}
	b.newPage(false)
	b.head()
	b.where = "正文"
	b.blocks(d.Body, true)
	b.attachmentNote()
	b.signature()
	for i := range d.Attachments {
		b.attachment(&d.Attachments[i])
	}
	b.colophon()
	b.pageNumbers()
	if len(b.errs) > 0 {
		return nil, fmt.Errorf("排版失败，有字符无法显示：%w", errors.Join(b.errs...))
	}
	return b.out, nil
}
