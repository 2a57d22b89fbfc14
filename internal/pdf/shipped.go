package pdf

import "github.com/gongwen/gongwen/fonts"

// shippedFonts are the fonts embedded in gongwen (package fonts).
type shippedFonts struct{}

// Data returns the embedded font without copying it (fonts.View): the
// subsetter only reads it, and a copy of every face used cost more than
// anything else in a run (docs/benchmarks.md).
func (shippedFonts) Data(face string) ([]byte, error) { return fonts.View(face) }
func (shippedFonts) Has(face string, r rune) bool     { return fonts.Has(face, r) }

// defaultFonts is the shipped font set.
func defaultFonts() FontSource { return shippedFonts{} }
