package source

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/gongwen/gongwen/internal/expr"
)

// Options for reading a notice.
type Options struct {
	// Dir is the folder of the notice file; files it names (the seal) are
	// relative to it. Empty means the current folder.
	Dir string
	// ReadFile reads a file the notice names; nil means os.ReadFile.
	ReadFile func(name string) ([]byte, error)
	// Checks run after decoding; nil means DefaultChecks().
	Checks []Check
	// Template returns the text of the notice template a notice names
	// (template = "NAME"); nil means the shipped templates/NAME.toml.
	Template func(name string) ([]byte, error)
	// DOCXTemplate checks the bytes of the DOCX template [output]
	// docx_template names (docx.CheckTemplate: package source does not
	// import the renderers); nil checks only that the file can be read.
	DOCXTemplate func([]byte) error
}

// File is a notice file read, decoded and checked.
type File struct {
	Name   string      // the file name as given, used in diagnostics
	Data   []byte      // the file's bytes as read (what an archive stores)
	Text   string      // the text of the file, decoded to UTF-8 without BOM
	Notice *Notice     // nil when the file could not be decoded at all
	Pos    *Positions  // nil when the text is not valid TOML
	Diags  Diagnostics // every problem found, in file order

	dir      string // Options.Dir
	read     func(string) ([]byte, error)
	files    map[string]readResult // what the checks read, by name
	includes []string              // the files included, as named in diagnostics (include.go)
	sources  []SourceFile          // the files read for keys of the notice, in order
	prepared *Prepared             // see Prepared
}

type readResult struct {
	data []byte
	err  error
}

// ReadFile reads a file the notice names (the seal) as the checks read it:
// each file is read once, so compose takes the very bytes that were
// checked, not a file changed since, and does not read it again. Without
// Options.ReadFile it reads through ReadLimited (regular files only, at
// most MaxDOCXTemplateSize bytes unless a check read it with a smaller
// limit first). Not safe for concurrent use.
func (f *File) ReadFile(name string) ([]byte, error) {
	return f.readLimited(name, maxFileSize)
}

// readLimited is ReadFile with a limit for this kind of file.
func (f *File) readLimited(name string, limit int64) ([]byte, error) {
	if r, ok := f.files[name]; ok {
		return r.data, r.err
	}
	var data []byte
	var err error
	if f.read != nil {
		data, err = f.read(name)
		if err == nil && int64(len(data)) > limit {
			data, err = data[:limit+1], &TooLargeError{Name: name, Limit: limit}
		}
	} else {
		data, err = ReadLimited(name, limit)
	}
	if err != nil {
		data = nil
	}
	if f.files == nil {
		f.files = map[string]readResult{}
	}
	f.files[name] = readResult{data, err}
	return data, err
}

// SourceFile is a file a notice's build read besides the notice itself: an
// included file, the seal, the DOCX template.
type SourceFile struct {
	Key  string // the key naming it: include, signature.seal, output.docx_template
	Name string // as written at the key
	Path string // the path read
	// Rel is the path relative to the notice's folder, slash-separated
	// (it may begin with ../), or "" when it was named by an absolute path
	// (or included from a file so named).
	Rel  string
	Data []byte // the bytes read, the very bytes checked and built from
}

// Sources returns the files read for the notice's keys, in the order they
// were read, each once: with the notice's own Data, every byte its build
// used from disk.
func (f *File) Sources() []SourceFile { return f.sources }

// readSource reads the file at path for key (written there as name) with
// the limit for its kind, and records it among the Sources when it could be
// read. rel is its path relative to the notice's folder ("" if none).
func (f *File) readSource(key, name, path, rel string, limit int64) ([]byte, error) {
	data, err := f.readLimited(path, limit)
	if err != nil {
		return nil, err
	}
	for _, s := range f.sources {
		if s.Path == path {
			return data, nil
		}
	}
	f.sources = append(f.sources, SourceFile{Key: key, Name: name, Path: path, Rel: rel, Data: data})
	return data, nil
}

// relName is the slash-separated relative path of name, a file named in
// the notice itself, or "" when name is absolute.
func relName(name string) string {
	if filepath.IsAbs(name) || filepath.VolumeName(name) != "" {
		return ""
	}
	return filepath.ToSlash(filepath.Clean(name))
}

// Parse decodes and checks a notice file's bytes. It never stops at the first
// problem: File.Diags holds all of them, and File.Notice is usable (for
// compose) only when File.Diags.HasErrors() is false.
func Parse(name string, data []byte, opt Options) *File {
	f := &File{Name: name, Data: data, read: opt.ReadFile, dir: opt.Dir}
	text, diags := decodeText(data)
	f.Text = text
	f.Diags = append(f.Diags, diags...)
	if Diagnostics(diags).HasErrors() {
		return f.finish()
	}
	if strings.TrimSpace(stripComments(text)) == "" {
		f.Diags = append(f.Diags, Diagnostic{Line: 1, Col: 1, Severity: Error,
			Message: "文件是空的。一份通报至少要写：[main] 中的 title（标题）和 text（正文），[signature] 中的 issuer（发文机关署名）和 date（成文日期）。可用 gongwen new 生成带说明的模板"})
		return f.finish()
	}
	var tree map[string]any
	if _, err := toml.Decode(text, &tree); err != nil {
		r := recoverSyntax(text, err)
		f.Diags = append(f.Diags, r.diags...)
		if r.text != "" {
			f.checkRecovered(r, opt)
		}
		return f.finish()
	}
	f.Diags = append(f.Diags, f.check(text, tree, nil, opt)...)
	return f.finish()
}

// check decodes tree (parsed from text) and runs the checks over it,
// setting f.Pos, f.Notice and f.prepared. failed are paths already known
// to be unreadable: checks of their meaning, and of their absence, skip
// them.
func (f *File) check(text string, tree map[string]any, failed map[string]bool, opt Options) Diagnostics {
	var ds Diagnostics
	f.Pos = scanPositions(text)
	ds = append(ds, f.includeFiles(tree, opt.Dir, filepath.Join(opt.Dir, filepath.Base(f.Name)))...)
	if failed == nil {
		failed = map[string]bool{}
	}
	dataCut := failed[""]
	for p := range failed {
		dataCut = dataCut || p == "data" || strings.HasPrefix(p, "data.") || strings.HasPrefix(p, "data[")
	}
	d := &decoder{pos: f.Pos, failed: failed}
	n := &Notice{}
	d.decodeStruct("", tree, reflectValue(n))
	f.Notice = n
	ds = append(ds, d.diags...)

	checks := opt.Checks
	if checks == nil {
		checks = DefaultChecks()
	}
	in := &Input{File: f.Name, Dir: opt.Dir, Notice: n, Pos: f.Pos, readFile: f.ReadFile, file: f, failed: d.failed, loadTemplate: opt.Template, checkDOCX: opt.DOCXTemplate, dataCut: dataCut}
	for _, c := range checks {
		ds = append(ds, c(in)...)
	}
	f.prepared = in.prepared
	return ds
}

// finish names the file in every diagnostic, makes every message valid
// UTF-8 (a message quoting bad input writes its bytes \xNN) and orders
// them by place.
func (f *File) finish() *File {
	for i := range f.Diags {
		f.Diags[i].File = f.Name
		f.Diags[i].Message = expr.ValidUTF8(f.Diags[i].Message)
	}
	sort.SliceStable(f.Diags, func(i, j int) bool {
		a, b := f.Diags[i], f.Diags[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	// A line numbered past includeLines is in an included file: the
	// notice's own diagnostics come first, then each file's in turn.
	for i := range f.Diags {
		if k := f.Diags[i].Line / includeLines; k > 0 && k <= len(f.includes) {
			f.Diags[i].File = f.includes[k-1]
			f.Diags[i].Line -= k * includeLines
		}
	}
	f.Diags = limit(f.Diags)
	return f
}

// The most diagnostics of each severity one run lists: beyond that a list
// helps nobody, and the clerk will run check again after the first fixes.
const (
	maxErrors   = 200
	maxWarnings = 100
)

// limit keeps the first maxErrors errors and maxWarnings warnings, and says
// how many more there are.
func limit(ds Diagnostics) Diagnostics {
	var out Diagnostics
	errs, warns := 0, 0
	var lastErr, lastWarn Diagnostic
	for _, d := range ds {
		if d.Severity == Error {
			if errs++; errs <= maxErrors {
				out = append(out, d)
				lastErr = d
			}
		} else {
			if warns++; warns <= maxWarnings {
				out = append(out, d)
				lastWarn = d
			}
		}
	}
	if errs > maxErrors {
		lastErr.Message = fmt.Sprintf("另有 %d 个错误未列出，请先改正以上错误后再检查", errs-maxErrors)
		lastErr.Omitted = errs - maxErrors
		out = append(out, lastErr)
	}
	if warns > maxWarnings {
		lastWarn.Message = fmt.Sprintf("另有 %d 个警告未列出", warns-maxWarnings)
		lastWarn.Omitted = warns - maxWarnings
		out = append(out, lastWarn)
	}
	return out
}

// stripComments drops TOML comment lines, so that a file of comments only
// counts as empty.
func stripComments(text string) string {
	var b strings.Builder
	for _, line := range strings.Split(text, "\n") {
		if t := strings.TrimSpace(line); t != "" && !strings.HasPrefix(t, "#") {
			b.WriteString(line)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// Load reads the notice file at path and checks it. The error is only for a
// file that cannot be read at all; problems in the file are diagnostics.
func Load(path string) (*File, error) { return LoadOptions(path, Options{}) }

// LoadOptions is Load with options; their Dir is the file's folder. The
// file is read through ReadLimited: a file that is no regular file is an
// error; one larger than MaxSize is a diagnostic of Parse.
func LoadOptions(path string, opt Options) (*File, error) {
	data, err := ReadLimited(path, MaxSize)
	var tl *TooLargeError
	var nr *NotRegularError
	switch {
	case errors.As(err, &tl):
		// Parse says so at 1:1, from the MaxSize+1 bytes read.
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("找不到文件 %s：请检查文件名和所在文件夹", path)
	case errors.As(err, &nr) && nr.Mode.IsDir():
		return nil, fmt.Errorf("%s 是文件夹，请指定通报的 .toml 文件", path)
	case errors.As(err, &nr):
		return nil, fmt.Errorf("%s 不是普通文件，而是%s，无法读取：请指定通报的 .toml 文件", path, nr.Kind())
	case err != nil:
		return nil, fmt.Errorf("无法读取 %s：%w", path, err)
	}
	opt.Dir = filepath.Dir(path)
	return Parse(path, data, opt), nil
}

// Decode decodes and checks a notice. Any error-level diagnostic makes it
// fail; the error lists every diagnostic.
func Decode(name string, data []byte) (*Notice, error) {
	f := Parse(name, data, Options{Dir: filepath.Dir(name)})
	if f.Diags.HasErrors() {
		return nil, &DiagnosticsError{Diags: f.Diags}
	}
	return f.Notice, nil
}

// ReadFile reads, decodes and checks a notice file.
func ReadFile(name string) (*Notice, error) {
	f, err := Load(name)
	if err != nil {
		return nil, err
	}
	if f.Diags.HasErrors() {
		return nil, &DiagnosticsError{Diags: f.Diags}
	}
	return f.Notice, nil
}

// DiagnosticsError is the error of a notice that did not pass its checks.
type DiagnosticsError struct {
	Diags Diagnostics
}

func (e *DiagnosticsError) Error() string {
	return strings.TrimRight(e.Diags.String(), "\n")
}
