package main

import (
	"fmt"
	"io"

	"github.com/gongwen/gongwen/internal/docx"
	"github.com/gongwen/gongwen/internal/source"
)

const checkUsage = `
用法：gongwen check [--docx-template FILE.docx] FILE.toml

检查通报文件，一次列出全部问题，每条写明位置（文件:行:列）和改法：
  错误 —— 必须改正，否则不能生成；
  警告 —— 公文写法上的常见问题（如中文里的半角标点），建议改正。
有错误时退出码为 1，否则为 0（只有警告也为 0）。
通报中 [output] docx_template 写的 DOCX 底版一并检查；--docx-template 指定的底版也检查。
格式说明见 docs/format.md。`

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", checkUsage, stderr)
	tmpl := fs.String("docx-template", "", "同时检查这个 DOCX 底版（gongwen build --docx-template 用的）")
	files, code, done := parseArgs(fs, args, stderr)
	if done {
		return code
	}
	if len(files) == 0 {
		fmt.Fprintln(stderr, "gongwen check：请指定通报文件，如 gongwen check samples/linshu-2021-q3.toml")
		return 1
	}
	status := 0
	if *tmpl != "" {
		if _, ok := readDOCXTemplate(*tmpl, "gongwen check", stderr); !ok {
			status = 1
		}
	}
	for _, name := range files {
		f, err := source.LoadOptions(name, source.Options{DOCXTemplate: docx.CheckTemplate})
		if err != nil {
			fmt.Fprintf(stderr, "gongwen check：%v\n", err)
			status = 1
			continue
		}
		printDiags(stderr, f.Diags)
		if f.Diags.HasErrors() {
			status = 1
			continue
		}
		fmt.Fprintf(stdout, "%s：检查通过。\n", name)
	}
	return status
}
