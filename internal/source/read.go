package source

import (
	"bytes"
	"fmt"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// MaxSize is the largest notice file read. A notice with its findings is well
// under 100 KB; a file of several megabytes is almost surely the wrong file,
// and refusing it keeps every run quick on an office PC.
const MaxSize = 2 << 20

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
