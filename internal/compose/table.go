package compose

import (
	"github.com/gongwen/gongwen/internal/doc"
	"github.com/gongwen/gongwen/internal/gbt9704"
	"github.com/gongwen/gongwen/internal/source"
)

// Merge marks in a written table: a cell "<" joins the cell to its left, "^"
// the cell above (as source checks them).
const (
	MergeLeft = source.MergeLeft
	MergeUp   = source.MergeUp
)

// FontSizes maps the 字号 names a table may use to points.
var FontSizes = map[string]float64{
	"三号": gbt9704.SizeSan, "小三": gbt9704.SizeXiaoSan, "四号": gbt9704.SizeSi,
	"小四": gbt9704.SizeXiaoSi, "五号": gbt9704.SizeWu,
}

// Table composes a written table into the model's full grid.
func Table(t *source.Table) *doc.Table {
	out := &doc.Table{
		ID:         t.ID,
		Caption:    t.Caption,
		Subcaption: t.Subcaption,
		UnitLine:   t.UnitLine,
		FontSize:   FontSizes[t.FontSize],
		Landscape:  t.Landscape,
		Notes:      t.Notes,
	}
	for _, c := range t.Columns {
		out.Columns = append(out.Columns, doc.Column{Width: c.Width, Align: doc.Align(c.Align)})
	}
	if b := t.Built; b != nil { // built from data (expr.go): its own spans, faces and alignments
		out.Header, out.Rows = b.Header, b.Rows
		return out
	}
	header := t.Header
	if len(header) == 0 {
		row := make([]string, len(t.Columns))
		for i, c := range t.Columns {
			row[i] = c.Name
		}
		header = [][]string{row}
	}
	out.Header = grid(header, doc.FaceHei)
	out.Rows = grid(t.Rows, doc.FaceFangSong)
	return out
}

// grid resolves merge marks into spans. Rows must already have one cell per
// column (source checks that).
func grid(rows [][]string, face doc.Face) [][]doc.Cell {
	g := make([][]doc.Cell, len(rows))
	for r, row := range rows {
		g[r] = make([]doc.Cell, len(row))
		for c, text := range row {
			g[r][c] = doc.Cell{Text: text, Face: face, ColSpan: 1, RowSpan: 1}
		}
	}
	// origin returns the top-left cell that position (r, c) belongs to.
	var origin func(r, c int) (int, int)
	origin = func(r, c int) (int, int) {
		switch g[r][c].Text {
		case MergeLeft:
			if c > 0 {
				return origin(r, c-1)
			}
		case MergeUp:
			if r > 0 {
				return origin(r-1, c)
			}
		}
		return r, c
	}
	for r := range g {
		for c := range g[r] {
			or, oc := origin(r, c)
			if or == r && oc == c {
				continue
			}
			o := &g[or][oc]
			if w := c - oc + 1; w > o.ColSpan {
				o.ColSpan = w
			}
			if h := r - or + 1; h > o.RowSpan {
				o.RowSpan = h
			}
		}
	}
	for r := range g {
		for c := range g[r] {
			if t := g[r][c].Text; t == MergeLeft || t == MergeUp {
				g[r][c] = doc.Cell{Covered: true}
			}
		}
	}
	return g
}
