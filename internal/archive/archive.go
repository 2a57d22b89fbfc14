// Package archive stores issued notices so that they can be proved later to
// be the exact bytes that were issued: the signed PDF, the DOCX, the source
// TOML and the files it names (the seal), and a manifest with the SHA-256 of
// every file, itself signed with the same key. Each archiving of a document
// number becomes the next version folder beside the earlier ones
// (ARCHIVE/<发文字号>/v1, v2, …); nothing archived is ever overwritten or
// removed: folders are created exclusively, files with O_EXCL and left
// read-only.
package archive

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/gongwen/gongwen/internal/doc"
	"github.com/gongwen/gongwen/internal/sign"
)

// ManifestName and SignatureName are the two files of a version folder that
// the manifest does not list: the manifest itself and its detached signature.
const (
	ManifestName  = "manifest.json"
	SignatureName = "manifest.json.p7s"
)

// ManifestFormat is the version of the manifest layout.
const ManifestFormat = 1

// Manifest is manifest.json of one archived version.
type Manifest struct {
	Format    int    `json:"format"`
	DocNumber string `json:"doc_number"` // 发文字号, as printed
	Title     string `json:"title"`      // 标题
	Date      string `json:"date"`       // 成文日期, 2021-09-22
	DateText  string `json:"date_text"`  // 成文日期 as printed: 2021年9月22日
	Version   int    `json:"version"`    // 1, 2, … (the folder vN)
	Signer    Signer `json:"signer"`
	// PDFA says which archival profile the PDF meets as converted here
	// ("PDF/A-2b"), or why it was not converted.
	PDFA     string `json:"pdfa"`
	Tool     string `json:"tool"`        // the gongwen version that built it
	Archived string `json:"archived_at"` // when it was archived (RFC 3339)
	Files    []File `json:"files"`       // sorted by path
}

// Signer is who signed the PDF and the manifest.
type Signer struct {
	Subject    string `json:"subject"`     // certificate subject
	CertSHA256 string `json:"cert_sha256"` // SHA-256 of the certificate (DER)
	Name       string `json:"name,omitempty"`
	Reason     string `json:"reason,omitempty"`
}

// File is one archived file.
type File struct {
	Path   string `json:"path"` // slash-separated, relative to the version folder
	Role   string `json:"role"` // pdf, docx, json, template, source, seal, include, docx_template
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Roles of archived files.
const (
	RolePDF  = "pdf"
	RoleDOCX = "docx"
	RoleJSON = "json"
	// RoleTemplate is a copy of the standing notice template the source
	// names (template = "督查通报"), as the building program had it: a
	// record of every word the notice was built from, since templates
	// change between versions of the program.
	RoleTemplate = "template"
	RoleSource   = "source"
	RoleSeal     = "seal"
	RoleInclude  = "include"
	// RoleDOCXTemplate is the DOCX template the source names ([output]
	// docx_template), the letterhead the DOCX was written on.
	RoleDOCXTemplate = "docx_template"
)

// Input is one document to archive: its outputs, already built, and its
// source files.
type Input struct {
	Doc  *doc.Document
	PDF  []byte // unsigned; Archive signs it
	DOCX []byte
	// JSON is the composed document (the words of every element), kept so
	// that later versions can be compared with gongwen diff without
	// rebuilding this one; nil leaves it out.
	JSON []byte
	// Sources are the source TOML (first) and every file its build read
	// (included files, the seal, the DOCX template), with the paths they are
	// stored under (slash-separated, relative, without ".."), and the
	// notice template.
	Sources []Source
}

// Source is one source file to store.
type Source struct {
	Path string
	Role string
	Data []byte
}

// Options for Archive.
type Options struct {
	Dir    string       // the archive root
	Signer *sign.Signer // signs the PDF and the manifest
	Info   sign.Info    // name, reason, time of the PDF signature
	Now    time.Time    // the archive time written to the manifest
	Tool   string       // tool version; empty means ToolVersion()
}

// Result says where a document went.
type Result struct {
	Dir      string // the new version folder
	Manifest *Manifest
}

// ToolVersion is this program's version as the Go build records it.
func ToolVersion() string {
	v := "(devel)"
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += " " + s.Value[:12]
			}
		}
	}
	return "gongwen " + v
}

// Archive signs the PDF and stores everything as the next version of the
// document's number. All bytes are made before anything is written, so a
// failure to sign leaves the archive untouched.
func Archive(in Input, opt Options) (*Result, error) {
	d := in.Doc
	if opt.Signer == nil {
		return nil, errors.New("归档需要签名证书和私钥（--cert、--key 或 --p12）")
	}
	if len(in.Sources) == 0 {
		return nil, errors.New("归档需要通报的源文件")
	}
	base := FolderName(d)
	pdf, pdfa := in.PDF, "PDF/A-2b"
	if a, err := sign.PDFA(in.PDF); err == nil {
		pdf = a
	} else {
		pdfa = "未转换为 PDF/A：" + err.Error()
	}
	signed, err := sign.Sign(pdf, opt.Signer, opt.Info) // verified by Sign
	if err != nil {
		return nil, fmt.Errorf("%w，未归档", err)
	}
	files := map[string][]byte{}
	m := &Manifest{
		Format:    ManifestFormat,
		DocNumber: d.Head.DocNumber,
		Title:     strings.Join(d.Title, ""),
		Signer: Signer{
			Subject:    opt.Signer.Subject(),
			CertSHA256: sign.CertSHA256(opt.Signer.Cert),
			Name:       opt.Info.Name,
			Reason:     opt.Info.Reason,
		},
		PDFA:     pdfa,
		Tool:     opt.Tool,
		Archived: opt.Now.Format(time.RFC3339),
	}
	if m.Tool == "" {
		m.Tool = ToolVersion()
	}
	if !d.Signature.Date.IsZero() {
		m.Date, m.DateText = d.Signature.Date.ISO(), d.Signature.Date.Chinese()
	}
	add := func(p, role string, b []byte) error {
		if err := checkRel(p); err != nil {
			return err
		}
		if _, dup := files[p]; dup || p == ManifestName || p == SignatureName {
			return fmt.Errorf("归档中有两个文件同名：%s", p)
		}
		files[p] = b
		m.Files = append(m.Files, File{Path: p, Role: role, Size: int64(len(b)), SHA256: sha(b)})
		return nil
	}
	if err := add(base+".pdf", RolePDF, signed); err != nil {
		return nil, err
	}
	if in.DOCX != nil {
		if err := add(base+".docx", RoleDOCX, in.DOCX); err != nil {
			return nil, err
		}
	}
	if in.JSON != nil {
		if err := add(base+".json", RoleJSON, in.JSON); err != nil {
			return nil, err
		}
	}
	for _, s := range in.Sources {
		if err := add(s.Path, s.Role, s.Data); err != nil {
			return nil, err
		}
	}
	sort.Slice(m.Files, func(i, j int) bool { return m.Files[i].Path < m.Files[j].Path })

	docDir := filepath.Join(opt.Dir, base)
	if err := os.MkdirAll(docDir, 0o755); err != nil {
		return nil, fmt.Errorf("无法建立归档文件夹 %s：%w", docDir, err)
	}
	// The next version: one more than the highest there; created
	// exclusively, so two archivings at once never share a folder.
	n, err := highestVersion(docDir)
	if err != nil {
		return nil, err
	}
	var vdir string
	for {
		n++
		vdir = filepath.Join(docDir, "v"+strconv.Itoa(n))
		err := os.Mkdir(vdir, 0o755)
		if err == nil {
			break
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("无法建立归档文件夹 %s：%w", vdir, err)
		}
	}
	m.Version = n
	mj, err := json.MarshalIndent(m, "", "  ")
	if err == nil {
		mj = append(mj, '\n')
	}
	var msig []byte
	if err == nil {
		msig, err = sign.Detached(mj, opt.Signer)
	}
	if err != nil {
		os.Remove(vdir) // still empty: nothing archived is removed
		return nil, fmt.Errorf("签名清单失败：%w", err)
	}
	incomplete := func(err error) error {
		return fmt.Errorf("归档版本 %s 未写完（已写入的文件保留不动，请勿使用该版本，重新归档即成为下一版本）：%w", vdir, err)
	}
	for _, f := range m.Files {
		if err := writeNew(filepath.Join(vdir, filepath.FromSlash(f.Path)), files[f.Path]); err != nil {
			return nil, incomplete(err)
		}
	}
	// The manifest last: a version folder without one was never finished.
	if err := writeNew(filepath.Join(vdir, ManifestName), mj); err != nil {
		return nil, incomplete(err)
	}
	if err := writeNew(filepath.Join(vdir, SignatureName), msig); err != nil {
		return nil, incomplete(err)
	}
	if err := sealDirs(vdir); err != nil {
		return nil, incomplete(err)
	}
	return &Result{Dir: vdir, Manifest: m}, nil
}

var versionRE = regexp.MustCompile(`^v([1-9][0-9]*)$`)

func highestVersion(docDir string) (int, error) {
	es, err := os.ReadDir(docDir)
	if err != nil {
		return 0, fmt.Errorf("无法读取归档文件夹 %s：%w", docDir, err)
	}
	n := 0
	for _, e := range es {
		if m := versionRE.FindStringSubmatch(e.Name()); m != nil {
			if v, _ := strconv.Atoi(m[1]); v > n {
				n = v
			}
		}
	}
	return n, nil
}

// writeNew creates a file that must not exist yet and leaves it read-only.
func writeNew(name string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o444)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// sealDirs makes the version folder and its subfolders read-only, so no file
// can be added, renamed or removed there by mistake.
func sealDirs(vdir string) error {
	var dirs []string
	err := filepath.WalkDir(vdir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() {
			dirs = append(dirs, p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for i := len(dirs) - 1; i >= 0; i-- { // deepest first
		if err := os.Chmod(dirs[i], 0o555); err != nil {
			return err
		}
	}
	return nil
}

// FolderName is the document's folder in the archive: its 发文字号 made safe
// as a file name on Windows and Linux (沭政督字〔2021〕31号 stays as it is);
// a document without a number is filed under 无文号-<标题>.
func FolderName(d *doc.Document) string {
	s := d.Head.DocNumber
	if s == "" {
		s = "无文号-" + strings.Join(d.Title, "")
	}
	return SafeName(s)
}

// windowsReserved reports whether Windows reserves name for a device (CON,
// PRN, AUX, NUL, COM1–COM9, LPT1–LPT9), with or without an extension: a
// folder so named cannot be made or copied there.
func windowsReserved(name string) bool {
	base, _, _ := strings.Cut(strings.ToUpper(name), ".")
	base = strings.TrimRight(base, " ")
	switch base {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	return len(base) == 4 && (strings.HasPrefix(base, "COM") || strings.HasPrefix(base, "LPT")) && base[3] >= '1' && base[3] <= '9'
}

// SafeName replaces the characters Windows forbids in file names (and
// control characters) with "_", and trims trailing dots and spaces.
func SafeName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < 0x20, strings.ContainsRune(`<>:"/\|?*`, r):
			b.WriteRune('_')
		default:
			b.WriteRune(r)
		}
	}
	out := strings.TrimRight(strings.TrimSpace(b.String()), ". ")
	if r := []rune(out); len(r) > 80 {
		out = string(r[:80])
	}
	if out == "" || windowsReserved(out) {
		out = "_" + out
	}
	return out
}
