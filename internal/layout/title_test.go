package layout

import (
	"strings"
	"testing"
)

// Titles break at word boundaries into a trapezoid or a diamond, every line
// within the type width at 二号, and never split a number or a word.
func TestTitleLines(t *testing.T) {
	words := []string{"2021", "2022", "2023", "政务新媒体", "人民政府", "办公室", "政府网站", "第三季度", "第四季度", "第一批", "通报", "检查"}
	for _, title := range []string{
		"临沭县人民政府办公室关于2021年全县第三季度政府网站和政务新媒体检查情况通报",
		"临沭县人民政府办公室关于2023年9月份政府网站和政务新媒体检查情况的通报",
		"关于全县政府网站和政务新媒体第一批抽查情况的通报",
		"县政府办公室关于2022年第四季度全县政府网站与政务新媒体检查情况的通报",
		"关于2022年第四季度政务新媒体检查情况的通报",
	} {
		lines := TitleLines([]string{title})
		if strings.Join(lines, "") != title {
			t.Fatalf("words changed: %q", lines)
		}
		var w []float64
		for _, l := range lines {
			x := 0.0
			for _, r := range l {
				x += 22 * cells(r)
			}
			if x > typeWidth+1e-6 {
				t.Errorf("%q wider than the type area", l)
			}
			w = append(w, x)
		}
		if len(lines) > 1 && !trapezoidOrDiamond(w) {
			t.Errorf("%q: widths %v are no trapezoid or diamond", lines, w)
		}
		for i := 1; i < len(lines); i++ {
			joint := lines[i-1] + "|" + lines[i]
			for _, wd := range words {
				for k := 1; k < len([]rune(wd)); k++ {
					rs := []rune(wd)
					if strings.Contains(joint, string(rs[:k])+"|"+string(rs[k:])) {
						t.Errorf("%q splits %q", lines, wd)
					}
				}
			}
		}
		t.Logf("%q", lines)
	}
	if got := TitleLines([]string{"关于开展检查的", "通报"}); len(got) != 2 || got[1] != "通报" {
		t.Errorf("explicit lines not kept: %q", got)
	}
	if got := TitleLines([]string{"关于检查情况的通报"}); len(got) != 1 {
		t.Errorf("a short title broken: %q", got)
	}
}
