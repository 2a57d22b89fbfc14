// Package pdf writes the laid-out document as PDF with gopdf.
//
// Layout (package layout) decides where every glyph, rule and image goes;
// this package only draws them, embeds the subset fonts, and writes the
// metadata and bookmarks. The same document gives the same bytes.
package pdf

import (
	"github.com/gongwen/gongwen/internal/doc"
	"github.com/gongwen/gongwen/internal/layout"
)

// FontSource gives the font files of the faces. Faces are the strings of
// doc.Face plus "fallback", the broad-coverage font used per glyph when a
// face lacks a character.
type FontSource interface {
	// Data returns the TrueType file of face.
	Data(face string) ([]byte, error)
	// Has reports whether face has a glyph for r.
	Has(face string, r rune) bool
}

// Options control the PDF output.
type Options struct {
	// Fonts are the fonts to embed; nil means the fonts shipped with
	// gongwen (package fonts).
	Fonts FontSource
	// Layout is d laid out already (by Layout, with the same fonts), when
	// the caller has it: the pipeline lays a document out once for DOCX and
	// PDF. Nil means Render lays it out. It is only read.
	Layout *layout.Document
	// Flattened is d's seal already being flattened (FlattenSeal), when
	// the caller started it before layout; nil means Render does it.
	Flattened *Flattened
}

// Render typesets d and returns the PDF bytes. The same document gives the
// same bytes.
func Render(d *doc.Document, opt Options) ([]byte, error) {
	fs := opt.Fonts
	if fs == nil {
		fs = defaultFonts()
	}
	ld := opt.Layout
	if ld == nil {
		var err error
		if ld, err = layoutDocument(d, fs); err != nil {
			return nil, err
		}
	}
	opt.Fonts = fs
	return Write(ld, opt)
}

// Layout lays d out as Render would with opt's fonts, checking that some
// font has every character; its result can be passed to Render (and to the
// DOCX writer) as Options.Layout.
func Layout(d *doc.Document, opt Options) (*layout.Document, error) {
	fs := opt.Fonts
	if fs == nil {
		fs = defaultFonts()
	}
	return layoutDocument(d, fs)
}

// layoutDocument runs the layout engine. A character is settable when its
// face or, glyph by glyph, the fallback font has it; layout reports the
// others by name and place.
func layoutDocument(d *doc.Document, fs FontSource) (*layout.Document, error) {
	has := func(face doc.Face, r rune) bool {
		return fs.Has(string(face), r) || fs.Has(FaceFallback, r)
	}
	return layout.Layout(d, layout.Options{Has: has})
}
