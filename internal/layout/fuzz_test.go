package layout

import (
	"strings"
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

// Layout never panics and keeps every body glyph inside the type area,
// whatever the text of the title, paragraphs, table cells and 抄送.
func FuzzLayout(f *testing.F) {
	f.Add("临沭县人民政府办公室关于2021年全县第三季度政府网站和政务新媒体检查情况通报", "各镇街：\n现将有关情况通报如下。\n（一）切实提高认识。", "序号|单位|结果", 3)
	f.Fuzz(func(t *testing.T, title, text, cells string, rows int) {
		if len(title)+len(text)+len(cells) > 3000 || rows < 0 || rows > 60 {
			return
		}
		d := &doc.Document{Title: []string{title}}
		for _, p := range strings.Split(text, "\n") {
			d.Body = append(d.Body, &doc.Paragraph{Runs: []doc.Run{{Text: p, Face: doc.FaceFangSong}}})
		}
		cs := strings.Split(cells, "|")
		tb := &doc.Table{Caption: title}
		for range cs {
			tb.Columns = append(tb.Columns, doc.Column{})
		}
		tb.Header = [][]doc.Cell{row(cs...)}
		for i := 0; i < rows; i++ {
			tb.Rows = append(tb.Rows, row(cs...))
		}
		d.Body = append(d.Body, tb)
		d.Signature = doc.Signature{Issuers: []string{title}, Date: doc.Date{Year: 2021, Month: 9, Day: 22}}
		d.Colophon = &doc.Colophon{CC: cs, PrintedBy: title, PrintedOn: doc.Date{Year: 2021, Month: 9, Day: 22}}
		out, err := Layout(d, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Pages)%2 != 0 {
			t.Fatalf("%d pages", len(out.Pages))
		}
		for _, l := range bodyLines(out) {
			for k := range l.runes {
				if l.xs[k] < typeLeft-0.01 && squeezable(l.runes[k]) >= 0 {
					t.Fatalf("%q starts left of the type area", l)
				}
			}
		}
	})
}
