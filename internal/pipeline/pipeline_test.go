package pipeline

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/gongwen/gongwen/internal/source"
)

// TestSealReadOnce: the seal composed into the document is the file the
// checks passed, even when the file is replaced between check and compose
// (here by one that is no PNG at all, which check would refuse).
func TestSealReadOnce(t *testing.T) {
	dir := t.TempDir()
	seal, err := os.ReadFile("../../samples/seal-sample.png")
	if err != nil {
		t.Fatal(err)
	}
	sealPath := filepath.Join(dir, "印章.png")
	if err := os.WriteFile(sealPath, seal, 0o644); err != nil {
		t.Fatal(err)
	}
	notice := filepath.Join(dir, "n.toml")
	src := "[main]\ntitle = \"关于检查情况的通报\"\ntext = \"正文。\"\n[signature]\nissuer = \"某某县人民政府办公室\"\ndate = 2021-09-22\nseal = \"印章.png\"\n"
	if err := os.WriteFile(notice, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := source.Load(notice)
	if err != nil || f.Diags.HasErrors() {
		t.Fatalf("%v %s", err, f.Diags)
	}
	if err := os.WriteFile(sealPath, []byte("not a png"), 0o644); err != nil {
		t.Fatal(err)
	}
	d, _, err := Compose(f, dir)
	if err != nil {
		t.Fatal(err)
	}
	if d.Signature.Seal == nil || !bytes.Equal(d.Signature.Seal.PNG, seal) {
		t.Errorf("the composed seal is not the file the checks read")
	}
}
