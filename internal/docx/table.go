package docx

import (
	"encoding/xml"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gongwen/gongwen/internal/doc"
	g "github.com/gongwen/gongwen/internal/gbt9704"
	"github.com/gongwen/gongwen/internal/layout"
)

// table writes a table: its caption, the table across the type width with
// tblGrid/gridCol widths (WPS lays out by them), header rows in 黑体 that
// repeat on every page, rows that never split, merged cells as gridSpan and
// vMerge; a landscape table in a landscape section of its own.
func (w *writer) table(t *doc.Table) {
	if t.Landscape {
		// Close the portrait section before the table.
		w.p(para{line: g.Twips(1), noGrid: true, sectPr: w.t.sect})
	}
	typeW := w.t.typeWidth()
	if t.Landscape {
		typeW = w.t.typeHeight()
	}
	size := t.FontSize
	if size == 0 {
		size = g.TableSize
	}
	if t.Caption != "" {
		w.p(para{noGrid: true, jc: "center", keepNext: true}, w.lines(w.brokenAs(t.Caption, g.TableCaptionSize), runStyle{face: doc.FaceXiaoBiaoSong, size: g.TableCaptionSize})...)
	}
	if t.Subcaption != "" {
		w.p(para{noGrid: true, jc: "center", keepNext: true}, w.run(t.Subcaption, runStyle{face: doc.FaceKai, size: g.BodySize}))
	}
	if t.UnitLine != "" {
		w.p(para{noGrid: true, jc: "right", keepNext: true}, w.run(t.UnitLine, runStyle{face: doc.FaceFangSong, size: size}))
	}
	cols := w.layoutColumns(t, typeW)
	if cols == nil {
		cols = columnWidths(t, typeW)
	}
	bw := itoa(g.Eighths(g.TableRuleWidth))
	border := func(name string) string {
		return `<w:` + name + ` w:val="single" w:sz="` + bw + `" w:space="0" w:color="000000"/>`
	}
	// One twip less than the padding, so that a text the layout sized its
	// column for exactly (微信公众号) still fits after rounding to twips.
	pad := itoa(g.Twips(g.TableCellPadding) - 1)
	var b strings.Builder
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="` + itoa(typeW) + `" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>`)
	for _, n := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		b.WriteString(border(n))
	}
	b.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="` + pad +
		`" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="` + pad + `" w:type="dxa"/></w:tblCellMar>` +
		`<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="0"/></w:tblPr><w:tblGrid>`)
	for _, c := range cols {
		b.WriteString(`<w:gridCol w:w="` + itoa(c) + `"/>`)
	}
	b.WriteString(`</w:tblGrid>`)
	w.b.WriteString(b.String())
	w.rows(t, t.Header, true, cols, size)
	w.rows(t, t.Rows, false, cols, size)
	w.b.WriteString(`</w:tbl>`)
	for _, n := range t.Notes {
		w.p(para{firstChars: g.ParagraphIndentChars * 100}, w.run(n, runStyle{face: doc.FaceFangSong, size: g.BodySize}))
	}
	if t.Landscape {
		w.p(para{line: g.Twips(1), noGrid: true, sectPr: w.landscapeSect()})
	}
}

// rows writes one grid (the header or the body rows) of a table.
func (w *writer) rows(t *doc.Table, grid [][]doc.Cell, header bool, cols []int, size float64) {
	n := len(cols)
	// origin[r][c] is the top-left cell position (r0, c0) covering (r, c).
	type pos struct{ r, c int }
	origin := make([][]pos, len(grid))
	for r := range grid {
		origin[r] = make([]pos, n)
		for c := range origin[r] {
			origin[r][c] = pos{-1, -1}
		}
	}
	for r, row := range grid {
		for c := 0; c < n && c < len(row); c++ {
			cell := row[c]
			if cell.Covered || origin[r][c].r >= 0 {
				continue
			}
			rs, cs := max(cell.RowSpan, 1), max(cell.ColSpan, 1)
			for i := r; i < r+rs && i < len(grid); i++ {
				for j := c; j < c+cs && j < n; j++ {
					origin[i][j] = pos{r, c}
				}
			}
		}
	}
	vAlignPad := itoa(g.Twips(g.TableCellPaddingV))
	for r := range grid {
		var b strings.Builder
		b.WriteString(`<w:tr><w:trPr><w:cantSplit/>`)
		if header {
			b.WriteString(`<w:tblHeader/>`)
		}
		b.WriteString(`</w:trPr>`)
		for c := 0; c < n; {
			o := origin[r][c]
			if o.r < 0 { // a malformed grid: write the cell alone
				o = pos{r, c}
			}
			cell := grid[o.r][o.c]
			cs := max(cell.ColSpan, 1)
			if o.c != c { // covered from the left: part of the span already written
				c++
				continue
			}
			wd := 0
			for j := c; j < c+cs && j < n; j++ {
				wd += cols[j]
			}
			b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + itoa(wd) + `" w:type="dxa"/>`)
			if cs > 1 {
				b.WriteString(`<w:gridSpan w:val="` + itoa(cs) + `"/>`)
			}
			switch {
			case o.r != r:
				b.WriteString(`<w:vMerge/>`)
			case max(cell.RowSpan, 1) > 1:
				b.WriteString(`<w:vMerge w:val="restart"/>`)
			}
			b.WriteString(`<w:tcMar><w:top w:w="` + vAlignPad + `" w:type="dxa"/><w:bottom w:w="` + vAlignPad + `" w:type="dxa"/></w:tcMar><w:vAlign w:val="center"/></w:tcPr>`)
			pp := para{noGrid: true, jc: cellAlign(t, cell, c), line: g.Twips(size * g.TableLineSpacing)}
			if o.r != r {
				b.WriteString(`<w:p>` + pp.xml() + `</w:p>`)
			} else {
				face := cell.Face
				if face == "" {
					face = doc.FaceFangSong
					if header {
						face = doc.FaceHei
					}
				}
				st := runStyle{face: face, size: size}
				b.WriteString(`<w:p>` + pp.xml())
				for k, l := range w.cellBreaks(cell.Text, size, float64(wd)/20-2*g.TableCellPadding) {
					if k > 0 {
						b.WriteString(`<w:r><w:br/></w:r>`)
					}
					b.WriteString(w.run(l, st))
				}
				b.WriteString(`</w:p>`)
			}
			b.WriteString(`</w:tc>`)
			c += cs
		}
		b.WriteString(`</w:tr>`)
		w.b.WriteString(b.String())
	}
}

// cellAlign is a cell's alignment: its own, else its column's, else centred.
func cellAlign(t *doc.Table, cell doc.Cell, c int) string {
	a := cell.Align
	if a == "" && c < len(t.Columns) {
		a = t.Columns[c].Align
	}
	switch a {
	case doc.AlignLeft:
		return "left"
	case doc.AlignRight:
		return "right"
	}
	return "center"
}

// columnWidths shares the type width among the columns in proportion to
// their widths (a column without one gets the width of its widest text),
// in whole twips that add up to the table width exactly.
func columnWidths(t *doc.Table, total int) []int {
	n := len(t.Columns)
	if n == 0 {
		return nil
	}
	ws := make([]float64, n)
	sum := 0.0
	for i, c := range t.Columns {
		ws[i] = c.Width
		if ws[i] <= 0 {
			for _, grid := range [][][]doc.Cell{t.Header, t.Rows} {
				for _, row := range grid {
					if i < len(row) && max(row[i].ColSpan, 1) == 1 && !row[i].Covered {
						ws[i] = math.Max(ws[i], width(row[i].Text))
					}
				}
			}
			ws[i] = math.Max(ws[i], 1)
		}
		sum += ws[i]
	}
	out := make([]int, n)
	used := 0
	for i := range ws {
		out[i] = int(float64(total) * ws[i] / sum)
		used += out[i]
	}
	out[n-1] += total - used
	return out
}

// landscape turns a portrait sectPr into the landscape one of its section:
// paper turned, margins turned with it, starting on a new page.
func landscape(sect string) string {
	var sp sectPrXML
	_ = parseSect(sect, &sp)
	s := pgSzRE.ReplaceAllString(sect, `<w:pgSz w:w="`+itoa(sp.PgSz.H)+`" w:h="`+itoa(sp.PgSz.W)+`" w:orient="landscape"/>`)
	s = marRE.ReplaceAllStringFunc(s, func(m string) string {
		r := strings.NewReplacer(
			`w:top="`+itoa(sp.PgMar.Top)+`"`, `w:top="`+itoa(sp.PgMar.Left)+`"`,
			`w:right="`+itoa(sp.PgMar.Right)+`"`, `w:right="`+itoa(sp.PgMar.Top)+`"`,
			`w:bottom="`+itoa(sp.PgMar.Bottom)+`"`, `w:bottom="`+itoa(sp.PgMar.Right)+`"`,
			`w:left="`+itoa(sp.PgMar.Left)+`"`, `w:left="`+itoa(sp.PgMar.Bottom)+`"`,
		)
		return r.Replace(m)
	})
	return s
}

var (
	pgSzRE = regexp.MustCompile(`<w:pgSz\b[^>]*/>`)
	marRE  = regexp.MustCompile(`<w:pgMar\b[^>]*/>`)
)

func parseSect(s string, sp *sectPrXML) error { return xml.Unmarshal([]byte(s), sp) }

// layoutColumns are the column widths the PDF's layout gave the table (it
// sizes columns by their texts so that short ones such as 微信公众号 never
// wrap), read from the vertical rules it drew on the page of the table's
// first header cell; nil if they cannot be told apart.
func (w *writer) layoutColumns(t *doc.Table, total int) []int {
	if w.lay == nil || len(t.Header) == 0 || len(t.Header[0]) == 0 || t.Header[0][0].Text == "" {
		return nil
	}
	key := t.Header[0][0].Text
	for _, p := range w.lay.Pages {
		for _, it := range p.Items {
			tx, ok := it.(*layout.Text)
			if !ok || tx.Text != key {
				continue
			}
			var xs []float64
			for _, it := range p.Items {
				r, ok := it.(*layout.Rule)
				if !ok || r.X1 != r.X2 || math.Max(r.Y1, r.Y2) < tx.Y {
					continue
				}
				x := math.Round(r.X1*100) / 100
				if !slices.Contains(xs, x) {
					xs = append(xs, x)
				}
			}
			slices.Sort(xs)
			if len(xs) != len(t.Columns)+1 {
				return nil
			}
			span := xs[len(xs)-1] - xs[0]
			out := make([]int, len(t.Columns))
			used := 0
			for i := range out {
				out[i] = int(math.Round(float64(total) * (xs[i+1] - xs[i]) / span))
				used += out[i]
			}
			out[len(out)-1] += total - used
			return out
		}
	}
	return nil
}

// cellBreaks is a cell's text as lines to write: the lines the PDF's layout
// broke it into when it broke them earlier than the measure asks (it evens
// out a cell whose last line would hold one character alone, where Word
// and LibreOffice, filling each line, would leave it), else the text whole
// for the reader to wrap. measure is the text width of the cell in points.
func (w *writer) cellBreaks(text string, size, measure float64) []string {
	lines := w.cellLines(text, size)
	if len(lines) < 2 {
		return []string{text}
	}
	next, _ := utf8.DecodeRuneInString(lines[1])
	if (width(lines[0])+width(string(next)))*size > measure+0.01 {
		return []string{text} // the layout filled the line: so will the reader
	}
	return lines
}

// cellLines finds text set over several lines at the given size in the
// layout (a table cell's lines are consecutive Text items), or nil.
func (w *writer) cellLines(text string, size float64) []string {
	if w.lay == nil {
		return nil
	}
	if w.texts == nil {
		w.texts = newTextIndex(w.lay)
	}
	for _, at := range w.texts.prefixesOf(text) {
		p := &w.lay.Pages[at.page]
		t := p.Items[at.item].(*layout.Text)
		if t.Size != size {
			continue
		}
		lines, acc := []string{t.Text}, t.Text
		for _, it := range p.Items[at.item+1:] {
			u, ok := it.(*layout.Text)
			if !ok || u.Size != size || u.Y <= t.Y || !strings.HasPrefix(text, acc+u.Text) {
				break
			}
			lines, acc = append(lines, u.Text), acc+u.Text
			if acc == text {
				return lines
			}
		}
	}
	return nil
}
