package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"

	"github.com/gongwen/gongwen/internal/docx"
	"github.com/gongwen/gongwen/internal/pipeline"
	"github.com/gongwen/gongwen/internal/source"
)

const buildUsage = `
用法：gongwen build FILE.toml [-o DIR] [--format docx,pdf,json] [--docx-template FILE.docx]

DOCX 底版也可以写在通报文件中：[output] docx_template = "letterhead.docx"（相对于通报文件）；
命令行的 --docx-template 优先。

先检查通报文件（同 gongwen check）：有错误时列出全部错误，什么也不写。
检查通过后生成 DIR/<文件名>.docx、.pdf（及 .json，即排版前的内容）。
所有格式都生成成功后才写入；每个文件先写临时文件再改名替换，
中途失败或被打断，不会留下残缺的文件，也不会损坏上次生成的文件。`

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", buildUsage, stderr)
	dir := fs.String("o", "out", "输出文件夹")
	formats := &formatList{list: []string{"docx", "pdf"}}
	fs.Var(formats, "format", "输出格式，逗号分隔：docx、pdf、json；可写多次")
	tmpl := fs.String("docx-template", "", "用作 DOCX 底版的 .docx 文件（优先于通报中的 [output] docx_template；默认用内置底版）")
	files, code, done := parseArgs(fs, args, stderr)
	if done {
		return code
	}
	if len(files) != 1 {
		fmt.Fprintln(stderr, "gongwen build：请指定一个通报文件，如 gongwen build samples/linshu-2021-q3.toml -o out")
		return 1
	}
	name := files[0]
	fmts, err := formats.parse()
	if err != nil {
		fmt.Fprintf(stderr, "gongwen build：%v\n", err)
		return 1
	}
	var opt pipeline.Options
	if *tmpl != "" {
		b, ok := readDOCXTemplate(*tmpl, "gongwen build", stderr)
		if !ok {
			return 1
		}
		opt.DOCX.Template = b
	}

	f, err := source.LoadOptions(name, source.Options{DOCXTemplate: docx.CheckTemplate})
	if err != nil {
		fmt.Fprintf(stderr, "gongwen build：%v\n", err)
		return 1
	}
	d, diags, err := pipeline.Compose(f, filepath.Dir(name))
	printDiags(stderr, diags)
	if err != nil {
		fmt.Fprintf(stderr, "gongwen build：%v\n", err)
		return 1
	}
	if d == nil {
		fmt.Fprintln(stderr, "gongwen build：有错误，未生成任何文件。")
		return 1
	}
	// [output] docx_template, as check read and passed it; the flag wins.
	if opt.DOCX.Template == nil {
		b, _, err := f.DOCXTemplate()
		if err != nil {
			fmt.Fprintf(stderr, "gongwen build：%v\n", err)
			return 1
		}
		opt.DOCX.Template = b
	}
	out, err := pipeline.RenderAll(d, fmts, opt)
	if err != nil {
		fmt.Fprintf(stderr, "gongwen build：%v；未写入任何文件。\n", err)
		return 1
	}
	stem := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	paths := make([]string, len(fmts))
	for i, f := range fmts {
		paths[i] = filepath.Join(*dir, stem+"."+f)
	}
	if err := writeAll(*dir, paths, func(i int) []byte { return out[fmts[i]] }); err != nil {
		fmt.Fprintf(stderr, "gongwen build：%v\n", err)
		return 1
	}
	for _, p := range paths {
		fmt.Fprintf(stdout, "已生成 %s\n", p)
	}
	return 0
}

// readDOCXTemplate reads the DOCX template a --docx-template flag names and
// checks it as the DOCX writer will (docx.CheckTemplate), saying what is
// wrong to stderr under the command's name.
func readDOCXTemplate(name, cmd string, stderr io.Writer) ([]byte, bool) {
	b, err := source.ReadLimited(name, source.MaxDOCXTemplateSize)
	if err != nil {
		why := err.Error()
		var nr *source.NotRegularError
		if errors.As(err, &nr) && nr.Mode.IsDir() {
			why = "这是文件夹，请指定 .docx 文件"
		} else if errors.As(err, &nr) {
			why = "这不是普通文件，而是" + nr.Kind() + "，请指定 .docx 文件"
		} else if errors.Is(err, os.ErrNotExist) {
			why = "找不到这个文件，请检查文件名和所在文件夹"
		}
		fmt.Fprintf(stderr, "%s：无法读取 DOCX 底版 %s：%s\n", cmd, name, why)
		return nil, false
	}
	if err := docx.CheckTemplate(b); err != nil {
		fmt.Fprintf(stderr, "%s：DOCX 底版 %s（--docx-template）：%v\n", cmd, name, err)
		return nil, false
	}
	return b, true
}

// formatList is the value of --format: formats separated by commas (the
// Chinese comma and 、 too, as clerks type them), the flag given once or
// several times.
type formatList struct {
	list []string
	set  bool // given on the command line: the default is replaced
}

func (l *formatList) String() string {
	if l == nil {
		return ""
	}
	return strings.Join(l.list, ",")
}

func (l *formatList) Set(s string) error {
	if !l.set {
		l.list, l.set = nil, true
	}
	l.list = append(l.list, strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' })...)
	return nil
}

// parse checks the formats and drops repeats, keeping the order given.
func (l *formatList) parse() ([]string, error) {
	var out []string
	for _, f := range l.list {
		f = strings.ToLower(strings.TrimSpace(f))
		if f == "" || slices.Contains(out, f) {
			continue
		}
		if !slices.Contains(pipeline.Formats, f) {
			return nil, fmt.Errorf("不支持的格式“%s”，可用：%s", f, strings.Join(pipeline.Formats, "、"))
		}
		out = append(out, f)
	}
	if len(out) == 0 {
		return nil, errors.New("--format 至少写一种格式：docx、pdf、json")
	}
	return out, nil
}

// writeAll writes every output into dir, all or nothing as far as the file
// system allows: each is first written whole to a temporary file beside
// it, and only when all are written are they renamed over the outputs (a
// reader sees either the old file or the whole new one). Temporary files a
// killed run left are cleared first.
func writeAll(dir string, paths []string, data func(i int) []byte) error {
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return fmt.Errorf("“%s”是一个文件，不是文件夹：请用 -o 指定输出文件夹（不存在时会自动建立）", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("无法建立输出文件夹 %s：%s", dir, ioProblem(err))
	}
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return fmt.Errorf("输出文件夹中已有名为“%s”的文件夹，无法写入同名文件：请移走它，或用 -o 换一个输出文件夹；未写入任何文件", filepath.Base(p))
		}
		old, _ := filepath.Glob(filepath.Join(filepath.Dir(p), "."+filepath.Base(p)+".tmp-*"))
		for _, o := range old {
			os.Remove(o)
		}
	}
	var temps []string
	defer func() {
		for _, t := range temps {
			os.Remove(t) // those not renamed
		}
	}()
	for i, p := range paths {
		tmp, err := writeTemp(p, data(i))
		if err != nil {
			return fmt.Errorf("写入 %s 失败：%s；未写入任何文件", p, ioProblem(err))
		}
		temps = append(temps, tmp)
	}
	for i, p := range paths {
		if err := os.Rename(temps[i], p); err != nil {
			return fmt.Errorf("无法替换 %s：%s（若它正在 Word、WPS 或 PDF 阅读器中打开，请先关闭）", p, ioProblem(err))
		}
		temps[i] = ""
	}
	// Make the renames themselves durable (not possible on Windows, nor needed).
	if runtime.GOOS != "windows" {
		if d, err := os.Open(dir); err == nil {
			d.Sync()
			d.Close()
		}
	}
	return nil
}

// writeTemp writes data, flushed to disk and readable by all like a file
// written by redirection, to a new temporary file beside path, and returns
// its name.
func writeTemp(path string, data []byte) (name string, err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return "", err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return "", err
	}
	if err = tmp.Sync(); err != nil {
		return "", err
	}
	if err = tmp.Close(); err != nil {
		return "", err
	}
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return "", err
	}
	return tmp.Name(), nil
}

// ioProblem says in Chinese what went wrong writing a file, for the common
// causes, and gives the system's own words otherwise (build and new).
func ioProblem(err error) string {
	switch {
	case errors.Is(err, os.ErrPermission):
		return "没有写入权限（请换一个输出文件夹，或请管理员开放权限）"
	case errors.Is(err, syscall.ENOSPC):
		return "磁盘已满"
	case errors.Is(err, syscall.ENOTDIR):
		return "路径中有一段是文件而不是文件夹"
	}
	return err.Error()
}
