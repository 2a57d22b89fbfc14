package pdf

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/signintech/gopdf"

	"github.com/gongwen/gongwen/internal/doc"
	"github.com/gongwen/gongwen/internal/gbt9704"
	"github.com/gongwen/gongwen/internal/layout"
)

// FaceFallback is the font used, glyph by glyph, for characters a face lacks.
const FaceFallback = "fallback"

// fontOrder is the fixed order fonts are embedded in, so that object numbers
// and therefore the bytes never depend on map order.
var fontOrder = []string{
	string(doc.FaceFangSong), string(doc.FaceHei), string(doc.FaceKai),
	string(doc.FaceXiaoBiaoSong), string(doc.FaceSong), FaceFallback,
}

// Positions are written by gopdf with two decimals (TD, lines) and character
// spacing with three; a glyph joins the current text object when the
// position the viewer will compute is within posTolerance of the layout's.
const posTolerance = 0.02 // points

// glyph is one rune of a Text item, with the font that draws it.
type glyph struct {
	r    rune
	font string // a face of fontOrder
	x    float64
}

// writer holds the state of one Write call.
type writer struct {
	gp       *gopdf.GoPdf
	fonts    FontSource
	families map[string]string // face → PDF family (BaseFont) name
	widths   map[fontRune]float64
	missing  []string                     // glyphs gopdf reported missing
	streams  map[string]*fontStream       // font name → its program (fontstream.go)
	flat     map[*layout.Image]*flatImage // seals being flattened (flatasync.go)
	// current state, to avoid repeating operators
	curFont string
	curSize float64
}

type fontRune struct {
	font string
	r    rune
}

// Write draws a laid-out document. Render calls it after layout; tests and
// tools may call it with a hand-built layout.Document.
func Write(ld *layout.Document, opt Options) ([]byte, error) {
	fs := opt.Fonts
	if fs == nil {
		fs = defaultFonts()
	}
	if len(ld.Pages) == 0 {
		return nil, errors.New("文档没有任何页面，无法生成 PDF")
	}
	w := &writer{
		gp:       &gopdf.GoPdf{},
		fonts:    fs,
		families: map[string]string{},
		widths:   map[fontRune]float64{},
		streams:  map[string]*fontStream{},
	}
	// Assign every glyph its font first: only the fonts a document uses are
	// loaded, each once.
	runs, used, err := assignFonts(ld, fs)
	if err != nil {
		return nil, err
	}
	w.flat = startFlatten(ld, opt.Flattened)
	w.gp.Start(gopdf.Config{
		Unit:     gopdf.UnitPT,
		PageSize: gopdf.Rect{W: gbt9704.PageWidth, H: gbt9704.PageHeight},
	})
	w.gp.SetInfo(info(ld.Meta))
	w.gp.SetNoCompression() // the post-pass compresses the pages (contentstream.go)
	if err := w.loadFonts(used); err != nil {
		return nil, err
	}
	var added []layout.Bookmark // in the order gopdf numbers them
	for pi := range ld.Pages {
		p := &ld.Pages[pi]
		if err := w.page(p, runs[pi]); err != nil {
			return nil, fmt.Errorf("第 %d 页：%w", pi+1, err)
		}
		for _, b := range ld.Bookmarks {
			if b.Page == pi {
				addBookmark(w.gp, b, p.Height)
				added = append(added, b)
			}
		}
	}
	if len(w.missing) > 0 {
		return nil, fmt.Errorf("字体中缺少字符 %s：请改用常用字", strings.Join(w.missing, "、"))
	}
	b, err := w.gp.GetBytesPdfReturnErr()
	if err != nil {
		return nil, fmt.Errorf("写出 PDF 失败：%w", err)
	}
	// Not optional: without it the outline is flat, characters beyond the
	// BMP cannot be searched or copied, and the ToUnicode maps break the
	// CMap format's limit. A failure here is a bug, never to be hidden.
	fixed, err := postprocess(b, added, ld.Meta, w.streams)
	if err != nil {
		return nil, fmt.Errorf("写出 PDF 失败（内部错误，请报告）：%w", err)
	}
	return fixed, nil
}

// info is the document information dictionary. The creation date is the
// 成文日期 at midnight in China (UTC+8), never the time of rendering.
func info(m doc.Meta) gopdf.PdfInfo {
	in := gopdf.PdfInfo{
		Title:    m.Title,
		Author:   m.Author,
		Subject:  m.Subject,
		Creator:  "gongwen",
		Producer: "gongwen",
	}
	if !m.Date.IsZero() {
		in.CreationDate = time.Date(m.Date.Year, time.Month(m.Date.Month), m.Date.Day,
			0, 0, 0, 0, time.FixedZone("CST", 8*3600))
	}
	return in
}

// assignFonts gives every visible rune of every Text item its font: the
// item's face when it has the glyph, else the fallback font. A rune no font
// has is an error naming it and where it stands. It returns the glyphs per
// page and item, and the set of fonts used.
func assignFonts(ld *layout.Document, fs FontSource) ([][][]glyph, map[string]map[rune]bool, error) {
	used := map[string]map[rune]bool{}
	out := make([][][]glyph, len(ld.Pages))
	for pi, p := range ld.Pages {
		out[pi] = make([][]glyph, len(p.Items))
		for ii, it := range p.Items {
			t, ok := it.(*layout.Text)
			if !ok {
				continue
			}
			rs := []rune(t.Text)
			if len(rs) != len(t.X) {
				return nil, nil, fmt.Errorf("第 %d 页“%s”：排版结果有误（%d 个字符、%d 个位置）", pi+1, t.Text, len(rs), len(t.X))
			}
			gs := make([]glyph, 0, len(rs))
			for i, r := range rs {
				if unicode.IsSpace(r) || !unicode.IsPrint(r) {
					continue // nothing to draw; layout already placed the next glyph
				}
				face := string(t.Face)
				switch {
				case fs.Has(face, r):
				case fs.Has(FaceFallback, r):
					face = FaceFallback
				default:
					return nil, nil, fmt.Errorf("第 %d 页“%s”中的字符“%c”（U+%04X）在所有字体中都没有：请改用常用字，或把它换成同义的写法", pi+1, t.Text, r, r)
				}
				if used[face] == nil {
					used[face] = map[rune]bool{}
				}
				used[face][r] = true
				gs = append(gs, glyph{r: r, font: face, x: t.X[i]})
			}
			out[pi][ii] = gs
		}
	}
	return out, used, nil
}

// loadFonts parses and registers each used font once, in a fixed order. The
// family name carries a subset tag (six capitals and "+", ISO 32000-1
// §9.6.4) derived from the font and the characters drawn with it, so equal
// input gives an equal tag and pdffonts reports the font as a subset.
func (w *writer) loadFonts(used map[string]map[rune]bool) error {
	var pending []*fontStream
	for _, face := range fontOrder {
		if len(used[face]) == 0 {
			continue
		}
		full, err := w.fonts.Data(face)
		if err != nil {
			return fmt.Errorf("读取字体“%s”失败：%w", face, err)
		}
		runes := make([]rune, 0, len(used[face]))
		for r := range used[face] {
			runes = append(runes, r)
		}
		data, err := subsetFont(full, runes) // sorts runes: no map order leaks
		if err != nil {
			return fmt.Errorf("字体“%s”无法裁剪：%w", face, err)
		}
		family := subsetTag(data) + "+" + postScriptName(full, face)
		program, skeleton, err := splitSubset(data)
		if err != nil {
			return fmt.Errorf("字体“%s”无法裁剪：%w", face, err)
		}
		s := newFontStream(program)
		w.streams[gopdf.CreateEmbeddedFontSubsetName(family)] = s
		pending = append(pending, s)
		opt := gopdf.TtfOption{
			OnGlyphNotFound: func(r rune) {
				w.missing = append(w.missing, fmt.Sprintf("“%c”（U+%04X，字体 %s）", r, r, face))
			},
		}
		if err := w.gp.AddTTFFontDataWithOption(family, skeleton, opt); err != nil {
			return fmt.Errorf("字体“%s”无法嵌入（需要 TrueType 字形的 .ttf 文件）：%w", face, err)
		}
		w.families[face] = family
	}
	compressPrograms(pending)
	return nil
}

// subsetTag is six capital letters from a hash of the subset font: the
// same subset always gets the same tag, different subsets different ones.
func subsetTag(data []byte) string {
	sum := sha256.Sum256(data)
	var b [6]byte
	for i := range b {
		b[i] = 'A' + sum[i]%26
	}
	return string(b[:])
}

// page draws one page: items in layout order, so what layout draws later lies
// on top.
func (w *writer) page(p *layout.Page, glyphs [][]glyph) error {
	w.gp.AddPageWithOption(gopdf.PageOption{PageSize: &gopdf.Rect{W: p.Width, H: p.Height}})
	w.curFont, w.curSize = "", 0
	for ii, it := range p.Items {
		switch it := it.(type) {
		case *layout.Text:
			if err := w.text(it, glyphs[ii]); err != nil {
				return fmt.Errorf("“%s”：%w", it.Text, err)
			}
		case *layout.Rule:
			w.gp.SetStrokeColor(it.Color[0], it.Color[1], it.Color[2])
			w.gp.SetLineWidth(it.Width)
			w.gp.Line(it.X1, it.Y1, it.X2, it.Y2)
		case *layout.Image:
			if err := w.image(it); err != nil {
				return err
			}
		default:
			return fmt.Errorf("未知的排版项 %T", it)
		}
	}
	return nil
}

// image draws a picture; a Multiply image (the seal) is flattened over white
// and drawn through an ExtGState with /BM /Multiply, so the black text
// beneath stays black and no soft mask is needed.
func (w *writer) image(im *layout.Image) error {
	data := im.PNG
	if im.Multiply {
		flat, err := w.flattened(im)
		if err != nil {
			return fmt.Errorf("印章图片无法读取（需要 PNG）：%w", err)
		}
		data = flat
	}
	h, err := gopdf.ImageHolderByBytes(data)
	if err != nil {
		return fmt.Errorf("图片无法读取：%w", err)
	}
	opts := gopdf.ImageOptions{X: im.X, Y: im.Y, Rect: &gopdf.Rect{W: im.W, H: im.H}}
	if im.Multiply {
		// gopdf writes an ExtGState only for alpha below 1; 0.9999 is
		// written as "/ca 1.000", fully opaque, alongside /BM /Multiply.
		opts.Transparency = &gopdf.Transparency{Alpha: 0.9999, BlendModeType: gopdf.Multiply}
	}
	if err := w.gp.ImageByHolderWithOptions(h, opts); err != nil {
		return fmt.Errorf("图片无法嵌入（需要 8 位、非隔行的 PNG）：%w", err)
	}
	return nil
}

// text draws one Text item. Glyphs are grouped into as few text objects as
// possible: a group shares a font and one character spacing (Tc) that puts
// every glyph at its layout x within posTolerance. A body line of the grid
// is one text object; a line mixing faces or half-width digits is a few.
func (w *writer) text(t *layout.Text, gs []glyph) error {
	if len(gs) == 0 {
		return nil
	}
	if t.Rotate != 0 {
		// rotate about the first rune's origin (the page number of a
		// landscape page stands upright on the turned sheet)
		w.gp.Rotate(t.Rotate, t.X[0], t.Y)
		defer w.gp.RotateReset()
	}
	w.gp.SetTextColor(t.Color[0], t.Color[1], t.Color[2])
	for i := 0; i < len(gs); {
		adv, err := w.advance(gs[i].font, gs[i].r, t.Size)
		if err != nil {
			return err
		}
		j := i + 1
		tc := 0.0
		if j < len(gs) && gs[j].font == gs[i].font {
			tc = round3(gs[j].x - gs[i].x - adv)
		}
		pen := gs[i].x + adv + tc
		for j < len(gs) && gs[j].font == gs[i].font && math.Abs(pen-gs[j].x) <= posTolerance {
			a, err := w.advance(gs[j].font, gs[j].r, t.Size)
			if err != nil {
				return err
			}
			pen += a + tc
			j++
		}
		if err := w.run(gs[i:j], t, tc); err != nil {
			return err
		}
		i = j
	}
	return nil
}

// run emits glyphs as one text object starting at the first glyph's x.
func (w *writer) run(gs []glyph, t *layout.Text, tc float64) error {
	if err := w.setFont(gs[0].font, t.Size); err != nil {
		return err
	}
	if err := w.gp.SetCharSpacing(tc); err != nil {
		return err
	}
	var b strings.Builder
	for _, g := range gs {
		b.WriteRune(g.r)
	}
	w.gp.SetXY(gs[0].x, t.Y)
	return w.gp.Text(b.String())
}

func (w *writer) setFont(face string, size float64) error {
	if face == w.curFont && size == w.curSize {
		return nil
	}
	fam, ok := w.families[face]
	if !ok {
		return fmt.Errorf("字体“%s”未加载", face)
	}
	if err := w.gp.SetFont(fam, "", size); err != nil {
		return err
	}
	w.curFont, w.curSize = face, size
	return nil
}

// advance is the advance width of r in points at size, as the PDF's /W array
// will state it (gopdf's own measure, so drawing and measuring agree).
func (w *writer) advance(face string, r rune, size float64) (float64, error) {
	k := fontRune{face, r}
	if a, ok := w.widths[k]; ok {
		return a * size, nil
	}
	if err := w.setFont(face, size); err != nil {
		return 0, err
	}
	if err := w.gp.SetCharSpacing(0); err != nil {
		return 0, err
	}
	a, err := w.gp.MeasureTextWidth(string(r))
	if err != nil {
		return 0, err
	}
	w.widths[k] = a / size
	return a, nil
}

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }

// addBookmark adds an outline entry pointing at the bookmark's y on the
// current page. Entries are added flat, in document order; nestOutline
// then nests them by level.
func addBookmark(gp *gopdf.GoPdf, b layout.Bookmark, pageHeight float64) {
	// gopdf places the destination at (config height − y + 20); make it
	// 20 pt above the bookmark's y on this page.
	gp.SetY(gbt9704.PageHeight - pageHeight + b.Y)
	gp.AddOutlineWithPosition(b.Title)
}

// postScriptName reads the PostScript name (name ID 6) from a TrueType
// file's name table, keeping only characters allowed in a PDF name; it
// falls back to a name made from the face.
func postScriptName(data []byte, face string) string {
	fallback := "Gongwen-" + face
	be16 := func(o int) int { return int(data[o])<<8 | int(data[o+1]) }
	be32 := func(o int) int { return be16(o)<<16 | be16(o+2) }
	if len(data) < 12 {
		return fallback
	}
	n := be16(4)
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(data) {
			return fallback
		}
		if string(data[rec:rec+4]) != "name" {
			continue
		}
		off := be32(rec + 8)
		if off+6 > len(data) {
			return fallback
		}
		count, strOff := be16(off+2), off+be16(off+4)
		type cand struct {
			pri int
			s   string
		}
		var cs []cand
		for k := 0; k < count; k++ {
			r := off + 6 + 12*k
			if r+12 > len(data) {
				break
			}
			pid, eid, nid := be16(r), be16(r+2), be16(r+6)
			ln, so := be16(r+8), strOff+be16(r+10)
			if nid != 6 || so+ln > len(data) {
				continue
			}
			raw := data[so : so+ln]
			var s string
			switch {
			case pid == 3 && eid == 1, pid == 0:
				var rs []rune
				for q := 0; q+1 < len(raw); q += 2 {
					rs = append(rs, rune(raw[q])<<8|rune(raw[q+1]))
				}
				s = string(rs)
			case pid == 1:
				s = string(raw)
			default:
				continue
			}
			cs = append(cs, cand{pid, s})
		}
		sort.SliceStable(cs, func(a, b int) bool { return cs[a].pri > cs[b].pri })
		for _, c := range cs {
			clean := strings.Map(func(r rune) rune {
				if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_') {
					return r
				}
				return -1
			}, c.s)
			if clean != "" {
				return clean
			}
		}
	}
	return fallback
}
