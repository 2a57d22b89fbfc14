package source

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// maxSyntaxErrors bounds how many syntax errors one run reports.
const maxSyntaxErrors = 20

// syntaxErrors reports the syntax errors of text, as recoverSyntax finds
// them.
func syntaxErrors(text string, err error) []Diagnostic { return recoverSyntax(text, err).diags }

// recovery is what recoverSyntax makes of a file with syntax errors.
type recovery struct {
	diags []Diagnostic // the syntax errors, in file order
	// text is the file with each bad line blanked (its bytes replaced by
	// spaces, so that every offset, line and column of the rest stays what
	// it is in the file); "" when the file could not be recovered.
	text  string
	holes []int // the lines blanked, 1-based
}

// recoverNote ends the last syntax error of a file that could not be
// recovered: the other checks were not run, and the clerk should know.
const recoverNote = "（因这处错误，文件其余部分无法可靠读取，键名、类型、必填项和文字规范等其他检查未进行：改正后请再运行 gongwen check）"

// recoverNoteMany ends the last of maxSyntaxErrors syntax errors (%d: that
// number).
const recoverNoteMany = "（格式错误已列出 %d 处，后面的内容未再查看，键名、类型、必填项和文字规范等其他检查也未进行：改正后请再运行 gongwen check）"

// recoverSyntax reports the first syntax error and then looks for more: it
// blanks the line of each error and parses again, as long as the next error
// stands on a later line. When the blanked text parses, it is returned for
// the other checks (Parse suppresses what is only a consequence of the
// blanking). It gives up — and says so in the last error — when blanking
// would mislead: a string or value left open to the end of the file, a bad
// table header (the keys under it would fall into the table before), an
// error that does not move on, or too many errors.
func recoverSyntax(text string, err error) recovery {
	first := syntaxError(text, err)
	r := recovery{diags: []Diagnostic{first}}
	lines := strings.Split(text, "\n")
	last := first.Line
	ok := false
	for len(r.diags) < maxSyntaxErrors && last >= 1 && last <= len(lines) {
		if strings.Contains(first.Message, "文件末尾") || strings.HasPrefix(first.Message, "多行文字") {
			break // the rest of the file is inside the unterminated value
		}
		// Three repairs of the bad line: blank it whole; blank stray
		// characters before its content ("！title = …"); cut it where the
		// error stands, keeping a complete value or header before it. The
		// one the parser reads furthest with is taken, the later in this
		// order when they read as far (they keep more of the line).
		line := lines[last-1]
		blanked := blankLine(line)
		lines[last-1] = blanked
		next, nextErr := reach(lines)
		best := blanked
		try := func(repaired string) {
			lines[last-1] = repaired
			if n, e := reach(lines); n >= next {
				next, nextErr, best = n, e, repaired
			}
		}
		if from, to := junkAt(line, first.Col); from >= 0 {
			try(line[:from] + blankLine(line[from:to]) + line[to:])
		}
		if c := cutAt(line, first.Col); c >= 0 {
			try(line[:c] + blankLine(line[c:]))
		}
		lines[last-1] = best
		if lines[last-1] == blanked {
			if looksLikeHeader(line) && !insideValue(lines, last) {
				break // a bad table header: the keys under it would fall into the table before
			}
			r.holes = append(r.holes, last)
		}
		if nextErr == nil {
			r.text, ok = strings.Join(lines, "\n"), true
			break
		}
		d := syntaxError(strings.Join(lines, "\n"), nextErr)
		if d.Line <= last {
			break
		}
		r.diags = append(r.diags, d)
		last = d.Line
		first = d
	}
	if !ok {
		r.text, r.holes = "", nil
		note := recoverNote
		if len(r.diags) >= maxSyntaxErrors {
			note = fmt.Sprintf(recoverNoteMany, maxSyntaxErrors)
		}
		r.diags[len(r.diags)-1].Message += note
	}
	return r
}

// reach parses lines and returns the line of the first error and the error,
// or a line past the end and nil when they parse.
func reach(lines []string) (int, error) {
	var tree map[string]any
	text := strings.Join(lines, "\n")
	if _, err := toml.Decode(text, &tree); err != nil {
		return syntaxError(text, err).Line, err
	}
	return len(lines) + 1, nil
}

// junkAt returns the byte range of the characters that are not ASCII at
// column col of line when they stand first on the line ("！[main]"); -1
// otherwise.
func junkAt(line string, col int) (int, int) {
	from := len(line) - len(strings.TrimLeft(line, " \t"))
	if utf8.RuneCountInString(line[:from])+1 != col {
		return -1, -1
	}
	to := from
	for to < len(line) {
		r, size := utf8.DecodeRuneInString(line[to:])
		if r < 0x80 {
			break
		}
		to += size
	}
	if to == from {
		return -1, -1
	}
	return from, to
}

// cutAt returns the byte index in line of column col (1-based, in
// characters) when the line may be cut there: something stands before it,
// ending in a closed string, bracket or brace, a comma, or an opening
// bracket; -1 otherwise. A number or date is never cut short (1,000 must
// not become 1).
func cutAt(line string, col int) int {
	i := 0
	for n := 1; n < col && i < len(line); n++ {
		_, size := utf8.DecodeRuneInString(line[i:])
		i += size
	}
	if col <= 1 || i >= len(line) {
		return -1
	}
	kept := strings.TrimRight(line[:i], " \t")
	if kept == "" || !strings.ContainsAny(kept[len(kept)-1:], "\"']},[{") {
		return -1
	}
	return i
}

// blankLine replaces every byte of a line by a space (a final \r stays), so
// the line keeps its length and the file its offsets.
func blankLine(line string) string {
	n := len(strings.TrimSuffix(line, "\r"))
	return strings.Repeat(" ", n) + line[n:]
}

// looksLikeHeader reports whether a bad line may have been a table header:
// a "[" stands before any "=" or quote ("[main", "！[main]").
func looksLikeHeader(line string) bool {
	i := strings.IndexByte(line, '[')
	return i >= 0 && !strings.ContainsAny(line[:i], "=\"'")
}

// insideValue reports whether line n (1-based) continues a value opened on
// an earlier line — a line starting with "[" there is an array's element,
// not a table header: the lines before it (the bad ones before already
// blanked) parse, unless a value is still open at their end.
func insideValue(lines []string, n int) bool {
	var tree map[string]any
	_, err := toml.Decode(strings.Join(lines[:n-1], "\n"), &tree)
	return err != nil
}

// syntaxError turns a BurntSushi/toml parse error into a diagnostic in
// Chinese at its line and column (columns counted in characters).
func syntaxError(text string, err error) Diagnostic {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return Diagnostic{Line: 1, Col: 1, Severity: Error, Message: "无法读取：" + err.Error()}
	}
	off := pe.Position.Start
	if off > len(text) {
		off = len(text)
	}
	if off < 0 {
		off = 0
	}
	msg := translate(pe, text, off)
	if strings.HasPrefix(msg, "日期写成") { // point at the date, not at its second part
		if i := strings.LastIndexByte(text[:off], '='); i >= 0 && !strings.Contains(text[i:off], "\n") {
			off = i + 1 + len(text[i+1:off]) - len(strings.TrimLeft(text[i+1:off], " \t"))
		}
	}
	if strings.Contains(pe.Message, "invalid escape") { // point at the escape, not at the string
		if q := reQuoted.FindStringSubmatch(pe.Message); q != nil && q[1] != "" {
			end := min(off+max(pe.Position.Len, 0), len(text))
			if i := strings.Index(text[off:end], q[1]); i >= 0 {
				off += i
			}
		}
	}
	lineStart := strings.LastIndexByte(text[:off], '\n') + 1
	line := strings.Count(text[:off], "\n") + 1
	col := utf8.RuneCountInString(text[lineStart:off]) + 1
	atLineEnd := off < len(text) && text[off] == '\n' && pe.Position.Line == line+1
	if pe.Position.Line > 0 && pe.Position.Line != line && !atLineEnd {
		// (At a line's end the parser counts the newline on the next line;
		// the place is where the line ends, where the missing part goes.)
		// Trust the parser's line; the column is then the start of that line.
		line, col = pe.Position.Line, 1
	}
	return Diagnostic{Line: line, Col: col, Severity: Error, Message: msg}
}

var (
	reQuoted      = regexp.MustCompile(`["']([^"']*)["']`)
	reDate        = regexp.MustCompile(`^(\d{1,4})-(\d{1,2})-(\d{1,2})`)
	reLeadingZero = regexp.MustCompile(`^Invalid (integer|float) "([^"]*)": cannot have leading zeroes`)
)

// translate gives a parse error's message in Chinese, saying what to write.
func translate(pe toml.ParseError, text string, off int) string {
	m := pe.Message
	key := pe.LastKey
	if i := strings.LastIndexByte(key, '.'); i >= 0 {
		key = key[i+1:]
	}
	quoted := ""
	if q := reQuoted.FindStringSubmatch(m); q != nil {
		quoted = q[1]
	}
	switch {
	case reLeadingZero.MatchString(m):
		v := reLeadingZero.FindStringSubmatch(m)[2]
		fixed := strings.TrimLeft(v, "0")
		if fixed == "" || fixed[0] == '.' {
			fixed = "0" + fixed
		}
		if key == "seq" {
			return fmt.Sprintf("发文顺序号不加前导零（GB/T 9704）：写 seq = %s，不写 %s", fixed, v)
		}
		return fmt.Sprintf("数字不能以 0 开头：写 %s，不写 %s（如需保留 0，请用双引号括起写成文字）", fixed, v)
	case strings.HasPrefix(m, "invalid datetime"):
		return dateMessage(quoted, key)
	case strings.Contains(m, "has already been defined") || strings.Contains(m, "already been created"):
		k := quoted
		if i := strings.LastIndexByte(k, '.'); i >= 0 {
			k = k[i+1:]
		}
		return fmt.Sprintf("“%s”重复：同一个表里每个键只能写一次，请删去或合并重复的一处（重复出现的节、附件请用 [[…]]）", k)
	case strings.Contains(m, "is not a table"):
		return fmt.Sprintf("“%s”已写成一个值，不能再作为表 [%s] 使用", quoted, quoted)
	case strings.HasPrefix(m, `unexpected EOF; expected '"""'`), strings.HasPrefix(m, `unexpected EOF; expected "'''"`):
		return "多行文字没有结束：缺少结尾的三个引号 \"\"\"（从这里开始的文字一直到文件末尾都没有闭合）"
	case strings.HasPrefix(m, `unexpected EOF; expected '"'`), strings.HasPrefix(m, `unexpected EOF; expected "'"`),
		strings.HasPrefix(m, "strings cannot contain newlines"):
		return "文字没有结束：缺少右边的英文双引号 \"。一段文字若要分多行写，请用三个引号 \"\"\"……\"\"\" 括起"
	case strings.HasPrefix(m, "expected value but found"), strings.HasPrefix(m, "unexpected EOF; expected value"):
		r, _ := utf8.DecodeRuneInString(text[off:])
		switch {
		case r == '“' || r == '”' || r == '＂':
			return "请用英文双引号 \" 括起文字，不要用中文引号“”"
		case r >= 0x80:
			return "文字要用英文双引号括起，如 title = \"……\""
		case strings.HasPrefix(m, "unexpected EOF"):
			return "“=”后面缺少值"
		}
		return fmt.Sprintf("这里应写一个值（文字用英文双引号括起，数字、日期不加引号），而不是“%s”", quoted)
	case strings.HasPrefix(m, "expected '.' or '='"), strings.HasPrefix(m, "unexpected EOF; expected key separator"):
		r, _ := utf8.DecodeRuneInString(text[off:])
		if r == '＝' || r == '：' || r == ':' {
			return "键和值之间用英文等号“=”，如 title = \"……\""
		}
		if word := chineseKey(text[off:]); word != "" {
			if k, ok := chineseKeys[word]; ok {
				return fmt.Sprintf("键名要用英文：“%s”写作 %s（可写的键见 docs/format.md）", word, k)
			}
			return fmt.Sprintf("键名要用英文字母、数字、_ 和 -，不能写“%s”（可写的键见 docs/format.md）", word)
		}
		return "键名后面应是英文等号“=”。键名只能用英文字母、数字、_ 和 -（可写的键见 docs/format.md）"
	case strings.HasPrefix(m, "expected a top-level item to end with") && reDateLike.MatchString(valueBefore(text, off)):
		return "日期写成 2021-09-22 的形式：用英文短横线“-”隔开，月和日各两位，不加引号"
	case strings.HasPrefix(m, "expected a top-level item to end with") && strings.ContainsAny(text[off:min(off+3, len(text))], "０１２３４５６７８９"):
		return "数字要用半角（英文）数字 0–9，不能用全角数字"
	case strings.HasPrefix(m, "expected a top-level item to end with"):
		return "一行只能写一个“键 = 值”：值到这里之前已经结束，多余的内容请删去、换行或放进引号内"
	case strings.HasPrefix(m, "expected a comma (',') or array terminator"):
		return "数组的各项之间要用英文逗号“,”隔开，最后用“]”结束"
	case strings.HasPrefix(m, "expected a comma or an inline table terminator"):
		return "花括号 {…} 中的各项要用英文逗号“,”隔开，最后用“}”结束"
	case strings.HasPrefix(m, "unexpected comma"):
		return "多了一个逗号：两个逗号之间或“[”后面缺少值"
	case strings.Contains(m, "newlines not allowed within inline tables"):
		return "花括号 {…} 的内容要写在同一行内；内容多时请改用 [名称] 表"
	case strings.Contains(m, "table name"), strings.Contains(m, "table array name"), strings.Contains(m, "table names cannot be empty"):
		return "表名写法不对：应为 [名称] 或 [[名称]]，如 [main]、[[main.section]]"
	case strings.HasPrefix(m, "unexpected '='"), strings.HasPrefix(m, "unexpected '.'"):
		return "键名写法不对：键名只能用英文字母、数字、_ 和 -，如 title = \"……\""
	case strings.Contains(m, "invalid escape"), strings.Contains(m, "hexadecimal digits after"), strings.Contains(m, "is not valid UTF-8"):
		return "反斜杠 \\ 在双引号文字中有特殊含义：要写反斜杠本身请写两个 \\\\，或把文字改用单引号 '…' 括起"
	case strings.Contains(m, "control characters"):
		return "文件中有看不见的控制字符，请删去（常见于从网页或其他软件复制的文字）"
	case strings.Contains(m, "NULL bytes"):
		return "文件含有空字符，可能是 UTF-16 编码或二进制文件。请用记事本“另存为”UTF-8 编码"
	case strings.Contains(m, "out of range"), strings.Contains(m, "out of the safe"):
		return "数字太大"
	case strings.HasPrefix(m, "Invalid integer"), strings.HasPrefix(m, "Invalid float"), strings.HasPrefix(m, "invalid float"),
		strings.Contains(m, "not a binary number"), strings.Contains(m, "not an octal number"), strings.Contains(m, "not a hexadecimal number"),
		strings.HasPrefix(m, "expected a digit"), strings.Contains(m, "floats must start with a digit"),
		strings.Contains(m, "cannot use sign with non-decimal"):
		return "数字写法不对：整数如 31，小数如 2.5；若本意是文字，请用英文双引号括起"
	}
	return "TOML 格式错误（" + m + "）。格式说明见 docs/format.md"
}

// reDateLike matches the start of a date written the Chinese or the slash way.
var reDateLike = regexp.MustCompile(`^[0-9]{4}\s*[/年.]`)

// valueBefore returns the value of the key/value pair whose line holds off,
// from after the "=" up to the end of the line.
func valueBefore(text string, off int) string {
	start := strings.LastIndexByte(text[:off], '\n') + 1
	line := text[start:]
	if i := strings.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	if i := strings.IndexByte(line, '='); i >= 0 {
		return strings.TrimSpace(line[i+1:])
	}
	return ""
}

// chineseKey returns the run of non-ASCII letters at the start of s (a key
// written in Chinese), or "".
func chineseKey(s string) string {
	end := 0
	for i, r := range s {
		if r < 0x80 || r == '＝' || r == '：' {
			break
		}
		end = i + utf8.RuneLen(r)
	}
	return s[:end]
}

// chineseKeys maps the names clerks use for the elements to the keys.
var chineseKeys = map[string]string{
	"标题": "title（在 [main] 中）", "主送机关": "addressees（在 [main] 中）", "主送": "addressees（在 [main] 中）",
	"正文": "text", "附注": "remark（在 [main] 中）", "结束语": "closing（在 [main] 中）",
	"份号": "copy_number（在 [head] 中）", "密级": "classification（在 [head] 中）", "紧急程度": "urgency（在 [head] 中）",
	"发文机关标志": "masthead（在 [head] 中）", "版头": "[head]", "签发人": "signers（在 [head] 中）",
	"发文字号": "[head.doc_number]，分写 code、year、seq", "机关代字": "code（在 [head.doc_number] 中）",
	"年份": "year", "序号": "seq（在 [head.doc_number] 中）", "发文顺序号": "seq（在 [head.doc_number] 中）",
	"署名": "issuer（在 [signature] 中）", "发文机关署名": "issuer（在 [signature] 中）", "发文机关": "issuer（在 [signature] 中）",
	"成文日期": "date（在 [signature] 中）", "日期": "date（在 [signature] 中）", "印章": "seal（在 [signature] 中）",
	"抄送": "cc（在 [colophon] 中）", "抄送机关": "cc（在 [colophon] 中）", "印发机关": "printed_by（在 [colophon] 中）",
	"印发日期": "printed_on（在 [colophon] 中）", "附件": "[[attachment]]", "表格": "[[…table]]", "表头": "header", "列": "columns",
}

// dateMessage explains why a date is impossible or how to write it.
func dateMessage(v, key string) string {
	what := "日期"
	switch key {
	case "date":
		what = "成文日期"
	case "printed_on":
		what = "印发日期"
	}
	mm := reDate.FindStringSubmatch(v)
	if mm == nil {
		return fmt.Sprintf("%s“%s”写法不对：写成 2021-09-22 的形式（年4位、月和日各2位，不加引号）", what, v)
	}
	y, _ := strconv.Atoi(mm[1])
	mo, _ := strconv.Atoi(mm[2])
	d, _ := strconv.Atoi(mm[3])
	switch {
	case len(mm[1]) != 4:
		return fmt.Sprintf("%s“%s”的年份应写全4位，如 2021", what, v)
	case mo < 1 || mo > 12:
		return fmt.Sprintf("%s“%s”不存在：没有%d月", what, v, mo)
	case d < 1 || d > daysIn(y, mo):
		return fmt.Sprintf("%s“%s”不存在：%d年%d月没有%d日（这个月只有%d天）", what, v, y, mo, d, daysIn(y, mo))
	case len(mm[2]) != 2 || len(mm[3]) != 2:
		return fmt.Sprintf("%s“%s”写法不对：月和日各写两位，如 %04d-%02d-%02d", what, v, y, mo, d)
	}
	return fmt.Sprintf("%s“%s”写法不对：写成 2021-09-22 的形式（不加引号）", what, v)
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
