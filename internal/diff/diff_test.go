package diff

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/internal/doc"
	"github.com/gongwen/gongwen/internal/pipeline"
)

// The sample written word for word (no [data]): sentences and cells are
// edited in it directly.
const written = "../../samples/linshu-2021-q3-written.toml"

// The sample computed from its inspection data (template 督查通报).
const dataSample = "../../samples/linshu-2021-q3.toml"

// variant writes the written sample with each old→new replacement applied once (each
// old must occur exactly once) and composes it.
func variant(t *testing.T, repl ...string) *doc.Document {
	t.Helper()
	return variantOf(t, written, repl...)
}

func variantOf(t *testing.T, sample string, repl ...string) *doc.Document {
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

// One account's last update moved from 9月3日 to 9月8日, within the week
// before the 9月14日 check: the account is no longer 更新不及时. What follows
// from that and nothing else: its unit joins the units praised for updating
// in time (list and count), the account leaves the list of late accounts in
// 二（三）, its row in the statistics table says 合格, and the pass rate in
// the total row rises by one account in the number of accounts.
func TestAccountDate(t *testing.T) {
	const before = `name = "临沭交通", last_update = 2021-09-03`
	a := variantOf(t, dataSample)
	b := variantOf(t, dataSample, before, strings.Replace(before, "2021-09-03", "2021-09-08", 1))
	cs := Compare(a, b)
	t.Logf("\n%s", all(cs))
	if len(cs) != 4 {
		t.Fatalf("got %d changes, want 4", len(cs))
	}
	// 一、第1段: the unit joins the list, the count of departments grows by one.
	p := cs[0]
	if p.Where != "一、第1段" || len(p.Edits) != 2 {
		t.Fatalf("first change: %s", p)
	}
	if e := p.Edits[0]; e.Old != "" || e.New != "交通运输局、" {
		t.Errorf("list edit: %+v", e)
	}
	e := p.Edits[1]
	on, err1 := strconv.Atoi(e.Old)
	nn, err2 := strconv.Atoi(e.New)
	if err1 != nil || err2 != nil || nn != on+1 || !strings.Contains(e.Context, "个部门更新及时") {
		t.Errorf("count edit: %+v", e)
	}
	// 二（三）第1段: the account leaves the late list.
	if q := cs[1]; q.Where != "二（三）第1段" || len(q.Edits) != 1 || q.Edits[0].Old != "交通运输局（微信公众号）、" || q.Edits[0].New != "" {
		t.Errorf("second change: %s", q)
	}
	// The account's row: 更新不及时 → 合格.
	if r := cs[2]; !strings.Contains(r.Where, "交通运输局）“检查结果”栏") || r.Old != "更新不及时" || r.New != "合格" {
		t.Errorf("third change: %s", r)
	}
	// The total row: pass rate up by exactly one account of all accounts.
	src, _ := os.ReadFile(dataSample)
	accounts := strings.Count(string(src), `platform = "`) // one per account in [data]
	r := cs[3]
	if !strings.Contains(r.Where, "合计") {
		t.Errorf("fourth change: %s", r)
	}
	var ro, rn float64
	if _, err := fmt.Sscanf(r.Old, "合格率%f%%", &ro); err != nil {
		t.Fatalf("old rate %q: %v", r.Old, err)
	}
	if _, err := fmt.Sscanf(r.New, "合格率%f%%", &rn); err != nil {
		t.Fatalf("new rate %q: %v", r.New, err)
	}
	if d := rn - ro - 100/float64(accounts); d > 0.011 || d < -0.011 {
		t.Errorf("rate %.2f%% → %.2f%%: not up by one account in %d", ro, rn, accounts)
	}
}

func TestTextEdits(t *testing.T) {
	for _, c := range []struct{ old, new, want string }{
		{"县自然资源和规划局9月2日更改微信公众号名称，事前未递交。", "县自然资源和规划局9月12日更改微信公众号名称，事前未递交。",
			"「9月2日」改为「9月12日」：县自然资源和规划局「9月12日」更改微信公众号名称……"},
		{"对全县56个政务新媒体进行了检查。", "对全县55个政务新媒体进行了检查。",
			"「56」改为「55」：对全县「55」个政务新媒体进行了检查。"},
		{"请四十四单位尽快落实。", "请四十六单位尽快落实。",
			"「四十四」改为「四十六」：请「四十六」单位尽快落实。"},
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

// A unit inserted before the others: its row is new, the 序号 of every row
// below moves up by one and is said once, not row by row, and the total row
// is the same row changed, not one removed and another added.
func TestRowInsertedRenumbers(t *testing.T) {
	a := variantOf(t, dataSample)
	b := variantOf(t, dataSample,
		`  { name = "发改局", kind = "县直部门"`, `  { name = "政务服务中心", kind = "县直部门", site = { last_update = 2021-09-10 } },
  { name = "发改局", kind = "县直部门"`,
		`  { unit = "发改局", platform`, `  { unit = "政务服务中心", platform = "微信公众号", name = "临沭政务服务", last_update = 2021-09-10, posts = 14, original = 6 },
  { unit = "发改局", platform`)
	cs := Compare(a, b)
	t.Logf("\n%s", all(cs))
	var added, renum, total, other int
	for _, c := range cs {
		switch {
		case c.Kind == Added && strings.Contains(c.Where, "政务服务中心"):
			added++
		case strings.HasSuffix(c.Where, "“序号”栏"):
			renum++
			var o1, o2, n1, n2 int
			fmt.Sscanf(c.Old, "%d—%d", &o1, &o2)
			fmt.Sscanf(c.New, "%d—%d", &n1, &n2)
			if n1 != o1+1 || n2 != o2+1 || o2 <= o1 {
				t.Errorf("renumbering %s", c)
			}
		case strings.Contains(c.Where, "合计"):
			if c.Kind != Modified {
				t.Errorf("total row: %s", c)
			}
			total++
		case strings.HasPrefix(c.Where, "一、第1段"):
		default:
			other++
			t.Errorf("unexpected change: %s", c)
		}
	}
	if added != 1 || renum != 1 || total == 0 {
		t.Errorf("added rows %d, renumbering changes %d, total-row changes %d", added, renum, total)
	}
}

// A document read back from its JSON compares equal to itself composed, and
// a correction compared with the JSON gives the same changes as with the
// source.
func TestReadJSON(t *testing.T) {
	a := variantOf(t, dataSample)
	j, err := pipeline.Render(a, "json", pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	back, err := ReadJSON(j)
	if err != nil {
		t.Fatal(err)
	}
	if cs := Compare(back, a); len(cs) != 0 {
		t.Errorf("JSON round trip differs:\n%s", all(cs))
	}
	const before = `name = "临沭交通", last_update = 2021-09-03`
	b := variantOf(t, dataSample, before, strings.Replace(before, "2021-09-03", "2021-09-08", 1))
	if x, y := all(Compare(back, b)), all(Compare(a, b)); x != y {
		t.Errorf("from JSON:\n%s\nfrom source:\n%s", x, y)
	}
}

// FuzzTextEdits: no edits for equal texts, some for different ones, and
// every edit quotes words that are really in the old and the new text.
func FuzzTextEdits(f *testing.F) {
	f.Add("县自然资源和规划局9月2日更改名称。", "县自然资源和规划局9月12日更改名称。")
	f.Add("请四十四单位落实。", "请四十六单位落实，")
	f.Add("", "新增一句。")
	f.Add("删去。", "")
	f.Fuzz(func(t *testing.T, a, b string) {
		if len(a) > 2000 || len(b) > 2000 {
			return
		}
		a, b = strings.ToValidUTF8(a, "?"), strings.ToValidUTF8(b, "?")
		es := textEdits(a, b)
		if (a == b) != (len(es) == 0) {
			t.Fatalf("%q vs %q: %d edits", a, b, len(es))
		}
		for _, e := range es {
			if e.Old == e.New || !strings.Contains(a, e.Old) || !strings.Contains(b, e.New) {
				t.Fatalf("%q vs %q: edit %+v", a, b, e)
			}
			mark := e.New
			if mark == "" {
				mark = e.Old
			}
			if !strings.Contains(e.Context, "「"+mark+"」") {
				t.Fatalf("%q vs %q: context %q does not mark %q", a, b, e.Context, mark)
			}
		}
	})
}

// A renamed column is still the same column: the header change is said
// once, and a cell changed in it is named by the new name.
func TestColumnRenamed(t *testing.T) {
	a := variant(t)
	b := variant(t,
		`{ name = "检查结果", width = 2 }`, `{ name = "结果", width = 2 }`,
		`["^", "^", "^", "账号", "平台", "检查结果"]`, `["^", "^", "^", "账号", "平台", "结果"]`,
		`["6", "石门镇", "更新及时", "石门镇", "微信公众号", "合格"]`, `["6", "石门镇", "更新及时", "石门镇", "微信公众号", "不合格"]`,
	)
	got := all(Compare(a, b))
	want := "共 2 处改动：\n" +
		"附件 表1 表头 修改：「序号｜单位｜政府网站栏目｜账号｜平台｜检查结果」改为「序号｜单位｜政府网站栏目｜账号｜平台｜结果」\n" +
		"附件 表1 第6行（序号6，石门镇）“结果”栏 修改：「合格」改为「不合格」\n"
	if got != want {
		t.Errorf("got\n%swant\n%s", got, want)
	}
}
