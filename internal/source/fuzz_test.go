package source

import (
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzCheck decodes and checks arbitrary bytes: it must never panic, and
// every diagnostic must point inside the file with a message.
// Seeds: the sample, the inputs of the tests, and testdata/fuzz/FuzzCheck.
func FuzzCheck(f *testing.F) {
	if b, err := os.ReadFile("../../samples/linshu-2021-q3.toml"); err == nil {
		f.Add(b)
	}
	for _, s := range []string{
		minimal,
		"",
		"\xEF\xBB\xBF" + minimal,
		"[main]\ntitle = 临沭\n",
		"[head.doc_number]\ncode = \"x\"\nyear = 21\nseq = 031\n",
		"[signature]\ndate = 2021-02-30\n",
		"[[main.table]]\ncolumns = [{ name = \"a\" }]\nrows = [[\"1\", \"2\"], [\"^\", \"<\"]]\n",
		"[main]\ntext = \"\"\"\n甲,乙\\\n  \"丙\"【2021】3号\n\"\"\"\n",
		"a = [\n1,\n# c\n2]\nb = {x = 1, y = [\"\\u4e00\"]}\n",
		"\xb1\xea\xcc\xe2 = 1\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		done := make(chan *File)
		go func() {
			done <- Parse("f.toml", data, Options{Dir: "", ReadFile: func(string) ([]byte, error) { return nil, os.ErrNotExist }})
		}()
		var file *File
		select {
		case file = <-done:
		case <-time.After(3 * time.Second):
			t.Fatalf("hang on %q", data)
		}
		lines := strings.Count(file.Text, "\n") + 1
		for _, d := range file.Diags {
			if d.Line < 1 || d.Col < 1 || d.Line > lines+1 {
				t.Errorf("diagnostic outside the file (%d lines): %s", lines, d)
			}
			if d.Message == "" || !utf8.ValidString(d.Message) {
				t.Errorf("empty or invalid message: %q", d.Message)
			}
		}
		if !file.Diags.HasErrors() && file.Notice == nil {
			t.Errorf("no error and no notice")
		}
	})
}
