package layout

import (
	"math"
	"slices"

	"github.com/gongwen/gongwen/internal/doc"
	g "github.com/gongwen/gongwen/internal/gbt9704"
)

// Tables (§10 and office practice). A table is as wide as the type area.
// Its caption (表题) is centred above it in 小标宋 on the grid, wrapped like
// a title: 二号 in an attachment (the practice for the statistics table of
// an inspection notice), 三号 among the body's paragraphs; the sub-caption is
// centred on the next grid line in 三号楷体; the unit line is right-aligned
// on the grid line just above the table in 三号仿宋. Cell text is set at the
// table's size (四号 by default) by the same line breaker as the body, at its
// natural pitch, lines TableLineSpacing × size apart, centred vertically in
// the cell; header cells default to 黑体. Borders are black Rule items of
// TableRuleWidth. Header rows are repeated at the top of every page the
// table runs onto; rows joined by a merged cell are kept together, and a row
// is kept whole unless it is taller than a page, when it is split between
// its lines. The text after the table resumes on the next grid line.

type tcell struct {
	r, c, rs, cs int
	lines        [][]glyph
	align        lineAlign
	header       bool
}

type tgrid struct {
	cells   []tcell
	heights []float64
}

type tableSet struct {
	t      *doc.Table
	size   float64
	s      setter
	lp     float64   // line pitch in cells
	colX   []float64 // column edges from the type area's left edge
	head   tgrid
	body   tgrid
	groups [][2]int // body row ranges kept together
}

func (b *builder) tableSize(t *doc.Table) float64 {
	if t.FontSize > 0 {
		return t.FontSize
	}
	if b.opt.TableSize > 0 {
		return b.opt.TableSize
	}
	return g.TableSize
}

func (b *builder) table(t *doc.Table, inBody bool) {
	if len(t.Columns) == 0 {
		return
	}
	where := b.where
	if t.Caption != "" {
		b.where = where + "表格“" + t.Caption + "”"
	} else {
		b.where = where + "表格"
	}
	defer func() { b.where = where }()
	if t.Landscape != b.fr.landscape {
		b.newPage(t.Landscape)
	}
	ts := b.measureTable(t)

	// Keep the caption lines with the header and the first rows.
	capSize := float64(g.TableCaptionSize)
	if inBody {
		capSize = g.TableCaptionBodySize
	}
	capLines := 0
	if t.Caption != "" {
		capLines += len(breakTitle([]string{t.Caption}, capSize, b.fr.width))
	}
	if t.Subcaption != "" {
		capLines++
	}
	if t.UnitLine != "" {
		capLines++
	}
	first := ts.head.total()
	if len(ts.groups) > 0 {
		first += ts.body.sum(ts.groups[0][0], ts.groups[0][1])
	}
	top := b.fr.lineTop(b.nextLine() + capLines)
	if b.nextLine() > 0 && top+first > b.fr.bottom()+eps && first <= b.fr.height-float64(capLines)*g.LinePitch {
		b.newPage(t.Landscape)
	}
	if t.Caption != "" {
		b.title([]string{t.Caption}, capSize)
	}
	s := body()
	if t.Subcaption != "" {
		gs := plainGlyphs(t.Subcaption, doc.FaceKai)
		b.setLines(gs, s, 0, 0, b.fr.width, alignCenter)
	}
	if t.UnitLine != "" {
		gs := plainGlyphs(t.UnitLine, doc.FaceFangSong)
		b.setLines(gs, s, 0, 0, b.fr.width, alignRight)
	}
	y := b.fr.lineTop(b.nextLine())
	if b.nextLine() >= b.fr.lines {
		b.newPage(t.Landscape)
		y = b.fr.top
	}
	y = b.drawGrid(ts, &ts.head, 0, len(ts.head.heights), y, nil)
	onPage := 0 // body rows on this page
	for _, gr := range ts.groups {
		h := ts.body.sum(gr[0], gr[1])
		if y+h > b.fr.bottom()+eps && onPage > 0 {
			y = b.tablePage(ts, y)
			onPage = 0
		}
		if y+h <= b.fr.bottom()+eps {
			from := len(b.page().Items)
			y = b.drawGrid(ts, &ts.body, gr[0], gr[1], y, nil)
			if inBody && onPage > 0 {
				b.lastRows = &rowsMark{page: len(b.out.Pages) - 1, from: from, to: len(b.page().Items), ts: ts, rows: gr}
			}
			onPage += gr[1] - gr[0]
			continue
		}
		// Taller than what a page can hold: row by row, a row's lines
		// split where the page ends.
		for r := gr[0]; r < gr[1]; r++ {
			y, onPage = b.splitRow(ts, r, y, onPage)
		}
	}
	b.use(y)
	b.y = y
	for _, n := range t.Notes {
		b.setLines(plainGlyphs(n, doc.FaceFangSong), s, float64(g.ParagraphIndentChars)*g.CharPitch, 0, b.fr.width, alignJustify)
	}
}

// rowsMark records the last rows of a body table drawn below others on
// their page, so that they can go with the signature to a new page.
type rowsMark struct {
	page, from, to int // their items in Pages[page].Items
	ts             *tableSet
	rows           [2]int
}

// moveRows moves the last rows of the table that ends the page to a new
// page, under the table's header, and reports whether it could.
func (b *builder) moveRows() bool {
	m := b.lastRows
	pi := len(b.out.Pages) - 1
	if m == nil || m.page != pi || m.to != len(b.out.Pages[pi].Items) || b.fr.landscape {
		return false
	}
	p := &b.out.Pages[pi]
	p.Items = p.Items[:m.from]
	b.newPage(false)
	y := b.drawGrid(m.ts, &m.ts.head, 0, len(m.ts.head.heights), b.fr.top, nil)
	y = b.drawGrid(m.ts, &m.ts.body, m.rows[0], m.rows[1], y, nil)
	b.y = y
	b.lastRows = nil
	return true
}

// tableLead is how many grid lines a table's caption lines, header and
// first rows take: what must stand with a heading above the table.
func (b *builder) tableLead(t *doc.Table, inBody bool) int {
	if len(t.Columns) == 0 {
		return 1
	}
	ts := b.measureTable(t)
	capSize := float64(g.TableCaptionSize)
	if inBody {
		capSize = g.TableCaptionBodySize
	}
	n := 0
	if t.Caption != "" {
		n += len(breakTitle([]string{t.Caption}, capSize, b.fr.width))
	}
	if t.Subcaption != "" {
		n++
	}
	if t.UnitLine != "" {
		n++
	}
	h := ts.head.total()
	if len(ts.groups) > 0 {
		h += ts.body.sum(ts.groups[0][0], ts.groups[0][1])
	}
	return n + int(math.Ceil(h/g.LinePitch-eps))
}

// tablePage closes the table's part on this page with a rule at y (a
// merged cell running on has no bottom border of its own there), starts a
// page for the rest and repeats the header.
func (b *builder) tablePage(ts *tableSet, y float64) float64 {
	b.add(&Rule{X1: b.fr.left, Y1: y, X2: b.fr.right(), Y2: y, Width: g.TableRuleWidth, Color: Black})
	b.newPage(ts.t.Landscape)
	return b.drawGrid(ts, &ts.head, 0, len(ts.head.heights), b.fr.top, nil)
}

// splitRow sets body row r from y, continuing on new pages when it does not
// fit. It returns the new y and the count of rows on the page.
func (b *builder) splitRow(ts *tableSet, r int, y float64, onPage int) (float64, int) {
	h := ts.body.heights[r]
	if y+h > b.fr.bottom()+eps && onPage > 0 {
		y = b.tablePage(ts, y)
	}
	if y+h <= b.fr.bottom()+eps {
		return b.drawGrid(ts, &ts.body, r, r+1, y, nil), onPage + 1
	}
	// Lines of each cell of the row still to set.
	pad := g.TableCellPaddingV
	done := map[int]int{}
	for {
		room := b.fr.bottom() - y - 2*pad
		n := int(math.Floor(room/ts.lp + eps))
		if n < 1 {
			y = b.tablePage(ts, y)
			continue
		}
		more := false
		part := map[int][2]int{}
		for i, c := range ts.body.cells {
			if c.r != r {
				continue
			}
			from := done[i]
			to := min(from+n, len(c.lines))
			part[i] = [2]int{from, to}
			done[i] = to
			if to < len(c.lines) {
				more = true
			}
		}
		rows := 0
		for _, p := range part {
			rows = max(rows, p[1]-p[0])
		}
		saved := ts.body.heights[r]
		ts.body.heights[r] = float64(max(rows, 1))*ts.lp + 2*pad
		y = b.drawGrid(ts, &ts.body, r, r+1, y, part)
		ts.body.heights[r] = saved
		if !more {
			return y, onPage + 1
		}
		y = b.tablePage(ts, y)
		onPage = 0
	}
}

func (gr *tgrid) sum(from, to int) float64 {
	h := 0.0
	for _, x := range gr.heights[from:to] {
		h += x
	}
	return h
}

func (gr *tgrid) total() float64 { return gr.sum(0, len(gr.heights)) }

// measureTable fixes column widths, breaks cell text and sizes rows.
func (b *builder) measureTable(t *doc.Table) *tableSet {
	size := b.tableSize(t)
	ts := &tableSet{t: t, size: size, s: natural(size), lp: size * g.TableLineSpacing}
	widths := b.columnWidths(t, ts.s)
	ts.colX = make([]float64, len(widths)+1)
	// relative to the type area's left edge
	for i, w := range widths {
		ts.colX[i+1] = ts.colX[i] + w
	}
	ts.colX[len(widths)] = b.fr.width
	ts.head = ts.grid(t, t.Header, true)
	ts.body = ts.grid(t, t.Rows, false)
	// Groups: rows joined by row spans.
	n := len(ts.body.heights)
	end := make([]int, n)
	for r := range end {
		end[r] = r + 1
	}
	for _, c := range ts.body.cells {
		if e := c.r + c.rs; e > end[c.r] {
			end[c.r] = min(e, n)
		}
	}
	for r := 0; r < n; {
		e := end[r]
		for k := r; k < e; k++ {
			e = max(e, end[k])
		}
		ts.groups = append(ts.groups, [2]int{r, e})
		r = e
	}
	return ts
}

// cellFace is a cell's face: its own, else 黑体 in the header, 仿宋 in rows.
func cellFace(c doc.Cell, header bool) doc.Face {
	if c.Face != "" {
		return c.Face
	}
	if header {
		return doc.FaceHei
	}
	return doc.FaceFangSong
}

func cellAlign(c doc.Cell, col doc.Column) lineAlign {
	a := c.Align
	if a == "" {
		a = col.Align
	}
	switch a {
	case doc.AlignLeft:
		return alignLeft
	case doc.AlignRight:
		return alignRight
	}
	return alignCenter
}

func (ts *tableSet) grid(t *doc.Table, rows [][]doc.Cell, header bool) tgrid {
	gr := tgrid{heights: make([]float64, len(rows))}
	pad, padV := g.TableCellPadding, g.TableCellPaddingV
	minH := ts.lp + 2*padV
	for r := range gr.heights {
		gr.heights[r] = minH
	}
	for r, row := range rows {
		for c := 0; c < len(row) && c < len(t.Columns); c++ {
			cell := row[c]
			if cell.Covered {
				continue
			}
			cs, rs := max(cell.ColSpan, 1), max(cell.RowSpan, 1)
			cs = min(cs, len(t.Columns)-c)
			rs = min(rs, len(rows)-r)
			w := ts.colX[c+cs] - ts.colX[c] - 2*pad
			gs := plainGlyphs(cell.Text, cellFace(cell, header))
			tc := tcell{r: r, c: c, rs: rs, cs: cs, header: header, align: cellAlign(cell, t.Columns[c])}
			if len(gs) > 0 {
				tc.lines = ts.s.cellLines(gs, w)
			}
			gr.cells = append(gr.cells, tc)
			if rs == 1 {
				gr.heights[r] = math.Max(gr.heights[r], float64(max(len(tc.lines), 1))*ts.lp+2*padV)
			}
		}
	}
	for _, c := range gr.cells {
		if c.rs == 1 {
			continue
		}
		need := float64(len(c.lines))*ts.lp + 2*padV
		if have := gr.sum(c.r, c.r+c.rs); have < need {
			gr.heights[c.r+c.rs-1] += need - have
		}
	}
	return gr
}

// columnWidths gives every column its natural width (its longest cell text
// on one line) when all of them fit the type width, sharing what is left by
// the declared widths (or by the natural widths when none are declared), so
// that short texts such as 序号 or 微信公众号 never wrap.
//
// When they do not all fit, the widths are chosen to minimise wrapped
// lines: every column starts at its least width (its longest unbreakable
// word, and a few characters, TableMinWrapChars, unless its texts are
// shorter), then the width left is handed out step by step (half a
// character at a time) to the column where it saves the most table height
// per point — lines that make rows taller first, then lines of cells that
// wrap inside a row made tall by another cell — until no step saves a line
// (estimateLines counts the lines). What is still left is shared by the
// declared widths (or the natural ones). A column's texts thus stay on one
// line whenever the width allows, and the columns with long texts share
// what remains by how much it saves.
func (b *builder) columnWidths(t *doc.Table, s setter) []float64 {
	W := b.fr.width
	n := len(t.Columns)
	nat := make([]float64, n)
	least := make([]float64, n)
	pad := 2 * g.TableCellPadding
	var cells []mcell
	row0 := 0
	for _, rows := range [][][]doc.Cell{t.Header, t.Rows} {
		for r, row := range rows {
			for c := 0; c < len(row) && c < n; c++ {
				cell := row[c]
				if cell.Covered {
					continue
				}
				gs := plainGlyphs(cell.Text, doc.FaceFangSong)
				cs := min(max(cell.ColSpan, 1), n-c)
				rs := min(max(cell.RowSpan, 1), len(rows)-r)
				mc := mcell{r: row0 + r, rs: rs, c: c, cs: cs}
				for _, u := range units(gs) {
					mc.units = append(mc.units, s.width(gs[u.start:u.end]))
				}
				cells = append(cells, mc)
				if cs > 1 {
					continue
				}
				nat[c] = math.Max(nat[c], s.width(gs)+pad)
				for _, uw := range mc.units {
					least[c] = math.Max(least[c], uw+pad)
				}
			}
		}
		row0 += len(rows)
	}
	declared, sumNat := 0.0, 0.0
	all := true
	for c, col := range t.Columns {
		nat[c] = math.Max(nat[c], s.size+pad)
		least[c] = math.Max(least[c], s.size+pad)
		sumNat += nat[c]
		if col.Width > 0 {
			declared += col.Width
		} else {
			all = false
		}
	}
	// share is column c's part of width handed out without a reason of
	// its own: its declared width, else its natural width.
	share := func(c int) float64 {
		if all {
			return t.Columns[c].Width / declared
		}
		return nat[c] / sumNat
	}
	w := make([]float64, n)
	if sumNat <= W {
		for c := range w {
			w[c] = nat[c] + (W-sumNat)*share(c)
		}
		return w
	}
	sum := 0.0
	for c := range w {
		w[c] = math.Max(least[c], math.Min(nat[c], g.TableMinWrapChars*s.size+pad))
		sum += w[c]
	}
	if sum > W+eps {
		// Even the least widths do not fit: the declared shares, each
		// column raised towards its longest word at the others' expense.
		for c := range w {
			w[c] = W * share(c)
		}
		raise(w, least)
		return w
	}
	m := tableModel{cells: cells, rows: row0, lp: s.size * g.TableLineSpacing, pad: pad}
	// Candidate widths: pad plus whole half characters (every unit is
	// as wide as a whole number of half characters), from the least
	// width to the natural one.
	step := s.size / 2
	cands := make([][]float64, n)
	for c := range cands {
		// The narrowest width at which no text of the column takes more
		// lines than at its starting width (the practice minimum, which
		// only a column whose texts wrap no further for it goes below:
		// a header that wraps anyway, say), then only the widths at
		// which a text of the column needs fewer lines than before.
		floor, at := w[c], m.columnLines(c, w[c])
		for x := w[c] - step; x >= least[c]-eps && m.columnLines(c, x) == at; x -= step {
			floor = x
		}
		cands[c] = []float64{floor}
		prev := at
		for k := math.Ceil((floor-pad)/step - eps); ; k++ {
			x := pad + k*step
			if x > nat[c]+eps {
				break
			}
			if x <= floor+eps {
				continue
			}
			if l := m.columnLines(c, x); l < prev {
				cands[c] = append(cands[c], x)
				prev = l
			}
		}
	}
	// Two greedy passes, by saving per point and by saving per step;
	// the better one is kept. Each narrows the columns where that costs
	// nothing, widens where it saves most, moves width between pairs,
	// and again while the table gets shorter.
	best := slices.Clone(w)
	bestCost := math.Inf(1)
	for _, perPoint := range []bool{true, false} {
		x := slices.Clone(w)
		for range 2 * n {
			before := m.cost(x)
			m.squeeze(x, cands)
			m.grow(x, cands, W, perPoint)
			m.swap(x, cands, W)
			if m.cost(x) >= before-eps {
				break
			}
		}
		if cost := m.cost(x); cost < bestCost-eps {
			best, bestCost = x, cost
		}
	}
	w = best
	sum = 0
	for _, x := range w {
		sum += x
	}
	for c := range w {
		w[c] += (W - sum) * share(c)
	}
	return w
}

// raise raises columns below their least width, taking from the others in
// proportion to what they have above theirs.
func raise(w, least []float64) {
	for iter := 0; iter < len(w); iter++ {
		short, spare := 0.0, 0.0
		for c := range w {
			if w[c] < least[c] {
				short += least[c] - w[c]
			} else {
				spare += w[c] - least[c]
			}
		}
		if short <= eps || spare <= eps {
			break
		}
		f := math.Min(1, short/spare)
		for c := range w {
			if w[c] < least[c] {
				w[c] = least[c]
			} else {
				w[c] -= (w[c] - least[c]) * f
			}
		}
	}
}

// mcell is a cell as the column widths see it: where it stands and the
// widths of its unbreakable units.
type mcell struct {
	r, rs, c, cs int
	units        []float64
}

// tableModel estimates a table's height for given column widths.
type tableModel struct {
	cells   []mcell
	rows    int
	lp, pad float64
	heights []float64
}

// estimateLines is how many lines units of these widths take at measure m,
// filled greedily (what breakLines does but for punctuation squeezing,
// which only ever saves a line).
func estimateLines(units []float64, m float64) int {
	if len(units) == 0 {
		return 1
	}
	lines, x := 1, 0.0
	for _, u := range units {
		if x > 0 && x+u > m+eps {
			lines++
			x = 0
		}
		x += u
	}
	return lines
}

// wrapWeight is what a wrapped line of a cell that does not make its row
// taller costs, in lines of table height: a line of height always costs
// more, but among equal heights fewer wrapped cells are better.
const wrapWeight = 0.25

// cost is the table's height in cell lines at column widths w, plus
// wrapWeight for every line a cell wraps onto.
func (m *tableModel) cost(w []float64) float64 {
	if cap(m.heights) < m.rows {
		m.heights = make([]float64, m.rows)
	}
	h := m.heights[:m.rows]
	for r := range h {
		h[r] = 1
	}
	extra := 0
	lines := func(c mcell) int {
		width := -m.pad
		for k := c.c; k < c.c+c.cs; k++ {
			width += w[k]
		}
		return estimateLines(c.units, width)
	}
	for _, c := range m.cells {
		if c.rs == 1 {
			l := lines(c)
			extra += l - 1
			h[c.r] = math.Max(h[c.r], float64(l))
		}
	}
	// A merged cell over several rows has their lines and the cell
	// padding between them; what it needs beyond goes to its last row.
	padLines := 2 * g.TableCellPaddingV / m.lp
	for _, c := range m.cells {
		if c.rs > 1 {
			l := lines(c)
			extra += l - 1
			have := float64(c.rs-1) * padLines
			for r := c.r; r < c.r+c.rs; r++ {
				have += h[r]
			}
			if need := float64(l); need > have {
				h[c.r+c.rs-1] += need - have
			}
		}
	}
	total := 0.0
	for _, x := range h {
		total += x
	}
	return total + wrapWeight*float64(extra)
}

// columnLines is how many lines the texts of column c alone take at width x.
func (m *tableModel) columnLines(c int, x float64) int {
	n := 0
	for _, mc := range m.cells {
		if mc.c == c && mc.cs == 1 {
			n += estimateLines(mc.units, x-m.pad)
		}
	}
	return n
}

// swap improves widths w found by grow: it moves width from one column to
// another (column a down to one of its smaller candidate widths, column b up to one of its candidates within what that frees) while that
// makes the table cheaper, the best move first — what grow, taking one
// column at a time, misses when a row is only made shorter by widening
// two of its cells.
func (m *tableModel) swap(w []float64, cands [][]float64, W float64) {
	cur := m.cost(w)
	for iter := 0; iter < 4*len(w); iter++ {
		room := W
		for _, x := range w {
			room -= x
		}
		best, ba, bb, bxa, bxb := cur, -1, -1, 0.0, 0.0
		for a := range w {
			oa := w[a]
			for _, xa := range cands[a] {
				if xa >= oa-eps {
					break
				}
				for bcol := range w {
					if bcol == a {
						continue
					}
					ob := w[bcol]
					for _, xb := range cands[bcol] {
						if xb <= ob+eps {
							continue
						}
						if xb-ob > room+oa-xa+eps {
							break
						}
						w[a], w[bcol] = xa, xb
						if cost := m.cost(w); cost < best-eps {
							best, ba, bb, bxa, bxb = cost, a, bcol, xa, xb
						}
						w[a], w[bcol] = oa, ob
					}
				}
			}
		}
		if ba < 0 {
			return
		}
		w[ba], w[bb] = bxa, bxb
		cur = best
	}
}

// squeeze narrows each column, in order, to its narrowest candidate width
// that does not make the table cost more: width a column holds without
// need (a header that wraps anyway, say) is freed for the others.
func (m *tableModel) squeeze(w []float64, cands [][]float64) {
	cur := m.cost(w)
	for c := range w {
		old := w[c]
		for _, x := range cands[c] {
			if x >= old-eps {
				break
			}
			w[c] = x
			if m.cost(w) <= cur+eps {
				break
			}
			w[c] = old
		}
	}
}

// grow widens columns one candidate width at a time while the total stays
// within W, each time taking the step that saves the most (per point of
// width when perPoint, else per step), until no step saves anything.
func (m *tableModel) grow(w []float64, cands [][]float64, W float64, perPoint bool) {
	cur := m.cost(w)
	for {
		room := W
		for _, x := range w {
			room -= x
		}
		bestGain, bc, bx := 0.0, -1, 0.0
		for c := range w {
			old := w[c]
			for _, x := range cands[c] {
				if x <= old+eps {
					continue
				}
				if x-old > room+eps {
					break
				}
				w[c] = x
				gain := cur - m.cost(w)
				w[c] = old
				if gain <= eps {
					continue
				}
				if perPoint {
					gain /= x - old
				}
				if gain > bestGain+eps {
					bestGain, bc, bx = gain, c, x
				}
			}
		}
		if bc < 0 {
			return
		}
		w[bc] = bx
		cur = m.cost(w)
	}
}

// cellLines breaks a cell's text at measure w. When its last line would
// hold a single character and narrower lines keep their count, the lines
// are evened out: broken at the narrowest measure (in half characters)
// that keeps the count, so that no character stands alone.
func (s setter) cellLines(gs []glyph, w float64) [][]glyph {
	lines := s.breakLines(gs, w, w)
	if len(lines) < 2 || chars(lines[len(lines)-1]) > 1 {
		return lines
	}
	best := lines
	for x := w - s.size/2; x >= s.size-eps; x -= s.size / 2 {
		l := s.breakLines(gs, x, x)
		if len(l) != len(lines) {
			break
		}
		best = l
	}
	return best
}

// chars counts the characters of gs that are not punctuation or spaces.
func chars(gs []glyph) int {
	n := 0
	for _, g := range gs {
		if !closing(g.r) && !opening(g.r) && !space(g.r) {
			n++
		}
	}
	return n
}

// drawGrid draws rows [from, to) of gr from y and returns the y below them.
// part, when not nil, limits each cell (by index) to a range of its lines.
func (b *builder) drawGrid(ts *tableSet, gr *tgrid, from, to int, y float64, part map[int][2]int) float64 {
	rowY := make([]float64, to-from+1)
	rowY[0] = y
	for r := from; r < to; r++ {
		rowY[r-from+1] = rowY[r-from] + gr.heights[r]
	}
	type seg struct{ x1, y1, x2, y2 float64 }
	var segs []seg
	pi := len(b.out.Pages) - 1
	if b.borders == nil || b.bordersPage != pi {
		b.borders, b.bordersPage = map[[4]int64]bool{}, pi
	}
	addSeg := func(x1, y1, x2, y2 float64) {
		k := [4]int64{int64(math.Round(x1 * 100)), int64(math.Round(y1 * 100)), int64(math.Round(x2 * 100)), int64(math.Round(y2 * 100))}
		if !b.borders[k] {
			b.borders[k] = true
			segs = append(segs, seg{x1, y1, x2, y2})
		}
	}
	pad := g.TableCellPadding
	for i, c := range gr.cells {
		if c.r >= to || c.r+c.rs <= from {
			continue
		}
		// A merged cell may be drawn in parts when its rows are set apart
		// (a group taller than a page): each part gets its side borders,
		// the first its top, the last its bottom, the first its text.
		x1, x2 := b.fr.left+ts.colX[c.c], b.fr.left+ts.colX[c.c+c.cs]
		start, end := max(c.r, from), min(c.r+c.rs, to)
		y1, y2 := rowY[start-from], rowY[end-from]
		addSeg(x1, y1, x1, y2)
		addSeg(x2, y1, x2, y2)
		if c.r+c.rs <= to {
			addSeg(x1, y2, x2, y2)
		}
		if c.r < from {
			continue
		}
		addSeg(x1, y1, x2, y1)
		lines := c.lines
		if part != nil {
			p := part[i]
			lines = lines[p[0]:p[1]]
		}
		top := y1 + (y2-y1-float64(len(lines))*ts.lp)/2
		w := x2 - x1 - 2*pad
		var all []glyph
		for _, ln := range c.lines {
			all = append(all, ln...)
		}
		restore := b.setting(all)
		for k, ln := range lines {
			bl := top + float64(k)*ts.lp + (ts.lp-ts.size)/2 + g.EmAscent*ts.size
			b.emit(ln, ts.s.place(ln, w, c.align), x1+pad, bl, ts.size, Black)
		}
		restore()
	}
	for _, sg := range segs {
		b.add(&Rule{X1: sg.x1, Y1: sg.y1, X2: sg.x2, Y2: sg.y2, Width: g.TableRuleWidth, Color: Black})
	}
	bottom := rowY[len(rowY)-1]
	b.use(bottom)
	return bottom
}
