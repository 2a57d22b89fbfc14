package layout

import (
	"math"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/gongwen/gongwen/internal/doc"
	g "github.com/gongwen/gongwen/internal/gbt9704"
)

// tableHeightLines reads back from the page how many lines of cell text the
// table's rows hold in all: its height between the outermost horizontal
// rules, less the cells' padding, in cell line pitches.
func tableHeightLines(t *testing.T, out *Document, rows int, size float64) float64 {
	t.Helper()
	top, bottom := math.Inf(1), math.Inf(-1)
	for _, it := range out.Pages[0].Items {
		if r, ok := it.(*Rule); ok && r.Y1 == r.Y2 {
			top, bottom = math.Min(top, r.Y1), math.Max(bottom, r.Y1)
		}
	}
	h := bottom - top - float64(rows)*2*g.TableCellPaddingV
	return h / (size * g.TableLineSpacing)
}

// With texts that cannot all stay on one line, the columns are as wide as
// makes the table shortest: its number of lines equals the least any
// division of the type width into whole characters per column allows
// (keeping the practice minimum width), found here by trying them all (texts of whole-width characters only, so
// that a cell of n characters in a column of k takes ⌈n/k⌉ lines).
func TestColumnWidthsMinimiseLines(t *testing.T) {
	// the sample's statistics table, at 小四
	linshu := [][]string{
		{"序号", "单位", "网站栏目", "账号名称", "平台", "检查结果"},
		{"甲", "民族宗教事务局", "更新不及时", "临沭民宗", "微信公众号", "合格"},
		{"乙", "自然资源和规划局", "更新及时", "临沭自然资源和规划", "微信公众号", "变更未报备"},
		{"丙", "住房公积金管理中心", "更新不及时", "临沭公积金", "微信公众号", "合格"},
		{"丁", "退役军人事务局", "更新及时", "临沭退役军人", "今日头条", "长期不更新"},
		{"戊", "行政审批服务局", "更新及时", "临沭审批", "微信公众号", "原创性不高"},
		{"己", "机关事务服务中心", "更新不及时", "临沭机关事务", "微信公众号", "合格"},
		{"庚", "农业农村局", "更新不及时", "临沭农业农村", "微博", "合格"},
		{"辛", "生态环境分局", "长期不更新", "临沭生态环境", "今日头条", "长期不更新"},
	}
	// the district sample's table, at 四号: its long headers wrap
	// whatever the width, so their columns give way to the unit names
	district := [][]string{
		{"序号", "单位", "最后更新", "未更新天数", "抽查结果", "政务新媒体", "其中不合格"},
		{"１", "城关街道", "４月１日", "５", "更新及时", "１", "０"},
		{"５", "区发展改革局", "４月５日", "１", "更新及时", "１", "０"},
		{"６", "区教育和体育局", "３月２０日", "１７", "更新不及时", "２", "２"},
		{"８", "区自然资源局", "４月３日", "３", "更新及时", "１", "１"},
		{"９", "区农业农村局", "２月１５日", "５０", "长期不更新", "１", "１"},
		{"１０", "区卫生健康局", "４月６日", "０", "更新及时", "２", "１"},
	}
	for _, c := range []struct {
		name  string
		size  float64
		texts [][]string
	}{{"linshu", 12, linshu}, {"district", 14, district}} {
		t.Run(c.name, func(t *testing.T) { checkMinimalLines(t, c.size, c.texts) })
	}
}

func checkMinimalLines(t *testing.T, size float64, texts [][]string) {
	tb := &doc.Table{FontSize: size}
	for range texts[0] {
		tb.Columns = append(tb.Columns, doc.Column{Width: 1})
	}
	tb.Header = [][]doc.Cell{row(texts[0]...)}
	for _, r := range texts[1:] {
		tb.Rows = append(tb.Rows, row(r...))
	}
	out := mustLayout(t, &doc.Document{Body: []doc.Block{tb}})
	got := tableHeightLines(t, out, len(texts), size)

	// every division of the type width into whole characters per column
	n := len(texts[0])
	longest := make([]int, n)
	for _, r := range texts {
		for c, s := range r {
			longest[c] = max(longest[c], utf8.RuneCountInString(s))
		}
	}
	// The practice minimum (gbt9704.TableMinWrapChars): no column
	// narrower than its longest text or that many characters, unless
	// none of its texts takes more lines for it.
	lines := func(c, k int) []int {
		var ls []int
		for _, r := range texts {
			ls = append(ls, (utf8.RuneCountInString(r[c])+k-1)/k)
		}
		return ls
	}
	floor := make([]int, n)
	for c := range floor {
		start := min(longest[c], g.TableMinWrapChars)
		floor[c] = start
		for k := start - 1; k >= 1 && slices.Equal(lines(c, k), lines(c, start)); k-- {
			floor[c] = k
		}
	}
	pad := 2 * g.TableCellPadding
	best := math.MaxInt
	caps := make([]int, n)
	var bestCaps []int
	var try func(c int, used float64)
	try = func(c int, used float64) {
		if c == n {
			total := 0
			for _, r := range texts {
				h := 1
				for k, s := range r {
					h = max(h, (utf8.RuneCountInString(s)+caps[k]-1)/caps[k])
				}
				total += h
			}
			if total < best {
				best = total
				bestCaps = slices.Clone(caps)
			}
			return
		}
		for k := floor[c]; k <= longest[c]; k++ {
			w := float64(k)*size + pad
			if used+w > typeWidth+1e-6 {
				break
			}
			caps[c] = k
			try(c+1, used+w)
		}
	}
	try(0, 0)
	if best == math.MaxInt {
		t.Fatal("no division fits: the test does not test")
	}
	if best == len(texts) {
		t.Fatal("every text fits on one line: the test does not test")
	}
	if math.Abs(got-float64(best)) > 0.01 {
		t.Errorf("the table takes %.2f lines, the best division of the width %d (characters a column: %v)", got, best, bestCaps)
	}
}

// No cell's text ends with a line of one character alone when its lines can
// be evened out (the sample's statistics table: 临沭自然资源和规/划 and the
// like).
func TestNoLoneCharacterInCells(t *testing.T) {
	d, out := sample(t)
	whole := map[string]bool{}
	var tables []*doc.Table
	for _, a := range d.Attachments {
		for _, b := range a.Blocks {
			if tb, ok := b.(*doc.Table); ok {
				tables = append(tables, tb)
			}
		}
	}
	if len(tables) == 0 {
		t.Fatal("the sample has no table: the test does not test")
	}
	size := tables[0].FontSize
	for _, tb := range tables {
		for _, rows := range [][][]doc.Cell{tb.Header, tb.Rows} {
			for _, r := range rows {
				for _, c := range r {
					whole[c.Text] = true
				}
			}
		}
	}
	for pi, texts := range tableTexts(out, size) {
		for _, x := range texts {
			if utf8.RuneCountInString(x.Text) == 1 && !whole[x.Text] {
				t.Errorf("page %d: a cell's last line holds %q alone", pi+1, x.Text)
			}
		}
	}
}
