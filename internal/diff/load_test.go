package diff

import (
	"bytes"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/internal/pipeline"
)

// JSON that gongwen did not write is refused, not read as an empty notice
// that differs from the other side in every element.
func TestReadJSONRefusesOthers(t *testing.T) {
	for _, s := range []string{
		`{}`,
		`null`,
		`[]`,
		`"通报"`,
		`{"format":1,"doc_number":"沭政督字〔2021〕31号","files":[]}`, // an archive's manifest.json
		`{"name":"x","version":"1.0.0","dependencies":{}}`,
		`{"meta":{},"head":{},"title":[],"body":[{"type":"image"}],"signature":{}}`,
		`{"meta":{},"head":{},"title":[],"body":[null],"signature":{}}`,
	} {
		if d, err := ReadJSON([]byte(s)); err == nil {
			t.Errorf("%s: read as a notice: %+v", s, d)
		}
	}
}

// FuzzReadJSON: any bytes give a document or an error, never a panic; a
// document read is equal to itself and can be compared with the sample and
// written out either way round.
func FuzzReadJSON(f *testing.F) {
	d, diags, err := pipeline.Document(dataSample)
	if err != nil || d == nil {
		f.Fatalf("sample: %v %v", err, diags)
	}
	sample, err := pipeline.Render(d, "json", pipeline.Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sample)
	f.Add([]byte(`{"meta":{},"head":{},"title":null,"body":null,"signature":{}}`))
	f.Add([]byte(`{"meta":{},"head":{"masthead":{"issuers":["甲"]}},"title":["标题"],"body":[{"type":"table","columns":[],"header":[[{}]],"rows":[[{"text":"1"}],[]]}],"signature":{"date":{"year":2021,"month":13,"day":40}}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > 1<<20 {
			return
		}
		got, err := ReadJSON(b)
		if err != nil {
			return
		}
		if cs := Compare(got, got); len(cs) != 0 {
			t.Fatalf("a document differs from itself: %+v", cs)
		}
		for _, cs := range [][]Change{Compare(got, d), Compare(d, got)} {
			var w bytes.Buffer
			if err := Write(&w, cs); err != nil {
				t.Fatal(err)
			}
			if len(cs) > 0 && !strings.Contains(w.String(), "处改动") {
				t.Fatalf("%d changes written as %q", len(cs), w.String())
			}
		}
	})
}

// Texts too long for the quadratic comparison are still compared, as one
// replacement of their differing middle, in bounded memory.
func TestSequenceLongTexts(t *testing.T) {
	a := []rune("甲" + strings.Repeat("乙丙", 3000) + "丁")
	b := []rune("甲" + strings.Repeat("丙乙", 3000) + "丁")
	if len(a)*len(b) <= maxLCSCells {
		t.Fatalf("texts of %d×%d runes are not beyond the limit", len(a), len(b))
	}
	ops := sequence(a, b, func(x, y rune) bool { return x == y })
	hs := hunks(ops)
	if len(hs) != 1 || hs[0] != (hunk{1, len(a) - 1, 1, len(b) - 1}) {
		t.Errorf("hunks %+v, want the middle replaced", hs)
	}
	if es := textEdits(string(a), string(b)); len(es) == 0 {
		t.Error("long different texts: no edits")
	}
}
