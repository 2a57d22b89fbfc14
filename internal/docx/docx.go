// Package docx writes the document as WordprocessingML on a base template.
package docx

import (
	"errors"

	"github.com/gongwen/gongwen/internal/doc"
)

// Options control the DOCX output.
type Options struct {
	// Template is a replacement base template (.docx bytes); nil means the
	// default template in templates/.
	Template []byte
}

// Render returns the DOCX bytes for d. The same document gives the same bytes.
func Render(d *doc.Document, opt Options) ([]byte, error) {
	return nil, errors.New("DOCX 输出尚未实现")
}
