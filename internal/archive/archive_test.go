package archive

import (
	"bytes"
	"crypto/x509"
	"crypto/x509/pkix"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gongwen/gongwen/internal/doc"
	"github.com/gongwen/gongwen/internal/sign"
	"github.com/gongwen/gongwen/internal/sign/signtest"
	"github.com/gongwen/gongwen/internal/tooltest"
)

// tempArchive is an archive folder that the test can remove although
// archived folders are read-only.
func tempArchive(t *testing.T) string {
	dir := t.TempDir()
	t.Cleanup(func() {
		filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
			if err == nil && e.IsDir() {
				os.Chmod(p, 0o755)
			}
			return nil
		})
	})
	return dir
}

// testPDF is a small PDF marked as the project's own (sign.PDFA converts it).
func testPDF(t *testing.T) []byte { return signtest.PDF(t, "gongwen") }

func testInput(t *testing.T, docx string) Input {
	d := &doc.Document{
		Head:      doc.Head{DocNumber: "沭政督字〔2021〕31号"},
		Title:     []string{"关于2021年第三季度检查情况的通报"},
		Signature: doc.Signature{Issuers: []string{"演示县人民政府办公室"}, Date: doc.Date{Year: 2021, Month: 9, Day: 22}},
	}
	return Input{
		Doc:  d,
		PDF:  testPDF(t),
		DOCX: []byte(docx),
		Sources: []Source{
			{Path: "notice.toml", Role: RoleSource, Data: []byte("[head]\nmasthead = \"演示\"\n")},
			{Path: "seal/seal.png", Role: RoleSeal, Data: []byte("\x89PNG fake")},
		},
	}
}

func testOptions(t *testing.T, dir string) Options {
	s, err := sign.SelfSigned(pkix.Name{CommonName: "归档测试签名人"}, time.Now().Add(-time.Hour), 24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	return Options{Dir: dir, Signer: s, Info: sign.Info{Name: "测试签名人", Reason: "正式发文归档"},
		Now: time.Date(2021, 9, 22, 16, 0, 0, 0, time.UTC), Tool: "gongwen test"}
}

func TestTwoVersions(t *testing.T) {
	dir := tempArchive(t)
	opt := testOptions(t, dir)
	r1, err := Archive(testInput(t, "docx one"), opt)
	if err != nil {
		t.Fatal(err)
	}
	v1 := snapshot(t, r1.Dir)
	r2, err := Archive(testInput(t, "docx two"), opt)
	if err != nil {
		t.Fatal(err)
	}
	docDir := filepath.Join(dir, "沭政督字〔2021〕31号")
	if r1.Dir != filepath.Join(docDir, "v1") || r2.Dir != filepath.Join(docDir, "v2") {
		t.Fatalf("versions in %s and %s, want v1 and v2 under %s", r1.Dir, r2.Dir, docDir)
	}
	if r1.Manifest.Version != 1 || r2.Manifest.Version != 2 {
		t.Errorf("manifest versions %d, %d", r1.Manifest.Version, r2.Manifest.Version)
	}
	if after := snapshot(t, r1.Dir); after != v1 {
		t.Errorf("v1 changed by archiving v2:\nbefore %s\nafter  %s", v1, after)
	}
	for _, f := range []string{"沭政督字〔2021〕31号.pdf", "沭政督字〔2021〕31号.docx", "notice.toml", "seal/seal.png", ManifestName, SignatureName} {
		st, err := os.Stat(filepath.Join(r1.Dir, f))
		if err != nil {
			t.Errorf("v1 lacks %s", f)
			continue
		}
		if st.Mode().Perm()&0o222 != 0 {
			t.Errorf("%s is writable: %v", f, st.Mode())
		}
	}
	if st, _ := os.Stat(r1.Dir); st.Mode().Perm()&0o222 != 0 {
		t.Errorf("version folder writable: %v", st.Mode())
	}
	rep, err := Verify(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() || len(rep.Versions) != 2 {
		t.Errorf("fresh archive: %d versions, problems %v", len(rep.Versions), rep.Problems)
	}
	m := r1.Manifest
	if m.DocNumber != "沭政督字〔2021〕31号" || m.Date != "2021-09-22" || m.DateText != "2021年9月22日" ||
		m.Signer.Subject != "CN=归档测试签名人" || m.Tool != "gongwen test" || m.Archived != "2021-09-22T16:00:00Z" || m.PDFA != "PDF/A-2b" {
		t.Errorf("manifest: %+v", m)
	}
}

// snapshot is every file's path, mode and bytes under dir, as one string.
func snapshot(t *testing.T, dir string) string {
	var b strings.Builder
	filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		st, _ := e.Info()
		b.WriteString(p + " " + st.Mode().String() + " " + st.ModTime().String())
		if !e.IsDir() {
			data, _ := os.ReadFile(p)
			b.WriteString(" " + sha(data))
		}
		b.WriteString("\n")
		return nil
	})
	return b.String()
}

func flip(t *testing.T, name string, at func(b []byte) int) {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	b[at(b)] ^= 0x01
	os.Chmod(filepath.Dir(name), 0o755)
	os.Chmod(name, 0o644)
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func problemsFor(rep *Report, name string) []string {
	var out []string
	for _, p := range rep.Problems {
		if p.Path == name {
			out = append(out, p.What)
		}
	}
	return out
}

func TestVerifyNamesChangedFile(t *testing.T) {
	middle := func(b []byte) int { return len(b) / 2 }
	byteRange := func(b []byte) [4]int64 {
		sigs, err := sign.Verify(b)
		if err != nil || len(sigs) != 1 {
			t.Fatalf("archived PDF: %v", err)
		}
		return sigs[0].ByteRange
	}
	// inside the signed bytes before the signature value
	signed := func(b []byte) int { return int(byteRange(b)[1] / 2) }
	// in the zero padding after the signature value, which no signature
	// covers: only the manifest's SHA-256 sees it
	padding := func(b []byte) int { return int(byteRange(b)[2] - 3) }
	for _, c := range []struct {
		file    string
		at      func([]byte) int
		wantSig bool // the PDF signature check must fail too, here and in pdfsig
	}{
		{"沭政督字〔2021〕31号.pdf", signed, true},
		{"沭政督字〔2021〕31号.pdf", func(b []byte) int { return len(b) - 5 }, true},
		{"沭政督字〔2021〕31号.pdf", padding, false},
		{"沭政督字〔2021〕31号.docx", middle, false},
		{"notice.toml", middle, false},
		{"seal/seal.png", middle, false},
	} {
		dir := tempArchive(t)
		r, err := Archive(testInput(t, "docx bytes"), testOptions(t, dir))
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(r.Dir, filepath.FromSlash(c.file))
		flip(t, name, c.at)
		for _, root := range []string{dir, filepath.Dir(r.Dir), r.Dir} {
			rep, err := Verify(root)
			if err != nil {
				t.Fatal(err)
			}
			got := problemsFor(rep, name)
			if rep.OK() || len(got) == 0 {
				t.Errorf("%s flipped, verify %s: problems %v, none names the file", c.file, root, rep.Problems)
				continue
			}
			if len(rep.Problems) != len(got) {
				t.Errorf("%s flipped: other files named too: %v", c.file, rep.Problems)
			}
			if c.wantSig && len(got) < 2 {
				t.Errorf("%s flipped: the PDF signature check did not fail: %v", c.file, got)
			}
		}
		if c.wantSig {
			prog := tooltest.Need(t, "pdfsig", "poppler-utils")
			out, _ := exec.Command(prog, name).CombinedOutput()
			if bytes.Contains(out, []byte("Signature is Valid")) {
				t.Errorf("pdfsig still calls the flipped PDF valid:\n%s", out)
			}
		}
	}
}

func TestVerifyExtraMissingAndForgedManifest(t *testing.T) {
	dir := tempArchive(t)
	opt := testOptions(t, dir)
	r, err := Archive(testInput(t, "docx"), opt)
	if err != nil {
		t.Fatal(err)
	}
	os.Chmod(r.Dir, 0o755)
	extra := filepath.Join(r.Dir, "extra.txt")
	os.WriteFile(extra, []byte("x"), 0o644)
	stray := filepath.Join(filepath.Dir(r.Dir), "stray.pdf")
	os.WriteFile(stray, []byte("x"), 0o644)
	docx := filepath.Join(r.Dir, "沭政督字〔2021〕31号.docx")
	os.Remove(docx)
	rep, err := Verify(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{extra, stray, docx} {
		if len(problemsFor(rep, p)) == 0 {
			t.Errorf("%s not named: %v", p, rep.Problems)
		}
	}

	// A changed TOML with a manifest edited to match: the manifest's
	// signature gives it away.
	dir = tempArchive(t)
	r, err = Archive(testInput(t, "docx"), testOptions(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	os.Chmod(r.Dir, 0o755)
	toml := filepath.Join(r.Dir, "notice.toml")
	forged := []byte("[head]\nmasthead = \"改过\"\n")
	os.Chmod(toml, 0o644)
	os.WriteFile(toml, forged, 0o644)
	mpath := filepath.Join(r.Dir, ManifestName)
	mj, _ := os.ReadFile(mpath)
	for _, f := range r.Manifest.Files {
		if f.Path == "notice.toml" {
			mj = bytes.Replace(mj, []byte(f.SHA256), []byte(sha(forged)), 1)
		}
	}
	os.Chmod(mpath, 0o644)
	os.WriteFile(mpath, mj, 0o644)
	rep, _ = Verify(dir)
	if got := problemsFor(rep, mpath); len(got) == 0 {
		t.Errorf("forged manifest not noticed: %v", rep.Problems)
	}
}

func TestSafeName(t *testing.T) {
	for in, want := range map[string]string{
		"沭政督字〔2021〕31号": "沭政督字〔2021〕31号",
		"A/B:C*?":       "A_B_C__",
		"名称. ":          "名称",
		"CON":           "_CON",
		"com1":          "_com1",
		"LPT9.txt":      "_LPT9.txt",
		"COM10":         "COM10",
		"CONSOLE":       "CONSOLE",
	} {
		if got := SafeName(in); got != want {
			t.Errorf("SafeName(%q) = %q, want %q", in, got, want)
		}
	}
}

// A removed version leaves a gap in the numbering: verify names it.
func TestVerifyMissingVersion(t *testing.T) {
	dir := tempArchive(t)
	opt := testOptions(t, dir)
	var dirs []string
	for i := 0; i < 3; i++ {
		r, err := Archive(testInput(t, "docx"), opt)
		if err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, r.Dir)
	}
	filepath.WalkDir(dirs[1], func(p string, e fs.DirEntry, err error) error {
		if e.IsDir() {
			os.Chmod(p, 0o755)
		}
		return nil
	})
	if err := os.RemoveAll(dirs[1]); err != nil {
		t.Fatal(err)
	}
	rep, err := Verify(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := problemsFor(rep, dirs[1]); len(got) != 1 || len(rep.Problems) != 1 {
		t.Errorf("v2 removed: problems %v", rep.Problems)
	}
	// The remaining version alone is intact.
	if rep, _ := Verify(dirs[2]); !rep.OK() {
		t.Errorf("v3 alone: %v", rep.Problems)
	}
}

// With a trust anchor, an archive re-signed by someone else is caught even
// though every hash and signature in it is consistent.
func TestVerifyTrust(t *testing.T) {
	dir := tempArchive(t)
	opt := testOptions(t, dir)
	opt.Now = time.Now() // within the certificate's validity
	if _, err := Archive(testInput(t, "docx"), opt); err != nil {
		t.Fatal(err)
	}
	own := x509.NewCertPool()
	own.AddCert(opt.Signer.Cert)
	if rep, err := VerifyWith(dir, VerifyOptions{Trust: own}); err != nil || !rep.OK() {
		t.Fatalf("trusted signer: %v %v", err, rep.Problems)
	}
	other := x509.NewCertPool()
	other.AddCert(testOptions(t, dir).Signer.Cert)
	rep, err := VerifyWith(dir, VerifyOptions{Trust: other})
	if err != nil {
		t.Fatal(err)
	}
	var pdf, manifest bool
	for _, p := range rep.Problems {
		pdf = pdf || strings.HasSuffix(p.Path, ".pdf")
		manifest = manifest || strings.HasSuffix(p.Path, SignatureName)
	}
	if !pdf || !manifest {
		t.Errorf("untrusted signer: problems %v", rep.Problems)
	}
}
