package sign

import (
	"bytes"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/digitorus/pkcs7"
	"software.sslmate.com/src/go-pkcs12"

	"github.com/gongwen/gongwen/internal/sign/signtest"
	"github.com/gongwen/gongwen/internal/tooltest"
)

// testPDF is a small two-page PDF another program wrote (no gongwen
// Producer).
func testPDF(t testing.TB) []byte { return signtest.PDF(t, "") }

// testSigner makes a self-signed certificate for document signing, read
// back through LoadPEM as a clerk's files are.
func testSigner(t testing.TB, rsaKey bool) *Signer {
	t.Helper()
	key := signtest.Key(t, rsaKey)
	cert := signtest.Cert(t, pkix.Name{CommonName: "样例签名人", Organization: []string{"演示单位（非真实机关）"}}, key, nil, nil, false)
	certPEM, keyPEM, err := (&Signer{Cert: cert, Key: key}).PEM()
	if err != nil {
		t.Fatal(err)
	}
	s, err := LoadPEM(certPEM, keyPEM, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Name and reason hold characters whose UTF-16 bytes are "(" (在 U+5728) and
// "\" (局 U+5C40), which broke pdfsign's own string writing.
var testInfo = Info{
	Name:     "县政府办公室（在局）样例签名人",
	Reason:   "正式发文，存档在案",
	Location: "临沭",
	Time:     time.Date(2021, 9, 22, 10, 30, 0, 0, time.FixedZone("CST", 8*3600)),
}

func pdfsig(t *testing.T, b []byte) string {
	t.Helper()
	prog := tooltest.Need(t, "pdfsig", "poppler-utils")
	f := filepath.Join(t.TempDir(), "signed.pdf")
	if err := os.WriteFile(f, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ := exec.Command(prog, f).CombinedOutput() // non-zero exit on invalid signatures
	return string(out)
}

func TestSignPdfsigValid(t *testing.T) {
	for _, rsaKey := range []bool{false, true} {
		in := testPDF(t)
		s := testSigner(t, rsaKey)
		out, err := Sign(in, s, testInfo)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out[:len(in)], in) {
			t.Fatal("signing changed the original bytes; it must only append")
		}
		rep := pdfsig(t, out)
		for _, want := range []string{"Signature is Valid", "Total document signed", "CN=样例签名人"} {
			if !strings.Contains(rep, want) {
				t.Errorf("rsa=%v: pdfsig does not say %q:\n%s", rsaKey, want, rep)
			}
		}
		sigs, err := Verify(out)
		if err != nil {
			t.Fatal(err)
		}
		if len(sigs) != 1 {
			t.Fatalf("Verify found %d signatures, want 1", len(sigs))
		}
		g := sigs[0]
		if !g.Valid || !g.WholeDocument {
			t.Errorf("Verify: valid=%v whole=%v problem=%s", g.Valid, g.WholeDocument, g.Problem)
		}
		if g.Name != testInfo.Name || g.Reason != testInfo.Reason || g.Location != testInfo.Location {
			t.Errorf("Verify read name %q reason %q location %q, want %q %q %q", g.Name, g.Reason, g.Location, testInfo.Name, testInfo.Reason, testInfo.Location)
		}
		if !g.Time.Equal(testInfo.Time) {
			t.Errorf("signing time %v, want %v", g.Time, testInfo.Time)
		}
		if g.Subject != s.Subject() {
			t.Errorf("subject %q, want %q", g.Subject, s.Subject())
		}
	}
}

// Every byte of the signed file matters: a flipped byte anywhere outside the
// signature value makes the signature invalid, for pdfsig and for Verify.
func TestFlippedByte(t *testing.T) {
	out, err := Sign(testPDF(t), testSigner(t, false), testInfo)
	if err != nil {
		t.Fatal(err)
	}
	sigs, _ := Verify(out)
	br := sigs[0].ByteRange
	for _, at := range []int64{br[1] / 2, br[1] - 10, br[2] + 5, int64(len(out)) - 3} {
		bad := bytes.Clone(out)
		bad[at] ^= 0x01
		sigs, err := Verify(bad)
		if err == nil && len(sigs) == 1 && sigs[0].Valid && sigs[0].WholeDocument {
			t.Errorf("byte %d flipped: Verify still says valid", at)
		}
		if at == br[1]/2 {
			if rep := pdfsig(t, bad); strings.Contains(rep, "Signature is Valid") {
				t.Errorf("byte %d flipped: pdfsig still says valid:\n%s", at, rep)
			}
		}
	}
	// Appending after the signature leaves it valid but no longer whole.
	sigs, err = Verify(append(bytes.Clone(out), "\n% appended\n"...))
	if err != nil || len(sigs) != 1 || sigs[0].WholeDocument {
		t.Errorf("appended bytes: whole=%v err=%v", sigs[0].WholeDocument, err)
	}
}

func TestSignTwice(t *testing.T) {
	once, err := Sign(testPDF(t), testSigner(t, false), testInfo)
	if err != nil {
		t.Fatal(err)
	}
	twice, err := Sign(once, testSigner(t, true), Info{Name: "第二签名人", Reason: "审核"})
	if err != nil {
		t.Fatal(err)
	}
	sigs, err := Verify(twice)
	if err != nil || len(sigs) != 2 {
		t.Fatalf("got %d signatures, err %v", len(sigs), err)
	}
	if !sigs[0].Valid || sigs[0].WholeDocument || !sigs[1].Valid || !sigs[1].WholeDocument {
		t.Errorf("first: valid %v whole %v; second: valid %v whole %v", sigs[0].Valid, sigs[0].WholeDocument, sigs[1].Valid, sigs[1].WholeDocument)
	}
	if rep := pdfsig(t, twice); strings.Count(rep, "Signature is Valid") != 2 {
		t.Errorf("pdfsig:\n%s", rep)
	}
}

func TestLoadPKCS12(t *testing.T) {
	s := testSigner(t, false)
	p12, err := pkcs12.Modern.Encode(s.Key, s.Cert, nil, "口令 pass")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := LoadPKCS12(p12, "wrong"); err == nil || !strings.Contains(err.Error(), "口令不正确") {
		t.Errorf("wrong password: %v", err)
	}
	got, err := LoadPKCS12(p12, "口令 pass")
	if err != nil {
		t.Fatal(err)
	}
	if !got.Cert.Equal(s.Cert) {
		t.Error("certificate differs after PKCS#12 round trip")
	}
}

func TestLoadPEMMismatch(t *testing.T) {
	a, b := testSigner(t, false), testSigner(t, false)
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: a.Cert.Raw})
	k8, _ := x509.MarshalPKCS8PrivateKey(b.Key)
	keyPEM := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: k8})
	if _, err := LoadPEM(certPEM, keyPEM, nil); err == nil || !strings.Contains(err.Error(), "不匹配") {
		t.Errorf("mismatched key: %v", err)
	}
}

// A certificate issued by a CA: the chain travels in the signature, and the
// signature is trusted against the CA alone.
func TestSignWithChain(t *testing.T) {
	caKey := signtest.Key(t, false)
	caCert := signtest.Cert(t, pkix.Name{CommonName: "演示根证书"}, caKey, nil, nil, true)
	leafKey := signtest.Key(t, false)
	leaf := signtest.Cert(t, pkix.Name{CommonName: "演示签名人"}, leafKey, caCert, caKey, false)
	s := &Signer{Cert: leaf, Chain: []*x509.Certificate{caCert}, Key: leafKey}
	out, err := Sign(testPDF(t), s, Info{Name: "演示签名人", Reason: "测试", Time: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	sigs, err := Verify(out)
	if err != nil || len(sigs) != 1 || !sigs[0].Valid {
		t.Fatalf("verify: %v %+v", err, sigs)
	}
	roots := x509.NewCertPool()
	roots.AddCert(caCert)
	if err := Trusted(sigs[0].Cert, sigs[0].Certs, roots, sigs[0].Time); err != nil {
		t.Errorf("not trusted against its CA: %v", err)
	}
	other := x509.NewCertPool()
	other.AddCert(testSigner(t, false).Cert)
	if err := Trusted(sigs[0].Cert, sigs[0].Certs, other, sigs[0].Time); err == nil {
		t.Error("trusted against an unrelated certificate")
	}
	if rep := pdfsig(t, out); !strings.Contains(rep, "Signature is Valid") {
		t.Errorf("pdfsig:\n%s", rep)
	}
}

// A signature value with two signers is not one signature: Verify names
// the problem instead of calling it valid with no certificate (which made
// the trust check of an archive dereference a nil certificate).
func TestVerifyTwoSigners(t *testing.T) {
	// A chain makes pdfsign reserve room enough for a second signer.
	rootKey, interKey, leafKey := signtest.Key(t, false), signtest.Key(t, false), signtest.Key(t, false)
	root := signtest.Cert(t, pkix.Name{CommonName: "根"}, rootKey, nil, nil, true)
	inter := signtest.Cert(t, pkix.Name{CommonName: "中间"}, interKey, root, rootKey, true)
	s := &Signer{Cert: signtest.Cert(t, pkix.Name{CommonName: "签名人"}, leafKey, inter, interKey, false), Chain: []*x509.Certificate{inter, root}, Key: leafKey}
	out, err := Sign(testPDF(t), s, testInfo)
	if err != nil {
		t.Fatal(err)
	}
	sigs, _ := Verify(out)
	br := sigs[0].ByteRange
	sd, err := pkcs7.NewSignedData(signedContent(out, br))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []*Signer{testSigner(t, false), testSigner(t, false)} {
		if err := sd.AddSigner(s.Cert, s.Key, pkcs7.SignerInfoConfig{}); err != nil {
			t.Fatal(err)
		}
	}
	sd.Detach()
	cms, err := sd.Finish()
	if err != nil {
		t.Fatal(err)
	}
	h := []byte(strings.ToUpper(hex.EncodeToString(cms)))
	if int64(len(h)) > br[2]-br[1]-2 {
		t.Fatalf("two-signer value of %d hex digits does not fit the %d reserved", len(h), br[2]-br[1]-2)
	}
	forged := bytes.Clone(out)
	copy(forged[br[1]+1:], h)
	for i := br[1] + 1 + int64(len(h)); i < br[2]-1; i++ {
		forged[i] = '0'
	}
	sigs, err = Verify(forged)
	if err != nil || len(sigs) != 1 {
		t.Fatalf("%d signatures, %v", len(sigs), err)
	}
	if sigs[0].Valid || sigs[0].Cert != nil || !strings.Contains(sigs[0].Problem, "恰有一个签名人") {
		t.Errorf("two signers: valid %v, cert %v, problem %q", sigs[0].Valid, sigs[0].Cert != nil, sigs[0].Problem)
	}
}
