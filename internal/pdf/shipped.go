package pdf

import "github.com/gongwen/gongwen/fonts"

// shippedFonts are the fonts embedded in gongwen (package fonts).
type shippedFonts struct{}

func (shippedFonts) Data(face string) ([]byte, error) { return fonts.Data(face) }
func (shippedFonts) Has(face string, r rune) bool     { return fonts.Has(face, r) }

// defaultFonts is the shipped font set.
func defaultFonts() FontSource { return shippedFonts{} }
