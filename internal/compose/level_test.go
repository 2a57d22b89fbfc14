package compose

import (
	"os"
	"strings"
	"testing"
)

// The standing template says the level of the government that inspects: a
// city's notice on it says 全市, 我市, 市政府办公室 and 市直部门, never the
// county's words, and leaves out the city's own office from the higher
// authorities it cites. (The Linshu sample saying 县 is TestLinshuSaysTheSeed.)
func TestTemplateSaysTheCitysLevel(t *testing.T) {
	b, err := os.ReadFile(linshu)
	if err != nil {
		t.Fatal(err)
	}
	src := strings.NewReplacer(
		"临沭县人民政府办公室", "临沂市人民政府办公室",
		"年全县第", "年全市第", // the sample's own title and paragraph, as a
		"按照我县", "按照我市", // city clerk writes them
		"及时向县政府办公室", "及时向市政府办公室",
	).Replace(string(b))
	text := docText(composeText(t, "city.toml", src))
	for _, want := range []string{
		"推进全市政府网站建设",
		"省政府办公厅关于政府网站",
		"近日，市政府办公室对全市政府网站",
		"季度，市政府办公室对全市纳入备案管理",
		"多数镇街和市直部门能够认真落实国家、省、市对政府网站",
		"向市级主管部门相关科室（市政府办公室政务公开办公室）",
		"给我市政务新媒体监管工作",
		"市自然资源和规划局9月2日更改",
		"事前未向市政府办公室递交审批程序",
		"向市政府作出说明",
		"提请市政府进行约谈",
		"市直有关单位：",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the city's notice lacks %q", want)
		}
	}
	// 县 may stand only in a unit's own name (团县委).
	rest := strings.ReplaceAll(text, "团县委", "")
	if i := strings.Index(rest, "县"); i >= 0 {
		t.Errorf("the city's notice says 县: …%s…", strings.ToValidUTF8(rest[max(0, i-30):min(len(rest), i+30)], ""))
	}
}
