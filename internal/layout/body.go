package layout

import (
	"bytes"
	"image/png"
	"math"

	"github.com/gongwen/gongwen/internal/doc"
	g "github.com/gongwen/gongwen/internal/gbt9704"
)

// blocks lays out paragraphs and tables on the grid from the cursor. main
// says whether these are the body's (their lines may follow the signature
// to a new page).
func (b *builder) blocks(bs []doc.Block, main bool) {
	section := "" // the section the blocks stand in, for error messages
	for i, blk := range bs {
		switch x := blk.(type) {
		case *doc.Paragraph:
			if main && b.fr.landscape {
				// The body goes back to portrait pages after a landscape table.
				b.newPage(false)
			}
			// lines that must follow a heading on its page: one of text,
			// or a table's caption, header and first rows
			next := 0
			if i+1 < len(bs) {
				next = 1
				if t, ok := bs[i+1].(*doc.Table); ok && t.Landscape == b.fr.landscape {
					next = b.tableLead(t, main)
				}
			}
			if x.Section != "" {
				section = x.Section
			}
			b.paragraph(x, section, main, next)
		case *doc.Table:
			b.table(x, main)
		}
	}
}

// paragraph sets a paragraph on the grid: by default indented two
// characters, wrapped lines flush left, all lines but the last justified to
// the type width. A heading on a line of its own is not left at the foot
// of a page without the next lines (next: how many) below it.
func (b *builder) paragraph(p *doc.Paragraph, section string, main bool, next int) {
	where := b.where
	if section != "" {
		b.where = where + "第“" + section + "”部分"
	}
	defer func() { b.where = where }()
	s := body()
	W := b.fr.width
	gs := glyphs(p.Runs)
	if len(gs) == 0 {
		return
	}
	indent, a := float64(g.ParagraphIndentChars)*g.CharPitch, alignJustify
	switch p.Align {
	case doc.AlignLeft:
		indent = 0
	case doc.AlignCenter:
		indent, a = 0, alignCenter
	case doc.AlignRight:
		indent, a = 0, alignRight
	}
	if p.Level > 0 && !p.RunIn && next > 0 {
		n := len(s.breakLines(gs, W-indent, W))
		if b.nextLine()+n+next > b.fr.lines && n+next <= b.fr.lines {
			b.newPage(b.fr.landscape)
		}
	}
	at := b.setLines(gs, s, indent, 0, W, a)
	if len(at) > 0 && (p.Level == 1 || p.Level == 2) {
		title := p.Number + p.Heading
		b.out.Bookmarks = append(b.out.Bookmarks, Bookmark{
			Title: title, Level: p.Level, Page: at[0].page, Y: at[0].top,
		})
		at[0].bookmark = len(b.out.Bookmarks) - 1
	}
	if main {
		b.flow = append(b.flow, at...)
	}
}

// attachmentNote sets the 附件说明 (§7.3.4) one blank line below the body,
// indented two characters: "附件：" + name, several numbered with the
// following names under the first; a name that wraps continues under its
// own first character.
func (b *builder) attachmentNote() {
	lines := b.d.AttachmentNoteLines()
	if len(lines) == 0 {
		return
	}
	b.where = "附件说明"
	if b.fr.landscape {
		b.newPage(false)
	}
	s := body()
	W := b.fr.width
	b.y = b.fr.lineTop(b.nextLine() + g.AttachmentNoteGap)
	indent := float64(g.ParagraphIndentChars) * g.CharPitch
	label := s.width(plainGlyphs(doc.AttachmentNoteLabel, doc.FaceFangSong))
	for i, l := range lines {
		gs := plainGlyphs(l, doc.FaceFangSong)
		start := indent
		if i > 0 {
			start = indent + label
		}
		// The name begins after "附件：" and after "1. ".
		k := 0
		if i == 0 {
			k = len([]rune(doc.AttachmentNoteLabel))
		}
		if len(b.d.AttachmentNote) > 1 {
			for k < len(gs) && (wordRune(gs[k].r) || space(gs[k].r)) {
				k++
			}
		}
		hang := start + s.width(gs[:k])
		at := b.setLines(gs, s, start, hang, W, alignJustify)
		for k := range at {
			at[k].text = false // not body text: it goes along, but does not count
		}
		b.flow = append(b.flow, at...)
	}
}

// signature sets the 发文机关署名, 成文日期, 印章 and 附注 (§7.3.5) and keeps
// them with the text above: when they do not fit below the last line, the
// line pitch of the page's text is first tightened (tighten: up to
// SignatureTightenLines more lines on the page, §7.3.5.1 调整行距); if
// that is not enough the last two lines of text go to the next page with
// them. A page never carries the signature alone.
func (b *builder) signature() {
	sig := &b.d.Signature
	if len(sig.Issuers) == 0 && sig.Date.IsZero() {
		b.remark(-1)
		return
	}
	b.where = "发文机关署名"
	sealed := sig.Seal != nil
	gap := g.UnsealedNameLines
	if sealed {
		gap = g.SealedNameLines
	}
	names := len(b.signatureNames())
	remark := 0
	if b.d.Remark != "" {
		remark = len(body().breakLines(plainGlyphs(b.d.Remark, doc.FaceFangSong),
			b.fr.width-float64(g.RemarkIndentChars)*g.CharPitch, b.fr.width))
	}
	last := b.nextLine() - 1 // the last line of text
	// lines needed from the last text line to the last line of the block
	need := func(gap int) int { return gap + names - 1 + 1 + remark }
	// fits: the block ends on the page, and the seal stays inside the type
	// area (clear of the page number below it).
	fits := func(f frame) bool {
		if last+need(gap) >= f.lines {
			return false
		}
		if !sealed {
			return true
		}
		_, h := b.sealSize()
		return f.lineTop(last+gap)+f.pitch/2-g.SealNameDrop+h/2 <= f.bottom()+eps
	}
	if b.fr.landscape {
		b.newPage(false)
		last = -1
	}
	switch {
	case last < 0 || fits(b.fr):
	case b.tighten(fits):
	default:
		last = b.moveTail(need(gap))
	}
	b.setSignature(last, gap)
}

// moveTail moves the last lines of text on the page to a new page so that
// the signature block (need lines below the last of them) has company. It
// returns the new last line.
func (b *builder) moveTail(need int) int {
	pi := len(b.out.Pages) - 1
	// Find the tail of the flow on this page whose items end the page.
	k := len(b.flow)
	texts := 0
	for k > 0 && b.flow[k-1].page == pi && texts < g.SignatureKeepLines {
		k--
		if b.flow[k].text {
			texts++
		}
	}
	tail := b.flow[k:]
	p := &b.out.Pages[pi]
	if len(tail) == 0 || tail[len(tail)-1].to != len(p.Items) || tail[0].line == 0 {
		// A table ends the page: its last rows go instead.
		if b.moveRows() {
			return b.nextLine() - 1
		}
		// Nothing movable: start the block on a new page after all,
		// rather than lose it.
		b.newPage(false)
		return -1
	}
	first := tail[0].line
	moved := append([]Item(nil), p.Items[tail[0].from:]...)
	p.Items = p.Items[:tail[0].from]
	b.newPage(false)
	np := len(b.out.Pages) - 1
	dy := -float64(first) * g.LinePitch
	base := 0
	for j := range tail {
		t := &b.flow[k+j]
		n := t.to - t.from
		t.page, t.line, t.from, t.to, t.top = np, t.line-first, base, base+n, t.top+dy
		base += n
		if t.bookmark >= 0 {
			bm := &b.out.Bookmarks[t.bookmark]
			bm.Page, bm.Y = np, bm.Y+dy
		}
	}
	for _, it := range moved {
		shift(it, 0, dy)
	}
	np2 := b.page()
	np2.Items = append(np2.Items, moved...)
	lastLine := tail[len(tail)-1].line
	b.use(b.fr.lineTop(lastLine + 1))
	return lastLine
}

// shift moves an item by (dx, dy).
func shift(it Item, dx, dy float64) {
	switch x := it.(type) {
	case *Text:
		for i := range x.X {
			x.X[i] += dx
		}
		x.Y += dy
	case *Rule:
		x.X1 += dx
		x.X2 += dx
		x.Y1 += dy
		x.Y2 += dy
	case *Image:
		x.X += dx
		x.Y += dy
	}
}

// setSignature places the block with the issuer name gap lines below line
// last (-1: the block starts a page).
//
// Sealed: the date's right end four characters in from the right edge of
// the type area, the issuer name centred over the date, the seal centred
// horizontally on the date with its centre SealNameDrop above the middle
// of the name's line (sealCentre). Unsealed: the name's right end two
// characters in from the right, the date one line below starting two
// characters right of the name's start, or, when it is longer, ending two
// characters in from the right with the name moved left to keep the
// two-character step.
func (b *builder) setSignature(last, gap int) {
	sig := &b.d.Signature
	s := body()
	right := b.fr.right()
	nameLine := last + gap // last is -1 when the block starts a page
	var names [][]glyph
	nameW := 0.0
	for _, gs := range b.signatureNames() {
		names = append(names, gs)
		nameW = math.Max(nameW, s.extent(gs))
	}
	date := plainGlyphs(sig.Date.Chinese(), doc.FaceFangSong)
	if sig.Date.IsZero() {
		date = nil
	}
	dateW := s.extent(date)
	dateLine := nameLine + len(names)
	var nameX, dateX float64
	if sig.Seal != nil {
		dateX = right - float64(g.SignatureRightChars)*g.CharPitch - dateW
		nameX = dateX + (dateW-nameW)/2
		if nameX+nameW > right {
			nameX = right - nameW
		}
	} else {
		nameX = right - float64(g.UnsealedNameRight)*g.CharPitch - nameW
		dateX = nameX + float64(g.UnsealedDateShift)*g.CharPitch
		if dateX+dateW > right-float64(g.UnsealedNameRight)*g.CharPitch {
			dateX = right - float64(g.UnsealedNameRight)*g.CharPitch - dateW
			nameX = dateX - float64(g.UnsealedDateShift)*g.CharPitch
		}
	}
	// A name as long as the line (the glyph box of its last character
	// is a little wider than a cell) starts on the type area's edge.
	nameX = math.Max(nameX, b.fr.left)
	dateX = math.Max(dateX, b.fr.left)
	b.where = "发文机关署名"
	for k, gs := range names {
		i := nameLine + k
		x := nameX
		if sig.Seal != nil {
			x = nameX + (nameW-s.extent(gs))/2
		}
		b.emit(gs, s.place(gs, s.extent(gs), alignLeft), x, b.fr.baseline(i, g.BodySize), g.BodySize, Black)
	}
	b.where = "成文日期"
	if len(date) > 0 {
		b.emit(date, s.place(date, dateW, alignLeft), dateX, b.fr.baseline(dateLine, g.BodySize), g.BodySize, Black)
	} else {
		dateLine--
	}
	b.use(b.fr.lineTop(dateLine + 1))
	if sig.Seal != nil {
		w, h := b.sealSize()
		cx := dateX + dateW/2
		if len(date) == 0 {
			cx = nameX + nameW/2
		}
		cy := b.sealCentre(nameLine)
		b.add(&Image{X: cx - w/2, Y: cy - h/2, W: w, H: h, PNG: sig.Seal.PNG, Multiply: true})
		b.low = math.Max(b.low, cy+h/2)
	}
	b.remark(dateLine)
}

// sealCentre is the vertical centre of the seal for a signature whose
// first line (the name, or the date without one) is grid line i: the line's
// em-box middle lies SealNameDrop below it, so the name and the date below
// it sit at or below the seal's centre (§7.3.5.1 居印章中心偏下位置).
func (b *builder) sealCentre(i int) float64 {
	return b.fr.lineTop(i) + b.fr.pitch/2 - g.SealNameDrop
}

// tighten sets the text of the current page on a tighter grid, holding
// LinesPerPage+SignatureTightenLines lines in the type area's height, when
// the signature block then fits (fits) and the page holds nothing but lines
// of the body's flow (no 版头, table or picture, which are not set on the
// grid line by line). It reports whether it did.
func (b *builder) tighten(fits func(frame) bool) bool {
	pi := len(b.out.Pages) - 1
	if b.fr.landscape || b.fr.pitch != g.LinePitch {
		return false
	}
	f := b.fr
	f.lines = g.LinesPerPage + g.SignatureTightenLines
	f.pitch = f.height / float64(f.lines)
	if !fits(f) {
		return false
	}
	// Every item of the page belongs to a flow line.
	p := &b.out.Pages[pi]
	owned := 0
	for _, l := range b.flow {
		if l.page == pi {
			owned += l.to - l.from
		}
	}
	if owned != len(p.Items) {
		return false
	}
	d := f.pitch - g.LinePitch
	for k := range b.flow {
		l := &b.flow[k]
		if l.page != pi {
			continue
		}
		// the line's text centred in its tighter band
		for _, it := range p.Items[l.from:l.to] {
			shift(it, 0, (float64(l.line)+0.5)*d)
		}
		l.top = f.lineTop(l.line)
		if l.bookmark >= 0 {
			b.out.Bookmarks[l.bookmark].Y = l.top
		}
	}
	b.fr = f
	p.LinePitch = f.pitch
	b.y, b.low = f.top, f.top
	b.use(f.lineTop(b.lastFlowLine(pi) + 1))
	return true
}

// lastFlowLine is the last grid line of page pi that a flow line takes.
func (b *builder) lastFlowLine(pi int) int {
	last := -1
	for _, l := range b.flow {
		if l.page == pi {
			last = max(last, l.line)
		}
	}
	return last
}

// signatureNames are the lines of the 发文机关署名: one an issuer, a name
// too long for the space left of the two characters kept free on the right
// broken over lines.
func (b *builder) signatureNames() [][]glyph {
	s := body()
	m := b.fr.width - float64(g.UnsealedNameRight)*g.CharPitch
	var out [][]glyph
	for _, n := range b.d.Signature.Issuers {
		out = append(out, s.breakLines(plainGlyphs(n, doc.FaceFangSong), m, m)...)
	}
	return out
}

// sealSize is the printed size of the seal: its own width or the standard
// diameter, the height by the image's aspect.
func (b *builder) sealSize() (float64, float64) {
	seal := b.d.Signature.Seal
	if seal == nil {
		return 0, 0
	}
	w := seal.Width
	if w <= 0 {
		w = g.SealDiameter
	}
	h := w
	if c, err := png.DecodeConfig(bytes.NewReader(seal.PNG)); err == nil && c.Width > 0 {
		h = w * float64(c.Height) / float64(c.Width)
	}
	return w, h
}

// remark sets the 附注 on the line after the date, indented two characters.
func (b *builder) remark(dateLine int) {
	if b.d.Remark == "" {
		return
	}
	b.where = "附注"
	if dateLine >= 0 {
		b.y = b.fr.lineTop(dateLine + 1)
	}
	b.setLines(plainGlyphs(b.d.Remark, doc.FaceFangSong), body(),
		float64(g.RemarkIndentChars)*g.CharPitch, 0, b.fr.width, alignJustify)
}

// attachment sets a 附件 (§7.3.7) on new pages: its label in 黑体 flush left
// on the first line, its title centred on the third, its blocks below like
// the body.
func (b *builder) attachment(a *doc.Attachment) {
	landscape := false
	if len(a.Blocks) > 0 {
		if t, ok := a.Blocks[0].(*doc.Table); ok && t.Landscape {
			landscape = true
		}
	}
	b.newPage(landscape)
	b.where = a.Label()
	b.out.Bookmarks = append(b.out.Bookmarks, Bookmark{Title: a.Label() + " " + a.Title, Level: 1, Page: len(b.out.Pages) - 1, Y: b.fr.top})
	b.setLines(plainGlyphs(a.Label(), doc.FaceHei), body(), 0, 0, b.fr.width, alignLeft)
	b.y = b.fr.lineTop(g.AttachmentTitleLine)
	if b.title([]string{a.Title}, g.TitleSize) {
		b.y = b.fr.lineTop(b.nextLine() + g.AttachmentBodyGapLines)
	}
	b.blocks(a.Blocks, false)
}
