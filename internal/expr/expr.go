// Package expr is the expression language of notice text: Go's text/template
// with a small set of functions over the findings (package findings), so that
// "{{count accounts}}个政务新媒体" says 56个政务新媒体 and a list of accounts
// is written as notices write it. docs/expressions.md is its reference.
//
// Every error is an *Error at the file position (line, column) of the faulty
// action: callers pass the position where the text starts in the file.
package expr

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"text/template"
	"time"
	"unicode/utf8"

	"github.com/gongwen/gongwen/internal/findings"
)

// Pos is a position in a file: 1-based line, 1-based column in characters.
type Pos struct {
	Line, Col int
}

// Error is an error in an expression, at its place in the file.
type Error struct {
	Pos Pos
	Msg string // in Chinese, for the clerk
}

// newError is an *Error whose message is valid UTF-8 whatever the text held:
// text/template quotes the expression's bytes as they are, and a byte that
// is no UTF-8 is written \xNN.
func newError(at Pos, msg string) *Error { return &Error{Pos: at, Msg: ValidUTF8(msg)} }

// ValidUTF8 returns s with every byte that is not part of valid UTF-8
// written as \xNN, so that a message quoting bad input stays readable text.
func ValidUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			fmt.Fprintf(&b, "\\x%02X", s[i])
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

func (e *Error) Error() string { return fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Col, e.Msg) }

// Env evaluates expressions over one Model. It holds no mutable state: one
// Env may evaluate any number of texts.
type Env struct {
	m     *findings.Model
	funcs template.FuncMap
	root  *Root
}

// Root is what "." is in notice text: the period, the check date and the
// rules.
type Root struct {
	Period    findings.Period
	CheckDate time.Time
	Rules     findings.Rules
	// Level is the administrative level (县, 市, 区) standing text writes
	// as 全{{.Level}}; Office the issuing office (县政府办公室).
	Level  string
	Office string
}

// New returns an Env over m. A nil m is an empty inspection: every set is
// empty (a notice without data may still use the number functions).
func New(m *findings.Model) *Env {
	if m == nil {
		m, _ = findings.Evaluate(&findings.Data{})
	}
	e := &Env{m: m, root: &Root{Period: m.Period, CheckDate: m.CheckDate, Rules: m.Rules, Level: m.Level, Office: m.Office}}
	e.funcs = e.funcMap()
	return e
}

// Has reports whether text holds an expression at all.
func Has(text string) bool { return strings.Contains(text, "{{") }

const tmplName = "expr"

// Locator maps a byte offset in an expression's text to its place in the
// file.
type Locator func(off int) Pos

// StartAt is the Locator of a text written in the file as is, starting at
// at (no escapes inside).
func StartAt(text string, at Pos) Locator {
	return func(off int) Pos { return filePos(text, off, at) }
}

// Text evaluates the expressions in text and returns the text with their
// values. at is the file position of text's first character.
func (e *Env) Text(text string, at Pos) (string, error) {
	return e.TextLoc(text, StartAt(text, at))
}

// TextLoc is Text with a Locator, for text the file writes with escapes.
func (e *Env) TextLoc(text string, loc Locator) (string, error) {
	return e.exec(text, loc, e.root)
}

// Value evaluates one bare expression (without {{ }}), e.g. the `from` of a
// table, and returns its value.
func (e *Env) Value(expr string, at Pos) (any, error) {
	return e.ValueLoc(expr, StartAt(expr, at))
}

// ValueLoc is Value with a Locator.
func (e *Env) ValueLoc(expr string, loc Locator) (any, error) {
	const prefix = "{{__keep ("
	var out any
	funcs := template.FuncMap{"__keep": func(v any) string { out = v; return "" }}
	wrapped := prefix + expr + ")}}"
	wloc := func(off int) Pos { return loc(max(0, min(off-len(prefix), len(expr)))) }
	t, err := e.parse(wrapped, wloc, funcs, rootType)
	if err != nil {
		return nil, err
	}
	if err := t.Execute(discard{}, e.root); err != nil {
		return nil, e.mapErr(err, wrapped, wloc)
	}
	return out, nil
}

var rootType = reflect.TypeFor[*Root]()

// parse parses text and checks, without running it, every field it takes
// from dot (of type dot) and from the values of its functions.
func (e *Env) parse(text string, at Locator, extra template.FuncMap, dot reflect.Type) (*template.Template, error) {
	t := template.New(tmplName).Funcs(e.funcs).Option("missingkey=error")
	if extra != nil {
		t = t.Funcs(extra)
	}
	t, err := t.Parse(text)
	if err != nil {
		return nil, e.mapErr(err, text, at)
	}
	if off, msg := e.checkFields(t, text, dot); off >= 0 {
		return nil, newError(at(off), e.translate(msg))
	}
	return t, nil
}

func (e *Env) exec(text string, at Locator, dot any) (string, error) {
	if !Has(text) {
		return text, nil
	}
	t, err := e.parse(text, at, nil, rootType)
	if err != nil {
		return "", err
	}
	b := &capped{max: MaxOutput}
	if err := t.Execute(b, dot); err != nil {
		return "", e.mapErr(err, text, at)
	}
	return b.String(), nil
}

// MaxOutput is the most one text may grow to: far beyond any notice, short
// of filling the memory when a loop goes wrong.
const MaxOutput = 1 << 20

// capped is a strings.Builder that refuses to grow past max bytes.
type capped struct {
	strings.Builder
	max int
}

func (c *capped) Write(p []byte) (int, error) {
	if c.Len()+len(p) > c.max {
		return 0, errTooLong
	}
	return c.Builder.Write(p)
}

var errTooLong = fmt.Errorf("表达式写出的文字超过 %d 字节：是否有循环写错了", MaxOutput)

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

var (
	parseErrRE = regexp.MustCompile(`^template: ` + tmplName + `:(\d+): (.*)$`)
	execErrRE  = regexp.MustCompile(`(?s)^template: ` + tmplName + `:(\d+):(\d+): executing "` + tmplName + `" at <(.*?)>: (.*)$`)
	notDefRE   = regexp.MustCompile(`function "(.*?)" not defined`)
	fieldRE    = regexp.MustCompile(`can't evaluate field (\S+) in type (\S+)`)
	callRE     = regexp.MustCompile(`(?s)^error calling (\S+): (.*)$`)
	argsRE     = regexp.MustCompile(`wrong number of args for (\S+): want (at least )?(\d+) got (\d+)`)
	typeRE     = regexp.MustCompile(`wrong type for value; expected (\S+); got (\S+)`)
	badCharRE  = regexp.MustCompile(`bad character U\+[0-9A-F]+ '(.+)'`)
	argTypeRE  = regexp.MustCompile(`can't handle .* for arg of type (\S+)`)
)

// mapErr turns a text/template error into an *Error at the file position of
// the faulty action, with a Chinese message.
func (e *Env) mapErr(err error, text string, at Locator) error {
	msg := err.Error()
	if m := execErrRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		col, _ := strconv.Atoi(m[2])
		off := lineStart(text, line) + col
		return newError(at(off), e.translate(m[4]))
	}
	if m := parseErrRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		off := e.locateParseError(text, line, m[2])
		return newError(at(off), e.translate(m[2]))
	}
	var ee template.ExecError
	if errors.As(err, &ee) {
		return newError(at(0), e.translate(ee.Err.Error()))
	}
	return newError(at(0), "表达式有误："+msg)
}

// lineStart is the byte offset where line (1-based) of text begins.
func lineStart(text string, line int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(text[off:], '\n')
		if i < 0 {
			return len(text)
		}
		off += i + 1
	}
	return off
}

// filePos maps a byte offset in text to the file position, text starting at at.
func filePos(text string, off int, at Pos) Pos {
	if off > len(text) {
		off = len(text)
	}
	before := text[:off]
	nl := strings.Count(before, "\n")
	if nl == 0 {
		return Pos{at.Line, at.Col + utf8.RuneCountInString(before)}
	}
	last := strings.LastIndexByte(before, '\n')
	return Pos{at.Line + nl, 1 + utf8.RuneCountInString(before[last+1:])}
}

// actions are the byte ranges of the {{…}} actions of text (an unclosed one
// runs to the end).
func actions(text string) [][2]int {
	var out [][2]int
	for off := 0; ; {
		i := strings.Index(text[off:], "{{")
		if i < 0 {
			return out
		}
		start := off + i
		j := strings.Index(text[start+2:], "}}")
		if j < 0 {
			return append(out, [2]int{start, len(text)})
		}
		end := start + 2 + j + 2
		out = append(out, [2]int{start, end})
		off = end
	}
}

// locateParseError finds the byte offset of the action a parse error on
// line is about: the action naming an unknown function, else the first
// action on that line that fails to parse on its own, else the line's
// first action.
func (e *Env) locateParseError(text string, line int, msg string) int {
	ls := lineStart(text, line)
	le := len(text)
	if i := strings.IndexByte(text[ls:], '\n'); i >= 0 {
		le = ls + i
	}
	var onLine [][2]int
	for _, a := range actions(text) {
		if a[0] < le && a[1] > ls {
			onLine = append(onLine, a)
		}
	}
	if m := notDefRE.FindStringSubmatch(msg); m != nil {
		for _, a := range onLine {
			if k := wordIndex(text[a[0]:a[1]], m[1]); k >= 0 {
				return a[0] + k
			}
		}
	}
	if strings.Contains(msg, "unclosed action") {
		all := actions(text)
		for i := len(all) - 1; i >= 0; i-- {
			if !strings.HasSuffix(text[all[i][0]:all[i][1]], "}}") || all[i][1] == len(text) && !strings.HasSuffix(text, "}}") {
				return all[i][0]
			}
		}
	}
	if strings.Contains(msg, "unexpected EOF") {
		if off, ok := unclosedBlock(text); ok {
			return off
		}
	}
	for _, a := range onLine {
		if _, err := template.New("one").Funcs(e.funcs).Parse(text[a[0]:a[1]]); err != nil && !structural(err.Error()) {
			return a[0]
		}
	}
	if len(onLine) > 0 {
		return onLine[0][0]
	}
	if ls > len(text) {
		return len(text)
	}
	return ls
}

// unclosedBlock finds the {{if}}, {{range}} or {{with}} that has no {{end}}.
func unclosedBlock(text string) (int, bool) {
	var stack []int
	for _, a := range actions(text) {
		body := strings.TrimSpace(strings.Trim(strings.TrimSpace(text[a[0]:a[1]]), "{}-"))
		word, _, _ := strings.Cut(body, " ")
		switch word {
		case "if", "range", "with", "block", "define":
			stack = append(stack, a[0])
		case "end":
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	if len(stack) == 0 {
		return 0, false
	}
	return stack[len(stack)-1], true
}

// structural errors come from parsing one action alone when it opens or
// closes a block ({{if}} … {{end}}); they are not the action's own fault.
func structural(msg string) bool {
	for _, s := range []string{"unexpected EOF", "unexpected {{end}}", "unexpected {{else}}", "missing end"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// wordIndex finds name in s as a whole word (not part of a longer name).
func wordIndex(s, name string) int {
	for off := 0; ; {
		i := strings.Index(s[off:], name)
		if i < 0 {
			return -1
		}
		i += off
		j := i + len(name)
		if (i == 0 || !isIdent(s[i-1])) && (j == len(s) || !isIdent(s[j])) {
			return i
		}
		off = j
	}
}

func isIdent(c byte) bool {
	return c == '_' || c == '.' || c == '$' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// translate writes a text/template message for the clerk.
func (e *Env) translate(msg string) string {
	if m := callRE.FindStringSubmatch(msg); m != nil {
		return m[2]
	}
	if m := notDefRE.FindStringSubmatch(msg); m != nil {
		s := fmt.Sprintf("没有名为“%s”的函数", m[1])
		if near := nearest(m[1], e.FuncNames()); near != "" {
			s += fmt.Sprintf("，是否要写“%s”", near)
		}
		return s + "？可用的函数见 docs/expressions.md"
	}
	if m := fieldRE.FindStringSubmatch(msg); m != nil {
		fields := FieldNames(m[2])
		s := fmt.Sprintf("没有名为“%s”的字段", m[1])
		if near := nearest(m[1], fields); near != "" {
			s += fmt.Sprintf("，是否要写“%s”", near)
		}
		if len(fields) > 0 {
			s += "；可用的字段：" + strings.Join(fields, "、")
		}
		return s
	}
	if m := argsRE.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("函数“%s”的参数个数不对：应为%s%s个，写了%s个", m[1], map[bool]string{true: "至少", false: ""}[m[2] != ""], m[3], m[4])
	}
	if m := typeRE.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("参数类型不对：应为%s，实际是%s", typeName(m[1]), typeName(m[2]))
	}
	if m := argTypeRE.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("参数类型不对：应为%s", typeName(m[1]))
	}
	if strings.Contains(msg, errTooLong.Error()) {
		return errTooLong.Error()
	}
	if m := badCharRE.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("表达式中不能有“%s”：是否漏写了“}}”？表达式以“{{”开始、以“}}”结束，文字参数用英文双引号括起", m[1])
	}
	switch {
	case strings.Contains(msg, "unclosed action"):
		return "表达式没有结束：“{{”之后缺少“}}”"
	case strings.Contains(msg, "unexpected EOF"):
		return "表达式不完整：{{if}}、{{range}} 或 {{with}} 缺少对应的 {{end}}"
	case strings.Contains(msg, "unexpected {{end}}"):
		return "多余的 {{end}}：前面没有 {{if}}、{{range}} 或 {{with}}"
	case strings.Contains(msg, "undefined variable"):
		return "未定义的变量：" + strings.TrimPrefix(msg[strings.Index(msg, "undefined variable"):], "undefined variable ")
	case strings.Contains(msg, "missing value for command"), strings.Contains(msg, "empty command"):
		return "空的表达式：“{{ }}”之间应写函数或字段"
	case strings.Contains(msg, "malformed character constant"):
		return "文字参数要用英文双引号括起，如 problem \"更新不及时\"，不能用单引号"
	case strings.Contains(msg, "unterminated quoted string"), strings.Contains(msg, "unterminated raw quoted string"):
		return "文字参数缺少右边的英文双引号 \""
	case strings.Contains(msg, "bad number syntax"):
		return "数字写法不对：数字只能由 0–9 组成，如 2；文字参数请用英文双引号括起"
	case strings.Contains(msg, "unexpected right paren"):
		return "多了一个右括号“)”：左右括号要成对"
	case strings.Contains(msg, "unclosed left paren"):
		return "括号没有闭合：“(”之后缺少“)”"
	case strings.Contains(msg, "missing value for range"), strings.Contains(msg, "missing value for if"), strings.Contains(msg, "missing value for with"):
		return "{{range}}、{{if}}、{{with}} 后面要写集合或条件，如 {{range accounts}}"
	case strings.Contains(msg, "unexpected {{else}}"), strings.Contains(msg, "expected end; found {{else}}"):
		return "多余的 {{else}}：{{else}} 只能在 {{if}}、{{range}} 或 {{with}} 与 {{end}} 之间写一次"
	case strings.Contains(msg, "index out of range"):
		return "index 的序号超出了集合的大小（序号从 0 算起）"
	case strings.Contains(msg, "can't give argument to non-function"), strings.Contains(msg, "is not a command"):
		return "这里应以函数开头，如 {{count accounts}}；数字和文字不能带参数"
	}
	if r, _ := utf8.DecodeRuneInString(msg); r >= utf8.RuneSelf {
		return msg // a message of our own, in Chinese already
	}
	return "表达式有误：" + msg
}

func typeName(t string) string {
	switch strings.TrimPrefix(t, "*") {
	case "string":
		return "文字（用双引号括起）"
	case "int", "int64":
		return "整数"
	case "expr.Accounts":
		return "账号集合（如 accounts）"
	case "expr.Units":
		return "单位集合（如 units）"
	}
	return t
}

// FieldNames lists the fields and methods a template may use on a value of
// the Go type named typ (as text/template names it, e.g. *findings.Account).
func FieldNames(typ string) []string {
	var t reflect.Type
	switch strings.TrimPrefix(typ, "*") {
	case "findings.Account":
		t = reflect.TypeFor[*findings.Account]()
	case "findings.Unit":
		t = reflect.TypeFor[*findings.Unit]()
	case "findings.Site":
		t = reflect.TypeFor[*findings.Site]()
	case "findings.Event":
		t = reflect.TypeFor[*findings.Event]()
	case "findings.Submission":
		t = reflect.TypeFor[*findings.Submission]()
	case "findings.Period":
		t = reflect.TypeFor[*findings.Period]()
	case "findings.Rules":
		t = reflect.TypeFor[*findings.Rules]()
	case "findings.Row":
		t = reflect.TypeFor[*findings.Row]()
	case "findings.Group":
		t = reflect.TypeFor[*findings.Group]()
	case "expr.Root":
		t = reflect.TypeFor[*Root]()
	default:
		return nil
	}
	var out []string
	for i := 0; i < t.Elem().NumField(); i++ {
		if f := t.Elem().Field(i); f.IsExported() {
			out = append(out, f.Name)
		}
	}
	for i := 0; i < t.NumMethod(); i++ {
		if m := t.Method(i); m.Type.NumIn() == 1 && m.Name != "Error" {
			out = append(out, m.Name)
		}
	}
	return out
}

// nearest is the candidate closest to s, when close enough to be a typo.
func nearest(s string, candidates []string) string { return findings.Nearest(s, candidates) }
