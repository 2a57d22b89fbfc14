package archive

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/gongwen/gongwen/internal/sign"
)

// Problem is one thing wrong in an archive, naming the file.
type Problem struct {
	Path string // the file or folder, as reached from the path given to Verify
	What string // in words for a clerk
}

func (p Problem) String() string { return p.Path + "：" + p.What }

// Report is what Verify found.
type Report struct {
	// Versions are the version folders checked, with their manifests.
	Versions []VersionReport
	// Problems lists every changed, missing or unexpected file, in path
	// order. An empty list means the archive is intact.
	Problems []Problem
}

// VersionReport is one checked version folder.
type VersionReport struct {
	Dir      string
	Manifest *Manifest // nil when the manifest could not be read
	Files    int       // files checked
	// Signatures are the PDF signatures found, by file.
	Signatures map[string][]sign.Signature
}

// OK reports whether nothing is wrong.
func (r *Report) OK() bool { return len(r.Problems) == 0 }

// VerifyOptions tune Verify.
type VerifyOptions struct {
	// Trust, when set, requires every signature (PDF and manifest) to come
	// from a certificate issued by (or equal to) one of these certificates.
	// Without it, Verify proves the archive unchanged since it was signed,
	// and names the signer, but not that the signer is who it says.
	Trust *x509.CertPool
}

// Verify checks an archive root, a document folder or a version folder:
// every file against its manifest, the manifest against its signature, every
// PDF signature, and any file that no manifest lists.
func Verify(root string) (*Report, error) { return VerifyWith(root, VerifyOptions{}) }

// VerifyWith is Verify with options.
func VerifyWith(root string, opt VerifyOptions) (*Report, error) {
	st, err := os.Stat(root)
	if err != nil {
		return nil, fmt.Errorf("找不到归档 %s：%w", root, err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("%s 不是文件夹：请给出归档文件夹、文号文件夹或版本文件夹", root)
	}
	r := &Report{}
	var versions []string
	err = filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			r.add(p, "无法读取："+err.Error())
			return nil
		}
		if !e.IsDir() {
			return nil
		}
		if _, err := os.Lstat(filepath.Join(p, ManifestName)); err == nil {
			versions = append(versions, p)
			return fs.SkipDir
		}
		if versionRE.MatchString(e.Name()) {
			r.add(p, "版本文件夹缺少 manifest.json（归档未完成或清单被删除）")
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, v := range versions {
		vr := r.checkVersion(v, opt)
		r.Versions = append(r.Versions, vr)
	}
	// Versions are numbered 1, 2, … without gaps: a missing one was removed
	// or renamed. (Checking a single version folder says nothing here.)
	byDoc := map[string][]int{}
	for _, v := range versions {
		if m := versionRE.FindStringSubmatch(filepath.Base(v)); m != nil {
			n, _ := strconv.Atoi(m[1])
			byDoc[filepath.Dir(v)] = append(byDoc[filepath.Dir(v)], n)
		}
	}
	for doc, ns := range byDoc {
		have := map[int]bool{}
		top := 0
		for _, n := range ns {
			have[n] = true
			top = max(top, n)
		}
		for n := 1; n < top; n++ {
			if vp := filepath.Join(doc, "v"+strconv.Itoa(n)); !have[n] && within(root, vp) {
				r.add(vp, fmt.Sprintf("归档版本缺失（已有 v%d，v%d 已被删除或改名）", top, n))
			}
		}
	}
	// Files outside every version folder.
	_ = filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return nil
		}
		for _, v := range versions {
			if within(v, p) {
				return nil
			}
		}
		r.add(p, "不属于任何归档版本的文件（清单中没有）")
		return nil
	})
	if len(versions) == 0 && len(r.Problems) == 0 {
		r.add(root, "其中没有归档版本（找不到 manifest.json）")
	}
	sort.SliceStable(r.Problems, func(i, j int) bool { return r.Problems[i].Path < r.Problems[j].Path })
	return r, nil
}

func within(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func (r *Report) add(p, what string) { r.Problems = append(r.Problems, Problem{Path: p, What: what}) }

func (r *Report) checkVersion(vdir string, opt VerifyOptions) VersionReport {
	vr := VersionReport{Dir: vdir, Signatures: map[string][]sign.Signature{}}
	mpath := filepath.Join(vdir, ManifestName)
	m, mj, err := ReadManifest(vdir)
	if err != nil {
		r.add(mpath, err.Error())
		return vr
	}
	vr.Manifest = m
	// The manifest's own signature, by the certificate it names.
	spath := filepath.Join(vdir, SignatureName)
	if sig, err := readRegular(vdir, SignatureName, maxSignatureSize); err != nil {
		r.add(spath, "清单的签名文件缺失或无法读取")
	} else if c, certs, err := sign.VerifyDetached(mj, sig); err != nil {
		r.add(mpath, "清单已被改动（与其签名不符）："+err.Error())
	} else if sign.CertSHA256(c) != m.Signer.CertSHA256 {
		r.add(spath, "清单的签名人证书与清单所记签名人不是同一证书")
	} else if opt.Trust != nil {
		at, _ := time.Parse(time.RFC3339, m.Archived)
		if err := sign.Trusted(c, certs, opt.Trust, at); err != nil {
			r.add(spath, "清单的签名证书不是受信任的证书签发的："+err.Error())
		}
	}
	if want := "v" + strconv.Itoa(m.Version); filepath.Base(vdir) != want {
		r.add(vdir, fmt.Sprintf("清单记的版本号是 %s，与文件夹名不符", want))
	}
	listed := map[string]bool{}
	for _, f := range m.Files {
		listed[f.Path] = true
		p := filepath.Join(vdir, filepath.FromSlash(f.Path))
		b, err := ReadListed(vdir, f)
		if errors.Is(err, ErrChanged) {
			r.add(p, ErrChanged.Error())
		} else if err != nil {
			r.add(p, "文件缺失或无法读取："+err.Error())
			continue
		}
		vr.Files++
		if f.Role == RolePDF {
			sigs, problem := checkPDF(b, m.Signer.CertSHA256, opt.Trust)
			vr.Signatures[f.Path] = sigs
			if problem != "" {
				r.add(p, problem)
			}
		}
	}
	_ = filepath.WalkDir(vdir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(vdir, p)
		rel = filepath.ToSlash(rel)
		if rel == ManifestName || rel == SignatureName || listed[rel] {
			return nil
		}
		r.add(p, "清单中没有的文件（归档后被放入）")
		return nil
	})
	return vr
}

// checkPDF checks the signatures of an archived PDF: at least one, all
// valid, the last covering the whole file, made with the archive's
// certificate.
func checkPDF(b []byte, certSHA string, trust *x509.CertPool) ([]sign.Signature, string) {
	sigs, err := sign.Verify(b)
	if err != nil {
		return nil, "PDF 已损坏：" + err.Error()
	}
	if len(sigs) == 0 {
		return nil, "PDF 没有数字签名"
	}
	for i, s := range sigs {
		if !s.Valid {
			return sigs, fmt.Sprintf("PDF 第 %d 个签名无效：%s", i+1, s.Problem)
		}
	}
	last := sigs[len(sigs)-1]
	if !last.WholeDocument {
		return sigs, "PDF 签名后又被追加了内容（签名未覆盖整个文件）"
	}
	if last.CertSHA256 != certSHA {
		return sigs, "PDF 的签名证书不是清单所记的签名人证书"
	}
	if trust != nil {
		for i, s := range sigs {
			if err := sign.Trusted(s.Cert, s.Certs, trust, s.Time); err != nil {
				return sigs, fmt.Sprintf("PDF 第 %d 个签名的证书不是受信任的证书签发的：%v", i+1, err)
			}
		}
	}
	return sigs, ""
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
