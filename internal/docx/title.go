package docx

import (
	"strings"

	"github.com/gongwen/gongwen/internal/doc"
	g "github.com/gongwen/gongwen/internal/gbt9704"
	"github.com/gongwen/gongwen/internal/layout"
)

// titleLines is the title broken into lines: the content model's lines when
// it gives several, else the lines the PDF's layout breaks it into (at word
// boundaries, a trapezoid), so that the DOCX and the PDF break it alike. If
// the layout cannot say, the title stays one line and Word wraps it.
func titleLines(d *doc.Document) []string {
	if len(d.Title) != 1 {
		return d.Title
	}
	l, err := layout.Layout(d, layout.Options{})
	if err != nil || len(l.Pages) == 0 {
		return d.Title
	}
	var lines []string
	var ys []float64
	for _, it := range l.Pages[0].Items {
		t, ok := it.(*layout.Text)
		if !ok || t.Face != doc.FaceXiaoBiaoSong || t.Size != g.TitleSize {
			continue
		}
		if n := len(ys); n > 0 && ys[n-1] == t.Y {
			lines[n-1] += t.Text
			continue
		}
		ys = append(ys, t.Y)
		lines = append(lines, t.Text)
	}
	// Only words the model says, all of them, in order.
	if strings.Join(lines, "") != d.Title[0] {
		return d.Title
	}
	return lines
}
