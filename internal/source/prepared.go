package source

import "github.com/gongwen/gongwen/internal/findings"

// Prepared is what the checks worked out that compose needs again: the
// notice merged over the template the checks read (the notice itself when
// it names none), its [data] with the level and office filled in
// (NoticeData), and the model of that data. Compose takes it instead of
// reading the template and evaluating the data a second time, so that the
// document is made from exactly what was checked.
//
// Its Notice shares memory with the File's notice and the template: read
// it, never change it (compose works on a deep copy).
type Prepared struct {
	Notice *Notice
	Model  *findings.Model // nil without [data]
}

// Prepared returns what the checks prepared for compose, or nil when the
// file has errors (or was not checked with the findings check).
func (f *File) Prepared() *Prepared {
	if f.Diags.HasErrors() {
		return nil
	}
	return f.prepared
}
