package docx

import (
	"github.com/gongwen/gongwen/internal/doc"
	g "github.com/gongwen/gongwen/internal/gbt9704"
	"github.com/gongwen/gongwen/internal/layout"
)

// titleLines is the title broken into lines: the content model's lines when
// it gives several, else the lines the PDF's layout breaks it into (at word
// boundaries, a trapezoid), so that the DOCX and the PDF break it alike. If
// the layout cannot say, the title stays one line and Word wraps it.
func (w *writer) titleLines() []string {
	if len(w.d.Title) != 1 {
		return w.d.Title
	}
	return w.brokenAs(w.d.Title[0], g.TitleSize)
}

// brokenAs returns text as the layout breaks it into lines of 小标宋 at the
// given size (a title, an attachment's title, a table's caption), or text
// as one line if the layout has no such lines saying exactly text.
func (w *writer) brokenAs(text string, size float64) []string {
	if w.lay == nil {
		return []string{text}
	}
	type line struct {
		page int
		y    float64
		text string
	}
	var lines []line
	for pi, p := range w.lay.Pages {
		for _, it := range p.Items {
			t, ok := it.(*layout.Text)
			if !ok || t.Face != doc.FaceXiaoBiaoSong || t.Size != size {
				continue
			}
			if n := len(lines); n > 0 && lines[n-1].page == pi && lines[n-1].y == t.Y {
				lines[n-1].text += t.Text
				continue
			}
			lines = append(lines, line{pi, t.Y, t.Text})
		}
	}
	// The first run of consecutive lines that says exactly text.
	for i := range lines {
		var out []string
		joined := ""
		for j := i; j < len(lines) && len(joined) < len(text); j++ {
			joined += lines[j].text
			out = append(out, lines[j].text)
		}
		if joined == text {
			return out
		}
	}
	return []string{text}
}
