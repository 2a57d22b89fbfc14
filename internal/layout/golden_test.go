package layout

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/internal/doc"
)

var update = flag.Bool("update", false, "rewrite testdata/golden.txt")

// goldenDoc is a notice with every element, built here so that the golden
// file does not move when the samples do.
func goldenDoc() *doc.Document {
	d := &doc.Document{
		Head: doc.Head{CopyNumber: "000123", Classification: "秘密★1年", Urgency: "特急",
			Masthead: &doc.Masthead{Issuers: []string{"临沭政务督查"}}, DocNumber: "沭政督字〔2021〕31号"},
		Title:      []string{"临沭县人民政府办公室关于2021年全县第三季度政府网站和政务新媒体检查情况通报"},
		Addressees: "各镇人民政府、街道办事处，县直有关单位：",
	}
	d.Body = append(d.Body, paras("为进一步推进全县政府网站建设及政务新媒体监管工作，根据国务院办公厅和省政府办公厅、市政府办公室关于政府网站和政务新媒体常态化监管的工作要求，近日，县政府办公室对全县政府网站和政务新媒体组织开展了2021年第三季度读网检查。").Body...)
	d.Body = append(d.Body, &doc.Paragraph{Level: 1, Number: "一、", Section: "一", Heading: "存在的主要问题", Runs: []doc.Run{{Text: "一、存在的主要问题", Face: doc.FaceHei}}})
	d.Body = append(d.Body, &doc.Paragraph{Level: 2, Number: "（一）", Section: "一（一）", Heading: "政务新媒体运营更新不规范。", RunIn: true,
		Runs: []doc.Run{{Text: "（一）政务新媒体运营更新不规范。", Face: doc.FaceKai}, {Text: "按照我县政务新媒体运维要求，各政务新媒体账号需坚持每周更新，但在检查中发现仍有部分新媒体账号存在更新不及时的情况【相关账号：交通运输局（微信公众号）、玉山镇（微信公众号）、店头镇（微博、微信公众号）】，各单位需进一步加强政务新媒体的管理运维。", Face: doc.FaceFangSong}}})
	tb := statTable(6)
	tb.Rows[2][1] = doc.Cell{Text: "曹庄镇", RowSpan: 2, ColSpan: 1}
	tb.Rows[3][1] = doc.Cell{Covered: true}
	d.Body = append(d.Body, tb)
	d.AttachmentNote = []doc.AttachmentRef{{Name: "政府网站及政务新媒体读网检查情况统计表9.14"}}
	d.Attachments = []doc.Attachment{{Title: "政府网站及政务新媒体读网检查情况统计表9.14", Blocks: []doc.Block{statTable(3)}}}
	d.Remark = "（此件公开发布）"
	d.Colophon = &doc.Colophon{CC: []string{"县委办公室", "县人大常委会办公室"}, PrintedBy: "临沭县人民政府办公室", PrintedOn: doc.Date{Year: 2021, Month: 9, Day: 22}}
	return signed(d, true)
}

// The layout of a notice with every element is what it was: a change to
// any position shows here (go test -run Golden -update rewrites it, to be
// read in review).
func TestGolden(t *testing.T) {
	got := dump(mustLayout(t, goldenDoc()))
	const file = "testdata/golden.txt"
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		g, w := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(g) && i < len(w); i++ {
			if g[i] != w[i] {
				t.Fatalf("layout changed at line %d:\n got %s\nwant %s\n(go test -run Golden -update to accept)", i+1, g[i], w[i])
			}
		}
		t.Fatalf("layout changed: %d lines, want %d", len(g), len(w))
	}
}
