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
		// Syntax errors the other checks recover from (recover.go).
		"[main]\ntitel = \"测试\"\n[signature]\nissuer = \"某局\"\ndate = 2021-02-30\n",
		"[[main.table]]\ncolumns = [{ name = \"a\", width = }]\nrows = [\n  [\"1\"],\n  [\"2\" \"3\"],\n]\n[signature\nx = 1\n",
		"[main]\ntext = \"\"\"\n甲,乙\\q\n\"\"\"\ntitle \"x\"\n",
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
		if err := toml.Unmarshal([]byte(file.Text), &tree); err != nil {
			checkRecovery(t, file.Text, err)
			return
		}
		if file.Pos == nil {
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

// checkRecovery: the text the other checks read after syntax errors parses,
// and differs from the file only by characters blanked (each byte a space,
// lines left out wholly blank), so every place in it is the place in the
// file.
func checkRecovery(t *testing.T, text string, err error) {
	r := recoverSyntax(text, err)
	if r.text == "" {
		if len(r.holes) != 0 || !strings.Contains(r.diags[len(r.diags)-1].Message, "其他检查") {
			t.Errorf("not recovered, and not said so: %v", r.diags)
		}
		return
	}
	var tree map[string]any
	if err := toml.Unmarshal([]byte(r.text), &tree); err != nil {
		t.Errorf("recovered text does not parse: %v", err)
	}
	if len(r.text) != len(text) {
		t.Fatalf("recovered text is %d bytes, the file %d", len(r.text), len(text))
	}
	holes := map[int]bool{}
	for _, h := range r.holes {
		holes[h] = true
	}
	got, want := strings.Split(r.text, "\n"), strings.Split(text, "\n")
	for i := range want {
		if holes[i+1] && strings.Trim(got[i], " \r") != "" {
			t.Errorf("line %d left out but not blank: %q", i+1, got[i])
		}
		// A repaired line only has characters blanked, byte for byte.
		for j := 0; j < len(want[i]) && len(got[i]) == len(want[i]); j++ {
			if got[i][j] != want[i][j] && got[i][j] != ' ' {
				t.Errorf("line %d changed, not blanked: %q → %q", i+1, want[i], got[i])
				break
			}
		}
	}
}
