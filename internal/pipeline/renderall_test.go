package pipeline

import (
	"bytes"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/internal/doc"
)

// TestRenderAllSameBytes: RenderAll, which lays the document out once for
// DOCX and PDF and renders the formats at the same time, gives each format
// exactly the bytes rendering that format alone gives (which lays out on
// its own) — for the sample, and twice in a row.
func TestRenderAllSameBytes(t *testing.T) {
	d, diags, err := Document("../../samples/linshu-2021-q3.toml")
	if err != nil || d == nil {
		t.Fatalf("%v %s", err, diags)
	}
	for range 2 {
		all, err := RenderAll(d, Formats, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range Formats {
			alone, err := Render(d, f, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(all[f], alone) {
				t.Errorf("%s: RenderAll gives %d bytes, Render alone %d, not the same", f, len(all[f]), len(alone))
			}
		}
	}
}

// TestRenderAllNoFont: a character no font has fails the build as a whole,
// naming the character, whichever format is asked for first.
func TestRenderAllNoFont(t *testing.T) {
	d, diags, err := Document("../../samples/linshu-2021-q3.toml")
	if err != nil || d == nil {
		t.Fatalf("%v %s", err, diags)
	}
	p, ok := d.Body[0].(*doc.Paragraph)
	if !ok || len(p.Runs) == 0 {
		t.Fatal("the sample does not begin with a paragraph")
	}
	p.Runs[0].Text += "\U0002A6A5" // 𪚥, in none of the shipped fonts
	out, err := RenderAll(d, []string{"docx", "pdf"}, Options{})
	if err == nil || out != nil {
		t.Fatalf("RenderAll = %d outputs, %v; want an error and none", len(out), err)
	}
	if !strings.Contains(err.Error(), "U+2A6A5") {
		t.Errorf("the error does not name the character: %v", err)
	}
}
