package benchmarks

import (
	"github.com/gongwen/gongwen/fonts"
	"github.com/gongwen/gongwen/internal/pdf"
)

// shipped is the font set gongwen ships (package fonts), as a FontSource.
type shipped struct{}

func (shipped) Data(face string) ([]byte, error) { return fonts.Data(face) }
func (shipped) Has(face string, r rune) bool     { return fonts.Has(face, r) }

// fontSource is the fonts the benchmarks embed: the shipped ones, as the
// CLI uses them.
func fontSource() pdf.FontSource { return shipped{} }
