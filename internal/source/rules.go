package source

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// The range of years a 发文字号 or a date may carry.
const (
	minYear = 1949
	maxYear = 2100
)

func sortStrings(s []string) { sort.Strings(s) }

func blank(s string) bool { return strings.TrimSpace(s) == "" }

func blankNames(n Names) bool {
	for _, s := range n {
		if !blank(s) {
			return false
		}
	}
	return true
}

// checkRequired: what GB/T 9704 requires of every notice — a title, an issuer
// and a date — and a body.
func checkRequired(in *Input) []Diagnostic {
	var ds []Diagnostic
	n := in.Notice
	if blankNames(n.Main.Title) && !in.Failed("main.title") {
		ds = append(ds, in.KeyErrorf("main.title", "缺少标题：请在 [main] 中写 title = \"……关于……的通报\""))
	}
	if n.Template == "" && blank(n.Main.Text) && len(n.Main.Sections) == 0 && len(n.Main.Blocks) == 0 && len(n.Main.Tables) == 0 && !in.Failed("main.text") {
		ds = append(ds, in.KeyErrorf("main", "缺少正文：请在 [main] 中写 text = \"\"\"……\"\"\"，或写 [[main.section]] 各节"))
	}
	if blankNames(n.Signature.Issuer) && !in.Failed("signature.issuer") {
		ds = append(ds, in.KeyErrorf("signature.issuer", "缺少发文机关署名：请在 [signature] 中写 issuer = \"……\"（联合行文写成数组）"))
	}
	if n.Signature.Date.IsZero() && !in.Failed("signature.date") {
		ds = append(ds, in.KeyErrorf("signature.date", "缺少成文日期：请在 [signature] 中写 date = 2021-09-22（不加引号）"))
	}
	if d := n.Data; d != nil && d.CheckDate.IsZero() && (len(d.Units) > 0 || len(d.Accounts) > 0) && !in.Failed("data.check_date") {
		ds = append(ds, in.KeyErrorf("data.check_date", "缺少检查日期：请在 [data] 中写 check_date = 2021-09-14（不加引号）；多少天未更新从这一天算起"))
	}
	return ds
}

var (
	reCopyNumber     = regexp.MustCompile(`^[0-9]{6}$`)
	reClassification = regexp.MustCompile(`^(绝密|机密|秘密)(★.+)?$`)
)

// checkHead: 份号, 密级, 紧急程度, 发文机关标志.
func checkHead(in *Input) []Diagnostic {
	var ds []Diagnostic
	h := in.Notice.Head
	if h.CopyNumber != "" && !reCopyNumber.MatchString(h.CopyNumber) {
		ds = append(ds, in.Errorf("head.copy_number", "份号应为6位阿拉伯数字，如 copy_number = \"000001\"，这里是“%s”", h.CopyNumber))
	}
	if c := h.Classification; c != "" && !reClassification.MatchString(c) {
		ds = append(ds, in.Errorf("head.classification", "密级应为“绝密”“机密”或“秘密”，保密期限用★接在后面，如“秘密★1年”，这里是“%s”", c))
	}
	if u := h.Urgency; u != "" && u != "特急" && u != "加急" {
		ds = append(ds, in.Errorf("head.urgency", "紧急程度只能是“特急”或“加急”，这里是“%s”", u))
	}
	for i, m := range h.Masthead {
		if blank(m) {
			ds = append(ds, in.Errorf(indexPath("head.masthead", i), "发文机关标志不能为空"))
		}
	}
	if h.MastheadSuffix != "" && len(h.Masthead) == 0 {
		ds = append(ds, in.Errorf("head.masthead_suffix", "写了 masthead_suffix 却没有发文机关标志：请写 masthead = \"……\""))
	}
	for i, s := range h.Signers {
		if blank(s) {
			ds = append(ds, in.Errorf(indexPath("head.signers", i), "签发人姓名不能为空"))
		}
	}
	if len(h.Signers) > 0 && h.DocNumber == nil {
		ds = append(ds, in.KeyErrorf("head.signers", "签发人与发文字号排在同一行（GB/T 9704 §7.2.5）：写了签发人，请同时写 [head.doc_number]"))
	}
	return ds
}

var reYearBrackets = regexp.MustCompile(`[〔〕\[\]【】()（）]`)

// checkDocNumber: the parts of the 发文字号 (GB/T 9704 §7.2.4).
func checkDocNumber(in *Input) []Diagnostic {
	dn := in.Notice.Head.DocNumber
	if dn == nil {
		return nil
	}
	var ds []Diagnostic
	const p = "head.doc_number"
	code := strings.TrimSpace(dn.Code)
	switch {
	case code == "" && in.Failed(p+".code"):
	case code == "":
		ds = append(ds, in.KeyErrorf(p+".code", "发文字号缺少机关代字：请在 [head.doc_number] 中写 code = \"……\"，如 \"沭政督字\""))
	case reYearBrackets.MatchString(code) || strings.ContainsAny(code, "0123456789０１２３４５６７８９") || strings.HasSuffix(code, "号"):
		ds = append(ds, in.Errorf(p+".code", "code 只写机关代字（如“沭政督字”）；年份写在 year，序号写在 seq，括号〔〕和“号”由本工具加上"))
	case strings.HasSuffix(code, "第"):
		ds = append(ds, in.Errorf(p+".code", "发文字号中不写“第”（GB/T 9704）：code 写“%s”", strings.TrimSuffix(code, "第")))
	}
	switch {
	case in.Failed(p + ".year"):
	case !in.Pos.Has(p + ".year"):
		ds = append(ds, in.KeyErrorf(p, "发文字号缺少年份：请写 year = 2021（4位，不加引号）"))
	case dn.Year >= 0 && dn.Year < 100:
		ds = append(ds, in.Errorf(p+".year", "年份应写全，如 %d（这里写的是 %d）", 2000+dn.Year, dn.Year))
	case dn.Year < minYear || dn.Year > maxYear:
		ds = append(ds, in.Errorf(p+".year", "年份 %d 不对：应写4位公元年份，如 2021", dn.Year))
	}
	switch {
	case in.Failed(p + ".seq"):
	case !in.Pos.Has(p + ".seq"):
		ds = append(ds, in.KeyErrorf(p, "发文字号缺少发文顺序号：请写 seq = 31（不加“第”，不加前导零）"))
	case dn.Seq == 0:
		ds = append(ds, in.Errorf(p+".seq", "请填写发文顺序号：seq = 本文的序号，如 31（不加“第”，不加前导零）"))
	case dn.Seq < 0:
		ds = append(ds, in.Errorf(p+".seq", "发文顺序号应为正整数，如 31"))
	}
	return ds
}

// reManualNumber matches a structure number typed into a heading.
var reManualNumber = regexp.MustCompile(`^\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|[0-9]+[.．、]|[（(][0-9]+[）)])`)

// checkSections: titles, run-in headings, typed numbers, in the body and in
// attachments.
func checkSections(in *Input) []Diagnostic {
	var ds []Diagnostic
	var walk func(path string, c Container, level int)
	walk = func(path string, c Container, level int) {
		for i, s := range c.Sections {
			sp := indexPath(joinPath(path, "section"), i)
			t := strings.TrimSpace(s.Title)
			switch {
			case t == "" && in.Failed(sp+".title"):
			case t == "":
				ds = append(ds, in.KeyErrorf(sp+".title", "这一节缺少标题：请写 title = \"……\"（序号“一、”“（一）”由本工具编排）"))
			case reManualNumber.MatchString(t):
				num := reManualNumber.FindString(t)
				ds = append(ds, in.Errorf(sp+".title", "标题前不要写序号“%s”：序号按节的位置自动编排", strings.TrimSpace(num)))
			}
			// With a template, the text may come from the template's section:
			// checkRunInMerged looks at the merged notice.
			if s.RunIn && blank(s.Text) && in.Notice.Template == "" {
				ds = append(ds, in.Errorf(sp+".run_in", "run_in = true 表示标题接排在本节第一段之前，但本节没有 text：请写 text，或删去 run_in"))
			}
			if level >= 4 && len(s.Sections) > 0 {
				ds = append(ds, in.KeyErrorf(indexPath(joinPath(sp, "section"), 0), "结构层次最多四层（一、（一）1.（1））：请减少一层"))
				continue
			}
			walk(sp, s.Container, level+1)
		}
	}
	walk("main", in.Notice.Main.Container, 1)
	for i, a := range in.Notice.Attachments {
		walk(indexPath("attachment", i), a.Container, 1)
	}
	return append(ds, checkRunInMerged(in)...)
}

// checkRunInMerged: with a template, a run-in heading needs text in the
// merged notice — the notice's section may take it from the template's,
// and a template's section may be run in without any. The error stands at
// the notice's run_in when the notice writes it, else at its template key
// naming the template's line.
func checkRunInMerged(in *Input) []Diagnostic {
	ti := in.Template()
	if ti == nil || ti.err != nil {
		return nil // checkFindings reports it
	}
	const msg = "run_in = true 表示标题接排在本节第一段之前，但本节没有 text"
	var ds []Diagnostic
	var walk func(npath string, own []Section, tpath string, tsecs, merged []Section)
	walk = func(npath string, own []Section, tpath string, tsecs, merged []Section) {
		for _, m := range merged {
			k := sectionKey(m.Title)
			np, tp := "", ""
			var nsub, tsub []Section
			for i := range own {
				if sectionKey(own[i].Title) == k {
					np, nsub = indexPath(joinPath(npath, "section"), i), own[i].Sections
					break
				}
			}
			for i := range tsecs {
				if sectionKey(tsecs[i].Title) == k {
					tp, tsub = indexPath(joinPath(tpath, "section"), i), tsecs[i].Sections
					break
				}
			}
			if m.RunIn && blank(m.Text) {
				switch {
				case np != "" && in.Pos.Has(np+".run_in"):
					ds = append(ds, in.Errorf(np+".run_in", "%s（模板“%s”的这一节也没有）：请写 text，或删去 run_in", msg, ti.name))
				case tp != "":
					ds = append(ds, in.Errorf("template", "模板“%s”中“%s”一节（%s）%s：请在模板中写 text，或在通报中写这一节的 text", ti.name, k, ti.At(ti.KeyAt(tp+".run_in")), msg))
				}
			}
			if np != "" || tp != "" {
				walk(np, nsub, tp, tsub, m.Sections)
			}
		}
	}
	walk("main", in.Notice.Main.Sections, "main", ti.t.Main.Sections, ti.merged.Main.Sections)
	for i, a := range ti.merged.Attachments {
		var own, tsecs []Section
		if i < len(in.Notice.Attachments) {
			own = in.Notice.Attachments[i].Sections
		}
		if i < len(ti.t.Attachments) {
			tsecs = ti.t.Attachments[i].Sections
		}
		p := indexPath("attachment", i)
		walk(p, own, p, tsecs, a.Sections)
	}
	return ds
}

// Tables calls fn for every table of the notice (in the body, its blocks and
// sections, and the attachments) with its key path, e.g.
// main.section[1].block[0].table.
func Tables(n *Notice, fn func(path string, t *Table)) {
	var walk func(path string, c *Container)
	walk = func(path string, c *Container) {
		for i := range c.Blocks {
			if c.Blocks[i].Table != nil {
				fn(indexPath(joinPath(path, "block"), i)+".table", c.Blocks[i].Table)
			}
		}
		for i := range c.Tables {
			fn(indexPath(joinPath(path, "table"), i), &c.Tables[i])
		}
		for i := range c.Sections {
			walk(indexPath(joinPath(path, "section"), i), &c.Sections[i].Container)
		}
	}
	walk("main", &n.Main.Container)
	for i := range n.Attachments {
		walk(indexPath("attachment", i), &n.Attachments[i].Container)
	}
}

// Merge marks in a table cell: MergeLeft joins the cell to its left,
// MergeUp to the cell above (package compose resolves them).
const (
	MergeLeft = "<"
	MergeUp   = "^"
)

// isFontSize reports whether s names a 字号 a table may use (the keys of
// compose.FontSizes; a test keeps the two in step).
func isFontSize(s string) bool {
	switch s {
	case "三号", "小三", "四号", "小四", "五号":
		return true
	}
	return false
}

// checkTables: every row as wide as the columns; merge marks that point inside
// the table and form rectangles; known font sizes and alignments.
func checkTables(in *Input) []Diagnostic {
	var ds []Diagnostic
	Tables(in.Notice, func(path string, t *Table) {
		cols := len(t.Columns)
		if in.Failed(path + ".columns") {
			return // recovery dropped the columns: the rows cannot be judged
		}
		if cols == 0 {
			ds = append(ds, in.KeyErrorf(path, "表格缺少列：请写 columns = [{ name = \"序号\" }, { name = \"单位\" }, …]"))
			return
		}
		for i, c := range t.Columns {
			cp := indexPath(path+".columns", i)
			if c.Width < 0 {
				ds = append(ds, in.Errorf(cp+".width", "列宽 width 是相对宽度，应为正数，如 2"))
			}
			switch c.Align {
			case "", "left", "center", "right":
			default:
				ds = append(ds, in.Errorf(cp+".align", "对齐方式 align 只能是 \"left\"（左）、\"center\"（居中）或 \"right\"（右），这里是“%s”", c.Align))
			}
		}
		if t.FontSize != "" && !isFontSize(t.FontSize) {
			ds = append(ds, in.Errorf(path+".font_size", "字号 font_size 可写“三号”“小三”“四号”“小四”或“五号”，这里是“%s”", t.FontSize))
		}
		ds = append(ds, checkGrid(in, path, "header", t.Header, cols)...)
		ds = append(ds, checkGrid(in, path, "rows", t.Rows, cols)...)
	})
	return ds
}

func checkGrid(in *Input, table, key string, rows [][]string, cols int) []Diagnostic {
	var ds []Diagnostic
	what := map[string]string{"header": "表头", "rows": "表格"}[key]
	ok := true
	for r, row := range rows {
		rp := indexPath(table+"."+key, r)
		if len(row) != cols {
			ok = false
			msg := "多了"
			if len(row) < cols {
				msg = "少了"
			}
			d := in.Errorf(rp, "%s第%d行有%d个单元格，表格有%d列（%s%d个）：每行的单元格数要与 columns 的列数相同；合并的单元格写“<”（并入左边）或“^”（并入上边）",
				what, r+1, len(row), cols, msg, abs(len(row)-cols))
			if len(row) > cols {
				d = in.At(in.Pos.Nearest(indexPath(rp, cols)), Error, "%s", d.Message)
			}
			ds = append(ds, d)
		}
	}
	if !ok {
		return ds
	}
	// origin finds the cell a merged cell belongs to; -1 when a mark points
	// outside the table.
	type cell struct{ r, c int }
	origin := make([][]cell, len(rows))
	for r, row := range rows {
		origin[r] = make([]cell, cols)
		for c, text := range row {
			cp := indexPath(indexPath(table+"."+key, r), c)
			o := cell{r, c}
			switch text {
			case MergeLeft:
				if c == 0 {
					ds = append(ds, in.Errorf(cp, "“<”表示与左边的单元格合并，但这是一行的第一格，左边没有单元格"))
					o = cell{-1, -1}
				} else {
					o = origin[r][c-1]
				}
			case MergeUp:
				if r == 0 {
					where := "第一行"
					if key == "rows" {
						where = "表格正文的第一行（不能与表头合并）"
					}
					ds = append(ds, in.Errorf(cp, "“^”表示与上边的单元格合并，但这是%s，上边没有单元格", where))
					o = cell{-1, -1}
				} else {
					o = origin[r-1][c]
				}
			}
			origin[r][c] = o
		}
	}
	// Every merged area must be a rectangle: the cells between an origin and
	// the farthest cell merged into it all belong to it.
	type box struct{ r1, c1, r2, c2 int }
	boxes := map[cell]*box{}
	var order []cell
	for r := range origin {
		for c, o := range origin[r] {
			if o.r < 0 {
				continue
			}
			b, seen := boxes[o]
			if !seen {
				b = &box{o.r, o.c, o.r, o.c}
				boxes[o] = b
				order = append(order, o)
			}
			b.r2, b.c2 = max(b.r2, r), max(b.c2, c)
		}
	}
	for _, o := range order {
		b := boxes[o]
		for r := b.r1; r <= b.r2; r++ {
			for c := b.c1; c <= b.c2; c++ {
				if origin[r][c] != o {
					cp := indexPath(indexPath(table+"."+key, r), c)
					ds = append(ds, in.Errorf(cp, "合并的单元格要组成矩形：从第%d行第%d列开始的合并区域在这里缺了一格（应写“<”或“^”）", o.r+1, o.c+1))
					r = b.r2 + 1
					break
				}
			}
		}
	}
	return ds
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// checkAttachments: the 附件说明 is made from the attachments' titles, so a
// title must be there and must read as a name (GB/T 9704 §7.3.4: no closing
// punctuation, no "附件" or number of its own).
func checkAttachments(in *Input) []Diagnostic {
	var ds []Diagnostic
	for i, a := range in.Notice.Attachments {
		p := indexPath("attachment", i)
		t := strings.TrimSpace(a.Title)
		switch {
		case t == "" && in.Failed(p+".title"):
		case t == "":
			ds = append(ds, in.KeyErrorf(p+".title", "附件缺少标题：请写 title = \"……\"，它同时是附件说明中的名称"))
		case strings.HasPrefix(t, "附件"):
			ds = append(ds, in.Errorf(p+".title", "附件标题不要以“附件”开头：“附件”和序号由本工具加上"))
		default:
			r, _ := utf8.DecodeLastRuneInString(t)
			if strings.ContainsRune("。，、；：.,;:！？!?", r) {
				ds = append(ds, in.Errorf(p+".title", "附件名称后不加标点（GB/T 9704）：请删去末尾的“%c”", r))
			}
		}
	}
	return ds
}

// checkSignature: the seal file, and a date in range.
func checkSignature(in *Input) []Diagnostic {
	var ds []Diagnostic
	s := in.Notice.Signature
	ds = append(ds, checkDate(in, "signature.date", "成文日期", s.Date)...)
	if s.Seal == "" {
		return ds
	}
	name := s.Seal
	if !filepath.IsAbs(name) {
		name = filepath.Join(in.Dir, name)
	}
	b, err := in.file.readSource("signature.seal", s.Seal, name, relName(s.Seal), maxSealBytes)
	var nr *NotRegularError
	switch {
	case errors.As(err, &nr) && nr.Mode.IsDir():
		return append(ds, in.Errorf("signature.seal", "印章“%s”是文件夹，不是图片：请写出文件夹中印章 PNG 图片的文件名，如 seal = \"%s\"", s.Seal, filepath.ToSlash(filepath.Join(s.Seal, "印章.png"))))
	case errors.Is(err, os.ErrNotExist):
		return append(ds, in.Errorf("signature.seal", "找不到印章图片“%s”（相对于通报文件所在的文件夹）：请检查文件名，或删去 seal 不加盖印章", s.Seal))
	case errors.As(err, new(*TooLargeError)):
		return append(ds, in.Errorf("signature.seal", "印章图片“%s”文件太大（超过 %d MB）：印章图片最多 %d MB，请缩小或另存为 PNG 后再用", s.Seal, maxSealBytes>>20, maxSealBytes>>20))
	case err != nil:
		return append(ds, in.Errorf("signature.seal", "%s", readProblem(err, "signature.seal", "印章图片", s.Seal)))
	}
	if msg := pngProblem(b); msg != "" {
		ds = append(ds, in.Errorf("signature.seal", "印章图片“%s”%s", s.Seal, msg))
	}
	return ds
}

// The largest seal image taken. A seal is about 42 mm across: at 600 dpi
// that is some 1,000 pixels a side. The PDF writer decodes the whole image
// (4 bytes a pixel), so a 30,000-pixel-square PNG of a few megabytes would
// take gigabytes of memory and minutes: such a file is refused here.
const (
	maxSealSide  = 4000    // pixels, either side
	maxSealBytes = 8 << 20 // bytes of the file
)

// pngProblem says why b is not a PNG the PDF writer can embed: it takes
// 8-bit, non-interlaced PNG only, of at most maxSealSide pixels a side.
func pngProblem(b []byte) string {
	sig := []byte("\x89PNG\r\n\x1a\n")
	if len(b) < 33 || !bytes.Equal(b[:8], sig) || string(b[12:16]) != "IHDR" {
		return "不是 PNG 图片：请另存为 PNG 格式（透明背景）"
	}
	w, h := binary.BigEndian.Uint32(b[16:20]), binary.BigEndian.Uint32(b[20:24])
	depth, interlace := b[24], b[28]
	switch {
	case w == 0 || h == 0:
		return "尺寸为 0，图片已损坏"
	case w > maxSealSide || h > maxSealSide:
		return fmt.Sprintf("太大（%d×%d 像素）：印章图片每边最多 %d 像素（约 42 毫米的印章按 600 dpi 约 1000 像素），请缩小后另存", w, h, maxSealSide)
	case len(b) > maxSealBytes:
		return fmt.Sprintf("文件太大（%.1f MB）：印章图片最多 %d MB，请缩小或另存为 PNG 后再用", float64(len(b))/(1<<20), maxSealBytes>>20)
	case depth != 8:
		return fmt.Sprintf("是 %d 位色深的 PNG：请另存为 8 位（每通道 8 位）PNG", depth)
	case interlace != 0:
		return "是隔行扫描（interlaced）的 PNG：请另存为不隔行的 PNG"
	case !pngComplete(b):
		return "不完整（文件被截断或已损坏，可能没有复制完）：请重新导出或复制印章图片"
	}
	return ""
}

// pngComplete reports whether the chunks of the PNG b run, each within the
// file, up to its IEND chunk: a file cut short (a copy broken off) fails,
// without decoding a pixel.
func pngComplete(b []byte) bool {
	for off := 8; off+12 <= len(b); {
		n := int(binary.BigEndian.Uint32(b[off : off+4]))
		if n < 0 || n > len(b)-off-12 {
			return false
		}
		if string(b[off+4:off+8]) == "IEND" {
			return true
		}
		off += 12 + n
	}
	return false
}

func checkDate(in *Input, path, what string, t time.Time) []Diagnostic {
	if t.IsZero() {
		return nil
	}
	var ds []Diagnostic
	if y := t.Year(); y < minYear || y > maxYear {
		ds = append(ds, in.Errorf(path, "%s的年份 %d 不对，请检查", what, y))
	}
	if t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0 {
		ds = append(ds, in.Errorf(path, "%s只写日期，如 2021-09-22，不写时间", what))
	}
	return ds
}

// checkColophon: the 版记's 印发机关 and 印发日期 go together, and the
// 印发日期 is not before the 成文日期.
func checkColophon(in *Input) []Diagnostic {
	c := in.Notice.Colophon
	if c == nil {
		return nil
	}
	var ds []Diagnostic
	if blank(c.PrintedBy) && !c.PrintedOn.IsZero() && !in.Failed("colophon.printed_by") {
		ds = append(ds, in.KeyErrorf("colophon.printed_by", "写了印发日期，缺少印发机关：请写 printed_by = \"……\""))
	}
	if !blank(c.PrintedBy) && c.PrintedOn.IsZero() && !in.Failed("colophon.printed_on") {
		ds = append(ds, in.KeyErrorf("colophon.printed_on", "缺少印发日期：请在 [colophon] 中写 printed_on = 2021-09-22（不加引号）"))
	}
	ds = append(ds, checkDate(in, "colophon.printed_on", "印发日期", c.PrintedOn)...)
	if d := in.Notice.Signature.Date; !d.IsZero() && !c.PrintedOn.IsZero() && c.PrintedOn.Before(d) {
		ds = append(ds, in.Warnf("colophon.printed_on", "印发日期早于成文日期（%s），请核对", d.Format("2006-01-02")))
	}
	for i, cc := range c.CC {
		p := indexPath("colophon.cc", i)
		if blank(cc) {
			ds = append(ds, in.Errorf(p, "抄送机关不能为空"))
			continue
		}
		if r, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(cc)); strings.ContainsRune("，、。；,;.", r) {
			ds = append(ds, in.Warnf(p, "抄送机关名称后不加标点：机关之间的“，”和末尾的“。”由本工具加上"))
		}
	}
	return ds
}
