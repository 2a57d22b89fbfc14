package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/gongwen/gongwen/internal/archive"
	"github.com/gongwen/gongwen/internal/diff"
	"github.com/gongwen/gongwen/internal/doc"
	"github.com/gongwen/gongwen/internal/pipeline"
)

// diffDifferent is the exit status of diff --exit-code when the documents
// differ (1 is taken by errors, as in every gongwen command).
const diffDifferent = 2

const diffUsage = `
用法：gongwen diff [--json] [--exit-code] 原通报 新通报

原通报、新通报可以是通报文件（.toml）、成文内容 JSON（build --format json 或归档中的 .json），
或归档的版本文件夹（如 归档/沭政督字〔2021〕31号/v1，取其中的成文内容）。

比较两份通报成文后的内容（不是比较 TOML 文件）：按版头各项、标题、章节段落（如“二（三）第1段”）、
表格单元格（如“附件 表1 第6行（序号6，石门镇）“检查结果”栏”）、署名、成文日期、附件、版记，
逐项列出 新增 / 删除 / 修改，修改处在原句中标出改动的字词。
退出码：0 比较完成（无差异时输出“无差异”；有差异也为 0，除非加 --exit-code）；
        1 出错（文件读不了或有错误）；%d 加了 --exit-code 且有差异。`

func runDiff(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("diff", fmt.Sprintf(diffUsage, diffDifferent), stderr)
	asJSON := fs.Bool("json", false, "以 JSON 输出（供其他程序读取）")
	exitCode := fs.Bool("exit-code", false, fmt.Sprintf("有差异时退出码为 %d（便于脚本判断）", diffDifferent))
	pos, code, done := parseArgs(fs, args, stderr)
	if done {
		return code
	}
	if len(pos) != 2 {
		fmt.Fprintln(stderr, "gongwen diff：请指定两份通报，如 gongwen diff 原通报.toml 新通报.toml")
		return 1
	}
	var docs [2]*doc.Document
	for i, p := range pos {
		d, err := diffInput(p)
		if err != nil {
			fmt.Fprintf(stderr, "gongwen diff：%s：%v\n", p, err)
			return 1
		}
		docs[i] = d
	}
	cs := diff.Compare(docs[0], docs[1])
	if *asJSON {
		if cs == nil {
			cs = []diff.Change{}
		}
		b, err := json.MarshalIndent(cs, "", "  ")
		if err != nil {
			fmt.Fprintf(stderr, "gongwen diff：%v\n", err)
			return 1
		}
		stdout.Write(append(b, '\n'))
	} else if err := diff.Write(stdout, cs); err != nil {
		fmt.Fprintf(stderr, "gongwen diff：%v\n", err)
		return 1
	}
	if *exitCode && len(cs) > 0 {
		return diffDifferent
	}
	return 0
}

// diffInput reads one side of a comparison: a notice file, a composed
// document in JSON, or an archived version folder (its JSON, or else its
// source).
func diffInput(p string) (*doc.Document, error) {
	if st, err := os.Stat(p); err == nil && st.IsDir() {
		return versionInput(p)
	}
	if strings.EqualFold(filepath.Ext(p), ".json") {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		return diff.ReadJSON(b)
	}
	d, diags, err := pipeline.Document(p)
	if err != nil {
		return nil, err
	}
	if d == nil {
		return nil, fmt.Errorf("有错误，无法比较：\n%s", diags.String())
	}
	return d, nil
}

// versionInput reads the composed document of an archived version folder:
// its JSON, or else its source built again. Only files the manifest lists
// are read, never outside the folder (archive.ReadListed), and only when
// they still match the manifest.
func versionInput(dir string) (*doc.Document, error) {
	if _, err := os.Stat(filepath.Join(dir, archive.ManifestName)); err != nil {
		return nil, errors.New("不是归档的版本文件夹（其中没有 manifest.json）")
	}
	m, _, err := archive.ReadManifest(dir)
	if err != nil {
		return nil, fmt.Errorf("manifest.json 无法读取：%w", err)
	}
	var src *archive.File
	for i, f := range m.Files {
		switch {
		case f.Role == archive.RoleJSON:
			b, err := archive.ReadListed(dir, f)
			if err != nil {
				return nil, fmt.Errorf("%s：%w（可先用 gongwen verify 核验归档）", f.Path, err)
			}
			return diff.ReadJSON(b)
		case f.Role == archive.RoleSource && src == nil:
			src = &m.Files[i]
		}
	}
	if src == nil {
		return nil, errors.New("归档版本中没有成文内容 JSON，也没有通报源文件")
	}
	if _, err := archive.ReadListed(dir, *src); err != nil {
		return nil, fmt.Errorf("%s：%w（可先用 gongwen verify 核验归档）", src.Path, err)
	}
	return diffInput(filepath.Join(dir, filepath.FromSlash(src.Path)))
}
