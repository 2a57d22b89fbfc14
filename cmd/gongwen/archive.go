package main

import (
	"fmt"
	"io"
	"path"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/gongwen/gongwen/internal/archive"
	"github.com/gongwen/gongwen/internal/diff"
	"github.com/gongwen/gongwen/internal/docx"
	"github.com/gongwen/gongwen/internal/pipeline"
	"github.com/gongwen/gongwen/internal/source"
	"github.com/gongwen/gongwen/templates"
)

const archiveUsage = `
用法：gongwen archive 通报.toml --cert 证书.pem --key 私钥.pem --dir 归档文件夹 [--reason 原因] [--name 签名人]
      gongwen archive 通报.toml --p12 证书.p12 [--password-file 口令文件] --dir 归档文件夹

生成（PDF 含印章、DOCX）、对 PDF 数字签名，并把签名后的 PDF、DOCX、
源文件（通报 TOML 及生成时读取的包含文件、印章图片、DOCX 底版，按原样存入 source/，保持相对位置，
可直接 gongwen build 归档/…/vN/source/….toml 重新生成）、成文内容 JSON 和清单 manifest.json（每个文件的 SHA-256、发文字号、成文日期、版本号、签名人、工具版本、归档时间，
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
// its seal, DOCX on the template it names, JSON) and gathers its source
// files: the notice and every file its build read — included files, the
// seal, the DOCX template — byte for byte as the build read them
// (source.File.Data and Sources, never read again), and the notice
// template it is built on. The files from disk are stored under source/,
// in the folder layout they have relative to the notice, so that the
// archived notice builds again as it is (gongwen build vN/source/….toml).
func archiveInput(tomlPath string, opt pipeline.Options) (archive.Input, error) {
	var in archive.Input
	f, err := source.LoadOptions(tomlPath, source.Options{DOCXTemplate: docx.CheckTemplate})
	if err != nil {
		return in, err
	}
	d, diags, err := pipeline.Compose(f, filepath.Dir(tomlPath))
	if err != nil {
		return in, err
	}
	if d == nil {
		return in, fmt.Errorf("通报文件有错误，未归档：\n%s", diags.String())
	}
	in.Doc = d
	if opt.DOCX.Template == nil {
		// [output] docx_template, as the checks read and passed it.
		if opt.DOCX.Template, _, err = f.DOCXTemplate(); err != nil {
			return in, err
		}
	}
	out, err := pipeline.RenderAll(d, []string{"pdf", "docx", "json"}, opt)
	if err != nil {
		return in, err
	}
	in.PDF, in.DOCX, in.JSON = out["pdf"], out["docx"], out["json"]
	srcs, err := sourceFiles(tomlPath, f)
	if err != nil {
		return in, err
	}
	in.Sources = srcs
	if t := f.Notice.Template; t != "" {
		b, err := templates.Notice(t)
		if err != nil {
			return in, err
		}
		in.Sources = append(in.Sources, archive.Source{Path: "模板/" + archive.SafeName(t) + ".toml", Role: archive.RoleTemplate, Data: b})
	}
	return in, nil
}

// sourceFolder is the folder of a version that holds the notice and the
// files it names, in their layout.
const sourceFolder = "source"

// roles are the archive roles of the keys that name files.
var roles = map[string]string{
	"include":              archive.RoleInclude,
	"signature.seal":       archive.RoleSeal,
	"output.docx_template": archive.RoleDOCXTemplate,
}

// sourceFiles places the notice read as f and the files its build read
// under source/: the notice in the folder that keeps every file's path
// relative to it (a file named ../shared/units.toml puts the notice one
// folder down, in a folder named as its own folder is). A file named by an
// absolute path cannot be placed so, and is refused: the archived notice
// would build from the original file, not the archived one.
func sourceFiles(tomlPath string, f *source.File) ([]archive.Source, error) {
	read := f.Sources()
	up := 0 // folders above the notice's that the files reach
	for _, s := range read {
		if s.Rel == "" {
			return nil, fmt.Errorf("%s 写的文件“%s”是绝对路径（或由这样的文件包含），归档后无法按归档的文件重新生成：请把它复制到通报所在的文件夹（或其子文件夹），%s 改写为相对路径后再归档", s.Key, s.Name, s.Key)
		}
		n := 0
		for _, e := range strings.Split(s.Rel, "/") {
			if e != ".." {
				break
			}
			n++
		}
		up = max(up, n)
	}
	dir := sourceFolder
	if up > 0 {
		abs, err := filepath.Abs(filepath.Dir(tomlPath))
		if err != nil {
			return nil, err
		}
		var names []string
		for range up {
			b := filepath.Base(abs)
			if b == abs || b == "." || b == string(filepath.Separator) {
				return nil, fmt.Errorf("通报引用的文件超出了磁盘根目录（..%s 过多），无法归档", string(filepath.Separator))
			}
			names = append([]string{b}, names...)
			abs = filepath.Dir(abs)
		}
		dir = path.Join(dir, path.Join(names...))
	}
	out := []archive.Source{{Path: path.Join(dir, filepath.Base(tomlPath)), Role: archive.RoleSource, Data: f.Data}}
	for _, s := range read {
		role, ok := roles[s.Key]
		if !ok {
			role = archive.RoleInclude
		}
		out = append(out, archive.Source{Path: path.Join(dir, s.Rel), Role: role, Data: s.Data})
	}
	return out, nil
}
