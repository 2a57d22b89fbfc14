// Package pipeline is the one path from a notice file to its outputs, used by
// the CLI, the archive, the benchmarks and the end-to-end tests:
// read → check → compose → render.
package pipeline

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"

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

// Document reads, checks and composes a notice file. The diagnostics are
// every problem found (warnings included); when they hold an error, the
// document is nil. The error is for a file that cannot be read at all, or a
// failure to compose.
func Document(path string) (*doc.Document, source.Diagnostics, error) {
	f, err := source.LoadOptions(path, source.Options{DOCXTemplate: docx.CheckTemplate})
	if err != nil {
		return nil, nil, err
	}
	return Compose(f, filepath.Dir(path))
}

// Compose composes a notice already read and checked (source.Parse), whose
// files (the seal) are relative to dir. Like Document, it returns a nil
// document when the diagnostics hold an error.
func Compose(f *source.File, dir string) (*doc.Document, source.Diagnostics, error) {
	if f.Diags.HasErrors() {
		return nil, f.Diags, nil
	}
	// The seal as the checks read it (read once, and the bytes checked),
	// and the template and data model as the checks prepared them.
	d, err := compose.Compose(f.Notice, compose.Options{Dir: dir, ReadFile: f.ReadFile, Prepared: f.Prepared()})
	if err != nil {
		return nil, f.Diags, fmt.Errorf("%s：%w", f.Name, err)
	}
	return d, f.Diags, nil
}

// RenderAll renders d in every format of formats, in memory, and returns the
// bytes by format. It fails as a whole when any format fails, so that a
// caller writes either all outputs or none (the first failure in the order
// of formats is reported).
//
// DOCX and PDF share one layout of d (the DOCX takes its title breaks and
// the 版记's page from it), and the formats are rendered at the same time,
// each on its own goroutine; each output's bytes are those Render gives.
func RenderAll(d *doc.Document, formats []string, opt Options) (map[string][]byte, error) {
	if slices.Contains(formats, "pdf") && opt.PDF.Flattened == nil {
		// The seal needs no layout: flatten it while d is laid out.
		opt.PDF.Flattened = pdf.FlattenSeal(d)
	}
	if slices.Contains(formats, "docx") && slices.Contains(formats, "pdf") &&
		opt.DOCX.Layout == nil && opt.PDF.Layout == nil {
		ld, err := pdf.Layout(d, opt.PDF)
		if err != nil {
			return nil, fmt.Errorf("生成 PDF 失败：%w", err)
		}
		opt.DOCX.Layout, opt.PDF.Layout = ld, ld
	}
	type result struct {
		b   []byte
		err error
	}
	res := make([]result, len(formats))
	var wg sync.WaitGroup
	for i, f := range formats {
		wg.Go(func() {
			b, err := Render(d, f, opt)
			res[i] = result{b, err}
		})
	}
	wg.Wait()
	out := make(map[string][]byte, len(formats))
	for i, f := range formats {
		if res[i].err != nil {
			return nil, fmt.Errorf("生成 %s 失败：%w", strings.ToUpper(f), res[i].err)
		}
		out[f] = res[i].b
	}
	return out, nil
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
