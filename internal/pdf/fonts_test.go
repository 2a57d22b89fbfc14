package pdf_test

import (
	"strings"
	"testing"

	"github.com/gongwen/gongwen/internal/pdf"
)

// sampleOptions are the options the sample is rendered with in tests: the
// fonts shipped with gongwen.
func sampleOptions(t testing.TB) pdf.Options { return pdf.Options{} }

// skipWithoutFonts skips while the shipped fonts are not in place yet.
func skipWithoutFonts(t testing.TB, err error) {
	if err != nil && strings.Contains(err.Error(), "字体尚未就绪") {
		t.Skip("the fonts package is not in place yet")
	}
}
