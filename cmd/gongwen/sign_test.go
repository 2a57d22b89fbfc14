package main

import (
	"bytes"
	"crypto/x509/pkix"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"software.sslmate.com/src/go-pkcs12"

	"github.com/gongwen/gongwen/internal/sign"
	"github.com/gongwen/gongwen/internal/sign/signtest"
	"github.com/gongwen/gongwen/internal/tooltest"
)

// keyFiles writes a fresh self-signed certificate and its key as PEM files.
func keyFiles(t *testing.T, dir string) (*sign.Signer, string, string) {
	t.Helper()
	s, err := sign.SelfSigned(pkix.Name{CommonName: "测试签名人", Organization: []string{"演示单位"}}, time.Now().Add(-time.Hour), 48*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	c, k, err := s.PEM()
	if err != nil {
		t.Fatal(err)
	}
	cert, key := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(cert, c, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(key, k, 0o600); err != nil {
		t.Fatal(err)
	}
	return s, cert, key
}

// plainPDF writes a small PDF marked as the PDF writer marks its files.
func plainPDF(t *testing.T, name string) {
	t.Helper()
	if err := os.WriteFile(name, signtest.PDF(t, "gongwen"), 0o644); err != nil {
		t.Fatal(err)
	}
}

func runCmd(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestSignCommand(t *testing.T) {
	dir := t.TempDir()
	_, cert, key := keyFiles(t, dir)
	in := filepath.Join(dir, "通报.pdf")
	plainPDF(t, in)
	out := filepath.Join(dir, "signed.pdf")
	code, stdout, stderr := runCmd("sign", in, "--cert", cert, "--key", key, "--reason", "正式发文（存档在案）", "-o", out)
	if code != 0 {
		t.Fatalf("sign: exit %d\n%s%s", code, stdout, stderr)
	}
	prog := tooltest.Need(t, "pdfsig", "poppler-utils")
	rep, _ := exec.Command(prog, out).CombinedOutput()
	for _, want := range []string{"Signature is Valid", "Total document signed", "CN=测试签名人"} {
		if !strings.Contains(string(rep), want) {
			t.Errorf("pdfsig does not say %q:\n%s", want, rep)
		}
	}
	code, stdout, _ = runCmd("verify", out)
	if code != 0 || !strings.Contains(stdout, "原因 正式发文（存档在案）") || !strings.Contains(stdout, "签名人 测试签名人") {
		t.Errorf("verify signed PDF: exit %d\n%s", code, stdout)
	}
	// --pdfa converts before signing.
	out2 := filepath.Join(dir, "signed-pdfa.pdf")
	if code, _, stderr := runCmd("sign", "--pdfa", in, "--cert", cert, "--key", key, "-o", out2); code != 0 {
		t.Errorf("sign --pdfa: exit %d %s", code, stderr)
	} else if b, _ := os.ReadFile(out2); !bytes.Contains(b, []byte("<pdfaid:part>2</pdfaid:part>")) {
		t.Error("sign --pdfa: no PDF/A identification in the output")
	}
	// The output is never overwritten.
	if code, _, stderr := runCmd("sign", in, "--cert", cert, "--key", key, "-o", out); code != 1 || !strings.Contains(stderr, "已存在") {
		t.Errorf("second sign onto the same output: exit %d, %s", code, stderr)
	}
	// --trust: the signer's own certificate is trusted, another is not.
	if code, out, _ := runCmd("verify", "--trust", cert, out); code != 0 {
		t.Errorf("verify --trust own cert: exit %d\n%s", code, out)
	}
	_, other, _ := keyFiles(t, t.TempDir())
	if code, stdout, _ := runCmd("verify", "--trust", other, out); code != 1 || !strings.Contains(stdout, "不受信任") {
		t.Errorf("verify --trust other cert: exit %d\n%s", code, stdout)
	}
	// An unsigned PDF does not verify.
	if code, _, _ := runCmd("verify", in); code != 1 {
		t.Errorf("verify unsigned PDF: exit %d, want 1", code)
	}
}

func TestSignPasswordNeverOnCommandLine(t *testing.T) {
	dir := t.TempDir()
	s, _, _ := keyFiles(t, dir)
	p12, err := pkcs12.Modern.Encode(s.Key, s.Cert, nil, "秘密口令")
	if err != nil {
		t.Fatal(err)
	}
	pf := filepath.Join(dir, "id.p12")
	os.WriteFile(pf, p12, 0o600)
	in := filepath.Join(dir, "a.pdf")
	plainPDF(t, in)

	code, _, stderr := runCmd("sign", in, "--p12", pf, "--password", "秘密口令")
	if code != 1 || !strings.Contains(stderr, "口令不能写在命令行上") {
		t.Errorf("--password accepted: exit %d %s", code, stderr)
	}
	pw := filepath.Join(dir, "pw.txt")
	os.WriteFile(pw, []byte("秘密口令\n"), 0o600)
	if code, out, stderr := runCmd("sign", in, "--p12", pf, "--password-file", pw, "-o", filepath.Join(dir, "b.pdf")); code != 0 {
		t.Errorf("--password-file: exit %d %s %s", code, out, stderr)
	}
	t.Setenv(passwordEnv, "秘密口令")
	if code, out, stderr := runCmd("sign", in, "--p12", pf, "-o", filepath.Join(dir, "c.pdf")); code != 0 {
		t.Errorf("%s: exit %d %s %s", passwordEnv, code, out, stderr)
	}
	t.Setenv(passwordEnv, "错的")
	if code, _, stderr := runCmd("sign", in, "--p12", pf, "-o", filepath.Join(dir, "d.pdf")); code != 1 || !strings.Contains(stderr, "口令不正确") {
		t.Errorf("wrong password: exit %d %s", code, stderr)
	}
}

// The signing, archive, verify and diff commands speak to a wrong flag as
// every command does (in Chinese, naming it) and keep their own exit status
// 1 for it (2 is diff's "different").
func TestKeyCommandsFlagErrors(t *testing.T) {
	for _, cmd := range []string{"sign", "archive", "verify", "diff"} {
		code, _, stderr := runCmd(cmd, "--bogus", "a", "b")
		if code != 1 || !strings.Contains(stderr, "没有“-bogus”这个选项") || strings.Contains(stderr, "flag provided") {
			t.Errorf("%s --bogus: exit %d, stderr %q", cmd, code, stderr)
		}
		if code, _, stderr := runCmd(cmd, "-h"); code != 0 || !strings.Contains(stderr, "用法：gongwen "+cmd) {
			t.Errorf("%s -h: exit %d, stderr %q", cmd, code, stderr)
		}
	}
}

// Bad input to sign is refused with a message and never leaves a file: not
// a PDF, a PDF cut short, an empty file, a key that is not the
// certificate's.
func TestSignBadInput(t *testing.T) {
	dir := t.TempDir()
	_, cert, key := keyFiles(t, dir)
	_, _, otherKey := keyFiles(t, t.TempDir())
	good := filepath.Join(dir, "good.pdf")
	plainPDF(t, good)
	b, _ := os.ReadFile(good)
	for name, data := range map[string][]byte{"text.pdf": []byte("这不是 PDF"), "cut.pdf": b[:len(b)/2], "empty.pdf": nil} {
		in := filepath.Join(dir, name)
		os.WriteFile(in, data, 0o644)
		out := filepath.Join(dir, "out-"+name)
		code, _, stderr := runCmd("sign", in, "--cert", cert, "--key", key, "-o", out)
		if code != 1 || !strings.Contains(stderr, "不是 PDF 文件，或文件不完整") {
			t.Errorf("%s: exit %d, stderr %q", name, code, stderr)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%s: an output was written", name)
		}
	}
	out := filepath.Join(dir, "mismatch.pdf")
	if code, _, stderr := runCmd("sign", good, "--cert", cert, "--key", otherKey, "-o", out); code != 1 || !strings.Contains(stderr, "私钥与证书不匹配") {
		t.Errorf("key of another certificate: exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("mismatched key: an output was written")
	}
}
