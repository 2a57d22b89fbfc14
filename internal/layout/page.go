// Package layout turns the content model into pages of positioned items on
// the GB/T 9704 grid: line breaking (避头尾), pagination, tables, the 版头,
// the signature block, the 版记 and page numbers. Exporters (package pdf)
// draw the items and decide nothing about where they go.
//
// Coordinates are PDF points from the top-left corner of the page, y growing
// downwards (gopdf's convention). Text is positioned by its baseline.
package layout

import "github.com/gongwen/gongwen/internal/doc"

// Document is the laid-out document.
type Document struct {
	Meta      doc.Meta
	Pages     []Page
	Bookmarks []Bookmark
}

// Page is one physical page.
type Page struct {
	Width, Height float64 // points; landscape pages are wider than tall
	// Landscape pages (tables set across, §10) are laid out in their own
	// coordinates (Width > Height): set the PDF page size to Width × Height.
	// The sheet is turned clockwise: the page's top edge is the portrait
	// sheet's left edge (the table's head faces the 订口 of odd pages and
	// the 切口 of even ones, §10, which is the left edge of either as one
	// looks at it); the type area is the same region of the sheet. The page
	// number alone is given with Text.Rotate, upright on the portrait sheet.
	Landscape bool
	// Number is the printed page number; 0 means none is printed: when a
	// blank page precedes the 版记 page, neither carries one (§7.5; see
	// Options.UnnumberedColophonPage). A blank page has no Items.
	Number int
	// LinePitch is the pitch of the grid the page's text stands on when it
	// is not the standard one (0: gbt9704.LinePitch): the last page of the
	// body tightened to keep the signature with the text (§7.3.5.1).
	LinePitch float64
	Items     []Item
}

// Item is *Text, *Rule or *Image.
type Item interface{ isItem() }

// Color is an RGB colour.
type Color [3]uint8

// Black is the colour of text.
var Black = Color{0, 0, 0}

// Text is a run of glyphs of one face, size and colour on one baseline.
type Text struct {
	Face  doc.Face
	Size  float64 // points
	Color Color
	Text  string
	// X is the x of each rune's left edge (len(X) == number of runes in
	// Text); Y is the baseline.
	X []float64
	Y float64
	// Rotate, when not zero, is an angle in degrees, anticlockwise as seen
	// on the page: draw the text as if unrotated, then rotate it about the
	// point (X[0], Y). Only the page number of a landscape page uses it
	// (−90), so that the number stands upright where it stands on portrait
	// pages of the same sheet (gopdf: Rotate(angle, X[0], Y) … RotateReset()).
	Rotate float64
}

// Rule is a straight line (the red rule, 版记 rules, table borders).
type Rule struct {
	X1, Y1, X2, Y2 float64
	Width          float64
	Color          Color
}

// Image is a picture placed on the page (the seal). Multiply asks the
// exporter to multiply it over what lies beneath, so text under a seal stays
// legible.
type Image struct {
	X, Y, W, H float64 // top-left corner and size
	PNG        []byte
	Multiply   bool
}

func (*Text) isItem()  {}
func (*Rule) isItem()  {}
func (*Image) isItem() {}

// Bookmark is an outline entry: a section heading or an attachment.
type Bookmark struct {
	Title string
	Level int // 1-based
	Page  int // index into Document.Pages
	Y     float64
}
