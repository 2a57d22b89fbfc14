package layout

import (
	"github.com/gongwen/gongwen/internal/doc"
)

// eps absorbs floating-point noise when comparing widths (points).
const eps = 1e-6

// glyph is one rune to set.
type glyph struct {
	r     rune
	face  doc.Face
	cells float64 // 1 or ½
	// squeeze is 0, or ±1 when the mark's advance is compressed to half a
	// cell: +1 keeps the left half of its em box (closing marks), -1 the
	// right half (opening marks).
	squeeze int
}

// glyphs turns runs into glyphs; control characters are dropped.
func glyphs(runs []doc.Run) []glyph {
	var out []glyph
	for _, run := range runs {
		for _, r := range run.Text {
			if r < 0x20 && r != '\t' || r == 0x7F {
				continue
			}
			out = append(out, glyph{r: r, face: run.Face, cells: cells(r)})
		}
	}
	return out
}

// plainGlyphs is glyphs of one face.
func plainGlyphs(s string, face doc.Face) []glyph {
	return glyphs([]doc.Run{{Text: s, Face: face}})
}

// setter sets glyphs of one size: a full cell advances pitch (the grid's
// character pitch for body text, the size itself elsewhere).
type setter struct {
	size  float64
	pitch float64
}

// adv is the advance of g.
func (s setter) adv(g glyph) float64 {
	if g.squeeze != 0 {
		return s.pitch / 2
	}
	return g.cells * s.pitch
}

// ink is the width of g's box: its em box, or the half of it that holds
// the ink of a squeezed mark.
func (s setter) ink(g glyph) float64 {
	if g.squeeze != 0 {
		return s.size / 2
	}
	return g.cells * s.size
}

// width is the sum of the advances of gs: what the line takes on the
// measure (28 full cells of body text fill the type width exactly).
func (s setter) width(gs []glyph) float64 {
	w := 0.0
	for _, g := range gs {
		w += s.adv(g)
	}
	return w
}

// extent is the distance from the first box's left edge to the last box's
// right edge when gs are set at their natural advances.
func (s setter) extent(gs []glyph) float64 {
	if len(gs) == 0 {
		return 0
	}
	return s.width(gs[:len(gs)-1]) + s.ink(gs[len(gs)-1])
}

// unit is a stretch of glyphs no line break may fall inside: a character
// with the opening marks before it and the closing marks after it, or a
// Latin word or number.
type unit struct {
	start, end int
	space      bool
}

func units(gs []glyph) []unit {
	var us []unit
	for i, g := range gs {
		join := false
		if i > 0 && len(us) > 0 && !us[len(us)-1].space && !space(g.r) {
			prev := gs[i-1].r
			switch {
			case opening(prev):
				join = true
			case closing(g.r):
				join = true
			case wordRune(g.r) && wordRune(prev):
				join = true
			}
		}
		if space(g.r) && len(us) > 0 && us[len(us)-1].space {
			join = true
		}
		if join {
			us[len(us)-1].end = i + 1
			continue
		}
		// A closing mark after a space still may not start a line: the
		// space and the mark join the unit before the space.
		if closing(g.r) && !wordRune(g.r) && len(us) > 1 && us[len(us)-1].space && !us[len(us)-2].space {
			us = us[:len(us)-1]
			us[len(us)-1].end = i + 1
			continue
		}
		us = append(us, unit{start: i, end: i + 1, space: space(g.r)})
	}
	return us
}

// breakLines breaks gs into lines: the first line has first points of
// measure, the others rest. No line starts with a closing mark or ends with
// an opening one (避头尾), no Latin word or number is split, and a closing
// mark that would start a line is pulled back onto the line above by
// squeezing punctuation there to half a cell when that is enough, else the
// character before it goes down with it. A line never exceeds its measure.
func (s setter) breakLines(gs []glyph, first, rest float64) [][]glyph {
	us := units(gs)
	var lines [][]glyph
	var cur []glyph
	w := 0.0
	measure := first
	trim := func() {
		for len(cur) > 0 && space(cur[len(cur)-1].r) {
			cur = cur[:len(cur)-1]
		}
	}
	flush := func() {
		trim()
		// An opening mark left at the end (one followed by a space) goes
		// down with what it opens.
		var carry []glyph
		for len(cur) > 1 && opening(cur[len(cur)-1].r) {
			carry = append([]glyph{cur[len(cur)-1]}, carry...)
			cur = cur[:len(cur)-1]
			trim()
		}
		lines = append(lines, cur)
		cur, w, measure = carry, s.width(carry), rest
	}
	for ui := 0; ui < len(us); {
		u := us[ui]
		ug := gs[u.start:u.end]
		if u.space && len(cur) == 0 {
			ui++
			continue
		}
		uw := s.width(ug)
		if w+uw <= measure+eps {
			cur = append(cur, ug...)
			w += uw
			ui++
			continue
		}
		if u.space {
			ui++
			flush()
			continue
		}
		if len(cur) == 0 {
			// A word longer than the measure: split it where it must be.
			k, kw := 0, 0.0
			for k < len(ug) && kw+s.adv(ug[k]) <= measure+eps {
				kw += s.adv(ug[k])
				k++
			}
			// Keep 避头尾 at the cut too.
			for k > 1 && k < len(ug) && (closing(ug[k].r) || opening(ug[k-1].r)) {
				k--
			}
			if k == 0 {
				k = 1
			}
			cur = append(cur, ug[:k]...)
			us[ui].start += k
			if us[ui].start >= us[ui].end {
				ui++
			}
			flush()
			continue
		}
		if sq := s.squeezeFit(cur, ug, w+uw-measure, w, measure); sq != nil {
			cur = sq
			ui++
			flush()
			continue
		}
		flush()
	}
	if trim(); len(cur) > 0 {
		lines = append(lines, cur)
	}
	return lines
}

// squeezeFit tries to keep unit ug on the line cur by squeezing
// punctuation to half a cell. It only does so when what overflows is the
// unit's trailing closing marks (the case 避头尾 is about); it returns the
// new line, or nil.
func (s setter) squeezeFit(cur, ug []glyph, need, w, measure float64) []glyph {
	core := len(ug)
	for core > 1 && closing(ug[core-1].r) {
		core--
	}
	if core == len(ug) || w+s.width(ug[:core]) > measure+eps {
		return nil
	}
	line := make([]glyph, 0, len(cur)+len(ug))
	line = append(line, cur...)
	line = append(line, ug...)
	saved := 0.0
	for i := len(line) - 1; i >= 0 && saved < need-eps; i-- {
		g := &line[i]
		if g.squeeze != 0 {
			continue
		}
		if d := squeezable(g.r); d != 0 && g.cells == 1 {
			g.squeeze = d
			saved += s.pitch / 2
		}
	}
	if saved < need-eps {
		return nil
	}
	return line
}

// Alignment of a set line on its measure.
type lineAlign int

const (
	alignLeft    lineAlign = iota // natural advances from the left
	alignJustify                  // first box at the left, last box's right edge at the right
	alignCenter
	alignRight
)

// place returns the x at which to draw each glyph (the left edge of its em
// box), relative to the left of a measure of the given width. A line whose
// natural extent exceeds the measure is always justified, so no glyph box
// ever crosses the measure's edges.
func (s setter) place(gs []glyph, measure float64, a lineAlign) []float64 {
	xs := make([]float64, len(gs))
	if len(gs) == 0 {
		return xs
	}
	ext := s.extent(gs)
	if ext > measure+eps {
		a = alignJustify
	}
	start, delta := 0.0, 0.0
	switch a {
	case alignJustify:
		if len(gs) > 1 {
			delta = (measure - ext) / float64(len(gs)-1)
		}
	case alignCenter:
		start = (measure - ext) / 2
	case alignRight:
		start = measure - ext
	}
	x := start
	for i, g := range gs {
		xs[i] = x
		if g.squeeze < 0 {
			xs[i] -= s.size / 2
		}
		x += s.adv(g) + delta
	}
	return xs
}

// inkBox is the left and right edge of g's box when drawn at x.
func (s setter) inkBox(g glyph, x float64) (float64, float64) {
	if g.squeeze < 0 {
		x += s.size / 2
	}
	return x, x + s.ink(g)
}
