// Package diff compares two composed notices (package doc) and says what
// changed the way a reviewing leader reads a correction: by element (标题,
// 发文字号, 成文日期 …), by section number and paragraph (二（三）第1段), by
// table cell (附件 表1 第8行（序号7，曹庄镇）“检查结果”栏), as 新增 / 删除 /
// 修改, with the changed words shown in their phrase — never as a diff of
// the source file.
package diff

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/gongwen/gongwen/internal/doc"
)

// Kind is what happened to an element.
type Kind string

// The kinds of change.
const (
	Added    Kind = "新增"
	Removed  Kind = "删除"
	Modified Kind = "修改"
)

// Change is one changed element of the document.
type Change struct {
	// Where names the element: 标题, 发文字号, 二（三）第1段,
	// 附件 表1 第8行（序号7，曹庄镇）“检查结果”栏 …
	Where string `json:"where"`
	Kind  Kind   `json:"kind"`
	Old   string `json:"old,omitempty"` // the element's whole old text
	New   string `json:"new,omitempty"` // the element's whole new text
	// Edits are the phrase-level changes of a modified text; empty when the
	// text was rewritten beyond recognition or is short enough to show whole.
	Edits []Edit `json:"edits,omitempty"`
}

// Compare lists what changed from a to b, in document order.
func Compare(a, b *doc.Document) []Change {
	c := &comparer{}
	ha, hb := a.Head, b.Head
	c.text("份号", ha.CopyNumber, hb.CopyNumber)
	c.text("密级和保密期限", ha.Classification, hb.Classification)
	c.text("紧急程度", ha.Urgency, hb.Urgency)
	c.text("发文机关标志", mastheadText(ha.Masthead), mastheadText(hb.Masthead))
	c.text("发文字号", ha.DocNumber, hb.DocNumber)
	c.text("签发人", strings.Join(ha.Signers, "、"), strings.Join(hb.Signers, "、"))
	c.text("标题", strings.Join(a.Title, ""), strings.Join(b.Title, ""))
	c.text("主送机关", a.Addressees, b.Addressees)
	c.blocks("", a.Body, b.Body)
	c.lines("附件说明", a.AttachmentNoteLines(), b.AttachmentNoteLines())
	c.text("发文机关署名", strings.Join(a.Signature.Issuers, "、"), strings.Join(b.Signature.Issuers, "、"))
	c.text("成文日期", dateText(a.Signature.Date), dateText(b.Signature.Date))
	c.seal(a.Signature.Seal, b.Signature.Seal)
	c.text("附注", a.Remark, b.Remark)
	for i := 0; i < len(a.Attachments) || i < len(b.Attachments); i++ {
		switch {
		case i >= len(b.Attachments):
			at := &a.Attachments[i]
			c.add(Change{Where: at.Label(), Kind: Removed, Old: at.Title})
		case i >= len(a.Attachments):
			at := &b.Attachments[i]
			c.add(Change{Where: at.Label(), Kind: Added, New: at.Title})
		default:
			aa, ab := &a.Attachments[i], &b.Attachments[i]
			c.text(ab.Label()+" 标题", aa.Title, ab.Title)
			c.blocks(ab.Label()+" ", aa.Blocks, ab.Blocks)
		}
	}
	ca, cb := a.Colophon, b.Colophon
	if ca == nil {
		ca = &doc.Colophon{}
	}
	if cb == nil {
		cb = &doc.Colophon{}
	}
	c.text("抄送机关", strings.Join(ca.CC, "，"), strings.Join(cb.CC, "，"))
	c.text("印发机关", ca.PrintedBy, cb.PrintedBy)
	c.text("印发日期", dateText(ca.PrintedOn), dateText(cb.PrintedOn))
	return c.out
}

type comparer struct{ out []Change }

func (c *comparer) add(ch Change) { c.out = append(c.out, ch) }

func mastheadText(m *doc.Masthead) string {
	if m == nil {
		return ""
	}
	return m.Text()
}

func dateText(d doc.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Chinese()
}

// shortText is how long a text may be to be shown whole instead of by phrase.
const shortText = 24

// rewritten: below this share of common characters a text counts as
// rewritten and is shown whole.
const rewritten = 0.4

// text compares one element's text.
func (c *comparer) text(where, a, b string) {
	switch {
	case a == b:
	case a == "":
		c.add(Change{Where: where, Kind: Added, New: b})
	case b == "":
		c.add(Change{Where: where, Kind: Removed, Old: a})
	default:
		c.add(modified(where, a, b))
	}
}

func modified(where, a, b string) Change {
	ch := Change{Where: where, Kind: Modified, Old: a, New: b}
	if len([]rune(a)) > shortText || len([]rune(b)) > shortText {
		if similarity(a, b) >= rewritten {
			ch.Edits = textEdits(a, b)
		}
	}
	return ch
}

// lines compares a list of lines (附件说明) line by line.
func (c *comparer) lines(where string, a, b []string) {
	for i := 0; i < len(a) || i < len(b); i++ {
		w := where
		if len(a) > 1 || len(b) > 1 {
			w += "第" + strconv.Itoa(i+1) + "行"
		}
		var x, y string
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		c.text(w, x, y)
	}
}

func (c *comparer) seal(a, b *doc.Image) {
	switch {
	case a == nil && b == nil:
	case a == nil:
		c.add(Change{Where: "印章", Kind: Added, New: b.Name})
	case b == nil:
		c.add(Change{Where: "印章", Kind: Removed, Old: a.Name})
	case a.PNG == nil || b.PNG == nil: // read from JSON: only the name is known
		if a.Name != b.Name {
			c.add(Change{Where: "印章", Kind: Modified, Old: a.Name, New: b.Name})
		}
	case !bytes.Equal(a.PNG, b.PNG) || a.Width != b.Width:
		c.add(Change{Where: "印章", Kind: Modified, Old: a.Name, New: b.Name + "（图片已更换）"})
	}
}

// para is a paragraph with the place a reader would name it by.
type para struct {
	where string
	text  string
}

// places names the paragraphs of a body or attachment: by the section they
// belong to (二（三）) and their position in it (第1段, counting a run-in
// heading's paragraph as the first); a heading on its own line is the
// section's 标题; paragraphs before the first section are 开头第n段.
func places(prefix string, blocks []doc.Block) (ps []para, tables []*doc.Table) {
	sec, n := "", 0
	for _, bl := range blocks {
		switch x := bl.(type) {
		case *doc.Paragraph:
			if x.Level > 0 {
				sec, n = sectionName(x.Section), 0
				if !x.RunIn {
					ps = append(ps, para{prefix + strings.TrimRight(sec, "、.") + " 标题", x.Text()})
					continue
				}
			}
			n++
			where := sec
			if sec == "" {
				where = strings.TrimSpace(prefix)
				if where == "" {
					where = "正文"
				}
				where += "开头"
			} else {
				where = prefix + sec
			}
			ps = append(ps, para{where + "第" + strconv.Itoa(n) + "段", x.Text()})
		case *doc.Table:
			tables = append(tables, x)
		}
	}
	return ps, tables
}

// blocks compares the paragraphs and tables of a body or an attachment.
func (c *comparer) blocks(prefix string, a, b []doc.Block) {
	pa, ta := places(prefix, a)
	pb, tb := places(prefix, b)
	for _, h := range hunks(sequence(pa, pb, func(x, y para) bool { return x.text == y.text })) {
		c.pairParas(pa[h.A0:h.A1], pb[h.B0:h.B1])
	}
	for i := 0; i < len(ta) || i < len(tb); i++ {
		name := strings.TrimSpace(prefix + "表" + strconv.Itoa(i+1))
		switch {
		case i >= len(tb):
			c.add(Change{Where: name, Kind: Removed, Old: tableTitle(ta[i])})
		case i >= len(ta):
			c.add(Change{Where: name, Kind: Added, New: tableTitle(tb[i])})
		default:
			c.table(name, ta[i], tb[i])
		}
	}
}

// pairParas matches the old and new paragraphs of one changed stretch: in
// order, each old paragraph with the next new one that is still recognisably
// the same text; the rest were removed or added.
func (c *comparer) pairParas(a, b []para) {
	j := 0
	for _, x := range a {
		match := -1
		for k := j; k < len(b); k++ {
			if similarity(x.text, b[k].text) >= rewritten {
				match = k
				break
			}
		}
		if match < 0 {
			c.add(Change{Where: "原" + x.where, Kind: Removed, Old: x.text})
			continue
		}
		for ; j < match; j++ {
			c.add(Change{Where: b[j].where, Kind: Added, New: b[j].text})
		}
		where := b[match].where
		if x.where != where {
			where += "（原" + x.where + "）"
		}
		ch := modified(where, x.text, b[match].text)
		if ch.Edits == nil {
			ch.Edits = textEdits(x.text, b[match].text)
		}
		c.add(ch)
		j = match + 1
	}
	for ; j < len(b); j++ {
		c.add(Change{Where: b[j].where, Kind: Added, New: b[j].text})
	}
}

// sectionName writes a section path so that a paragraph number can follow
// it: 一 → 一、, 二（三）1 → 二（三）1., 二（三） stays.
func sectionName(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	switch last := r[len(r)-1]; {
	case last >= '0' && last <= '9':
		return s + "."
	case strings.ContainsRune("零一二三四五六七八九十百", last):
		return s + "、"
	}
	return s
}

func tableTitle(t *doc.Table) string {
	if t.Caption != "" {
		return t.Caption
	}
	return "（" + strconv.Itoa(len(t.Rows)) + "行的表格）"
}

// resolved is the table's grid with every covered position holding the
// text of the merged cell that covers it.
func resolved(rows [][]doc.Cell) [][]string {
	g := make([][]string, len(rows))
	for r, row := range rows {
		g[r] = make([]string, len(row))
		for k, cell := range row {
			g[r][k] = cell.Text
		}
	}
	for r, row := range rows {
		for k, cell := range row {
			if cell.Covered || cell.ColSpan <= 1 && cell.RowSpan <= 1 {
				continue
			}
			// Bounded by the grid, not by the spans alone: a span read
			// from JSON may be any number.
			for dr := 0; dr < max(cell.RowSpan, 1) && r+dr < len(g); dr++ {
				for dk := 0; dk < max(cell.ColSpan, 1) && k+dk < len(g[r+dr]); dk++ {
					g[r+dr][k+dk] = cell.Text
				}
			}
		}
	}
	return g
}

// columnNames are the names a reader calls the columns by: the lowest header
// cell over each column.
func columnNames(t *doc.Table) []string {
	names := make([]string, len(t.Columns))
	h := resolved(t.Header)
	for k := range names {
		for r := len(h) - 1; r >= 0; r-- {
			if k < len(h[r]) && h[r][k] != "" {
				names[k] = h[r][k]
				break
			}
		}
		if names[k] == "" {
			names[k] = "第" + strconv.Itoa(k+1) + "列"
		}
	}
	return names
}

// rowLabel names a row by its number in the table and its first two
// columns, as a reader finds it: 第8行（序号7，曹庄镇）.
func rowLabel(i int, row []string, names []string) string {
	var parts []string
	for k := 0; k < len(row) && k < 2; k++ {
		if row[k] == "" {
			continue
		}
		if k < len(names) && names[k] == "序号" && isNumber(row[k]) {
			parts = append(parts, "序号"+row[k])
		} else {
			parts = append(parts, row[k])
		}
	}
	if len(parts) == 2 && parts[0] == parts[1] { // one cell merged across both
		parts = parts[:1]
	}
	s := "第" + strconv.Itoa(i+1) + "行"
	if len(parts) > 0 {
		s += "（" + strings.Join(parts, "，") + "）"
	}
	return s
}

func isNumber(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}

// table compares two versions of a table: header, then rows, matched as
// lines of a text are (leaving the 序号 column out, so that a row inserted
// above does not make every row below differ), and cell by cell within a
// matched row. Renumbered 序号 are reported as one change per run.
func (c *comparer) table(name string, a, b *doc.Table) {
	c.text(name+" 表题", a.Caption, b.Caption)
	c.text(name+" 副题", a.Subcaption, b.Subcaption)
	c.text(name+" 单位行", a.UnitLine, b.UnitLine)
	na, nb := columnNames(a), columnNames(b)
	c.text(name+" 表头", strings.Join(na, "｜"), strings.Join(nb, "｜"))
	ga, gb := resolved(a.Rows), resolved(b.Rows)
	key := func(row, names []string) string {
		var ks []string
		for k, cell := range row {
			if k < len(names) && names[k] == "序号" && isNumber(cell) {
				continue
			}
			ks = append(ks, cell)
		}
		return strings.Join(ks, "\x00")
	}
	ka := make([]string, len(ga))
	kb := make([]string, len(gb))
	for i := range ga {
		ka[i] = key(ga[i], na)
	}
	for i := range gb {
		kb[i] = key(gb[i], nb)
	}
	// Row changes are gathered with the row they concern and put out in
	// table order at the end.
	var tc []keyed
	emit := func(row float64, ch Change) { tc = append(tc, keyed{row, ch}) }
	var renum []renumbered
	pair := func(x, y int) {
		for k := range na {
			if na[k] != "序号" || k >= len(ga[x]) {
				continue
			}
			for j := range nb {
				if nb[j] == "序号" && j < len(gb[y]) && ga[x][k] != gb[y][j] {
					renum = append(renum, renumbered{row: y, label: rowLabel(y, gb[y], nb), old: ga[x][k], new: gb[y][j]})
				}
			}
		}
		tmp := &comparer{}
		tmp.cells(name+" "+rowLabel(y, gb[y], nb), ga[x], gb[y], na, nb)
		for _, ch := range tmp.out {
			emit(float64(y), ch)
		}
	}
	for _, o := range sequence(ka, kb, func(x, y string) bool { return x == y }) {
		if o.kind == opEqual {
			for i := 0; i < o.A1-o.A0; i++ {
				pair(o.A0+i, o.B0+i)
			}
		}
	}
	added := func(j int) {
		emit(float64(j), Change{Where: name + " " + rowLabel(j, gb[j], nb), Kind: Added, New: rowText(gb[j])})
	}
	for _, h := range hunks(sequence(ka, kb, func(x, y string) bool { return x == y })) {
		// Rows of one changed stretch pair up in order when they still
		// share their label cell, or when the counts match.
		j := h.B0
		for x := h.A0; x < h.A1; x++ {
			match := -1
			for k := j; k < h.B1; k++ {
				if sameRow(ga[x], gb[k], na) || h.A1-h.A0 == h.B1-h.B0 && k-h.B0 == x-h.A0 {
					match = k
					break
				}
			}
			if match < 0 {
				emit(float64(j)-0.5, Change{Where: name + " 原" + rowLabel(x, ga[x], na), Kind: Removed, Old: rowText(ga[x])})
				continue
			}
			for ; j < match; j++ {
				added(j)
			}
			pair(x, match)
			j = match + 1
		}
		for ; j < h.B1; j++ {
			added(j)
		}
	}
	tc = append(tc, renumbering(name, renum)...)
	sort.SliceStable(tc, func(i, j int) bool { return tc[i].row < tc[j].row })
	for _, k := range tc {
		c.add(k.ch)
	}
	c.lines(name+" 表注", a.Notes, b.Notes)
}

// keyed is a change of a table with the (new) row it concerns.
type keyed struct {
	row float64
	ch  Change
}

// rowText is a row for reading: its cells between ｜, or the one text of a
// row merged across (a group row such as 县直部门).
func rowText(row []string) string {
	same := len(row) > 0
	for _, c := range row {
		same = same && c == row[0]
	}
	if same {
		return row[0]
	}
	return strings.Join(row, "｜")
}

// renumbered is a row whose 序号 changed.
type renumbered struct {
	row      int
	label    string
	old, new string
}

// renumbering reports changed 序号: a run of rows all moved by the same
// amount (a row inserted or removed above them) as one change, any other
// as a change of its cell.
func renumbering(name string, rs []renumbered) []keyed {
	var out []keyed
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].row < rs[j].row })
	// Rows of one merged 序号 cell repeat it: keep the first.
	var us []renumbered
	for _, r := range rs {
		if n := len(us); n > 0 && us[n-1].old == r.old && us[n-1].new == r.new {
			continue
		}
		us = append(us, r)
	}
	shift := func(r renumbered) (int, bool) {
		o, err1 := strconv.Atoi(r.old)
		n, err2 := strconv.Atoi(r.new)
		return n - o, err1 == nil && err2 == nil
	}
	for i := 0; i < len(us); {
		d, ok := shift(us[i])
		j := i + 1
		for ok && j < len(us) {
			d2, ok2 := shift(us[j])
			p, _ := strconv.Atoi(us[j-1].old)
			q, _ := strconv.Atoi(us[j].old)
			if !ok2 || d2 != d || q != p+1 {
				break
			}
			j++
		}
		if j-i >= 3 {
			first, last := us[i], us[j-1]
			out = append(out, keyed{float64(first.row), Change{
				Where: fmt.Sprintf("%s 第%d—%d行“序号”栏", name, first.row+1, last.row+1),
				Kind:  Modified,
				Old:   first.old + "—" + last.old,
				New:   first.new + "—" + last.new,
			}})
		} else {
			for _, r := range us[i:j] {
				out = append(out, keyed{float64(r.row), Change{Where: name + " " + r.label + "“序号”栏", Kind: Modified, Old: r.old, New: r.new}})
			}
		}
		i = j
	}
	return out
}

// sameRow: two rows are the same row changed when their label is the
// same: a 序号 that is not a number (合计, 小计), or else the first cell
// after the 序号 (the unit, usually).
func sameRow(x, y []string, names []string) bool {
	for k := 0; k < len(x) && k < len(y) && k < len(names); k++ {
		if names[k] == "序号" {
			if !isNumber(x[k]) && x[k] != "" {
				return x[k] == y[k]
			}
			continue
		}
		return x[k] != "" && x[k] == y[k]
	}
	return false
}

// cells compares a matched row cell by cell: by position when both tables
// have as many columns (a renamed column is still the same column; the
// header change is reported on its own), else by column name.
func (c *comparer) cells(row string, x, y []string, na, nb []string) {
	if len(na) == len(nb) {
		for k := range nb {
			if nb[k] == "序号" || k >= len(x) || k >= len(y) {
				continue
			}
			c.text(row+"“"+nb[k]+"”栏", x[k], y[k])
		}
		return
	}
	idx := map[string]int{}
	for k, n := range nb {
		if _, dup := idx[n]; !dup {
			idx[n] = k
		}
	}
	seen := map[int]bool{}
	for k, n := range na {
		j, ok := idx[n]
		if !ok || k >= len(x) {
			continue
		}
		if n == "序号" {
			seen[j] = true
			continue
		}
		seen[j] = true
		if j < len(y) {
			c.text(row+"“"+n+"”栏", x[k], y[j])
		}
	}
	for j, n := range nb {
		if !seen[j] && j < len(y) && y[j] != "" {
			c.add(Change{Where: row + "“" + n + "”栏", Kind: Added, New: y[j]})
		}
	}
}

// Write prints changes for a reader: their number, then one element per
// entry; 无差异 when there are none.
func Write(w io.Writer, cs []Change) error {
	var b strings.Builder
	if len(cs) == 0 {
		b.WriteString("无差异\n")
	} else {
		fmt.Fprintf(&b, "共 %d 处改动：\n", len(cs))
	}
	for _, ch := range cs {
		b.WriteString(ch.String())
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// String is the change as a reader reads it, ending in a newline.
func (ch Change) String() string {
	var b strings.Builder
	switch ch.Kind {
	case Added:
		fmt.Fprintf(&b, "%s 新增：%s\n", ch.Where, ch.New)
	case Removed:
		fmt.Fprintf(&b, "%s 删除：%s\n", ch.Where, ch.Old)
	default:
		if len(ch.Edits) == 0 {
			fmt.Fprintf(&b, "%s 修改：「%s」改为「%s」\n", ch.Where, ch.Old, ch.New)
			break
		}
		fmt.Fprintf(&b, "%s 修改：\n", ch.Where)
		for _, e := range ch.Edits {
			switch {
			case e.Old == "":
				fmt.Fprintf(&b, "    增加「%s」：%s\n", e.New, e.Context)
			case e.New == "":
				fmt.Fprintf(&b, "    删去「%s」：%s\n", e.Old, e.Context)
			default:
				fmt.Fprintf(&b, "    「%s」改为「%s」：%s\n", e.Old, e.New, e.Context)
			}
		}
	}
	return b.String()
}
