package docx

import (
	"slices"

	"github.com/gongwen/gongwen/internal/layout"
)

// textAt is a Text item of the layout: its page and its index there.
type textAt struct{ page, item int }

// textIndex finds the layout's Text items by their text, in layout order.
// cellLines asks, for every table cell, where the layout sets the cell's
// first line; scanning every item of every page for each cell made the
// DOCX of a 2,000-account notice take 600 ms (docs/benchmarks.md).
type textIndex map[string][]textAt

func newTextIndex(ld *layout.Document) textIndex {
	ix := textIndex{}
	for pi, p := range ld.Pages {
		for i, it := range p.Items {
			if t, ok := it.(*layout.Text); ok {
				ix[t.Text] = append(ix[t.Text], textAt{pi, i})
			}
		}
	}
	return ix
}

// prefixesOf returns the Text items whose text is a proper prefix of s (as
// strings.HasPrefix has it, the empty text included), in layout order —
// the items a scan of every page would have tried, in the same order.
func (ix textIndex) prefixesOf(s string) []textAt {
	var out []textAt
	for n := 0; n < len(s); n++ {
		out = append(out, ix[s[:n]]...)
	}
	slices.SortFunc(out, func(a, b textAt) int {
		if a.page != b.page {
			return a.page - b.page
		}
		return a.item - b.item
	})
	return out
}
