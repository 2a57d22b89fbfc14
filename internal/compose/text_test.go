package compose

import (
	"strings"
	"testing"

	"github.com/gongwen/gongwen/internal/doc"
)

// docText is every word of a composed document in reading order, one block
// a line, table cells separated by " | " (for comparing with the seed).
func docText(d *doc.Document) string {
	var b strings.Builder
	line := func(s string) {
		if s != "" {
			b.WriteString(s)
			b.WriteByte('\n')
		}
	}
	if m := d.Head.Masthead; m != nil {
		line(m.Text())
	}
	line(d.Head.DocNumber)
	line(strings.Join(d.Title, ""))
	line(d.Addressees)
	blocks := func(bs []doc.Block) {
		for _, bl := range bs {
			switch bl := bl.(type) {
			case *doc.Paragraph:
				line(bl.Text())
			case *doc.Table:
				line(bl.Caption)
				line(bl.Subcaption)
				line(bl.UnitLine)
				for _, part := range [][][]doc.Cell{bl.Header, bl.Rows} {
					for _, r := range part {
						var cells []string
						for _, c := range r {
							if !c.Covered {
								cells = append(cells, c.Text)
							}
						}
						line(strings.Join(cells, " | "))
					}
				}
			}
		}
	}
	blocks(d.Body)
	for _, l := range d.AttachmentNoteLines() {
		line(l)
	}
	line(strings.Join(d.Signature.Issuers, " "))
	if !d.Signature.Date.IsZero() {
		line(d.Signature.Date.Chinese())
	}
	for _, a := range d.Attachments {
		line(a.Label())
		line(a.Title)
		blocks(a.Blocks)
	}
	return b.String()
}

// checkGrid asserts the model's grid invariant (doc.Table.CheckGrid).
func checkGrid(t *testing.T, tb *doc.Table) {
	t.Helper()
	if err := tb.CheckGrid(); err != nil {
		t.Fatal(err)
	}
}
