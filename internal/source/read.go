package source

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// MaxSize is the largest notice file read. A notice with its findings is well
// under 100 KB; a file of several megabytes is almost surely the wrong file,
// and refusing it keeps every run quick on an office PC.
const MaxSize = 2 << 20

// MaxDOCXTemplateSize is the largest DOCX template ([output] docx_template)
// read. A letterhead template with its images is a few hundred KB.
const MaxDOCXTemplateSize = 32 << 20

// maxFileSize is the limit of File.ReadFile for a file no check read
// first: the largest of the limits above and maxSealBytes.
const maxFileSize = MaxDOCXTemplateSize

// NotRegularError is the error of ReadLimited for a name that is not a
// regular file: a folder, a device such as /dev/zero, a named pipe (FIFO)
// or a socket. Reading one could block or run without end.
type NotRegularError struct {
	Name string
	Mode fs.FileMode
}

// Kind says in words what the file is.
func (e *NotRegularError) Kind() string {
	switch m := e.Mode; {
	case m.IsDir():
		return "文件夹"
	case m&fs.ModeNamedPipe != 0:
		return "命名管道（FIFO）"
	case m&(fs.ModeDevice|fs.ModeCharDevice) != 0:
		return "设备文件"
	case m&fs.ModeSocket != 0:
		return "套接字"
	}
	return "特殊文件"
}

func (e *NotRegularError) Error() string {
	return fmt.Sprintf("%s 不是普通文件，而是%s：请指定一个普通文件", e.Name, e.Kind())
}

// TooLargeError is the error of ReadLimited for a file larger than its
// limit; only limit+1 bytes of it were read.
type TooLargeError struct {
	Name  string
	Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s 太大：超过 %s，本工具不读取这么大的文件，请确认选对了文件", e.Name, sizeText(e.Limit))
}

// sizeText writes a limit as clerks read it: 2 MB, 512 KB.
func sizeText(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	if n >= 1<<10 && n%(1<<10) == 0 {
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d 字节", n)
}

// ReadLimited is the one reader of every input file — the notice, the files
// it includes, the seal, the DOCX template: it reads the regular file name,
// at most limit bytes. Anything else (a folder, /dev/zero, a FIFO, a
// socket) is refused from its mode before it is opened, with a
// *NotRegularError, so that a read can neither block nor run without end;
// a file larger than limit gives a *TooLargeError after limit+1 bytes (they
// are returned with it, for a message that quotes them). A missing file
// gives an error wrapping fs.ErrNotExist.
func ReadLimited(name string, limit int64) ([]byte, error) {
	st, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, &NotRegularError{Name: name, Mode: st.Mode()}
	}
	fh, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	// The file opened is the one looked at (not swapped for a FIFO since).
	if st2, err := fh.Stat(); err != nil || !st2.Mode().IsRegular() || !os.SameFile(st, st2) {
		mode := st.Mode()
		if err == nil {
			mode = st2.Mode()
		}
		return nil, &NotRegularError{Name: name, Mode: mode}
	}
	data, err := io.ReadAll(io.LimitReader(fh, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return data, &TooLargeError{Name: name, Limit: limit}
	}
	return data, nil
}

// readProblem says why a file a key names could not be read, for a
// diagnostic at the key: what the file is for (what, e.g. "印章图片"), the
// name as written and the key. Nil for a missing file, which each caller
// words itself.
func readProblem(err error, key, what, name string) string {
	var nr *NotRegularError
	var tl *TooLargeError
	switch {
	case errors.As(err, &nr):
		return fmt.Sprintf("%s“%s”不是普通文件，而是%s，无法读取：%s 要写一个普通文件的名字", what, name, nr.Kind(), key)
	case errors.As(err, &tl):
		return fmt.Sprintf("%s“%s”太大：超过 %s，不予读取。请检查 %s 写的文件是否选对", what, name, sizeText(tl.Limit), key)
	}
	return fmt.Sprintf("无法读取%s“%s”（%v）：请检查文件是否被其他程序占用、是否有权限读取", what, name, err)
}

// decodeText turns the bytes of a file into text: UTF-8 (a BOM is dropped),
// UTF-16 with a BOM, or GBK/GB18030, as Windows tools save files. A file
// read in another encoding than UTF-8 gets a warning; a file that is no text
// at all an error. Diagnostics are at 1:1.
func decodeText(data []byte) (string, []Diagnostic) {
	at := func(sev Severity, format string, args ...any) []Diagnostic {
		return []Diagnostic{{Line: 1, Col: 1, Severity: sev, Message: fmt.Sprintf(format, args...)}}
	}
	if len(data) > MaxSize {
		return "", at(Error, "文件太大（%.1f MB）：一份通报文件通常不到 100 KB，本工具最多读取 %d MB。请确认选的是通报的 .toml 文件",
			float64(len(data))/(1<<20), MaxSize>>20)
	}
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		dec := xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM).NewDecoder()
		b, err := dec.Bytes(data)
		if err != nil || !utf8.Valid(b) || !plausible(string(b)) {
			return "", at(Error, "文件看起来是 UTF-16 编码，但无法按此读取。请用记事本打开，“另存为”时编码选“UTF-8”")
		}
		return string(b), at(Warning, "文件是 UTF-16（“Unicode”）编码，已按此读取；建议另存为 UTF-8")
	}
	if utf8.Valid(data) {
		// Stray control characters in UTF-8 text are reported by the TOML
		// parser at their own place.
		return string(data), nil
	}
	b, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err == nil && utf8.Valid(b) && plausible(string(b)) {
		return string(b), at(Warning, "文件是 GBK/GB18030 编码，已按此读取；建议另存为 UTF-8（记事本“另存为”，编码选“UTF-8”）")
	}
	return "", at(Error, "文件既不是 UTF-8 也不是 GBK 编码的文字，无法读取（可能是二进制文件或已损坏）。请确认选的是通报的 .toml 文件，并另存为 UTF-8 编码")
}

// plausible reports whether s looks like text a person wrote: no control
// characters other than tab and line breaks, no replacement characters, no
// private-use characters. Random bytes decoded as GB18030 fail this.
func plausible(s string) bool {
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
		case r == utf8.RuneError, r < 0x20, r == 0x7F:
			return false
		case unicode.Is(unicode.Co, r), unicode.Is(unicode.Cc, r):
			return false
		}
	}
	return true
}
