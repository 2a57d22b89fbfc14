package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/gongwen/gongwen/internal/findings"
	"github.com/gongwen/gongwen/internal/source"
)

const newUsage = `
用法：gongwen new [--from 上期.toml] 新文件.toml

不带 --from：生成一份带中文说明的通报模板，可直接通过检查，按说明改写即可。
带 --from：由上一期通报生成下一期：
  标题和正文中的期次顺延（如 第三季度→第四季度，第四季度→次年第一季度，9月→10月，第一批→第二批），
  发文字号的年份随之更新，发文顺序号置 0 待填，成文日期和印发日期注释掉待填，
  其余文字（固定的段落、要求）保留，注释也保留。
新文件已存在时不会覆盖。`

func runNew(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("new", newUsage, stderr)
	from := fs.String("from", "", "上一期的通报文件（.toml）")
	files, code, done := parseArgs(fs, args, stderr)
	if done {
		return code
	}
	if len(files) != 1 {
		fmt.Fprintln(stderr, "gongwen new：请指定要生成的新文件，如 gongwen new --from 2021-q3.toml 2021-q4.toml")
		return 1
	}
	name := files[0]
	if _, err := os.Stat(name); err == nil {
		fmt.Fprintf(stderr, "gongwen new：%s 已存在，不会覆盖。请换一个文件名，或先移走原文件。\n", name)
		return 1
	}
	var text string
	if *from == "" {
		text = skeleton(time.Now())
	} else {
		prev, err := source.Load(*from)
		if err != nil {
			fmt.Fprintf(stderr, "gongwen new：%v\n", err)
			return 1
		}
		if prev.Pos == nil {
			printDiags(stderr, prev.Diags)
			fmt.Fprintf(stderr, "gongwen new：上期文件 %s 有格式错误，请先改正。\n", *from)
			return 1
		}
		var notes []string
		text, notes = nextPeriod(prev, *from, filepath.Dir(name))
		for _, n := range notes {
			fmt.Fprintln(stdout, n)
		}
	}
	if err := writeNew(name, []byte(text)); err != nil {
		fmt.Fprintf(stderr, "gongwen new：%v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "已生成 %s\n", name)
	if f := source.Parse(name, []byte(text), source.Options{Dir: filepath.Dir(name)}); len(f.Diags) > 0 {
		fmt.Fprintln(stdout, "还需要填写或修改的地方（gongwen check 会再次列出）：")
		printDiags(stdout, f.Diags)
	}
	return 0
}

// writeNew creates name with data, failing when name exists (even when it
// appeared since the check above).
func writeNew(name string, data []byte) error {
	if dir := filepath.Dir(name); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("无法建立文件夹 %s：%s", dir, ioProblem(err))
		}
	}
	fh, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("%s 已存在，不会覆盖", name)
		}
		return fmt.Errorf("无法建立 %s：%s", name, ioProblem(err))
	}
	if _, err := fh.Write(data); err != nil {
		fh.Close()
		os.Remove(name)
		return fmt.Errorf("写入 %s 失败：%s", name, ioProblem(err))
	}
	return fh.Close()
}

// skeleton is a commented notice that passes check, dated today.
func skeleton(today time.Time) string {
	date := today.Format("2006-01-02")
	return strings.NewReplacer("{{YEAR}}", strconv.Itoa(today.Year()), "{{DATE}}", date).Replace(skeletonText)
}

const skeletonText = `# 政府网站和政务新媒体检查情况通报
# 格式说明：docs/format.md。检查：gongwen check 本文件.toml；生成：gongwen build 本文件.toml
#
# 写法要点：
#   文字用英文双引号 "……" 括起；多段文字用三个引号 """……"""，段与段之间空一行。
#   日期不加引号，写成 2021-09-22 的形式；数字不加引号。
#   以 # 开头的内容是说明，不会出现在公文中。
#   “××”和“……”处请换成实际内容。

# 以下两行写在最前面（可选，见 docs/data.md、docs/format.md）：
# template = "督查通报"                  # 以标准的督查通报为底，本文件只写改动的部分
# include = ["全县单位和账号.toml"]       # 单位和账号放在另一个文件里，每期共用

[head]                                   # 版头
masthead = "××县人民政府办公室"          # 发文机关标志；联合行文写成 ["甲机关", "乙机关"]
# masthead_suffix = "文件"               # 标志后加“文件”时写
# copy_number = "000001"                 # 份号：6位数字
# classification = "秘密★1年"           # 密级和保密期限
# urgency = "加急"                       # 紧急程度：特急 或 加急

[head.doc_number]                        # 发文字号：括号〔〕和“号”由本工具加上
code = "××政督字"                        # 机关代字
year = {{YEAR}}                                # 年份，写全4位
seq = 1                                  # 发文顺序号，不加“第”，不加前导零

[main]
title = "××县人民政府办公室关于{{YEAR}}年第×季度政府网站和政务新媒体检查情况的通报"
addressees = "各镇人民政府、街道办事处，县直有关单位"  # 主送机关，末尾的“：”自动加
text = """
为进一步推进全县政府网站建设及政务新媒体监管工作，……对全县政府网站和政务新媒体组织开展了检查。

现将有关情况通报如下：
"""

[[main.section]]                         # 一级标题“一、”：序号按位置自动编排，标题中不要写
title = "工作开展情况"
text = """
……
"""

[[main.section]]
title = "存在的主要问题"

[[main.section.section]]                 # 二级标题“（一）”
title = "政府网站栏目更新不及时。"
run_in = true                            # 标题接排在本段之前：“（一）……。正文……”
text = """
……
"""

[[main.section]]
title = "下步工作要求"
text = """
……
"""

# 附件：每个附件写一个 [[attachment]]，附件说明由附件标题自动生成。
# [[attachment]]
# title = "政府网站及政务新媒体检查情况统计表"
#
# [[attachment.table]]
# columns = [{ name = "序号", width = 1 }, { name = "单位", width = 3 }, { name = "检查结果", width = 2 }]
# rows = [
#   ["1", "××镇", "合格"],
# ]

[signature]
issuer = "××县人民政府办公室"            # 发文机关署名
date = {{DATE}}                          # 成文日期，不加引号
# seal = "seal.png"                      # 印章图片（PNG），相对于本文件所在文件夹；不盖章则不写

# [colophon]                             # 版记
# cc = ["县委办公室"]                    # 抄送机关
# printed_by = "××县人民政府办公室"      # 印发机关
# printed_on = {{DATE}}                  # 印发日期
`

// period is an inspection period as a title names it.
type period struct {
	year int
	kind string // "quarter", "month", "batch"
	n    int
	zhDi bool // the quarter was written with 第
}

var (
	cnDigits = []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
	// reQuarter finds 2021年…第三季度 / 2021年三季度 in a title.
	reQuarter = regexp.MustCompile(`(\d{4})年[^0-9季]{0,8}?(第?)([一二三四])季度`)
	reMonth   = regexp.MustCompile(`(\d{4})年(\d{1,2})月`)
	reBatch   = regexp.MustCompile(`第([一二三四五六七八九十]{1,3})批`)
)

func cnNumber(s string) int {
	switch {
	case s == "十":
		return 10
	case strings.HasPrefix(s, "十"):
		return 10 + cnNumber(strings.TrimPrefix(s, "十"))
	case strings.HasSuffix(s, "十"):
		return 10 * cnNumber(strings.TrimSuffix(s, "十"))
	case strings.Contains(s, "十"):
		a, b, _ := strings.Cut(s, "十")
		return 10*cnNumber(a) + cnNumber(b)
	}
	for i, d := range cnDigits {
		if d == s && i > 0 {
			return i
		}
	}
	return 0
}

// findPeriod reads the period from a title.
func findPeriod(title string) (period, bool) {
	if m := reQuarter.FindStringSubmatch(title); m != nil {
		y, _ := strconv.Atoi(m[1])
		return period{year: y, kind: "quarter", n: cnNumber(m[3]), zhDi: m[2] != ""}, true
	}
	if m := reMonth.FindStringSubmatch(title); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		if mo >= 1 && mo <= 12 {
			return period{year: y, kind: "month", n: mo}, true
		}
	}
	if m := reBatch.FindStringSubmatch(title); m != nil {
		if n := cnNumber(m[1]); n > 0 && n < 99 {
			y := 0
			if ym := regexp.MustCompile(`(\d{4})年`).FindStringSubmatch(title); ym != nil {
				y, _ = strconv.Atoi(ym[1])
			}
			return period{year: y, kind: "batch", n: n}, true
		}
	}
	return period{}, false
}

func (p period) next() period {
	q := p
	q.n++
	switch {
	case p.kind == "quarter" && q.n > 4:
		q.n, q.year = 1, p.year+1
	case p.kind == "month" && q.n > 12:
		q.n, q.year = 1, p.year+1
	}
	return q
}

// term is how the period is written without its year: 三季度, 9月, 第一批.
func (p period) term() string {
	switch p.kind {
	case "quarter":
		return findings.Chinese(p.n) + "季度"
	case "month":
		return strconv.Itoa(p.n) + "月"
	}
	return "第" + findings.Chinese(p.n) + "批"
}

func (p period) String() string {
	if p.kind == "quarter" {
		return fmt.Sprintf("%d年第%s", p.year, p.term())
	}
	if p.year == 0 {
		return p.term()
	}
	return fmt.Sprintf("%d年%s", p.year, p.term())
}

// dataPeriod is the period [data.period] names (its quarter, month or batch).
func dataPeriod(year, quarter, month, batch int) (period, bool) {
	switch {
	case quarter >= 1 && quarter <= 4:
		return period{year: year, kind: "quarter", n: quarter}, true
	case month >= 1 && month <= 12:
		return period{year: year, kind: "month", n: month}, true
	case batch >= 1:
		return period{year: year, kind: "batch", n: batch}, true
	}
	return period{}, false
}

// The per-period findings new --from clears; the lists of units and
// accounts stay.
var (
	accountFindings = []string{"last_update", "posts", "original", "events", "problems", "verdict"}
	siteFindings    = []string{"site.last_update", "site.problems"}
)

// emptyFindings removes the previous period's measurements from the
// findings, key by key, rescanning the text after each removal.
func emptyFindings(text string, d *source.Data) (string, bool) {
	var paths []string
	for i := range d.Accounts {
		for _, k := range accountFindings {
			paths = append(paths, fmt.Sprintf("data.account[%d].%s", i, k))
		}
	}
	for i := range d.Units {
		for _, k := range siteFindings {
			paths = append(paths, fmt.Sprintf("data.unit[%d].%s", i, k))
		}
	}
	changed := false
	for _, p := range paths {
		if t, ok := removeKey(text, p); ok {
			text, changed = t, true
		}
	}
	if len(d.Submissions) > 0 {
		sp, ok := source.ScanPositions(text).Span("data.submission")
		if ok && sp.From >= 0 && text[sp.From] == '[' {
			text = text[:sp.From] + "[]" + text[sp.To:]
			changed = true
		}
	}
	return text, changed
}

// removeKey removes "key = value" at path from text: the whole line when it
// stands alone on its lines, else the pair and one comma inside its inline
// table.
func removeKey(text, path string) (string, bool) {
	sp, ok := source.ScanPositions(text).Span(path)
	if !ok || sp.From < 0 {
		return text, false
	}
	before := text[sp.LineFrom:sp.Key]
	after := strings.TrimSpace(text[sp.To:sp.LineTo])
	if strings.TrimSpace(before) == "" && (after == "" || strings.HasPrefix(after, "#")) {
		return text[:sp.LineFrom] + text[sp.LineTo:], true
	}
	from, to := sp.Key, sp.To
	j := to
	for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
		j++
	}
	if j < len(text) && text[j] == ',' {
		to = j + 1
		for to < len(text) && (text[to] == ' ' || text[to] == '\t') {
			to++
		}
		return text[:from] + text[to:], true
	}
	i := from
	for i > 0 && (text[i-1] == ' ' || text[i-1] == '\t') {
		i--
	}
	if i > 0 && text[i-1] == ',' {
		from = i - 1
	}
	return text[:from] + text[to:], true
}

// edit replaces text[from:to].
type edit struct {
	from, to int
	with     string
}

// nextPeriod writes the next period's notice from the previous one, as a
// transformation of its text (so the clerk's comments and layout stay). It
// returns the new text and notes for the clerk.
func nextPeriod(prev *source.File, prevPath, newDir string) (string, []string) {
	prevName := filepath.Base(prevPath)
	text := prev.Text
	var notes []string
	var edits []edit
	n := prev.Notice
	title := strings.Join(n.Main.Title, "")
	old, found := findPeriod(title)
	fromData := false
	if d := n.Data; d != nil && d.Period.Year != 0 {
		// The findings name the period; the text computes from it.
		if p, ok := dataPeriod(d.Period.Year, d.Period.Quarter, d.Period.Month, d.Period.Batch); ok {
			old, found, fromData = p, true, true
		}
	}
	cur := old
	if found {
		cur = old.next()
		notes = append(notes, fmt.Sprintf("期次：%s → %s", old, cur))
	} else {
		notes = append(notes, "未能从标题或 [data.period] 中识别检查期次（季度、月份或批次），请手动修改标题和正文中的期次。")
	}
	if fromData {
		if cur.year != old.year {
			if e, ok := valueEdit(prev, "data.period.year", strconv.Itoa(cur.year)); ok {
				edits = append(edits, e)
			}
		}
		if e, ok := valueEdit(prev, "data.period."+cur.kind, strconv.Itoa(cur.n)); ok {
			edits = append(edits, e)
		}
		if e, ok := commentOut(prev, "data.check_date", "请填写本期检查日期"); ok {
			edits = append(edits, e)
		}
	}

	if dn := n.Head.DocNumber; dn != nil {
		if found && cur.year != 0 {
			if e, ok := valueEdit(prev, "head.doc_number.year", strconv.Itoa(cur.year)); ok {
				edits = append(edits, e)
			}
		}
		if e, ok := valueEdit(prev, "head.doc_number.seq", fmt.Sprintf("0  # 请填写发文顺序号（上期为 %d）", dn.Seq)); ok {
			edits = append(edits, e)
		}
	}
	for _, d := range []struct{ path, what string }{
		{"signature.date", "成文日期"},
		{"colophon.printed_on", "印发日期"},
	} {
		if e, ok := commentOut(prev, d.path, "请填写本期"+d.what); ok {
			edits = append(edits, e)
		}
	}
	// The seal and the DOCX template stay the same files when the new
	// notice is in another folder.
	files := []struct{ path, name string }{{"signature.seal", n.Signature.Seal}}
	if n.Output != nil {
		files = append(files, struct{ path, name string }{"output.docx_template", n.Output.DOCXTemplate})
	}
	for _, f := range files {
		if f.name == "" || filepath.IsAbs(f.name) {
			continue
		}
		if rel, ok := relocate(filepath.Join(filepath.Dir(prevPath), f.name), newDir); ok && rel != f.name {
			if e, ok := valueEdit(prev, f.path, strconv.Quote(rel)); ok {
				edits = append(edits, e)
			}
		}
	}
	// Included files stay where they are: the new notice includes the same
	// files (not a copy of their data), named from its own folder.
	for i, inc := range n.Include {
		if inc == "" || filepath.IsAbs(inc) {
			continue
		}
		if rel, ok := relocate(filepath.Join(filepath.Dir(prevPath), inc), newDir); ok && rel != inc {
			path := fmt.Sprintf("include[%d]", i)
			if _, ok := prev.Pos.Span(path); !ok {
				path = "include" // a single name written as a string
			}
			if e, ok := valueEdit(prev, path, strconv.Quote(rel)); ok {
				edits = append(edits, e)
			}
		}
		notes = append(notes, fmt.Sprintf("包含的文件 %s 未改动，新通报仍包含它：其中若有上期的检查结果（最后更新日期、发布数等），请在该文件中更新。", inc))
	}
	text = apply(text, edits)
	if found && !fromData {
		text = advanceTerms(text, old, cur)
	}
	if n.Data != nil {
		var emptied bool
		text, emptied = emptyFindings(text, n.Data)
		if emptied {
			notes = append(notes, "上期的检查结果（账号和网站栏目的最后更新日期、发布数、问题、结论，报送材料）已清空，单位和账号名单保留：请填写本期结果。")
		}
	}
	header := fmt.Sprintf("# 由 gongwen new --from %s 生成：期次已顺延，发文顺序号和日期待填写；请按本期检查情况修改正文和附件表格。\n", prevName)
	notes = append(notes, "发文顺序号已置 0，成文日期、印发日期已注释掉：请填写。", "正文中写明的检查情况和写出的表格仍是上期的内容，请按本期情况修改。")
	return header + text, notes
}

// valueEdit replaces the value at path, when it ends its line (a trailing
// comment is dropped: the replacement carries its own).
func valueEdit(f *source.File, path, with string) (edit, bool) {
	sp, ok := f.Pos.Span(path)
	if !ok || sp.From < 0 {
		return edit{}, false
	}
	from, to, lineTo := sp.From, sp.To, sp.LineTo
	rest := f.Text[to:lineTo]
	if strings.Contains(with, "#") {
		if t := strings.TrimSpace(rest); t == "" || strings.HasPrefix(t, "#") {
			to = lineTo
			with += "\n"
			if strings.HasSuffix(rest, "\r\n") {
				with = strings.TrimSuffix(with, "\n") + "\r\n"
			}
		} else {
			with = with[:strings.IndexByte(with, ' ')]
		}
	}
	return edit{from, to, with}, true
}

// relocate gives file's path relative to dir, with forward slashes (they
// work on Windows too).
func relocate(file, dir string) (string, bool) {
	af, err1 := filepath.Abs(file)
	ad, err2 := filepath.Abs(dir)
	if err1 != nil || err2 != nil {
		return "", false
	}
	rel, err := filepath.Rel(ad, af)
	if err != nil {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// commentOut turns the line of path into a comment with a note.
func commentOut(f *source.File, path, note string) (edit, bool) {
	sp, ok := f.Pos.Span(path)
	if !ok {
		return edit{}, false
	}
	lineFrom, lineTo := sp.LineFrom, sp.LineTo
	line := strings.TrimRight(f.Text[lineFrom:lineTo], "\r\n")
	if strings.Contains(line, "{") { // inside an inline table: leave it
		return edit{}, false
	}
	eol := f.Text[lineFrom+len(line) : lineTo]
	return edit{lineFrom, lineTo, "# " + line + "  # " + note + eol}, true
}

func apply(text string, edits []edit) string {
	sort.Slice(edits, func(i, j int) bool { return edits[i].from > edits[j].from })
	for _, e := range edits {
		text = text[:e.from] + e.with + text[e.to:]
	}
	return text
}

// advanceTerms rewrites the period on every line that names it: the term
// (三季度 → 四季度, 9月 → 10月, 第一批 → 第二批) and, when the year rolls
// over, the year on that line.
func advanceTerms(text string, old, cur period) string {
	lines := strings.SplitAfter(text, "\n")
	oldTerm, newTerm := old.term(), cur.term()
	for i, line := range lines {
		if strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		var changed bool
		switch old.kind {
		case "month":
			// 2021年9月 (not 2021年9月14日, a date of the findings) and 9月份.
			re := regexp.MustCompile(fmt.Sprintf(`%d年%d月(\d*)|(^|[^0-9])%d月份`, old.year, old.n, old.n))
			line = re.ReplaceAllStringFunc(line, func(m string) string {
				if strings.HasSuffix(m, "份") {
					changed = true
					return strings.Replace(m, oldTerm+"份", newTerm+"份", 1)
				}
				if strings.TrimPrefix(m, fmt.Sprintf("%d年%d月", old.year, old.n)) != "" {
					return m // a full date
				}
				changed = true
				return fmt.Sprintf("%d年%d月", cur.year, cur.n)
			})
		default:
			if strings.Contains(line, oldTerm) {
				line = strings.ReplaceAll(line, oldTerm, newTerm)
				changed = true
			}
		}
		if changed && cur.year != old.year && old.year != 0 {
			line = strings.ReplaceAll(line, strconv.Itoa(old.year)+"年", strconv.Itoa(cur.year)+"年")
		}
		lines[i] = line
	}
	return strings.Join(lines, "")
}
