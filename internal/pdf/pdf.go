// Package pdf writes the laid-out document as PDF with gopdf.
package pdf

import (
	"errors"

	"github.com/gongwen/gongwen/internal/doc"
)

// Options control the PDF output.
type Options struct{}

// Render typesets d and returns the PDF bytes. The same document gives the
// same bytes.
func Render(d *doc.Document, opt Options) ([]byte, error) {
	return nil, errors.New("PDF 输出尚未实现")
}
