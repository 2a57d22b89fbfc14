package diff

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/internal/doc"
	"github.com/gongwen/gongwen/internal/pipeline"
)

const sample = "../../samples/linshu-2021-q3.toml"

// variant writes the sample with each old→new replacement applied once (each
// old must occur exactly once) and composes it.
func variant(t *testing.T, repl ...string) *doc.Document {
	t.Helper()
	b, err := os.ReadFile(sample)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for i := 0; i < len(repl); i += 2 {
		if n := strings.Count(s, repl[i]); n != 1 {
			t.Fatalf("%q occurs %d times in the sample", repl[i], n)
		}
		s = strings.Replace(s, repl[i], repl[i+1], 1)
	}
	dir := t.TempDir()
	seal, err := os.ReadFile(filepath.Join(filepath.Dir(sample), "seal-sample.png"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "seal-sample.png"), seal, 0o644)
	name := filepath.Join(dir, "n.toml")
	if err := os.WriteFile(name, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	d, diags, err := pipeline.Document(name)
	if err != nil || d == nil {
		t.Fatalf("compose: %v %v", err, diags)
	}
	return d
}

func TestIdentical(t *testing.T) {
	if cs := Compare(variant(t), variant(t)); len(cs) != 0 {
		t.Errorf("identical documents: %v", cs)
	}
	var b strings.Builder
	Write(&b, nil)
	if b.String() != "无差异\n" {
		t.Errorf("Write(nil) = %q", b.String())
	}
}

// One sentence and one table cell changed: exactly those two changes, named
// by section, paragraph, row and column.
func TestSentenceAndCell(t *testing.T) {
	a := variant(t)
	b := variant(t,
		"【相关账号：交通运输局（微信公众号）、玉山镇", "【相关账号：玉山镇",
		`["6", "石门镇", "更新及时", "石门镇", "微信公众号", "合格"]`, `["6", "石门镇", "更新及时", "石门镇", "微信公众号", "更新不及时"]`,
	)
	cs := Compare(a, b)
	if len(cs) != 2 {
		t.Fatalf("got %d changes, want 2:\n%s", len(cs), all(cs))
	}
	p := cs[0]
	if p.Where != "二（三）第1段" || p.Kind != Modified || len(p.Edits) != 1 {
		t.Fatalf("first change:\n%s", p)
	}
	e := p.Edits[0]
	if e.Old != "交通运输局（微信公众号）、" || e.New != "" || !strings.Contains(e.Context, "「交通运输局（微信公众号）、」玉山镇") {
		t.Errorf("edit %+v", e)
	}
	c := cs[1]
	if c.Where != "附件 表1 第6行（序号6，石门镇）“检查结果”栏" || c.Kind != Modified || c.Old != "合格" || c.New != "更新不及时" {
		t.Errorf("second change:\n%s", c)
	}
	t.Logf("\n%s", all(cs))
}

func TestHeadSignatureAndStructure(t *testing.T) {
	a := variant(t)
	b := variant(t,
		"seq = 31", "seq = 32",
		"date = 2021-09-22", "date = 2021-09-23",
		// a paragraph added to 三（三） and the heading of 二（五） reworded
		"并计入年底政务公开考核成绩。\n", "并计入年底政务公开考核成绩。\n\n特此通报。\n",
		`title = "调度材料上报不及时。"`, `title = "材料报送不及时。"`,
	)
	got := all(Compare(a, b))
	for _, want := range []string{
		"发文字号 修改：「沭政督字〔2021〕31号」改为「沭政督字〔2021〕32号」",
		"成文日期 修改：「2021年9月22日」改为「2021年9月23日」",
		"三（三）第2段 新增：特此通报。",
		"二（五）第1段 修改：",
		"「调度材料上报」改为「材料报送」：（五）「材料报送」不及时。",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}

func TestTextEdits(t *testing.T) {
	for _, c := range []struct{ old, new, want string }{
		{"县自然资源和规划局9月2日更改微信公众号名称，事前未递交。", "县自然资源和规划局9月12日更改微信公众号名称，事前未递交。",
			"「9月2日」改为「9月12日」：县自然资源和规划局「9月12日」更改微信公众号名称……"},
		{"对全县56个政务新媒体进行了检查。", "对全县55个政务新媒体进行了检查。",
			"「56」改为「55」：对全县「55」个政务新媒体进行了检查。"},
		{"各单位需进一步加强管理。", "各单位需进一步加强政务新媒体管理。",
			"增加「政务新媒体」：各单位需进一步加强「政务新媒体」管理。"},
	} {
		es := textEdits(c.old, c.new)
		ch := Change{Where: "x", Kind: Modified, Edits: es}
		if got := strings.TrimSpace(strings.SplitN(ch.String(), "\n", 2)[1]); got != c.want {
			t.Errorf("%s → %s:\n got %s\nwant %s", c.old, c.new, got, c.want)
		}
	}
}

func all(cs []Change) string {
	var b strings.Builder
	Write(&b, cs)
	return b.String()
}
