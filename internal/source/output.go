package source

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
)

// outputPath is the file [output] docx_template names, relative to dir.
func outputPath(dir, name string) string {
	if filepath.IsAbs(name) {
		return name
	}
	return filepath.Join(dir, name)
}

// checkOutput: the DOCX template [output] docx_template names can be read
// and is one the DOCX writer takes (Options.DOCXTemplate, i.e.
// docx.CheckTemplate), every problem at the key's line.
func checkOutput(in *Input) []Diagnostic {
	o := in.Notice.Output
	if o == nil || in.Failed("output.docx_template") || !in.Pos.Has("output.docx_template") {
		return nil
	}
	const key = "output.docx_template"
	if strings.TrimSpace(o.DOCXTemplate) == "" {
		return []Diagnostic{in.Errorf(key, "docx_template 是空的：请写 DOCX 底版的文件名，如 docx_template = \"letterhead.docx\"，或删去这一行用内置底版")}
	}
	name := outputPath(in.Dir, o.DOCXTemplate)
	b, err := in.file.readSource(key, o.DOCXTemplate, name, relName(o.DOCXTemplate), MaxDOCXTemplateSize)
	var nr *NotRegularError
	switch {
	case errors.As(err, &nr) && nr.Mode.IsDir():
		return []Diagnostic{in.Errorf(key, "DOCX 底版“%s”是文件夹：请写出其中 .docx 文件的文件名", o.DOCXTemplate)}
	case errors.Is(err, os.ErrNotExist):
		return []Diagnostic{in.Errorf(key, "找不到 DOCX 底版“%s”（相对于通报文件所在的文件夹）：请检查文件名，或删去这一行用内置底版", o.DOCXTemplate)}
	case err != nil:
		return []Diagnostic{in.Errorf(key, "%s", readProblem(err, key, "DOCX 底版", o.DOCXTemplate))}
	}
	if in.checkDOCX == nil {
		return nil
	}
	if err := in.checkDOCX(b); err != nil {
		return []Diagnostic{in.Errorf(key, "底版“%s”：%v", o.DOCXTemplate, err)}
	}
	return nil
}

// DOCXTemplate returns the DOCX template the notice names in [output]
// docx_template, the very bytes the checks read and passed, and its name
// as written; nil when the notice names none.
func (f *File) DOCXTemplate() ([]byte, string, error) {
	if f.Notice == nil || f.Notice.Output == nil || f.Notice.Output.DOCXTemplate == "" {
		return nil, "", nil
	}
	name := f.Notice.Output.DOCXTemplate
	b, err := f.readLimited(outputPath(f.dir, name), MaxDOCXTemplateSize)
	return b, name, err
}
