package pdf_test

import (
	"testing"

	"github.com/gongwen/gongwen/internal/pdf"
)

// sampleOptions are the options the sample is rendered with in tests: the
// fonts shipped with gongwen.
func sampleOptions(t testing.TB) pdf.Options { return pdf.Options{} }
