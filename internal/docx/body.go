package docx

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image/png"
	"math"
	"regexp"
	"strings"

	"github.com/gongwen/gongwen/internal/doc"
	g "github.com/gongwen/gongwen/internal/gbt9704"
	"github.com/gongwen/gongwen/internal/layout"
)

// FontNames are the faces as offices have them installed; Word and WPS use
// them where present. The same name is written in all four slots (ascii,
// hAnsi, eastAsia, cs): digits and Latin letters take the Chinese face, half
// a character wide on the grid, as the PDF sets them.
var FontNames = map[doc.Face]string{
	doc.FaceFangSong:     "仿宋_GB2312",
	doc.FaceHei:          "黑体",
	doc.FaceKai:          "楷体_GB2312",
	doc.FaceXiaoBiaoSong: "方正小标宋简体",
	doc.FaceSong:         "宋体",
}

// Lengths in twips derived from the standard's numbers.
var (
	linePitch = g.Twips(g.LinePitch) // one line of the body grid
	charPitch = g.CharPitch          // one body character, points
)

// gridScale narrows body characters (三号, 16 pt) to a width a little under
// the grid's pitch (156 mm / 28 ≈ 15.79 pt). Word and WPS set them at that
// pitch anyway (the docGrid's charSpace) and centre each glyph in its cell,
// so the 2 % is not seen; LibreOffice gives a character as many cells as
// its width needs, two for a 16 pt glyph in a 15.75 pt cell (its reading of
// the same charSpace), and with the glyph at 98 % it takes one, so that
// LibreOffice too sets 28 characters a line.
var gridScale = `<w:w w:val="` + itoa(int(math.Floor(100*gridPitchLO/g.BodySize))) + `"/>`

// gridPitchLO is the cell width LibreOffice derives from the template's
// charSpace (−849: −1 pt + 15/20 pt, whole twips): 15.75 pt.
const gridPitchLO = g.BodySize - 0.25

// writer builds the WordprocessingML of the body.
type writer struct {
	t   *template
	lay *layout.Document // the PDF's layout of the same document, if it has one
	// texts indexes lay's Text items by their text (textindex.go), made
	// when first needed.
	texts textIndex
	// lastSect replaces the template's final sectPr when set.
	lastSect string
	// titleBefore is the space above the title (twips), set by head.
	titleBefore int
	// usedLandscape: a landscape section uses the landscape footers.
	usedLandscape bool
	b             bytes.Buffer
	d             *doc.Document
	ids           int // drawing ids
	// tight is the line pitch (twips) of the paragraphs being written
	// when the layout tightened their page (0: linePitch); tightFrom is
	// the index of the body block whose lines begin that page (-1: none,
	// len(Body): the 附件说明 or the signature begins it).
	tight, tightFrom int
	tightPitch       int
}

// pitch is the line pitch of the paragraphs being written, in twips.
func (w *writer) pitch() int {
	if w.tight > 0 {
		return w.tight
	}
	return linePitch
}

// findTight finds the page the layout tightened to keep the signature with
// the text (layout.Page.LinePitch) and the first body block that begins on
// it. A paragraph running onto the page from the one before keeps the grid
// (its lines on the page before must stay as they are); the paragraphs
// after it share what is left of the type area's height among the rest of
// the page's lines.
func (w *writer) findTight() {
	w.tightFrom = -1
	if w.lay == nil {
		return
	}
	for _, p := range w.lay.Pages {
		if p.LinePitch == 0 {
			continue
		}
		// the page's lines, all runs of each
		var lines []string
		y := math.Inf(-1)
		for _, it := range p.Items {
			if t, ok := it.(*layout.Text); ok && t.Face != doc.FaceSong {
				if t.Y != y {
					lines = append(lines, "")
					y = t.Y
				}
				lines[len(lines)-1] += t.Text
			}
		}
		if len(lines) == 0 {
			return
		}
		total := int(math.Round(g.TypeAreaHeight / p.LinePitch))
		// pitches one twip under the layout's, so that readers rounding
		// twips to their own units still fit the lines in the type area
		w.tightFrom, w.tightPitch = len(w.d.Body), int(p.LinePitch*20)-1
		for i := len(w.d.Body) - 1; i >= 0; i-- {
			para, ok := w.d.Body[i].(*doc.Paragraph)
			if !ok {
				continue
			}
			var sb strings.Builder
			for _, r := range para.Runs {
				sb.WriteString(r.Text)
			}
			text := sb.String()
			if !strings.Contains(text, lines[0]) {
				continue
			}
			w.tightFrom = i
			if strings.HasPrefix(text, lines[0]) {
				return // it begins on the page
			}
			// It runs on from the page before: count its lines here.
			acc, n := lines[0], 1
			for n < len(lines) && !strings.HasSuffix(text, acc) {
				acc += lines[n]
				n++
			}
			if !strings.HasSuffix(text, acc) || total <= n {
				w.tightFrom = -1 // cannot tell: leave the page alone
				return
			}
			w.tightFrom = i + 1
			w.tightPitch = int(20*(g.TypeAreaHeight-float64(n)*g.LinePitch)/float64(total-n)) - 1
			return
		}
		return
	}
}

func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// hexColor writes an RGB colour as WordprocessingML does.
func hexColor(c [3]uint8) string { return fmt.Sprintf("%02X%02X%02X", c[0], c[1], c[2]) }

// width is the width of s in body characters: CJK and full-width characters
// take one cell of the grid, ASCII half a cell.
func width(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r < 0x80 {
			w += 0.5
		} else {
			w++
		}
	}
	return w
}

// runStyle is the character formatting of a run.
type runStyle struct {
	face  doc.Face
	size  float64 // points
	color string  // "" = automatic (black)
}

func (w *writer) rPr(s runStyle) string {
	f := esc(FontNames[s.face])
	if f == "" {
		f = esc(FontNames[doc.FaceFangSong])
	}
	var b strings.Builder
	b.WriteString(`<w:rPr><w:rFonts w:ascii="` + f + `" w:hAnsi="` + f + `" w:eastAsia="` + f + `" w:cs="` + f + `" w:hint="eastAsia"/>`)
	if s.color != "" {
		b.WriteString(`<w:color w:val="` + s.color + `"/>`)
	}
	if s.size == g.BodySize {
		b.WriteString(gridScale)
	}
	hp := itoa(g.Halfpoints(s.size))
	b.WriteString(`<w:sz w:val="` + hp + `"/><w:szCs w:val="` + hp + `"/></w:rPr>`)
	return b.String()
}

func (w *writer) run(text string, s runStyle) string {
	return `<w:r>` + w.rPr(s) + `<w:t xml:space="preserve">` + esc(text) + `</w:t></w:r>`
}

// para is the paragraph formatting this writer uses.
type para struct {
	keepNext, keepLines, pageBreak bool
	// widows: no single line of the paragraph alone at the top or the
	// bottom of a page (with keepNext: at least SignatureKeepLines lines
	// go with the signature to a new page).
	widows        bool
	noGrid        bool // snapToGrid off: text not on the character grid
	before, after int  // twips
	line          int  // exact line height in twips (0: one grid line)
	atLeast       bool // line is a minimum, not exact
	// Indents in hundredths of a body character (Word's *Chars units);
	// the twips equivalents are written too for readers without them.
	firstChars, leftChars, rightChars, hangingChars int
	// indTwips, when set, gives left/right indents in twips instead.
	leftTw, rightTw, hangingTw int
	// offGrid: the character indents are written in twips of the
	// standard's cells only (a paragraph off the grid has no cells for
	// Word's *Chars units to count).
	offGrid bool
	jc      string
	border  string // w:pBdr content
	tabs    string // w:tabs content
	sectPr  string
}

// chars2tw is an indent of characters in twips, for readers that ignore the
// *Chars attributes (LibreOffice): whole cells of its grid, so that the text
// after the indent starts on a cell.
func chars2tw(hundredths int) int { return g.Twips(float64(hundredths) / 100 * gridPitchLO) }

func (p para) xml() string {
	var b strings.Builder
	b.WriteString(`<w:pPr>`)
	if p.keepNext {
		b.WriteString(`<w:keepNext/>`)
	}
	if p.keepLines {
		b.WriteString(`<w:keepLines/>`)
	}
	if p.pageBreak {
		b.WriteString(`<w:pageBreakBefore/>`)
	}
	if p.widows {
		b.WriteString(`<w:widowControl/>`)
	}
	if p.border != "" {
		b.WriteString(`<w:pBdr>` + p.border + `</w:pBdr>`)
	}
	if p.tabs != "" {
		b.WriteString(`<w:tabs>` + p.tabs + `</w:tabs>`)
	}
	// No punctuation hanging past the right edge (Word and LibreOffice
	// allow it by default; the grid holds 28 characters a line, and 避头尾
	// moves a character instead), no extra space between Chinese and
	// Latin or digits (it would break the grid).
	b.WriteString(`<w:overflowPunct w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>`)
	if p.noGrid {
		b.WriteString(`<w:snapToGrid w:val="0"/>`)
	}
	line, rule := p.line, "exact"
	if line == 0 {
		line = linePitch
	}
	if p.atLeast {
		rule = "atLeast"
	}
	b.WriteString(`<w:spacing w:before="` + itoa(p.before) + `" w:after="` + itoa(p.after) + `" w:line="` + itoa(line) + `" w:lineRule="` + rule + `"/>`)
	var ind []string
	switch {
	case p.leftTw != 0 || p.rightTw != 0 || p.hangingTw != 0:
		ind = append(ind, `w:left="`+itoa(p.leftTw)+`"`, `w:right="`+itoa(p.rightTw)+`"`)
		if p.hangingTw != 0 {
			ind = append(ind, `w:hanging="`+itoa(p.hangingTw)+`"`)
		}
	case p.offGrid:
		tw := func(h int) string { return itoa(g.Twips(float64(h) / 100 * g.CharPitch)) }
		if p.leftChars != 0 {
			ind = append(ind, `w:left="`+tw(p.leftChars)+`"`)
		}
		if p.rightChars != 0 {
			ind = append(ind, `w:right="`+tw(p.rightChars)+`"`)
		}
		if p.firstChars != 0 {
			ind = append(ind, `w:firstLine="`+tw(p.firstChars)+`"`)
		}
		if p.hangingChars != 0 {
			ind = append(ind, `w:hanging="`+tw(p.hangingChars)+`"`)
		}
	default:
		if p.leftChars != 0 {
			ind = append(ind, `w:left="`+itoa(chars2tw(p.leftChars))+`"`, `w:leftChars="`+itoa(p.leftChars)+`"`)
		}
		if p.rightChars != 0 {
			ind = append(ind, `w:right="`+itoa(chars2tw(p.rightChars))+`"`, `w:rightChars="`+itoa(p.rightChars)+`"`)
		}
		if p.firstChars != 0 {
			ind = append(ind, `w:firstLine="`+itoa(chars2tw(p.firstChars))+`"`, `w:firstLineChars="`+itoa(p.firstChars)+`"`)
		}
		if p.hangingChars != 0 {
			ind = append(ind, `w:hanging="`+itoa(chars2tw(p.hangingChars))+`"`, `w:hangingChars="`+itoa(p.hangingChars)+`"`)
		}
	}
	if len(ind) > 0 {
		b.WriteString(`<w:ind ` + strings.Join(ind, " ") + `/>`)
	}
	jc := p.jc
	if jc == "" {
		jc = "both"
	}
	b.WriteString(`<w:jc w:val="` + jc + `"/>`)
	b.WriteString(p.sectPr)
	b.WriteString(`</w:pPr>`)
	return b.String()
}

// lines is runs of text broken by line breaks.
func (w *writer) lines(ls []string, s runStyle) []string {
	var runs []string
	for i, l := range ls {
		if i > 0 {
			runs = append(runs, `<w:r><w:br/></w:r>`)
		}
		runs = append(runs, w.run(l, s))
	}
	return runs
}

// p writes a paragraph of runs (already XML).
func (w *writer) p(pp para, runs ...string) {
	if pp.line == 0 && w.tight > 0 {
		// On the tightened page: at the layout's pitch, off the grid
		// (LibreOffice would round each line up to a grid line again);
		// the characters at 98 % still make 28 a line, and a digit
		// takes its half cell as in the PDF.
		pp.line, pp.noGrid, pp.offGrid = w.tight, true, true
	}
	w.b.WriteString(`<w:p>` + pp.xml())
	for _, r := range runs {
		w.b.WriteString(r)
	}
	w.b.WriteString(`</w:p>`)
}

// body writes the whole notice.
func (w *writer) body() error {
	d := w.d
	w.head()
	w.title()
	if d.Addressees != "" {
		w.p(para{before: g.AddresseeGapLines * linePitch, jc: "left"}, w.run(d.Addressees, runStyle{face: doc.FaceFangSong, size: g.BodySize}))
	}
	keep := len(d.AttachmentNote) == 0 && len(d.Signature.Issuers)+len(d.Signature.Date.Chinese()) > 0
	for i, b := range d.Body {
		if i == w.tightFrom {
			w.tight = w.tightPitch
		}
		w.blocks([]doc.Block{b}, keep && i == len(d.Body)-1)
	}
	if w.tightFrom == len(d.Body) {
		w.tight = w.tightPitch
	}
	w.attachmentNote()
	if err := w.signature(); err != nil {
		return err
	}
	if d.Remark != "" {
		w.p(para{firstChars: g.RemarkIndentChars * 100}, w.run(d.Remark, runStyle{face: doc.FaceFangSong, size: g.BodySize}))
	}
	w.tight = 0
	for i := range d.Attachments {
		w.attachment(&d.Attachments[i])
	}
	w.colophon()
	if bytes.HasSuffix(w.b.Bytes(), []byte("</w:tbl>")) {
		// Word wants a paragraph between a table and the section's end.
		w.p(para{noGrid: true, line: 1}) // one twip
	}
	return nil
}

// head writes the 版头 on the lines of the grid where the PDF's layout sets
// it: 份号, 密级, 紧急程度 on the first lines; the red masthead with its top
// 35 mm below the top of the type area; the 发文字号 on the grid line two
// blank lines below the masthead; the red rule 4 mm below the 发文字号's em
// box; the title two blank lines below the line of the rule. pos tracks
// where the text has got to, in twips below the top of the type area.
func (w *writer) head() {
	h := w.d.Head
	body := runStyle{face: doc.FaceFangSong, size: g.BodySize}
	hei := runStyle{face: doc.FaceHei, size: g.BodySize}
	pos := 0
	for _, l := range []struct {
		text string
		s    runStyle
	}{{h.CopyNumber, body}, {h.Classification, hei}, {h.Urgency, hei}} {
		if l.text != "" {
			w.p(para{jc: "left"}, w.run(l.text, l.s))
			pos += linePitch
		}
	}
	titleBefore := 0
	defer func() { w.titleBefore = titleBefore }()
	docLine := -1
	if m := h.Masthead; m != nil {
		top := g.Twips(g.MastheadTop)
		if len(m.Issuers) > 1 {
			pos = w.jointMasthead(m, pos)
		} else {
			text := m.Text()
			size := g.MastheadSize
			if wd := width(text) * size; wd > g.TypeAreaWidth {
				size = halfPointsBelow(g.TypeAreaWidth / width(text)) // never wider than the type area
			}
			// The line is exactly the masthead's size, so the top of the
			// line is the top of the glyphs' em box: 35 mm below the type
			// area's top.
			w.p(para{noGrid: true, before: max(top-pos, 0), line: g.Twips(size), jc: "center", keepNext: true},
				w.run(text, runStyle{face: doc.FaceXiaoBiaoSong, size: size, color: hexColor(g.Red)}))
			pos = max(top, pos) + g.Twips(size)
		}
		docLine = (pos-1)/linePitch + 1 + g.DocNumberGapLines
	} else if h.DocNumber != "" || len(h.Signers) > 0 {
		docLine = pos / linePitch
	}
	if docLine < 0 {
		return
	}
	// The rule: a red bottom border of the 发文字号's paragraph, across the
	// type width, 4 mm below the em box of the 发文字号 (centred in its line).
	space := int(math.Round(g.RuleBelowDocNumber - (g.LinePitch-g.BodySize)/2))
	rule := ""
	if h.Masthead != nil {
		rule = `<w:bottom w:val="single" w:sz="` + itoa(g.Eighths(g.RuleWidth)) + `" w:space="` + itoa(space) + `" w:color="` + hexColor(g.Red) + `"/>`
	}
	first := docLine - max(len(h.Signers)-1, 0)
	before := max(first*linePitch-pos, 0)
	if len(h.Signers) == 0 {
		w.p(para{before: before, jc: "center", border: rule, keepNext: true}, w.run(h.DocNumber, body))
	} else {
		// 上行文: 发文字号 one character in from the left, 签发人 one
		// character in from the right, on the line of the last name.
		kai := runStyle{face: doc.FaceKai, size: g.BodySize}
		right := w.t.typeWidth() - g.Twips(charPitch)
		for i, name := range h.Signers {
			last := i == len(h.Signers)-1
			pp := para{jc: "left", leftTw: g.Twips(charPitch), keepNext: true, tabs: `<w:tab w:val="right" w:pos="` + itoa(right) + `"/>`}
			if i == 0 {
				pp.before = before
			}
			var runs []string
			if last {
				pp.border = rule
				runs = append(runs, w.run(h.DocNumber, body))
			}
			runs = append(runs, `<w:r><w:tab/></w:r>`)
			if i == 0 {
				runs = append(runs, w.run(doc.SignersLabel, body))
			}
			runs = append(runs, w.run(name, kai))
			w.p(pp, runs...)
		}
	}
	pos = (docLine + 1) * linePitch
	titleLine := docLine + 1 + g.TitleGapLines
	if rule != "" {
		ruleAt := pos + g.Twips(float64(space))
		pos = ruleAt + g.Twips(g.RuleWidth)
		titleLine = ruleAt/linePitch + 1 + g.TitleGapLines
	}
	titleBefore = max(titleLine*linePitch-pos, 0)
}

// halfPointsBelow rounds a size down to the half points w:sz can say.
func halfPointsBelow(pt float64) float64 { return math.Floor(pt*2) / 2 }

// jointMasthead writes the 发文机关标志 of a joint notice (联合行文): the
// issuers' names stacked, each spread to the width of the longest, the
// suffix ("文件") to their right, centred against them; the block centred,
// its top 35 mm below the top of the type area. It is a table without
// borders: two cells side by side, after a spacer paragraph that brings it
// down. It returns where the block ends (twips below the type area's top).
func (w *writer) jointMasthead(m *doc.Masthead, pos int) int {
	size := g.MastheadSize
	nameW := 0.0
	for _, n := range m.Issuers {
		nameW = max(nameW, width(n))
	}
	sufW, gap := width(m.Suffix), 0.0
	if m.Suffix != "" {
		gap = g.MastheadSuffixGap
	}
	if total := (nameW + gap + sufW) * size; total > g.TypeAreaWidth {
		size = halfPointsBelow(g.TypeAreaWidth / (nameW + gap + sufW))
	}
	top := g.Twips(g.MastheadTop)
	if spacer := top - pos; spacer > 0 {
		w.p(para{noGrid: true, line: spacer, keepNext: true})
		pos = top
	}
	pitch := size * g.MastheadLineSpacing
	blockH := g.Twips(float64(len(m.Issuers)-1)*pitch + size)
	red := runStyle{face: doc.FaceXiaoBiaoSong, size: size, color: hexColor(g.Red)}
	// The names' column a point wider than the names, taken from the gap,
	// so that rounding to twips never wraps the longest name.
	slack := g.Twips(1)
	cols := []int{g.Twips(nameW*size) + slack}
	if m.Suffix != "" {
		cols = append(cols, g.Twips((gap+sufW)*size)-slack)
	}
	total := 0
	for _, c := range cols {
		total += c
	}
	var b strings.Builder
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="` + itoa(total) + `" w:type="dxa"/><w:jc w:val="center"/>` +
		`<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>` +
		`<w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>`)
	for _, c := range cols {
		b.WriteString(`<w:gridCol w:w="` + itoa(c) + `"/>`)
	}
	b.WriteString(`</w:tblGrid><w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="` + itoa(blockH) + `" w:hRule="exact"/></w:trPr>`)
	b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + itoa(cols[0]) + `" w:type="dxa"/><w:vAlign w:val="top"/></w:tcPr>`)
	for i, n := range m.Issuers {
		// Each name's line is the masthead's size (its em box), the next
		// one pitch below: the rest as space after.
		pp := para{noGrid: true, line: g.Twips(size), jc: "distribute"}
		if len([]rune(n)) == 1 {
			pp.jc = "center"
		}
		if i < len(m.Issuers)-1 {
			pp.after = g.Twips(pitch - size)
		}
		b.WriteString(`<w:p>` + pp.xml() + w.run(n, red) + `</w:p>`)
	}
	b.WriteString(`</w:tc>`)
	if m.Suffix != "" {
		b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + itoa(cols[1]) + `" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>`)
		pp := para{noGrid: true, line: g.Twips(size), jc: "right"}
		b.WriteString(`<w:p>` + pp.xml() + w.run(m.Suffix, red) + `</w:p></w:tc>`)
	}
	b.WriteString(`</w:tr></w:tbl>`)
	w.b.WriteString(b.String())
	return pos + blockH
}

// title writes the 标题 centred on the grid lines below the 版头, its lines
// broken where the PDF breaks them.
func (w *writer) title() {
	d := w.d
	if len(d.Title) == 0 {
		return
	}
	w.p(para{noGrid: true, before: w.titleBefore, jc: "center", keepNext: true, keepLines: true},
		w.lines(w.titleLines(), runStyle{face: doc.FaceXiaoBiaoSong, size: g.TitleSize})...)
}

// blocks writes body or attachment blocks. keepLast keeps the last
// paragraph with what follows (the signature never stands alone on a page).
func (w *writer) blocks(bs []doc.Block, keepLast bool) {
	for i, b := range bs {
		switch b := b.(type) {
		case *doc.Paragraph:
			w.paragraph(b, keepLast && i == len(bs)-1)
		case *doc.Table:
			if bytes.HasSuffix(w.b.Bytes(), []byte("</w:tbl>")) {
				// Two tables in a row would merge into one in Word.
				w.p(para{noGrid: true, line: 1}) // one twip
			}
			w.table(b)
		}
	}
}

func (w *writer) paragraph(p *doc.Paragraph, keepNext bool) {
	pp := para{keepNext: keepNext, widows: keepNext && g.SignatureKeepLines == 2}
	switch p.Align {
	case doc.AlignBody:
		pp.firstChars = g.ParagraphIndentChars * 100
	case doc.AlignLeft:
		pp.jc = "left"
	case doc.AlignCenter:
		pp.jc = "center"
	case doc.AlignRight:
		pp.jc = "right"
	}
	if p.Level > 0 && !p.RunIn {
		pp.keepNext = true
	}
	var runs []string
	for _, r := range p.Runs {
		runs = append(runs, w.run(r.Text, runStyle{face: r.Face, size: g.BodySize}))
	}
	w.p(pp, runs...)
}

// attachmentNote writes the 附件说明 one blank line below the body, two
// characters in; the names of several attachments stand aligned under the
// first name, and a name that wraps continues under its own first character.
func (w *writer) attachmentNote() {
	lines := w.d.AttachmentNoteLines()
	s := runStyle{face: doc.FaceFangSong, size: g.BodySize}
	label := width(doc.AttachmentNoteLabel)
	for i, l := range lines {
		// What stands before the name on this line ("附件：", "1. ").
		lead := 0.0
		if i < len(w.d.AttachmentNote) {
			lead = width(strings.TrimSuffix(l, w.d.AttachmentNote[i].Name))
		}
		if i > 0 {
			lead += label // the label's place, kept blank
		}
		hang := width(strings.TrimSuffix(l, w.d.AttachmentNote[min(i, len(w.d.AttachmentNote)-1)].Name))
		pp := para{leftChars: int((g.ParagraphIndentChars + lead) * 100), hangingChars: int(hang * 100)}
		if i == 0 {
			pp.before = g.AttachmentNoteGap * w.pitch()
		}
		if i == len(lines)-1 {
			pp.keepNext = true // the signature never stands alone
			pp.widows = g.SignatureKeepLines == 2
		}
		w.p(pp, w.run(l, s))
	}
}

// signature writes the 发文机关署名 and 成文日期, sealed or not.
func (w *writer) signature() error {
	sig := w.d.Signature
	body := runStyle{face: doc.FaceFangSong, size: g.BodySize}
	date := sig.Date.Chinese()
	if sig.Date.IsZero() {
		date = ""
	}
	name := strings.Join(sig.Issuers, "")
	if name == "" && date == "" {
		return nil
	}
	dw := width(date)
	if sig.Seal != nil {
		// The date four characters in from the right; the name centred over
		// it; the seal centred on both, the two lines just below its centre.
		seal, err := w.sealRun(dw)
		if err != nil {
			return err
		}
		first := true
		for _, n := range sig.Issuers {
			nameRight := max(float64(g.SignatureRightChars)+(dw-width(n))/2, 0)
			pp := para{jc: "right", rightChars: int(math.Round(nameRight * 100)), keepNext: true}
			runs := []string{}
			if first {
				w.gap(g.SealedNameLines - 1)
				runs = append(runs, seal)
				first = false
			}
			runs = append(runs, w.run(n, body))
			w.p(pp, runs...)
		}
		if date != "" {
			pp := para{jc: "right", rightChars: g.SignatureRightChars * 100}
			if first {
				w.gap(g.SealedNameLines - 1)
				seal, err := w.sealRun(dw)
				if err != nil {
					return err
				}
				w.p(pp, seal, w.run(date, body))
				return nil
			}
			w.p(pp, w.run(date, body))
		}
		return nil
	}
	// Unsealed: the name two characters in from the right, one blank line
	// below the body; the date's first character two characters right of the
	// name's (or, for a longer date, the date two in and the name moved left).
	nameRight := float64(g.UnsealedNameRight)
	nw := 0.0 // the longest name: the names of a joint signature share its place
	for _, n := range sig.Issuers {
		nw = max(nw, width(n))
	}
	dateRight := nameRight + nw - g.UnsealedDateShift - dw
	if dateRight < g.UnsealedNameRight {
		dateRight = g.UnsealedNameRight
		nameRight = dateRight + dw + g.UnsealedDateShift - nw
	}
	first := true
	for _, n := range sig.Issuers {
		// Each name starts where the longest starts.
		pp := para{jc: "right", rightChars: int(math.Round((nameRight + nw - width(n)) * 100)), keepNext: true}
		if first {
			pp.before = (g.UnsealedNameLines - 1) * w.pitch()
			first = false
		}
		w.p(pp, w.run(n, body))
	}
	if date != "" {
		pp := para{jc: "right", rightChars: int(math.Round(dateRight * 100))}
		if first {
			pp.before = (g.UnsealedNameLines - 1) * w.pitch()
		}
		w.p(pp, w.run(date, body))
	}
	return nil
}

// gap writes n blank lines kept with what follows.
func (w *writer) gap(n int) {
	for range n {
		w.p(para{keepNext: true})
	}
}

// sealRun is the seal as a floating picture anchored to the name's line:
// centred horizontally on the date (four characters in from the right), its
// centre SealNameDrop above the middle of the name's line; no text
// wrapping, in front of the text, and transparent where the PNG is.
func (w *writer) sealRun(dateWidth float64) (string, error) {
	img := w.d.Signature.Seal
	cfg, err := png.DecodeConfig(bytes.NewReader(img.PNG))
	if err != nil {
		return "", fmt.Errorf("印章图片 %s 不是有效的 PNG 图片：%w", img.Name, err)
	}
	wd := img.Width
	if wd == 0 {
		wd = g.SealDiameter
	}
	ht := wd
	if cfg.Width > 0 {
		ht = wd * float64(cfg.Height) / float64(cfg.Width)
	}
	typeW := float64(w.t.typeWidth()) / 20
	centreX := typeW - (float64(g.SignatureRightChars)+dateWidth/2)*charPitch
	// y relative to the top of the name's paragraph (which has no space
	// before: the blank lines above it are empty paragraphs, so that Word,
	// WPS and LibreOffice measure from the same place), or of the date's
	// without a name: the line's middle SealNameDrop below the seal's
	// centre, as the PDF's layout has it.
	centreY := float64(w.pitch())/20/2 - g.SealNameDrop
	x := g.EMU(centreX - wd/2)
	y := g.EMU(centreY - ht/2)
	cx, cy := g.EMU(wd), g.EMU(ht)
	w.ids++
	id := itoa(w.ids)
	ext := fmt.Sprintf(`cx="%d" cy="%d"`, cx, cy)
	// The DrawingML namespaces are declared where they are used: an
	// office's template may not declare them on its root.
	return `<w:r><w:drawing><wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="251659264" behindDoc="0" locked="1" layoutInCell="1" allowOverlap="1">` +
		`<wp:simplePos x="0" y="0"/>` +
		fmt.Sprintf(`<wp:positionH relativeFrom="margin"><wp:posOffset>%d</wp:posOffset></wp:positionH>`, x) +
		fmt.Sprintf(`<wp:positionV relativeFrom="paragraph"><wp:posOffset>%d</wp:posOffset></wp:positionV>`, y) +
		`<wp:extent ` + ext + `/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>` +
		`<wp:docPr id="` + id + `" name="印章"/><wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" noChangeAspect="1"/></wp:cNvGraphicFramePr>` +
		`<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">` +
		`<pic:nvPicPr><pic:cNvPr id="` + id + `" name="seal.png"/><pic:cNvPicPr/></pic:nvPicPr>` +
		`<pic:blipFill><a:blip r:embed="` + esc(w.t.sealID) + `"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
		`<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext ` + ext + `/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>` +
		`</pic:pic></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>`, nil
}

// attachment writes a 附件 on a new page: its label in 黑体 flush left on the
// first line, its title centred on the third, then its blocks.
func (w *writer) attachment(a *doc.Attachment) {
	w.p(para{pageBreak: true, jc: "left", keepNext: true}, w.run(a.Label(), runStyle{face: doc.FaceHei, size: g.BodySize}))
	if a.Title != "" {
		w.p(para{noGrid: true, before: (g.AttachmentTitleLine - 1) * linePitch, jc: "center", keepNext: true},
			w.lines(w.brokenAs(a.Title, g.TitleSize), runStyle{face: doc.FaceXiaoBiaoSong, size: g.TitleSize})...)
	}
	if len(a.Blocks) > 0 {
		for range g.AttachmentBodyGapLines {
			w.p(para{})
		}
	}
	w.blocks(a.Blocks, false)
}

// colophon writes the 版记 at the bottom of the last page: a table floating
// at the bottom of the type area (tblpPr, tblpYSpec bottom), whose rows are
// one grid line high and whose borders are the rules: thick above and below,
// thin between the 抄送 and the 印发 line. The page keeps its number, as the
// layout of the PDF does when the 版记 follows the content directly.
func (w *writer) colophon() {
	c := w.d.Colophon
	if c == nil {
		return
	}
	switch w.colophonPlace() {
	case colophonNextPage:
		w.p(para{line: 1, noGrid: true, pageBreak: true})
	case colophonAfterBlank:
		if w.t.footerEmpty == "" {
			// A template without an empty footer: the pages stay numbered.
			w.p(para{line: 1, noGrid: true, pageBreak: true})
			w.p(para{line: 1, noGrid: true, pageBreak: true})
			break
		}
		// The body's section ends here; the last one, with no page
		// numbers, holds a blank page and the 版记 page (§7.5).
		w.p(para{line: 1, noGrid: true, sectPr: w.t.sect})
		w.p(para{line: 1, noGrid: true, pageBreak: true})
		w.lastSect = w.t.colophonSect()
	}
	size := g.ColophonSize
	one := g.Twips(size) // one character of the 版记
	typeW := w.t.typeWidth()
	avail := float64(typeW-2*one) / float64(one)
	var rows []string
	cellP := func(pp para, runs ...string) string {
		var b strings.Builder
		b.WriteString(`<w:p>` + pp.xml())
		for _, r := range runs {
			b.WriteString(r)
		}
		b.WriteString(`</w:p>`)
		return b.String()
	}
	row := func(n int, content string) string {
		return `<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="` + itoa(n*linePitch) + `" w:hRule="exact"/></w:trPr>` +
			`<w:tc><w:tcPr><w:tcW w:w="` + itoa(typeW) + `" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>` + content + `</w:tc></w:tr>`
	}
	st := runStyle{face: doc.FaceFangSong, size: size}
	if cc := c.CCText(); cc != "" {
		label := width("抄送：")
		n := int(math.Ceil((width(cc) - label) / (avail - label)))
		if n < 1 {
			n = 1
		}
		pp := para{noGrid: true, jc: "both", leftTw: one + g.Twips(label*size), rightTw: one, hangingTw: g.Twips(label * size), line: linePitch}
		rows = append(rows, row(n, cellP(pp, w.run(cc, st))))
	}
	pp := para{noGrid: true, jc: "left", leftTw: one, rightTw: one, line: linePitch,
		tabs: `<w:tab w:val="right" w:pos="` + itoa(typeW-one) + `"/>`}
	rows = append(rows, row(1, cellP(pp, w.run(c.PrintedBy, st), `<w:r><w:tab/></w:r>`, w.run(c.PrintedText(), st))))

	thick := itoa(g.Eighths(g.ColophonThickRule))
	thin := itoa(g.Eighths(g.ColophonThinRule))
	w.b.WriteString(`<w:tbl><w:tblPr><w:tblpPr w:leftFromText="0" w:rightFromText="0" w:topFromText="0" w:bottomFromText="0" w:vertAnchor="margin" w:horzAnchor="page" w:tblpX="` + itoa(w.t.marginLeft) + `" w:tblpYSpec="bottom"/><w:tblOverlap w:val="never"/>` +
		`<w:tblW w:w="` + itoa(typeW) + `" w:type="dxa"/>` +
		`<w:tblBorders><w:top w:val="single" w:sz="` + thick + `" w:space="0" w:color="000000"/>` +
		`<w:left w:val="nil"/><w:bottom w:val="single" w:sz="` + thick + `" w:space="0" w:color="000000"/>` +
		`<w:right w:val="nil"/><w:insideH w:val="single" w:sz="` + thin + `" w:space="0" w:color="000000"/><w:insideV w:val="nil"/></w:tblBorders>` +
		`<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr>` +
		`<w:tblGrid><w:gridCol w:w="` + itoa(typeW) + `"/></w:tblGrid>`)
	for _, r := range rows {
		w.b.WriteString(r)
	}
	w.b.WriteString(`</w:tbl>`)
	// A table cannot end a document: Word needs a paragraph after it; it is
	// the floating table's anchor, one twip high.
	w.p(para{noGrid: true, line: 1}) // one twip
}

// Where the 版记 goes (§7.4: on the last page, an even one).
const (
	colophonSamePage   = iota // at the bottom of the last page of the content
	colophonNextPage          // on the next page
	colophonAfterBlank        // after a blank page; neither page numbered
)

// colophonPlace follows the PDF's layout, which knows whether the content
// ends on an even page with room below it: the DOCX breaks its pages the
// same way (Word, WPS and LibreOffice paginate the same grid), so the 版记
// lands on the same even page. Without a layout it stays with the content.
func (w *writer) colophonPlace() int {
	l := w.lay
	if l == nil || len(l.Pages) < 2 {
		return colophonSamePage
	}
	c := w.d.Colophon
	words := c.CCText() + c.PrintedBy + c.PrintedText()
	last := l.Pages[len(l.Pages)-1]
	for _, it := range last.Items {
		if t, ok := it.(*layout.Text); ok && t.Face != doc.FaceSong && !strings.Contains(words, t.Text) {
			return colophonSamePage // content on the 版记's page
		}
	}
	before := l.Pages[len(l.Pages)-2]
	if len(before.Items) == 0 || (before.Number == 0 && !hasText(before)) {
		return colophonAfterBlank
	}
	return colophonNextPage
}

func hasText(p layout.Page) bool {
	for _, it := range p.Items {
		if t, ok := it.(*layout.Text); ok && t.Face != doc.FaceSong {
			return true
		}
	}
	return false
}

// colophonSect is the final sectPr of a document whose 版记 follows a blank
// page: the template's page setup on a new page, every footer the empty one.
func (t *template) colophonSect() string {
	s := footerRefRE.ReplaceAllString(t.sect, "")
	s = typeRE.ReplaceAllString(s, "")
	refs := ""
	for _, typ := range []string{"even", "default", "first"} {
		refs += `<w:footerReference w:type="` + typ + `" r:id="` + esc(t.footerEmpty) + `"/>`
	}
	i := strings.Index(s, ">") + 1
	s = s[:i] + refs + s[i:]
	if j := strings.Index(s, "<w:pgSz"); j >= 0 {
		s = s[:j] + `<w:type w:val="nextPage"/>` + s[j:]
	}
	return s
}

var (
	footerRefRE = regexp.MustCompile(`<w:footerReference\b[^>]*/>`)
	typeRE      = regexp.MustCompile(`<w:type\b[^>]*/>`)
)
