package docx_test

import (
	"archive/zip"
	"bytes"
	"io"
	"testing"

	"github.com/gongwen/gongwen/internal/docx"
)

// TestDefaultTemplateShortcut: rendering with the default template (read
// straight from the embedded files) gives the same bytes as passing that
// template packed as a .docx (DefaultTemplate), which goes the way of an
// office's own template — and every part of the result is a complete
// deflated zip entry whose content matches its CRC.
func TestDefaultTemplateShortcut(t *testing.T) {
	s := getSample(t)
	tpl, err := docx.DefaultTemplate()
	if err != nil {
		t.Fatal(err)
	}
	viaZip, err := docx.Render(s.d, docx.Options{Template: tpl})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(viaZip, s.docx) {
		t.Errorf("the default template gives %d bytes, the same template packed %d", len(s.docx), len(viaZip))
	}
	r, err := zip.NewReader(bytes.NewReader(s.docx), int64(len(s.docx)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range r.File {
		if f.Method != zip.Deflate {
			t.Errorf("%s stored with method %d, want deflate", f.Name, f.Method)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(io.Discard, rc); err != nil { // checks the CRC
			t.Errorf("%s: %v", f.Name, err)
		}
		rc.Close()
	}
}
