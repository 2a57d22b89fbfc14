// Package pipeline is the one path from a notice file to its outputs, used by
// the CLI, the archive, the benchmarks and the end-to-end tests:
// read → check → compose → render.
package pipeline

import (
	"encoding/json"
	"fmt"
	"path/filepath"

	"github.com/gongwen/gongwen/internal/compose"
	"github.com/gongwen/gongwen/internal/doc"
	"github.com/gongwen/gongwen/internal/docx"
	"github.com/gongwen/gongwen/internal/pdf"
	"github.com/gongwen/gongwen/internal/source"
)

// Formats are the output formats, in the order they are written.
var Formats = []string{"docx", "pdf", "json"}

// Options for rendering.
type Options struct {
	DOCX docx.Options
	PDF  pdf.Options
}

// Document reads, checks and composes a notice file. When the diagnostics
// hold an error, the document is nil.
func Document(path string) (*doc.Document, source.Diagnostics, error) {
	n, err := source.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	d, err := compose.Compose(n, compose.Options{Dir: filepath.Dir(path)})
	if err != nil {
		return nil, nil, err
	}
	return d, nil, nil
}

// Render writes d in one format.
func Render(d *doc.Document, format string, opt Options) ([]byte, error) {
	switch format {
	case "docx":
		return docx.Render(d, opt.DOCX)
	case "pdf":
		return pdf.Render(d, opt.PDF)
	case "json":
		b, err := json.MarshalIndent(d, "", "  ")
		if err != nil {
			return nil, err
		}
		return append(b, '\n'), nil
	}
	return nil, fmt.Errorf("不支持的格式“%s”，可用：docx、pdf、json", format)
}
