package compose

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/internal/source"
)

// Compose given what the checks prepared makes the document from the
// template the checks read — here one that is not among the shipped
// templates at all — not from a second reading of templates/.
func TestComposeTakesTheCheckedTemplate(t *testing.T) {
	const tmpl = "[main]\ntext = \"本期检查了{{count accounts}}个账号，全{{.Level}}通报。\"\n"
	const notice = `template = "本地模板"

[main]
title = "关于检查情况的通报"

[signature]
issuer = "某市人民政府办公室"
date = 2021-09-22

[data]
check_date = 2021-09-14
unit = [{ name = "店头镇", kind = "镇" }]
account = [{ unit = "店头镇", platform = "微博", last_update = 2021-09-10 }]
`
	f := source.Parse("n.toml", []byte(notice), source.Options{Template: func(name string) ([]byte, error) {
		if name != "本地模板" {
			return nil, fmt.Errorf("没有模板 %s", name)
		}
		return []byte(tmpl), nil
	}})
	if f.Diags.HasErrors() || f.Prepared() == nil {
		t.Fatalf("%s", f.Diags)
	}
	d, err := Compose(f.Notice, Options{Prepared: f.Prepared()})
	if err != nil {
		t.Fatal(err)
	}
	if text := docText(d); !strings.Contains(text, "本期检查了1个账号，全市通报。") {
		t.Errorf("the checked template's text is not in the document:\n%s", text)
	}
}

// The samples compose to the same document from what the checks prepared
// as from the notice alone.
func TestPreparedComposesTheSame(t *testing.T) {
	paths, _ := filepath.Glob("../../samples/*.toml")
	if len(paths) < 3 {
		t.Fatalf("samples: %v", paths)
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f := source.Parse(filepath.Base(p), b, source.Options{Dir: "../../samples"})
		if f.Prepared() == nil {
			t.Fatalf("%s: nothing prepared: %s", p, f.Diags)
		}
		a, err := Compose(f.Notice, Options{Dir: "../../samples"})
		if err != nil {
			t.Fatal(err)
		}
		c, err := Compose(f.Notice, Options{Dir: "../../samples", Prepared: f.Prepared()})
		if err != nil {
			t.Fatal(err)
		}
		ja, _ := json.Marshal(a)
		jc, _ := json.Marshal(c)
		if string(ja) != string(jc) {
			t.Errorf("%s composes differently from what the checks prepared", p)
		}
		// Composing did not change what the checks prepared.
		again, _ := Compose(f.Notice, Options{Dir: "../../samples", Prepared: f.Prepared()})
		if jg, _ := json.Marshal(again); string(jg) != string(jc) {
			t.Errorf("%s: a second compose from the same preparation differs", p)
		}
	}
}
