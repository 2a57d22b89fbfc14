package layout

import (
	"testing"

	"github.com/gongwen/gongwen/internal/doc"
)

// The line breaker's invariants on any text: no character lost or
// reordered, no line wider than its measure, no line starting with a
// closing mark or ending with an opening one unless the text leaves no
// choice (a word longer than a line, or marks at the very start or end), no
// empty line.
func FuzzBreakLines(f *testing.F) {
	for _, s := range []string{
		"为进一步推进全县政府网站建设及政务新媒体监管工作，根据国务院办公厅和省政府办公厅、市政府办公室关于政府网站和政务新媒体常态化监管的工作要求。",
		"【相关账号：交通运输局（微信公众号）、玉山镇（微信公众号）、店头镇（微博、微信公众号）】，各单位",
		"www.gov.cn/zhengce/2021-09/22/content_5638838.htm 与 “政务公开看临沂”……——",
		"1234567890123456789012345678901234567890123456789012345678901234567890",
	} {
		f.Add(s, 26.0)
	}
	f.Fuzz(func(t *testing.T, s string, cellsFirst float64) {
		if cellsFirst < 1 || cellsFirst > 28 || len(s) > 2000 {
			return
		}
		st := body()
		gs := plainGlyphs(s, doc.FaceFangSong)
		first, rest := cellsFirst*st.pitch, 28*st.pitch
		lines := st.breakLines(gs, first, rest)
		var got, want []rune
		for _, g := range gs {
			if !space(g.r) {
				want = append(want, g.r)
			}
		}
		for i, ln := range lines {
			if len(ln) == 0 {
				t.Fatalf("empty line %d", i)
			}
			m := rest
			if i == 0 {
				m = first
			}
			if w := st.width(ln); w > m+1e-6 {
				t.Fatalf("line %d is %.2f wide, measure %.2f", i, w, m)
			}
			xs := st.place(ln, m, alignJustify)
			for k, g := range ln {
				l, r := st.inkBox(g, xs[k])
				if l < -1e-6 || r > m+1e-6 {
					t.Fatalf("line %d glyph %q box %.2f–%.2f outside 0–%.2f", i, g.r, l, r, m)
				}
				if !space(g.r) {
					got = append(got, g.r)
				}
			}
		}
		if string(got) != string(want) {
			t.Fatalf("text changed:\n%q\n%q", string(got), string(want))
		}
		// 避头尾 wherever the line before could take or give a character.
		for i := 1; i < len(lines); i++ {
			prev, ln := lines[i-1], lines[i]
			if closing(ln[0].r) && !closing(prev[len(prev)-1].r) && len(prev) > 1 && !wordRune(ln[0].r) {
				t.Fatalf("line %d starts with %q", i, ln[0].r)
			}
			if opening(prev[len(prev)-1].r) && len(prev) > 1 {
				t.Fatalf("line %d ends with %q", i-1, prev[len(prev)-1].r)
			}
		}
	})
}
