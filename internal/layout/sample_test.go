package layout

import (
	"testing"

	"github.com/gongwen/gongwen/internal/seedtest"
)

// The real sample: every sentence of the seed in order, every body line on
// the grid and inside the type area, ≤ 22 body lines a page, the title a
// trapezoid or diamond, the 版记 on an even page.
func TestSample(t *testing.T) {
	d, out := sample(t)
	var all string
	for _, l := range textLines(out, false) {
		all += l.String()
	}
	if m := seedtest.Missing(all); len(m) > 0 {
		t.Errorf("the layout misses the seed's sentences: %q", m)
	}
	per := map[int]int{}
	for _, l := range bodyLines(out) {
		if out.Pages[l.page].Landscape {
			continue
		}
		per[l.page]++
		if _, off := gridIndex(l.y, 16); off > 1e-6 {
			t.Errorf("line %q off the grid", l)
		}
	}
	for p, n := range per {
		if n > 22 {
			t.Errorf("page %d: %d lines", p+1, n)
		}
	}
	checkLines(t, bodyLines(out), nil)
	var widths []float64
	for _, l := range textLines(out, false) {
		if l.page == 0 && l.sizes[0] == 22 {
			widths = append(widths, l.boxRight(len(l.runes)-1)-l.xs[0])
		}
	}
	if len(widths) < 2 || !trapezoidOrDiamond(widths) {
		t.Errorf("title lines %v: not a trapezoid or diamond", widths)
	}
	if d.Colophon != nil && len(out.Pages)%2 != 0 {
		t.Errorf("%d pages: the 版记 page must be even", len(out.Pages))
	}
}
