package layout

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/internal/doc"
)

func row(texts ...string) []doc.Cell {
	var r []doc.Cell
	for _, t := range texts {
		r = append(r, doc.Cell{Text: t, ColSpan: 1, RowSpan: 1})
	}
	return r
}

func statTable(rows int) *doc.Table {
	t := &doc.Table{
		Caption:  "政府网站及政务新媒体读网检查情况统计表",
		UnitLine: "检查日期：2021年9月14日",
		Columns:  []doc.Column{{Width: 1}, {Width: 3}, {Width: 3}, {Width: 2}},
		Header:   [][]doc.Cell{row("序号", "单位", "账号", "检查结果")},
	}
	for i := 0; i < rows; i++ {
		t.Rows = append(t.Rows, row(fmt.Sprint(i+1), fmt.Sprintf("第%d单位", i+1), "微信公众号", "合格"))
	}
	return t
}

// tableTexts returns, per page, the texts at the table's size.
func tableTexts(out *Document, size float64) map[int][]*Text {
	m := map[int][]*Text{}
	for pi, p := range out.Pages {
		for _, it := range p.Items {
			if t, ok := it.(*Text); ok && t.Size == size {
				m[pi] = append(m[pi], t)
			}
		}
	}
	return m
}

// checkInside: every text box and rule of every page lies inside the type
// area (page numbers excepted).
func checkInside(t *testing.T, out *Document) {
	t.Helper()
	for pi, p := range out.Pages {
		l, tp, r, b := typeLeft, typeTop, typeRight, typeBottom
		if p.Landscape {
			// the sheet turned clockwise: the page's top is the sheet's left
			l, tp = 297*mm-typeBottom, typeLeft
			r, b = l+typeHeight, tp+typeWidth
		}
		for _, it := range p.Items {
			switch x := it.(type) {
			case *Text:
				if x.Face == doc.FaceSong {
					continue
				}
				rs := []rune(x.Text)
				for k, rr := range rs {
					w := x.Size
					if !wide(rr) {
						w /= 2
					}
					// a closing mark squeezed to half a cell has its ink
					// in the left half of its box
					if squeezable(rr) > 0 && (k == len(rs)-1 || x.X[k+1]-x.X[k] < 0.75*x.Size) {
						w = x.Size / 2
					}
					top, bot := x.Y-0.88*x.Size, x.Y+0.12*x.Size
					if x.X[k] < l-1e-6 || x.X[k]+w > r+0.25 || top < tp-1e-6 || bot > b+1e-6 {
						t.Errorf("page %d: %q at (%.2f, %.2f) outside the type area", pi+1, rr, x.X[k], x.Y)
						return
					}
				}
			case *Rule:
				if x.X1 < l-1e-6 || x.X2 > r+1e-6 || x.Y1 < tp-1 || x.Y2 > b+1e-6 {
					t.Errorf("page %d: rule %+v outside the type area", pi+1, x)
					return
				}
			}
		}
	}
}

// A table over three pages repeats its header on each, keeps every row on
// one page, and says every row once.
func TestTableOverThreePages(t *testing.T) {
	d := paras("现将检查情况统计如下：")
	d.Body = append(d.Body, statTable(60))
	out := mustLayout(t, d)
	checkInside(t, out)
	texts := tableTexts(out, 14)
	pages := 0
	seen := map[string]int{}
	for pi := range out.Pages {
		ts := texts[pi]
		if len(ts) == 0 {
			continue
		}
		pages++
		// the first four texts (top row) are the header
		minY := math.Inf(1)
		for _, x := range ts {
			minY = math.Min(minY, x.Y)
		}
		var top []string
		for _, x := range ts {
			if x.Y == minY {
				top = append(top, x.Text)
			} else {
				seen[x.Text]++
			}
		}
		if strings.Join(top, "|") != "序号|单位|账号|检查结果" {
			t.Errorf("page %d starts with %v, want the header", pi+1, top)
		}
		for _, x := range ts {
			if x.Y == minY && x.Face != doc.FaceHei {
				t.Errorf("header cell %q in %s", x.Text, x.Face)
			}
		}
	}
	if pages < 3 {
		t.Fatalf("table on %d pages, want 3", pages)
	}
	for i := 1; i <= 60; i++ {
		if n := seen[fmt.Sprintf("第%d单位", i)]; n != 1 {
			t.Errorf("row %d set %d times", i, n)
		}
	}
	if seen["合格"] != 60 {
		t.Errorf("%d result cells", seen["合格"])
	}
}

// Rows are kept whole: a row of several lines that does not fit at the foot
// of a page goes to the next page entire.
func TestRowsKeptWhole(t *testing.T) {
	tb := statTable(0)
	long := strings.Repeat("更新不及时", 8)
	for i := 0; i < 30; i++ {
		tb.Rows = append(tb.Rows, row(fmt.Sprint(i+1), long, "微信公众号", "合格"))
	}
	d := paras("现将检查情况统计如下：")
	d.Body = append(d.Body, tb)
	out := mustLayout(t, d)
	checkInside(t, out)
	// every row's number and its long text lines on one page
	for pi, ts := range tableTexts(out, 14) {
		nums := 0
		frags := 0
		for _, x := range ts {
			if strings.Contains(long, x.Text) {
				frags++
			}
			if _, err := fmt.Sscan(x.Text, new(int)); err == nil {
				nums++
			}
		}
		if nums == 0 {
			continue
		}
		// 40 characters at 14 pt in a 3/9 column wrap to the same number
		// of lines in every row: the fragments are a multiple of the rows.
		if frags%nums != 0 {
			t.Errorf("page %d: %d rows but %d text lines of them: a row was split", pi+1, nums, frags)
		}
	}
}

// Merged cells: no border crosses a merged cell, and its text is centred
// in the whole merged area.
func TestMergedCells(t *testing.T) {
	tb := &doc.Table{
		Columns: []doc.Column{{Width: 1}, {Width: 3}, {Width: 3}, {Width: 2}},
		Header: [][]doc.Cell{
			{{Text: "序号", RowSpan: 2, ColSpan: 1}, {Text: "单位", RowSpan: 2, ColSpan: 1}, {Text: "政务新媒体", ColSpan: 2, RowSpan: 1}, {Covered: true}},
			{{Covered: true}, {Covered: true}, {Text: "账号", ColSpan: 1, RowSpan: 1}, {Text: "检查结果", ColSpan: 1, RowSpan: 1}},
		},
		Rows: [][]doc.Cell{
			{{Text: "1", RowSpan: 2, ColSpan: 1}, {Text: "曹庄镇", RowSpan: 2, ColSpan: 1}, {Text: "新浪微博", ColSpan: 1, RowSpan: 1}, {Text: "长期不更新", ColSpan: 1, RowSpan: 1}},
			{{Covered: true}, {Covered: true}, {Text: "微信公众号", ColSpan: 1, RowSpan: 1}, {Text: "合格", ColSpan: 1, RowSpan: 1}},
		},
	}
	out := mustLayout(t, &doc.Document{Body: []doc.Block{tb}})
	p := out.Pages[0]
	var rules []*Rule
	var texts []*Text
	for _, it := range p.Items {
		switch x := it.(type) {
		case *Rule:
			rules = append(rules, x)
		case *Text:
			if x.Size == 14 {
				texts = append(texts, x)
			}
		}
	}
	find := func(s string) *Text {
		for _, x := range texts {
			if x.Text == s {
				return x
			}
		}
		t.Fatalf("no %q", s)
		return nil
	}
	// column edges, from the vertical borders
	var xs []float64
	for _, r := range rules {
		if r.X1 == r.X2 && !slices.ContainsFunc(xs, func(x float64) bool { return math.Abs(x-r.X1) < 0.01 }) {
			xs = append(xs, r.X1)
		}
	}
	slices.Sort(xs)
	if len(xs) != 5 || math.Abs(xs[0]-typeLeft) > 1e-6 || math.Abs(xs[4]-typeRight) > 1e-6 {
		t.Fatalf("column edges %v: want 5 from the left to the right edge of the type area", xs)
	}
	left, c1, c2, c3 := xs[0], xs[1], xs[2], xs[3]
	// 政务新媒体 spans columns 3–4: centred between c2 and the right edge.
	x := find("政务新媒体")
	mid := (x.X[0] + x.X[len(x.X)-1] + 14) / 2
	if math.Abs(mid-(c2+typeRight)/2) > tol {
		t.Errorf("merged header not centred: %.2f vs %.2f", mid, (c2+typeRight)/2)
	}
	// 序号 spans two header rows: it sits between the 政务新媒体 row and the
	// 账号 row vertically.
	xh, xa, xz := find("序号"), find("政务新媒体"), find("账号")
	if !(xh.Y > xa.Y && xh.Y < xz.Y) {
		t.Errorf("row-spanning cell not centred vertically: %.1f not between %.1f and %.1f", xh.Y, xa.Y, xz.Y)
	}
	// No vertical rule at c3 in the first header row; no horizontal rule
	// through 序号/单位 or 1/曹庄镇 between their rows.
	for _, r := range rules {
		if r.X1 == r.X2 && math.Abs(r.X1-c3) < 0.01 && r.Y1 < xa.Y && r.Y2 > xa.Y {
			t.Errorf("vertical rule crosses the merged header cell")
		}
		if r.Y1 == r.Y2 && r.Y1 > xa.Y && r.Y1 < xz.Y && r.X1 < c1-0.01 && r.X2 > left+0.01 {
			t.Errorf("horizontal rule crosses the row-spanning 序号 cell at y %.1f", r.Y1)
		}
	}
	for _, r := range rules {
		if r.Width <= 0 || r.Color != Black {
			t.Errorf("border %+v", r)
		}
	}
}

// A landscape table is set on landscape pages, its head towards the left
// edge of the sheet as one looks at it (the 订口 of an odd page, the 切口 of
// an even one); the page number stands where it stands on a portrait page
// of the same sheet, upright for the reader of the sheet.
func TestLandscapeTable(t *testing.T) {
	tb := statTable(40)
	tb.Landscape = true
	d := paras("现将检查情况统计如下：")
	d.Body = append(d.Body, tb)
	d.Body = append(d.Body, paras("以上情况，请各单位认真整改。").Body...)
	out := mustLayout(t, d)
	checkInside(t, out)
	land := 0
	for pi, p := range out.Pages {
		if !p.Landscape {
			if p.Width > p.Height {
				t.Errorf("portrait page %d is wider than tall", pi+1)
			}
			continue
		}
		land++
		if !(p.Width > p.Height) || math.Abs(p.Width-297*mm) > 1e-6 {
			t.Errorf("landscape page %d is %.1f × %.1f mm", pi+1, p.Width/mm, p.Height/mm)
		}
		// the table spans the long side of the type area (225 mm)
		minX, maxX := math.Inf(1), math.Inf(-1)
		for _, it := range p.Items {
			if r, ok := it.(*Rule); ok {
				minX, maxX = math.Min(minX, r.X1), math.Max(maxX, r.X2)
			}
		}
		if math.Abs(maxX-minX-225*mm) > tol {
			t.Errorf("landscape table %.1f mm wide, want 225", (maxX-minX)/mm)
		}
		var num *Text
		for _, it := range p.Items {
			if x, ok := it.(*Text); ok && x.Face == doc.FaceSong {
				num = x
			}
		}
		if num == nil {
			t.Fatalf("landscape page %d has no number", pi+1)
		}
		// Map the number's origin back to the portrait sheet, turned
		// clockwise on every landscape page.
		odd := (pi+1)%2 == 1
		if num.Rotate != -90 {
			t.Errorf("landscape page number rotated %v", num.Rotate)
		}
		px, py := num.Y, 297*mm-num.X[0]
		if dash := py - 0.88*14 + 0.5*14; math.Abs(dash-(typeBottom+7*mm)) > tol {
			t.Errorf("landscape page %d: number %.2f mm below the type area on the sheet", pi+1, (dash-typeBottom)/mm)
		}
		ext := 0.0
		for _, r := range num.Text {
			ext += 14 * cells(r)
		}
		if odd && math.Abs(px+ext-(typeRight-14)) > tol {
			t.Errorf("odd landscape page %d: number ends %.2f pt from the right edge of the sheet's type area", pi+1, typeRight-px-ext)
		}
		if !odd && math.Abs(px-(typeLeft+14)) > tol {
			t.Errorf("even landscape page %d: number starts %.2f pt from the left", pi+1, px-typeLeft)
		}
	}
	if land < 2 {
		t.Errorf("%d landscape pages, want the table over at least 2", land)
	}
	if last := out.Pages[len(out.Pages)-1]; last.Landscape {
		t.Errorf("the text after the table is not back on a portrait page")
	}
}

// When the texts of a table cannot all stay on one line, the short ones
// (a few characters) still do: only the long texts wrap.
func TestShortCellsDoNotWrap(t *testing.T) {
	tb := &doc.Table{
		Columns: []doc.Column{{Width: 1}, {Width: 3}, {Width: 2}, {Width: 3}, {Width: 2}, {Width: 2}},
		Header:  [][]doc.Cell{row("序号", "单位", "网站栏目", "账号名称", "平台", "检查结果")},
	}
	for i := 0; i < 5; i++ {
		tb.Rows = append(tb.Rows, row(fmt.Sprint(i+1), "住房公积金管理中心临沭分中心", "更新不及时", "临沭自然资源和规划局官方账号", "微信公众号", "原创性不高"))
	}
	tb.FontSize = 12
	out := mustLayout(t, &doc.Document{Body: []doc.Block{tb}})
	checkInside(t, out)
	for _, x := range tableTexts(out, 12)[0] {
		switch x.Text {
		case "更新不", "微信公众", "原创性不", "序", "网站栏", "检查结":
			t.Errorf("short text wrapped: %q", x.Text)
		}
	}
	// and the long ones do wrap, inside their cells
	n := 0
	for _, x := range tableTexts(out, 12)[0] {
		if strings.HasPrefix("住房公积金管理中心临沭分中心", x.Text) && x.Text != "住房公积金管理中心临沭分中心" {
			n++
		}
	}
	if n == 0 {
		t.Errorf("the long unit names did not wrap: the test does not test")
	}
}

// A table's caption is 小标宋, centred: 三号 among the body's paragraphs,
// 二号 in an attachment.
func TestTableCaption(t *testing.T) {
	for _, inBody := range []bool{true, false} {
		d := paras("现将检查情况统计如下：")
		tb := statTable(3)
		if inBody {
			d.Body = append(d.Body, tb)
		} else {
			d.Attachments = []doc.Attachment{{Title: "检查情况", Blocks: []doc.Block{tb}}}
		}
		out := mustLayout(t, d)
		var capText *Text
		for _, p := range out.Pages {
			for _, it := range p.Items {
				if x, ok := it.(*Text); ok && x.Text == tb.Caption {
					capText = x
				}
			}
		}
		want := 22.0
		if inBody {
			want = 16
		}
		if capText == nil || capText.Size != want || capText.Face != doc.FaceXiaoBiaoSong {
			t.Fatalf("in body %v: caption %+v", inBody, capText)
		}
		right := capText.X[len(capText.X)-1] + capText.Size
		if math.Abs((capText.X[0]-typeLeft)-(typeRight-right)) > 0.01 {
			t.Errorf("caption not centred")
		}
	}
}
