package layout

import (
	"math"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/internal/doc"
)

// leftParas is a document of flush-left paragraphs (no indent), so that the
// first line holds the full 28 characters.
func leftParas(texts ...string) *doc.Document {
	d := paras(texts...)
	for _, b := range d.Body {
		b.(*doc.Paragraph).Align = doc.AlignLeft
	}
	return d
}

// Every closing mark that lands on column 29 is kept off the start of the
// next line: with another squeezable mark on the line it is pulled back (the
// two squeezed to half a cell, so 29 cells fit in 28; a half-width mark
// needs only the other squeezed); without, the character before it goes
// down with it and the short line is justified.
func TestClosingMarkAtColumn29(t *testing.T) {
	h := func(n int) string { return strings.Repeat("测", n) }
	for _, mark := range []string{"，", "。", "、", "；", "：", "？", "！", "）", "》", "」", "』", "】", "〕", "”", "’", "…", "—", ",", ".", ";", ")", "%"} {
		for _, squeeze := range []bool{false, true} {
			text := h(28) + mark + h(5)
			if squeeze {
				text = h(13) + "，" + h(14) + mark + h(5)
			}
			t.Run(mark, func(t *testing.T) {
				out := mustLayout(t, leftParas(text))
				ls := bodyLines(out)
				if joined(ls) != text {
					t.Fatalf("text changed: %q", joined(ls))
				}
				if len(ls) != 2 {
					t.Fatalf("want 2 lines, got %d: %v", len(ls), ls)
				}
				checkLines(t, ls, func(i int) bool { return i == 1 })
				r0 := []rune(mark)[0]
				first := []rune(ls[0].String())
				switch {
				case squeeze && (squeezable(r0) > 0 || !wide(r0)):
					if first[len(first)-1] != r0 {
						t.Errorf("%s should be pulled back by squeezing: line 1 = %s", mark, ls[0])
					}
				default:
					if ls[1].runes[0] != '测' || ls[1].runes[1] != r0 {
						t.Errorf("%s: the character before it should go down with it: line 2 = %s", mark, ls[1])
					}
				}
			})
		}
	}
}

// An opening mark that would end a line (column 28) goes to the next line.
func TestOpeningMarkAtColumn28(t *testing.T) {
	for _, mark := range []string{"（", "《", "「", "『", "【", "〔", "“", "‘", "("} {
		text := strings.Repeat("测", 27) + mark + "试" + strings.Repeat("测", 5)
		out := mustLayout(t, leftParas(text))
		ls := bodyLines(out)
		if joined(ls) != text || len(ls) != 2 {
			t.Fatalf("%s: lines %v", mark, ls)
		}
		checkLines(t, ls, func(i int) bool { return i == 1 })
		if string(ls[1].runes[0]) != mark {
			t.Errorf("%s should start line 2: %s / %s", mark, ls[0], ls[1])
		}
	}
}

// Numbers and Latin words are never split; they are half-width.
func TestWordsNotSplit(t *testing.T) {
	for _, w := range []string{"20211231", "www.gov.cn", "98.5%", "2021-09-22", "10:30", "ABC/DEF"} {
		for pre := 24; pre <= 27; pre++ {
			text := strings.Repeat("测", pre) + w + "测试"
			out := mustLayout(t, leftParas(text))
			ls := bodyLines(out)
			if joined(ls) != text {
				t.Fatalf("text changed")
			}
			checkLines(t, ls, func(i int) bool { return i == len(ls)-1 })
			found := false
			for _, l := range ls {
				if strings.Contains(l.String(), w) {
					found = true
				}
			}
			if !found {
				t.Errorf("%q split: %v", w, ls)
			}
		}
	}
	// Half-width: 56 digits fill a full line of 28 cells.
	out := mustLayout(t, leftParas(strings.Repeat("12 ", 18)+strings.Repeat("测", 10)))
	for _, l := range bodyLines(out) {
		for k := 1; k < len(l.runes); k++ {
			if l.runes[k-1] >= '0' && l.runes[k-1] <= '9' {
				if d := l.xs[k] - l.xs[k-1]; d > charPitch/2+0.01 && l.runes[k] != ' ' {
					t.Errorf("digit advance %.2f, want half a cell %.2f", d, charPitch/2)
				}
			}
		}
	}
}

// A paragraph that ends exactly at the end of a line gives no empty line,
// and its last line (full) is justified.
func TestParagraphEndingAtFullLine(t *testing.T) {
	text := strings.Repeat("测", 26+28) // first line indented two characters
	out := mustLayout(t, paras(text, "下段"))
	ls := bodyLines(out)
	if len(ls) != 3 {
		t.Fatalf("want 3 lines (26 + 28 + next paragraph), got %d: %v", len(ls), ls)
	}
	for _, l := range ls {
		if len(l.runes) == 0 {
			t.Error("empty line")
		}
	}
	checkLines(t, ls[:2], func(int) bool { return false })
	if i0, _ := gridIndex(ls[0].y, 16); true {
		if i2, _ := gridIndex(ls[2].y, 16); i2 != i0+2 {
			t.Errorf("next paragraph on grid line %d, want %d", i2, i0+2)
		}
	}
}

// Full lines hold 28 characters and are exactly the type width wide: the
// first glyph's left edge on the type area's left edge, the last glyph's
// right edge on its right edge; the first line is indented two characters.
func TestFullLines(t *testing.T) {
	text := strings.Repeat("政府网站和政务新媒体", 12)
	out := mustLayout(t, paras(text))
	ls := bodyLines(out)
	checkLines(t, ls, func(i int) bool { return i == len(ls)-1 })
	for i, l := range ls[:len(ls)-1] {
		want := 28
		left := typeLeft
		if i == 0 {
			want, left = 26, typeLeft+2*charPitch
		}
		if len(l.runes) != want {
			t.Errorf("line %d has %d characters, want %d", i, len(l.runes), want)
		}
		if math.Abs(l.xs[0]-left) > 1e-6 {
			t.Errorf("line %d starts at %.3f, want %.3f", i, l.xs[0], left)
		}
		// The character pitch is the grid's, 156 mm / 28, within the
		// 0.21 pt that justification takes from a 16 pt glyph.
		for k := 1; k < len(l.xs); k++ {
			if d := l.xs[k] - l.xs[k-1]; math.Abs(d-charPitch) > 0.02 {
				t.Errorf("line %d pitch %.3f, want %.3f", i, d, charPitch)
				break
			}
		}
	}
	last := ls[len(ls)-1]
	for k := 1; k < len(last.xs); k++ {
		if d := last.xs[k] - last.xs[k-1]; math.Abs(d-charPitch) > 1e-6 {
			t.Errorf("last line not at natural pitch: %.3f", d)
			break
		}
	}
}

// Headings carry their face only on their own runs; a line may mix faces.
func TestRunInHeadingFaces(t *testing.T) {
	d := &doc.Document{Body: []doc.Block{&doc.Paragraph{Level: 2, Number: "（一）", RunIn: true, Heading: "切实提高认识。",
		Runs: []doc.Run{{Text: "（一）切实提高认识。", Face: doc.FaceKai}, {Text: strings.Repeat("各镇街", 10), Face: doc.FaceFangSong}}}}}
	ls := bodyLines(mustLayout(t, d))
	for k, r := range ls[0].runes {
		want := doc.FaceFangSong
		if k < 10 {
			want = doc.FaceKai
		}
		if ls[0].faces[k] != want {
			t.Fatalf("rune %d %q in %s, want %s", k, r, ls[0].faces[k], want)
		}
	}
}
