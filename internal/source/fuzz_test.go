package source

import (
	"os"

	"github.com/BurntSushi/toml"
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
		// The scanner agrees with the parser on every string of a valid file.
		var tree map[string]any
		if file.Pos == nil || toml.Unmarshal([]byte(file.Text), &tree) != nil {
			return
		}
		walkTree("", tree, func(path, want string) {
			if got, _, ok := file.Pos.String(path); !ok || got != want {
				t.Errorf("%s: scanner read %q (%v), parser %q", path, got, ok, want)
			}
		})
	})
}

// walkTree calls fn for every string in a parsed TOML tree, with its path.
func walkTree(path string, v any, fn func(path, s string)) {
	switch v := v.(type) {
	case string:
		fn(path, v)
	case map[string]any:
		for k, e := range v {
			walkTree(joinPath(path, k), e, fn)
		}
	case []map[string]any:
		for i, e := range v {
			walkTree(indexPath(path, i), e, fn)
		}
	case []any:
		for i, e := range v {
			walkTree(indexPath(path, i), e, fn)
		}
	}
}
