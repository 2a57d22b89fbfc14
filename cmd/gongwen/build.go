package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/gongwen/gongwen/internal/pipeline"
)

const buildUsage = `
用法：gongwen build FILE.toml [-o DIR] [--format docx,pdf,json] [--docx-template FILE.docx]

先检查通报文件（同 gongwen check）：有错误时列出全部错误，什么也不写。
检查通过后生成 DIR/<文件名>.docx、.pdf（及 .json，即排版前的内容）。
所有格式都生成成功后才写入；每个文件先写临时文件再改名替换，
中途失败或被打断，不会留下残缺的文件，也不会损坏上次生成的文件。`

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", buildUsage, stderr)
	dir := fs.String("o", "out", "输出文件夹")
	formats := fs.String("format", "docx,pdf", "输出格式，逗号分隔：docx、pdf、json")
	tmpl := fs.String("docx-template", "", "用作 DOCX 底版的 .docx 文件（默认用内置底版）")
	files, code, done := parseArgs(fs, args, stderr)
	if done {
		return code
	}
	if len(files) != 1 {
		fmt.Fprintln(stderr, "gongwen build：请指定一个通报文件，如 gongwen build samples/linshu-2021-q3.toml -o out")
		return 2
	}
	name := files[0]
	var fmts []string
	for _, f := range strings.Split(*formats, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		if f == "" || slices.Contains(fmts, f) {
			continue
		}
		if !slices.Contains(pipeline.Formats, f) {
			fmt.Fprintf(stderr, "gongwen build：不支持的格式“%s”，可用：%s\n", f, strings.Join(pipeline.Formats, "、"))
			return 2
		}
		fmts = append(fmts, f)
	}
	if len(fmts) == 0 {
		fmt.Fprintln(stderr, "gongwen build：--format 至少写一种格式：docx、pdf、json")
		return 2
	}
	var opt pipeline.Options
	if *tmpl != "" {
		b, err := os.ReadFile(*tmpl)
		if err != nil {
			fmt.Fprintf(stderr, "gongwen build：无法读取 DOCX 底版 %s：%v\n", *tmpl, err)
			return 1
		}
		opt.DOCX.Template = b
	}

	d, diags, err := pipeline.Document(name)
	printDiags(stderr, diags)
	if err != nil {
		fmt.Fprintf(stderr, "gongwen build：%v\n", err)
		return 1
	}
	if d == nil {
		fmt.Fprintln(stderr, "gongwen build：有错误，未生成任何文件。")
		return 1
	}
	out, err := pipeline.RenderAll(d, fmts, opt)
	if err != nil {
		fmt.Fprintf(stderr, "gongwen build：%v；未写入任何文件。\n", err)
		return 1
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		fmt.Fprintf(stderr, "gongwen build：无法创建输出文件夹 %s：%v\n", *dir, err)
		return 1
	}
	stem := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	// Temporary files a killed run may have left behind.
	for _, f := range fmts {
		old, _ := filepath.Glob(filepath.Join(*dir, "."+stem+"."+f+".tmp-*"))
		for _, o := range old {
			os.Remove(o)
		}
	}
	for _, f := range fmts {
		path := filepath.Join(*dir, stem+"."+f)
		if err := writeAtomic(path, out[f]); err != nil {
			fmt.Fprintf(stderr, "gongwen build：写入 %s 失败：%v\n", path, err)
			return 1
		}
		fmt.Fprintf(stdout, "已生成 %s\n", path)
	}
	return 0
}

// writeAtomic replaces path with data so that a reader sees either the old
// file or the whole new one: it writes a temporary file in the same folder,
// flushes it to disk, and renames it over path.
func writeAtomic(path string, data []byte) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	// Make the rename itself durable (not possible on Windows, nor needed).
	if runtime.GOOS != "windows" {
		if d, derr := os.Open(dir); derr == nil {
			d.Sync()
			d.Close()
		}
	}
	return nil
}
