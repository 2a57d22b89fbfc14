package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/gongwen/gongwen/internal/archive"
	"github.com/gongwen/gongwen/internal/diff"
	"github.com/gongwen/gongwen/internal/pipeline"
	"github.com/gongwen/gongwen/internal/source"
	"github.com/gongwen/gongwen/templates"
)

const archiveUsage = `
用法：gongwen archive 通报.toml --cert 证书.pem --key 私钥.pem --dir 归档文件夹 [--reason 原因] [--name 签名人]
      gongwen archive 通报.toml --p12 证书.p12 [--password-file 口令文件] --dir 归档文件夹

生成（PDF 含印章、DOCX）、对 PDF 数字签名，并把签名后的 PDF、DOCX、源文件（通报 TOML、印章图片）
成文内容 JSON 和清单 manifest.json（每个文件的 SHA-256、发文字号、成文日期、版本号、签名人、工具版本、归档时间，
清单本身也签名：manifest.json.p7s）存入 归档文件夹/发文字号/v1/。
同一发文字号再次归档成为 v2、v3……；已归档的文件从不覆盖或删除，归档后设为只读。
私钥口令从 --password-file 指定的文件或环境变量 ` + passwordEnv + ` 读取，不接受写在命令行上。
退出码：0 成功，1 出错（出错时不留下任何新文件，或明确说明哪个版本未写完）。`

func runArchive(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("archive", archiveUsage, stderr)
	var k keyFlags
	k.register(fs)
	dir := fs.String("dir", "", "归档文件夹（必填）")
	pos, code, done := parseKeyArgs(fs, args, stderr)
	if done {
		return code
	}
	if len(pos) != 1 || *dir == "" {
		fmt.Fprintln(stderr, "gongwen archive：请指定一个通报文件和归档文件夹，如 gongwen archive 通报.toml --dir 归档 --cert 证书.pem --key 私钥.pem")
		return 1
	}
	s, err := k.load()
	if err != nil {
		fmt.Fprintf(stderr, "gongwen archive：%v\n", err)
		return 1
	}
	in, err := archiveInput(pos[0], pipeline.Options{})
	if err != nil {
		fmt.Fprintf(stderr, "gongwen archive：%s：%v\n", pos[0], err)
		return 1
	}
	now := time.Now()
	tool := fmt.Sprintf("gongwen %s（%s，%s/%s）", version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	r, err := archive.Archive(in, archive.Options{Dir: *dir, Signer: s, Info: k.info(s, now), Now: now, Tool: tool})
	if err != nil {
		fmt.Fprintf(stderr, "gongwen archive：%v\n", err)
		return 1
	}
	m := r.Manifest
	fmt.Fprintf(stdout, "已归档：%s（%s 第 %d 版，签名人 %s）\n", r.Dir, m.DocNumber, m.Version, m.Signer.Subject)
	for _, f := range m.Files {
		fmt.Fprintf(stdout, "  %s  %s\n", f.SHA256, f.Path)
	}
	// A corrected version: say what changed since the one before it.
	if m.Version > 1 {
		prevDir := filepath.Join(filepath.Dir(r.Dir), "v"+strconv.Itoa(m.Version-1))
		if prev, err := diffInput(prevDir); err == nil {
			fmt.Fprintf(stdout, "\n与第 %d 版相比：\n", m.Version-1)
			diff.Write(stdout, diff.Compare(prev, in.Doc))
		}
	}
	return 0
}

// archiveInput builds a notice file through the pipeline (compose, PDF with
// its seal, DOCX, JSON) and gathers its source files: the TOML itself and
// the seal image it names, stored under the same relative paths so that
// the archived folder can be built again as it is, and the template it is
// built on. The notice file is read once, and the seal stored is the one
// composed into the outputs: what is archived is exactly what was built.
func archiveInput(tomlPath string, opt pipeline.Options) (archive.Input, error) {
	var in archive.Input
	src, err := readNotice(tomlPath)
	if err != nil {
		return in, err
	}
	dir := filepath.Dir(tomlPath)
	f := source.Parse(tomlPath, src, source.Options{Dir: dir})
	d, diags, err := pipeline.Compose(f, dir)
	if err != nil {
		return in, err
	}
	if d == nil {
		return in, fmt.Errorf("通报文件有错误，未归档：\n%s", diags.String())
	}
	in.Doc = d
	if in.PDF, err = pipeline.Render(d, "pdf", opt); err != nil {
		return in, fmt.Errorf("生成 PDF 失败：%w", err)
	}
	if in.DOCX, err = pipeline.Render(d, "docx", opt); err != nil {
		return in, fmt.Errorf("生成 DOCX 失败：%w", err)
	}
	if in.JSON, err = pipeline.Render(d, "json", opt); err != nil {
		return in, fmt.Errorf("生成 JSON 失败：%w", err)
	}
	in.Sources = append(in.Sources, archive.Source{Path: archive.SafeName(filepath.Base(tomlPath)), Role: archive.RoleSource, Data: src})
	if t := f.Notice.Template; t != "" {
		b, err := templates.Notice(t)
		if err != nil {
			return in, err
		}
		in.Sources = append(in.Sources, archive.Source{Path: "模板/" + archive.SafeName(t) + ".toml", Role: archive.RoleTemplate, Data: b})
	}
	if s := f.Notice.Signature.Seal; s != "" && d.Signature.Seal != nil {
		p, err := storedPath(s)
		if err != nil {
			return in, err
		}
		in.Sources = append(in.Sources, archive.Source{Path: p, Role: archive.RoleSeal, Data: d.Signature.Seal.PNG})
	}
	return in, nil
}

// readNotice reads a notice file's bytes as they are (the archive keeps
// them so), at most one byte past source.MaxSize: a larger file is refused
// by the check without being read whole.
func readNotice(name string) ([]byte, error) {
	fh, err := os.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errors.New("找不到这个文件：请检查文件名和所在文件夹")
	}
	if err != nil {
		return nil, fmt.Errorf("无法打开：%w", err)
	}
	defer fh.Close()
	if st, err := fh.Stat(); err == nil && st.IsDir() {
		return nil, errors.New("这是文件夹，请指定通报的 .toml 文件")
	}
	b, err := io.ReadAll(io.LimitReader(fh, source.MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("读取出错：%w", err)
	}
	return b, nil
}

// storedPath is where a file named by the notice goes in the version folder:
// its own relative path when it lies beside or below the notice, otherwise
// its base name.
func storedPath(name string) (string, error) {
	p := path.Clean(filepath.ToSlash(name))
	if filepath.IsAbs(name) || p == ".." || strings.HasPrefix(p, "../") {
		p = path.Base(p)
	}
	if p == "." || p == "/" || p == "" {
		return "", errors.New("印章文件名不合规")
	}
	return p, nil
}
