package docx_test

import (
	"os"
	"testing"

	"github.com/gongwen/gongwen/internal/docx"
	"github.com/gongwen/gongwen/internal/pdf"
	"github.com/gongwen/gongwen/internal/pipeline"
)

func TestGenSample(t *testing.T) {
	out := os.Getenv("DOCX_OUT")
	if out == "" {
		t.Skip()
	}
	d, _, err := pipeline.Document("../../samples/linshu-2021-q3.toml")
	if err != nil {
		t.Fatal(err)
	}
	b, err := docx.Render(d, docx.Options{})
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(out, b, 0o644)
	p, err := pdf.Render(d, pdf.Options{})
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(out+".our.pdf", p, 0o644)
}
