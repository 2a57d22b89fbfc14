package layout

import (
	"math"
	"sort"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/internal/doc"
	g "github.com/gongwen/gongwen/internal/gbt9704"
)

// The standard's numbers, re-derived here from millimetres so that the tests
// do not merely read back the constants the code uses.
var (
	mm         = 72 / 25.4
	typeLeft   = 28 * mm
	typeTop    = 37 * mm
	typeWidth  = 156 * mm
	typeHeight = 225 * mm
	typeRight  = typeLeft + typeWidth
	typeBottom = typeTop + typeHeight
	linePitch  = typeHeight / 22
	charPitch  = typeWidth / 28
	tol        = 0.5 * mm // the brief's ±0.5 mm
)

// tline is one line of text as a reader sees it: the runes at one baseline
// on one page, left to right.
type tline struct {
	page  int
	y     float64
	runes []rune
	xs    []float64
	sizes []float64
	faces []doc.Face
}

func (l tline) String() string { return string(l.runes) }

// boxRight is the right edge of rune k's em box (a half-width rune's box is
// half an em).
func (l tline) boxRight(k int) float64 {
	w := l.sizes[k]
	if !wide(l.runes[k]) {
		w /= 2
	}
	return l.xs[k] + w
}

// inkRight is the right edge of rune k's ink: a closing mark squeezed to
// half a cell (the next rune, or the line's end, comes within half a cell)
// keeps only the left half of its em box.
func (l tline) inkRight(k int, end float64) float64 {
	r := l.boxRight(k)
	if squeezable(l.runes[k]) > 0 {
		next := end
		if k+1 < len(l.runes) {
			next = l.xs[k+1]
		}
		if next-l.xs[k] < 0.75*l.sizes[k] {
			return l.xs[k] + l.sizes[k]/2
		}
	}
	return r
}

// textLines returns the lines of text on every page (page numbers excluded
// unless withNumbers).
func textLines(out *Document, withNumbers bool) []tline {
	var all []tline
	for pi, p := range out.Pages {
		by := map[int64]*tline{}
		var keys []int64
		for _, it := range p.Items {
			t, ok := it.(*Text)
			if !ok || (!withNumbers && t.Face == doc.FaceSong) {
				continue
			}
			k := int64(math.Round(t.Y * 100))
			l := by[k]
			if l == nil {
				l = &tline{page: pi, y: t.Y}
				by[k] = l
				keys = append(keys, k)
			}
			for i, r := range []rune(t.Text) {
				l.runes = append(l.runes, r)
				l.xs = append(l.xs, t.X[i])
				l.sizes = append(l.sizes, t.Size)
				l.faces = append(l.faces, t.Face)
			}
		}
		sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
		for _, k := range keys {
			l := by[k]
			idx := make([]int, len(l.runes))
			for i := range idx {
				idx[i] = i
			}
			sort.SliceStable(idx, func(a, b int) bool { return l.xs[idx[a]] < l.xs[idx[b]] })
			var s tline = tline{page: l.page, y: l.y}
			for _, i := range idx {
				s.runes = append(s.runes, l.runes[i])
				s.xs = append(s.xs, l.xs[i])
				s.sizes = append(s.sizes, l.sizes[i])
				s.faces = append(s.faces, l.faces[i])
			}
			all = append(all, s)
		}
	}
	return all
}

// bodyLines are the 三号 lines of the body on portrait pages.
func bodyLines(out *Document) []tline {
	var ls []tline
	for _, l := range textLines(out, false) {
		if l.sizes[0] == g.BodySize {
			ls = append(ls, l)
		}
	}
	return ls
}

// gridIndex returns the grid line a body baseline stands on, and how far
// (points) it is from standing exactly on it. Text on the grid has its em
// box (EmAscent above the baseline, EmDescent below) centred in the line.
func gridIndex(y, size float64) (int, float64) {
	emTop := y - 0.88*size
	centre := emTop + size/2
	f := (centre-typeTop)/linePitch - 0.5
	i := int(math.Round(f))
	return i, math.Abs(f-float64(i)) * linePitch
}

// paras builds a document whose body is the given plain paragraphs.
func paras(texts ...string) *doc.Document {
	d := &doc.Document{}
	for _, t := range texts {
		d.Body = append(d.Body, &doc.Paragraph{Runs: []doc.Run{{Text: t, Face: doc.FaceFangSong}}})
	}
	return d
}

func mustLayout(t *testing.T, d *doc.Document) *Document {
	t.Helper()
	out, err := Layout(d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// checkLines asserts the properties every body line must have: no line
// starts with a closing mark or ends with an opening one, every box lies
// inside the type area, and every line that is not the last of its
// paragraph is justified to the type area's right edge.
func checkLines(t *testing.T, ls []tline, lastOfPara func(i int) bool) {
	t.Helper()
	for i, l := range ls {
		if closing(l.runes[0]) {
			t.Errorf("line %d starts with closing mark %q: %s", i, l.runes[0], l)
		}
		if opening(l.runes[len(l.runes)-1]) {
			t.Errorf("line %d ends with opening mark: %s", i, l)
		}
		for k := range l.runes {
			if l.xs[k] < typeLeft-1e-6 && !(squeezable(l.runes[k]) < 0) {
				t.Errorf("line %d rune %q starts left of the type area (%.3f)", i, l.runes[k], l.xs[k])
			}
			if r := l.inkRight(k, typeRight); r > typeRight+1e-6 {
				t.Errorf("line %d rune %q ends right of the type area by %.3f pt: %s", i, l.runes[k], r-typeRight, l)
			}
		}
		if lastOfPara != nil && !lastOfPara(i) {
			n := len(l.runes) - 1
			if d := math.Abs(l.inkRight(n, typeRight) - typeRight); d > 1e-6 {
				t.Errorf("full line %d not justified: last glyph ends %.3f pt from the right edge: %s", i, d, l)
			}
		}
	}
}

func joined(ls []tline) string {
	var sb strings.Builder
	for _, l := range ls {
		sb.WriteString(string(l.runes))
	}
	return sb.String()
}

// trapezoidOrDiamond: widths (top to bottom) never grow after they have
// shrunk, the longest line is not the last, and no line is under a third of
// the longest (a one-word line under a long one).
func trapezoidOrDiamond(w []float64) bool {
	long := 0
	for i := range w {
		if w[i] > w[long] {
			long = i
		}
	}
	if long == len(w)-1 {
		return false
	}
	for i := 1; i < len(w); i++ {
		if i > long && w[i] > w[i-1]+charPitch/2 {
			return false
		}
		if w[i] < w[long]/3 {
			return false
		}
	}
	return true
}
