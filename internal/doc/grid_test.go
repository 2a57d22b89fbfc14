package doc

import "testing"

func TestCheckGrid(t *testing.T) {
	cell := func(s string) Cell { return Cell{Text: s, RowSpan: 1, ColSpan: 1} }
	cols := []Column{{}, {}, {}}
	good := &Table{Columns: cols,
		Header: [][]Cell{{cell("序号"), {Text: "政务新媒体", RowSpan: 1, ColSpan: 2}, {Covered: true}}},
		Rows: [][]Cell{
			{{Text: "1", RowSpan: 2, ColSpan: 1}, cell("a"), cell("b")},
			{{Covered: true}, cell("c"), cell("d")},
		}}
	if err := good.CheckGrid(); err != nil {
		t.Fatalf("a well-formed table: %v", err)
	}
	for name, mutate := range map[string]func(tb *Table){
		"row too long":         func(tb *Table) { tb.Rows[0] = append(tb.Rows[0], cell("x")) },
		"span out of the grid": func(tb *Table) { tb.Rows[0][0].RowSpan = 3 },
		"huge span":            func(tb *Table) { tb.Rows[0][0].ColSpan = 1 << 30 },
		"zero span":            func(tb *Table) { tb.Rows[0][1].ColSpan = 0 },
		"covered by nothing":   func(tb *Table) { tb.Rows[1][1].Covered = true },
		"under a span, not marked": func(tb *Table) {
			tb.Header[0][2] = cell("x")
		},
	} {
		tb := &Table{Columns: cols, Header: clone(good.Header), Rows: clone(good.Rows)}
		mutate(tb)
		if err := tb.CheckGrid(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func clone(g [][]Cell) [][]Cell {
	out := make([][]Cell, len(g))
	for i, r := range g {
		out[i] = append([]Cell(nil), r...)
	}
	return out
}
