package fonts

import (
	"bytes"
	"errors"
	"testing"
)

// View gives the same bytes as Data, for every face, without a copy; an
// unknown face is an error, as with Data.
func TestViewIsData(t *testing.T) {
	for _, name := range Faces() {
		v, err := View(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		d, err := Data(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(v, d) {
			t.Errorf("%s: View and Data differ", name)
		}
		if len(v) > 0 && &v[0] == &d[0] {
			t.Errorf("%s: Data must still return a copy", name)
		}
	}
	if _, err := View("nosuchface"); !errors.Is(err, ErrUnknownFace) {
		t.Errorf("unknown face: %v", err)
	}
}
