package findings

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/gongwen/gongwen/internal/doc"
)

// TableSpec is how a table is built from the data, the keys a written table
// ([[…table]]) adds to its columns: one row per record of From, cells from
// each column's field or value.
type TableSpec struct {
	// From is an expression giving the rows: "accounts", "units",
	// `accounts | verdict "不合格"`, `groupby "platform" (accounts)` ….
	From string `toml:"from"`
	// Groups split the rows by unit kind, each under a group row spanning
	// the table: { title = "镇街", kind = "镇街" }. Rows of no group follow
	// without a group row.
	Groups []GroupSpec `toml:"groups"`
	// Sort orders the rows by keys before grouping: "unit" (declaration
	// order), "platform", "verdict" (不合格 first), "days" (longest first),
	// "name". Rows of one unit are always kept together when a column merges.
	Sort []string `toml:"sort"`
	// Total, when set, adds a totals row whose first cell says it ("合计").
	Total string `toml:"total"`
	// Across sets that many records side by side in one row (two 单位/得分
	// pairs a row), filling the left block top to bottom first. It takes no
	// groups, merges or totals.
	Across int `toml:"across"`

	// Built is the table as built from the data (compose fills it), with
	// its spans, faces and alignments; nil for a table written cell by cell.
	Built *doc.Table `toml:"-" json:"-"`
}

// SortKeys are the keys rows may be sorted by.
var SortKeys = []string{"unit", "platform", "verdict", "days", "name"}

// GroupSpec is one group of rows: a title row, then the rows whose unit has
// the kind (KindMatches).
type GroupSpec struct {
	Title string `toml:"title"`
	Kind  string `toml:"kind"`
}

// ColumnSpec is what a column adds to be filled from data.
type ColumnSpec struct {
	// Group is the header cell spanning this and the next columns of the
	// same group (政务新媒体 over 账号、平台、检查结果).
	Group string `toml:"group"`
	// Field is a named value of the row (see Fields); Value, a template over
	// the row, is used when Field is empty.
	Field string `toml:"field"`
	Value string `toml:"value"`
	// Merge joins the cells of consecutive rows of one unit into one.
	Merge bool `toml:"merge"`
	// OK is the text of result and site cells with no problem (合格,
	// 更新及时).
	OK string `toml:"ok"`
	// Decimals of rate fields.
	Decimals int `toml:"decimals"`
	// Total is this column's cell in the totals row: "count" (rows), "units"
	// (distinct units), "sum" (of the column's numbers), or text.
	Total string `toml:"total"`
}

// Row is one row of a data table: an account (with its unit), a unit, or a
// group of accounts.
type Row struct {
	Seq     int // 序号: per unit when the 序号 column merges, else per row
	Unit    *Unit
	Account *Account
	Group   *Group
}

// Column is one column of a data table: its name, layout, and spec.
type Column struct {
	Name  string
	Width float64
	Align doc.Align
	ColumnSpec
}

// Fields are the named values a column's field may take.
var Fields = []string{
	"seq", "unit", "kind", "site", "site_last_update", "site_days",
	"account", "platform", "result", "verdict", "problems", "last_update", "days",
	"posts", "original", "original_rate", "accounts", "failed",
	"key", "count", "passed", "rate",
}

// CellFunc evaluates a column's Value template for a row.
type CellFunc func(col int, r *Row) (string, error)

// BuildTable builds the table's grid from rows. order is the platform order
// (Model.Platforms); value evaluates Value templates.
func BuildTable(spec *TableSpec, cols []Column, rows []*Row, order []string, value CellFunc) (*doc.Table, error) {
	if len(cols) == 0 {
		return nil, fmt.Errorf("表格缺少列：请写 columns = [{ name = \"单位\", field = \"unit\" }, …]")
	}
	t := &doc.Table{}
	for _, c := range cols {
		t.Columns = append(t.Columns, doc.Column{Width: c.Width, Align: c.Align})
		if c.Field != "" && !slices.Contains(Fields, c.Field) {
			return nil, fmt.Errorf("未知的字段“%s”：可用的字段有 %s", c.Field, strings.Join(Fields, "、"))
		}
	}
	t.Header = header(cols)
	for _, k := range spec.Sort {
		if !slices.Contains(SortKeys, k) {
			return nil, fmt.Errorf("不能按“%s”排序：sort 可写 %s", k, strings.Join(SortKeys, "、"))
		}
	}
	if spec.Across > 1 {
		if len(spec.Groups) > 0 || spec.Total != "" || anyMerge(cols) {
			return nil, fmt.Errorf("并排（across = %d）的表格不能再分组（groups）、合并单元格（merge）或加合计行（total）：请删去其中之一", spec.Across)
		}
	}

	rows = sortRows(rows, spec.Sort, order, anyMerge(cols))
	type part struct {
		title string
		rows  []*Row
	}
	var parts []part
	if len(spec.Groups) == 0 {
		parts = []part{{rows: rows}}
	} else {
		taken := make([]bool, len(rows))
		for _, g := range spec.Groups {
			p := part{title: g.Title}
			for i, r := range rows {
				if !taken[i] && r.Unit != nil && KindMatches(r.Unit.Kind, g.Kind) {
					p.rows = append(p.rows, r)
					taken[i] = true
				}
			}
			parts = append(parts, p)
		}
		rest := part{}
		for i, r := range rows {
			if !taken[i] {
				rest.rows = append(rest.rows, r)
			}
		}
		if len(rest.rows) > 0 {
			parts = append(parts, rest)
		}
	}

	seqMerges := false
	for _, c := range cols {
		if c.Field == "seq" && c.Merge {
			seqMerges = true
		}
	}
	seq := 0
	var last *Unit
	for _, p := range parts {
		if p.title != "" {
			row := make([]doc.Cell, len(cols))
			row[0] = doc.Cell{Text: p.title, Face: doc.FaceHei, ColSpan: len(cols), RowSpan: 1, Align: doc.AlignLeft}
			for i := 1; i < len(cols); i++ {
				row[i] = doc.Cell{Covered: true}
			}
			t.Rows = append(t.Rows, row)
		}
		start := len(t.Rows)
		for _, r := range p.rows {
			if !seqMerges || r.Unit == nil || r.Unit != last {
				seq++
			}
			last = r.Unit
			r.Seq = seq
			row := make([]doc.Cell, len(cols))
			for i, c := range cols {
				s, err := cellText(c, r, order)
				if err != nil {
					return nil, err
				}
				if c.Field == "" {
					if s, err = value(i, r); err != nil {
						return nil, err
					}
				}
				row[i] = doc.Cell{Text: s, Face: doc.FaceFangSong, ColSpan: 1, RowSpan: 1}
			}
			t.Rows = append(t.Rows, row)
		}
		mergeUnits(t.Rows[start:], p.rows, cols)
	}
	if spec.Across > 1 {
		across(t, spec.Across)
	}
	if spec.Total != "" {
		row, err := totals(spec.Total, cols, rows, t.Rows)
		if err != nil {
			return nil, err
		}
		t.Rows = append(t.Rows, row)
	}
	return t, nil
}

func anyMerge(cols []Column) bool {
	for _, c := range cols {
		if c.Merge {
			return true
		}
	}
	return false
}

// header is one row of names, or two when columns are grouped: the group
// cell spans its columns, an ungrouped name spans both rows.
func header(cols []Column) [][]doc.Cell {
	grouped := false
	for _, c := range cols {
		if c.Group != "" {
			grouped = true
		}
	}
	cell := func(s string) doc.Cell { return doc.Cell{Text: s, Face: doc.FaceHei, ColSpan: 1, RowSpan: 1} }
	if !grouped {
		row := make([]doc.Cell, len(cols))
		for i, c := range cols {
			row[i] = cell(c.Name)
		}
		return [][]doc.Cell{row}
	}
	top := make([]doc.Cell, len(cols))
	bottom := make([]doc.Cell, len(cols))
	for i := 0; i < len(cols); i++ {
		c := cols[i]
		if c.Group == "" {
			top[i] = cell(c.Name)
			top[i].RowSpan = 2
			bottom[i] = doc.Cell{Covered: true}
			continue
		}
		j := i
		for j+1 < len(cols) && cols[j+1].Group == c.Group {
			j++
		}
		top[i] = cell(c.Group)
		top[i].ColSpan = j - i + 1
		for k := i; k <= j; k++ {
			if k > i {
				top[k] = doc.Cell{Covered: true}
			}
			bottom[k] = cell(cols[k].Name)
		}
		i = j
	}
	return [][]doc.Cell{top, bottom}
}

// mergeUnits joins, in merging columns, the cells of consecutive rows of one
// unit.
func mergeUnits(cells [][]doc.Cell, rows []*Row, cols []Column) {
	for i := 0; i < len(rows); {
		j := i
		for j+1 < len(rows) && rows[i].Unit != nil && rows[j+1].Unit == rows[i].Unit {
			j++
		}
		if j > i {
			for c, col := range cols {
				if !col.Merge {
					continue
				}
				cells[i][c].RowSpan = j - i + 1
				for k := i + 1; k <= j; k++ {
					cells[k][c] = doc.Cell{Covered: true}
				}
			}
		}
		i = j + 1
	}
}

func sortRows(rows []*Row, keys []string, order []string, keepUnits bool) []*Row {
	rows = append([]*Row(nil), rows...)
	if keepUnits {
		keys = append(append([]string(nil), keys...), "unit")
	}
	for k := len(keys) - 1; k >= 0; k-- {
		key := keys[k]
		sortStable(rows, func(a, b *Row) bool { return rowKey(a, key, order) < rowKey(b, key, order) })
	}
	if keepUnits { // keys may have split a unit's rows: bring them together at its first place
		var out []*Row
		done := map[*Unit]bool{}
		for i, r := range rows {
			if r.Unit == nil {
				out = append(out, r)
				continue
			}
			if done[r.Unit] {
				continue
			}
			done[r.Unit] = true
			for _, s := range rows[i:] {
				if s.Unit == r.Unit {
					out = append(out, s)
				}
			}
		}
		rows = out
	}
	return rows
}

// rowKey is a sortable key; unknown keys sort nothing.
func rowKey(r *Row, key string, order []string) string {
	pad := func(n int) string { return fmt.Sprintf("%08d", n) }
	switch key {
	case "unit":
		if r.Unit != nil {
			return pad(r.Unit.Index)
		}
	case "platform":
		if r.Account != nil {
			return pad(PlatformRank(order, r.Account.Platform))
		}
	case "verdict":
		if r.Account != nil && r.Account.Verdict == Fail || r.Account == nil && r.Unit != nil && r.Unit.Verdict == Fail {
			return "0"
		}
		return "1"
	case "days":
		if r.Account != nil {
			return pad(99999999 - r.Account.Days)
		}
	case "name":
		if r.Account != nil {
			return r.Account.DisplayName()
		}
		if r.Unit != nil {
			return r.Unit.Name
		}
	}
	return ""
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// cellText is the text of a named field; "" with no error for Value columns.
func cellText(c Column, r *Row, order []string) (string, error) {
	a, u, g := r.Account, r.Unit, r.Group
	md := func(days int, s string) string {
		if days < 0 {
			return ""
		}
		return s
	}
	switch c.Field {
	case "":
		return "", nil
	case "seq":
		return strconv.Itoa(r.Seq), nil
	case "unit":
		if u != nil {
			return u.Name, nil
		}
	case "kind":
		if u != nil {
			return u.Kind, nil
		}
		if g != nil {
			return g.Key, nil
		}
	case "site":
		if u != nil && u.Site != nil {
			return orDefault(Join(u.Site.Problems), orDefault(c.OK, "更新及时")), nil
		}
	case "site_last_update":
		if u != nil && u.Site != nil {
			return md(u.Site.Days, MonthDay(u.Site.LastUpdate)), nil
		}
	case "site_days":
		if u != nil && u.Site != nil && u.Site.Days >= 0 {
			return strconv.Itoa(u.Site.Days), nil
		}
	case "account":
		if a != nil {
			return a.DisplayName(), nil
		}
	case "platform":
		if a != nil {
			return a.Platform, nil
		}
		if g != nil {
			return g.Key, nil
		}
	case "result":
		if a != nil {
			return orDefault(Join(a.Problems), orDefault(c.OK, Pass)), nil
		}
		if u != nil {
			return orDefault(unitProblems(u), orDefault(c.OK, Pass)), nil
		}
	case "verdict":
		if a != nil {
			return a.Verdict, nil
		}
		if u != nil {
			return u.Verdict, nil
		}
	case "problems":
		if a != nil {
			return Join(a.Problems), nil
		}
		if u != nil {
			return unitProblems(u), nil
		}
	case "last_update":
		if a != nil {
			return md(a.Days, MonthDay(a.LastUpdate)), nil
		}
	case "days":
		if a != nil && a.Days >= 0 {
			return strconv.Itoa(a.Days), nil
		}
	case "posts":
		if a != nil && a.Posts != nil {
			return strconv.Itoa(*a.Posts), nil
		}
	case "original":
		if a != nil && a.Original != nil {
			return strconv.Itoa(*a.Original), nil
		}
	case "original_rate":
		if a != nil && a.Posts != nil && a.Original != nil && *a.Posts > 0 {
			return Rate(*a.Original, *a.Posts, c.Decimals), nil
		}
	case "accounts":
		if u != nil && a == nil {
			return strconv.Itoa(len(u.Accounts)), nil
		}
		if g != nil {
			return strconv.Itoa(g.Count()), nil
		}
	case "failed", "passed", "rate", "count", "key":
		var as []*Account
		switch {
		case g != nil:
			as = g.Accounts
			if c.Field == "key" {
				return g.Key, nil
			}
		case u != nil && a == nil:
			as = u.Accounts
		default:
			return "", nil
		}
		failed := 0
		for _, x := range as {
			if x.Verdict == Fail {
				failed++
			}
		}
		switch c.Field {
		case "count":
			return strconv.Itoa(len(as)), nil
		case "failed":
			return strconv.Itoa(failed), nil
		case "passed":
			return strconv.Itoa(len(as) - failed), nil
		case "rate":
			return Rate(len(as)-failed, len(as), c.Decimals), nil
		}
	}
	return "", nil
}

// unitProblems is a unit's site problems and its accounts' problems, each
// once, in order.
func unitProblems(u *Unit) string {
	var ps []string
	add := func(p string) {
		if !slices.Contains(ps, p) {
			ps = append(ps, p)
		}
	}
	if u.Site != nil {
		for _, p := range u.Site.Problems {
			add("网站" + p)
		}
	}
	for _, a := range u.Accounts {
		for _, p := range a.Problems {
			add(p)
		}
	}
	return Join(ps)
}

// totals is the totals row: label in the first cells up to the first column
// with a total, then each column's total.
func totals(label string, cols []Column, rows []*Row, cells [][]doc.Cell) ([]doc.Cell, error) {
	row := make([]doc.Cell, len(cols))
	first := len(cols)
	for i, c := range cols {
		if c.Total != "" {
			first = i
			break
		}
	}
	if first == 0 {
		first = 1
	}
	row[0] = doc.Cell{Text: label, Face: doc.FaceHei, ColSpan: first, RowSpan: 1}
	for i := 1; i < first; i++ {
		row[i] = doc.Cell{Covered: true}
	}
	for i := first; i < len(cols); i++ {
		c := cols[i]
		text := c.Total
		switch c.Total {
		case "count":
			text = strconv.Itoa(len(rows))
		case "units":
			seen := map[*Unit]bool{}
			for _, r := range rows {
				if r.Unit != nil {
					seen[r.Unit] = true
				}
			}
			text = strconv.Itoa(len(seen))
		case "sum":
			sum := 0
			for _, r := range cells {
				if r[i].Covered || r[i].ColSpan > 1 {
					continue
				}
				if r[i].Text == "" {
					continue
				}
				n, err := strconv.Atoi(r[i].Text)
				if err != nil {
					return nil, fmt.Errorf("第%d列（%s）的合计为 sum，但单元格“%s”不是整数", i+1, c.Name, r[i].Text)
				}
				sum += n
			}
			text = strconv.Itoa(sum)
		}
		row[i] = doc.Cell{Text: text, Face: doc.FaceFangSong, ColSpan: 1, RowSpan: 1}
	}
	return row, nil
}

// across folds the rows of t into n blocks side by side: the first
// ceil(rows/n) records in the left block, the next in the second, …; the
// header and columns repeat, the last block's missing cells stay empty.
func across(t *doc.Table, n int) {
	per := (len(t.Rows) + n - 1) / n
	cols := len(t.Columns)
	columns := make([]doc.Column, 0, cols*n)
	for range n {
		columns = append(columns, t.Columns...)
	}
	header := make([][]doc.Cell, len(t.Header))
	for r, row := range t.Header {
		for range n {
			header[r] = append(header[r], row...)
		}
	}
	rows := make([][]doc.Cell, per)
	for r := range rows {
		for b := range n {
			if i := b*per + r; i < len(t.Rows) {
				rows[r] = append(rows[r], t.Rows[i]...)
			} else {
				for range cols {
					rows[r] = append(rows[r], doc.Cell{ColSpan: 1, RowSpan: 1, Face: doc.FaceFangSong})
				}
			}
		}
	}
	t.Columns, t.Header, t.Rows = columns, header, rows
}
