package archive

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Limits on what is read from a version folder. Ours are far below them (a
// manifest is a few KB, a notice's PDF well under 10 MB); a folder that
// exceeds them was not written by Archive, and reading it whole could
// exhaust the memory of the clerk's machine.
const (
	maxManifestSize  = 4 << 20
	maxSignatureSize = 1 << 20
	// MaxFileSize is the largest archived file Verify and ReadListed read.
	MaxFileSize = 512 << 20
)

// ErrChanged is returned (wrapped) by ReadListed for a file whose bytes do
// not match its manifest entry.
var ErrChanged = errors.New("文件已被改动（SHA-256 与清单不符）")

// ParseManifest reads manifest.json. Unknown fields, trailing data and any
// listed path that could reach outside the version folder (absolute, with
// "..", a volume name or a backslash, or the folder itself) are errors:
// a manifest naming such a path was not written by Archive.
func ParseManifest(b []byte) (*Manifest, error) {
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("清单已损坏，无法读取：%w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("清单已损坏，无法读取：清单之后还有多余内容")
	}
	for _, f := range m.Files {
		if err := checkRel(f.Path); err != nil {
			return nil, fmt.Errorf("清单中有不合规的路径“%s”（清单已被改动）", f.Path)
		}
	}
	return &m, nil
}

// ReadManifest reads and parses the manifest.json of version folder vdir.
// It also returns the manifest's bytes, which its signature covers.
func ReadManifest(vdir string) (*Manifest, []byte, error) {
	b, err := readRegular(vdir, ManifestName, maxManifestSize)
	if err != nil {
		return nil, nil, err
	}
	m, err := ParseManifest(b)
	if err != nil {
		return nil, b, err
	}
	return m, b, nil
}

// ReadListed reads the file f of version folder vdir — never anything
// outside the folder, whatever the manifest says and whatever symbolic
// links the folder holds — and checks it against f's size and SHA-256. A
// file that does not match is still returned, with an error wrapping
// ErrChanged, so that its signatures can be checked too.
func ReadListed(vdir string, f File) ([]byte, error) {
	if err := checkRel(f.Path); err != nil {
		return nil, err
	}
	b, err := readRegular(vdir, f.Path, MaxFileSize)
	if err != nil {
		return nil, err
	}
	if int64(len(b)) != f.Size || sha(b) != f.SHA256 {
		return b, ErrChanged
	}
	return b, nil
}

// readRegular reads the regular file rel (slash-separated) below dir,
// refusing anything that leaves dir, is not a regular file (a FIFO would
// block the read for ever) or is larger than limit.
func readRegular(dir, rel string, limit int64) ([]byte, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	name := filepath.FromSlash(rel)
	st, err := root.Stat(name)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s 不是普通文件", rel)
	}
	if st.Size() > limit {
		return nil, fmt.Errorf("%s 过大（%d 字节），不是本工具归档的文件", rel, st.Size())
	}
	fh, err := root.Open(name)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	b, err := io.ReadAll(io.LimitReader(fh, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%s 过大，不是本工具归档的文件", rel)
	}
	return b, nil
}

// checkRel accepts a path as Archive stores it: slash-separated, relative,
// clean, inside the version folder on Windows as on Linux.
func checkRel(p string) error {
	if p == "" || p == "." || path.IsAbs(p) || path.Clean(p) != p || strings.HasPrefix(p, "../") || p == ".." ||
		strings.Contains(p, `\`) || !filepath.IsLocal(filepath.FromSlash(p)) {
		return fmt.Errorf("归档文件路径“%s”不合规", p)
	}
	return nil
}
