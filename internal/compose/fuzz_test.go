package compose

import (
	"os"
	"testing"

	"github.com/gongwen/gongwen/internal/source"
)

// FuzzCompose: a notice that passes check composes — no panic, no error.
// The checks promise this (source says every problem compose would meet,
// at its place); the fuzzer looks for a file they let through that compose
// then fails on. Seeds: the samples, which pass.
func FuzzCompose(f *testing.F) {
	for _, p := range []string{linshu, "../../samples/linshu-2021-q3-written.toml", "../../samples/city-2023-09-monthly.toml", "../../samples/district-2022-batch1.toml"} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("[main]\ntitle = \"关于检查情况的通报\"\ntext = \"正文。\"\n[signature]\nissuer = \"某某县人民政府办公室\"\ndate = 2021-09-22\n"))
	noFiles := func(string) ([]byte, error) { return nil, os.ErrNotExist }
	f.Fuzz(func(t *testing.T, data []byte) {
		file := source.Parse("f.toml", data, source.Options{ReadFile: noFiles})
		if file.Diags.HasErrors() {
			return
		}
		if _, err := Compose(file.Notice, Options{ReadFile: noFiles}); err != nil {
			t.Fatalf("passed check, failed to compose: %v\n%s", err, data)
		}
	})
}
