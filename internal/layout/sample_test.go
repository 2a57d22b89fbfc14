package layout

import (
	"path/filepath"
	"testing"

	"github.com/gongwen/gongwen/internal/compose"
	"github.com/gongwen/gongwen/internal/source"

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

// Every sample lays out: body lines on the grid and inside the type area,
// 避头尾 kept, tables inside the type area, the 版记 page even, every page
// numbered or left unnumbered as §7.5 says.
func TestAllSamples(t *testing.T) {
	files, _ := filepath.Glob("../../samples/*.toml")
	if len(files) == 0 {
		t.Fatal("no samples in ../../samples: this test would test nothing")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			n, err := source.ReadFile(f)
			if err != nil {
				t.Fatalf("sample does not read, so its layout goes unchecked: %v", err)
			}
			d, err := compose.Compose(n, compose.Options{Dir: "../../samples"})
			if err != nil {
				t.Fatalf("sample does not compose, so its layout goes unchecked: %v", err)
			}
			out, err := Layout(d, Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkInside(t, out)
			var body []tline
			for _, l := range bodyLines(out) {
				if out.Pages[l.page].Landscape {
					continue
				}
				body = append(body, l)
				if _, off := gridIndex(l.y, 16); off > 1e-6 {
					t.Errorf("line %q off the grid", l)
				}
			}
			checkLines(t, body, nil)
			if d.Colophon != nil && len(out.Pages)%2 != 0 {
				t.Errorf("版记 on odd page %d", len(out.Pages))
			}
			for i, p := range out.Pages {
				if p.Number != 0 && p.Number != i+1 {
					t.Errorf("page %d numbered %d", i+1, p.Number)
				}
			}
		})
	}
}
